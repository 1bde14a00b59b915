"""Cost per case and per run (usage.credits_used, elements processed, the service's time) and
--max-credits, on the real local app in-process with `credits_per_page` set."""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import make_skill, run_cli

from skillkit.runner import RunOptions, run_tests
from skillkit.server import inprocess

SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"], "description": "Invoice number"},
        "total": {"type": ["number", "null"], "description": "Total amount due"},
    },
}


def two_page_skill(base: Path, n: int = 4) -> Path:
    """n cases, each a text document of two pages (a form feed between them)."""
    files: dict[str, str] = {"schema.json": json.dumps(SCHEMA)}
    for i in range(1, n + 1):
        files[f"tests/doc{i}.txt"] = f"Invoice Number: INV-{i:03}\n\fTotal: {i}.00\n"
        files[f"tests/doc{i}.expected.json"] = json.dumps(
            {"invoice_number": f"INV-{i:03}", "total": float(i)}
        )
    return make_skill(base, "paid", files=files)


@pytest.fixture
def three_credits_a_page(monkeypatch):
    """The embedded engine the runner starts reports 3 credits per page."""
    real = inprocess.local_async_client
    monkeypatch.setattr(
        inprocess, "local_async_client", functools.partial(real, credits_per_page=3)
    )


def test_the_local_engine_fills_pages_and_no_credits_by_default(tmp_path):
    run = run_tests([two_page_skill(tmp_path, 1)], RunOptions(local=True))
    (r,) = run.results
    assert r.status == "passed"
    assert (r.cost.credits_used, r.cost.elements_processed, r.cost.element_type) == (0, 2, "page")
    assert r.cost.service_seconds is not None and r.cost.service_seconds >= 0


def test_credits_per_case_and_in_every_report(tmp_path, three_credits_a_page):
    skill = two_page_skill(tmp_path, 2)
    paths = {k: tmp_path / f"r.{k}" for k in ("json", "xml", "md", "html")}
    result = run_cli(
        "test", skill, "--local", "-j", "1", "--json", paths["json"], "--junit", paths["xml"],
        "--markdown", paths["md"], "--html", paths["html"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(paths["json"].read_text())
    for r in data["results"]:  # 2 pages x 3 credits
        assert r["cost"]["credits_used"] == 6 and r["cost"]["elements_processed"] == 2
        assert r["cost"]["element_type"] == "page" and r["cost"]["predictions"] == 1
    assert data["cost"]["credits_used"] == 12 and data["cost"]["elements_processed"] == 4
    assert data["cost"]["service_seconds"] is not None
    assert "cost: 12 credits, 4 pages, service" in result.stdout
    assert "credits" in result.stdout.split("cost:")[0]  # the table's credits column
    props = {
        p.get("name"): p.get("value")
        for p in ET.fromstring(paths["xml"].read_text()).find("testsuite/properties")
    }
    assert props["credits_used"] == "12" and props["elements_processed"] == "4"
    md = paths["md"].read_text()
    assert "- cost: 12 credits, 4 pages" in md and "| 6 | 2 page |" in md
    assert "cost: 12 credits, 4 pages" in paths["html"].read_text()


def test_max_credits_stops_starting_cases(tmp_path, three_credits_a_page):
    skill = two_page_skill(tmp_path, 4)
    out = tmp_path / "r.json"
    # -j 1: doc1 starts at 0 spent (6 after it), doc2 at 6 < 10 (12 after), then 12 >= 10
    result = run_cli("test", skill, "--local", "-j", "1", "--max-credits", "10", "--json", out)
    assert result.exit_code == 1  # every case that ran passed, but the run was cut short
    data = json.loads(out.read_text())
    status = {r["case"]: r["status"] for r in data["results"]}
    assert status == {"doc1": "passed", "doc2": "passed", "doc3": "skipped", "doc4": "skipped"}
    skipped = next(r for r in data["results"] if r["case"] == "doc3")
    assert skipped["message"].startswith("--max-credits 10 reached (12 credits spent)")
    assert data["cost"]["credits_used"] == 12
    assert data["stopped"] == "--max-credits 10 reached (12 credits spent): 2 case(s) not started"
    assert "--max-credits 10 reached" in result.stderr
    assert "stopped: --max-credits 10 reached" in result.stdout


def test_max_credits_not_reached_changes_nothing(tmp_path, three_credits_a_page):
    run = run_tests([two_page_skill(tmp_path, 2)], RunOptions(local=True, jobs=1, max_credits=100))
    assert [r.status for r in run.results] == ["passed", "passed"]
    assert run.stopped is None and run.exit_code == 0


def test_max_credits_must_be_a_number_at_least_0(tmp_path):
    result = run_cli("test", two_page_skill(tmp_path, 1), "--local", "--max-credits", "-1")
    assert result.exit_code == 2 and "--max-credits must be a number >= 0" in result.stderr


def test_replayed_cases_cost_nothing(tmp_path, three_credits_a_page):
    skill = two_page_skill(tmp_path, 1)
    assert run_cli("test", skill, "--local", "--record").exit_code == 0
    run = run_tests([skill], RunOptions(replay=True, max_credits=1))
    (r,) = run.results
    assert r.status == "passed" and r.cost is None and run.stopped is None
