"""Null accounting: every scored leaf is correct, correct_null, missing, hallucinated or wrong
(skillkit.fields), each difference carries its class, and the counts add up across cases.
Every count below is worked out by hand in the comment beside it."""

from __future__ import annotations

import json

import pytest

from skillkit.compare import Difference, MatchRules, judge
from skillkit.fields import NullAccounting


def rules(**match: object) -> MatchRules:
    return MatchRules.from_mapping(match, source="cases.yaml")


def accounting(j) -> dict[str, int]:
    return j.accounting.to_dict()


def test_one_example_of_each_class() -> None:
    expected = {"a": "x", "b": None, "c": None, "d": "y", "e": "z"}
    actual = {"a": "x", "b": None, "c": "oops", "e": "w", "f": "extra", "g": None}
    j = judge(actual, expected)
    # a: correct. b: null and null: correct_null. c: expected null, got a value: hallucinated.
    # d: expected a value, absent: missing. e: two values that differ: wrong.
    # f: an extra key with a value: hallucinated. g: an extra null asserts nothing: no class.
    assert accounting(j) == {
        "correct": 1,
        "correct_null": 1,
        "missing": 1,
        "hallucinated": 2,
        "wrong": 1,
    }
    assert (j.correct, j.correct_null, j.missing, j.hallucinated, j.wrong) == (1, 1, 1, 2, 1)
    # the scores as before: TP a, b = 2; FP c, e, f = 3; FN c, d, e = 3
    assert (j.true_positives, j.false_positives, j.false_negatives) == (2, 3, 3)
    assert {d.path: (d.kind, d.category) for d in j.differences} == {
        "/c": ("changed", "hallucinated"),
        "/d": ("missing", "missing"),
        "/e": ("changed", "wrong"),
        "/f": ("extra", "hallucinated"),
    }
    assert j.to_dict()["accounting"] == accounting(j)


def test_nulls_and_absent_keys_with_and_without_null_equivalence() -> None:
    # default: an expected null matches an absent key; a value replaced by null is missing
    j = judge({"total": None}, {"note": None, "total": 5})
    assert accounting(j) == {**ZERO, "correct_null": 1, "missing": 1}
    assert [(d.kind, d.category) for d in j.differences] == [("changed", "missing")]
    # strict: expected null vs absent is missing, an extra null is hallucinated, and
    # 5 vs null is missing too (null is scored as a value here, so it is also a FP)
    strict = rules(missing_equals_null=False)
    j = judge({"total": None, "extra": None}, {"note": None, "total": 5}, rules=strict)
    assert accounting(j) == {**ZERO, "missing": 2, "hallucinated": 1}
    assert (j.true_positives, j.false_positives, j.false_negatives) == (0, 2, 2)
    assert {d.path: d.category for d in j.differences} == {
        "/extra": "hallucinated",
        "/note": "missing",
        "/total": "missing",
    }
    # strict, null against null: still a correct null
    assert accounting(judge({"a": None}, {"a": None}, rules=strict)) == {**ZERO, "correct_null": 1}


ZERO = dict.fromkeys(("correct", "correct_null", "missing", "hallucinated", "wrong"), 0)


def test_rows_missing_and_extra_count_every_leaf() -> None:
    expected = {
        "rows": [{"sku": "A", "qty": 1, "note": None}, {"sku": "B", "qty": 2, "note": None}]
    }
    actual = {"rows": [{"sku": "A", "qty": 1}, {"sku": "Z", "qty": 9, "note": "rush"}]}
    j = judge(actual, {"rows": expected["rows"][:1]})
    # row 0 paired: sku, qty correct, note null vs absent correct_null; the extra row:
    # sku, qty, note hallucinated (3 leaves)
    assert accounting(j) == {**ZERO, "correct": 2, "correct_null": 1, "hallucinated": 3}
    j = judge({"rows": actual["rows"][:1]}, expected)
    # row 0 paired as above; the missing row loses all 3 leaves, its null included
    assert accounting(j) == {**ZERO, "correct": 2, "correct_null": 1, "missing": 3}
    assert j.false_negatives == 3


def test_empty_containers() -> None:
    # expected [] vs [1, 2]: nothing expected, two values asserted
    j = judge({"tags": [1, 2]}, {"tags": []})
    assert accounting(j) == {**ZERO, "hallucinated": 2}
    assert [d.category for d in j.differences] == ["hallucinated"]
    # expected [1, 2] vs []: two rows missing
    j = judge({"tags": []}, {"tags": [1, 2]})
    assert accounting(j) == {**ZERO, "missing": 2}
    # [] vs []: one correct leaf; {} vs {} too
    assert accounting(judge({"t": [], "o": {}}, {"t": [], "o": {}})) == {**ZERO, "correct": 2}
    # a string expected, [] got: the empty list asserts nothing -> missing
    j = judge({"name": []}, {"name": "Acme"})
    assert [(d.kind, d.category) for d in j.differences] == [("type", "missing")]
    assert accounting(j) == {**ZERO, "missing": 1}


