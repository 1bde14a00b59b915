"""Find the regression cases of skills: `tests/` documents, expected JSON and `tests/cases.yaml`.

Without `cases.yaml`, every document in `tests/` with a sibling `<stem>.expected.json` is a case;
a document without one is a schema-only case (its output must only validate against the schema).

Case ids: a discovered case is named after its document's stem (`acme-001.pdf` -> `acme-001`).
When several documents share a stem (`acme.pdf`, `acme.docx`, compared case-insensitively, since
ids name cassette files), each of them is named by its whole file name instead (`acme.pdf`,
`acme.docx`); they share the expected file `acme.expected.json`. Ids are unique in every mode
(console, reports, `-k`, shards, cassettes, pytest node ids); cases.yaml ids must be unique too.

`cases.yaml` (every key optional)::

    defaults:                  # applied to every case
      domain: document.invoice
      config: {grounding: false}        # merged into GenerationConfig
      match: {abs_tol: 0.01}           # skillkit.compare.MatchRules
      min_score: 1.0
    cases:                     # a list of mappings with `id`, or a mapping id -> settings
      - id: acme-001
        document: acme-001.pdf           # relative to tests/
        expected: acme-001.expected.json # default: <stem>.expected.json if present; null: none
                                         # (a named file that is missing: --update-missing
                                         # creates it; otherwise the case fails)
        config: {page_indices: [0]}
        skip: "reason"                   # or true
        review: draft                    # the expected file is an unreviewed draft
                                         # (`skillkit add-case`); delete the line once
                                         # it is checked against the document

Without a `cases:` key the cases are discovered from the folder and `defaults:` apply to them.
The file is validated against its JSON Schema (`skillkit/cases.schema.json`, see
skillkit.cases_schema): unknown keys and wrong types are `CasesError`s naming `cases.yaml:<line>`
(the line of the key at fault). What a schema cannot check is checked here: documents and
expected files exist inside tests/, ids are unique, a mapping key and its `id` agree.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from skillkit import cases_schema
from skillkit.documents import EXPECTED_SUFFIX, expected_path, is_document
from skillkit.errors import CasesError, SkillError
from skillkit.files import (
    MAX_CASES_YAML_BYTES,
    MAX_EXPECTED_BYTES,
    UnreadableFile,
    YamlLimit,
    compose_yaml,
    construct_yaml,
    inside,
    is_regular,
    loads_json,
    printable,
    read_limited,
    special_kind,
    yaml_problem,
)
from skillkit.skill import Skill, discover_skills, load_skill

T = TypeVar("T")

CASES_FILE = "cases.yaml"
CASSETTES_DIR = "cassettes"
DEFAULT_MIN_SCORE = 1.0

_CASE_ID = re.compile(cases_schema.CASE_ID_PATTERN)
# The keys of `defaults:` (a case may set them too).
_SETTING_KEYS = tuple(cases_schema.schema()["definitions"]["settings"]["properties"])


@dataclass
class Case:
    """One regression case: a document, what the output must be, and how to ask for it."""

    skill: Skill
    name: str
    document: Path
    expected_path: Path | None
    expected: Any = None
    has_expected: bool = False
    domain: str | None = None
    config: dict[str, Any] = field(default_factory=dict)
    match: dict[str, Any] | None = None
    rules: Any = None  # skillkit.compare.MatchRules, or None for the defaults
    min_score: float = DEFAULT_MIN_SCORE
    skip: str | None = None
    timeout: float | None = None
    source: Path | None = None  # cases.yaml, when the case is declared there
    line: int | None = None
    # `review: draft` in cases.yaml: the expected file was written from an output (`skillkit
    # add-case`) and nobody has checked it yet; `review_line` is the line of that key.
    unreviewed: bool = False
    review_line: int | None = None

    @property
    def skill_name(self) -> str:
        """The skill's own name (frontmatter), else its folder's real name (never '.' or '..')."""
        return skill_display_name(self.skill)

    @property
    def expected_missing(self) -> bool:
        """cases.yaml names an expected file that does not exist (yet)."""
        return self.expected_path is not None and not self.has_expected

    @property
    def checks(self) -> list[str]:
        """What judging this case checks: `schema` and/or `values` (empty: nothing at all)."""
        out = ["schema"] if self.schema is not None else []
        return out + (["values"] if self.has_expected else [])

    @property
    def id(self) -> str:
        """`<skill>/<case>`: what `-k` matches, what reports show."""
        return f"{self.skill_name}/{self.name}"

    @property
    def node_id(self) -> str:
        """The pytest node id, naming a file that exists: `<skill>/tests/cases.yaml::<case>` for
        a case declared there, else `<skill>/tests/<document>::<case>`."""
        return f"{display_path(self.source or self.document)}::{self.name}"

    @property
    def schema(self) -> dict[str, Any] | None:
        """The output schema: the case's `config.json_schema`, else the skill's schema.json."""
        schema = self.config.get("json_schema")
        return schema if isinstance(schema, dict) else self.skill.schema

    @property
    def cassette_path(self) -> Path:
        return self.skill.tests_dir / CASSETTES_DIR / f"{self.name}.json"

    def checked_cassette_path(self) -> Path:
        """`cassette_path`, or CasesError when it resolves outside the skill's tests/ folder
        (a `tests/cassettes` symlink leading out): recording must not write outside the skill,
        nor replay read from outside it."""
        path = self.cassette_path
        if not inside_tests(self.skill, path):
            raise CasesError(
                "the cassette resolves outside tests/ (tests/cassettes is a symlink leading "
                "out?); make tests/cassettes a real folder",
                path=printable(display_path(path)),
            )
        return path

    @property
    def snapshot_path(self) -> Path:
        """Where `--update` writes: the expected file, or `<stem>.expected.json` for a new one."""
        return self.expected_path or expected_path(self.document)


@dataclass
class SkillCases:
    """A skill and its cases, as found on disk."""

    skill: Skill
    cases: list[Case]


def skill_display_name(skill: Skill) -> str:
    """What reports call a skill: its frontmatter name, else its folder's resolved name."""
    if isinstance(skill.name, str) and skill.name.strip():
        return skill.name.strip()
    return skill.root.resolve().name


