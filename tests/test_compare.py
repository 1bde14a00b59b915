"""Golden tests for the judge: every score below is computed by hand in the comment beside it.

Notation: TP / FP / FN over leaf fields; P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN).
"""

from __future__ import annotations

import itertools
import json
import random

import pytest

from skillkit.compare import (
    Difference,
    Judgement,
    MatchRules,
    _assign,
    judge,
)
from skillkit.errors import CasesError, SkillError


def counts(j: Judgement) -> tuple[int, int, int]:
    return j.true_positives, j.false_positives, j.false_negatives


def described(j: Judgement) -> list[str]:
    return [d.describe() for d in j.differences]


def rules(**match: object) -> MatchRules:
    return MatchRules.from_mapping(match, source="cases.yaml")


# --------------------------------------------------------------------------- basics


def test_identical_objects_score_one() -> None:
    doc = {
        "invoice_number": "INV-001",
        "date": "2026-03-03",
        "total": 1234.5,
        "paid": True,
        "vendor": {"name": "Acme", "vat": None},
        "line_items": [
            {"description": "Widget", "amount": 10},
            {"description": "Gadget", "amount": 20},
        ],
    }
    j = judge(json.loads(json.dumps(doc)), doc)
    # leaves: invoice_number, date, total, paid, vendor/name, vendor/vat, 2 rows x 2 = 10
    assert counts(j) == (10, 0, 0)
    assert (j.precision, j.recall, j.f1, j.score) == (1.0, 1.0, 1.0, 1.0)
    assert j.differences == []
    assert j.passed()


def test_both_empty_and_one_side_empty() -> None:
    j = judge({}, {})
    assert counts(j) == (1, 0, 0)  # an empty object is one leaf "{}", matched
    assert (j.precision, j.recall, j.f1) == (1.0, 1.0, 1.0)

    # no leaves at all (everything ignored): nothing expected, nothing asserted -> 1.0 by definition
    j = judge({"_m": 1}, {"_m": 2}, rules=rules(ignore=["/_m"]))
    assert counts(j) == (0, 0, 0)
    assert (j.precision, j.recall, j.f1) == (1.0, 1.0, 1.0)

    j = judge([], [])
    assert counts(j) == (1, 0, 0)  # an empty array is one leaf "[]", matched

    j = judge({}, {"a": 1})
    assert counts(j) == (0, 0, 1)  # nothing asserted: P = 1.0 (vacuous), R = 0/1, F1 = 0/(0+0+1)
    assert (j.precision, j.recall, j.f1) == (1.0, 0.0, 0.0)
    assert described(j) == ["/a: missing, expected 1"]

    j = judge({"a": 1}, {})
    # expected {} is one leaf, unmatched (FN 1); actual a=1 is FP 1: P = 0, R = 0, F1 = 0
    assert counts(j) == (0, 1, 1)
    assert (j.precision, j.recall, j.f1) == (0.0, 0.0, 0.0)
    assert described(j) == ['(root): expected {}, got {"a": 1}']


def test_nested_objects() -> None:
    expected = {
        "vendor": {"name": "Acme", "address": {"city": "Paris", "zip": "75001"}},
        "total": 5,
    }
    actual = {
        "vendor": {"name": "Acme", "address": {"city": "Paris", "zip": "75002", "country": "FR"}},
        "total": 5,
    }
    j = judge(actual, expected)
    # 4 expected leaves; name, city, total match (TP 3); zip changed (FP 1, FN 1); country extra
    # (FP 1). P = 3/5 = 0.6, R = 3/4 = 0.75, F1 = 6/(6+2+1) = 0.6667
    assert counts(j) == (3, 2, 1)
    assert j.precision == pytest.approx(0.6)
    assert j.recall == pytest.approx(0.75)
    assert j.f1 == pytest.approx(0.666667, abs=1e-6)
    assert described(j) == [
        '/vendor/address/country: extra, got "FR"',
        '/vendor/address/zip: expected "75001", got "75002"',
    ]
    assert [d.kind for d in j.differences] == ["extra", "changed"]


