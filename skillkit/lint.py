"""The rule table and the checks behind `skillkit validate`.

Every rule has a stable code, a severity and a summary (the README's table is generated from
RULES). Checks yield `Finding`s with the file and line, and a message that says what to do.
"""

from __future__ import annotations

import bisect
import difflib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from skillkit import jsonpointer
from skillkit.bundle import DEFAULT_LIMITS, select_files
from skillkit.cases import (
    CASES_FILE,
    DocumentError,
    display_path,
    folder_documents,
    load_cases,
)
from skillkit.documents import EXPECTED_SUFFIX, expected_path, is_document
from skillkit.errors import CasesError, SkillInvalid, SkillkitError, ValidationFailed
from skillkit.files import (
    MAX_EXPECTED_BYTES,
    UnreadableFile,
    inside,
    json_depth_problem,
    printable,
    read_head,
    read_limited,
    special_kind,
)
from skillkit.skill import SCHEMA_FILE, SkillMd, discover_skills, find_skill_md, read_skill_md

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    summary: str


RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        # Spec rules (Agent Skills specification; agree with skills-ref)
        Rule("SK100", ERROR, "the folder has no SKILL.md"),
        Rule("SK101", ERROR, "SKILL.md does not start with a closed `---` frontmatter block"),
        Rule("SK102", ERROR, "the frontmatter is not valid YAML"),
        Rule("SK103", ERROR, "the frontmatter is not a mapping"),
        Rule("SK104", ERROR, "a frontmatter key the spec does not allow"),
        Rule("SK105", ERROR, "`name` is missing or empty"),
        Rule(
            "SK106",
            ERROR,
            "`name` breaks the naming rules (1-64 lowercase letters, digits, hyphens)",
        ),
        Rule("SK107", ERROR, "`name` differs from the folder name"),
        Rule("SK108", ERROR, "`description` is missing or empty"),
        Rule("SK109", ERROR, "`description` is longer than 1024 characters"),
        Rule("SK110", ERROR, "`compatibility` is not a string of 1-500 characters"),
        Rule("SK111", ERROR, "`metadata` is not a map of strings to strings"),
        Rule("SK112", ERROR, "`allowed-tools` is not a string"),
        Rule("SK113", ERROR, "`license` is not a string"),
        Rule("SK114", ERROR, "SKILL.md is not valid UTF-8"),
        Rule(
            "SK115",
            ERROR,
            "SKILL.md cannot be read (not a regular file, over the size limit, or unreadable)",
        ),
        # VLM Run's format (profile vlmrun) beside the spec's keys
        Rule(
            "SK116",
            ERROR,
            "`skill_version` or `version` is not a non-empty string (vlmrun profile)",
        ),
        # Bundle rules (what `pack` would put in the zip)
        Rule("SK201", ERROR, "more than one SKILL.md (case-insensitive) would be bundled"),
        Rule("SK202", ERROR, "a symlink leaves the skill folder (or is broken)"),
        Rule("SK203", ERROR, "a secret would be bundled (.env file, private key)"),
        Rule("SK204", ERROR, "the bundle would exceed the total size limit"),
        Rule("SK205", ERROR, "the bundle would hold too many files"),
        Rule("SK206", ERROR, "a file is over the per-file size limit"),
        Rule("SK207", ERROR, "SKILL.md links to a file that does not exist"),
        Rule("SK208", ERROR, "SKILL.md links to a file that is excluded from the bundle"),
        Rule(
            "SK209",
            ERROR,
            "a file cannot be bundled (not a regular file, or a name the bundle reader refuses: "
            "not UTF-8, control characters, backslashes, a drive letter, equal to another but "
            "for case)",
        ),
        # Skill-test rules (schema.json and tests/)
        Rule("SK301", ERROR, "schema.json is not valid JSON"),
        Rule(
            "SK302",
            ERROR,
            "schema.json is not a valid JSON Schema (in the draft its `$schema` names: "
            "draft-07, 2019-09 or 2020-12, the default), or a `$ref` cannot be resolved",
        ),
        Rule("SK303", ERROR, "an expected file is not valid JSON"),
        Rule("SK304", ERROR, "an expected file does not validate against schema.json"),
        Rule("SK305", ERROR, "a case's document does not exist"),
        Rule("SK306", ERROR, "a case's document is not a supported type"),
        Rule("SK307", ERROR, "tests/cases.yaml is invalid"),
        Rule("SK308", ERROR, "`required` names a property that `properties` does not define"),
        Rule("SK309", ERROR, "cases.yaml names an expected file that does not exist"),
        # Warnings
        Rule("SK401", WARNING, "the SKILL.md body is over 500 lines"),
        Rule("SK402", WARNING, "the description never says when to use the skill"),
        Rule("SK403", WARNING, "a binary file would be bundled"),
        Rule("SK404", WARNING, "the SKILL.md body is empty: no instructions"),
        Rule("SK405", WARNING, "a file in tests/ looks like a misspelt expected file"),
        Rule("SK406", WARNING, "a case checks nothing: no expected file and no schema"),
        Rule("SK407", WARNING, "vlmrun.yaml names a toolset VLM Run does not document"),
        Rule("SK408", WARNING, "a state of the vlmrun.yaml graph cannot be reached from the start"),
        Rule("SK409", WARNING, "a case's expected file is an unreviewed draft (`review: draft`)"),
        # vlmrun.yaml (profile vlmrun; see skillkit.vlmrun_yaml)
        Rule("SK501", ERROR, "vlmrun.yaml cannot be read or is not valid YAML"),
        Rule("SK502", ERROR, "vlmrun.yaml is empty or not a mapping"),
        Rule(
            "SK503", ERROR, "vlmrun.yaml lacks a required key (apiVersion, model, toolsets, graph)"
        ),
        Rule("SK504", ERROR, "vlmrun.yaml has a key it does not define"),
        Rule("SK505", ERROR, "`apiVersion` is not `vlm.run/v1alpha`"),
        Rule("SK506", ERROR, "`model` is not a non-empty string"),
        Rule("SK507", ERROR, "`toolsets` is not a list of strings"),
        Rule("SK508", ERROR, "`metadata` is not a mapping"),
        Rule("SK509", ERROR, "`graph` is not a Mermaid `stateDiagram-v2` string that parses"),
        Rule("SK510", ERROR, "a graph transition names a state that is never declared"),
        Rule("SK511", ERROR, "the graph has no start (`[*] --> State`)"),
        Rule("SK512", ERROR, "no end (`State --> [*]`) can be reached from the graph's start"),
    ]
}

