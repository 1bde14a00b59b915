"""The FastAPI app: a VLM Run-compatible API over the local engine.

Routes live under /v1 and mirror the hosted API closely enough for the official `vlmrun` SDK
to work unchanged. Auth and the body-size limit are a pure ASGI middleware, so they apply before
any body is read and behave the same under uvicorn and under `httpx.ASGITransport`.
Public without a key: /openapi.json, /docs, /redoc, the presigned-upload PUT (its URL
carries a one-time token, as a presigned URL does) and the skill-bundle GET a skill download
URL points at (a short-lived token of its own; server/registry.py).

Trust boundaries: a JSON body is scanned before it is parsed (nesting depth, NaN/Infinity:
422); every answer a route can give is in the OpenAPI; an unexpected error is a 500 with a
short JSON body (the traceback goes to the log only) and never drops the connection.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import math
import re
import secrets
import tempfile
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timezone
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, BinaryIO
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from skillkit import __version__
from skillkit.server import hub, registry
from skillkit.server.jobs import RequestProblem, build_job, json_problem
from skillkit.server.models import (
    MAX_SKILL_REF,
    DocumentFilePredictionRequest,
    ErrorResponse,
    FilePurpose,
    FileResponse,
    HealthResponse,
    HubDomainInfo,
    HubInfoResponse,
    HubSchemaRequest,
    PredictionResponse,
    PresignedUrlRequest,
    PresignedUrlResponse,
    SchemaRequest,
    SchemaResponse,
    SkillCreateRequest,
    SkillDownloadResponse,
    SkillInfo,
    SkillLookupRequest,
    SkillOrderBy,
    SkillUpdateRequest,
    new_id,
    utc_now,
)
from skillkit.server.settings import MAX_LIST_LIMIT, MAX_LIST_SKIP, ServerSettings
from skillkit.server.store import DuplicatePrediction, FileRecord, PredictionRecord, Store
from skillkit.server.urls import UrlPolicy
from skillkit.server.worker import Runtime

log = logging.getLogger("skillkit.server")

PUBLIC_PATHS = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})
UPLOAD_PUT_PREFIX = "/v1/files/upload/"
MULTIPART_OVERHEAD = 1024 * 1024  # form boundaries and headers around an upload
_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")

_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <api key>`")

ASGIApp = Callable[..., Awaitable[None]]

# Paging of the list routes (files, predictions), bounded the same way for both.
Skip = Annotated[int, Query(ge=0, le=MAX_LIST_SKIP)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIST_LIMIT)]

INTERNAL_ERROR = "internal error in the local server; its log has the details"


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


# What the OpenAPI says each route may answer besides its success (and FastAPI's own 422).
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: _error("Missing, malformed or wrong API key."),
}
BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("The body could not be read (a broken multipart form or JSON text)."),
    413: _error("The request body is over the server's upload limit."),
}
NOT_FOUND = {404: _error("No such object.")}


# --------------------------------------------------------------------------- ASGI guard


class _BodyTooLarge(Exception):
    pass


async def _send_json(
    send: Callable[..., Awaitable[None]],
    status: int,
    payload: Any,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _too_large_detail(limit: int) -> dict[str, str]:
    mb = limit / (1024 * 1024)
    size = f"{mb:g} MB" if mb >= 1 else f"{limit} bytes"
    return {
        "detail": f"request body too large: this server accepts uploads up to {size} "
        "(skillkit serve --max-upload-mb)"
    }


def check_api_key(expected: str | None, header: str | None) -> str | None:
    """None when the Authorization header carries the key; otherwise why not."""
    if expected is None:
        return None
    if not header:
        return (
            "missing API key: send the header 'Authorization: Bearer <key>' (the key "
            "`skillkit serve` printed or was given with --api-key)"
        )
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return "malformed Authorization header: expected 'Bearer <key>'"
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        return "invalid API key"
    return None


class GuardMiddleware:
    """Auth on every non-public route, a request-body limit (413), and lazy worker start."""

    def __init__(self, app: ASGIApp, *, settings: ServerSettings, runtime: Runtime):
        self.app = app
        self.settings = settings
        self.runtime = runtime
        self.body_limit = settings.max_upload_bytes + MULTIPART_OVERHEAD

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.runtime.ensure_started()
        path = scope.get("path", "")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope.get("method")
        public = (
            path in PUBLIC_PATHS
            or (path.startswith(UPLOAD_PUT_PREFIX) and method == "PUT")
            or (method == "GET" and registry.BUNDLE_PATH.match(path) is not None)
        )
        if not public:
            problem = check_api_key(self.settings.api_key, headers.get("authorization"))
            if problem:
                await _send_json(send, 401, {"detail": problem}, [(b"www-authenticate", b"Bearer")])
                return
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.body_limit:
            await _send_json(send, 413, _too_large_detail(self.settings.max_upload_bytes))
            return
        received = 0
        exceeded = False
        started = False

        async def limited_receive() -> dict:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.body_limit:
                    exceeded = True
                    raise _BodyTooLarge()
            return message

        async def guarded_send(message: dict) -> None:
            nonlocal started
            if exceeded:
                return  # whatever the app answers, the client gets the 413
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception as exc:
            if not exceeded:
                # Answered here, not re-raised: the client gets a short 500 and the
                # connection stays usable (re-raised, the ASGI server would drop it).
                log.error("unexpected error on %s %s", scope.get("method"), path, exc_info=exc)
                if not started:
                    await _send_json(send, 500, {"detail": INTERNAL_ERROR})
                return
        if exceeded and not started:
            await _send_json(send, 413, _too_large_detail(self.settings.max_upload_bytes))


# --------------------------------------------------------------------------- helpers


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def _store(request: Request) -> Store:
    return request.app.state.runtime.store


def _settings(request: Request) -> ServerSettings:
    return request.app.state.settings


def _authorize(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Declares HTTPBearer in the OpenAPI; the middleware has already checked the key."""
    header = f"Bearer {credentials.credentials}" if credentials else None
    problem = check_api_key(_settings(request).api_key, header)
    if problem:
        raise HTTPException(401, problem, headers={"WWW-Authenticate": "Bearer"})


