"""Parse the text found beside a label into a value of the schema's type.

Every parser takes a piece of document text and returns the value, or None when the text
holds no value of that type (the matcher then tries the next candidate). Parsers look for
the value *inside* the text ("Total: USD 1,234.50 (paid)" -> 1234.5), so a segment with a
little extra text still parses.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from skillkit.dates import MONTHS, ORDINAL, alternation

# -- numbers ------------------------------------------------------------------------------

CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₫": "VND",
    "₱": "PHP",
    "฿": "THB",
    "zł": "PLN",
    "kr": "SEK",
    "CHF": "CHF",
    "Fr.": "CHF",
    "RM": "MYR",
}
CURRENCY_CODES = frozenset(
    "USD EUR GBP JPY CNY INR CAD AUD NZD CHF SEK NOK DKK PLN CZK HUF BRL MXN ZAR SGD HKD KRW "
    "RUB TRY ILS AED SAR THB PHP VND IDR MYR NGN KES EGP ARS CLP COP PEN TWD RMB".split()
)

_NUM_RE = re.compile(
    r"(?P<open>\()?\s*(?P<sign>[-+\u2212])?\s*"
    r"(?P<cur>(?:(?<![A-Za-z])[A-Z]{3}|(?<![A-Za-z])[A-Z]{1,2}\$|[$€£¥₹₩₽₺₪₫₱฿]"
    # the ringgit's "RM" only before an amount with cents ("RM9.75"; "RM 204" is a room)
    r"|(?<![A-Za-z])RM(?=\s?\d+(?:,\d{3})*[.,]\d{2}(?!\d)))\s?)?\s*(?P<sign2>[-\u2212])?"
    r"(?P<num>\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"  # Indian lakh grouping: 12,34,567.50
    r"|\d{1,3}(?:[,.'\u2019\u202f\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)"
    r"(?P<close>\))?(?P<trail>-(?!\d))?"
    # "450.00 CR": a credit on a statement, printed as a suffix instead of a minus sign
    r"(?P<cr>\s?(?:CR|Cr)\b(?!\s*\d))?"
)
_DATEISH_RE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b|\b\d{1,2}:\d{2}(?::\d{2})?\b")


def _to_float(num: str) -> float | int | None:
    """Decide which of ',' and '.' is the decimal separator; the other groups thousands."""
    num = num.replace("'", "").replace("\u2019", "").replace("\u202f", "").replace("\u00a0", "")
    if " " in num:
        num = num.replace(" ", "")
    has_comma, has_dot = "," in num, "." in num
    if has_comma and has_dot:
        if num.rfind(",") > num.rfind("."):
            num = num.replace(".", "").replace(",", ".")
        else:
            num = num.replace(",", "")
    elif has_comma:
        parts = num.split(",")
        if len(parts) == 2 and len(parts[1]) != 3:
            num = parts[0] + "." + parts[1]  # "12,50" -> European decimal comma
        else:
            num = num.replace(",", "")  # "1,234" / "1,234,567" -> thousands
    elif has_dot:
        parts = num.split(".")
        if len(parts) > 2:
            num = num.replace(".", "")  # "1.234.567" -> European thousands
    try:
        return int(num) if num.isdigit() else float(num)
    except ValueError:
        return None


@dataclass(frozen=True)
class Money:
    value: float | int
    currency: str | None
    span: tuple[int, int]


def find_numbers(text: str) -> list[Money]:
    """All numbers in `text` with their currency where one is written next to them."""
    return list(_find_numbers(text))


@functools.lru_cache(maxsize=8192)
def _find_numbers(text: str) -> tuple[Money, ...]:
    """Cached: the matchers, tables and fallbacks read the same segments many times."""
    masked = _DATEISH_RE.sub(lambda m: " " * len(m.group(0)), text)
    found: list[Money] = []
    for m in _NUM_RE.finditer(masked):
        value = _to_float(m.group("num"))
        if value is None:
            continue
        negative = bool(
            (m.group("open") and m.group("close"))
            or m.group("sign") in ("-", "\u2212")
            or m.group("sign2")
            or m.group("trail")
            or m.group("cr")
        )
        start = m.start("num")
        # A hyphen glued to letters before it is a code ("INV-1001"), not a minus sign.
        if m.group("sign") and m.start("sign") > 0 and masked[m.start("sign") - 1].isalnum():
            negative = False
        if start > 0 and masked[start - 1].isalpha() and not m.group("cur"):
            continue  # part of an identifier such as "INV2026"
        end = m.end("num")
        if end < len(masked) and masked[end].isalpha() and masked[end : end + 1] not in ("k",):
            # "12pcs" is a number, "2nd" or "A4B" is not
            tail = re.match(r"[A-Za-z]+", masked[end:])
            if tail and tail.group(0).lower() not in ("pcs", "pc", "x", "h", "hr", "hrs", "ea"):
                continue
        cur = (m.group("cur") or "").strip()
        if cur.isalpha() and cur not in CURRENCY_CODES and cur not in CURRENCY_SYMBOLS:
            continue  # a code such as "INV-1001" or "ABC 12"
        code = currency_code(cur) if cur else None
        if code is None:
            code = currency_code(text[max(0, m.start() - 4) : m.start()] + " ") or currency_code(
                " " + text[m.end() : m.end() + 5]
            )
        found.append(Money(-abs(value) if negative else value, code, (m.start(), m.end())))
    return tuple(found)


def parse_number(text: str) -> float | int | None:
    """The number in `text` (an int when written without decimals, as printed)."""
    nums = find_numbers(text)
    if not nums:
        return None
    # A percentage next to an amount ("Tax (8%)  7.20") is usually not the value asked for.
    plain = [n for n in nums if not text[n.span[1] : n.span[1] + 2].strip().startswith("%")]
    return (plain or nums)[-1 if len(plain) > 1 and _label_like(text) else 0].value


def _label_like(text: str) -> bool:
    return bool(re.match(r"^\s*[A-Za-z][A-Za-z .#/&()-]*[:(]", text))


def parse_integer(text: str) -> int | None:
    value = parse_number(text)
    if value is None or abs(value - round(value)) > 1e-9:
        return None
    return int(round(value))


_WORD_SYMBOLS = ("kr", "Fr.", "CHF", "zł", "RM")
_CODE_RE = re.compile(r"\b[A-Z]{3}\b")
_SYMBOL_RE = re.compile(
    "|".join(
        rf"(?<![A-Za-z]){re.escape(sym)}(?![A-Za-z])" if sym in _WORD_SYMBOLS else re.escape(sym)
        for sym in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
    )
)


def currency_code(text: str) -> str | None:
    """An ISO 4217 code from a code or symbol in `text` ("$" -> USD, "€" -> EUR)."""
    for code in _CODE_RE.findall(text):
        if code in CURRENCY_CODES:
            return "CNY" if code == "RMB" else code
    best: tuple[int, str] | None = None
    for m in _SYMBOL_RE.finditer(text):
        sym = m.group(0)
        # a longer symbol ("C$") wins over its tail ("$") at the same place
        if best is None or len(sym) > len(best[1]):
            best = (m.start(), sym)
        break
    return CURRENCY_SYMBOLS[best[1]] if best else None


# -- dates --------------------------------------------------------------------------------

_MONTH_ALT = alternation(MONTHS)
_ORD = ORDINAL
_TIME = r"(?:[ T,]+(?:at\s+)?(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"

_DATE_PATTERNS = [
    # 2026-03-15, 2026/03/15, 2026.03.15
    ("ymd", re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)" + _TIME)),
    # 15 March 2026, 3rd Mar 2026, 03-Mar-2026
    (
        "dMy",
        re.compile(
            rf"(?<!\w)(?P<d>\d{{1,2}}){_ORD}[\s\-./]*(?:of\s+)?(?P<mon>{_MONTH_ALT})\.?,?[\s\-./]*(?P<y>\d{{4}}|'?\d{{2}})(?!\d)"
            + _TIME,
            re.IGNORECASE,
        ),
    ),
    # March 3, 2026, Mar 03 2026, Mar-03-2026
    (
        "Mdy",
        re.compile(
            rf"(?<!\w)(?P<mon>{_MONTH_ALT})\.?[\s\-./]*(?P<d>\d{{1,2}}){_ORD},?[\s\-./]+(?P<y>\d{{4}}|'?\d{{2}})(?!\d)"
            + _TIME,
            re.IGNORECASE,
        ),
    ),
    # 2026-Mar-03
    (
        "yMd",
        re.compile(
            rf"(?<!\d)(?P<y>\d{{4}})[\s\-./]+(?P<mon>{_MONTH_ALT})\.?[\s\-./]+(?P<d>\d{{1,2}})(?!\d)"
            + _TIME,
            re.IGNORECASE,
        ),
    ),
    # 03/15/2026, 15.03.2026, 15-03-26
    (
        "num",
        re.compile(
            r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/])"
            + _TIME
        ),
    ),
]
_RSEP = r"\s*(?:[-\u2013\u2014]|\bto\b|\bthrough\b|\btill\b|\buntil\b)\s*"
_SHARED_YEAR_RANGE_RE = re.compile(
    # month first: "April 22-24, 2026", "Jan 2 - Feb 1, 2026"
    rf"(?<!\w)(?P<m1>{_MONTH_ALT})\.?\s+(?P<d1>\d{{1,2}}){_ORD}{_RSEP}"
    rf"(?:(?P<m2>{_MONTH_ALT})\.?\s+)?(?P<d2>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})(?![\d:])"
    # day first: "22-24 April 2026", "2 Jan - 1 Feb 2026"
    rf"|(?<![\w/.-])(?P<e1>\d{{1,2}}){_ORD}(?:\s+(?P<n1>{_MONTH_ALT})\.?)?{_RSEP}"
    rf"(?P<e2>\d{{1,2}}){_ORD}\s+(?P<n2>{_MONTH_ALT})\.?,?\s+(?P<y2>\d{{4}})(?![\d:])",
    re.IGNORECASE,
)
_MONTH_YEAR_RE = re.compile(
    rf"(?<!\w)(?P<mon>{_MONTH_ALT})\.?,?\s*'?(?P<y>\d{{4}}|\d{{2}})(?!\d)", re.IGNORECASE
)
_NUM_MONTH_YEAR_RE = re.compile(r"(?<![\d/.-])(?P<m>\d{1,2})[/.-](?P<y>\d{4})(?![\d/.-])")
_YEAR_RE = re.compile(r"(?<![\d.,$€£-])(?P<y>(?:19|20)\d{2})(?![\d.,])")


@dataclass(frozen=True)
class DateValue:
    year: int
    month: int | None
    day: int | None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    span: tuple[int, int] = (0, 0)

    def iso_date(self) -> str:
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}"

    def iso_month(self) -> str:
        return f"{self.year:04d}-{self.month or 1:02d}"

    def iso_datetime(self) -> str:
        return (
            f"{self.iso_date()}T{self.hour or 0:02d}:{self.minute or 0:02d}:{self.second or 0:02d}"
        )


def _year(text: str) -> int:
    y = int(text.lstrip("'"))
    if y < 100:
        y += 2000 if y < 70 else 1900
    return y


def _valid(y: int, m: int, d: int) -> bool:
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1000 <= y <= 2999):
        return False
    days = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30]
    days += [31, 31, 30, 31, 30, 31]
    return d <= days[m - 1]


def _with_time(m: re.Match, y: int, mo: int, d: int) -> DateValue:
    h = m.group("h")
    if h is None:
        return DateValue(y, mo, d, span=(m.start(), m.end()))
    hour = int(h)
    ampm = (m.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    second = int(m.group("s")) if m.group("s") else 0
    return DateValue(y, mo, d, hour, int(m.group("mi")), second, span=(m.start(), m.end()))


def find_dates(
    text: str, *, dayfirst: bool | None = None, partial: bool = False
) -> list[DateValue]:
    """Every full date in `text`, in order; with `partial`, also "March 2026" and "2026".

    A numeric date like 04/05/2026 is read month-first unless the day must come first
    (a part above 12), the separator is a dot (European style), or `dayfirst` says so.
    """
    return list(_find_dates(text, dayfirst, partial))


@functools.lru_cache(maxsize=8192)
def _find_dates(text: str, dayfirst: bool | None, partial: bool) -> tuple[DateValue, ...]:
    found: list[DateValue] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _SHARED_YEAR_RANGE_RE.finditer(text):
        # "Jan 2 - Feb 1, 2026", "April 22-24, 2026", "22-24 April 2026": year (and month)
        # written once for both ends of the range.
        g = m.groupdict()
        y = int(g["y"] or g["y2"])
        if g["m1"]:
            name1, name2, d1, d2 = g["m1"], g["m2"] or g["m1"], int(g["d1"]), int(g["d2"])
            split, second = m.end("d1"), m.start("m2") if g["m2"] else m.start("d2")
        else:
            name1, name2, d1, d2 = g["n1"] or g["n2"], g["n2"], int(g["e1"]), int(g["e2"])
            split, second = m.end("n1") if g["n1"] else m.end("e1"), m.start("e2")
        mo1, mo2 = MONTHS[name1.lower()], MONTHS[name2.lower()]
        y1 = y - 1 if mo2 < mo1 else y
        if not (_valid(y1, mo1, d1) and _valid(y, mo2, d2)) or (mo1, d1) == (mo2, d2):
            continue
        found.append(DateValue(y1, mo1, d1, span=(m.start(), split)))
        found.append(DateValue(y, mo2, d2, span=(second, m.end())))
        taken.append((m.start(), m.end()))
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if kind == "num":
                a, b, y = int(m.group("a")), int(m.group("b")), _year(m.group("y"))
                if a > 12 and b <= 12:
                    d, mo = a, b
                elif b > 12 and a <= 12:
                    d, mo = b, a
                elif dayfirst is True or (dayfirst is None and m.group("sep") == "."):
                    d, mo = a, b
                else:
                    d, mo = b, a
            else:
                y = _year(m.group("y"))
                d = int(m.group("d"))
                mo = int(m.group("m")) if "m" in m.groupdict() and m.group("m") else 0
                if not mo:
                    mo = MONTHS[m.group("mon").lower()]
            if not _valid(y, mo, d):
                continue
            found.append(_with_time(m, y, mo, d))
            taken.append((m.start(), m.end()))
    if partial:
        for pattern in (_MONTH_YEAR_RE, _NUM_MONTH_YEAR_RE):
            for m in pattern.finditer(text):
                if not free(m.start(), m.end()):
                    continue
                mo = MONTHS[m.group("mon").lower()] if "mon" in m.groupdict() else int(m.group("m"))
                if 1 <= mo <= 12:
                    found.append(
                        DateValue(_year(m.group("y")), mo, None, span=(m.start(), m.end()))
                    )
                    taken.append((m.start(), m.end()))
        for m in _YEAR_RE.finditer(text):
            if free(m.start(), m.end()):
                found.append(DateValue(int(m.group("y")), None, None, span=(m.start(), m.end())))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda v: v.span)
    return tuple(found)


def date_order_hint(texts: list[str]) -> bool | None:
    """Day-first if any numeric date in the document can only be read day-first, and so on."""
    votes = 0
    for text in texts:
        for m in _DATE_PATTERNS[-1][1].finditer(text):
            a, b = int(m.group("a")), int(m.group("b"))
            if a > 12 >= b:
                votes += 1
            elif b > 12 >= a:
                votes -= 1
    if votes:
        return votes > 0
    # No date settles it: fall back on where the document is from. Day-first is the norm
    # everywhere except the US (and a few others), so a non-US currency or country decides.
    text = " ".join(texts)
    if _MONTH_FIRST_CUES.search(text):
        return None
    if _DAY_FIRST_CUES.search(text):
        return True
    return None


_DAY_FIRST_CUES = re.compile(
    r"[£€₹]|\bA\$|\bNZ\$|\b(?:GBP|EUR|AUD|NZD|INR|ZAR|SGD|HKD|CHF)\b"
    r"|\b(?:ABN|GSTIN|VAT\s+(?:Reg|No|Number)|IVA|NIF|CIF|MwSt|MWST|USt|TVA|SIRET|Pty\s+Ltd)\b"
    r"|\b(?:United Kingdom|England|Scotland|Wales|Ireland|Australia|New Zealand|India|"
    r"South Africa|Singapore|España|Spain|France|Deutschland|Germany|Italia|Italy|Nederland|"
    r"Schweiz|Suisse|Switzerland|Österreich|Austria|Belgique|Belgium|Portugal|Brasil|Brazil|"
    r"Mexico|México)\b"
)
_MONTH_FIRST_CUES = re.compile(r"\b(?:USA|U\.S\.A\.|United States|USD|US\$)\b")


PRESENT_RE = re.compile(
    r"\b(present|current|currently|now|today|ongoing|to date|date)\b", re.IGNORECASE
)
RANGE_SEP_RE = re.compile(
    r"\s*(?:[-\u2013\u2014\u2012~]|\bto\b|\btill\b|\buntil\b|\bthrough\b)\s*", re.I
)


@dataclass(frozen=True)
class DateRange:
    start: DateValue | None
    end: DateValue | None
    present: bool
    span: tuple[int, int]


def find_date_range(text: str, *, dayfirst: bool | None = None) -> DateRange | None:
    """A range like "Jan 2020 - Present" or "2018 to 2020" (present -> open end)."""
    dates = find_dates(text, dayfirst=dayfirst, partial=True)
    for i, first in enumerate(dates):
        rest = text[first.span[1] :]
        sep = RANGE_SEP_RE.match(rest)
        if not sep:
            continue
        after = first.span[1] + sep.end()
        if i + 1 < len(dates) and dates[i + 1].span[0] == after:
            second = dates[i + 1]
            return DateRange(first, second, False, (first.span[0], second.span[1]))
        present = PRESENT_RE.match(text[after:])
        if present:
            return DateRange(first, None, True, (first.span[0], after + present.end()))
    return None


# -- other scalar types ------------------------------------------------------------------

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|co|ai|app|me|info|biz|us|uk|de|eu)(?:/[^\s<>\"')]*)?\b",
    re.IGNORECASE,
)
PHONE_RE = re.compile(
    r"(?<![\w@.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.\-/]{5,}\d(?![\w@])"
)
TRUE_WORDS = {"yes", "y", "true", "t", "x", "✓", "✔", "☑", "☒", "checked", "on", "1", "paid"}
FALSE_WORDS = {"no", "n", "false", "f", "☐", "unchecked", "off", "0", "none", "unpaid", "-"}


def parse_email(text: str) -> str | None:
    m = EMAIL_RE.search(text)
    return m.group(0).rstrip(".") if m else None


def parse_phone(text: str) -> str | None:
    for m in PHONE_RE.finditer(text):
        candidate = m.group(0).strip(" .-/")
        digits = re.sub(r"\D", "", candidate)
        if 7 <= len(digits) <= 15 and not find_dates(candidate):
            return candidate
    return None


def parse_url(text: str) -> str | None:
    for m in URL_RE.finditer(text):
        if "@" in text[max(0, m.start() - 1) : m.start()]:
            continue  # the domain of an email address
        return m.group(0).rstrip(".,;")
    return None


_BOX = r"(?:\[\s*(?P<on1>[xX✓✔*])?\s*\]|\(\s*(?P<on2>[xX✓✔*])?\s*\)|(?P<on3>[☒☑■✓✔])|[☐□])"
_BOX_RE = re.compile(_BOX + r"\s*(?P<label>[^\[\]()☐☒☑■□✓✔]*)")


def checked_options(text: str) -> list[str] | None:
    """'[x] Yes  [ ] No' -> ['Yes']; None when the text has no check boxes."""
    found = list(_BOX_RE.finditer(text))
    if not found or not any(m.group(0).strip()[:1] in "[(☐□☒☑■" for m in found):
        return None
    return [
        m.group("label").strip()
        for m in found
        if m.group("on1") or m.group("on2") or m.group("on3")
    ]


def parse_bool(text: str) -> bool | None:
    boxes = checked_options(text)
    if boxes is not None:
        if len(boxes) == 1 and boxes[0]:
            answer = parse_bool(boxes[0])
            if answer is not None:
                return answer
        return bool(boxes) if len(_BOX_RE.findall(text)) == 1 else None
    t = text.strip().lower().strip(".:")
    if t in TRUE_WORDS:
        return True
    if t in FALSE_WORDS:
        return False
    first = t.split()[0] if t.split() else ""
    if first in ("yes", "true", "✓", "✔", "☑", "☒", "enrolled", "enabled", "active"):
        return True
    if first in ("no", "false", "☐", "not", "inactive", "disabled"):
        return False
    return None


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def match_enum(text: str, options: list) -> tuple[object, float] | None:
    """The enum option closest to `text` and how close (1.0 exact, else a similarity)."""
    strings = [o for o in options if isinstance(o, str)]
    if not strings:
        return None
    t = _norm(text)
    if not t:
        return None
    for o in strings:
        if _norm(o) == t:
            return o, 1.0
    words = set(t.split())
    for o in strings:
        ow = _norm(o)
        if ow and (ow in words or re.search(rf"\b{re.escape(ow)}\b", t)):
            return o, 0.9
    code = currency_code(text)
    if code and code in strings:
        return code, 0.9
    best, score = None, 0.0
    for o in strings:
        s = difflib.SequenceMatcher(None, t, _norm(o)).ratio()
        if s > score:
            best, score = o, s
    if best is not None and score >= 0.75:
        return best, score
    return None


def clean_string(text: str) -> str:
    """Trim whitespace, stray separators and surrounding quotes from a text value."""
    text = " ".join(text.split())
    text = text.strip(" :|\u2022\u00b7")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    return text.strip()