# Validation profiles: `vlmrun` (the default) is VLM Run's skill format, the open spec plus
# `skill_version` / `version` in the frontmatter, `vlmrun.yaml` checked (SK5xx) and `resources/`
# a conventional folder; `agentskills` is the open Agent Skills spec alone, as skills-ref checks
# it (SK104 for those keys; vlmrun.yaml is then an ordinary file).
VLMRUN, AGENTSKILLS = "vlmrun", "agentskills"
PROFILES = (VLMRUN, AGENTSKILLS)
DEFAULT_PROFILE = VLMRUN
VLMRUN_KEYS = ("skill_version", "version")  # frontmatter keys VLM Run's format adds
VLMRUN_YAML = "vlmrun.yaml"

ALLOWED_KEYS = ("name", "description", "license", "compatibility", "metadata", "allowed-tools")
NAME_MAX, DESCRIPTION_MAX, COMPATIBILITY_MAX, BODY_MAX_LINES = 64, 1024, 500, 500
SECRET_NAMES = re.compile(
    r"^(\.env(\..+)?|id_(rsa|dsa|ecdsa|ed25519)|.*\.(pem|key|p12|pfx))$", re.I
)
PRIVATE_KEY = re.compile(rb"-----BEGIN ([A-Z ]+ )?PRIVATE KEY-----")
WHEN_TO_USE = re.compile(
    r"\b(use (it |this |this skill )?(when|for|to|on|with)|when(ever)?|if you)\b", re.I
)
_TARGET_END = re.compile(r"[)\s>]")
_SPACES = re.compile(r"\s+")


class _Line:
    """One line of the body, indexed once (end-of-target characters, runs of whitespace,
    quotes) so that every question the link scanner asks costs O(log n), whatever the line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.start() for m in _TARGET_END.finditer(text)]
        runs = [m.span() for m in _SPACES.finditer(text)]
        self.run_starts = [a for a, _ in runs]
        self.run_ends = [b for _, b in runs]
        self.quotes = [i for i, ch in enumerate(text) if ch == '"'] if '"' in text else []

    def char(self, pos: int) -> str:
        return self.text[pos] if pos < len(self.text) else ""

    def skip_space(self, pos: int) -> int:
        i = bisect.bisect_right(self.run_starts, pos) - 1
        return self.run_ends[i] if i >= 0 and self.run_ends[i] > pos else pos

    def target_end(self, pos: int) -> int:
        i = bisect.bisect_left(self.ends, pos)
        return self.ends[i] if i < len(self.ends) else len(self.text)

    def next_quote(self, pos: int) -> int:
        i = bisect.bisect_left(self.quotes, pos)
        return self.quotes[i] if i < len(self.quotes) else -1


def _link_target(line: _Line, pos: int, image: bool) -> tuple[str, int] | None:
    """The target of a link whose `](` ends at `pos`, and where the link ends; None if the
    text there is no link. An image's `)` may be missing; a link's may not."""
    pos = line.skip_space(pos)
    if line.char(pos) == "<":
        pos += 1
    end = line.target_end(pos)
    if end == pos:
        return None
    target, pos = line.text[pos:end], end
    if line.char(pos) == ">":
        pos += 1
    if image:
        return target, pos
    after = line.skip_space(pos)
    if after > pos and line.char(after) == '"':
        close = line.next_quote(after + 1)
        if close != -1 and line.char(line.skip_space(close + 1)) == ")":
            return target, line.skip_space(close + 1) + 1
    if line.char(after) == ")":
        return target, after + 1
    return None


def md_links(text: str) -> Iterator[str]:
    """The targets of `[text](target "title")` and `![alt](target)` links in one line.

    Linear time (a regular expression for this backtracks: a 60 KB line of `[](` took over a
    minute): each `](` is looked at once, with the link text the span after the `]` before it."""
    mark = text.find("](")
    if mark == -1:
        return
    line = _Line(text)
    pos = 0
    while mark != -1:
        text_start = text.rfind("]", pos, mark) + 1 or pos  # no ']' inside the link text
        opening = text.find("[", text_start, mark)
        found = None
        if opening != -1:
            image = opening > 0 and text[opening - 1] == "!"
            found = _link_target(line, mark + 2, image)
            if found is None and not image:
                bang = text.find("![", opening, mark)
                if bang != -1:
                    found = _link_target(line, mark + 2, True)
        if found is None:
            pos = mark + 1
        else:
            yield found[0]
            pos = max(found[1], mark + 2)
        mark = text.find("](", pos)


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    path: str
    line: int | None = None

    @property
    def location(self) -> str:
        """`path:line`, or the path alone: how every text output names the place."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _finding(code: str, message: str, path: Path | str, line: int | None = None) -> Finding:
    return Finding(code, RULES[code].severity, message, str(path), line)


