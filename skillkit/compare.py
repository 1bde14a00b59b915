"""The judge: does a skill's JSON output match the expected JSON, field by field?

`judge(actual, expected, schema=..., rules=...)` returns a `Judgement`: the schema errors, the
list of differences (with JSON pointers) and precision / recall / F1 over *leaf* fields. The
rules come from the `match:` section of a `cases.yaml` (`MatchRules.from_mapping`), defaults
first, then per case (`MatchRules.merge`). Pure Python, no I/O, deterministic.

Semantics (the choices made here, in one place):

Schema
    When a schema is given the output is validated first (the validator named by the schema's
    `$schema`: draft-07, 2019-09, or 2020-12 by default; format checks on; no `$ref` is ever
    fetched, see skillkit.schemas). Each error is one line
    `"<pointer>: <message>"`. A schema-invalid output never passes, but it is still scored.
    A schema that is itself invalid raises `SkillError`.

Leaves and counting
    A leaf is a scalar (string, number, boolean, null) or an *empty* array / object, which counts
    as one leaf (`[]`, `{}`). Every expected leaf that the actual output matches is a true positive
    (TP); an expected leaf that is missing or different is a false negative (FN); an actual leaf
    that is different or extra is a false positive (FP). So a changed value is one FP and one FN.
    precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN) (the harmonic mean).
    Nothing asserted gives precision 1.0, nothing expected gives recall 1.0, and F1 is 1.0 only
    when both sides have no leaves at all. `score` is F1.

Missing versus null (`missing_equals_null`, default on)
    On: an absent key counts as null. An expected null matches an absent key (TP, no
    difference). A null in the actual output asserts nothing, so it is never a FP: an extra key
    whose value is null is ignored, and a value replaced by null is one FN only (a "changed"
    difference). The same holds for an actual `[]` / `{}` standing where the expected side has no
    container: it says nothing. An expected object whose key is absent from the actual output is
    walked the same way, so its null leaves match; but a missing *row* of an array (an unpaired
    expected element) loses every leaf, nulls included, because the row itself is what is missing.
    Off: null is an ordinary value on both sides (absent vs null is a FN or a FP).

Objects
    Keys are compared exactly (no normalisation). An expected `{}` matches an actual `{}`
    (or, with `missing_equals_null`, an object holding only nulls).

Arrays
    Default: an expected array whose elements are all objects is compared as a set of rows:
    expected rows are paired with actual rows by the assignment that maximises the number of
    agreeing leaves (exact Hungarian algorithm up to 64 rows on the smaller side, greedy above,
    identical-row then positional pairing above 250,000 candidate pairs; ties prefer keeping the
    same index). Every other array (scalars, arrays of arrays, mixed) is compared by position.
    `unordered: [pattern]` compares the matching arrays as multisets (same best-assignment
    pairing, whatever the element type); `ordered: [pattern]` forces positional comparison.
    Pairing always forms min(len(expected), len(actual)) pairs; leftover expected rows are
    "missing" (all their leaves FN), leftover actual rows are "extra" (their leaves FP).
    An expected non-empty array against an actual `[]` gives one "missing" per row; an expected
    `[]` against a non-empty array is one "changed" difference.

Paths in differences
    JSON pointers (RFC 6901). For paired rows the path uses the *expected* row index; when the
    actual value sits elsewhere, `Difference.actual_path` says where (shown as
    `(actual /rows/2/amount)`). An extra row's own index is its actual index. Differences are
    sorted by path (numeric segments numerically); a missing or extra subtree is one difference.

Numbers
    int and float compare by value (1 == 1.0). Tolerances are exact decimal arithmetic on the
    JSON literals, so 100.01 vs 100.0 with `abs_tol: 0.01` passes: equal if
    |a - e| <= abs_tol or |a - e| <= rel_tol * |e| (relative to the *expected* value).
    Booleans are not numbers. A numeric string vs a number is a "type" difference unless
    `numeric_strings: true` (then "1,234.50" == 1234.5).

Strings
    Normalisers applied to both sides before comparing, in this fixed order: nfkc, casefold,
    alnum (drop every character that is not a letter, digit or space), collapse_whitespace,
    strip. Default: strip, collapse_whitespace, casefold. With `dates` on (default), two strings
    that both *look like* dates are also equal when they name the same day: ISO dates and
    datetimes (aware ones compared in UTC), `2026/03/03`, `3.3.2026` (day first),
    `03/04/2026` (ambiguous: either reading matches), `March 3, 2026`, `3rd March 2026`,
    `03-Mar-2026`, optional weekday. Only four-digit years; "1" is never a date.

Patterns (`ignore`, `unordered`, `ordered`, `any_of`, `paths`)
    JSON pointers where a `*` segment matches any one segment (`/line_items/*/description`).
    `ignore` and `paths` also cover everything below the pointer; `unordered`, `ordered` and
    `any_of` name exactly the node. Ignored paths are excluded on both sides. Patterns match the
    expected-side path (extra rows: their actual path).

`any_of: {pointer: [values]}`
    The expected value or any listed alternative is accepted; the candidate with the fewest
    FP + FN (then most TP, then the expected value first) is the one scored. A `null` alternative
    accepts an absent key (with `missing_equals_null`).

`paths: {pointer: {abs_tol, rel_tol, strings, dates, numeric_strings}}`
    Per-path overrides of the leaf rules; the most specific matching pattern wins.

Comparators (`comparator: exact | anls`, `fields: {pointer: exact | anls}`)
    How two *strings* are scored; numbers, booleans, nulls and a string against a non-string
    are always compared exactly (with the tolerances and `numeric_strings` above). `exact`
    (the default): equal after the normalisers (or as dates), else 0. `anls`: the normalised
    Levenshtein similarity of ANLS*, s = 1 - lev(a, b) / max(len a, len b), computed on the
    normalised strings (code points; add `nfkc` to read composed and decomposed accents
    alike), where s < 0.5 counts 0 (the ANLS* threshold; s = 0.5 is kept) and two empty
    strings score 1. Two strings that both look like dates (with `dates` on) still compare as
    dates: the same day 1, else 0. Strings over 10,000 characters (after normalising) compare
    exactly. `comparator:` sets the default; `fields:` sets it per pointer pattern (the most
    specific pattern wins, as in `paths`).

    A leaf of similarity s adds s to TP and 1 - s to both FP and FN, so precision, recall and
    F1 are computed from fractional counts: a case with one exact leaf and one anls leaf at
    s = 0.8 has TP 1.8, FP 0.2, FN 0.2 and F1 = 3.6 / 4.0 = 0.9. A leaf with s < 1 is a
    "changed" difference carrying `score` s (0.0 below the threshold). The counts stay ints
    unless some leaf scored strictly between 0 and 1.

Null accounting and fields (skillkit.fields)
    Every scored leaf position is also classed correct, correct_null, missing, hallucinated or
    wrong (`Judgement.accounting`, `Difference.category`), and recorded under its field, the
    pointer with array indices written `*` (`Judgement.fields`: tp / fp / fn and the classes
    per field; `skillkit.fields.summarise_fields` adds them up over many judgements).

Merging (`MatchRules.merge`)
    Scalars, `comparator` and `strings` replace; `ignore`, `unordered` and `ordered` extend the
    defaults (a pattern newly listed as ordered leaves the unordered list and vice versa);
    `any_of` and `fields` entries replace per pointer; `paths` entries merge per pointer and
    field.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Any

from skillkit import dates, jsonpointer
from skillkit.errors import CasesError, SkillError
from skillkit.fields import FieldCounts, NullAccounting, field_pointer

__all__ = [
    "ANLS_MAX_LENGTH",
    "ANLS_THRESHOLD",
    "COMPARATORS",
    "DEFAULT_STRINGS",
    "STRING_NORMALISERS",
    "Difference",
    "FieldCounts",
    "Judgement",
    "MatchRules",
    "NullAccounting",
    "PathRules",
    "anls_similarity",
    "judge",
    "json_type_name",
    "levenshtein",
]

#: Every string normaliser, in the order they are applied.
STRING_NORMALISERS: tuple[str, ...] = ("nfkc", "casefold", "alnum", "collapse_whitespace", "strip")
DEFAULT_STRINGS: tuple[str, ...] = ("casefold", "collapse_whitespace", "strip")
#: How strings are scored: `exact` (equal or not) or `anls` (normalised Levenshtein similarity).
COMPARATORS: tuple[str, ...] = ("exact", "anls")
ANLS_THRESHOLD = 0.5  # a similarity below this counts 0 (ANLS*)
ANLS_MAX_LENGTH = 10_000  # longer strings (after normalising) are compared exactly

EXACT_ASSIGNMENT_LIMIT = 64  # rows on the smaller side solved exactly (Hungarian, O(n^2 m))
PAIRWISE_LIMIT = 250_000  # above this many candidate pairs, skip the similarity matrix
_SIMILARITY_SCALE = 1_000_000  # fractional row similarities, as integers for the assignment

_KINDS = ("missing", "changed", "type", "extra")
_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "<missing>"})()


# --------------------------------------------------------------------------- patterns


def _parse_pattern(pattern: str) -> tuple[str, ...]:
    """Split a JSON-pointer pattern into unescaped segments; `""` is the root."""
    return jsonpointer.parse(pattern)


def _matches(pattern: tuple[str, ...], path: tuple[Any, ...], *, prefix: bool) -> bool:
    if len(pattern) > len(path) or (not prefix and len(pattern) != len(path)):
        return False
    return all(p == "*" or p == str(s) for p, s in zip(pattern, path, strict=False))


def _path_sort_key(pointer: str) -> tuple[tuple[int, Any], ...]:
    try:
        segments = _parse_pattern(pointer)
    except ValueError:
        segments = (pointer,)
    return tuple((0, int(s)) if s.isdigit() else (1, s) for s in segments)


# --------------------------------------------------------------------------- rules


def _canonical_strings(names: Iterable[str]) -> tuple[str, ...]:
    """Normaliser names in application order; ValueError names any unknown one."""
    chosen = set(names)
    unknown = sorted(chosen - set(STRING_NORMALISERS))
    if unknown:
        raise ValueError(f"unknown string normaliser(s): {', '.join(unknown)}")
    return tuple(n for n in STRING_NORMALISERS if n in chosen)


def _check_comparator(name: Any) -> str:
    """`name` when it is one of COMPARATORS; ValueError otherwise."""
    if name not in COMPARATORS:
        raise ValueError(
            f"unknown comparator {name!r} (allowed: {', '.join(COMPARATORS)})"
            + _did_you_mean(name, COMPARATORS)
        )
    return name


def _did_you_mean(word: Any, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(str(word).casefold(), list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


@dataclass(frozen=True)
class PathRules:
    """Leaf-comparison overrides for one pointer pattern; None means inherit."""

    strings: tuple[str, ...] | None = None
    abs_tol: float | None = None
    rel_tol: float | None = None
    dates: bool | None = None
    numeric_strings: bool | None = None

    def __post_init__(self) -> None:
        if self.strings is not None:
            object.__setattr__(self, "strings", _canonical_strings(self.strings))

    def over(self, base: PathRules) -> PathRules:
        """These overrides on top of `base` (fields set here win)."""
        return PathRules(
            **{
                name: getattr(base, name) if getattr(self, name) is None else getattr(self, name)
                for name in _PATH_KEYS
            }
        )


_PATH_KEYS = ("strings", "abs_tol", "rel_tol", "dates", "numeric_strings")


@dataclass(frozen=True)
class MatchRules:
    """How actual output is compared with expected output (the `match:` section)."""

    strings: tuple[str, ...] = DEFAULT_STRINGS
    abs_tol: float = 0.0
    rel_tol: float = 0.0
    dates: bool = True
    numeric_strings: bool = False
    missing_equals_null: bool = True
    ignore: tuple[str, ...] = ()
    unordered: tuple[str, ...] = ()
    ordered: tuple[str, ...] = ()
    any_of: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    paths: Mapping[str, PathRules] = field(default_factory=dict)
    comparator: str = "exact"  # how strings are scored by default: one of COMPARATORS
    fields: Mapping[str, str] = field(default_factory=dict)  # pointer pattern -> comparator

    def __post_init__(self) -> None:
        # Accept lists / dicts from Python callers, store canonical immutable-ish forms.
        object.__setattr__(self, "strings", _canonical_strings(self.strings))
        _check_comparator(self.comparator)
        chosen = {}
        for k, v in dict(self.fields).items():
            _parse_pattern(k)
            chosen[k] = _check_comparator(v)
        object.__setattr__(self, "fields", chosen)
        for name in ("ignore", "unordered", "ordered"):
            patterns = tuple(getattr(self, name))
            for p in patterns:
                _parse_pattern(p)
            object.__setattr__(self, name, patterns)
        object.__setattr__(self, "any_of", {k: tuple(v) for k, v in dict(self.any_of).items()})
        paths = {}
        for k, v in dict(self.paths).items():
            _parse_pattern(k)
            paths[k] = v if isinstance(v, PathRules) else PathRules(**v)
        object.__setattr__(self, "paths", paths)
        for p in self.any_of:
            _parse_pattern(p)

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[str, Any] | None,
        *,
        source: str,
        line: int | None = None,
        base: MatchRules | None = None,
        locate: Callable[[tuple[str | int, ...]], int | None] | None = None,
    ) -> MatchRules:
        """Parse a `match:` mapping (from YAML) on top of `base` (default: the defaults).

        Checked by the `match` part of cases.yaml's JSON Schema (skillkit.cases_schema):
        unknown keys and wrong types raise CasesError naming the key, `source` and the line
        `locate` gives for the offending key (else `line`).
        """
        base = base or cls()
        if data is None:
            return base

        def fail(message: str, segments: tuple[str | int, ...] = ()) -> CasesError:
            found = locate(segments) if locate is not None else None
            return CasesError(message, path=source, line=found or line)

        if not isinstance(data, Mapping):
            raise fail(f"match: expected a mapping of rules, got {json_type_name(data)}")
        from skillkit.cases_schema import match_problem

        problem = match_problem(dict(data))
        if problem is not None:
            raise fail(problem.message, problem.path)
        return _rules_over(base, data, fail)

    def merge(
        self,
        other: Mapping[str, Any] | None,
        *,
        source: str = "<match>",
        line: int | None = None,
        locate: Callable[[tuple[str | int, ...]], int | None] | None = None,
    ) -> MatchRules:
        """These rules with a per-case `match:` mapping applied on top."""
        return MatchRules.from_mapping(other, source=source, line=line, base=self, locate=locate)


def _rules_over(
    base: MatchRules, data: Mapping[str, Any], fail: Callable[..., CasesError]
) -> MatchRules:
    """A `match:` mapping that the schema accepts, applied on top of `base` ("Merging")."""
    values = _leaf_values(data, base.strings)
    for name in ("missing_equals_null", "comparator"):
        if name in data:
            values[name] = data[name]
    values["fields"] = {**base.fields, **dict(data.get("fields") or {})}
    lists = {k: _patterns(data[k]) for k in _LISTS if k in data}
    new_ordered, new_unordered = lists.get("ordered", ()), lists.get("unordered", ())
    both = set(new_ordered) & set(new_unordered)
    if both:
        raise fail(
            f"match: {sorted(both)[0]!r} is listed under both 'ordered' and 'unordered'",
            ("unordered",),
        )
    values["ignore"] = _extend(base.ignore, lists.get("ignore", ()))
    values["ordered"] = _extend(
        tuple(p for p in base.ordered if p not in new_unordered), new_ordered
    )
    values["unordered"] = _extend(
        tuple(p for p in base.unordered if p not in new_ordered), new_unordered
    )
    values["any_of"] = {**base.any_of, **{p: tuple(v) for p, v in data.get("any_of", {}).items()}}
    paths = dict(base.paths)
    strings = values.get("strings", base.strings)
    for pattern, rules in (data.get("paths") or {}).items():
        override = PathRules(**_leaf_values(rules, strings))
        paths[pattern] = override.over(paths[pattern]) if pattern in paths else override
    values["paths"] = paths
    current = {name: getattr(base, name) for name in base.__dataclass_fields__}
    current.update(values)
    return MatchRules(**current)


def _leaf_values(data: Mapping[str, Any], base_strings: tuple[str, ...]) -> dict[str, Any]:
    """The tolerances, flags and `strings` set in `data` (the whole rules or one path's)."""
    values = {k: data[k] for k in ("abs_tol", "rel_tol", "dates", "numeric_strings") if k in data}
    if "strings" in data:
        values["strings"] = _strings(data["strings"], base_strings)
    return values


def _strings(value: Any, base: tuple[str, ...]) -> tuple[str, ...]:
    """`strings:` as a list of normalisers, a mapping of normaliser: on/off over `base`, or
    true (the defaults) / false (none)."""
    if isinstance(value, bool):
        return DEFAULT_STRINGS if value else ()
    if isinstance(value, Mapping):
        chosen = set(base)
        for name, on in value.items():
            (chosen.add if on else chosen.discard)(name)
    else:
        chosen = set(value)
    return tuple(n for n in STRING_NORMALISERS if n in chosen)


def _patterns(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


_LISTS = ("ignore", "unordered", "ordered")


def _extend(base: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    return base + tuple(p for i, p in enumerate(more) if p not in base and p not in more[:i])


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Difference:
    """One field that differs. `path` is a JSON pointer into the expected output.

    `kind`: "missing" (expected, absent in actual), "extra" (in actual only; `path` is then the
    actual position), "changed" (same type, other value; also a value replaced by null) or
    "type" (different JSON types). `actual_path` is set when the actual value sits elsewhere
    (a reordered row). `score` is the similarity of a string compared with `anls` (0.0 below
    the threshold), None for an exact comparison. `category` classes it for null accounting:
    missing, hallucinated or wrong (skillkit.fields).
    """

    kind: str
    path: str
    expected: Any = None
    actual: Any = None
    actual_path: str | None = None
    score: float | None = None

    @property
    def category(self) -> str:
        """`missing` (expected a value, got null / nothing / an empty container),
        `hallucinated` (expected null / nothing / an empty container, got a value) or `wrong`
        (both hold values that differ). Derived from `kind` and the two values."""
        return _category(self.kind, self.expected, self.actual)

    def describe(self) -> str:
        """One line, e.g. `/total: expected 1234.5, got 1243.5`."""
        where = self.path or "(root)"
        if self.kind == "missing":
            text = f"{where}: missing, expected {_show(self.expected)}"
        elif self.kind == "extra":
            text = f"{where}: extra, got {_show(self.actual)}"
        elif self.kind == "type":
            text = (
                f"{where}: expected {json_type_name(self.expected)} {_show(self.expected)}, "
                f"got {json_type_name(self.actual)} {_show(self.actual)}"
            )
        else:
            text = f"{where}: expected {_show(self.expected)}, got {_show(self.actual)}"
        if self.score is not None:
            text += f" (anls {self.score:.2f})"
        if self.actual_path is not None:
            text += f" (actual {self.actual_path or '(root)'})"
        return text

    def to_dict(self) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "path": self.path,
            "expected": self.expected,
            "actual": self.actual,
        }
        if self.actual_path is not None:
            out["actual_path"] = self.actual_path
        if self.score is not None:
            out["score"] = self.score
        return out


def _empty_container(value: Any) -> bool:
    return isinstance(value, (Mapping, list)) and not value


def _category(kind: str, expected: Any, actual: Any) -> str:
    """The null-accounting class of a difference (skillkit.fields)."""
    if kind == "missing":
        return "missing"
    if kind == "extra":
        return "hallucinated"
    if actual is None or (_empty_container(actual) and not _empty_container(expected)):
        return "missing"
    if expected is None or (_empty_container(expected) and not _empty_container(actual)):
        return "hallucinated"
    return "wrong"


@dataclass(frozen=True)
class Judgement:
    """The verdict on one output: schema errors, differences and leaf-level scores.

    The counts are ints unless a leaf compared with `anls` scored strictly between 0 and 1
    (then floats: TP += s, FP += 1 - s, FN += 1 - s). `fields` maps each field (the pointer
    with array indices as `*`) to its counts; `accounting` sums their null accounting.
    """

    schema_errors: list[str]
    differences: list[Difference]
    true_positives: int | float
    false_positives: int | float
    false_negatives: int | float
    fields: Mapping[str, FieldCounts] = field(default_factory=dict)

    @property
    def accounting(self) -> NullAccounting:
        """correct / correct_null / missing / hallucinated / wrong over every field."""
        return sum((c.accounting for c in self.fields.values()), NullAccounting())

    @property
    def correct(self) -> int:
        return self.accounting.correct

    @property
    def correct_null(self) -> int:
        return self.accounting.correct_null

    @property
    def missing(self) -> int:
        return self.accounting.missing

    @property
    def hallucinated(self) -> int:
        return self.accounting.hallucinated

    @property
    def wrong(self) -> int:
        return self.accounting.wrong

    @property
    def precision(self) -> float:
        asserted = self.true_positives + self.false_positives
        return self.true_positives / asserted if asserted else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        tp, fp, fn = self.true_positives, self.false_positives, self.false_negatives
        return 2 * tp / (2 * tp + fp + fn) if (tp or fp or fn) else 1.0

    @property
    def score(self) -> float:
        return self.f1

    @property
    def schema_valid(self) -> bool:
        return not self.schema_errors

    def passed(self, min_score: float = 1.0) -> bool:
        """Schema-valid and scoring at least `min_score`."""
        return self.schema_valid and self.score >= min_score

    def lines(self, limit: int | None = None) -> list[str]:
        """Schema errors then differences, one line each, for failure messages."""
        out = [f"schema: {e}" for e in self.schema_errors]
        out += [d.describe() for d in self.differences]
        if limit is not None and len(out) > limit:
            rest = len(out) - limit
            out = out[:limit] + [f"... and {rest} more"]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_valid": self.schema_valid,
            "schema_errors": list(self.schema_errors),
            "score": self.score,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "accounting": self.accounting.to_dict(),
            "differences": [d.to_dict() for d in self.differences],
            "fields": {path: counts.to_dict() for path, counts in self.fields.items()},
        }


def json_type_name(value: Any) -> str:
    """The JSON Schema type name of a value, for messages (`got integer`)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _show(value: Any, limit: int = 80) -> str:
    """Compact JSON, truncated: a difference never dumps a whole object."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "), default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- leaf equality


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, Decimal)) and not isinstance(v, bool)


