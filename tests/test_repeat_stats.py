"""--repeat N statistics: per case mean and population standard deviation of F1, pass rate and
pass^N; the run's totals over its cases. Numbers worked out by hand."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import make_skill, run_cli
from servers import MockHostedAPI
from test_field_report import small_skill

from skillkit.report import markdown
from skillkit.runner import RunOptions, run_tests

SCHEMA = {
    "type": "object",
    "properties": {"total": {"type": "number"}},
    "required": ["total"],
}
FILE = {
    "id": "f1",
    "filename": "doc.txt",
    "bytes": 5,
    "purpose": "assistants",
    "created_at": "2026-01-01T00:00:00Z",
    "object": "file",
}


def _prediction(total: float) -> dict:
    return {
        "id": "p",
        "status": "completed",
        "response": {"total": total},
        "created_at": "2026-01-01T00:00:00Z",
        "completed_at": "2026-01-01T00:00:02.500000Z",
        "usage": {"credits_used": 4, "elements_processed": 1, "element_type": "page"},
    }


@pytest.fixture
def flaky(tmp_path: Path):
    """A mock of the hosted API answering right, wrong, right (F1 1, 0, 1)."""
    api = MockHostedAPI()
    api.script["POST /v1/files"] = [(201, {}, FILE)]
    right, wrong = _prediction(10), _prediction(11)
    api.script["POST /v1/document/generate"] = [(201, {}, a) for a in (right, wrong, right)]
    skill = make_skill(tmp_path, "flaky", files={"schema.json": json.dumps(SCHEMA)})
    (skill / "tests").mkdir()
    (skill / "tests" / "doc.txt").write_text("Total: 10\n")
    (skill / "tests" / "doc.expected.json").write_text('{"total": 10}\n')
    yield api, skill
    api.close()


def test_a_repeat_of_3_with_2_passes(flaky, tmp_path):
    api, skill = flaky
    options = RunOptions(base_url=api.base_url, api_key="k", repeat=3, jobs=1, min_pass_rate=0.6)
    run = run_tests([skill], options)
    (r,) = run.results
    assert [a.f1 for a in r.attempts] == [1.0, 0.0, 1.0]
    assert r.f1 == pytest.approx(2 / 3)
    # population std of 1, 0, 1: mean 2/3, squares (1/9 + 4/9 + 1/9) / 3 = 2/9
    assert r.f1_std == pytest.approx(math.sqrt(2 / 9)) and r.f1_std == pytest.approx(0.4714, 1e-3)
    assert r.pass_rate == pytest.approx(0.667, abs=1e-3)
    assert r.pass_all == 0  # pass^3: not every attempt passed
    assert r.status == "passed"  # 2/3 >= --min-pass-rate 0.6
    # null accounting summed over the 3 attempts: 2 correct, 1 wrong
    assert r.accounting.to_dict() == {
        "correct": 2, "correct_null": 0, "missing": 0, "hallucinated": 0, "wrong": 1
    }  # fmt: skip
    assert r.fields["/total"].f1 == pytest.approx(2 * 2 / (2 * 2 + 1 + 1))
    # cost: 3 predictions of 4 credits, each 2.5 s on the service
    assert r.cost.credits_used == 12 and r.cost.elements_processed == 3
    assert r.cost.service_seconds == pytest.approx(7.5) and r.cost.predictions == 3

    stats = run.stats()
    assert stats["pass_all"] == 0.0 and stats["cases_passed_all"] == 0
    assert stats["pass_rate"] == pytest.approx(2 / 3)

    data = run.to_dict()
    case = data["results"][0]
    assert case["pass_all"] == 0 and case["f1_std"] == pytest.approx(0.4714, 1e-3)
    assert [a["accounting"]["wrong"] for a in case["attempts"]] == [0, 1, 0]
    md = markdown.render(run)
    assert "pass^3 0 of 1 case(s) (0%)" in md and "| F1 std | pass^3 |" in md
    from skillkit.report import junit

    props = {
        p.get("name"): p.get("value") for p in ET.fromstring(junit.render(run)).iter("property")
    }
    assert props["pass_all"] == "0" and props["f1_std"] == "0.471"


def test_run_totals_over_three_cases_with_known_f1s(tmp_path):
    skill = small_skill(tmp_path)
    (skill / "tests" / "e.txt").unlink()  # keep a (F1 1), b (F1 0.5), c (F1 0)
    (skill / "tests" / "e.expected.json").unlink()
    out = tmp_path / "r.json"
    result = run_cli("test", skill, "--local", "--repeat", "2", "-j", "2", "--json", out)
    assert result.exit_code == 1
    data = json.loads(out.read_text())
    f1 = {r["case"]: r["f1"] for r in data["results"]}
    assert f1 == {"a": 1.0, "b": 0.5, "c": 0.0}
    stats = data["stats"]
    # mean (1 + 0.5 + 0) / 3 = 0.5; population std sqrt((0.25 + 0 + 0.25) / 3) = 0.4082
    assert stats["f1_mean"] == pytest.approx(0.5)
    assert stats["f1_std"] == pytest.approx(math.sqrt(1 / 6))
    assert stats["repeat"] == 2 and stats["cases_run"] == 3
    assert stats["pass_all"] == pytest.approx(1 / 3)  # only a passed both attempts
    assert stats["pass_rate"] == pytest.approx(2 / 6)
    assert stats["f1_std_within_mean"] == 0  # the local engine is deterministic
    by = {r["case"]: r for r in data["results"]}
    assert by["a"]["pass_all"] == 1 and by["b"]["pass_all"] == 0
    assert by["a"]["accounting"]["correct"] == 4  # 2 attempts x 2 correct leaves
    assert "pass^2" in result.stdout  # the console column
    assert "repeat 2: mean F1 0.500 (std across cases 0.408" in result.stdout
    assert "pass^2 1 of 3 case(s) (33%)" in result.stdout


def test_without_repeat_there_are_no_repeat_statistics(tmp_path):
    skill = small_skill(tmp_path)
    run = run_tests([skill], RunOptions(local=True, jobs=2))
    assert all(r.f1_std is None and r.pass_all is None for r in run.results)
    assert "repeat" not in run.stats() and "pass^" not in markdown.render(run)
