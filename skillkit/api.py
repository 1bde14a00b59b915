"""The generate API, written once: one table of the models skillkit sends and reads.

Each model is a `Model` of `Field`s (name, JSON type, default, enum, doc), as published for
`POST /v1/document/generate` (GenerationConfig, AgentSkill, InlineSkillSource, the request, the
PredictionResponse and its usage) plus the FileResponse the official `vlmrun` SDK parses and
the skill registry's models (SkillInfo, SkillDownloadResponse and the create / update / lookup
bodies the SDK's `client.skills` sends). Plain
data, no dependencies: the core install imports it. What derives from it:

    cases.yaml `config:`       `skillkit/cases.schema.json` (`cases_schema.config_schema`)
    cassette fingerprints      `GENERATION_CONFIG.defaults()` (values left out as defaults)
    the client's bodies        `Model.body(...)`: the generate request, the inline AgentSkill
    the client's results       `Prediction` and `FileInfo` read their fields through the table

The local server keeps its own pydantic declarations (they carry the OpenAPI docs);
`tests/test_api.py` proves them equal to this table field by field, and compares the table with
the SDK's types where they overlap (the deliberate differences are listed there).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "AGENT_SKILL",
    "CREDIT_USAGE",
    "DEFAULT_MODEL",
    "DOCUMENT_REQUEST",
    "FILE_PURPOSES",
    "FILE_RESPONSE",
    "FINAL_STATUSES",
    "GENERATED",
    "GENERATION_CONFIG",
    "INLINE_SKILL_SOURCE",
    "JOB_STATUSES",
    "KNOWN_DOMAINS",
    "MODELS",
    "PREDICTION_RESPONSE",
    "REQUEST_METADATA",
    "REQUIRED",
    "SKILL_CREATE_REQUEST",
    "SKILL_DOWNLOAD_RESPONSE",
    "SKILL_INFO",
    "SKILL_LOOKUP_REQUEST",
    "SKILL_ORDER_BY",
    "SKILL_UPDATE_REQUEST",
    "SKILL_USED",
    "Field",
    "FileInfo",
    "Model",
    "Prediction",
    "inline_skill",
]


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


REQUIRED: Any = _Marker("REQUIRED")  # no default: the field must be given
GENERATED: Any = _Marker("GENERATED")  # made when absent: an id, a timestamp, a nested object

JSON_TYPES = ("string", "integer", "number", "boolean", "object", "array", "null")


@dataclass(frozen=True)
class Field:
    """One field of a model.

    `types` are JSON types (`()`: any JSON value); `enum` the allowed values besides null;
    `known` values that are documented but not exclusive (`model`, `domain`); `items` the type
    of an array's items (a JSON type or a model's name); `ref` the model of a nested object."""

    name: str
    types: tuple[str, ...]
    default: Any = None
    doc: str = ""
    enum: tuple[Any, ...] | None = None
    known: tuple[Any, ...] | None = None
    items: str | None = None
    ref: str | None = None
    minimum: float | None = None
    format: str | None = None

    def __post_init__(self) -> None:
        unknown = set(self.types) - set(JSON_TYPES)
        if unknown:
            raise ValueError(f"{self.name}: not JSON types: {sorted(unknown)}")

    @property
    def nullable(self) -> bool:
        return "null" in self.types or not self.types

    @property
    def plain_default(self) -> bool:
        """A default that is a value (not REQUIRED, not GENERATED, not null)."""
        return self.default is not None and self.default not in (REQUIRED, GENERATED)

    def json_schema(self) -> dict[str, Any]:
        """This field as JSON Schema (draft-07 keywords): type, enum, default, description."""
        out: dict[str, Any] = {}
        if self.types:
            out["type"] = self.types[0] if len(self.types) == 1 else list(self.types)
        if self.enum is not None:
            out["enum"] = [*self.enum, *([None] if self.nullable else [])]
        if self.items is not None:
            out["items"] = (
                {"type": self.items} if self.items in JSON_TYPES else {"$ref": self.items}
            )
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.format is not None:
            out["format"] = self.format
        if self.known is not None:
            out["examples"] = list(self.known)
        if self.plain_default:
            out["default"] = self.default
        if self.doc:
            out["description"] = self.doc
        return out


@dataclass(frozen=True)
class Model:
    """A named list of fields: what one JSON object of the API may hold."""

    name: str
    doc: str
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: a field is listed twice")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def __getitem__(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def defaults(self) -> dict[str, Any]:
        """{field: default} for the fields whose default is a value: what the service assumes
        when the field is absent (null defaults are left out)."""
        return {f.name: f.default for f in self.fields if f.plain_default}

    def body(self, **values: Any) -> dict[str, Any]:
        """A JSON object of this model: the given values in table order, None left out (the
        service then applies its default). ValueError names a field the model does not have,
        so a body never carries a misspelt key."""
        unknown = [k for k in values if k not in self.names]
        if unknown:
            raise ValueError(f"{self.name} has no field(s) {', '.join(map(repr, unknown))}")
        return {n: values[n] for n in self.names if values.get(n) is not None}

    def read(self, data: Mapping[str, Any], names: tuple[str, ...] | None = None) -> dict[str, Any]:
        """{field: value} of a JSON object of this model, each absent field at its plain
        default (None when it has none): for the fields `names` (default: all)."""
        chosen = names or self.names
        return {n: data.get(n, self[n].default if self[n].plain_default else None) for n in chosen}


# --------------------------------------------------------------------------- enums

JOB_STATUSES = ("pending", "enqueued", "running", "completed", "failed", "paused")
FINAL_STATUSES = frozenset({"completed", "failed"})
# The purposes the SDK's FileResponse accepts (anything else would break `files.upload`).
FILE_PURPOSES = (
    "fine-tune",
    "assistants",
    "assistants_output",
    "batch",
    "batch_output",
    "vision",
    "datasets",
)
KNOWN_DOMAINS = (
    "document.invoice",
    "document.markdown",
    "document.receipt",
    "document.resume",
    "document.us-drivers-license",
    "document.layout-detection",
    "construction.blueprint",
    "healthcare.patient-referral",
    "healthcare.patient-identification",
    "healthcare.physician-order",
    "healthcare.claims-processing",
    "healthcare.phi-redaction",
    "healthcare.phi-edit-replace",
    "healthcare.lab-report",
    "healthcare.prior-authorization-request",
    "healthcare.explanation-of-benefits",
)

_S, _N = "string", "null"

# --------------------------------------------------------------------------- the models

REQUEST_METADATA = Model(
    "RequestMetadata",
    "Metadata for the request.",
    (
        Field("environment", (_S,), "dev", "The environment where the request was made.",
              enum=("dev", "staging", "prod")),
        Field("session_id", (_S, _N), None, "The session ID of the request"),
        Field("allow_logging", ("boolean",), True, "Whether to enable logs for this request."),
        Field("allow_training", ("boolean",), True, "Whether the file can be used for training"),
        Field("allow_retention", ("boolean",), True, "Whether to allow retention of the data"),
        Field("extra", ("object",), GENERATED,
              "Extra metadata for the request (e.g. `dataset_id`, `subset_id`)."),
    ),
)  # fmt: skip

INLINE_SKILL_SOURCE = Model(
    "InlineSkillSource",
    "Source payload for an inline skill bundle.",
    (
        Field("type", (_S,), "base64",
              "Encoding type for the inline skill data. Currently only 'base64' is supported.",
              enum=("base64",)),
        Field("media_type", (_S,), "application/zip",
              "MIME type of the skill bundle. Must be 'application/zip'."),
        Field("data", (_S,), REQUIRED, "Base64-encoded zip bundle containing the skill files."),
    ),
)  # fmt: skip

AGENT_SKILL = Model(
    "AgentSkill",
    "A modular capability that extends the agent's functionality.",
    (
        Field("type", (_S,), "skill_reference",
              "The type of the skill. Use 'skill_reference' for DB-stored skills referenced by "
              "id/name. Use 'inline' to provide the skill as a base64-encoded zip bundle."),
        Field("skill_id", (_S, _N), None,
              "The unique identifier of the skill — a UUID or a name string (e.g., 'pillow', "
              "'batch-processing')."),
        Field("skill_name", (_S, _N), None,
              "Human-readable skill name for lookup (e.g., 'invoice-extraction'). Alternative "
              "to skill_id. Deprecated in favour of skill_id."),
        Field("skill_version", ("integer", _S), "latest",
              "The version of the skill — an integer (e.g. 2) or 'latest'."),
        Field("version", ("integer", _S, _N), None,
              "DEPRECATED: Use 'skill_version' instead. The version of the skill."),
        Field("name", (_S, _N), None,
              "Human-readable name for the inline skill (used for discovery and logging)."),
        Field("description", (_S, _N), None, "Short description of what the inline skill does."),
        Field("source", ("object", _N), None,
              "Source payload for inline skills. Contains the base64-encoded zip bundle with "
              "type, media_type, and data fields.",
              ref="InlineSkillSource"),
        Field("bundle", (_S, _N), None,
              "DEPRECATED: Use 'source.data' instead. Base64-encoded zip bundle containing the "
              "skill files (inline skills only)."),
    ),
)  # fmt: skip

GENERATION_CONFIG = Model(
    "GenerationConfig",
    "Request configuration for image/document/video generation.",
    (
        Field("prompt", (_S, _N), None,
              "Additional user instructions appended to the application or skill prompt for "
              "this request."),
        Field("detail", (_S,), "auto", "The detail level to use for processing multimodal data.",
              enum=("auto", "hi", "lo")),
        Field("json_schema", ("object", _N), None,
              "The overridden JSON schema to use for the model. To be used instead of the "
              "response model."),
        Field("skills", ("array", _N), None,
              "List of agent skills to enable for this generation request.",
              items="AgentSkill"),
        Field("gql_stmt", (_S, _N), None,
              "The GraphQL statement to use for the application. If provided, the response "
              "model will be generated from the GraphQL statement."),
        Field("max_retries", ("integer",), 1,
              "The maximum number of retries to use for the application."),
        Field("max_tokens", ("integer",), 65535,
              "The maximum number of tokens to use for the application."),
        Field("temperature", ("number",), 0, "The temperature to use for the application."),
        Field("confidence", ("boolean",), False,
              "Include confidence scores in the response (included in the `_metadata` field)."),
        Field("grounding", ("boolean",), False,
              "Include grounding in the response (included in the `_metadata` field)."),
        Field("keyframes", ("boolean",), False,
              "Include keyframes in the video transcription response."),
        Field("video_segment_duration", ("number", _N), None,
              "Duration in seconds for each video segment when chunking a video for "
              "transcription. Defaults to 150.0s.",
              minimum=1),
        Field("video_frames_per_segment", ("integer", _N), None,
              "Number of frames to sample per video segment for captioning. Defaults to 8.",
              minimum=1),
        Field("video_model", (_S, _N), None,
              "Model ID to use for video segment captioning (e.g. 'vlmrun-orion-1:fast'). When "
              "omitted, the server default is used."),
        Field("video_input_mode", (_S, _N), None,
              "How to pass video to the captioning model: 'frames' extracts N JPEG frames per "
              "segment, 'native_video' sends the mp4 clip directly via video_url for models "
              "with native video understanding. Defaults to 'native_video' for Qwen deployment "
              "models, 'frames' for others.",
              enum=("frames", "native_video")),
        Field("video_transcribe_audio", ("boolean",), False,
              "When True, transcribe the audio track to align segment boundaries. When False "
              "(default), skip ASR and use fixed-duration video segments only (visual-only "
              "captioning)."),
        Field("chat_context", (_S, _N), None,
              "Plain-text chat transcript (prior turns + current request) used to ground video "
              "captioning / transcription on what the user wants extracted."),
        Field("page_indices", ("array", _N), None,
              "0-indexed page indices to process for document files. If None, all pages are "
              "processed.",
              items="integer"),
        Field("use_context_cache", ("boolean",), True,
              "Reuse cached representations of document/video content across calls. When True "
              "(default), the file is cached after the first call so repeated queries against "
              "the same file skip re-transmitting its contents. Set to False to always send the "
              "full content."),
        Field("service_tier", (_S, _N), None,
              "Delivery tier for the request. 'standard'/'default' uses baseline rates, 'flex' "
              "applies a 50% discount with higher latency, 'priority' applies a 1.8x premium. "
              "When omitted (or 'auto'), the server default ('standard') applies. The chosen "
              "tier drives both billing and the latency/availability SLO.",
              enum=("auto", "default", "standard", "flex", "priority")),
    ),
)  # fmt: skip

DOCUMENT_REQUEST = Model(
    "DocumentFilePredictionRequest",
    "Request to the VLM API using a document (doc, docx, pptx, pdf).",
    (
        Field("metadata", ("object",), GENERATED, "Optional metadata to pass to the model.",
              ref="RequestMetadata"),
        Field("config", ("object",), GENERATED,
              "The VLM generation config to be used for /<dtype>/generate.",
              ref="GenerationConfig"),
        Field("url", (_S, _N), None, "The URL of the file (provide either `file_id` or `url`)."),
        Field("file_id", (_S, _N), None,
              "The ID of the uploaded file (provide either `file_id` or `url`)."),
        Field("id", (_S,), GENERATED, "Unique identifier of the request."),
        Field("created_at", (_S,), GENERATED,
              "Date and time when the request was created (in UTC timezone)",
              format="date-time"),
        Field("callback_url", (_S, _N), None, "The URL to call when the request is completed.",
              format="uri"),
        Field("model", (_S,), "vlm-1", "The model to use for generating the response.",
              known=("vlm-1",)),
        Field("domain", (_S, _N), None,
              "The domain identifier (e.g. `document.invoice`). Optional when a skill is "
              "provided via config.skills.",
              known=KNOWN_DOMAINS),
        Field("batch", ("boolean",), True,
              "Whether to process the document in batch mode (async)."),
    ),
)  # fmt: skip

CREDIT_USAGE = Model(
    "CreditUsageResponse",
    "Response model for credit usage metrics.",
    (
        Field("elements_processed", ("integer", _N), None, "Number of elements processed."),
        Field("element_type", (_S, _N), None,
              "The type of element processed (e.g. image, page, video, audio).",
              enum=("image", "page", "video", "audio")),
        Field("credits_used", ("integer", _N), None, "Amount of total credits used."),
        Field("steps", ("integer", _N), None,
              "Number of steps processed, in case of agentic execution."),
        Field("message", (_S, _N), None, "The message from the credit usage job."),
        Field("duration_seconds", ("integer",), 0, "Duration of the request in seconds."),
    ),
)  # fmt: skip

PREDICTION_RESPONSE = Model(
    "PredictionResponse",
    "Base prediction response for all API responses.",
    (
        Field("usage", ("object",), GENERATED, "The usage metrics for the request.",
              ref="CreditUsageResponse"),
        Field("id", (_S,), GENERATED, "Unique identifier of the response."),
        Field("created_at", (_S,), GENERATED,
              "Date and time when the request was created (in UTC timezone)",
              format="date-time"),
        Field("completed_at", (_S, _N), None,
              "Date and time when the response was completed (in UTC timezone)",
              format="date-time"),
        Field("response", (), None,
              "The response from the model. May be an empty dict/list when the model found no "
              "extractable content (valid for status=completed)."),
        Field("status", (_S,), "pending", "The status of the job.", enum=JOB_STATUSES),
        Field("domain", (_S, _N), None,
              "The domain of the prediction (e.g. document.invoice, image.caption)."),
        Field("skills_used", ("array", _N), None,
              "(skillkit) The skills the prediction ran with, in config.skills order: name, "
              "version, id, bundle digest and source; null when the request named none.",
              items="SkillUsed"),
    ),
)  # fmt: skip

FILE_RESPONSE = Model(  # not on the generate page: the shape the SDK's `files.upload` parses
    "FileResponse",
    "An uploaded file, as the SDK's `files.upload` / `files.get` parse it.",
    (
        Field("id", (_S,), REQUIRED, "Unique identifier of the file."),
        Field("filename", (_S,), REQUIRED, "Name of the uploaded file."),
        Field("bytes", ("integer",), REQUIRED, "Size of the file in bytes."),
        Field("purpose", (_S,), REQUIRED, "Purpose given at upload.", enum=FILE_PURPOSES),
        Field("created_at", (_S,), REQUIRED, "When the file was uploaded (UTC).",
              format="date-time"),
        Field("object", (_S,), "file", "", enum=("file",)),
        Field("public_url", (_S, _N), None, "Not used by the local server."),
    ),
)  # fmt: skip

# --------------------------------------------------------------------------- the skill registry
# Not on the generate page: what the SDK's `client.skills` sends and parses (SkillInfo,
# SkillDownloadResponse), plus the bodies of its create / update / lookup calls. The local
# server's own additions are marked "(skillkit)" in their doc.

SKILL_ORDER_BY = ("created_at", "updated_at", "name")

SKILL_USED = Model(
    "SkillUsed",
    "(skillkit) One skill a prediction ran with: which name and version, from where.",
    (
        Field("name", (_S, _N), None, "Name of the skill (its SKILL.md frontmatter name)."),
        Field("skill_version", (_S, _N), None,
              "Version that ran: the registry's version, a --skills-dir folder's "
              "metadata.version, or null (inline skills, unversioned folders)."),
        Field("skill_id", (_S, _N), None,
              "The registry id of that version; for an inline skill the SDK's id "
              "(inline_ + 16 hex of the sha256 of its base64 data); null for a folder."),
        Field("bundle_sha256", (_S,), REQUIRED, "sha256 of the zip bundle that ran."),
        Field("source", (_S,), REQUIRED, "Where the skill came from.",
              enum=("registry", "skills_dir", "inline")),
    ),
)  # fmt: skip

SKILL_INFO = Model(
    "SkillInfo",
    "Skill information response.",
    (
        Field("id", (_S,), REQUIRED, "ID of the skill"),
        Field("name", (_S,), REQUIRED, "Name of the skill"),
        Field("description", (_S, _N), None, "Description of the skill"),
        Field("skill_version", (_S, _N), None, "Version of the skill"),
        Field("version", (_S, _N), None,
              "DEPRECATED: Use 'skill_version' instead. Version of the skill."),
        Field("created_at", (_S, _N), None,
              "Date and time when the skill was created (in UTC timezone)", format="date-time"),
        Field("updated_at", (_S, _N), None,
              "Date and time when the skill was updated (in UTC timezone)", format="date-time"),
        Field("status", (_S, _N), None, "The status of the skill", enum=JOB_STATUSES),
        Field("is_public", ("boolean", _N), None, "Whether the skill is public"),
        Field("bundle_sha256", (_S, _N), None,
              "(skillkit) sha256 of the skill's zip bundle, as `skillkit pack` prints it."),
    ),
)  # fmt: skip

SKILL_DOWNLOAD_RESPONSE = Model(
    "SkillDownloadResponse",
    "Response for skill download URL.",
    (
        Field("download_url", (_S,), REQUIRED, "Presigned download URL for the skill zip"),
        Field("expires_in", ("integer", _N), None, "Seconds until the URL expires"),
        Field("expires_at", (_S, _N), None, "(skillkit) When the URL expires (UTC).",
              format="date-time"),
        Field("skill_id", (_S, _N), None, "(skillkit) ID of the skill version it downloads."),
        Field("bundle_sha256", (_S, _N), None,
              "(skillkit) sha256 of the zip the URL answers, to check the download against."),
    ),
)  # fmt: skip

SKILL_CREATE_REQUEST = Model(
    "SkillCreateRequest",
    "Create a skill: from an uploaded skill zip (`file_id`), or from a `prompt` (+ optional "
    "`json_schema`), or from a chat session (`session_id`).",
    (
        Field("prompt", (_S, _N), None,
              "Text prompt to auto-generate SKILL.md and schema"),
        Field("json_schema", ("object", _N), None, "Optional JSON schema (used with prompt)"),
        Field("session_id", (_S, _N), None, "Chat session ID to generate skill from"),
        Field("file_id", (_S, _N), None, "Uploaded skill zip file ID"),
        Field("name", (_S, _N), None, "Skill name (used with file_id)"),
        Field("description", (_S, _N), None, "Skill description (used with file_id)"),
    ),
)  # fmt: skip

SKILL_UPDATE_REQUEST = Model(
    "SkillUpdateRequest",
    "Update an existing skill (creates a new version).",
    (
        Field("file_id", (_S, _N), None, "New skill zip file ID"),
        Field("description", (_S, _N), None, "Updated description"),
    ),
)  # fmt: skip

SKILL_LOOKUP_REQUEST = Model(
    "SkillLookupRequest",
    "Lookup a skill by name and optional version.",
    (
        Field("name", (_S,), REQUIRED, "Skill name for lookup"),
        Field("skill_version", ("integer", _S, _N), None,
              "Skill version (used with name); 'latest' or absent: the newest."),
        Field("version", ("integer", _S, _N), None,
              "DEPRECATED: Use 'skill_version' instead."),
    ),
)  # fmt: skip

MODELS: dict[str, Model] = {
    m.name: m
    for m in (
        REQUEST_METADATA,
        INLINE_SKILL_SOURCE,
        AGENT_SKILL,
        GENERATION_CONFIG,
        DOCUMENT_REQUEST,
        CREDIT_USAGE,
        PREDICTION_RESPONSE,
        FILE_RESPONSE,
        SKILL_USED,
        SKILL_INFO,
        SKILL_DOWNLOAD_RESPONSE,
        SKILL_CREATE_REQUEST,
        SKILL_UPDATE_REQUEST,
        SKILL_LOOKUP_REQUEST,
    )
}

DEFAULT_MODEL: str = DOCUMENT_REQUEST["model"].default


def inline_skill(name: str, description: str, data: str, *, media_type: str) -> dict[str, Any]:
    """The inline AgentSkill that goes into `config.skills`: name, description and the
    InlineSkillSource holding the base64 zip `data`."""
    source = INLINE_SKILL_SOURCE.body(type="base64", media_type=media_type, data=data)
    return AGENT_SKILL.body(type="inline", name=name, description=description, source=source)


# --------------------------------------------------------------------------- result types


def _result_of(model: Model, *own: str) -> Any:
    """A dataclass holding some fields of `model` (plus its `own` ones): refused at import
    when a field is not in the table, so the client's results cannot drift from it."""

    def wrap(cls: type) -> type:
        names = tuple(f.name for f in dataclasses.fields(cls) if f.name not in own)
        unknown = sorted(set(names) - set(model.names))
        if unknown:
            raise TypeError(f"{cls.__name__}: {model.name} has no field(s) {unknown}")
        cls.model = model  # type: ignore[attr-defined]
        cls.table_fields = names  # type: ignore[attr-defined]
        return cls

    return wrap