def inside_tests(skill: Skill, path: Path) -> bool:
    """True when `path`, symlinks resolved, is in the skill's tests/ folder, and tests/ itself
    resolves inside the skill folder: the only files a case may read or `--update` write."""
    return inside(skill.tests_dir, skill.root) and inside(path, skill.tests_dir)


def _leads_out(skill: Skill, path: Path) -> bool:
    """A case file that resolves outside tests/ (`inside_tests`), a symlink loop aside: a loop
    leads nowhere, and is refused as what it is by the check that reads the file."""
    return not inside_tests(skill, path) and special_kind(path) != "a symlink loop"


def _outside(skill: Skill, path: Path, shown: str) -> str:
    """The message for a case file that resolves outside tests/."""
    tests = display_path(skill.tests_dir)
    how = "is a symlink leading out of" if Path(path).is_symlink() else "is outside"
    if not inside(skill.tests_dir, skill.root):
        how = "is not in the skill: tests/ itself is a symlink leading out of"
        return f"{shown} {how} the skill folder; make {tests} a real folder"
    return (
        f"{shown} {how} {tests}; a case may use only files in the skill's tests/ folder: "
        "copy the file there and name it relative to tests/"
    )


def display_path(path: Path) -> str:
    """A path relative to the working directory when it is below it (stable in reports)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path.as_posix()
    if rel.startswith(".."):
        return path.as_posix()
    return Path(rel).as_posix()


# --------------------------------------------------------------------------- YAML with marks


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


_At = tuple[str | int, ...]  # keys and list indices from the top of cases.yaml


class _File:
    """cases.yaml being read: raises CasesError with the line of the key at fault."""

    def __init__(self, path: Path, root: yaml.Node | None = None) -> None:
        self.path = path
        self.root = root
        self._keys: _KeyIndex = {}

    def line(self, at: _At) -> int | None:
        """The line of the key (or list item) at `at`."""
        return _line_at(self.root, at, self._keys) if self.root is not None else None

    def error(self, message: str, at: _At | None = None) -> CasesError:
        """Names in the message (keys, file names from the YAML) are shown `printable`."""
        line = self.line(at) if at is not None else None
        return CasesError(printable(message), path=display_path(self.path), line=line)

    def check_document(self, document: Path, shown: str, at: _At, what: str) -> None:
        """DocumentError at `at` when the case's document cannot be used (`document_problem`)."""
        found = document_problem(document)
        if found is None:
            return
        rule, why = found
        if why == "does not exist":
            why = f"not found in {display_path(document.parent)}"
        raise DocumentError(
            printable(f"{what}: document {shown!r} {why}"),
            rule=rule,
            path=display_path(self.path),
            line=self.line(at),
        )