def test_one_changed_value() -> None:
    expected = {"number": "INV-7", "paid": False, "currency": "EUR", "total": 1234.5}
    actual = {"number": "INV-7", "paid": False, "currency": "EUR", "total": 1243.5}
    j = judge(actual, expected)
    # 4 leaves, 1 changed: TP 3, FP 1, FN 1 -> P = R = 3/4, F1 = 6/(6+1+1) = 0.75
    assert counts(j) == (3, 1, 1)
    assert (j.precision, j.recall, j.f1) == (0.75, 0.75, 0.75)
    assert j.differences == [Difference("changed", "/total", 1234.5, 1243.5)]
    assert described(j) == ["/total: expected 1234.5, got 1243.5"]
    assert not j.passed()
    assert j.passed(min_score=0.75)
    assert not j.passed(min_score=0.8)


def test_judgement_to_dict_is_json() -> None:
    j = judge({"a": 1, "b": 3}, {"a": 1, "b": 2})
    data = json.loads(json.dumps(j.to_dict()))
    # TP 1 (a), b changed: FP 1, FN 1 -> P = R = F1 = 1/2
    assert data["score"] == 0.5
    assert data["true_positives"] == 1
    assert data["schema_valid"] is True
    assert data["differences"] == [{"kind": "changed", "path": "/b", "expected": 2, "actual": 3}]


# --------------------------------------------------------------------------- rows of objects

ROWS = [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}, {"sku": "C", "qty": 3}]


def test_reordered_rows_still_score_one() -> None:
    j = judge({"line_items": list(reversed(ROWS))}, {"line_items": ROWS})
    assert counts(j) == (6, 0, 0)  # 3 rows x 2 fields, all paired by content
    assert j.score == 1.0
    assert j.differences == []


def test_reordered_row_with_change_names_expected_index_and_actual_position() -> None:
    actual = [{"sku": "B", "qty": 5}, {"sku": "C", "qty": 3}, {"sku": "A", "qty": 1}]
    j = judge({"line_items": actual}, {"line_items": ROWS})
    # pairs A-A (2 TP), B-B (sku TP, qty changed), C-C (2 TP): TP 5, FP 1, FN 1
    # F1 = 10/(10+1+1) = 0.833333
    assert counts(j) == (5, 1, 1)
    assert j.f1 == pytest.approx(0.833333, abs=1e-6)
    assert described(j) == ["/line_items/1/qty: expected 2, got 5 (actual /line_items/0/qty)"]
    assert j.differences[0].actual_path == "/line_items/0/qty"


def test_rows_use_best_assignment_not_first_fit() -> None:
    expected = {"rows": [{"a": 1, "b": 1, "c": 9}, {"a": 1, "b": 1, "c": 1}]}
    actual = {"rows": [{"a": 1, "b": 1, "c": 1}, {"a": 1, "b": 0, "c": 9}]}
    # agreement: E0-A0 = 2, E0-A1 = 2, E1-A0 = 3, E1-A1 = 1. First fit (E0-A0, E1-A1) = 3 TP;
    # best (E0-A1, E1-A0) = 5 TP, with E0.b changed: FP 1, FN 1. F1 = 10/12 = 0.833333
    j = judge(actual, expected)
    assert counts(j) == (5, 1, 1)
    assert j.f1 == pytest.approx(0.833333, abs=1e-6)
    assert described(j) == ["/rows/0/b: expected 1, got 0 (actual /rows/1/b)"]


def test_extra_row() -> None:
    expected = {"line_items": ROWS[:2], "total": 3}
    actual = {"line_items": [ROWS[0], {"sku": "X", "qty": 4}, ROWS[1]], "total": 3}
    j = judge(actual, expected)
    # 5 expected leaves all matched (TP 5); the extra row asserts 2 leaves (FP 2); FN 0
    # P = 5/7 = 0.714286, R = 1, F1 = 10/(10+2) = 0.833333
    assert counts(j) == (5, 2, 0)
    assert j.precision == pytest.approx(0.714286, abs=1e-6)
    assert j.recall == 1.0
    assert j.f1 == pytest.approx(0.833333, abs=1e-6)
    assert described(j) == ['/line_items/1: extra, got {"sku": "X", "qty": 4}']


