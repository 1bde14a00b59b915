"""Case discovery: folder convention, cases.yaml (validated with line numbers), -k and --shard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_skill

from skillkit.cases import collect, load_cases, matches, parse_shard, shard
from skillkit.compare import MatchRules
from skillkit.errors import CasesError, SkillError

SCHEMA = {
    "type": "object",
    "properties": {"invoice_number": {"type": "string"}, "total": {"type": "number"}},
}


def skill_with(tmp_path: Path, files: dict[str, str], name: str = "demo") -> Path:
    return make_skill(tmp_path, name, files={"schema.json": json.dumps(SCHEMA), **files})


def test_folder_convention_pairs_documents_with_expected_files(tmp_path):
    root = skill_with(
        tmp_path,
        {
            "tests/a.txt": "Invoice Number: A-1",
            "tests/a.expected.json": '{"invoice_number": "A-1"}',
            "tests/b.pdf": "%PDF-1.4 not really",
            "tests/README.md": "notes, not a case",
            "tests/.hidden.txt": "no",
            "tests/cassettes/a.json": "{}",
        },
    )
    cases = load_cases(root)
    assert [c.id for c in cases] == ["demo/a", "demo/b"]
    a, b = cases
    assert a.has_expected and a.expected == {"invoice_number": "A-1"}
    assert not b.has_expected and b.expected_path is None  # schema-only case
    assert b.snapshot_path == root / "tests" / "b.expected.json"
    assert a.schema == SCHEMA
    assert a.node_id.endswith("demo/tests/a.txt::a")  # a file that exists: pytest re-runs it
    assert a.cassette_path == root / "tests" / "cassettes" / "a.json"


def test_cases_yaml_list_with_defaults_and_overrides(tmp_path):
    cases_yaml = """\
defaults:
  domain: document.invoice
  config: {grounding: true, prompt: be careful}
  match: {abs_tol: 0.01, ignore: [/notes]}
  min_score: 0.9
cases:
  - id: first
    document: a.txt
    config: {page_indices: [0], prompt: other}
    match: {ignore: [/extra]}
  - document: b.txt
    expected: null
    min_score: 0.5
    skip: flaky upstream