def _finite(value: Any) -> Any:
    """`value` with every NaN/Infinity replaced by None, so that it can be sent as JSON
    (iterative: a deep value cannot exhaust the stack)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if not isinstance(value, (dict, list)):
        return value
    root: Any = {} if isinstance(value, dict) else []
    stack = [(value, root)]
    while stack:
        source, target = stack.pop()
        items = source.items() if isinstance(source, dict) else enumerate(source)
        for key, item in items:
            if isinstance(item, (dict, list)):
                copy: Any = {} if isinstance(item, dict) else []
                stack.append((item, copy))
                item = copy
            elif isinstance(item, float) and not math.isfinite(item):
                item = None
            if isinstance(target, dict):
                target[key] = item
            else:
                target.append(item)
    return root


class CheckedJsonRoute(APIRoute):
    """A route whose JSON body is scanned before FastAPI parses it: nested deeper than
    MAX_JSON_DEPTH, or holding NaN/Infinity, is a 422 in FastAPI's own shape."""

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            content_type = request.headers.get("content-type", "")
            if request.method in ("POST", "PUT", "PATCH") and (
                not content_type or "json" in content_type.split(";", 1)[0].lower()
            ):
                problem = json_problem(await request.body())
                if problem:
                    raise RequestValidationError(
                        [{"type": "json_invalid", "loc": ("body",), "msg": problem, "input": None}]
                    )
            return await handler(request)

        return checked


def _clean_filename(name: str | None) -> str:
    base = (name or "").replace("\\", "/")
    base = PurePosixPath(base).name.strip() or "upload"
    return base[:255]