def _short(value: object, limit: int = 80) -> str:
    """A value from a skill as a message shows it: at most `limit` characters."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------- spec rules


def name_problem(name: str) -> str | None:
    """Why a name is invalid, or None. Same rules as skills-ref (NFKC, lowercase letters)."""
    name = unicodedata.normalize("NFKC", name)
    if len(name) > NAME_MAX:
        return f"is {len(name)} characters; the limit is {NAME_MAX}"
    if name != name.lower():
        return "must be lowercase"
    if name.startswith("-") or name.endswith("-"):
        return "must not start or end with a hyphen"
    if "--" in name:
        return "must not contain '--'"
    if not all(c.isalnum() or c == "-" for c in name):
        return "may hold only lowercase letters, digits and hyphens"
    return None


PROFILE_ENV = "SKILLKIT_PROFILE"


def env_profile() -> str:
    """The profile `SKILLKIT_PROFILE` names (any case), else the default: one setting for
    `validate` and for every command that lints before it runs."""
    profile = (os.environ.get(PROFILE_ENV) or DEFAULT_PROFILE).strip().lower()
    if profile not in PROFILES:
        from skillkit.errors import UsageError

        raise UsageError(
            f"{PROFILE_ENV}={profile!r} is not a profile; set it to one of: {', '.join(PROFILES)}"
        )
    return profile


def check_profile(profile: str) -> str:
    """`profile` if skillkit knows it; a UsageError naming the known ones otherwise."""
    if profile not in PROFILES:
        from skillkit.errors import UsageError

        raise UsageError(f"unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}")
    return profile


def check_frontmatter(
    md: SkillMd, folder_name: str | None, *, profile: str = DEFAULT_PROFILE
) -> Iterator[Finding]:
    """Spec rules on the frontmatter (VLM Run's keys too, in the vlmrun profile), and the
    body's size."""
    if md.problem:
        code, message, line = md.problem
        yield _finding(code, message, md.path, line)
        return
    fm = md.frontmatter or {}
    yield from _check_keys(md, fm, profile)
    if profile == VLMRUN:
        yield from _check_vlmrun_keys(md, fm)
    yield from _check_name(md, fm, folder_name)
    yield from _check_description(md, fm)
    yield from _check_optional_fields(md, fm)
    yield from _check_body(md)


def _check_keys(
    md: SkillMd, fm: dict[str, Any], profile: str = DEFAULT_PROFILE
) -> Iterator[Finding]:
    allowed = ALLOWED_KEYS + VLMRUN_KEYS if profile == VLMRUN else ALLOWED_KEYS
    for key in fm:
        if key not in allowed:
            hint = (
                f'; put it under `metadata:` (e.g. metadata: {{{key}: "..."}})'
                if key in ("version", "author", "tags", "owner")
                else f"; allowed: {', '.join(allowed)}"
            )
            if key in VLMRUN_KEYS:
                hint += " (VLM Run's format allows it: --profile vlmrun)"
            yield _finding(
                "SK104", f"unknown frontmatter key '{key}'{hint}", md.path, md.line_of(key)
            )


def _check_vlmrun_keys(md: SkillMd, fm: dict[str, Any]) -> Iterator[Finding]:
    """SK116: `skill_version` and `version` are strings in VLM Run's format (`1.0` in YAML is
    a number: the fix is quotes, with the value as written, so `1.10` stays `1.10`)."""
    for key in VLMRUN_KEYS:
        if key not in fm or (isinstance(fm[key], str) and fm[key].strip()):
            continue
        line = md.line_of(key)
        value = fm[key]
        if isinstance(value, str) or value is None:
            message = f'{key} is empty; give the version as a string ({key}: "1.0") or remove it'
        elif isinstance(value, (dict, list)):
            message = f'{key} must be one string, not a {"map" if isinstance(value, dict) else "list"}; write {key}: "1.0"'
        else:
            written = _written_value(md, key, line) or _short(value)
            message = (
                f"{key} must be a string, but {written} is read by YAML as "
                f'{_yaml_kind(value)}; quote it ({key}: "{written}")'
            )
        yield _finding("SK116", message, md.path, line)


def _written_value(md: SkillMd, key: str, line: int) -> str | None:
    """A frontmatter value as the SKILL.md line writes it (`1.10`, not the float 1.1)."""
    lines = md.text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    m = re.match(rf"^\s*{re.escape(key)}\s*:\s*(.*?)\s*(?:\s#.*)?$", lines[line - 1])
    text = m.group(1) if m else ""
    return text if text and '"' not in text else None


def _yaml_kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if type(value).__name__ in ("date", "datetime"):
        return "a date"
    return f"a {type(value).__name__}"


def _check_name(md: SkillMd, fm: dict[str, Any], folder_name: str | None) -> Iterator[Finding]:
    name = fm.get("name")
    line = md.line_of("name") if "name" in fm else 2
    if name is not None and not isinstance(name, str):
        yield _finding(
            "SK105", f'name must be a string; quote it (name: "{_short(name)}")', md.path, line
        )
        return
    if not name or not name.strip():
        yield _finding(
            "SK105", "add `name:` with the skill's name (the folder name)", md.path, line
        )
        return
    why = name_problem(name.strip())
    if why:
        yield _finding("SK106", f"name '{_short(name)}' {why}", md.path, line)
        return
    folder = unicodedata.normalize("NFKC", folder_name) if folder_name else None
    if folder is not None and unicodedata.normalize("NFKC", name.strip()) != folder:
        yield _finding(
            "SK107",
            f"name '{name}' must equal the folder name '{folder}': rename one of them",
            md.path,
            line,
        )


def _check_description(md: SkillMd, fm: dict[str, Any]) -> Iterator[Finding]:
    desc = fm.get("description")
    line = md.line_of("description") if "description" in fm else 2
    if not isinstance(desc, str) or not desc.strip():
        yield _finding(
            "SK108",
            "add `description:` saying what the skill does and when to use it",
            md.path,
            line,
        )
        return
    if len(desc) > DESCRIPTION_MAX:
        yield _finding(
            "SK109",
            f"description is {len(desc)} characters; shorten it to {DESCRIPTION_MAX} or fewer",
            md.path,
            line,
        )
    if not WHEN_TO_USE.search(desc):
        yield _finding(
            "SK402",
            "description does not say when to use the skill; add a sentence like 'Use when ...'",
            md.path,
            line,
        )


def _check_optional_fields(md: SkillMd, fm: dict[str, Any]) -> Iterator[Finding]:
    if "compatibility" in fm:
        comp = fm["compatibility"]
        if not isinstance(comp, str) or not (1 <= len(comp) <= COMPATIBILITY_MAX):
            yield _finding(
                "SK110",
                f"compatibility must be a string of 1-{COMPATIBILITY_MAX} characters",
                md.path,
                md.line_of("compatibility"),
            )
    if "metadata" in fm:
        meta = fm["metadata"]
        if not isinstance(meta, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in meta.items()
        ):
            yield _finding(
                "SK111",
                'metadata must map strings to strings; quote numbers (version: "1.0")',
                md.path,
                md.line_of("metadata"),
            )
    if "allowed-tools" in fm and not isinstance(fm["allowed-tools"], str):
        yield _finding(
            "SK112",
            "allowed-tools must be one space-separated string",
            md.path,
            md.line_of("allowed-tools"),
        )
    if "license" in fm and not isinstance(fm["license"], str):
        yield _finding(
            "SK113", "license must be a string (e.g. Apache-2.0)", md.path, md.line_of("license")
        )


def _check_body(md: SkillMd) -> Iterator[Finding]:
    body_lines = md.body.strip("\n").count("\n") + 1 if md.body.strip() else 0
    if body_lines == 0:
        yield _finding(
            "SK404", "add Markdown instructions after the frontmatter", md.path, md.body_line
        )
    elif body_lines > BODY_MAX_LINES:
        yield _finding(
            "SK401",
            f"body is {body_lines} lines; move detail into references/ "
            f"(recommended under {BODY_MAX_LINES})",
            md.path,
            md.body_line,
        )


# --------------------------------------------------------------------------- bundle rules


def _looks_binary(path: Path, content: bytes | None = None) -> bool:
    """A NUL byte in the first 8 KiB; `content`: the whole file, when it has been read."""
    if content is not None:
        return b"\x00" in content[:8192]
    try:
        head = read_head(path, 8192)
    except UnreadableFile:
        return False
    return b"\x00" in head


def _link_problem(root: Path, arc: str) -> str:
    """What is wrong with a symlink the bundle leaves out (SK202), and what to do."""
    link = root / arc
    kind = special_kind(link)
    if kind == "a symlink loop":
        return "is a symlink loop (it never reaches a file); remove it, or put the file there"
    if kind == "a broken symlink":
        return "is broken (nothing is there); remove it, or copy the file in instead"
    if kind == "a folder":
        try:
            base, target = root.resolve(), link.resolve()
            held = [
                p.resolve() for p in link.parents if base in (p.resolve(), *p.resolve().parents)
            ]
        except (OSError, RuntimeError):
            held = []
        if target in held:
            return (
                "leads back to a folder that holds it (a loop: walking it would never end); "
                "remove it"
            )
    return "leaves the skill folder or is broken; copy the file in instead"


def check_bundle(root: Path, md: SkillMd, *, profile: str = DEFAULT_PROFILE) -> Iterator[Finding]:
    selection = select_files(root)
    # Where binary files belong: assets/ (the spec), and resources/ too in VLM Run's format
    # ("snippets, templates, images, reference data").
    binary_homes = ("assets/", "resources/") if profile == VLMRUN else ("assets/",)
    where = "assets/ or resources/" if profile == VLMRUN else "assets/"
    limits = DEFAULT_LIMITS
    for arc, target in selection.escaping_links:
        yield _finding(
            "SK202", f"symlink to '{_short(target)}' {_link_problem(root, arc)}", root / arc
        )
    # The bundle reader's own name rules (bundle.name_problem, names_problems) decide both.
    for arc, why in [*selection.unbundlable, *selection.clashes]:
        yield _finding("SK209", f"cannot be bundled: {why}", root / arc)
    bundled = {f.arcname for f in selection.files}
    skill_mds = sorted(a for a in bundled if Path(a).name.lower() == "skill.md")
    if len(skill_mds) > 1:
        yield _finding(
            "SK201",
            f"{len(skill_mds)} SKILL.md files would be bundled "
            f"({', '.join(skill_mds)}); keep one, or exclude the others in .skillignore",
            root,
        )
    total = 0
    for f in selection.files:
        total += f.size
        shown = root / f.arcname  # the path as the user gave it, not resolved
        name = Path(f.arcname).name
        secret = bool(SECRET_NAMES.match(name))
        content = None  # the file, when read for the secret check (the binary check reuses it)
        if not secret and f.size < 1024 * 1024:
            try:
                content = read_limited(f.path, 1024 * 1024)
                secret = bool(PRIVATE_KEY.search(content))
            except UnreadableFile:
                pass
        if secret:
            yield _finding(
                "SK203", "looks like a secret; delete it or list it in .skillignore", shown
            )
        if f.size > limits.max_entry_bytes:
            yield _finding(
                "SK206", f"{f.size} bytes; the limit per file is {limits.max_entry_bytes}", shown
            )
        elif not f.arcname.startswith(binary_homes) and _looks_binary(f.path, content):
            yield _finding(
                "SK403",
                f"binary file in the bundle; move it to {where} if intended, "
                "or exclude it in .skillignore",
                shown,
            )
    if total > limits.max_total_bytes:
        yield _finding(
            "SK204", f"{total} bytes would be bundled; the limit is {limits.max_total_bytes}", root
        )
    if len(selection.files) > limits.max_entries:
        yield _finding(
            "SK205",
            f"{len(selection.files)} files would be bundled; the limit is {limits.max_entries}",
            root,
        )
    yield from _check_links(root, md, bundled, set(selection.excluded))


def _check_links(
    root: Path, md: SkillMd, bundled: set[str], excluded: set[str]
) -> Iterator[Finding]:
    if md.problem:
        return
    folders = {b.rsplit("/", k)[0] for b in bundled for k in range(1, b.count("/") + 1)}
    for offset, line in enumerate(md.body.split("\n")):
        for found in md_links(line):
            target = found.split("#")[0]
            if (
                not target
                or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I)
                or target.startswith("/")
            ):
                continue
            rel = Path(target.removeprefix("./")).as_posix()
            lineno = md.body_line + offset
            if rel in bundled or rel.rstrip("/") in folders:
                continue
            shown = _short(target)
            if os.path.exists(root / rel):  # False, not an error, for an impossible name
                yield _finding(
                    "SK208",
                    f"links to '{shown}', which is excluded from the "
                    "bundle; the model will not see it",
                    md.path,
                    lineno,
                )
            else:
                yield _finding(
                    "SK207", f"links to '{shown}', which does not exist", md.path, lineno
                )


