"""The HTTP client: against the real local server over loopback, in-process, and against a
mock of the hosted API (a tiny stdlib HTTP server) for the failure modes the local server
never produces on purpose (503 bursts, 429 with Retry-After)."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from servers import FAST, KEY, free_port

from skillkit.client import (
    LOCAL_TARGET,
    REPLAY_TARGET,
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
    RequestRejected,
    RetryPolicy,
    ServiceUnavailable,
    _Sleep,
    describe_target,
    normalise_base_url,
    resolve_target,
)
from skillkit.runner import RunOptions
from skillkit.server.inprocess import local_async_client, local_client

# --------------------------------------------------------------------------- the real server


def test_upload_is_deduplicated_by_md5(server_url, tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text(f"Invoice Number: INV-{time.time_ns()}\n")
    with Client(server_url, KEY) as client:
        first = client.upload_file(doc)
        again = client.upload_file(doc)
    assert not first.reused and again.reused
    assert again.id == first.id


def test_failed_prediction_raises_at_once_with_the_reason(server_url, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"this is not a PDF at all")
    with Client(server_url, KEY) as client:
        info = client.upload_file(bad)
        pending = client.generate(info.id, {"json_schema": {"type": "object"}}, batch=True)
        started = time.monotonic()
        with pytest.raises(PredictionFailed) as caught:
            client.wait(pending.id, timeout=60)
    # Reported as soon as it fails, not after the 60 s timeout (generous: the machine is shared).
    assert time.monotonic() - started < 30
    assert caught.value.reason and caught.value.reason != "the service gave no reason"
    assert caught.value.prediction is not None and caught.value.prediction.status == "failed"


def test_typed_errors_from_the_real_server(server_url, tmp_path):
    with Client(server_url, "wrong-key", retry=FAST) as client:
        with pytest.raises(AuthError, match="401"):
            client.health()
    with Client(server_url, KEY, retry=FAST) as client:
        with pytest.raises(NotFound):
            client.get_prediction("no-such-prediction")
        doc = tmp_path / "a.txt"
        doc.write_text("x")
        info = client.upload_file(doc)
        with pytest.raises(RequestRejected) as caught:
            client.generate(info.id, {"detail": "ultra"})
    assert caught.value.detail  # the server's HTTPValidationError detail list


def test_async_client_against_the_real_server(server_url, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Total: 12.50\n")
    schema = {"type": "object", "properties": {"total": {"type": "number"}}}

    async def go() -> Prediction:
        async with AsyncClient(server_url, KEY) as client:
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
    with local_client() as client:
        assert client.local and "in-process" in client.target
        first = client.upload_file(doc)
        assert client.upload_file(doc).id == first.id
        prediction = client.predict(doc, config={"json_schema": schema}, timeout=30)
    assert prediction.status == "completed"


def test_async_in_process_client_runs_the_lifespan_and_cleans_up(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Total: 12.50\n")
    schema = {"type": "object", "properties": {"total": {"type": "number"}}}

    async def go() -> tuple[Prediction, Path]:
        client = local_async_client()
        data_dir = client._transport.app._tmp.name  # the temporary store
        async with client:
            assert client.local and client.target == LOCAL_TARGET
            prediction = await client.predict(doc, config={"json_schema": schema}, timeout=30)
        return prediction, Path(data_dir)

    prediction, data_dir = asyncio.run(go())
    assert prediction.status == "completed" and prediction.response == {"total": 12.5}
    assert not data_dir.exists()  # removed on close


# A core install (no `local` extra): the client must not need, nor import, the server.
CORE_CLIENT = """
import sys
import skillkit.client, skillkit.runner
loaded = sorted(m for m in sys.modules if m.startswith(("skillkit.server", "fastapi")))
assert not loaded, loaded
sys.modules["skillkit.server"] = None  # as if the server could not be imported at all
sys.modules["fastapi"] = None

import httpx
from skillkit.client import Client

def answer(request):
    path = request.url.path
    if path.startswith("/v1/files/hash/"):
        return httpx.Response(404, json={"detail": "not found"})
    if path == "/v1/files":
        return httpx.Response(200, json={"id": "file-1", "filename": "a.txt"})
    if path == "/v1/document/generate":
        body = {"id": "pred-1", "status": "completed", "response": {"total": 12.5}}
        return httpx.Response(200, json=body)
    return httpx.Response(200, json={"status": "ok"})

with Client("http://api.test/v1", "k", transport=httpx.MockTransport(answer)) as client:
    assert client.target == "http://api.test/v1" and not client.local
    print(client.predict(sys.argv[1], timeout=10).response)
