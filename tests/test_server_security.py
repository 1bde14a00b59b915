"""The local server's trust boundaries: what a request can make the server touch.

Client-chosen ids never name files; schema `$ref`s are never fetched; `url` documents and
`callback_url` webhooks share one connection mechanism (allow-list, public addresses checked
against the address actually connected to, no redirects for webhooks, one deadline per fetch);
protocol faults are 4xx answers that keep the connection; every answer is in the OpenAPI;
presigned uploads are single-use; every route but the docs needs the key.

Real `skillkit serve` processes on 127.0.0.1 where the wire matters (keep-alive, Host header);
the real app in-process (httpx.ASGITransport) where a test must reach inside (a resolver
that changes its answer, a store that fails).
"""

from __future__ import annotations

import asyncio
import base64
import http.server
import json
import logging
import re
import socket
import stat
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from conftest import build_zip
from servers import KEY, Server, start_server

from skillkit.server import ServerSettings, create_app
from skillkit.server import urls as server_urls
from skillkit.server.app import INTERNAL_ERROR
from skillkit.server.urls import UrlPolicy
from skillkit.server.webhooks import deliver

OBJECT = {"type": "object", "properties": {"total": {"type": "number"}}}
SKILL_MD = "---\nname: s\ndescription: Use when testing the server.\n---\nRead it.\n"
AUTH = {"Authorization": f"Bearer {KEY}"}


# --------------------------------------------------------------------------- helpers


def _strict_json(body: bytes) -> object:
    """Parse as a JSON client would: NaN/Infinity are not JSON."""

    def refuse(token: str) -> None:
        raise ValueError(f"{token} is not JSON")

    return json.loads(body, parse_constant=refuse)


def inline_skill(*files: tuple[str, str]) -> dict:
    data = base64.b64encode(build_zip([("SKILL.md", SKILL_MD), *files])).decode()
    return {
        "type": "inline",
        "name": "s",
        "source": {"type": "base64", "media_type": "application/zip", "data": data},
    }


def nested_schema(levels: int) -> dict:
    schema: dict = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"a": schema}}
    return schema


def bounded_poll(condition: Callable[[], object], timeout: float, what: str) -> object:
    """Wait (bounded) until `condition()` is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)  # polling interval of a bounded wait on a condition
    raise AssertionError(f"timed out waiting for {what}")


class Recorder:
    """A loopback HTTP server recording every request; each answer comes from `reply`."""

    def __init__(self, reply: Callable[[http.server.BaseHTTPRequestHandler], None]):
        self.hits: list[tuple[str, str, dict, bytes]] = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorder.hits.append((self.command, self.path, dict(self.headers), body))
                reply(self)

            do_GET = do_POST = do_PUT = _record  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def reply_with(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Callable:
    def reply(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return reply


@pytest.fixture
def recorder_factory() -> Iterator[Callable[..., Recorder]]:
    made: list[Recorder] = []

    def make(reply: Callable | None = None) -> Recorder:
        made.append(Recorder(reply or reply_with(204)))
        return made[-1]

    yield make
    for rec in made:
        rec.close()


class InProcess:
    """A synchronous client of the real app through httpx.ASGITransport; an exception the
    app lets out (instead of answering) is raised here and fails the test."""

    def __init__(self, app: object) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)  # type: ignore[arg-type]
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                return await c.request(method, url, **kwargs)  # type: ignore[arg-type]

        return asyncio.run(send())

    def get(self, url: str, **kwargs: object) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: object) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture
def in_process(tmp_path: Path) -> Iterator[Callable[..., tuple[InProcess, object]]]:
    """The real app in-process, made with the given ServerSettings fields."""
    apps: list = []

    def make(**settings: object) -> tuple[InProcess, object]:
        settings.setdefault("data_dir", tmp_path / f"data-{len(apps)}")
        app = create_app(ServerSettings(**settings))  # type: ignore[arg-type]
        apps.append(app)
        return InProcess(app), app

    yield make
    for app in apps:
        app.state.runtime.close()


def upload(client: httpx.Client | InProcess, data: bytes = b"Total: 5\n") -> str:
    path = "/v1/files" if isinstance(client, InProcess) else "/files"
    r = client.post(path, files={"file": ("doc.txt", data)})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def raw_exchange(port: int, requests: list[bytes]) -> list[tuple[int, dict[str, str], bytes]]:
    """Send requests one after the other on ONE connection; each answer is read in full
    before the next is sent. A server that drops the connection fails the exchange."""
    answers = []
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        stream = sock.makefile("rb")
        for request in requests:
            sock.sendall(request)
            status_line = stream.readline()
            assert status_line, f"the server closed the connection after {len(answers)} answers"
            headers: dict[str, str] = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers.get("content-length", "0")))
            answers.append((int(status_line.split()[1]), headers, body))
    return answers


def http_request(
    method: str,
    path: str,
    body: bytes | None = None,
    *,
    content_type: str = "application/json",
    key: str | None = KEY,
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    if key:
        lines.append(f"Authorization: Bearer {key}")
    if body is not None:
        lines += [f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`--allow-url-host 127.0.0.1` without `--allow-private-urls`: loopback is on the
    allow-list yet refused as a private address."""
    base = tmp_path_factory.mktemp("security")
    srv = start_server(base / "data", base / "server.log", "--allow-url-host", "127.0.0.1")
    srv.data_dir = base / "data"  # type: ignore[attr-defined]
    yield srv
    srv.stop()