def _stored_name(file_id: str, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()
    return file_id + (suffix if _SUFFIX.match(suffix) else "")


class _UploadSink:
    """An upload written to disk as it arrives: its size, its md5, and a 413 past the limit.

    One implementation for the multipart upload (a sync stream) and the presigned PUT (async
    chunks); an upload that fails part-way leaves no file behind."""

    def __init__(self, dest: Path, limit: int) -> None:
        self.dest = dest
        self.limit = limit
        self.size = 0
        self._digest = hashlib.md5()
        self._out: BinaryIO | None = None

    def __enter__(self) -> _UploadSink:
        self._out = self.dest.open("wb")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        assert self._out is not None
        self._out.close()
        if exc_type is not None:
            self.dest.unlink(missing_ok=True)

    def write(self, chunk: bytes) -> None:
        assert self._out is not None
        self.size += len(chunk)
        if self.size > self.limit:
            raise HTTPException(413, _too_large_detail(self.limit)["detail"])
        self._digest.update(chunk)
        self._out.write(chunk)

    @property
    def md5(self) -> str:
        return self._digest.hexdigest()


def _not_found(kind: str, ident: str) -> HTTPException:
    return HTTPException(404, f"{kind} {ident!r} not found")


# --------------------------------------------------------------------------- routes

router = APIRouter(
    prefix="/v1",
    dependencies=[Depends(_authorize)],
    responses=AUTH_ERRORS,
    route_class=CheckedJsonRoute,
)
public_router = APIRouter(prefix="/v1")


@router.get("/health", tags=["health"], response_model=HealthResponse)
def health() -> HealthResponse:
    """Liveness and key check (the SDK calls it when a client is created)."""
    return HealthResponse(version=__version__)


@router.head("/health", tags=["health"], operation_id="health_head_v1_health_head")
def health_head() -> Response:
    """Liveness and key check without a body."""
    return Response(status_code=200, media_type="application/json")


@router.post(
    "/files",
    tags=["files"],
    status_code=201,
    response_model=FileResponse,
    responses=BODY_ERRORS,
)
def upload_file(
    request: Request,
    file: Annotated[UploadFile, File(description="The document to upload.")],
    purpose: Annotated[FilePurpose, Query(description="Purpose of the file.")] = "assistants",
) -> FileResponse:
    """Upload a document (multipart field `file`)."""
    store, settings = _store(request), _settings(request)
    file_id = new_id()
    filename = _clean_filename(file.filename)
    stored = _stored_name(file_id, filename)
    with _UploadSink(store.files_dir / stored, settings.max_upload_bytes) as sink:
        while chunk := file.file.read(1024 * 1024):
            sink.write(chunk)
    record = FileRecord(
        id=file_id,
        filename=filename,
        bytes=sink.size,
        purpose=purpose,
        md5=sink.md5,
        created_at=utc_now(),
        stored_name=stored,
    )
    store.add_file(record)
    return record.to_response()


@router.get("/files", tags=["files"], response_model=list[FileResponse])
def list_files(
    request: Request,
    skip: Skip = 0,
    limit: Limit = 10,
) -> list[FileResponse]:
    """Uploaded files, newest first."""
    return [r.to_response() for r in _store(request).list_files(skip, limit)]


@router.get("/files/hash/{md5}", tags=["files"], response_model=FileResponse, responses=NOT_FOUND)
def get_file_by_hash(request: Request, md5: str) -> FileResponse:
    """The newest upload with these bytes (the SDK's de-duplication check); 404 if none."""
    record = _store(request).get_file_by_md5(md5)
    if record is None:
        raise HTTPException(404, f"no file with md5 {md5!r} has been uploaded")
    return record.to_response()


def _own_base(request: Request) -> str:
    """The server's own base URL: configured, else the address it listens on (the ASGI
    server's socket), never the client's Host header."""
    configured = _settings(request).public_base_url
    if configured:
        return configured.rstrip("/")
    server = request.scope.get("server")
    if server and server[0]:
        host, port = str(server[0]), server[1]
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}" if port else f"http://{host}"
    return "http://127.0.0.1"


@router.post(
    "/files/presigned-url",
    tags=["files"],
    response_model=PresignedUrlResponse,
    responses=BODY_ERRORS,
)
def presigned_url(request: Request, body: PresignedUrlRequest) -> PresignedUrlResponse:
    """What the SDK uses for files over 32 MB: a one-time PUT URL on this server."""
    store = _store(request)
    file_id = new_id()
    filename = _clean_filename(body.filename)
    token = secrets.token_urlsafe(24)
    record = FileRecord(
        id=file_id,
        filename=filename,
        bytes=0,
        purpose=body.purpose,
        md5="",
        created_at=utc_now(),
        stored_name=_stored_name(file_id, filename),
        state="awaiting_upload",
        upload_token=token,
    )
    store.add_file(record)
    url = f"{_own_base(request)}{UPLOAD_PUT_PREFIX}{file_id}?token={token}"
    return PresignedUrlResponse(
        id=file_id,
        url=url,
        filename=filename,
        content_type="application/octet-stream",
        created_at=record.created_at,
        expiration=body.expiration,
    )


