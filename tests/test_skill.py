"""Reading SKILL.md: real YAML, line endings, BOM, block scalars, line numbers, discovery."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DEFAULT_DESCRIPTION, make_skill

from skillkit.errors import SkillError
from skillkit.lint import lint_skill
from skillkit.skill import (
    discover_skills,
    find_skill_md,
    load_skill,
    parse_skill_md_text,
    read_skill_md,
    skill_root,
)

FOLDED = (
    "---\n"
    "name: demo\n"
    "description: >\n"
    "  Extracts invoice totals\n"
    "  from PDFs.\n"
    "\n"
    "  Use when an invoice arrives.\n"
    "license: MIT\n"
    "---\n"
    "# Body\n"
)


def test_plain_skill_is_read(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"schema.json": '{"type": "object"}'})
    skill = load_skill(root)
    assert skill.root == root
    assert skill.skill_md == root / "SKILL.md"
    assert skill.name == "demo"
    assert skill.description == DEFAULT_DESCRIPTION
    assert skill.frontmatter == {"name": "demo", "description": DEFAULT_DESCRIPTION}
    assert skill.body.strip().startswith("# Demo")
    assert skill.schema == {"type": "object"}


def test_load_skill_accepts_the_skill_md_path(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    assert load_skill(root / "SKILL.md").root == root
    assert skill_root(root / "SKILL.md") == root


def test_folded_description_is_joined_like_yaml_does() -> None:
    md = parse_skill_md_text(FOLDED)
    assert md.problem is None
    assert md.frontmatter is not None
    assert md.frontmatter["description"] == (
        "Extracts invoice totals from PDFs.\nUse when an invoice arrives.\n"
    )
    assert md.frontmatter["license"] == "MIT"
    assert md.key_lines == {"name": 2, "description": 3, "license": 8}
    assert md.body_line == 10
    assert md.body == "# Body\n"


def test_literal_description_keeps_line_breaks() -> None:
    text = "---\nname: demo\ndescription: |\n  First line.\n  Second line.\n---\nbody\n"
    md = parse_skill_md_text(text)
    assert md.frontmatter is not None
    # The trailing newline YAML's clip chomping adds is immaterial here; the inner break is not.
    assert md.frontmatter["description"].rstrip("\n") == "First line.\nSecond line."


def test_crlf_reads_the_same_as_lf(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    root.mkdir()
    (root / "SKILL.md").write_bytes(FOLDED.replace("\n", "\r\n").encode())
    md = read_skill_md(root / "SKILL.md")
    lf = parse_skill_md_text(FOLDED)
    assert md.problem is None
    assert md.frontmatter == lf.frontmatter
    assert "\r" not in md.frontmatter["description"]
    assert md.key_lines == lf.key_lines
    assert md.body == "# Body\n"


def test_old_mac_cr_only_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "SKILL.md"
    path.write_bytes(b"---\rname: demo\rdescription: Does x. Use when y.\r---\rbody\r")
    md = read_skill_md(path)
    assert md.frontmatter == {"name": "demo", "description": "Does x. Use when y."}


def test_utf8_bom_is_ignored(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    root.mkdir()
    (root / "SKILL.md").write_bytes(b"\xef\xbb\xbf" + FOLDED.replace("\n", "\r\n").encode())
    skill = load_skill(root)
    assert skill.name == "demo"
    assert skill.description == "Extracts invoice totals from PDFs.\nUse when an invoice arrives.\n"
    md = read_skill_md(root / "SKILL.md")
    assert md.key_lines["license"] == 8


def test_bom_and_crlf_skill_lints_clean(tmp_path: Path) -> None:
    text = f"---\nname: demo\ndescription: {DEFAULT_DESCRIPTION}\n---\n\n# Demo\n\nDo it.\n"
    root = tmp_path / "demo"
    root.mkdir()
    (root / "SKILL.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert lint_skill(root) == []


def test_unicode_values_survive() -> None:
    text = "---\nname: demo\ndescription: Lit les factures (€, ü, 日本). Use when …\n---\nx\n"
    md = parse_skill_md_text(text)
    assert md.frontmatter is not None
    assert md.frontmatter["description"] == "Lit les factures (€, ü, 日本). Use when …"


@pytest.mark.parametrize(
    ("frontmatter", "line"),
    [
        ("name: demo\ndescription: a: b: c\n", 3),
        ("name: demo\ndescription: ok\nlicense: MIT\n\tbad: tab\n", 5),
        ("name: demo\ndescription: 'unclosed\n", 3),
    ],
)
def test_yaml_error_reports_the_file_line(frontmatter: str, line: int) -> None:
    md = parse_skill_md_text(f"---\n{frontmatter}---\nbody\n")
    assert md.problem is not None
    code, message, got = md.problem
    assert code == "SK102"
    assert "not valid YAML" in message
    assert got == line


def test_yaml_error_line_counts_with_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "SKILL.md"
    text = "---\nname: demo\nlicense: MIT\ndescription: a: b\n---\nbody\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    md = read_skill_md(path)
    assert md.problem is not None
    assert md.problem[0] == "SK102"
    assert md.problem[2] == 4


def test_key_lines_follow_comments_and_blank_lines() -> None:
    text = (
        "---\n# a comment\n\nname: demo\n# another\ndescription: >-\n  x\n  y\n"
        "metadata:\n  version: '1'\ncompatibility: python\n---\nbody\n"
    )
    md = parse_skill_md_text(text)
    assert md.key_lines == {"name": 4, "description": 6, "metadata": 9, "compatibility": 11}
    assert md.line_of("name") == 4
    assert md.line_of("absent") == 1


def test_safe_loader_refuses_python_tags() -> None:
    md = parse_skill_md_text("---\nname: !!python/object/apply:os.system ['true']\n---\nx\n")
    assert md.frontmatter is None
    assert md.problem is not None and md.problem[0] == "SK102"


def test_missing_frontmatter() -> None:
    md = parse_skill_md_text("# Just a heading\n")
    assert md.problem is not None
    assert md.problem[0] == "SK101"
    assert md.problem[2] == 1


def test_unclosed_frontmatter() -> None:
    md = parse_skill_md_text("---\nname: demo\ndescription: x\n# body\n")
    assert md.problem is not None
    assert md.problem[0] == "SK101"
    assert "not closed" in md.problem[1]


@pytest.mark.parametrize("block", ["- a\n- b\n", "just a string\n", "", "42\n"])
def test_non_mapping_frontmatter(block: str) -> None:
    md = parse_skill_md_text(f"---\n{block}---\nbody\n")
    assert md.problem is not None
    assert md.problem[0] == "SK103"


def test_invalid_utf8_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", skill_md=b"---\nname: demo\ndescription: caf\xe9\n---\n")
    md = read_skill_md(root / "SKILL.md")
    assert md.problem is not None
    assert md.problem[0] == "SK114"
    assert "UTF-8" in md.problem[1]
    with pytest.raises(SkillError) as err:
        load_skill(root)
    assert "UTF-8" in err.value.message
    assert err.value.path == str(root / "SKILL.md")


def test_load_skill_errors_name_the_file_and_line(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", frontmatter_text="name: demo\ndescription: a: b\n")
    with pytest.raises(SkillError) as err:
        load_skill(root)
    assert err.value.path == str(root / "SKILL.md")
    assert err.value.line == 3
    assert str(err.value).startswith(f"{root / 'SKILL.md'}:3: ")


def test_load_skill_missing_folder_and_missing_skill_md(tmp_path: Path) -> None:
    with pytest.raises(SkillError, match="no such file"):
        load_skill(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SkillError, match="no SKILL.md"):
        load_skill(tmp_path / "empty")


def test_load_skill_bad_schema_json_names_the_line(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"schema.json": '{\n  "type": "object",\n}\n'})
    with pytest.raises(SkillError) as err:
        load_skill(root)
    assert err.value.path == str(root / "schema.json")
    assert err.value.line == 3


def test_lowercase_skill_md_is_found(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    root.mkdir()
    (root / "skill.md").write_text(f"---\nname: demo\ndescription: {DEFAULT_DESCRIPTION}\n---\nx\n")
    assert find_skill_md(root) == root / "skill.md"
    assert load_skill(root).name == "demo"


def test_discover_skills_in_a_tree(tmp_path: Path) -> None:
    a = make_skill(tmp_path / "skills", "alpha")
    b = make_skill(tmp_path / "skills" / "group", "beta")
    # Places a search must never look into:
    make_skill(tmp_path / "skills" / ".git", "in-git")
    make_skill(tmp_path / "skills" / "node_modules", "in-node-modules")
    venv = tmp_path / "skills" / "myenv"
    venv.mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
    make_skill(venv / "lib", "in-venv")
    make_skill(tmp_path / "skills" / ".venv", "in-dot-venv")
    make_skill(a / "tests", "fixture-skill")  # a skill's own tests/ folder
    assert discover_skills([tmp_path / "skills"]) == sorted([a, b])


def test_discover_skills_accepts_folder_skill_md_and_dedups(tmp_path: Path) -> None:
    a = make_skill(tmp_path, "alpha")
    assert discover_skills([a, a / "SKILL.md", tmp_path]) == [a]


def test_discover_skills_tests_folder_outside_a_skill_is_searched(tmp_path: Path) -> None:
    """Only a *skill's* tests/ folder is skipped; a repo-level tests/ may hold skills."""
    inner = make_skill(tmp_path / "tests", "fixture")
    assert discover_skills([tmp_path]) == [inner]


def test_discover_skills_refuses_missing_and_non_skill_files(tmp_path: Path) -> None:
    with pytest.raises(SkillError, match="no such file"):
        discover_skills([tmp_path / "missing"])
    other = tmp_path / "README.md"
    other.write_text("hi")
    with pytest.raises(SkillError, match="not a skill"):
        discover_skills([other])
