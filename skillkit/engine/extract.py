"""Fill a JSON Schema from one document, deterministically (no model, no network).

Order of work: arrays first (tables, item lists and sections take their lines out of play),
then labelled scalar values (see `matching`), then fallbacks for fields no label named:
- emails, phone numbers, URLs, the document's main date, a time of day: the first one
  of that type in the document not already used;
- a currency: the code or symbol printed with the amounts ($ -> USD, € -> EUR, £ -> GBP);
- the issuer's name (vendor, merchant, company, or a top-level "name"): the most prominent
  line at the top of the first page — largest font, then bold, then first — skipping the
  document-type word ("INVOICE"), dates, amounts and contact details;
- a place ("location", "city"): the first "City, ST"-shaped text;
- a payment method: the first payment word (VISA, cash, debit card ...; plus the examples
  a description gives with "e.g.").
Anything still missing gets the default described in `schema` (null where allowed).
A scanned image (OCR) takes its merchant name, address and total from the receipt layout
rules of `receipts` where they find them, over labels the OCR may have damaged.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillkit.engine import receipts, taxids, values, vocabulary, yearless
from skillkit.engine.addresses import fill_addresses, home_currency
from skillkit.engine.adjustments import discount_proposals
from skillkit.engine.categories import (
    fill_category_lists,
    grouped_section,
    name_child,
    named_list,
)
from skillkit.engine.context import Context, Match, split_parts
from skillkit.engine.directions import settle_directions
from skillkit.engine.doctitle import due_proposals, title_proposals
from skillkit.engine.document import Document
from skillkit.engine.fields import (
    MISSING,
    Field,
    find_time,
    looks_like_name,
    parse_value,
    render_time,
    root_fields,
)
from skillkit.engine.labels import tokens
from skillkit.engine.matching import assign, find_matches
from skillkit.engine.pagination import is_page_caption, is_page_count, page_match
from skillkit.engine.parties import fill_party_addresses, fill_party_names, window_proposals
from skillkit.engine.payments import is_payment_kind, payment_kind_match
from skillkit.engine.readers import read
from skillkit.engine.schema import conform, default_for, main_type, resolve
from skillkit.engine.sections import (
    find_section,
    section_items,
    section_lines,
    split_list,
    string_items,
)
from skillkit.engine.tables import priced_lines, table_items
from skillkit.engine.totals import reconcile_totals
from skillkit.engine.vocabulary import legal_entity, org_score
from skillkit.errors import EngineError
from skillkit.limits import Limits

SCALAR_KINDS = ("string", "number", "integer")


@dataclass
class Extraction:
    """The engine's answer: `data` validates against the schema (plus `_metadata` if asked)."""

    data: dict
    pages: int
    element_type: str
    ocr: str | None = None  # which OCR read the document (images only): "rapidocr", "tesseract"


def read_document(
    path: Path | str, page_indices: list[int] | None = None, limits: Limits | None = None
) -> Document:
    """Read a document into the format-independent model (only `page_indices` if given),
    within the per-document `limits` (skillkit.limits; the defaults when None)."""
    return read(Path(path), page_indices=page_indices, limits=limits)


def extract(
    path: Path | str,
    schema: dict,
    *,
    page_indices: list[int] | None = None,
    grounding: bool = False,
    confidence: bool = False,
    instructions: str | None = None,
    limits: Limits | None = None,
) -> Extraction:
    """Fill `schema` from the document at `path`.

    `instructions` (a skill's SKILL.md body) is accepted for API parity and not interpreted:
    the engine follows the schema's names, titles and descriptions only. `limits` bounds the
    document (pages, characters, zip sizes, pixels); the time and memory limits need a worker
    process (`skillkit.engine.pool`).
    """
    if not isinstance(schema, dict):
        raise EngineError("the output schema must be a JSON object")
    doc = read_document(path, page_indices, limits)
    return extract_document(doc, schema, grounding=grounding, confidence=confidence)


def extract_document(
    doc: Document, schema: dict, *, grounding: bool = False, confidence: bool = False
) -> Extraction:
    """Fill `schema` from a document already read; dates without a year ("16 Dec") take
    theirs from the document's statement period or first date (see `yearless`)."""
    with yearless.document_dates([ln.text for ln in doc.lines]):
        return _extract_document(doc, schema, grounding=grounding, confidence=confidence)


