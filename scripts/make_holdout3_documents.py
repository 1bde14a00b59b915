"""Regenerate the engine's third held-out corpus: documents written without looking at the engine.

Run from the repository root (needs reportlab, python-docx, python-pptx and vlmrun-hub):

    python scripts/make_holdout3_documents.py

Writes ``tests/data/holdout3/<case>.<ext>`` with ``<case>.schema.json`` and
``<case>.expected.json``. The documents imitate paperwork from other countries and trades than the
first two corpora: a Canadian invoice (GST/PST, CAD), an Australian tax invoice (ABN, dd/mm/yyyy),
an Indian GST invoice (GSTIN, lakh grouping), a Spanish factura (NIF, IVA, 1.234,56), a Swiss
invoice (1'234.50 CHF), a prescription, a school transcript, a mortgage statement, a car repair
order, a customs commercial invoice, a subscription renewal e-mail, a conference registration
confirmation, a two-column resume and a quarterly KPI slide deck. Schemas are written the way skill
authors write them, three taken as-is from vlmrun-hub. The expected JSON states what each document
shows (null where absent). Output is byte-for-byte reproducible (same renderers as
scripts/make_holdout_documents.py; PPTX zips normalised like DOCX).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docgen import (  # noqa: E402
    FIXED_TIME,
    Case,
    Op,
    arr,
    bold_para,
    docx_bytes,
    docx_table,
    eu,
    hub_schema,
    hub_skills,
    new_docx,
    num,
    obj,
    pdf_bytes,
    table_ops,
    us,
    write_cases,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "holdout3"
D = Decimal
H, HB = "Helvetica", "Helvetica-Bold"


def lakh(value: Decimal) -> str:
    """1234567.5 -> '12,34,567.50' (Indian grouping)."""
    whole, frac = f"{value:.2f}".split(".")
    head, tail = whole[:-3], whole[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return ",".join([*groups, tail]) + "." + frac


def swiss(value: Decimal) -> str:
    """1234.5 -> "1'234.50"."""
    return f"{value:,.2f}".replace(",", "'")


# -- cases ----------------------------------------------------------------------------------


def invoice_canada() -> Case:
    """Canadian invoice (PDF): GST and PST lines, CAD, a camelCase schema."""
    items = [
        ("Snow removal - driveway (seasonal contract, Jan)", 1, D("425.00")),
        ("Salt application", 6, D("38.00")),
        ("Walkway clearing", 8, D("22.50")),
    ]
    sub = sum((q * p for _, q, p in items), D(0))
    gst = (sub * D("0.05")).quantize(D("0.01"))
    pst = (sub * D("0.07")).quantize(D("0.01"))
    total = sub + gst + pst
    ops: list[Op] = [
        ("t", 50, 50, "Northern Maple Grounds Ltd.", HB, 16),
        ("t", 50, 68, "3180 Kingsway, Vancouver, BC V5R 5K2", H, 9),
        ("t", 50, 80, "GST/HST Reg. No. 81452 3396 RT0001", H, 9),
        ("t", 50, 92, "PST No. PST-1234-5678", H, 9),
        ("t", 400, 50, "INVOICE", HB, 20),
        ("t", 400, 80, "Invoice No:", H, 9),
        ("r", 562, 80, "NMG-2026-0117", H, 9),
        ("t", 400, 93, "Date:", H, 9),
        ("r", 562, 93, "February 2, 2026", H, 9),
        ("t", 400, 106, "Due:", H, 9),
        ("r", 562, 106, "March 4, 2026", H, 9),
        ("t", 50, 135, "Bill To:", HB, 9),
        ("t", 50, 148, "Strata Plan LMS 2291", H, 9),
        ("t", 50, 160, "c/o Pacific Strata Management", H, 9),
        ("t", 50, 172, "1050 Homer Street", H, 9),
        ("t", 50, 184, "Burnaby, BC V5C 2S3", H, 9),
    ]
    rows = [["Description", "Qty", "Unit Price", "Amount"]]
    rows += [[d, str(q), us(p), us(q * p)] for d, q, p in items]
    t, y = table_ops([50, 380, 470, 562], 225, rows, "lrrr")
    ops += t
    y += 14
    for label, value, font in [
        ("Subtotal", us(sub), H),
        ("GST (5%)", us(gst), H),
        ("PST (7%)", us(pst), H),
        ("Total (CAD)", "$" + us(total), HB),
    ]:
        ops += [("t", 400, y, label, font, 9), ("r", 562, y, value, font, 9)]
        y += 14
    ops += [
        ("t", 50, y + 30, "Payment by e-Transfer to ar@northernmaple.ca. Thank you!", H, 9),
    ]
    schema = obj(
        {
            "invoiceNumber": {"type": "string"},
            "invoiceDate": {"type": "string", "format": "date"},
            "dueDate": {"type": ["string", "null"], "format": "date"},
            "vendor": obj(
                {
                    "name": {"type": "string"},
                    "gstNumber": {"type": ["string", "null"], "description": "GST/HST number"},
                }
            ),
            "customer": obj(
                {
                    "name": {"type": "string", "description": "Bill-to name"},
                    "city": {"type": ["string", "null"]},
                    "province": {"type": ["string", "null"]},
                    "postalCode": {"type": ["string", "null"]},
                }
            ),
            "lineItems": arr(
                obj(
                    {
                        "description": {"type": "string"},
                        "quantity": {"type": "integer"},
                        "unitPrice": {"type": "number"},
                        "amount": {"type": "number"},
                    }
                )
            ),
            "subtotal": {"type": "number"},
            "gst": {"type": "number", "description": "Goods and Services Tax"},
            "pst": {"type": ["number", "null"], "description": "Provincial Sales Tax"},
            "total": {"type": "number"},
            "currency": {"type": "string", "enum": ["CAD", "USD"]},
        },
        required=["invoiceNumber", "invoiceDate", "total"],
    )
    expected = {
        "invoiceNumber": "NMG-2026-0117",
        "invoiceDate": "2026-02-02",
        "dueDate": "2026-03-04",
        "vendor": {"name": "Northern Maple Grounds Ltd.", "gstNumber": "81452 3396 RT0001"},
        "customer": {
            "name": "Strata Plan LMS 2291",
            "city": "Burnaby",
            "province": "BC",
            "postalCode": "V5C 2S3",
        },
        "lineItems": [
            {"description": d, "quantity": q, "unitPrice": num(p), "amount": num(q * p)}
            for d, q, p in items
        ],
        "subtotal": num(sub),
        "gst": num(gst),
        "pst": num(pst),
        "total": num(total),
        "currency": "CAD",
    }
    return ".pdf", pdf_bytes([ops], "Invoice NMG-2026-0117"), schema, expected


def tax_invoice_au_hub() -> Case:
    """Australian tax invoice (PDF, A4): ABN, GST-inclusive total, dd/mm/yyyy, BSB."""
    items = [
        ("Split system service - 2 units", D(2), D("145.00")),
        ("Refrigerant top-up R32 (kg)", D("1.5"), D("88.00")),
        ("Call-out fee", D(1), D("65.00")),
    ]
    sub = sum((q * p for _, q, p in items), D(0))
    gst = (sub * D("0.10")).quantize(D("0.01"))
    total = sub + gst
    ops: list[Op] = [
        ("t", 50, 50, "TAX INVOICE", HB, 20),
        ("t", 50, 80, "Coastal Air Conditioning Pty Ltd", HB, 11),
        ("t", 50, 94, "ABN 51 824 753 556", H, 9),
        ("t", 50, 106, "14 Racecourse Rd, Ascot QLD 4007", H, 9),
        ("t", 50, 118, "Ph 07 3268 4410   accounts@coastalair.com.au", H, 9),
        ("t", 360, 80, "Invoice No.", H, 9),
        ("r", 545, 80, "CA-10482", H, 9),
        ("t", 360, 94, "Invoice Date", H, 9),
        ("r", 545, 94, "05/03/2026", H, 9),
        ("t", 360, 108, "Due Date", H, 9),
        ("r", 545, 108, "19/03/2026", H, 9),
        ("t", 360, 122, "Customer No.", H, 9),
        ("r", 545, 122, "C-2207", H, 9),
        ("t", 50, 150, "Invoice To", HB, 9),
        ("t", 50, 163, "Harriet Nguyen", H, 9),
        ("t", 50, 175, "7 Jacaranda Cres", H, 9),
        ("t", 50, 187, "Toowong QLD 4066", H, 9),
    ]
    rows = [["Description", "Qty", "Unit Price", "Amount"]]
    rows += [[d, f"{q:g}", us(p), us(q * p)] for d, q, p in items]
    t, y = table_ops([50, 360, 450, 545], 225, rows, "lrrr")
    ops += t
    y += 14
    for label, value, font in [
        ("Subtotal (ex GST)", "A$" + us(sub), H),
        ("GST 10%", "A$" + us(gst), H),
        ("Total (inc GST)", "A$" + us(total), HB),
        ("Amount Due", "A$" + us(total), HB),
    ]:
        ops += [("t", 360, y, label, font, 9), ("r", 545, y, value, font, 9)]
        y += 14
    ops += [
        ("t", 50, y + 20, "Payment Terms: 14 days", H, 9),
        ("t", 50, y + 40, "Direct Deposit", HB, 9),
        ("t", 50, y + 53, "Account Name: Coastal Air Conditioning Pty Ltd", H, 9),
        ("t", 50, y + 65, "BSB: 064-128", H, 9),
        ("t", 50, y + 77, "Account No: 1048 2291", H, 9),
    ]
    schema = hub_schema("document.invoice")
    expected: dict[str, Any] = {k: None for k in schema["properties"]}
    expected.update(
        {
            "invoice_id": "CA-10482",
            "invoice_issue_date": "2026-03-05",
            "invoice_due_date": "2026-03-19",
            "customer_id": "C-2207",
            "issuer_name": "Coastal Air Conditioning Pty Ltd",
            "issuer_address": {
                "street": "14 Racecourse Rd",
                "city": "Ascot",
                "state": "QLD",
                "postal_code": "4007",
                "country": None,
            },
            "issuer_email": "accounts@coastalair.com.au",
            "issuer_phone": "07 3268 4410",
            "issuer_vat_id": "51 824 753 556",
            "customer_name": "Harriet Nguyen",
            "customer_billing_address": {
                "street": "7 Jacaranda Cres",
                "city": "Toowong",
                "state": "QLD",
                "postal_code": "4066",
                "country": None,
            },
            "items": [
                {
                    "description": d,
                    "quantity": num(q),
                    "unit_price": num(p),
                    "total_price": num(q * p),
                    "currency": None,
                    "item_tax_details": None,
                    "item_adjustment_details": None,
                }
                for d, q, p in items
            ],
            "currency": "AUD",
            "subtotal": num(sub),
            "tax_amount": num(gst),
            "tax_percentage": 10.0,
            "total_amount": num(total),
            "balance_due": num(total),
            "payment_terms": "14 days",
            "bank_details": {
                "bank_name": None,
                "account_holder_name": "Coastal Air Conditioning Pty Ltd",
                "account_number": "1048 2291",
                "routing_number": None,
                "bsb_number": "064-128",
                "iban": None,
                "swift_bic": None,
            },
        }
    )
    return ".pdf", pdf_bytes([ops], "Tax Invoice CA-10482", A4), schema, expected


def gst_invoice_india() -> Case:
    """Indian GST tax invoice (DOCX): GSTIN, ₹ with lakh grouping, CGST + SGST, dd-mm-yyyy."""
    items = [
        ("Dell Latitude 5440 Laptop", "8471", 6, D("68500.00")),
        ("HP LaserJet Pro M404dn", "8443", 2, D("24750.00")),
        ("Wireless keyboard and mouse set", "8471", 10, D("1850.00")),
    ]
    taxable = sum((q * p for _, _, q, p in items), D(0))
    cgst = (taxable * D("0.09")).quantize(D("0.01"))
    sgst = cgst
    total = taxable + cgst + sgst
    doc = new_docx("Tax Invoice")
    bold_para(doc, "TAX INVOICE", 16)
    doc.add_paragraph("Shreeji Computech Pvt. Ltd.")
    doc.add_paragraph("Unit 12, Andheri Industrial Estate, Andheri (E), Mumbai 400093")
    doc.add_paragraph("GSTIN: 27AAHCS4521K1Z6    State: Maharashtra (27)")
    docx_table(
        doc,
        [
            ["Invoice No.", "SCT/25-26/0871", "Invoice Date", "14-02-2026"],
            ["Place of Supply", "Maharashtra", "Due Date", "16-03-2026"],
        ],
        header=False,
    )
    doc.add_paragraph("")
    bold_para(doc, "Bill To")
    doc.add_paragraph("Vardhman Logistics LLP")
    doc.add_paragraph("Plot 44, MIDC Bhosari, Pune 411026")
    doc.add_paragraph("GSTIN: 27AAKFV8812M1ZQ")
    rows = [["Sr.", "Description", "HSN", "Qty", "Rate (₹)", "Amount (₹)"]]
    rows += [
        [str(i), d, h, str(q), lakh(p), lakh(q * p)] for i, (d, h, q, p) in enumerate(items, 1)
    ]
    docx_table(doc, rows)
    docx_table(
        doc,
        [
            ["Taxable Value", "₹ " + lakh(taxable)],
            ["CGST @ 9%", "₹ " + lakh(cgst)],
            ["SGST @ 9%", "₹ " + lakh(sgst)],
            ["Grand Total", "₹ " + lakh(total)],
        ],
        header=False,
    )
    doc.add_paragraph(
        "Amount in words: Five Lakh Sixty-Five Thousand Two Hundred Twenty Rupees Only"
    )
    doc.add_paragraph("Bank: HDFC Bank, A/c No. 50200031874412, IFSC HDFC0000543")
    schema = obj(
        {
            "invoice_number": {"type": "string"},
            "invoice_date": {"type": "string", "format": "date"},
            "due_date": {"type": ["string", "null"], "format": "date"},
            "seller_name": {"type": "string"},
            "seller_gstin": {"type": "string", "description": "Supplier GSTIN"},
            "buyer_name": {"type": "string"},
            "buyer_gstin": {"type": ["string", "null"]},
            "place_of_supply": {"type": ["string", "null"]},
            "line_items": arr(
                obj(
                    {
                        "description": {"type": "string"},
                        "hsn_code": {"type": ["string", "null"]},
                        "quantity": {"type": "number"},
                        "rate": {"type": "number"},
                        "amount": {"type": "number"},
                    }
                )
            ),
            "taxable_value": {"type": "number"},
            "cgst_amount": {"type": ["number", "null"]},
            "sgst_amount": {"type": ["number", "null"]},
            "igst_amount": {"type": ["number", "null"]},
            "grand_total": {"type": "number"},
            "ifsc_code": {"type": ["string", "null"]},
        }
    )
    expected = {
        "invoice_number": "SCT/25-26/0871",
        "invoice_date": "2026-02-14",
        "due_date": "2026-03-16",
        "seller_name": "Shreeji Computech Pvt. Ltd.",
        "seller_gstin": "27AAHCS4521K1Z6",
        "buyer_name": "Vardhman Logistics LLP",
        "buyer_gstin": "27AAKFV8812M1ZQ",
        "place_of_supply": "Maharashtra",
        "line_items": [
            {"description": d, "hsn_code": h, "quantity": q, "rate": num(p), "amount": num(q * p)}
            for d, h, q, p in items
        ],
        "taxable_value": num(taxable),
        "cgst_amount": num(cgst),
        "sgst_amount": num(sgst),
        "igst_amount": None,
        "grand_total": num(total),
        "ifsc_code": "HDFC0000543",
    }
    return ".docx", docx_bytes(doc), schema, expected


def factura_spain() -> Case:
    """Spanish factura (PDF, A4): NIF/CIF, IVA 21 %, 'Fecha', European number format."""
    items = [
        ("Diseño de logotipo", D(1), D("650.00")),
        ("Maquetación de catálogo (páginas)", D(24), D("35.00")),
        ("Impresión tarjetas de visita (cajas)", D(5), D("18.90")),
    ]
    base = sum((q * p for _, q, p in items), D(0))
    iva = (base * D("0.21")).quantize(D("0.01"))
    irpf = (base * D("0.15")).quantize(D("0.01"))
    total = base + iva - irpf
    ops: list[Op] = [
        ("t", 50, 50, "FACTURA", HB, 22),
        ("t", 50, 80, "Estudio Gráfico Turia S.L.", HB, 11),
        ("t", 50, 94, "CIF: B46827319", H, 9),
        ("t", 50, 106, "Calle de Colón 18, 3º", H, 9),
        ("t", 50, 118, "46004 Valencia, España", H, 9),
        ("t", 350, 80, "Nº Factura:", H, 9),
        ("r", 545, 80, "2026/0043", H, 9),
        ("t", 350, 94, "Fecha:", H, 9),
        ("r", 545, 94, "12/02/2026", H, 9),
        ("t", 350, 108, "Vencimiento:", H, 9),
        ("r", 545, 108, "14/03/2026", H, 9),
        ("t", 50, 150, "Cliente", HB, 9),
        ("t", 50, 163, "Librería Albufera S.A.", H, 9),
        ("t", 50, 175, "NIF: A96314578", H, 9),
        ("t", 50, 187, "Avenida del Puerto 221", H, 9),
        ("t", 50, 199, "46023 Valencia", H, 9),
    ]
    rows = [["Concepto", "Cantidad", "Precio", "Importe"]]
    rows += [[d, f"{q:g}", eu(p) + " €", eu(q * p) + " €"] for d, q, p in items]
    t, y = table_ops([50, 340, 440, 545], 240, rows, "lrrr")
    ops += t
    y += 14
    for label, value, font in [
        ("Base imponible", eu(base) + " €", H),
        ("IVA 21%", eu(iva) + " €", H),
        ("Retención IRPF 15%", "-" + eu(irpf) + " €", H),
        ("TOTAL FACTURA", eu(total) + " €", HB),
    ]:
        ops += [("t", 340, y, label, font, 9), ("r", 545, y, value, font, 9)]
        y += 14
    ops += [
        ("t", 50, y + 20, "Forma de pago: Transferencia bancaria", H, 9),
        ("t", 50, y + 33, "IBAN: ES91 2100 0418 4502 0005 1332", H, 9),
    ]
    schema = obj(
        {
            "numero_factura": {"type": "string", "title": "Invoice number"},
            "fecha": {"type": "string", "format": "date", "description": "Invoice date"},
            "fecha_vencimiento": {"type": ["string", "null"], "format": "date"},
            "emisor": obj(
                {
                    "nombre": {"type": "string", "description": "Issuer company name"},
                    "nif": {"type": "string", "description": "Tax ID (NIF/CIF)"},
                }
            ),
            "cliente": obj(
                {
                    "nombre": {"type": "string", "description": "Customer name"},
                    "nif": {"type": ["string", "null"], "description": "Customer tax ID"},
                }
            ),
            "conceptos": {
                "type": "array",
                "description": "Line items",
                "items": obj(
                    {
                        "descripcion": {"type": "string"},
                        "cantidad": {"type": "number"},
                        "precio_unitario": {"type": "number"},
                        "importe": {"type": "number"},
                    }
                ),
            },
            "base_imponible": {"type": "number", "description": "Taxable base"},
            "iva": {"type": "number", "description": "VAT amount"},
            "retencion_irpf": {
                "type": ["number", "null"],
                "minimum": 0,
                "description": "Income tax withheld (IRPF)",
            },
            "total": {"type": "number"},
            "iban": {"type": ["string", "null"]},
        }
    )
    expected = {
        "numero_factura": "2026/0043",
        "fecha": "2026-02-12",
        "fecha_vencimiento": "2026-03-14",
        "emisor": {"nombre": "Estudio Gráfico Turia S.L.", "nif": "B46827319"},
        "cliente": {"nombre": "Librería Albufera S.A.", "nif": "A96314578"},
        "conceptos": [
            {
                "descripcion": d,
                "cantidad": num(q),
                "precio_unitario": num(p),
                "importe": num(q * p),
            }
            for d, q, p in items
        ],
        "base_imponible": num(base),
        "iva": num(iva),
        "retencion_irpf": num(irpf),
        "total": num(total),
        "iban": "ES91 2100 0418 4502 0005 1332",
    }
    return ".pdf", pdf_bytes([ops], "Factura 2026/0043", A4), schema, expected


def invoice_swiss() -> Case:
    """Swiss invoice (Markdown): apostrophe grouping, CHF, dd.mm.yyyy, MWST."""
    items = [
        ("Beratung Netzwerk (Std.)", D("6.5"), D("165.00")),
        ("Firewall Lizenz 12 Monate", D(1), D("1240.00")),
        ("Switch 24 Port PoE", D(2), D("689.00")),
    ]
    sub = sum((q * p for _, q, p in items), D(0))
    vat = (sub * D("0.081")).quantize(D("0.05"))
    total = sub + vat
    lines = [
        "# Rechnung",
        "",
        "**Alpnet Informatik GmbH**  ",
        "Bahnhofstrasse 52, 8001 Zürich  ",
        "UID: CHE-312.447.905 MWST",
        "",
        "| | |",
        "|---|---|",
        "| Rechnungsnummer | RE-26-0311 |",
        "| Rechnungsdatum | 23.02.2026 |",
        "| Zahlbar bis | 25.03.2026 |",
        "| Kundennummer | 40877 |",
        "",
        "**Rechnungsadresse**  ",
        "Bäckerei Steiner AG  ",
        "Seestrasse 9  ",
        "8800 Thalwil",
        "",
        "| Beschreibung | Menge | Preis CHF | Betrag CHF |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {d} | {q:g} | {swiss(p)} | {swiss(q * p)} |" for d, q, p in items]
    lines += [
        "",
        f"Zwischensumme: CHF {swiss(sub)}  ",
        f"MWST 8.1%: CHF {swiss(vat)}  ",
        f"**Total: CHF {swiss(total)}**",
        "",
        "Zahlbar innert 30 Tagen. IBAN CH93 0076 2011 6238 5295 7",
        "",
    ]
    schema = obj(
        {
            "invoice_number": {"type": "string"},
            "invoice_date": {"type": "string", "format": "date"},
            "due_date": {"type": ["string", "null"], "format": "date"},
            "customer_number": {"type": ["string", "null"]},
            "seller": {"type": "string", "description": "Company issuing the invoice"},
            "buyer": {"type": "string", "description": "Billing address name (Rechnungsadresse)"},
            "items": arr(
                obj(
                    {
                        "description": {"type": "string"},
                        "quantity": {"type": "number"},
                        "price": {"type": "number"},
                        "amount": {"type": "number"},
                    }
                )
            ),
            "subtotal": {"type": "number", "description": "Zwischensumme"},
            "vat_amount": {"type": "number", "description": "MWST / VAT"},
            "total": {"type": "number"},
            "currency": {"type": "string", "description": "ISO 4217 code"},
        }
    )
    expected = {
        "invoice_number": "RE-26-0311",
        "invoice_date": "2026-02-23",
        "due_date": "2026-03-25",
        "customer_number": "40877",
        "seller": "Alpnet Informatik GmbH",
        "buyer": "Bäckerei Steiner AG",
        "items": [
            {"description": d, "quantity": num(q), "price": num(p), "amount": num(q * p)}
            for d, q, p in items
        ],
        "subtotal": num(sub),
        "vat_amount": num(vat),
        "total": num(total),
        "currency": "CHF",
    }
    return ".md", "\n".join(lines).encode("utf-8"), schema, expected


def prescription() -> Case:
    """A printed prescription (PDF): prescriber header, patient block, Rx lines with Sig."""
    ops: list[Op] = [
        ("c", 306, 50, "RIVERSIDE FAMILY MEDICINE", HB, 14),
        ("c", 306, 66, "2200 River Road, Suite 110, Sacramento, CA 95833  |  (916) 555-0142", H, 8),
        ("t", 50, 100, "Prescriber: Anita Deshmukh, MD", H, 10),
        ("t", 50, 114, "NPI: 1639284710", H, 10),
        ("t", 330, 100, "DEA #: FD4829113", H, 10),
        ("t", 330, 114, "Date: 01/27/2026", H, 10),
        ("hr", 50, 126, 562),
        ("t", 50, 145, "Patient Name: Thomas Kowalczyk", H, 10),
        ("t", 330, 145, "DOB: 09/14/1961", H, 10),
        ("t", 50, 159, "Address: 418 Pinecrest Dr, Sacramento, CA 95864", H, 10),
        ("t", 50, 173, "Allergies: Penicillin", H, 10),
        ("t", 50, 205, "Rx", HB, 20),
        ("t", 50, 235, "1. Lisinopril 10 mg tablet", HB, 10),
        ("t", 65, 249, "Sig: Take 1 tablet by mouth once daily", H, 10),
        ("t", 65, 263, "Disp: 90 tablets     Refills: 3", H, 10),
        ("t", 50, 288, "2. Atorvastatin 20 mg tablet", HB, 10),
        ("t", 65, 302, "Sig: Take 1 tablet by mouth at bedtime", H, 10),
        ("t", 65, 316, "Disp: 90 tablets     Refills: 3", H, 10),
        ("t", 50, 341, "3. Metformin 500 mg tablet", HB, 10),
        ("t", 65, 355, "Sig: Take 1 tablet by mouth twice daily with meals", H, 10),
        ("t", 65, 369, "Disp: 180 tablets     Refills: 1", H, 10),
        ("t", 50, 410, "[ ] Dispense as written     [x] Substitution permitted", H, 10),
        ("t", 50, 450, "Signature: Anita Deshmukh, MD", H, 10),
    ]
    schema = obj(
        {
            "prescriber_name": {"type": "string"},
            "prescriber_npi": {"type": ["string", "null"]},
            "dea_number": {"type": ["string", "null"]},
            "date_written": {"type": "string", "format": "date"},
            "patient": obj(
                {
                    "name": {"type": "string"},
                    "date_of_birth": {"type": ["string", "null"], "format": "date"},
                    "allergies": {"type": ["string", "null"]},
                }
            ),
            "medications": arr(
                obj(
                    {
                        "drug_name": {"type": "string", "description": "Drug and strength"},
                        "directions": {"type": "string", "description": "Sig"},
                        "quantity": {"type": "integer", "description": "Dispense quantity"},
                        "refills": {"type": "integer"},
                    }
                )
            ),
            "substitution_permitted": {"type": "boolean"},
        }
    )
    meds = [
        ("Lisinopril 10 mg tablet", "Take 1 tablet by mouth once daily", 90, 3),
        ("Atorvastatin 20 mg tablet", "Take 1 tablet by mouth at bedtime", 90, 3),
        ("Metformin 500 mg tablet", "Take 1 tablet by mouth twice daily with meals", 180, 1),
    ]
    expected = {
        "prescriber_name": "Anita Deshmukh, MD",
        "prescriber_npi": "1639284710",
        "dea_number": "FD4829113",
        "date_written": "2026-01-27",
        "patient": {
            "name": "Thomas Kowalczyk",
            "date_of_birth": "1961-09-14",
            "allergies": "Penicillin",
        },
        "medications": [
            {"drug_name": n, "directions": s, "quantity": q, "refills": r} for n, s, q, r in meds
        ],
        "substitution_permitted": True,
    }
    return ".pdf", pdf_bytes([ops], "Prescription"), schema, expected


def transcript() -> Case:
    """High-school transcript (PDF): student facts, courses table with credits and grades."""
    courses = [
        ("2024-25", "English 11 Honors", D("1.0"), "A"),
        ("2024-25", "AP U.S. History", D("1.0"), "A-"),
        ("2024-25", "Algebra II", D("1.0"), "B+"),
        ("2024-25", "Chemistry", D("1.0"), "B"),
        ("2024-25", "Spanish III", D("1.0"), "A"),
        ("2024-25", "Physical Education", D("0.5"), "P"),
        ("2025-26", "AP English Literature", D("1.0"), "A-"),
        ("2025-26", "Pre-Calculus", D("1.0"), "B+"),
    ]
    ops: list[Op] = [
        ("c", 306, 45, "LAKEVIEW HIGH SCHOOL", HB, 14),
        ("c", 306, 60, "Official Academic Transcript", H, 10),
        ("t", 50, 90, "Student:", HB, 9),
        ("t", 120, 90, "Priya Raman", H, 9),
        ("t", 50, 104, "Student ID:", HB, 9),
        ("t", 120, 104, "LV-220914", H, 9),
        ("t", 50, 118, "Date of Birth:", HB, 9),
        ("t", 120, 118, "June 3, 2008", H, 9),
        ("t", 330, 90, "Grade Level:", HB, 9),
        ("t", 420, 90, "12", H, 9),
        ("t", 330, 104, "Expected Graduation:", HB, 9),
        ("t", 420, 104, "05/2026", H, 9),
        ("t", 330, 118, "Counselor:", HB, 9),
        ("t", 420, 118, "Mr. David Osei", H, 9),
    ]
    rows = [["Year", "Course", "Credits", "Grade"]]
    rows += [[yr, c, f"{cr:.1f}", g] for yr, c, cr, g in courses]
    t, y = table_ops([50, 130, 420, 480], 150, rows, "llrl")
    ops += t
    ops += [
        ("t", 50, y + 16, "Total Credits Earned: 21.5", HB, 9),
        ("t", 50, y + 30, "Cumulative GPA (weighted): 3.87", HB, 9),
        ("t", 50, y + 44, "Class Rank: 34 of 412", H, 9),
        ("t", 50, y + 80, "Issued: 02/10/2026   Registrar: Carol Pemberton", H, 8),
    ]
    schema = obj(
        {
            "school_name": {"type": "string"},
            "student": obj(
                {
                    "name": {"type": "string"},
                    "student_id": {"type": "string"},
                    "date_of_birth": {"type": ["string", "null"], "format": "date"},
                    "grade_level": {"type": ["integer", "null"]},
                }
            ),
            "courses": arr(
                obj(
                    {
                        "school_year": {"type": "string"},
                        "course_name": {"type": "string"},
                        "credits": {"type": "number"},
                        "grade": {"type": "string"},
                    }
                )
            ),
            "total_credits": {"type": "number"},
            "cumulative_gpa": {"type": "number"},
            "class_rank": {"type": ["string", "null"]},
            "issue_date": {"type": ["string", "null"], "format": "date"},
        }
    )
    expected = {
        "school_name": "LAKEVIEW HIGH SCHOOL",
        "student": {
            "name": "Priya Raman",
            "student_id": "LV-220914",
            "date_of_birth": "2008-06-03",
            "grade_level": 12,
        },
        "courses": [
            {"school_year": yr, "course_name": c, "credits": num(cr), "grade": g}
            for yr, c, cr, g in courses
        ],
        "total_credits": 21.5,
        "cumulative_gpa": 3.87,
        "class_rank": "34 of 412",
        "issue_date": "2026-02-10",
    }
    return ".pdf", pdf_bytes([ops], "Transcript"), schema, expected


def mortgage_statement() -> Case:
    """Mortgage statement (PDF): account info box, explanation of amount due, past activity."""
    ops: list[Op] = [
        ("t", 50, 50, "Harborview Home Loans", HB, 15),
        ("t", 50, 66, "PO Box 7741, Portland, ME 04112  |  1-800-555-0163", H, 8),
        ("t", 400, 50, "Mortgage Statement", HB, 12),
        ("t", 400, 66, "Statement Date: 02/16/2026", H, 9),
        ("t", 50, 100, "Gregory and Denise Whitfield", H, 10),
        ("t", 50, 113, "27 Orchard Hill Lane", H, 10),
        ("t", 50, 126, "Falmouth, ME 04105", H, 10),
        ("t", 350, 95, "Account Number", H, 9),
        ("r", 562, 95, "0087214459", H, 9),
        ("t", 350, 109, "Payment Due Date", H, 9),
        ("r", 562, 109, "03/01/2026", H, 9),
        ("t", 350, 123, "Amount Due", HB, 9),
        ("r", 562, 123, "$2,184.37", HB, 9),
        ("t", 350, 140, "If payment is received after 03/16/2026, a $87.37 late fee", H, 7),
        ("t", 350, 149, "will be charged.", H, 7),
        ("t", 50, 175, "Account Information", HB, 10),
        ("hr", 50, 180, 290),
        ("t", 50, 195, "Outstanding Principal", H, 9),
        ("r", 290, 195, "$312,486.90", H, 9),
        ("t", 50, 209, "Interest Rate (Until 08/2030)", H, 9),
        ("r", 290, 209, "5.375%", H, 9),
        ("t", 50, 223, "Escrow Balance", H, 9),
        ("r", 290, 223, "$3,902.15", H, 9),
        ("t", 50, 237, "Prepayment Penalty", H, 9),
        ("r", 290, 237, "No", H, 9),
        ("t", 330, 175, "Explanation of Amount Due", HB, 10),
        ("hr", 330, 180, 562),
        ("t", 330, 195, "Principal", H, 9),
        ("r", 562, 195, "$745.86", H, 9),
        ("t", 330, 209, "Interest", H, 9),
        ("r", 562, 209, "$1,399.68", H, 9),
        ("t", 330, 223, "Escrow (for Taxes and Insurance)", H, 9),
        ("r", 562, 223, "$612.44", H, 9),
        ("t", 330, 237, "Regular Monthly Payment", HB, 9),
        ("r", 562, 237, "$2,757.98", HB, 9),
        ("t", 330, 251, "Partial Payment (Unapplied)", H, 9),
        ("r", 562, 251, "($573.61)", H, 9),
        ("t", 330, 265, "Total Amount Due", HB, 9),
        ("r", 562, 265, "$2,184.37", HB, 9),
        ("t", 50, 300, "Transaction Activity (01/17/2026 to 02/16/2026)", HB, 10),
    ]
    tx = [
        ("01/30/2026", "Payment - Thank You", "2,757.98"),
        ("02/03/2026", "County Tax Disbursement", "(1,840.00)"),
        ("02/12/2026", "Partial Payment Received", "573.61"),
    ]
    rows = [["Date", "Description", "Amount"]] + [list(r) for r in tx]
    t, y = table_ops([50, 140, 562], 320, rows, "llr")
    ops += t
    schema = obj(
        {
            "lender_name": {"type": "string"},
            "borrower_names": {"type": "string"},
            "loan_number": {"type": "string", "description": "Mortgage account number"},
            "statement_date": {"type": "string", "format": "date"},
            "payment_due_date": {"type": "string", "format": "date"},
            "amount_due": {"type": "number"},
            "late_fee": {"type": ["number", "null"]},
            "principal_balance": {"type": "number", "description": "Outstanding principal"},
            "interest_rate": {"type": "number", "description": "Percent"},
            "escrow_balance": {"type": ["number", "null"]},
            "has_prepayment_penalty": {"type": "boolean"},
            "payment_breakdown": obj(
                {
                    "principal": {"type": "number"},
                    "interest": {"type": "number"},
                    "escrow": {"type": "number"},
                    "regular_monthly_payment": {"type": "number"},
                    "unapplied_funds": {
                        "type": "number",
                        "minimum": 0,
                        "description": "Partial payment held as unapplied",
                    },
                }
            ),
            "transactions": arr(
                obj(
                    {
                        "date": {"type": "string", "format": "date"},
                        "description": {"type": "string"},
                        "amount": {
                            "type": "number",
                            "description": "Signed: disbursements negative",
                        },
                    }
                )
            ),
        }
    )
    expected = {
        "lender_name": "Harborview Home Loans",
        "borrower_names": "Gregory and Denise Whitfield",
        "loan_number": "0087214459",
        "statement_date": "2026-02-16",
        "payment_due_date": "2026-03-01",
        "amount_due": 2184.37,
        "late_fee": 87.37,
        "principal_balance": 312486.9,
        "interest_rate": 5.375,
        "escrow_balance": 3902.15,
        "has_prepayment_penalty": False,
        "payment_breakdown": {
            "principal": 745.86,
            "interest": 1399.68,
            "escrow": 612.44,
            "regular_monthly_payment": 2757.98,
            "unapplied_funds": 573.61,
        },
        "transactions": [
            {"date": "2026-01-30", "description": "Payment - Thank You", "amount": 2757.98},
            {"date": "2026-02-03", "description": "County Tax Disbursement", "amount": -1840.0},
            {"date": "2026-02-12", "description": "Partial Payment Received", "amount": 573.61},
        ],
    }
    return ".pdf", pdf_bytes([ops], "Mortgage Statement"), schema, expected


def repair_order_hub() -> Case:
    """Car repair order (PDF): shop header, vehicle box, parts and labour tables (hub schema)."""
    parts = [
        ("BR-55812", "Front brake pads (ceramic)", D(1), D("89.95")),
        ("RT-31190", "Front brake rotor", D(2), D("74.50")),
        ("FL-0042", "Brake fluid DOT 4 (qt)", D(1), D("14.99")),
    ]
    labour = [
        ("Replace front pads and rotors", D("1.8"), D("135.00")),
        ("Brake fluid flush", D("0.6"), D("135.00")),
    ]
    parts_total = sum((q * p for _, _, q, p in parts), D(0))
    labour_total = sum((h * r for _, h, r in labour), D(0))
    sub = parts_total + labour_total
    tax = (parts_total * D("0.0825")).quantize(D("0.01"))
    total = sub + tax
    ops: list[Op] = [
        ("t", 50, 48, "MIDTOWN AUTO CARE", HB, 16),
        ("t", 50, 64, "915 N Lamar Blvd, Austin, TX 78703", H, 9),
        ("t", 50, 76, "(512) 555-0187  service@midtownautocare.com", H, 9),
        ("t", 400, 48, "REPAIR ORDER", HB, 13),
        ("t", 400, 66, "RO #", H, 9),
        ("r", 562, 66, "48213", H, 9),
        ("t", 400, 79, "Date In", H, 9),
        ("r", 562, 79, "02/09/2026", H, 9),
        ("t", 400, 92, "Date Completed", H, 9),
        ("r", 562, 92, "02/10/2026", H, 9),
        ("t", 50, 110, "Customer:", HB, 9),
        ("t", 110, 110, "Luis Carrillo", H, 9),
        ("t", 50, 123, "Phone:", HB, 9),
        ("t", 110, 123, "(512) 555-0133", H, 9),
        ("t", 50, 136, "Email:", HB, 9),
        ("t", 110, 136, "lcarrillo@example.net", H, 9),
        ("t", 300, 110, "Year/Make/Model:", HB, 9),
        ("t", 390, 110, "2017 Honda Accord EX", H, 9),
        ("t", 300, 123, "VIN:", HB, 9),
        ("t", 390, 123, "1HGCR2F84HA104552", H, 9),
        ("t", 300, 136, "License:", HB, 9),
        ("t", 390, 136, "LKT-4418 (TX)", H, 9),
        ("t", 300, 149, "Mileage In:", HB, 9),
        ("t", 390, 149, "96,412", H, 9),
        ("t", 50, 175, "Customer Concern: Grinding noise when braking; pedal pulsation.", H, 9),
        ("t", 50, 200, "PARTS", HB, 10),
    ]
    rows = [["Part No.", "Description", "Qty", "Unit Price", "Amount"]]
    rows += [[pn, d, f"{q:g}", us(p), us(q * p)] for pn, d, q, p in parts]
    t, y = table_ops([50, 130, 400, 480, 562], 218, rows, "llrrr")
    ops += t
    ops += [("t", 400, y + 4, "Parts Total", HB, 9), ("r", 562, y + 4, us(parts_total), HB, 9)]
    y += 30
    ops += [("t", 50, y, "LABOR", HB, 10)]
    rows = [["Description", "Hours", "Rate", "Amount"]]
    rows += [[d, f"{h:g}", us(r), us(h * r)] for d, h, r in labour]
    t, y = table_ops([50, 400, 480, 562], y + 18, rows, "lrrr")
    ops += t
    y += 4
    for label, value in [
        ("Labor Total", us(labour_total)),
        ("Subtotal", us(sub)),
        ("Sales Tax 8.25% (parts)", us(tax)),
        ("TOTAL", "$" + us(total)),
    ]:
        ops += [("t", 400, y, label, HB, 9), ("r", 562, y, value, HB, 9)]
        y += 14
    schema = hub_schema("document.form-work-order")
    expected: dict[str, Any] = {k: None for k in schema["properties"]}
    expected.update(
        {
            "company_info": {
                "name": "MIDTOWN AUTO CARE",
                "address": "915 N Lamar Blvd",
                "suite": None,
                "city": "Austin",
                "state": "TX",
                "zip_code": "78703",
                "phone": "(512) 555-0187",
                "email": "service@midtownautocare.com",
            },
            "order_number": "48213",
            "client_name": "Luis Carrillo",
            "client_phone": "(512) 555-0133",
            "client_email": "lcarrillo@example.net",
            "order_date": "2026-02-09T00:00:00",
            "date_completed": "2026-02-10T00:00:00",
            "vehicle_info": {
                "vin": "1HGCR2F84HA104552",
                "make_model": "Honda Accord EX",
                "year": 2017,
                "odometer": 96412.0,
                "license_number": "LKT-4418",
                "state": "TX",
                "motor_number": None,
            },
            "job_description": "Grinding noise when braking; pedal pulsation.",
            "materials": [
                {
                    "description": d,
                    "quantity": num(q),
                    "price_per_unit": num(p),
                    "amount": num(q * p),
                    "part_number": pn,
                }
                for pn, d, q, p in parts
            ],
            "labor_items": [
                {
                    "description": d,
                    "quantity": num(h),
                    "price_per_unit": num(r),
                    "amount": num(h * r),
                    "part_number": None,
                }
                for d, h, r in labour
            ],
            "materials_total": num(parts_total),
            "labor_total": num(labour_total),
            "subtotal": num(sub),
            "tax_rate": 8.25,
            "tax_amount": num(tax),
            "total_amount": num(total),
        }
    )
    return ".pdf", pdf_bytes([ops], "Repair Order 48213"), schema, expected


def commercial_invoice() -> Case:
    """Customs commercial invoice (DOCX): shipper/consignee cells, HS codes, origin, Incoterms."""
    items = [
        ("Bluetooth speaker, model BX-20", "8518.22", "CN", 1200, D("14.60")),
        ("USB-C charging cable 1m", "8544.42", "CN", 5000, D("0.85")),
        ("Silicone phone case", "3926.90", "VN", 2400, D("1.12")),
    ]
    total = sum((q * p for *_, q, p in items), D(0))
    doc = new_docx("Commercial Invoice")
    bold_para(doc, "COMMERCIAL INVOICE", 16)
    docx_table(
        doc,
        [
            [
                "Shipper / Exporter\nShenzhen Brightwave Electronics Co., Ltd.\n"
                "No. 88 Keji Road, Nanshan District\nShenzhen, Guangdong 518057, China",
                "Invoice No.: BWE-CI-260219\nDate: 19 Feb 2026\nIncoterms: FOB Shenzhen",
            ],
            [
                "Consignee\nTrailhead Gear Inc.\n4100 Commerce Way\nReno, NV 89502, USA",
                "Country of Origin: China\nPort of Loading: Yantian\n"
                "Port of Discharge: Oakland\nCurrency: USD",
            ],
        ],
        header=False,
    )
    doc.add_paragraph("")
    rows = [["Description of Goods", "HS Code", "Origin", "Qty", "Unit Value", "Total Value"]]
    rows += [[d, hs, o, f"{q:,}", us(p), us(q * p)] for d, hs, o, q, p in items]
    docx_table(doc, rows)
    doc.add_paragraph(f"Total Invoice Value: USD {us(total)}")
    doc.add_paragraph("Gross Weight: 1,284.5 kg    Net Weight: 1,120.0 kg    Packages: 86 cartons")
    doc.add_paragraph(
        "I declare that the information on this invoice is true and correct. Signed: Chen Wei"
    )
    schema = obj(
        {
            "invoice_number": {"type": "string"},
            "invoice_date": {"type": "string", "format": "date"},
            "exporter": obj({"name": {"type": "string"}, "country": {"type": ["string", "null"]}}),
            "consignee": obj({"name": {"type": "string"}, "country": {"type": ["string", "null"]}}),
            "incoterms": {
                "type": ["string", "null"],
                "enum": ["EXW", "FOB", "CIF", "DAP", "DDP", None],
            },
            "port_of_loading": {"type": ["string", "null"]},
            "port_of_discharge": {"type": ["string", "null"]},
            "currency": {"type": "string"},
            "goods": arr(
                obj(
                    {
                        "description": {"type": "string"},
                        "hs_code": {"type": "string"},
                        "country_of_origin": {"type": "string"},
                        "quantity": {"type": "integer"},
                        "unit_value": {"type": "number"},
                        "total_value": {"type": "number"},
                    }
                )
            ),
            "total_value": {"type": "number"},
            "gross_weight_kg": {"type": ["number", "null"]},
            "net_weight_kg": {"type": ["number", "null"]},
            "number_of_packages": {"type": ["integer", "null"]},
        }
    )
    expected = {
        "invoice_number": "BWE-CI-260219",
        "invoice_date": "2026-02-19",
        "exporter": {"name": "Shenzhen Brightwave Electronics Co., Ltd.", "country": "China"},
        "consignee": {"name": "Trailhead Gear Inc.", "country": "USA"},
        "incoterms": "FOB",
        "port_of_loading": "Yantian",
        "port_of_discharge": "Oakland",
        "currency": "USD",
        "goods": [
            {
                "description": d,
                "hs_code": hs,
                "country_of_origin": o,
                "quantity": q,
                "unit_value": num(p),
                "total_value": num(q * p),
            }
            for d, hs, o, q, p in items
        ],
        "total_value": num(total),
        "gross_weight_kg": 1284.5,
        "net_weight_kg": 1120.0,
        "number_of_packages": 86,
    }
    return ".docx", docx_bytes(doc), schema, expected


def subscription_renewal_html() -> Case:
    """Subscription renewal e-mail (HTML): plan, price, renewal date, billing period range."""
    html = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Your subscription renews soon</title></head>
<body style="font-family:Arial,sans-serif">
<table width="600" align="center"><tr><td>
<h2>Hi Morgan, your Pro plan renews on March 14, 2026</h2>
<p>Thanks for being a Cloudnote customer. Your annual subscription will renew automatically
 &mdash; no action is needed.</p>
<table cellpadding="6" style="border:1px solid #ddd">
<tr><td>Account</td><td>morgan.ellis@fastmail.com</td></tr>
<tr><td>Plan</td><td>Cloudnote Pro (Annual)</td></tr>
<tr><td>Seats</td><td>3</td></tr>
<tr><td>Billing period</td><td>Mar 14, 2026 &ndash; Mar 13, 2027</td></tr>
<tr><td>Renewal price</td><td>$143.64 USD</td></tr>
<tr><td>Loyalty discount</td><td>-$15.96</td></tr>
<tr><td>Payment method</td><td>Visa ending in 4417</td></tr>
</table>
<p>Auto-renew: <b>On</b>. To make changes, visit your
<a href="https://cloudnote.example.com/account/billing">billing settings</a> before
March 13, 2026.</p>
<p>Questions? Write to billing@cloudnote.example.com.</p>
<p style="font-size:11px;color:#888">Cloudnote Inc., 500 Howard St, San Francisco, CA 94105.
Order reference SUB-77K2-9QX.</p>
</td></tr></table>
</body></html>
"""
    schema = obj(
        {
            "customer_first_name": {"type": "string"},
            "account_email": {"type": "string", "format": "email"},
            "plan_name": {"type": "string"},
            "billing_cycle": {"type": "string", "enum": ["monthly", "annual"]},
            "seats": {"type": "integer"},
            "renewal_date": {"type": "string", "format": "date"},
            "period_start": {"type": "string", "format": "date"},
            "period_end": {"type": "string", "format": "date"},
            "renewal_amount": {"type": "number"},
            "discount": {"type": ["number", "null"], "minimum": 0},
            "currency": {"type": "string"},
            "card_last4": {"type": ["string", "null"], "pattern": "^[0-9]{4}$"},
            "auto_renew": {"type": "boolean"},
            "reference": {"type": ["string", "null"]},
        }
    )
    expected = {
        "customer_first_name": "Morgan",
        "account_email": "morgan.ellis@fastmail.com",
        "plan_name": "Cloudnote Pro (Annual)",
        "billing_cycle": "annual",
        "seats": 3,
        "renewal_date": "2026-03-14",
        "period_start": "2026-03-14",
        "period_end": "2027-03-13",
        "renewal_amount": 143.64,
        "discount": 15.96,
        "currency": "USD",
        "card_last4": "4417",
        "auto_renew": True,
        "reference": "SUB-77K2-9QX",
    }
    return ".html", html.encode("utf-8"), schema, expected


