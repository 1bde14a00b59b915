"""The local server, end to end: the real `skillkit serve` on a free loopback port, driven by
the official `vlmrun` SDK and by plain httpx; plus the same app in-process (ASGITransport).

Test hook used here: SKILLKIT_SERVER_TEST_DELAY (seconds each prediction waits before the
engine runs) keeps a batch in flight long enough to SIGKILL the server in the middle of it.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pypdfium2
import pytest
from conftest import REPO, build_zip, make_skill, run_cli
from servers import TERMINAL, Server, free_port, start_server, wait_for
from vlmrun.client import VLMRun
from vlmrun.client.exceptions import AuthenticationError
from vlmrun.client.types import AgentSkill, GenerationConfig

from skillkit.bundle import pack_skill
from skillkit.server import ServerSettings, create_app

EXAMPLES = REPO / "example_skills"
INVOICE_SKILL = EXAMPLES / "invoice-extraction"
INVOICE_DOC = INVOICE_SKILL / "tests" / "bluepeak-88213.pdf"
RECEIPT_SKILL = EXAMPLES / "receipt-extraction"
RECEIPT_DOC = RECEIPT_SKILL / "tests" / "harbor-hardware-2026-02-21.txt"
SECRET = "webhook-secret"


def expected_of(document: Path) -> dict:
    return json.loads(document.with_name(document.stem + ".expected.json").read_text())


def schema_of(skill: Path) -> dict:
    return json.loads((skill / "schema.json").read_text())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("server")
    srv = start_server(
        base / "data",
        base / "server.log",
        "--skills-dir",
        str(EXAMPLES),
        "--webhook-secret",
        SECRET,
        "--max-upload-mb",
        "1",
        "--allow-url-host",
        "127.0.0.1",
        "--allow-url-host",
        "10.0.0.1",
    )
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def loopback_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server allowed to reach 127.0.0.1 (private addresses allowed), for webhook tests:
    callbacks obey the same URL rules as `url` documents."""
    base = tmp_path_factory.mktemp("loopback-server")
    srv = start_server(
        base / "data",
        base / "server.log",
        "--webhook-secret",
        SECRET,
        "--allow-url-host",
        "127.0.0.1",
        "--allow-private-urls",
    )
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def invoice_skill_payload() -> dict:
    return pack_skill(INVOICE_SKILL).payload()


# --------------------------------------------------------------------------- SDK, end to end


def test_sdk_batch_inline_skill_gets_expected_json(server: Server, invoice_skill_payload: dict):
    client = server.sdk()
    uploaded = client.files.upload(INVOICE_DOC)
    assert uploaded.bytes == INVOICE_DOC.stat().st_size
    assert uploaded.filename == INVOICE_DOC.name
    # Same bytes again: the SDK's hash check finds the earlier upload instead of re-sending.
    assert client.files.upload(INVOICE_DOC).id == uploaded.id

    prediction = client.document.generate(
        file=uploaded.id,
        batch=True,
        config=GenerationConfig(
            skills=[AgentSkill(**invoice_skill_payload)],
            json_schema=schema_of(INVOICE_SKILL),
        ),
    )
    assert prediction.status == "pending"
    deadline = time.monotonic() + 30
    while prediction.status not in TERMINAL and time.monotonic() < deadline:
        time.sleep(0.05)
        prediction = client.predictions.get(prediction.id)
    assert prediction.status == "completed", prediction.response
    assert prediction.response == expected_of(INVOICE_DOC)
    assert prediction.usage.element_type == "page"
    assert prediction.usage.elements_processed == len(pypdfium2.PdfDocument(INVOICE_DOC))
    assert prediction.usage.credits_used == 0
    assert isinstance(prediction.usage.duration_seconds, int)
    assert prediction.completed_at is not None and prediction.completed_at >= prediction.created_at
    listed = [p.id for p in client.predictions.list(limit=100)]
    assert prediction.id in listed