def _extract_document(
    doc: Document, schema: dict, *, grounding: bool = False, confidence: bool = False
) -> Extraction:
    root, _ = resolve(schema, schema)
    if main_type(root) not in ("object", None):
        # only object schemas have fields to match; anything else gets its valid default
        data = conform(default_for(schema, schema), schema)
        return Extraction(
            data=data, pages=len(doc.pages), element_type=doc.element_type, ocr=doc.ocr
        )
    ctx = Context.build(doc, root.get("title") or "")
    fields = root_fields(schema)
    ctx.index_fields(fields)
    found: dict[int, Any] = {}
    meta: dict[str, dict] = {}

    scalars = [f for f in fields if f.kind not in ("array", "object")]
    stop_fields = [f for f in scalars if f.kind in ("number", "integer")] or scalars

    # 1. arrays (also those inside objects); sibling lists named by category lines first
    found.update(fill_category_lists(ctx, _flatten_objects(fields)))
    for f in _flatten_arrays(fields):
        if id(f) not in found:
            found[id(f)] = _array(ctx, f, stop_fields)
            if f.item is not None and f.item.kind == "object":
                settle_directions(f.item, found[id(f)])

    # 2. labelled scalars, top level and one level of nested objects
    taken: dict[int, Match] = {}
    proposals = find_matches(ctx, _flatten_scalars(fields))
    for f in fields:
        if f.kind == "object":
            proposals.extend(_object_proposals(ctx, f))
    proposals.extend(discount_proposals(ctx, [f for f in fields if f.kind in SCALAR_KINDS]))
    proposals.extend(window_proposals(ctx, _flatten_scalars(fields)))
    proposals.extend(title_proposals(ctx, _flatten_scalars(fields)))
    proposals.extend(due_proposals(ctx, _flatten_scalars(fields)))
    for f in _flatten_scalars(fields):
        if _is_payment(f):
            # a payment word ("VISA", "CASH") outranks a weak label such as "Card:"
            m = _payment(ctx, f)
            if m is not None:
                m.score = 0.45
                proposals.append(m)
    assign(ctx, proposals, taken)
    # unlabelled party names under "Bill To", "Ship To", "Prepared for" ... headings
    fill_party_names(ctx, _flatten_scalars(fields), taken)

    # 3. fallbacks
    for f in _flatten_scalars(fields):
        if id(f) not in taken:
            m = _fallback(ctx, f, top_level=f.depth == 0)
            if m is not None:
                taken[id(f)] = m
                if m.key is not None:
                    ctx.used.add(m.key)

    for f in _flatten_scalars(fields):
        if is_page_count(f) or is_page_caption(f):
            m = page_match(ctx, f)
            if m is not None:
                taken[id(f)] = m
        if id(f) not in taken and is_payment_kind(f):
            m = payment_kind_match(ctx, f)
            if m is not None:
                taken[id(f)] = m

    if ctx.doc.kind == "image":
        # a scanned receipt: its layout says more than its OCR-damaged labels (see `receipts`)
        receipts.apply(ctx, *_receipt_fields(fields), taken)
    issuer_address(ctx, fields, taken)

    # net + tax = gross where all three are asked for; the amount due from the gross total
    reconcile_totals(ctx, fields, taken)

    # 4. address objects: split the printed block into street / city / state / postcode
    fill_addresses(ctx, fields, taken)
    fill_party_addresses(ctx, _flatten_scalars(fields), taken)

    data = {f.name: _value_of(f, found, taken, schema, meta, ctx, f.name) for f in fields}
    data = conform(data, schema)
    if not isinstance(data, dict):
        data = {}
    if grounding or confidence:
        data["_metadata"] = _metadata(meta, grounding, confidence)
    return Extraction(data=data, pages=len(doc.pages), element_type=doc.element_type, ocr=doc.ocr)


def _flatten_scalars(fields: list[Field]) -> list[Field]:
    out: list[Field] = []
    for f in fields:
        if f.kind == "object":
            out.extend(_flatten_scalars(f.children))
        elif f.kind != "array":
            out.append(f)
    return out


def _flatten_objects(fields: list[Field]) -> list[Field]:
    out: list[Field] = []
    for f in fields:
        if f.kind == "object":
            out.append(f)
            out.extend(_flatten_objects(f.children))
    return out


