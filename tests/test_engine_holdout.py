"""The local engine on the held-out corpus: documents and schemas it was not tuned on.

tests/data/holdout/ holds 18 documents (PDF, DOCX, HTML, Markdown, text) unlike the example
skills — purchase order, bank statements, utility bill, pay stub, packing slip, hotel folio,
lab report, insurance card, e-ticket, lease summary, German and French invoices, resumes with
unusual headings, a receipt, an invoice with labels in table cells, a field-service report —
with author-written schemas and, for five of them, vlmrun-hub schemas as pydantic emits them.
Regenerate with `python scripts/make_holdout_documents.py`; measure with
`python benchmarks/engine_accuracy.py -v`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillkit.compare import judge
from skillkit.engine import SUPPORTED_SUFFIXES, extract

HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout"

# Achieved when this floor was set: micro F1 0.911 (tp 551 / fp 25 / fn 83), mean F1 0.922
# (raised from 0.883 / 0.900 by the address-block, check-box and synonym rules of holdout2).
# The baseline engine, before the general rules the holdout prompted, scored micro 0.639.
MICRO_F1_FLOOR = 0.95
MEAN_F1_FLOOR = 0.94

# Cases the engine must reproduce exactly (different formats and layouts).
EXACT = {
    "hotel-folio-lindenhof",  # PDF, day-first dates, "Total charges" ends the table, card enum
    "bank-statement-harbourside",  # HTML, Paid out / Paid in -> one signed amount, period range
    "pay-stub-granite-peak",  # DOCX, table headed by the list's name, leftover amount column
}
# Cases that must stay at or above a per-case F1 (a regression in one rule shows here).
CASE_FLOORS = {
    "resume-adaeze-okonkwo": 0.95,  # "Professional History", "Toolkit" sections
    "rechnung-mueller": 0.9,  # German labels, dd.mm.yyyy dates, comma decimals
    "facture-atelier-sorel-hub": 0.88,  # French labels, vlmrun-hub invoice schema
    "lab-report-meridian": 0.95,
}


def _cases() -> list[tuple[str, Path, Path, Path]]:
    out = []
    for doc in sorted(HOLDOUT.iterdir()):
        if doc.name.endswith((".expected.json", ".schema.json")):
            continue
        if doc.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        stem = doc.name[: -len(doc.suffix)]
        schema = HOLDOUT / f"{stem}.schema.json"
        expected = HOLDOUT / f"{stem}.expected.json"
        if schema.is_file() and expected.is_file():
            out.append((stem, doc, schema, expected))
    return out


CASES = _cases()


@pytest.fixture(scope="module")
def judgements() -> dict:
    """Each case extracted and judged once for the whole module."""
    out = {}
    for name, doc, schema_path, expected_path in CASES:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        out[name] = judge(extract(doc, schema).data, expected, schema=schema)
    return out


def test_holdout_corpus_is_there():
    assert len(CASES) >= 16
    suffixes = {doc.suffix for _, doc, _, _ in CASES}
    assert {".pdf", ".docx", ".html", ".md", ".txt"} <= suffixes
    hub = [n for n, _, s, _ in CASES if "$defs" in json.loads(s.read_text(encoding="utf-8"))]
    assert len(hub) >= 4, "at least four cases use vlmrun-hub schemas"


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_output_validates_against_its_schema(judgements, name):
    # the judge validates with format checking (format: date is an assertion there)
    assert judgements[name].schema_errors == []


def test_corpus_f1_floor(judgements):
    tp = sum(j.true_positives for j in judgements.values())
    fp = sum(j.false_positives for j in judgements.values())
    fn = sum(j.false_negatives for j in judgements.values())
    micro = 2 * tp / (2 * tp + fp + fn)
    mean = sum(j.f1 for j in judgements.values()) / len(judgements)
    assert micro >= MICRO_F1_FLOOR, f"micro F1 {micro:.3f} fell below {MICRO_F1_FLOOR}"
    assert mean >= MEAN_F1_FLOOR, f"mean F1 {mean:.3f} fell below {MEAN_F1_FLOOR}"


@pytest.mark.parametrize("name", sorted(EXACT))
def test_exact_cases(judgements, name):
    j = judgements[name]
    assert [f"{d.kind} {d.path}" for d in j.differences] == []


@pytest.mark.parametrize(("name", "floor"), sorted(CASE_FLOORS.items()))
def test_case_floors(judgements, name, floor):
    j = judgements[name]
    diffs = [f"{d.kind} {d.path}: {d.expected!r} -> {d.actual!r}" for d in j.differences]
    assert j.f1 >= floor, f"{name}: F1 {j.f1:.3f} < {floor}\n" + "\n".join(diffs)
