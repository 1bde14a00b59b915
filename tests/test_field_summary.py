"""Per-field counts: `Judgement.fields` for one output and `summarise_fields` over many, with
array rows collapsed (`/items/*/qty`), fractional anls counts and null accounting. Every
number is worked out by hand in the comment beside it."""

from __future__ import annotations

import json

import pytest

from skillkit.compare import MatchRules, judge
from skillkit.fields import FieldCounts, FieldSummary, field_pointer, summarise_fields


def rules(**match: object) -> MatchRules:
    return MatchRules.from_mapping(match, source="cases.yaml")


CASE_1 = judge(
    {"vendor": "Acme", "items": [{"qty": 1, "sku": "A"}, {"qty": 3, "sku": "B"}]},
    {"vendor": "Acme", "items": [{"qty": 1, "sku": "A"}, {"qty": 2, "sku": "B"}]},
)
CASE_2 = judge(
    {"vendor": "Globx", "items": [], "note": "rush"},
    {"vendor": "Globex", "items": [{"qty": 5, "sku": "C"}], "note": None},
    rules=rules(fields={"/vendor": "anls"}),
)


def test_one_judgement_records_each_field() -> None:
    # case 1: vendor TP; qty: row 0 TP, row 1 2 vs 3 (FP 1, FN 1, wrong); sku: 2 TP
    assert CASE_1.fields == {
        "/vendor": FieldCounts(tp=1, correct=1),
        "/items/*/qty": FieldCounts(tp=1, fp=1, fn=1, correct=1, wrong=1),
        "/items/*/sku": FieldCounts(tp=2, correct=2),
    }
    # the fields add up to the judgement's own counts
    total = sum(CASE_1.fields.values(), FieldCounts())
    assert (total.tp, total.fp, total.fn) == (
        CASE_1.true_positives,
        CASE_1.false_positives,
        CASE_1.false_negatives,
    )


def test_fractional_and_missing_rows_in_one_judgement() -> None:
    # vendor anls: "Globex" vs "Globx", 1 edit of 6 -> TP 5/6, FP = FN = 1/6, wrong
    # items: the expected row is missing -> qty FN 1, sku FN 1, both missing
    # note: expected null, got "rush" -> FP 1, FN 1, hallucinated
    f = CASE_2.fields
    assert f["/vendor"].tp == pytest.approx(5 / 6) and f["/vendor"].fn == pytest.approx(1 / 6)
    assert f["/vendor"].wrong == 1 and f["/vendor"].correct == 0
    assert f["/items/*/qty"] == FieldCounts(fn=1, missing=1)
    assert f["/items/*/sku"] == FieldCounts(fn=1, missing=1)
    assert f["/note"] == FieldCounts(fp=1, fn=1, hallucinated=1)
    assert sum(c.tp for c in f.values()) == pytest.approx(CASE_2.true_positives)


def test_summary_over_two_cases_weakest_first() -> None:
    summary = summarise_fields([CASE_1, CASE_2])
    assert [s.path for s in summary] == ["/note", "/items/*/qty", "/items/*/sku", "/vendor"]
    by_path = {s.path: s for s in summary}
    # /note: TP 0, FP 1, FN 1 -> F1 0, in 1 case
    assert (by_path["/note"].f1, by_path["/note"].cases) == (0.0, 1)
    # /items/*/qty: TP 1, FP 1, FN 1 + 1 = 2 -> P 1/2, R 1/3, F1 2/(2+1+2) = 0.4
    qty = by_path["/items/*/qty"]
    assert (qty.counts.tp, qty.counts.fp, qty.counts.fn) == (1, 1, 2)
    assert (qty.precision, qty.recall, qty.f1) == (0.5, pytest.approx(1 / 3), 0.4)
    assert qty.counts.accounting.to_dict() == {
        "correct": 1,
        "correct_null": 0,
        "missing": 1,
        "hallucinated": 0,
        "wrong": 1,
    }
    # /items/*/sku: TP 2, FN 1 -> F1 4/5 = 0.8
    assert by_path["/items/*/sku"].f1 == 0.8
    # /vendor: TP 1 + 5/6 = 11/6, FP = FN = 1/6 -> F1 (22/6) / (22/6 + 2/6) = 22/24
    vendor = by_path["/vendor"]
    assert vendor.f1 == pytest.approx(22 / 24) and vendor.cases == 2
    assert (vendor.counts.correct, vendor.counts.wrong) == (1, 1)