def test_missing_row() -> None:
    expected = {"line_items": ROWS, "total": 6}
    actual = {"line_items": [ROWS[0], ROWS[2]], "total": 6}
    j = judge(actual, expected)
    # 7 expected leaves; row B missing: FN 2; TP 5; FP 0
    # P = 1, R = 5/7 = 0.714286, F1 = 10/(10+2) = 0.833333
    assert counts(j) == (5, 0, 2)
    assert j.precision == 1.0
    assert j.recall == pytest.approx(0.714286, abs=1e-6)
    assert j.f1 == pytest.approx(0.833333, abs=1e-6)
    assert described(j) == ['/line_items/1: missing, expected {"sku": "B", "qty": 2}']


def test_missing_row_loses_its_null_leaves_too() -> None:
    j = judge({"rows": []}, {"rows": [{"sku": "A", "note": None}]})
    # the row is missing, so both of its leaves are FN (a null in a missing row is not a match)
    assert counts(j) == (0, 0, 2)
    assert j.f1 == 0.0
    assert [d.kind for d in j.differences] == ["missing"]


def test_ordered_override_compares_rows_by_position() -> None:
    expected = {"rows": [{"a": 1}, {"a": 2}]}
    actual = {"rows": [{"a": 2}, {"a": 1}]}
    assert judge(actual, expected).score == 1.0  # default: paired by content
    j = judge(actual, expected, rules=rules(ordered=["/rows"]))
    # by position both rows changed: TP 0, FP 2, FN 2 -> F1 = 0
    assert counts(j) == (0, 2, 2)
    assert described(j) == ["/rows/0/a: expected 1, got 2", "/rows/1/a: expected 2, got 1"]


def test_large_arrays_pair_deterministically() -> None:
    rows = [{"n": i, "name": f"item {i}"} for i in range(100)]
    j = judge({"rows": list(reversed(rows))}, {"rows": rows})
    assert counts(j) == (200, 0, 0)  # greedy pairing above the exact limit still finds them
    changed = [dict(r) for r in reversed(rows)]
    changed[0]["name"] = "other"  # actual row 0 is expected row 99
    j = judge({"rows": changed}, {"rows": rows})
    assert counts(j) == (199, 1, 1)
    assert described(j) == ['/rows/99/name: expected "item 99", got "other" (actual /rows/0/name)']


def test_assignment_is_optimal_against_brute_force() -> None:
    rng = random.Random(20260303)
    for _ in range(200):
        n, m = rng.randint(1, 6), rng.randint(1, 6)
        sim = [[rng.randint(0, 4) for _ in range(m)] for _ in range(n)]
        pairs = _assign(n, m, lambda i, j, sim=sim: sim[i][j])
        assert len(pairs) == min(n, m)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == min(n, m)
        if n <= m:
            best = max(
                sum(sim[i][p[i]] for i in range(n)) for p in itertools.permutations(range(m), n)
            )
        else:
            best = max(
                sum(sim[p[j]][j] for j in range(m)) for p in itertools.permutations(range(n), m)
            )
        assert sum(sim[i][j] for i, j in pairs) == best


def test_assignment_ties_keep_positions() -> None:
    pairs = _assign(3, 3, lambda i, j: 1)  # every pairing scores the same
    assert pairs == [(0, 0), (1, 1), (2, 2)]


# --------------------------------------------------------------------------- scalar arrays


def test_scalar_arrays_are_ordered_unless_listed() -> None:
    expected = {"tags": ["a", "b", "c"]}
    actual = {"tags": ["c", "a", "b"]}
    j = judge(actual, expected)
    # by position all 3 differ: TP 0, FP 3, FN 3 -> F1 = 0
    assert counts(j) == (0, 3, 3)
    assert j.score == 0.0

    j = judge(actual, expected, rules=rules(unordered=["/tags"]))
    assert counts(j) == (3, 0, 0)  # as multisets: equal
    assert j.score == 1.0

    j = judge({"tags": ["c", "a", "x"]}, expected, rules=rules(unordered=["/tags"]))
    # a and c pair with their equals (TP 2); b is left with x: FP 1, FN 1 -> F1 = 4/6 = 0.666667
    assert counts(j) == (2, 1, 1)
    assert j.f1 == pytest.approx(0.666667, abs=1e-6)
    assert described(j) == ['/tags/1: expected "b", got "x" (actual /tags/2)']


def test_unordered_multiset_counts_duplicates() -> None:
    j = judge({"t": [1, 2, 2]}, {"t": [2, 1, 1]}, rules=rules(unordered=["/t"]))
    # pairs: 1-1, 2-2, and the second expected 1 against the second actual 2: TP 2, FP 1, FN 1
    assert counts(j) == (2, 1, 1)