def _is_nan(v: Any) -> bool:
    return isinstance(v, float) and math.isnan(v)


def _decimal(v: Any) -> Decimal | None:
    if isinstance(v, Decimal):
        return v if v.is_finite() else None
    if isinstance(v, float):
        return Decimal(repr(v)) if math.isfinite(v) else None
    return Decimal(v)


def _numbers_equal(e: Any, a: Any, abs_tol: float, rel_tol: float) -> bool:
    if e == a or (_is_nan(e) and _is_nan(a)):
        return True
    de, da = _decimal(e), _decimal(a)
    if de is None or da is None:
        return False
    with localcontext() as ctx:
        ctx.prec = 200
        diff = abs(de - da)
        if diff <= _decimal(abs_tol):
            return True
        return bool(rel_tol) and diff <= _decimal(rel_tol) * abs(de)


_NUMERIC_STRING = re.compile(
    r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+(?:[eE][+-]?\d+)?"
)


def _as_number(v: Any) -> Any:
    if _is_number(v):
        return v
    if isinstance(v, str):
        s = v.strip()
        if _NUMERIC_STRING.fullmatch(s):
            return Decimal(s.replace(",", ""))
    return None


def _normalise(s: str, normalisers: tuple[str, ...]) -> str:
    for name in normalisers:  # already in STRING_NORMALISERS order
        if name == "nfkc":
            s = unicodedata.normalize("NFKC", s)
        elif name == "casefold":
            s = s.casefold()
        elif name == "alnum":
            s = "".join(ch for ch in s if ch.isalnum() or ch.isspace())
        elif name == "collapse_whitespace":
            s = re.sub(r"\s+", " ", s)
        elif name == "strip":
            s = s.strip()
    return s


