"""General rules the engine learned from real invoices and receipts (benchmarks/engine_real.py),
each checked on a small synthetic document written here (never on the real corpus files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillkit.engine import extract, read_document, values

INVOICE = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"]},
        "issue_date": {"type": ["string", "null"], "format": "date"},
        "due_date": {"type": ["string", "null"], "format": "date"},
        "seller_name": {"type": ["string", "null"]},
        "buyer_name": {"type": ["string", "null"]},
        "total_net": {"type": ["number", "null"]},
        "total_tax": {"type": ["number", "null"]},
        "total_gross": {"type": ["number", "null"]},
        "amount_due": {
            "type": ["number", "null"],
            "description": "Amount to pay; equal to the grand total when nothing was prepaid.",
        },
    },
}
RECEIPT = {
    "type": "object",
    "properties": {
        "company": {"type": ["string", "null"]},
        "date": {"type": ["string", "null"], "format": "date"},
        "address": {"type": ["string", "null"]},
        "total": {"type": ["number", "null"]},
    },
}


def _run(tmp_path: Path, text: str, schema: dict) -> dict:
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    return extract(p, schema).data


def test_german_totals_title_line_and_payment_terms(tmp_path):
    data = _run(
        tmp_path,
        "Handelsrechnung (380) Nr. 2024-17 vom 05.03.2024\n"
        "\n"
        "Verkäufer\n"
        "Nummer: 549910\n"
        "Name: Nordlicht Handel GmbH\n"
        "\n"
        "Käufer/Leistungsempfänger\n"
        "Nummer: 77120\n"
        "Name: Becker & Söhne KG\n"
        "\n"
        "Nettobetrag          100,00\n"
        "MwSt 19 %             19,00\n"
        "Gesamtbetrag         119,00\n"
        "\n"
        "Zahlbar innerhalb 30 Tagen netto bis 04.04.2024, 2% Skonto innerhalb 10 Tagen bis "
        "15.03.2024\n",
        INVOICE,
    )
    assert data["invoice_number"] == "2024-17"
    assert data["issue_date"] == "2024-03-05"
    assert data["due_date"] == "2024-04-04"  # the net date, not the discount date
    assert data["seller_name"] == "Nordlicht Handel GmbH"
    assert data["buyer_name"] == "Becker & Söhne KG"
    assert (data["total_net"], data["total_tax"], data["total_gross"]) == (100.0, 19.0, 119.0)
    assert data["amount_due"] == 119.0  # the schema says: the total when nothing was prepaid


def test_french_totals_and_title_date(tmp_path):
    data = _run(
        tmp_path,
        "Facture N° F-2017-12 du 28/11/2017\n"
        "\n"
        "Total HT          1 250,00 €\n"
        "TVA 20 %            250,00 €\n"
        "Total TTC         1 500,00 €\n",
        INVOICE,
    )
    assert data["invoice_number"] == "F-2017-12"
    assert data["issue_date"] == "2017-11-28"
    assert (data["total_net"], data["total_tax"], data["total_gross"]) == (1250.0, 250.0, 1500.0)


def test_english_number_issued_at_and_remit_until(tmp_path):
    data = _run(
        tmp_path,
        "Invoice # RE-20240311/12 issued at 2024-03-11\n"
        "\n"
        "Net total: 496.00 €\n"
        "VAT total: 75.04 €\n"
        "Due payable: 571.04 €\n"
        "\n"
        "Please remit until 2024-04-01.\n",
        INVOICE,
    )
    assert data["invoice_number"] == "RE-20240311/12"  # not "... issued at 2024-03-11"
    assert data["issue_date"] == "2024-03-11"
    assert data["due_date"] == "2024-04-01"
    assert data["amount_due"] == 571.04
    assert data["total_gross"] == 571.04  # net + tax, printed as the amount due


def test_percent_is_not_a_tax_amount_and_totals_add_up(tmp_path):
    data = _run(
        tmp_path,
        "Rechnung 4711\n"
        "\n"
        "Rechnungssumme Netto (excl. USt.)      200,00\n"
        "Steuerbasisbetrag USt. 19%    200,00     38,00\n"
        "Rechnungssumme Brutto (inkl. USt.)     238,00\n",
        INVOICE,
    )
    assert data["total_net"] == 200.0
    assert data["total_gross"] == 238.0
    assert data["total_tax"] == 38.0  # gross - net, printed; not the base or the rate


def test_window_envelope_return_address_names_both_parties(tmp_path):
    text = (
        "                                            Bei Spiel GmbH\n"
        "                                            Ecke 12\n"
        "Bei Spiel GmbH · Ecke 12 · 12345 Stadthausen\n"
        "Theodor Est\n"
        "Bahnstr. 42\n"
        "88802 Spielkreis\n"
        "\n"
        "Invoice RE-88\n" + "\n" * 30 + "Total: 12.00\n"
    )
    data = _run(tmp_path, text, INVOICE)
    assert data["buyer_name"] == "Theodor Est"
    assert data["seller_name"] == "Bei Spiel GmbH"


def test_receipt_final_total_address_and_ringgit(tmp_path):
    data = _run(
        tmp_path,
        "KEDAI MAJU JAYA SDN BHD\n"
        "(123456-M)\n"
        "NO 5, JALAN MAJU 3,\n"
        "43000 KAJANG, SELANGOR.\n"
        "TEL: 03-8736 1234\n"
        "Date: 21/09/2017\n"
        "Total (Excluding GST): 62.00\n"
        "Total (Inclusive of GST): 65.72\n"
        "Rounding Adj: -0.02\n"
        "TOTAL: RM65.70\n"
        "GST Summary    Amount   Tax\n"
        "Total    62.00    3.72    65.72\n",
        RECEIPT,
    )
    assert data["company"] == "KEDAI MAJU JAYA SDN BHD"
    assert data["address"] == "NO 5, JALAN MAJU 3, 43000 KAJANG, SELANGOR."
    assert data["date"] == "2017-09-21"
    assert data["total"] == 65.7  # the last total line, not the one before rounding


def test_ringgit_amounts_parse():
    assert values.parse_number("RM9.75") == 9.75
    assert values.parse_number("Total Sales: RM1,007.50") == 1007.5
    assert values.currency_code("RM9.75") == "MYR"


def test_german_compound_label_written_apart(tmp_path):
    data = _run(
        tmp_path,
        "Lieferschein-Datum: 30.09.2013\nBeleg-Datum: 06.10.2013\n",
        {
            "type": "object",
            "properties": {
                "issue_date": {
                    "type": ["string", "null"],
                    "format": "date",
                    "description": "The invoice date ('Belegdatum').",
                }
            },
        },
    )
    assert data["issue_date"] == "2013-10-06"


def test_pdf_drops_text_set_at_another_angle(tmp_path):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    p = tmp_path / "rotated.pdf"
    c = canvas.Canvas(str(p), pagesize=(595, 842), invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(60, 700, "Rechnungsnummer 471102")
    c.drawString(60, 680, "Gesamtbetrag 529,87")
    c.saveState()
    c.translate(25, 650)
    c.rotate(90)
    c.drawString(0, 0, "ZUGFeRD COMFORT Beispiel")
    c.restoreState()
    c.showPage()
    c.save()
    text = read_document(p).text
    assert "Rechnungsnummer 471102" in text and "Gesamtbetrag 529,87" in text
    assert "ZUGFeRD" not in text and "Beispiel" not in text