def test_differences_sorted_numerically_by_path() -> None:
    expected = {"n": list(range(12))}
    actual = {"n": [0, 1, 99, 3, 4, 5, 6, 7, 8, 9, 98, 11]}
    j = judge(actual, expected)
    # 12 leaves, 2 changed: TP 10, FP 2, FN 2 -> F1 = 20/24 = 0.833333
    assert counts(j) == (10, 2, 2)
    assert [d.path for d in j.differences] == ["/n/2", "/n/10"]


def test_empty_arrays() -> None:
    assert counts(judge({"items": []}, {"items": []})) == (1, 0, 0)  # "[]" is one leaf, matched

    j = judge({"items": [{"a": 1}, {"a": 2}]}, {"items": []})
    # the "[]" leaf is not matched (FN 1); the actual rows assert 2 leaves (FP 2): F1 = 0
    assert counts(j) == (0, 2, 1)
    assert [d.kind for d in j.differences] == ["changed"]
    assert described(j) == ['/items: expected [], got [{"a": 1}, {"a": 2}]']

    j = judge({"items": []}, {"items": [{"a": 1}]})
    assert counts(j) == (0, 0, 1)  # the row is missing; an empty actual array asserts nothing
    assert described(j) == ['/items/0: missing, expected {"a": 1}']

    j = judge({}, {"items": []})
    assert counts(j) == (0, 0, 1)
    assert described(j) == ["/items: missing, expected []"]


# --------------------------------------------------------------------------- numbers


def test_int_and_float_compare_by_value_with_zero_tolerance() -> None:
    assert judge({"n": 1.0}, {"n": 1}).score == 1.0
    j = judge({"n": 0.1 + 0.2}, {"n": 0.3})  # 0.30000000000000004 != 0.3 exactly
    assert counts(j) == (0, 1, 1)


def test_abs_tol_edges() -> None:
    r = rules(abs_tol=0.01)
    assert judge({"total": 100.01}, {"total": 100.0}, rules=r).score == 1.0  # |diff| = 0.01 exactly
    assert judge({"total": 99.99}, {"total": 100.0}, rules=r).score == 1.0
    j = judge({"total": 100.011}, {"total": 100.0}, rules=r)  # 0.011 > 0.01
    assert counts(j) == (0, 1, 1)
    assert described(j) == ["/total: expected 100.0, got 100.011"]


def test_rel_tol_edges_relative_to_expected() -> None:
    r = rules(rel_tol=0.01)  # 1% of the expected 200 = 2
    assert judge({"x": 202}, {"x": 200}, rules=r).score == 1.0
    assert judge({"x": 198}, {"x": 200}, rules=r).score == 1.0
    assert counts(judge({"x": 202.01}, {"x": 200}, rules=r)) == (0, 1, 1)
    assert counts(judge({"x": 197.99}, {"x": 200}, rules=r)) == (0, 1, 1)
    assert counts(judge({"x": 0.001}, {"x": 0}, rules=r)) == (0, 1, 1)  # 1% of 0 is 0


def test_per_path_tolerance_override() -> None:
    r = rules(paths={"/total": {"abs_tol": 0.01}, "/line_items/*/amount": {"abs_tol": 0.5}})
    expected = {"total": 100.0, "tax": 20.0, "line_items": [{"amount": 10}]}
    actual = {"total": 100.01, "tax": 20.01, "line_items": [{"amount": 10.5}]}
    j = judge(actual, expected, rules=r)
    # total within its 0.01, amount within its 0.5, tax exact (default 0): TP 2, FP 1, FN 1
    # F1 = 4/(4+1+1) = 0.666667
    assert counts(j) == (2, 1, 1)
    assert j.f1 == pytest.approx(0.666667, abs=1e-6)
    assert described(j) == ["/tax: expected 20.0, got 20.01"]


def test_numeric_string_is_a_type_difference_unless_enabled() -> None:
    j = judge({"total": "12.50"}, {"total": 12.5})
    assert counts(j) == (0, 1, 1)
    assert j.differences[0].kind == "type"
    assert described(j) == ['/total: expected number 12.5, got string "12.50"']
    assert judge({"total": "12.50"}, {"total": 12.5}, rules=rules(numeric_strings=True)).score == 1
    r = rules(numeric_strings=True)
    assert judge({"total": "1,234.50"}, {"total": 1234.5}, rules=r).score == 1.0
    assert counts(judge({"total": "1,234.51"}, {"total": 1234.5}, rules=r)) == (0, 1, 1)


