"""Schema fuzzing of the local server: schemathesis against its own /openapi.json.

Every operation gets a bounded number of generated requests (valid ones, then invalid ones),
sent with the key to the real app in-process (ASGI); each answer must be no server error, a
status the OpenAPI documents for that operation, of the documented content type, and shaped
as documented. Derandomized, so a CI run is repeatable; the counts bound its time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode, checks  # noqa: E402

from skillkit.server import ServerSettings, create_app  # noqa: E402

KEY = "fuzz-key-0123456789"
EXAMPLES = {GenerationMode.POSITIVE: 12, GenerationMode.NEGATIVE: 8}
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


def _without_lifespan(app: Any) -> Any:
    """The app with lifespan answered here: schemathesis' ASGI client runs a lifespan per
    request, and the app's shutdown would close its store after the first one."""

    async def wrapped(scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            await app(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    return wrapped


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    data = tmp_path_factory.mktemp("fuzz") / "data"
    app = create_app(ServerSettings(data_dir=data, api_key=KEY, max_upload_bytes=256 * 1024))
    config = schemathesis.Config.from_dict({"headers": {"Authorization": f"Bearer {KEY}"}})
    try:
        yield schemathesis.openapi.from_asgi("/openapi.json", _without_lifespan(app), config=config)
    finally:
        app.state.runtime.close()


def _operations(api: Any) -> list[Any]:
    return [result.ok() for result in api.get_all_operations()]


def _negatable(api: Any, operation: Any) -> bool:
    """Whether invalid input can be made for the operation: a body, or a query parameter
    (path parameters here are free-form strings: every value is valid)."""
    spec = api.raw_schema["paths"][operation.path][operation.method.lower()]
    return "requestBody" in spec or any(p["in"] == "query" for p in spec.get("parameters", []))


def test_the_schema_lists_every_route(api: Any):
    labels = {op.label for op in _operations(api)}
    assert {
        "GET /v1/health",
        "HEAD /v1/health",
        "POST /v1/files",
        "GET /v1/files",
        "GET /v1/files/{file_id}",
        "DELETE /v1/files/{file_id}",
        "GET /v1/files/hash/{md5}",
        "POST /v1/document/generate",
        "GET /v1/predictions",
        "GET /v1/predictions/{prediction_id}",
        "POST /v1/hub/schema",
        "POST /v1/schema",
    } <= labels


@pytest.mark.parametrize("mode", list(EXAMPLES), ids=lambda m: m.value)
def test_every_operation_answers_as_documented(api: Any, mode: GenerationMode, tmp_path: Path):
    failures: list[str] = []
    fuzzed = 0
    for operation in _operations(api):
        if mode is GenerationMode.NEGATIVE and not _negatable(api, operation):
            continue

        @settings(
            max_examples=EXAMPLES[mode],
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: Any) -> None:
            case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {KEY}"})

        try:
            run()
        except Exception as exc:  # collect: one report naming every failing operation
            failures.append(f"{operation.label}: {str(exc)[:2000]}")
        fuzzed += 1
    assert not failures, "\n\n".join(failures)
    assert fuzzed >= (15 if mode is GenerationMode.POSITIVE else 6), fuzzed
