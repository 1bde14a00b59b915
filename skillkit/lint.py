"""The rule table and the checks behind `skillkit validate`.

Every rule has a stable code, a severity and a summary (the README's table is generated from
RULES). Checks yield `Finding`s with the file and line, and a message that says what to do.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from skillkit.bundle import DEFAULT_LIMITS, select_files
from skillkit.cases import CASES_FILE, folder_documents, load_cases
from skillkit.documents import EXPECTED_SUFFIX, expected_path, is_document
from skillkit.errors import CasesError, SkillInvalid, SkillkitError, ValidationFailed
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
        # Bundle rules (what `pack` would put in the zip)
        Rule("SK201", ERROR, "more than one SKILL.md (case-insensitive) would be bundled"),
        Rule("SK202", ERROR, "a symlink leaves the skill folder (or is broken)"),
        Rule("SK203", ERROR, "a secret would be bundled (.env file, private key)"),
        Rule("SK204", ERROR, "the bundle would exceed the total size limit"),
        Rule("SK205", ERROR, "the bundle would hold too many files"),
        Rule("SK206", ERROR, "a file is over the per-file size limit"),
        Rule("SK207", ERROR, "SKILL.md links to a file that does not exist"),
        Rule("SK208", ERROR, "SKILL.md links to a file that is excluded from the bundle"),
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
    ]
}

ALLOWED_KEYS = ("name", "description", "license", "compatibility", "metadata", "allowed-tools")
NAME_MAX, DESCRIPTION_MAX, COMPATIBILITY_MAX, BODY_MAX_LINES = 64, 1024, 500, 500
SECRET_NAMES = re.compile(
    r"^(\.env(\..+)?|id_(rsa|dsa|ecdsa|ed25519)|.*\.(pem|key|p12|pfx))$", re.I
)
PRIVATE_KEY = re.compile(rb"-----BEGIN ([A-Z ]+ )?PRIVATE KEY-----")
WHEN_TO_USE = re.compile(
    r"\b(use (it |this |this skill )?(when|for|to|on|with)|when(ever)?|if you)\b", re.I
)
MD_LINK = re.compile(
    r"(?<!\!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|!\[[^\]]*\]\(\s*<?([^)\s>]+)>?"
)


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


def check_frontmatter(md: SkillMd, folder_name: str | None) -> Iterator[Finding]:
    """Spec rules on the frontmatter, and the body's size."""
    if md.problem:
        code, message, line = md.problem
        yield _finding(code, message, md.path, line)
        return
    fm = md.frontmatter or {}
    yield from _check_keys(md, fm)
    yield from _check_name(md, fm, folder_name)
    yield from _check_description(md, fm)
    yield from _check_optional_fields(md, fm)
    yield from _check_body(md)


def _check_keys(md: SkillMd, fm: dict[str, Any]) -> Iterator[Finding]:
    for key in fm:
        if key not in ALLOWED_KEYS:
            hint = (
                f'; put it under `metadata:` (e.g. metadata: {{{key}: "..."}})'
                if key in ("version", "author", "tags", "owner")
                else f"; allowed: {', '.join(ALLOWED_KEYS)}"
            )
            yield _finding(
                "SK104", f"unknown frontmatter key '{key}'{hint}", md.path, md.line_of(key)
            )


def _check_name(md: SkillMd, fm: dict[str, Any], folder_name: str | None) -> Iterator[Finding]:
    name = fm.get("name")
    line = md.line_of("name") if "name" in fm else 2
    if name is not None and not isinstance(name, str):
        yield _finding("SK105", f'name must be a string; quote it (name: "{name}")', md.path, line)
        return
    if not name or not name.strip():
        yield _finding(
            "SK105", "add `name:` with the skill's name (the folder name)", md.path, line
        )
        return
    why = name_problem(name.strip())
    if why:
        yield _finding("SK106", f"name '{name}' {why}", md.path, line)
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


