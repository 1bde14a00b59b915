"""Every rule in lint.RULES is triggered by at least one test; a clean skill triggers none."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import DEFAULT_BODY, frontmatter_for, make_skill, only

from skillkit.lint import (
    ERROR,
    RULES,
    WARNING,
    Finding,
    has_errors,
    lint_paths,
    lint_skill,
)

SCHEMA = {
    "type": "object",
    "properties": {"total": {"type": "number"}, "vendor": {"type": "string"}},
    "required": ["total"],
}


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def clean_rich_skill(base: Path, name: str = "rich") -> Path:
    """A skill using every optional feature correctly: no finding at all expected."""
    root = make_skill(
        base,
        name,
        frontmatter_text=(
            f"name: {name}\n"
            "description: >\n"
            "  Extracts totals and vendors from invoices.\n"
            "  Use when an invoice PDF must become JSON.\n"
            "license: Apache-2.0\n"
            "compatibility: Needs the VLM Run generate API.\n"
            "metadata:\n"
            '  version: "1.0"\n'
            "  author: Test Suite\n"
            "allowed-tools: Read Bash(python:*)\n"
        ),
        body=(
            "# Rich\n\nFollow [the guide](references/guide.md) and run "
            "[the script](./scripts/run.py#main). Logo: ![logo](assets/logo.png).\n"
            "See <https://example.com> and [docs](https://example.com/docs).\n"
        ),
        files={
            "references/guide.md": "# Guide\n",
            "scripts/run.py": "print('hi')\n",
            "assets/logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00binary",
            "schema.json": json.dumps(SCHEMA),
            "tests/acme.txt": "Vendor: ACME\nTotal: 12.50\n",
            "tests/acme.expected.json": json.dumps({"total": 12.5, "vendor": "ACME"}),
        },
    )
    os.chmod(root / "scripts" / "run.py", 0o755)
    return root


def test_clean_skills_have_no_findings(tmp_path: Path) -> None:
    assert lint_skill(make_skill(tmp_path, "plain")) == []
    assert lint_skill(clean_rich_skill(tmp_path)) == []
    assert not has_errors([], strict=True)


def test_rule_table_is_well_formed() -> None:
    assert RULES, "no rules"
    for code, rule in RULES.items():
        assert re.fullmatch(r"SK[1-5]\d\d", code), code
        assert rule.code == code
        assert rule.severity in (ERROR, WARNING)
        assert rule.summary and "\n" not in rule.summary
        # SK4xx are the warnings, everything else is an error
        assert (rule.severity == WARNING) == code.startswith("SK4"), code


# --------------------------------------------------------------------------- spec rules


def test_sk100_folder_without_skill_md(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    hits = only(lint_skill(tmp_path / "empty"), "SK100")
    assert hits[0].path == str(tmp_path / "empty")
    assert only(lint_paths([tmp_path / "empty"]), "SK100")


def test_sk101_no_frontmatter(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", skill_md="# Demo\n\nNo frontmatter here.\n")
    (hit,) = only(lint_skill(root), "SK101")
    assert hit.path == str(root / "SKILL.md")
    assert hit.line == 1


def test_sk101_unclosed_frontmatter(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", skill_md="---\nname: demo\ndescription: x\n# Demo\n")
    assert codes(lint_skill(root)) == ["SK101"]


def test_sk102_bad_yaml_with_line(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path, "demo", frontmatter_text="name: demo\nlicense: MIT\ndescription: a: b\n"
    )
    (hit,) = only(lint_skill(root), "SK102")
    assert hit.line == 4


def test_sk103_frontmatter_not_a_mapping(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", frontmatter_text="- name\n- description\n")
    (hit,) = only(lint_skill(root), "SK103")
    assert hit.line == 2


def test_sk104_unknown_key_with_line_and_hint(tmp_path: Path) -> None:
    fm = frontmatter_for("demo") + "version: 1.0\ntags: [a]\nfoo: bar\n"
    root = make_skill(tmp_path, "demo", frontmatter_text=fm)
    hits = only(lint_skill(root, profile="agentskills"), "SK104")  # the open spec's keys only
    by_line = {h.line: h.message for h in hits}
    assert set(by_line) == {4, 5, 6}
    assert "version" in by_line[4] and "metadata" in by_line[4]
    assert "foo" in by_line[6]


@pytest.mark.parametrize("fm", ["description: Does x. Use when y.\n", 'name: ""\ndescription: x\n'])
def test_sk105_name_missing_or_empty(tmp_path: Path, fm: str) -> None:
    root = make_skill(tmp_path, "demo", frontmatter_text=fm)
    only(lint_skill(root), "SK105")


@pytest.mark.parametrize(
    "name",
    ["Demo", "bad_name", "-demo", "demo-", "de--mo", "a" * 65, "bad name", "ünï-UPPER"],
)
def test_sk106_name_rules(tmp_path: Path, name: str) -> None:
    root = make_skill(
        tmp_path, name, folder="skill", frontmatter_text=frontmatter_for(json.dumps(name))
    )
    (hit,) = only(lint_skill(root), "SK106")
    assert hit.line == 2
    assert "SK107" not in codes(lint_skill(root)), "name rules first, folder match after"


@pytest.mark.parametrize("name", ["a", "demo-2", "x" * 64, "café"])
def test_valid_names_are_accepted(tmp_path: Path, name: str) -> None:
    root = make_skill(tmp_path, name)
    assert lint_skill(root) == []


def test_sk107_name_differs_from_folder(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "other-name", folder="folder-name")
    (hit,) = only(lint_skill(root), "SK107")
    assert "folder-name" in hit.message and "other-name" in hit.message


@pytest.mark.parametrize("fm", ["name: demo\n", "name: demo\ndescription: '   '\n"])
def test_sk108_description_missing_or_blank(tmp_path: Path, fm: str) -> None:
    only(lint_skill(make_skill(tmp_path, "demo", frontmatter_text=fm)), "SK108")


def test_sk109_description_too_long(tmp_path: Path) -> None:
    desc = "Use when testing. " + "x" * 1010
    assert len(desc) == 1028
    root = make_skill(tmp_path, "demo", frontmatter_text=frontmatter_for("demo", desc))
    (hit,) = only(lint_skill(root), "SK109")
    assert "1028" in hit.message


def test_description_of_exactly_1024_is_fine(tmp_path: Path) -> None:
    desc = "Use when testing. " + "x" * (1024 - 18)
    assert len(desc) == 1024
    root = make_skill(tmp_path, "demo", frontmatter_text=frontmatter_for("demo", desc))
    assert lint_skill(root) == []


@pytest.mark.parametrize("value", ['""', "x" * 501, "42", "[a, b]"])
def test_sk110_compatibility(tmp_path: Path, value: str) -> None:
    fm = frontmatter_for("demo") + f"compatibility: {value}\n"
    (hit,) = only(lint_skill(make_skill(tmp_path, "demo", frontmatter_text=fm)), "SK110")
    assert hit.line == 4


@pytest.mark.parametrize("value", ["\n  version: 1.0", " [a, b]", " just-a-string", "\n  n: null"])
def test_sk111_metadata_must_map_strings(tmp_path: Path, value: str) -> None:
    fm = frontmatter_for("demo") + f"metadata:{value}\n"
    (hit,) = only(lint_skill(make_skill(tmp_path, "demo", frontmatter_text=fm)), "SK111")
    assert hit.line == 4


def test_sk112_allowed_tools_must_be_a_string(tmp_path: Path) -> None:
    fm = frontmatter_for("demo") + "allowed-tools: [Read, Bash]\n"
    only(lint_skill(make_skill(tmp_path, "demo", frontmatter_text=fm)), "SK112")


def test_sk113_license_must_be_a_string(tmp_path: Path) -> None:
    fm = frontmatter_for("demo") + "license: {spdx: MIT}\n"
    only(lint_skill(make_skill(tmp_path, "demo", frontmatter_text=fm)), "SK113")


def test_sk114_invalid_utf8(tmp_path: Path) -> None:
    raw = b"---\nname: demo\ndescription: caf\xe9. Use when x.\n---\nbody\n"
    root = make_skill(tmp_path, "demo", skill_md=raw)
    assert codes(lint_skill(root)) == ["SK114"]
    only(lint_skill(root), "SK114")


# --------------------------------------------------------------------------- bundle rules


def test_sk201_two_skill_md_case_insensitive(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"skill.md": "---\nname: demo\n---\n"})
    (hit,) = only(lint_skill(root), "SK201")
    assert "skill.md" in hit.message


def test_sk201_nested_skill_md(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"references/SKILL.md": "nested\n"})
    only(lint_skill(root), "SK201")
    # ...and excluding it in .skillignore fixes it
    (root / ".skillignore").write_text("references/SKILL.md\n")
    assert lint_skill(root) == []


def test_sk202_symlink_leaving_the_folder_or_broken(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("outside")
    root = make_skill(tmp_path, "demo", files={"references/inside.md": "in\n"})
    os.symlink(outside, root / "out.txt")
    os.symlink("nowhere.md", root / "broken.md")
    os.symlink("references/inside.md", root / "alias.md")  # stays inside: fine
    hits = only(lint_skill(root), "SK202")
    assert sorted(Path(h.path).name for h in hits) == ["broken.md", "out.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_sk209_files_that_cannot_be_bundled(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    os.mkfifo(root / "pipe")
    os.symlink("pipe", root / "to-pipe")  # inside the folder, but to a FIFO
    os.close(os.open(os.fsencode(root) + b"/caf\xe9.txt", os.O_CREAT | os.O_WRONLY))
    hits = only(lint_skill(root), "SK209")
    assert sorted(Path(h.path).name for h in hits) == ["caf\\xe9.txt", "pipe", "to-pipe"]
    assert any("FIFO" in h.message for h in hits) and any("UTF-8" in h.message for h in hits)


def test_sk115_skill_md_that_cannot_be_read(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    (root / "SKILL.md").mkdir(parents=True)
    (hit,) = only(lint_skill(root), "SK115")
    assert hit.path == str(root / "SKILL.md") and "folder" in hit.message
    big = make_skill(tmp_path, "big", body="x" * (1024 * 1024 + 1))
    assert "1 MB limit" in only(lint_skill(big), "SK115")[0].message


@pytest.mark.parametrize(
    ("rel", "content"),
    [
        (".env", "API_KEY=123\n"),
        (".env.production", "API_KEY=123\n"),
        ("keys/id_rsa", "x"),
        ("certs/server.pem", "x"),
        ("notes.txt", "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n"),
    ],
)
def test_sk203_secrets(tmp_path: Path, rel: str, content: str) -> None:
    root = make_skill(tmp_path, "demo", files={rel: content})
    (hit,) = only(lint_skill(root), "SK203")
    assert hit.path == str(root / rel)


def test_sk203_secret_excluded_by_skillignore_is_fine(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={".env": "K=1\n", ".skillignore": ".env\n"})
    assert lint_skill(root) == []


def _sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that costs no disk space or time to make."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        fh.truncate(size)


def test_sk204_total_size(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    for i in range(3):
        _sparse(root / "assets" / f"part{i}.bin", 20 * 1024 * 1024)
    (hit,) = only(lint_skill(root), "SK204")
    assert hit.path == str(root)
    assert "SK206" not in codes(lint_skill(root))


def test_sk205_too_many_files(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={f"references/r{i:03}.md": "x" for i in range(500)})
    only(lint_skill(root), "SK205")


def test_500_files_is_the_limit_not_an_error(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={f"references/r{i:03}.md": "x" for i in range(499)})
    assert lint_skill(root) == []


def test_sk206_file_over_per_file_limit(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    _sparse(root / "assets" / "huge.bin", 26 * 1024 * 1024)
    (hit,) = only(lint_skill(root), "SK206")
    assert hit.path == str(root / "assets" / "huge.bin")


def test_sk207_link_to_missing_file_with_line(tmp_path: Path) -> None:
    body = "# Demo\n\nRead [the guide](references/guide.md).\n\n![chart](assets/chart.png)\n"
    root = make_skill(tmp_path, "demo", body=body)
    hits = only(lint_skill(root), "SK207")
    # frontmatter is lines 1-4, a blank line 5, the body starts on line 6
    assert {(h.line, "guide.md" in h.message or "chart.png" in h.message) for h in hits} == {
        (8, True),
        (10, True),
    }


def test_sk208_link_to_excluded_file(tmp_path: Path) -> None:
    body = "# Demo\n\nSee [the sample](tests/sample.md) and [cache](__pycache__/x.pyc).\n"
    root = make_skill(
        tmp_path, "demo", body=body, files={"tests/sample.md": "x", "__pycache__/x.pyc": b"\0"}
    )
    hits = only(lint_skill(root), "SK208")
    assert len(hits) == 2
    assert all(h.line == 8 for h in hits)


def test_links_to_urls_anchors_and_folders_are_not_checked(tmp_path: Path) -> None:
    body = (
        "# Demo\n\n[web](https://example.com/x.md) [mail](mailto:a@b.c) [top](#demo) "
        "[refs](references/) [refs2](references)\n"
    )
    root = make_skill(tmp_path, "demo", body=body, files={"references/a.md": "x"})
    assert lint_skill(root) == []


# --------------------------------------------------------------------------- skill-test rules


def test_sk301_schema_not_json(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"schema.json": '{\n  "type": "object",\n}\n'})
    (hit,) = only(lint_skill(root), "SK301")
    assert hit.path == str(root / "schema.json")
    assert hit.line == 3


def test_sk302_schema_not_a_json_schema(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"schema.json": '{"type": "banana"}'})
    only(lint_skill(root), "SK302")
    root2 = make_skill(tmp_path, "demo2", files={"schema.json": "[1, 2]"})
    only(lint_skill(root2), "SK302")


def test_sk303_expected_not_json(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        "demo",
        files={"tests/a.txt": "Total: 1", "tests/a.expected.json": "{\n\n  oops\n}"},
    )
    (hit,) = only(lint_skill(root), "SK303")
    assert hit.line == 3


def test_sk304_expected_does_not_match_schema(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        "demo",
        files={
            "schema.json": json.dumps(SCHEMA),
            "tests/a.txt": "Total: 1",
            "tests/a.expected.json": json.dumps({"total": "twelve", "vendor": 3}),
        },
    )
    hits = only(lint_skill(root), "SK304")
    assert {h.message.split(":")[0] for h in hits} == {"/total", "/vendor"}


def test_sk308_required_names_an_undefined_property(tmp_path: Path) -> None:
    schema = '{\n  "type": "object",\n  "properties": {"total": {}},\n  "required": ["totl"]\n}'
    root = make_skill(tmp_path, "demo", files={"schema.json": schema})
    (hit,) = only(lint_skill(root), "SK308")
    assert hit.line == 4 and '"totl"' in hit.message and '"total"' in hit.message


def test_sk305_expected_without_document(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/acme-001.expected.json": "{}"})
    only(lint_skill(root), "SK305")


def test_sk305_case_document_missing(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/cases.yaml": "cases:\n  - document: a.pdf\n"})
    only(lint_skill(root), "SK305")


def test_missing_case_document_is_an_error_either_way(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/cases.yaml": "cases:\n  - document: a.pdf\n"})
    found = lint_skill(root)
    assert has_errors(found)
    assert any("a.pdf" in f.message for f in found)


def test_sk306_unsupported_document(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        "demo",
        files={"tests/cases.yaml": "cases:\n  - document: a.xyz\n", "tests/a.xyz": "hello"},
    )
    (hit,) = only(lint_skill(root), "SK306")
    assert "a.xyz" in hit.message


def test_sk307_cases_yaml_invalid(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/cases.yaml": "cases: [\n"})
    (hit,) = only(lint_skill(root), "SK307")
    assert hit.path.endswith("cases.yaml")


# --------------------------------------------------------------------------- warnings


def test_sk401_long_body(tmp_path: Path) -> None:
    body = "".join(f"Line {i}.\n" for i in range(501))
    (hit,) = only(lint_skill(make_skill(tmp_path, "demo", body=body)), "SK401")
    assert hit.line == 5  # the body starts right after the closing '---' (line 4)


def test_500_body_lines_is_fine(tmp_path: Path) -> None:
    body = "".join(f"Line {i}.\n" for i in range(500))
    assert lint_skill(make_skill(tmp_path, "demo", body=body)) == []


def test_sk402_description_never_says_when(tmp_path: Path) -> None:
    fm = frontmatter_for("demo", "Extracts totals from invoices.")
    findings = lint_skill(make_skill(tmp_path, "demo", frontmatter_text=fm))
    (hit,) = only(findings, "SK402")
    assert hit.line == 3
    assert not has_errors(findings)
    assert has_errors(findings, strict=True)


def test_sk403_binary_outside_assets(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        "demo",
        files={"data/blob.bin": b"\x00\x01\x02", "assets/ok.bin": b"\x00\x01"},
    )
    (hit,) = only(lint_skill(root), "SK403")
    assert hit.path == str(root / "data" / "blob.bin")


def test_sk404_empty_body(tmp_path: Path) -> None:
    (hit,) = only(lint_skill(make_skill(tmp_path, "demo", body="\n\n")), "SK404")
    assert hit.severity == WARNING


def test_sk309_cases_yaml_names_a_missing_expected_file(tmp_path: Path) -> None:
    cases = "cases:\n  - id: one\n    document: one.txt\n    expected: one.golden.json\n"
    files = {"tests/one.txt": "Total: 1\n", "tests/cases.yaml": cases}
    (hit,) = only(lint_skill(make_skill(tmp_path, "demo", files=files)), "SK309")
    assert hit.line == 2 and "'one.golden.json'" in hit.message
    assert "--update-missing" in hit.message


def test_sk405_misspelt_expected_file(tmp_path: Path) -> None:
    files = {"tests/one.txt": "Total: 1\n", "tests/one.expectd.json": "{}"}
    (hit,) = only(lint_skill(make_skill(tmp_path, "demo", files=files)), "SK405")
    assert hit.path.endswith("one.expectd.json") and "'one.expected.json'" in hit.message


def test_sk406_a_case_that_checks_nothing(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"tests/one.txt": "Total: 1\n"})
    (hit,) = only(lint_skill(root), "SK406")
    assert "one.expected.json" in hit.message and "schema.json" in hit.message


def test_sk409_an_unreviewed_draft(tmp_path: Path) -> None:
    cases_yaml = (
        "cases:\n"
        "  - id: one\n"
        "    document: one.txt\n"
        "    review: draft  # check it, then delete this line\n"
        "  - id: two\n"
        "    document: two.txt\n"
    )
    files = {
        "schema.json": json.dumps(SCHEMA),
        "tests/one.txt": "Total: 1\n",
        "tests/one.expected.json": '{"total": 1}',
        "tests/two.txt": "Total: 2\n",
        "tests/two.expected.json": '{"total": 2}',
        "tests/cases.yaml": cases_yaml,
    }
    root = make_skill(tmp_path, "demo", files=files)
    (hit,) = only(lint_skill(root), "SK409")
    assert hit.path.endswith("cases.yaml") and hit.line == 4
    assert "case 'one'" in hit.message and "one.expected.json against the document" in hit.message
    assert hit.message.endswith("then delete `review: draft` (cases.yaml:4)")
    reviewed = cases_yaml.replace("    review: draft  # check it, then delete this line\n", "")
    (root / "tests" / "cases.yaml").write_text(reviewed, encoding="utf-8")
    assert lint_skill(root) == []


def test_sk409_a_draft_mark_without_an_expected_file(tmp_path: Path) -> None:
    files = {
        "schema.json": json.dumps(SCHEMA),
        "tests/one.txt": "Total: 1\n",
        "tests/cases.yaml": "cases:\n  one:\n    expected: null\n    review: draft\n",
    }
    (hit,) = only(lint_skill(make_skill(tmp_path, "demo", files=files)), "SK409")
    assert hit.line == 4 and "no expected file to review" in hit.message


def test_review_accepts_only_draft(tmp_path: Path) -> None:
    files = {
        "tests/one.txt": "Total: 1\n",
        "tests/cases.yaml": "cases:\n  - id: one\n    review: done\n",
    }
    (hit,) = only(lint_skill(make_skill(tmp_path, "demo", files=files)), "SK307")
    assert hit.line == 3 and "'review' in case #1 must be one of draft" in hit.message


# --------------------------------------------------------------------------- trees and paths


def test_lint_paths_over_a_tree_of_many_skills(tmp_path: Path) -> None:
    tree = tmp_path / "repo"
    for i in range(12):
        make_skill(tree / f"group{i % 3}", f"skill-{i}")
    make_skill(tree / "group0", "broken", frontmatter_text="name: Broken\n")
    findings = lint_paths([tree])
    assert sorted(set(codes(findings))) == ["SK106", "SK108"]
    assert {Path(f.path).parent.name for f in findings} == {"broken"}


def test_lint_paths_skips_vcs_node_modules_venvs_and_skill_tests(tmp_path: Path) -> None:
    tree = tmp_path / "repo"
    good = make_skill(tree, "good")
    bad_fm = "name: BAD\n"
    make_skill(tree / ".git", "in-git", frontmatter_text=bad_fm)
    make_skill(tree / "node_modules" / "pkg", "in-nm", frontmatter_text=bad_fm)
    venv = tree / "env"
    (venv).mkdir()
    (venv / "pyvenv.cfg").write_text("home = /usr\n")
    make_skill(venv / "lib", "in-venv", frontmatter_text=bad_fm)
    make_skill(good / "tests", "fixture", frontmatter_text=bad_fm)
    assert lint_paths([tree]) == []


def test_lint_paths_with_no_skill_reports_sk100(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "readme.md").write_text("x")
    (hit,) = only(lint_paths([tmp_path / "docs"]), "SK100")
    assert hit.path == str(tmp_path / "docs")


def test_findings_are_sorted_and_carry_file_and_line(tmp_path: Path) -> None:
    fm = "name: demo\ndescription: Extracts totals.\nversion: 1\nmetadata: 3\n"
    root = make_skill(tmp_path, "demo", frontmatter_text=fm, body=DEFAULT_BODY + "[x](gone.md)\n")
    findings = lint_skill(root)
    assert findings == sorted(findings, key=lambda f: (f.path, f.line or 0, f.code))
    md = [f for f in findings if f.path == str(root / "SKILL.md")]
    assert {(f.code, f.line) for f in md} >= {
        ("SK402", 3),
        ("SK116", 4),  # `version: 1` is a number; VLM Run's format (the default) wants a string
        ("SK111", 5),
        ("SK207", 11),
    }


def test_finding_paths_use_the_form_the_user_gave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    fm = frontmatter_for("demo", "Extracts totals.")  # SK402 on SKILL.md as well
    root = make_skill(tmp_path, "demo", frontmatter_text=fm, files={"tests/cases.yaml": "- [\n"})
    findings = lint_skill(root)
    assert {"SK307", "SK402"} <= set(codes(findings))
    assert all(f.path.startswith(str(tmp_path)) for f in findings), findings


def test_every_rule_has_a_test() -> None:
    """Every code in RULES is asserted by an `only(..., CODE)` call in this module (or, for
    the profiles and vlmrun.yaml rules, in test_profiles.py and test_vlmrun_yaml.py)."""
    here = Path(__file__).parent
    source = "".join(
        (here / name).read_text(encoding="utf-8")
        for name in ("test_lint.py", "test_profiles.py", "test_vlmrun_yaml.py")
    )
    tested = set(re.findall(r'only\(.*?"(SK\d{3})"\)', source))
    untested = set(RULES) - tested
    # SK305 is covered by the tests above.
    assert untested <= {"SK305"}, sorted(untested)
