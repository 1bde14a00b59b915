"""Arrays of objects from tables: a header row names the columns, following rows are items.

The same code reads real tables (DOCX, HTML, Markdown, CSV, PPTX: one line per row, one
segment per cell) and tables drawn in a PDF or plain text (columns found from the header's
x positions). A header is a line where at least two segments match different item
properties; each later line's segments go to the column whose span holds their centre.
Rows end at a line carrying a document-level label ("Subtotal"), at a large vertical gap,
or at the end of the page; a repeated header on a later page continues the table. A line
with text only in text columns, close under a row, continues that row's text (wrapped
descriptions).

Without a header, `priced_lines` reads receipt-style item lists: lines ending in an amount,
with an optional quantity before the name ("2 x Latte", "1  Fish & Chips") or on a detail
line ("1.32 lb @ 0.69 /lb"), up to the first totals label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skillkit.engine import adjustments, values
from skillkit.engine.context import Context, Match, label_tokens
from skillkit.engine.document import BBox, Line, Segment, union_bbox
from skillkit.engine.fields import Field, parse_value
from skillkit.engine.labels import GENERIC, SYNONYM_GROUPS, match_score, split_name, tokens
from skillkit.engine.matching import line_has_label

NUMERIC = {"number", "integer"}
MONEY_RE = re.compile(
    r"^(?P<neg>[-(\u2212])?\s*(?:[A-Z]{3}\s?)?[$€£¥₹]?\s?(?P<num>\d{1,3}(?:[,.' ]\d{3})*[.,]\d{2}|\d+[.,]\d{2})\)?-?"
    r"(?:\s+[A-Z*#]{1,2})?$"
)
DETAIL_RE = re.compile(
    r"^(?:(?P<qty>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-zA-Z]{1,4}\.?)?\s*)?(?:@|x|×|at)\s*[$€£]?\s*(?P<unit_price>\d+(?:[.,]\d+)?)"
    r"\s*(?:/\s*[a-zA-Z]+|ea\.?|each|per\s+\w+)?$",
    re.IGNORECASE,
)
LEAD_QTY_RE = re.compile(
    r"^(?P<qty>(?:[1-9]\d{0,3}|0)(?:[.,]\d+)?)\s*(?:x|×|@|pcs?|ea)?\s+(?=\S)", re.IGNORECASE
)
# Words after a leading number that make it part of the name ("16 GB card", "2 kg flour").
UNIT_WORDS = {
    "gb", "tb", "mb", "kb", "oz", "lb", "lbs", "kg", "g", "mg", "ml", "l", "cl", "pk", "pack",
    "in", "inch", "ft", "cm", "mm", "m", "ct", "qt", "gal", "v", "w", "mah", "%", "pt", "yd",
}  # fmt: skip
# A UPC/SKU printed before the name on till receipts: a code, never a quantity.
SKU_PREFIX_RE = re.compile(r"^\d{6,}\s+(?=[A-Za-z])")
# A quantity after the name: "2 x 2.49", "2 @ $2.49", "x3", "× 2".
TRAIL_QTY_RE = re.compile(
    r"\s(?:(?P<qty>\d+(?:[.,]\d+)?)\s*(?:x|×|@)\s*[$€£]?\s*(?P<unit_price>\d+[.,]\d{2})"
    r"|[x×]\s?(?P<qty2>\d{1,3}))\s*$",
    re.IGNORECASE,
)
BULLET_PREFIX_RE = re.compile(r"^\s*(?:[+\-*\u2022\u00b7>]+)\s*")


@dataclass
class ItemRow:
    mapping: dict[int, Field]
    cells: dict[int, list[Segment]] = field(default_factory=dict)
    page: int = 0
    lines: list[int] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # the header cells' text


def _header_columns(ctx: Context, item: Field, line: Line) -> dict[int, Field] | None:
    """Map segment index -> item property when `line` looks like the item table's header."""
    children = item.children
    if not children or len(line.segments) < 2:
        return None
    scored: list[tuple[float, int, int]] = []
    for si, seg in enumerate(line.segments):
        toks = label_tokens(seg.text.rstrip(":").replace("%", " percent "))
        if not toks or len(toks) > 5 or any(ch.isdigit() for ch in seg.text):
            continue
        for ci, child in enumerate(children):
            best = _header_score(toks, child, tokens(split_name(item.name)))
            if best >= 0.4:
                scored.append((best, si, ci))
    amount_f = _roles(item)[2]

    def totalish(si: int, ci: int) -> bool:
        toks = set(label_tokens(line.segments[si].text))
        return children[ci] is amount_f and bool(toks & {"total", "gesamt", "gesamtpreis"})

    # equal headers for the line amount ("Amount ... Total"): the "Total" column holds it
    scored.sort(key=lambda t: (-t[0], not totalish(t[1], t[2]), t[1], t[2]))
    mapping: dict[int, Field] = {}
    used_children: set[int] = set()
    for _, si, ci in scored:
        if si in mapping or ci in used_children:
            continue
        mapping[si] = children[ci]
        used_children.add(ci)
    free = [
        si
        for si, seg in enumerate(line.segments)
        if si not in mapping and label_tokens(seg.text) and not any(c.isdigit() for c in seg.text)
    ]
    if free:
        # A column headed by the list's own name ("Deduction" in a deductions table) holds
        # each item's name.
        own = tokens(split_name(item.name))
        name_f = _roles(item)[0]
        if own and name_f is not None and id(name_f) not in {id(f) for f in mapping.values()}:
            for si in free:
                if label_tokens(line.segments[si].text) == own:
                    mapping[si] = name_f
                    free.remove(si)
                    break
        # Debit and credit columns for one signed amount ("Paid out" / "Paid in").
        numbers = [c for c in children if c.kind in NUMERIC and c not in mapping.values()]
        words = {si: set(tokens(line.segments[si].text, keep_stop=True)) for si in free}
        debit = [si for si in free if words[si] & DEBIT_WORDS]
        credit = [si for si in free if words[si] & CREDIT_WORDS and not words[si] & DEBIT_WORDS]
        amount = next((c for c in numbers if c.concept("amount", "value", "sum")), None)
        if amount is not None and len(debit) == 1 and len(credit) == 1:
            mapping[debit[0]] = amount
            mapping[credit[0]] = amount
            free = [si for si in free if si not in (debit[0], credit[0])]
            numbers.remove(amount)
        # One numeric property left and one unnamed column left at the right edge: that
        # column holds it ("Current" in a pay stub, "Total" under another name).
        last = len(line.segments) - 1
        if len(numbers) == 1 and free == [last] and len(mapping) >= 1:
            mapping[last] = numbers[0]
    need = 1 if len(children) == 1 else 2
    if len(mapping) < need:
        return None
    if len(mapping) < len(children) and len(mapping) * 2 < len(line.segments):
        return None  # a few label-like words in a wide line: not this table's header
    if len(children) == 1 and scored[0][0] < 0.85:
        return None
    return mapping