"""
    root = skill_with(
        tmp_path,
        {
            "tests/cases.yaml": cases_yaml,
            "tests/a.txt": "x",
            "tests/a.expected.json": "{}",
            "tests/b.txt": "y",
            "tests/b.expected.json": "{}",
        },
    )
    first, second = load_cases(root)
    assert first.name == "first" and first.domain == "document.invoice"
    assert first.config == {"grounding": True, "prompt": "other", "page_indices": [0]}
    assert first.min_score == 0.9
    assert isinstance(first.rules, MatchRules)
    assert first.rules.abs_tol == 0.01
    assert set(first.rules.ignore) == {"/notes", "/extra"}  # extended, not replaced
    assert first.line == 7
    assert second.name == "b" and not second.has_expected  # expected: null
    assert second.min_score == 0.5 and second.skip == "flaky upstream"
    assert second.rules.ignore == ("/notes",)


def test_cases_yaml_mapping_form_and_defaults_only(tmp_path):
    root = skill_with(
        tmp_path,
        {
            "tests/cases.yaml": "cases:\n  alpha:\n    document: a.txt\n  b:\n",
            "tests/a.txt": "x",
            "tests/b.txt": "y",
        },
    )
    assert [c.name for c in load_cases(root)] == ["alpha", "b"]

    other = skill_with(
        tmp_path,
        {"tests/cases.yaml": "defaults:\n  min_score: 0.5\n", "tests/a.txt": "x"},
        name="other",
    )
    (case,) = load_cases(other)
    assert case.name == "a" and case.min_score == 0.5


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("cases:\n  - document: a.txt\n    expectd: a.json\n", 3, "unknown key 'expectd'"),
        ("defaults:\n  min_score: high\n", 2, "'min_score' in defaults must be number"),
        ("defaults:\n  min_score: 2\n", 2, "between 0 and 1"),
        ("cases:\n  - document: a.txt\n    config:\n      page_index: [0]\n", 4, "page_indices"),
        ("cases:\n  - document: a.txt\n    config: {page_indices: [x]}\n", 3, "page_indices"),
        ("cases:\n  - document: a.txt\n    config: {detail: ultra}\n", 3, "must be one of"),
        ("cases:\n  - document: a.txt\n    config: {skills: []}\n", 3, "sends the skill"),
        ("cases:\n  - document: missing.pdf\n", 2, "not found"),
        ("cases:\n  - document: a.txt\n  - document: a.txt\n", 3, "duplicate case id 'a'"),
        ("cases:\n  - id: a/b\n    document: a.txt\n", 2, "may hold only"),
        ("cases: [1, 2\n", 2, "not valid YAML"),
        ("foo: 1\n", 1, "unknown key 'foo'"),
        ("cases: 3\n", 1, "'cases' in cases.yaml must be list or mapping"),
        ("defaults:\n  match:\n    abs_tol: -1\n", 3, "match.abs_tol"),
        ("defaults:\n  domain: a\n  domain: b\n", 3, "duplicate key 'domain'"),
    ],
)
def test_cases_yaml_errors_name_file_and_line(tmp_path, text, line, needle):
    root = skill_with(tmp_path, {"tests/cases.yaml": text, "tests/a.txt": "x"})
    with pytest.raises(CasesError) as info:
        load_cases(root)
    err = info.value
    assert err.path.endswith("demo/tests/cases.yaml")
    assert err.line == line, str(err)
    assert needle in err.message
    assert str(err).startswith(f"{err.path}:{line}: ")


def test_bad_expected_json_is_a_cases_error_with_line(tmp_path):
    root = skill_with(tmp_path, {"tests/a.txt": "x", "tests/a.expected.json": '{\n  "a": 1,\n}'})
    with pytest.raises(CasesError) as info:
        load_cases(root)
    assert info.value.path.endswith("a.expected.json") and info.value.line == 3


def test_collect_finds_every_skill_and_refuses_an_empty_tree(tmp_path):
    skill_with(tmp_path, {"tests/a.txt": "x"}, name="one")
    skill_with(tmp_path, {"tests/b.txt": "x"}, name="two")
    found = collect([tmp_path])
    assert [sc.skill.root.name for sc in found] == ["one", "two"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SkillError):
        collect([empty])


def test_k_pattern_substring_or_glob():
    assert matches("invoice-extraction/acme-001", "acme")
    assert matches("invoice-extraction/acme-001", "invoice-*/acme-*")
    assert matches("invoice-extraction/acme-001", "acme-00?")  # glob on the case part
    assert not matches("invoice-extraction/acme-001", "receipt")


@pytest.mark.parametrize("count", range(1, 9))
def test_shards_are_balanced_and_partition_every_case_exactly_once(count: int):
    """N = 1..50 cases over n shards: each shard holds floor(N/n) or ceil(N/n) cases, and the
    union over the shards is every case exactly once (the old id hash left 1/2 of 3 empty)."""
    for total in range(1, 51):
        ids = [f"skill-{i % 3}/case-{i:02d}" for i in range(total)]
        shuffled = ids[::-1]  # the split depends on the ids, not on the order given
        legs = [shard(shuffled, k, count, key=str) for k in range(1, count + 1)]
        sizes = [len(leg) for leg in legs]
        assert set(sizes) <= {total // count, -(-total // count)}, (total, count, sizes)
        flat = [c for leg in legs for c in leg]
        assert sorted(flat) == sorted(ids) and len(flat) == len(set(flat)), (total, count)
        assert legs == [shard(ids, k, count, key=str)[::-1] for k in range(1, count + 1)]


def test_three_cases_in_two_shards_give_two_and_one():
    ids = ["a/x", "b/y", "c/z"]
    assert [len(shard(ids, k, 2, key=str)) for k in (1, 2)] == [1, 2]


def test_parse_shard():
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "x", "1/0"):
        with pytest.raises(ValueError):
            parse_shard(bad)
