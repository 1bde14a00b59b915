"""The HTTP client: against the real local server over loopback, in-process, and against a
mock of the hosted API (a tiny stdlib HTTP server) for the failure modes the local server
never produces on purpose (503 bursts, 429 with Retry-After)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from skillkit.client import (
    AsyncClient,
    AuthError,
    BadResponse,
    Client,
    ConnectionFailed,
    NotFound,
    PollPolicy,
    Prediction,
    PredictionFailed,
    RateLimited,
    RetryPolicy,
    ServiceUnavailable,
    ValidationFailed,
    _Sleep,
    normalise_base_url,
    resolve_target,
)

KEY = "test-key-123"
FAST = RetryPolicy(max_attempts=4, max_total=10, base_delay=0.01, max_delay=0.05)


# --------------------------------------------------------------------------- the real server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_serve(data: Path, port: int) -> tuple[subprocess.Popen, str]:
    """Start `python -m skillkit serve`; wait (bounded) for /v1/health; return (proc, reason).

    `reason` is "" when ready, "port" when the port was taken before the server bound it.
    The process is left running only when ready.
    """
    log_path = data / f"server-{port}.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SKILLKIT_")}
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "skillkit",
                "serve",
                "--port",
                str(port),
                "--api-key",
                KEY,
                "--data-dir",
                str(data / "store"),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**env, "NO_COLOR": "1"},
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                printed = log_path.read_text(errors="replace")
                if "already in use" in printed:
                    return proc, "port"
                pytest.fail(f"server exited: {printed}")
            try:
                headers = {"Authorization": f"Bearer {KEY}"}
                if httpx.get(f"http://127.0.0.1:{port}/v1/health", headers=headers).is_success:
                    return proc, ""
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("server did not answer /v1/health within 30 s")
            time.sleep(0.05)  # polling interval of a bounded readiness check
    except BaseException:
        _stop(proc)
        raise


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def serving(data: Path) -> Iterator[str]:
    """`python -m skillkit serve` on a free loopback port; yields its root URL.

    A free port is picked first; if another process takes it in between, try again with
    another."""
    for _ in range(3):
        port = free_port()
        proc, reason = _start_serve(data, port)
        if not reason:
            break
    else:
        pytest.fail("no free port for the server after 3 attempts")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The real server for this module; yields its base URL (`.../v1`)."""
    with serving(tmp_path_factory.mktemp("server-data")) as root:
        yield f"{root}/v1"