@public_router.put(
    "/files/upload/{file_id}", tags=["files"], name="put_upload", include_in_schema=False
)
async def put_upload(request: Request, file_id: str, token: Annotated[str, Query()]) -> dict:
    """The presigned PUT target; authorised by its one-time token. Single use: the first PUT
    claims the upload atomically, a concurrent or later one gets 409 (a PUT that fails
    part-way releases it, so the URL can be retried)."""
    store, settings = _store(request), _settings(request)
    record = store.get_file(file_id, any_state=True)
    if (
        record is None
        or not record.upload_token
        or not hmac.compare_digest(record.upload_token.encode(), token.encode())
    ):
        raise HTTPException(403, "this upload URL is not valid (unknown file or wrong token)")
    if not store.claim_upload(file_id):
        raise HTTPException(409, "this upload URL has already been used (or is in use)")
    try:
        with _UploadSink(store.file_path(record), settings.max_upload_bytes) as sink:
            async for chunk in request.stream():
                sink.write(chunk)
    except BaseException:
        store.release_upload(file_id)
        raise
    if not store.finish_upload(file_id, size=sink.size, md5=sink.md5):
        store.file_path(record).unlink(missing_ok=True)  # deleted while it arrived
        raise _not_found("file", file_id)
    return {"id": file_id, "bytes": sink.size}


@router.get(
    "/files/verify-upload/{file_id}",
    tags=["files"],
    response_model=FileResponse,
    responses=NOT_FOUND,
)
def verify_upload(request: Request, file_id: str) -> FileResponse:
    """Confirms a presigned upload arrived."""
    record = _store(request).get_file(file_id)
    if record is None:
        raise HTTPException(404, f"file {file_id!r} not found or its upload has not arrived")
    return record.to_response()


@router.get("/files/{file_id}", tags=["files"], response_model=FileResponse, responses=NOT_FOUND)
def get_file(request: Request, file_id: str) -> FileResponse:
    record = _store(request).get_file(file_id)
    if record is None:
        raise _not_found("file", file_id)
    return record.to_response()


@router.delete("/files/{file_id}", tags=["files"], response_model=FileResponse, responses=NOT_FOUND)
def delete_file(request: Request, file_id: str) -> FileResponse:
    """Deletes the file and its bytes; answers the deleted record."""
    record = _store(request).delete_file(file_id)
    if record is None:
        raise _not_found("file", file_id)
    return record.to_response()


@router.post(
    "/document/generate",
    tags=["document"],
    status_code=201,
    response_model=PredictionResponse,
    summary="Document Generate",
    operation_id="document_generate_v1_document_generate_post",
    responses={
        **BODY_ERRORS,
        404: _error("The file_id or a skill_reference is unknown."),
        409: _error("A prediction with this id already exists."),
    },
)
async def document_generate(
    request: Request, body: DocumentFilePredictionRequest
) -> PredictionResponse:
    """Generate structured prediction for the given document.

    `batch: true` (the default) answers `pending` at once; poll GET /v1/predictions/{id}.
    `batch: false` answers the finished prediction.
    """
    runtime, store, settings = _runtime(request), _store(request), _settings(request)
    if store.prediction_exists(body.id):
        raise _duplicate(body.id)
    job = await run_in_threadpool(build_job, body, settings, store)
    created = body.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=timezone.utc)
    callback = str(body.callback_url) if body.callback_url is not None else None
    record = PredictionRecord(
        id=body.id,
        created_at=created,
        status="pending",
        job=job,
        domain=body.domain,
        callback_url=callback,
        callback_status="pending" if callback else None,
    )
    try:
        store.add_prediction(record)
    except DuplicatePrediction as exc:  # the same id in two concurrent requests
        raise _duplicate(body.id) from exc
    future = runtime.submit(record.id)
    if body.batch:
        return record.to_response()
    final = await asyncio.wrap_future(future)
    return final.to_response()


def _duplicate(prediction_id: str) -> HTTPException:
    return HTTPException(409, f"a prediction with id {prediction_id!r} already exists")


@router.get(
    "/predictions/{prediction_id}",
    tags=["predictions"],
    response_model=PredictionResponse,
    responses=NOT_FOUND,
)
def get_prediction(request: Request, prediction_id: str) -> PredictionResponse:
    record = _store(request).get_prediction(prediction_id)
    if record is None:
        raise _not_found("prediction", prediction_id)
    return record.to_response()


