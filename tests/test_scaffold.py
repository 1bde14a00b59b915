"""`skillkit new`: every template gives a skill that validates with zero findings; never
overwrites; refuses bad names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import run_cli, tree_files

from skillkit.lint import lint_skill
from skillkit.scaffold import create_skill, templates
from skillkit.skill import load_skill

TEMPLATES = sorted(templates())


def test_the_issue_templates_exist() -> None:
    assert {"basic", "extraction", "agent"} <= set(TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES)
def test_new_skill_of_every_template_validates_with_zero_findings(
    tmp_path: Path, template: str
) -> None:
    name = f"my-{template}-skill"
    result = run_cli("new", name, "--template", template, "--dir", tmp_path)
    assert result.exit_code == 0, result.stderr
    root = tmp_path / name
    assert (root / "SKILL.md").is_file()
    assert lint_skill(root) == []
    assert lint_skill(root, profile="agentskills") == []  # frontmatter keys: the spec's only
    for profile in ("vlmrun", "agentskills"):
        strict = run_cli("validate", "--strict", "--format", "json", "--profile", profile, root)
        assert strict.exit_code == 0, strict.output
        assert json.loads(strict.stdout) == []
    skill = load_skill(root)
    assert skill.name == name
    assert "{{" not in (root / "SKILL.md").read_text()  # every placeholder filled


@pytest.mark.parametrize("template", TEMPLATES)
def test_new_skill_with_description_and_domain_still_validates(
    tmp_path: Path, template: str
) -> None:
    desc = 'Reads "quoted" things: colons, # hashes & more. Use when testing YAML quoting.'
    result = run_cli(
        "new",
        "quoting",
        "-t",
        template,
        "-d",
        tmp_path,
        "--description",
        desc,
        "--domain",
        "document.invoice",
    )
    assert result.exit_code == 0, result.stderr
    assert load_skill(tmp_path / "quoting").description == desc
    assert lint_skill(tmp_path / "quoting") == []
    assert lint_skill(tmp_path / "quoting", profile="agentskills") == []


def test_extraction_template_contents(tmp_path: Path) -> None:
    root = create_skill("inv", template="extraction", parent=tmp_path)
    schema = json.loads((root / "schema.json").read_text())
    assert schema.get("type") == "object" and schema.get("properties")
    assert (root / "tests").is_dir()
    cases = root / "tests" / "cases.yaml"
    assert cases.is_file()
    text = cases.read_text()
    assert any(line.lstrip().startswith("#") for line in text.splitlines())
    yaml.safe_load(text)  # the commented file is still valid YAML
    assert any(p.name.endswith(".expected.json") for p in (root / "tests").iterdir())


def test_new_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "here")
    assert result.exit_code == 0
    assert (tmp_path / "here" / "SKILL.md").is_file()
    assert "here" in result.stdout


@pytest.mark.parametrize(
    "name", ["Bad", "bad_name", "-lead", "trail-", "dou--ble", "a" * 65, "with space", "a/b", ""]
)
def test_invalid_names_are_refused(tmp_path: Path, name: str) -> None:
    result = run_cli("new", "--dir", tmp_path, "--", name)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert "name" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_unknown_template_is_refused(tmp_path: Path) -> None:
    result = run_cli("new", "demo", "--template", "nope", "--dir", tmp_path)
    assert result.exit_code == 2
    assert "basic" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("existing", ["folder", "file", "empty-folder"])
def test_never_overwrites(tmp_path: Path, existing: str) -> None:
    dest = tmp_path / "demo"
    if existing == "file":
        dest.write_text("precious\n")
        before: object = dest.read_bytes()
    else:
        dest.mkdir()
        if existing == "folder":
            (dest / "SKILL.md").write_text("my own work\n")
            (dest / "notes.txt").write_text("keep\n")
        before = tree_files(dest)
    result = run_cli("new", "demo", "-t", "extraction", "--dir", tmp_path)
    assert result.exit_code == 2
    assert "exists" in result.stderr
    after = dest.read_bytes() if existing == "file" else tree_files(dest)
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]  # no staging left behind


def test_multiline_description_refused(tmp_path: Path) -> None:
    result = run_cli("new", "demo", "--dir", tmp_path, "--description", "one\ntwo")
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_new_extraction_skill_passes_its_own_test_on_the_local_engine(tmp_path: Path) -> None:
    """The scaffold's sample case is a working example: `new` then `test` passes as made."""
    made = run_cli("new", "demo-extraction", "--template", "extraction", "--dir", tmp_path)
    assert made.exit_code == 0, made.stderr
    result = run_cli("test", tmp_path / "demo-extraction", "--local", "-q")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "1 passed, 0 failed" in result.stdout + result.stderr


