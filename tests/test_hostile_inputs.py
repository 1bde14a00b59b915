"""Hostile skills and bundles (issue 8, items 6, 8 and 9): every input ends in bounded time and
memory with one clear line or finding, output never lies or breaks, and cases never reach
outside the skill's tests/ folder.

Inputs that used to hang or exhaust memory run the CLI in a subprocess, with a timeout and an
address-space limit, so that a regression fails instead of stalling the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import build_zip, make_skill, run_cli, skill_md_text

from skillkit import cassettes, schemas
from skillkit.bundle import select_files
from skillkit.cases import DocumentError, document_problem, folder_documents, load_cases
from skillkit.errors import CasesError, SkillError
from skillkit.files import (
    MAX_EXPECTED_BYTES,
    DuplicateKey,
    UnreadableFile,
    YamlLimit,
    compose_yaml,
    load_yaml,
    printable,
    read_limited,
    yaml_problem,
)
from skillkit.lint import lint_paths, lint_skill, md_links
from skillkit.skill import discover_skills

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
MEMORY_LIMIT = 1 << 30  # bytes of address space for a child CLI: a bomb cannot get far
DOC = "Invoice\nTotal: 12.50\n"
SCHEMA = json.dumps({"type": "object", "properties": {"total": {"type": "number"}}})


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_bounded(*args: object, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m skillkit ARGS` in a child with a timeout and a memory limit; never a
    traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "skillkit", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit_memory if resource is not None else None,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    return proc


def alias_bomb(indent: str = "", levels: int = 9, width: int = 9) -> str:
    """A few hundred bytes of YAML anchors whose last alias names width**levels values."""
    lines = [f"{indent}a0: &a0 [{', '.join(['x'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"{indent}a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines)


def bomb_skill_md(name: str = "demo") -> str:
    fm = "x:\n" + alias_bomb("  ") + f"\nname: *a8\ndescription: Use when {name} is needed.\n"
    assert len(fm) < 600
    return skill_md_text(fm)


# --------------------------------------------------------------------------- item 6: bounded


@pytest.mark.parametrize("command", ["validate", "pack"])
def test_alias_bomb_frontmatter_is_refused_in_bounded_time_and_memory(
    tmp_path: Path, command: str
) -> None:
    make_skill(tmp_path, "demo", skill_md=bomb_skill_md())
    proc = run_bounded(command, "demo", cwd=tmp_path)
    assert proc.returncode == 1
    out = proc.stdout + proc.stderr
    assert "demo/SKILL.md:" in out and "SK102" in out and "alias" in out
    assert len(out) < 2000  # one clear line, not the expanded tree


def test_alias_bomb_in_a_bundles_frontmatter_is_a_problem_for_inspect(tmp_path: Path) -> None:
    (tmp_path / "bomb.zip").write_bytes(build_zip([("SKILL.md", bomb_skill_md())]))
    proc = run_bounded("inspect", "bomb.zip", cwd=tmp_path)
    assert proc.returncode == 1
    assert "problem: SKILL.md:" in proc.stderr and "alias" in proc.stderr


def test_alias_bomb_in_cases_yaml_json_schema_is_refused_with_its_line(tmp_path: Path) -> None:
    cases = "defaults:\n  config:\n    json_schema:\n      type: object\n      x:\n"
    make_skill(
        tmp_path,
        "demo",
        files={"tests/a.txt": DOC, "tests/cases.yaml": cases + alias_bomb("        ") + "\n"},
    )
    proc = run_bounded("test", "demo", "--local", "--no-validate", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("error: demo/tests/cases.yaml:") and "alias" in line
    proc = run_bounded("validate", "demo", cwd=tmp_path)
    assert proc.returncode == 1 and "SK307" in proc.stdout and "alias" in proc.stdout


def test_long_line_of_link_openers_is_scanned_in_linear_time(tmp_path: Path) -> None:
    body = "[](" * 40_000 + "\n[ok](missing.md)\n"
    make_skill(tmp_path, "demo", body=body)
    proc = run_bounded("validate", "demo", cwd=tmp_path, timeout=30)
    assert proc.returncode == 1  # the one real link is still checked
    assert "SK207 links to 'missing.md', which does not exist" in proc.stdout


def test_link_scanner_reads_the_usual_link_forms() -> None:
    line = (
        'See [the guide](references/guide.md "Guide"), ![logo](<assets/logo.png>), '
        "[web](https://x.y), [a]b](not-a-link) and [x](y z)"
    )
    assert list(md_links(line)) == ["references/guide.md", "assets/logo.png", "https://x.y"]
    assert list(md_links("[a](b)[c](d)")) == ["b", "d"]
    assert list(md_links("![alt](pic.png")) == ["pic.png"]  # an image needs no ')'


@needs_fifo
def test_fifo_expected_file_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC})
    os.mkfifo(root / "tests" / "a.expected.json")
    proc = run_bounded("validate", "demo", cwd=tmp_path, timeout=30)
    assert proc.returncode == 1
    assert "demo/tests/a.expected.json: SK303 is a FIFO (named pipe), not a regular file" in (
        proc.stdout
    )
    proc = run_bounded("test", "demo", "--local", "--no-validate", cwd=tmp_path, timeout=30)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "error: demo/tests/a.expected.json: is a FIFO (named pipe), not a regular file; "
        "replace it with a regular file (or remove it)"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_expected_file_linked_to_dev_zero_is_never_read(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC})
    os.symlink("/dev/zero", root / "tests" / "a.expected.json")
    proc = run_bounded("validate", "demo", cwd=tmp_path, timeout=30)
    assert proc.returncode == 1
    assert "demo/tests/a.expected.json: SK202 this file is a symlink leading out of" in proc.stdout
    proc = run_bounded("test", "demo", "--local", "--no-validate", cwd=tmp_path, timeout=30)
    assert proc.returncode == 2 and "symlink leading out of" in proc.stderr


@needs_fifo
def test_pack_names_a_fifo_in_the_skill_and_never_blocks_on_it(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    os.mkfifo(root / "pipe")
    proc = run_bounded("pack", "demo", "-o", "out.json", cwd=tmp_path, timeout=30)
    assert proc.returncode == 1 and not (tmp_path / "out.json").exists()
    assert "demo/pipe: SK209 cannot be bundled: is a FIFO (named pipe)" in proc.stderr
    proc = run_bounded(
        "pack", "demo", "--no-validate", "--format", "zip", "-o", "out.zip", cwd=tmp_path
    )
    assert proc.returncode == 0
    assert zipfile.ZipFile(tmp_path / "out.zip").namelist() == ["SKILL.md"]


def test_expected_file_over_the_size_limit_is_one_clear_error(tmp_path: Path) -> None:
    big = '{"rows": [' + ",".join(['{"name": "item", "qty": 1}'] * 200_000) + "]}"
    assert len(big) > MAX_EXPECTED_BYTES
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC, "tests/a.expected.json": big})
    result = run_cli("validate", root)
    assert result.exit_code == 1
    assert "SK303 is 5.1 MB: over the 5 MB limit for an expected file" in result.stdout
    with pytest.raises(CasesError, match="over the 5 MB limit"):
        load_cases(root)


def test_read_limited_refuses_what_is_not_a_small_regular_file(tmp_path: Path) -> None:
    (tmp_path / "ok").write_bytes(b"12345")
    assert read_limited(tmp_path / "ok", 5) == b"12345"
    with pytest.raises(UnreadableFile, match="over the 4 bytes limit"):
        read_limited(tmp_path / "ok", 4)
    with pytest.raises(UnreadableFile, match="is a folder"):
        read_limited(tmp_path, 10)
    if Path("/dev/zero").exists():
        with pytest.raises(UnreadableFile, match="is a device"):
            read_limited(Path("/dev/zero"), 10)
    os.symlink("nowhere", tmp_path / "broken")
    with pytest.raises(UnreadableFile, match="broken symlink"):
        read_limited(tmp_path / "broken", 10)


# --------------------------------------------------------------------------- the YAML reader


def test_yaml_reader_bounds_aliases_depth_and_recursion() -> None:
    with pytest.raises(YamlLimit, match="more than 100000 values") as bomb:
        compose_yaml(alias_bomb())
    assert bomb.value.problem_mark.line == 5  # the anchor whose expansion crosses the limit
    with pytest.raises(YamlLimit, match="recursive alias"):
        compose_yaml("a: &a [*a]")
    with pytest.raises(YamlLimit, match="nested more than 64 levels"):
        compose_yaml("[" * 100_000 + "]" * 100_000)  # no RecursionError either
    deep = "a: &a " + "[" * 40 + "x" + "]" * 40 + "\nb: " + "[" * 40 + "*a" + "]" * 40
    with pytest.raises(YamlLimit, match="once its aliases are expanded"):
        compose_yaml(deep)
    # Ordinary anchors and merge keys still work.
    _, data = load_yaml("d: &d {domain: x}\ncases: {a: *d, b: {<<: *d, min_score: 1}}")
    assert data["cases"] == {"a": {"domain": "x"}, "b": {"domain": "x", "min_score": 1}}


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2024-02-30", "cannot read this value as timestamp"),
        ("!!int abc", "cannot read this value as int"),
        ("!!bool maybe", "cannot read this value as bool"),
        ("0x" + "f" * 5000, "cannot read this value as int (a number of more than 1000"),
    ],
)
def test_frontmatter_values_yaml_cannot_read_are_sk102_not_a_crash(
    tmp_path: Path, value: str, shown: str
) -> None:
    root = make_skill(tmp_path, "demo", frontmatter_text=f"name: demo\ndescription: {value}\n")
    result = run_cli("validate", root)
    assert result.exit_code == 1
    assert f"SKILL.md:3: SK102 frontmatter is not valid YAML: {shown}" in result.stdout


# --------------------------------------------------------------------------- item 8: output


def test_junit_stays_valid_xml_with_control_characters_in_a_case_name(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"schema.json": SCHEMA})
    (root / "tests").mkdir()
    (root / "tests" / "a\x1b[31mb\x01.txt").write_text(DOC)
    junit, report = tmp_path / "r.xml", tmp_path / "r.json"
    result = run_cli("test", root, "--local", "--junit", junit, "--json", report)
    assert result.exit_code == 0, result.output
    case = ET.parse(junit).getroot().find(".//testcase")
    assert case is not None and case.get("name") == "a\\x1b[31mb\\x01"
    assert json.loads(report.read_text())["results"][0]["case"] == "a\x1b[31mb\x01"
    assert "\x1b" not in result.stdout and "a\\x1b[31mb\\x01" in result.stdout


def test_inspect_never_prints_entry_names_or_frontmatter_raw(tmp_path: Path) -> None:
    skill_md = skill_md_text('name: demo\ndescription: Use when x.\n"\\e[2Jkey": "v\\e]0;x\\a"\n')
    bundle = build_zip([("SKILL.md", skill_md), ("a\nproblem: none", b"x")])
    (tmp_path / "b.zip").write_bytes(bundle)
    result = run_cli("inspect", tmp_path / "b.zip")
    assert result.exit_code == 1  # a control character in an entry name is refused
    lines = result.output.splitlines()
    assert not any(line.startswith("problem: none") for line in lines)
    assert "control characters" in result.stderr
    ok = build_zip([("SKILL.md", skill_md)])
    (tmp_path / "ok.zip").write_bytes(ok)
    result = run_cli("inspect", tmp_path / "ok.zip")
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "  \\x1b[2Jkey: " in result.stdout


def test_inspect_shows_yaml_dates_and_binary_in_the_frontmatter(tmp_path: Path) -> None:
    fm = "name: demo\ndescription: Use when x.\nmetadata: {when: 2024-01-01}\nlicense: !!binary aGk=\n"
    (tmp_path / "b.zip").write_bytes(build_zip([("SKILL.md", skill_md_text(fm))]))
    text = run_cli("inspect", tmp_path / "b.zip")
    assert text.exit_code == 0
    assert '  metadata: {"when": "2024-01-01"}' in text.stdout
    assert '  license: "<binary: 2 bytes>"' in text.stdout
    data = json.loads(run_cli("inspect", tmp_path / "b.zip", "--format", "json").stdout)
    assert data["frontmatter"]["metadata"] == {"when": "2024-01-01"}


def test_validate_prints_finding_names_escaped_on_one_line(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", body="# Demo\n\nSee [x](a\x1b[31m.md).\n")
    result = run_cli("validate", root)
    assert result.exit_code == 1
    (line,) = [line for line in result.stdout.splitlines() if "SK207" in line]
    assert "links to 'a\\x1b[31m.md'" in line and "\x1b" not in result.stdout


def test_unreadable_files_are_findings_naming_the_real_file(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC})
    os.symlink("nowhere.json", root / "tests" / "a.expected.json")
    found = {(f.code, Path(f.path).name, f.message) for f in lint_skill(root)}
    assert ("SK303", "a.expected.json", "is a broken symlink") in found

    other = make_skill(tmp_path, "other", files={"tests/a.txt": DOC})
    os.symlink("nowhere.yaml", other / "tests" / "cases.yaml")  # was ignored: "all valid"
    (finding,) = [f for f in lint_skill(other) if f.code == "SK307"]
    assert finding.path == str(other / "tests" / "cases.yaml")  # the link, not its target

    (other / "tests" / "cases.yaml").unlink()
    (other / "tests" / "cases.yaml").write_text(
        "cases:\n  - document: a.txt\n    expected: sub/a.expected.json\n"
    )
    (other / "tests" / "sub").mkdir()
    (other / "tests" / "sub" / "a.expected.json").write_text("{")
    result = run_cli("validate", other)
    assert result.exit_code == 1
    assert "other/tests/sub/a.expected.json:1: SK303 not valid JSON" in result.stdout

    (other / "schema.json").mkdir()  # was silently no schema
    assert ("SK301", "schema.json") in {(f.code, Path(f.path).name) for f in lint_skill(other)}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_permission_denied_is_a_finding(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC, "tests/a.expected.json": "{}"})
    (root / "tests" / "a.expected.json").chmod(0)
    found = [f for f in lint_skill(root) if f.code == "SK303"]
    assert found and "cannot be read: Permission denied" in found[0].message


def test_skillignore_that_is_not_utf8_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={".skillignore": b"\xff\xfe*.bak\n"})
    for args in (("validate", root), ("pack", root, "-o", tmp_path / "o.json")):
        result = run_cli(*args)
        assert result.exit_code == 2
        assert result.stderr.strip().endswith(
            ".skillignore: not valid UTF-8 (byte 0); save it as UTF-8"
        )
        assert not (tmp_path / "o.json").exists()


def test_deep_expected_file_is_refused_before_any_writer_sees_it(tmp_path: Path) -> None:
    deep = '{"a": ' * 900 + "1" + "}" * 900
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC, "tests/a.expected.json": deep})
    result = run_cli("validate", root)
    assert result.exit_code == 1
    assert "a.expected.json: SK303 nested more than 64 levels deep" in result.stdout
    report = tmp_path / "r.json"
    result = run_cli("test", root, "--local", "--no-validate", "--json", report)
    assert result.exit_code == 2 and not report.exists()
    assert "nested more than 64 levels deep" in result.stderr


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte file names")
def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    os.close(os.open(os.fsencode(root) + b"/caf\xe9.md", os.O_CREAT | os.O_WRONLY))
    result = run_cli("validate", root)
    assert result.exit_code == 1
    assert "caf\\xe9.md: SK209 cannot be bundled: its name is not valid UTF-8" in result.stdout
    assert run_cli("pack", root, "--no-validate", "-o", tmp_path / "o.json").exit_code == 0

    other = make_skill(tmp_path, "other", files={"schema.json": SCHEMA})
    (other / "tests").mkdir()
    os.close(os.open(os.fsencode(other) + b"/tests/caf\xe9.txt", os.O_CREAT | os.O_WRONLY))
    result = run_cli("test", other, "--local", "--junit", tmp_path / "r.xml")
    assert result.exit_code == 2
    assert "caf\\xe9.txt: SK307 the file name is not valid UTF-8; rename it" in result.stderr


def test_printable_escapes_what_could_forge_lines_or_reach_the_terminal() -> None:
    assert printable("plain é 漢 😀") == "plain é 漢 😀"
    assert printable("a\nb\rc\td") == "a\\nb\\rc\\td"
    assert printable("\x1b[31mred\x9b\x7f") == "\\x1b[31mred\\x9b\\x7f"
    assert printable("evil\u202etxt.exe\u2028") == "evil\\u202etxt.exe\\u2028"
    assert printable(os.fsdecode(b"caf\xe9")) == "caf\\xe9"
    assert printable("two\nlines", keep_newlines=True) == "two\nlines"


# --------------------------------------------------------------------------- item 9: inside


@pytest.mark.parametrize("key", ["document", "expected"])
@pytest.mark.parametrize("where", ["absolute", "dotdot", "symlink"])
def test_case_files_must_resolve_inside_tests(tmp_path: Path, key: str, where: str) -> None:
    outside = tmp_path / "outside.txt" if key == "document" else tmp_path / "victim.json"
    outside.write_text("secret" if key == "document" else '{"keep": true}')
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC})
    if where == "absolute":
        named = str(outside)
    elif where == "dotdot":
        named = f"../../{outside.name}"
    else:
        named = "link" + outside.suffix
        os.symlink(outside, root / "tests" / named)
    entry = f"document: {named}" if key == "document" else f"document: a.txt\n    {key}: {named}"
    (root / "tests" / "cases.yaml").write_text(f"cases:\n  - id: x\n    {entry}\n")
    with pytest.raises(CasesError, match=f"'{key}' .* (outside|leading out of)") as err:
        load_cases(root)
    assert err.value.line == (4 if key == "expected" else 3)
    if key == "expected":  # --update never writes there
        result = run_cli("test", root, "--local", "--update", "--no-validate")
        assert result.exit_code == 2
        assert outside.read_text() == '{"keep": true}'


def test_json_schema_file_must_be_inside_tests(tmp_path: Path) -> None:
    outside = tmp_path / "schema.json"
    outside.write_text(SCHEMA)
    cases = f"defaults:\n  config: {{json_schema: {outside}}}\n"
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC, "tests/cases.yaml": cases})
    with pytest.raises(CasesError, match="json_schema: .* is outside tests/") as err:
        load_cases(root)
    assert err.value.line == 2


def test_folder_documents_and_expected_files_linked_from_outside_are_refused(
    tmp_path: Path,
) -> None:
    (tmp_path / "secret.txt").write_text("secret")
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC})
    os.symlink(tmp_path / "secret.txt", root / "tests" / "b.txt")
    with pytest.raises(CasesError, match="symlink leading out of"):
        load_cases(root)
    (root / "tests" / "b.txt").unlink()
    (tmp_path / "victim.json").write_text("{}")
    os.symlink(tmp_path / "victim.json", root / "tests" / "a.expected.json")
    with pytest.raises(CasesError, match="symlink leading out of"):
        load_cases(root)
    finding = [f for f in lint_skill(root) if f.code == "SK202"]
    assert finding and finding[0].path == str(root / "tests" / "a.expected.json")


def test_tests_folder_that_is_a_symlink_out_of_the_skill_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.txt").write_text(DOC)
    root = make_skill(tmp_path, "demo")
    os.symlink(elsewhere, root / "tests")
    with pytest.raises(CasesError, match="tests/ itself is a symlink"):
        load_cases(root)


def test_recording_never_writes_through_a_cassettes_symlink_out_of_tests(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC, "schema.json": SCHEMA})
    os.symlink(elsewhere, root / "tests" / "cassettes")
    result = run_cli("test", root, "--local", "--record")
    assert result.exit_code != 0
    assert "the cassette resolves outside tests/" in result.stdout
    assert list(elsewhere.iterdir()) == []


# --------------------------------------------------------------------------- duplicate keys


def test_the_yaml_reader_refuses_a_key_given_twice_in_any_mapping() -> None:
    with pytest.raises(DuplicateKey) as dup:
        compose_yaml("a: 1\nb:\n  c: 1\n  'c': 2\n")
    assert (dup.value.first_mark.line, dup.value.problem_mark.line) == (2, 3)
    assert yaml_problem(dup.value) == (
        "duplicate key 'c' (first on line 3); a key may appear only once: keep one of them",
        4,
    )
    with pytest.raises(DuplicateKey):  # the same key once read: 1 and 0x1 are one int
        compose_yaml("{1: a, 0x1: b}")
    # Merge keys are not duplicates: explicit keys override merged ones by design.
    _, data = load_yaml("d: &d {x: 1}\ne: {<<: *d, x: 2}\n")
    assert data["e"] == {"x": 2}


def test_a_frontmatter_key_given_twice_is_sk102_at_the_second_one(tmp_path: Path) -> None:
    fm = "name: demo\ndescription: Use when testing.\nlicense: MIT\ndescription: Again.\n"
    root = make_skill(tmp_path, "demo", frontmatter_text=fm)
    (finding,) = [f for f in lint_skill(root) if f.severity == "error"]
    assert (finding.code, finding.line) == ("SK102", 5)
    assert "duplicate key 'description' (first on line 3)" in finding.message
    assert run_cli("pack", root, "-o", tmp_path / "o.json").exit_code == 1
    result = run_cli("test", root, "--local")
    assert result.exit_code == 2 and "SK102" in result.stderr
    # A bundle's frontmatter goes through the same reader.
    (tmp_path / "b.zip").write_bytes(build_zip([("SKILL.md", skill_md_text(fm))]))
    result = run_cli("inspect", tmp_path / "b.zip")
    assert result.exit_code == 1 and "SKILL.md:5: frontmatter is not valid YAML: duplicate" in (
        result.stderr
    )


def test_a_cases_yaml_key_given_twice_is_refused_wherever_it_is(tmp_path: Path) -> None:
    cases = "defaults:\n  match:\n    abs_tol: 0.5\n    abs_tol: 0\n"  # once silently 0
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC, "tests/cases.yaml": cases})
    with pytest.raises(CasesError, match="duplicate key 'abs_tol' \\(first on line 3\\)") as err:
        load_cases(root)
    assert err.value.line == 4
    assert ("SK307", 4) in {(f.code, f.line) for f in lint_skill(root)}


# --------------------------------------------------------------------------- the walk


def test_symlink_loops_are_sk202_findings_not_a_file_system_error(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    (root / "references").mkdir()
    os.symlink("self.md", root / "references" / "self.md")
    os.symlink("b.md", root / "references" / "a.md")
    os.symlink("a.md", root / "references" / "b.md")
    os.symlink("..", root / "references" / "again")  # a folder link back to the skill
    selection = select_files(root)  # never raises, never walks `again`
    assert [f.arcname for f in selection.files] == ["SKILL.md"]
    found = {Path(f.path).name: f.message for f in lint_skill(root) if f.code == "SK202"}
    assert set(found) == {"self.md", "a.md", "b.md", "again"}
    assert "is a symlink loop" in found["self.md"] and "is a symlink loop" in found["a.md"]
    assert "leads back to a folder that holds it" in found["again"]
    for command in ("test", "generate"):
        args = (command, root, "--local") + ((tmp_path / "d.txt",) if command == "generate" else ())
        (tmp_path / "d.txt").write_text(DOC)
        result = run_cli(*args)
        assert result.exit_code == 2 and "SK202" in result.stderr, result.output


def _deep_folders(base: Path, total: int = 4200) -> Path:
    """Folders under `base` until the path is longer than `total` (beyond PATH_MAX), made
    through descriptors since no single path reaches the bottom."""
    base.mkdir(parents=True, exist_ok=True)
    fd, path, i = os.open(base, os.O_RDONLY), str(base), 0
    try:
        while len(path) <= total:
            name = f"{i:03d}" + "d" * 197
            os.mkdir(name, dir_fd=fd)
            new = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd, path, i = new, f"{path}/{name}", i + 1
        os.close(os.open("notes.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    finally:
        os.close(fd)
    return Path(path)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PATH_MAX of Linux")
def test_a_path_too_long_for_the_system_is_a_finding_naming_it(tmp_path: Path) -> None:
    root = make_skill(tmp_path / "tree", "demo", files={"tests/a.txt": DOC, "schema.json": SCHEMA})
    _deep_folders(root / "references")
    (finding,) = [f for f in lint_skill(root) if f.severity == "error"]
    assert finding.code == "SK209" and "is a path too long for this system" in finding.message
    assert finding.path.startswith(str(root / "references" / "000"))
    result = run_cli("test", root, "--local")
    assert result.exit_code == 2 and "too long" in result.stderr
    # Searching a tree for skills: a folder that cannot be searched is named, not skipped.
    _deep_folders(tmp_path / "tree" / "other")
    findings = lint_paths([tmp_path / "tree"])
    unsearched = [f for f in findings if f.code == "SK100"]
    assert len(unsearched) == 1 and unsearched[0].path.startswith(str(tmp_path / "tree" / "other"))
    assert "cannot be searched for skills" in unsearched[0].message
    assert {f.code for f in findings} == {"SK100", "SK209"}  # the skill's own: reported once
    with pytest.raises(SkillError, match="cannot be searched for skills"):
        discover_skills([tmp_path / "tree"])


# --------------------------------------------------------------------------- documents


@needs_fifo
def test_a_fifo_document_is_sk306_and_never_a_dropped_case(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC, "tests/b.expected.json": "{}"})
    os.mkfifo(root / "tests" / "b.pdf")
    with pytest.raises(DocumentError, match="is a FIFO \\(named pipe\\), not a regular file") as e:
        load_cases(root)
    assert e.value.rule == "SK306" and e.value.path.endswith("demo/tests/b.pdf")
    (finding,) = [f for f in lint_skill(root) if f.severity == "error"]
    assert (finding.code, Path(finding.path).name) == ("SK306", "b.pdf")
    proc = run_bounded("test", "demo", "--local", "--no-validate", cwd=tmp_path, timeout=30)
    assert proc.returncode == 2 and "b.pdf: this document is a FIFO" in proc.stderr
    # Named in cases.yaml: the same check, at the line that names it.
    (root / "tests" / "cases.yaml").write_text("cases:\n  - id: b\n    document: b.pdf\n")
    (finding,) = [f for f in lint_skill(root) if f.severity == "error"]
    assert (finding.code, finding.line) == ("SK306", 3)
    assert finding.path.endswith("cases.yaml")


def test_documents_that_are_not_regular_files_are_each_named(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC})
    assert document_problem(root / "tests" / "a.txt") is None
    os.symlink("loop.pdf", root / "tests" / "loop.pdf")
    os.symlink("gone.pdf", root / "tests" / "broken.pdf")
    (root / "tests" / "folder.pdf").mkdir()
    assert document_problem(root / "tests" / "loop.pdf") == (
        "SK306",
        "is a symlink loop, not a regular file; replace it with the document itself",
    )
    assert document_problem(root / "tests" / "broken.pdf")[0] == "SK305"
    assert document_problem(root / "tests" / "folder.pdf")[0] == "SK306"
    assert document_problem(root / "tests" / "missing.pdf") == ("SK305", "does not exist")
    assert {p.name for p in folder_documents(root / "tests")} == {
        "a.txt",
        "broken.pdf",
        "folder.pdf",
        "loop.pdf",
    }
    with pytest.raises(DocumentError):
        load_cases(root)


# --------------------------------------------------------------------------- schema refs


LOOPING_SCHEMAS = {
    "self": ({"schema.json": '{"$ref": "#"}'}, 1, '$ref "#" refers back to itself'),
    "file-cycle": (
        {
            "schema.json": '{\n  "$ref": "defs/a.json"\n}',
            "defs/a.json": '{"$ref": "../schema.json"}',
        },
        2,
        '$ref "defs/a.json" refers back to itself without consuming any of the value '
        '(through "defs/a.json" -> "../schema.json" -> "defs/a.json")',
    ),
    "allOf-pair": (
        {
            "schema.json": '{"$defs": {\n  "a": {"allOf": [{"$ref": "#/$defs/b"}]},\n'
            '  "b": {"$ref": "#/$defs/a"}\n}}'
        },
        2,
        '$ref "#/$defs/b" refers back to itself',
    ),
}


@pytest.mark.parametrize("kind", list(LOOPING_SCHEMAS))
def test_a_schema_whose_refs_loop_in_place_is_sk302(tmp_path: Path, kind: str) -> None:
    files, line, fragment = LOOPING_SCHEMAS[kind]
    root = make_skill(tmp_path, "demo", files={"tests/a.txt": DOC, **files})
    (finding,) = [f for f in lint_skill(root) if f.severity == "error"]
    assert finding.code == "SK302" and fragment in finding.message
    assert (finding.path, finding.line) == (str(root / "schema.json"), line)
    for args in (("test", root, "--local"), ("test", root, "--local", "--no-validate")):
        result = run_cli(*args)
        assert result.exit_code == 2 and "refers back to itself" in result.stderr


def test_checking_a_schema_finds_ref_loops_and_every_kind_of_ref() -> None:
    assert schemas.check({"anyOf": [{"type": "null"}, {"$ref": "#"}]})[0].pointer == (
        "anyOf",
        1,
        "$ref",
    )
    tree = {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#"}}}}
    assert schemas.check(tree) == []  # recursion through a part of the value is fine
    (remote,) = schemas.check({"$dynamicRef": "https://example.com/s#meta"})
    assert remote.message.startswith('$dynamicRef "https://example.com/s#meta" is remote')
    old = {"$schema": schemas.DRAFT_2019_09, "$recursiveRef": "http://example.com/s"}
    assert "is remote" in schemas.check(old)[0].message
    with pytest.raises(SkillError, match="refers back to itself"):
        schemas.validator({"not": {"$ref": "#"}})


def test_recursion_errors_while_checking_or_validating_are_clear_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tree = {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#"}}}}
    deep: dict = {}
    node = deep
    for _ in range(5000):
        node["kids"] = [{}]
        node = node["kids"][0]
    checker = schemas.validator(tree)
    with pytest.raises(schemas.ValidationTooDeep, match="recursion limit") as err:
        list(checker.iter_errors(deep))
    assert isinstance(err.value, SkillError) and isinstance(err.value, RecursionError)
    with pytest.raises(schemas.ValidationTooDeep):
        checker.is_valid(deep)

    def recurse(*args: object, **kwargs: object) -> None:
        raise RecursionError

    monkeypatch.setattr(schemas, "metaschema_problems", recurse)
    (problem,) = schemas.check({"type": "object"})
    assert "too deeply to be checked" in problem.message


def test_schema_files_are_read_with_a_size_and_depth_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = '{"not": ' * 100 + "{}" + "}" * 100
    root = make_skill(tmp_path, "demo", files={"schema.json": deep})
    (finding,) = [f for f in lint_skill(root) if f.severity == "error"]
    assert (finding.code, finding.message) == (
        "SK301",
        "nested more than 64 levels deep; flatten it",
    )

    monkeypatch.setattr(schemas, "MAX_SCHEMA_BYTES", 100)
    big = json.dumps({"$ref": "defs/big.json"})
    other = make_skill(tmp_path, "other", files={"schema.json": big, "defs/big.json": SCHEMA * 3})
    (finding,) = [f for f in lint_skill(other) if f.severity == "error"]
    assert finding.code == "SK302"
    assert f"defs/big.json is {len(SCHEMA) * 3} bytes: over the 100 bytes limit for a schema" in (
        finding.message
    )
    if hasattr(os, "mkfifo"):
        (other / "defs" / "big.json").unlink()
        os.mkfifo(other / "defs" / "big.json")  # never opened for reading
        (finding,) = [f for f in lint_skill(other) if f.code == "SK302"]
        assert "defs/big.json is a FIFO (named pipe), not a regular file" in finding.message


# --------------------------------------------------------------------------- cassettes


def test_cassettes_are_read_with_a_size_and_depth_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"prediction": {"response": {"total": 1}}}))
    assert cassettes.load(path).prediction == {"response": {"total": 1}}
    path.write_text('{"prediction": ' * 100 + "{}" + "}" * 100)
    with pytest.raises(cassettes.CassetteMiss, match="nested more than 72 levels deep"):
        cassettes.load(path)
    monkeypatch.setattr(cassettes, "MAX_CASSETTE_BYTES", 10)
    with pytest.raises(cassettes.CassetteMiss, match="over the 10 bytes limit for a cassette"):
        cassettes.load(path)
    if hasattr(os, "mkfifo"):
        path.unlink()
        os.mkfifo(path)
        with pytest.raises(cassettes.CassetteMiss, match="FIFO"):
            cassettes.load(path)
    assert cassettes.load(tmp_path / "missing.json") is None