def _flatten_arrays(fields: list[Field]) -> list[Field]:
    out: list[Field] = []
    for f in fields:
        if f.kind == "object":
            out.extend(_flatten_arrays(f.children))
        elif f.kind == "array" and f.item is not None:
            out.append(f)
    return out


def _object_proposals(ctx: Context, f: Field) -> list[Match]:
    """Nested object: labels inside a section headed by the object's name count extra."""
    found = find_section(ctx, f, min_score=0.8)
    if not found:
        return []
    li, si, _, _ = found
    lines = {bl.li for bl in section_lines(ctx, li, si)}
    children = [c for c in f.children if c.kind not in ("array", "object")]
    return find_matches(ctx, children, lines, bonus=0.1)


# -- arrays -------------------------------------------------------------------------------


def _array(ctx: Context, f: Field, stop_fields: list[Field]) -> list:
    item = f.item
    assert item is not None
    if name_child(item) is not None:
        # small named objects ("Swedish (native)"): a list under the array's own heading;
        # a nested list needs a heading naming it fully (not "Languages" for programming ones)
        return named_list(ctx, f) or []
    if item.kind == "object":
        # a header row naming the item properties is the strongest evidence; then a section
        # headed by the array's name; then receipt-style priced lines
        rows = table_items(ctx, item, stop_fields)
        if rows:
            return rows
        if not _tabular(item):
            grouped = grouped_section(ctx, f)
            if grouped:
                return grouped
            result = section_items(ctx, f)
            if result is not None:
                return result[0]
        rows = priced_lines(ctx, item, stop_fields)
        if rows:
            return rows
        result = section_items(ctx, f)
        return result[0] if result else []
    result = string_items(ctx, f)
    if result is not None:
        return result[0]
    # "Skills: a, b, c" on one labelled line
    text_field = _as_text_field(f)
    ctx.add_to_index(text_field)
    proposals = [m for m in find_matches(ctx, [text_field]) if m.key not in ctx.used]
    if proposals:
        best = min(proposals, key=lambda m: (-m.score, m.key or (0, 0, 0)))
        ctx.used.add(best.key)
        return [
            Match(item, v, best.score, best.page, best.bbox, label=best.label)
            for piece in split_list(str(best.value))
            if (v := parse_value(item, piece, ctx.dayfirst)) is not None
        ]
    return []


def _tabular(item: Field) -> bool:
    """Items with several numbers (quantity, price, amount) come from tables, not sections."""
    return sum(1 for c in item.children if c.kind in ("number", "integer")) >= 2


def _as_text_field(f: Field) -> Field:
    return Field(
        name=f.name,
        schema={"type": "string"},
        nullable=True,
        kind="string",
        candidates=f.candidates,
        title=f.title,
        description=f.description,
    )


# -- fallbacks ----------------------------------------------------------------------------

_ISSUER = {"vendor", "merchant", "seller", "supplier", "store", "company", "business", "issuer"}
# Top-level properties naming the organisation a document comes from (whose name is printed
# most prominently): a statement's bank, a bill's provider, a card's insurer, a folio's hotel.
_TOP_ISSUER = _ISSUER | {
    "provider", "insurer", "bank", "hotel", "employer", "lab", "laboratory", "institution",
    "utility", "carrier", "restaurant", "shop",
}  # fmt: skip
_COUNTERPARTY = {"customer", "buyer", "client", "recipient", "bill", "billed", "ship", "consignee"}
_PERSON_NAME = [tokens("name"), tokens("full name"), tokens("candidate name")]


