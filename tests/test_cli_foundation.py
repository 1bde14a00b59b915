"""The CLI shell and `skillkit validate`: formats, --strict, exit codes, trees of skills."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, frontmatter_for, make_skill, run_cli

from skillkit.lint import RULES

WARN_ONLY_FM = frontmatter_for("demo", "Extracts totals.")  # SK402 only (a warning)


def error_skill(base: Path) -> Path:
    """One error (SK104 on line 4) and one warning (SK402 on line 3)."""
    return make_skill(
        base, "demo", frontmatter_text=frontmatter_for("demo", "Extracts totals.") + "author: 2\n"
    )


# --------------------------------------------------------------------------- the shell


def test_help_lists_the_foundation_commands() -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    for name in ("new", "validate", "pack", "inspect", "unpack"):
        assert re.search(rf"^\s+{name}\b", result.stdout, re.M), name


@pytest.mark.parametrize("command", ["new", "validate", "pack", "inspect", "unpack"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert "skillkit " + command in result.stdout


def test_version() -> None:
    from skillkit import __version__

    result = run_cli("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_unknown_command_and_option_exit_2() -> None:
    assert run_cli("frobnicate").exit_code == 2
    result = run_cli("validate", "--no-such-option")
    assert result.exit_code == 2
    assert "no-such-option" in result.stderr
    assert run_cli("validate", "--format", "xml", ".").exit_code == 2


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    proc = subprocess.run(
        [sys.executable, "-m", "skillkit", "validate", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- validate


def test_validate_clean_skill_exit_0(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    result = run_cli("validate", root)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "valid" in result.stderr


def test_validate_accepts_a_skill_md_path(tmp_path: Path) -> None:
    root = error_skill(tmp_path)
    result = run_cli("validate", root / "SKILL.md")
    assert result.exit_code == 1
    assert "SK104" in result.stdout


def test_validate_defaults_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    error_skill(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "SK104" in result.stdout


def test_validate_text_format(tmp_path: Path) -> None:
    root = error_skill(tmp_path)
    result = run_cli("validate", root)
    assert result.exit_code == 1
    skill_md = root / "SKILL.md"
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{skill_md}:3: SK402 ")
    assert lines[1].startswith(f"{skill_md}:4: SK104 ")
    assert len(lines) == 2
    assert "1 error(s), 1 warning(s)" in result.stderr
    assert "\x1b[" not in result.stdout  # NO_COLOR honoured


def test_validate_warnings_only_exit_0_and_strict_exit_1(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", frontmatter_text=WARN_ONLY_FM)
    relaxed = run_cli("validate", root)
    assert relaxed.exit_code == 0
    assert "SK402" in relaxed.stdout
    strict = run_cli("validate", "--strict", root)
    assert strict.exit_code == 1
    assert "SK402" in strict.stdout


def test_validate_json_format(tmp_path: Path) -> None:
    root = error_skill(tmp_path)
    result = run_cli("validate", "--format", "json", root)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data == [
        {
            "code": "SK402",
            "severity": "warning",
            "message": data[0]["message"],
            "path": str(root / "SKILL.md"),
            "line": 3,
        },
        {
            "code": "SK104",
            "severity": "error",
            "message": data[1]["message"],
            "path": str(root / "SKILL.md"),
            "line": 4,
        },
    ]
    assert "author" in data[1]["message"]


def test_validate_json_clean_is_an_empty_list(tmp_path: Path) -> None:
    result = run_cli("validate", "--format", "json", make_skill(tmp_path, "demo"))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_validate_github_format(tmp_path: Path) -> None:
    root = error_skill(tmp_path)
    result = run_cli("validate", "--format", "github", root)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert re.fullmatch(
        rf"::warning file={re.escape(str(root / 'SKILL.md'))},line=3,title=SK402::\S.*", lines[0]
    )
    assert re.fullmatch(
        rf"::error file={re.escape(str(root / 'SKILL.md'))},line=4,title=SK104::\S.*", lines[1]
    )


def test_validate_github_finding_without_line(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={".env": "KEY=1\n"})
    result = run_cli("validate", "--format", "github", root)
    assert result.exit_code == 1
    assert result.stdout.strip() == (
        f"::error file={root / '.env'},title=SK203::"
        "looks like a secret; delete it or list it in .skillignore"
    )


def test_validate_github_escapes_special_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    make_skill(Path("a,b"), "demo", frontmatter_text=frontmatter_for('"100%"'), folder="demo")
    result = run_cli("validate", "--format", "github", "a,b")
    assert result.exit_code == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith("::error file=a%2Cb/demo/SKILL.md,line=2,title=SK106::")
    assert "100%25" in line


def test_validate_sarif_format(tmp_path: Path) -> None:
    root = error_skill(tmp_path)
    result = run_cli("validate", "--format", "sarif", root)
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "skillkit"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == set(RULES)
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("SK402", "warning"),
        ("SK104", "error"),
    ]
    loc = results[1]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == str(root / "SKILL.md")
    assert loc["region"]["startLine"] == 4


def test_validate_many_skills_in_a_tree(tmp_path: Path) -> None:
    tree = tmp_path / "skills"
    for i in range(20):
        make_skill(tree / f"team{i % 4}", f"skill-{i:02}")
    bad = make_skill(tree / "team1", "bad-one", folder="wrong-folder")
    make_skill(tree / "node_modules", "ignored", frontmatter_text="name: X\n")
    make_skill(tree / ".git" / "x", "ignored2", frontmatter_text="name: X\n")
    make_skill(tree / "team0" / "skill-00" / "tests", "ignored3", frontmatter_text="name: X\n")
    result = run_cli("validate", "--format", "json", tree)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(d["code"], d["path"]) for d in data] == [("SK107", str(bad / "SKILL.md"))]


def test_validate_several_paths(tmp_path: Path) -> None:
    a = make_skill(tmp_path, "alpha")
    b = make_skill(tmp_path, "beta", frontmatter_text=WARN_ONLY_FM.replace("demo", "beta"))
    result = run_cli("validate", "--format", "json", a, b)
    assert result.exit_code == 0
    assert [d["path"] for d in json.loads(result.stdout)] == [str(b / "SKILL.md")]


def test_validate_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert str(tmp_path / "nope") in result.stderr
    assert "Traceback" not in result.output


def test_validate_folder_without_skills_exit_1(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("validate", tmp_path / "empty")
    assert result.exit_code == 1
    assert "SK100" in result.stdout


def test_validate_invalid_utf8_does_not_crash(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", skill_md=b"---\nname: d\xffmo\n---\n")
    result = run_cli("validate", root)
    assert result.exit_code == 1
    assert "SK114" in result.stdout


def test_validate_example_skills_is_clean() -> None:
    """The repository's own examples must stay clean (issue 2, item 7)."""
    examples = REPO / "example_skills"
    if not any(examples.glob("*/SKILL.md")):
        pytest.skip("example_skills/ not written yet")
    result = run_cli("validate", "--strict", examples)
    assert result.exit_code == 0, result.stdout