# --------------------------------------------------------------------------- 1. ids and paths


BAD_IDS = [
    "../../outside/victim",
    "../skillkit-server",
    "a/b",
    "a\\b",
    "",
    ".hidden",
    "-flag",
    "x" * 129,
    "abc\n",
    "a b",
    "caf\u00e9",
]


def test_client_ids_are_validated_and_never_reach_the_file_system(
    in_process: Callable, recorder_factory: Callable, tmp_path: Path
):
    files = recorder_factory(reply_with(200, b"Total: 12.50\n", {"Content-Type": "text/plain"}))
    client, app = in_process(url_allow_list=["127.0.0.1"], allow_private_urls=True)
    data_dir = app.state.settings.data_dir
    outside = data_dir.parents[1] / "outside"
    outside.mkdir(exist_ok=True)
    victim = outside / "victim.txt"
    victim.write_text("precious")
    db = data_dir / "skillkit-server.db"
    url = files.url("/r.txt")
    for bad in BAD_IDS:
        r = client.post(
            "/v1/document/generate",
            json={"id": bad, "url": url, "batch": False, "config": {"json_schema": OBJECT}},
        )
        assert r.status_code == 422, (bad, r.text)
        (err,) = r.json()["detail"]
        assert err["loc"] == ["body", "id"], err
    assert files.hits == []  # refused before anything was fetched
    assert victim.read_text() == "precious" and db.is_file()

    good = ["abc", "A1._:-z", "x" * 128, str(uuid.uuid4())]
    for ident in good:
        r = client.post(
            "/v1/document/generate",
            json={"id": ident, "url": url, "batch": False, "config": {"json_schema": OBJECT}},
        )
        assert r.status_code == 201, r.text
        assert r.json()["id"] == ident and r.json()["status"] == "completed", r.json()
        assert r.json()["response"] == {"total": 12.5}
    listed = {p["id"] for p in client.get("/v1/predictions", params={"limit": 100}).json()}
    assert set(good) <= listed
    assert list((data_dir / "fetched").iterdir()) == []  # each download removed after use
    assert victim.read_text() == "precious" and db.is_file()


