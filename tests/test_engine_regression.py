"""The local engine on the regression corpora: floors it must keep (ratchets, never lowered).

The eight corpora in tests/data/regression/ (harness: tests/regression_corpora.py; contents:
tests/data/regression/README.md) were written by this team, scored once as they came in, and
then tuned on, so they measure regressions, not generality. The "Before any change" comments
below are those first-contact scores, kept as history. Generality is measured on real documents
(../shared/corpus-real/, not committed).

- corpus1: 18 documents (PDF, DOCX, HTML, Markdown, text) unlike the example skills — purchase
  order, bank statements, utility bill, pay stub, packing slip, hotel folio, lab report, insurance
  card, e-ticket, lease summary, German and French invoices, resumes with unusual headings, a
  receipt, an invoice with labels in table cells, a field-service report.
- corpus2: 16 common-paperwork documents (adds CSV) — unlabelled address blocks, a credit note,
  a bill of lading, an EOB, a timesheet, a W-2, a vendor registration form with check boxes...
- corpus3: 15 documents from other countries and trades (GST/PST, ABN, lakh grouping, Swiss
  1'234.50, a PPTX KPI deck, ...).
- corpus4: 14 business documents users try first (invoices, receipts, resumes, a bank
  statement with "Money out / Money in", a payslip, a delivery note, a lab result).
- corpus5: 14 documents (receipts with "2 @ 1.99" lines, a UK VAT invoice, an academic CV, a
  credit card statement, a job offer letter, a venue's event invoice).
- corpus6: 14 everyday business documents (telecom bill, consulting invoice, progress billing,
  receipts with a return and split payment, an insurance claim with check boxes, ...).
- corpus7: 16 documents a skill author tries first (six invoices, four receipts, three
  resumes, a purchase order, a bank statement, a utility bill).
- corpus8: 16 documents (Dutch "Factuur", Canadian HST invoice, receipts, resumes, a packing
  slip, a credit card statement, a water bill).

Binary documents are rendered from their sources by `python scripts/make_regression_documents.py`;
measure with `python benchmarks/engine_accuracy.py --corpus corpus<N> -v`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jsonschema
import pytest
from regression_corpora import case, cases, floor_message, is_hub_schema, judgements, scores


@dataclass(frozen=True)
class Corpus:
    """What one regression corpus must contain and the floors the engine must keep on it."""

    min_cases: int
    formats: frozenset[str]
    hub_min: int  # cases with vlmrun-hub schemas
    micro: float  # corpus micro F1 floor
    mean: float  # corpus mean-of-cases F1 floor
    case_floors: dict[str, float] = field(default_factory=dict)
    exact: tuple[str, ...] = ()  # cases the engine must reproduce with no difference
    max_cases: int | None = None  # set when the corpus size is pinned exactly


def _formats(*suffixes: str) -> frozenset[str]:
    return frozenset(suffixes)


CORPORA = {
    # Baseline micro 0.639; set at micro 0.911 (tp 551 / fp 25 / fn 83), mean 0.922 (raised from 0.883 / 0.900 by the corpus2 address-block, check-box and synonym rules).  # noqa: E501
    "corpus1": Corpus(
        min_cases=16,
        formats=_formats(".pdf", ".docx", ".html", ".md", ".txt"),
        hub_min=4,
        micro=0.95,
        mean=0.94,
        case_floors={
            "resume-adaeze-okonkwo": 0.95,  # "Professional History", "Toolkit" sections
            "rechnung-mueller": 0.9,  # German labels, dd.mm.yyyy dates, comma decimals
            "facture-atelier-sorel-hub": 0.88,  # French labels, vlmrun-hub invoice schema
            "lab-report-meridian": 0.95,
        },
        exact=(
            "hotel-folio-lindenhof",  # PDF, day-first dates, "Total charges" ends the table
            "bank-statement-harbourside",  # HTML, Paid out / Paid in -> one signed amount
            "pay-stub-granite-peak",  # DOCX, table headed by the list's name
        ),
    ),
    # Before any change: micro 0.687, mean 0.651, exact 0/16; set at micro 0.775 (tp 398 / fp 89 / fn 142), mean 0.737; corpus3 rules (printed times, shared-year ranges, sign by `minimum`): micro 0.809, mean 0.775, exact 1/16.  # noqa: E501
    "corpus2": Corpus(
        min_cases=14,
        formats=_formats(".pdf", ".docx", ".html", ".md", ".txt", ".csv"),
        hub_min=4,
        micro=0.825,
        mean=0.79,
        case_floors={
            "invoice-summit-hvac-hub": 0.95,  # FROM / BILL TO / SERVICE LOCATION -> addresses
            "vendor-registration-ridgeway": 0.88,  # "[x] Yes  [ ] No", City/State/ZIP lines
            "eob-blueridge": 0.85,  # "You Owe", "Code" columns
            "estimate-brightline-signs": 0.85,  # DOCX item table, "Valid Until"
            "timesheet-marcus-bell": 1.0,  # "7:00 AM" kept as printed (no format on time_in)
            "bill-of-lading-pacific-hub": 0.78,  # party blocks with country lines
        },
    ),
    # Before any change: micro 0.716, mean 0.718, exact 0/15; set at micro 0.745 (tp 352 / fp 74 / fn 167), mean 0.750 (printed times, lakh grouping, shared-year ranges, sign by `minimum`, CAD over "$").  # noqa: E501
    "corpus3": Corpus(
        min_cases=12,
        formats=_formats(".pdf", ".docx", ".pptx", ".html", ".md", ".txt"),
        hub_min=3,
        micro=0.845,
        mean=0.805,
        case_floors={
            "invoice-northern-maple-ca": 0.92,  # "Total (CAD)" with "$" amounts -> CAD
            "gst-invoice-shreeji-in": 0.87,  # "5,65,220.00" lakh grouping
            "registration-dataeng-summit": 0.88,  # "April 22-24, 2026", times, "-$200.00"
            "rechnung-alpnet-ch": 0.92,  # 1'234.50, dd.mm.yyyy
            "payslip-acme-uk": 0.95,  # £ amounts, dd/mm/yyyy
            "tax-invoice-coastal-air-au-hub": 0.89,  # dd/mm/yyyy, hub invoice schema
        },
    ),
    # Before any change: micro 0.729, mean 0.724, exact 0/14; set at micro 0.779 (tp 431 / fp 55 / fn 190), mean 0.757 (statement column synonyms, "No."/"#" markers, month-only dates, "Present", bullet responsibilities).  # noqa: E501
    "corpus4": Corpus(
        min_cases=14,
        formats=_formats(".pdf", ".docx", ".html", ".md", ".txt"),
        hub_min=4,
        micro=0.89,
        mean=0.845,
        case_floors={
            "bank-statement-harbor-point-hub": 0.80,  # "Money Out / Money In / Balance"
            "invoice-freelance-okafor-hub": 0.94,  # "Bill to:" block, borderless DOCX table
            "resume-chronological-osei-hub": 0.62,  # "Title | Company | Mar 2022 – Present"
            "delivery-note-hexa": 0.75,  # "No. DN-240387"
            "utility-bill-rivervale": 0.88,
        },
    ),
    # Before any change: micro 0.661, mean 0.623, exact 0/14; set at micro 0.682 (tp 423 / fp 134 / fn 260), mean 0.649 (receipt detail lines, coupon / multi-buy lines, tax flags, unlabelled date-times, masked card numbers, rates inside labels).  # noqa: E501
    "corpus5": Corpus(
        min_cases=14,
        formats=_formats(".pdf", ".docx", ".html", ".txt"),
        hub_min=4,
        micro=0.86,
        mean=0.785,
        case_floors={
            "receipt-supermarket-freshway-hub": 0.80,  # detail lines, multi-buy and coupons
            "receipt-coffee-bluebird-hub": 0.85,  # "Mastercard •••• 8842", date-time
            "invoice-venue-event-lakeview": 0.89,  # "Service charge (22% of F&B)"
            "credit-card-statement-northbridge": 0.68,
        },
    ),
    # Before any change: micro 0.775, mean 0.775, exact 0/14; set at micro 0.787 (tp 457 / fp 80 / fn 167), mean 0.789 (degree phrases split, UPC/SKU codes not quantities, empty table rows dropped).  # noqa: E501
    "corpus6": Corpus(
        min_cases=14,
        formats=_formats(".pdf", ".docx", ".html", ".txt", ".md"),
        hub_min=4,
        micro=0.88,
        mean=0.86,
        case_floors={
            "receipt-hardware-returns-harbor-hub": 0.86,  # UPC before names, "3 @ 13.99"
            "resume-senior-ruiz": 0.66,  # "M.S. Computer Science" -> degree + field
            "invoice-consulting-raman-hub": 0.93,  # Date / Description / Hours / Rate / Amount
            "insurance-claim-keystone": 0.90,  # [X] check boxes to booleans and an enum
        },
    ),
    # Before any change: micro 0.864, mean 0.825, exact 0/16 (tp 837 / fp 62 / fn 194); set at micro 0.867, mean 0.831 (document-type words and "VAT INVOICE" not taken as the issuer's name).  # noqa: E501
    "corpus7": Corpus(
        min_cases=16,
        formats=_formats(".pdf", ".docx", ".html", ".txt"),
        hub_min=8,
        micro=0.9,
        mean=0.87,
        case_floors={
            "invoice-two-page-summit": 0.97,  # a line-item table continued on page 2
            "invoice-uk-vat-hartley": 0.93,  # "VAT INVOICE" above the letterhead
            "invoice-factura-levante": 0.72,  # "FACTURA" title, European number format
        },
    ),
    # Scored once, before any change: mean 0.771, micro 0.789, exact 0/16; floors sit 0.02 below.
    "corpus8": Corpus(
        min_cases=16,
        max_cases=16,
        formats=_formats(".pdf", ".docx", ".html", ".txt", ".md"),
        hub_min=8,
        micro=0.769,
        mean=0.751,
    ),
}


def _case_params() -> list:
    return [
        pytest.param(corpus, c.name, id=f"{corpus}/{c.name}")
        for corpus in CORPORA
        for c in cases(corpus)
    ]


def _floor_params() -> list:
    return [
        pytest.param(corpus, name, floor, id=f"{corpus}/{name}")
        for corpus, spec in CORPORA.items()
        for name, floor in sorted(spec.case_floors.items())
    ]


def _exact_params() -> list:
    return [
        pytest.param(corpus, name, id=f"{corpus}/{name}")
        for corpus, spec in CORPORA.items()
        for name in sorted(spec.exact)
    ]


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_corpus_is_there(corpus):
    spec = CORPORA[corpus]
    found = cases(corpus)
    assert len(found) >= spec.min_cases
    if spec.max_cases is not None:
        assert len(found) <= spec.max_cases
    assert spec.formats <= {c.doc.suffix for c in found}
    hub = [c.name for c in found if is_hub_schema(c)]
    assert len(hub) >= spec.hub_min, f"at least {spec.hub_min} cases use vlmrun-hub schemas"


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_table_names_real_cases(corpus):
    # a floor or exact entry for a renamed case would otherwise fail with a bare KeyError
    spec = CORPORA[corpus]
    names = {c.name for c in cases(corpus)}
    assert (set(spec.case_floors) | set(spec.exact)) - names == set()


@pytest.mark.parametrize(("corpus", "name"), _case_params())
def test_expected_validates(corpus, name):
    c = case(corpus, name)
    schema = c.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(c.expected())] == []


@pytest.mark.parametrize(("corpus", "name"), _case_params())
def test_output_validates(corpus, name):
    # the judge validates with format checking (format: date is an assertion there)
    assert judgements(corpus)[name].schema_errors == []


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_corpus_f1_floor(corpus):
    spec = CORPORA[corpus]
    s = scores(corpus)
    assert s.micro >= spec.micro, f"{corpus}: micro F1 {s.micro:.3f} fell below {spec.micro}"
    assert s.mean >= spec.mean, f"{corpus}: mean F1 {s.mean:.3f} fell below {spec.mean}"


@pytest.mark.parametrize(("corpus", "name", "floor"), _floor_params())
def test_case_floor(corpus, name, floor):
    j = judgements(corpus)[name]
    assert j.f1 >= floor, floor_message(name, j, floor)


@pytest.mark.parametrize(("corpus", "name"), _exact_params())
def test_exact_case(corpus, name):
    j = judgements(corpus)[name]
    assert [f"{d.kind} {d.path}" for d in j.differences] == []


# Corpus-specific checks on particular fields (the table above cannot express these).


def test_corpus2_address_blocks_split_into_parts():
    # unlabelled blocks under FROM / BILL TO / SERVICE LOCATION become hub Address objects
    differences = judgements("corpus2")["invoice-summit-hvac-hub"].differences
    assert [d.path for d in differences if "address" in d.path] == []


def test_corpus3_times_keep_the_printed_form():
    # start_time has no format or pattern: "2:15 PM" stays "2:15 PM"
    differences = judgements("corpus3")["registration-dataeng-summit"].differences
    assert [d.path for d in differences if "time" in d.path] == []


def test_corpus4_statement_columns_by_synonym():
    # "Money Out" / "Money In" / "Balance" headers fill withdrawal, deposit and daily balance
    wrong = [
        d.path
        for d in judgements("corpus4")["bank-statement-harbor-point-hub"].differences
        if d.path.endswith(("/transaction_withdrawal", "/ending_daily_balance"))
    ]
    assert wrong == []
