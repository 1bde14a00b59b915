"""Make an invoice's totals add up: net + tax = gross, and the amount due.

Labels alone often pick the wrong one of several amounts in a totals block: the tax base
printed beside "USt. 19 %", the first of two VAT lines, a total without its tax. When the
schema asks for the net total, the tax and the gross total, the three must satisfy
net + tax = gross; a missing or inconsistent one is replaced by the difference (or the sum)
of the other two, but only where that amount is printed in the document. An unfilled amount
due is the gross total when the schema says so ("equal to the grand total when nothing was
prepaid") and nothing on the page speaks of a prepayment. Schemas with other charges (tip,
discount, shipping ...) are left alone: their totals need not add up from three amounts.
"""

from __future__ import annotations

import re

from skillkit.engine import values
from skillkit.engine.context import Context, Match
from skillkit.engine.fields import Field

_TAX = {"tax", "vat", "gst", "hst", "mwst", "ust", "tva", "iva"}
_NOT_AMOUNT = {"rate", "percent", "percentage", "pct", "id", "no", "number", "code", "type",
               # a payslip's gross pay, income tax and net pay do not add up alone
               "pay", "income", "salary", "wage", "earning", "deduction", "payroll"}  # fmt: skip
_PREPAID_RE = re.compile(
    r"\b(?:anzahlung\w*|vorauszahlung\w*|bereits\s+(?:gezahlt|bezahlt|erhalten)|"
    r"prepaid|prepayment|advance\s+payment|amount\s+paid|paid\s+to\s+date|deposit\s+paid|"
    r"acompte\w*|d[ée]j[àa]\s+(?:pay|r[ée]gl)[ée]|avance)",
    re.IGNORECASE,
)


_OTHER_CHARGES = {
    "tip", "gratuity", "discount", "shipping", "freight", "fee", "service", "charge",
    "rounding", "delivery", "surcharge", "deposit", "handling", "paid", "change", "cash",
}  # fmt: skip
_SAME_AS_TOTAL_RE = re.compile(
    r"\b(?:equal|same|equals)\b[^.;]{0,30}\b(?:grand|gross|invoice)?\s*total|"
    r"\btotal\b[^.;]{0,40}\b(?:when|if)\s+nothing\b",
    re.IGNORECASE,
)


def _role(f: Field) -> str | None:
    toks = set(f.tokens)
    if f.kind != "number" or f.depth != 0 or toks & _NOT_AMOUNT:
        return None
    if toks & {"due", "payable"} or toks == {"balance"}:
        return "due"
    if toks & _TAX:
        return "tax" if not toks & {"net", "gross", "subtotal", "excl", "incl"} else None
    if toks & {"net", "subtotal"}:
        return "net"
    if toks & {"gross"} or (toks & {"total"} and toks <= {"total", "amount", "grand", "invoice"}):
        return "gross"
    return None


def reconcile_totals(ctx: Context, fields: list[Field], taken: dict[int, Match]) -> None:
    roles: dict[str, Field] = {}
    for f in fields:
        r = _role(f)
        if r and r not in roles:
            roles[r] = f
    if not {"net", "tax", "gross"} <= set(roles):
        return
    if any(f.kind == "number" and f.depth == 0 and set(f.tokens) & _OTHER_CHARGES for f in fields):
        return  # a tip, a discount, a shipping charge: the three need not add up alone
    printed: dict[float, tuple[int, object]] = {}
    prepaid = False
    for li, line in enumerate(ctx.lines):
        nums = values.find_numbers(line.text)
        for n in nums:
            printed.setdefault(round(abs(float(n.value)), 2), (li, line))
        if nums and _PREPAID_RE.search(line.text):
            prepaid = True

    def get(role: str) -> float | None:
        m = taken.get(id(roles[role]))
        return float(m.value) if m is not None and isinstance(m.value, (int, float)) else None

    def put(role: str, value: float) -> None:
        hit = printed.get(round(abs(value), 2))
        if hit is None:
            return
        li, line = hit
        taken[id(roles[role])] = Match(
            roles[role], round(value, 2), 0.4, line.page, line.bbox, "totals"
        )

    net, tax, gross = get("net"), get("tax"), get("gross")
    if net is not None and gross is not None:
        want = round(gross - net, 2)
        if tax is None or abs(tax - want) > 0.005:
            put("tax", want)
    elif net is not None and tax is not None and gross is None:
        put("gross", net + tax)
    elif gross is not None and tax is not None and net is None:
        put("net", gross - tax)
    gross = get("gross")
    due = roles.get("due")
    if due is not None and id(due) not in taken and gross is not None and not prepaid:
        if _SAME_AS_TOTAL_RE.search(due.description):
            put("due", gross)  # the schema says: the grand total when nothing was prepaid