def _fallback(ctx: Context, f: Field, top_level: bool) -> Match | None:
    k = f.kind
    if k in ("email", "phone", "url"):
        return _first_of_type(ctx, f)
    if k in ("date", "datetime") and _is_main_date(f):
        return _first_of_type(ctx, f)
    if k == "time":
        for li, line in enumerate(ctx.lines):
            if li in ctx.consumed:
                continue
            for si, seg in enumerate(line.segments):
                t = find_time(seg.text)
                if t and (li, si, t[3][0]) not in ctx.used:
                    shown = seg.text[t[3][0] : t[3][1]]
                    value = render_time(t[0], t[1], t[2], f, shown)
                    return Match(f, value, 0.5, line.page, seg.bbox)
        return None
    if k == "currency":
        return _currency(ctx, f)
    if k == "number" and set(f.tokens) & {"rate", "percent", "percentage", "pct"}:
        m = _rate_in_label(ctx, f)
        if m is not None:
            return m
    if k in ("string", "enum", "integer"):
        role = _card_role(f)
        if role:
            return _card(ctx, f, role)
    if k == "string":
        words = set(f.tokens) | set(tokens(f.title))
        if taxids.is_tax_id_field(f.tokens):
            if (words | set(f.parents)) & _COUNTERPARTY:
                return None  # the first labelled ID on a page is the issuer's
            found = taxids.labelled_tax_id([line.text for line in ctx.lines])
            if found is None:
                return None
            line = ctx.lines[found[0]]
            return Match(f, found[1], 0.4, line.page, line.bbox)
        if _is_title(f):
            return _title(ctx, f)
        issuer = bool(words & (_TOP_ISSUER if top_level else _ISSUER)) or (
            bool(set(f.parents) & _ISSUER) and "name" in words
        )
        person = f.tokens in _PERSON_NAME and (top_level or "contact" in f.parents)
        if issuer or person:
            return _prominent(ctx, f)
        if f.concept("location", "city", "place", "based in"):
            return _place(ctx, f)
    return None


# A masked card number: "VISA ****1234", "************5521", "•••• 8842", "ending in 4417".
_CARD_MASK_RE = re.compile(
    r"(?:[*xX\u2022\u00b7#]{2,}[\s-]?(?:[*xX\u2022\u00b7#]{2,}[\s-]?)*|ending(?:\s+in)?\s+)(\d{4})\b"
)
_CARD_BRAND_RE = re.compile(
    "|".join(sorted((re.escape(b) for b in vocabulary.CARD_BRANDS), key=len, reverse=True)),
    re.IGNORECASE,
)


_PERCENT_RE = re.compile(r"(\d{1,2}(?:[.,]\d{1,3})?)\s?%")


def _rate_in_label(ctx: Context, f: Field) -> Match | None:
    """A rate printed inside a label ("Sales tax (8.25%)", "TOTAL GST 10%", "Service charge
    (22% of F&B)"): the line must name the field's other words (tax, service, discount...)."""
    topic = set(f.tokens) - {"rate", "percent", "percentage", "pct", "total", "amount"}
    if not topic:
        return None
    for line in ctx.lines:
        for seg in line.segments:
            m = _PERCENT_RE.search(seg.text)
            if not m or not topic & set(tokens(seg.text[: m.start()])):
                continue
            value = parse_value(f, m.group(1), ctx.dayfirst)
            if value is not None:
                return Match(f, value, 0.4, line.page, seg.bbox)
    return None


def _card_role(f: Field) -> str | None:
    """ "last4" for the last digits of a card, "brand" for its network, else None."""
    words = set(f.tokens) | set(tokens(f.title))
    if not ("card" in words or "card" in f.parents or "payment" in f.parents):
        return None
    if words & {"last", "last4", "four", "digits"}:
        return "last4"
    if words & {"type", "brand", "network", "scheme"} and "card" in words:
        return "brand"
    return None


def _card(ctx: Context, f: Field, role: str) -> Match | None:
    """The last four digits or the brand from the first masked card number."""
    for li, line in enumerate(ctx.lines):
        m = _CARD_MASK_RE.search(line.text)
        if not m:
            continue
        if role == "last4":
            value = parse_value(f, m.group(1), ctx.dayfirst)
            if value is not None:
                return Match(f, value, 0.45, line.page, line.bbox)
            continue
        around = " ".join(ctx.lines[j].text for j in range(max(0, li - 1), li + 1))
        brand = _CARD_BRAND_RE.search(line.text) or _CARD_BRAND_RE.search(around)
        if brand:
            value = parse_value(f, brand.group(0), ctx.dayfirst)
            if value is not None:
                return Match(f, value, 0.45, line.page, line.bbox)
    return None


def _is_title(f: Field) -> bool:
    """A property for the document's own title: "title", "heading", "document_title"."""
    return (
        f.depth == 0
        and f.concept("title", "heading", "document title")
        and not (f.concept("job title", "position title"))
    )


