"""A fault-injecting HTTP proxy for tests: forwards to a real server, misbehaves on request.

    proxy = FaultProxy("http://127.0.0.1:8123")          # upstream (e.g. `skillkit serve`)
    proxy.add(stall("POST", "/v1/files"))                # the 1st upload: read it, never answer
    proxy.add(respond("GET", "/v1/predictions/*", 503, times=2))   # two 503s, then forward
    ... point a client at proxy.base_url ...
    proxy.close()                                         # releases every stalled connection

A fault matches a method (or "*") and a path pattern (fnmatch, the query string ignored) and
applies to the `nth` .. `nth + times - 1`-th matching request (`times=None`: every one from the
`nth` on); each fault counts its own matching requests. The first fault whose window holds the
request wins; a request no fault takes is forwarded unchanged. `proxy.log` records what happened
to every request (for asserting how often a client retried).

Fault kinds (build them with the functions below):
    stall         read the whole request, never answer (until the proxy closes)
    stall_body    forward, send the status line, headers and `keep` bytes of the body, then stall
    respond       answer `status` with `body` and `headers` (no upstream call)
    truncate      forward, then answer with only the first `keep` bytes of the body (a valid
                  HTTP message whose Content-Length matches the cut body: truncated JSON)
    close         forward, send the headers (full Content-Length) and `keep` body bytes, close
    drop          read the request, close the connection without a byte of answer
"""

from __future__ import annotations

import fnmatch
import http.client
import json
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

KINDS = ("stall", "stall_body", "respond", "truncate", "close", "drop")
# Hop-by-hop headers a proxy must not pass on (RFC 9110 7.6.1), plus the ones it recomputes.
_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
    "host",
}


@dataclass
class Fault:
    kind: str
    method: str = "*"
    path: str = "*"
    nth: int = 1
    times: int | None = 1
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    keep: int | None = None  # bytes of the body sent before the cut/stall (None: half)
    seen: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; one of {', '.join(KINDS)}")
        if self.nth < 1 or (self.times is not None and self.times < 1):
            raise ValueError("nth and times count from 1")

    def matches(self, method: str, path: str) -> bool:
        return self.method in ("*", method) and fnmatch.fnmatchcase(path, self.path)

    def covers(self, count: int) -> bool:
        return count >= self.nth and (self.times is None or count < self.nth + self.times)

    def cut(self, body: bytes) -> int:
        return len(body) // 2 if self.keep is None else min(self.keep, len(body))


def stall(method: str = "*", path: str = "*", **window: Any) -> Fault:
    """Read the request, never answer."""
    return Fault("stall", method, path, **window)


def stall_body(method: str = "*", path: str = "*", keep: int | None = None, **window: Any) -> Fault:
    """Forward; send the status line, the headers and `keep` bytes of the body, then stall."""
    return Fault("stall_body", method, path, keep=keep, **window)


def respond(
    method: str = "*",
    path: str = "*",
    status: int = 200,
    body: bytes | str = b"",
    headers: Mapping[str, str] | None = None,
    **window: Any,
) -> Fault:
    """Answer `status` with `body` (bytes or text) without asking the upstream."""
    raw = body.encode() if isinstance(body, str) else body
    return Fault(
        "respond", method, path, status=status, body=raw, headers=dict(headers or {}), **window
    )


def respond_json(
    method: str = "*", path: str = "*", value: Any = None, status: int = 200, **window: Any
) -> Fault:
    """Answer `status` with `value` as JSON (`None` is the body `null`)."""
    return respond(
        method, path, status, json.dumps(value), {"Content-Type": "application/json"}, **window
    )


def truncate(method: str = "*", path: str = "*", keep: int | None = None, **window: Any) -> Fault:
    """Forward; answer with only the first `keep` bytes (default half) of the upstream body."""
    return Fault("truncate", method, path, keep=keep, **window)


def close_mid_response(
    method: str = "*", path: str = "*", keep: int | None = None, **window: Any
) -> Fault:
    """Forward; send the headers and `keep` bytes of the body, then close the connection."""
    return Fault("close", method, path, keep=keep, **window)


def drop(method: str = "*", path: str = "*", **window: Any) -> Fault:
    """Read the request, then close the connection without answering."""
    return Fault("drop", method, path, **window)


@dataclass(frozen=True)
class Logged:
    method: str
    path: str
    action: str  # a fault kind, or "forward"
    status: int | None  # what the client was (at least partly) sent; None: nothing
    at: float  # time.monotonic() when the request had been read


