"""Leaf counts per field: null accounting and the per-field summary over many judgements.

The judge (skillkit.compare) records every leaf it scores under its *field*: the JSON pointer
of the leaf with every array index replaced by `*` (`/line_items/3/qty` -> `/line_items/*/qty`;
an object key spelt `*` reads the same). `Judgement.fields` maps each field of one output to its
`FieldCounts`; `summarise_fields(judgements)` adds them up over many outputs, weakest field
first. Pure Python, no I/O, no dependency on the judge (it imports this module).

Counts (`FieldCounts`)
    `tp`, `fp`, `fn`: the field's share of the judgement's true positives, false positives and
    false negatives (fractional where a leaf was compared with `anls`: a leaf of similarity s
    adds s to tp and 1 - s to fp and to fn). precision = tp/(tp+fp), recall = tp/(tp+fn),
    F1 = 2tp/(2tp+fp+fn), each 1.0 when its denominator is 0, as for a whole judgement.

Null accounting (`NullAccounting`, also inside `FieldCounts`)
    Every scored leaf position falls in exactly one class. "A value" is anything but null, an
    absent key, or (on the actual side, where it asserts nothing) an empty `[]` / `{}`:

    correct       expected a value, got an equal one (similarity 1 under anls). A TP.
    correct_null  expected null (or an absent key matched an expected null, with
                  `missing_equals_null`), got null or nothing. A TP.
    missing       expected a value, got null, nothing, or an empty container: one per expected
                  leaf lost (every leaf of a missing row or object, its nulls included).
    hallucinated  expected null or nothing, got a value: one per actual leaf asserted (an
                  extra key or row counts each of its leaves; an expected `[]` / `{}` against
                  a filled one counts the filled one's leaves).
    wrong         both sides hold values and they differ (also a partial anls match, s < 1):
                  one per expected leaf.

    A null in the actual output where nothing is expected asserts nothing and is in no class
    (as it is in no count), and so is an ignored path. With `missing_equals_null: false` a null
    is still "no value" here, though it is scored as one: expected null vs an absent key is
    missing, an extra key holding null is hallucinated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from skillkit import jsonpointer

__all__ = [
    "CATEGORIES",
    "FieldCounts",
    "FieldSummary",
    "NullAccounting",
    "field_pointer",
    "summarise_fields",
]

#: The null-accounting classes, in the order reports show them.
CATEGORIES: tuple[str, ...] = ("correct", "correct_null", "missing", "hallucinated", "wrong")

Number = int | float


def field_pointer(path: Iterable[Any]) -> str:
    """The field of a leaf: its JSON pointer with every array index (an int) written `*`."""
    return jsonpointer.format("*" if isinstance(p, int) else p for p in path)


def _ratio(num: Number, den: Number) -> float:
    return num / den if den else 1.0


def _plain(value: Number) -> Number:
    """A count as JSON shows it: an int when it is one, else a float rounded to 1e-9 (the
    fractional sums of anls similarities carry float noise)."""
    if isinstance(value, float):
        rounded = round(value, 9)
        return int(rounded) if rounded.is_integer() else rounded
    return value


@dataclass(frozen=True)
class NullAccounting:
    """How many leaves were correct, correct nulls, missing, hallucinated or wrong (see the
    module docstring). Add them up with `+` or `sum(..., NullAccounting())`."""

    correct: int = 0
    correct_null: int = 0
    missing: int = 0
    hallucinated: int = 0
    wrong: int = 0

    def __add__(self, other: NullAccounting) -> NullAccounting:
        if not isinstance(other, NullAccounting):
            return NotImplemented
        return NullAccounting(*(getattr(self, n) + getattr(other, n) for n in CATEGORIES))

    def __radd__(self, other: Any) -> NullAccounting:
        if other == 0:  # sum() without a start value
            return self
        return NotImplemented

    @property
    def total(self) -> int:
        """Leaf positions classed (each once)."""
        return sum(getattr(self, n) for n in CATEGORIES)

    def to_dict(self) -> dict[str, int]:
        return {n: getattr(self, n) for n in CATEGORIES}


@dataclass(frozen=True)
class FieldCounts:
    """One field's counts: tp / fp / fn (fractional with anls) and the null accounting."""

    tp: Number = 0
    fp: Number = 0
    fn: Number = 0
    correct: int = 0
    correct_null: int = 0
    missing: int = 0
    hallucinated: int = 0
    wrong: int = 0

    def __add__(self, other: FieldCounts) -> FieldCounts:
        if not isinstance(other, FieldCounts):
            return NotImplemented
        return FieldCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def __radd__(self, other: Any) -> FieldCounts:
        if other == 0:
            return self
        return NotImplemented

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def accounting(self) -> NullAccounting:
        return NullAccounting(*(getattr(self, n) for n in CATEGORIES))

    @property
    def total(self) -> int:
        """Leaf positions of this field (each in one null-accounting class)."""
        return self.accounting.total

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": _plain(self.tp),
            "fp": _plain(self.fp),
            "fn": _plain(self.fn),
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            **self.accounting.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FieldCounts:
        """Read `to_dict()` back (a JSON report's per-field data); missing counts are 0 and
        the derived keys (precision, recall, f1) are ignored. ValueError for a count that is
        not a number >= 0."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = data.get(f.name, 0)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
                raise ValueError(f"{f.name!r} must be a number >= 0, got {value!r}")
            values[f.name] = value if f.name in ("tp", "fp", "fn") else int(value)
        return cls(**values)


@dataclass(frozen=True)
class FieldSummary:
    """One field over many judgements: its summed counts and in how many of them it occurs."""

    path: str
    counts: FieldCounts
    cases: int

    @property
    def precision(self) -> float:
        return self.counts.precision

    @property
    def recall(self) -> float:
        return self.counts.recall

    @property
    def f1(self) -> float:
        return self.counts.f1

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "cases": self.cases, **self.counts.to_dict()}


def summarise_fields(
    judgements: Iterable[Any],
) -> list[FieldSummary]:
    """Per-field counts summed over `judgements` (Judgement objects, or mappings of field ->
    FieldCounts such as `Judgement.fields`), weakest first: by F1 ascending, then by more leaf
    positions first (a weak field that occurs often matters more), then by path."""
    totals: dict[str, FieldCounts] = {}
    cases: dict[str, int] = {}
    for judgement in judgements:
        per_field = judgement if isinstance(judgement, Mapping) else judgement.fields
        for path, counts in per_field.items():
            totals[path] = totals[path] + counts if path in totals else counts
            cases[path] = cases.get(path, 0) + 1
    out = [FieldSummary(path, counts, cases[path]) for path, counts in totals.items()]
    out.sort(key=lambda s: (round(s.f1, 12), -s.counts.total, s.path))
    return out