_TITLE_NOUNS = {
    "invoice", "receipt", "statement", "bill", "report", "order", "summary", "slip", "folio",
    "ticket", "card", "agreement", "contract", "quote", "quotation", "estimate", "note",
    "certificate", "form", "notice", "confirmation", "application", "letter", "list", "stub",
    "memo", "record", "resume", "cv", "policy", "lease", "voucher", "manifest",
}  # fmt: skip


def _title(ctx: Context, f: Field) -> Match | None:
    """The document's title: a short top line naming a document type ("ELECTRIC BILL",
    "Field Service Report"), else the first heading the format marks (Markdown #, <h1>, a
    Word heading style), else the most prominent line at the top of the first page."""
    if not ctx.lines:
        return None
    first_page = ctx.lines[0].page
    top = [
        (li, si, seg)
        for li, line in enumerate(ctx.lines[:25])
        if line.page == first_page and li not in ctx.consumed and not line.in_table
        for si, seg in enumerate(line.segments)
        if (li, si, -1) not in ctx.used and (li, si, 0) not in ctx.used
    ]

    def ok(text: str) -> bool:
        return 0 < len(text.split()) <= 8 and ":" not in text and looks_like_name(text)

    pick = None
    for li, si, seg in top:
        text = seg.text.strip()
        toks = tokens(text)
        if ok(text) and len(toks) <= 5 and toks and toks[-1] in _TITLE_NOUNS:
            pick = (li, si, seg)
            break
    if pick is None:
        headed = [(ctx.lines[li].heading, li, si, seg) for li, si, seg in top]
        # a heading the format marks may hold a colon ("Solstice Strings: A Concert")
        headed = [h for h in headed if h[0] and looks_like_name(h[3].text) and len(h[3].text) <= 80]
        if headed:
            _, li, si, seg = min(headed, key=lambda h: (h[0], h[1]))
            pick = (li, si, seg)
    if pick is None:
        sized = [
            (-(seg.size or ctx.lines[li].size), li, si, seg)
            for li, si, seg in top[:15]
            if ok(seg.text.strip())
        ]
        if sized:
            _, li, si, seg = min(sized, key=lambda t: (t[0], t[1]))
            pick = (li, si, seg)
    if pick is None:
        return None
    li, si, seg = pick
    value = parse_value(f, seg.text, ctx.dayfirst)
    if value is None:
        return None
    return Match(f, value, 0.4, ctx.lines[li].page, seg.bbox, key=(li, si, -1))


def _is_payment(f: Field) -> bool:
    return f.kind in ("string", "enum") and f.concept(
        "payment method", "payment type", "tender", "paid by", "payment"
    )


_MAIN_DATE_QUALIFIERS = {"transaction", "purchase", "receipt", "sale", "letter", "document"}


def _is_main_date(f: Field) -> bool:
    plain = tokens("date")
    if any(c.tokens == plain and c.weight >= 0.85 for c in f.candidates):
        return True
    # "transaction_date" on a receipt: the document's own date, printed without a label
    toks = f.tokens
    return (
        f.depth == 0 and len(toks) == 2 and toks[1] == "date" and toks[0] in _MAIN_DATE_QUALIFIERS
    )


def _first_of_type(ctx: Context, f: Field) -> Match | None:
    for li, line in enumerate(ctx.lines):
        if li in ctx.consumed:
            continue
        if f.kind == "datetime" and len(line.segments) > 1 and find_time(line.text):
            # "03/21/2026        18:47": date and time in separate cells of one line
            value = parse_value(f, line.text, ctx.dayfirst)
            if value is not None and "T00:00" not in str(value) and (li, -1, 0) not in ctx.used:
                return Match(f, value, 0.45, line.page, line.bbox, key=(li, -1, 0))
        for si, seg in enumerate(line.segments):
            for part, offset in split_parts(seg.text) or [(seg.text, 0)]:
                key = (li, si, offset)
                if key in ctx.used or (li, si, -1) in ctx.used:
                    continue
                value = parse_value(f, part, ctx.dayfirst)
                if value is not None:
                    return Match(f, value, 0.5, line.page, seg.bbox, key=key)
        if len(line.segments) > 1 and f.kind in ("date", "datetime"):
            # a date cut by a wide gap ("Mar 9,     2026"), as OCR of spaced type gives
            value = parse_value(f, line.text, ctx.dayfirst)
            if value is not None and (li, -1, 0) not in ctx.used:
                return Match(f, value, 0.4, line.page, line.bbox, key=(li, -1, 0))
    return None


