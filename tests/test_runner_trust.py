"""Verdicts a CI can trust (issue 7, items 1-8 and 11): `skillkit test` never says green for a
skill that `pack` refuses or a case that checked nothing, ids are unique, shards are balanced,
times are each case's own, names come from the skill, and --update-missing follows cases.yaml.

Everything runs on the real in-process engine (no socket, no key) or from real recordings."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import REPO, make_skill, run_cli

from skillkit.cases import load_cases
from skillkit.runner import RunOptions, run_tests

SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"], "description": "Invoice number"},
        "total": {"type": ["number", "null"], "description": "Total amount due"},
    },
}
DOC = "ACME Corp\nInvoice Number: INV-001\nTotal: 1,234.50\n"
EXPECTED = {"invoice_number": "INV-001", "total": 1234.5}


def skill_with(base: Path, name: str = "demo", **files: str) -> Path:
    """A valid skill with schema.json and the given tests/ files (`name__ext` -> `name.ext`)."""
    tests = {f"tests/{k.replace('__', '.')}": v for k, v in files.items()}
    return make_skill(base, name, files={"schema.json": json.dumps(SCHEMA), **tests})


def report(path: Path) -> dict:
    return json.loads(path.read_text())


# --------------------------------------------------------------------------- 1. lint first


def test_a_skill_that_pack_refuses_is_not_run_by_test_or_generate(tmp_path: Path) -> None:
    skill = skill_with(tmp_path, "demo", inv__txt=DOC, inv__expected__json=json.dumps(EXPECTED))
    md = skill / "SKILL.md"
    md.write_text(md.read_text().replace("name: demo", "name: other-name"))
    validate = run_cli("validate", skill)
    finding = next(line for line in validate.stdout.splitlines() if "SK107" in line)

    for args in (("test", skill, "--local"), ("generate", skill, skill / "tests/inv.txt")):
        result = run_cli(*args)
        assert result.exit_code == 2, result.output
        assert finding in result.stderr.splitlines()  # exactly as validate prints it
        assert "not run" in result.stderr and "--no-validate" in result.stderr
        assert "passed" not in result.stdout and "invoice_number" not in result.stdout
    assert run_cli("pack", skill).exit_code == 1  # pack refuses the same skill

    forced = run_cli("test", skill, "--local", "--no-validate")
    assert forced.exit_code == 0, forced.output
    assert "1 passed" in forced.stdout
    generated = run_cli("generate", skill, skill / "tests/inv.txt", "--no-validate")
    assert generated.exit_code == 0 and json.loads(generated.stdout) == EXPECTED


def test_lint_errors_stop_the_library_run_too(tmp_path: Path) -> None:
    from skillkit.errors import SkillInvalid

    skill = skill_with(tmp_path, "demo", inv__txt=DOC)
    (skill / ".env").write_text("TOKEN=secret\n")  # SK203: would be bundled
    with pytest.raises(SkillInvalid) as caught:
        run_tests([skill], RunOptions(local=True))
    assert [f.code for f in caught.value.findings] == ["SK203"]
    run = run_tests([skill], RunOptions(local=True, validate=False))
    assert run.exit_code == 0


# --------------------------------------------------------------------------- 2. schema-only


def test_a_case_without_expected_file_is_schema_only_in_every_report(tmp_path: Path) -> None:
    skill = skill_with(
        tmp_path, "demo", inv__txt=DOC, inv__expected__json=json.dumps(EXPECTED), bare__txt=DOC
    )
    out = {k: tmp_path / f"r.{k}" for k in ("json", "xml", "md", "html")}
    result = run_cli(
        "test", skill, "--local", "--json", out["json"], "--junit", out["xml"],
        "--markdown", out["md"], "--html", out["html"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if "demo/bare" in x)
    assert line.startswith("SCHEMA-ONLY demo/bare") and "values not checked" in line
    assert "2 passed (1 schema-only: values not checked)" in result.stdout

    data = report(out["json"])
    bare = next(r for r in data["results"] if r["case"] == "bare")
    full = next(r for r in data["results"] if r["case"] == "inv")
    assert bare["expected"] is None and bare["checks"] == ["schema"]
    assert bare["outcome"] == "schema-only" and "values not checked" in bare["checked"]
    assert full["expected"] == EXPECTED and full["checks"] == ["schema", "values"]
    assert data["counts"]["schema_only"] == 1 and data["counts"]["passed"] == 2

    cases = {tc.get("name"): tc for tc in ET.parse(out["xml"]).getroot().iter("testcase")}
    props = {p.get("name"): p.get("value") for p in cases["bare"].iter("property")}
    assert props["outcome"] == "schema-only" and "values not checked" in props["checked"]
    assert "schema-only" in out["md"].read_text()
    assert '<span class="badge schema-only">schema-only</span>' in out["html"].read_text()


def test_require_expected_fails_schema_only_cases(tmp_path: Path) -> None:
    skill = skill_with(tmp_path, "demo", bare__txt=DOC)
    result = run_cli("test", skill, "--local", "--require-expected")
    assert result.exit_code == 1, result.output
    assert "no expected file" in result.stdout and "--update-missing" in result.stdout
    # Creating it in the same run satisfies the requirement.
    created = run_cli("test", skill, "--local", "--require-expected", "--update-missing")
    assert created.exit_code == 0, created.output
    assert (skill / "tests/bare.expected.json").is_file()


def test_a_case_with_neither_schema_nor_expected_says_it_checked_nothing(tmp_path: Path):
    """The service answers with its domain's schema, but the runner holds no schema to judge by
    and no expected values: green must say it checked nothing."""
    pytest.importorskip("vlmrun.hub")
    files = {"tests/bare.txt": DOC, "tests/cases.yaml": "defaults:\n  domain: document.invoice\n"}
    skill = make_skill(tmp_path, "demo", files=files)
    validate = run_cli("validate", skill)
    assert "SK406" in validate.stdout and validate.exit_code == 0  # a warning
    result = run_cli("test", skill, "--local")
    assert "UNCHECKED" in result.stdout and "nothing (no expected file and no schema)" in (
        result.stdout
    )
    assert "1 passed (1 unchecked: no expected file, no schema)" in result.stdout


@pytest.mark.parametrize("name", ["inv.expect.json", "inv.Expected.json", "inv.json", "inv_expected.json"])  # fmt: skip
def test_a_misspelt_expected_file_is_a_warning_naming_the_intent(tmp_path: Path, name: str):
    skill = skill_with(tmp_path, "demo", inv__pdf="", **{name.replace(".", "__"): "{}"})
    shutil.copy(REPO / "example_skills/invoice-extraction/tests/bluepeak-88213.pdf",
                skill / "tests/inv.pdf")  # fmt: skip
    result = run_cli("validate", skill)
    (line,) = [x for x in result.stdout.splitlines() if "SK405" in x]
    assert line.startswith(f"{skill / 'tests' / name}: SK405")
    assert "'inv.expected.json'" in line and "'inv.pdf'" in line
    assert result.exit_code == 0  # a warning, not an error


def test_a_proper_expected_file_and_unrelated_json_are_not_warned(tmp_path: Path) -> None:
    skill = skill_with(
        tmp_path, "demo", inv__txt=DOC, inv__expected__json=json.dumps(EXPECTED),
        notes__json="{}",
    )  # fmt: skip
    assert "SK405" not in run_cli("validate", skill).stdout


# --------------------------------------------------------------------------- 3. unique ids


def test_documents_sharing_a_stem_get_distinct_ids_and_cassettes(tmp_path: Path) -> None:
    skill = skill_with(
        tmp_path, "demo", acme__txt=DOC, acme__md=DOC, acme__expected__json=json.dumps(EXPECTED)
    )
    names = sorted(c.name for c in load_cases(skill))
    assert names == ["acme.md", "acme.txt"]
    recorded = run_cli("test", skill, "--local", "--record")
    assert recorded.exit_code == 0, recorded.output
    assert "cassettes: 2 recorded" in recorded.stdout
    assert sorted(p.name for p in (skill / "tests/cassettes").iterdir()) == [
        "acme.md.json",
        "acme.txt.json",
    ]
    out = tmp_path / "replay.json"
    replayed = run_cli("test", skill, "--replay", "--json", out)
    assert replayed.exit_code == 0, replayed.output
    assert sorted(r["case"] for r in report(out)["results"]) == names
    assert {r["status"] for r in report(out)["results"]} == {"passed"}


def test_ids_that_differ_only_in_case_are_distinct_too(tmp_path: Path) -> None:
    skill = skill_with(tmp_path, "demo", Acme__txt=DOC, acme__md=DOC)
    assert sorted(c.name for c in load_cases(skill)) == ["Acme.txt", "acme.md"]


def test_cases_yaml_documents_sharing_a_stem_need_their_own_ids(tmp_path: Path) -> None:
    skill = skill_with(
        tmp_path, "demo", acme__txt=DOC, acme__md=DOC,
        cases__yaml="cases:\n  - document: acme.txt\n  - document: acme.md\n",
    )  # fmt: skip
    result = run_cli("validate", skill)
    assert result.exit_code == 1
    assert "cases.yaml:3: SK307 duplicate case id 'acme' (first on line 2)" in result.stdout
    assert "need an 'id' each" in result.stdout


# --------------------------------------------------------------------------- 4. shards


def test_an_empty_shard_says_so_on_stderr(tmp_path: Path) -> None:
    skill = skill_with(tmp_path, "demo", a__txt=DOC, b__txt=DOC)
    seen: list[str] = []
    for index in (1, 2, 3):
        out = tmp_path / f"shard{index}.json"
        result = run_cli("test", skill, "--local", "--shard", f"{index}/3", "--json", out)
        assert result.exit_code == 0, result.output
        cases = [r["case"] for r in report(out)["results"]]
        seen += cases
        if not cases:
            assert "shard" in result.stderr and "is empty: 2 case(s) for 3 shards" in result.stderr
        else:
            assert "empty" not in result.stderr
    assert sorted(seen) == ["a", "b"]


# --------------------------------------------------------------------------- 5. honest times


def test_case_seconds_are_their_own_not_the_wait_for_a_slot(tmp_path: Path) -> None:
    docs = {f"d{i}__txt": DOC for i in range(6)}
    skill = skill_with(tmp_path, "demo", **docs)
    junit = tmp_path / "r.xml"
    from skillkit.report import junit as junit_report

    run = run_tests([skill], RunOptions(local=True, jobs=1), [junit_report.Report(junit)])
    results = run.results
    assert len(results) == 6 and run.seconds is not None
    spans = sorted((r.started_at, r.finished_at) for r in results)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert start >= end - 1e-6  # -j 1: one case at a time
    for r in results:
        assert r.seconds <= (r.finished_at - r.started_at) + 1e-6
    # The old clock ran from the run's start: with -j 1 the seconds summed to ~3x the wall time.
    assert sum(r.seconds for r in results) <= run.seconds
    root = ET.parse(junit).getroot()
    assert float(root.get("time")) == pytest.approx(run.seconds, abs=1e-3)
    (suite,) = root.iter("testsuite")
    assert float(suite.get("time")) <= run.seconds + 1e-3


# --------------------------------------------------------------------------- 6. skill names


def test_skill_names_come_from_the_skill_from_inside_it(tmp_path, monkeypatch) -> None:
    skill = skill_with(tmp_path, "demo", inv__txt=DOC, inv__expected__json=json.dumps(EXPECTED))
    for cwd, arg in ((skill, "."), (skill / "tests", "..")):
        monkeypatch.chdir(cwd)
        out = tmp_path / "r.json"
        result = run_cli("test", arg, "--local", "--json", out, "--junit", tmp_path / "r.xml")
        assert result.exit_code == 0, result.output
        assert "PASSED   demo/inv" in result.stdout
        (r,) = report(out)["results"]
        assert (r["skill"], r["case_id"]) == ("demo", "demo/inv")
        (suite,) = ET.parse(tmp_path / "r.xml").getroot().iter("testsuite")
        assert suite.get("name") == "demo"


# --------------------------------------------------------------------------- 8. update-missing


def test_update_missing_creates_the_expected_file_cases_yaml_names(tmp_path: Path) -> None:
    skill = skill_with(
        tmp_path, "demo", scan__txt=DOC,
        cases__yaml="cases:\n  - id: scan-1\n    document: scan.txt\n"
        "    expected: golden/scan-1.json\n",
    )  # fmt: skip
    lint = run_cli("validate", skill)
    assert lint.exit_code == 1 and "cases.yaml:2: SK309" in lint.stdout
    plain = run_cli("test", skill, "--local")
    assert plain.exit_code == 2 and "SK309" in plain.stderr  # not run: validate fails it
    forced = run_cli("test", skill, "--local", "--no-validate")
    assert forced.exit_code == 1 and "golden/scan-1.json" in forced.stdout
    created = run_cli("test", skill, "--local", "--update-missing")
    assert created.exit_code == 0, created.output
    target = skill / "tests/golden/scan-1.json"
    assert json.loads(target.read_text()) == EXPECTED
    assert "CREATED  demo/scan-1" in created.stdout and "1 created" in created.stdout
    again = run_cli("test", skill, "--local")
    assert again.exit_code == 0 and "PASSED   demo/scan-1" in again.stdout


# --------------------------------------------------------------------------- 11. small things


def test_update_reports_updated_not_passed(tmp_path: Path) -> None:
    wrong = {**EXPECTED, "total": 1.0}
    skill = skill_with(tmp_path, "demo", inv__txt=DOC, inv__expected__json=json.dumps(wrong))
    out = tmp_path / "r.json"
    result = run_cli("test", skill, "--local", "--update", "--json", out)
    assert result.exit_code == 0, result.output
    assert "UPDATED  demo/inv" in result.stdout and "PASSED" not in result.stdout
    assert "1 passed (1 updated)" in result.stdout
    (r,) = report(out)["results"]
    assert r["outcome"] == "updated" and r["snapshot_action"] == "updated"


def test_json_report_says_local_for_an_implicit_local_run(tmp_path: Path) -> None:
    skill = skill_with(tmp_path, "demo", inv__txt=DOC)
    out = tmp_path / "r.json"
    assert run_cli("test", skill, "--json", out).exit_code == 0
    assert report(out)["options"]["local"] is True
    assert report(out)["target"].startswith("local engine")


def test_nested_match_errors_name_the_keys_own_line(tmp_path: Path) -> None:
    cases = (
        "defaults:\n"  # 1
        "  match:\n"  # 2
        "    abs_tol: 0.01\n"  # 3
        "    paths:\n"  # 4
        "      /total:\n"  # 5
        "        abs_tol: -1\n"  # 6
    )
    skill = skill_with(tmp_path, "demo", inv__txt=DOC, cases__yaml=cases)
    result = run_cli("validate", skill)
    assert "cases.yaml:6: SK307 match.paths./total.abs_tol: expected a number >= 0" in (
        result.stdout
    )
    (skill / "tests/cases.yaml").write_text(
        "cases:\n  - id: inv\n    match:\n      ignore:\n        - /a\n        - 12\n"
    )
    result = run_cli("validate", skill)
    assert "cases.yaml:6: SK307 match.ignore[1]: expected a JSON pointer string" in result.stdout
    (skill / "tests/cases.yaml").write_text(
        "defaults:\n  match:\n    strings:\n      nfkc: true\n      bogus: true\n"
    )
    result = run_cli("validate", skill)
    assert "cases.yaml:5: SK307 match.strings: unknown normaliser 'bogus'" in result.stdout


def test_inspect_prints_column_headers(tmp_path: Path) -> None:
    skill = skill_with(tmp_path, "demo")
    payload = tmp_path / "p.json"
    assert run_cli("pack", skill, "-o", payload).exit_code == 0
    lines = run_cli("inspect", payload).stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("entries:")) + 1
    assert lines[header].split() == ["mode", "bytes", "zipped", "path"]
    assert lines[header + 1].split()[-1] == "SKILL.md"