def test_new_with_a_domain_writes_the_hub_schema_and_says_so(tmp_path: Path) -> None:
    pytest.importorskip("vlmrun.hub")
    from skillkit.server.hub import domain_schema

    result = run_cli(
        "new", "inv", "-t", "extraction", "-d", tmp_path, "--domain", "document.invoice"
    )
    assert result.exit_code == 0, result.output
    assert "schema.json: the document.invoice schema from vlmrun-hub" in result.stdout
    schema = json.loads((tmp_path / "inv" / "schema.json").read_text())
    hub = domain_schema("document.invoice").json_schema
    assert schema["properties"] == hub["properties"]
    # The template's sample expected file fitted the template's schema, not this one.
    assert not list((tmp_path / "inv" / "tests").glob("*.expected.json"))
    assert lint_skill(tmp_path / "inv") == []
    ran = run_cli("test", tmp_path / "inv", "--local")
    assert ran.exit_code == 0 and "schema-only" in ran.stdout, ran.output


def test_new_with_a_domain_but_no_hub_says_how_to_get_it(tmp_path, monkeypatch) -> None:
    import sys

    from skillkit.server import hub

    monkeypatch.setitem(sys.modules, "vlmrun.hub.registry", None)  # import fails, as uninstalled
    hub._registry.cache_clear()
    hub._domain_schema.cache_clear()
    try:
        result = run_cli("new", "inv", "-d", tmp_path, "--domain", "document.invoice")
    finally:
        hub._registry.cache_clear()
        hub._domain_schema.cache_clear()
    assert result.exit_code == 2
    assert 'pip install "skillkit-vlm[hub]"' in result.stderr
    assert "nothing was created" in result.stderr and not (tmp_path / "inv").exists()


def test_new_with_an_unknown_domain_names_the_known_ones(tmp_path: Path) -> None:
    pytest.importorskip("vlmrun.hub")
    result = run_cli("new", "inv", "-d", tmp_path, "--domain", "document.invoise")
    assert result.exit_code == 2 and "document.invoice" in result.stderr
    assert not (tmp_path / "inv").exists()


DRAFT_07 = "http://json-schema.org/draft-07/schema#"


@pytest.mark.parametrize("template", ["extraction", "agent"])
def test_template_schemas_are_draft07_as_vlmrun_docs_show(tmp_path: Path, template: str) -> None:
    root = create_skill("demo", template=template, parent=tmp_path)
    assert json.loads((root / "schema.json").read_text())["$schema"] == DRAFT_07


def test_agent_template_follows_vlmruns_layout(tmp_path: Path) -> None:
    from skillkit.bundle import pack_skill
    from skillkit.vlmrun_yaml import check_text, parse_graph

    root = create_skill("doc-agent", template="agent", parent=tmp_path)
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        "SKILL.md",
        "resources/field-guide.md",
        "schema.json",
        "tests/cases.yaml",
        "tests/sample.expected.json",
        "tests/sample.md",
        "vlmrun.yaml",
    ]
    text = (root / "vlmrun.yaml").read_text()
    assert check_text(text) == []
    config = yaml.safe_load(text)
    assert config["apiVersion"] == "vlm.run/v1alpha"
    assert config["model"] == "vlmrun-orion-1:auto"
    assert config["toolsets"] == ["core", "document"]
    assert config["metadata"] == {}
    graph, problems = parse_graph(config["graph"], lambda i: i + 1)
    assert problems == [] and graph is not None
    assert list(graph.declared) == ["ReadDocument", "ExtractFields", "Output"]
    assert [(a, b) for a, b, _, _ in graph.transitions] == [
        ("[*]", "ReadDocument"),
        ("ReadDocument", "ExtractFields"),
        ("ExtractFields", "Output"),
        ("Output", "[*]"),
    ]
    skill_md = (root / "SKILL.md").read_text()
    assert "](resources/field-guide.md)" in skill_md  # linked, so lint checks the link
    frontmatter = yaml.safe_load(skill_md.split("---")[1])
    assert set(frontmatter) == {"name", "description", "metadata"}  # spec keys only
    packed = pack_skill(root).files
    assert packed == ["SKILL.md", "resources/field-guide.md", "schema.json", "vlmrun.yaml"]
    # the link is really checked: without the file it is SK207
    (root / "resources" / "field-guide.md").unlink()
    assert [f.code for f in lint_skill(root)] == ["SK207"]


def test_new_agent_skill_passes_its_own_test_on_the_local_engine(tmp_path: Path) -> None:
    made = run_cli("new", "demo-agent", "--template", "agent", "--dir", tmp_path)
    assert made.exit_code == 0, made.stderr
    result = run_cli("test", tmp_path / "demo-agent", "--local", "-q")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "1 passed, 0 failed" in result.stdout + result.stderr


def test_package_data_ships_every_template_file() -> None:
    """pyproject's package-data globs (what the wheel holds) match every template file,
    resources/ and tests/ of the agent template included."""
    import glob
    import re

    from conftest import REPO

    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    line = re.search(r'^"skillkit.templates" = \[(.*)\]', text, re.M)
    assert line, "pyproject lost the templates' package-data"
    patterns = re.findall(r'"([^"]+)"', line.group(1))
    folder = REPO / "templates"
    shipped = {m for p in patterns for m in glob.glob(p, root_dir=folder)}
    files = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.parent != folder
    }
    assert "agent/resources/field-guide.md" in files
    assert files <= shipped, sorted(files - shipped)