def test_sdk_batch_false_answers_the_finished_prediction(server: Server):
    client = server.sdk()
    packed = pack_skill(RECEIPT_SKILL)
    prediction = client.document.generate(
        file=RECEIPT_DOC,  # a Path: the SDK uploads it first
        batch=False,
        config=GenerationConfig(skills=[AgentSkill(**packed.payload())]),  # schema from bundle
    )
    assert prediction.status == "completed", prediction.response
    assert prediction.response == expected_of(RECEIPT_DOC)
    assert prediction.usage.elements_processed >= 1


def test_skill_reference_resolves_against_skills_dir(server: Server):
    client = server.sdk()
    for version in ("latest", "1.0"):
        prediction = client.document.generate(
            file=RECEIPT_DOC,
            batch=False,
            config=GenerationConfig(
                skills=[AgentSkill(skill_id="receipt-extraction", skill_version=version)]
            ),
        )
        assert prediction.status == "completed", prediction.response
        assert prediction.response == expected_of(RECEIPT_DOC)


def test_unknown_skill_reference_is_404(server: Server):
    with server.http() as c:
        file_id = c.post("/files", files={"file": ("a.txt", b"Total: 5")}).json()["id"]
        for ref in (
            {"skill_id": "no-such-skill"},
            {"skill_name": "receipt-extraction", "skill_version": "9.9"},
        ):
            r = c.post(
                "/document/generate",
                json={
                    "file_id": file_id,
                    "config": {"skills": [{"type": "skill_reference", **ref}]},
                },
            )
            assert r.status_code == 404
            assert "not found" in r.json()["detail"]
            assert "receipt-extraction@1.0" in r.json()["detail"]  # says what it knows


# --------------------------------------------------------------------------- auth and limits


def test_auth_required_everywhere_including_health(server: Server):
    for key in (None, "wrong-key"):
        with server.http(key) as c:
            for method, path in [
                ("GET", "/health"),
                ("GET", "/files"),
                ("GET", "/predictions"),
                ("POST", "/document/generate"),
            ]:
                r = c.request(method, path, json={} if method == "POST" else None)
                assert r.status_code == 401, (key, path)
                assert "API key" in r.json()["detail"]
    with pytest.raises(AuthenticationError):
        VLMRun(api_key="wrong-key", base_url=server.base_url, max_retries=1)
    with server.http() as c:
        assert c.get("/health").status_code == 200


def test_upload_over_the_limit_is_413(server: Server):
    with server.http() as c:
        # Names no other test uses: the server (and its file list) is shared by the module.
        big, huge = f"over-{uuid.uuid4().hex}.txt", f"far-over-{uuid.uuid4().hex}.txt"
        small = f"under-{uuid.uuid4().hex}.txt"
        assert c.post("/files", files={"file": (small, b"Total: 5")}).status_code in (200, 201)
        # just over 1 MB: the endpoint counts the file's bytes
        r = c.post("/files", files={"file": (big, b"x" * (1024 * 1024 + 10))})
        assert r.status_code == 413
        assert "1 MB" in r.json()["detail"]
        # far over: refused from Content-Length before the body is read
        r = c.post("/files", files={"file": (huge, b"x" * (3 * 1024 * 1024))})
        assert r.status_code == 413
        names = [f["filename"] for f in c.get("/files", params={"limit": 1000}).json()]
        assert small in names  # the listing works, yet holds neither refused upload
        assert big not in names and huge not in names


