"""Validation profiles: `vlmrun` (the default: VLM Run's skill format) and `agentskills` (the
open Agent Skills spec alone), chosen with `--profile`, SKILLKIT_PROFILE or the pre-commit
hook's args. The same folder gets different verdicts under each, and every output format
(text, json, github, sarif) carries the rules both add.

Also here: draft-07 schemas (what VLM Run's docs prescribe) with tuple `items`, through lint,
`skillkit test` on the local engine and `generate`."""

from __future__ import annotations

import json
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from conftest import REPO, frontmatter_for, make_skill, only, run_cli

from skillkit.bundle import pack_skill
from skillkit.errors import SkillInvalid, UsageError
from skillkit.lint import (
    DEFAULT_PROFILE,
    PROFILES,
    RULES,
    Finding,
    lint_paths,
    lint_skill,
    require_valid,
)

BAD_YAML = (
    "apiVersion: vlm.run/v2\n"  # SK505, line 1
    "model: vlmrun-orion-1:auto\n"
    "toolsets: [core, documnt]\n"  # SK407, line 3
    "graph: |\n"
    "  stateDiagram-v2\n"
    "  A: Read the document\n"
    "  [*] --> A\n"
    "  A --> [*]\n"
)


def codes(findings: list[Finding]) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in findings]


def versioned(tmp_path: Path, extra: str, name: str = "demo") -> Path:
    """A valid skill whose frontmatter has `extra` from line 4 on."""
    return make_skill(tmp_path, name, frontmatter_text=frontmatter_for(name) + extra)


# --------------------------------------------------------------------------- the profiles


def test_the_profiles_and_the_default() -> None:
    assert PROFILES == ("vlmrun", "agentskills")
    assert DEFAULT_PROFILE == "vlmrun"


def test_vlmrun_allows_skill_version_and_version_the_spec_does_not(tmp_path: Path) -> None:
    root = versioned(tmp_path, 'skill_version: "20260408-9c3a43f5"\nversion: "1.0"\n')
    assert lint_skill(root) == []
    assert lint_skill(root, profile="vlmrun") == []
    hits = only(lint_skill(root, profile="agentskills"), "SK104")
    assert [(h.line, h.message) for h in hits] == [
        (
            4,
            "unknown frontmatter key 'skill_version'; allowed: name, description, license, "
            "compatibility, metadata, allowed-tools (VLM Run's format allows it: --profile "
            "vlmrun)",
        ),
        (
            5,
            "unknown frontmatter key 'version'; put it under `metadata:` (e.g. metadata: "
            '{version: "..."}) (VLM Run\'s format allows it: --profile vlmrun)',
        ),
    ]


def test_other_unknown_keys_are_errors_in_both_profiles(tmp_path: Path) -> None:
    root = versioned(tmp_path, "author: me\n")
    for profile in PROFILES:
        (hit,) = only(lint_skill(root, profile=profile), "SK104")
        assert hit.line == 4 and "'author'" in hit.message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "version: 1.0",
            'version must be a string, but 1.0 is read by YAML as a number; quote it (version: "1.0")',
        ),
        (
            "version: 1.10  # minor ten",
            'version must be a string, but 1.10 is read by YAML as a number; quote it (version: "1.10")',
        ),
        (
            "skill_version: 2",
            'skill_version must be a string, but 2 is read by YAML as a number; quote it (skill_version: "2")',
        ),
        (
            "skill_version: 2026-04-08",
            'skill_version must be a string, but 2026-04-08 is read by YAML as a date; quote it (skill_version: "2026-04-08")',
        ),
        (
            "version: yes",
            'version must be a string, but yes is read by YAML as a boolean; quote it (version: "yes")',
        ),
        (
            'version: ""',
            'version is empty; give the version as a string (version: "1.0") or remove it',
        ),
        (
            "version:",
            'version is empty; give the version as a string (version: "1.0") or remove it',
        ),
        ("version: [1, 2]", 'version must be one string, not a list; write version: "1.0"'),
    ],
)
def test_a_version_that_is_not_a_string_is_sk116_with_its_line_and_quotes(
    tmp_path: Path, line: str, message: str
) -> None:
    root = versioned(tmp_path, line + "\n")
    (hit,) = only(lint_skill(root), "SK116")
    assert (hit.line, hit.message) == (4, message)
    assert hit.path == str(root / "SKILL.md")
    # the open spec has no such key at all: SK104, never SK116
    agentskills = lint_skill(root, profile="agentskills")
    assert [c for c, _ in codes(agentskills)] == ["SK104"]