def conference_registration_txt() -> Case:
    """Conference registration confirmation (plain text): attendee block, sessions with times."""
    text = """REGISTRATION CONFIRMED - DataEng Summit 2026
==============================================

Confirmation #: DES26-04417
Attendee:       Dr. Keiko Tanabe
Company:        Meridian Analytics
Job Title:      Principal Data Engineer
Email:          k.tanabe@meridian-analytics.io
Badge Name:     Keiko Tanabe

Pass Type:      Full Conference + Workshop
Dates:          April 22-24, 2026
Venue:          Hynes Convention Center, 900 Boylston St, Boston, MA

Registered sessions
-------------------
Date        Time      Session                                   Room
04/22/2026  9:00 AM   Workshop: Streaming Pipelines with Flink  Room 204
04/23/2026  10:30 AM  Keynote: The State of Data Engineering     Ballroom A
04/23/2026  2:15 PM   Lakehouse Table Formats Compared          Room 310
04/24/2026  11:00 AM  Data Contracts in Practice                Room 207

Payment
-------
Registration fee:   $1,495.00
Workshop add-on:      $350.00
Early-bird discount: -$200.00
Total paid:         $1,645.00   (Mastercard ****5521)

Dietary requirements: Vegetarian
Badge pickup opens at 7:30 AM on April 22 at the South Lobby.
"""
    schema = obj(
        {
            "confirmation_number": {"type": "string"},
            "event_name": {"type": "string"},
            "attendee": obj(
                {
                    "full_name": {"type": "string"},
                    "company": {"type": ["string", "null"]},
                    "title": {"type": ["string", "null"], "description": "Job title"},
                    "email": {"type": "string"},
                }
            ),
            "pass_type": {"type": "string"},
            "start_date": {"type": "string", "format": "date"},
            "end_date": {"type": "string", "format": "date"},
            "sessions": arr(
                obj(
                    {
                        "date": {"type": "string", "format": "date"},
                        "start_time": {"type": "string"},
                        "title": {"type": "string"},
                        "room": {"type": ["string", "null"]},
                    }
                )
            ),
            "registration_fee": {"type": "number"},
            "discount": {"type": ["number", "null"], "minimum": 0},
            "total_paid": {"type": "number"},
            "dietary_requirements": {"type": ["string", "null"]},
        }
    )
    expected = {
        "confirmation_number": "DES26-04417",
        "event_name": "DataEng Summit 2026",
        "attendee": {
            "full_name": "Dr. Keiko Tanabe",
            "company": "Meridian Analytics",
            "title": "Principal Data Engineer",
            "email": "k.tanabe@meridian-analytics.io",
        },
        "pass_type": "Full Conference + Workshop",
        "start_date": "2026-04-22",
        "end_date": "2026-04-24",
        "sessions": [
            {
                "date": "2026-04-22",
                "start_time": "9:00 AM",
                "title": "Workshop: Streaming Pipelines with Flink",
                "room": "Room 204",
            },
            {
                "date": "2026-04-23",
                "start_time": "10:30 AM",
                "title": "Keynote: The State of Data Engineering",
                "room": "Ballroom A",
            },
            {
                "date": "2026-04-23",
                "start_time": "2:15 PM",
                "title": "Lakehouse Table Formats Compared",
                "room": "Room 310",
            },
            {
                "date": "2026-04-24",
                "start_time": "11:00 AM",
                "title": "Data Contracts in Practice",
                "room": "Room 207",
            },
        ],
        "registration_fee": 1495.0,
        "discount": 200.0,
        "total_paid": 1645.0,
        "dietary_requirements": "Vegetarian",
    }
    return ".txt", text.encode("utf-8"), schema, expected