def _looks_binary(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return False
    return b"\x00" in head


def check_bundle(root: Path, md: SkillMd) -> Iterator[Finding]:
    selection = select_files(root)
    limits = DEFAULT_LIMITS
    for arc, target in selection.escaping_links:
        yield _finding(
            "SK202",
            f"symlink to '{target}' leaves the skill folder or is broken; copy the file in instead",
            root / arc,
        )
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
        if not secret and f.size < 1024 * 1024:
            try:
                secret = bool(PRIVATE_KEY.search(f.path.read_bytes()))
            except OSError:
                pass
        if secret:
            yield _finding(
                "SK203", "looks like a secret; delete it or list it in .skillignore", shown
            )
        if f.size > limits.max_entry_bytes:
            yield _finding(
                "SK206", f"{f.size} bytes; the limit per file is {limits.max_entry_bytes}", shown
            )
        elif _looks_binary(f.path) and not f.arcname.startswith("assets/"):
            yield _finding(
                "SK403",
                "binary file in the bundle; move it to assets/ if intended, "
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
    for offset, line in enumerate(md.body.split("\n")):
        for match in MD_LINK.finditer(line):
            target = (match.group(1) or match.group(2) or "").split("#")[0]
            if (
                not target
                or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I)
                or target.startswith("/")
            ):
                continue
            rel = Path(target.removeprefix("./")).as_posix()
            lineno = md.body_line + offset
            full = root / rel
            if rel in bundled or any(b.startswith(rel.rstrip("/") + "/") for b in bundled):
                continue
            if full.exists():
                yield _finding(
                    "SK208",
                    f"links to '{target}', which is excluded from the "
                    "bundle; the model will not see it",
                    md.path,
                    lineno,
                )
            else:
                yield _finding(
                    "SK207", f"links to '{target}', which does not exist", md.path, lineno
                )


# --------------------------------------------------------------------------- skill-test rules


def _json_problem(path: Path) -> tuple[Any, tuple[str, int] | None]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
        return json.loads(text), None
    except UnicodeDecodeError:
        return None, ("not valid UTF-8", 1)
    except json.JSONDecodeError as exc:
        return None, (f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno)


def _pointer(parts: Iterable[Any]) -> str:
    return "/" + "/".join(str(p) for p in parts) if parts else "/"


def _check_schema_file(root: Path, schema_path: Path) -> tuple[list[Finding], Any]:
    """SK301/SK302/SK308 for schema.json and the files its `$ref`s name (each finding on the
    line of the offending key, in the file that holds it), and the validator when it is usable.
    Nothing is ever fetched: see skillkit.schemas."""
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
                    f"{schemas.pointer_text(parts)} names {json.dumps(name)}, which "
                    f'"properties" does not define; {hint} it to "properties", or drop it from '
                    '"required" (nothing can fill a property the schema does not describe)',
                    root / doc.name,
                    doc.line_of(parts),
                )
            )
    if invalid or loaded.schema is None:
        return findings, None
    try:
        return findings, schemas.validator(loaded.schema)
    except SkillkitError as exc:
        findings.append(_finding("SK302", exc.message, schema_path))
        return findings, None


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


def check_tests(root: Path) -> Iterator[Finding]:
    from skillkit import schemas

    schema_path = root / SCHEMA_FILE
    validator = None
    if schema_path.is_file():
        schema_findings, validator = _check_schema_file(root, schema_path)
        yield from schema_findings

    tests = root / "tests"
    if not tests.is_dir():
        return
    for expected in sorted(tests.glob(f"*{EXPECTED_SUFFIX}")):
        doc = schemas.parse_json(expected.read_bytes(), expected.name, expected)
        if isinstance(doc, schemas.SchemaProblem):
            yield _finding("SK303", doc.message, expected, doc.line)
            continue
        if validator is not None:
            errors = validator.iter_errors(doc.data)
            for err in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
                yield _finding(
                    "SK304",
                    f"{_pointer(err.absolute_path)}: {err.message}; {_value_hint(err)}",
                    expected,
                    doc.line_of(_error_parts(err)),
                )
    yield from _check_cases(root, tests)


def _check_cases(root: Path, tests: Path) -> Iterator[Finding]:
    """Every case's document exists and is a supported type; cases.yaml itself is valid."""
    for expected in sorted(tests.glob(f"*{EXPECTED_SUFFIX}")):
        stem = expected.name[: -len(EXPECTED_SUFFIX)]
        docs = [p for p in tests.glob(f"{stem}.*") if p != expected and is_document(p)]
        if not docs and not (tests / CASES_FILE).is_file():
            yield _finding(
                "SK305", f"no document named '{stem}.<pdf|docx|...>' beside it", expected
            )
    try:
        found = load_cases(root)
    except CasesError as exc:
        if exc.path and exc.path.endswith(EXPECTED_SUFFIX):
            return  # an unreadable expected file is SK303, reported above
        cases_file = tests / CASES_FILE
        code = "SK305" if "not found" in exc.message and "document" in exc.message else "SK307"
        yield _finding(code, exc.message, cases_file if cases_file.exists() else tests, exc.line)
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
    yield from _check_misspelt_expected(tests, found)


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


def lint_skill(root: Path) -> list[Finding]:
    """Every finding for one skill folder, sorted by file and line."""
    md_path = find_skill_md(root)
    if md_path is None:
        return [
            _finding("SK100", "no SKILL.md in this folder; `skillkit new NAME` makes one", root)
        ]
    md = read_skill_md(md_path)
    findings = list(check_frontmatter(md, root.resolve().name))
    findings += check_bundle(root, md)
    findings += check_tests(root)
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.code))


def lint_paths(paths: Iterable[str | Path]) -> list[Finding]:
    """Lint every skill at or under the given paths (folders, SKILL.md files, trees)."""
    findings: list[Finding] = []
    paths = list(paths)
    skills = discover_skills(paths)
    if not skills:
        for p in paths:
            findings.append(_finding("SK100", "no SKILL.md here or below; nothing to validate", p))
    for root in skills:
        findings += lint_skill(root)
    return findings


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
) -> None:
    """Raise `refusal` carrying every error-level finding of the skills (codes in `ignore`
    aside): `pack`, `test` and `generate` refuse a skill exactly where `validate` fails it."""
    skipped = set(ignore)
    errors: list[Finding] = []
    names: list[str] = []
    for root in roots:
        found = [f for f in lint_skill(Path(root)) if f.severity == ERROR and f.code not in skipped]
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