def test_upload_is_deduplicated_by_md5(server, tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text(f"Invoice Number: INV-{time.time_ns()}\n")
    with Client(server, KEY) as client:
        first = client.upload_file(doc)
        again = client.upload_file(doc)
    assert not first.reused and again.reused
    assert again.id == first.id


def test_failed_prediction_raises_at_once_with_the_reason(server, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a PDF at all")
    with Client(server, KEY) as client:
        info = client.upload_file(bad)
        pending = client.generate(info.id, {"json_schema": {"type": "object"}}, batch=True)
        started = time.monotonic()
        with pytest.raises(PredictionFailed) as caught:
            client.wait(pending.id, timeout=60)
    # Reported as soon as it fails, not after the 60 s timeout (generous: the machine is shared).
    assert time.monotonic() - started < 30
    assert caught.value.reason and caught.value.reason != "the service gave no reason"
    assert caught.value.prediction is not None and caught.value.prediction.status == "failed"


def test_typed_errors_from_the_real_server(server, tmp_path):
    with Client(server, "wrong-key", retry=FAST) as client:
        with pytest.raises(AuthError, match="401"):
            client.health()
    with Client(server, KEY, retry=FAST) as client:
        with pytest.raises(NotFound):
            client.get_prediction("no-such-prediction")
        doc = tmp_path / "a.txt"
        doc.write_text("x")
        info = client.upload_file(doc)
        with pytest.raises(ValidationFailed) as caught:
            client.generate(info.id, {"detail": "ultra"})
    assert caught.value.detail  # the server's HTTPValidationError detail list


def test_async_client_against_the_real_server(server, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Total: 12.50\n")
    schema = {"type": "object", "properties": {"total": {"type": "number"}}}

    async def go() -> Prediction:
        async with AsyncClient(server, KEY) as client:
            assert (await client.health()) is not None
            return await client.predict(doc, config={"json_schema": schema}, timeout=30)

    prediction = asyncio.run(go())
    assert prediction.status == "completed"
    assert isinstance(prediction.response, dict)


def test_in_process_client_needs_no_socket(tmp_path, monkeypatch):
    doc = tmp_path / "a.txt"
    doc.write_text("Total: 12.50\n")
    schema = {"type": "object", "properties": {"total": {"type": "number"}}}

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the in-process client opened a network connection")

    # Any outgoing connection (sync or asyncio) fails the test.
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    with Client.local() as client:
        assert client.local and "in-process" in client.target
        first = client.upload_file(doc)
        assert client.upload_file(doc).id == first.id
        prediction = client.predict(doc, config={"json_schema": schema}, timeout=30)
    assert prediction.status == "completed"


# --------------------------------------------------------------------------- a mock hosted API


class MockHostedAPI:
    """A mock of the hosted VLM Run API on loopback: answers scripted responses per path."""

    def __init__(self) -> None:
        self.script: dict[str, list[tuple[int, dict[str, str], object]]] = {
            "GET /v1/health": [(200, {}, {"status": "ok"})]
        }
        self.calls: list[tuple[str, str, float]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                outer.calls.append((self.command, self.path, time.monotonic()))
                default = [(404, {}, {"detail": "not scripted"})]
                queue = outer.script.get(f"{self.command} {self.path.split('?')[0]}", default)
                status, headers, body = queue.pop(0) if len(queue) > 1 else queue[0]
                payload = json.dumps(body).encode()
                self.send_response(status)
                for k, v in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _answer

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def hosted() -> Iterator[MockHostedAPI]:
    api = MockHostedAPI()
    yield api
    api.close()


DONE = {"id": "p1", "status": "completed", "response": {"ok": True}}


def test_503_twice_then_success_is_retried(hosted):
    hosted.script["GET /v1/predictions/p1"] = [
        (503, {}, {"detail": "busy"}),
        (503, {}, {"detail": "busy"}),
        (200, {}, DONE),
    ]
    with Client(hosted.base_url, "k", retry=FAST) as client:
        prediction = client.get_prediction("p1")
    assert prediction.response == {"ok": True}
    assert len(hosted.calls) == 3


def test_429_retry_after_is_honoured(hosted):
    hosted.script["GET /v1/predictions/p1"] = [
        (429, {"Retry-After": "1"}, {"detail": "slow down"}),
        (200, {}, DONE),
    ]

    async def go() -> Prediction:
        async with AsyncClient(hosted.base_url, "k", retry=FAST) as client:
            return await client.get_prediction("p1")

    assert asyncio.run(go()).status == "completed"
    (_, _, t1), (_, _, t2) = hosted.calls
    assert t2 - t1 >= 0.95  # waited what the server asked, not the 0.01 s backoff


def test_retry_after_past_the_budget_is_cut_to_the_budget_and_said(hosted):
    hosted.script["GET /v1/predictions/p1"] = [
        (429, {"Retry-After": "3600"}, {"detail": "slow down"})
    ]
    policy = RetryPolicy(max_attempts=5, max_total=0.5, base_delay=0.01, max_delay=0.05)
    with Client(hosted.base_url, "k", retry=policy) as client:
        with pytest.raises(RateLimited) as caught:
            client.get_prediction("p1")
    assert str(caught.value) == (
        "GET /v1/predictions/p1: 429 rate limited after 2 attempts; slow down; "
        "Retry-After 3600 s exceeds the 0.5 s retry budget"
    )
    (_, _, t1), (_, _, t2) = hosted.calls  # asked again once, after the whole budget
    assert 0.4 <= t2 - t1 < 5


def test_json_of_the_wrong_shape_is_a_bad_response_not_a_type_error(hosted):
    hosted.script["GET /v1/predictions/p1"] = [(200, {}, None)]
    hosted.script["GET /v1/predictions/p2"] = [(200, {}, ["p2", "completed"])]
    with Client(hosted.base_url, "k", retry=FAST) as client:
        with pytest.raises(BadResponse, match=r"^GET /v1/predictions/p1: .* got null$"):
            client.get_prediction("p1")
        with pytest.raises(BadResponse, match=r"'id' and 'status', got a list of 2 item\(s\)$"):
            client.get_prediction("p2")
    assert len(hosted.calls) == 2  # not transient: not retried


def test_retries_are_bounded(hosted):
    hosted.script["GET /v1/predictions/p1"] = [(502, {}, {"detail": "bad gateway"})]
    with Client(hosted.base_url, "k", retry=FAST) as client:
        with pytest.raises(ServiceUnavailable, match="502.*after 4 attempts"):
            client.get_prediction("p1")
    assert len(hosted.calls) == FAST.max_attempts
    hosted.calls.clear()
    hosted.script["GET /v1/predictions/p2"] = [(400, {}, {"detail": "bad"})]
    with Client(hosted.base_url, "k", retry=FAST) as client:
        with pytest.raises(Exception, match="400 bad"):
            client.get_prediction("p2")
    assert len(hosted.calls) == 1  # other 4xx are not retried


def test_connection_refused_is_retried_then_reported():
    port = free_port()  # nothing listens there any more
    with Client(f"http://127.0.0.1:{port}", "k", retry=FAST) as client:
        with pytest.raises(ConnectionFailed, match="after 4 attempt"):
            client.health()


def test_hash_lookup_miss_then_upload(hosted, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("hello")
    import hashlib

    md5 = hashlib.md5(b"hello").hexdigest()
    hosted.script[f"GET /v1/files/hash/{md5}"] = [(404, {}, {"detail": "no"})]
    hosted.script["POST /v1/files"] = [(201, {}, {"id": "file_1", "filename": "a.txt"})]
    with Client(hosted.base_url, "k", retry=FAST) as client:
        info = client.upload_file(doc)
    assert info.id == "file_1" and not info.reused
    assert [c[:2] for c in hosted.calls] == [
        ("GET", f"/v1/files/hash/{md5}"),
        ("POST", "/v1/files?purpose=assistants"),
    ]


# --------------------------------------------------------------------------- pure logic


def test_polling_backoff_starts_short_and_is_capped():
    client = Client("http://127.0.0.1:9/v1", "k", poll=PollPolicy())
    pending = Prediction(id="p", status="pending")
    op = client._op_wait("p", timeout=1000, first=pending)
    sleeps = []
    step = next(op)
    for _ in range(15):
        assert isinstance(step, _Sleep)
        sleeps.append(step.seconds)
        request = op.send(None)
        assert isinstance(request, httpx.Request) and request.url.path == "/v1/predictions/p"
        response = httpx.Response(200, json={"id": "p", "status": "running"}, request=request)
        step = op.send(response)
    client.close()
    assert sleeps[0] <= 0.2
    assert sleeps == sorted(sleeps) and max(sleeps) <= 2.0 and sleeps[-1] == 2.0


def test_retry_delays_grow_with_bounded_jitter():
    policy = RetryPolicy(base_delay=0.5, max_delay=4, jitter=0.25)
    for attempt, base in ((1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (6, 4.0)):
        delay = policy.delay(attempt)
        assert base <= delay <= base * 1.25
    assert policy.delay(1, retry_after=7) == 7


def test_target_from_flags_then_environment(monkeypatch):
    monkeypatch.setenv("VLMRUN_BASE_URL", "http://env:1/v1")
    monkeypatch.setenv("VLMRUN_API_KEY", "env-key")
    assert resolve_target(None, None) == ("http://env:1/v1", "env-key")
    assert resolve_target("http://flag:2", "flag-key") == ("http://flag:2", "flag-key")
    monkeypatch.delenv("VLMRUN_BASE_URL")
    monkeypatch.delenv("VLMRUN_API_KEY")
    assert resolve_target(None, None) == (None, None)
    assert normalise_base_url("http://127.0.0.1:8000") == "http://127.0.0.1:8000/v1"
    assert normalise_base_url("http://127.0.0.1:8000/v1/") == "http://127.0.0.1:8000/v1"
    client = Client("http://h:1/v1", "secret")
    assert client._build("GET", "health").headers["authorization"] == "Bearer secret"
    client.close()