# --------------------------------------------------------------------------- settings


def _settings(f: _File, raw: dict[str, Any], at: _At) -> dict[str, Any]:
    """Defaults or a case's settings (valid by the schema) as the runner uses them."""
    values = {key: raw[key] for key in _SETTING_KEYS if key in raw}
    if "config" in values:
        values["config"] = _config(f, values["config"], at + ("config",))
    for key in ("min_score", "timeout"):
        if key in values:
            values[key] = float(values[key])
    return values


def _config(f: _File, config: dict[str, Any], at: _At) -> dict[str, Any]:
    """The config with a `json_schema` that names a file in tests/ replaced by that schema."""
    out = dict(config)
    value = config.get("json_schema")
    if isinstance(value, str):
        at = at + ("json_schema",)
        schema_path = f.path.parent / value
        if not inside(f.path.parent, f.path.parent.parent) or not inside(
            schema_path, f.path.parent
        ):
            raise f.error(
                f"json_schema: {value!r} is outside tests/ (absolute, '..' or a symlink "
                "leading out); name a schema file in tests/, relative to it",
                at,
            )
        loaded = _load_schema_file(f, schema_path, at)
        if not isinstance(loaded, dict):
            raise f.error("'json_schema' must name a JSON file holding an object", at)
        out["json_schema"] = loaded
    return out


def _parse_rules(f: _File, mapping: dict[str, Any] | None, at: _At, base: Any = None) -> Any:
    """MatchRules from a `match:` mapping over `base`; errors name this file and line."""
    from skillkit.compare import MatchRules

    source = display_path(f.path)
    line = f.line(at)

    def locate(segments: tuple[str | int, ...]) -> int | None:
        return f.line(at + tuple(segments))

    try:
        if base is None:
            return MatchRules.from_mapping(mapping, source=source, line=line, locate=locate)
        return base.merge(mapping, source=source, line=line, locate=locate)
    except CasesError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise f.error(f"match: {exc}", at) from exc


def _load_schema_file(f: _File, path: Path, at: _At) -> Any:
    """A `json_schema` file with its `$ref`s to files inlined: relative to that file, bounded
    by the skill folder, never fetched (skillkit.schemas.load)."""
    from skillkit import schemas

    if not is_regular(path):
        kind = special_kind(path)
        what = f"{display_path(path)} is {kind}, not a regular file" if kind else None
        raise f.error(f"json_schema: {what or f'no such file {display_path(path)}'}", at)
    loaded = schemas.load(path, root=f.path.parent.parent)
    problem = schemas.first_error(loaded)
    if problem is not None:
        shown = display_path(Path(problem.path)) if problem.path else display_path(path)
        raise CasesError(problem.message, path=shown, line=problem.line)
    return loaded.schema


_KeyIndex = dict[int, dict[str, tuple[yaml.Node, yaml.Node]]]


def _line_at(
    node: yaml.Node, segments: tuple[str | int, ...], index: _KeyIndex | None = None
) -> int:
    """The line of the key (or list item) that `segments` name below `node`; where the path
    stops matching the YAML, the line of the deepest node found. `index` keeps each mapping's
    keys once read, so that locating every case of a long file stays linear."""
    index = {} if index is None else index
    line = _line(node)
    for segment in segments:
        if isinstance(node, yaml.MappingNode):
            if id(node) not in index:
                pairs = reversed(node.value)  # `1` and `"1"`: the first one names the key
                index[id(node)] = {str(construct_yaml(k)): (k, v) for k, v in pairs}
            found = index[id(node)].get(str(segment))
            if found is None:
                return line
            line, node = _line(found[0]), found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(segment, int):
            if not 0 <= segment < len(node.value):
                return line
            node = node.value[segment]
            line = _line(node)
        else:
            return line
    return line


