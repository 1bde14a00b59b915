"""Load and restart: 500 generate requests, 32 at a time, and a SIGKILL in the middle.

A real `skillkit serve` is killed (no shutdown of any kind) once half the requests have been
accepted, with a backlog still queued; a second server on the same data dir must finish every
accepted prediction, exactly once. The ids are the client's own, so a request whose answer was
lost in the kill is sent again after the restart: 201 (it never arrived) or 409 (it was stored)
both prove nothing is lost or doubled. Then the database is checked row by row.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from servers import KEY, start_server

TOTAL = 500
CONCURRENCY = 32
KILL_AFTER = TOTAL // 2  # accepted requests before the SIGKILL
DOCS = 10
SCHEMA = {
    "type": "object",
    "properties": {"total": {"type": "number"}, "invoice_number": {"type": "string"}},
}
AUTH = {"Authorization": f"Bearer {KEY}"}


def _doc(n: int) -> bytes:
    return f"Invoice number: INV-{n:04d}\nTotal: {100 + n}.50\n".encode()


async def _send(
    base_url: str,
    ids: list[str],
    files: dict[str, str],
    kill_after: int | None = None,
    kill: Callable[[], None] | None = None,
) -> dict[str, int | None]:
    """POST generate for every id, CONCURRENCY at a time; the answer's status per id (None:
    no answer). With `kill_after`, `kill()` runs the moment that many were accepted (201),
    with the other requests still in flight; ids not yet sent then are not sent."""
    results: dict[str, int | None] = {}
    accepted = 0
    killed = False
    gate = asyncio.Semaphore(CONCURRENCY)
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)

    async with httpx.AsyncClient(
        base_url=base_url, headers=AUTH, timeout=30, limits=limits
    ) as client:

        async def one(ident: str) -> None:
            nonlocal accepted, killed
            async with gate:
                if killed:
                    return
                body = {
                    "id": ident,
                    "file_id": files[ident],
                    "batch": True,
                    "config": {"json_schema": SCHEMA},
                }
                try:
                    r = await client.post("/document/generate", json=body)
                except httpx.TransportError:
                    results[ident] = None
                    return
                results[ident] = r.status_code
                if r.status_code == 201:
                    assert r.json()["status"] == "pending", r.text
                    accepted += 1
                    if kill is not None and not killed and accepted >= (kill_after or 0):
                        killed = True
                        kill()

        await asyncio.gather(*(one(i) for i in ids))
    return results


def _rows(db: Path) -> list[sqlite3.Row]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(
            "SELECT id, status, completed_at, response_json FROM predictions"
        ).fetchall()
    finally:
        con.close()


def test_500_requests_a_kill_mid_way_and_a_restart_lose_and_double_nothing(tmp_path: Path):
    data, log = tmp_path / "data", tmp_path / "server.log"
    db = data / "skillkit-server.db"
    ids = [f"load-{n:03d}" for n in range(TOTAL)]
    started = time.monotonic()

    # Each prediction waits 0.05 s (test hook) so a backlog is queued when the kill comes.
    first = start_server(data, log, "--workers", "2", env={"SKILLKIT_SERVER_TEST_DELAY": "0.05"})
    try:
        with first.http() as c:
            file_ids = []
            for n in range(DOCS):
                r = c.post("/files", files={"file": (f"inv-{n}.txt", _doc(n))})
                assert r.status_code == 201, r.text
                file_ids.append(r.json()["id"])
        files = {ident: file_ids[k % DOCS] for k, ident in enumerate(ids)}
        doc_of = {ident: k % DOCS for k, ident in enumerate(ids)}

        def kill() -> None:  # SIGKILL with requests in flight: no shutdown of any kind
            first.proc.kill()
            first.proc.wait()

        before = asyncio.run(_send(first.base_url, ids, files, KILL_AFTER, kill))
    finally:
        if first.proc.poll() is None:
            first.proc.kill()
            first.proc.wait()

    accepted_before = {i for i, status in before.items() if status == 201}
    assert len(accepted_before) >= KILL_AFTER
    odd = {i: status for i, status in before.items() if status not in (201, None)}
    assert not odd, odd
    snapshot = {row["id"]: row for row in _rows(db)}
    completed_before = {
        i: r["completed_at"] for i, r in snapshot.items() if r["status"] == "completed"
    }
    unfinished_at_kill = [i for i, r in snapshot.items() if r["status"] != "completed"]
    assert accepted_before <= set(snapshot)  # every 201 was stored before it was answered
    assert unfinished_at_kill, "the kill came after everything finished: nothing was resumed"

    second = start_server(data, log)  # no delay: finish the backlog at full speed
    try:
        # Everything without a 201 is sent again: 409 means it was stored before the kill.
        retry = [i for i in ids if before.get(i) != 201]
        again = asyncio.run(_send(second.base_url, retry, files))
        odd = {i: status for i, status in again.items() if status not in (201, 409)}
        assert not odd, odd
        in_doubt = {i for i, status in again.items() if status == 409}
        assert in_doubt <= set(snapshot)

        with httpx.Client(base_url=second.base_url, headers=AUTH, timeout=30) as c:
            deadline = time.monotonic() + 60
            while True:  # bounded poll until every prediction is final
                listed = c.get("/predictions", params={"limit": 1000}).json()
                if len(listed) == TOTAL and all(p["status"] == "completed" for p in listed):
                    break
                failed = [p for p in listed if p["status"] == "failed"]
                assert not failed, failed[:3]
                assert time.monotonic() < deadline, sum(p["status"] == "completed" for p in listed)
                time.sleep(0.1)  # polling interval of a bounded wait
    finally:
        second.stop()

    rows = _rows(db)
    assert len(rows) == TOTAL  # no prediction lost, none stored twice
    assert sorted(r["id"] for r in rows) == sorted(ids)
    for row in rows:
        assert row["status"] == "completed", dict(row)
        n = doc_of[row["id"]]
        assert json.loads(row["response_json"]) == {
            "total": 100 + n + 0.5,
            "invoice_number": f"INV-{n:04d}",
        }, dict(row)
        if row["id"] in completed_before:  # finished before the kill: never run again
            assert row["completed_at"] == completed_before[row["id"]], row["id"]
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert time.monotonic() - started < 90