# --------------------------------------------------------------------------- skill-test rules


def _check_schema_file(root: Path, schema_path: Path) -> tuple[list[Finding], Any, Any]:
    """SK301/SK302/SK308 for schema.json and the files its `$ref`s name (each finding on the
    line of the offending key, in the file that holds it), the validator when it is usable, and
    the load itself. Nothing is ever fetched: see skillkit.schemas."""
    from skillkit import schemas

    loaded = schemas.load(schema_path, root=root, bundled=True)
    findings = [
        _finding(
            "SK301" if p.kind == "json" else "SK302",
            f"{p.where}: {p.message}" if p.pointer and p.pointer != ("$schema",) else p.message,
            root / p.file if p.file else schema_path,
            p.line,
        )
        for p in loaded.problems
    ]
    invalid = bool(findings)
    for doc in loaded.docs.values():
        if not isinstance(doc.data, (dict, bool)):
            continue
        for p in schemas.metaschema_problems(doc.data, loaded.cls):
            invalid = True
            findings.append(
                _finding(
                    "SK302", f"{p.where}: {p.message}", root / doc.name, doc.line_of(p.pointer)
                )
            )
        for parts, name, close in schemas.required_undefined(doc.data):
            hint = f'did you mean "{close}"? Or add' if close else "add"
            findings.append(
                _finding(
                    "SK308",
                    f"{jsonpointer.display(parts)} names {json.dumps(name)}, which "
                    f'"properties" does not define; {hint} it to "properties", or drop it from '
                    '"required" (nothing can fill a property the schema does not describe)',
                    root / doc.name,
                    doc.line_of(parts),
                )
            )
    if invalid or loaded.schema is None:
        return findings, None, loaded
    try:
        return findings, schemas.validator(loaded.schema), loaded
    except SkillkitError as exc:
        findings.append(_finding("SK302", exc.message, schema_path))
        return findings, None, loaded


