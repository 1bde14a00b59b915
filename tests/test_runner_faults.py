"""The runner under faults: a fault-injecting proxy (tests/faultproxy.py) between the runner and a
real `skillkit serve`. Every fault must end as a case error that names its cause, or be retried
within bounds and pass: never a traceback, never a hang.

The client's per-request timeout and retry budget are made small here by patching the client's
defaults (`DEFAULT_REQUEST_TIMEOUT`, `DEFAULT_RETRY`), which is what the runner's AsyncClient uses
when no value is passed to it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_skill, run_cli
from faultproxy import (
    FaultProxy,
    close_mid_response,
    drop,
    respond,
    respond_json,
    stall,
    stall_body,
    truncate,
)
from servers import KEY, serving

import skillkit.client as client_module
from skillkit.client import AsyncClient, Client, RateLimited, RequestTimeout, RetryPolicy
from skillkit.runner import ERROR, PASSED, RunOptions, RunResult, run_tests

REQUEST_TIMEOUT = 0.4
RETRY = RetryPolicy(max_attempts=2, max_total=1.0, base_delay=0.01, max_delay=0.05, jitter=0)
CASE_TIMEOUT = 10.0  # far above what the client needs to give up: it must not be what ends a case
SCHEMA = '{"type": "object", "properties": {"total": {"type": "number"}}}'
UPLOAD = "/v1/files"
GENERATE = "/v1/document/generate"
POLL = "/v1/predictions/*"


@pytest.fixture(scope="module")
def upstream(tmp_path_factory) -> Iterator[str]:
    """`python -m skillkit serve` on a free loopback port; yields its root URL."""
    with serving(tmp_path_factory.mktemp("faults-server")) as root:
        yield root


@pytest.fixture
def proxy(upstream: str) -> Iterator[FaultProxy]:
    with FaultProxy(upstream) as fp:
        yield fp


@pytest.fixture(autouse=True)
def fast_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_module, "DEFAULT_REQUEST_TIMEOUT", REQUEST_TIMEOUT)
    monkeypatch.setattr(client_module, "DEFAULT_RETRY", RETRY)


def skill_with(tmp_path: Path, *docs: str) -> Path:
    """A skill with one `Total: N` case per name in `docs` (each its own document)."""
    files = {"schema.json": SCHEMA}
    for i, name in enumerate(docs or ("a",), start=1):
        # Unique text per test: the server's md5 de-duplication must not skip an upload.
        files[f"tests/{name}.txt"] = f"Total: {i}0\nRef: {tmp_path.name}\n"
        files[f"tests/{name}.expected.json"] = f'{{"total": {i}0}}'
    return make_skill(tmp_path, "demo", files=files)


def run(proxy: FaultProxy, skill: Path, **options: object) -> tuple[RunResult, float]:
    settings = {"base_url": proxy.base_url, "api_key": KEY, "timeout": CASE_TIMEOUT, "jobs": 2}
    started = time.monotonic()
    result = run_tests([skill], RunOptions(**{**settings, **options}))  # type: ignore[arg-type]
    return result, time.monotonic() - started


def only(result: RunResult) -> tuple[str, str]:
    assert len(result.results) == 1, result.results
    case = result.results[0]
    return case.status, case.message or ""


def faulted(proxy: FaultProxy, path: str) -> int:
    return sum(1 for e in proxy.requests("*", path) if e.action != "forward")


# --------------------------------------------------------------------------- stalls


def test_a_stalled_upload_is_retried_then_a_case_error_naming_the_request(proxy, tmp_path):
    proxy.add(stall("POST", UPLOAD, times=None))
    result, seconds = run(proxy, skill_with(tmp_path))
    status, message = only(result)
    assert status == ERROR
    assert re.fullmatch(
        r"POST /v1/files: no answer within 0\.4 s \(read timeout\) after 2 attempts", message
    ), message
    assert faulted(proxy, UPLOAD) == RETRY.max_attempts
    assert seconds < CASE_TIMEOUT  # the client gave up, not the per-case timeout
    assert result.exit_code == 3


@pytest.mark.parametrize(
    ("fault", "method", "route"),
    [
        (lambda: stall("POST", UPLOAD), "POST", UPLOAD),
        (lambda: truncate("GET", POLL), "GET", POLL),
        (lambda: respond_json("GET", POLL, {"detail": "busy"}, 503), "GET", POLL),
        (lambda: close_mid_response("GET", POLL), "GET", POLL),
    ],
    ids=["stall", "truncated", "503", "closed-mid-answer"],
)
def test_one_transient_fault_is_retried_and_the_case_passes(proxy, tmp_path, fault, method, route):
    proxy.add(fault())
    result, _ = run(proxy, skill_with(tmp_path))
    assert only(result)[0] == PASSED, only(result)
    first, *then = (e.action for e in proxy.requests(method, route))
    assert first != "forward" and then and set(then) == {"forward"}
    assert faulted(proxy, route) == 1


def test_an_answer_that_stalls_after_its_headers_names_the_poll(proxy, tmp_path):
    proxy.add(stall_body("GET", POLL, times=None))
    result, seconds = run(proxy, skill_with(tmp_path))
    status, message = only(result)
    assert status == ERROR
    assert re.fullmatch(
        r"GET /v1/predictions/[\w-]+: the 200 answer stalled mid-body: no data within 0\.4 s "
        r"\(read timeout\) after 2 attempts",
        message,
    ), message
    assert seconds < CASE_TIMEOUT


def test_the_per_case_timeout_bounds_polls_even_with_a_long_request_timeout(
    proxy, tmp_path, monkeypatch
):
    # Back to a request timeout far beyond the case's: the case's 1 s must still end a stalled
    # poll, with a message naming the poll (not a bare "timed out").
    monkeypatch.setattr(client_module, "DEFAULT_REQUEST_TIMEOUT", 30.0)
    monkeypatch.setattr(client_module, "DEFAULT_RETRY", RetryPolicy(max_total=30.0))
    proxy.add(stall("GET", POLL, times=None))
    result, seconds = run(proxy, skill_with(tmp_path), timeout=1.0)
    status, message = only(result)
    assert status == ERROR
    assert re.fullmatch(
        r"GET /v1/predictions/[\w-]+: no answer within [01](\.\d+)? s "
        r"\(read timeout; the deadline was reached\)",
        message,
    ), message
    assert seconds < 1.0 + 3  # the 1 s budget, plus start-up; not the 30 s request timeout


# --------------------------------------------------------------------------- wrong bodies


@pytest.mark.parametrize(
    ("method", "path", "status", "value", "expected"),
    [
        ("POST", UPLOAD, 201, None, "POST /v1/files: expected a JSON object with 'id', got null"),
        (
            "POST",
            UPLOAD,
            201,
            {"filename": "a.txt"},
            "POST /v1/files: expected a JSON object with 'id', got an object with keys 'filename'",
        ),
        (
            "POST",
            GENERATE,
            201,
            [],
            "POST /v1/document/generate: expected a JSON object with 'id' and 'status', "
            "got a list of 0 item(s)",
        ),
        (
            "POST",
            GENERATE,
            201,
            {"id": "p1", "status": 3},
            "POST /v1/document/generate: expected 'status' to be a string, got the number 3",
        ),
        (
            "GET",
            POLL,
            200,
            "done",
            "GET /v1/predictions/{id}: expected a JSON object with 'id' and 'status', "
            "got a string 'done'",
        ),
    ],
    ids=["upload-null", "upload-no-id", "generate-list", "generate-status-number", "poll-string"],
)
def test_json_of_the_wrong_shape_is_a_case_error_naming_the_route(
    proxy, tmp_path, method, path, status, value, expected
):
    proxy.add(respond_json(method, path, value, status, times=None))
    result, _ = run(proxy, skill_with(tmp_path))
    got_status, message = only(result)
    assert got_status == ERROR
    if "{id}" in expected:
        poll = proxy.requests("GET", POLL)[0].path
        expected = expected.replace("/v1/predictions/{id}", poll)
    assert message == expected
    assert faulted(proxy, path) == 1  # a wrong shape is not transient: not retried


@pytest.mark.parametrize("value", [None, [], {"detail": "none"}], ids=["null", "list", "no-id"])
def test_a_hash_lookup_without_a_file_means_upload(proxy, tmp_path, value):
    proxy.add(respond_json("GET", "/v1/files/hash/*", value, times=None))
    result, _ = run(proxy, skill_with(tmp_path))
    assert only(result)[0] == PASSED, only(result)
    assert [e.action for e in proxy.requests("POST", UPLOAD)] == ["forward"]


def test_a_non_json_answer_is_retried_then_a_case_error_naming_the_route(proxy, tmp_path):
    page = "<html><body><h1>Welcome to nginx!</h1></body></html>"
    proxy.add(respond("POST", UPLOAD, 201, page, {"Content-Type": "text/html"}, times=None))
    result, seconds = run(proxy, skill_with(tmp_path))
    status, message = only(result)
    assert status == ERROR
    assert message.startswith(
        f"POST /v1/files: the 201 answer is not JSON (text/html, {len(page)} bytes: "
    )
    assert "Welcome to nginx!" in message and message.endswith(" after 2 attempts")
    assert faulted(proxy, UPLOAD) == RETRY.max_attempts
    assert seconds < CASE_TIMEOUT


def test_a_truncated_answer_is_retried_then_a_case_error(proxy, tmp_path):
    proxy.add(truncate("GET", POLL, keep=20, times=None))
    result, _ = run(proxy, skill_with(tmp_path))
    status, message = only(result)
    assert status == ERROR
    assert re.fullmatch(
        r"GET /v1/predictions/[\w-]+: the 200 answer is not JSON \(application/json, 20 bytes: "
        r"'.{20}'\) after 2 attempts",
        message,
    ), message


def test_a_broken_answer_to_an_accepted_generate_is_not_sent_twice(proxy, tmp_path):
    """The service answered 201 (it made the prediction, which costs credits) but the body broke
    off: retrying would make a second prediction, so the case errors and says why."""
    proxy.add(truncate("POST", GENERATE))
    result, _ = run(proxy, skill_with(tmp_path))
    status, message = only(result)
    assert status == ERROR
    assert message.startswith("POST /v1/document/generate: the 201 answer is not JSON")
    assert "not repeated: the service accepted it" in message
    assert [e.action for e in proxy.requests("POST", GENERATE)] == ["truncate"]


# --------------------------------------------------------------------------- status codes


def test_retry_after_beyond_the_budget_waits_what_the_budget_allows_then_says_so(proxy, tmp_path):
    slow_down = {"Retry-After": "3600", "Content-Type": "application/json"}
    proxy.add(respond("POST", GENERATE, 429, '{"detail": "slow down"}', slow_down, times=None))
    result, seconds = run(proxy, skill_with(tmp_path, "a", "b"))
    assert [r.status for r in result.results] == [ERROR, ERROR]
    for case in result.results:
        assert case.message == (
            "POST /v1/document/generate: 429 rate limited after 2 attempts; slow down; "
            "Retry-After 3600 s exceeds the 1 s retry budget"
        )
        # It waited (most of the 1 s budget) instead of failing at once, and no longer.
        assert 0.8 <= case.seconds < CASE_TIMEOUT
    # Two tries per case: the first, and one after the capped wait.
    assert len(proxy.requests("POST", GENERATE)) == 4
    assert seconds < CASE_TIMEOUT


def test_retry_after_that_fits_is_honoured(proxy, tmp_path):
    wait = {"Retry-After": "1", "Content-Type": "application/json"}
    proxy.add(respond("POST", GENERATE, 429, '{"detail": "slow down"}', wait))
    result, _ = run(proxy, skill_with(tmp_path))
    assert only(result)[0] == PASSED, only(result)
    first, second = proxy.requests("POST", GENERATE)
    assert (first.action, second.action) == ("respond", "forward")
    assert second.at - first.at >= 0.95  # what the server asked, not the 0.01 s backoff


def test_5xx_on_every_attempt_is_a_case_error(proxy, tmp_path):
    proxy.add(respond_json("POST", GENERATE, {"detail": "bad gateway"}, 502, times=None))
    result, _ = run(proxy, skill_with(tmp_path))
    assert only(result) == (ERROR, "POST /v1/document/generate: 502 bad gateway after 2 attempts")
    assert faulted(proxy, GENERATE) == RETRY.max_attempts


# --------------------------------------------------------------------------- dropped connections


def test_a_connection_closed_mid_response_every_time_is_a_case_error(proxy, tmp_path):
    proxy.add(close_mid_response("POST", UPLOAD, times=None))
    result, _ = run(proxy, skill_with(tmp_path))
    status, message = only(result)
    assert status == ERROR
    assert message.startswith(
        "POST /v1/files: the connection closed in the middle of the 201 answer (RemoteProtocolError"
    ), message
    assert message.endswith(" after 2 attempts")


def test_a_connection_closed_before_any_answer_is_a_case_error(proxy, tmp_path):
    proxy.add(drop("POST", GENERATE, times=None))
    result, _ = run(proxy, skill_with(tmp_path))
    status, message = only(result)
    assert status == ERROR
    assert message.startswith("POST /v1/document/generate: the connection closed before an answer")
    assert message.endswith(" after 2 attempts")


# --------------------------------------------------------------------------- the command line


def test_cli_a_stalled_upload_is_one_case_error_not_a_traceback(proxy, tmp_path):
    proxy.add(stall("POST", UPLOAD, times=None))
    skill = skill_with(tmp_path)
    # run_cli raises if any exception other than SystemExit escapes the command.
    result = run_cli("test", skill, "--base-url", proxy.base_url, "--api-key", KEY)
    assert result.exit_code == 3, result.output
    assert "POST /v1/files: no answer within 0.4 s (read timeout) after" in result.stdout
    assert "Traceback" not in result.output


def test_cli_a_null_upload_answer_is_one_case_error_not_a_traceback(proxy, tmp_path):
    proxy.add(respond_json("POST", UPLOAD, None, 201, times=None))
    result = run_cli("test", skill_with(tmp_path), "--base-url", proxy.base_url, "--api-key", KEY)
    assert result.exit_code == 3, result.output
    assert "POST /v1/files: expected a JSON object with 'id', got null" in result.stdout
    assert "Traceback" not in result.output


def test_cli_a_stalled_health_check_is_one_line(proxy, tmp_path):
    proxy.add(stall("GET", "/v1/health", times=None))
    result = run_cli("test", skill_with(tmp_path), "--base-url", proxy.base_url, "--api-key", KEY)
    assert result.exit_code == 3, result.output
    assert re.fullmatch(
        r"error: GET /v1/health: no answer within 0\.4 s \(read timeout\) after 2 attempts\n",
        result.stderr,
    ), result.stderr
    assert not proxy.requests("POST", UPLOAD)  # nothing else was tried


# --------------------------------------------------------------------------- the runner's limits

# The runner passes its per-case deadline and RunOptions.request_timeout / .retry to the client
# once those options exist; until then these tests are skipped, saying why.
_WIRED = {"request_timeout", "retry"} <= {f.name for f in dataclasses.fields(RunOptions)}
needs_wiring = pytest.mark.skipif(
    not _WIRED, reason="the runner does not pass its deadline, request_timeout, retry yet"
)


@pytest.fixture
def slow_client(monkeypatch: pytest.MonkeyPatch) -> None:
    """The client's own defaults again: a 30 s request timeout and a 60 s retry budget."""
    monkeypatch.setattr(client_module, "DEFAULT_REQUEST_TIMEOUT", 30.0)
    monkeypatch.setattr(client_module, "DEFAULT_RETRY", RetryPolicy())


