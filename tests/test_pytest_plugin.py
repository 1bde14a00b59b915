"""The pytest plugin: inert by default; with --skillkit each case is an item with a stable node
id, run through the real runner (replayed cassettes and the in-process engine)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SKILL = "invoice-extraction"


@pytest.fixture
def skills(pytester: pytest.Pytester) -> Path:
    dest = pytester.path / "skills" / SKILL
    shutil.copytree(REPO / "example_skills" / SKILL, dest)
    return dest


def _case_names(skill: Path) -> list[str]:
    return sorted(
        p.name[: -len(".expected.json")] for p in (skill / "tests").glob("*.expected.json")
    )


def test_inert_without_the_flag(pytester: pytest.Pytester, skills: Path) -> None:
    result = pytester.runpytest("skills", "-q")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    assert "cases.yaml::" not in result.stdout.str()


def test_collects_every_case_with_node_ids(pytester: pytest.Pytester, skills: Path) -> None:
    result = pytester.runpytest("skills", "--skillkit", "--collect-only", "-q")
    # Compared as sorted lists: the ids are the contract, not the collection order (which an
    # order-randomising plugin in the environment may shuffle).
    lines = sorted(x for x in result.stdout.lines if "::" in x)
    assert lines == sorted(
        f"skills/{SKILL}/tests/{_document(skills, name).name}::{name}"
        for name in _case_names(skills)
    )
    for line in lines:  # every node id names a file that exists
        assert (pytester.path / line.split("::")[0]).is_file(), line


def _document(skill: Path, name: str) -> Path:
    (doc,) = [p for p in (skill / "tests").glob(f"{name}.*") if not p.name.endswith(".json")]
    return doc


def _outcomes(result: pytest.RunResult) -> dict[str, int]:
    return {k: v for k, v in result.parseoutcomes().items() if v}


def test_a_document_node_id_reruns_exactly_its_case(pytester: pytest.Pytester, skills) -> None:
    name = _case_names(skills)[1]
    node = f"skills/{SKILL}/tests/{_document(skills, name).name}::{name}"
    result = pytester.runpytest(node, "--skillkit", "--skillkit-replay", "-v")
    assert _outcomes(result) == {"passed": 1}, result.stdout.str()
    result.stdout.fnmatch_lines([f"{node} PASSED*"])


def test_a_cases_yaml_node_id_reruns_exactly_its_case(pytester: pytest.Pytester, skills) -> None:
    names = _case_names(skills)
    entries = "".join(f"  - id: {n}\n    document: {_document(skills, n).name}\n" for n in names)
    (skills / "tests" / "cases.yaml").write_text(f"cases:\n{entries}")
    listed = pytester.runpytest("skills", "--skillkit", "--collect-only", "-q")
    assert sorted(x for x in listed.stdout.lines if "::" in x) == [
        f"skills/{SKILL}/tests/cases.yaml::{n}" for n in names
    ]
    node = f"skills/{SKILL}/tests/cases.yaml::{names[2]}"
    result = pytester.runpytest(node, "--skillkit", "--skillkit-replay", "-v")
    assert _outcomes(result) == {"passed": 1}, result.stdout.str()
    result.stdout.fnmatch_lines([f"{node} PASSED*"])


def test_the_tests_folder_collects_that_skills_cases(pytester: pytest.Pytester, skills) -> None:
    other = pytester.path / "skills" / "receipt-extraction"
    shutil.copytree(REPO / "example_skills" / "receipt-extraction", other)
    result = pytester.runpytest(f"skills/{SKILL}/tests", "--skillkit", "--collect-only", "-q")
    lines = [x for x in result.stdout.lines if "::" in x]
    assert len(lines) == len(_case_names(skills))
    assert all(x.startswith(f"skills/{SKILL}/tests/") for x in lines)


def test_a_skill_that_validate_fails_is_a_collection_error(pytester: pytest.Pytester, skills):
    md = skills / "SKILL.md"
    md.write_text(md.read_text().replace(f"name: {SKILL}", "name: not-the-folder"))
    result = pytester.runpytest("skills", "--skillkit", "--skillkit-replay", "-q")
    assert result.ret == pytest.ExitCode.INTERRUPTED  # collection errors stop the session
    out = result.stdout.str()
    assert "SK107 name 'not-the-folder' must equal the folder name" in out
    assert "Traceback" not in out
    forced = pytester.runpytest(
        "skills", "--skillkit", "--skillkit-no-validate", "--collect-only", "-q"
    )
    assert len([x for x in forced.stdout.lines if "::" in x]) == len(_case_names(skills))


def test_ini_option_enables_collection(pytester: pytest.Pytester, skills: Path) -> None:
    pytester.makeini("[pytest]\nskillkit = true\n")
    result = pytester.runpytest("skills", "--collect-only", "-q")
    assert len([x for x in result.stdout.lines if "::" in x]) == len(_case_names(skills))


def test_replayed_cases_pass(pytester: pytest.Pytester, skills: Path) -> None:
    result = pytester.runpytest("skills", "--skillkit", "--skillkit-replay", "-q")
    result.assert_outcomes(passed=len(_case_names(skills)))


def test_local_engine_failure_names_the_field(pytester: pytest.Pytester, skills: Path) -> None:
    name = _case_names(skills)[0]
    expected = skills / "tests" / f"{name}.expected.json"
    data = json.loads(expected.read_text())
    data["invoice_number"] = "NOT-THE-NUMBER"
    expected.write_text(json.dumps(data, indent=2))
    result = pytester.runpytest("skills", "--skillkit", "-q", "-k", name)
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert f"{SKILL}/{name}: failed" in out
    assert '/invoice_number: expected "NOT-THE-NUMBER"' in out