def _value_hint(err: Any) -> str:
    """What to write instead, for an expected file's value the schema rejects."""
    value, kind = err.instance, err.validator
    if kind == "type":
        wanted = (
            err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        )
        if isinstance(value, str) and {"number", "integer"} & set(wanted):
            try:
                float(value.replace(",", ""))
                return f"write it as a number, without quotes ({value.strip().replace(',', '')})"
            except ValueError:
                pass
        if "string" in wanted and isinstance(value, (int, float)) and not isinstance(value, bool):
            return f'write it as a string: "{value}"'
        if value is None:
            return "the schema does not allow null here: give a value, or allow null in the schema"
        return f"write a JSON {' or '.join(str(w) for w in wanted)} here, or fix the schema"
    if kind == "required" and isinstance(value, dict):
        missing = [n for n in err.validator_value if n not in value]
        if missing:
            return f'add "{missing[0]}" (null where the document does not give it and the schema allows null)'
    if kind == "additionalProperties":
        return "remove it, or add it to the schema's properties"
    if kind == "enum" and isinstance(err.validator_value, list):
        options = ", ".join(json.dumps(v) for v in err.validator_value[:10])
        return f"use one of: {options}"
    if kind == "format":
        shapes = {"date": "YYYY-MM-DD", "date-time": "YYYY-MM-DDThh:mm:ssZ", "time": "hh:mm:ss"}
        if err.validator_value in shapes:
            return f"write it as {shapes[err.validator_value]}"
    return "fix the value or the schema"


