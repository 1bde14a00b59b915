"""Receipt layout read from OCR text: the merchant's name, its address and the final total.

A scanned till receipt prints few labels the matcher can trust (OCR turns "TOTAL" into
"T0TAL" or "Tota", "RM" into "RN", "152.00" into "152. 00"), but its layout is regular:

- the merchant: the registered name printed at the top, right before the company
  registration number ("(1120908-M)", "Co. Reg. No: 795225-A") or the tax-id line, or
  ending in that number on its own line; a legal form alone on the next line ("Sdn Bhd")
  belongs to the name;
- the address: the lines between the name and the first phone / tax-id / date / document
  title line, starting at the first line that reads as a street (a number, "Lot", "No",
  "Unit" ...), so an outlet name printed under the company ("IKEA Cheras") is left out;
  printed above the name when nothing address-like follows it;
- the total: the amount on a TOTAL / ROUNDED TOTAL / GRAND TOTAL / AMOUNT DUE / TOTAL
  PAYABLE / TOTAL (INCL. GST) line; a rounded total (or one printed after the rounding
  adjustment) beats an amount due, which beats a total including tax, a plain total and,
  last, a subtotal or a total before tax. Tax summaries, quantities, cash and change are
  never totals.

Each function takes the document's line texts (OCR lines, top to bottom) so the rules can be
checked on a few lines written by hand; `apply` fills the fields of an extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillkit.engine import values
from skillkit.engine.context import Context, Match
from skillkit.engine.fields import Field, parse_value
from skillkit.engine.vocabulary import legal_entity, org_score

# -- OCR normalisation --------------------------------------------------------------------

_WORD_RE = re.compile(r"[a-z0-9]+")
# letters OCR reads for digits; replaced only inside a token that is otherwise a number
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1"})
_SPECK_RE = re.compile(r"(?<=[\d.])[^\d\s.,](?=[\d.])")
_NUMBERISH_RE = re.compile(r"^(?=.*\d)[\dOoDlI|]+(?:[.,][\dOoDlI|]{1,3})?$")


def label_words(text: str) -> list[str]:
    """Lower-case words of a label with OCR's digit-for-letter slips undone ("T0TAL")."""
    words = _WORD_RE.findall(text.lower())
    out = []
    for w in words:
        if re.search(r"[a-z]", w) and re.search(r"\d", w):
            w = w.translate(str.maketrans({"0": "o", "1": "l", "5": "s"}))
        out.append(w)
    return out


def _near(word: str, target: str) -> bool:
    """`word` is `target` or one OCR slip away from it (one letter lost, added or changed)."""
    if word == target:
        return True
    if len(word) < len(target) - 1 or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        return sum(a != b for a, b in zip(word, target, strict=True)) <= 1 and word[0] == target[0]
    short, long_ = (word, target) if len(word) < len(target) else (target, word)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def normalize_amounts(text: str) -> str:
    """Undo OCR's damage to printed amounts: a currency glued to the digits ("RN152.00",
    "RM8.60"), digit look-alikes inside numbers ("RMO.00"), a decimal point set apart or
    doubled ("152. 00", "81..80") and cents split off by a space ("RM8 60", "538 00")."""
    text = re.sub(r"(?<![A-Za-z])[A-Z][A-Za-z]{0,2}(?=[\dOo][\d.,]*\d)", " ", text)
    tokens = []
    for tok in text.split():
        if _NUMBERISH_RE.match(tok):
            tok = tok.translate(_DIGIT_LOOKALIKES)
        else:
            # a speck read inside the number: "12?.3a0" -> "12.30"
            bare = _SPECK_RE.sub("", tok)
            if bare != tok and len(tok) - len(bare) <= 2 and re.fullmatch(r"\d+\.\d{2}", bare):
                tok = bare
        tokens.append(tok)
    text = " ".join(tokens)
    text = re.sub(r"(?<=\d)\.{2,}(?=\d)", ".", text)
    text = re.sub(r"(?<=\d)\s*([.,])\s+(?=\d{2}\b)", r"\1", text)
    text = re.sub(r"(?<=\d)\s+([.,])(?=\d{2}\b)", r"\1", text)
    if not _CENTS_RE.search(text):
        text = re.sub(r"(?<![\d.,])(\d{1,6}) (\d{2})\s*$", r"\1.\2", text)
    return text


_PERCENT_RE = re.compile(r"[@(]?\s*\d+(?:[.,]\d+)?\s*%\)?")
_CENTS_RE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)[.,]\d{2}(?![\d])")


