"""The FastAPI app: a VLM Run-compatible API over the local engine.

Routes live under /v1 and mirror the hosted API closely enough for the official `vlmrun` SDK
to work unchanged. Auth and the body-size limit are a pure ASGI middleware, so they apply before
any body is read and behave the same under uvicorn and under `httpx.ASGITransport`.
Public without a key: /openapi.json, /docs, /redoc, and the presigned-upload PUT (its URL
carries a one-time token, as a presigned URL does).

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

from fastapi import APIRouter, Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from skillkit import __version__
from skillkit.server import hub
from skillkit.server.jobs import RequestProblem, build_job, json_problem
from skillkit.server.models import (
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
        public = path in PUBLIC_PATHS or (
            path.startswith(UPLOAD_PUT_PREFIX) and scope.get("method") == "PUT"
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