_HEAD_SECOND = {"amount", "value", "price", "total", "rate", "no", "percent", "sum"}


def _header_score(toks: tuple[str, ...], child: Field, own: tuple[str, ...]) -> float:
    """How well a header cell names an item property. Header cells are terse: "Net" and
    "VAT" head the net and VAT amounts, "Description of Work" the description (the
    property's own name opens the cell). A cell naming the list itself ("Deduction") is
    left to the item's name column."""
    best = max((match_score(toks, c) for c in child.candidates), default=0.0)
    name = child.tokens
    if name and toks[: len(name)] == name and not set(name) <= GENERIC:
        best = max(best, 1.0)
    if len(toks) == 1 and toks != own:
        for c in child.candidates:
            if len(c.tokens) == 2 and c.tokens[0] == toks[0] and c.tokens[1] in _HEAD_SECOND:
                best = max(best, 0.45 * c.weight)
    return best


DEBIT_WORDS = {"debit", "withdrawal", "out", "charge", "payment", "dr", "soll", "debito"}
CREDIT_WORDS = {"credit", "deposit", "in", "cr", "haben", "credito"}


def _boundaries(line: Line) -> list[float]:
    segs = line.segments
    return [(segs[i].bbox[2] + segs[i + 1].bbox[0]) / 2 for i in range(len(segs) - 1)]


