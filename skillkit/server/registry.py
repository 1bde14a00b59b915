"""The skill registry: what the SDK's `client.skills` and `vlmrun skills ...` call, kept in the
data dir (the `skills` and `skill_downloads` tables of the store, bundles as
`skills/<sha256>.zip`), so it survives a restart.

Ids and versions. A skill is a name; each of its versions is an immutable record with an `id`
of its own (a UUID). So `id` names ONE VERSION, not the skill, as on the platform: the official
CLI resolves `vlmrun skills download NAME --version V` with a lookup and then downloads by the
`id` it got back (an id naming the whole skill would lose the pinned version), an ungrouped
list holds one SkillInfo per version, each with its own id, and `update` answers the new
version's SkillInfo (a new id). Wherever an id is taken (`GET /v1/skills/{id}`, `.../update`,
`.../download`, `skill_id` in a skill_reference) a registry id names exactly that version;
anything else is taken as a skill name (the docs: skill_id is "a UUID or a name string") and
names the newest version of that name. In a skill_reference a version id pins its version:
`skill_version` may then be absent, `latest` (the SDK always sends it) or that same version;
another value contradicts the id and is a 422.

Versions are named as the platform names them: `YYYYMMDD-` + the first 8 hex of the bundle's
sha256, with the UTC date of creation. `latest` (or no version) is the newest by creation
time, ties by insertion order. Publishing a bundle whose digest this name already has makes
no new version: the existing one is answered unchanged (200 instead of 201; a description in
the request is not applied, as versions are immutable), so a client can publish idempotently.
A different bundle that would get a taken version (the same 8 hex on the same day) is a 409.

What is accepted. An uploaded zip is read by `skillkit.bundle.read_bundle_bytes`, the reader
of `skillkit inspect` and of inline skills (server/skills.py): anything it refuses is a 422
naming the problem, and so is a schema.json the server could not use as an output schema.
The skill's name is its SKILL.md frontmatter name and must pass the skill name rule
(`skillkit.lint.name_problem`: 1-64 lowercase letters, digits, hyphens); a `name` in the
request must equal it (422 otherwise: the frontmatter is what `inspect`, `validate` and the
engine know the skill by). The description is the request's, else the frontmatter's; a bare
YAML block indicator (`>-`, `|`, ...), which the SDK's line-based frontmatter parser sends for
a folded description, counts as absent. From a `prompt` (+ optional `json_schema`) the server
writes a skill whose SKILL.md body is the prompt, with frontmatter name (given, else
`prompt-` + 8 hex of the prompt's and schema's digest) and description (given, else the
prompt's first line), and whose schema.json is the schema, packed by
`skillkit.bundle.pack_skill` (fixed timestamps: the same prompt and schema make the same bytes,
hence the same version). `session_id` is a 422 (no chat sessions here). `update` needs a
`file_id` (a version is named by its bundle) whose frontmatter name is the skill's.

Downloads. `GET /v1/skills/{id}/download` answers a URL of this server built from its
configured public base (as presigned uploads are), `/v1/skills/{id}/bundle?token=...`: the
token is random, stored only as its sha256, good for that one version's bundle and nothing
else, until `settings.skill_download_seconds` have passed (reusable until then, as a presigned
URL is). It is the only registry route that needs no API key (the official CLI fetches the URL
with a plain GET).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import secrets
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from skillkit import lint
from skillkit.bundle import MAX_BUNDLE_INPUT_BYTES, SkillBundle, pack_skill, read_bundle_bytes
from skillkit.errors import BundleError, SkillkitError
from skillkit.files import size_text
from skillkit.server import jobs  # a module: jobs -> skills -> registry -> jobs is a cycle
from skillkit.server.models import SkillDownloadResponse, new_id, utc_now
from skillkit.server.store import SkillRecord, Store, VersionClash

__all__ = [
    "BUNDLE_PATH",
    "MAX_IDENT",
    "check_download",
    "create_from_prompt",
    "find",
    "find_version",
    "issue_download",
    "name_error",
    "not_found_message",
    "publish",
    "read_upload",
    "shown",
    "version_for",
    "wants_latest",
]

# The public bundle route: a registry id (a UUID the server made) and nothing else.
BUNDLE_PATH = re.compile(
    r"^/v1/skills/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/bundle$"
)
BLOCK_INDICATORS = frozenset({">", ">-", ">+", "|", "|-", "|+"})
MAX_IDENT = 200  # longer ids or names are never looked up
DERIVED_DESCRIPTION_MAX = 200


def _problem(status: int, message: str, loc: tuple[str, ...] | None = None) -> Exception:
    return jobs.RequestProblem(status, message, loc)


def shown(text: object, limit: int = 80) -> str:
    """A request value quoted for a message, cut to `limit` characters."""
    value = str(text)
    return repr(value if len(value) <= limit else value[: limit - 3] + "...")


def name_error(name: str) -> str | None:
    """Why `name` cannot be a skill name (the skill name rule), or None."""
    if not name:
        return "is empty"
    return lint.name_problem(name)


def _check_name(name: str, what: str, *loc: str) -> None:
    problem = name_error(name)
    if problem:
        raise _problem(
            422,
            f"{what} {shown(name)} {problem} (a skill name is 1-64 lowercase letters, digits "
            "and hyphens)",
            ("body", *loc),
        )


def version_for(created: datetime, sha256: str) -> str:
    """The platform's version name: UTC date of creation + the first 8 hex of the digest."""
    return created.astimezone(timezone.utc).strftime("%Y%m%d") + "-" + sha256[:8]


