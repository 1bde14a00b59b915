"""From a generate request to a self-contained job: document source, schema, instructions.

Everything is resolved and checked here, at request time, so a bad request gets a 4xx at once
(422 in FastAPI's HTTPValidationError shape, 404 for unknown files and skills) and a stored job
never depends on state that may change later (skill folders, the hub).

Output schema, first that applies: `config.json_schema`; the first skill bundle's
`schema.json`; the domain's schema from vlmrun-hub; otherwise the request is refused.
"""

from __future__ import annotations

from typing import Any

from skillkit import schemas
from skillkit.server import hub
from skillkit.server.models import DocumentFilePredictionRequest
from skillkit.server.settings import ServerSettings
from skillkit.server.skills import SkillProblem, resolve_skills
from skillkit.server.store import Store
from skillkit.server.urls import UrlRefused, check_url


class RequestProblem(Exception):
    """A request that cannot be run. With `loc` it becomes a 422 validation error item."""

    def __init__(self, status: int, message: str, loc: tuple[str | int, ...] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.loc = loc


def _unprocessable(message: str, *loc: str | int) -> RequestProblem:
    return RequestProblem(422, message, ("body", *loc))


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
            raise _unprocessable(f"url refused: {exc}", "url") from exc
        return {"url": req.url}
    raise _unprocessable("give file_id (upload the document with POST /v1/files) or url", "file_id")


def _check_schema(schema: Any, origin: str, *loc: str | int) -> dict[str, Any]:
    """The schema, checked in the draft its `$schema` names; 422 naming the first problem
    (a remote `$ref` is named, never fetched: skillkit.schemas)."""
    if not isinstance(schema, dict):
        raise _unprocessable(f"the output schema from {origin} must be a JSON object", *loc)
    problems = schemas.check(schema)
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
    loaded = schemas.load_from_files(files)
    if loaded.problems:
        p = loaded.problems[0]
        where = f"{p.file}:{p.line}" if p.file and p.line else p.file or "schema.json"
        raise _unprocessable(f"the output schema from {origin} ({where}): {p.message}", *loc)
    return _check_schema(loaded.schema, origin, *loc)


def build_job(
    req: DocumentFilePredictionRequest, settings: ServerSettings, store: Store
) -> dict[str, Any]:
    """The stored job of a prediction; raises RequestProblem for anything that cannot run."""
    cfg = req.config
    source = _source(req, settings, store)
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
    try:
        skills = resolve_skills(cfg.skills or [], settings.skills_dirs)
    except SkillProblem as exc:
        if exc.status == 404:
            raise RequestProblem(404, exc.message) from exc
        raise _unprocessable(exc.message, "config", "skills", exc.index) from exc

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
        "skills": [{"name": s.name, "sha256": s.bundle.sha256, "origin": s.origin} for s in skills],
        "batch": req.batch,
    }
