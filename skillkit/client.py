"""A small client for VLM Run-compatible services (hosted, `skillkit serve`, or in-process).

Why not the official SDK: its `predictions.wait` polls every 5 s and keeps polling a *failed*
prediction until its timeout, and it has no async client. This client polls after a tenth of
the time waited so far (0.05 s to 2 s: a result is seen within ~10 % of its time), stops at once
on `failed` with the server's reason, and retries transient errors with jittered exponential
backoff (bounded in attempts and in total time).

Sync `Client` and async `AsyncClient` share every line of request building, retrying, polling and
error mapping: each operation is written once as a generator that yields `httpx.Request`s (and
`_Sleep`s) and receives `httpx.Response`s; the two clients only differ in how they perform the I/O.

In-process mode is a transport: `skillkit.server.inprocess` hosts the local server's ASGI app and
hands it to these clients (`local_client()`, `local_async_client()`): no socket, no key, no
network. This module never imports `skillkit.server`, so it works on a core install.

Timeouts and retries (three limits, each bounding the one above it)::

    per-request timeout  `request_timeout` (default 30 s, DEFAULT_REQUEST_TIMEOUT): how long one
                         HTTP attempt may wait for the connection (at most 10 s), for the server
                         to take the request, and between two chunks of the answer. A stall ends
                         as a read timeout, which is transient: it is retried like a 503.
    retry budget         `retry=RetryPolicy(max_attempts=5, max_total=60)` (DEFAULT_RETRY): how
                         often and how long one call is retried on transient failures (connection
                         errors, timeouts, 408, 429, 5xx, a 2xx answer that is not JSON). A 429's
                         `Retry-After` is honoured when it fits in what is left of the budget;
                         a longer one is cut to the budget, and the error says so.
    deadline             `deadline=` (a `time.monotonic()` value) on `upload_file`, `generate`,
                         `get_prediction`; `wait(timeout=)` and `predict(timeout=)` set their own.
                         No retry starts after it, and no attempt waits past it (except that
                         one started in its last second still gets 1 s, so that the last poll
                         of `wait` can answer): the runner's per-case timeout (`skillkit test
                         --timeout`, default 300 s).

Every failure names the request (`POST /v1/files: no answer within 30 s (read timeout) after 2
attempts`); an answer of the wrong shape (`null`, a list, an object without `id`) is a
`BadResponse`, never a TypeError.

The skill registry (`/v1/skills`, what the SDK's `client.skills` calls): `list_skills`,
`get_skill`, `lookup_skill(name, version="latest")` (NotFound when there is no such version),
`create_skill`, `update_skill` (a new version), `skill_download` and `fetch` (the zip behind
the link; the API key is only sent to the service's own origin, never to a storage host), with
`SkillInfo` / `SkillDownload` results read through `skillkit.api`'s tables.

Errors (all `skillkit.errors.ClientError`, exit code 3)::

    ClientError
     +-- ConnectionFailed     the service could not be reached, or dropped the connection
     |    +-- RequestTimeout  no (complete) answer within the per-request timeout or deadline
     +-- AuthError            401 / 403: missing or wrong API key
     +-- NotFound             404
     +-- RequestRejected      422: the request was refused; `.detail` holds the server's detail
     +-- RateLimited          429 still answered after the retries (or Retry-After past the budget)
     +-- ServiceUnavailable   408 / 5xx still answered after the retries
     +-- RequestFailed        any other unexpected answer
     |    +-- BadResponse     a 2xx answer that is not JSON, or JSON of the wrong shape
     +-- PredictionFailed     the prediction ended `failed`; `.reason` is the server's reason
     +-- PredictionTimeout    the prediction did not finish within the timeout
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import json
import math
import mimetypes
import os
import random
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from skillkit import __version__
from skillkit.api import (
    AGENT_SKILL,
    DEFAULT_MODEL,
    DOCUMENT_REQUEST,
    SKILL_CREATE_REQUEST,
    SKILL_DOWNLOAD_RESPONSE,
    SKILL_INFO,
    SKILL_LOOKUP_REQUEST,
    SKILL_UPDATE_REQUEST,
    FileInfo,
    Prediction,
    _result_of,
)
from skillkit.errors import ClientError, UsageError

DEFAULT_BASE_URL = "https://api.vlm.run/v1"
# What reports name as the target of a run that is not a URL (see `describe_target`).
LOCAL_TARGET = "local engine (in-process, no key, no network)"
REPLAY_TARGET = "recorded cassettes (replay, no server, no key)"
# Where `skillkit serve --data-dir` keeps files, predictions and the skill registry; `skillkit
# publish --local` and `skillkit test --local --published` use the same folder by default.
DEFAULT_DATA_DIR = ".skillkit-server"
DEFAULT_REQUEST_TIMEOUT = 30.0  # seconds; what `request_timeout=None` means
# Said when a request that creates something broke after the service accepted it.
_NOT_REPEATED = "; not repeated: the service accepted it, a retry could create a duplicate"
CONNECT_TIMEOUT = 10.0  # at most this for the TCP/TLS connect, within the request timeout
# An attempt started just before a deadline (the last poll of `wait`) still gets this long.
MIN_ATTEMPT_TIMEOUT = 1.0

T = TypeVar("T")


# --------------------------------------------------------------------------- errors


class ConnectionFailed(ClientError):
    """The service could not be reached at all."""


class AuthError(ClientError):
    """401/403: the API key is missing or wrong."""


class NotFound(ClientError):
    """404: the file, prediction or route does not exist."""


class RequestRejected(ClientError):
    """422: the service refused the request; `detail` is its explanation."""

    def __init__(self, message: str, *, detail: Any = None, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.detail = detail


class RateLimited(ClientError):
    """429 answered on every attempt."""


class ServiceUnavailable(ClientError):
    """408/5xx answered on every attempt."""


class RequestFailed(ClientError):
    """Any other unexpected HTTP answer."""


class BadResponse(RequestFailed):
    """A 2xx answer whose body is not JSON (after the retries) or not the shape it must have."""


class RequestTimeout(ConnectionFailed):
    """No complete answer within the per-request timeout (or the deadline), after the retries."""


class PredictionFailed(ClientError):
    """The prediction finished with status `failed`; `reason` is what the server said."""

    def __init__(self, reason: str, *, prediction: Prediction | None = None, **kwargs: Any):
        super().__init__(f"prediction failed: {reason}", **kwargs)
        self.reason = reason
        self.prediction = prediction


class PredictionTimeout(ClientError):
    """The prediction was still not finished when the timeout ran out."""


# --------------------------------------------------------------------------- plain data


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff for transient failures: connection errors and timeouts, 408, 429, 5xx, and a
    2xx answer that is not JSON.

    Delay before retry n (1-based) is `base * 2**(n-1)` capped at `max_delay`, with up to
    `jitter` of it added at random; a `Retry-After` header (429/503) replaces the computed delay
    when it fits in what is left of `max_total` (a longer one is cut to what is left, and the
    error after the last attempt says so). Gives up after `max_attempts` attempts or when the next
    wait would pass `max_total` seconds, counted from the first attempt of the call.
    """

    max_attempts: int = 5
    max_total: float = 60.0
    base_delay: float = 0.25
    max_delay: float = 8.0
    jitter: float = 0.25

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return max(0.0, retry_after)
        raw = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return raw + random.uniform(0, raw * self.jitter)


