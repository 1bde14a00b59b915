"""Rows whose schema splits one transaction by direction ("transaction_deposit_date" and
"transaction_withdrawal_date"): the date and description belong to the side that has the
amount.

A statement prints one date and one description per row and the amount in a "Money In" or
a "Money Out" column. Schemas modelled on paired columns give each side its own date and
description; the table reader fills whichever side's labels matched first. The amount
decides: a row with only a withdrawal amount has its date and description moved to the
withdrawal fields, and the other way round.
"""

from __future__ import annotations

from skillkit.engine.context import Match
from skillkit.engine.fields import Field

_IN = {"deposit", "deposits", "credit", "credits", "in"}
_OUT = {"withdrawal", "withdrawals", "debit", "debits", "out"}


def _side(f: Field) -> tuple[str, tuple[str, ...]] | None:
    """('in', rest) / ('out', rest) for a property naming one direction, else None."""
    toks = f.tokens
    for i, t in enumerate(toks):
        if t in _IN or t in _OUT:
            return ("in" if t in _IN else "out"), toks[:i] + ("*",) + toks[i + 1 :]
    return None


def settle_directions(item: Field, rows: list) -> None:
    """Move each row's direction-specific values to the side holding the amount (in place)."""
    sides = {i: _side(c) for i, c in enumerate(item.children)}
    amounts = {
        s[0]: i
        for i, s in sides.items()
        if s and item.children[i].kind in ("number", "integer") and s[1][-1] == "*"
    }
    if set(amounts) != {"in", "out"}:
        return
    pairs: dict[tuple[str, ...], dict[str, int]] = {}
    for i, s in sides.items():
        if s and i not in amounts.values():
            pairs.setdefault(s[1], {})[s[0]] = i
    pairs = {k: v for k, v in pairs.items() if len(v) == 2}
    for row in rows:
        if not isinstance(row, list):
            continue
        filled = [d for d, i in amounts.items() if i < len(row) and row[i] is not None]
        if len(filled) != 1:
            continue
        here = filled[0]
        there = "out" if here == "in" else "in"
        for pair in pairs.values():
            src, dst = pair[there], pair[here]
            if row[src] is not None and row[dst] is None:
                m: Match = row[src]
                row[dst] = Match(item.children[dst], m.value, m.score, m.page, m.bbox, m.label)
                row[src] = None