def _column_of(x: float, bounds: list[float]) -> int:
    for i, b in enumerate(bounds):
        if x < b:
            return i
    return len(bounds)


def table_items(
    ctx: Context, item: Field, stop_fields: list[Field]
) -> list[list[Match | None]] | None:
    """Items read from every header line that matches the item properties (None: no header)."""
    headers: list[tuple[int, dict[int, Field]]] = []
    for li, line in enumerate(ctx.lines):
        if li in ctx.consumed:
            continue
        mapping = _header_columns(ctx, item, line)
        if mapping:
            headers.append((li, mapping))
    if not headers:
        return None
    signature = label_tokens(ctx.lines[headers[0][0]].text)
    rows: list[ItemRow] = []
    for li, mapping in headers:
        if label_tokens(ctx.lines[li].text) != signature and rows:
            continue  # a different table; the first header's table wins
        ctx.consumed.add(li)
        rows.extend(_rows_after(ctx, item, li, mapping, stop_fields, signature))
    items = [_row_to_item(ctx, item, row) for row in rows]
    # a ruled but empty row (spacer, blank form line) is not an item
    return [m for m in items if any(x is not None for x in m)]


def _rows_after(
    ctx: Context,
    item: Field,
    header_li: int,
    mapping: dict[int, Field],
    stop_fields: list[Field],
    signature: tuple[str, ...],
) -> list[ItemRow]:
    header = ctx.lines[header_li]
    bounds = _boundaries(header)
    numeric_cols = {si for si, f in mapping.items() if f.kind in NUMERIC}
    text_cols = {si for si, f in mapping.items() if f.kind not in NUMERIC}
    rows: list[ItemRow] = []
    gaps: list[float] = []
    misses = 0
    for li in range(header_li + 1, len(ctx.lines)):
        line = ctx.lines[li]
        if line.page != header.page or li in ctx.consumed:
            break
        if label_tokens(line.text) == signature:
            break
        gap = _gap(ctx, li)
        if rows and gaps and gap > max(2.0, 3.0 * sorted(gaps)[len(gaps) // 2]):
            break
        if rows and not gaps and gap > 2.5:
            break
        if line_has_label(ctx, li, stop_fields, threshold=0.85) or _summary_line(line):
            break
        if rows and _label_line(line):
            break
        cols: dict[int, list[Segment]] = {}
        for seg in line.segments:
            centre = (seg.bbox[0] + seg.bbox[2]) / 2
            cols.setdefault(_column_of(centre, bounds), []).append(seg)
        parsed_numeric = sum(
            1
            for si in numeric_cols
            if si in cols and parse_value(mapping[si], _join(cols[si]), ctx.dayfirst) is not None
        )
        text = line.text.strip()
        if numeric_cols and not parsed_numeric:
            only_text = all(c in text_cols for c in cols)
            if DETAIL_RE.match(text):
                ctx.consumed.add(li)
                continue
            if rows and only_text and gap <= 1.5 and not misses:
                prev = rows[-1]
                for c, segs in cols.items():
                    prev.cells.setdefault(c, []).extend(segs)
                prev.lines.append(li)
                ctx.consumed.add(li)
                continue
            misses += 1
            if misses >= 2:
                break
            continue
        if not numeric_cols and not any(c in text_cols for c in cols):
            break
        misses = 0
        gaps.append(gap)
        rows.append(
            ItemRow(
                mapping=mapping,
                cells=cols,
                page=line.page,
                lines=[li],
                header=[sg.text for sg in header.segments],
            )
        )
        ctx.consumed.add(li)
    return rows


SUMMARY_LABELS = {
    label_tokens(p)
    for p in [
        "subtotal", "sub total", "total", "grand total", "total due", "amount due",
        "balance due", "balance", "tax", "vat", "gst", "sales tax", "shipping", "discount",
        "net total", "total amount", "invoice total",
    ]
} | {
    # every label of the document-total, subtotal and tax vocabularies (all languages)
    tokens(p)
    for keys, phrases in SYNONYM_GROUPS
    if {"total", "subtotal", "tax"} & set(keys)
    for p in phrases
}  # fmt: skip


def _summary_line(line: Line) -> bool:
    """A totals line ("Subtotal: 300.00", "TOTAL  $12.00", "Total charges  460.90"), which
    ends any item table."""
    first = line.segments[0].text if line.segments else ""
    head = first.split(":", 1)[0] if ":" in first else first
    toks = label_tokens(head)
    # "Page subtotal  2,477.90" (a label and its amount; not a row "Cholesterol, Total | 182 | ...")
    ends = len(line.segments) <= 2 and 0 < len(toks) <= 3 and toks[-1] in ("total", "subtotal")
    summary = toks in SUMMARY_LABELS or (bool(toks) and toks[0] in ("total", "subtotal")) or ends
    return summary and any(ch.isdigit() for ch in line.text)


def _label_line(line: Line) -> bool:
    """A line that starts a new part of the document rather than a row: its first cell is a
    label ("Allergies:", "Notes:") or it is a lone capitalised heading ("FOLLOW-UP")."""
    segs = line.segments
    if not segs:
        return False
    first = segs[0].text.strip()
    if first.endswith(":"):
        return True
    words = first.split()
    return (
        len(segs) == 1
        and 0 < len(words) <= 4
        and first.isupper()
        and not any(ch.isdigit() for ch in first)
    )


def _gap(ctx: Context, li: int) -> float:
    line = ctx.lines[li]
    if li == 0:
        return 0.0
    prev = ctx.lines[li - 1]
    if ctx.doc.kind in ("pdf", "image", "pptx") and prev.page == line.page:
        height = max(line.bbox[3] - line.bbox[1], 1e-3)
        return max(0.0, (line.bbox[1] - prev.bbox[3]) / height)
    return line.gap_before


def _join(segs: list[Segment]) -> str:
    return " ".join(s.text for s in segs)


def _signed(ctx: Context, child: Field, row: ItemRow, columns: list[int]) -> Match | None:
    """One amount from a debit and a credit column: credits positive, debits negative."""
    header = row.header
    for si in columns:
        segs = row.cells.get(si, [])
        value = parse_value(child, _join(segs), ctx.dayfirst) if segs else None
        if value is None:
            continue
        head = set(tokens(header[si], keep_stop=True)) if si < len(header) else set()
        if head & DEBIT_WORDS:
            value = -abs(value)
        bbox = union_bbox([s.bbox for s in segs])
        return Match(field=child, value=value, score=0.9, page=row.page, bbox=bbox)
    return None


def _row_to_item(ctx: Context, item: Field, row: ItemRow) -> list[Match | None]:
    out: list[Match | None] = []
    by_field: dict[int, list[int]] = {}
    for si, f in row.mapping.items():
        by_field.setdefault(id(f), []).append(si)
    for child in item.children:
        columns = by_field.get(id(child), [])
        if len(columns) > 1:
            out.append(_signed(ctx, child, row, columns))
            continue
        si = columns[0] if columns else None
        segs = row.cells.get(si, []) if si is not None else []
        if not segs:
            out.append(None)
            continue
        value = parse_value(child, _join(segs), ctx.dayfirst)
        if value is None:
            out.append(None)
            continue
        out.append(
            Match(
                field=child,
                value=value,
                score=0.9,
                page=row.page,
                bbox=union_bbox([s.bbox for s in segs]),
                label=None,
            )
        )
    return out


# -- headerless item lists ----------------------------------------------------------------


def _roles(item: Field) -> tuple[Field | None, Field | None, Field | None, Field | None]:
    """(name, quantity, line amount, unit price) properties of an item schema."""
    strings = [c for c in item.children if c.kind == "string"]
    numbers = [c for c in item.children if c.kind in NUMERIC]
    name = next(
        (
            c
            for c in strings
            if c.concept("description", "name", "item", "product", "service", "title")
        ),
        strings[0] if strings else None,
    )
    qty = next((c for c in numbers if c.concept("quantity", "qty", "units", "count")), None)
    unit = next(
        (c for c in numbers if c is not qty and c.concept("unit price", "rate", "unit cost")),
        None,
    )
    amount = next(
        (
            c
            for c in numbers
            if c not in (qty, unit)
            and c.concept("amount", "total", "price", "line total", "line price", "cost", "sum")
        ),
        None,
    )
    if amount is None:
        amount = next((c for c in numbers if c not in (qty, unit)), None)
    return name, qty, amount, unit


def priced_lines(ctx: Context, item: Field, stop_fields: list[Field]) -> list[list[Match | None]]:
    name_f, qty_f, amount_f, unit_f = _roles(item)
    if name_f is None or amount_f is None:
        return []
    found: list[dict[int, Match]] = []
    last: tuple[int, float] | None = None  # (line, amount) of the last item read
    pending: tuple[int, str] | None = None
    for li, line in enumerate(ctx.lines):
        if li in ctx.consumed:
            continue
        if line_has_label(ctx, li, stop_fields, threshold=0.85):
            if found:
                break
            pending = None
            continue
        segs = line.segments
        money = MONEY_RE.match(segs[-1].text.strip()) if segs else None
        if money and len(segs) >= 3 and TAX_FLAG_RE.match(segs[-2].text.strip()):
            segs = segs[:-2] + segs[-1:]  # "PAPER TOWELS 6PK   T   8.99": a tax flag
        left = " ".join(s.text for s in segs[:-1]).strip() if money else line.text.strip()
        detail = DETAIL_RE.match(left) if left else None
        if not money and detail and found and last is not None and last[0] == li - 1:
            # "2 @ 1.99" / "2.15 lb @ 0.60 /lb" under the item it details
            _detail_after(found[-1], detail, last[1], qty_f, unit_f, ctx.lines[li].bbox)
            ctx.consumed.add(li)
            last = None
            continue
        if not money:
            pending = (
                (li, left) if left and re.search(r"[A-Za-z]{2}", left) and not detail else None
            )
            continue
        amount = parse_value(amount_f, segs[-1].text, ctx.dayfirst)
        if amount is None:
            continue
        if found and _is_adjustment(left, segs[-1].text):
            # "MULTI-BUY 2 FOR 10.00  -1.98", "COUPON SAVINGS  -1.00": not an item
            adjustments.record(
                ctx, adjustments.Adjustment(li, left, float(amount), line.page, line.bbox)
            )
            ctx.consumed.add(li)
            pending = None
            last = None
            continue
        qty: float | None = None
        unit_price: float | None = None
        name = left
        name_lines = [li]
        if detail and pending is not None and pending[0] == li - 1:
            name = pending[1]
            name_lines = [pending[0], li]
            if detail.group("qty"):
                qty = float(detail.group("qty").replace(",", "."))
            unit_price = float(detail.group("unit_price").replace(",", "."))
        elif not re.search(r"[A-Za-z]{2}", left):
            pending = None
            continue
        else:
            name = BULLET_PREFIX_RE.sub("", name)
            name = SKU_PREFIX_RE.sub("", name)
            lead = LEAD_QTY_RE.match(name)
            tail = TRAIL_QTY_RE.search(name)
            if tail and re.search(r"[A-Za-z]{2}", name[: tail.start()]):
                # "Oat Milk 1L   2 x 2.49   4.98", "Bagel x3   6.00"
                qty = float((tail.group("qty") or tail.group("qty2")).replace(",", "."))
                if tail.group("unit_price"):
                    unit_price = float(tail.group("unit_price").replace(",", "."))
                name = name[: tail.start()].rstrip(" -,")
            elif lead and len(segs) >= 2 and segs[0].text.strip() == lead.group("qty"):
                qty = float(lead.group("qty").replace(",", "."))
                name = name[lead.end() :]
            elif lead and re.match(r"^\d+(?:[.,]\d+)?\s*(?:x|×|@)\s", name, re.IGNORECASE):
                qty = float(lead.group("qty").replace(",", "."))
                name = name[lead.end() :]
            elif lead and re.match(r"^\d{1,2}\s+[A-Za-z]", name):
                after = name[lead.end() :].split()[0].lower().strip(".,")
                if after not in UNIT_WORDS:
                    qty = float(lead.group("qty"))
                    name = name[lead.end() :]
        if qty is None and unit_price is None:
            split = _priced_in_name(name, float(amount))
            if split is not None:
                name, qty, unit_price = split
        name = ITEM_LABEL_PREFIX_RE.sub("", name) or name
        pending = None
        page = line.page
        bbox: BBox = union_bbox([ctx.lines[n].bbox for n in name_lines])
        entry: dict[int, Match] = {}
        name_value = parse_value(name_f, name, ctx.dayfirst)
        if name_value is not None:
            entry[id(name_f)] = Match(name_f, name_value, 0.7, page, bbox)
        entry[id(amount_f)] = Match(amount_f, amount, 0.7, page, segs[-1].bbox)
        if qty_f is not None and qty is not None:
            q = int(qty) if qty_f.kind == "integer" or qty.is_integer() else qty
            entry[id(qty_f)] = Match(qty_f, q, 0.7, page, bbox)
        if unit_f is not None and unit_price is not None:
            entry[id(unit_f)] = Match(unit_f, unit_price, 0.7, page, bbox)
        for n in name_lines:
            ctx.consumed.add(n)
        found.append(entry)
        last = (li, float(amount))
    for entry in found:
        _single_unit(entry, amount_f, qty_f, unit_f)
    return [[entry.get(id(c)) for c in item.children] for entry in found]


# "0101 Art-Nr-Kunde: Laser printer": a position number and an empty item-number label
# printed before the item's name
ITEM_LABEL_PREFIX_RE = re.compile(
    r"^(?:\d+(?:\.\d+)*\s+)?[A-Za-z][\w.-]*(?:nr|no|nummer|number|id)[\w.-]*\s*:\s+(?=\S)",
    re.IGNORECASE,
)
_NAME_NUM_RE = re.compile(r"(?<![\w.,])-?\d{1,3}(?:\.\d{3})*(?:,\d+)?(?![\w%]|[.,]\d|\s?%)"
                          r"|(?<![\w.,])-?\d+(?:[.,]\d+)?(?![\w%]|[.,]\d|\s?%)")  # fmt: skip


def _priced_in_name(name: str, amount: float) -> tuple[str, float, float] | None:
    """("Laser printer B/W", 2, 300.0) from "Laser printer B/W 300,00 2 Stk 19%" with the
    line amount 600.00: a price and a quantity printed inside the row's text, found by their
    product; the name ends where they start."""
    nums = []
    for m in _NAME_NUM_RE.finditer(name):
        value = values.parse_number(m.group(0))
        if value is not None:
            nums.append((m.start(), m.end(), float(value)))
    best = None
    for i, (s1, _e1, a) in enumerate(nums):
        for j, (s2, e2, b) in enumerate(nums):
            if i == j or not re.search(r"[A-Za-z]{2}", name[: min(s1, s2)]):
                continue
            if abs(a * b - amount) > 0.011 + 0.0005 * abs(amount) or b == 0:
                continue
            unit = UNIT_AFTER_RE.match(name[e2:])
            price_like = "," in name[s1:_e1] or "." in name[s1:_e1]
            rank = (bool(unit), price_like, -min(s1, s2))
            if best is None or rank > best[0]:
                best = (rank, min(s1, s2), b, a)
    if best is None or not (best[0][0] or best[0][1]):
        return None
    _, start, qty, price = best
    head = name[:start].rstrip(" -,:")
    return (head, qty, price) if re.search(r"[A-Za-z]{2}", head) else None


UNIT_AFTER_RE = re.compile(
    r"\s*(?:stk|st|pcs?|pieces?|units?|ea|each|x|kg|g|l|m|m²|m2|m³|h|hrs?|std|tage?|days?|"
    r"nights?|km|kwh|liters?|litres?)\b\.?",
    re.IGNORECASE,
)


def _single_unit(
    entry: dict[int, Match], amount_f: Field, qty_f: Field | None, unit_f: Field | None
) -> None:
    """A priced line with no count sold one unit: when the schema asks for both quantity
    and unit price, a bare "NAME  9.99" means 1 x 9.99 (a "2 @ 2.79" detail would have said
    otherwise), and "2 x Drip Coffee  6.50" means 3.25 each when that divides to the cent;
    with only one of them asked, nothing is invented."""
    if qty_f is None or unit_f is None or id(amount_f) not in entry or id(unit_f) in entry:
        return
    base = entry[id(amount_f)]
    amount = base.value
    if not isinstance(amount, (int, float)) or amount < 0:
        return
    if id(qty_f) in entry:
        qty = entry[id(qty_f)].value
        if isinstance(qty, (int, float)) and qty > 0:
            each = round(amount / qty, 2)
            if abs(each * qty - amount) < 0.005:
                entry[id(unit_f)] = Match(unit_f, each, 0.5, base.page, base.bbox)
        return
    one = 1 if qty_f.kind == "integer" else 1.0
    entry[id(qty_f)] = Match(qty_f, one, 0.5, base.page, base.bbox)
    entry[id(unit_f)] = Match(unit_f, amount, 0.5, base.page, base.bbox)


TAX_FLAG_RE = re.compile(r"^(?:[A-Z]{1,2}|\*)$")
ADJUSTMENT_WORDS = {
    "coupon", "discount", "saving", "savings", "promo", "promotion", "multi", "multibuy",
    "voucher", "rebate", "markdown", "reward", "rewards", "member", "offer", "deal",
}  # fmt: skip


def _is_adjustment(name: str, amount_text: str) -> bool:
    """A negative line naming a coupon, saving or promotion: it reduces the bill."""
    text = amount_text.strip()
    negative = text.startswith(("-", "\u2212", "(")) or text.endswith("-")
    words = set(re.findall(r"[a-z]+", name.lower()))
    return negative and bool(words & ADJUSTMENT_WORDS)


def _detail_after(
    entry: dict[int, Match],
    detail: re.Match,
    amount: float,
    qty_f: Field | None,
    unit_f: Field | None,
    bbox: BBox,
) -> None:
    """Quantity and unit price from a detail line below an item, when they agree with the
    item's amount."""
    unit_price = float(detail.group("unit_price").replace(",", "."))
    qty = float(detail.group("qty").replace(",", ".")) if detail.group("qty") else None
    if qty is not None and abs(qty * unit_price - abs(amount)) > 0.011 + 0.005 * qty:
        return
    base = next(iter(entry.values()))
    page = base.page
    if qty_f is not None and qty is not None and id(qty_f) not in entry:
        q = int(qty) if qty_f.kind == "integer" and qty.is_integer() else qty
        if qty_f.kind != "integer" or qty.is_integer():
            entry[id(qty_f)] = Match(qty_f, q, 0.7, page, bbox)
    if unit_f is not None and id(unit_f) not in entry:
        entry[id(unit_f)] = Match(unit_f, unit_price, 0.7, page, bbox)