@router.get("/predictions", tags=["predictions"], response_model=list[PredictionResponse])
def list_predictions(
    request: Request,
    skip: Skip = 0,
    limit: Limit = 10,
) -> list[PredictionResponse]:
    """Predictions, newest first."""
    return [r.to_response() for r in _store(request).list_predictions(skip, limit)]


def _schema_response(domain: str) -> SchemaResponse:
    try:
        found = hub.domain_schema(domain)
    except hub.HubUnavailable as exc:
        raise RequestProblem(422, str(exc), ("body", "domain")) from exc
    except hub.UnknownDomain as exc:
        raise HTTPException(404, str(exc)) from exc
    return SchemaResponse(
        domain=found.domain,
        description=found.description,
        schema_version=found.schema_version,
        schema_hash=found.schema_hash,
        json_schema=found.json_schema,
    )


def _no_gql(gql_stmt: str | None, *loc: str) -> None:
    if gql_stmt:
        raise RequestProblem(
            422,
            "gql_stmt is not supported by the local server; use the domain's json_schema",
            ("body", *loc),
        )


HUB_MISSING = {404: _error("vlmrun-hub is not installed, or the domain is unknown.")}


@router.get("/hub/info", tags=["hub"], response_model=HubInfoResponse, responses=HUB_MISSING)
def hub_info() -> HubInfoResponse:
    try:
        return HubInfoResponse(version=hub.hub_version())
    except hub.HubUnavailable as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/hub/domains", tags=["hub"], response_model=list[HubDomainInfo], responses=HUB_MISSING)
def hub_domains() -> list[HubDomainInfo]:
    """Domains from vlmrun-hub (extra `skillkit[hub]`)."""
    try:
        return [HubDomainInfo(**d) for d in hub.list_domains()]
    except hub.HubUnavailable as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/domains", tags=["hub"], response_model=list[HubDomainInfo], responses=HUB_MISSING)
def domains() -> list[HubDomainInfo]:
    """Same as /v1/hub/domains (the SDK's `client.list_domains()` calls this path)."""
    return hub_domains()


@router.post(
    "/hub/schema",
    tags=["hub"],
    response_model=SchemaResponse,
    responses={**BODY_ERRORS, **HUB_MISSING},
)
def hub_schema(body: HubSchemaRequest) -> SchemaResponse:
    """A domain's JSON Schema."""
    _no_gql(body.gql_stmt, "gql_stmt")
    return _schema_response(body.domain)


@router.post(
    "/schema",
    tags=["hub"],
    response_model=SchemaResponse,
    responses={**BODY_ERRORS, **HUB_MISSING},
)
def schema(body: SchemaRequest) -> SchemaResponse:
    """A domain's JSON Schema (the SDK's `client.get_schema`)."""
    _no_gql(body.config.gql_stmt if body.config else None, "config", "gql_stmt")
    return _schema_response(body.domain)


# --------------------------------------------------------------------------- skill registry

SKILL_NOT_FOUND = {404: _error("No skill with this id, nor a published skill of this name.")}
SKILL_EXISTING = {
    200: {
        "model": SkillInfo,
        "description": "This name already has a version with this bundle (same sha256): that "
        "version, unchanged (publishing is idempotent).",
    }
}
SKILL_CLASH = {
    409: _error("Another bundle already holds this version (the same 8 hex on the same day).")
}


def _skill_or_404(store: Store, skill_id: str) -> Any:
    record = registry.find(store, skill_id)
    if record is None:
        raise HTTPException(
            404,
            f"skill {registry.shown(skill_id)} not found in the skill registry (neither a "
            "skill id nor the name of a published skill)",
        )
    return record


@router.get(
    "/skills",
    tags=["skills"],
    response_model=list[SkillInfo],
    summary="List Skills",
)
def list_skills(
    request: Request,
    limit: Limit = 25,
    offset: Skip = 0,
    order_by: Annotated[SkillOrderBy, Query(description="Sort field.")] = "created_at",
    descending: Annotated[bool, Query(description="Sort direction.")] = True,
    grouped: Annotated[
        bool, Query(description="Only the latest version of each skill name.")
    ] = False,
) -> list[SkillInfo]:
    """Registry skills, one entry per version (`grouped`: the newest version of each name);
    ties in the sort field go by publishing order."""
    records = _store(request).list_skills(
        limit=limit, offset=offset, order_by=order_by, descending=descending, grouped=grouped
    )
    return [r.to_response() for r in records]