@needs_wiring
def test_a_stalled_upload_ends_at_the_per_case_timeout(proxy, tmp_path, slow_client):
    proxy.add(stall("POST", UPLOAD, times=None))
    result, seconds = run(proxy, skill_with(tmp_path), timeout=1.5)
    status, message = only(result)
    assert status == ERROR
    assert re.fullmatch(
        r"POST /v1/files: no answer within 1(\.\d+)? s \(read timeout; the deadline was reached\)",
        message,
    ), message
    assert seconds < 1.5 + 3  # not the 30 s request timeout, nor the runner's 5 s grace


@needs_wiring
def test_retry_after_past_the_per_case_timeout_gives_up_at_once(proxy, tmp_path, slow_client):
    later = {"Retry-After": "3600", "Content-Type": "application/json"}
    proxy.add(respond("POST", GENERATE, 429, '{"detail": "slow down"}', later, times=None))
    result, seconds = run(proxy, skill_with(tmp_path), timeout=5)
    status, message = only(result)
    assert status == ERROR
    assert re.fullmatch(
        r"POST /v1/document/generate: 429 rate limited; slow down; "
        r"Retry-After 3600 s exceeds the [1-5](\.\d+)? s left before the deadline",
        message,
    ), message
    assert seconds < 5  # no point waiting for a retry the case has no time for