@_result_of(FILE_RESPONSE, "reused", "raw")
@dataclass
class FileInfo:
    """An uploaded file as the service describes it (`FileResponse`)."""

    id: str
    filename: str | None = None
    bytes: int | None = None
    reused: bool = False
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any], *, reused: bool = False) -> FileInfo:
        values = FILE_RESPONSE.read(data, cls.table_fields)  # type: ignore[attr-defined]
        values["id"] = str(data["id"])
        return cls(**values, reused=reused, raw=data)


@_result_of(PREDICTION_RESPONSE, "raw")
@dataclass
class Prediction:
    """A `PredictionResponse`: `response` holds the generated JSON once `status` is completed."""

    id: str
    status: str
    response: Any = None
    usage: dict[str, Any] | None = None
    domain: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Prediction:
        values = PREDICTION_RESPONSE.read(data, cls.table_fields)  # type: ignore[attr-defined]
        values["id"] = str(data.get("id", ""))
        values["status"] = str(values["status"])
        return cls(**values, raw=data)

    @property
    def done(self) -> bool:
        return self.status in FINAL_STATUSES

    def failure_reason(self) -> str:
        """The server's explanation of a failed prediction, wherever it put it."""
        candidates: list[Any] = [self.raw.get("error"), self.raw.get("message")]
        if isinstance(self.response, dict):
            candidates += [self.response.get(k) for k in ("error", "detail", "message", "reason")]
        elif isinstance(self.response, str):
            candidates.append(self.response)
        if isinstance(self.usage, dict):
            candidates.append(self.usage.get("message"))
        for value in candidates:
            if isinstance(value, dict):
                value = value.get("message") or value.get("detail") or json.dumps(value)
            if value:
                return str(value)
        return "the service gave no reason"
