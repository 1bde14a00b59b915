"""The local engine reproduces every example skill's expected JSON exactly.

Cases are discovered: each document under example_skills/*/tests/ with a sibling
`<stem>.expected.json`, extracted with that skill's schema.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from skillkit.engine import SUPPORTED_SUFFIXES, extract

REPO = Path(__file__).resolve().parents[1]
EXPECTED = ".expected.json"


def _cases() -> list[tuple[Path, Path, Path]]:
    cases = []
    for schema in sorted(REPO.glob("example_skills/*/schema.json")):
        tests = schema.parent / "tests"
        if not tests.is_dir():
            continue
        for doc in sorted(tests.iterdir()):
            if doc.name.endswith(EXPECTED) or doc.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            expected = doc.with_name(doc.stem + EXPECTED)
            if expected.is_file():
                cases.append((schema, doc, expected))
    return cases


CASES = _cases()


def test_example_cases_exist():
    assert CASES, "no example skill cases found under example_skills/*/tests/"


@pytest.mark.parametrize(
    ("schema_path", "doc", "expected_path"),
    CASES,
    ids=[f"{c[1].parent.parent.name}/{c[1].name}" for c in CASES],
)
def test_example_document_matches_expected(schema_path: Path, doc: Path, expected_path: Path):
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    result = extract(doc, schema)
    assert result.data == expected
    Draft202012Validator(schema).validate(result.data)
    assert result.pages >= 1
