"""--lift: each case also runs without the skill (no `skills`, no schema from the skill's
schema.json: only the case's own config and domain), on the real local app in-process.

The local engine ignores a skill's instructions, so here the lift measures the schema the
skill ships: with it the output has the skill's fields; without it, the domain's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_skill, run_cli

from skillkit.report import junit, markdown
from skillkit.runner import RunOptions, run_tests

SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"], "description": "Invoice number"},
        "total": {"type": ["number", "null"], "description": "Total amount due"},
    },
}
DOCS = {
    "tests/a.txt": "ACME Corp\nInvoice Number: INV-001\nTotal: 1,234.50\n",
    "tests/b.txt": "Globex\nInvoice Number: INV-002\nTotal: 99.00\n",
    "tests/a.expected.json": json.dumps({"invoice_number": "INV-001", "total": 1234.5}),
    # total expected 100, got 99: TP 1, FP 1, FN 1 -> F1 0.5 with the skill
    "tests/b.expected.json": json.dumps({"invoice_number": "INV-002", "total": 100}),
}


def skill_with_schema(base: Path, cases_yaml: str | None) -> Path:
    files = {"schema.json": json.dumps(SCHEMA), **DOCS}
    if cases_yaml is not None:
        files["tests/cases.yaml"] = cases_yaml
    return make_skill(base, "inv", files=files)


def test_a_schema_shipping_skill_lifts_over_the_domain_schema(tmp_path):
    skill = skill_with_schema(tmp_path, "defaults:\n  domain: document.invoice\n")
    out, md = tmp_path / "r.json", tmp_path / "r.md"
    result = run_cli("test", skill, "--local", "--lift", "--json", out, "--markdown", md)
    data = json.loads(out.read_text())
    lift = {r["case"]: r["lift"] for r in data["results"]}
    # Without the skill the output follows document.invoice's schema: neither of the two
    # expected keys is there (TP 0), so F1 0 on both cases.
    assert lift["a"] == {"with": 1.0, "without": 0.0, "delta": 1.0, "note": None}
    assert lift["b"] == {"with": 0.5, "without": 0.0, "delta": 0.5, "note": None}
    assert data["lift"] == {"cases": 2, "with": 0.75, "without": 0.0, "delta": 0.75}
    assert "lift: +0.750 mean over 2 case(s) (F1 0.750 with the skill, 0.000 without)" in (
        result.stdout
    )
    assert "+0.500" in result.stdout and "| lift |" not in result.stdout  # console column
    assert "| F1 without skill | lift |" in md.read_text()
    # the runs without the skill cost predictions too: 2 cases x 2 runs
    assert data["cost"]["predictions"] == 4
    assert result.exit_code == 1  # b fails at min_score 1: the lift does not change verdicts


def test_without_a_shipped_schema_the_local_lift_is_zero(tmp_path):
    """The case names its own schema (config.json_schema): both runs send it, and the local
    engine ignores instructions, so the skill adds exactly nothing here."""
    cases = "defaults:\n  config:\n    json_schema: " + json.dumps(SCHEMA) + "\n"
    skill = make_skill(tmp_path, "inv", files={**DOCS, "tests/cases.yaml": cases})
    run = run_tests([skill], RunOptions(local=True, lift=True, jobs=2))
    by = {r.case: r.lift for r in run.results}
    assert (by["a"].with_skill, by["a"].without, by["a"].delta) == (1.0, 1.0, 0.0)
    assert (by["b"].with_skill, by["b"].without, by["b"].delta) == (0.5, 0.5, 0.0)
    assert run.lift() == {"cases": 2, "with": 0.75, "without": 0.75, "delta": 0.0}
    props = junit.render(run)
    assert 'name="lift" value="+0.000"' in props and 'name="lift_without" value="0.500"' in props


def test_no_schema_without_the_skill_is_said_not_guessed(tmp_path):
    skill = skill_with_schema(tmp_path, None)  # no domain, no config.json_schema
    run = run_tests([skill], RunOptions(local=True, lift=True, jobs=2))
    for r in run.results:
        assert r.lift.without is None and r.lift.delta is None
        assert "no output schema" in r.lift.note
    assert run.lift()["cases"] == 0
    assert r.cost.predictions == 1  # nothing was sent without the skill
    assert "lift: no case could be compared" in markdown.render(run)


def test_lift_records_and_replays_the_run_without_the_skill_apart(tmp_path):
    skill = skill_with_schema(tmp_path, "defaults:\n  domain: document.invoice\n")
    recorded = run_cli("test", skill, "--local", "--lift", "--record", "-k", "a")
    assert recorded.exit_code == 0, recorded.output
    own = json.loads((skill / "tests" / "cassettes" / "a.json").read_text())
    bare = json.loads((skill / "tests" / "cassettes" / "a.noskill.json").read_text())
    assert bare["inputs"]["without_skill"] is True and bare["inputs"]["bundle_sha256"] == ""
    assert "json_schema" not in bare["inputs"]["config"]
    assert "without_skill" not in own["inputs"] and own["inputs"]["bundle_sha256"]
    assert own["fingerprint"] != bare["fingerprint"]
    run = run_tests([skill], RunOptions(replay=True, lift=True, pattern="a"))
    (r,) = run.results
    assert (r.lift.with_skill, r.lift.without, r.lift.delta) == (1.0, 0.0, 1.0)
    # a plain replay never needs the recording without the skill
    (bare_path := skill / "tests" / "cassettes" / "a.noskill.json").unlink()
    assert run_tests([skill], RunOptions(replay=True, pattern="a")).exit_code == 0
    missing = run_tests([skill], RunOptions(replay=True, lift=True, pattern="a")).results[0]
    assert missing.lift.without is None and "no recording" in missing.lift.note
    assert not bare_path.exists()


@pytest.mark.parametrize("extra", [["--published"], ["--update"]])
def test_lift_refuses_what_it_cannot_compare(tmp_path, extra):
    result = run_cli("test", skill_with_schema(tmp_path, None), "--local", "--lift", *extra)
    assert result.exit_code == 2 and "--lift" in result.stderr