def test_422_shapes(server: Server):
    with server.http() as c:
        file_id = c.post("/files", files={"file": ("a.txt", b"Total: 5")}).json()["id"]
        # FastAPI's own validation: HTTPValidationError
        r = c.post("/document/generate", json={"file_id": file_id, "batch": "maybe"})
        assert r.status_code == 422
        (err,) = r.json()["detail"]
        assert err["loc"] == ["body", "batch"] and err["msg"] and err["type"]
        # a bundle with a path-traversal entry, named in the detail
        evil = build_zip(
            [("SKILL.md", "---\nname: evil\ndescription: d\n---\nx\n"), ("../evil", "x")]
        )
        import base64

        payload = {
            "type": "inline",
            "name": "evil",
            "source": {
                "type": "base64",
                "media_type": "application/zip",
                "data": base64.b64encode(evil).decode(),
            },
        }
        r = c.post("/document/generate", json={"file_id": file_id, "config": {"skills": [payload]}})
        assert r.status_code == 422
        (err,) = r.json()["detail"]
        assert err["loc"] == ["body", "config", "skills", 0]
        assert "../evil" in err["msg"]
        # no schema from anywhere, gql_stmt, neither file_id nor url
        for body, loc in [
            ({"file_id": file_id}, ["body", "config", "json_schema"]),
            ({"file_id": file_id, "config": {"gql_stmt": "{ x }"}}, ["body", "config", "gql_stmt"]),
            ({"config": {"json_schema": {"type": "object"}}}, ["body", "file_id"]),
        ]:
            r = c.post("/document/generate", json=body)
            assert r.status_code == 422, body
            assert r.json()["detail"][0]["loc"] == loc
        r = c.post(
            "/document/generate",
            json={"file_id": "nope", "config": {"json_schema": {"type": "object"}}},
        )
        assert r.status_code == 404


def test_url_refused_unless_allowed(server: Server):
    schema = {"json_schema": {"type": "object"}}
    with server.http() as c:
        cases = {
            "http://example.org/a.pdf": "not on the server's URL allow-list",
            "http://127.0.0.1:9/a.pdf": "private, loopback or link-local",  # allowed host
            "http://10.0.0.1/a.pdf": "private, loopback or link-local",  # allowed host
            "file:///etc/passwd": "only http(s)",
        }
        for url, reason in cases.items():
            r = c.post("/document/generate", json={"url": url, "config": schema})
            assert r.status_code == 422, url
            (err,) = r.json()["detail"]
            assert err["loc"] == ["body", "url"]
            assert reason in err["msg"], err["msg"]


# --------------------------------------------------------------------------- webhooks


def _webhook_receiver() -> tuple[http.server.ThreadingHTTPServer, list, threading.Event]:
    """A loopback HTTP server recording each POST; fresh state per call (no class globals)."""
    got: list[tuple[dict, bytes]] = []
    arrived = threading.Event()

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            got.append((dict(self.headers), body))
            self.send_response(204)
            self.end_headers()
            arrived.set()

        def log_message(self, *args: object) -> None:
            pass

    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver), got, arrived


def test_webhook_delivered_with_hmac_signature(loopback_server: Server):
    receiver, got, arrived = _webhook_receiver()
    threading.Thread(target=receiver.serve_forever, args=(0.05,), daemon=True).start()
    try:
        callback = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
        with loopback_server.http() as c:
            file_id = c.post("/files", files={"file": ("r.txt", RECEIPT_DOC.read_bytes())})
            r = c.post(
                "/document/generate",
                json={
                    "file_id": file_id.json()["id"],
                    "callback_url": callback,
                    "config": {"json_schema": schema_of(RECEIPT_SKILL)},
                },
            )
            assert r.status_code == 201
            assert arrived.wait(30)
        headers, body = got[0]
        signature = {k.lower(): v for k, v in headers.items()}["x-vlmrun-signature"]
        assert signature == "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        delivered = json.loads(body)
        assert delivered["id"] == r.json()["id"]
        assert delivered["status"] == "completed"
        assert delivered["response"] == expected_of(RECEIPT_DOC)
    finally:
        receiver.shutdown()
        receiver.server_close()


# --------------------------------------------------------------------------- files, hub, openapi


