"""The JSON Schema of cases.yaml (skillkit/cases.schema.json): shipped, derived from the API
table and the judge's rules, usable by editors, and the one validator behind every message."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, make_skill, run_cli
from jsonschema import Draft7Validator

from skillkit import api, cases_schema
from skillkit.cases import load_cases
from skillkit.compare import STRING_NORMALISERS, MatchRules, PathRules
from skillkit.errors import CasesError

SCHEMA = cases_schema.schema()
DEFS = SCHEMA["definitions"]
REGENERATE = "python -c 'import skillkit.cases_schema as s; s.regenerate()'"


def test_the_shipped_schema_is_a_valid_draft_07_schema() -> None:
    Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert cases_schema.SCHEMA_FILE.parent == Path(cases_schema.__file__).parent  # package data
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"skillkit" = ["cases.schema.json"]' in pyproject


def test_config_is_generation_config_from_the_table() -> None:
    assert DEFS["config"] == cases_schema.config_schema(), f"run {REGENERATE}"
    props = DEFS["config"]["properties"]
    assert list(props) == list(api.GENERATION_CONFIG.names)
    assert props["skills"]["not"] == {}  # the runner sends the skill itself
    for f in api.GENERATION_CONFIG.fields:
        if f.name != "skills":
            assert props[f.name].get("default") == (f.default if f.plain_default else None)
            assert props[f.name]["description"].startswith(f.doc)


def test_the_match_part_is_the_judges_rules() -> None:
    assert set(DEFS["match"]["properties"]) == {f.name for f in dataclasses.fields(MatchRules)}
    assert list(DEFS["path_rules"]["properties"]) == [f.name for f in dataclasses.fields(PathRules)]
    assert DEFS["normaliser"]["enum"] == list(STRING_NORMALISERS)


def test_settings_and_cases_agree_with_the_table_and_each_other() -> None:
    settings = DEFS["settings"]["properties"]
    domain = api.DOCUMENT_REQUEST["domain"]
    assert settings["domain"]["type"] == list(domain.types)
    assert settings["domain"]["examples"] == list(domain.known)
    case = DEFS["case"]["properties"]
    assert set(case) == set(settings) | {"id", "document", "expected", "review"}
    assert case["id"]["pattern"] == cases_schema.CASE_ID_PATTERN
    assert SCHEMA["properties"]["cases"]["propertyNames"]["pattern"] == cases_schema.CASE_ID_PATTERN


def _uncommented_template() -> str:
    text = (REPO / "templates" / "extraction" / "tests" / "cases.yaml").read_text()
    lines = [line[2:] for line in text.splitlines() if line.startswith("# ") or line == "#"]
    body = "\n".join(lines).split("defaults:", 1)[1]
    return ("defaults:" + body).replace("{{domain}}", "document.invoice")


def _readme_example() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(defaults:.*?)```", readme, re.S)
    assert block
    return block.group(1)


@pytest.mark.parametrize("source", ["readme", "template"])
def test_what_the_docs_show_is_valid_for_an_editor_too(source: str) -> None:
    """A plain draft-07 validator (what yaml-language-server runs) accepts the examples."""
    text = _readme_example() if source == "readme" else _uncommented_template()
    data = yaml.safe_load(text)
    assert list(Draft7Validator(SCHEMA).iter_errors(data)) == []
    assert cases_schema.first_problem(data) is None


def test_the_readme_says_how_editors_find_the_schema() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in readme
    assert "skillkit schema cases --path" in readme


def test_skillkit_schema_prints_the_schema_and_its_path() -> None:
    printed = run_cli("schema", "cases")
    assert printed.exit_code == 0 and json.loads(printed.stdout) == SCHEMA
    where = run_cli("schema", "cases", "--path")
    assert where.exit_code == 0
    assert Path(where.stdout.strip()) == cases_schema.SCHEMA_FILE.resolve()


def test_a_modeline_does_not_change_what_the_file_means(tmp_path: Path) -> None:
    modeline = f"# yaml-language-server: $schema={cases_schema.SCHEMA_FILE}\n"
    root = make_skill(
        tmp_path,
        files={
            "tests/cases.yaml": modeline + "cases:\n  - id: a\n    min_score: 0.5\n",
            "tests/a.txt": "x",
        },
    )
    (case,) = load_cases(root)
    assert case.name == "a" and case.min_score == 0.5


# --------------------------------------------------------------------------- messages


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # the key's own line, also in flow style and below other keys
        ("defaults:\n  config:\n    page_indices:\n      - x\n", 3,
         "'page_indices' in the config of defaults must be a list of 0-based page numbers"),
        ("defaults:\n  config: {grounding: 1, page_indices: [0]}\n", 2,
         "'grounding' in the config of defaults must be boolean, not integer"),
        ("cases:\n  - id: a\n  - id: b\n    config:\n      detial: hi\n", 5,
         "unknown key 'detial' in the config of case #2 (did you mean 'detail'?); allowed: "
         "chat_context, confidence, detail, gql_stmt, grounding, json_schema, keyframes, "
         "max_retries, max_tokens, page_indices, prompt, service_tier, temperature, "
         "use_context_cache, video_frames_per_segment, video_input_mode, video_model, "
         "video_segment_duration, video_transcribe_audio"),
        ("cases:\n  b:\n    match:\n      any_of:\n        /x: []\n", 5,
         "match.any_of./x: expected a non-empty list of acceptable values, got array"),
        ("defaults:\n  match:\n    paths:\n      total:\n        abs_tol: 1\n", 4,
         "match.paths key 'total': 'total' is not a JSON pointer (it must start with '/')"),
        ("defaults:\n  match:\n    ordered: [/a]\n    unordered: [/a]\n", 4,
         "match: '/a' is listed under both 'ordered' and 'unordered'"),
        ("defaults:\n  config:\n    video_segment_duration: 0.5\n", 3,  # minimum from the table
         "'video_segment_duration' in the config of defaults must be at least 1, not 0.5"),
        ("cases:\n  1:\n    id: a\n", 2, "cases: keys must be strings, not 1"),
        ("cases:\n  - 3\n", 2, "case #1 must be a mapping, not a integer"),
        # the first problem in the file wins
        ("defaults:\n  min_score: high\n  timeout: 0\n", 2,
         "'min_score' in defaults must be number, not string"),
    ],
)  # fmt: skip
def test_each_problem_is_one_line_at_its_key(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    root = make_skill(tmp_path, files={"tests/cases.yaml": text, "tests/a.txt": "x"})
    with pytest.raises(CasesError) as info:
        load_cases(root)
    assert (info.value.line, info.value.message) == (line, message)


@pytest.mark.parametrize(
    "rules",
    [
        {"abs_tol": -1},
        {"strings": {"casefold": True, "lower": True}},
        {"ignore": ["/a", 3]},
        {"paths": {"/t": {"dates": "no"}}},
        {"any_of": {"x": [1]}},
        {"missing": True},
    ],
)
def test_match_problems_read_the_same_from_a_file_and_from_python(
    tmp_path: Path, rules: dict
) -> None:
    """One validator: MatchRules.from_mapping and cases.yaml say the same thing."""
    with pytest.raises(CasesError) as direct:
        MatchRules.from_mapping(rules, source="x")
    text = yaml.safe_dump({"defaults": {"match": rules}}, sort_keys=False)
    root = make_skill(tmp_path, files={"tests/cases.yaml": text, "tests/a.txt": "x"})
    with pytest.raises(CasesError) as from_file:
        load_cases(root)
    assert from_file.value.message == direct.value.message
    assert from_file.value.line is not None


def test_from_mapping_builds_the_same_rules_as_before() -> None:
    rules = MatchRules.from_mapping(
        {
            "abs_tol": 0.5,
            "strings": {"casefold": False, "nfkc": True},
            "ignore": "/notes",
            "unordered": ["/tags"],
            "any_of": {"/currency": ["USD"]},
            "paths": {"/total": {"rel_tol": 0.1, "strings": ["strip"]}},
        },
        source="x",
        base=MatchRules(ordered=("/tags",), paths={"/total": PathRules(abs_tol=1)}),
    )
    assert rules.abs_tol == 0.5 and rules.strings == ("nfkc", "collapse_whitespace", "strip")
    assert rules.ignore == ("/notes",) and rules.unordered == ("/tags",) and rules.ordered == ()
    assert rules.any_of == {"/currency": ("USD",)}
    assert rules.paths["/total"] == PathRules(strings=("strip",), abs_tol=1, rel_tol=0.1)
