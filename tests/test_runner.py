"""`skillkit test` end to end: against the real local server over loopback, in-process, from
recordings, and against a mock of the hosted API for retry behaviour."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO, make_skill, run_cli
from servers import KEY, MockHostedAPI, free_port

from skillkit.runner import RunOptions, run_tests

NO_TARGET = {"VLMRUN_API_KEY": None, "VLMRUN_BASE_URL": None}
SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"], "description": "Invoice number"},
        "total": {"type": ["number", "null"], "description": "Total amount due"},
    },
}
DOCS = {
    "tests/inv-1.txt": "ACME Corp\nInvoice Number: INV-001\nTotal: 1,234.50\n",
    "tests/inv-2.txt": "Globex\nInvoice Number: INV-002\nTotal: 99.00\n",
}


def demo_skill(base: Path, name: str = "demo", docs: dict[str, str | bytes] | None = None) -> Path:
    files = {"schema.json": json.dumps(SCHEMA, indent=2), **(DOCS if docs is None else docs)}
    return make_skill(base, name, files=files)


def remote(server_url: str) -> tuple[str, ...]:
    return ("--base-url", server_url, "--api-key", KEY)


def report(path: Path) -> dict:
    return json.loads(path.read_text())


# --------------------------------------------------------------------------- the real server


def test_example_skills_all_pass_over_loopback(server_url, tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("test", REPO / "example_skills", *remote(server_url), "--json", out)
    assert result.stdout.splitlines()[0] == f"skillkit test: target: {server_url}"
    data = report(out)
    failing = {
        r["case_id"]: r["differences"] or r["message"]
        for r in data["results"]
        if r["status"] != "passed"
    }
    assert not failing, failing
    assert len(data["results"]) >= 9
    assert result.exit_code == 0, result.output


def test_snapshots_then_a_changed_value_fails_naming_the_field(server_url, tmp_path):
    skill = demo_skill(tmp_path)
    created = run_cli("test", skill, *remote(server_url), "--update-missing")
    assert created.exit_code == 0, created.output
    assert "created" in created.stdout
    expected = skill / "tests" / "inv-1.expected.json"
    text = expected.read_text()
    assert text.endswith("}\n") and text.startswith("{\n  ")  # indent=2, trailing newline

    again = run_cli("test", skill, *remote(server_url), "--junit", tmp_path / "junit.xml")
    assert again.exit_code == 0, again.output
    assert "2 passed, 0 failed" in again.stdout

    data = json.loads(text)
    data["invoice_number"] = "INV-999"
    expected.write_text(json.dumps(data, indent=2) + "\n")
    failed = run_cli("test", skill, *remote(server_url), "--junit", tmp_path / "junit.xml")
    assert failed.exit_code == 1
    assert '/invoice_number: expected "INV-999"' in failed.stdout
    assert "1 passed, 1 failed" in failed.stdout
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    failure = suite.find("testcase[@name='inv-1']/failure")
    assert failure is not None and "/invoice_number" in failure.text

    updated = run_cli("test", skill, *remote(server_url), "--update")
    assert updated.exit_code == 0, updated.output
    assert "updated" in updated.stdout and "1 field(s) changed" in updated.stdout
    assert json.loads(expected.read_text())["invoice_number"] != "INV-999"


def test_a_failed_prediction_is_an_error_with_its_reason_at_once(server_url, tmp_path):
    skill = demo_skill(tmp_path, docs={"tests/broken.pdf": b"not a PDF at all"})
    started = time.monotonic()
    result = run_cli(
        "test", skill, *remote(server_url), "--timeout", "60", "--json", tmp_path / "r.json"
    )
    assert time.monotonic() - started < 30  # at once, not after the 60 s timeout
    assert result.exit_code == 3  # the service failed on every case
    (case,) = report(tmp_path / "r.json")["results"]
    assert case["status"] == "error"
    assert case["message"].startswith("prediction failed: ")
    assert "timed out" not in case["message"]
    assert case["message"] in result.stdout


# --------------------------------------------------------------------------- in-process


def test_no_key_no_url_runs_the_local_engine_and_says_so_first(tmp_path):
    skill = demo_skill(tmp_path)
    result = run_cli("test", skill, "--update-missing", env=NO_TARGET)
    first = result.stdout.splitlines()[0]
    assert first == "skillkit test: target: local engine (in-process, no key, no network)"
    assert result.exit_code == 0, result.output


def test_library_api_with_repeat_reports_a_pass_rate(tmp_path):
    skill = demo_skill(tmp_path)
    run_cli("test", skill, "--local", "--update-missing")
    run = run_tests([skill], RunOptions(local=True, repeat=3, jobs=2))
    assert run.exit_code == 0
    assert [r.case_id for r in run.results] == ["demo/inv-1", "demo/inv-2"]
    for r in run.results:
        assert r.status == "passed" and r.pass_rate == 1.0 and len(r.attempts) == 3
        assert r.f1 == 1.0 and r.node_id.endswith(f"demo/tests/{r.case}.txt::{r.case}")


def test_record_replay_without_server_and_stale_recordings(tmp_path):
    skill = demo_skill(tmp_path)
    assert run_cli("test", skill, "--local", "--update-missing").exit_code == 0
    recorded = run_cli("test", skill, "--local", "--record")
    assert recorded.exit_code == 0, recorded.output
    cassette = skill / "tests" / "cassettes" / "inv-1.json"
    content = cassette.read_text()
    assert '"fingerprint"' in content and "file_id" not in content and "Bearer" not in content

    # A base URL nobody listens on proves replay never talks to a server.
    dead = {"VLMRUN_BASE_URL": f"http://127.0.0.1:{free_port()}/v1", "VLMRUN_API_KEY": "x"}
    replayed = run_cli("test", skill, "--replay", env=dead)
    assert replayed.exit_code == 0, replayed.output
    assert replayed.stdout.startswith("skillkit test: target: recorded cassettes")

    skill_md = skill / "SKILL.md"
    skill_md.write_text(skill_md.read_text() + "\nAlso read the footer.\n")
    stale = run_cli("test", skill, "--replay", env=dead)
    assert stale.exit_code == 1
    assert "the skill changed" in stale.stdout
    assert f"skillkit test {skill} --record -k inv-1" in stale.stdout.replace("\n    ", " ")

    (skill / "tests" / "inv-2.txt").write_text("Invoice Number: INV-777\n")
    stale_doc = run_cli("test", skill, "--replay", "-k", "inv-2", env=dead)
    assert "the document changed" in stale_doc.stdout


def test_replay_fails_a_case_without_recording(tmp_path):
    skill = demo_skill(tmp_path)
    result = run_cli("test", skill, "--replay", "-k", "inv-1", env=NO_TARGET)
    assert result.exit_code == 1
    assert "no recording for this case" in result.stdout


def test_shards_partition_the_cases(tmp_path):
    docs = {f"tests/doc-{i}.txt": f"Invoice Number: N-{i}\n" for i in range(12)}
    skill = demo_skill(tmp_path, docs=docs)
    seen = []
    for index in (1, 2, 3):
        out = tmp_path / f"shard{index}.json"
        run_cli("test", skill, "--replay", "--shard", f"{index}/3", "--json", out)
        seen.append({r["case_id"] for r in report(out)["results"]})
    everything = {f"demo/doc-{i}" for i in range(12)}
    assert set().union(*seen) == everything
    assert sum(map(len, seen)) == len(everything)  # disjoint
    assert run_cli("test", skill, "--shard", "4/3").exit_code == 2


def test_usage_and_cases_errors_exit_2(tmp_path):
    skill = demo_skill(tmp_path, docs={**DOCS, "tests/cases.yaml": "cases:\n  - document: x.pdf\n"})
    result = run_cli("test", skill, "--local")
    assert result.exit_code == 2
    assert "cases.yaml:2:" in result.stderr and "not found" in result.stderr
    other = demo_skill(tmp_path, name="other")
    assert run_cli("test", other, "-k", "nothing-like-this").exit_code == 2
    assert run_cli("test", other, "--record", "--replay").exit_code == 2
    assert run_cli("test", tmp_path / "missing").exit_code == 2


def test_generate_prints_the_json(tmp_path):
    skill = demo_skill(tmp_path)
    out = tmp_path / "out.json"
    result = run_cli("generate", skill, skill / "tests" / "inv-1.txt", "-o", out, env=NO_TARGET)
    assert result.exit_code == 0, result.output
    assert "local engine" in result.stderr
    assert set(json.loads(out.read_text())) <= {"invoice_number", "total"}


# --------------------------------------------------------------------------- mock hosted API


def test_runner_retries_503_and_uploads_each_document_once(tmp_path):
    skill = demo_skill(
        tmp_path,
        docs={
            "tests/shared.txt": "Invoice Number: INV-5\n",
            "tests/cases.yaml": "cases:\n"
            "  - {id: one, document: shared.txt, expected: expected.json}\n"
            "  - {id: two, document: shared.txt, expected: expected.json, config: {prompt: hi}}\n",
            "tests/expected.json": '{"invoice_number": "INV-5", "total": null}',
        },
    )
    md5 = hashlib.md5(b"Invoice Number: INV-5\n").hexdigest()
    hosted = MockHostedAPI()
    try:
        hosted.script[f"GET /v1/files/hash/{md5}"] = [(404, {}, {"detail": "unknown"})]
        hosted.script["POST /v1/files"] = [(201, {}, {"id": "file_1"})]
        hosted.script["POST /v1/document/generate"] = [(201, {}, {"id": "p1", "status": "pending"})]
        hosted.script["GET /v1/predictions/p1"] = [
            (503, {}, {"detail": "busy"}),
            (503, {}, {"detail": "busy"}),
            (200, {}, {"id": "p1", "status": "completed", "response": {"invoice_number": "INV-5"}}),
        ]
        result = run_cli("test", skill, "--base-url", hosted.base_url, "--api-key", "k", "-j", "2")
    finally:
        hosted.close()
    assert result.exit_code == 0, result.output
    calls = [f"{method} {path}" for method, path, _ in hosted.calls]
    assert calls.count("POST /v1/files?purpose=assistants") == 1
    assert calls.count(f"GET /v1/files/hash/{md5}") == 1
    assert calls.count("POST /v1/document/generate") == 2
    assert calls.count("GET /v1/predictions/p1") >= 3


def test_copied_example_with_one_edited_value_fails(server_url, tmp_path):
    source = REPO / "example_skills" / "invoice-extraction"
    skill = tmp_path / "invoice-extraction"
    shutil.copytree(source, skill)
    expected = sorted((skill / "tests").glob("*.expected.json"))[0]
    data = json.loads(expected.read_text())
    key = next(k for k, v in data.items() if isinstance(v, str) and v)
    data[key] = data[key] + " (edited)"
    expected.write_text(json.dumps(data, indent=2) + "\n")
    result = run_cli("test", skill, *remote(server_url), "-k", expected.name.split(".")[0])
    assert result.exit_code == 1
    assert f"/{key}: expected " in result.stdout


def test_per_case_timeout_ends_a_prediction_that_never_finishes(tmp_path):
    skill = demo_skill(tmp_path, docs={"tests/slow.txt": "Invoice Number: S-1\n"})
    hosted = MockHostedAPI()
    try:
        hosted.script["GET /v1/files/hash/" + hashlib.md5(b"Invoice Number: S-1\n").hexdigest()] = [
            (200, {}, {"id": "file_9"})
        ]
        hosted.script["POST /v1/document/generate"] = [(201, {}, {"id": "p9", "status": "pending"})]
        hosted.script["GET /v1/predictions/p9"] = [(200, {}, {"id": "p9", "status": "running"})]
        started = time.monotonic()
        result = run_cli(
            "test", skill, "--base-url", hosted.base_url, "--api-key", "k", "--timeout", "1"
        )
        elapsed = time.monotonic() - started
    finally:
        hosted.close()
    assert result.exit_code == 3
    assert "still running after 1 s" in result.stdout
    # The 1 s --timeout ended it, not the 300 s default (bound generous: the machine is shared).
    assert elapsed < 60
    assert not any(path.startswith("/v1/files?") for _, path, _ in hosted.calls)  # reused


def test_a_wrong_key_fails_fast_with_one_line(server_url, tmp_path):
    skill = demo_skill(tmp_path)
    result = run_cli("test", skill, "--base-url", server_url, "--api-key", "wrong-key")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "401" in result.stderr
    assert "--api-key" in result.stderr


def test_the_first_poll_waits_for_what_the_service_took_for_others() -> None:
    """0.9 x the lower quartile of the last 32 service-side durations; none before three."""
    import asyncio

    from skillkit.runner import _Run

    async def make() -> _Run:  # _Run makes an asyncio.Semaphore: inside a loop
        return _Run(RunOptions(local=True), None)

    run = asyncio.run(make())
    assert run.expect() is None
    run.durations += [2.0, 0.5]
    assert run.expect() is None
    run.durations.append(1.0)  # sorted 0.5, 1.0, 2.0: the lower quartile is index 0 -> 0.5
    assert run.expect() == pytest.approx(0.45)
    run.durations += [0.6] * 5  # 8 values: 0.5, 0.6 x5, 1.0, 2.0; index 2 -> 0.6
    assert run.expect() == pytest.approx(0.54)
    run.durations += [10.0] * 40  # only the last 32 count
    assert run.expect() == pytest.approx(9.0)
