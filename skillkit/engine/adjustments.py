"""Discounts read from the item list of a receipt.

A negative line naming a coupon, saving or promotion ("MEMBER SAVINGS  -1.00") is not an item
(`tables.priced_lines` skips it and records it here); it is the receipt's discount. A schema's
discount amount is the sum of those lines, and its discount description is the line's name
when there is exactly one (with several, no single name describes them all).
"""

from __future__ import annotations

from dataclasses import dataclass

from skillkit.engine.context import Context, Match
from skillkit.engine.document import BBox, union_bbox
from skillkit.engine.fields import Field

_KEY = "adjustments"
SCORE = 0.9  # a priced discount line outranks a loose "Savings" label elsewhere


@dataclass(frozen=True)
class Adjustment:
    line: int
    name: str
    amount: float  # as printed (negative)
    page: int
    bbox: BBox


def record(ctx: Context, adjustment: Adjustment) -> None:
    ctx.cache.setdefault(_KEY, []).append(adjustment)


def _role(f: Field) -> str | None:
    words = set(f.tokens) | set(f.title.lower().split())
    if not words & {"discount", "discounts", "saving", "savings", "coupon"}:
        return None
    if f.kind in ("number", "integer") and f.concept("amount", "discount", "savings", "total"):
        return "amount"
    if f.kind == "string" and f.concept("description", "name", "reason", "label", "type"):
        return "description"
    return None


def discount_proposals(ctx: Context, fields: list[Field]) -> list[Match]:
    """Proposals for top-level discount amount / description fields from recorded lines."""
    found: list[Adjustment] = ctx.cache.get(_KEY, [])
    if not found:
        return []
    out: list[Match] = []
    page = found[0].page
    bbox = union_bbox([a.bbox for a in found if a.page == page])
    for f in fields:
        role = _role(f)
        if role == "amount":
            total = round(sum(abs(a.amount) for a in found), 2)
            value = int(total) if f.kind == "integer" and total.is_integer() else total
            if f.kind == "integer" and not total.is_integer():
                continue
            out.append(Match(f, value, SCORE, page, bbox, label=found[0].name))
        elif role == "description" and len(found) == 1:
            a = found[0]
            out.append(Match(f, a.name, SCORE, a.page, a.bbox, label=a.name))
    return out
