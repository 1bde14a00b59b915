"""Dates printed without a year ("16 Dec", "Jan 3"), as statements list transactions.

The year is the document's: a transaction date falls inside the statement period, so a
period crossing the year end ("15 Dec 2025 to 14 Jan 2026") gives December the first year
and January the second; without a period, the document's first full date (the statement
date) is the latest the transaction can be, so a later month means the year before.

The document's dates are set once per extraction (`document_dates`) and read by
`fields.parse_value` through a context variable, so the many callers of `parse_value` need
no extra argument and concurrent extractions do not see each other's years.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from skillkit.dates import MONTHS, alternation
from skillkit.engine import values

_MON = alternation(MONTHS)
_YEARLESS_RE = re.compile(
    rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s\-./]*(?P<mon>{_MON})\.?"
    rf"|(?P<mon2>{_MON})\.?[\s\-./]*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DocumentDates:
    """What a year-less date is resolved against: the period, else the first full date."""

    start: values.DateValue | None
    end: values.DateValue | None
    anchor: values.DateValue | None


# [texts, scanned dates or None until the first year-less date asks for them]
_CURRENT: ContextVar[list | None] = ContextVar("document_dates", default=None)


def scan(texts: list[str], dayfirst: bool | None) -> DocumentDates:
    """The first date range (a statement period) and the first full date of the document."""
    start = end = anchor = None
    for text in texts:
        if start is None and len(text) <= 200:
            rng = values.find_date_range(text, dayfirst=dayfirst)
            if rng is not None and rng.start and rng.end and rng.start.day and rng.end.day:
                start, end = rng.start, rng.end
        if anchor is None:
            found = values.find_dates(text, dayfirst=dayfirst)
            anchor = found[0] if found else None
        if start is not None and anchor is not None:
            break
    return DocumentDates(start, end, anchor)


@contextmanager
def document_dates(texts: list[str]) -> Iterator[None]:
    """Year-less dates parsed inside this block take their year from `texts` (scanned lazily,
    so documents without such dates pay nothing)."""
    token = _CURRENT.set([texts, None])
    try:
        yield
    finally:
        _CURRENT.reset(token)


def parse_yearless(text: str) -> values.DateValue | None:
    """'16 Dec' -> 2025-12-16 in a Dec 2025 - Jan 2026 statement; None without a context."""
    state = _CURRENT.get()
    m = _YEARLESS_RE.fullmatch(text.strip().rstrip(","))
    if state is None or m is None:
        return None
    if state[1] is None:
        state[1] = scan(state[0], values.date_order_hint(state[0]))
    ctx: DocumentDates = state[1]
    month = MONTHS[(m.group("mon") or m.group("mon2")).lower()]
    day = int(m.group("d") or m.group("d2"))
    if not 1 <= day <= 31:
        return None
    if ctx.start is not None and ctx.end is not None:
        if ctx.start.year != ctx.end.year:
            year = ctx.start.year if month >= (ctx.start.month or 1) else ctx.end.year
        else:
            year = ctx.end.year
    elif ctx.anchor is not None:
        year = ctx.anchor.year
        if (month, day) > (ctx.anchor.month or 12, ctx.anchor.day or 31):
            year -= 1  # a listed date after the statement date belongs to the year before
    else:
        return None
    return values.DateValue(year, month, day)