DEFAULT_RETRY = RetryPolicy()  # what `retry=None` means


MAX_EXPECT_SECONDS = 30.0  # the longest first wait an `expect` hint may ask for


@dataclass(frozen=True)
class PollPolicy:
    """How `wait` polls a prediction: each wait is `share` of the time waited so far, at least
    `initial` and at most `maximum` seconds.

    So a result is seen at most ~10 % after it is ready (plus one round trip) whatever the
    prediction takes: 0.05 s steps for the first half second, growing by 10 % a poll to 2 s
    after 20 s (about 40 polls in the first 10 s; a fixed factor of 1.5 saw a 0.5 s
    prediction only after 0.8 s)."""

    initial: float = 0.05
    share: float = 0.1
    maximum: float = 2.0

    def next_wait(self, waited: float) -> float:
        """The wait before the next poll, after `waited` seconds of waits."""
        return max(min(self.initial, 0.2), min(self.maximum, waited * self.share))


def skill_reference(name: str, version: str) -> dict[str, Any]:
    """The AgentSkill that names a published skill in `config.skills`."""
    return AGENT_SKILL.body(type="skill_reference", skill_name=name, skill_version=str(version))


@_result_of(SKILL_INFO, "raw")
@dataclass
class SkillInfo:
    """A published skill version as the registry describes it (`SkillInfo`, as the SDK
    parses it; fields from `skillkit.api.SKILL_INFO`).

    `bundle_sha256` is sent by skillkit's server only (the hosted API leaves it out); the
    deprecated `version` field is read as `skill_version`, as the SDK does."""

    id: str
    name: str
    description: str | None = None
    skill_version: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    status: str | None = None
    is_public: bool | None = None
    bundle_sha256: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SkillInfo:
        values = SKILL_INFO.read(data, cls.table_fields)  # type: ignore[attr-defined]
        values["id"], values["name"] = str(data["id"]), str(data["name"])
        version = values["skill_version"] or data.get("version")
        values["skill_version"] = None if version is None else str(version)
        if not isinstance(values["is_public"], bool):
            values["is_public"] = None
        return cls(**values, raw=data)

    def reference(self) -> dict[str, Any]:
        """This version as a `skill_reference` for `config.skills`."""
        return skill_reference(self.name, self.skill_version or "latest")


@_result_of(SKILL_DOWNLOAD_RESPONSE, "raw")
@dataclass
class SkillDownload:
    """Where a published skill's zip can be fetched (`SkillDownloadResponse`); skillkit's
    server also says which version and digest the link answers."""

    download_url: str
    expires_in: int | None = None
    expires_at: str | None = None
    skill_id: str | None = None
    bundle_sha256: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SkillDownload:
        values = SKILL_DOWNLOAD_RESPONSE.read(data, cls.table_fields)  # type: ignore[attr-defined]
        values["download_url"] = str(data["download_url"])
        if not isinstance(values["expires_in"], int):
            values["expires_in"] = None
        return cls(**values, raw=data)


@dataclass(frozen=True)
class _Sleep:
    seconds: float


_Step = httpx.Request | _Sleep
_Op = Generator[_Step, Any, T]


# --------------------------------------------------------------------------- shared core


def resolve_target(
    base_url: str | None = None, api_key: str | None = None
) -> tuple[str | None, str | None]:
    """Flags first, then VLMRUN_BASE_URL / VLMRUN_API_KEY; (None, None) means: run locally."""
    base_url = base_url or os.environ.get("VLMRUN_BASE_URL") or None
    api_key = api_key or os.environ.get("VLMRUN_API_KEY") or None
    return base_url, api_key


def remote_target(
    base_url: str | None, api_key: str | None, *, local: bool = False
) -> tuple[str | None, str | None] | None:
    """The service's (URL, key) after `resolve_target`, or None to run the embedded engine.

    None with `--local`, or when no URL and no key are given anywhere; `--local` together with a
    URL or key is a UsageError. `skillkit test` and `skillkit generate` both decide here."""
    if local and (base_url or api_key):
        raise UsageError("--local runs in-process; drop --base-url/--api-key (or --local)")
    base_url, api_key = resolve_target(base_url, api_key)
    if local or (base_url is None and api_key is None):
        return None
    return base_url, api_key