def amounts(text: str) -> list[tuple[float, int]]:
    """The amounts with cents on a receipt line (value with its sign, start offset), after
    OCR normalisation; rates ("@ 6%") and dates are not amounts."""
    text = _PERCENT_RE.sub(" ", text)
    text = values._DATEISH_RE.sub(lambda m: " " * len(m.group(0)), text)
    text = normalize_amounts(text)
    out = []
    for m in _CENTS_RE.finditer(text):
        num = m.group(0)
        if "," in num and "." not in num and re.search(r",\d{2}$", num):
            num = num.replace(",", ".")  # "37,10": a decimal comma on a scan
        value = values.parse_number(num)
        if value is None:
            continue
        sign = -1 if re.search(r"[-\u2212~]\s*$", text[max(0, m.start() - 2) : m.start()]) else 1
        out.append((sign * float(value), m.start()))
    return out


# -- the total ----------------------------------------------------------------------------

_SUMMARY_RE = re.compile(r"\b(?:gst|sst|vat|tax)\s*'?\s*summary\b|\bsummary\b", re.I)
_NOT_TOTAL = {
    "qty", "quantity", "item", "items", "count", "discount", "saving", "savings", "cash",
    "change", "tendered", "tender", "paid", "points", "point", "tax", "gst", "vat", "sst",
    "service", "deposit", "refund", "weight", "pcs", "units",
}  # fmt: skip
_EXCL = {"excl", "excluding", "exclusive", "excluded", "before", "sub", "subtotal", "net"}
_INCL = {"incl", "inclusive", "including", "inc", "gross", "grand"}
_DUE = {"due", "payable"}


@dataclass(frozen=True)
class TotalLine:
    index: int  # line index
    rank: int  # 5 rounded, 4 due/payable, 3 incl. tax / grand, 2 plain, 1 subtotal / excl.
    value: float


def _is_rounding(words: list[str]) -> bool:
    return any(w.startswith("round") or _near(w, "rounding") for w in words)


def _is_adjustment(words: list[str]) -> bool:
    """A rounding adjustment line ("Rounding Adj: -0.02", "Total Rounding Adjustment"), not
    the rounded total ("Total Rounded", "Total After Rounding")."""
    if not _is_rounding(words):
        return False
    totals = any(_near(w, "total") or w in ("subtotal", "amt", "amount") for w in words)
    return not totals or (any(w.startswith("adj") for w in words) and "after" not in words)


def _rank(words: list[str], after_rounding: bool) -> int | None:
    """How final the total on a line with these label words is (None: not a total)."""
    has_total = any(_near(w, "total") or w == "subtotal" for w in words)
    amount_due = any(w in ("amt", "amount", "balance") for w in words) and any(
        w in _DUE for w in words
    )
    if not has_total and not amount_due:
        return None
    if _is_rounding(words) or any(_near(w, "rounded") for w in words):
        return 5
    plain = set(w for w in words if not _near(w, "total"))
    if plain & _NOT_TOTAL and not plain & (_INCL | _DUE):
        return None  # "Total Qty", "Total GST", "Total Discount": not the amount paid
    if after_rounding and not plain & (_EXCL - {"net"}) and "subtotal" not in words:
        return 5  # "Rounding Adjustment:" then "Net Total: 87.10"
    if plain & _EXCL or "subtotal" in words:
        return 1
    if plain & _DUE:
        return 4
    if plain & _INCL:
        return 3
    return 2