# --------------------------------------------------------------------------- finding


def find(store: Store, ident: str) -> SkillRecord | None:
    """A registry id names its version; otherwise a skill name names its newest version."""
    if not ident or len(ident) > MAX_IDENT:
        return None
    record = store.get_skill(ident)
    if record is None and name_error(ident) is None:
        record = store.latest_skill(ident)
    return record


def wants_latest(version: object) -> bool:
    return version is None or str(version) in ("", "latest")


def find_version(store: Store, name: str, version: object) -> SkillRecord | None:
    """`name` at `version` (`latest` or None: the newest)."""
    if not name or len(name) > MAX_IDENT:
        return None
    if wants_latest(version):
        return store.latest_skill(name)
    return store.skill_version_of(name, str(version))


def not_found_message(store: Store, name: str, version: object) -> str:
    """What the registry knows of `name`, for a 404."""
    shown_version = "latest" if wants_latest(version) else str(version)
    known = store.skill_versions(name) if name and len(name) <= MAX_IDENT else []
    has = ", ".join(known) if known else "none"
    return (
        f"skill {shown(name)} version {shown(shown_version)} not found in the skill registry "
        f"(its versions: {has})"
    )


# --------------------------------------------------------------------------- publishing


def _description(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    return None if not text or text in BLOCK_INDICATORS else text


def read_upload(store: Store, file_id: str) -> SkillBundle:
    """The uploaded zip `file_id`, checked by the reader of `skillkit inspect`."""
    record = store.get_file(file_id)
    if record is None:
        raise _problem(
            404, f"file {shown(file_id)} not found; upload the skill zip with POST /v1/files first"
        )
    if record.bytes > MAX_BUNDLE_INPUT_BYTES:
        raise _problem(
            422,
            f"file {shown(record.filename)} is {size_text(record.bytes)}: too large for a "
            f"skill bundle ({size_text(MAX_BUNDLE_INPUT_BYTES)} at most)",
            ("body", "file_id"),
        )
    try:
        data = store.file_path(record).read_bytes()
    except OSError as exc:
        raise _problem(
            404, f"file {shown(file_id)} is missing from the data dir; upload it again"
        ) from exc
    try:
        return read_bundle_bytes(data, source=record.filename)
    except BundleError as exc:
        raise _problem(
            422,
            f"file {shown(record.filename)} is not a usable skill bundle: {exc.message}",
            ("body", "file_id"),
        ) from exc
    except RecursionError as exc:  # a SKILL.md frontmatter nested past the YAML reader
        raise _problem(
            422,
            f"file {shown(record.filename)} nests too deeply to be read (SKILL.md frontmatter)",
            ("body", "file_id"),
        ) from exc


def publish(
    store: Store,
    bundle: SkillBundle,
    *,
    name: str | None,
    description: str | None,
    loc: str = "file_id",
    skill_name: str | None = None,
) -> tuple[SkillRecord, bool]:
    """Store a checked bundle as a version of its frontmatter name: (record, created).

    `name`: the request's name, which must equal the frontmatter's; `skill_name`: the skill an
    update is for, which the frontmatter name must equal too. (existing, False) when the name
    already has this digest."""
    fm_name = bundle.name
    if not fm_name:
        raise _problem(
            422, "the bundle's SKILL.md frontmatter has no 'name'; add one", ("body", loc)
        )
    _check_name(fm_name, "the SKILL.md frontmatter name", loc)
    if name is not None:
        _check_name(name, "name", "name")
        if name != fm_name:
            raise _problem(
                422,
                f"name {shown(name)} does not match the SKILL.md frontmatter name "
                f"{shown(fm_name)}: a skill is published under its frontmatter name (leave "
                "name out, or rename the skill)",
                ("body", "name"),
            )
    if skill_name is not None and fm_name != skill_name:
        raise _problem(
            422,
            f"the bundle's SKILL.md frontmatter name {shown(fm_name)} is not the skill's "
            f"name {shown(skill_name)}: a new version keeps the skill's name (create a new "
            "skill with POST /v1/skills/create instead)",
            ("body", loc),
        )
    if bundle.schema is not None:
        jobs.bundle_schema(bundle.files, f"schema.json of skill {fm_name!r}", loc)
    fm_description = bundle.description if isinstance(bundle.description, str) else None
    now = utc_now()
    record = SkillRecord(
        id=new_id(),
        name=fm_name,
        skill_version=version_for(now, bundle.sha256),
        description=_description(description) or _description(fm_description),
        bundle_sha256=bundle.sha256,
        bundle_bytes=len(bundle.zip_bytes),
        created_at=now,
    )
    try:
        return store.add_skill(record, bundle.zip_bytes)
    except VersionClash as exc:
        raise _problem(
            409,
            f"version {record.skill_version} of skill {fm_name!r} is already held by another "
            "bundle (the same first 8 hex of sha256 on the same day); change the bundle or "
            "publish it tomorrow",
        ) from exc


def _first_line(text: str) -> str:
    for line in text.splitlines():
        words = " ".join(line.strip().lstrip("#").split())
        if words:
            if len(words) > DERIVED_DESCRIPTION_MAX:
                words = words[: DERIVED_DESCRIPTION_MAX - 3].rstrip() + "..."
            return words
    return "A skill made from a prompt."


def create_from_prompt(
    prompt: str, json_schema: dict[str, Any] | None, name: str | None, description: str | None
) -> SkillBundle:
    """A skill written from a prompt (the SKILL.md body) and a schema (schema.json), packed
    reproducibly and read back through the bundle reader."""
    text = prompt.strip()
    if not text:
        raise _problem(422, "prompt is empty; it becomes the SKILL.md body", ("body", "prompt"))
    if json_schema is not None:
        jobs.check_schema(json_schema, "json_schema", "json_schema")
    if name is not None:
        _check_name(name, "name", "name")
    else:
        seed = json.dumps({"prompt": text, "json_schema": json_schema}, sort_keys=True)
        name = "prompt-" + hashlib.sha256(seed.encode()).hexdigest()[:8]
    desc = _description(description) or _first_line(text)
    frontmatter = yaml.safe_dump(
        {"name": name, "description": desc}, sort_keys=False, allow_unicode=True, width=10**6
    )
    files = {"SKILL.md": f"---\n{frontmatter}---\n\n{text}\n"}
    if json_schema is not None:
        files["schema.json"] = json.dumps(json_schema, indent=2, ensure_ascii=False) + "\n"
    try:
        with tempfile.TemporaryDirectory(prefix="skillkit-prompt-skill-") as tmp:
            root = Path(tmp) / name
            root.mkdir()
            for rel, content in files.items():
                (root / rel).write_bytes(content.encode("utf-8"))
            packed = pack_skill(root)
        return read_bundle_bytes(packed.zip_bytes, source="the skill made from the prompt")
    except SkillkitError as exc:
        raise _problem(
            422, f"the prompt does not make a valid skill: {exc.message}", ("body", "prompt")
        ) from exc
    except RecursionError as exc:
        raise _problem(
            422, "the prompt does not make a valid skill: it nests too deeply", ("body", "prompt")
        ) from exc


# --------------------------------------------------------------------------- downloads


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_download(
    store: Store, record: SkillRecord, base: str, seconds: float
) -> SkillDownloadResponse:
    """A short-lived URL of this server answering the version's bundle."""
    token = secrets.token_urlsafe(32)
    expires = time.time() + seconds
    store.add_download_token(_digest(token), record.id, expires)
    return SkillDownloadResponse(
        download_url=f"{base}/v1/skills/{record.id}/bundle?token={token}",
        expires_in=max(0, math.ceil(seconds)),
        expires_at=datetime.fromtimestamp(expires, tz=timezone.utc),
        skill_id=record.id,
        bundle_sha256=record.bundle_sha256,
    )


def check_download(store: Store, skill_id: str, token: str) -> SkillRecord:
    """The version a download token is good for; RequestProblem 403 for a wrong, foreign or
    expired token."""
    found = store.download_token(_digest(token))
    if found is None or not hmac.compare_digest(found[0].encode(), skill_id.encode()):
        raise _problem(
            403,
            "this skill download URL is not valid (unknown skill or wrong token); ask "
            "GET /v1/skills/{id}/download for a new one",
        )
    if found[1] <= time.time():
        raise _problem(
            403,
            "this skill download URL has expired; ask GET /v1/skills/{id}/download for a new one",
        )
    record = store.get_skill(skill_id)
    if record is None:
        raise _problem(404, f"skill {shown(skill_id)} not found")
    return record
