"""The local engine on the second held-out corpus, written before the engine code was read.

tests/data/holdout2/ holds 16 documents (PDF, DOCX, HTML, Markdown, text, CSV) imitating common
paperwork — a US service invoice whose parties are unlabelled address blocks, an estimate, a UK
credit note with negative amounts, a bill of lading, an EOB, a timesheet, a W-2, a restaurant
receipt with a tip, a deposit slip, a flight itinerary, a plain-text resume, a vendor
registration form with check boxes, a card expense export, an order confirmation, a driver's
license and a rent statement — with author-written schemas and, for six of them, vlmrun-hub
schemas. Regenerate with `python scripts/make_holdout2_documents.py`; measure with
`python benchmarks/engine_accuracy.py --corpus holdout2 -v`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skillkit.compare import judge
from skillkit.engine import SUPPORTED_SUFFIXES, extract

HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout2"

# Before any engine change prompted by this corpus (the honest generalisation number):
# micro F1 0.687, mean F1 0.651, exact 0/16.
# Achieved when these floors were set: micro F1 0.775 (tp 398 / fp 89 / fn 142), mean F1 0.737.
# Raised by the holdout3 rules (times kept as printed, shared-year ranges, sign by `minimum`):
# micro F1 0.809, mean F1 0.775, exact 1/16 (timesheet-marcus-bell).
MICRO_F1_FLOOR = 0.825
MEAN_F1_FLOOR = 0.79

# Cases that must stay at or above a per-case F1 (no case is exact yet).
CASE_FLOORS = {
    "invoice-summit-hvac-hub": 0.95,  # FROM / BILL TO / SERVICE LOCATION blocks -> hub addresses
    "vendor-registration-ridgeway": 0.88,  # "[x] Yes  [ ] No" booleans, City/State/ZIP lines
    "eob-blueridge": 0.85,  # "You Owe", "Code" columns
    "estimate-brightline-signs": 0.85,  # DOCX item table, "Valid Until"
    "timesheet-marcus-bell": 1.0,  # "7:00 AM" kept as printed (no format on time_in)
    "bill-of-lading-pacific-hub": 0.78,  # party blocks with country lines
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


def test_holdout2_corpus_is_there():
    assert len(CASES) >= 14
    suffixes = {doc.suffix for _, doc, _, _ in CASES}
    assert {".pdf", ".docx", ".html", ".md", ".txt", ".csv"} <= suffixes
    hub = [n for n, _, s, _ in CASES if "$defs" in json.loads(s.read_text(encoding="utf-8"))]
    assert len(hub) >= 4, "at least four cases use vlmrun-hub schemas"


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


def test_address_blocks_split_into_parts(judgements):
    # unlabelled blocks under FROM / BILL TO / SERVICE LOCATION become hub Address objects
    wrong = [
        d.path for d in judgements["invoice-summit-hvac-hub"].differences if "address" in d.path
    ]
    assert wrong == []