def describe_target(base_url: str | None, *, local: bool = False, replay: bool = False) -> str:
    """What a run or a client talks to, for the first line of `skillkit test`/`generate` and
    the header of every report: the recordings, the in-process engine, or the service URL."""
    if replay:
        return REPLAY_TARGET
    if local:
        return LOCAL_TARGET
    return normalise_base_url(base_url or DEFAULT_BASE_URL)


def normalise_base_url(url: str) -> str:
    """`http://host:8000` and `http://host:8000/v1/` both become `http://host:8000/v1`."""
    url = url.strip().rstrip("/")
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise UsageError(
            f"base URL {url!r} is not an http(s) URL; pass e.g. http://127.0.0.1:8000/v1"
        )
    if parsed.path in ("", "/"):
        url += "/v1"
    return url


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _detail(response: httpx.Response) -> Any:
    try:
        body = response.json()
    except ValueError:  # an HTML error page: its text, on one line, cut short
        return " ".join(response.text.split())[:200] or None
    if isinstance(body, dict):
        if "detail" in body:
            return body["detail"]
        if isinstance(body.get("error"), dict):
            return body["error"].get("message") or body["error"]
        if "message" in body:
            return body["message"]
        return body or None
    return body


def describe_detail(detail: Any) -> str:
    """One line out of a FastAPI `detail` (a string, or a list of `{loc, msg}`)."""
    if isinstance(detail, list):
        parts = []
        for item in detail:
            if isinstance(item, dict):
                where = item.get("loc")
                where = where if isinstance(where, list) else []
                loc = ".".join(str(p) for p in where if p != "body")
                msg = item.get("msg", "")
                parts.append(f"{loc}: {msg}" if loc else str(msg))
            else:
                parts.append(str(item))
        return "; ".join(parts)
    if detail is None:
        return ""
    return detail if isinstance(detail, str) else json.dumps(detail)


def _is_retryable(status: int) -> bool:
    return status in (408, 429) or status >= 500


def _seconds(value: float) -> str:
    """`2 s`, `0.5 s`, `1.25 s`: short, and never `0 s` for a small positive value."""
    text = f"{value:.2f}" if value < 10 else f"{value:.1f}"
    text = text.rstrip("0").rstrip(".")
    return f"{text if text != '0' else f'{value:.2g}'} s"