def test_booleans_are_not_numbers() -> None:
    j = judge({"paid": 1}, {"paid": True})
    assert counts(j) == (0, 1, 1)
    assert j.differences[0].kind == "type"


# --------------------------------------------------------------------------- strings and dates


def test_default_string_normalisers() -> None:
    assert judge({"name": "  ACME   Corp \n"}, {"name": "acme corp"}).score == 1.0


def test_string_normalisers_configurable() -> None:
    no_case = rules(strings={"casefold": False})
    assert judge({"name": "  acme   corp "}, {"name": "acme corp"}, rules=no_case).score == 1.0
    j = judge({"name": "ACME Corp"}, {"name": "acme corp"}, rules=no_case)
    assert counts(j) == (0, 1, 1)

    exact = rules(strings=[])
    assert counts(judge({"name": " acme"}, {"name": "acme"}, rules=exact)) == (0, 1, 1)
    assert judge({"name": "acme"}, {"name": "acme"}, rules=exact).score == 1.0

    assert counts(judge({"id": "inv001"}, {"id": "INV-001"})) == (0, 1, 1)
    alnum = rules(strings=["alnum", "casefold", "collapse_whitespace", "strip"])
    assert judge({"id": "inv001"}, {"id": "INV-001"}, rules=alnum).score == 1.0
    assert judge({"v": "ACME, Inc."}, {"v": "Acme Inc"}, rules=alnum).score == 1.0


@pytest.mark.parametrize(
    "written",
    [
        "2026-03-03",
        "March 3, 2026",
        "march 3 2026",
        "Mar. 3, 2026",
        "3 March 2026",
        "3rd of March 2026",
        "Tuesday, March 3rd, 2026",
        "03-Mar-2026",
        "2026/03/03",
        "3.3.2026",
        "03/03/2026",
    ],
)
def test_dates_normalised(written: str) -> None:
    assert judge({"date": written}, {"date": "2026-03-03"}).score == 1.0


def test_dates_edges() -> None:
    j = judge({"date": "March 3, 2026"}, {"date": "2026-03-04"})
    assert counts(j) == (0, 1, 1)  # a different day
    j = judge({"date": "March 3, 2026"}, {"date": "2026-03-03"}, rules=rules(dates=False))
    assert counts(j) == (0, 1, 1)  # dates off: plain strings
    assert counts(judge({"n": "01"}, {"n": "1"})) == (0, 1, 1)  # "1" is not a date
    # ambiguous day/month: either reading is accepted; unambiguous ones are not swapped
    assert judge({"d": "03/04/2026"}, {"d": "2026-03-04"}).score == 1.0
    assert judge({"d": "03/04/2026"}, {"d": "2026-04-03"}).score == 1.0
    assert judge({"d": "13/04/2026"}, {"d": "2026-04-13"}).score == 1.0
    assert counts(judge({"d": "13/04/2026"}, {"d": "2026-13-04"})) == (0, 1, 1)
    assert counts(judge({"d": "2026-02-30"}, {"d": "2026-03-02"})) == (0, 1, 1)  # not a date
    # aware datetimes compare as instants
    assert judge({"t": "2026-03-03T10:00:00+01:00"}, {"t": "2026-03-03T09:00:00Z"}).score == 1.0
    assert counts(judge({"t": "2026-03-03T10:00:00Z"}, {"t": "2026-03-03T09:00:00Z"})) == (0, 1, 1)


def test_date_rules_per_path() -> None:
    r = rules(paths={"/code": {"dates": False}})
    j = judge(
        {"date": "3 March 2026", "code": "3 March 2026"},
        {"date": "2026-03-03", "code": "2026-03-03"},
        rules=r,
    )
    # /date normalised (TP 1); /code compared as plain strings (FP 1, FN 1): F1 = 2/4 = 0.5
    assert counts(j) == (1, 1, 1)
    assert j.f1 == 0.5


# --------------------------------------------------------------------------- ignore, null, any_of