class FaultProxy:
    """The proxy on a free loopback port (a thread per connection); `base_url` ends in /v1."""

    def __init__(self, upstream: str, *, upstream_timeout: float = 30.0) -> None:
        parts = urlsplit(upstream)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self.upstream_timeout = upstream_timeout
        self.faults: list[Fault] = []
        self.log: list[Logged] = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._release = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    # -- the test's side ---------------------------------------------------------------------

    def add(self, *faults: Fault) -> FaultProxy:
        with self._lock:
            self.faults.extend(faults)
        return self

    def clear(self) -> None:
        with self._lock:
            self.faults.clear()
            self.log.clear()

    def requests(self, method: str = "*", path: str = "*") -> list[Logged]:
        """The logged requests matching method and path pattern, in order."""
        probe = Fault("respond", method, path)
        with self._lock:
            return [entry for entry in self.log if probe.matches(entry.method, entry.path)]

    def wait_for(self, predicate: Callable[[list[Logged]], bool], timeout: float = 10.0) -> bool:
        """Block until `predicate(log)` holds (re-checked on every request), at most `timeout`."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(list(self.log)), timeout)

    def close(self) -> None:
        self._release.set()  # stalled handlers return and close their connections
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the proxy's side ----------------------------------------------------------------------

    def _choose(self, method: str, path: str) -> Fault | None:
        chosen = None
        with self._lock:
            for fault in self.faults:
                if fault.matches(method, path):
                    fault.seen += 1
                    if chosen is None and fault.covers(fault.seen):
                        chosen = fault
        return chosen

    def _record(self, method: str, path: str, action: str, status: int | None, at: float) -> None:
        with self._changed:
            self.log.append(Logged(method, path, action, status, at))
            self._changed.notify_all()

    def _forward(
        self, method: str, target: str, headers: list[tuple[str, str]], body: bytes
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(
            self.upstream_host, self.upstream_port, timeout=self.upstream_timeout
        )
        try:
            sent = [(k, v) for k, v in headers if k.lower() not in _HOP]
            conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", f"{self.upstream_host}:{self.upstream_port}")
            for k, v in sent:
                conn.putheader(k, v)
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            answer = conn.getresponse()
            data = answer.read()
            kept = [(k, v) for k, v in answer.getheaders() if k.lower() not in _HOP]
            return answer.status, answer.reason, kept, data
        finally:
            conn.close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _read_body(self) -> bytes:
                if "chunked" in (self.headers.get("transfer-encoding") or "").lower():
                    chunks = []
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                        if size == 0:
                            self.rfile.readline()
                            return b"".join(chunks)
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()
                length = int(self.headers.get("content-length") or 0)
                return self.rfile.read(length) if length else b""

            def _head(self, status: int, headers: list[tuple[str, str]], length: int) -> None:
                self.send_response(status)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(length))
                self.end_headers()

            def _hang(self) -> None:
                self.wfile.flush()
                proxy._release.wait()  # the stall: ends when the proxy closes
                self.close_connection = True

            def _hang_up(self) -> None:
                self.wfile.flush()
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self.close_connection = True

            def _handle(self) -> None:
                body = self._read_body()
                at = time.monotonic()
                method, target = self.command, self.path
                path = urlsplit(target).path
                fault = proxy._choose(method, path)
                kind = fault.kind if fault else "forward"
                if fault is not None and fault.kind in ("stall", "drop", "respond"):
                    status = fault.status if fault.kind == "respond" else None
                    proxy._record(method, path, kind, status, at)
                    if fault.kind == "stall":
                        self._hang()
                    elif fault.kind == "drop":
                        self._hang_up()
                    else:
                        self._head(fault.status, list(fault.headers.items()), len(fault.body))
                        self.wfile.write(fault.body)
                    return
                status, _, headers, data = proxy._forward(
                    method, target, self.headers.items(), body
                )
                proxy._record(method, path, kind, status, at)
                if fault is None:
                    self._head(status, headers, len(data))
                    self.wfile.write(data)
                    return
                cut = fault.cut(data)
                if fault.kind == "truncate":
                    self._head(status, headers, cut)
                    self.wfile.write(data[:cut])
                    return
                self._head(status, headers, len(data))
                self.wfile.write(data[:cut])
                if fault.kind == "stall_body":
                    self._hang()
                else:  # close
                    self._hang_up()

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        return Handler