def test_ties_put_the_field_with_more_leaves_first() -> None:
    one = {"/a": FieldCounts(fp=1, hallucinated=1), "/b": FieldCounts(fn=2, missing=2)}
    two = {"/c": FieldCounts(fn=2, missing=2)}
    # all F1 0; /b and /c have 2 positions each (path order), /a has 1
    assert [s.path for s in summarise_fields([one, two])] == ["/b", "/c", "/a"]
    assert summarise_fields([]) == []


def test_to_dict_is_json_and_reads_back() -> None:
    (vendor,) = [s for s in summarise_fields([CASE_1, CASE_2]) if s.path == "/vendor"]
    data = json.loads(json.dumps(vendor.to_dict()))
    assert data["path"] == "/vendor" and data["cases"] == 2
    assert data["tp"] == round(11 / 6, 9) and data["fp"] == round(1 / 6, 9)
    assert data["f1"] == pytest.approx(22 / 24)
    assert (data["correct"], data["wrong"], data["missing"]) == (1, 1, 0)
    back = FieldCounts.from_dict(data)
    assert back.f1 == pytest.approx(vendor.f1) and back.wrong == 1
    # exact counts stay ints in JSON
    assert FieldCounts(tp=2, fn=1).to_dict()["tp"] == 2
    assert isinstance(FieldCounts(tp=2.0).to_dict()["tp"], int)


def test_from_dict_is_strict_about_counts_and_lenient_about_keys() -> None:
    assert FieldCounts.from_dict({}) == FieldCounts()
    assert FieldCounts.from_dict({"tp": 1, "f1": 0.3, "other": "x"}) == FieldCounts(tp=1)
    for bad in ({"tp": -1}, {"fp": "2"}, {"missing": True}, {"fn": float("nan")}):
        with pytest.raises(ValueError, match="must be a number >= 0"):
            FieldCounts.from_dict(bad)


def test_field_pointers_collapse_indices_not_keys() -> None:
    assert field_pointer(("items", 3, "qty")) == "/items/*/qty"
    assert field_pointer(("years", "2024")) == "/years/2024"  # an object key made of digits
    assert field_pointer(("a/b", "m~n")) == "/a~1b/m~0n"
    assert field_pointer(()) == ""
    j = judge({"m": [[1, 2], [3]], "y": {"2024": 1}}, {"m": [[1, 2], [4]], "y": {"2024": 1}})
    # nested arrays: both indices collapse; /m/1/0 is 4 vs 3
    assert j.fields["/m/*/*"] == FieldCounts(tp=2, fp=1, fn=1, correct=2, wrong=1)
    assert j.fields["/y/2024"] == FieldCounts(tp=1, correct=1)


def test_the_root_and_ignored_fields() -> None:
    j = judge("abc", "abd")  # a scalar document: the field is the root, ""
    assert j.fields == {"": FieldCounts(fp=1, fn=1, wrong=1)}
    j = judge({"a": 1, "b": 2}, {"a": 1, "b": 3}, rules=rules(ignore=["/b"]))
    assert list(j.fields) == ["/a"]


def test_judgement_to_dict_carries_the_fields() -> None:
    data = json.loads(json.dumps(CASE_1.to_dict()))
    assert data["fields"]["/items/*/qty"] == {
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "correct": 1,
        "correct_null": 0,
        "missing": 0,
        "hallucinated": 0,
        "wrong": 1,
    }
    assert isinstance(summarise_fields([CASE_1])[0], FieldSummary)