def read_json(path: Path, *, max_bytes: int = MAX_EXPECTED_BYTES) -> Any:
    """A JSON file from a skill (an expected file), or CasesError naming the file and line: a
    regular file of at most `max_bytes` (MAX_EXPECTED_BYTES), UTF-8, nested at most
    MAX_JSON_DEPTH levels."""
    shown = printable(display_path(path))
    try:
        text = read_limited(path, max_bytes, what="an expected file").decode("utf-8-sig")
    except UnreadableFile as exc:
        raise CasesError(exc.reason, path=shown) from exc
    except UnicodeDecodeError as exc:
        raise CasesError(
            f"not valid UTF-8 (byte {exc.start}); save it as UTF-8", path=shown
        ) from exc
    try:
        return loads_json(text)
    except json.JSONDecodeError as exc:
        raise CasesError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", path=shown, line=exc.lineno
        ) from exc
    except ValueError as exc:  # nested too deeply
        raise CasesError(str(exc), path=shown) from exc


def _merge(defaults: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """Case settings over defaults; `config` is merged key by key (match: see MatchRules.merge)."""
    merged = dict(defaults)
    for key, value in own.items():
        if key == "config" and isinstance(value, dict):
            base = merged.get(key)
            merged[key] = {**base, **value} if isinstance(base, dict) else dict(value)
        else:
            merged[key] = value
    return merged


# --------------------------------------------------------------------------- discovery


def folder_documents(tests_dir: Path) -> list[Path]:
    """Documents directly in tests/ (not README.*, not hidden files, not expected JSON): every
    entry named like a document, whatever it is, so that one that is not a regular file (a
    FIFO, a device, a folder, a broken link or a loop) is a case whose loading says so
    (`check_document`), never a case silently dropped. CasesError for a document whose file
    name is not valid UTF-8 (no report, cassette or request could name it)."""
    try:
        if not tests_dir.is_dir():
            return []
        children = list(tests_dir.iterdir())
    except OSError as exc:
        raise CasesError(
            f"cannot read folder: {exc.strerror}", path=display_path(tests_dir)
        ) from exc
    found = [
        p
        for p in children
        if not p.name.startswith(".") and not p.name.lower().startswith("readme") and is_document(p)
    ]
    for p in found:
        try:
            p.name.encode("utf-8")
        except UnicodeEncodeError:
            raise CasesError(
                "the file name is not valid UTF-8; rename it", path=printable(display_path(p))
            ) from None
    return sorted(found)


def load_cases(skill: Skill | str | Path) -> list[Case]:
    """The cases of one skill, validated; raises CasesError / SkillError on bad input."""
    if not isinstance(skill, Skill):
        skill = load_skill(skill)
    tests_dir = skill.tests_dir
    cases_file = tests_dir / CASES_FILE
    if os.path.lexists(cases_file):  # a folder, FIFO or broken link is an error, not "none"
        cases = _from_cases_file(skill, cases_file)
    else:
        cases = _folder_cases(skill, {})
    return cases


def case_names(documents: list[Path]) -> dict[Path, str]:
    """Unique case ids for documents of one folder: the stem, or the file name where stems
    collide (case-insensitively). CasesError if even file names collide."""
    by_stem: dict[str, list[Path]] = {}
    for doc in documents:
        by_stem.setdefault(doc.stem.casefold(), []).append(doc)
    names = {
        doc: doc.stem if len(group) == 1 else doc.name
        for group in by_stem.values()
        for doc in group
    }
    seen: dict[str, Path] = {}
    for doc, name in names.items():
        other = seen.get(name.casefold())
        if other is not None:
            raise CasesError(
                f"'{doc.name}' and '{other.name}' would both be case '{name}'; rename one, "
                "or give each an id in tests/cases.yaml",
                path=display_path(doc.parent),
            )
        seen[name.casefold()] = doc
    return names


def _folder_cases(skill: Skill, settings: dict[str, Any]) -> list[Case]:
    documents = folder_documents(skill.tests_dir)
    names = case_names(documents)
    return [_folder_case(skill, doc, names[doc], settings) for doc in documents]


class DocumentError(CasesError):
    """A case's document cannot be used: `rule` is SK305 (nothing there: missing, a broken
    symlink) or SK306 (not a regular file: a FIFO, a device, a socket, a folder, a symlink
    loop; or unreadable)."""

    def __init__(self, message: str, *, rule: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.rule = rule


def document_problem(path: Path) -> tuple[str, str] | None:
    """(rule, why) when `path` cannot be a case's document, None when it is a regular file
    (symlinks resolved; whether it stays in tests/ is `inside_tests`). The one check of a
    document: lint reports it (SK305 / SK306), loading a case refuses it, so no run ever opens
    a FIFO or device in the place of a document."""
    if is_regular(path):
        return None
    kind = special_kind(path)
    if kind is None:
        return "SK305", "does not exist"
    if kind == "a broken symlink":
        return "SK305", "is a broken symlink; replace it with the document itself"
    return "SK306", f"is {kind}, not a regular file; replace it with the document itself"


def check_document(path: Path, *, what: str = "this document") -> None:
    """DocumentError naming `path` (see `document_problem`)."""
    found = document_problem(path)
    if found is not None:
        rule, why = found
        raise DocumentError(f"{what} {why}", rule=rule, path=printable(display_path(path)))


def _check_inside(skill: Skill, path: Path) -> None:
    """CasesError naming a file found in tests/ that resolves outside it (a symlink)."""
    if _leads_out(skill, path):
        shown = printable(display_path(path))
        raise CasesError(_outside(skill, path, "this file"), path=shown)


def _folder_case(skill: Skill, document: Path, name: str, settings: dict[str, Any]) -> Case:
    _check_inside(skill, document)
    check_document(document)
    exp = expected_path(document)
    has = os.path.lexists(exp)  # not a regular file: read_json says what it is instead
    if has:
        _check_inside(skill, exp)
    case = Case(
        skill=skill,
        name=name,
        document=document,
        expected_path=exp if has else None,
        expected=read_json(exp) if has else None,
        has_expected=has,
    )
    _apply(case, settings)
    return case


def _apply(case: Case, settings: dict[str, Any]) -> None:
    case.domain = settings.get("domain")
    case.config = dict(settings.get("config") or {})
    case.match = settings.get("match")
    case.min_score = float(settings.get("min_score", DEFAULT_MIN_SCORE))
    skip = settings.get("skip")
    case.skip = (skip if isinstance(skip, str) else "skipped in cases.yaml") if skip else None
    case.timeout = settings.get("timeout")


def draft_case(skill: Skill, document: Path, name: str) -> Case:
    """A case named `name` for `document` (any file: it need not be in tests/ yet) with no
    expected file, under the `defaults:` of tests/cases.yaml as every case gets them: what
    `skillkit add-case` runs to draft an expected file. CasesError as `load_cases` raises."""
    case = Case(skill=skill, name=name, document=document, expected_path=None)
    cases_file = skill.tests_dir / CASES_FILE
    read = _read_cases_file(skill, cases_file) if os.path.lexists(cases_file) else None
    if read is None:
        _apply(case, {})
        return case
    f, data = read
    defaults = _settings(f, data.get("defaults") or {}, ("defaults",))
    _apply(case, defaults)
    case.rules = _parse_rules(f, defaults.get("match"), ("defaults", "match"))
    return case


def _read_cases_file(skill: Skill, path: Path) -> tuple[_File, Any] | None:
    """cases.yaml read and valid by its schema, with its nodes; None when it is empty."""
    if _leads_out(skill, path):
        raise CasesError(_outside(skill, path, "this file"), path=display_path(path))
    try:
        raw = read_limited(path, MAX_CASES_YAML_BYTES, what="cases.yaml")
        text = raw.decode("utf-8-sig")
        root = compose_yaml(text)
        data = construct_yaml(root)
    except UnreadableFile as exc:
        raise CasesError(exc.reason, path=display_path(path)) from exc
    except UnicodeDecodeError as exc:
        raise CasesError("not valid UTF-8; save it as UTF-8", path=display_path(path)) from exc
    except YamlLimit as exc:
        mark = exc.problem_mark
        raise CasesError(
            f"refused: it {exc.problem}",
            path=display_path(path),
            line=mark.line + 1 if mark is not None else None,
        ) from exc
    except yaml.YAMLError as exc:  # a duplicate key too, with the first one's line
        problem, line = yaml_problem(exc)
        raise CasesError(f"not valid YAML: {problem}", path=display_path(path), line=line) from exc
    if root is None:
        return None
    f = _File(path, root)
    problem = cases_schema.first_problem(data)
    if problem is not None:
        raise f.error(problem.message, problem.path)
    return f, data


def _from_cases_file(skill: Skill, path: Path) -> list[Case]:
    read = _read_cases_file(skill, path)
    if read is None:  # an empty file: same as no file
        return _folder_cases(skill, {})
    f, data = read
    defaults = _settings(f, data.get("defaults") or {}, ("defaults",))
    default_rules = _parse_rules(f, defaults.get("match"), ("defaults", "match"))
    if "cases" not in data:
        cases = _folder_cases(skill, defaults)
        for case in cases:
            case.rules = default_rules
        return cases

    listed = data["cases"]
    entries: list[tuple[str | None, dict[str, Any], _At]] = (
        [(name, raw or {}, ("cases", name)) for name, raw in listed.items()]
        if isinstance(listed, dict)
        else [(None, raw, ("cases", index)) for index, raw in enumerate(listed)]
    )
    cases: list[Case] = []
    seen: dict[str, tuple[str, int | None]] = {}
    for index, (name, raw, at) in enumerate(entries):
        what = f"case '{name}'" if name else f"case #{index + 1}"
        if name is not None and "id" in raw and raw["id"] != name:
            raise f.error(f"{what}: 'id' {raw['id']!r} differs from its key", at + ("id",))
        case_id = name or raw.get("id")
        document_rel = raw.get("document")
        if document_rel is None:
            if case_id is None:
                raise f.error(f"{what} needs 'document' (a file in tests/) or 'id'", at)
            found = _guess_documents(skill.tests_dir, case_id)
            if not found:
                raise f.error(
                    f"{what}: no 'document' given and no document named {case_id}.* in tests/",
                    at,
                )
            if len(found) > 1:
                shown = ", ".join(d.name for d in found)
                raise f.error(
                    f"{what}: no 'document' given and several documents are named "
                    f"{case_id}.* ({shown}); add 'document:' to say which",
                    at,
                )
            document = found[0]
            _check_inside(skill, document)
            f.check_document(document, document.name, at, what)
        else:
            document = skill.tests_dir / document_rel
            if _leads_out(skill, document):
                raise f.error(
                    f"{what}: 'document' " + _outside(skill, document, repr(document_rel)),
                    at + ("document",),
                )
            f.check_document(document, document_rel, at + ("document",), what)
        case_id = case_id or document.stem
        id_at = at + ("id",) if "id" in raw else at
        if not _CASE_ID.match(case_id):  # an id from a document's stem (the schema checks ids)
            raise f.error(cases_schema.case_id_message(case_id), id_at)
        if case_id.casefold() in seen:
            first_id, first_line = seen[case_id.casefold()]
            same = "" if first_id == case_id else f" '{first_id}' (ids name cassette files)"
            hint = "" if "id" in raw else "; documents that share a stem need an 'id' each"
            raise f.error(
                f"duplicate case id '{case_id}'{same} (first on line {first_line}){hint}", id_at
            )
        seen[case_id.casefold()] = (case_id, f.line(at))

        own = _settings(f, raw, at)
        settings = _merge(defaults, own)

        if "expected" in raw:
            rel = raw["expected"]
            exp = None if rel is None else skill.tests_dir / rel
            if exp is not None and _leads_out(skill, exp):
                # --update would write there: never outside the skill's tests/ folder.
                raise f.error(
                    f"{what}: 'expected' " + _outside(skill, exp, repr(rel)), at + ("expected",)
                )
            # A named file that does not exist yet: `--update-missing` creates it, lint (SK309)
            # and the runner refuse it otherwise.
        else:
            guess = expected_path(document)
            exp = guess if os.path.lexists(guess) else None
            if exp is not None:
                _check_inside(skill, exp)
        exists = exp is not None and os.path.lexists(exp)  # read_json refuses a non-file
        case = Case(
            skill=skill,
            name=case_id,
            document=document,
            expected_path=exp,
            expected=read_json(exp) if exists else None,
            has_expected=exists,
            source=path,
            line=f.line(at),
            unreviewed=raw.get("review") == "draft",
            review_line=f.line(at + ("review",)) if "review" in raw else None,
        )
        _apply(case, settings)
        case.rules = (
            _parse_rules(f, own["match"], at + ("match",), base=default_rules)
            if own.get("match") is not None
            else default_rules
        )
        cases.append(case)
    return cases


def _guess_documents(tests_dir: Path, case_id: str) -> list[Path]:
    """Documents an id names: the file of that name, else those with that stem."""
    documents = folder_documents(tests_dir)
    exact = [doc for doc in documents if doc.name == case_id]
    return exact or [doc for doc in documents if doc.stem == case_id]


def collect(paths: Iterable[str | Path]) -> list[SkillCases]:
    """Every skill under the paths with its cases; SkillError / CasesError on bad input."""
    found = discover_skills(list(paths) or ["."])
    if not found:
        shown = ", ".join(str(p) for p in paths) or "."
        raise SkillError(f"no skills found under {shown} (a skill is a folder with a SKILL.md)")
    out = []
    for root in found:
        skill = load_skill(root)
        out.append(SkillCases(skill=skill, cases=load_cases(skill)))
    return out


# --------------------------------------------------------------------------- selection


def matches(case_id: str, pattern: str) -> bool:
    """`-k`: a glob when the pattern has * ? or [, otherwise a substring of the case id."""
    if any(ch in pattern for ch in "*?["):
        return fnmatch.fnmatchcase(case_id, pattern) or fnmatch.fnmatchcase(
            case_id.split("/", 1)[-1], pattern
        )
    return pattern in case_id


def shard_bounds(total: int, index: int, count: int) -> tuple[int, int]:
    """[start, end) of shard `index` (1-based) of `count` over `total` sorted items: contiguous
    slices of floor(total/count) or ceil(total/count) items whose union is every item once."""
    return (index - 1) * total // count, index * total // count


def shard(items: list[T], index: int, count: int, *, key: Callable[[T], str]) -> list[T]:
    """The items of shard `index`/`count`: a balanced slice of the items sorted by `key`.

    Every machine computes the same split from the same cases (ids sort the same everywhere);
    order within the shard follows the input."""
    ordered = sorted(items, key=key)
    start, end = shard_bounds(len(ordered), index, count)
    chosen = {id(item) for item in ordered[start:end]}
    return [item for item in items if id(item) in chosen]


def parse_shard(text: str) -> tuple[int, int]:
    """`i/n` with 1 <= i <= n."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
    if not match:
        raise ValueError(f"--shard must look like i/n (e.g. 1/4), not {text!r}")
    index, count = int(match.group(1)), int(match.group(2))
    if count < 1 or not 1 <= index <= count:
        raise ValueError(f"--shard {text}: need 1 <= i <= n")
    return index, count


__all__ = [
    "CASES_FILE",
    "EXPECTED_SUFFIX",
    "Case",
    "DocumentError",
    "SkillCases",
    "collect",
    "check_document",
    "display_path",
    "document_problem",
    "draft_case",
    "folder_documents",
    "load_cases",
    "matches",
    "parse_shard",
    "read_json",
    "shard",
    "shard_bounds",
    "skill_display_name",
]