def test_a_type_mismatch_is_wrong_once_per_expected_leaf() -> None:
    j = judge({"vendor": "Acme"}, {"vendor": {"name": "Acme", "vat": "FR1"}})
    # two expected leaves got a string instead: wrong 2 (the string is the FP, not classed)
    assert accounting(j) == {**ZERO, "wrong": 2}
    assert (j.true_positives, j.false_positives, j.false_negatives) == (0, 1, 2)
    j = judge({"vendor": {"name": "Acme", "vat": "FR1"}}, {"vendor": "Acme"})
    # one expected leaf, wrong once; the two actual leaves are its FPs
    assert accounting(j) == {**ZERO, "wrong": 1}
    assert (j.true_positives, j.false_positives, j.false_negatives) == (0, 2, 1)
    # expected null, got an object: its leaves are hallucinated
    j = judge({"vendor": {"name": "Acme", "vat": "FR1"}}, {"vendor": None})
    assert accounting(j) == {**ZERO, "hallucinated": 2}


def test_ignored_paths_and_any_of() -> None:
    j = judge({"a": 1, "skip": "x"}, {"a": 1, "skip": "y"}, rules=rules(ignore=["/skip"]))
    assert accounting(j) == {**ZERO, "correct": 1}
    # a null alternative accepts the absent key: a correct null
    j = judge({}, {"currency": "EUR"}, rules=rules(any_of={"/currency": [None]}))
    assert accounting(j) == {**ZERO, "correct_null": 1}


def test_anls_partial_matches_are_wrong_and_full_ones_correct() -> None:
    r = rules(comparator="anls")
    j = judge({"a": "hallo", "b": "Same"}, {"a": "hello", "b": "same"}, rules=r)
    # a: s = 0.8 < 1: wrong (TP 0.8). b: equal after casefold: correct.
    assert accounting(j) == {**ZERO, "correct": 1, "wrong": 1}
    assert j.true_positives == pytest.approx(1.8)


def test_exact_true_positives_are_the_correct_leaves() -> None:
    """Without anls, TP = correct + correct_null, whatever the shape."""
    expected = {
        "id": "INV-1",
        "vendor": {"name": "Acme", "vat": None, "address": {"zip": "75001"}},
        "rows": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": None}, {"sku": "C", "qty": 3}],
        "tags": ["x", "y"],
        "empty": {},
    }
    actual = {
        "id": "INV-1",
        "vendor": {"name": "ACME", "address": {"zip": "75002"}, "phone": "123"},
        "rows": [{"sku": "C", "qty": 3}, {"sku": "A", "qty": 2}],
        "tags": ["y"],
        "empty": {"k": None},
    }
    j = judge(actual, expected)
    a = j.accounting
    assert j.true_positives == a.correct + a.correct_null
    # by hand: id, vendor/name (casefold), rows C sku+qty, rows A sku, tags/0? no: tags are
    # positional ("x" vs "y" wrong, "y" missing). empty {} vs {k: null}: correct.
    # correct: id, name, C/sku, C/qty, A/sku, empty = 6; correct_null: vat = 1
    # missing: row B sku + qty (2), tags/1 (1) = 3; wrong: zip, A/qty, tags/0 = 3;
    # hallucinated: phone = 1
    assert a == NullAccounting(correct=6, correct_null=1, missing=3, hallucinated=1, wrong=3)


def test_accounting_adds_up_across_cases() -> None:
    one = judge({"a": "x", "b": "oops"}, {"a": "x", "b": None})  # correct 1, hallucinated 1
    two = judge({"a": None}, {"a": "x", "b": None})  # missing 1, correct_null 1
    total = one.accounting + two.accounting
    assert total == NullAccounting(correct=1, correct_null=1, missing=1, hallucinated=1)
    assert sum([one.accounting, two.accounting], NullAccounting()) == total
    assert sum([one.accounting, two.accounting]) == total  # sum() without a start works too
    assert total.total == 4
    assert json.loads(json.dumps(total.to_dict())) == {
        "correct": 1,
        "correct_null": 1,
        "missing": 1,
        "hallucinated": 1,
        "wrong": 0,
    }


def test_difference_category_is_derived_and_keeps_equality() -> None:
    assert Difference("missing", "/a", 1, None).category == "missing"
    assert Difference("extra", "/a", None, 1).category == "hallucinated"
    assert Difference("changed", "/a", 1, None).category == "missing"
    assert Difference("changed", "/a", None, 1).category == "hallucinated"
    assert Difference("changed", "/a", 1, 2).category == "wrong"
    assert Difference("type", "/a", 1, "1").category == "wrong"
    assert Difference("changed", "/a", [], [1]).category == "hallucinated"
    assert Difference("type", "/a", {}, []).category == "wrong"
    # no new required field: old-style construction still compares equal
    assert Difference("changed", "/a", 1, 2) == Difference("changed", "/a", 1, 2, None, None)
    assert "category" not in Difference("changed", "/a", 1, 2).to_dict()