@router.post(
    "/skills/lookup",
    tags=["skills"],
    response_model=SkillInfo,
    summary="Lookup Skill",
    responses={**BODY_ERRORS, **SKILL_NOT_FOUND},
)
def lookup_skill(request: Request, body: SkillLookupRequest) -> SkillInfo:
    """A skill by name at `skill_version` (or the deprecated `version`); `latest` or none:
    the newest version."""
    store = _store(request)
    problem = registry.name_error(body.name)
    if problem:
        raise RequestProblem(422, f"name {registry.shown(body.name)} {problem}", ("body", "name"))
    version = body.skill_version if body.skill_version is not None else body.version
    if version is not None and len(str(version)) > MAX_SKILL_REF:
        raise RequestProblem(
            422, f"skill_version is over {MAX_SKILL_REF} characters", ("body", "skill_version")
        )
    record = registry.find_version(store, body.name, version)
    if record is None:
        raise HTTPException(404, registry.not_found_message(store, body.name, version))
    return record.to_response()


@router.post(
    "/skills/create",
    tags=["skills"],
    status_code=201,
    response_model=SkillInfo,
    summary="Create Skill",
    responses={
        **SKILL_EXISTING,
        **BODY_ERRORS,
        404: _error("The file_id is unknown."),
        **SKILL_CLASH,
    },
)
def create_skill(request: Request, response: Response, body: SkillCreateRequest) -> SkillInfo:
    """Publish a skill: an uploaded skill zip (`file_id`, checked like `skillkit inspect`),
    or a `prompt` (the SKILL.md body) with an optional `json_schema` (its schema.json).
    201 with a new version; 200 with the existing one when this name already has the bundle."""
    store = _store(request)
    given = [k for k in ("file_id", "prompt", "session_id") if getattr(body, k) is not None]
    if len(given) != 1:
        raise RequestProblem(
            422,
            "give exactly one of file_id (an uploaded skill zip), prompt (with an optional "
            f"json_schema) or session_id; got {', '.join(given) or 'none'}",
            ("body", given[1] if len(given) > 1 else "file_id"),
        )
    if body.session_id is not None:
        raise RequestProblem(
            422,
            "session_id is not supported by the local server (it has no chat sessions); "
            "create the skill from file_id or prompt",
            ("body", "session_id"),
        )
    if body.file_id is not None:
        if body.json_schema is not None:
            raise RequestProblem(
                422,
                "json_schema goes with prompt; a skill zip carries its own schema.json",
                ("body", "json_schema"),
            )
        bundle = registry.read_upload(store, body.file_id)
        loc = "file_id"
    else:
        assert body.prompt is not None
        bundle = registry.create_from_prompt(
            body.prompt, body.json_schema, body.name, body.description
        )
        loc = "prompt"
    record, created = registry.publish(
        store, bundle, name=body.name, description=body.description, loc=loc
    )
    response.status_code = 201 if created else 200
    return record.to_response()


@router.get(
    "/skills/{skill_id}",
    tags=["skills"],
    response_model=SkillInfo,
    summary="Get Skill",
    responses=SKILL_NOT_FOUND,
)
def get_skill(request: Request, skill_id: str) -> SkillInfo:
    """The version this id names; a skill name instead of an id: its newest version."""
    return _skill_or_404(_store(request), skill_id).to_response()


@router.post(
    "/skills/{skill_id}/update",
    tags=["skills"],
    status_code=201,
    response_model=SkillInfo,
    summary="Update Skill",
    responses={**SKILL_EXISTING, **BODY_ERRORS, **SKILL_NOT_FOUND, **SKILL_CLASH},
)
def update_skill(
    request: Request, response: Response, skill_id: str, body: SkillUpdateRequest
) -> SkillInfo:
    """A new version of the skill this id (or name) belongs to, from an uploaded zip whose
    frontmatter name is the skill's. 201 with the new version; 200 with the existing one when
    the skill already has this bundle."""
    store = _store(request)
    current = _skill_or_404(store, skill_id)
    if body.file_id is None:
        raise RequestProblem(
            422,
            "file_id is required: versions are immutable and named by their bundle, so a new "
            "version needs a new skill zip (upload it with POST /v1/files)",
            ("body", "file_id"),
        )
    bundle = registry.read_upload(store, body.file_id)
    record, created = registry.publish(
        store, bundle, name=None, description=body.description, skill_name=current.name
    )
    response.status_code = 201 if created else 200
    return record.to_response()