def test_files_crud_and_hash_lookup(server: Server):
    client = server.sdk()
    with server.http() as c:
        data = b"unique bytes " + os.urandom(8)
        created = c.post("/files", params={"purpose": "vision"}, files={"file": ("n.md", data)})
        assert created.status_code == 201
        info = created.json()
        assert info["object"] == "file" and info["purpose"] == "vision"
        assert info["bytes"] == len(data)
        assert set(info) == {
            "id",
            "filename",
            "bytes",
            "purpose",
            "created_at",
            "object",
            "public_url",
        }
        md5 = hashlib.md5(data).hexdigest()
        assert c.get(f"/files/hash/{md5}").json()["id"] == info["id"]
        assert c.get(f"/files/hash/{'0' * 32}").status_code == 404
        assert client.files.get(info["id"]).filename == "n.md"
        assert info["id"] in [f.id for f in client.files.list(limit=1000)]
        assert client.files.delete(info["id"]).id == info["id"]
        assert c.get(f"/files/{info['id']}").status_code == 404
        bad = c.post("/files", params={"purpose": "nonsense"}, files={"file": ("n.md", b"x")})
        assert bad.status_code == 422


def test_presigned_upload_path_of_the_sdk(server: Server, tmp_path: Path):
    doc = tmp_path / "big.txt"
    doc.write_bytes(b"Total: 12.50\n" + os.urandom(16).hex().encode())
    uploaded = server.sdk().files.upload(doc, method="presigned-url")
    assert uploaded.bytes == doc.stat().st_size
    with server.http() as c:
        assert c.get(f"/files/{uploaded.id}").json()["filename"] == "big.txt"


def test_hub_domains_and_schema(server: Server):
    client = server.sdk()
    domains = [d.domain for d in client.hub.list_domains()]
    assert "document.invoice" in domains and "document.receipt" in domains
    schema = client.hub.get_schema("document.invoice")
    assert schema.json_schema["type"] == "object" and "properties" in schema.json_schema
    assert len(schema.schema_hash) == 8
    assert client.get_schema("document.receipt").domain == "document.receipt"
    with server.http() as c:
        assert c.post("/hub/schema", json={"domain": "document.nope"}).status_code == 404


def test_openapi_describes_the_generate_request(server: Server):
    spec = httpx.get(f"http://127.0.0.1:{server.port}/openapi.json").json()
    schemas = spec["components"]["schemas"]
    request = schemas["DocumentFilePredictionRequest"]["properties"]
    assert set(request) == {
        "metadata",
        "config",
        "url",
        "file_id",
        "id",
        "created_at",
        "callback_url",
        "model",
        "domain",
        "batch",
    }
    assert request["batch"]["default"] is True
    config = schemas["GenerationConfig"]["properties"]
    assert {
        "prompt",
        "json_schema",
        "skills",
        "gql_stmt",
        "page_indices",
        "grounding",
        "confidence",
        "detail",
        "service_tier",
    } <= set(config)
    assert set(schemas["AgentSkill"]["properties"]) >= {
        "type",
        "skill_id",
        "skill_version",
        "source",
        "bundle",
    }
    generate = spec["paths"]["/v1/document/generate"]["post"]
    assert "201" in generate["responses"] and "422" in generate["responses"]
    assert generate["security"] == [{"HTTPBearer": []}]


# --------------------------------------------------------------------------- restart


def test_kill_mid_batch_then_restart_completes(tmp_path: Path, invoice_skill_payload: dict):
    data = tmp_path / "data"
    log = tmp_path / "server.log"
    # No key given: the server makes one and prints it once; the test hook holds jobs back.
    first = start_server(data, log, key=None, env={"SKILLKIT_SERVER_TEST_DELAY": "60"})
    try:
        client = first.sdk()
        prediction = client.document.generate(
            file=INVOICE_DOC,
            batch=True,
            config=GenerationConfig(skills=[AgentSkill(**invoice_skill_payload)]),
        )
        with first.http(first.key) as c:
            deadline = time.monotonic() + 10
            while c.get(f"/predictions/{prediction.id}").json()["status"] != "running":
                assert time.monotonic() < deadline
                time.sleep(0.05)
    finally:
        first.proc.kill()  # SIGKILL: no shutdown of any kind
        first.proc.wait()
    assert log.read_text().count(first.key) == 1  # printed once

    second = start_server(data, log, key=first.key, key_via_env=True, port=first.port)
    try:
        with second.http(first.key) as c:
            final = wait_for(c, prediction.id)
            assert final["status"] == "completed", final
            assert final["response"] == expected_of(INVOICE_DOC)
            assert c.get("/files").json()[0]["filename"] == INVOICE_DOC.name
    finally:
        second.stop()