def _currency(ctx: Context, f: Field) -> Match | None:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, Any]] = {}
    for _li, line in enumerate(ctx.lines):
        for seg in line.segments:
            for money in values.find_numbers(seg.text):
                if money.currency:
                    counts[money.currency] += 1
                    first.setdefault(money.currency, (line.page, seg.bbox))
    if not counts:
        for line in ctx.lines:
            code = values.currency_code(line.text)
            if code:
                return Match(f, _currency_value(f, code), 0.3, line.page, line.bbox)
        return _home_currency(ctx, f)
    code = max(counts, key=lambda c: (counts[c], -list(first).index(c)))
    page, bbox = first[code]
    if code == "USD":
        # A bare "$" is read as USD; a document that writes "CAD" / "AUD" ... and never "USD"
        # means its own dollar ("Total (CAD)  $1,234.00").
        named: Counter[str] = Counter()
        for line in ctx.lines:
            named.update(c for c in _DOLLAR_CODE_RE.findall(line.text))
        if named and "USD" not in named:
            other = max(named, key=lambda c: named[c])
            return Match(f, _currency_value(f, other), 0.5, page, bbox)
    return Match(f, _currency_value(f, code), 0.6, page, bbox)


def _home_currency(ctx: Context, f: Field) -> Match | None:
    """No currency printed: amounts in a document headed by a US / Canadian address are in
    that country's dollars (only the header is read: it is the issuer's own address)."""
    head = [line for line in ctx.lines[:12] if line.page == 0]
    has_money = any(MONEY_AMOUNT_RE.search(line.text) for line in ctx.lines)
    code = home_currency([s.text for line in head for s in line.segments]) if has_money else None
    if code is None:
        return None
    line = head[0]
    return Match(f, _currency_value(f, code), 0.2, line.page, line.bbox)


MONEY_AMOUNT_RE = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d.])")
_DOLLAR_CODE_RE = re.compile(r"\b(USD|CAD|AUD|NZD|SGD|HKD|TWD|MXN)\b")


def _currency_value(f: Field, code: str) -> Any:
    if isinstance(f.schema.get("enum"), list):
        hit = values.match_enum(code, f.schema["enum"])
        return hit[0] if hit else code
    return code


def _prominent(ctx: Context, f: Field) -> Match | None:
    """The most prominent text near the top of the first page (see the module docstring)."""
    if not ctx.lines:
        return None
    first_page = ctx.lines[0].page
    candidates = []
    for li, line in enumerate(ctx.lines[:40]):
        if line.page != first_page:
            break
        for si, seg in enumerate(line.segments):
            text = seg.text.strip()
            taken = (li, si, 0) in ctx.used or (li, si, -1) in ctx.used
            if taken or ctx.is_label(li, si) or not _name_like(ctx, text):
                continue
            size = seg.size or line.size
            candidates.append((-size, not (seg.bold or line.bold), li, si, text))
        if len(candidates) >= 12:
            break
    if not candidates:
        return None
    candidates.sort()
    if ctx.doc.kind == "image":
        # OCR sizes are noisy and scans carry specks: a receipt's issuer is the first clean
        # name line at the top, a registered company name ("... SDN BHD") first of all
        ordered = sorted(candidates, key=lambda c: c[2:4])
        clean = [c for c in ordered if _clean_ocr_name(c[4])]
        legal = [c for c in clean[:6] if legal_entity(c[4]) or org_score(c[4]) >= 0.6]
        if legal or clean:
            candidates = legal[:1] or clean[:1]
    _, _, li, si, text = candidates[0]
    seg = ctx.lines[li].segments[si]
    value = parse_value(f, text, ctx.dayfirst)
    if value is None:
        return None
    return Match(f, value, 0.5, ctx.lines[li].page, seg.bbox, key=(li, si, -1))


