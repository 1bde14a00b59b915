"""`skillkit add-case SKILL DOCUMENT`: copy a document into a skill's tests/, run it, and keep
the output as a draft expected file, marked `review: draft` in tests/cases.yaml.

The expected file is exactly the output (as `skillkit test --update` writes it); the mark lives
in cases.yaml, never in the JSON, where the judge would read it as a field. Deleting the
`review: draft` line ends the draft (lint warns until then: SK409).

Nothing is written until the run has produced a usable output (schema-valid when the skill has a
schema); then the document, cases.yaml and the expected file are written, each atomically (temp
file + rename), and all of them are put back as they were if one write fails. cases.yaml is
edited by inserting text, so its comments and layout stay as they are; the result is read back
and must mean the old file plus the new entry, else nothing is written.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import click
import yaml

from skillkit.api import DEFAULT_MODEL
from skillkit.commands._common import handle_errors, service_options
from skillkit.errors import CasesError, SkillkitError, UsageError

DRAFT_COMMENT = "check {expected} against the document, then delete this line"
NEW_FILE_HEADER = (
    "# The regression cases of this skill (`skillkit schema cases` prints the schema).\n"
    "# With `cases:`, only the cases listed run: `skillkit add-case` adds one.\n"
)
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]*")


class RunFailed(SkillkitError):
    """The run gave no output that can be a draft (exit 1); nothing was written."""

    exit_code = 1


@click.command(name="add-case")
@click.argument("skill", type=click.Path())
@click.argument("document", type=click.Path())
@click.option(
    "--name",
    metavar="NAME",
    help="The case id, and the stem of its files in tests/ (default: the document's stem).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace tests/NAME.<ext> and tests/NAME.expected.json when they exist.",
)
@click.option("--local", is_flag=True, help="Run on the embedded engine in-process (no key).")
@service_options("run the document on")
@click.option(
    "--model", default=DEFAULT_MODEL, show_default=True, help="Model name sent to generate."
)
@click.option(
    "--timeout", type=float, default=300.0, show_default=True, help="Seconds the run may take."
)
@handle_errors
def command(
    skill: str,
    document: str,
    name: str | None,
    force: bool,
    local: bool,
    base_url: str | None,
    api_key: str | None,
    model: str,
    timeout: float,
) -> None:
    """Add DOCUMENT to SKILL's regression cases, with a draft expected file from one run.

    Copies DOCUMENT to SKILL/tests/NAME.<ext> (NAME: --name, else the document's stem), runs
    the skill on it as `skillkit test` would (the skill is linted first; cases.yaml defaults
    apply), writes the output as tests/NAME.expected.json and adds the case to
    tests/cases.yaml marked `review: draft` (creating the file, or appending to it with its
    comments kept). Check the draft against the document, fix it, then delete the
    `review: draft` line; until then `skillkit validate` warns (SK409).

    Refuses, writing nothing: an existing file (unless --force), a name another case or
    document of the skill uses, a document `skillkit test` could not use, and an output that
    does not validate against the skill's schema.

    \b
    Target: --base-url/--api-key (or VLMRUN_BASE_URL/VLMRUN_API_KEY); with neither, or with
    --local, the embedded engine runs in-process (no key, no network).

    \b
    Examples:
      skillkit add-case invoice-extraction ~/Downloads/acme-2026-04.pdf
      skillkit add-case invoice-extraction scan.png --name acme-scan
      skillkit add-case my-skill doc.pdf --base-url http://127.0.0.1:8000/v1 --api-key KEY
      skillkit add-case my-skill my-skill/tests/doc.pdf --force   # redraft its expected file

    \b
    Exit codes: 0 written, 1 the run failed (prediction failed, or an output that does not
    validate against the schema), 2 usage or invalid input (skill, document, name, cases.yaml).
    """
    from skillkit.runner import RunOptions, plan

    options = RunOptions(
        jobs=1, timeout=timeout, local=local, base_url=base_url, api_key=api_key, model=model
    )
    options.check()
    source = _checked_document(Path(document))
    case_name = _checked_name(name if name is not None else source.stem, source, name is not None)
    root = _skill_root(skill)
    planned = plan([root], options)  # lints (as `test` does), reads cases.yaml and every case
    target = _target(root, source, case_name, planned.cases, force=force)
    edit = _cases_yaml_edit(target, planned.cases)
    click.echo(f"skillkit add-case: target: {options.target}")
    output = _run(target, options)
    written = _write(target, edit, output)
    _report(target, edit, written, skill)


# --------------------------------------------------------------------------- input checks


def _checked_document(path: Path) -> Path:
    """The document, if `skillkit test` could use it: a regular file of a supported type."""
    from skillkit.cases import check_document
    from skillkit.documents import DOCUMENT_SUFFIXES, is_document
    from skillkit.files import printable

    check_document(path, what="the document")
    if not is_document(path):
        kind = f"'{path.suffix}'" if path.suffix else "a file without an extension"
        supported = " ".join(sorted(DOCUMENT_SUFFIXES))
        raise UsageError(
            f"not a supported document type ({kind}); supported: {supported}",
            path=printable(str(path)),
        )
    return path


def _checked_name(name: str, source: Path, given: bool) -> str:
    from skillkit import cases_schema
    from skillkit.documents import EXPECTED_SUFFIX

    if not re.fullmatch(cases_schema.CASE_ID_PATTERN, name):
        how = "choose another with --name" if not given else "choose another"
        raise UsageError(f"{cases_schema.case_id_message(name)}; {how}")
    if given and name.lower().endswith((source.suffix.lower(), EXPECTED_SUFFIX)):
        raise UsageError(f"--name is the stem of the case's files: drop the extension ({name!r})")
    return name


def _skill_root(skill: str) -> Path:
    from skillkit.skill import find_skill_md, skill_root

    root = skill_root(skill)
    if not root.is_dir():
        raise UsageError("no such skill folder", path=skill)
    if find_skill_md(root) is None:
        raise UsageError(
            "not a skill folder (no SKILL.md); `skillkit new NAME` makes one", path=skill
        )
    return root


@dataclass
class _Target:
    """Where the case goes, and what is there already."""

    skill: Any  # skillkit.skill.Skill
    source: Path  # the document given
    name: str
    document: Path  # tests/NAME.<ext>
    expected: Path  # tests/NAME.expected.json
    in_place: bool  # the document given is tests/NAME.<ext> itself
    existing: Any = None  # the Case that already runs tests/NAME.<ext>, if any
    replaced: list[Path] = field(default_factory=list)  # files --force replaces


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def _target(root: Path, source: Path, name: str, cases: list, *, force: bool) -> _Target:
    from skillkit.cases import display_path, folder_documents, inside_tests
    from skillkit.documents import expected_path
    from skillkit.skill import load_skill

    skill = load_skill(root)
    tests = skill.tests_dir
    dest = tests / (name + source.suffix)
    exp = expected_path(dest)
    for path in (dest, exp):
        if not inside_tests(skill, path):
            raise CasesError(
                f"{display_path(tests)} resolves outside the skill (a symlink leading out?); "
                "make it a real folder",
                path=display_path(path),
            )
    in_place = os.path.lexists(dest) and _same_file(source, dest)
    for doc in folder_documents(tests):
        if doc.stem.casefold() == name.casefold() and not _same_file(doc, dest):
            raise UsageError(
                f"{display_path(doc)} has the stem '{doc.stem}' too, so both documents would "
                f"share {exp.name}; choose another name with --name"
            )
    existing = None
    for case in cases:
        if _same_file(case.document, dest):
            existing = case
            continue
        if case.name.casefold() == name.casefold():
            where = (
                f"{display_path(case.source)}:{case.line}, document {case.document.name}"
                if case.source
                else display_path(case.document)
            )
            raise UsageError(
                f"case '{case.name}' already exists ({where}); choose another name with --name"
            )
    if existing is not None and existing.expected_path is not None:
        if not _same_file(existing.expected_path, exp):
            where = f"{display_path(existing.source)}:{existing.line}"
            raise UsageError(
                f"case '{existing.name}' ({where}) names the expected file "
                f"{display_path(existing.expected_path)}, not {exp.name}; edit that entry instead"
            )
    replaced = [p for p in ((dest,) if not in_place else ()) + (exp,) if os.path.lexists(p)]
    if replaced and not force:
        shown = " and ".join(display_path(p) for p in replaced)
        raise UsageError(
            f"{shown} already exist{'s' if len(replaced) == 1 else ''}; --force replaces "
            f"{'it' if len(replaced) == 1 else 'them'} (the expected file with a new draft), "
            "or choose another name with --name"
        )
    return _Target(skill, source, name, dest, exp, in_place, existing, replaced)


# --------------------------------------------------------------------------- cases.yaml


@dataclass
class _Edit:
    """cases.yaml before and after (None: no file before)."""

    path: Path
    old: bytes | None
    new: bytes
    listed: int = 0  # existing cases listed too (a new `cases:` over a discovered folder)


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as `value`: plain when it is safe, else double-quoted."""
    if _PLAIN.fullmatch(value) and yaml.safe_load(f"k: {value}\n") == {"k": value}:
        return value
    return json.dumps(value, ensure_ascii=False)


def _entry_lines(target: _Target, indent: int, *, mapping: bool) -> list[str]:
    """The draft's entry: `- id: ...` at `indent` (a list), or `NAME:` (a mapping of cases)."""
    pad = " " * (indent + 2)
    head = f"{' ' * indent}{_scalar(target.name)}:" if mapping else f"{' ' * indent}- id: "
    lines = [head] if mapping else [head + _scalar(target.name)]
    lines.append(f"{pad}document: {_scalar(target.document.name)}")
    lines.append(f"{pad}expected: {_scalar(target.expected.name)}")
    lines.append(f"{pad}{_review_line(target)}")
    return lines


def _review_line(target: _Target) -> str:
    return "review: draft  # " + DRAFT_COMMENT.format(expected=target.expected.name)


def _entry_value(target: _Target, *, with_id: bool) -> dict[str, Any]:
    value = {"document": target.document.name, "expected": target.expected.name}
    value["review"] = "draft"
    return {"id": target.name, **value} if with_id else value


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _block_end(lines: list[str], start: int, min_indent: int) -> int:
    """The index after the last content line of the block that starts at line `start`: the
    lines after it belong to it while blank, comments, or indented at least `min_indent`."""
    end = start + 1
    for i in range(start + 1, len(lines)):
        if not _is_content(lines[i]):
            continue
        if _indent(lines[i]) < min_indent:
            break
        end = i + 1
    return end


def _cases_yaml_edit(target: _Target, cases: list) -> _Edit:
    """The new cases.yaml: the old text with the draft's entry inserted (or a new file)."""
    from skillkit import cases_schema
    from skillkit.cases import CASES_FILE, display_path
    from skillkit.files import MAX_CASES_YAML_BYTES, compose_yaml, construct_yaml

    path = target.skill.tests_dir / CASES_FILE
    shown = display_path(path)
    old = path.read_bytes() if os.path.lexists(path) else None  # load_cases read it already
    bom = b"\xef\xbb\xbf" if old and old.startswith(b"\xef\xbb\xbf") else b""
    text = old.decode("utf-8-sig") if old is not None else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    root = compose_yaml(text) if text else None
    data = construct_yaml(root) if root is not None else None
    wanted = copy.deepcopy(data) if isinstance(data, dict) else {}
    existing = target.existing
    listed = 0

    def manual(why: str) -> UsageError:
        lines_ = _entry_lines(target, 0, mapping=False)
        entry = "; ".join(line.split("  #")[0].strip() for line in lines_)
        return UsageError(
            f"cannot add the case to {shown} by inserting text ({why}); nothing written. Copy "
            f"the document to {display_path(target.document)}, add the case under `cases:` "
            f"by hand ({entry}), then `skillkit test --update-missing` writes its expected file"
        )

    if root is not None and not isinstance(root, yaml.MappingNode):
        raise manual("it is not a mapping")
    if root is not None and root.flow_style:
        raise manual("it is written in flow style")
    cases_node = key_node = None
    for k, v in root.value if root is not None else []:
        if k.value == "cases":
            key_node, cases_node = k, v
    if existing is not None and existing.source is not None:
        # --force on a case cases.yaml lists: mark that entry (if it is not marked already).
        entry_node = _entry_node(cases_node, existing.name)
        entry = _wanted_entry(wanted["cases"], existing.name)
        if entry is None or entry_node is None or not isinstance(entry_node, yaml.MappingNode):
            raise manual(f"case '{existing.name}' is not a mapping of settings")
        if entry.get("expected", target.expected.name) != target.expected.name:
            raise manual(f"case '{existing.name}' names another expected file")
        if entry.get("review") == "draft":
            return _Edit(path, old, old or b"")
        if entry_node.flow_style or "review" in entry:
            raise manual(f"case '{existing.name}' is written in flow style")
        entry["review"] = "draft"
        key_col = entry_node.value[0][0].start_mark.column
        at = _block_end(lines, entry_node.start_mark.line, key_col)
        new_lines = lines[:at] + [" " * key_col + _review_line(target)] + lines[at:]
    elif cases_node is None:
        # No `cases:`: every document in tests/ is a case. Listing the draft alone would stop
        # the others from running, so they are listed too.
        others = [c for c in cases if c is not existing]
        listed = len(others)
        block = ["cases:"]
        for case in others:
            block += [
                f"  - id: {_scalar(case.name)}",
                f"    document: {_scalar(case.document.name)}",
            ]
        block += _entry_lines(target, 2, mapping=False)
        wanted["cases"] = [{"id": c.name, "document": c.document.name} for c in others]
        wanted["cases"].append(_entry_value(target, with_id=True))
        if old is None:
            new_lines = NEW_FILE_HEADER.rstrip("\n").split("\n") + block
        else:
            note = "# Listed by `skillkit add-case`: with `cases:`, only the cases listed run."
            new_lines = lines + ([""] if lines and lines[-1].strip() else []) + [note] + block
    else:
        if getattr(cases_node, "flow_style", False) or not isinstance(
            cases_node, (yaml.SequenceNode, yaml.MappingNode)
        ):
            raise manual("`cases:` is written in flow style")
        if not cases_node.value:
            raise manual("`cases:` is empty")
        is_mapping = isinstance(cases_node, yaml.MappingNode)
        last = cases_node.value[-1][0] if is_mapping else cases_node.value[-1]
        start = last.start_mark.line
        at = _block_end(lines, start, key_node.start_mark.column + 1)
        indent = (
            cases_node.value[0][0].start_mark.column if is_mapping else cases_node.start_mark.column
        )
        new_lines = lines[:at] + _entry_lines(target, indent, mapping=is_mapping) + lines[at:]
        if is_mapping:
            wanted["cases"][target.name] = _entry_value(target, with_id=False)
        else:
            wanted["cases"].append(_entry_value(target, with_id=True))
    new_text = newline.join(new_lines) + newline
    new = bom + new_text.encode("utf-8")
    try:
        got = construct_yaml(compose_yaml(new_text))
    except yaml.YAMLError:
        raise manual("the result would not be valid YAML") from None
    if got != wanted or cases_schema.first_problem(got) is not None:
        raise manual("the result would not read back as the old file plus the new case")
    if len(new) > MAX_CASES_YAML_BYTES:
        raise manual(f"it would be over {MAX_CASES_YAML_BYTES} bytes")
    return _Edit(path, old, new, listed)


def _entry_node(cases_node: Any, name: str) -> Any:
    """The node of case `name` in `cases:` (a list item with that id, or a mapping's value)."""
    if isinstance(cases_node, yaml.MappingNode):
        return next((v for k, v in cases_node.value if k.value == name), None)
    for item in getattr(cases_node, "value", []):
        if isinstance(item, yaml.MappingNode):
            ids = [v.value for k, v in item.value if k.value == "id"]
            if name in ids:
                return item
    return None


def _wanted_entry(listed: Any, name: str) -> dict[str, Any] | None:
    if isinstance(listed, dict):
        value = listed.get(name)
        return value if isinstance(value, dict) else None
    return next((c for c in listed if isinstance(c, dict) and c.get("id") == name), None)


# --------------------------------------------------------------------------- the run


def _run(target: _Target, options: Any) -> Any:
    """The output of the skill on the document (under its final name), or RunFailed."""
    from skillkit.cases import draft_case
    from skillkit.files import json_depth_problem
    from skillkit.runner import PASSED, check_output_schema, run_tests

    with tempfile.TemporaryDirectory(prefix="skillkit-add-case-") as tmp:
        document = target.document
        if not target.in_place:  # the same name and bytes as the copy the case will run
            document = Path(tmp) / target.document.name
            document.write_bytes(target.source.read_bytes())
        if target.existing is not None:
            case = replace(
                target.existing,
                document=document,
                expected_path=None,
                expected=None,
                has_expected=False,
            )
        else:
            case = draft_case(target.skill, document, target.name)
        check_output_schema(case)  # an invalid schema.json is the skill's mistake (exit 2)
        run = run_tests([target.skill.root], options, cases=[case])
    (result,) = run.results
    if result.status != PASSED:
        for line in result.schema_errors[:10]:
            click.echo(f"  schema: {line}", err=True)
        if result.schema_errors:
            raise RunFailed(
                f"the output does not validate against the schema "
                f"({len(result.schema_errors)} error(s)); nothing written: fix SKILL.md or "
                "schema.json and run it again (`skillkit generate` prints the whole output)"
            )
        raise RunFailed(f"the run failed: {result.message or result.status}; nothing written")
    if result.actual is None:
        raise RunFailed("the run returned no JSON (null); nothing written")
    too_deep = json_depth_problem(result.actual)
    if too_deep:
        raise RunFailed(f"the output is {too_deep.split(';')[0]}; nothing written")
    return result.actual


# --------------------------------------------------------------------------- writing


def _write(target: _Target, edit: _Edit, output: Any) -> Any:
    """Document, cases.yaml, expected file: each atomically; all put back if one fails. The
    case is read back and must be the unreviewed draft; returns it."""
    from skillkit.cases import load_cases
    from skillkit.files import atomic_write_bytes
    from skillkit.runner import write_snapshot

    tests = target.skill.tests_dir
    made_tests = not tests.exists()
    saved: list[tuple[Path, bytes | None]] = []

    def keep(path: Path) -> None:
        saved.append((path, path.read_bytes() if os.path.lexists(path) else None))

    try:
        if not target.in_place:
            keep(target.document)
            atomic_write_bytes(target.document, target.source.read_bytes())
        if edit.new != (edit.old or b""):
            keep(edit.path)
            atomic_write_bytes(edit.path, edit.new)
        keep(target.expected)
        write_snapshot(target.expected, output)
        found = [c for c in load_cases(target.skill) if c.name == target.name]
        if not (found and found[0].unreviewed and found[0].has_expected):
            raise RunFailed(
                f"case '{target.name}' did not read back as an unreviewed draft; "
                "nothing written (please report this)"
            )
        return found[0]
    except BaseException:
        for path, before in reversed(saved):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write_bytes(path, before)
        if made_tests and tests.is_dir() and not any(tests.iterdir()):
            tests.rmdir()
        raise


def _report(target: _Target, edit: _Edit, case: Any, skill: str) -> None:
    from skillkit.cases import display_path

    doc, exp = display_path(target.document), display_path(target.expected)
    if not target.in_place:
        verb = "replaced" if target.document in target.replaced else "copied"
        click.echo(f"{verb} {target.source} -> {doc}")
    verb = "replaced" if target.expected in target.replaced else "wrote"
    click.echo(f"{verb} {exp}: the output, as a draft expected file")
    where = f"{display_path(edit.path)}:{case.review_line}"
    made = "created" if edit.old is None else "updated"
    if edit.new == (edit.old or b""):
        made = "already marks it"
    click.echo(f"{made} {display_path(edit.path)}: case '{case.name}' is `review: draft` ({where})")
    if edit.listed:
        click.echo(
            f"  it lists the skill's {edit.listed} other case(s) too: with `cases:`, only the "
            "cases listed run"
        )
    click.echo(
        f"next: check {exp} against {doc} and fix what is wrong, then delete `review: draft` "
        f"({where}) and run `skillkit test {skill}`"
    )
