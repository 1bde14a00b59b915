"""The README stays true: its cases.yaml example is accepted as written, every rule code is in
its table, and every command it documents exists."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import REPO, run_cli

from skillkit.cases import load_cases
from skillkit.cli import COMMANDS
from skillkit.lint import RULES

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_cases_yaml_example_is_accepted(tmp_path: Path) -> None:
    block = re.search(r"```yaml\n(defaults:.*?)```", README, re.S)
    assert block, "the README lost its cases.yaml example"
    skill = tmp_path / "invoice-extraction"
    shutil.copytree(REPO / "example_skills" / "invoice-extraction", skill)
    tests = skill / "tests"
    source = next(tests.glob("*.pdf"))
    for name in ("acme-001", "acme-002"):
        shutil.copy(source, tests / f"{name}.pdf")
        shutil.copy(
            source.with_name(source.stem + ".expected.json"), tests / f"{name}.expected.json"
        )
    (tests / "cases.yaml").write_text(block.group(1), encoding="utf-8")
    cases = {c.name: c for c in load_cases(skill)}
    case = cases["acme-001"]
    assert case.domain == "document.invoice"
    assert case.min_score == 0.9
    assert case.config["page_indices"] == [0]
    assert case.rules.comparator == "exact"
    assert case.rules.fields == {"/vendor/name": "anls", "/notes": "anls"}
    assert cases["acme-002"].unreviewed and not case.unreviewed


def test_every_rule_is_in_the_table() -> None:
    for rule in RULES.values():
        assert f"| {rule.code} | {rule.severity} | {rule.summary} |" in README, rule.code


def test_every_command_is_documented_and_has_help_with_an_example() -> None:
    for name in COMMANDS:
        assert f"skillkit {name}" in README, name
        result = run_cli(name, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, f"`skillkit {name} --help` shows no example"


def test_opening_commands_are_the_ones_ci_runs() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    first, second = re.findall(r"^# \d\. .*\n(.+)$", README, re.M)[:2]
    install_and_run = first.split("&& ", 2)[-1]  # after creating and activating the venv
    assert install_and_run in ci
    assert second in ci


def test_every_install_line_names_the_distribution_not_the_unrelated_pypi_project() -> None:
    """`skillkit` on PyPI is someone else's project: copying `pip install skillkit[...]` from
    our docs would install it. Every install line says `skillkit-vlm`, as pyproject does."""
    from skillkit import DISTRIBUTION, install_hint

    project = re.search(r'^name = "([^"]+)"', (REPO / "pyproject.toml").read_text(), re.M)
    assert project and project.group(1) == DISTRIBUTION
    assert install_hint("local") == 'pip install "skillkit-vlm[local]"'
    texts = [REPO / "README.md", REPO / ".pre-commit-hooks.yaml"]
    texts += [p for p in (REPO / "skillkit").rglob("*.py")]
    texts += [p for p in (REPO / "templates").rglob("*") if p.is_file()]
    texts += [p for p in (REPO / "example_skills").rglob("*.md")]
    wrong = re.compile(r"pip install\s+[\"']?skillkit(?![-_\w])")
    for path in texts:
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n")):
            assert not wrong.search(line), f"{path.relative_to(REPO)}:{n + 1}: {line.strip()}"


def _python_api_section() -> str:
    section = re.search(r"^## Python API\n(.*?)^## ", README, re.S | re.M)
    assert section, "the README lost its Python API section"
    return section.group(1)


def test_python_api_example_runs_as_written(monkeypatch, capsys) -> None:
    """The README's library example is executed, not just shown: it packs, inspects, judges,
    runs the example skills and predicts through the in-process server."""
    block = re.search(r"```python\n(.*?)```", _python_api_section(), re.S)
    assert block, "the Python API section lost its example"
    monkeypatch.chdir(REPO)
    exec(compile(block.group(1), "README.md", "exec"), {"__name__": "readme_example"})
    printed = capsys.readouterr().out.splitlines()
    assert printed[1].endswith("passed; exit code 0"), printed
    assert printed[2].startswith("completed "), printed


def test_python_api_table_lists_exactly_the_exports() -> None:
    import skillkit

    table = _python_api_section().split("```python")[0]
    named = set(re.findall(r"`([A-Za-z_]+)`", table)) - {"skillkit"}
    exported = set(skillkit.__all__) - {"DISTRIBUTION", "__version__", "install_hint"}
    assert exported <= named, sorted(exported - named)
    assert named - exported <= {"local", "validate"}, sorted(named - exported)  # extra, command