def describe_json(value: Any) -> str:
    """What a JSON value is, for an error message: `null`, `a list of 2 items`, ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"a string {value[:60]!r}"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        keys = ", ".join(repr(k) for k in list(value)[:8])
        return f"an object with keys {keys}" if keys else "an empty object"
    return type(value).__name__


def _expect_object(where: str, data: Any, *required: str) -> dict[str, Any]:
    """`data` if it is a JSON object holding every `required` key (non-empty), else BadResponse."""
    if isinstance(data, dict) and all(data.get(k) not in (None, "") for k in required):
        return data
    need = " with " + " and ".join(repr(k) for k in required) if required else ""
    raise BadResponse(f"{where}: expected a JSON object{need}, got {describe_json(data)}")


def _body_excerpt(response: httpx.Response) -> str:
    kind = response.headers.get("content-type", "no content type").split(";")[0].strip()
    raw = response.content
    text = " ".join(raw[:200].decode("utf-8", "replace").split())
    return f"{kind}, {len(raw)} bytes" + (f": {text[:80]!r}" if text else "")


@dataclass
class _Failure:
    """A failed attempt, kept as parts so that the final error can say how often it was tried:
    `<head> after 3 attempts<tail><note>` (the tail is advice or the server's detail)."""

    kind: type[ClientError]
    head: str
    tail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def error(self, attempts: int = 1, note: str = "") -> ClientError:
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        return self.kind(f"{self.head}{tries}{self.tail}{note}", **self.extra)


@dataclass
class _Reply:
    """A final answer of `_call`: the response and, for a 2xx, its JSON body."""

    response: httpx.Response
    data: Any = None

    @property
    def status_code(self) -> int:
        return self.response.status_code


class _Core:
    """Everything both clients share: configuration, request building, the operations."""

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        retry: RetryPolicy | None = None,
        poll: PollPolicy | None = None,
        request_timeout: float | None = None,
        use_env: bool = True,
        local: bool = False,
    ) -> None:
        """`local`: the transport is the in-process server (`skillkit.server.inprocess`), so
        reports say so and there is no service to health-check."""
        if use_env:
            base_url, api_key = resolve_target(base_url, api_key)
        self.base_url = normalise_base_url(base_url or DEFAULT_BASE_URL)
        self.api_key = api_key
        self.retry = retry or DEFAULT_RETRY
        self.poll = poll or PollPolicy()
        if request_timeout is None:
            request_timeout = DEFAULT_REQUEST_TIMEOUT
        if not request_timeout > 0:
            raise UsageError("the request timeout must be a positive number of seconds")
        self.request_timeout = float(request_timeout)
        self.http_timeout = self._timeout(self.request_timeout)
        self._prefix = httpx.URL(self.base_url).path.rstrip("/")
        self.local = local

    @property
    def target(self) -> str:
        """What this client talks to, for headers of reports."""
        return describe_target(self.base_url, local=self.local)

    @staticmethod
    def _timeout(seconds: float) -> httpx.Timeout:
        return httpx.Timeout(seconds, connect=min(seconds, CONNECT_TIMEOUT))

    def _headers(self, *, auth: bool = True, accept: str = "application/json") -> dict[str, str]:
        headers = {"User-Agent": f"skillkit/{__version__}", "Accept": accept}
        if self.api_key and auth:
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers

    def _url(self, path: str) -> str:
        """`path` under the base URL; an absolute URL (a download link) stays as it is, and a
        root-relative one (`/v1/...`) is joined to the base URL's origin."""
        if path.startswith(("http://", "https://")):
            return path
        if path.startswith("/"):
            return str(httpx.URL(self.base_url).join(path))
        return f"{self.base_url}/{path.lstrip('/')}"

    def _same_origin(self, url: str) -> bool:
        """Whether `url` is on the service itself (so it may see the API key)."""
        mine, theirs = httpx.URL(self.base_url), httpx.URL(url)
        return (mine.scheme, mine.host, mine.port) == (theirs.scheme, theirs.host, theirs.port)

    def _build(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: dict[str, Any] | None = None,
        files: dict[str, Any] | None = None,
        timeout: float | None = None,
        accept: str = "application/json",
    ) -> httpx.Request:
        url = self._url(path)
        # A download link elsewhere (a presigned storage URL) never gets the API key; a path
        # (relative or root-relative) is under the base URL, so on the service itself.
        absolute = path.startswith(("http://", "https://"))
        headers = self._headers(auth=not absolute or self._same_origin(url), accept=accept)
        kwargs: dict[str, Any] = {"headers": headers, "params": params}
        if json_body is not None:
            kwargs["json"] = json_body
        if files is not None:
            kwargs["files"] = files
        request = httpx.Request(method, url, **kwargs)
        limit = self.http_timeout if timeout is None else self._timeout(timeout)
        request.extensions["timeout"] = limit.as_dict()
        return request

    # -- the one retrying request ------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        ok: tuple[int, ...] = (200, 201),
        allow: tuple[int, ...] = (),
        deadline: float | None = None,
        creates: bool = False,
        binary: bool = False,
        **build: Any,
    ) -> _Op[_Reply]:
        """Send (rebuilding the request each attempt) until a final answer; map errors.

        Transient failures (transport errors and timeouts, 408/429/5xx, a 2xx answer in `ok`
        that is not JSON) are retried within `self.retry` and before `deadline`; statuses in
        `allow` are returned as they are, without a body. `creates`: the request makes
        something (a prediction, which costs credits); once a 2xx status says the service
        accepted it, a broken answer is not retried, so nothing is made twice. `binary`: a
        2xx answer in `ok` is returned as it is (its bytes), not read as JSON."""
        where = self._where(method, path)
        started = time.monotonic()
        attempt = 0
        while True:
            attempt += 1
            timeout = self.request_timeout
            if deadline is not None:  # never past the deadline, but never next to nothing
                left = deadline - time.monotonic()
                timeout = min(timeout, max(left, MIN_ATTEMPT_TIMEOUT))
            cut = timeout < self.request_timeout
            request = self._build(method, path, timeout=timeout, **build)
            response: httpx.Response | None = None
            failure: _Failure
            try:
                response = yield request
            except httpx.TransportError as exc:
                failure = self._transport_failure(where, exc, timeout, cut)
                if creates and getattr(exc, "skillkit_status", None) in ok:
                    raise failure.error(attempt, _NOT_REPEATED) from None
            retry_after = None
            if response is not None:
                status = response.status_code
                if status in allow or (binary and status in ok):
                    return _Reply(response)
                if status in ok:
                    try:
                        return _Reply(response, response.json())
                    except ValueError:
                        excerpt = _body_excerpt(response)
                        failure = _Failure(
                            BadResponse, f"{where}: the {status} answer is not JSON ({excerpt})"
                        )
                        if creates:
                            raise failure.error(attempt, _NOT_REPEATED) from None
                else:
                    failure = self._status_failure(where, response)
                    if not _is_retryable(status):
                        raise failure.error()
                    retry_after = _retry_after(response)
            # Transient: wait and try again, within the retry budget and before the deadline.
            now = time.monotonic()
            left = self.retry.max_total - (now - started)
            by_deadline = deadline is not None and deadline - now < left
            if deadline is not None and by_deadline:
                left = deadline - now
            delay = self.retry.delay(attempt, retry_after)
            note = ""
            if retry_after is not None and retry_after > left:
                bound = (
                    f"the {_seconds(max(left, 0.0))} left before the deadline"
                    if by_deadline
                    else f"the {_seconds(self.retry.max_total)} retry budget"
                )
                note = f"; Retry-After {_seconds(retry_after)} exceeds {bound}"
                if not by_deadline:
                    delay = left  # wait what the budget allows, then ask once more
            if attempt >= self.retry.max_attempts or left <= 0 or delay > left:
                raise failure.error(attempt, note)
            yield _Sleep(delay)

    def _transport_failure(
        self, where: str, exc: httpx.TransportError, timeout: float, cut: bool
    ) -> _Failure:
        """A failed attempt in words: what broke, on which request, after how long."""
        name = type(exc).__name__
        text = f"{name}: {exc}" if str(exc) else name
        status = getattr(exc, "skillkit_status", None)  # set by _run when the body broke off
        limit, why = _seconds(timeout), "; the deadline was reached" if cut else ""
        if isinstance(exc, httpx.ConnectTimeout) and cut:
            connect = _seconds(min(timeout, CONNECT_TIMEOUT))
            return _Failure(
                RequestTimeout,
                f"{where}: could not connect within {connect} (connect timeout{why})",
            )
        if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
            return _Failure(
                ConnectionFailed,
                f"{where}: cannot reach {self.base_url} ({text})",
                "; is the server running?",
            )
        if isinstance(exc, httpx.ReadTimeout):
            if status is not None:
                return _Failure(
                    RequestTimeout,
                    f"{where}: the {status} answer stalled mid-body: no data within {limit} "
                    f"(read timeout{why})",
                )
            return _Failure(
                RequestTimeout, f"{where}: no answer within {limit} (read timeout{why})"
            )
        if isinstance(exc, httpx.WriteTimeout):
            return _Failure(
                RequestTimeout,
                f"{where}: could not send the request within {limit} (write timeout{why})",
            )
        if isinstance(exc, httpx.PoolTimeout):
            return _Failure(
                RequestTimeout, f"{where}: no free connection within {limit} (pool timeout{why})"
            )
        if isinstance(exc, httpx.TimeoutException):
            return _Failure(RequestTimeout, f"{where}: timed out after {limit} ({text}{why})")
        if status is not None:
            return _Failure(
                ConnectionFailed,
                f"{where}: the connection closed in the middle of the {status} answer ({text})",
            )
        return _Failure(
            ConnectionFailed, f"{where}: the connection closed before an answer ({text})"
        )

    def _status_failure(self, where: str, response: httpx.Response) -> _Failure:
        status = response.status_code
        detail = _detail(response)
        text = describe_detail(detail)
        if status in (401, 403):
            return _Failure(
                AuthError,
                f"{where}: {status} {text or 'unauthorised'}",
                "; check --api-key / VLMRUN_API_KEY",
            )
        if status == 404:
            return _Failure(NotFound, f"{where}: 404 {text or 'not found'}")
        if status == 422:
            return _Failure(RequestRejected, f"{where}: 422 {text}", extra={"detail": detail})
        if status == 429:
            return _Failure(RateLimited, f"{where}: 429 rate limited", f"; {text}" if text else "")
        if _is_retryable(status):
            return _Failure(ServiceUnavailable, f"{where}: {status} {text or 'service error'}")
        return _Failure(RequestFailed, f"{where}: {status} {text}".rstrip())

    def _where(self, method: str, path: str) -> str:
        if path.startswith(("http://", "https://", "/")):  # a link: never its query (a token)
            url = httpx.URL(self._url(path))
            if self._same_origin(str(url)):
                return f"{method} {url.path}"
            return f"{method} {url.scheme}://{url.netloc.decode('ascii', 'replace')}{url.path}"
        return f"{method} {self._prefix}/{path.lstrip('/')}"

    # -- operations ----------------------------------------------------------------------------

    def _op_health(self) -> _Op[dict[str, Any]]:
        reply = yield from self._call("GET", "health")
        # Any JSON 2xx is healthy (the SDK only looks at the status); an object is returned as is.
        return reply.data if isinstance(reply.data, dict) else {"status": reply.data}

    def _op_upload(
        self, path: Path, *, purpose: str = "assistants", deadline: float | None = None
    ) -> _Op[FileInfo]:
        data = Path(path).read_bytes()
        return (yield from self._op_upload_bytes(Path(path).name, data, purpose, deadline))

    def _op_upload_bytes(
        self, filename: str, data: bytes, purpose: str, deadline: float | None = None
    ) -> _Op[FileInfo]:
        md5 = hashlib.md5(data).hexdigest()
        reply = yield from self._call("GET", f"files/hash/{md5}", allow=(404,), deadline=deadline)
        # A FileResponse means: uploaded before. Anything else (null, no id) means: upload it.
        if reply.status_code != 404 and isinstance(reply.data, dict) and reply.data.get("id"):
            return FileInfo.from_json(reply.data, reused=True)
        media_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        reply = yield from self._call(
            "POST",
            "files",
            params={"purpose": purpose},
            files={"file": (filename, data, media_type)},
            deadline=deadline,
        )
        return FileInfo.from_json(_expect_object(self._where("POST", "files"), reply.data, "id"))

    def _op_generate(
        self,
        file_id: str,
        config: dict[str, Any] | None,
        domain: str | None,
        model: str,
        batch: bool,
        metadata: dict[str, Any] | None,
        callback_url: str | None,
        deadline: float | None = None,
    ) -> _Op[Prediction]:
        body = DOCUMENT_REQUEST.body(
            model=model,
            file_id=file_id,
            batch=batch,
            config=config or None,
            domain=domain or None,
            metadata=metadata or None,
            callback_url=callback_url or None,
        )
        path = "document/generate"
        reply = yield from self._call("POST", path, json_body=body, deadline=deadline, creates=True)
        return Prediction.from_json(_expect_prediction(self._where("POST", path), reply.data))

    def _op_get_prediction(
        self, prediction_id: str, deadline: float | None = None
    ) -> _Op[Prediction]:
        path = f"predictions/{prediction_id}"
        reply = yield from self._call("GET", path, deadline=deadline)
        data = _expect_prediction(self._where("GET", path), reply.data)
        return Prediction.from_json(data)

    def _op_wait(
        self,
        prediction_id: str,
        timeout: float,
        first: Prediction | None = None,
        deadline: float | None = None,
        expect: float | None = None,
    ) -> _Op[Prediction]:
        """Poll until final; `deadline` (default: `timeout` from now) also bounds each poll.
        `expect`: seconds the prediction is expected to take; the first poll waits that long
        (at most MAX_EXPECT_SECONDS), the later ones follow the PollPolicy from there."""
        if deadline is None:
            deadline = time.monotonic() + timeout
        waited = 0.0
        first_wait = min(expect, MAX_EXPECT_SECONDS) if expect and expect > 0 else None
        prediction = first
        while True:
            if prediction is not None and prediction.done:
                if prediction.status == "failed":
                    raise PredictionFailed(prediction.failure_reason(), prediction=prediction)
                return prediction
            remaining = deadline - time.monotonic()
            if prediction is not None:
                if remaining <= 0:
                    raise PredictionTimeout(
                        f"prediction {prediction_id} still {prediction.status} after {timeout:g} s"
                    )
                if first_wait is not None:
                    pause, first_wait = min(max(first_wait, self.poll.initial), remaining), None
                else:
                    pause = min(self.poll.next_wait(waited), remaining)
                waited += pause
                yield _Sleep(pause)
            prediction = yield from self._op_get_prediction(prediction_id, deadline)

    def _op_predict(
        self,
        document: Path,
        config: dict[str, Any] | None,
        domain: str | None,
        model: str,
        timeout: float,
        file_id: str | None,
    ) -> _Op[Prediction]:
        deadline = time.monotonic() + timeout
        if file_id is None:
            info = yield from self._op_upload(Path(document), deadline=deadline)
            file_id = info.id
        prediction = yield from self._op_generate(
            file_id, config, domain, model, True, None, None, deadline
        )
        return (yield from self._op_wait(prediction.id, timeout, prediction, deadline))

    # -- the skill registry (`/v1/skills`, as the SDK's `client.skills` calls it) --------------

    def _op_list_skills(
        self, limit: int, offset: int, order_by: str, descending: bool, grouped: bool
    ) -> _Op[list[SkillInfo]]:
        params = {
            "limit": limit,
            "offset": offset,
            "order_by": order_by,
            "descending": descending,
            "grouped": grouped,
        }
        reply = yield from self._call("GET", "skills", params=params)
        where = self._where("GET", "skills")
        if not isinstance(reply.data, list):
            raise BadResponse(
                f"{where}: expected a JSON list of skills, got {describe_json(reply.data)}"
            )
        return [SkillInfo.from_json(_expect_skill(where, item)) for item in reply.data]

    def _op_get_skill(self, skill_id: str) -> _Op[SkillInfo]:
        path = f"skills/{_segment(skill_id)}"
        reply = yield from self._call("GET", path)
        return SkillInfo.from_json(_expect_skill(self._where("GET", path), reply.data))

    def _op_lookup_skill(self, name: str, version: str) -> _Op[SkillInfo]:
        """404 (NotFound) when the service has no skill `name` at `version`."""
        body = SKILL_LOOKUP_REQUEST.body(name=name, skill_version=str(version))
        path = "skills/lookup"
        reply = yield from self._call("POST", path, json_body=body)
        return SkillInfo.from_json(_expect_skill(self._where("POST", path), reply.data))

    def _op_create_skill(self, file_id: str, name: str, description: str | None) -> _Op[SkillInfo]:
        body = SKILL_CREATE_REQUEST.body(file_id=file_id, name=name, description=description)
        path = "skills/create"
        reply = yield from self._call("POST", path, json_body=body, creates=True)
        return SkillInfo.from_json(_expect_skill(self._where("POST", path), reply.data))

    def _op_update_skill(
        self, skill_id: str, file_id: str, description: str | None
    ) -> _Op[SkillInfo]:
        body = SKILL_UPDATE_REQUEST.body(file_id=file_id, description=description)
        path = f"skills/{_segment(skill_id)}/update"
        reply = yield from self._call("POST", path, json_body=body, creates=True)
        return SkillInfo.from_json(_expect_skill(self._where("POST", path), reply.data))

    def _op_skill_download(self, skill_id: str) -> _Op[SkillDownload]:
        path = f"skills/{_segment(skill_id)}/download"
        reply = yield from self._call("GET", path)
        data = _expect_object(self._where("GET", path), reply.data, "download_url")
        if not isinstance(data["download_url"], str):
            raise BadResponse(
                f"{self._where('GET', path)}: expected 'download_url' to be a string, got "
                f"{describe_json(data['download_url'])}"
            )
        return SkillDownload.from_json(data)

    def _op_fetch(self, url: str) -> _Op[bytes]:
        """The bytes at `url` (a download link): the API key goes only to the service itself."""
        reply = yield from self._call("GET", url, binary=True, accept="*/*")
        return reply.response.content

    def _op_download_skill_bundle(self, skill_id: str) -> _Op[bytes]:
        link = yield from self._op_skill_download(skill_id)
        return (yield from self._op_fetch(link.download_url))