# --------------------------------------------------------------------------- in-process


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_in_process_app_fetches_allowed_url(tmp_path: Path):
    """The runner's `--local` path: create_app + httpx.ASGITransport, no socket for the API."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "r.txt").write_bytes(RECEIPT_DOC.read_bytes())
    files = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: _Files(*a, directory=str(tmp_path / "www"))
    )
    threading.Thread(target=files.serve_forever, args=(0.05,), daemon=True).start()
    try:
        app = create_app(ServerSettings(url_allow_list=["127.0.0.1"], allow_private_urls=True))
    except BaseException:
        files.shutdown()
        files.server_close()
        raise

    async def run() -> dict:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://local") as c:
            assert (await c.get("/v1/health")).status_code == 200  # no key: auth disabled
            url = f"http://127.0.0.1:{files.server_address[1]}/r.txt"
            r = await c.post(
                "/v1/document/generate",
                json={
                    "url": url,
                    "batch": False,
                    "config": {"json_schema": schema_of(RECEIPT_SKILL)},
                },
            )
            assert r.status_code == 201
            return r.json()

    try:
        body = asyncio.run(run())
    finally:
        files.shutdown()
        files.server_close()
        app.state.runtime.close()
    assert body["status"] == "completed", body
    assert body["response"] == expected_of(RECEIPT_DOC)


def test_in_process_failed_prediction_says_why(tmp_path: Path):
    app = create_app(ServerSettings(data_dir=tmp_path / "d", api_key="k"))

    async def run() -> dict:
        transport = httpx.ASGITransport(app=app)
        headers = {"Authorization": "Bearer k"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://local", headers=headers
        ) as c:
            up = await c.post("/v1/files", files={"file": ("x.xyz", b"\x00\x01")})
            r = await c.post(
                "/v1/document/generate",
                json={
                    "file_id": up.json()["id"],
                    "batch": False,
                    "config": {"json_schema": {"type": "object"}},
                },
            )
            return r.json()

    try:
        body = asyncio.run(run())
    finally:
        app.state.runtime.close()
    assert body["status"] == "failed"
    assert body["response"]["error"] and body["usage"]["message"] == body["response"]["error"]


# --------------------------------------------------------------------------- CLI errors


def test_serve_port_in_use_is_one_line(tmp_path: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli(
            "serve", "--port", str(port), "--data-dir", tmp_path / "d", "--api-key", "k"
        )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: port {port} on 127.0.0.1 is already in use; stop what uses it or pick "
        "another with --port (0 picks a free one)"
    )


def test_serve_unwritable_data_dir_is_one_line(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_cli(
        "serve", "--port", str(free_port()), "--data-dir", blocker / "sub", "--api-key", "k"
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write to the data dir" in lines[0]
    assert "Traceback" not in result.output


def test_data_dir_used_by_another_server_is_refused(tmp_path: Path):
    app = create_app(ServerSettings(data_dir=tmp_path / "d"))
    try:
        result = run_cli(
            "serve", "--port", str(free_port()), "--data-dir", tmp_path / "d", "--api-key", "k"
        )
        assert result.exit_code == 2
        assert "another skillkit server is using this data dir" in result.stderr
    finally:
        app.state.runtime.close()


def test_skill_reference_picks_the_newest_version(tmp_path: Path):
    """A referenced skill resolves by frontmatter name; the newest metadata.version wins."""
    from skillkit.server.skills import find_referenced_skill

    for version in ("1.2", "1.10"):
        make_skill(
            tmp_path,
            "tally",
            folder=f"tally-{version}",
            frontmatter_text=f"name: tally\ndescription: Use when testing.\n"
            f'metadata:\n  version: "{version}"\n',
        )
    assert find_referenced_skill("tally", "latest", [tmp_path]).root.name == "tally-1.10"
    assert find_referenced_skill("tally", "1.2", [tmp_path]).root.name == "tally-1.2"
    with pytest.raises(LookupError, match="tally@1.10"):
        find_referenced_skill("tally", "3", [tmp_path])


def test_in_process_without_hub_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from skillkit.server import hub

    monkeypatch.setitem(sys.modules, "vlmrun.hub.registry", None)  # as if not installed
    hub._registry.cache_clear()
    hub._domain_schema.cache_clear()
    app = create_app(ServerSettings(data_dir=tmp_path / "d"))

    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://local") as c:
            up = await c.post("/v1/files", files={"file": ("r.txt", b"Total: 1")})
            return await c.post(
                "/v1/document/generate",
                json={"file_id": up.json()["id"], "domain": "document.receipt"},
            )

    try:
        r = asyncio.run(run())
    finally:
        app.state.runtime.close()
        hub._registry.cache_clear()
        hub._domain_schema.cache_clear()
    assert r.status_code == 422
    (err,) = r.json()["detail"]
    assert err["loc"] == ["body", "domain"] and "skillkit-vlm[hub]" in err["msg"]


def test_in_process_chunked_body_over_the_limit_is_413(tmp_path: Path):
    app = create_app(ServerSettings(data_dir=tmp_path / "d", max_upload_bytes=1000))
    boundary = "skillkitboundary"

    async def body() -> AsyncIterator[bytes]:
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        for _ in range(40):  # 2.5 MB, no Content-Length: the guard counts as it reads
            yield b"x" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://local") as c:
            return await c.post(
                "/v1/files",
                content=body(),
                headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            )

    try:
        r = asyncio.run(run())
    finally:
        app.state.runtime.close()
    assert r.status_code == 413
    assert "content-length" not in {k.lower() for k in r.request.headers}


def test_serve_port_zero_picks_a_free_port_and_says_which(tmp_path: Path) -> None:
    import selectors

    cmd = [
        sys.executable,
        "-m",
        "skillkit",
        "serve",
        "--port",
        "0",
        "--api-key",
        "k",
        "--data-dir",
        str(tmp_path / "data"),
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        selector = selectors.DefaultSelector()
        selector.register(proc.stdout, selectors.EVENT_READ)
        assert selector.select(timeout=60), "serve printed nothing within 60 s"
        first = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/v1", first)
        assert match, first
        port = int(match.group(1))
        assert port != 0
        deadline = time.monotonic() + 60
        while True:  # bounded readiness poll
            try:
                answer = httpx.get(
                    f"http://127.0.0.1:{port}/v1/health",
                    headers={"Authorization": "Bearer k"},
                    timeout=2,
                )
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server never became ready"
        assert answer.status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_official_vlmrun_cli_with_a_skill_folder(server: Server) -> None:
    """`vlmrun generate --skill DIR` (the SDK's own packer, from_directory) works unchanged."""
    cli = "import sys; from vlmrun.cli.cli import app; sys.argv[0] = 'vlmrun'; sys.exit(app())"
    cmd = [
        sys.executable,
        "-c",
        cli,
        "--base-url",
        server.base_url,
        "--api-key",
        server.key,
        "generate",
        "-i",
        str(INVOICE_DOC),
        "--skill",
        str(INVOICE_SKILL),
        "-f",
        "json",
        "--timeout",
        "60",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    start = proc.stdout.index("{")
    prediction = json.loads(proc.stdout[start:])
    assert prediction["status"] == "completed"
    assert prediction["response"] == expected_of(INVOICE_DOC)


def test_serve_limit_flags_reach_the_engine(tmp_path: Path):
    """`--max-text-chars` (like --job-seconds, --job-memory-mb, --max-pages) is the limit the
    engine applies: a document over it fails its prediction naming the limit."""
    server = start_server(tmp_path / "d", tmp_path / "log", "--max-text-chars", "20")
    try:
        with server.http() as c:
            up = c.post("/files", files={"file": ("long.txt", b"Total: 10\n" * 10)})
            assert up.status_code == 201, up.text
            body = {
                "file_id": up.json()["id"],
                "batch": False,
                "config": {"json_schema": {"type": "object"}},
            }
            answer = c.post("/document/generate", json=body).json()
    finally:
        server.stop()
    assert answer["status"] == "failed"
    assert "over the limit of 20 characters (limits.text_chars)" in answer["response"]["error"]


# --------------------------------------------------------------------------- --latency

TOTAL_SCHEMA = {"type": "object", "properties": {"total": {"type": ["number", "null"]}}}


def test_latency_holds_predictions_without_holding_a_worker(tmp_path: Path):
    """`skillkit serve --latency S`: every prediction is processed at once and then waits,
    done, until S after it was submitted; the waiting ones do not occupy the (single) worker:
    all of them are processed and wait at once, still `running`."""
    app = create_app(
        ServerSettings(data_dir=tmp_path / "d", api_key="k", workers=1, latency_seconds=600)
    )
    runtime = app.state.runtime
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": "Bearer k"}

    async def submit() -> list[dict]:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://local", headers=headers
        ) as c:
            up = await c.post("/v1/files", files={"file": ("r.txt", b"Total: 12.50\n")})
            bodies = []
            for _ in range(3):
                r = await c.post(
                    "/v1/document/generate",
                    json={
                        "file_id": up.json()["id"],
                        "batch": True,
                        "config": {"json_schema": TOTAL_SCHEMA},
                    },
                )
                assert r.status_code == 201, r.text
                bodies.append(r.json())
            return bodies

    async def statuses(ids: list[str]) -> list[str]:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://local", headers=headers
        ) as c:
            return [(await c.get(f"/v1/predictions/{i}")).json()["status"] for i in ids]

    try:
        bodies = asyncio.run(submit())
        ids = [b["id"] for b in bodies]
        assert [b["status"] for b in bodies] == ["pending"] * 3
        # the one worker processed all three; they wait in the latency heap, none in the queue
        with runtime._delayed_cv:
            assert runtime._delayed_cv.wait_for(lambda: len(runtime._delayed) == 3, timeout=60)
            waiting = sorted(done.prediction_id for _, _, done in runtime._delayed)
            assert all(done.status == "completed" for _, _, done in runtime._delayed)
        assert waiting == sorted(ids)
        assert runtime._queue.qsize() == 0
        assert asyncio.run(statuses(ids)) == ["running"] * 3  # not completed before they are due
    finally:
        runtime.close()


def test_latency_is_added_to_each_prediction(tmp_path: Path):
    app = create_app(ServerSettings(data_dir=tmp_path / "d", api_key="k", latency_seconds=0.2))

    async def run() -> dict:
        transport = httpx.ASGITransport(app=app)
        headers = {"Authorization": "Bearer k"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://local", headers=headers
        ) as c:
            up = await c.post("/v1/files", files={"file": ("r.txt", b"Total: 12.50\n")})
            r = await c.post(
                "/v1/document/generate",
                json={
                    "file_id": up.json()["id"],
                    "batch": False,
                    "config": {"json_schema": TOTAL_SCHEMA},
                },
            )
            return r.json()

    try:
        body = asyncio.run(run())
    finally:
        app.state.runtime.close()
    assert body["status"] == "completed", body
    created = datetime.fromisoformat(body["created_at"].replace("Z", "+00:00"))
    completed = datetime.fromisoformat(body["completed_at"].replace("Z", "+00:00"))
    assert (completed - created).total_seconds() >= 0.2
