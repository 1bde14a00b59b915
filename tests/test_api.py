"""The table of the API (skillkit/api.py) against what restates it: the local server's pydantic
models field by field, the official SDK's types where they overlap, and what derives from it
(cassette defaults, the client's bodies and results, the inline skill payload)."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import types
import typing
from typing import Any

import annotated_types
import pydantic
import pytest
import vlmrun.client.types as sdk
from conftest import REPO, make_skill

from skillkit import api, cassettes
from skillkit.server import models as server

# --------------------------------------------------------------------------- shapes

Shape = dict[str, Any]


def annotation_shape(annotation: Any) -> Shape:
    """What a pydantic annotation accepts, in the table's terms: JSON types, the closed set of
    values (enum), documented values of an open set (known), items, ref, minimum, format."""
    shape: Shape = {
        "types": set(),
        "enum": set(),
        "open": False,
        "known": set(),
        "items": None,
        "ref": None,
        "minimum": None,
        "format": None,
    }

    def add(ann: Any) -> None:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            inner, *meta = typing.get_args(ann)
            add(inner)
            for m in meta:
                for c in getattr(m, "metadata", [m]):
                    if isinstance(c, annotated_types.Ge):
                        shape["minimum"] = c.ge
            return
        if origin in (typing.Union, types.UnionType):
            for arg in typing.get_args(ann):
                add(arg)
            return
        if origin is typing.Literal:
            for value in typing.get_args(ann):
                shape["types"].add(_json_type(value))
                shape["enum"].add(value)
            return
        if ann is type(None):
            shape["types"].add("null")
        elif ann is Any:
            shape["open"] = True
            shape["types"].add("any")
        elif ann is str:
            shape["open"] = True
            shape["types"].add("string")
        elif ann is bool:
            shape["types"].add("boolean")
        elif ann is int:
            shape["open"] = True
            shape["types"].add("integer")
        elif ann is float:
            shape["open"] = True
            shape["types"].add("number")
        elif ann is datetime.datetime:
            shape["open"] = True
            shape["types"].add("string")
            shape["format"] = "date-time"
        elif ann is pydantic.AnyUrl:
            shape["open"] = True
            shape["types"].add("string")
            shape["format"] = "uri"
        elif origin in (dict, typing.Dict) or ann is dict:  # noqa: UP006 (the SDK's spelling)
            shape["open"] = True
            shape["types"].add("object")
        elif origin in (list, typing.List):  # noqa: UP006
            shape["open"] = True
            shape["types"].add("array")
            (item,) = typing.get_args(ann)
            shape["items"] = _item_name(item)
        elif isinstance(ann, type) and issubclass(ann, pydantic.BaseModel):
            shape["open"] = True
            shape["types"].add("object")
            shape["ref"] = _ALIASES.get(ann.__name__, ann.__name__)
        else:
            raise AssertionError(f"no shape for {ann!r}")

    add(annotation)
    return _closed(shape)


def _closed(shape: Shape) -> Shape:
    """Literal values are an enum only when nothing else of their type is allowed."""
    if shape["open"] or not shape["enum"]:
        shape["known"], shape["enum"] = shape["enum"] or None, None
    else:
        shape["known"] = None
    if shape["types"] == {"any", "null"}:
        shape["types"] = {"any"}
    del shape["open"]
    return shape


def _item_name(item: Any) -> str:
    if isinstance(item, type) and issubclass(item, pydantic.BaseModel):
        return _ALIASES.get(item.__name__, item.__name__)
    return {int: "integer", str: "string", float: "number", bool: "boolean"}[item]


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    return {str: "string", int: "integer", float: "number"}[type(value)]


_ALIASES = {"CreditUsage": "CreditUsageResponse"}  # the SDK's name for the same model


def table_shape(f: api.Field) -> Shape:
    return {
        "types": set(f.types) or {"any"},
        "enum": set(f.enum) if f.enum is not None else None,
        "known": set(f.known) if f.known is not None else None,
        "items": f.items,
        "ref": f.ref,
        "minimum": f.minimum,
        "format": f.format,
    }


def pydantic_default(info: Any) -> Any:
    if info.default_factory is not None:
        made = info.default_factory()
        return made if made == {} and not isinstance(made, pydantic.BaseModel) else api.GENERATED
    if info.is_required():
        return api.REQUIRED
    return info.default


def table_default(f: api.Field) -> Any:
    return {} if f.default is api.GENERATED and f.name == "extra" else f.default


def same_value(a: Any, b: Any) -> bool:
    return a is b or (a == b and isinstance(a, bool) == isinstance(b, bool))


def differences(model: api.Model, pyd: type[pydantic.BaseModel]) -> dict[tuple[str, str], Any]:
    """{(field, aspect): (table, pydantic)} for every way the two disagree; a field on one
    side only is the aspect 'only in table' / 'only in pydantic'."""
    out: dict[tuple[str, str], Any] = {}
    fields = pyd.model_fields
    for name in set(model.names) - set(fields):
        out[(name, "only in table")] = True
    for name in set(fields) - set(model.names):
        out[(name, "only in pydantic")] = True
    for f in model.fields:
        if f.name not in fields:
            continue
        info = fields[f.name]
        mine, theirs = table_shape(f), annotation_shape(info.annotation)
        for aspect in mine:
            if mine[aspect] != theirs[aspect]:
                out[(f.name, aspect)] = (mine[aspect], theirs[aspect])
        if not same_value(table_default(f), pydantic_default(info)):
            out[(f.name, "default")] = (f.default, pydantic_default(info))
    return out


# --------------------------------------------------------------------------- the server

SERVER_MODELS = {
    "RequestMetadata": server.RequestMetadata,
    "InlineSkillSource": server.InlineSkillSource,
    "AgentSkill": server.AgentSkill,
    "GenerationConfig": server.GenerationConfig,
    "DocumentFilePredictionRequest": server.DocumentFilePredictionRequest,
    "CreditUsageResponse": server.CreditUsageResponse,
    "PredictionResponse": server.PredictionResponse,
    "FileResponse": server.FileResponse,
    "SkillUsed": server.SkillUsed,
    "SkillInfo": server.SkillInfo,
    "SkillDownloadResponse": server.SkillDownloadResponse,
    "SkillCreateRequest": server.SkillCreateRequest,
    "SkillUpdateRequest": server.SkillUpdateRequest,
    "SkillLookupRequest": server.SkillLookupRequest,
}


def test_every_model_of_the_table_has_its_pydantic_declaration() -> None:
    assert set(SERVER_MODELS) == set(api.MODELS)


@pytest.mark.parametrize("name", sorted(SERVER_MODELS))
def test_server_models_agree_with_the_table_field_by_field(name: str) -> None:
    model, pyd = api.MODELS[name], SERVER_MODELS[name]
    assert differences(model, pyd) == {}
    assert list(pyd.model_fields) == list(model.names)  # the same order (the OpenAPI's)
    for f in model.fields:  # the server may say more (what this server accepts), never less
        described = pyd.model_fields[f.name].description or ""
        assert described.startswith(f.doc), (name, f.name)


def test_the_comparison_sees_a_drift() -> None:
    """A model that disagrees in a type, a default and an enum is reported, not waved through."""

    class Drifted(pydantic.BaseModel):
        detail: typing.Literal["auto", "hi"] = "hi"
        max_tokens: float = 65535

    model = api.Model("GenerationConfig", "", (api.GENERATION_CONFIG["detail"],
                                               api.GENERATION_CONFIG["max_tokens"]))  # fmt: skip
    found = differences(model, Drifted)
    assert set(found) == {("detail", "enum"), ("detail", "default"), ("max_tokens", "types")}


# --------------------------------------------------------------------------- the SDK

SDK_MODELS = {
    "GenerationConfig": sdk.GenerationConfig,
    "AgentSkill": sdk.AgentSkill,
    "InlineSkillSource": sdk.InlineSkillSource,
    "CreditUsageResponse": sdk.CreditUsage,
    "PredictionResponse": sdk.PredictionResponse,
    "FileResponse": sdk.FileResponse,
    "SkillInfo": sdk.SkillInfo,
    "SkillDownloadResponse": sdk.SkillDownloadResponse,
}

# Where the SDK (vlmrun 0.9) and the API differ on purpose or by age. Each entry must still be
# true (a fixed difference fails the test, so the list stays honest).
KNOWN_SDK_DIFFERENCES: dict[tuple[str, str, str], str] = {
    ("GenerationConfig", "max_retries", "default"): "SDK 3, API 1: the SDK retries more",
    ("GenerationConfig", "response_model", "only in pydantic"): "SDK-side pydantic class, "
    "turned into json_schema before sending",
    ("GenerationConfig", "video_segment_duration", "minimum"): "the SDK does not check >= 1",
    ("GenerationConfig", "video_frames_per_segment", "minimum"): "the SDK does not check >= 1",
    **{
        ("GenerationConfig", name, "only in table"): "newer API field the SDK lacks"
        for name in (
            "keyframes",
            "video_model",
            "video_input_mode",
            "video_transcribe_audio",
            "chat_context",
            "use_context_cache",
        )
    },
    ("AgentSkill", "skill_version", "types"): "SDK str | None, API int | str",
    ("AgentSkill", "version", "types"): "SDK str | None, API int | str | None",
    ("InlineSkillSource", "type", "enum"): "SDK any str, API the constant 'base64'",
    ("PredictionResponse", "id", "default"): "SDK requires it, the API generates it",
    ("PredictionResponse", "created_at", "default"): "SDK requires it, the API generates it",
    ("PredictionResponse", "usage", "default"): "SDK requires it, the API generates it",
    ("PredictionResponse", "status", "default"): "SDK requires it, API default 'pending'",
    ("FileResponse", "id", "types"): "SDK Optional[str] (required), the server always sends one",
    ("FileResponse", "filename", "types"): "SDK Optional[str] (required), always sent",
    ("FileResponse", "object", "enum"): "SDK any str, the server only 'file'",
    ("PredictionResponse", "skills_used", "only in table"): "skillkit's record of the skills "
    "that ran (the SDK ignores it)",
    ("SkillInfo", "bundle_sha256", "only in table"): "skillkit's bundle digest (the SDK "
    "ignores it)",
    **{
        ("SkillDownloadResponse", name, "only in table"): "skillkit's addition (the SDK ignores it)"
        for name in ("expires_at", "skill_id", "bundle_sha256")
    },
}


@pytest.mark.parametrize("name", sorted(SDK_MODELS))
def test_sdk_types_agree_with_the_table_where_they_overlap(name: str) -> None:
    found = {(name, *key) for key in differences(api.MODELS[name], SDK_MODELS[name])}
    expected = {key for key in KNOWN_SDK_DIFFERENCES if key[0] == name}
    assert found - expected == set(), "a new difference from the SDK: fix the table or list it"
    assert expected - found == set(), "a listed difference is gone: drop it from the list"


def test_the_sdk_parses_what_the_table_describes() -> None:
    """A prediction and a file as the table fills them are read by the SDK's own types."""
    prediction = {
        "id": "p1",
        "created_at": "2026-01-01T00:00:00Z",
        "status": api.PREDICTION_RESPONSE["status"].default,
        "usage": api.CREDIT_USAGE.defaults(),
        "response": {"total": 1},
    }
    assert sdk.PredictionResponse.model_validate(prediction).status == "pending"
    file = {"id": "f1", "filename": "a.pdf", "bytes": 3, "purpose": api.FILE_PURPOSES[1]}
    sdk.FileResponse.model_validate({**file, "created_at": "2026-01-01T00:00:00Z"})
    sdk.GenerationConfig.model_validate(api.GENERATION_CONFIG.defaults())