def _error_parts(err: Any) -> tuple:
    """Where an expected file's error is: the extra key itself for additionalProperties."""
    parts = tuple(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        props = err.schema.get("properties") or {}
        extra = [k for k in err.instance if k not in props]
        if extra:
            return (*parts, extra[0])
    return parts


def check_tests(root: Path, *, md: SkillMd | None = None) -> Iterator[Finding]:
    """SK3xx for schema.json, the expected files and the cases. `md`: the skill's SKILL.md as
    `lint_skill` read it, so that the cases reuse it (and the schema loaded here) instead of
    reading the skill again."""
    from skillkit import schemas

    schema_path = root / SCHEMA_FILE
    validator = None
    # The schema as `load_skill` would give it, when this check tells for sure: absent, or
    # loaded without a single problem (`load_skill` reads it alike, only less strictly).
    no_schema = object()
    schema: Any = None
    if schema_path.is_file():
        schema_findings, validator, loaded = _check_schema_file(root, schema_path)
        yield from schema_findings
        if not loaded.problems and loaded.schema is not None:
            schema = loaded.schema
    elif special_kind(schema_path):  # a folder, FIFO, device or broken link: never read
        yield _finding(
            "SK301",
            f"is {special_kind(schema_path)}, not a regular file; make it a JSON file",
            schema_path,
        )
    else:
        schema = no_schema

    tests = root / "tests"
    if not tests.is_dir():
        return
    unusable: set[Path] = set()  # expected files reported as SK303 (or never read: SK202)
    for expected in sorted(tests.glob(f"*{EXPECTED_SUFFIX}")):
        if not (inside(tests, root) and inside(expected, tests)):
            continue  # a symlink leading out of tests/: never read (SK202 from the cases)
        unusable.add(expected)
        try:  # a regular file of at most MAX_EXPECTED_BYTES: never a FIFO or /dev/zero
            raw = read_limited(expected, MAX_EXPECTED_BYTES, what="an expected file")
        except UnreadableFile as exc:
            yield _finding("SK303", exc.reason, expected)
            continue
        doc = schemas.parse_json(raw, expected.name, expected)
        if isinstance(doc, schemas.SchemaProblem):
            yield _finding("SK303", doc.message, expected, doc.line)
            continue
        too_deep = json_depth_problem(doc.data)
        if too_deep:
            yield _finding("SK303", too_deep, expected)
            continue
        unusable.discard(expected)
        if validator is not None:
            try:
                errors = list(validator.iter_errors(doc.data))
            except schemas.ValidationTooDeep as exc:
                yield _finding("SK304", exc.message, expected)
                continue
            for err in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
                yield _finding(
                    "SK304",
                    f"{jsonpointer.display(err.absolute_path)}: {err.message}; {_value_hint(err)}",
                    expected,
                    doc.line_of(_error_parts(err)),
                )
    skill = None
    if md is not None and md.problem is None and md.frontmatter is not None and schema is not None:
        from skillkit.skill import Skill

        name, description = md.frontmatter.get("name"), md.frontmatter.get("description")
        skill = Skill(  # what load_skill(root) reads, read once
            root=root,
            skill_md=md.path,
            name=name if isinstance(name, str) else None,
            description=description if isinstance(description, str) else None,
            frontmatter=md.frontmatter,
            body=md.body,
            schema=None if schema is no_schema else schema,
        )
    yield from _check_cases(root, tests, unusable, skill)


def _check_cases(
    root: Path, tests: Path, unusable: set[Path] = frozenset(), skill: Any = None
) -> Iterator[Finding]:
    """Every case's document exists and is a supported type; cases.yaml itself is valid.
    `skill`: the skill as `load_skill(root)` reads it, when the caller has read it already."""
    globbed = sorted(tests.glob(f"*{EXPECTED_SUFFIX}"))
    documented = _stems_with_documents(tests, {e.name[: -len(EXPECTED_SUFFIX)] for e in globbed})
    for expected in globbed:
        stem = expected.name[: -len(EXPECTED_SUFFIX)]
        if stem not in documented and not (tests / CASES_FILE).is_file():
            yield _finding(
                "SK305", f"no document named '{stem}.<pdf|docx|...>' beside it", expected
            )
    try:
        found = load_cases(skill if skill is not None else root)
    except CasesError as exc:
        if exc.path in {printable(display_path(p)) for p in unusable}:
            return  # an unreadable expected file tests/*.expected.json is SK303, reported above
        cases_file = tests / CASES_FILE
        code = exc.rule if isinstance(exc, DocumentError) else "SK307"  # SK305 or SK306
        if "is a symlink leading out of" in exc.message or "itself is a symlink" in exc.message:
            code = "SK202"
        elif exc.path and exc.path.endswith(EXPECTED_SUFFIX):
            code = "SK303"  # an expected file cases.yaml names elsewhere (e.g. in a subfolder)
        # The file at fault: the one the error names (a document, an expected or schema file),
        # else cases.yaml, else tests/ - never a file that does not exist.
        where = _as_given(exc.path, tests) if exc.path else None
        where = where or (cases_file if os.path.lexists(cases_file) else tests)
        yield _finding(code, exc.message, where, exc.line)
        return
    except SkillkitError:
        return  # SKILL.md or schema.json problems are reported by their own rules
    for case in found:
        doc = Path(case.document)
        if not is_document(doc):
            yield _finding(
                "SK306",
                f"case '{case.name}': '{doc.name}' is not a supported document type",
                case.source or doc,
                case.line,
            )
        if case.expected_missing:
            yield _finding(
                "SK309",
                f"case '{case.name}': expected file '{case.expected_path.name}' does not exist; "
                "create it with `skillkit test --update-missing` or fix the name",
                case.source or doc,
                case.line,
            )
        elif not case.has_expected and case.schema is None:
            yield _finding(
                "SK406",
                f"case '{case.name}' checks nothing: add {expected_path(doc).name} "
                "(`skillkit test --update-missing`) or a schema.json",
                case.source or doc,
                case.line,
            )
        if case.unreviewed:
            yield _unreviewed(case)
    yield from _check_misspelt_expected(tests, found)


def _stems_with_documents(tests: Path, stems: set[str]) -> set[str]:
    """Those of `stems` that have a document `<stem>.<ext>` in tests/ (what the glob
    `<stem>.*` finds, but one listing of the folder for all of them, not one per stem)."""
    found: set[str] = set()
    for path in tests.iterdir():
        name = path.name
        if name.endswith(EXPECTED_SUFFIX):
            continue
        dot = name.find(".")
        while dot >= 0:
            if name[:dot] in stems and name[:dot] not in found and is_document(path):
                found.add(name[:dot])
            dot = name.find(".", dot + 1)
    return found


def _unreviewed(case: Any) -> Finding:
    """SK409: a case whose expected file was drafted from an output (`skillkit add-case`)."""
    where = f"{CASES_FILE}:{case.review_line}"
    if case.has_expected:
        shown = printable(display_path(case.expected_path))
        message = (
            f"case '{case.name}': the expected file is an unreviewed draft; check {shown} "
            f"against the document, then delete `review: draft` ({where})"
        )
    else:
        message = (
            f"case '{case.name}' is marked `review: draft` but has no expected file to review; "
            f"delete `review: draft` ({where})"
        )
    return _finding("SK409", message, case.source, case.review_line)


def _as_given(shown: str, tests: Path) -> Path | str:
    """An error's path (shown relative to the working directory) in the form the user gave the
    skill in, when it is in tests/; else as the error shows it."""
    try:  # absolute, but symlinks not followed: the finding names the link, not its target
        real, base = Path(os.path.abspath(shown)), Path(os.path.abspath(tests))
        return tests / real.relative_to(base) if real != base else tests
    except (OSError, ValueError):
        return shown


_EXPECTED_WORD = "expected"


def _misspelt_stem(name: str) -> str | None:
    """The document stem a JSON file name seems meant for, if it is not a well-formed
    `<stem>.expected.json`: `x.json`, `x.expect.json`, `x.Expected.json`, `x_expected.json`."""
    if not name.lower().endswith(".json") or name.endswith(EXPECTED_SUFFIX):
        return None
    base = name[: -len(".json")]
    match = re.match(r"^(.+?)[._ -]+([A-Za-z]+)$", base)
    if match:
        word = match.group(2).lower()
        close = difflib.SequenceMatcher(None, word, _EXPECTED_WORD).ratio() >= 0.75
        if word.startswith("expect") or close:
            return match.group(1)
    return base


def _check_misspelt_expected(tests: Path, cases: list) -> Iterator[Finding]:
    """SK405: a JSON file beside a document that would be its expected file, but for the name."""
    stems: dict[str, Path] = {}
    for doc in folder_documents(tests):
        stems.setdefault(doc.stem.casefold(), doc)
    named = {c.expected_path.resolve() for c in cases if c.expected_path is not None}
    for path in sorted(tests.iterdir()):
        if not path.is_file() or path.resolve() in named or path.name == CASES_FILE:
            continue
        stem = _misspelt_stem(path.name)
        doc = stems.get(stem.casefold()) if stem else None
        if doc is None:
            continue
        intended = expected_path(doc)
        if intended.is_file() and intended.name == path.name:
            continue
        yield _finding(
            "SK405",
            f"looks like the expected file of '{doc.name}', which is read only as "
            f"'{intended.name}'; rename it (the case is schema-only until then)"
            if not intended.is_file()
            else f"looks like a second expected file of '{doc.name}'; "
            f"only '{intended.name}' is read",
            path,
        )


# --------------------------------------------------------------------------- entry points


def check_vlmrun_yaml(root: Path) -> Iterator[Finding]:
    """SK5xx (and SK407/SK408) for the skill's vlmrun.yaml, when there is one (vlmrun
    profile). A vlmrun.yaml that is a symlink leading out of the skill is never read (SK202)."""
    from skillkit import vlmrun_yaml

    path = root / VLMRUN_YAML
    if not os.path.lexists(path):
        return
    if os.path.islink(path) and not inside(path, root):
        return  # reported by the bundle rules (SK202); never read
    for p in vlmrun_yaml.check_file(path):
        yield _finding(p.code, p.message, path, p.line)


def lint_skill(root: str | Path, *, profile: str = DEFAULT_PROFILE) -> list[Finding]:
    """Every finding for one skill folder, sorted by file and line, under a validation
    profile (`vlmrun`, the default, or `agentskills`: see PROFILES)."""
    check_profile(profile)
    root = Path(root)
    md_path = find_skill_md(root)
    if md_path is None:
        return [
            _finding("SK100", "no SKILL.md in this folder; `skillkit new NAME` makes one", root)
        ]
    try:
        md = read_skill_md(md_path)
    except UnreadableFile as exc:  # a FIFO, a device, a folder, too large: SK115, not a hang
        md = SkillMd(md_path, "", None, "", 1, problem=("SK115", exc.reason, None))
    findings = list(check_frontmatter(md, root.resolve().name, profile=profile))
    findings += check_bundle(root, md, profile=profile)
    findings += check_tests(root, md=md)
    if profile == VLMRUN:
        findings += check_vlmrun_yaml(root)
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.code))


