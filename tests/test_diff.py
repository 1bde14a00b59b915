"""Diff of two runs (skillkit.diff): hand-written JSON reports in, regressed / improved / new /
vanished cases and fields out, with a tolerance for F1 noise, in text, Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillkit.compare import Difference, MatchRules, judge
from skillkit.diff import (
    FORMATS,
    ReportError,
    diff_reports,
    load_report,
    read_report,
    render,
)
from skillkit.errors import UsageError


def case(case_id: str, status: str, f1: float | None, *paths: str, **extra) -> dict:
    """One result as the JSON report writes it (the keys diff reads, plus some it ignores)."""
    return {
        "case_id": case_id,
        "skill": case_id.split("/")[0],
        "case": case_id.split("/")[1],
        "status": status,
        "f1": f1,
        "seconds": 0.1,
        "differences": [{"path": p, "kind": "changed", "text": f"{p}: ..."} for p in paths],
        **extra,
    }


def report(*results: dict) -> dict:
    return {
        "skillkit_report": 1,
        "target": "local",
        "started": "2026-01-01",
        "results": list(results),
    }


OLD = report(
    case("inv/same", "passed", 1.0),
    case("inv/worse", "passed", 1.0),
    case("inv/better", "failed", 0.5, "/total", "/items/0/qty"),
    case("inv/gone", "failed", 0.7, "/x"),
    case("inv/drift", "passed", 0.96, "/notes"),
)
NEW = report(
    case("inv/same", "passed", 1.0),
    case("inv/worse", "failed", 0.8, "/total", "/items/1/qty", "/items/2/qty"),
    case("inv/better", "passed", 1.0),
    case("inv/drift", "passed", 0.95, "/notes"),
    case("inv/added", "passed", 1.0),
)


def write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path, "old.json", OLD), write(tmp_path, "new.json", NEW)


def test_cases_regressed_improved_new_vanished(files) -> None:
    old, new = (load_report(p) for p in files)
    d = diff_reports(old, new)
    assert [c.case_id for c in d.regressed] == ["inv/worse", "inv/drift"]  # status first
    assert [c.case_id for c in d.improved] == ["inv/better"]
    assert [c.case_id for c in d.new] == ["inv/added"]
    assert [c.case_id for c in d.vanished] == ["inv/gone"]
    assert [c.case_id for c in d.unchanged] == ["inv/same"]
    worse = d.regressed[0]
    assert (worse.old_status, worse.new_status) == ("passed", "failed")
    assert worse.delta == pytest.approx(-0.2)
    # drift: passed both times, F1 0.96 -> 0.95: a regression at tolerance 0
    assert d.regressed[1].delta == pytest.approx(-0.01)
    assert d.has_regressions
    assert d.counts() == {"regressed": 2, "improved": 1, "new": 1, "vanished": 1, "unchanged": 1}


def test_tolerance_absorbs_f1_noise_but_not_status_changes(files) -> None:
    old, new = (load_report(p) for p in files)
    d = diff_reports(old, new, tolerance=0.01)
    # 0.96 -> 0.95 is a fall of 0.01, not more than the tolerance: unchanged
    assert [c.case_id for c in d.regressed] == ["inv/worse"]
    assert "inv/drift" in [c.case_id for c in d.unchanged]
    d = diff_reports(old, new, tolerance=0.5)  # passed -> failed is a regression whatever F1
    assert [c.case_id for c in d.regressed] == ["inv/worse"]
    for bad in (-0.1, float("nan"), "0.1", True):
        with pytest.raises(UsageError, match="tolerance"):
            diff_reports(old, new, tolerance=bad)  # type: ignore[arg-type]


def test_fields_from_differences_when_the_reports_have_no_per_field_data(files) -> None:
    d = diff_reports(*(load_report(p) for p in files))
    assert d.field_measure == "differences" and d.compared_cases == 4  # same, worse, better, drift
    by_path = {f.path: f for f in d.fields}
    # /items/*/qty: old 1 (better), new 2 (worse): regressed, in inv/worse
    qty = by_path["/items/*/qty"]
    assert (qty.change, qty.old, qty.new, qty.cases) == ("regressed", 1, 2, ("inv/worse",))
    # /total: old 1 (better), new 1 (worse): the run as a whole holds as many: not listed
    assert "/total" not in by_path
    # /notes: 1 and 1 in drift: not listed; /x only in a vanished case: not compared
    assert set(by_path) == {"/items/*/qty"}
    assert [f.path for f in d.regressed_fields] == ["/items/*/qty"]


def _fields(**per_path: dict) -> dict:
    return {path.replace("_", "/"): counts for path, counts in per_path.items()}


def test_fields_by_f1_when_both_reports_carry_them() -> None:
    old = report(
        case("a/1", "passed", 1.0, fields={"/name": {"tp": 1}, "/qty": {"tp": 2}}),
        case(
            "a/2", "failed", 0.5, fields={"/name": {"tp": 1, "fp": 1, "fn": 1}, "/qty": {"tp": 1}}
        ),
    )
    new = report(
        case(
            "a/1",
            "failed",
            0.8,
            fields={"/name": {"tp": 0.6, "fp": 0.4, "fn": 0.4}, "/qty": {"tp": 2}},
        ),
        case(
            "a/2", "passed", 1.0, fields={"/name": {"tp": 2}, "/qty": {"tp": 0, "fp": 1, "fn": 1}}
        ),
    )
    d = diff_reports(read_report(old, "old"), read_report(new, "new"))
    assert d.field_measure == "f1"
    by_path = {f.path: f for f in d.fields}
    # /name old: TP 2, FP 1, FN 1 -> F1 4/6; new: TP 2.6, FP 0.4, FN 0.4 -> 5.2/6.0: improved,
    # although it fell in a/1 (it rose in a/2, which is the case listed)
    name = by_path["/name"]
    assert (name.change, name.old, name.new) == (
        "improved",
        pytest.approx(4 / 6),
        pytest.approx(5.2 / 6),
    )
    assert name.cases == ("a/2",)
    # /qty old: TP 3 -> F1 1; new: TP 2, FP 1, FN 1 -> 4/6: regressed, in a/2
    qty = by_path["/qty"]
    assert (qty.change, qty.old, qty.new, qty.cases) == (
        "regressed",
        1.0,
        pytest.approx(4 / 6),
        ("a/2",),
    )
    assert [f.path for f in d.fields] == ["/qty", "/name"]  # regressions first
    # a tolerance larger than both moves hides them
    assert diff_reports(read_report(old), read_report(new), tolerance=0.4).fields == ()


def test_a_field_new_in_one_run_counts_as_empty_in_the_other() -> None:
    old = report(case("a/1", "passed", 1.0, fields={"/id": {"tp": 1}}))
    new = report(case("a/1", "passed", 0.667, fields={"/id": {"tp": 1}, "/extra": {"fp": 1}}))
    d = diff_reports(read_report(old), read_report(new))
    # /extra: old none (F1 1.0), new FP 1 (F1 0): regressed
    assert [(f.path, f.change, f.old, f.new) for f in d.fields] == [
        ("/extra", "regressed", 1.0, 0.0)
    ]


def test_reports_written_before_per_field_data_and_with_it_mix(files, tmp_path) -> None:
    old_path, _ = files
    new = report(case("inv/same", "passed", 1.0, fields={}), case("inv/worse", "passed", 1.0))
    d = diff_reports(load_report(old_path), read_report(new))
    assert d.field_measure == "differences"  # not every compared case has fields


def test_status_rules_skipped_and_error() -> None:
    old = report(
        case("a/skip", "passed", 1.0),
        case("a/err", "passed", 1.0),
        case("a/fe", "failed", 0.4),
        case("a/back", "error", None),
    )
    new = report(
        case("a/skip", "skipped", None),
        case("a/err", "error", None),
        case("a/fe", "error", None),
        case("a/back", "failed", 0.2),
    )
    d = diff_reports(read_report(old), read_report(new))
    change = {c.case_id: c.change for c in d.cases}
    # passed -> error: regressed; error -> failed and failed -> error: neither passes, no F1 on
    # one side: unchanged; skipped: not compared
    assert change == {
        "a/skip": "unchanged",
        "a/err": "regressed",
        "a/fe": "unchanged",
        "a/back": "unchanged",
    }
    assert d.field_measure is None and d.compared_cases == 0 and d.fields == ()


def test_nothing_changed() -> None:
    d = diff_reports(read_report(OLD), read_report(OLD))
    assert not d.has_regressions and d.fields == ()
    assert d.counts()["unchanged"] == 5
    assert "✅" in render(d, "markdown")
    assert render(d, "text").splitlines()[1].startswith("0 regressed, 0 improved, 5 unchanged")


def test_text_rendering(files) -> None:
    d = diff_reports(*(load_report(p) for p in files))
    text = render(d, "text")
    lines = text.splitlines()
    assert lines[0] == f"skillkit diff: {files[0]} -> {files[1]}"
    assert lines[1] == (
        "2 regressed, 1 improved, 1 unchanged, 1 new, 1 vanished; "
        "fields: 1 regressed, 0 improved (F1 tolerance 0)"
    )
    assert "  inv/worse  passed -> failed  F1 1.000 -> 0.800 (-0.200)" in lines
    assert "  inv/drift  passed            F1 0.960 -> 0.950 (-0.010)" in lines
    assert "  inv/added  passed  F1 1.000" in lines
    assert "  inv/gone  was failed  F1 0.700" in lines
    assert "  /items/*/qty  differences 1 -> 2 (+1)  in inv/worse" in lines
    assert text.index("Regressed:") < text.index("Fields regressed") < text.index("Improved:")
    assert text.index("Improved:") < text.index("New:") < text.index("Vanished:")


def test_markdown_rendering_for_a_pull_request(files) -> None:
    d = diff_reports(*(load_report(p) for p in files))
    md = render(d, "markdown")
    lines = md.splitlines()
    assert lines[0] == "### skillkit diff"
    assert lines[2] == (
        "❌ **2 regressed**, 1 improved, 1 unchanged, 1 new, 1 vanished; "
        "fields: 1 regressed, 0 improved"
    )
    assert "| inv/worse | passed → failed | 1.000 → 0.800 | -0.200 |" in lines
    assert "| inv/better | failed → passed | 0.500 → 1.000 | +0.500 |" in lines
    assert "| inv/added | passed | 1.000 |" in lines
    assert "| inv/gone | was failed | 0.700 |" in lines
    assert "| `/items/*/qty` | differences 1 → 2 | +1 | inv/worse |" in lines
    order = ["#### Regressions", "#### Field regressions", "#### Improvements", "#### New cases"]
    assert [md.index(h) for h in order] == sorted(md.index(h) for h in order)
    assert md.index("#### New cases") < md.index("#### Vanished cases")


def test_markdown_escapes_table_cells() -> None:
    old = report(case("a/x|y", "passed", 1.0))
    new = report(case("a/x|y", "failed", 0.5, "/a|b"))
    md = render(diff_reports(read_report(old), read_report(new)), "markdown")
    assert "| a/x\\|y | passed → failed |" in md
    assert "`/a\\|b`" in md


def test_json_rendering(files) -> None:
    d = diff_reports(*(load_report(p) for p in files), tolerance=0.001)
    data = json.loads(render(d, "json"))
    assert data["has_regressions"] is True and data["tolerance"] == 0.001
    assert data["counts"]["regressed"] == 2
    assert data["cases"][0] == {
        "case_id": "inv/worse",
        "change": "regressed",
        "old_status": "passed",
        "new_status": "failed",
        "old_f1": 1.0,
        "new_f1": 0.8,
        "delta": pytest.approx(-0.2),
    }
    assert data["fields"] == [
        {
            "path": "/items/*/qty",
            "change": "regressed",
            "measure": "differences",
            "old": 1,
            "new": 2,
            "delta": 1,
            "cases": ["inv/worse"],
        }
    ]
    assert set(FORMATS) == {"text", "markdown", "json"}
    with pytest.raises(UsageError, match="unknown diff format 'html'"):
        render(d, "html")


def test_a_report_as_the_json_writer_writes_it(tmp_path) -> None:
    """The real writer's output (skillkit.report.json) reads back, judged fields included."""
    from skillkit.report import json as json_report
    from skillkit.runner import CaseResult, RunOptions, RunResult

    def run(f1: float, differences: list[Difference]) -> str:
        result = CaseResult(
            case_id="inv/a",
            skill="inv",
            case="a",
            node_id="x::a",
            file="a.expected.json",
            line=None,
            document="a.pdf",
            status="passed" if f1 == 1 else "failed",
            f1=f1,
            differences=differences,
        )
        return json_report.render(
            RunResult(target="t", options=RunOptions(), started="s", results=[result])
        )

    j = judge({"total": 2}, {"total": 1})
    old = write(tmp_path, "old.json", json.loads(run(1.0, [])))
    new = write(tmp_path, "new.json", json.loads(run(j.f1, j.differences)))
    d = diff_reports(load_report(old), load_report(new))
    assert [c.case_id for c in d.regressed] == ["inv/a"]
    assert [(f.path, f.old, f.new) for f in d.fields] == [("/total", 0, 1)]


