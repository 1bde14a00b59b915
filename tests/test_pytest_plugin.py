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
    assert lines == [f"skills/{SKILL}/tests/cases.yaml::{name}" for name in _case_names(skills)]


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
