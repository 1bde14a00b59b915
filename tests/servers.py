"""Servers for tests: the real `skillkit serve` on a free loopback port, and a mock of the
hosted API (the hosted API cannot run here; the mock answers scripted responses).

Helpers only; the fixtures built on them are in conftest.py. Import as
`from servers import ...` (pytest puts tests/ on sys.path).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from skillkit.client import RetryPolicy

KEY = "test-key-0123456789"
# A retry policy that keeps failure tests fast.
FAST = RetryPolicy(max_attempts=4, max_total=10, base_delay=0.01, max_delay=0.05)
TERMINAL = ("completed", "failed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- the real server


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    key: str
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def http(self, key: str | None = KEY) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)

    def sdk(self):  # the official SDK, a real client of the server
        from vlmrun.client import VLMRun

        return VLMRun(api_key=self.key, base_url=self.base_url, max_retries=1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_server(
    data_dir: Path,
    log: Path,
    *args: str,
    key: str | None = KEY,
    key_via_env: bool = False,
    env: dict[str, str] | None = None,
    port: int | None = None,
) -> Server:
    """Start `skillkit serve` and wait (bounded) until /v1/health answers.

    `key=None` lets the server generate a key, read back from its output. `serve` cannot bind
    port 0, so a free port is picked first; if something else takes it in between, retry with
    another (a fixed `port` is never retried).
    """
    for attempt in range(3):
        log_start = log.stat().st_size if log.exists() else 0
        try:
            return _start_server_once(
                data_dir, log, log_start, args, key, key_via_env, env, port or free_port()
            )
        except _PortTaken:
            if port is not None or attempt == 2:
                raise AssertionError(f"port in use:\n{log.read_text()}") from None
    raise AssertionError("unreachable")


class _PortTaken(Exception):
    """The picked port was taken by someone else before the server bound it."""


def _start_server_once(
    data_dir: Path,
    log: Path,
    log_start: int,
    args: tuple[str, ...],
    key: str | None,
    key_via_env: bool,
    env: dict[str, str] | None,
    port: int,
) -> Server:
    cmd = [sys.executable, "-m", "skillkit", "serve", "--port", str(port)]
    cmd += ["--data-dir", str(data_dir), "--log-level", "warning", *args]
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SKILLKIT_")}
    full_env.update(env or {})
    if key and key_via_env:
        full_env["SKILLKIT_SERVER_API_KEY"] = key
    elif key:
        cmd += ["--api-key", key]
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=full_env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                printed = log.read_bytes()[log_start:].decode(errors="replace")
                if "already in use" in printed:
                    raise _PortTaken
                raise AssertionError(f"server exited early:\n{printed}")
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code
                if status in (200, 401):
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.05)  # polling interval of a bounded readiness check
        else:
            raise AssertionError(f"server not ready in time:\n{log.read_text()}")
        if key is None:
            printed = log.read_bytes()[log_start:].decode()
            found = re.search(r"API key \(generated, shown once\): (\S+)", printed)
            assert found, printed
            key = found.group(1)
    except BaseException:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        raise
    return Server(proc=proc, port=port, key=key, log=log)


def wait_for(client: httpx.Client, prediction_id: str, timeout: float = 30) -> dict:
    """Poll a prediction until it is completed or failed (bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/predictions/{prediction_id}").json()
        if body["status"] in TERMINAL:
            return body
        time.sleep(0.05)
    raise AssertionError(f"prediction {prediction_id} did not finish: {body}")


def official_cli(
    base_url: str, key: str, home: Path, *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The official `vlmrun` CLI as a subprocess, pointed at `base_url` through its environment
    (VLMRUN_BASE_URL / VLMRUN_API_KEY), with HOME at `home` (it writes ~/.vlmrun/...)."""
    cli = "import sys; from vlmrun.cli.cli import app; sys.argv[0] = 'vlmrun'; sys.exit(app())"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SKILLKIT_", "VLMRUN_"))}
    env.update(
        VLMRUN_BASE_URL=base_url, VLMRUN_API_KEY=key, HOME=str(home), NO_COLOR="1", COLUMNS="200"
    )
    return subprocess.run(
        [sys.executable, "-c", cli, *args], capture_output=True, text=True, env=env, timeout=timeout
    )


@contextlib.contextmanager
def serving(data: Path, *args: str) -> Iterator[str]:
    """The real server with the test key, for as long as the block runs; yields its root URL
    (`http://127.0.0.1:PORT`)."""
    srv = start_server(data / "store", data / "server.log", *args)
    try:
        yield f"http://127.0.0.1:{srv.port}"
    finally:
        srv.stop()


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
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
