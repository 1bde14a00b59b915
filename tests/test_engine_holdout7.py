"""The local engine on the seventh held-out corpus: what a skill author tries first.

tests/data/holdout7/ holds 16 documents (PDF, DOCX, HTML, text) written before the engine code
was read: six invoices (US plumbing contractor, Spanish "Factura" with IVA, UK "VAT INVOICE",
a two-page wholesale invoice, a Word-template DOCX, a SaaS invoice in HTML), four receipts
(grocery, restaurant with tip, pharmacy, an e-commerce order e-mail), three resumes (one-column
PDF, two-column PDF, DOCX), a purchase order, a bank statement and a utility bill — eight with
vlmrun-hub schemas. Regenerate with `python scripts/make_holdout7_documents.py`; measure with
`python benchmarks/engine_accuracy.py --corpus holdout7 -v`.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from skillkit.compare import judge
from skillkit.engine import SUPPORTED_SUFFIXES, extract

HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout7"

# Before any engine change prompted by this corpus (the honest generalisation number):
# micro F1 0.864, mean F1 0.825, exact 0/16 (tp 837 / fp 62 / fn 194).
# Achieved when these floors were set: micro F1 0.867, mean F1 0.831 (document-type words in
# other languages and "VAT INVOICE" no longer taken as the issuer's letterhead name).
MICRO_F1_FLOOR = 0.895
MEAN_F1_FLOOR = 0.865

CASE_FLOORS = {
    "invoice-two-page-summit": 0.97,  # a line-item table continued on page 2
    "invoice-uk-vat-hartley": 0.93,  # "VAT INVOICE" above the letterhead
    "invoice-factura-levante": 0.72,  # "FACTURA" title, European number format
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


def test_holdout7_corpus_is_there():
    assert len(CASES) >= 16
    suffixes = {doc.suffix for _, doc, _, _ in CASES}
    assert {".pdf", ".docx", ".html", ".txt"} <= suffixes
    hub = [n for n, _, s, _ in CASES if "$defs" in json.loads(s.read_text(encoding="utf-8"))]
    assert len(hub) >= 8, "at least eight cases use vlmrun-hub schemas"


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_expected_json_is_valid_for_its_schema(name):
    _, _, schema_path, expected_path = next(c for c in CASES if c[0] == name)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(expected)] == []


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_output_validates_against_its_schema(judgements, name):
    assert judgements[name].schema_errors == []


def test_corpus_f1_floor(judgements):
    tp = sum(j.true_positives for j in judgements.values())
    fp = sum(j.false_positives for j in judgements.values())
    fn = sum(j.false_negatives for j in judgements.values())
    micro = 2 * tp / (2 * tp + fp + fn)
    mean = sum(j.f1 for j in judgements.values()) / len(judgements)
    assert micro >= MICRO_F1_FLOOR, f"micro F1 {micro:.3f} fell below {MICRO_F1_FLOOR}"
    assert mean >= MEAN_F1_FLOOR, f"mean F1 {mean:.3f} fell below {MEAN_F1_FLOOR}"


@pytest.mark.parametrize(("name", "floor"), sorted(CASE_FLOORS.items()))
def test_case_floors(judgements, name, floor):
    j = judgements[name]
    diffs = [f"{d.kind} {d.path}: {d.expected!r} -> {d.actual!r}" for d in j.differences]
    assert j.f1 >= floor, f"{name}: F1 {j.f1:.3f} < {floor}\n" + "\n".join(diffs)