def _segment(value: str) -> str:
    """An id as one URL path segment (never a `/` or `..` that would change the route)."""
    return quote(str(value), safe="")


def _expect_skill(where: str, data: Any) -> dict[str, Any]:
    """A SkillInfo: an object with an `id` and a `name`."""
    return _expect_object(where, data, "id", "name")


def _expect_prediction(where: str, data: Any) -> dict[str, Any]:
    """A PredictionResponse: an object with an `id` and a string `status`."""
    body = _expect_object(where, data, "id", "status")
    if not isinstance(body["status"], str):
        raise BadResponse(
            f"{where}: expected 'status' to be a string, got {describe_json(body['status'])}"
        )
    return body


# --------------------------------------------------------------------------- sync client


class Client(_Core):
    """Blocking client. `with Client(...) as c: c.predict(path, config=...)`."""

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        **options: Any,
    ) -> None:
        super().__init__(base_url, api_key, **options)
        self._http = httpx.Client(transport=transport, timeout=self.http_timeout)

    def _run(self, op: _Op[T]) -> T:
        try:
            step = next(op)
            while True:
                if isinstance(step, _Sleep):
                    time.sleep(step.seconds)
                    step = op.send(None)
                    continue
                try:
                    response = self._http.send(step, stream=True)
                    try:
                        response.read()
                    except httpx.TransportError as exc:
                        exc.skillkit_status = response.status_code  # type: ignore[attr-defined]
                        raise
                    finally:
                        response.close()
                except httpx.TransportError as exc:
                    step = op.throw(exc)
                else:
                    step = op.send(response)
        except StopIteration as stop:
            return stop.value

    def health(self) -> dict[str, Any]:
        return self._run(self._op_health())

    def upload_file(
        self, path: str | Path, *, purpose: str = "assistants", deadline: float | None = None
    ) -> FileInfo:
        """Upload once: reuse the file the service already holds with the same md5.

        `deadline` (a `time.monotonic()` value): no attempt waits past it, no retry starts after.
        """
        return self._run(self._op_upload(Path(path), purpose=purpose, deadline=deadline))

    def generate(
        self,
        file_id: str,
        config: dict[str, Any] | None = None,
        domain: str | None = None,
        model: str = DEFAULT_MODEL,
        batch: bool = True,
        *,
        metadata: dict[str, Any] | None = None,
        callback_url: str | None = None,
        deadline: float | None = None,
    ) -> Prediction:
        return self._run(
            self._op_generate(
                file_id, config, domain, model, batch, metadata, callback_url, deadline
            )
        )

    def get_prediction(self, prediction_id: str, *, deadline: float | None = None) -> Prediction:
        return self._run(self._op_get_prediction(prediction_id, deadline))

    def wait(
        self,
        prediction_id: str,
        timeout: float = 300.0,
        *,
        first: Prediction | None = None,
        deadline: float | None = None,
        expect: float | None = None,
    ) -> Prediction:
        """Poll until completed; raise PredictionFailed at once on `failed`.

        `first`: the prediction as `generate` returned it (saves a request when already final).
        The polling ends `timeout` seconds from now, or at `deadline` when given (a
        `time.monotonic()` value, e.g. the one a whole case started with); a stalled poll ends
        by then too, as a RequestTimeout naming it. `expect`: the seconds it should take (e.g.
        what others of the same run took on the service's clock): the first poll waits that
        long, saving the polls that could only say `pending`.
        """
        return self._run(self._op_wait(prediction_id, timeout, first, deadline, expect))

    def predict(
        self,
        document: str | Path,
        *,
        config: dict[str, Any] | None = None,
        domain: str | None = None,
        model: str = DEFAULT_MODEL,
        timeout: float = 300.0,
        file_id: str | None = None,
    ) -> Prediction:
        """Upload (de-duplicated), generate in batch mode, wait for the final prediction;
        all of it within `timeout` seconds."""
        return self._run(self._op_predict(Path(document), config, domain, model, timeout, file_id))

    def upload_bytes(
        self,
        filename: str,
        data: bytes,
        *,
        purpose: str = "assistants",
        deadline: float | None = None,
    ) -> FileInfo:
        """`upload_file` for bytes in memory (a packed skill zip), named `filename`."""
        return self._run(self._op_upload_bytes(filename, data, purpose, deadline))

    # -- the skill registry

    def list_skills(
        self,
        *,
        limit: int = 25,
        offset: int = 0,
        order_by: str = "created_at",
        descending: bool = True,
        grouped: bool = False,
    ) -> list[SkillInfo]:
        """Published skill versions (`grouped`: only the newest per name)."""
        return self._run(self._op_list_skills(limit, offset, order_by, descending, grouped))

    def get_skill(self, skill_id: str) -> SkillInfo:
        return self._run(self._op_get_skill(skill_id))

    def lookup_skill(self, name: str, version: str = "latest") -> SkillInfo:
        """The version `version` of skill `name` (`latest`: the newest); NotFound if none."""
        return self._run(self._op_lookup_skill(name, version))

    def create_skill(self, file_id: str, name: str, description: str | None) -> SkillInfo:
        """Register an uploaded skill zip as a new skill (its first version)."""
        return self._run(self._op_create_skill(file_id, name, description))

    def update_skill(self, skill_id: str, file_id: str, description: str | None) -> SkillInfo:
        """A new version of a skill from an uploaded zip."""
        return self._run(self._op_update_skill(skill_id, file_id, description))

    def skill_download(self, skill_id: str) -> SkillDownload:
        """Where the version's zip can be fetched."""
        return self._run(self._op_skill_download(skill_id))

    def fetch(self, url: str) -> bytes:
        """The bytes behind a download link (the key is sent only to the service itself)."""
        return self._run(self._op_fetch(url))

    def download_skill_bundle(self, skill_id: str) -> bytes:
        """The version's zip: `skill_download`, then `fetch`."""
        return self._run(self._op_download_skill_bundle(skill_id))

    def close(self) -> None:
        self._http.close()  # closes the transport too (an in-process server stops)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------- async client