def test_in_memory_reports_and_runs_with_per_field_data() -> None:
    """What `--baseline` does: the new run's dict, with each case's `fields` from the judge."""
    r = MatchRules(fields={"/name": "anls"})
    before = judge({"name": "Acme Corp"}, {"name": "Acme Corp"}, rules=r)
    after = judge({"name": "Acme Crop"}, {"name": "Acme Corp"}, rules=r)

    def as_report(j) -> dict:
        fields = {p: c.to_dict() for p, c in j.fields.items()}
        return report(case("s/a", "passed" if j.f1 == 1 else "failed", j.f1, fields=fields))

    d = diff_reports(
        read_report(as_report(before), "baseline"), read_report(as_report(after), "run")
    )
    (field,) = d.fields
    # "Acme Corp" vs "Acme Crop": 2 edits of 9 -> s = 7/9: F1 1 -> 7/9
    assert (field.path, field.change, field.measure) == ("/name", "regressed", "f1")
    assert field.new == pytest.approx(7 / 9)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "is not JSON: Expecting property name enclosed in double quotes"),
        (b"\xff\xfe", "is not UTF-8 text"),
        (b"[]", "is not a skillkit JSON report: expected an object, got array"),
        (b"{}", 'is not a skillkit JSON report: no "results" list'),
        (b'{"results": {}}', 'is not a skillkit JSON report: its "results" is object, not a list'),
        (b'{"results": [3]}', "results[0]: expected an object, got integer"),
        (b'{"results": [{"status": "passed"}]}', 'results[0]: no "case_id" string'),
        (b'{"results": [{"case_id": "a/b"}]}', 'results[0] (a/b): no "status" string'),
        (b'{"results": [{"case_id": "a/b", "status": "passed", "f1": "1"}]}',
         "results[0] (a/b): \"f1\" must be a number or null, got '1'"),
        (b'{"results": [{"case_id": "a/b", "status": "passed", "differences": 1}]}',
         'results[0] (a/b): "differences" must be a list of objects'),
        (b'{"results": [{"case_id": "a/b", "status": "passed", "fields": {"/x": {"tp": -1}}}]}',
         "results[0] (a/b): fields '/x': 'tp' must be a number >= 0, got -1"),
        (b'{"results": [{"case_id": "a", "status": "passed"}, {"case_id": "a", "status": "x"}]}',
         "results[1]: case 'a' appears twice"),
    ],
)  # fmt: skip
def test_bad_reports_are_one_line_errors(tmp_path, content: bytes, message: str) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(content)
    with pytest.raises(ReportError) as info:
        load_report(path)
    text = str(info.value)
    assert text.startswith(f"{path}:") and message in text
    assert "\n" not in text and info.value.exit_code == 2


def test_missing_and_special_files(tmp_path) -> None:
    with pytest.raises(ReportError, match="does not exist") as info:
        load_report(tmp_path / "nope.json")
    assert str(info.value).startswith(str(tmp_path / "nope.json"))
    with pytest.raises(ReportError, match="folder"):
        load_report(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "results": [\n    oops\n  ]\n}\n')
    with pytest.raises(ReportError) as info:
        load_report(bad)
    assert info.value.line == 3 and str(info.value).startswith(f"{bad}:3: is not JSON")


def test_older_reports_without_case_id_use_skill_and_case() -> None:
    old = {"results": [{"skill": "inv", "case": "a", "status": "passed", "f1": 1.0}]}
    new = {"results": [{"node_id": "inv/a", "status": "failed", "f1": 0.0}]}
    d = diff_reports(read_report(old), read_report(new))
    assert [c.case_id for c in d.regressed] == ["inv/a"]