def _clean_ocr_name(text: str) -> bool:
    """OCR text that reads as words: mostly letters, two words or one long capitalised one."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 4 or letters < 0.6 * len(text.replace(" ", "")):
        return False
    words = [w for w in re.findall(r"[A-Za-z]{2,}", text)]
    return len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 4 and words[0][0].isupper())


_ADDRESS_STOP_RE = re.compile(
    r"\b(?:tel|telephone|phone|fax|hp|mobile|e-?mail|www|gst|vat|tax|invoice|receipt|"
    r"cashier|date|table|order|bill|reg(?:istration)?\.?\s*no)\b|@|https?://",
    re.IGNORECASE,
)
_REG_NO_RE = re.compile(r"^\(?[\w.-]*\d[\w.-]*\)?$|\bco(?:mpany)?\.?\s*(?:reg|no)\b", re.I)


def issuer_address(ctx: Context, fields: list[Field], taken: dict[int, Match]) -> None:
    """An unfilled top-level "address" string: the lines printed under the issuer's name
    (a receipt's letterhead), up to its phone, tax number or the document's own title."""
    target = next(
        (
            f
            for f in fields
            if f.kind == "string"
            and f.depth == 0
            and id(f) not in taken
            and f.tokens[-1:] == ("address",)
            and not set(f.tokens) & (_COUNTERPARTY | {"ship", "shipping", "billing", "delivery"})
        ),
        None,
    )
    if target is None:
        return
    issuer = next(
        (
            taken[id(f)]
            for f in fields
            if id(f) in taken
            and f.depth == 0
            and f.kind == "string"
            and set(f.tokens) & (_TOP_ISSUER | {"name"})
            and isinstance(taken[id(f)].key, tuple)
        ),
        None,
    )
    if issuer is None or not isinstance(issuer.key[0], int):
        return
    li = issuer.key[0]
    parts: list[str] = []
    boxes = []
    for lj in range(li + 1, min(li + 8, len(ctx.lines))):
        line = ctx.lines[lj]
        text = line.text.strip()
        if line.page != ctx.lines[li].page or lj in ctx.consumed:
            break
        if _REG_NO_RE.search(text) and not parts:
            continue  # "(1120908-M)", "Company Reg. No.": the company's number, then the address
        if _ADDRESS_STOP_RE.search(text) or values.parse_phone(text) or values.find_dates(text):
            break
        if not re.search(r"[A-Za-z]{2}", text):
            break
        parts.append(text)
        boxes.append(line.bbox)
        if len(parts) >= 5:
            break
    if parts and any(ch.isdigit() for ch in " ".join(parts)):
        value = parse_value(target, " ".join(parts), ctx.dayfirst)
        if value:
            line = ctx.lines[li + 1]
            taken[id(target)] = Match(target, value, 0.4, line.page, line.bbox, "issuer")


# Receipt fields the layout rules of `receipts` fill: a total ("total", "total_amount",
# "grand_total", "amount_due"), the merchant's address, the merchant's name.
_TOTAL_WORDS = {"total", "amount", "grand", "due", "payable", "final", "receipt", "purchase",
                "sale", "sales", "order", "invoice", "gross"}  # fmt: skip
_OTHER_ADDRESS = {"ship", "shipping", "billing", "delivery", "email", "web"}
_NOT_A_NAME = {"address", "phone", "email", "id", "number", "no", "code", "type"}


def _receipt_fields(fields: list[Field]) -> tuple[Field | None, Field | None, Field | None]:
    """The top-level merchant name, merchant address and total a receipt's layout fills."""
    merchant = address = total = None
    for f in fields:
        if f.depth != 0:
            continue
        words = set(f.tokens) | set(tokens(f.title))
        if f.kind == "string" and not (words | set(f.parents)) & _COUNTERPARTY:
            if f.tokens[-1:] == ("address",) and not words & _OTHER_ADDRESS:
                address = address or f
            elif (
                words & _TOP_ISSUER
                and not taxids.is_tax_id_field(f.tokens)
                and not words & _NOT_A_NAME
            ):
                merchant = merchant or f
        elif f.kind == "number" and set(f.tokens) <= _TOTAL_WORDS:
            toks = set(f.tokens)
            if "total" in toks or {"amount", "due"} <= toks or toks == {"amount"}:
                total = total or f
    return merchant, address, total


def _name_like(ctx: Context, text: str) -> bool:
    toks = set(tokens(text))
    if toks and toks <= ctx.doc_type:
        return False
    return len(text) <= 60 and looks_like_name(text)


def _place(ctx: Context, f: Field) -> Match | None:
    for li, line in enumerate(ctx.lines):
        if li in ctx.consumed:
            continue
        for si, seg in enumerate(line.segments):
            for part, offset in split_parts(seg.text) or [(seg.text, 0)]:
                if vocabulary.location_score(part) >= 0.6 and (li, si, offset) not in ctx.used:
                    value = parse_value(f, part, ctx.dayfirst)
                    if value is not None:
                        return Match(f, value, 0.4, line.page, seg.bbox, key=(li, si, offset))
    return None


def _card_option(text: str, options: list) -> Any:
    """A card brand ("Mastercard", "VISA") for an enum that names cards generically
    ("credit_card", "Card"): the option saying credit card, else the one saying card."""
    if text.lower() not in vocabulary.CARD_BRANDS:
        return None
    named = [(o, set(tokens(str(o)))) for o in options if isinstance(o, str)]
    for want in ({"credit", "card"}, {"card"}, {"credit"}):
        for o, words in named:
            if want <= words:
                return o
    return None


def _payment(ctx: Context, f: Field) -> Match | None:
    for li, line in enumerate(ctx.lines):
        if li in ctx.consumed:
            continue
        for si, seg in enumerate(line.segments):
            span = vocabulary.find_payment_method(seg.text, f.examples)
            if span:
                text = seg.text[span[0] : span[1]]
                value = parse_value(f, text, ctx.dayfirst)
                if value is None and f.kind == "enum":
                    value = _card_option(text, f.schema.get("enum") or [])
                if value is not None:
                    return Match(f, value, 0.4, line.page, seg.bbox, key=(li, si, span[0]))
    return None


# -- output -------------------------------------------------------------------------------


def _value_of(
    f: Field,
    found: dict[int, Any],
    taken: dict[int, Match],
    schema: dict,
    meta: dict,
    ctx: Context,
    path: str,
) -> Any:
    if f.kind == "object":
        if f.nullable and not _has_values(f, found, taken):
            return None  # an optional object the document says nothing about
        return {
            c.name: _value_of(c, found, taken, schema, meta, ctx, f"{path}.{c.name}")
            for c in f.children
        }
    if f.kind == "array":
        items = found.get(id(f), [])
        if not items and f.nullable:
            return None  # an optional list the document does not have
        out = []
        for i, entry in enumerate(items):
            item_path = f"{path}[{i}]"
            if isinstance(entry, Match):
                out.append(entry.value)
                _record(meta, item_path, entry, ctx)
            elif isinstance(entry, list) and f.item is not None:
                obj = {}
                for child, m in zip(f.item.children, entry, strict=False):
                    child_path = f"{item_path}.{child.name}"
                    if m is None:
                        obj[child.name] = _missing(child, schema)
                    else:
                        obj[child.name] = m.value
                        _record(meta, child_path, m, ctx)
                out.append(obj)
        return out
    m = taken.get(id(f))
    if m is None:
        return _missing(f, schema)
    _record(meta, path, m, ctx)
    return m.value


def _has_values(f: Field, found: dict[int, Any], taken: dict[int, Match]) -> bool:
    """True when any scalar or list inside object `f` was found in the document."""
    for c in f.children:
        if c.kind == "object":
            if _has_values(c, found, taken):
                return True
        elif c.kind == "array":
            if found.get(id(c)):
                return True
        elif id(c) in taken:
            return True
    return False


def _missing(f: Field, schema: dict) -> Any:
    if f.absent is not MISSING:
        if f.absent is None and not f.nullable:
            return default_for(f.schema, schema, allow_null=False)
        return f.absent
    if f.nullable:
        return None
    return default_for(f.schema, schema, allow_null=False)


def _record(meta: dict, path: str, m: Match, ctx: Context) -> None:
    meta[path] = {
        "page": m.page,
        "bbox": ctx.norm_bbox(m.page, m.bbox),
        "label": m.label,
        "confidence": round(max(0.0, min(1.0, m.score)), 3),
    }


def _metadata(meta: dict, grounding: bool, confidence: bool) -> dict:
    out = {}
    for path, info in meta.items():
        entry: dict[str, Any] = {}
        if grounding:
            entry["page"] = info["page"]
            entry["bbox"] = info["bbox"]
            entry["label"] = info["label"]
        if confidence:
            entry["confidence"] = info["confidence"]
        out[path] = entry
    return out
