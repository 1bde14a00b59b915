"""--repeat with --min-pass-rate against a flaky service: a mock of the hosted API on loopback
(the hosted API cannot run here) answers right three times out of four."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_skill
from servers import FAST, MockHostedAPI

from skillkit.client import Client
from skillkit.runner import RunOptions, run_tests

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
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
    }


@pytest.fixture
def flaky(tmp_path: Path):
    api = MockHostedAPI()
    api.script["POST /v1/files"] = [(201, {}, FILE)]
    right, wrong = _prediction(10), _prediction(11)
    answers = [right, wrong, right, right]
    api.script["POST /v1/document/generate"] = [(201, {}, a) for a in answers] + [(201, {}, right)]
    skill = make_skill(tmp_path, "flaky", files={"schema.json": json.dumps(SCHEMA)})
    (skill / "tests").mkdir()
    (skill / "tests" / "doc.txt").write_text("Total: 10\n")
    (skill / "tests" / "doc.expected.json").write_text('{"total": 10}\n')
    yield api, skill
    api.close()


@pytest.mark.parametrize(("min_rate", "status"), [(0.75, "passed"), (0.8, "failed")])
def test_pass_rate_decides_with_repeat(flaky, min_rate: float, status: str) -> None:
    api, skill = flaky
    options = RunOptions(
        base_url=api.base_url, api_key="k", repeat=4, jobs=1, min_pass_rate=min_rate
    )
    run = run_tests([skill], options)
    (result,) = run.results
    assert result.pass_rate == pytest.approx(0.75)
    assert [a.status for a in result.attempts].count("passed") == 3
    assert result.status == status
    assert run.exit_code == (0 if status == "passed" else 1)


def test_408_is_retried(flaky) -> None:
    api, _ = flaky
    api.script["GET /v1/predictions/p1"] = [
        (408, {}, {"detail": "request timeout"}),
        (200, {}, {"id": "p1", "status": "completed", "response": {"ok": True}}),
    ]
    with Client(api.base_url, "k", retry=FAST) as client:
        assert client.get_prediction("p1").response == {"ok": True}
    assert [c[1] for c in api.calls].count("/v1/predictions/p1") == 2