def _dripper(mode: str, stop: threading.Event) -> Callable:
    """Answers 200 and then drips: one body byte, or one header byte, every 0.1 s; gives up
    when the client goes away or `stop` is set (bounded in any case: 600 bytes)."""

    def reply(handler: http.server.BaseHTTPRequestHandler) -> None:
        if mode == "body":
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 600\r\n\r\n"
            drip = b"x" * 600
        else:
            head = b"HTTP/1.1 200 OK\r\n"
            drip = b"X-Slow: " + b"y" * 590 + b"\r\n\r\n"
        try:
            handler.wfile.write(head)
            handler.wfile.flush()
            for byte in drip:
                if stop.wait(0.1):
                    return
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
        except OSError:
            return  # the server under test hung up: what it should do

    return reply


@pytest.mark.parametrize("mode", ["body", "headers"])
def test_a_dripping_url_is_cut_off_by_one_deadline_for_the_whole_fetch(
    mode: str, in_process: Callable, recorder_factory: Callable
):
    stop = threading.Event()
    drip = recorder_factory(_dripper(mode, stop))
    client, app = in_process(
        url_allow_list=["127.0.0.1"], allow_private_urls=True, fetch_timeout_seconds=1.0
    )
    fetched = app.state.settings.data_dir / "fetched"
    try:
        started = time.monotonic()
        r = client.post(
            "/v1/document/generate",
            json={
                "id": "victim-name",
                "url": drip.url("/slow.txt"),
                "config": {"json_schema": OBJECT},
            },
        )
        assert r.status_code == 201, r.text
        if mode == "body":
            # While the body drips, the download's file exists: named by the server.
            (name,) = bounded_poll(lambda: [p.name for p in fetched.iterdir()], 10, "download")
            assert re.fullmatch(r"[0-9a-f]{32}\.txt", name), name
            assert "victim" not in name

        def final() -> dict | None:
            body = client.get("/v1/predictions/victim-name").json()
            return body if body["status"] in ("completed", "failed") else None

        body = bounded_poll(final, 15, "the prediction to end")
        elapsed = time.monotonic() - started
    finally:
        stop.set()
    assert body["status"] == "failed"
    assert "did not finish within the server's 1 s limit" in body["response"]["error"]
    assert elapsed < 8, elapsed  # one deadline, not one per read (600 reads of 0.1 s)
    assert list(fetched.iterdir()) == []  # the partial download is gone


def test_url_redirects_are_followed_only_through_the_same_checks(
    in_process: Callable, recorder_factory: Callable
):
    target = recorder_factory(reply_with(200, b"Total: 7.25\n", {"Content-Type": "text/plain"}))
    hops = {
        "/inside": target.url("/r.txt"),  # allowed host: followed
        "/outside": f"http://localhost:{target.port}/r.txt",  # not on the allow-list
    }

    def bounce(handler: http.server.BaseHTTPRequestHandler) -> None:
        reply_with(302, headers={"Location": hops[handler.path]})(handler)

    bouncer = recorder_factory(bounce)
    client, _ = in_process(url_allow_list=["127.0.0.1"], allow_private_urls=True)

    def generate(path: str) -> dict:
        r = client.post(
            "/v1/document/generate",
            json={"url": bouncer.url(path), "batch": False, "config": {"json_schema": OBJECT}},
        )
        assert r.status_code == 201, r.text
        return r.json()

    inside = generate("/inside")
    assert inside["status"] == "completed" and inside["response"] == {"total": 7.25}
    assert len(target.hits) == 1
    outside = generate("/outside")
    assert outside["status"] == "failed"
    assert "not on the server's URL allow-list" in outside["response"]["error"]
    assert len(target.hits) == 1  # the refused hop was never requested


# --------------------------------------------------------------------------- 2. $ref