def receipt_total(texts: list[str]) -> TotalLine | None:
    """The final total of a receipt (see the module docstring), or None when no line reads
    as a total."""
    found: list[TotalLine] = []
    last_rounding = -10
    for i, text in enumerate(texts):
        if _SUMMARY_RE.search(text) and found:
            break  # the tax summary's "Total" is the tax base and tax, not the amount paid
        nums = amounts(text)
        label = text[: nums[0][1]] if nums else text
        words = label_words(_PERCENT_RE.sub(" ", label))
        if not words:
            continue
        if _is_adjustment(words):
            last_rounding = i
            continue
        rank = _rank(words, after_rounding=0 < i - last_rounding <= 2)
        if rank is None:
            continue
        if not nums and i + 1 < len(texts):
            # the label on its own line, the amount on the next: "TOTAL AMOUNT PAYABLE" / "RM 50.00"
            nxt = texts[i + 1]
            nxt_nums = amounts(nxt)
            if nxt_nums and not label_words(nxt[: nxt_nums[0][1]].replace("RM", "")):
                nums = nxt_nums
        if not nums:
            continue
        found.append(TotalLine(i, rank, abs(nums[-1][0])))
    if not found:
        return None
    best = max(found, key=lambda t: (t.rank, t.index))
    twin = next((t for t in found if t.index == best.index - 1 and t.rank == best.rank), None)
    if twin is not None and twin.value != best.value:
        # "Total 81.80" / "TOTAL:MYR 81.60": the same total printed twice, read two ways;
        # the reading another total line repeats ("SubTotal 81.80") is the right one
        others = [t.value for t in found if t.index not in (best.index, twin.index)]
        if twin.value in others and best.value not in others:
            best = twin
    if best.rank < 5:
        # "Total (Inclusive of GST): 48.16" / "Rounding Adj: -0.01" and no total after it
        later = [t for t in found if t.index > best.index]
        for j in range(best.index + 1, min(best.index + 3, len(texts))):
            words = label_words(texts[j])
            if _is_adjustment(words) and not later:
                adj = amounts(texts[j])
                if adj and 0 < abs(adj[-1][0]) < 0.1:
                    value = round(best.value + adj[-1][0], 2)
                    return TotalLine(best.index, best.rank, value)
    return best


# -- the merchant -------------------------------------------------------------------------

_REG_LABEL_RE = re.compile(
    r"\b(?:co|company|conpany|comp)\b\W{0,3}(?:reg\w*\W{0,3})?(?:reg\w*|no|number)\b|"
    r"\breg(?:istration)?\.?\s*(?:no|number)\b|\bbusiness\s+(?:reg\w*|no)\b",
    re.I,
)
_TAX_ID_RE = re.compile(r"\b(?:gst|sst|vat|tax|cst|tin|abn|ein)\b", re.I)
_CODE_RE = re.compile(r"\d{5,}")
_TRAILING_REG_RE = re.compile(r"\s*[(\[{][^()\[\]{}]*\d{4,}[^()\[\]{}]*[)\]}]?\s*$")
_BARE_REG_RE = re.compile(r"^[\W_]*[A-Z]{0,3}\d{5,}(?:\s*-?\s*[\w%]{1,2})?[\W_]*$")
_LEGAL_ALONE = {"sdn", "bhd", "s/b", "ltd", "limited", "inc", "llc", "plc", "gmbh", "co", "pte"}


def is_registration(text: str) -> bool:
    """A company-registration or tax-id line: "(1120908-M)", "Co. Reg. No: 795225-A",
    "GST ID : 000781500416", "002570632-X"."""
    if not _CODE_RE.search(re.sub(r"[\s-]", "", text)):
        return False
    if _REG_LABEL_RE.search(text) or _BARE_REG_RE.match(text.strip()):
        return True
    paren = _TRAILING_REG_RE.search(text)
    if paren and re.search(r"\d{5,}", paren.group(0)):
        return True  # "(JM0292487-D: 7-D)", "TRI SHAAS SDN BHD (728515-M)"
    return bool(_TAX_ID_RE.search(text)) and bool(re.search(r"\d{6,}", re.sub(r"\s", "", text)))


def _name_text(text: str) -> str:
    """A name line with OCR's gaps closed; "SON BHD" (an O read for the D) is "SDN BHD"."""
    text = re.sub(r"\s{2,}", " ", text).strip(" |.,;:-_'\"“”‘’")
    return re.sub(r"\b([Ss])[Oo0]([Nn])(?=\.?\s+B[Hh][Dd]\b|\.?\s+bhd\b)", r"\1D\2", text)