def lint_paths(
    paths: Iterable[str | Path], *, profile: str = DEFAULT_PROFILE, jobs: int = 1
) -> list[Finding]:
    """Lint every skill at or under the given paths (folders, SKILL.md files, trees).

    `jobs` > 1 lints a large tree in that many forked processes (`skillkit validate` asks for
    one per CPU): the same findings in the same order, in less time. Only where `fork` is the
    way to start them (Linux), and only from a process without threads of its own to copy."""
    check_profile(profile)
    findings: list[Finding] = []
    paths = list(paths)
    unsearched: list[tuple[Path, str]] = []  # folders of a tree that cannot be searched
    skills = discover_skills(paths, problems=unsearched)
    findings += [_finding("SK100", why, where) for where, why in unsearched]
    if not skills and not unsearched:
        for p in paths:
            findings.append(_finding("SK100", "no SKILL.md here or below; nothing to validate", p))
    findings += _lint_skills(skills, profile, jobs)
    return findings


_SKILLS_PER_PROCESS = 100  # fewer are linted faster than another process starts


def _lint_skills(skills: list[Path], profile: str, jobs: int) -> list[Finding]:
    """`lint_skill` of each skill, in order; in up to `jobs` forked processes for many skills."""
    import multiprocessing
    import threading

    jobs = min(jobs, len(skills) // _SKILLS_PER_PROCESS)
    if (
        jobs < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1  # forking a process with threads is not safe
    ):
        return [f for root in skills for f in lint_skill(root, profile=profile)]
    parts = jobs * 4  # contiguous chunks, so that a slow part of the tree is shared out
    size = -(-len(skills) // parts)
    chunks = [skills[i : i + size] for i in range(0, len(skills), size)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        results = pool.map(_lint_chunk, [(chunk, profile) for chunk in chunks], chunksize=1)
    out: list[Finding] = []
    for chunk, found in zip(chunks, results, strict=True):
        if found is None:  # it raised there: here it raises again, as it would have
            found = [f for root in chunk for f in lint_skill(root, profile=profile)]
        out += found
    return out


def _lint_chunk(job: tuple[list[Path], str]) -> list[Finding] | None:
    """A worker's part of `_lint_skills`; None when linting raised (the parent says why)."""
    chunk, profile = job
    try:
        return [f for root in chunk for f in lint_skill(root, profile=profile)]
    except BaseException:  # noqa: BLE001 - an exception may not survive pickling: re-run it
        return None


def has_errors(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    return any(f.severity == ERROR or strict for f in findings)


def count_line(findings: list[Finding]) -> str:
    """`2 error(s), 1 warning(s)`: the line `validate` ends with."""
    errors = sum(f.severity == ERROR for f in findings)
    return f"{errors} error(s), {len(findings) - errors} warning(s)"


def require_valid(
    roots: Iterable[Path],
    *,
    refusal: type[ValidationFailed] = SkillInvalid,
    action: str = "run",
    ignore: Iterable[str] = (),
    profile: str | None = None,
) -> None:
    """Raise `refusal` carrying every error-level finding of the skills (codes in `ignore`
    aside): `pack`, `test`, `generate` and `publish` refuse a skill exactly where `validate`
    fails it, in the same profile (`profile`, else `SKILLKIT_PROFILE`, else the default)."""
    profile = check_profile(profile or env_profile())
    skipped = set(ignore)
    errors: list[Finding] = []
    names: list[str] = []
    for root in roots:
        found = [
            f
            for f in lint_skill(Path(root), profile=profile)
            if f.severity == ERROR and f.code not in skipped
        ]
        if found:
            errors += found
            names.append(Path(root).resolve().name)
    if errors:
        one = len(names) == 1
        which = names[0] if one else f"{len(names)} skills ({', '.join(names)})"
        raise refusal(
            f"{which}: {len(errors)} validation error(s), so {'it is' if one else 'they are'} "
            f"not {action}; "
            "fix them (see `skillkit validate`) or pass --no-validate",
            findings=errors,
        )