def levenshtein(a: str, b: str) -> int:
    """The Levenshtein distance (insertions, deletions, substitutions of code points).

    Myers' bit-parallel algorithm (Hyyrö's formulation for edit distance) on Python ints as bit
    vectors: O(len a * len b / word size), about 0.1 s for two 10,000-character strings."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    if m == 0:
        return len(a)
    peq: dict[str, int] = {}  # character -> bit mask of its positions in b
    bit = 1
    for ch in b:
        peq[ch] = peq.get(ch, 0) | bit
        bit <<= 1
    mask = (1 << m) - 1
    last = 1 << (m - 1)
    pv, mv, dist = mask, 0, m  # vertical +1 / -1 deltas of the last column, its bottom value
    for ch in a:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & last:
            dist += 1
        elif mh & last:
            dist -= 1
        ph = ((ph << 1) | 1) & mask  # row 0 grows by one per character of a
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return dist


def anls_similarity(a: str, b: str, *, threshold: float = ANLS_THRESHOLD) -> float:
    """s = 1 - lev(a, b) / max(len a, len b); s < `threshold` counts 0; two empty strings 1.

    No normalising here (the judge normalises first). Strings longer than ANLS_MAX_LENGTH
    score 1.0 when equal, else 0.0."""
    if a == b:
        return 1.0
    longest = max(len(a), len(b))
    if longest > ANLS_MAX_LENGTH:
        return 0.0
    if abs(len(a) - len(b)) > longest * (1 - threshold):  # lev >= the length difference
        return 0.0
    if longest <= 1000:  # row pairing compares the same strings again: remember short ones
        return _anls_cached(a, b, threshold)
    return _anls(a, b, threshold)


def _anls(a: str, b: str, threshold: float) -> float:
    s = 1 - levenshtein(a, b) / max(len(a), len(b))
    return s if s >= threshold else 0.0


_anls_cached = functools.lru_cache(maxsize=4096)(_anls)


_MONTHS = dates.ENGLISH_MONTHS  # the judge reads English month names only
_MON = "(?P<mon>" + dates.alternation(_MONTHS) + r")\.?"
_WD = r"(?:(?:" + dates.alternation(dates.WEEKDAYS) + r")\.?,?\s+)?"
_ORD = dates.ORDINAL
_DATE_FORMS = [
    ("ymd", re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")),
    ("ymd", re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})")),
    ("dmy", re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})")),
    ("either", re.compile(r"(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})")),
    ("named", re.compile(_WD + _MON + r"\s+(?P<d>\d{1,2})" + _ORD + r",?\s+(?P<y>\d{4})")),
    (
        "named",
        re.compile(
            _WD + r"(?P<d>\d{1,2})" + _ORD + r"(?:\s+of)?[\s-]+" + _MON + r",?[\s-]+(?P<y>\d{4})"
        ),
    ),
]
_DATETIME = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[t ](?P<H>\d{2}):(?P<M>\d{2})"
    r"(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?\s*(?P<tz>z|utc|[+-]\d{2}(?::?\d{2})?)?"
)


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _date_forms(text: str) -> frozenset[str] | None:
    """The ISO forms a date-looking string may mean, or None when it is not a date."""
    s = " ".join(text.split()).casefold()
    if len(s) < 8 or len(s) > 48 or not any(ch.isdigit() for ch in s):
        return None
    m = _DATETIME.fullmatch(s)
    if m:
        return _datetime_form(m)
    for kind, regex in _DATE_FORMS:
        m = regex.fullmatch(s)
        if not m:
            continue
        y = int(m["y"])
        if kind == "either":
            a, b = int(m["a"]), int(m["b"])
            days = {_day(y, a, b), _day(y, b, a)} - {None}
        elif kind == "named":
            days = {_day(y, _MONTHS[m["mon"]], int(m["d"]))} - {None}
        else:
            days = {_day(y, int(m["m"]), int(m["d"]))} - {None}
        return frozenset(days) if days else None
    return None


def _datetime_form(m: re.Match[str]) -> frozenset[str] | None:
    tz = m["tz"]
    tzinfo = None
    if tz in ("z", "utc"):
        tzinfo = _dt.timezone.utc
    elif tz:
        digits = tz[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + (int(digits[2:]) if len(digits) > 2 else 0)
        tzinfo = _dt.timezone((-1 if tz[0] == "-" else 1) * _dt.timedelta(minutes=minutes))
    micro = int((m["f"] or "0")[:6].ljust(6, "0"))
    try:
        value = _dt.datetime(
            int(m["y"]),
            int(m["m"]),
            int(m["d"]),
            int(m["H"]),
            int(m["M"]),
            int(m["S"] or 0),
            micro,
            tzinfo=tzinfo,
        )
    except ValueError:
        return None
    if tzinfo is not None:
        value = value.astimezone(_dt.timezone.utc)
    return frozenset({value.isoformat()})


# --------------------------------------------------------------------------- assignment


def _hungarian(weights: list[list[int]]) -> list[int]:
    """Maximum-weight assignment for n <= m: row i -> column result[i] (exact, O(n^2 m))."""
    n, m = len(weights), len(weights[0])
    top = max(max(row) for row in weights)
    cost = [[top - w for w in row] for row in weights]
    inf = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j] = row (1-based) assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta = inf
            j1 = 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    result = [0] * n
    for j in range(1, m + 1):
        if owner[j]:
            result[owner[j] - 1] = j - 1
    return result


def _assign(n: int, m: int, similarity: Callable[[int, int], int | float]) -> list[tuple[int, int]]:
    """Pair min(n, m) expected/actual indices maximising total similarity, ties kept in place.
    Fractional similarities (anls) are scaled to integers in units of 1e-6."""
    k = min(n, m)
    if k == 0:
        return []
    bonus = k + 1  # similarity dominates; keeping the same index breaks ties
    sims = [[similarity(i, j) for j in range(m)] for i in range(n)]
    if any(isinstance(x, float) for row in sims for x in row):
        sims = [[round(x * _SIMILARITY_SCALE) for x in row] for row in sims]
    weights = [[sims[i][j] * bonus + (i == j) for j in range(m)] for i in range(n)]
    if k <= EXACT_ASSIGNMENT_LIMIT:
        if n <= m:
            return [(i, j) for i, j in enumerate(_hungarian(weights))]
        transposed = [[weights[i][j] for i in range(n)] for j in range(m)]
        return sorted((i, j) for j, i in enumerate(_hungarian(transposed)))
    order = sorted(
        ((i, j) for i in range(n) for j in range(m)),
        key=lambda p: (-weights[p[0]][p[1]], abs(p[0] - p[1]), p),
    )
    rows, cols, pairs = set(), set(), []
    for i, j in order:
        if i not in rows and j not in cols:
            rows.add(i)
            cols.add(j)
            pairs.append((i, j))
            if len(pairs) == k:
                break
    return sorted(pairs)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _pair_large(expected: list[Any], actual: list[Any]) -> list[tuple[int, int]]:
    """Cheap pairing for huge arrays: identical rows first, the rest by position."""
    free: dict[str, list[int]] = {}
    for j, a in enumerate(actual):
        free.setdefault(_canonical(a), []).append(j)
    pairs, left = [], []
    for i, e in enumerate(expected):
        slots = free.get(_canonical(e))
        if slots:
            pairs.append((i, slots.pop(0)))
        else:
            left.append(i)
    used = {j for _, j in pairs}
    rest = [j for j in range(len(actual)) if j not in used]
    pairs += list(zip(left, rest, strict=False))
    return sorted(pairs)


# --------------------------------------------------------------------------- comparison


_Path = tuple[Any, ...]
# One scored leaf position: (path, null-accounting class, tp, fp, fn). A position counts in its
# class when it is a TP (correct, correct_null), an expected leaf lost (missing, wrong) or an
# actual leaf asserted (hallucinated); see skillkit.fields.
_Event = tuple[_Path, str, Any, Any, Any]


@dataclass
class _Result:
    tp: int | float = 0
    fp: int | float = 0
    fn: int | float = 0
    diffs: list[Difference] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)

    def add(self, other: _Result) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.diffs.extend(other.diffs)
        self.events.extend(other.events)


def _is_leaf(value: Any) -> bool:
    """A scalar or an empty container: what counts as one leaf."""
    return not isinstance(value, (Mapping, list)) or not value


class _Comparer:
    """Walks expected and actual together under one set of rules."""

    def __init__(self, rules: MatchRules) -> None:
        self.rules = rules
        self.null_absent = rules.missing_equals_null
        self.ignore = [_parse_pattern(p) for p in rules.ignore]
        self.ordered = [_parse_pattern(p) for p in rules.ordered]
        self.unordered = [_parse_pattern(p) for p in rules.unordered]
        self.any_of = [(_parse_pattern(p), alts) for p, alts in rules.any_of.items()]
        indexed = [(_parse_pattern(p), n, o) for n, (p, o) in enumerate(rules.paths.items())]
        self.overrides = [(p, o) for p, _, o in sorted(indexed, key=lambda t: (len(t[0]), t[1]))]
        chosen = [(_parse_pattern(p), n, c) for n, (p, c) in enumerate(rules.fields.items())]
        self.comparators = [(p, c) for p, _, c in sorted(chosen, key=lambda t: (len(t[0]), t[1]))]
        self.base_leaf = PathRules(
            strings=rules.strings,
            abs_tol=rules.abs_tol,
            rel_tol=rules.rel_tol,
            dates=rules.dates,
            numeric_strings=rules.numeric_strings,
        )
        self._leaf_cache: dict[_Path, PathRules] = {}
        self._comparator_cache: dict[_Path, str] = {}

    # -- rules at a path

    def ignored(self, path: _Path) -> bool:
        return any(_matches(p, path, prefix=True) for p in self.ignore)

    def leaf_rules(self, path: _Path) -> PathRules:
        try:
            return self._leaf_cache[path]
        except KeyError:
            pass
        rules = self.base_leaf
        for pattern, override in self.overrides:
            if _matches(pattern, path, prefix=True):
                rules = override.over(rules)
        self._leaf_cache[path] = rules
        return rules

    def comparator(self, path: _Path) -> str:
        """The string comparator at `path`: the most specific `fields` pattern, else the
        default."""
        try:
            return self._comparator_cache[path]
        except KeyError:
            pass
        name = self.rules.comparator
        for pattern, chosen in self.comparators:
            if _matches(pattern, path, prefix=True):
                name = chosen
        self._comparator_cache[path] = name
        return name

    # -- the walk

    def node(self, exp: Any, act: Any, epath: _Path, apath: _Path) -> _Result:
        if self.ignored(epath):
            return _Result()
        for pattern, alternatives in self.any_of:
            if _matches(pattern, epath, prefix=False):
                best: _Result | None = None
                for candidate in (exp, *alternatives):
                    result = self.plain(candidate, act, epath, apath)
                    if best is None or (result.fp + result.fn, -result.tp) < (
                        best.fp + best.fn,
                        -best.tp,
                    ):
                        best = result
                return best or _Result()
        return self.plain(exp, act, epath, apath)

    def plain(self, exp: Any, act: Any, epath: _Path, apath: _Path) -> _Result:
        if exp is _MISSING:
            return self.extra(act, epath, apath)
        if act is _MISSING or (act is None and exp is not None and self.null_absent):
            return self.absent(exp, epath, "missing" if act is _MISSING else "changed")
        if isinstance(exp, Mapping) and isinstance(act, Mapping):
            return self.objects(exp, act, epath, apath)
        if isinstance(exp, list) and isinstance(act, list):
            return self.arrays(exp, act, epath, apath)
        scalar = not isinstance(exp, (Mapping, list)) and not isinstance(act, (Mapping, list))
        score: float | None = None
        if scalar:
            s, fuzzy = self.scalar_score(exp, act, epath)
            if s == 1:
                kind = "correct_null" if exp is None else "correct"
                return _Result(tp=1, events=[(epath, kind, 1, 0, 0)])
            if fuzzy:
                score = float(s)
            if s > 0:  # a partial anls match: TP s, FP and FN 1 - s
                miss = 1 - s
                diff = self.diff("changed", epath, exp, act, apath, score)
                return _Result(
                    tp=s, fp=miss, fn=miss, diffs=[diff], events=[(epath, "wrong", s, miss, miss)]
                )
        kind = "changed" if _comparable(exp, act) else "type"
        diff = self.diff(kind, epath, exp, act, apath, score)
        category = diff.category
        if _is_leaf(exp) and _is_leaf(act):  # one position: one event
            fp = self.countable(act, epath)
            return _Result(fp=fp, fn=1, diffs=[diff], events=[(epath, category, 0, fp, 1)])
        events: list[_Event] = []
        _, fn = self.expected_leaves(exp, epath, nulls_match=False, category=category, out=events)
        fp = self.countable(act, epath, category=category, out=events)
        return _Result(fp=fp, fn=fn, diffs=[diff], events=events)

    def objects(self, exp: Mapping, act: Mapping, epath: _Path, apath: _Path) -> _Result:
        if not exp:
            return self.empty_expected(exp, act, epath, apath)
        result = _Result()
        for key, value in exp.items():
            k = str(key)
            result.add(self.node(value, act.get(key, _MISSING), epath + (k,), apath + (k,)))
        for key, value in act.items():
            if key not in exp:
                k = str(key)
                result.add(self.node(_MISSING, value, epath + (k,), apath + (k,)))
        return result

    def arrays(self, exp: list, act: list, epath: _Path, apath: _Path) -> _Result:
        if not exp:
            return self.empty_expected(exp, act, epath, apath)
        result = _Result()
        if not act:
            for i, e in enumerate(exp):
                result.add(self.missing_row(e, epath + (i,)))
            return result
        pairs = self.pair(exp, act, epath, apath)
        for i, j in pairs:
            result.add(self.node(exp[i], act[j], epath + (i,), apath + (j,)))
        paired_e = {i for i, _ in pairs}
        paired_a = {j for _, j in pairs}
        for i, e in enumerate(exp):
            if i not in paired_e:
                result.add(self.missing_row(e, epath + (i,)))
        for j, a in enumerate(act):
            if j not in paired_a:
                result.add(self.extra(a, epath + (j,), apath + (j,)))
        return result

    def pair(self, exp: list, act: list, epath: _Path, apath: _Path) -> list[tuple[int, int]]:
        """Which expected element is compared with which actual element. The candidate
        comparisons are not kept (only their TP): the chosen pairs are compared again, which
        costs 1/len of the candidates and keeps memory flat on big tables."""
        n, m = len(exp), len(act)
        if any(_matches(p, epath, prefix=False) for p in self.ordered):
            by_set = False
        elif any(_matches(p, epath, prefix=False) for p in self.unordered):
            by_set = True
        else:
            by_set = all(isinstance(e, Mapping) for e in exp)
        if not by_set:
            return [(i, i) for i in range(min(n, m))]
        if n * m > PAIRWISE_LIMIT:
            return _pair_large(exp, act)

        def similarity(i: int, j: int) -> int | float:
            return self.node(exp[i], act[j], epath + (i,), apath + (j,)).tp

        return _assign(n, m, similarity)

    def empty_expected(self, exp: Any, act: Any, epath: _Path, apath: _Path) -> _Result:
        events: list[_Event] = []
        fp = self.countable(act, epath, category="hallucinated", out=events) if act else 0
        if fp == 0:  # both empty, or (missing_equals_null) the actual holds only nulls
            return _Result(tp=1, events=[(epath, "correct", 1, 0, 0)])
        events.append((epath, "hallucinated", 0, 0, 1))
        diff = self.diff("changed", epath, exp, act, apath)
        return _Result(fp=fp, fn=1, diffs=[diff], events=events)

    def absent(self, exp: Any, epath: _Path, kind: str) -> _Result:
        events: list[_Event] = []
        tp, fn = self.expected_leaves(
            exp, epath, nulls_match=self.null_absent, category="missing", out=events
        )
        diffs = [Difference(kind, jsonpointer.format(epath), exp, None)] if fn else []
        return _Result(tp=tp, fn=fn, diffs=diffs, events=events)

    def missing_row(self, exp: Any, epath: _Path) -> _Result:
        if self.ignored(epath):
            return _Result()
        events: list[_Event] = []
        _, fn = self.expected_leaves(exp, epath, nulls_match=False, category="missing", out=events)
        diffs = [Difference("missing", jsonpointer.format(epath), exp, None)] if fn else []
        return _Result(fn=fn, diffs=diffs, events=events)

    def extra(self, act: Any, epath: _Path, apath: _Path) -> _Result:
        if self.ignored(epath):
            return _Result()
        events: list[_Event] = []
        fp = self.countable(act, epath, category="hallucinated", out=events)
        if not fp:
            return _Result()
        return _Result(fp=fp, diffs=[self.diff("extra", epath, None, act, apath)], events=events)

    def diff(
        self,
        kind: str,
        epath: _Path,
        exp: Any,
        act: Any,
        apath: _Path,
        score: float | None = None,
    ) -> Difference:
        actual_path = jsonpointer.format(apath) if apath != epath else None
        return Difference(kind, jsonpointer.format(epath), exp, act, actual_path, score)

    # -- leaf counting

    def expected_leaves(
        self,
        value: Any,
        path: _Path,
        *,
        nulls_match: bool,
        category: str = "missing",
        out: list[_Event] | None = None,
    ) -> tuple[int, int]:
        """(TP, FN) for an expected subtree with nothing to match: nulls may match absence.
        With `out`, each leaf is recorded there: a matched null as correct_null, every other
        leaf as a FN of `category`."""
        if self.ignored(path):
            return 0, 0
        if value is None and nulls_match:
            if out is not None:
                out.append((path, "correct_null", 1, 0, 0))
            return 1, 0
        if isinstance(value, Mapping) and value:
            items: Iterable[tuple[Any, Any]] = ((str(k), v) for k, v in value.items())
        elif isinstance(value, list) and value:
            items = enumerate(value)
            nulls_match = False  # rows are entities: a missing row loses all of its leaves
        else:
            if out is not None:
                out.append((path, category, 0, 0, 1))
            return 0, 1
        tp = fn = 0
        for key, child in items:
            t, f = self.expected_leaves(
                child, path + (key,), nulls_match=nulls_match, category=category, out=out
            )
            tp += t
            fn += f
        return tp, fn

    def countable(
        self,
        value: Any,
        path: _Path,
        *,
        category: str = "hallucinated",
        out: list[_Event] | None = None,
    ) -> int:
        """Leaves an actual subtree asserts (FP when unmatched); nulls assert nothing by default.
        With `out`, each asserted leaf is recorded there as a FP of `category`."""
        if self.ignored(path):
            return 0
        if isinstance(value, Mapping) and value:
            return sum(
                self.countable(v, path + (str(k),), category=category, out=out)
                for k, v in value.items()
            )
        if isinstance(value, list) and value:
            return sum(
                self.countable(v, path + (i,), category=category, out=out)
                for i, v in enumerate(value)
            )
        if (value is None or isinstance(value, (Mapping, list))) and self.null_absent:
            return 0
        if out is not None:
            out.append((path, category, 0, 1, 0))
        return 1

    def scalar_score(self, e: Any, a: Any, path: _Path) -> tuple[int | float, bool]:
        """(score in [0, 1], whether anls scored it): anls for two strings where it is the
        comparator, else 1 or 0 by `scalars_equal`."""
        if isinstance(e, str) and isinstance(a, str) and self.comparator(path) == "anls":
            rules = self.leaf_rules(path)
            strings = rules.strings or ()
            ne, na = _normalise(e, strings), _normalise(a, strings)
            if ne == na:
                return 1, True
            if rules.dates:
                de = _date_forms(e)
                da = _date_forms(a) if de else None
                if de and da:  # two dates: the same day or not
                    return (1 if de & da else 0), True
            s = anls_similarity(ne, na)
            return (1 if s == 1 else s), True
        return (1 if self.scalars_equal(e, a, path) else 0), False

    def scalars_equal(self, e: Any, a: Any, path: _Path) -> bool:
        if e is None or a is None:
            return e is None and a is None
        if isinstance(e, bool) or isinstance(a, bool):
            return isinstance(e, bool) and isinstance(a, bool) and e == a
        rules = self.leaf_rules(path)
        abs_tol, rel_tol = rules.abs_tol or 0.0, rules.rel_tol or 0.0
        if _is_number(e) and _is_number(a):
            return _numbers_equal(e, a, abs_tol, rel_tol)
        if isinstance(e, str) and isinstance(a, str):
            strings = rules.strings or ()
            if _normalise(e, strings) == _normalise(a, strings):
                return True
            if rules.dates:
                de = _date_forms(e)
                if de:
                    da = _date_forms(a)
                    return bool(da and de & da)
            return False
        if rules.numeric_strings:
            ne, na = _as_number(e), _as_number(a)
            if ne is not None and na is not None:
                return _numbers_equal(ne, na, abs_tol, rel_tol)
        return e == a


def _comparable(e: Any, a: Any) -> bool:
    """Same JSON kind (null goes with anything): a 'changed' rather than a 'type' difference."""
    if e is None or a is None:
        return True
    if isinstance(e, bool) or isinstance(a, bool):
        return isinstance(e, bool) and isinstance(a, bool)
    if _is_number(e) and _is_number(a):
        return True
    return type(e) is type(a)


# --------------------------------------------------------------------------- schema


def _validator(schema: Mapping[str, Any]) -> Any:
    return _cached_validator(_canonical(schema))


@functools.lru_cache(maxsize=32)
def _cached_validator(schema_json: str) -> Any:
    """One checked validator per distinct schema (thread-safe cache: runs judge in parallel),
    in the draft its `$schema` names, never fetching a `$ref` (skillkit.schemas)."""
    from skillkit import schemas

    try:
        return schemas.validator(json.loads(schema_json))
    except SkillError as exc:
        raise SkillError(f"the output schema is {exc.message}") from None


def _schema_errors(actual: Any, schema: Mapping[str, Any]) -> list[str]:
    errors = []
    for error in _validator(schema).iter_errors(actual):
        path = jsonpointer.format(error.absolute_path)
        message = error.message if len(error.message) <= 200 else error.message[:199] + "…"
        errors.append((_path_sort_key(path), message, f"{path or '(root)'}: {message}"))
    return [line for _, _, line in sorted(errors)]


# --------------------------------------------------------------------------- entry point


def judge(
    actual: Any,
    expected: Any,
    *,
    schema: Mapping[str, Any] | None = None,
    rules: MatchRules | None = None,
) -> Judgement:
    """Validate `actual` against `schema` (if any), then score it leaf by leaf against `expected`."""
    schema_errors = _schema_errors(actual, schema) if schema is not None else []
    comparer = _Comparer(rules or MatchRules())
    result = comparer.node(expected, actual, (), ())
    order = {kind: n for n, kind in enumerate(_KINDS)}
    differences = sorted(result.diffs, key=lambda d: (_path_sort_key(d.path), order.get(d.kind, 9)))
    return Judgement(
        schema_errors=schema_errors,
        differences=differences,
        true_positives=result.tp,
        false_positives=result.fp,
        false_negatives=result.fn,
        fields=_per_field(result.events),
    )


# A leaf event counts in its class by one side: a TP (correct, correct_null), an expected leaf
# lost (missing, wrong: its FN) or an actual leaf asserted (hallucinated: its FP). The other
# side of a structure mismatch (the actual leaves of a wrong object) is counted, not classed.
_SIDE = {"correct": 0, "correct_null": 0, "hallucinated": 1, "missing": 2, "wrong": 2}
_SLOT = {"correct": 3, "correct_null": 4, "missing": 5, "hallucinated": 6, "wrong": 7}


def _per_field(events: list[_Event]) -> dict[str, FieldCounts]:
    """Leaf events summed per field (array indices as `*`), fields in first-seen order."""
    sums: dict[str, list[Any]] = {}
    for path, category, tp, fp, fn in events:
        key = field_pointer(path)
        row = sums.get(key)
        if row is None:
            row = sums[key] = [0, 0, 0, 0, 0, 0, 0, 0]
        row[0] += tp
        row[1] += fp
        row[2] += fn
        if (tp, fp, fn)[_SIDE[category]]:
            row[_SLOT[category]] += 1
    return {key: FieldCounts(*row) for key, row in sums.items()}