"""


def test_the_core_client_never_imports_the_server(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Total: 12.50\n")
    proc = subprocess.run(
        [sys.executable, "-c", CORE_CLIENT, str(doc)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "{'total': 12.5}"


def test_one_description_of_the_target():
    assert describe_target("http://host:8000") == "http://host:8000/v1"
    assert describe_target(None) == "https://api.vlm.run/v1"
    assert describe_target("http://host:8000", local=True) == LOCAL_TARGET
    assert describe_target(None, replay=True) == REPLAY_TARGET
    assert RunOptions(replay=True).target == REPLAY_TARGET
    assert RunOptions(local=True).target == LOCAL_TARGET
    remote = RunOptions(base_url="http://127.0.0.1:9/", api_key="k")
    assert remote.target == "http://127.0.0.1:9/v1"
    assert Client("http://127.0.0.1:9", "k", use_env=False).target == remote.target


# --------------------------------------------------------------------------- a mock hosted API


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
    for _ in range(60):
        assert isinstance(step, _Sleep)
        sleeps.append(step.seconds)
        request = op.send(None)
        assert isinstance(request, httpx.Request) and request.url.path == "/v1/predictions/p"
        response = httpx.Response(200, json={"id": "p", "status": "running"}, request=request)
        step = op.send(response)
    client.close()
    # by hand: 0.05 s until 0.5 s were waited (10 polls), then a tenth of the time waited
    # (0.05, 0.055, 0.0605, ...: x1.1 a poll), capped at 2 s once 20 s were waited
    assert sleeps[:11] == [0.05] * 11
    assert sleeps[11] == pytest.approx(0.055) and sleeps[12] == pytest.approx(0.0605)
    assert sleeps == sorted(sleeps) and max(sleeps) == 2.0 and sleeps[-1] == 2.0
    first_cap = sleeps.index(2.0)
    assert sum(sleeps[:first_cap]) >= 20.0 and sum(sleeps[: first_cap - 1]) < 20.0


def test_an_expected_duration_makes_the_first_poll_wait_that_long():
    client = Client("http://127.0.0.1:9/v1", "k", poll=PollPolicy())
    pending = Prediction(id="p", status="pending")
    sleeps = []
    for expect in (0.45, 100.0, None):
        op = client._op_wait("p", timeout=1000, first=pending, expect=expect)
        step = next(op)
        first = step.seconds
        request = op.send(None)
        step = op.send(httpx.Response(200, json={"id": "p", "status": "running"}, request=request))
        sleeps.append((first, step.seconds))
    client.close()
    # 0.45 s, then a tenth of the 0.45 s waited (the 0.05 s floor); 30 s at most; no hint: 0.05
    assert sleeps[0] == (0.45, 0.05)
    assert sleeps[1] == (30.0, 2.0)
    assert sleeps[2] == (0.05, 0.05)


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


def test_download_links_never_get_the_key_off_the_service_and_errors_hide_tokens():
    client = Client("http://127.0.0.1:8000/v1", "secret", use_env=False)
    elsewhere = client._build("GET", "https://storage.example/b.zip?X-Sig=abc", accept="*/*")
    assert "authorization" not in elsewhere.headers
    assert elsewhere.url.params["X-Sig"] == "abc"  # the presigned query is sent as it is
    own = client._build("GET", "http://127.0.0.1:8000/v1/skills/x/bundle?token=t")
    assert own.headers["authorization"] == "Bearer secret"
    rooted = client._build("GET", "/v1/skills/x/bundle?token=t")
    assert str(rooted.url) == "http://127.0.0.1:8000/v1/skills/x/bundle?token=t"
    assert client._where("GET", "https://storage.example/b.zip?X-Sig=abc") == (
        "GET https://storage.example/b.zip"
    )
    assert client._where("GET", "/v1/skills/x/bundle?token=t") == "GET /v1/skills/x/bundle"
    # An id is one path segment: it cannot reach another route.
    from skillkit.client import _segment

    assert client._build("GET", f"skills/{_segment('../files')}").url.raw_path == (
        b"/v1/skills/..%2Ffiles"
    )
    client.close()


def test_registry_answers_of_the_wrong_shape_are_bad_responses(hosted):
    hosted.script["GET /v1/skills"] = [(200, {}, {"not": "a list"})]
    hosted.script["POST /v1/skills/lookup"] = [(200, {}, {"id": "x"})]
    hosted.script["GET /v1/skills/x/download"] = [(200, {}, {"download_url": 7})]
    with Client(hosted.base_url, KEY, retry=FAST) as client:
        with pytest.raises(BadResponse, match="GET /v1/skills: expected a JSON list of skills"):
            client.list_skills()
        with pytest.raises(BadResponse, match="with 'id' and 'name', got an object"):
            client.lookup_skill("demo")
        with pytest.raises(BadResponse, match="expected 'download_url' to be a string"):
            client.skill_download("x")


def test_lookup_of_an_unknown_skill_is_not_found(hosted):
    hosted.script["POST /v1/skills/lookup"] = [(404, {}, {"detail": "skill 'demo' not found"})]
    with Client(hosted.base_url, KEY, retry=FAST) as client:
        with pytest.raises(NotFound, match="POST /v1/skills/lookup: 404 skill 'demo' not found"):
            client.lookup_skill("demo", "20260101-deadbeef")
    assert [c[:2] for c in hosted.calls] == [("POST", "/v1/skills/lookup")]  # not retried