@router.get(
    "/skills/{skill_id}/download",
    tags=["skills"],
    response_model=SkillDownloadResponse,
    summary="Download Skill",
    responses=SKILL_NOT_FOUND,
)
def download_skill(request: Request, skill_id: str) -> SkillDownloadResponse:
    """A short-lived URL of this server answering the version's zip (no API key needed: the
    URL's token is good for this one bundle only, until `expires_at`)."""
    store, settings = _store(request), _settings(request)
    record = _skill_or_404(store, skill_id)
    return registry.issue_download(
        store, record, _own_base(request), settings.skill_download_seconds
    )


@public_router.get(
    "/skills/{skill_id}/bundle", tags=["skills"], name="skill_bundle", include_in_schema=False
)
def skill_bundle(
    request: Request, skill_id: str, token: Annotated[str, Query(max_length=256)]
) -> Response:
    """What a skill download URL points at; authorised by its token, not the API key."""
    store = _store(request)
    record = registry.check_download(store, skill_id, token)
    try:
        data = store.read_skill_bundle(record)
    except OSError as exc:
        raise _not_found("skill bundle", skill_id) from exc
    # The name passed the skill name rule (no quotes, no separators) but may be non-ASCII.
    filename = f"{record.name}-{record.skill_version}.zip"
    plain = filename if filename.isascii() else f"skill-{record.skill_version}.zip"
    return Response(
        data,
        media_type="application/zip",
        headers={
            "Content-Disposition": f"attachment; filename=\"{plain}\"; filename*=UTF-8''"
            + quote(filename, safe=""),
            "ETag": f'"{record.bundle_sha256}"',
            "Cache-Control": "no-store",
        },
    )


# --------------------------------------------------------------------------- app


async def _request_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestProblem)
    if exc.loc is not None and exc.status == 422:
        detail: Any = [
            {"type": "value_error", "loc": list(exc.loc), "msg": exc.message, "input": None}
        ]
    else:
        detail = exc.message
    return JSONResponse({"detail": detail}, status_code=exc.status)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's 422, with any NaN/Infinity in the echoed input made JSON-safe."""
    assert isinstance(exc, RequestValidationError)
    detail = _finite(jsonable_encoder(exc.errors()))
    return JSONResponse({"detail": detail}, status_code=422)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """Last resort (GuardMiddleware answers first): short JSON, the traceback only logged."""
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": INTERNAL_ERROR}, status_code=500)


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """A ready app; its workers start on the first request or on lifespan startup.

    The app owns `app.state.runtime` (store + workers); `app.state.runtime.close()` stops it
    (lifespan shutdown does this under uvicorn).
    """
    settings = replace(settings) if settings is not None else ServerSettings()
    temp_dir: Path | None = None
    if settings.data_dir is None:
        temp_dir = Path(tempfile.mkdtemp(prefix="skillkit-server-"))
        settings.data_dir = temp_dir
    data_dir = Path(settings.data_dir).expanduser().resolve()
    settings.data_dir = data_dir
    settings.skills_dirs = [Path(p) for p in settings.skills_dirs]
    store = Store(data_dir)
    runtime = Runtime(settings, store, temp_dir=temp_dir)
    # Callbacks obey the same URL rules as `url` documents.
    runtime.webhooks.policy = UrlPolicy.from_settings(settings)
    runtime.webhooks.timeout = settings.webhook_timeout_seconds
    if temp_dir is not None:
        import shutil

        weakref.finalize(runtime, shutil.rmtree, temp_dir, True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime.ensure_started()
        try:
            yield
        finally:
            runtime.close()

    app = FastAPI(
        title="skillkit local server (VLM Run-compatible)",
        description="A VLM Run-compatible API over skillkit's deterministic local engine: "
        "no model, no network. Works with the official `vlmrun` SDK "
        "(`VLMRun(api_key=..., base_url='http://127.0.0.1:8000/v1')`).",
        version=__version__,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.runtime = runtime
    app.include_router(router)
    app.include_router(public_router)
    app.add_exception_handler(RequestProblem, _request_problem)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(GuardMiddleware, settings=settings, runtime=runtime)
    return app