POOL_SIZE = 8  # connections per httpx pool of an AsyncClient


class AsyncClient(_Core):
    """Asyncio client. `async with AsyncClient(url, key) as c: await c.predict(path, ...)`."""

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        max_connections: int = 20,
        **options: Any,
    ) -> None:
        super().__init__(base_url, api_key, **options)
        # httpcore's pool walks every connection for every request it assigns, which made the
        # pool most of a -j 32 run's CPU; so the connections are split into pools of at most
        # POOL_SIZE and a request goes to the pool with the fewest requests in flight.
        pools = 1 if transport is not None else max(1, -(-max_connections // POOL_SIZE))
        per_pool = -(-max_connections // pools)
        # one TLS context for all of them (each costs tens of ms to build: the CA bundle)
        make_tls = getattr(httpx, "create_ssl_context", None)  # httpx >= 0.28
        tls = make_tls() if pools > 1 and make_tls is not None else True
        self._pools = [
            httpx.AsyncClient(
                transport=transport,
                timeout=self.http_timeout,
                limits=httpx.Limits(max_connections=per_pool),
                verify=tls,
            )
            for _ in range(pools)
        ]
        self._in_flight = [0] * pools
        self._transport = transport

    async def _send(self, request: httpx.Request) -> httpx.Response:
        """One attempt, read whole, on the pool with the fewest requests in flight."""
        pool = self._in_flight.index(min(self._in_flight))
        self._in_flight[pool] += 1
        try:
            response = await self._pools[pool].send(request, stream=True)
            try:
                await response.aread()
            except httpx.TransportError as exc:
                exc.skillkit_status = response.status_code  # type: ignore[attr-defined]
                raise
            finally:
                await response.aclose()
            return response
        finally:
            self._in_flight[pool] -= 1

    async def _run(self, op: _Op[T]) -> T:
        try:
            step = next(op)
            while True:
                if isinstance(step, _Sleep):
                    await asyncio.sleep(step.seconds)
                    step = op.send(None)
                    continue
                try:
                    response = await self._send(step)
                except httpx.TransportError as exc:
                    step = op.throw(exc)
                else:
                    step = op.send(response)
        except StopIteration as stop:
            return stop.value

    async def health(self) -> dict[str, Any]:
        return await self._run(self._op_health())

    async def upload_file(
        self, path: str | Path, *, purpose: str = "assistants", deadline: float | None = None
    ) -> FileInfo:
        """Upload once: reuse the file the service already holds with the same md5.

        `deadline` (a `time.monotonic()` value): no attempt waits past it, no retry starts after.
        """
        return await self._run(self._op_upload(Path(path), purpose=purpose, deadline=deadline))

    async def generate(
        self,
        file_id: str,
        config: dict[str, Any] | None = None,
        domain: str | None = None,
        model: str = DEFAULT_MODEL,
        batch: bool = True,
        *,
        metadata: dict[str, Any] | None = None,
        callback_url: str | None = None,
        deadline: float | None = None,
    ) -> Prediction:
        return await self._run(
            self._op_generate(
                file_id, config, domain, model, batch, metadata, callback_url, deadline
            )
        )

    async def get_prediction(
        self, prediction_id: str, *, deadline: float | None = None
    ) -> Prediction:
        return await self._run(self._op_get_prediction(prediction_id, deadline))

    async def wait(
        self,
        prediction_id: str,
        timeout: float = 300.0,
        *,
        first: Prediction | None = None,
        deadline: float | None = None,
        expect: float | None = None,
    ) -> Prediction:
        """Poll until completed; raise PredictionFailed at once on `failed`.

        `first`: the prediction as `generate` returned it (saves a request when already final).
        The polling ends `timeout` seconds from now, or at `deadline` when given (a
        `time.monotonic()` value, e.g. the one a whole case started with); a stalled poll ends
        by then too, as a RequestTimeout naming it. `expect`: the seconds it should take (e.g.
        what others of the same run took on the service's clock): the first poll waits that
        long, saving the polls that could only say `pending`.
        """
        return await self._run(self._op_wait(prediction_id, timeout, first, deadline, expect))

    async def predict(
        self,
        document: str | Path,
        *,
        config: dict[str, Any] | None = None,
        domain: str | None = None,
        model: str = DEFAULT_MODEL,
        timeout: float = 300.0,
        file_id: str | None = None,
    ) -> Prediction:
        """Upload (de-duplicated), generate in batch mode, wait for the final prediction;
        all of it within `timeout` seconds."""
        return await self._run(
            self._op_predict(Path(document), config, domain, model, timeout, file_id)
        )

    async def upload_bytes(
        self,
        filename: str,
        data: bytes,
        *,
        purpose: str = "assistants",
        deadline: float | None = None,
    ) -> FileInfo:
        """`upload_file` for bytes in memory (a packed skill zip), named `filename`."""
        return await self._run(self._op_upload_bytes(filename, data, purpose, deadline))

    # -- the skill registry

    async def list_skills(
        self,
        *,
        limit: int = 25,
        offset: int = 0,
        order_by: str = "created_at",
        descending: bool = True,
        grouped: bool = False,
    ) -> list[SkillInfo]:
        """Published skill versions (`grouped`: only the newest per name)."""
        return await self._run(self._op_list_skills(limit, offset, order_by, descending, grouped))

    async def get_skill(self, skill_id: str) -> SkillInfo:
        return await self._run(self._op_get_skill(skill_id))

    async def lookup_skill(self, name: str, version: str = "latest") -> SkillInfo:
        """The version `version` of skill `name` (`latest`: the newest); NotFound if none."""
        return await self._run(self._op_lookup_skill(name, version))

    async def create_skill(self, file_id: str, name: str, description: str | None) -> SkillInfo:
        """Register an uploaded skill zip as a new skill (its first version)."""
        return await self._run(self._op_create_skill(file_id, name, description))

    async def update_skill(self, skill_id: str, file_id: str, description: str | None) -> SkillInfo:
        """A new version of a skill from an uploaded zip."""
        return await self._run(self._op_update_skill(skill_id, file_id, description))

    async def skill_download(self, skill_id: str) -> SkillDownload:
        """Where the version's zip can be fetched."""
        return await self._run(self._op_skill_download(skill_id))

    async def fetch(self, url: str) -> bytes:
        """The bytes behind a download link (the key is sent only to the service itself)."""
        return await self._run(self._op_fetch(url))

    async def download_skill_bundle(self, skill_id: str) -> bytes:
        """The version's zip: `skill_download`, then `fetch`."""
        return await self._run(self._op_download_skill_bundle(skill_id))

    async def aclose(self) -> None:
        for pool in self._pools:
            await pool.aclose()  # closes the transport too (an in-process server stops)

    async def __aenter__(self) -> AsyncClient:
        if self._transport is not None:  # e.g. an in-process server runs its startup
            await self._transport.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()