def test_ignore_patterns_with_wildcards() -> None:
    expected = {
        "line_items": [
            {"description": "Widget", "amount": 10},
            {"description": "Gadget", "amount": 20},
        ],
        "_metadata": {"confidence": 0.9},
    }
    actual = {
        "line_items": [
            {"description": "widget A", "amount": 10},
            {"description": "x", "amount": 20},
        ],
        "_metadata": {"confidence": 0.5, "boxes": [1]},
    }
    j = judge(actual, expected)
    # without ignore: amounts TP 2; 2 descriptions changed (FP 2, FN 2); confidence changed
    # (FP 1, FN 1); boxes extra (FP 1). TP 2, FP 4, FN 3 -> F1 = 4/(4+4+3) = 0.363636
    assert counts(j) == (2, 4, 3)
    assert j.f1 == pytest.approx(0.363636, abs=1e-6)

    j = judge(actual, expected, rules=rules(ignore=["/line_items/*/description", "/_metadata"]))
    assert counts(j) == (2, 0, 0)  # only the amounts are left, both equal
    assert j.differences == []

    # ignored on the actual side too: an extra ignored key is no false positive
    j = judge({"a": 1, "_metadata": {"x": 1}}, {"a": 1}, rules=rules(ignore=["/_metadata"]))
    assert counts(j) == (1, 0, 0)


def test_missing_and_null_default() -> None:
    # expected null, key absent in actual: a match
    j = judge({"a": 1}, {"a": 1, "po": None})
    assert counts(j) == (2, 0, 0)
    assert j.differences == []
    # actual null, key absent in expected: not a false positive
    j = judge({"a": 1, "po": None}, {"a": 1})
    assert counts(j) == (1, 0, 0)
    # a value replaced by null: one FN, no FP. P = 1, R = 1/2, F1 = 2/3
    j = judge({"a": 1, "b": None}, {"a": 1, "b": 2})
    assert counts(j) == (1, 0, 1)
    assert j.f1 == pytest.approx(0.666667, abs=1e-6)
    assert described(j) == ["/b: expected 2, got null"]
    # an absent object: its null leaves match absence, its values are missing: TP 1, FN 1
    j = judge({}, {"vendor": {"name": "Acme", "vat": None}})
    assert counts(j) == (1, 0, 1)
    assert described(j) == ['/vendor: missing, expected {"name": "Acme", "vat": null}']


def test_missing_and_null_strict() -> None:
    strict = rules(missing_equals_null=False)
    j = judge({"a": 1}, {"a": 1, "po": None}, rules=strict)
    # po missing: TP 1, FN 1 -> P = 1, R = 1/2, F1 = 2/3
    assert counts(j) == (1, 0, 1)
    assert j.f1 == pytest.approx(0.666667, abs=1e-6)
    assert described(j) == ["/po: missing, expected null"]
    j = judge({"a": 1, "po": None}, {"a": 1}, rules=strict)
    # po extra: TP 1, FP 1 -> P = 1/2, R = 1, F1 = 2/3
    assert counts(j) == (1, 1, 0)
    assert described(j) == ["/po: extra, got null"]
    j = judge({"a": 1, "b": None}, {"a": 1, "b": 2}, rules=strict)
    assert counts(j) == (1, 1, 1)  # a changed value: F1 = 2/4 = 0.5
    assert j.f1 == 0.5


def test_any_of_alternatives() -> None:
    r = rules(any_of={"/currency": ["USD", "US$"], "/items/*/unit": ["pcs", "pieces"]})
    expected = {"currency": "$", "items": [{"unit": "pc"}]}
    assert judge({"currency": "US$", "items": [{"unit": "pieces"}]}, expected, rules=r).score == 1
    assert judge({"currency": "$", "items": [{"unit": "pc"}]}, expected, rules=r).score == 1.0
    j = judge({"currency": "EUR", "items": [{"unit": "pcs"}]}, expected, rules=r)
    # currency matches none of $, USD, US$ (FP 1, FN 1); unit matches pcs (TP 1): F1 = 0.5
    assert counts(j) == (1, 1, 1)
    assert described(j) == ['/currency: expected "$", got "EUR"']
    # a null alternative accepts an absent key
    j = judge({}, {"po": "PO-1"}, rules=rules(any_of={"/po": [None]}))
    assert counts(j) == (1, 0, 0)