def test_vlmrun_yaml_is_checked_only_in_the_vlmrun_profile(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "agent", files={"vlmrun.yaml": BAD_YAML})
    vlmrun = lint_skill(root)
    assert codes(vlmrun) == [("SK505", 1), ("SK407", 3)]
    assert all(f.path == str(root / "vlmrun.yaml") for f in vlmrun)
    assert lint_skill(root, profile="agentskills") == []  # an ordinary file, bundled as is
    assert "vlmrun.yaml" in pack_skill(root).files


def test_lint_paths_passes_the_profile_on(tmp_path: Path) -> None:
    make_skill(tmp_path / "tree", "agent", files={"vlmrun.yaml": BAD_YAML})
    versioned(tmp_path / "tree", 'version: "1.0"\n', "versioned")
    assert codes(lint_paths([tmp_path / "tree"])) == [("SK505", 1), ("SK407", 3)]
    found = lint_paths([tmp_path / "tree"], profile="agentskills")
    assert [(f.code, Path(f.path).parent.name, f.line) for f in found] == [
        ("SK104", "versioned", 4)
    ]


def test_an_unknown_profile_is_a_usage_error(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    for call in (lambda: lint_skill(root, profile="vlm"), lambda: lint_paths([root], profile="x")):
        with pytest.raises(UsageError, match="choose one of: vlmrun, agentskills"):
            call()


def test_require_valid_lints_in_the_profile_it_is_given(tmp_path: Path) -> None:
    versioned_skill = versioned(tmp_path, 'skill_version: "3"\n')
    require_valid([versioned_skill])  # the default, vlmrun: valid
    with pytest.raises(SkillInvalid) as refused:
        require_valid([versioned_skill], profile="agentskills")
    assert [f.code for f in refused.value.findings] == ["SK104"]
    agent = make_skill(tmp_path, "agent", files={"vlmrun.yaml": BAD_YAML})
    with pytest.raises(SkillInvalid) as refused:
        require_valid([agent])
    assert [f.code for f in refused.value.findings] == ["SK505"]  # SK407 is a warning
    require_valid([agent], profile="agentskills")


def test_pack_refuses_a_skill_whose_vlmrun_yaml_is_invalid(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "agent", files={"vlmrun.yaml": BAD_YAML})
    result = run_cli("pack", root, "-o", tmp_path / "out.json")
    assert result.exit_code == 1
    assert f"{root / 'vlmrun.yaml'}:1: SK505 apiVersion is 'vlm.run/v2'" in result.stderr
    assert not (tmp_path / "out.json").exists()


# --------------------------------------------------------------------------- resources/


def test_resources_is_bundled_and_links_into_it_are_checked(tmp_path: Path) -> None:
    body = "# Demo\n\nSee [the guide](resources/guide.md) and [gone](resources/gone.md).\n"
    root = make_skill(
        tmp_path,
        "demo",
        body=body,
        files={"resources/guide.md": "# Guide\n", "resources/x.txt": "x"},
    )
    assert {"resources/guide.md", "resources/x.txt"} <= set(pack_skill(root).files)
    for profile in PROFILES:
        (hit,) = only(lint_skill(root, profile=profile), "SK207")
        assert hit.line == 8 and hit.message == "links to 'resources/gone.md', which does not exist"
    (root / ".skillignore").write_text("resources/guide.md\n")
    (hit,) = only(lint_skill(root), "SK208")
    assert (
        hit.line == 8 and "'resources/guide.md', which is excluded from the bundle" in hit.message
    )


def test_binary_files_belong_in_resources_in_vlmrun_and_only_in_assets_in_the_spec(
    tmp_path: Path,
) -> None:
    root = make_skill(tmp_path, "demo", files={"resources/logo.png": b"\x89PNG\r\n\x1a\n\x00\x00"})
    assert lint_skill(root) == []
    (hit,) = only(lint_skill(root, profile="agentskills"), "SK403")
    assert hit.path == str(root / "resources" / "logo.png")
    assert hit.message == (
        "binary file in the bundle; move it to assets/ if intended, or exclude it in .skillignore"
    )
    (root / "logo.png").write_bytes(b"\x00binary")
    (hit,) = only(lint_skill(root), "SK403")
    assert "move it to assets/ or resources/ if intended" in hit.message


# --------------------------------------------------------------------------- the CLI


def mixed_skill(tmp_path: Path) -> Path:
    """Valid in neither profile, for different reasons: `version: "1.0"` (SK104 in the spec)
    and a vlmrun.yaml with a wrong apiVersion (SK505) and an unknown toolset (SK407)."""
    return make_skill(
        tmp_path,
        "agent",
        frontmatter_text=frontmatter_for("agent") + 'version: "1.0"\n',
        files={"vlmrun.yaml": BAD_YAML},
    )


def test_cli_profile_option_gives_each_profile_its_findings(tmp_path: Path) -> None:
    root = mixed_skill(tmp_path)
    vlmrun = run_cli("validate", root)
    assert vlmrun.exit_code == 1
    assert [line.split(" ")[:2] for line in vlmrun.stdout.splitlines()] == [
        [f"{root / 'vlmrun.yaml'}:1:", "SK505"],
        [f"{root / 'vlmrun.yaml'}:3:", "SK407"],
    ]
    assert run_cli("validate", root, "--profile", "vlmrun").stdout == vlmrun.stdout
    spec = run_cli("validate", root, "--profile", "agentskills")
    assert spec.exit_code == 1
    assert [line.split(" ")[:2] for line in spec.stdout.splitlines()] == [
        [f"{root / 'SKILL.md'}:4:", "SK104"]
    ]


def test_cli_profile_from_the_environment_and_the_option_wins(tmp_path: Path) -> None:
    root = mixed_skill(tmp_path)
    env = {"SKILLKIT_PROFILE": "agentskills"}
    from_env = run_cli("validate", "--format", "json", root, env=env)
    assert [f["code"] for f in json.loads(from_env.stdout)] == ["SK104"]
    overridden = run_cli("validate", "--format", "json", root, "--profile", "vlmrun", env=env)
    assert [f["code"] for f in json.loads(overridden.stdout)] == ["SK505", "SK407"]
    upper = run_cli("validate", "--format", "json", root, env={"SKILLKIT_PROFILE": "AGENTSKILLS"})
    assert [f["code"] for f in json.loads(upper.stdout)] == ["SK104"]


@pytest.mark.parametrize("how", ["option", "env"])
def test_cli_unknown_profile_is_a_usage_error(tmp_path: Path, how: str) -> None:
    root = make_skill(tmp_path, "demo")
    if how == "option":
        result = run_cli("validate", root, "--profile", "claude")
    else:
        result = run_cli("validate", root, env={"SKILLKIT_PROFILE": "claude"})
    assert result.exit_code == 2
    assert "'claude' is not one of 'vlmrun', 'agentskills'" in result.stderr
    assert "Traceback" not in result.output


def test_cli_help_shows_the_profile_and_its_environment_variable() -> None:
    result = run_cli("validate", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "--profile [vlmrun|agentskills]" in text
    assert "env var: SKILLKIT_PROFILE" in text and "default: vlmrun" in text


def test_sarif_carries_the_new_rules_and_the_profile(tmp_path: Path) -> None:
    root = mixed_skill(tmp_path)
    result = run_cli("validate", "--format", "sarif", root)
    assert result.exit_code == 1
    (run,) = json.loads(result.stdout)["runs"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == set(RULES)
    for code in ("SK116", "SK407", "SK408", *(f"SK5{n:02}" for n in range(1, 13))):
        assert rules[code]["shortDescription"]["text"] == RULES[code].summary
        assert rules[code]["defaultConfiguration"]["level"] == RULES[code].severity
    assert rules["SK407"]["defaultConfiguration"]["level"] == "warning"
    assert rules["SK505"]["defaultConfiguration"]["level"] == "error"
    assert run["properties"] == {"profile": "vlmrun"}
    results = [
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in run["results"]
    ]
    assert results == [("SK505", "error", 1), ("SK407", "warning", 3)]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == str(root / "vlmrun.yaml")
    spec = json.loads(
        run_cli("validate", "--format", "sarif", root, "--profile", "agentskills").stdout
    )
    assert spec["runs"][0]["properties"] == {"profile": "agentskills"}
    assert [r["ruleId"] for r in spec["runs"][0]["results"]] == ["SK104"]


def test_github_annotations_for_vlmrun_yaml(tmp_path: Path) -> None:
    root = mixed_skill(tmp_path)
    result = run_cli("validate", "--format", "github", root)
    lines = result.stdout.splitlines()
    where = re.escape(str(root / "vlmrun.yaml"))
    assert len(lines) == 2
    assert re.fullmatch(
        rf"::error file={where},line=1,title=SK505::apiVersion is 'vlm.run/v2'.*", lines[0]
    )
    assert re.fullmatch(
        rf"::warning file={where},line=3,title=SK407::toolset 'documnt' .*did you mean 'document'\?.*",
        lines[1],
    )


def test_the_pre_commit_hook_documents_the_profile_and_watches_vlmrun_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    (documented,) = [line for line in header if "args:" in line]
    args = yaml.safe_load(documented.lstrip("# "))["args"]
    assert args == [".", "--profile", "agentskills"]
    assert any("SKILLKIT_PROFILE" in line for line in header)
    (hook,) = yaml.safe_load(text)
    assert hook["entry"] == "skillkit validate" and hook["args"] == ["."]
    watched = re.compile(hook["files"])
    for path in ("skills/agent/vlmrun.yaml", "vlmrun.yaml", "a/SKILL.md"):
        assert watched.search(path), path
    assert not watched.search("skills/agent/notes.yaml")
    # the documented args work as the hook runs them: from the repository root
    versioned(tmp_path, 'version: "1.0"\n')
    monkeypatch.chdir(tmp_path)
    assert run_cli("validate", *hook["args"]).exit_code == 0  # vlmrun: valid
    spec = run_cli("validate", *args)
    assert spec.exit_code == 1 and "SKILL.md:4: SK104" in spec.stdout


# --------------------------------------------------------------------------- draft-07 schemas

TUPLE_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "definitions": {"money": {"type": "object", "properties": {"amount": {"type": "number"}}}},
    "properties": {
        "invoice_number": {"type": ["string", "null"]},
        "pair": {
            "type": "array",
            "items": [{"type": "string"}, {"$ref": "#/definitions/money"}],
            "additionalItems": {"type": "integer"},
        },
    },
    "required": ["invoice_number"],
}


def tuple_skill(tmp_path: Path, expected: dict) -> Path:
    return make_skill(
        tmp_path,
        "pairs",
        files={
            "schema.json": json.dumps(TUPLE_SCHEMA, indent=2),
            "tests/a.txt": "Invoice Number: INV-7\nTotal: 12.50\n",
            "tests/a.expected.json": json.dumps(expected, indent=2),
        },
    )


def test_a_draft07_schema_with_tuple_items_is_valid_and_applied(tmp_path: Path) -> None:
    root = tuple_skill(tmp_path, {"invoice_number": "INV-7", "pair": ["a", {"amount": 1}, 2]})
    assert lint_skill(root) == [] and lint_skill(root, profile="agentskills") == []
    bad = tuple_skill(
        tmp_path / "bad", {"invoice_number": "INV-7", "pair": ["a", {"amount": "x"}, "z"]}
    )
    hits = only(lint_skill(bad), "SK304")
    assert [h.message.split(":")[0] for h in hits] == ["/pair/1/amount", "/pair/2"]


def test_skill_test_and_generate_run_a_draft07_tuple_schema_on_the_local_engine(
    tmp_path: Path,
) -> None:
    root = tuple_skill(tmp_path, {"invoice_number": "INV-7"})
    result = run_cli("test", root, "--local")
    assert result.exit_code == 0, result.output
    assert "1 passed, 0 failed" in result.output
    generated = run_cli("generate", root, root / "tests" / "a.txt", "--local")
    assert generated.exit_code == 0, generated.output
    out = json.loads(generated.stdout)
    assert out["invoice_number"] == "INV-7" and isinstance(out.get("pair", []), list)


def test_zip_of_a_vlmrun_skill_holds_vlmrun_yaml_and_resources(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        "agent",
        files={"vlmrun.yaml": BAD_YAML.replace("v2", "v1alpha"), "resources/r.md": "r\n"},
    )
    names = zipfile.ZipFile(BytesIO(pack_skill(root).zip_bytes)).namelist()
    assert names == ["SKILL.md", "resources/r.md", "vlmrun.yaml"]


def test_commands_that_lint_before_running_follow_skillkit_profile(tmp_path, monkeypatch) -> None:
    """`validate` and `test`/`pack` agree under SKILLKIT_PROFILE: a skill_version key passes
    the vlmrun profile and is refused (SK104) by pack when the variable says agentskills."""
    from conftest import frontmatter_for, make_skill, run_cli

    fm = frontmatter_for("versioned") + 'skill_version: "1.2"\n'
    skill = make_skill(tmp_path, "versioned", frontmatter_text=fm)
    assert run_cli("pack", str(skill), "-o", str(tmp_path / "a.zip")).exit_code == 0
    monkeypatch.setenv("SKILLKIT_PROFILE", "agentskills")
    refused = run_cli("pack", str(skill), "-o", str(tmp_path / "b.zip"))
    assert refused.exit_code == 1 and "SK104" in refused.stderr, refused.stderr
    assert not (tmp_path / "b.zip").exists()
    assert run_cli("validate", str(skill)).exit_code == 1
    monkeypatch.setenv("SKILLKIT_PROFILE", "strict")
    bad = run_cli("pack", str(skill), "-o", str(tmp_path / "c.zip"))
    assert bad.exit_code == 2 and "SKILLKIT_PROFILE='strict' is not a profile" in bad.stderr
