"""The `anls` string comparator: Levenshtein distance, the ANLS* similarity and its threshold,
fractional TP / FP / FN, and how cases.yaml selects it. Every number is worked out by hand in
the comment beside it.

Notation: s = 1 - lev(a, b) / max(len a, len b); a leaf adds s to TP and 1 - s to FP and FN;
F1 = 2TP / (2TP + FP + FN).
"""

from __future__ import annotations

import json
import random
import unicodedata

import pytest
from conftest import make_skill

from skillkit.cases import load_cases
from skillkit.compare import (
    ANLS_MAX_LENGTH,
    Difference,
    MatchRules,
    anls_similarity,
    judge,
    levenshtein,
)
from skillkit.errors import CasesError


def rules(**match: object) -> MatchRules:
    return MatchRules.from_mapping(match, source="cases.yaml")


def counts(j) -> tuple:
    return j.true_positives, j.false_positives, j.false_negatives


def _dp(a: str, b: str) -> int:
    """The textbook O(n*m) table, to check the bit-parallel one against."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# --------------------------------------------------------------------------- the distance


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("kitten", "sitting", 3),  # k->s, e->i, +g
        ("sitting", "kitten", 3),  # symmetric
        ("flaw", "lawn", 2),  # -f, +n
        ("", "", 0),
        ("", "abc", 3),
        ("abc", "", 3),
        ("abc", "abc", 0),
        ("Acme Corp", "Acme Crop", 2),  # a transposition is two substitutions
        ("café", "cafe", 1),  # é is one code point (composed)
        ("日本語", "日本", 1),
        ("👍🏽", "👍", 1),  # the skin-tone modifier is its own code point
    ],
)
def test_levenshtein_by_hand(a: str, b: str, distance: int) -> None:
    assert levenshtein(a, b) == distance


def test_levenshtein_agrees_with_the_textbook_table() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        a = "".join(rng.choice("abcé") for _ in range(rng.randint(0, 14)))
        b = "".join(rng.choice("abcdé") for _ in range(rng.randint(0, 14)))
        assert levenshtein(a, b) == _dp(a, b), (a, b)
    for _ in range(20):  # longer than a machine word on both sides
        a = "".join(rng.choice("abcdefgh") for _ in range(rng.randint(60, 150)))
        b = "".join(rng.choice("abcdefgh") for _ in range(rng.randint(60, 150)))
        assert levenshtein(a, b) == _dp(a, b)


# --------------------------------------------------------------------------- the similarity


def test_similarity_by_hand() -> None:
    assert anls_similarity("kitten", "sitting") == pytest.approx(1 - 3 / 7)  # 0.5714...
    assert anls_similarity("hello", "hallo") == pytest.approx(0.8)  # 1 - 1/5
    assert anls_similarity("", "") == 1.0  # both empty: equal
    assert anls_similarity("", "x") == 0.0  # 1 - 1/1 = 0
    assert anls_similarity("abcd", "abxy") == 0.5  # 1 - 2/4 = 0.5: kept (only below counts 0)
    assert anls_similarity("abcde", "abxyz") == 0.0  # 1 - 3/5 = 0.4 < 0.5
    assert anls_similarity("ab", "abcde") == 0.0  # length alone: 3 edits of 5, 0.4


def test_composed_and_decomposed_accents_need_nfkc() -> None:
    composed = "naïve"  # 5 code points
    decomposed = unicodedata.normalize("NFD", composed)  # n a i U+0308 v e: 6 code points
    assert len(decomposed) == 6
    # i -> ï... as code points: substitute i for ï and insert U+0308: 2 edits of 6
    assert anls_similarity(composed, decomposed) == pytest.approx(1 - 2 / 6)
    r = rules(fields={"/word": "anls"}, strings=["nfkc"])
    assert judge({"word": decomposed}, {"word": composed}, rules=r).f1 == 1.0


def test_strings_over_the_length_cap_compare_exactly() -> None:
    long = "a" * ANLS_MAX_LENGTH
    assert anls_similarity(long + "b", long + "c") == 0.0  # 10,001 characters: exact only
    assert anls_similarity(long + "b", long + "b") == 1.0
    assert anls_similarity(long[:-1] + "b", long) == pytest.approx(1 - 1 / ANLS_MAX_LENGTH)


# --------------------------------------------------------------------------- in the judge


def test_one_exact_and_one_anls_leaf() -> None:
    expected = {"id": 7, "name": "hello"}
    actual = {"id": 7, "name": "hallo"}
    j = judge(actual, expected, rules=rules(fields={"/name": "anls"}))
    # id: TP 1. name: s = 0.8 -> TP 0.8, FP 0.2, FN 0.2.
    # TP 1.8, FP 0.2, FN 0.2: F1 = 2*1.8 / (2*1.8 + 0.4) = 3.6 / 4.0 = 0.9
    tp, fp, fn = counts(j)
    assert (tp, fp, fn) == (pytest.approx(1.8), pytest.approx(0.2), pytest.approx(0.2))
    assert j.f1 == pytest.approx(0.9)
    assert j.precision == pytest.approx(1.8 / 2.0) and j.recall == pytest.approx(0.9)
    (d,) = j.differences
    assert (d.kind, d.path, d.category) == ("changed", "/name", "wrong")
    assert d.score == pytest.approx(0.8)
    assert d.describe() == '/name: expected "hello", got "hallo" (anls 0.80)'
    assert d.to_dict()["score"] == pytest.approx(0.8)
    assert not j.passed() and j.passed(min_score=0.9 - 1e-9)


def test_below_the_threshold_counts_zero_and_keeps_int_counts() -> None:
    j = judge({"name": "xyz"}, {"name": "abc"}, rules=rules(comparator="anls"))
    # s = 1 - 3/3 = 0 -> TP 0, FP 1, FN 1 (ints: nothing fractional), F1 0
    assert counts(j) == (0, 1, 1)
    assert all(type(c) is int for c in counts(j))
    (d,) = j.differences
    assert d.score == 0.0 and d.describe().endswith("(anls 0.00)")
    # 0.4 is below 0.5 as well: "abcde" vs "abxyz", 3 edits of 5
    assert counts(judge({"n": "abxyz"}, {"n": "abcde"}, rules=rules(comparator="anls"))) == (
        0,
        1,
        1,
    )


def test_exact_outputs_keep_integer_counts_and_identical_json() -> None:
    doc = {"name": "Acme", "total": 12.5, "rows": [{"sku": "A"}]}
    plain = judge(doc, doc)
    fuzzy = judge(doc, doc, rules=rules(comparator="anls"))
    assert counts(fuzzy) == counts(plain) == (3, 0, 0)
    assert all(type(c) is int for c in counts(fuzzy))
    assert fuzzy.to_dict() == plain.to_dict()


def test_normalisers_apply_before_the_distance() -> None:
    expected = {"vendor": "ACME   Corp "}
    # defaults (casefold, collapse_whitespace, strip): "acme corp" == "acme corp", s = 1
    j = judge({"vendor": "acme corp"}, expected, rules=rules(comparator="anls"))
    assert counts(j) == (1, 0, 0) and j.differences == []
    # no normalisers: "ACME   Corp " (12) vs "acme corp" (9): 5 case changes (A C M E C),
    # 2 inner spaces and the trailing one deleted = 8 edits of 12 -> s = 1/3 < 0.5 -> 0
    assert levenshtein("ACME   Corp ", "acme corp") == 8
    j = judge({"vendor": "acme corp"}, expected, rules=rules(comparator="anls", strings=False))
    assert counts(j) == (0, 1, 1)
    # casefold only: "acme   corp " vs "acme corp": 3 deletions of 12 -> s = 0.75
    j = judge(
        {"vendor": "acme corp"}, expected, rules=rules(comparator="anls", strings=["casefold"])
    )
    assert j.true_positives == pytest.approx(0.75)


def test_anls_applies_only_to_two_strings() -> None:
    r = rules(comparator="anls")
    # numbers: exact (1234.5 vs 1234.6 is one changed leaf, no score)
    j = judge({"total": 1234.6}, {"total": 1234.5}, rules=r)
    assert counts(j) == (0, 1, 1)
    assert j.differences == [Difference("changed", "/total", 1234.5, 1234.6)]
    # a string against a number is a type difference, as without anls
    j = judge({"total": 12}, {"total": "12"}, rules=r)
    assert [(d.kind, d.score) for d in j.differences] == [("type", None)]
    # booleans and nulls too
    assert counts(judge({"paid": False}, {"paid": True}, rules=r)) == (0, 1, 1)
    # tolerances still work on numbers under anls
    assert judge({"t": 10.01}, {"t": 10}, rules=rules(comparator="anls", abs_tol=0.01)).f1 == 1


def test_two_dates_compare_as_dates_under_anls() -> None:
    r = rules(comparator="anls")
    assert judge({"d": "March 3, 2026"}, {"d": "2026-03-03"}, rules=r).f1 == 1.0
    # the next day: both are dates, so 0, not 1 - 1/10
    j = judge({"d": "2026-03-04"}, {"d": "2026-03-03"}, rules=r)
    assert counts(j) == (0, 1, 1)
    # dates off: plain strings, 1 edit of 10 -> s = 0.9
    j = judge({"d": "2026-03-04"}, {"d": "2026-03-03"}, rules=rules(comparator="anls", dates=False))
    assert j.true_positives == pytest.approx(0.9)


def test_fields_patterns_select_anls_per_path_and_most_specific_wins() -> None:
    expected = {
        "vendor": {"name": "Globex", "city": "Paris"},
        "notes": "Deliver before noon",
        "items": [{"description": "Steel bolts", "sku": "B-12"}],
    }
    actual = {
        "vendor": {"name": "Glebex", "city": "Parls"},
        "notes": "Deliver before noom",
        "items": [{"description": "Steel bolt", "sku": "B-13"}],
    }
    r = rules(fields={"/vendor": "anls", "/vendor/city": "exact", "/items/*/description": "anls"})
    j = judge(actual, expected, rules=r)
    # /vendor/name anls: 1 edit of 6 -> 5/6.   /vendor/city exact (more specific): 0.
    # /notes exact (the default): 0.   /items/0/description anls: 1 edit of 11 -> 10/11.
    # /items/0/sku exact: 0.
    scores = {d.path: d.score for d in j.differences}
    assert scores == {
        "/items/0/description": pytest.approx(10 / 11),
        "/items/0/sku": None,
        "/notes": None,
        "/vendor/city": None,
        "/vendor/name": pytest.approx(5 / 6),
    }
    tp = 5 / 6 + 10 / 11
    assert j.true_positives == pytest.approx(tp)
    assert j.false_positives == pytest.approx(5 - tp) == j.false_negatives
    assert j.f1 == pytest.approx(2 * tp / (2 * tp + 2 * (5 - tp)))  # = tp / 5


def test_the_default_comparator_and_a_per_field_exception() -> None:
    r = rules(comparator="anls", fields={"/code": "exact"})
    j = judge({"name": "hallo", "code": "X-2"}, {"name": "hello", "code": "X-1"}, rules=r)
    # name: s = 0.8; code exact: 0 -> TP 0.8, FP 1.2, FN 1.2
    assert j.true_positives == pytest.approx(0.8)
    assert j.false_positives == pytest.approx(1.2)


def test_rows_pair_by_fractional_similarity() -> None:
    expected = {"items": [{"name": "Widget alpha"}, {"name": "Gadget beta"}]}
    actual = {"items": [{"name": "Gadget betta"}, {"name": "Widget alpah"}]}
    j = judge(actual, expected, rules=rules(fields={"/items/*/name": "anls"}))
    # crossed pairing: "Widget alpha" vs "Widget alpah" (2 edits of 12 -> 5/6) and
    # "Gadget beta" vs "Gadget betta" (1 edit of 12 -> 11/12): 1.75 in all. The straight
    # pairing would score 6 edits of 12 twice (s = 0.5 each, kept): 1.0
    assert levenshtein("Widget alpha", "Gadget betta") == 6
    assert levenshtein("Gadget beta", "Widget alpah") == 6
    assert j.true_positives == pytest.approx(5 / 6 + 11 / 12)
    assert {d.path: d.actual_path for d in j.differences} == {
        "/items/0/name": "/items/1/name",
        "/items/1/name": "/items/0/name",
    }


def test_unicode_and_empty_strings_in_the_judge() -> None:
    r = rules(comparator="anls")
    assert judge({"s": ""}, {"s": ""}, rules=r).f1 == 1.0  # both empty: 1
    j = judge({"s": "x"}, {"s": ""}, rules=r)  # 1 - 1/1 = 0
    assert counts(j) == (0, 1, 1)
    j = judge({"s": "東京都港区"}, {"s": "東京都港区芝"}, rules=r)  # 1 deletion of 6
    assert j.true_positives == pytest.approx(5 / 6)


def test_to_dict_is_json_with_fractional_counts() -> None:
    j = judge({"name": "hallo"}, {"name": "hello"}, rules=rules(comparator="anls"))
    data = json.loads(json.dumps(j.to_dict()))
    assert data["true_positives"] == pytest.approx(0.8)
    assert data["f1"] == pytest.approx(0.8)
    assert data["differences"][0]["score"] == pytest.approx(0.8)
    assert data["fields"]["/name"]["tp"] == 0.8  # rounded to 1e-9 for reports
    assert data["fields"]["/name"]["fp"] == 0.2


# --------------------------------------------------------------------------- the rules


def test_match_rules_parse_and_merge_the_comparator() -> None:
    base = rules(comparator="anls", fields={"/a": "exact", "/b": "anls"})
    assert base.comparator == "anls" and base.fields == {"/a": "exact", "/b": "anls"}
    merged = base.merge({"fields": {"/a": "anls", "/c": "exact"}})
    assert merged.comparator == "anls"  # kept: not set in the case
    assert merged.fields == {"/a": "anls", "/b": "anls", "/c": "exact"}  # per pointer
    assert base.merge({"comparator": "exact"}).comparator == "exact"
    assert MatchRules().comparator == "exact" and MatchRules().fields == {}


@pytest.mark.parametrize(
    ("match", "message"),
    [
        ({"comparator": "anl"},
         "match.comparator: unknown comparator 'anl' (allowed: exact, anls); did you mean 'anls'?"),
        ({"comparator": "ANLS"},
         "match.comparator: unknown comparator 'ANLS' (allowed: exact, anls); "
         "did you mean 'anls'?"),
        ({"fields": {"/a": "levenshtein"}},
         "match.fields./a: unknown comparator 'levenshtein' (allowed: exact, anls)"),
        ({"fields": ["/a"]}, "match.fields: expected a mapping of pointer: comparator, got array"),
        ({"fields": {"a": "anls"}},
         "match.fields key 'a': 'a' is not a JSON pointer (it must start with '/')"),
        ({"comparater": "anls"}, "did you mean 'comparator'?"),
    ],
)  # fmt: skip
def test_bad_comparators_are_one_line_errors(match: dict, message: str) -> None:
    with pytest.raises(CasesError) as info:
        MatchRules.from_mapping(match, source="cases.yaml")
    assert message in str(info.value)


def test_python_callers_get_a_value_error_for_an_unknown_comparator() -> None:
    with pytest.raises(ValueError, match="unknown comparator 'fuzzy'"):
        MatchRules(comparator="fuzzy")
    with pytest.raises(ValueError, match="did you mean 'exact'"):
        MatchRules(fields={"/a": "exakt"})


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("defaults:\n  min_score: 0.9\n  match:\n    comparator: anl\n", 4,
         "match.comparator: unknown comparator 'anl' (allowed: exact, anls); "
         "did you mean 'anls'?"),
        ("cases:\n  - id: a\n    match:\n      fields:\n        /vendor/name: anls\n"
         "        /notes: fuzzy\n", 6,
         "match.fields./notes: unknown comparator 'fuzzy' (allowed: exact, anls)"),
        ("defaults:\n  match: {fields: {/x: exactly}}\n", 2,
         "match.fields./x: unknown comparator 'exactly' (allowed: exact, anls); "
         "did you mean 'exact'?"),
    ],
)  # fmt: skip
def test_cases_yaml_names_the_line_of_a_bad_comparator(
    tmp_path, text: str, line: int, message: str
) -> None:
    root = make_skill(tmp_path, files={"tests/cases.yaml": text, "tests/a.txt": "x"})
    with pytest.raises(CasesError) as info:
        load_cases(root)
    assert (info.value.line, info.value.message) == (line, message)


def test_cases_yaml_selects_anls_for_a_case(tmp_path) -> None:
    text = (
        "defaults:\n  match:\n    comparator: anls\n"
        "cases:\n  - id: a\n    match:\n      fields: {/code: exact}\n"
    )
    root = make_skill(tmp_path, files={"tests/cases.yaml": text, "tests/a.txt": "x"})
    (case,) = load_cases(root)
    assert case.rules.comparator == "anls" and case.rules.fields == {"/code": "exact"}