# --------------------------------------------------------------------------- schema

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "total": {"type": "number"},
        "email": {"type": "string", "format": "email"},
        "date": {"type": "string", "format": "date"},
    },
    "required": ["total"],
}


def test_schema_invalid_output_fails_even_with_perfect_score() -> None:
    output = {"total": "12", "email": "not-an-email", "date": "2026-13-45"}
    j = judge(output, output, schema=SCHEMA)
    assert j.score == 1.0
    assert counts(j) == (3, 0, 0)
    assert j.schema_errors == [
        "/date: '2026-13-45' is not a 'date'",
        "/email: 'not-an-email' is not a 'email'",
        "/total: '12' is not of type 'number'",
    ]
    assert not j.schema_valid
    assert not j.passed()
    assert not j.passed(min_score=0.0)
    assert j.lines(limit=2) == [
        "schema: /date: '2026-13-45' is not a 'date'",
        "schema: /email: 'not-an-email' is not a 'email'",
        "... and 1 more",
    ]


def test_schema_valid_output_passes_and_root_errors_are_named() -> None:
    good = {"total": 12, "email": "a@example.com", "date": "2026-03-03"}
    j = judge(good, good, schema=SCHEMA)
    assert j.schema_errors == []
    assert j.passed()
    j = judge({}, {}, schema=SCHEMA)
    assert j.schema_errors == ["(root): 'total' is a required property"]
    assert j.score == 1.0 and not j.passed()


def test_invalid_schema_is_a_skill_error() -> None:
    with pytest.raises(SkillError, match="not a valid JSON Schema"):
        judge({}, {}, schema={"type": "no-such-type"})


# --------------------------------------------------------------------------- describe


def test_describe_never_dumps_whole_objects() -> None:
    long_row = {"description": "x" * 500, "amount": 1}
    j = judge({"rows": []}, {"rows": [long_row]})
    (line,) = described(j)
    assert line.startswith('/rows/0: missing, expected {"description": "xxx')
    assert line.endswith("…")
    assert len(line) < 120


def test_describe_kinds() -> None:
    assert Difference("missing", "/a", 1, None).describe() == "/a: missing, expected 1"
    assert Difference("extra", "/b", None, "x").describe() == '/b: extra, got "x"'
    assert Difference("type", "/c", 1, [1]).describe() == "/c: expected integer 1, got array [1]"
    assert Difference("changed", "", 1, 2).describe() == "(root): expected 1, got 2"


# --------------------------------------------------------------------------- from_mapping


def test_from_mapping_defaults_and_values() -> None:
    assert MatchRules.from_mapping(None, source="c.yaml") == MatchRules()
    assert MatchRules.from_mapping({}, source="c.yaml") == MatchRules()
    r = rules(
        abs_tol=0.01,
        rel_tol=0,
        dates=False,
        ignore="/_metadata",
        strings={"casefold": False, "alnum": True},
        paths={"/total": {"abs_tol": 1, "strings": ["strip"]}},
    )
    assert r.abs_tol == 0.01
    assert r.dates is False
    assert r.ignore == ("/_metadata",)
    assert r.strings == ("alnum", "collapse_whitespace", "strip")
    assert r.paths["/total"].abs_tol == 1
    assert r.paths["/total"].strings == ("strip",)
    assert rules(strings=False).strings == ()


def test_merge_case_rules_over_defaults() -> None:
    defaults = rules(
        abs_tol=0.01, ignore=["/_metadata"], unordered=["/tags"], strings={"casefold": False}
    )
    case = defaults.merge(
        {
            "abs_tol": 0.5,
            "ignore": ["/notes"],
            "ordered": ["/tags"],
            "paths": {"/t": {"rel_tol": 0.1}},
        },
        source="cases.yaml: case acme-001",
    )
    assert case.abs_tol == 0.5  # scalars replace
    assert case.ignore == ("/_metadata", "/notes")  # lists extend
    assert case.ordered == ("/tags",) and case.unordered == ()  # moved, not in both
    assert case.strings == ("collapse_whitespace", "strip")  # untouched keys kept
    assert case.paths["/t"].rel_tol == 0.1
    assert defaults.abs_tol == 0.01  # the defaults are not modified
    assert defaults.merge(None) == defaults