def test_schema_refs_are_never_fetched_and_never_leak(
    server: Server, recorder_factory: Callable, tmp_path: Path
):
    canary = "CANARY-" + uuid.uuid4().hex
    secret_schema = json.dumps({"type": "object", "properties": {canary: {"type": "string"}}})
    web = recorder_factory(
        reply_with(200, secret_schema.encode(), {"Content-Type": "application/json"})
    )
    key_file = tmp_path / "key.json"
    key_file.write_text(secret_schema)
    refs = [web.url("/secret.json"), key_file.as_uri()]
    schemas = []
    for ref in refs:
        folder, leaf = ref.rsplit("/", 1)
        schemas += [
            ({"$ref": ref}, ref),
            ({"type": "object", "properties": {"a": {"$ref": ref}}}, ref),
            ({"type": "object", "allOf": [{"$ref": ref + "#/properties"}]}, ref),
            ({"$schema": ref, "type": "object"}, ref),
            ({"$id": folder + "/", "type": "object", "properties": {"a": {"$ref": leaf}}}, leaf),
            ({"type": "object", "properties": {"a": {"$dynamicRef": ref}}}, None),
        ]
    answers: list[httpx.Response] = []
    with server.http() as c:
        file_id = upload(c)
        for schema, named in schemas:
            requests = [
                ("/document/generate", {"file_id": file_id, "config": {"json_schema": schema}}),
                (
                    "/document/generate",
                    {
                        "file_id": file_id,
                        "config": {"skills": [inline_skill(("schema.json", json.dumps(schema)))]},
                    },
                ),
                ("/schema", {"domain": "document.receipt", "config": {"json_schema": schema}}),
                ("/hub/schema", {"domain": "document.receipt"}),
            ]
            for path, body in requests:
                if path == "/document/generate":
                    body = {**body, "batch": False}
                r = c.post(path, json=body)
                assert r.status_code < 500, r.text
                answers.append(r)
                if path == "/document/generate" and r.status_code == 422 and named:
                    assert named in r.json()["detail"][0]["msg"]  # the ref is named
                if r.status_code == 201:
                    answers.append(c.get(f"/predictions/{r.json()['id']}"))
        answers.append(c.get("/predictions", params={"limit": 1000}))
    assert web.hits == []
    for r in answers:
        assert canary not in r.text, r.text


# --------------------------------------------------------------------------- 3. callbacks


def test_callback_to_loopback_or_unlisted_host_is_refused_at_request_time(
    server: Server, recorder_factory: Callable
):
    hook = recorder_factory()
    cases = {
        hook.url("/internal-admin"): "private, loopback or link-local",
        "http://[::1]:9/internal-admin": "allow-list",
        f"http://localhost:{hook.port}/hook": "allow-list",
        "ftp://127.0.0.1/hook": "only http(s)",
    }
    with server.http() as c:
        file_id = upload(c)
        for callback, reason in cases.items():
            ident = f"cb-{uuid.uuid4().hex}"
            r = c.post(
                "/document/generate",
                json={
                    "id": ident,
                    "file_id": file_id,
                    "callback_url": callback,
                    "config": {"json_schema": OBJECT},
                },
            )
            assert r.status_code == 422, (callback, r.text)
            (err,) = r.json()["detail"]
            assert err["loc"] == ["body", "callback_url"] and reason in err["msg"], err
            # Refused, so nothing was stored: no prediction, hence no webhook, ever.
            assert c.get(f"/predictions/{ident}").status_code == 404
    assert hook.hits == []


def _resolver(monkeypatch: pytest.MonkeyPatch, host: str, answers: list[str]) -> list[str]:
    """Make `host` resolve to answers[0], then answers[1], ... (the last one repeats).

    Returns the log of addresses handed out. Other names resolve as usual."""
    real = socket.getaddrinfo
    given: list[str] = []

    def fake(name: object, port: object, *args: object, **kwargs: object) -> list:
        if name != host:
            return real(name, port, *args, **kwargs)  # type: ignore[arg-type]
        address = answers[min(len(given), len(answers) - 1)]
        given.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return given