def test_the_sdk_parses_the_registry_answers_and_sends_its_bodies() -> None:
    """SkillInfo and SkillDownloadResponse as the server fills them are read by the SDK's own
    types (its extra fields ignored); the bodies `client.skills` sends are the table's."""
    info = server.SkillInfo(
        id="0f0e0d0c-0000-4000-8000-000000000000",
        name="demo",
        description="d",
        skill_version="20260408-9c3a43f5",
        version="20260408-9c3a43f5",
        created_at=datetime.datetime(2026, 4, 8, tzinfo=datetime.timezone.utc),
        updated_at=datetime.datetime(2026, 4, 8, tzinfo=datetime.timezone.utc),
        status="completed",
        is_public=False,
        bundle_sha256="9c3a43f5" + "0" * 56,
    )
    sent = json.loads(info.model_dump_json())
    assert list(sent) == list(api.SKILL_INFO.names)
    parsed = sdk.SkillInfo(**sent)
    assert (parsed.id, parsed.skill_version) == (info.id, info.skill_version)
    assert not hasattr(parsed, "bundle_sha256")  # ignored, not refused
    download = server.SkillDownloadResponse(
        download_url="http://127.0.0.1:1/v1/skills/x/bundle?token=t",
        expires_in=300,
        expires_at=datetime.datetime(2026, 4, 8, tzinfo=datetime.timezone.utc),
        skill_id=info.id,
        bundle_sha256=info.bundle_sha256,
    )
    assert sdk.SkillDownloadResponse(**json.loads(download.model_dump_json())).expires_in == 300
    # what vlmrun.client.skills.Skills.create / update / get(name=...) put in their bodies
    for model, pyd, body in (
        (api.SKILL_CREATE_REQUEST, server.SkillCreateRequest,
         {"file_id": "f", "name": "demo", "description": "d"}),
        (api.SKILL_CREATE_REQUEST, server.SkillCreateRequest,
         {"prompt": "p", "json_schema": {"type": "object"}}),
        (api.SKILL_UPDATE_REQUEST, server.SkillUpdateRequest, {"file_id": "f", "description": "d"}),
        (api.SKILL_LOOKUP_REQUEST, server.SkillLookupRequest,
         {"name": "demo", "skill_version": "latest"}),
    ):  # fmt: skip
        assert set(body) <= set(model.names)
        assert model.body(**body) == body
        pyd.model_validate(body)
    # ... and every argument those SDK methods turn into body fields is in the table
    import inspect

    from vlmrun.client.skills import Skills

    def params(method: Any, *path_args: str) -> set[str]:
        return set(inspect.signature(method).parameters) - {"self", *path_args}

    assert params(Skills.create) == set(api.SKILL_CREATE_REQUEST.names)
    assert params(Skills.update, "skill_id") == set(api.SKILL_UPDATE_REQUEST.names)
    assert params(Skills.get, "id") == set(api.SKILL_LOOKUP_REQUEST.names)


