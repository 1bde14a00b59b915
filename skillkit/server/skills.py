"""Turning `config.skills` into checked skill bundles.

Inline skills go through `skillkit.bundle.read_agent_skill` (the same checks as
`skillkit inspect`). `skill_reference` skills are looked up in the skill registry first
(server/registry.py: `skill_id` a registry id, the version it names; otherwise `skill_id`, or
`skill_name` when there is no `skill_id`, is a name, at `skill_version`, else the deprecated
`version`, `latest` by default), then by name among the skill folders the server was started
with (`--skills-dir`: frontmatter or folder name, `metadata.version`), packed with
`skillkit.bundle.pack_skill`. Every bundle is read through the same reader, so all kinds reach
the engine in the same shape, and each records which name, version and id ran (the
prediction's `skills_used`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from skillkit.bundle import SkillBundle, pack_skill, read_agent_skill, read_bundle_bytes
from skillkit.errors import BundleError, SkillkitError
from skillkit.server import registry
from skillkit.server.models import AgentSkill
from skillkit.server.store import SkillRecord, Store
from skillkit.skill import Skill, discover_skills, load_skill


class SkillProblem(Exception):
    """A skill in the request cannot be used; `status` is the HTTP status to answer with."""

    def __init__(self, index: int, message: str, *, status: int = 422):
        super().__init__(message)
        self.index = index
        self.message = message
        self.status = status


@dataclass(frozen=True)
class ResolvedSkill:
    name: str | None
    bundle: SkillBundle
    origin: str  # "inline", "registry" or the folder it came from
    source: str = "inline"  # "inline", "registry" or "skills_dir" (SkillUsed.source)
    version: str | None = None
    skill_id: str | None = None


def _version_of(skill: Skill) -> str | None:
    metadata = skill.frontmatter.get("metadata")
    if isinstance(metadata, dict) and metadata.get("version") is not None:
        return str(metadata["version"])
    return None


def _version_key(version: str | None) -> tuple[int, tuple[object, ...]]:
    """Sort key: numeric parts compare as numbers; a missing version sorts first."""
    if version is None:
        return (0, ())
    parts: list[object] = []
    for piece in version.replace("-", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return (1, tuple(parts))


def find_referenced_skill(name: str, version: str, skills_dirs: Sequence[Path]) -> Skill:
    """The skill folder named `name` (frontmatter name or folder name) at `version`.

    `latest` picks the highest `metadata.version` among folders with that name.
    Raises LookupError with a message listing what the server knows.
    """
    candidates: list[Skill] = []
    known: list[str] = []
    try:
        roots = discover_skills(skills_dirs) if skills_dirs else []
    except SkillkitError as exc:
        raise LookupError(f"skill {name!r} not found: the skills dir is unusable ({exc})") from exc
    for root in roots:
        try:
            skill = load_skill(root)
        except SkillkitError:
            continue  # a broken folder is not a candidate; validate reports it
        label = skill.name or root.name
        ver = _version_of(skill)
        known.append(f"{label}@{ver}" if ver else label)
        if name in (skill.name, root.name):
            candidates.append(skill)
    wanted = str(version)
    if wanted != "latest":
        candidates = [s for s in candidates if _version_of(s) == wanted]
    if not candidates:
        where = (
            "the server was started without --skills-dir"
            if not skills_dirs
            else "known: " + (", ".join(sorted(known)) or "none")
        )
        raise LookupError(f"skill {name!r} version {wanted!r} not found ({where})")
    return max(candidates, key=lambda s: _version_key(_version_of(s)))


def _inline_id(skill: AgentSkill) -> str:
    """The id the SDK gives an inline skill: inline_ + 16 hex of sha256(base64 data)."""
    data = skill.source.data if skill.source is not None else skill.bundle or ""
    return "inline_" + hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _registry_skill(index: int, skill: AgentSkill, store: Store | None) -> SkillRecord | None:
    """The registry version a reference names, or None to look among the skill folders."""
    if store is None:
        return None
    version = skill.reference_version
    if skill.skill_id:
        record = store.get_skill(skill.skill_id)
        if record is not None:  # a registry id pins its version
            if not registry.wants_latest(version) and version != record.skill_version:
                raise SkillProblem(
                    index,
                    f"config.skills[{index}]: skill_id {skill.skill_id!r} is version "
                    f"{record.skill_version} of skill {record.name!r}; skill_version "
                    f"{registry.shown(version)} contradicts it (send 'latest' or "
                    f"{record.skill_version}, or reference the skill by name)",
                )
            return record
    name = skill.reference_name or ""
    return registry.find_version(store, name, version)


def _from_registry(index: int, record: SkillRecord, store: Store) -> ResolvedSkill:
    where = f"registry skill {record.name}@{record.skill_version}"
    try:
        data = store.read_skill_bundle(record)
    except OSError as exc:
        raise SkillProblem(
            index, f"{where}: its bundle is missing from the data dir; publish it again"
        ) from exc
    if hashlib.sha256(data).hexdigest() != record.bundle_sha256:
        raise SkillProblem(
            index,
            f"{where}: its bundle in the data dir is damaged (sha256 differs); publish it again",
        )
    try:
        bundle = read_bundle_bytes(data, source=where)
    except BundleError as exc:
        raise SkillProblem(index, f"{where} cannot be read: {exc}") from exc
    return ResolvedSkill(
        name=record.name,
        bundle=bundle,
        origin="registry",
        source="registry",
        version=record.skill_version,
        skill_id=record.id,
    )


def resolve_skills(
    skills: Sequence[AgentSkill], skills_dirs: Sequence[Path], store: Store | None = None
) -> list[ResolvedSkill]:
    """Read every skill of the request; raises SkillProblem (422 bad bundle, 404 unknown ref).

    References resolve against the registry of `store` first, then the `skills_dirs`."""
    resolved: list[ResolvedSkill] = []
    for index, skill in enumerate(skills):
        where = f"config.skills[{index}]"
        if skill.is_inline:
            if skill.source is None and skill.bundle is None:
                raise SkillProblem(
                    index, f"{where}: an inline skill needs 'source' with base64 'data'"
                )
            try:
                bundle = read_agent_skill(skill.model_dump(exclude_none=True), source=where)
            except BundleError as exc:
                raise SkillProblem(index, f"invalid inline skill bundle: {exc}") from exc
            resolved.append(
                ResolvedSkill(
                    name=skill.name or bundle.name,
                    bundle=bundle,
                    origin="inline",
                    source="inline",
                    skill_id=_inline_id(skill),
                )
            )
            continue
        if skill.type != "skill_reference":
            raise SkillProblem(
                index,
                f"{where}: unknown skill type {skill.type!r}; use 'inline' or 'skill_reference'",
            )
        name = skill.reference_name
        if not name:
            raise SkillProblem(index, f"{where}: a skill_reference needs skill_id or skill_name")
        record = _registry_skill(index, skill, store)
        if record is not None and store is not None:
            resolved.append(_from_registry(index, record, store))
            continue
        try:
            found = find_referenced_skill(name, skill.reference_version, skills_dirs)
        except LookupError as exc:
            message = str(exc)
            if store is not None:
                versions = store.skill_versions(name) if len(name) <= registry.MAX_IDENT else []
                message += "; the skill registry has " + (
                    f"versions {', '.join(versions)}" if versions else "no skill of that name"
                )
            raise SkillProblem(index, message, status=404) from exc
        try:
            packed = pack_skill(found.root)
            bundle = read_bundle_bytes(packed.zip_bytes, source=str(found.root))
        except SkillkitError as exc:
            raise SkillProblem(
                index, f"skill {name!r} at {found.root} cannot be packed: {exc}"
            ) from exc
        resolved.append(
            ResolvedSkill(
                name=found.name or name,
                bundle=bundle,
                origin=str(found.root),
                source="skills_dir",
                version=_version_of(found),
            )
        )
    return resolved
