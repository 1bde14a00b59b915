"""Report writers: JUnit structure, JSON contents, Markdown, GitHub annotations, console text,
and files rewritten as each case finishes."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

from skillkit.compare import Difference
from skillkit.report import console, github, junit, markdown
from skillkit.report import json as json_report
from skillkit.runner import CaseResult, RunOptions, RunResult


def result(case: str, status: str, **extra) -> CaseResult:
    values = {
        "case_id": f"inv/{case}",
        "skill": "inv",
        "case": case,
        "node_id": f"skills/inv/tests/cases.yaml::{case}",
        "file": f"skills/inv/tests/{case}.expected.json",
        "line": None,
        "document": f"skills/inv/tests/{case}.pdf",
        "status": status,
        "seconds": 0.25,
        "checks": ["schema", "values"],
    }
    values.update(extra)
    return CaseResult(**values)


def sample_run() -> RunResult:
    run = RunResult(target="http://127.0.0.1:8000/v1", options=RunOptions(), started="2026-01-01")
    run.results = [
        result("ok", "passed", f1=1.0, precision=1.0, recall=1.0),
        result(
            "bad",
            "failed",
            f1=0.8,
            message="F1 0.800 below min_score 1; 1 field(s) differ",
            differences=[
                Difference("changed", "/total", 100, 101)  # "/total: expected 100, got 101"
            ],
            file="skills/inv/tests/cases.yaml",
            line=7,
        ),
        result("down", "error", message="prediction failed: cannot read the PDF"),
        result("later", "skipped", message="flaky upstream"),
    ]
    run.total = 4
    run.finished = "2026-01-01T00:00:01"
    return run


def test_junit_keeps_failures_errors_and_skips_apart():
    root = ET.fromstring(junit.render(sample_run()))
    assert root.tag == "testsuites"
    assert root.attrib["tests"] == "4" and root.attrib["failures"] == "1"
    assert root.attrib["errors"] == "1" and root.attrib["skipped"] == "1"
    (suite,) = root.findall("testsuite")
    assert suite.attrib["name"] == "inv"
    cases = {tc.attrib["name"]: tc for tc in suite.findall("testcase")}
    assert set(cases) == {"ok", "bad", "down", "later"}
    assert all(tc.attrib["classname"] == "inv" for tc in cases.values())
    assert cases["ok"].find("failure") is None and cases["ok"].find("error") is None
    failure = cases["bad"].find("failure")
    assert failure is not None and "/total: expected 100, got 101" in failure.text
    assert cases["bad"].find("error") is None and cases["bad"].attrib["line"] == "7"
    error = cases["down"].find("error")
    assert error is not None and "cannot read the PDF" in error.attrib["message"]
    assert cases["down"].find("failure") is None
    assert cases["later"].find("skipped").attrib["message"] == "flaky upstream"


def test_json_report_has_every_result_differences_and_metadata():
    data = json.loads(json_report.render(sample_run()))
    assert data["target"] == "http://127.0.0.1:8000/v1"
    assert data["versions"]["skillkit"] and data["versions"]["python"]
    assert data["options"]["jobs"] == 4 and data["options"]["api_key"] is None
    assert data["counts"] == {
        **{"passed": 1, "failed": 1, "error": 1, "skipped": 1},
        **{"schema_only": 0, "unchecked": 0, "updated": 0, "created": 0, "unreviewed": 0},
    }
    assert data["exit_code"] == 1
    bad = next(r for r in data["results"] if r["case"] == "bad")
    assert bad["differences"][0]["path"] == "/total"
    assert bad["location"] == "skills/inv/tests/cases.yaml:7"


def test_json_report_never_holds_the_api_key():
    run = sample_run()
    run.options = RunOptions(api_key="sk-secret-value")
    assert "sk-secret-value" not in json_report.render(run)


def test_markdown_lists_results_and_only_the_differing_fields():
    text = markdown.render(sample_run())
    assert "| inv | bad | ❌ failed | 0.800 |" in text
    assert "/total: expected 100, got 101" in text
    assert "1 passed, 1 failed, 1 error, 1 skipped" in text


def test_github_annotations_and_step_summary(tmp_path):
    out = io.StringIO()
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    report = github.Report(stream=out, summary_path=str(summary))
    run = sample_run()
    for r in run.results:
        report.case_finished(r, run)
    report.finish(run)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2  # the failure and the error
    assert lines[0].startswith(
        "::error file=skills/inv/tests/cases.yaml,line=7,title=skillkit failed%3A inv/bad::"
    )
    assert "%0A" in lines[0] or "/total" in lines[0]
    assert summary.read_text().startswith("earlier step\n# skillkit test")


def test_console_plain_output_names_target_first_and_shows_fields(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = io.StringIO()
    report = console.Report(out)
    run = sample_run()
    results, run.results = run.results, []
    report.start(run)
    for r in results:
        run.results.append(r)
        report.case_finished(r, run)
    report.finish(run)
    text = out.getvalue()
    assert text.splitlines()[0] == "skillkit test: target: http://127.0.0.1:8000/v1"
    assert "\x1b[" not in text  # no colour, no cursor movement off a terminal
    assert "FAILED   inv/bad (F1 0.800, 0.25 s)" in text
    assert "    /total: expected 100, got 101" in text
    assert "prediction failed: cannot read the PDF" in text
    assert text.rstrip().endswith("1 passed, 1 failed, 1 error, 1 skipped")


def test_report_files_are_rewritten_as_cases_finish(tmp_path):
    path = tmp_path / "out" / "report.json"
    report = json_report.Report(path)
    run = sample_run()
    results, run.results = run.results, []
    report.start(run)
    assert json.loads(path.read_text())["results"] == []
    run.results.append(results[0])
    report.case_finished(results[0], run)
    assert [r["case"] for r in json.loads(path.read_text())["results"]] == ["ok"]
    assert [p.name for p in path.parent.iterdir()] == ["report.json"]  # no temp files left


def test_every_report_names_the_inline_bundle_that_ran(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    from skillkit.report import html

    run = sample_run()
    sha = "9c3a43f5e1aa" + "0" * 52
    run.skill_versions = {"inv": f"inline:{sha[:12]}"}
    for r in run.results:
        r.skill_version, r.bundle_sha256 = f"inline:{sha[:12]}", sha
    label = "inv inline:9c3a43f5e1aa (inline bundle)"

    data = json.loads(json_report.render(run))
    assert data["skill_versions"] == {"inv": "inline:9c3a43f5e1aa"}
    assert {r["skill_version"] for r in data["results"]} == {"inline:9c3a43f5e1aa"}
    assert {r["bundle_sha256"] for r in data["results"]} == {sha}
    assert {r["skill_reference"] for r in data["results"]} == {None}
    suite = ET.fromstring(junit.render(run)).find("testsuite")
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["skill_version"] == "inline:9c3a43f5e1aa" and props["skill_source"] == "inline"
    ok = next(tc for tc in suite.findall("testcase") if tc.get("name") == "ok")
    case_props = {p.get("name"): p.get("value") for p in ok.iter("property")}
    assert case_props["bundle_sha256"] == sha
    assert f"Skill versions: {label}" in markdown.render(run)
    assert f"Skill versions: <b>{label}</b>" in html.render(run)
    out = io.StringIO()
    report = console.Report(out, quiet=True)
    report.start(run)
    report.finish(run)
    lines = out.getvalue().splitlines()
    assert lines[1] == f"skill versions: {label}"  # said even with --quiet
    assert "ran published" not in lines[-1]  # only published runs repeat it in the summary


def test_a_published_run_repeats_the_version_in_the_console_summary(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    run = sample_run()
    run.options = RunOptions(published="latest")
    run.skill_versions = {"inv": "20261202-9c3a43f5"}
    out = io.StringIO()
    report = console.Report(out)
    report.start(run)
    report.finish(run)
    lines = out.getvalue().splitlines()
    assert lines[1] == "skill versions: inv 20261202-9c3a43f5 (published; --published latest)"
    assert lines[-1].endswith("; ran published inv 20261202-9c3a43f5")


def test_json_differences_carry_their_class_and_anls_score():
    run = sample_run()
    run.results[1].differences = [
        Difference("changed", "/vendor", "hello", "hallo", score=0.8),
        Difference("missing", "/total", 100, None),
    ]
    (bad,) = [r for r in json.loads(json_report.render(run))["results"] if r["case"] == "bad"]
    first, second = bad["differences"]
    assert (first["category"], first["score"]) == ("wrong", 0.8)
    assert second["category"] == "missing" and "score" not in second
    assert first["text"] == '/vendor: expected "hello", got "hallo" (anls 0.80)'


def test_slow_report_writes_are_spaced_out_and_the_end_always_writes(tmp_path, monkeypatch):
    """Rewriting a large report after every case was quadratic and blocked the event loop (a
    200-case --json run took 13 s instead of 5): once a write costs more than 5 ms, the next
    one waits for WRITE_SPACING x that cost."""
    import skillkit.report as report_module

    clock = [100.0]
    monkeypatch.setattr(report_module.time, "monotonic", lambda: clock[0])
    writes = []
    spacing = report_module.WRITE_SPACING * 0.1

    class Slow(report_module.FileReport):
        def render(self, run):
            clock[0] += 0.1  # every write costs 0.1 s
            writes.append(len(run.results))
            return "x"

    report = Slow(tmp_path / "r.txt")
    run = sample_run()
    report.start(run)  # written (0.1 s)
    report.case_finished(run.results[0], run)  # 0 s later: < spacing, not written
    clock[0] += spacing - 0.01
    report.case_finished(run.results[0], run)  # just under the spacing: still not
    clock[0] += 0.01
    report.case_finished(run.results[0], run)  # the spacing after the last write: written
    report.finish(run)  # the end: written whatever the clock
    assert len(writes) == 3