def _clean_name(text: str) -> bool:
    """OCR text that reads as a name: mostly letters, at least one real word."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3 or letters < 0.6 * len(re.sub(r"\s", "", text)):
        return False
    if re.search(r"\d{4,}", text) or values.parse_phone(text) or values.find_dates(text):
        return False
    return bool(re.search(r"[A-Za-z]{3,}", text))


_STREET_START_RE = re.compile(
    r"^\W*(?:\d|[A-Z]{1,2}-?\d|(?:lot|no|nos|unit|level|lvl|floor|flr|suite|ste|blk|block|bldg|building|"
    r"jalan|jln|lorong|taman|street|st|road|rd|avenue|ave|po|p\.o)\b)",
    re.I,
)
# a five-digit postcode, not a lot or house number ("LOT 26151", "1851-A")
_POSTCODE_RE = re.compile(r"(?<![\d/-])(?<!lot )(?<!no )\b\d{5}\b(?![-/]\d)", re.I)


def _address_like(text: str) -> bool:
    return bool(_STREET_START_RE.match(text) or _POSTCODE_RE.search(text))


def _legal(text: str) -> bool:
    return legal_entity(text) or org_score(text) >= 0.6


def receipt_merchant(texts: list[str], top: int = 14) -> tuple[int, int, str] | None:
    """(first line, last line, name) of the merchant printed at the top: the name on the line
    of, or right before, the first registration / tax-id line; None when the top has none."""
    head = texts[:top]
    for r, text in enumerate(head):
        if not is_registration(text):
            continue
        m = _TRAILING_REG_RE.search(text)
        if m and m.start() > 0:
            prefix = _name_text(text[: m.start()])
            if _clean_name(prefix) and len(label_words(prefix)) >= 2:
                return r, r, prefix
        j = r - 1
        while j > 0 and not re.search(r"[A-Za-z]{2}", head[j]):
            j -= 1  # a speck line between the name and its number
        found = _name_ending(head, j)
        if found is None:
            continue
        first, name = found
        if not _legal(name) and any(_address_like(t) for t in head[:first]):
            continue  # an address above: the line before the number is not the name
        return first, j, name
    for j, text in enumerate(head[:8]):
        # no number under the name: a legal form alone on a line ends the name above it
        if j > 0 and set(label_words(text)) <= _LEGAL_ALONE and label_words(text):
            found = _name_ending(head, j)
            if found is not None:
                return found[0], j, found[1]
    return None


def _name_ending(head: list[str], j: int) -> tuple[int, str] | None:
    """(first line, name) of a name whose last line is `j`; a legal form alone on line `j`
    ("Sdn Bhd") is joined to the line above it."""
    if j < 0:
        return None
    name = _name_text(head[j])
    first = j
    if set(label_words(name)) <= _LEGAL_ALONE and j > 0:
        first = j - 1
        name = f"{_name_text(head[j - 1])} {name}"
    if not _clean_name(name) or _address_like(name):
        return None
    return first, name


# -- the address --------------------------------------------------------------------------

_ADDRESS_STOP_RE = re.compile(
    r"\b(?:tel|telephone|phone|fax|h/?p|hp|mobile|e-?mail|www|gst|sst|vat|tax|invoice|"
    r"receipt|cashier|date|time|table|order|bill|counter|slip|trans)\b|@|https?://",
    re.I,
)
_FIELD_LINE_RE = re.compile(r"^[A-Za-z][A-Za-z .]{1,20}\s*[:;]\s*[\w-]+\s*$")


def _address_stop(text: str) -> bool:
    return bool(
        _ADDRESS_STOP_RE.search(text)
        or values.parse_phone(text)
        or values.find_dates(text)
        or not re.search(r"[A-Za-z]{2}", text)
    )


def _street_block(lines: list[tuple[int, str]]) -> tuple[int, int] | None:
    """The part of a block of lines that is the address: from the first street-like line
    (else the first with a number) to the end."""
    start = next((k for k, (_, t) in enumerate(lines) if _STREET_START_RE.match(t)), None)
    if start is None:
        start = next((k for k, (_, t) in enumerate(lines) if re.search(r"\d", t)), None)
    if start is None:
        return None
    return lines[start][0], lines[-1][0]


def receipt_address(texts: list[str], name_first: int, name_last: int) -> tuple[int, int] | None:
    """(first line, last line) of the merchant's address around its name lines."""
    block: list[tuple[int, str]] = []
    started = False
    postcode_at = None
    for i in range(name_last + 1, min(name_last + 10, len(texts))):
        text = texts[i].strip()
        if postcode_at is not None and i - postcode_at > 1:
            break  # one line after the postcode at most ("(TESCO PUTRA NILAI)", a state)
        if not started and is_registration(text):
            continue
        if _address_stop(text) or (started and is_registration(text)):
            break
        if started and _FIELD_LINE_RE.match(text):
            break  # "Site : 2188": a labelled field after the address
        block.append((i, text))
        started = started or bool(_STREET_START_RE.match(text) or re.search(r"\d", text))
        if started and postcode_at is None and _POSTCODE_RE.search(text):
            postcode_at = i
        if len(block) >= 7:
            break
    span = _street_block(block) if block else None
    if span is not None:
        return span
    above = [(i, texts[i].strip()) for i in range(max(0, name_first - 6), name_first)]
    stops = [k for k, (_, t) in enumerate(above) if _address_stop(t)]
    if stops:
        above = above[stops[-1] + 1 :]  # the lines after the title or phone printed above
    starts = [k for k, (_, t) in enumerate(above) if _STREET_START_RE.match(t)]
    if not starts or not any(_POSTCODE_RE.search(t) for _, t in above):
        return None
    return above[starts[0]][0], above[-1][0]


