"""The API's models as pydantic declarations: what the server validates and its OpenAPI shows.

The models of the API are written once in `skillkit.api` (the table the core install uses);
these declarations restate them with pydantic, and tests/test_api.py proves them equal field by
field (name, type, default, enum, doc). FileResponse and the hub/schema models follow what the
official `vlmrun` SDK parses. Unknown request fields are ignored (as the hosted API does), so
newer clients keep working.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import AnyUrl, BaseModel, Field

from skillkit import api

__all__ = [
    "AgentSkill",
    "CreditUsageResponse",
    "DocumentFilePredictionRequest",
    "ErrorResponse",
    "FilePurpose",
    "FileResponse",
    "GenerationConfig",
    "HealthResponse",
    "HubDomainInfo",
    "HubInfoResponse",
    "HubSchemaRequest",
    "InlineSkillSource",
    "JobStatus",
    "PredictionResponse",
    "PresignedUrlRequest",
    "PresignedUrlResponse",
    "RequestMetadata",
    "SchemaRequest",
    "SchemaResponse",
    "SkillCreateRequest",
    "SkillDownloadResponse",
    "SkillInfo",
    "SkillLookupRequest",
    "SkillUpdateRequest",
    "SkillUsed",
]

JobStatus = Literal[api.JOB_STATUSES]  # type: ignore[valid-type]  # one table: skillkit.api
FINAL_STATUSES = api.FINAL_STATUSES

# The purposes the SDK's FileResponse accepts (anything else would break `files.upload`).
FilePurpose = Literal[api.FILE_PURPOSES]  # type: ignore[valid-type]

KnownDomain = Literal[api.KNOWN_DOMAINS]  # type: ignore[valid-type]

SkillOrderBy = Literal[api.SKILL_ORDER_BY]  # type: ignore[valid-type]

# Bounds of the registry's request bodies (the README's "Security and limits" table).
MAX_SKILL_NAME = 64  # the skill name rule (skillkit.lint.name_problem) is checked too
MAX_SKILL_DESCRIPTION = 1024  # the spec's limit for a frontmatter description
MAX_SKILL_PROMPT = 256 * 1024  # a prompt becomes the SKILL.md body (1 MiB at most in all)
MAX_SKILL_REF = 128  # file_id, session_id, skill_version


# A client-chosen prediction id is only ever data (no file is named after it), and is
# still held to a safe charset and length.
PREDICTION_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def new_id() -> str:
    """A UUID: never contains a dot, so the SDK never mistakes an id for a file path."""
    return str(uuid.uuid4())


class RequestMetadata(BaseModel):
    """Metadata for the request.

    Typically captured in {"vlmrun": {"metadata": {"environment": <environment>, ...}}.
    """

    environment: Literal["dev", "staging", "prod"] = Field(
        "dev", title="Environment", description="The environment where the request was made."
    )
    session_id: str | None = Field(
        None, title="Session Id", description="The session ID of the request"
    )
    allow_logging: bool = Field(
        True, title="Allow Logging", description="Whether to enable logs for this request."
    )
    allow_training: bool = Field(
        True, title="Allow Training", description="Whether the file can be used for training"
    )
    allow_retention: bool = Field(
        True, title="Allow Retention", description="Whether to allow retention of the data"
    )
    extra: dict[str, Any] = Field(
        default_factory=dict,
        title="Extra",
        description="Extra metadata for the request (e.g. `dataset_id`, `subset_id`).",
    )


class InlineSkillSource(BaseModel):
    """Source payload for an inline skill bundle.

    Follows the OpenAI inline skill format::

        {
            "type": "base64",
            "media_type": "application/zip",
            "data": "<base64-encoded-zip>"
        }
    """

    type: Literal["base64"] = Field(
        "base64",
        title="Type",
        description="Encoding type for the inline skill data. Currently only 'base64' is "
        "supported.",
    )
    media_type: str = Field(
        "application/zip",
        title="Media Type",
        description="MIME type of the skill bundle. Must be 'application/zip'.",
    )
    data: str = Field(
        ..., title="Data", description="Base64-encoded zip bundle containing the skill files."
    )


class AgentSkill(BaseModel):
    """A modular capability that extends the agent's functionality.

    Two modes are supported: referenced skills (``type="skill_reference"``, ``skill_id`` or
    ``skill_name`` and ``skill_version``) and inline skills (``type="inline"``, ``name``,
    ``description`` and a ``source`` holding the base64 zip bundle; the legacy flat
    ``bundle`` field is also accepted).
    """

    type: str = Field(
        "skill_reference",
        title="Type",
        description="The type of the skill. Use 'skill_reference' for DB-stored skills "
        "referenced by id/name. Use 'inline' to provide the skill as a base64-encoded zip "
        "bundle.",
    )
    skill_id: str | None = Field(
        None,
        title="Skill Id",
        description="The unique identifier of the skill — a UUID or a name string (e.g., "
        "'pillow', 'batch-processing').",
    )
    skill_name: str | None = Field(
        None,
        title="Skill Name",
        description="Human-readable skill name for lookup (e.g., 'invoice-extraction'). "
        "Alternative to skill_id. Deprecated in favour of skill_id.",
    )
    skill_version: int | str = Field(
        "latest",
        title="Skill Version",
        description="The version of the skill — an integer (e.g. 2) or 'latest'.",
    )
    version: int | str | None = Field(
        None,
        title="Version",
        description="DEPRECATED: Use 'skill_version' instead. The version of the skill.",
    )
    name: str | None = Field(
        None,
        title="Name",
        description="Human-readable name for the inline skill (used for discovery and logging).",
    )
    description: str | None = Field(
        None, title="Description", description="Short description of what the inline skill does."
    )
    source: InlineSkillSource | None = Field(
        None,
        description="Source payload for inline skills. Contains the base64-encoded zip bundle "
        "with type, media_type, and data fields.",
    )
    bundle: str | None = Field(
        None,
        title="Bundle",
        description="DEPRECATED: Use 'source.data' instead. Base64-encoded zip bundle "
        "containing the skill files (inline skills only).",
    )

    @property
    def is_inline(self) -> bool:
        """Inline when it says so, or when it carries a bundle and no reference."""
        if self.type == "inline":
            return True
        has_bundle = self.source is not None or self.bundle is not None
        return has_bundle and not (self.skill_id or self.skill_name)

    @property
    def reference_name(self) -> str | None:
        return self.skill_id or self.skill_name

    @property
    def reference_version(self) -> str:
        """`skill_version`, falling back to the deprecated `version` when that one is set."""
        if self.version is not None and self.skill_version == "latest":
            return str(self.version)
        return str(self.skill_version)


class GenerationConfig(BaseModel):
    """Request configuration for image/document/video generation."""

    prompt: str | None = Field(
        None,
        title="Prompt",
        description="Additional user instructions appended to the application or skill prompt "
        "for this request.",
    )
    detail: Literal["auto", "hi", "lo"] = Field(
        "auto",
        title="Detail",
        description="The detail level to use for processing multimodal data.",
    )
    json_schema: dict[str, Any] | None = Field(
        None,
        title="Json Schema",
        description="The overridden JSON schema to use for the model. To be used instead of the "
        "response model.",
    )
    skills: list[AgentSkill] | None = Field(
        None,
        title="Skills",
        description="List of agent skills to enable for this generation request.",
    )
    gql_stmt: str | None = Field(
        None,
        title="Gql Stmt",
        description="The GraphQL statement to use for the application. If provided, the "
        "response model will be generated from the GraphQL statement.",
    )
    max_retries: int = Field(
        1,
        title="Max Retries",
        description="The maximum number of retries to use for the application.",
    )
    max_tokens: int = Field(
        65535,
        title="Max Tokens",
        description="The maximum number of tokens to use for the application.",
    )
    temperature: float = Field(
        0, title="Temperature", description="The temperature to use for the application."
    )
    confidence: bool = Field(
        False,
        title="Confidence",
        description="Include confidence scores in the response (included in the `_metadata` "
        "field).",
    )
    grounding: bool = Field(
        False,
        title="Grounding",
        description="Include grounding in the response (included in the `_metadata` field).",
    )
    keyframes: bool = Field(
        False,
        title="Keyframes",
        description="Include keyframes in the video transcription response.",
    )
    video_segment_duration: Annotated[float, Field(ge=1)] | None = Field(
        None,
        title="Video Segment Duration",
        description="Duration in seconds for each video segment when chunking a video for "
        "transcription. Defaults to 150.0s.",
    )
    video_frames_per_segment: Annotated[int, Field(ge=1)] | None = Field(
        None,
        title="Video Frames Per Segment",
        description="Number of frames to sample per video segment for captioning. Defaults to 8.",
    )
    video_model: str | None = Field(
        None,
        title="Video Model",
        description="Model ID to use for video segment captioning (e.g. 'vlmrun-orion-1:fast'). "
        "When omitted, the server default is used.",
    )
    video_input_mode: Literal["frames", "native_video"] | None = Field(
        None,
        title="Video Input Mode",
        description="How to pass video to the captioning model: 'frames' extracts N JPEG frames "
        "per segment, 'native_video' sends the mp4 clip directly via video_url for models with "
        "native video understanding. Defaults to 'native_video' for Qwen deployment models, "
        "'frames' for others.",
    )
    video_transcribe_audio: bool = Field(
        False,
        title="Video Transcribe Audio",
        description="When True, transcribe the audio track to align segment boundaries. When "
        "False (default), skip ASR and use fixed-duration video segments only (visual-only "
        "captioning).",
    )
    chat_context: str | None = Field(
        None,
        title="Chat Context",
        description="Plain-text chat transcript (prior turns + current request) used to ground "
        "video captioning / transcription on what the user wants extracted.",
    )
    page_indices: list[int] | None = Field(
        None,
        title="Page Indices",
        description="0-indexed page indices to process for document files. If None, all pages "
        "are processed.",
    )
    use_context_cache: bool = Field(
        True,
        title="Use Context Cache",
        description="Reuse cached representations of document/video content across calls. When "
        "True (default), the file is cached after the first call so repeated queries against "
        "the same file skip re-transmitting its contents. Set to False to always send the full "
        "content.",
    )
    service_tier: Literal["auto", "default", "standard", "flex", "priority"] | None = Field(
        None,
        title="Service Tier",
        description="Delivery tier for the request. 'standard'/'default' uses baseline rates, "
        "'flex' applies a 50% discount with higher latency, 'priority' applies a 1.8x premium. "
        "When omitted (or 'auto'), the server default ('standard') applies. The chosen tier "
        "drives both billing and the latency/availability SLO.",
    )


class DocumentFilePredictionRequest(BaseModel):
    """Request to the VLM API using a document (doc, docx, pptx, pdf)."""

    metadata: RequestMetadata = Field(
        default_factory=RequestMetadata, description="Optional metadata to pass to the model."
    )
    config: GenerationConfig = Field(
        default_factory=GenerationConfig,
        description="The VLM generation config to be used for /<dtype>/generate.",
    )
    url: str | None = Field(
        None,
        title="Url",
        description="The URL of the file (provide either `file_id` or `url`).",
    )
    file_id: str | None = Field(
        None,
        title="File Id",
        description="The ID of the uploaded file (provide either `file_id` or `url`).",
    )
    id: str = Field(
        default_factory=new_id,
        title="Id",
        description="Unique identifier of the request. This server accepts letters, digits "
        "and `._:-` (starting with a letter or digit), at most 128 characters; a UUID by "
        "default.",
        pattern=PREDICTION_ID_PATTERN,
        max_length=128,
    )
    created_at: datetime = Field(
        default_factory=utc_now,
        title="Created At",
        description="Date and time when the request was created (in UTC timezone)",
    )
    callback_url: AnyUrl | None = Field(
        None, title="Callback Url", description="The URL to call when the request is completed."
    )
    model: Literal["vlm-1"] | str = Field(
        "vlm-1", title="Model", description="The model to use for generating the response."
    )
    domain: KnownDomain | str | None = Field(
        None,
        title="Domain",
        description="The domain identifier (e.g. `document.invoice`). Optional when a skill is "
        "provided via config.skills.",
    )
    batch: bool = Field(
        True,
        title="Batch",
        description="Whether to process the document in batch mode (async).",
    )


class CreditUsageResponse(BaseModel):
    """Response model for credit usage metrics."""

    elements_processed: int | None = Field(
        None, title="Elements Processed", description="Number of elements processed."
    )
    element_type: Literal["image", "page", "video", "audio"] | None = Field(
        None,
        title="Element Type",
        description="The type of element processed (e.g. image, page, video, audio).",
    )
    credits_used: int | None = Field(
        None, title="Credits Used", description="Amount of total credits used."
    )
    steps: int | None = Field(
        None,
        title="Steps",
        description="Number of steps processed, in case of agentic execution.",
    )
    message: str | None = Field(
        None, title="Message", description="The message from the credit usage job."
    )
    duration_seconds: int = Field(
        0, title="Duration Seconds", description="Duration of the request in seconds."
    )


class SkillUsed(BaseModel):
    """(skillkit) One skill a prediction ran with: which name and version, from where."""

    name: str | None = Field(None, description="Name of the skill (its SKILL.md frontmatter name).")
    skill_version: str | None = Field(
        None,
        description="Version that ran: the registry's version, a --skills-dir folder's "
        "metadata.version, or null (inline skills, unversioned folders).",
    )
    skill_id: str | None = Field(
        None,
        description="The registry id of that version; for an inline skill the SDK's id "
        "(inline_ + 16 hex of the sha256 of its base64 data); null for a folder.",
    )
    bundle_sha256: str = Field(..., description="sha256 of the zip bundle that ran.")
    source: Literal["registry", "skills_dir", "inline"] = Field(
        ..., description="Where the skill came from."
    )


class PredictionResponse(BaseModel):
    """Base prediction response for all API responses."""

    usage: CreditUsageResponse = Field(
        default_factory=CreditUsageResponse, description="The usage metrics for the request."
    )
    id: str = Field(
        default_factory=new_id, title="Id", description="Unique identifier of the response."
    )
    created_at: datetime = Field(
        default_factory=utc_now,
        title="Created At",
        description="Date and time when the request was created (in UTC timezone)",
    )
    completed_at: datetime | None = Field(
        None,
        title="Completed At",
        description="Date and time when the response was completed (in UTC timezone)",
    )
    response: Any | None = Field(
        None,
        title="Response",
        description="The response from the model. May be an empty dict/list when the model "
        "found no extractable content (valid for status=completed). For a failed prediction "
        'this local server puts {"error": "<why>"} here (and the same text in usage.message).',
    )
    status: JobStatus = Field("pending", title="Status", description="The status of the job.")
    domain: str | None = Field(
        None,
        title="Domain",
        description="The domain of the prediction (e.g. document.invoice, image.caption).",
    )
    skills_used: list[SkillUsed] | None = Field(
        None,
        title="Skills Used",
        description="(skillkit) The skills the prediction ran with, in config.skills order: "
        "name, version, id, bundle digest and source; null when the request named none. "
        "Known from the moment the prediction is accepted (pending ones carry it too).",
    )


class FileResponse(BaseModel):
    """An uploaded file, as the SDK's `files.upload` / `files.get` parse it."""

    id: str = Field(..., description="Unique identifier of the file.")
    filename: str = Field(..., description="Name of the uploaded file.")
    bytes: int = Field(..., description="Size of the file in bytes.")
    purpose: FilePurpose = Field(..., description="Purpose given at upload.")
    created_at: datetime = Field(..., description="When the file was uploaded (UTC).")
    object: Literal["file"] = "file"
    public_url: str | None = Field(None, description="Not used by the local server.")


class PresignedUrlRequest(BaseModel):
    """What the SDK sends for files over 32 MB (`files.upload(method='auto')`)."""

    filename: str
    purpose: FilePurpose = "assistants"
    expiration: int | None = None


class PresignedUrlResponse(BaseModel):
    id: str
    url: str
    filename: str
    content_type: str
    upload_method: str = "PUT"
    public_url: str | None = None
    created_at: datetime
    expiration: int | None = None
    method: str = "PUT"


class ErrorResponse(BaseModel):
    """Every error but a validation error: `{"detail": "<what went wrong and what to do>"}`."""

    detail: str = Field(..., description="What went wrong, and what to do about it.")


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"
    server: str = "skillkit"
    version: str


class HubInfoResponse(BaseModel):
    version: str = Field(..., description="The version of the hub (vlmrun-hub package).")


class HubDomainInfo(BaseModel):
    domain: str = Field(..., description="The domain identifier")
    description: str | None = Field(None, description="Description of the schema's purpose")
    supported_inputs: list[str] | None = Field(None, description="List of supported input types")
    tags: list[str] | None = Field(None, description="List of tags for the schema")
    sample_data: list[str] | None = Field(None, description="URLs to sample data")


class HubSchemaRequest(BaseModel):
    domain: str = Field(..., description="The domain to get the schema for")
    gql_stmt: str | None = Field(None, description="Not supported by the local server.")


class SchemaRequest(BaseModel):
    domain: str = Field(..., description="The domain to get the schema for")
    config: GenerationConfig | None = Field(None, description="Generation config.")


class SchemaResponse(BaseModel):
    """A domain's schema; the SDK requires `gql_stmt` to be a string (empty here)."""

    domain: str
    description: str | None = None
    schema_version: str
    schema_hash: str
    gql_stmt: str = ""
    json_schema: dict[str, Any]


# --------------------------------------------------------------------------- the skill registry


class SkillInfo(BaseModel):
    """Skill information response.

    One immutable version of a named skill: `id` names this version (a UUID), `skill_version`
    is `YYYYMMDD-` + the first 8 hex of the bundle's sha256 (UTC date of creation)."""

    id: str = Field(..., description="ID of the skill: of this version (a UUID).")
    name: str = Field(..., description="Name of the skill")
    description: str | None = Field(None, description="Description of the skill")
    skill_version: str | None = Field(
        None,
        description="Version of the skill: YYYYMMDD- and the first 8 hex of the bundle's sha256.",
    )
    version: str | None = Field(
        None,
        description="DEPRECATED: Use 'skill_version' instead. Version of the skill. (The same "
        "value, for older clients.)",
    )
    created_at: datetime | None = Field(
        None, description="Date and time when the skill was created (in UTC timezone)"
    )
    updated_at: datetime | None = Field(
        None,
        description="Date and time when the skill was updated (in UTC timezone). Versions "
        "are immutable: the same as created_at.",
    )
    status: JobStatus | None = Field(
        None, description="The status of the skill ('completed': ready to use)."
    )
    is_public: bool | None = Field(
        None, description="Whether the skill is public (never, on a local server)."
    )
    bundle_sha256: str | None = Field(
        None,
        description="(skillkit) sha256 of the skill's zip bundle, as `skillkit pack` prints "
        "it. Publishing the same bundle under the same name again returns this version.",
    )


class SkillDownloadResponse(BaseModel):
    """Response for skill download URL."""

    download_url: str = Field(
        ...,
        description="Presigned download URL for the skill zip: a URL of this server, "
        "authorised by a short-lived token of its own (no API key needed).",
    )
    expires_in: int | None = Field(None, description="Seconds until the URL expires")
    expires_at: datetime | None = Field(None, description="(skillkit) When the URL expires (UTC).")
    skill_id: str | None = Field(
        None, description="(skillkit) ID of the skill version it downloads."
    )
    bundle_sha256: str | None = Field(
        None,
        description="(skillkit) sha256 of the zip the URL answers, to check the download against.",
    )


class SkillCreateRequest(BaseModel):
    """Create a skill: from an uploaded skill zip (`file_id`), or from a `prompt` (+ optional
    `json_schema`), or from a chat session (`session_id`)."""

    prompt: str | None = Field(
        None,
        description="Text prompt to auto-generate SKILL.md and schema. This server writes "
        "it, as given, as the SKILL.md body (no model rewrites it).",
        max_length=MAX_SKILL_PROMPT,
    )
    json_schema: dict[str, Any] | None = Field(
        None,
        description="Optional JSON schema (used with prompt): written as the skill's "
        "schema.json; it must be a valid JSON Schema.",
    )
    session_id: str | None = Field(
        None,
        description="Chat session ID to generate skill from. Not supported by the local "
        "server (it has no chat sessions): a 422.",
        max_length=MAX_SKILL_REF,
    )
    file_id: str | None = Field(
        None,
        description="Uploaded skill zip file ID: the zip (POST /v1/files) is checked by the "
        "same reader as `skillkit inspect`.",
        max_length=MAX_SKILL_REF,
    )
    name: str | None = Field(
        None,
        description="Skill name (used with file_id). With file_id it must equal the SKILL.md "
        "frontmatter name (absent: that name); with prompt, absent: prompt-<8 hex>.",
        max_length=MAX_SKILL_NAME,
    )
    description: str | None = Field(
        None,
        description="Skill description (used with file_id). Absent: the SKILL.md "
        "frontmatter description (with prompt: its first line).",
        max_length=MAX_SKILL_DESCRIPTION,
    )


class SkillUpdateRequest(BaseModel):
    """Update an existing skill (creates a new version)."""

    file_id: str | None = Field(
        None,
        description="New skill zip file ID. Required here: versions are immutable and named "
        "by their bundle, so a new version needs a bundle.",
        max_length=MAX_SKILL_REF,
    )
    description: str | None = Field(
        None,
        description="Updated description. Absent: the new bundle's frontmatter description.",
        max_length=MAX_SKILL_DESCRIPTION,
    )


class SkillLookupRequest(BaseModel):
    """Lookup a skill by name and optional version."""

    name: str = Field(..., description="Skill name for lookup", max_length=MAX_SKILL_NAME)
    skill_version: int | str | None = Field(
        None,
        description="Skill version (used with name); 'latest' or absent: the newest.",
    )
    version: int | str | None = Field(None, description="DEPRECATED: Use 'skill_version' instead.")