@pytest.mark.parametrize(
    ("match", "message"),
    [
        ({"abs_tolerance": 0.1}, "match: unknown key 'abs_tolerance'"),
        ({"abs_tolerance": 0.1}, "did you mean 'abs_tol'?"),
        ({"abs_tol": "0.01"}, "match.abs_tol: expected a number >= 0, got string"),
        ({"abs_tol": True}, "match.abs_tol: expected a number >= 0, got boolean"),
        ({"rel_tol": -1}, "match.rel_tol: expected a number >= 0, got -1"),
        ({"dates": "yes"}, "match.dates: expected true or false, got string"),
        ({"missing_equals_null": 1}, "match.missing_equals_null: expected true or false"),
        ({"strings": ["lower"]}, "match.strings: unknown normaliser 'lower'"),
        ({"strings": {"casefold": "no"}}, "match.strings.casefold: expected true or false"),
        ({"strings": 3}, "match.strings: expected a list of normalisers"),
        ({"ignore": ["line_items"]}, "match.ignore[0]: 'line_items' is not a JSON pointer"),
        ({"ignore": 5}, "match.ignore: expected a list of JSON pointers, got integer"),
        ({"unordered": [1]}, "match.unordered[0]: expected a JSON pointer string"),
        ({"ordered": ["/a"], "unordered": ["/a"]}, "'/a' is listed under both"),
        ({"any_of": {"/x": "USD"}}, "match.any_of./x: expected a non-empty list"),
        ({"any_of": ["/x"]}, "match.any_of: expected a mapping"),
        ({"paths": {"/total": {"abs": 1}}}, "match.paths./total: unknown key 'abs'"),
        ({"paths": {"/total": 0.1}}, "match.paths./total: expected a mapping of rules"),
        ({"paths": {"/t": {"abs_tol": "x"}}}, "match.paths./t.abs_tol: expected a number"),
        ({"paths": {"total": {}}}, "'total' is not a JSON pointer"),
    ],
)
def test_from_mapping_errors(match: object, message: str) -> None:
    with pytest.raises(CasesError) as info:
        MatchRules.from_mapping(match, source="skills/inv/tests/cases.yaml")  # type: ignore[arg-type]
    text = str(info.value)
    assert text.startswith("skills/inv/tests/cases.yaml: ")
    assert message in text
    assert info.value.exit_code == 2


def test_from_mapping_rejects_non_mapping_and_names_line() -> None:
    with pytest.raises(CasesError) as info:
        MatchRules.from_mapping(["abs_tol"], source="cases.yaml", line=12)  # type: ignore[arg-type]
    assert str(info.value) == "cases.yaml:12: match: expected a mapping of rules, got array"


# --------------------------------------------------------------------------- issue 11 additions


def test_assign_with_fractional_similarities() -> None:
    # 0.9 on the anti-diagonal beats 0.5 + 0.5 on the diagonal (1.8 > 1.0)
    sims = {(0, 0): 0.5, (0, 1): 0.9, (1, 0): 0.9, (1, 1): 0.5}
    assert _assign(2, 2, lambda i, j: sims[(i, j)]) == [(0, 1), (1, 0)]
    # a difference of 0.01 still decides against keeping the index (0.51 + 0.51 > 0.5 + 0.5)
    sims = {(0, 0): 0.5, (0, 1): 0.51, (1, 0): 0.51, (1, 1): 0.5}
    assert _assign(2, 2, lambda i, j: sims[(i, j)]) == [(0, 1), (1, 0)]
    # equal totals keep the index, as with integer similarities
    sims = {(0, 0): 0.5, (0, 1): 0.5, (1, 0): 0.5, (1, 1): 0.5}
    assert _assign(2, 2, lambda i, j: sims[(i, j)]) == [(0, 0), (1, 1)]


def test_judgement_to_dict_adds_accounting_and_fields() -> None:
    j = judge({"a": 1, "b": 3}, {"a": 1, "b": 2})
    data = json.loads(json.dumps(j.to_dict()))
    # a correct, b wrong; one field each
    assert data["accounting"] == {
        "correct": 1,
        "correct_null": 0,
        "missing": 0,
        "hallucinated": 0,
        "wrong": 1,
    }
    assert data["fields"]["/b"]["f1"] == 0.0 and data["fields"]["/a"]["tp"] == 1
    assert [d.category for d in j.differences] == ["wrong"]
