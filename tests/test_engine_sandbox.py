"""Extraction in worker processes (skillkit.engine.pool): a runaway job is killed at the time
limit and its process replaced, a job's memory is capped, and the server keeps answering
(`/v1/health` included) while a job runs away. The server here is the real app under uvicorn
on a loopback port, in a thread of the test process, with its limits set through
ServerSettings.

Hostile documents are made at test time. The "runaway" is a text document at the character
limit (1,000,000 characters: seconds of work for the engine) against a time limit far
below what it needs.
"""

from __future__ import annotations

import asyncio
import io
import socket
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from skillkit.engine.pool import EnginePool, PoolClosed
from skillkit.limits import DEFAULT_LIMITS, LimitExceeded, Limits
from skillkit.server import ServerSettings, create_app

SCHEMA = {
    "type": "object",
    "properties": {"total": {"type": ["number", "null"]}, "vendor": {"type": ["string", "null"]}},
}
KEY = "sandbox-key"
RECEIPT = "HARBOR HARDWARE\nDate: 2026-02-21\nSUBTOTAL 155.43\nTOTAL $172.14\n\n"


@pytest.fixture(scope="module")
def runaway(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,000,000 characters of receipts: within every document limit, seconds to extract."""
    path = tmp_path_factory.mktemp("runaway") / "runaway.txt"
    text = RECEIPT * (DEFAULT_LIMITS.text_chars // len(RECEIPT))
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.txt"
    path.write_text(RECEIPT, encoding="utf-8")
    return path


def bomb_docx(path: Path, xml_bytes: int) -> Path:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, src.read(info))
        with out.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"<w:p/>" * 170_000  # ~1 MB
            for _ in range(xml_bytes // len(chunk)):
                f.write(chunk)
    return path


# --------------------------------------------------------------------------- the pool itself


def test_runaway_job_is_killed_at_the_time_limit_and_replaced(runaway: Path, small: Path):
    pool = EnginePool(1)
    try:
        first = pool.extract(small, SCHEMA)
        assert first.data["total"] == 172.14
        [before] = pool.processes
        started = time.monotonic()
        with pytest.raises(LimitExceeded) as caught:
            pool.extract(runaway, SCHEMA, limits=Limits(seconds=0.3))
        assert time.monotonic() - started < 30  # generous: stopped, not run to the end
        assert caught.value.limit == "seconds"
        assert str(caught.value) == (
            f"{runaway}: time limit exceeded (0.3 s): the extraction was stopped (limits.seconds)"
        )
        # a fresh process serves the next job
        assert pool.extract(small, SCHEMA).data == first.data
        assert pool.processes and before not in pool.processes
    finally:
        pool.close()
    assert pool.processes == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux")
def test_job_over_the_memory_limit_fails_and_is_replaced(runaway: Path, small: Path):
    limits = Limits(memory_mb=20)
    pool = EnginePool(1, memory_mb=20)
    try:
        with pytest.raises(LimitExceeded) as caught:
            pool.extract(runaway, SCHEMA, limits=limits)
        assert caught.value.limit == "memory_mb"
        assert "memory limit exceeded (20 MB)" in str(caught.value)
        assert pool.extract(small, SCHEMA, limits=limits).data["total"] == 172.14
    finally:
        pool.close()


def test_document_errors_come_back_with_their_message(tmp_path: Path):
    pool = EnginePool(1)
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a zip")
    try:
        with pytest.raises(Exception) as caught:
            pool.extract(bad, SCHEMA)
        assert type(caught.value).__name__ == "EngineError"
        assert str(caught.value).startswith(f"{bad}: cannot read DOCX")
        with pytest.raises(LimitExceeded, match=r"limits\.member_mb"):
            pool.extract(bomb_docx(tmp_path / "bomb.docx", 80 * 1024 * 1024), SCHEMA)
    finally:
        pool.close()


def test_cancel_kills_the_running_job(runaway: Path):
    pool = EnginePool(1)
    cancel = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            pool.extract(runaway, SCHEMA, cancel=cancel)
        except BaseException as exc:
            failure.append(exc)

    try:
        pool.start()
        thread = threading.Thread(target=run)
        thread.start()
        deadline = time.monotonic() + 60
        while not (pool._workers and not pool._idle):  # the worker has taken the job
            assert time.monotonic() < deadline and thread.is_alive()
            time.sleep(0.02)  # polling interval of a bounded wait
        [busy] = pool.processes
        cancel.set()
        thread.join(timeout=60)
        assert not thread.is_alive() and isinstance(failure[0], PoolClosed)
        assert busy not in pool.processes
    finally:
        pool.close()


def test_shared_pool_is_one_per_memory_limit_and_grows():
    a = EnginePool.shared(1, 123)
    try:
        assert EnginePool.shared(3, 123) is a and a.size == 3
        assert EnginePool.shared(1, 124) is not a
    finally:
        a.close()
        EnginePool.shared(1, 124).close()


# --------------------------------------------------------------------------- through the server


@contextmanager
def serve(settings: ServerSettings) -> Iterator[httpx.Client]:
    """The app under uvicorn on a free loopback port, in a thread; an authenticated client."""
    import uvicorn

    app = create_app(settings)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)  # polling interval of a bounded readiness check
    headers = {"Authorization": f"Bearer {KEY}"}
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}/v1", headers=headers, timeout=30
        ) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def generate(client: httpx.Client, document: Path, schema: dict = SCHEMA) -> str:
    with document.open("rb") as f:
        file_id = client.post("/files", files={"file": (document.name, f)}).json()["id"]
    r = client.post(
        "/document/generate",
        json={"file_id": file_id, "batch": True, "config": {"json_schema": schema}},
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


def status(client: httpx.Client, prediction_id: str) -> dict:
    return client.get(f"/predictions/{prediction_id}").json()


def wait_final(client: httpx.Client, prediction_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = status(client, prediction_id)
        if body["status"] in ("completed", "failed"):
            return body
        time.sleep(0.05)  # polling interval of a bounded wait
    raise AssertionError(f"prediction {prediction_id} did not finish")


def test_health_answers_while_a_runaway_job_runs(tmp_path: Path, runaway: Path, small: Path):
    settings = ServerSettings(data_dir=tmp_path / "d", api_key=KEY, limits=Limits(seconds=2))
    with serve(settings) as client:
        job = generate(client, runaway)
        deadline = time.monotonic() + 60
        while status(client, job)["status"] != "running":
            assert time.monotonic() < deadline
            time.sleep(0.02)  # polling interval of a bounded wait
        answered = 0
        while status(client, job)["status"] == "running" and answered < 20:
            started = time.monotonic()
            r = client.get("/health", timeout=5)
            assert r.status_code == 200
            assert time.monotonic() - started < 2.5  # generous: answered while the job runs
            answered += 1
        assert answered >= 3, "the runaway job finished before health was probed"
        # another request is served meanwhile (a second worker process is started)
        other = wait_final(client, generate(client, small))
        assert other["status"] == "completed" and other["response"]["total"] == 172.14
        body = wait_final(client, job)
    assert body["status"] == "failed"
    assert body["response"]["error"] == (
        "runaway.txt: time limit exceeded (2 s): the extraction was stopped (limits.seconds)"
    )
    assert body["usage"]["message"] == body["response"]["error"]


def test_hostile_documents_fail_with_their_limit_while_health_answers(tmp_path: Path, small: Path):
    bomb = bomb_docx(tmp_path / "bomb.docx", 200 * 1024 * 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    big = tmp_path / "big.txt"
    big.write_text(RECEIPT * (20 * 1024 * 1024 // len(RECEIPT)), encoding="utf-8")  # 20 MB
    with serve(ServerSettings(data_dir=tmp_path / "d", api_key=KEY)) as client:
        jobs = [generate(client, bomb), generate(client, big)]
        assert client.get("/health").status_code == 200
        bodies = [wait_final(client, job) for job in jobs]
        assert [b["status"] for b in bodies] == ["failed", "failed"]
        error = bodies[0]["response"]["error"]
        assert error.startswith("bomb.docx: DOCX member word/document.xml expands to 199 MB")
        assert "over the limit of 64 MB per member (limits.member_mb)" in error
        assert bodies[1]["response"]["error"] == (
            "big.txt: too much text: over the limit of 1,000,000 characters (limits.text_chars)"
        )
        assert wait_final(client, generate(client, small))["status"] == "completed"


def test_closing_the_server_leaves_a_running_job_to_resume(tmp_path: Path, runaway: Path):
    app = create_app(ServerSettings(data_dir=tmp_path / "d", api_key=KEY))
    runtime = app.state.runtime

    async def submit() -> str:
        transport = httpx.ASGITransport(app=app)
        headers = {"Authorization": f"Bearer {KEY}"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://local/v1", headers=headers
        ) as c:
            up = await c.post("/files", files={"file": ("r.txt", runaway.read_bytes())})
            r = await c.post(
                "/document/generate",
                json={"file_id": up.json()["id"], "config": {"json_schema": SCHEMA}},
            )
            return r.json()["id"]

    job = asyncio.run(submit())
    deadline = time.monotonic() + 60
    while runtime.store.get_prediction(job).status != "running":
        assert time.monotonic() < deadline
        time.sleep(0.02)  # polling interval of a bounded wait
    busy = set(runtime.pool.processes)
    runtime.close()  # cancels the job: its worker process is killed, the record stays running
    assert all(not t.is_alive() for t in runtime._threads)
    assert runtime.pool is not None and not busy <= set(runtime.pool.processes)
    from skillkit.server.store import Store

    store = Store(tmp_path / "d")
    try:
        assert store.get_prediction(job).status == "running"  # resumed on the next start
    finally:
        store.close()


def test_in_process_engine_still_works_when_isolation_is_off(tmp_path: Path, small: Path):
    settings = ServerSettings(data_dir=tmp_path / "d", api_key=KEY, isolate_engine=False)
    with serve(settings) as client:
        body = wait_final(client, generate(client, small))
    assert body["status"] == "completed" and body["response"]["total"] == 172.14