def address_text(texts: list[str], first: int, last: int) -> str:
    """The address lines joined by single spaces; "§" read for a "5" in a number is undone."""
    joined = " ".join(re.sub(r"\s{2,}", " ", texts[i].strip()) for i in range(first, last + 1))
    return re.sub(r"§(?=\d)", "5", joined)


# -- filling an extraction ----------------------------------------------------------------


def _speck(token: str) -> bool:
    """A mark OCR reads off dirt or the paper's edge: no letter or digit, one or two stray
    lower-case letters ("ee"), or a short token with a quote or a bar in it ("9”")."""
    if not re.search(r"[A-Za-z0-9]", token):
        return True
    if len(token) <= 2 and (token.islower() or re.search(r"[\"“”‘’|`^*°«»©®]", token)):
        return True
    return False


def scan_lines(ctx: Context) -> list[tuple[int, str]]:
    """(line index, text) of the document's lines without the specks OCR reads at a scan's
    edges: marks and stray lower-case letters ("|", ":", "ee") at either end of a line are
    dropped, and lines left with fewer than three letters or digits ("7", "oo")."""
    out = []
    for li, line in enumerate(ctx.lines):
        parts = [p.strip() for p in (s.text for s in line.segments)]
        parts = [p for p in parts if not _speck(p)]
        text = "  ".join(parts)
        words = text.split(" ")
        while words and (not words[0] or _speck(words[0])):
            words.pop(0)
        while words and (not words[-1] or _speck(words[-1])):
            words.pop()
        text = " ".join(words)
        if len(re.findall(r"[A-Za-z0-9]", text)) >= 3:
            out.append((li, text))
    return out


def _labelled(m: Match | None) -> bool:
    return m is not None and bool(m.label) and m.label != "receipt"


def apply(
    ctx: Context,
    merchant: Field | None,
    address: Field | None,
    total: Field | None,
    taken: dict[int, Match],
) -> None:
    """Fill the merchant name, its address and the total of a scanned receipt from its
    layout where the rules above find them. The total replaces what the labels gave (OCR
    damages "TOTAL" lines more than their layout); the name and the address replace only a
    reading no label printed on the page named ("Merchant:", "Address:")."""
    scan = scan_lines(ctx)
    if not scan:
        return
    first_page = ctx.lines[scan[0][0]].page
    head = [(li, t) for li, t in scan if ctx.lines[li].page == first_page]
    texts = [t for _, t in head]
    name_span: tuple[int, int] | None = None
    if address is not None and _labelled(taken.get(id(address))):
        address = None  # "Address: ..." printed on the page: the label's reading stands
    # likewise "Merchant: ..."; otherwise the layout's name replaces the most prominent line
    if merchant is not None and not _labelled(taken.get(id(merchant))):
        found = receipt_merchant(texts)
        if found is not None:
            first, last, name = found
            value = parse_value(merchant, name)
            if value is not None:
                line = ctx.lines[head[first][0]]
                key = (head[first][0], -1, -1)
                taken[id(merchant)] = Match(
                    merchant, value, 0.5, line.page, line.bbox, "receipt", key=key
                )
                name_span = (first, last)
    if merchant is not None and name_span is None and id(merchant) in taken:
        # the name the other rules found (the most prominent line) anchors the address
        key = taken[id(merchant)].key
        position = {li: k for k, (li, _) in enumerate(head)}
        if isinstance(key, tuple) and key and key[0] in position:
            name_span = (position[key[0]], position[key[0]])
    if address is not None and name_span is not None:
        span = receipt_address(texts, *name_span)
        if span is not None:
            value = parse_value(address, address_text(texts, *span))
            if value:
                line = ctx.lines[head[span[0]][0]]
                taken[id(address)] = Match(address, value, 0.45, line.page, line.bbox, "receipt")
    if total is not None:
        found_total = receipt_total([t for _, t in scan])
        if found_total is not None:
            line = ctx.lines[scan[found_total.index][0]]
            taken[id(total)] = Match(total, found_total.value, 0.5, line.page, line.bbox, "receipt")
