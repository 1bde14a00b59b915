"""From a generate request to a self-contained job: document source, schema, instructions.

Everything is resolved and checked here, at request time, so a bad request gets a 4xx at once
(422 in FastAPI's HTTPValidationError shape, 404 for unknown files and skills) and a stored job
never depends on state that may change later (skill folders, the hub).

Output schema, first that applies: `config.json_schema`; the first skill bundle's
`schema.json`; the domain's schema from vlmrun-hub; otherwise the request is refused.

Nesting is bounded (MAX_JSON_DEPTH) before anything recursive sees a schema: the request body
(checked by the app with `json_problem`), a bundle's .json files, and the schema itself; a
schema or skill too deep for a parser is a 422, never a RecursionError.
"""

from __future__ import annotations

import json
import re
from typing import Any

from skillkit import schemas
from skillkit.files import json_depth_problem
from skillkit.server import hub
from skillkit.server.models import DocumentFilePredictionRequest
from skillkit.server.settings import MAX_JSON_DEPTH, MAX_PAGE_INDEX, ServerSettings
from skillkit.server.skills import SkillProblem, resolve_skills
from skillkit.server.store import Store
from skillkit.server.urls import UrlRefused, check_url

# Outside strings, a JSON text holds brackets, numbers, true/false/null; Python's parser also
# takes NaN and Infinity, which JSON does not have (and no JSON answer could carry back).
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|NaN|-?Infinity', re.S)