def test_callback_rebound_to_loopback_after_the_check_is_never_posted(
    in_process: Callable, recorder_factory: Callable, monkeypatch: pytest.MonkeyPatch
):
    hook = recorder_factory()
    # DNS rebinding: an allowed answer when the request is checked, loopback afterwards.
    # Only loopback addresses are used: 127.0.0.2 stands in for a public address (nothing
    # listens there), so no code, right or wrong, can send a packet off this machine.
    real_is_public = server_urls._is_public
    monkeypatch.setattr(server_urls, "_is_public", lambda a: a == "127.0.0.2" or real_is_public(a))
    given = _resolver(monkeypatch, "hooks.example", ["127.0.0.2", "127.0.0.1"])
    client, app = in_process(url_allow_list=["hooks.example"], webhook_attempts=3)
    r = client.post(
        "/v1/document/generate",
        json={
            "file_id": upload(client),
            "batch": False,
            "callback_url": f"http://hooks.example:{hook.port}/hook",
            "config": {"json_schema": OBJECT},
        },
    )
    assert r.status_code == 201, r.text
    store = app.state.runtime.store

    def callback_status() -> str | None:
        status = store.get_prediction(r.json()["id"]).callback_status
        return status if status != "pending" else None

    assert bounded_poll(callback_status, 15, "the callback outcome") == "failed"
    assert given[0] == "127.0.0.2" and "127.0.0.1" in given[1:]
    assert hook.hits == []  # refused at connect time: never POSTed, never retried


def test_webhook_connects_to_the_address_it_checked_and_follows_no_redirect(
    recorder_factory: Callable, monkeypatch: pytest.MonkeyPatch
):
    hook = recorder_factory()
    stolen = recorder_factory()
    bouncer = recorder_factory(reply_with(307, headers={"Location": stolen.url("/steal")}))
    # A second lookup would answer 127.0.0.2, where nothing listens.
    given = _resolver(monkeypatch, "hooks.example", ["127.0.0.1", "127.0.0.2"])
    policy = UrlPolicy(allow_list=("hooks.example",), allow_private=True)
    body = b'{"id": "p"}'
    ok = deliver(
        f"http://hooks.example:{hook.port}/hook",
        body,
        secret=None,
        attempts=1,
        backoff=0,
        stop=threading.Event(),
        policy=policy,
    )
    assert ok is True
    assert given == ["127.0.0.1"]  # one lookup, and the connection went to that answer
    ((method, path, headers, got),) = hook.hits
    assert (method, path, got) == ("POST", "/hook", body)
    assert headers["Host"] == f"hooks.example:{hook.port}"

    ok = deliver(
        bouncer.url("/hook"),
        body,
        secret=None,
        attempts=2,
        backoff=0,
        stop=threading.Event(),
        policy=UrlPolicy(allow_list=("127.0.0.1",), allow_private=True),
    )
    assert ok is False  # a redirect is a final answer, not followed and not retried
    assert len(bouncer.hits) == 1 and stolen.hits == []


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1",
     "2002:7f00:1::1", "64:ff9b::a00:1", "0.0.0.0", "100.64.0.1"],
)  # fmt: skip
def test_private_addresses_in_every_spelling_are_refused(address: str):
    assert not server_urls._is_public(address)


# --------------------------------------------------------------------------- 4. faults