def resume_two_column_hub() -> Case:
    """Two-column resume (DOCX table): contact and skills on the left, experience on the right."""
    doc = new_docx("Resume")
    table = doc.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left_lines = [
        ("SOFIA MARTINEZ-LINDQVIST", True),
        ("Backend Engineer", False),
        ("", False),
        ("CONTACT", True),
        ("sofia.ml@protonmail.com", False),
        ("+46 70 123 45 67", False),
        ("Stockholm, Sweden", False),
        ("https://github.com/sofiaml", False),
        ("", False),
        ("SKILLS", True),
        ("Languages: Go, Python, SQL", False),
        ("Frameworks: gRPC, FastAPI", False),
        ("Databases: PostgreSQL, Redis", False),
        ("Cloud: AWS, GCP", False),
        ("", False),
        ("LANGUAGES", True),
        ("Swedish (native)", False),
        ("Spanish (native)", False),
        ("English (fluent)", False),
    ]
    right_lines = [
        ("PROFILE", True),
        (
            "Backend engineer with 7 years of experience building payment and messaging "
            "systems at scale.",
            False,
        ),
        ("", False),
        ("EXPERIENCE", True),
        ("Senior Backend Engineer, Klarna", True),
        ("Sep 2021 - Present | Stockholm", False),
        ("- Led migration of settlement service from Java monolith to Go microservices", False),
        ("- Cut p99 checkout latency from 480 ms to 190 ms", False),
        ("Software Engineer, Spotify", True),
        ("Jun 2018 - Aug 2021 | Stockholm", False),
        ("- Built event ingestion pipeline handling 2M messages per second", False),
        ("- Mentored four junior engineers", False),
        ("", False),
        ("EDUCATION", True),
        ("KTH Royal Institute of Technology", True),
        ("M.Sc. Computer Science, 2018", False),
    ]
    for cell, lines in ((left, left_lines), (right, right_lines)):
        first = True
        for text, bold in lines:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            run = p.add_run(text)
            run.bold = bold
    schema = hub_schema("document.resume")
    expected: dict[str, Any] = {k: None for k in schema["properties"]}
    expected.update(
        {
            "contact_info": {
                "full_name": "SOFIA MARTINEZ-LINDQVIST",
                "email": "sofia.ml@protonmail.com",
                "phone": "+46 70 123 45 67",
                "address": "Stockholm, Sweden",
                "linkedin": None,
                "github": "https://github.com/sofiaml",
                "portfolio": None,
                "google_scholar": None,
            },
            "summary": (
                "Backend engineer with 7 years of experience building payment and messaging "
                "systems at scale."
            ),
            "education": [
                {
                    "institution": "KTH Royal Institute of Technology",
                    "degree": "M.Sc.",
                    "field_of_study": "Computer Science",
                    "graduation_date": "2018-01-01",
                    "gpa": None,
                    "honors": None,
                    "relevant_courses": None,
                }
            ],
            "work_experience": [
                {
                    "company": "Klarna",
                    "position": "Senior Backend Engineer",
                    "start_date": "2021-09-01",
                    "end_date": None,
                    "is_current": True,
                    "responsibilities": [
                        "Led migration of settlement service from Java monolith to Go "
                        "microservices",
                        "Cut p99 checkout latency from 480 ms to 190 ms",
                    ],
                    "technologies": None,
                },
                {
                    "company": "Spotify",
                    "position": "Software Engineer",
                    "start_date": "2018-06-01",
                    "end_date": "2021-08-01",
                    "is_current": False,
                    "responsibilities": [
                        "Built event ingestion pipeline handling 2M messages per second",
                        "Mentored four junior engineers",
                    ],
                    "technologies": None,
                },
            ],
            "technical_skills": {
                "programming_languages": hub_skills("Go", "Python", "SQL"),
                "frameworks_libraries": hub_skills("gRPC", "FastAPI"),
                "databases": hub_skills("PostgreSQL", "Redis"),
                "tools": None,
                "cloud_platforms": hub_skills("AWS", "GCP"),
                "other": None,
            },
            "languages": [
                {"name": "Swedish", "level": "native", "years_of_experience": None},
                {"name": "Spanish", "level": "native", "years_of_experience": None},
                {"name": "English", "level": "fluent", "years_of_experience": None},
            ],
        }
    )
    return ".docx", docx_bytes(doc), schema, expected