def json_problem(raw: bytes | str, limit: int = MAX_JSON_DEPTH) -> str | None:
    """Why this JSON text must not be parsed further, or None: nested deeper than `limit`, or
    holding NaN/Infinity. A scan without recursion, so any depth is safe to check."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode(json.detect_encoding(raw))
        except (UnicodeDecodeError, LookupError):
            return None  # not JSON text at all: the parser says so
    else:
        text = raw
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == '"':
            continue
        if first in "[{":
            depth += 1
            if depth > limit:
                return (
                    f"JSON nested more than {limit} levels deep (at character {match.start()}); "
                    f"this server accepts at most {limit}"
                )
        elif first in "]}":
            depth -= 1
        else:
            return (
                f"{token} (at character {match.start()}) is not a JSON number; "
                "send finite numbers only"
            )
    return None


class RequestProblem(Exception):
    """A request that cannot be run. With `loc` it becomes a 422 validation error item."""

    def __init__(self, status: int, message: str, loc: tuple[str | int, ...] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.loc = loc


def _unprocessable(message: str, *loc: str | int) -> RequestProblem:
    return RequestProblem(422, message, ("body", *loc))


def _check_callback(req: DocumentFilePredictionRequest, settings: ServerSettings) -> None:
    """callback_url obeys the `url` rules (allow-list, public addresses); checked again
    against the address connected to when the webhook is sent."""
    if req.callback_url is None:
        return
    try:
        check_url(
            str(req.callback_url),
            settings.url_allow_list,
            allow_private=settings.allow_private_urls,
        )
    except UrlRefused as exc:
        raise _unprocessable(f"callback_url refused: {exc}", "callback_url") from exc


def _source(req: DocumentFilePredictionRequest, settings: ServerSettings, store: Store) -> dict:
    if req.file_id and req.url:
        raise _unprocessable("give either file_id or url, not both", "file_id")
    if req.file_id:
        if store.get_file(req.file_id) is None:
            raise RequestProblem(
                404, f"file {req.file_id!r} not found; upload it with POST /v1/files first"
            )
        return {"file_id": req.file_id}
    if req.url:
        try:
            check_url(req.url, settings.url_allow_list, allow_private=settings.allow_private_urls)
        except UrlRefused as exc:
            raise _unprocessable(
                f"url refused: {exc} (or upload the file and send file_id)", "url"
            ) from exc
        return {"url": req.url}
    raise _unprocessable("give file_id (upload the document with POST /v1/files) or url", "file_id")


def _check_schema(schema: Any, origin: str, *loc: str | int) -> dict[str, Any]:
    """The schema, checked in the draft its `$schema` names; 422 naming the first problem
    (a remote `$ref` is named, never fetched: skillkit.schemas)."""
    if not isinstance(schema, dict):
        raise _unprocessable(f"the output schema from {origin} must be a JSON object", *loc)
    if json_depth_problem(schema, MAX_JSON_DEPTH):
        raise _unprocessable(
            f"the output schema from {origin} is nested more than {MAX_JSON_DEPTH} levels deep; "
            f"this server accepts at most {MAX_JSON_DEPTH}",
            *loc,
        )
    try:
        problems = schemas.check(schema)
    except RecursionError as exc:
        raise _unprocessable(f"the output schema from {origin} nests too deeply", *loc) from exc
    if problems:
        first = problems[0]
        raise _unprocessable(
            f"the output schema from {origin} is not a valid JSON Schema at {first.where}: "
            f"{first.message}",
            *loc,
        )
    return schema


def _bundle_schema(files: dict[str, bytes], origin: str, *loc: str | int) -> dict[str, Any]:
    """A bundle's schema.json with the `$ref`s to the bundle's own files inlined."""
    for name, data in sorted(files.items()):
        problem = json_problem(data) if name.lower().endswith(".json") else None
        if problem:
            raise _unprocessable(f"the output schema from {origin} ({name}): {problem}", *loc)
    try:
        loaded = schemas.load_from_files(files)
    except RecursionError as exc:
        raise _unprocessable(f"the output schema from {origin} nests too deeply", *loc) from exc
    if loaded.problems:
        p = loaded.problems[0]
        where = f"{p.file}:{p.line}" if p.file and p.line else p.file or "schema.json"
        raise _unprocessable(f"the output schema from {origin} ({where}): {p.message}", *loc)
    return _check_schema(loaded.schema, origin, *loc)


# For the skill registry, which checks a published skill's schema the way a job would.
check_schema = _check_schema
bundle_schema = _bundle_schema


def build_job(
    req: DocumentFilePredictionRequest, settings: ServerSettings, store: Store
) -> dict[str, Any]:
    """The stored job of a prediction; raises RequestProblem for anything that cannot run."""
    cfg = req.config
    source = _source(req, settings, store)
    _check_callback(req, settings)
    if cfg.gql_stmt:
        raise _unprocessable(
            "gql_stmt is not supported by the local server; send config.json_schema instead",
            "config",
            "gql_stmt",
        )
    if cfg.page_indices is not None and any(i < 0 for i in cfg.page_indices):
        raise _unprocessable(
            "page_indices are 0-based and must not be negative", "config", "page_indices"
        )
    if cfg.page_indices is not None and any(i > MAX_PAGE_INDEX for i in cfg.page_indices):
        raise _unprocessable(
            f"page_indices must be at most {MAX_PAGE_INDEX}", "config", "page_indices"
        )
    try:
        skills = resolve_skills(cfg.skills or [], settings.skills_dirs, store)
    except SkillProblem as exc:
        if exc.status == 404:
            raise RequestProblem(404, exc.message) from exc
        raise _unprocessable(exc.message, "config", "skills", exc.index) from exc
    except RecursionError as exc:  # a SKILL.md frontmatter nested past the YAML reader
        raise _unprocessable(
            "a skill bundle nests too deeply to be read (SKILL.md frontmatter or a file); "
            "flatten it",
            "config",
            "skills",
        ) from exc

    if cfg.json_schema is not None:
        origin = "config.json_schema"
        schema = _check_schema(cfg.json_schema, origin, "config", "json_schema")
    else:
        with_schema = [(i, s) for i, s in enumerate(skills) if s.bundle.schema is not None]
        if with_schema:
            index, skill = with_schema[0]
            origin = f"schema.json of skill {skill.name or index!r}"
            schema = _bundle_schema(skill.bundle.files, origin, "config", "skills", index)
        elif req.domain:
            try:
                found = hub.domain_schema(req.domain)
            except hub.HubUnavailable as exc:
                raise _unprocessable(
                    f"cannot look up domain {req.domain!r}: {exc}", "domain"
                ) from exc
            except hub.UnknownDomain as exc:
                raise _unprocessable(str(exc), "domain") from exc
            origin = f"domain {req.domain}"
            schema = found.json_schema
        else:
            raise _unprocessable(
                "no output schema: send config.json_schema, an inline skill whose bundle has "
                "schema.json, or a domain such as document.invoice",
                "config",
                "json_schema",
            )

    parts = [s.bundle.instructions.strip() for s in skills if s.bundle.instructions.strip()]
    if cfg.prompt and cfg.prompt.strip():
        parts.append(cfg.prompt.strip())
    return {
        "source": source,
        "schema": schema,
        "schema_origin": origin,
        "instructions": "\n\n".join(parts) or None,
        "page_indices": cfg.page_indices,
        "grounding": cfg.grounding,
        "confidence": cfg.confidence,
        "skills": [
            {
                "name": s.name,
                "sha256": s.bundle.sha256,
                "origin": s.origin,
                "source": s.source,
                "skill_version": s.version,
                "skill_id": s.skill_id,
            }
            for s in skills
        ],
        "batch": req.batch,
        **_model_fields(cfg, skills, settings),
    }


def _model_fields(cfg: Any, skills: list[Any], settings: ServerSettings) -> dict[str, Any]:
    """What the model engine (skillkit.engine.model) needs beyond the deterministic engine:
    detail, repair turns, sampling, and the instructions with the files SKILL.md links to."""
    if settings.engine == "deterministic":
        return {}
    from skillkit.engine.model import skill_instructions

    instructions, cut = skill_instructions([s.bundle for s in skills], cfg.prompt)
    fields = {
        "detail": cfg.detail,
        "max_retries": cfg.max_retries,
        "temperature": cfg.temperature,
        "model_instructions": instructions,
        "instructions_cut": cut,
    }
    if "max_tokens" in cfg.model_fields_set:  # the API's default (65535) overflows many servers
        fields["max_tokens"] = cfg.max_tokens
    return fields