def test_the_registry_models_are_bounded() -> None:
    too_long = {"name": "a" * 65}
    with pytest.raises(pydantic.ValidationError):
        server.SkillLookupRequest.model_validate(too_long)
    with pytest.raises(pydantic.ValidationError):
        server.SkillCreateRequest.model_validate({"prompt": "x" * (server.MAX_SKILL_PROMPT + 1)})
    with pytest.raises(pydantic.ValidationError):
        server.SkillUpdateRequest.model_validate({"file_id": "f" * (server.MAX_SKILL_REF + 1)})


# --------------------------------------------------------------------------- derived


def test_cassette_defaults_are_the_tables() -> None:
    assert cassettes.CONFIG_DEFAULTS == api.GENERATION_CONFIG.defaults()
    assert server.GenerationConfig().model_dump(exclude_none=True, exclude={"skills"}) == (
        cassettes.CONFIG_DEFAULTS
    )


def test_client_results_read_their_fields_and_defaults_from_the_table() -> None:
    from skillkit.client import FileInfo, Prediction

    assert set(Prediction.table_fields) <= set(api.PREDICTION_RESPONSE.names)
    assert set(FileInfo.table_fields) <= set(api.FILE_RESPONSE.names)
    assert Prediction.from_json({"id": "p"}).status == api.PREDICTION_RESPONSE["status"].default
    info = FileInfo.from_json({"id": 7, "filename": "a.pdf", "bytes": 3}, reused=True)
    assert (info.id, info.filename, info.bytes, info.reused) == ("7", "a.pdf", 3, True)
    with pytest.raises(TypeError, match="has no field"):

        @api._result_of(api.FILE_RESPONSE)
        @__import__("dataclasses").dataclass
        class Wrong:
            size: int = 0