@needs_wiring
def test_run_options_set_the_request_timeout_and_the_retry_policy(proxy, tmp_path, slow_client):
    proxy.add(stall("POST", UPLOAD, times=None))
    policy = RetryPolicy(max_attempts=2, max_total=1.0, base_delay=0.01, jitter=0)
    options = {"request_timeout": 0.3, "retry": policy}
    result, _ = run(proxy, skill_with(tmp_path), **options)
    assert only(result) == (
        ERROR,
        "POST /v1/files: no answer within 0.3 s (read timeout) after 2 attempts",
    )


# --------------------------------------------------------------------------- the client alone


def test_a_deadline_ends_a_stalled_upload_whatever_the_request_timeout(proxy, tmp_path):
    proxy.add(stall("POST", UPLOAD, times=None))
    doc = tmp_path / "a.txt"
    doc.write_text(f"Total: 1\nRef: {tmp_path.name}\n")

    async def go() -> None:
        async with AsyncClient(proxy.base_url, KEY, request_timeout=30.0) as client:
            await client.upload_file(doc, deadline=time.monotonic() + 1.0)

    started = time.monotonic()
    with pytest.raises(RequestTimeout) as caught:
        asyncio.run(go())
    assert time.monotonic() - started < 5  # the 1 s deadline, not the 30 s request timeout
    assert re.fullmatch(
        r"POST /v1/files: no answer within (0\.\d+|1) s \(read timeout; the deadline was reached\)",
        str(caught.value),
    ), caught.value


def test_retry_after_past_the_deadline_gives_up_at_once(proxy, tmp_path):
    later = {"Retry-After": "3600", "Content-Type": "application/json"}
    proxy.add(respond("GET", "/v1/predictions/p1", 429, "{}", later, times=None))
    with Client(proxy.base_url, KEY, retry=RetryPolicy(max_total=60)) as client:
        started = time.monotonic()
        with pytest.raises(RateLimited) as caught:
            client.get_prediction("p1", deadline=time.monotonic() + 5)
    assert time.monotonic() - started < 2  # no point waiting: the deadline comes first
    assert re.fullmatch(
        r"GET /v1/predictions/p1: 429 rate limited; "
        r"Retry-After 3600 s exceeds the [45](\.\d+)? s left before the deadline",
        str(caught.value),
    ), caught.value
