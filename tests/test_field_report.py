"""Null accounting and the per-field summary in every report, on a small run of the real local
engine in-process; every number below is worked out by hand from the expected files."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
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
# What the engine reads from each document (checked in `test_engine_reads_what_we_expect`).
DOCS = {
    "tests/a.txt": "ACME Corp\nInvoice Number: INV-001\nTotal: 1,234.50\n",
    "tests/b.txt": "Globex\nInvoice Number: INV-002\nTotal: 99.00\n",
    "tests/c.txt": "Initech\nInvoice Number: INV-003\n",
    "tests/e.txt": "Initech\nInvoice Number: INV-003\n",
}
# a: both right -> 2 correct, F1 1.
# b: total expected null, got 99 -> 1 correct, 1 hallucinated; the expected null is a scored
#    leaf, so TP 1 FP 1 FN 1, F1 2/4 = 0.5.
# c: number wrong, total expected 7 got null -> 1 wrong, 1 missing; TP 0 FP 1 FN 2, F1 0.
# e: both right, total a correct null -> 1 correct, 1 correct_null, F1 1.
EXPECTED = {
    "a": {"invoice_number": "INV-001", "total": 1234.5},
    "b": {"invoice_number": "INV-002", "total": None},
    "c": {"invoice_number": "INV-999", "total": 7},
    "e": {"invoice_number": "INV-003", "total": None},
}
RUN_ACCOUNTING = {"correct": 4, "correct_null": 1, "missing": 1, "hallucinated": 1, "wrong": 1}
# /invoice_number: TP 3 (a, b, e), c wrong: FP 1, FN 1 -> F1 6/8 = 0.75
# /total: TP 2 (a, e's correct null), FP 1 (b), FN 2 (b, c) -> P 2/3, R 2/4, F1 4/7 = 0.571
FIELDS = {"/total": (2, 1, 2, 4 / 7), "/invoice_number": (3, 1, 1, 0.75)}


def small_skill(base: Path) -> Path:
    files = {"schema.json": json.dumps(SCHEMA), **DOCS}
    files.update({f"tests/{k}.expected.json": json.dumps(v) for k, v in EXPECTED.items()})
    return make_skill(base, "inv", files=files)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("fields")
    skill = small_skill(base)
    out = {k: base / f"report.{k}" for k in ("json", "xml", "md", "html")}
    result = run_cli(
        "test", skill, "--local", "-j", "2", "--json", out["json"], "--junit", out["xml"],
        "--markdown", out["md"], "--html", out["html"],
    )  # fmt: skip
    return {"result": result, **{k: p.read_text() for k, p in out.items()}}


def test_engine_reads_what_we_expect(reports):
    data = json.loads(reports["json"])
    actual = {r["case"]: r["actual"] for r in data["results"]}
    assert actual["a"] == {"invoice_number": "INV-001", "total": 1234.5}
    assert actual["b"] == {"invoice_number": "INV-002", "total": 99.0}
    assert actual["c"] == {"invoice_number": "INV-003", "total": None}
    assert reports["result"].exit_code == 1  # b and c fail at min_score 1


def test_json_report_has_case_and_run_accounting_and_fields(reports):
    data = json.loads(reports["json"])
    by_case = {r["case"]: r for r in data["results"]}
    assert by_case["a"]["accounting"] == dict(RUN_ACCOUNTING, correct=2, correct_null=0,
                                              missing=0, hallucinated=0, wrong=0)  # fmt: skip
    assert by_case["b"]["accounting"] == {
        "correct": 1, "correct_null": 0, "missing": 0, "hallucinated": 1, "wrong": 0
    }  # fmt: skip
    assert by_case["c"]["accounting"] == {
        "correct": 0, "correct_null": 0, "missing": 1, "hallucinated": 0, "wrong": 1
    }  # fmt: skip
    assert by_case["e"]["accounting"]["correct_null"] == 1
    assert by_case["b"]["f1"] == pytest.approx(0.5) and by_case["c"]["f1"] == 0
    assert data["accounting"] == RUN_ACCOUNTING
    # per case fields, as skillkit.diff reads them
    assert by_case["c"]["fields"]["/total"]["missing"] == 1
    assert by_case["c"]["fields"]["/invoice_number"]["wrong"] == 1
    # every difference says its class
    cats = {d["path"]: d["category"] for d in by_case["c"]["differences"]}
    assert cats == {"/invoice_number": "wrong", "/total": "missing"}
    assert [d["category"] for d in by_case["b"]["differences"]] == ["hallucinated"]
    # the run's per-field summary, weakest first
    fields = data["fields"]
    assert [f["path"] for f in fields] == ["/total", "/invoice_number"]
    for f in fields:
        tp, fp, fn, f1 = FIELDS[f["path"]]
        assert (f["tp"], f["fp"], f["fn"], f["cases"]) == (tp, fp, fn, 4)
        assert f["f1"] == pytest.approx(f1)
    assert fields[0]["precision"] == pytest.approx(2 / 3)
    assert fields[0]["recall"] == pytest.approx(0.5)
    assert fields[1]["recall"] == pytest.approx(0.75)


def test_junit_has_accounting_properties(reports):
    root = ET.fromstring(reports["xml"])
    suite = root.find("testsuite")
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert {k: int(props[k]) for k in RUN_ACCOUNTING} == RUN_ACCOUNTING
    case = suite.find("testcase[@name='c']")
    cprops = {p.get("name"): p.get("value") for p in case.find("properties")}
    assert (cprops["missing"], cprops["wrong"], cprops["hallucinated"]) == ("1", "1", "0")
    assert "leaves: 0 correct, 0 correct null, 1 missing, 0 hallucinated, 1 wrong" in (
        case.find("failure").text
    )


def test_markdown_has_counts_per_case_and_the_whole_field_table(reports):
    md = reports["md"]
    assert "- leaves: 4 correct, 1 correct null, 1 missing, 1 hallucinated, 1 wrong" in md
    row = next(line for line in md.splitlines() if line.startswith("| inv | c |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[3:9] == ["0.000", "0", "0", "1", "0", "1"]  # F1, correct..wrong
    assert "## Fields" in md
    assert "| `/total` | 4 | 0.667 | 0.500 | 0.571 | 1 | 1 | 1 | 1 | 0 |" in md
    assert "| `/invoice_number` | 4 | 0.750 | 0.750 | 0.750 | 3 | 0 | 0 | 0 | 1 |" in md


def test_html_has_counts_and_the_field_table(reports):
    page = reports["html"]
    assert "leaves: 4 correct, 1 correct null, 1 missing, 1 hallucinated, 1 wrong" in page
    assert '<td class="cid">/total</td><td class="num">4</td>' in page
    assert "0 correct, 0 correct null, 1 missing, 0 hallucinated, 1 wrong" in page  # case c


def test_console_prints_the_run_counts_and_the_weakest_fields(reports):
    out = reports["result"].stdout
    assert "leaves: 4 correct, 1 correct null, 1 missing, 1 hallucinated, 1 wrong" in out
    assert "weakest fields (2 with F1 < 1):" in out
    lines = out.splitlines()
    start = lines.index("weakest fields (2 with F1 < 1):")
    assert lines[start + 1].split()[:3] == ["/total", "F1", "0.571"]
    assert lines[start + 2].split()[:3] == ["/invoice_number", "F1", "0.750"]
    assert "missing 1, hallucinated 1, wrong 0 (4 case(s))" in lines[start + 1]
    row = next(line for line in lines if "| c " in line)
    assert "1/0/1" in row  # M/H/W
    assert max(len(line) for line in lines) <= 120