def quarterly_deck_pptx() -> Case:
    """Quarterly business review (PPTX): title slide, KPI table slide, highlights slide."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    props = prs.core_properties
    props.title = "Q4 FY2025 Business Review"
    props.author = "skillkit holdout corpus"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_modified_by = "skillkit"
    props.revision = 1
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "Q4 FY2025 Business Review"
    s.placeholders[1].text = "Tidewater Outdoor Co.  |  Prepared by Finance  |  January 20, 2026"
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Key Metrics"
    kpis = [
        ("Revenue ($M)", "18.4", "21.7", "+17.9%"),
        ("Gross Margin", "41.2%", "43.5%", "+2.3 pts"),
        ("Active Customers", "52,310", "58,940", "+12.7%"),
        ("Net Promoter Score", "46", "51", "+5"),
        ("Churn Rate", "3.1%", "2.6%", "-0.5 pts"),
    ]
    rows = [("Metric", "Q3 FY2025", "Q4 FY2025", "Change"), *kpis]
    shape = s.shapes.add_table(
        len(rows), 4, Inches(0.6), Inches(1.6), Inches(8.8), Inches(0.4) * len(rows)
    )
    for ri, row in enumerate(rows):
        for ci, text in enumerate(row):
            cell = shape.table.cell(ri, ci)
            cell.text = text
            cell.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Highlights"
    body = s.placeholders[1].text_frame
    body.text = "Holiday campaign drove record December sales"
    for line in [
        "Opened 2 new stores (Bend, OR and Boise, ID); total stores: 27",
        "Headcount: 412 employees at quarter end",
        "FY2026 revenue target: $92M",
    ]:
        body.add_paragraph().text = line
    schema = obj(
        {
            "company": {"type": "string"},
            "quarter": {"type": "string", "description": "Reporting quarter, e.g. Q4 FY2025"},
            "report_date": {"type": ["string", "null"], "format": "date"},
            "kpis": arr(
                obj(
                    {
                        "metric": {"type": "string"},
                        "previous_quarter": {"type": "string"},
                        "current_quarter": {"type": "string"},
                        "change": {"type": "string"},
                    }
                )
            ),
            "store_count": {"type": ["integer", "null"], "description": "Total stores"},
            "headcount": {"type": ["integer", "null"]},
            "next_year_revenue_target_musd": {
                "type": ["number", "null"],
                "description": "FY2026 revenue target in millions of dollars",
            },
        }
    )
    expected = {
        "company": "Tidewater Outdoor Co.",
        "quarter": "Q4 FY2025",
        "report_date": "2026-01-20",
        "kpis": [
            {"metric": m, "previous_quarter": a, "current_quarter": b, "change": c}
            for m, a, b, c in kpis
        ],
        "store_count": 27,
        "headcount": 412,
        "next_year_revenue_target_musd": 92.0,
    }
    return ".pptx", docx_bytes(prs), schema, expected


def payslip_uk_nullable() -> Case:
    """UK payslip (TXT, fixed-width): £, dd/mm/yyyy pay date, NI number, YTD columns."""
    text = """ACME FABRICATION LTD                                   PAYSLIP