def test_protocol_faults_are_4xx_answers_that_keep_the_connection(server: Server):
    with server.http() as c:
        file_id = upload(c)
    deep_fm = SKILL_MD.replace(
        "description:", "metadata: " + "{a: " * 300 + "b" + "}" * 300 + "\ndescription:"
    )
    deep_skill = {
        "type": "inline",
        "name": "s",
        "source": {"data": base64.b64encode(build_zip([("SKILL.md", deep_fm)])).decode()},
    }

    def generate(config: dict, **extra: object) -> bytes:
        return json.dumps({"file_id": file_id, "config": config, **extra}).encode()

    faults = {
        "skip overflow (files)": (
            http_request("GET", "/v1/files?skip=99999999999999999999"),
            ["query", "skip"],
        ),
        "skip overflow (predictions)": (
            http_request("GET", "/v1/predictions?skip=99999999999999999999&limit=5"),
            ["query", "skip"],
        ),
        "deep json_schema": (
            http_request("POST", "/v1/document/generate", generate({"json_schema": nested_schema(300)})),
            ["body"],
        ),
        "deep inline schema.json": (
            http_request(
                "POST",
                "/v1/document/generate",
                generate({"skills": [inline_skill(("schema.json", json.dumps(nested_schema(300))))]}),
            ),
            ["body", "config", "skills", 0],
        ),
        "deep inline frontmatter": (
            http_request(
                "POST",
                "/v1/document/generate",
                generate({"json_schema": OBJECT, "skills": [deep_skill]}),
            ),
            ["body", "config", "skills"],
        ),
        "NaN in a failing field": (
            http_request("POST", "/v1/document/generate", b'{"file_id": "x", "batch": NaN}'),
            ["body"],
        ),
        "Infinity in json_schema": (
            http_request(
                "POST",
                "/v1/document/generate",
                generate({"json_schema": {"type": "number", "maximum": 1}}).replace(b"1}", b"Infinity}"),
            ),
            ["body"],
        ),
    }  # fmt: skip
    health = http_request("GET", "/v1/health")
    for name, (request, loc) in faults.items():
        (status, headers, body), (health_status, _, _) = raw_exchange(
            server.port, [request, health]
        )
        assert status == 422, (name, body[:300])
        detail = _strict_json(body)["detail"]  # type: ignore[index]
        assert detail[0]["loc"][: len(loc)] == loc, (name, detail)
        assert headers.get("connection") != "close", name
        assert health_status == 200, name  # same connection, still served
    (status, _, body), _ = raw_exchange(server.port, [faults["deep json_schema"][0], health])
    assert "nested more than 64 levels" in _strict_json(body)["detail"][0]["msg"]  # type: ignore[index]


