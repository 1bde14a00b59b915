"""`skillkit diff OLD.json NEW.json` and `skillkit test --baseline OLD.json`, on JSON reports of
real local runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_skill, run_cli

SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"], "description": "Invoice number"},
        "total": {"type": ["number", "null"], "description": "Total amount due"},
    },
}
FILES = {
    "schema.json": json.dumps(SCHEMA),
    "tests/cases.yaml": "defaults:\n  min_score: 0\n",  # every case passes: F1 alone moves
    "tests/a.txt": "ACME Corp\nInvoice Number: INV-001\nTotal: 1,234.50\n",
    "tests/b.txt": "Globex\nInvoice Number: INV-002\nTotal: 99.00\n",
    "tests/a.expected.json": json.dumps({"invoice_number": "INV-001", "total": 1234.5}),
    "tests/b.expected.json": json.dumps({"invoice_number": "INV-002", "total": 99.0}),
}


def break_b(skill: Path) -> None:
    """b's expected total 100 (the engine reads 99): F1 1 -> 0.5; /total over a and b:
    TP 2 -> TP 1, FP 1, FN 1: F1 1 -> 2/4 = 0.5."""
    (skill / "tests" / "b.expected.json").write_text(
        json.dumps({"invoice_number": "INV-002", "total": 100})
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("diff")
    skill = make_skill(base, "inv", files=FILES)
    old, new = base / "old.json", base / "new.json"
    assert run_cli("test", skill, "--local", "--json", old).exit_code == 0
    break_b(skill)
    assert run_cli("test", skill, "--local", "--json", new).exit_code == 0  # still passes
    return {"skill": skill, "old": old, "new": new, "base": base}


def test_text_diff_names_the_case_and_the_field_and_exits_1(runs):
    result = run_cli("diff", runs["old"], runs["new"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"skillkit diff: {runs['old']} -> {runs['new']}"
    assert lines[1] == (
        "1 regressed, 0 improved, 1 unchanged, 0 new, 0 vanished; fields: 1 regressed, "
        "0 improved (F1 tolerance 0)"
    )
    assert any(line.split()[:6] == ["inv/b", "passed", "F1", "1.000", "->", "0.500"]
               for line in lines)  # fmt: skip
    field = next(line for line in lines if line.strip().startswith("/total"))
    assert "F1 1.000 -> 0.500 (-0.500)" in field and "in inv/b" in field


def test_same_report_twice_exits_0(runs):
    result = run_cli("diff", runs["old"], runs["old"])
    assert result.exit_code == 0 and "0 regressed" in result.stdout


def test_markdown_and_json_formats_and_output_file(runs, tmp_path):
    md = run_cli("diff", runs["old"], runs["new"], "--format", "markdown")
    assert md.exit_code == 1 and md.stdout.startswith("### skillkit diff\n")
    assert "| inv/b | passed | 1.000 → 0.500 | -0.500 |" in md.stdout
    out = tmp_path / "diff.json"
    written = run_cli("diff", runs["old"], runs["new"], "--format", "json", "-o", out)
    assert written.exit_code == 1 and written.stdout == ""
    data = json.loads(out.read_text())
    assert data["has_regressions"] is True and data["counts"]["regressed"] == 1
    assert [f["path"] for f in data["fields"]] == ["/total"]
    assert data["fields"][0]["old"] == 1.0 and data["fields"][0]["new"] == 0.5
    dash = run_cli("diff", runs["old"], runs["new"], "--format", "json", "-o", "-")
    assert json.loads(dash.stdout) == data


def test_tolerance_absorbs_a_small_enough_fall(runs):
    assert run_cli("diff", runs["old"], runs["new"], "--tolerance", "0.5").exit_code == 0
    assert run_cli("diff", runs["old"], runs["new"], "--tolerance", "0.49").exit_code == 1
    bad = run_cli("diff", runs["old"], runs["new"], "--tolerance", "-1")
    assert bad.exit_code == 2


def test_bad_input_is_exit_2_with_one_line_naming_the_file(runs, tmp_path):
    missing = run_cli("diff", runs["old"], tmp_path / "nope.json")
    assert missing.exit_code == 2 and missing.stdout == ""
    assert missing.stderr.count("\n") == 1 and "nope.json" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = run_cli("diff", broken, runs["new"])
    assert result.exit_code == 2 and "broken.json" in result.stderr
    assert "is not JSON" in result.stderr and result.stderr.count("\n") == 1


def test_help_has_an_example_section():
    result = run_cli("diff", "--help")
    assert result.exit_code == 0 and "Examples:" in result.stdout
    assert "skillkit diff baseline.json report.json" in result.stdout
    assert "diff" in run_cli("--help").stdout


def test_baseline_gates_a_run_that_passed(runs):
    result = run_cli("test", runs["skill"], "--local", "--baseline", runs["old"])
    assert "2 passed, 0 failed" in result.stdout  # every case passed...
    assert "1 regressed, 0 improved" in result.stdout  # ...but b fell against the baseline
    assert result.exit_code == 1
    same = run_cli("test", runs["skill"], "--local", "--baseline", runs["new"])
    assert same.exit_code == 0 and "0 regressed" in same.stdout
    loose = run_cli(
        "test", runs["skill"], "--local", "--baseline", runs["old"], "--tolerance", "0.5"
    )
    assert loose.exit_code == 0


def test_a_bad_baseline_is_a_usage_error_before_anything_runs(runs, tmp_path):
    result = run_cli("test", runs["skill"], "--local", "--baseline", tmp_path / "none.json")
    assert result.exit_code == 2 and "none.json" in result.stderr
    assert "skillkit test: target" not in result.stdout  # nothing ran