def test_bodies_hold_only_table_fields() -> None:
    with pytest.raises(ValueError, match="no field"):
        api.GENERATION_CONFIG.body(page_index=[0])
    body = api.DOCUMENT_REQUEST.body(model="vlm-1", file_id="f", batch=False, domain=None)
    assert body == {"file_id": "f", "model": "vlm-1", "batch": False}
    server.DocumentFilePredictionRequest.model_validate(body)


def test_the_generate_request_the_client_sends_is_a_table_body() -> None:
    import httpx

    from skillkit.client import Client

    seen: dict[str, Any] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.update(json.loads(request.content))
        return httpx.Response(201, json={"id": "p", "status": "pending"})

    with Client("http://x/v1", "k", transport=httpx.MockTransport(handler), use_env=False) as c:
        c.generate("f1", {"grounding": True}, "document.invoice", metadata={"extra": {}})
    assert set(seen) <= set(api.DOCUMENT_REQUEST.names)
    assert seen["model"] == api.DEFAULT_MODEL and seen["config"] == {"grounding": True}
    assert "callback_url" not in seen  # None and empty values are left out
    server.DocumentFilePredictionRequest.model_validate(seen)


def test_the_inline_skill_payload_is_an_agent_skill(tmp_path) -> None:
    from skillkit.bundle import pack_skill

    packed = pack_skill(make_skill(tmp_path, "demo"))
    payload = packed.payload()
    assert list(payload) == ["type", "name", "description", "source"]
    assert list(payload["source"]) == ["type", "media_type", "data"]
    assert server.AgentSkill.model_validate(payload).is_inline
    sdk.AgentSkill.model_validate(payload)


def test_the_core_install_imports_no_pydantic() -> None:
    """api, the cases.yaml validator, the client and the cassettes load with the core
    dependencies only (click, jsonschema, pyyaml, httpx, pathspec, rich, regex)."""
    code = (
        "import sys\n"
        "import skillkit.api, skillkit.cases, skillkit.cases_schema, skillkit.client, "
        "skillkit.cassettes, skillkit.compare\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'fastapi', "
        "'vlmrun', 'starlette', 'uvicorn'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
