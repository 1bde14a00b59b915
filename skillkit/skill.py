"""Read a skill folder: SKILL.md frontmatter (real YAML, with line numbers) and schema.json.

`read_skill_md` never raises for bad content: it records the problem so the linter can report
it with a line number. `load_skill` is the strict entry point for code that needs a usable skill.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from skillkit.errors import SkillError
from skillkit.files import (
    MAX_FRONTMATTER_NODES,
    MAX_SKILL_MD_BYTES,
    YamlLimit,
    is_regular,
    load_yaml,
    os_error_kind,
    read_limited,
    special_kind,
    yaml_problem,
)

SKILL_FILE = "SKILL.md"
SCHEMA_FILE = "schema.json"

# Folders never searched for skills, and never bundled.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "__MACOSX",
        "site-packages",
    }
)


@dataclass
class SkillMd:
    """A parsed SKILL.md. `problem` is set (message, line) when the frontmatter is unusable."""

    path: Path
    text: str
    frontmatter: dict[str, Any] | None
    body: str
    body_line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    problem: tuple[str, str, int | None] | None = None  # (rule code, message, line)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def _decode(raw: bytes) -> str:
    text = raw.decode("utf-8")  # UnicodeDecodeError handled by caller
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_skill_md_text(text: str, path: Path | str = SKILL_FILE) -> SkillMd:
    """Split frontmatter from body and parse it with a safe YAML loader, keeping key lines."""
    path = Path(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return SkillMd(
            path,
            text,
            None,
            text,
            1,
            problem=("SK101", "SKILL.md must start with YAML frontmatter between '---' lines", 1),
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return SkillMd(
            path,
            text,
            None,
            "",
            1,
            problem=("SK101", "frontmatter is not closed: add a '---' line after it", 1),
        )
    block = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    body_line = end + 2
    try:
        node, data = load_yaml(block, max_nodes=MAX_FRONTMATTER_NODES)
    except YamlLimit as exc:
        mark = exc.problem_mark
        return SkillMd(
            path,
            text,
            None,
            body,
            body_line,
            problem=("SK102", f"frontmatter refused: it {exc.problem}", _mark_line(mark)),
        )
    except yaml.YAMLError as exc:  # a duplicate key too: its line, and the first one's
        problem, line = yaml_problem(exc, first_line=2)
        return SkillMd(
            path,
            text,
            None,
            body,
            body_line,
            problem=("SK102", f"frontmatter is not valid YAML: {problem}", line or 1),
        )
    if not isinstance(data, dict):
        return SkillMd(
            path,
            text,
            None,
            body,
            body_line,
            problem=("SK103", "frontmatter must be a YAML mapping of keys to values", 2),
        )
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    return SkillMd(path, text, data, body, body_line, key_lines)


def _mark_line(mark: yaml.Mark | None) -> int:
    """The SKILL.md line of a mark in the frontmatter block (which starts on line 2)."""
    return mark.line + 2 if mark is not None else 1


def read_skill_md(path: Path) -> SkillMd:
    """SKILL.md as read (problems recorded, see `parse_skill_md_text`). UnreadableFile (a
    SkillError) when it is not a regular file, is over MAX_SKILL_MD_BYTES or cannot be read."""
    raw = read_limited(path, MAX_SKILL_MD_BYTES, what="SKILL.md")
    try:
        text = _decode(raw)
    except UnicodeDecodeError as exc:
        return SkillMd(
            path,
            "",
            None,
            "",
            1,
            problem=("SK114", f"not valid UTF-8 (byte {exc.start}); save it as UTF-8", None),
        )
    return parse_skill_md_text(text, path)


@dataclass
class Skill:
    """A skill folder that could be read: what the runner, packer and server need."""

    root: Path
    skill_md: Path
    name: str | None
    description: str | None
    frontmatter: dict[str, Any]
    body: str
    schema: dict[str, Any] | None

    @property
    def schema_path(self) -> Path:
        return self.root / SCHEMA_FILE

    @property
    def tests_dir(self) -> Path:
        return self.root / "tests"


def find_skill_md(folder: Path) -> Path | None:
    """SKILL.md in a folder, accepting the lowercase `skill.md` spelling too.

    A SKILL.md that is there but is no regular file (a FIFO, a device, a folder, a broken
    symlink) is returned too, so that reading it says what is wrong instead of "no SKILL.md"."""
    exact = folder / SKILL_FILE
    if is_regular(exact):
        return exact
    try:
        children = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError as exc:
        raise SkillError(f"cannot read folder: {exc.strerror}", path=folder) from exc
    named = [child for child in children if child.name.lower() == "skill.md"]
    regular = [child for child in named if child.is_file()]
    if regular:
        return regular[0]
    return next((child for child in named if special_kind(child) is not None), None)


def skill_root(path: str | Path) -> Path:
    """The skill folder for a folder or a SKILL.md path."""
    p = Path(path)
    if p.is_file() and p.name.lower() == "skill.md":
        return p.parent
    return p


def load_skill(path: str | Path) -> Skill:
    """Read a skill strictly: raises SkillError if SKILL.md or schema.json is unusable."""
    root = skill_root(path)
    if not root.exists():
        raise SkillError("no such file or folder", path=root)
    md_path = find_skill_md(root)
    if md_path is None:
        raise SkillError(
            "no SKILL.md here; is this a skill folder? (`skillkit new NAME` makes one)", path=root
        )
    md = read_skill_md(md_path)
    if md.problem:
        _, message, line = md.problem
        raise SkillError(message, path=md_path, line=line)
    assert md.frontmatter is not None
    name = md.frontmatter.get("name")
    description = md.frontmatter.get("description")
    return Skill(
        root=root,
        skill_md=md_path,
        name=name if isinstance(name, str) else None,
        description=description if isinstance(description, str) else None,
        frontmatter=md.frontmatter,
        body=md.body,
        schema=load_schema(root / SCHEMA_FILE, root=root),
    )


def load_schema(path: Path, *, root: Path | None = None) -> dict[str, Any] | None:
    """schema.json as a self-contained dict, None if absent: the `$ref`s to files under `root`
    (default: the file's folder) are inlined (skillkit.schemas.load). SkillError naming the
    file and line if it is not JSON, not an object, or a `$ref` cannot be inlined (remote,
    outside the folder, missing); nothing is ever fetched."""
    kind = special_kind(path)
    if kind is not None:
        raise SkillError(f"is {kind}, not a regular file; make it a JSON file", path=path)
    if not path.is_file():
        return None
    from skillkit import schemas  # jsonschema's imports only for a skill that has a schema

    loaded = schemas.load(path, root=root)
    problem = schemas.first_error(loaded)
    if problem is not None:
        raise problem
    return loaded.schema


# Searched for skills nowhere below these either (build output holds copies of skills).
DISCOVERY_SKIP_DIRS = SKIP_DIRS | {"build", "dist", ".eggs"}


def _is_virtualenv(path: Path) -> bool:
    return is_regular(path / "pyvenv.cfg")  # False, not an error, for a path too long


def _walk_problem(exc: OSError) -> str:
    """Why discovery could not search a folder, and what to do."""
    return (
        f"cannot be searched for skills: it is {os_error_kind(exc)}; any SKILL.md below it is "
        "not checked: fix it, or give the skills below it directly"
    )


def discover_skills(
    paths: Iterable[str | Path], *, problems: list[tuple[Path, str]] | None = None
) -> list[Path]:
    """Skill folders at or under the given paths, sorted, without duplicates.

    A path may be a skill folder, a SKILL.md, or a tree holding many skills. The search skips
    VCS folders, node_modules, virtualenvs and the `tests/` folder of a skill.

    A folder of the tree that cannot be searched (no permission, a path too long for the
    system, a symlink loop) is a problem naming it: appended to `problems` as (path, why)
    when a list is given (lint reports it), else a SkillError. Folders inside a skill that is
    found are left to that skill's own checks (`select_files` names them)."""
    found: dict[Path, None] = {}
    unsearched: list[tuple[Path, str]] = []
    for given in paths:
        p = Path(given)
        try:
            exists, is_file = p.exists(), p.is_file()
        except OSError as exc:
            raise SkillError(f"cannot be read: it is {os_error_kind(exc)}", path=p) from exc
        if not exists:
            kind = special_kind(p)
            raise SkillError(f"is {kind}" if kind else "no such file or folder", path=p)
        if is_file:
            if p.name.lower() != "skill.md":
                raise SkillError(
                    "not a skill: give a skill folder, a SKILL.md or a folder of skills", path=p
                )
            found[p.parent] = None
            continue
        if find_skill_md(p) is not None:
            found[p] = None
            continue

        def unreadable(exc: OSError, top: Path = p) -> None:
            where = Path(exc.filename) if exc.filename else top
            unsearched.append((where, _walk_problem(exc)))

        for dirpath, dirnames, filenames in os.walk(p, onerror=unreadable):
            here = Path(dirpath)
            is_skill = any(f.lower() == "skill.md" for f in filenames)
            if is_skill:
                found[here] = None
            dirnames[:] = sorted(
                d
                for d in dirnames
                if d not in DISCOVERY_SKIP_DIRS
                and not d.endswith(".egg-info")
                and not (is_skill and d == "tests")
                and not _is_virtualenv(here / d)
            )
    left = [(w, why) for w, why in unsearched if not any(r in w.parents for r in found)]
    if left and problems is None:
        where, why = left[0]
        raise SkillError(why, path=where)
    if problems is not None:
        problems.extend(left)
    return sorted(found, key=lambda q: str(q))