Unit 4, Castle Trading Estate, Leeds LS12 6BB

Employee: Olivia Hartley            Employee No: 00731
NI Number: QQ 12 34 56 C            Tax Code: 1257L
Pay Date: 27/02/2026                Pay Period: Month 11
Department: Quality Control

PAYMENTS                     Amount        DEDUCTIONS               Amount
Basic Salary               2,708.33        Income Tax (PAYE)        331.60
Overtime (6.5 hrs)           146.25        National Insurance       114.23
                                           Pension (5%)             142.73

Gross Pay:       £2,854.58
Total Deductions:  £588.56
NET PAY:         £2,266.02

Year to Date: Gross £31,400.38   Tax £3,647.60   NI £1,256.53
Paid by BACS to account ending 9921
"""
    schema = obj(
        {
            "employer_name": {"type": "string"},
            "employee_name": {"type": "string"},
            "employee_number": {"type": ["string", "null"]},
            "ni_number": {"type": ["string", "null"], "description": "National Insurance number"},
            "tax_code": {"type": ["string", "null"]},
            "pay_date": {"type": "string", "format": "date"},
            "gross_pay": {"type": "number"},
            "income_tax": {"type": "number"},
            "national_insurance": {"type": "number"},
            "pension": {"type": ["number", "null"]},
            "total_deductions": {"type": "number"},
            "net_pay": {"type": "number"},
            "ytd_gross": {"type": ["number", "null"], "description": "Year-to-date gross pay"},
            "currency": {"type": "string", "enum": ["GBP", "EUR", "USD"]},
        }
    )
    expected = {
        "employer_name": "ACME FABRICATION LTD",
        "employee_name": "Olivia Hartley",
        "employee_number": "00731",
        "ni_number": "QQ 12 34 56 C",
        "tax_code": "1257L",
        "pay_date": "2026-02-27",
        "gross_pay": 2854.58,
        "income_tax": 331.6,
        "national_insurance": 114.23,
        "pension": 142.73,
        "total_deductions": 588.56,
        "net_pay": 2266.02,
        "ytd_gross": 31400.38,
        "currency": "GBP",
    }
    return ".txt", text.encode("utf-8"), schema, expected


CASES = {
    "invoice-northern-maple-ca": invoice_canada,
    "tax-invoice-coastal-air-au-hub": tax_invoice_au_hub,
    "gst-invoice-shreeji-in": gst_invoice_india,
    "factura-turia-es": factura_spain,
    "rechnung-alpnet-ch": invoice_swiss,
    "prescription-riverside": prescription,
    "transcript-lakeview": transcript,
    "mortgage-statement-harborview": mortgage_statement,
    "repair-order-midtown-hub": repair_order_hub,
    "commercial-invoice-brightwave": commercial_invoice,
    "subscription-renewal-cloudnote": subscription_renewal_html,
    "registration-dataeng-summit": conference_registration_txt,
    "resume-two-column-hub": resume_two_column_hub,
    "quarterly-review-tidewater": quarterly_deck_pptx,
    "payslip-acme-uk": payslip_uk_nullable,
}


def main() -> int:
    return write_cases(OUT, CASES)


if __name__ == "__main__":
    raise SystemExit(main())