def test_an_unexpected_error_is_a_short_logged_500(
    in_process: Callable, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    client, app = in_process(api_key="k")  # an exception the app lets out fails here
    store = app.state.runtime.store

    def broken(*args: object) -> None:
        raise RuntimeError("boom at /very/secret/path")

    monkeypatch.setattr(store, "list_files", broken)
    with caplog.at_level(logging.ERROR, logger="skillkit.server"):
        r = client.get("/v1/files", headers={"Authorization": "Bearer k"})
    assert r.status_code == 500
    assert r.json() == {"detail": INTERNAL_ERROR}
    assert "secret" not in r.text and "Traceback" not in r.text and "boom" not in r.text
    logged = [rec for rec in caplog.records if rec.exc_info and "GET /v1/files" in rec.getMessage()]
    assert logged and "boom" in str(logged[0].exc_info[1])
    assert client.get("/v1/health", headers={"Authorization": "Bearer k"}).status_code == 200


def test_concurrent_requests_with_one_id_store_exactly_one(server: Server):
    with server.http() as c:
        file_id = upload(c)
    ident = f"same-{uuid.uuid4().hex}"
    body = {"id": ident, "file_id": file_id, "config": {"json_schema": OBJECT}}

    async def burst() -> list[int]:
        async with httpx.AsyncClient(base_url=server.base_url, headers=AUTH, timeout=60) as ac:
            answers = await asyncio.gather(
                *(ac.post("/document/generate", json=body) for _ in range(12))
            )
        return sorted(a.status_code for a in answers)

    assert asyncio.run(burst()) == [201] + [409] * 11


def test_openapi_documents_every_answer(server: Server):
    spec = httpx.get(f"http://127.0.0.1:{server.port}/openapi.json").json()
    for path, item in spec["paths"].items():
        for method, op in item.items():
            codes = set(op["responses"])
            assert "401" in codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
            if "requestBody" in op:
                assert {"400", "413", "422"} <= codes, (method, path)
            for code, answer in op["responses"].items():
                if code.startswith("4") and code != "422":
                    content = answer["content"]["application/json"]["schema"]
                    assert content == {"$ref": "#/components/schemas/ErrorResponse"}
    generate = spec["paths"]["/v1/document/generate"]["post"]["responses"]
    assert {"201", "404", "409", "413", "422"} <= set(generate)
    for listing in ("/v1/files", "/v1/predictions"):
        params = {p["name"]: p["schema"] for p in spec["paths"][listing]["get"]["parameters"]}
        assert params["skip"]["maximum"] == 2**31 - 1 and params["limit"]["maximum"] == 1000
    assert "head" in spec["paths"]["/v1/health"]


def test_head_health(server: Server):
    assert httpx.head(f"{server.base_url}/health", headers=AUTH).status_code == 200
    assert httpx.head(f"{server.base_url}/health").status_code == 401


# --------------------------------------------------------------------------- presigned uploads


def test_presigned_put_is_single_use_and_atomic(server: Server):
    with server.http() as c:
        answer = c.post("/files/presigned-url", json={"filename": "big.txt"}).json()
    url, file_id = answer["url"], answer["id"]
    stored = server.data_dir / "files" / f"{file_id}.txt"  # type: ignore[attr-defined]

    async def race() -> tuple[int, int]:
        release = asyncio.Event()

        async def slow_body():
            yield b"A" * 1000
            await release.wait()
            yield b"A" * 1000

        async with httpx.AsyncClient(timeout=60) as ac:
            first = asyncio.create_task(ac.put(url, content=slow_body()))
            # The first PUT has claimed the upload once its file exists (bounded wait).
            deadline = time.monotonic() + 20
            while not stored.exists():
                assert time.monotonic() < deadline, "the first PUT never started writing"
                await asyncio.sleep(0.02)
            second = await ac.put(url, content=b"B" * 2000)
            release.set()
            return (await first).status_code, second.status_code

    assert asyncio.run(race()) == (200, 409)
    assert stored.read_bytes() == b"A" * 2000  # one writer: nothing interleaved
    assert httpx.put(url, content=b"C").status_code == 409  # used
    wrong = url.replace("token=", "token=x")
    assert httpx.put(wrong, content=b"C").status_code == 403
    with server.http() as c:
        assert c.get(f"/files/{file_id}").json()["bytes"] == 2000


def test_presigned_url_is_built_from_the_server_base_not_the_host_header(
    server: Server, in_process: Callable
):
    with server.http() as c:
        r = c.post(
            "/files/presigned-url", json={"filename": "a.txt"}, headers={"Host": "evil.example"}
        )
    assert r.json()["url"].startswith(f"{server.base_url}/files/upload/"), r.json()["url"]
    client, _ = in_process(public_base_url="https://files.example.test/")
    r = client.post(
        "/v1/files/presigned-url", json={"filename": "a.txt"}, headers={"Host": "evil.example"}
    )
    assert r.json()["url"].startswith("https://files.example.test/v1/files/upload/")


# --------------------------------------------------------------------------- 5. key, data dir


def test_every_route_but_the_docs_needs_the_key(server: Server):
    origin = f"http://127.0.0.1:{server.port}"
    spec = httpx.get(f"{origin}/openapi.json").json()
    checked = 0
    with httpx.Client(base_url=origin, timeout=30) as c:
        for path, item in spec["paths"].items():
            concrete = re.sub(r"\{[^}]+\}", "x", path)
            for method in item:
                for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": KEY}):
                    r = c.request(method, concrete, headers=headers, json={})
                    assert r.status_code == 401, (method, path, headers)
                    checked += 1
        assert checked >= 3 * 17
        for public in ("/openapi.json", "/docs", "/redoc"):
            assert c.get(public).status_code == 200


def test_the_data_dir_is_private(server: Server, tmp_path: Path):
    folders = [tmp_path / "new" / "data", server.data_dir]  # type: ignore[attr-defined]
    app = create_app(ServerSettings(data_dir=folders[0]))
    try:
        for folder in folders:
            for path in (folder, folder / "files", folder / "fetched"):
                assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    finally:
        app.state.runtime.close()
