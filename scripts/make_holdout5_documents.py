"""Regenerate the engine's fifth held-out corpus: the documents users try first, written before
the engine code was read.

Run from the repository root (needs reportlab, python-docx and vlmrun-hub):

    python scripts/make_holdout5_documents.py

Writes ``tests/data/holdout5/<case>.<ext>`` with ``<case>.schema.json`` and
``<case>.expected.json``. Four invoices (an accounting-software "TAX INVOICE" with a payment
advice slip, a handyman's invoice sent as a plain-text e-mail, a UK VAT invoice with a tax rate
per line and address blocks in table cells, a two-page invoice with page subtotals), four
receipts (supermarket with weighed items, multi-buy and coupon lines and a card slip, a coffee
shop, a ride-hailing e-mail receipt, a hotel restaurant bill charged to the room), two resumes
(an academic CV with publications, an HTML resume with Summary / Experience / Education /
Skills), an order form with check boxes, a credit card statement whose transaction dates have no
year, a job offer letter and a conference venue's event invoice. Four schemas are vlmrun-hub's
as-is; the rest are written the way skill authors write them (snake_case and camelCase, nested
objects, arrays of objects, enums, booleans, integers, dates). The expected JSON states what
each document shows (null where absent). Output is byte-for-byte reproducible.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docgen import (  # noqa: E402
    Case,
    Op,
    arr,
    bold_para,
    boolean,
    date,
    docx_bytes,
    docx_table,
    hub_address,
    hub_schema,
    hub_skills,
    integer,
    n,
    ndate,
    new_docx,
    nul,
    num,
    obj,
    pdf_bytes,
    s,
    table_ops,
    us,
    write_cases,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "holdout5"
D = Decimal
H, HB = "Helvetica", "Helvetica-Bold"
CENT = D("0.01")


# -- invoices -------------------------------------------------------------------------------


def invoice_accounting_hub() -> Case:
    """Accounting-software "TAX INVOICE" (PDF, A4): customer block top left, invoice facts in a
    middle column, the issuer's address top right, a "Description / Quantity / Unit Price / GST /
    Amount AUD" table, totals, bank details and a tear-off payment advice; vlmrun-hub invoice."""
    items = [
        ("Hull antifouling - 32ft yacht", D("1.00"), D("1450.00")),
        ("Anode replacement (zinc)", D("4.00"), D("38.50")),
        ("Labour - marine mechanic", D("6.50"), D("95.00")),
    ]
    sub = sum((q * p for _, q, p in items), D(0))
    gst = (sub * D("0.10")).quantize(CENT)
    total = sub + gst
    ops: list[Op] = [
        ("t", 40, 60, "TAX INVOICE", HB, 22),
        ("t", 40, 92, "Bayview Yacht Club", H, 9),
        ("t", 40, 104, "Attention: Accounts Payable", H, 9),
        ("t", 40, 116, "12 Esplanade", H, 9),
        ("t", 40, 128, "Manly NSW 2095", H, 9),
        ("t", 40, 140, "AUSTRALIA", H, 9),
        ("t", 260, 92, "Invoice Date", HB, 8),
        ("t", 260, 103, "14 Mar 2026", H, 9),
        ("t", 260, 120, "Invoice Number", HB, 8),
        ("t", 260, 131, "INV-0457", H, 9),
        ("t", 260, 148, "Reference", HB, 8),
        ("t", 260, 159, "Slip 22 service", H, 9),
        ("t", 260, 176, "ABN", HB, 8),
        ("t", 260, 187, "53 004 085 616", H, 9),
        ("t", 400, 92, "Harbourside Marine Services Pty Ltd", H, 9),
        ("t", 400, 104, "Unit 4, 18 Wharf Road", H, 9),
        ("t", 400, 116, "Balmain NSW 2041", H, 9),
        ("t", 400, 128, "AUSTRALIA", H, 9),
        ("t", 400, 146, "Phone: +61 2 9555 0142", H, 9),
    ]
    rows = [["Description", "Quantity", "Unit Price", "GST", "Amount AUD"]]
    rows += [[d, f"{q:.2f}", us(p), "10%", us(q * p)] for d, q, p in items]
    t, y = table_ops([40, 330, 410, 470, 555], 225, rows, "lrrrr", step=18)
    ops += t
    ops.append(("hr", 330, y - 8, 555))
    y += 4
    for label, value, font in [
        ("Subtotal", us(sub), H),
        ("TOTAL GST 10%", us(gst), H),
        ("TOTAL AUD", us(total), HB),
    ]:
        ops += [("r", 470, y, label, font, 9), ("r", 555, y, value, font, 9)]
        y += 15
    y += 20
    ops += [
        ("t", 40, y, "Due Date: 28 Mar 2026", HB, 10),
        ("t", 40, y + 16, "Please pay by direct deposit to:", H, 9),
        ("t", 40, y + 28, "Account Name: Harbourside Marine Services Pty Ltd", H, 9),
        ("t", 40, y + 40, "BSB: 062-000", H, 9),
        ("t", 40, y + 52, "Account Number: 1234 5678", H, 9),
        ("t", 40, y + 64, "Please use INV-0457 as the payment reference.", H, 9),
    ]
    y += 110
    ops += [
        ("hr", 40, y, 555),
        ("t", 40, y + 24, "PAYMENT ADVICE", HB, 14),
        ("t", 40, y + 44, "To:  Harbourside Marine Services Pty Ltd", H, 9),
        ("t", 60, y + 56, "Unit 4, 18 Wharf Road", H, 9),
        ("t", 60, y + 68, "Balmain NSW 2041", H, 9),
        ("t", 330, y + 44, "Customer", HB, 9),
        ("t", 430, y + 44, "Bayview Yacht Club", H, 9),
        ("t", 330, y + 58, "Invoice Number", HB, 9),
        ("t", 430, y + 58, "INV-0457", H, 9),
        ("t", 330, y + 72, "Amount Due", HB, 9),
        ("t", 430, y + 72, us(total), H, 9),
        ("t", 330, y + 86, "Due Date", HB, 9),
        ("t", 430, y + 86, "28 Mar 2026", H, 9),
        ("t", 330, y + 100, "Amount Enclosed", HB, 9),
        ("hr", 430, y + 102, 555),
    ]
    schema = hub_schema("document.invoice")
    expected: dict[str, Any] = {k: None for k in schema["properties"]}
    expected.update(
        {
            "invoice_id": "INV-0457",
            "invoice_issue_date": "2026-03-14",
            "invoice_due_date": "2026-03-28",
            "issuer_name": "Harbourside Marine Services Pty Ltd",
            "issuer_address": hub_address(
                "Unit 4, 18 Wharf Road", "Balmain", "NSW", "2041", "AUSTRALIA"
            ),
            "issuer_phone": "+61 2 9555 0142",
            "issuer_vat_id": "53 004 085 616",
            "customer_name": "Bayview Yacht Club",
            "customer_billing_address": hub_address(
                "12 Esplanade", "Manly", "NSW", "2095", "AUSTRALIA"
            ),
            "items": [
                {
                    "description": d,
                    "quantity": num(q),
                    "unit_price": num(p),
                    "total_price": num(q * p),
                    "currency": None,
                    "item_tax_details": "10%",
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
            "bank_details": {
                "bank_name": None,
                "account_holder_name": "Harbourside Marine Services Pty Ltd",
                "account_number": "1234 5678",
                "routing_number": None,
                "bsb_number": "062-000",
                "iban": None,
                "swift_bic": None,
            },
        }
    )
    return ".pdf", pdf_bytes([ops], "Invoice INV-0457", A4), schema, expected


def invoice_handyman_email() -> Case:
    """A handyman's invoice sent as a plain-text e-mail: headers, greeting, "Labor - ...: 4.5 hrs
    x $65.00 = $292.50" lines, payment options in prose, signature block; snake_case schema."""
    text = """\
From: Rick Alvarez <rick@alvarezhandyman.com>
To: Susan Patel <spatel.home@gmail.com>
Date: Mon, 9 Mar 2026 18:22:10 -0500
Subject: Invoice #1043 - bathroom repairs at 27 Orchard Lane

Hi Susan,

Thanks again for having me out last week. Here's the invoice for the work
at 27 Orchard Lane.

INVOICE #1043
Date: March 9, 2026
Job date: March 5, 2026

Labor - replace bathroom vanity and faucet: 4.5 hrs x $65.00 = $292.50
Labor - patch and paint ceiling: 2 hrs x $65.00 = $130.00
Materials - faucet, supply lines, caulk: $86.40
Disposal fee: $25.00

Total: $533.90

Payment is due within 14 days. I take Zelle (rick@alvarezhandyman.com),
check, or cash. If paying by check, please make it out to
"Alvarez Handyman Services LLC".

Thanks,
Rick Alvarez
Alvarez Handyman Services LLC
(614) 555-0137
Licensed & insured - OH Contractor #HM-44817
"""
    schema = obj(
        {
            "invoice_number": s(),
            "invoice_date": date(),
            "service_date": ndate(description="Date the work was done"),
            "contractor": obj(
                {
                    "business_name": s(),
                    "contact_name": nul("string"),
                    "phone": nul("string"),
                    "email": nul("string"),
                }
            ),
            "client_name": s(),
            "job_address": nul("string", description="Where the work was done"),
            "line_items": arr(
                obj(
                    {
                        "description": s(),
                        "hours": nul("number"),
                        "hourly_rate": nul("number"),
                        "amount": n(),
                    },
                    required=["description", "amount"],
                )
            ),
            "total_due": n(),
            "payment_due_days": nul("integer", description="Days until payment is due"),
            "accepted_payment_methods": arr(
                {"type": "string", "enum": ["Zelle", "check", "cash", "card", "Venmo"]}
            ),
            "license_number": nul("string"),
        },
        required=["invoice_number", "invoice_date", "line_items", "total_due"],
    )
    expected = {
        "invoice_number": "1043",
        "invoice_date": "2026-03-09",
        "service_date": "2026-03-05",
        "contractor": {
            "business_name": "Alvarez Handyman Services LLC",
            "contact_name": "Rick Alvarez",
            "phone": "(614) 555-0137",
            "email": "rick@alvarezhandyman.com",
        },
        "client_name": "Susan Patel",
        "job_address": "27 Orchard Lane",
        "line_items": [
            {
                "description": "Labor - replace bathroom vanity and faucet",
                "hours": 4.5,
                "hourly_rate": 65.0,
                "amount": 292.5,
            },
            {
                "description": "Labor - patch and paint ceiling",
                "hours": 2.0,
                "hourly_rate": 65.0,
                "amount": 130.0,
            },
            {
                "description": "Materials - faucet, supply lines, caulk",
                "hours": None,
                "hourly_rate": None,
                "amount": 86.4,
            },
            {"description": "Disposal fee", "hours": None, "hourly_rate": None, "amount": 25.0},
        ],
        "total_due": 533.9,
        "payment_due_days": 14,
        "accepted_payment_methods": ["Zelle", "check", "cash"],
        "license_number": "HM-44817",
    }
    return ".txt", text.encode("utf-8"), schema, expected


def invoice_vat_per_line() -> Case:
    """UK VAT invoice (DOCX): supplier header, "Invoice To:" / "Deliver To:" blocks side by side
    in a borderless table, a line table with a VAT rate and VAT amount per line, a VAT analysis
    table; camelCase schema."""
    items = [
        ("A4 copier paper 80gsm (box of 5 reams)", 4, D("21.50"), D(20)),
        ("Children's picture books (assorted)", 2, D("8.99"), D(0)),
        ("Child car seat - waiting room", 1, D("64.00"), D(5)),
        ("Toner cartridge HP 59A", 2, D("72.40"), D(20)),
    ]

    def vat(q: int, p: Decimal, r: Decimal) -> Decimal:
        return (q * p * r / 100).quantize(CENT)

    net = sum((q * p for _, q, p, _ in items), D(0))
    tax = sum((vat(q, p, r) for _, q, p, r in items), D(0))
    gross = net + tax
    doc = new_docx("VAT Invoice FH-22817")
    bold_para(doc, "Fenwick & Hale Office Supplies Ltd", 16)
    doc.add_paragraph("Unit 7, Riverside Trading Estate, Leeds LS11 5DP")
    doc.add_paragraph("Tel 0113 496 0721  ·  orders@fenwickhale.co.uk")
    doc.add_paragraph("VAT Reg. No. GB 284 5519 07")
    bold_para(doc, "VAT INVOICE", 18)
    doc.add_paragraph("Invoice No: FH-22817")
    doc.add_paragraph("Invoice Date: 18/02/2026")
    doc.add_paragraph("Payment Due: 20/03/2026")
    blocks = doc.add_table(rows=1, cols=2)  # default style: no borders
    left, right = blocks.cell(0, 0), blocks.cell(0, 1)
    left.text = "Invoice To:"
    for line in ["Northgate Dental Practice", "41 Northgate", "Wakefield WF1 3BH"]:
        left.add_paragraph(line)
    right.text = "Deliver To:"
    for line in ["Northgate Dental Practice", "Rear entrance, 41 Northgate", "Wakefield WF1 3BH"]:
        right.add_paragraph(line)
    doc.add_paragraph("")
    rows = [["Description", "Qty", "Unit Price", "Net", "VAT %", "VAT", "Total"]]
    rows += [
        [d, str(q), f"£{us(p)}", f"£{us(q * p)}", f"{r:g}%", f"£{us(vat(q, p, r))}"]
        + [f"£{us(q * p + vat(q, p, r))}"]
        for d, q, p, r in items
    ]
    docx_table(doc, rows)
    doc.add_paragraph("")
    doc.add_paragraph(f"Total Net: £{us(net)}")
    doc.add_paragraph(f"Total VAT: £{us(tax)}")
    p = doc.add_paragraph()
    p.add_run(f"Invoice Total: £{us(gross)}").bold = True
    doc.add_paragraph("")
    bold_para(doc, "VAT Analysis")
    analysis = [["Rate", "Net", "VAT"]]
    for rate in (D(20), D(5), D(0)):
        rn = sum((q * p for _, q, p, r in items if r == rate), D(0))
        rv = sum((vat(q, p, r) for _, q, p, r in items if r == rate), D(0))
        analysis.append([f"{rate:g}%", f"£{us(rn)}", f"£{us(rv)}"])
    docx_table(doc, analysis)
    doc.add_paragraph("")
    doc.add_paragraph("Payment by BACS to Fenwick & Hale Office Supplies Ltd")
    doc.add_paragraph("Sort code 40-11-62  Account 71234509")
    line = obj(
        {
            "description": s(),
            "quantity": integer(),
            "unitPrice": n(),
            "netAmount": n(),
            "vatRate": n(description="VAT rate in percent"),
            "vatAmount": n(),
            "grossAmount": n(),
        }
    )
    schema = obj(
        {
            "invoiceNumber": s(),
            "invoiceDate": date(),
            "dueDate": ndate(),
            "supplier": obj({"name": s(), "vatNumber": nul("string"), "address": nul("string")}),
            "customer": obj({"name": s(), "address": nul("string")}),
            "deliveryAddress": nul("string"),
            "lineItems": arr(line),
            "totalNet": n(),
            "totalVat": n(),
            "totalGross": n(),
            "currency": s(enum=["GBP", "EUR", "USD"]),
        },
        required=["invoiceNumber", "invoiceDate", "lineItems", "totalGross"],
    )
    expected = {
        "invoiceNumber": "FH-22817",
        "invoiceDate": "2026-02-18",
        "dueDate": "2026-03-20",
        "supplier": {
            "name": "Fenwick & Hale Office Supplies Ltd",
            "vatNumber": "GB 284 5519 07",
            "address": "Unit 7, Riverside Trading Estate, Leeds LS11 5DP",
        },
        "customer": {
            "name": "Northgate Dental Practice",
            "address": "41 Northgate, Wakefield WF1 3BH",
        },
        "deliveryAddress": "Rear entrance, 41 Northgate, Wakefield WF1 3BH",
        "lineItems": [
            {
                "description": d,
                "quantity": q,
                "unitPrice": num(p),
                "netAmount": num(q * p),
                "vatRate": num(r),
                "vatAmount": num(vat(q, p, r)),
                "grossAmount": num(q * p + vat(q, p, r)),
            }
            for d, q, p, r in items
        ],
        "totalNet": num(net),
        "totalVat": num(tax),
        "totalGross": num(gross),
        "currency": "GBP",
    }
    return ".docx", docx_bytes(doc), schema, expected


ELECTRICAL = [
    ("THHN12-BK", "12 AWG THHN copper wire, black, 500 ft", 4, D("118.40")),
    ("THHN12-WH", "12 AWG THHN copper wire, white, 500 ft", 4, D("118.40")),
    ("THHN12-GN", "12 AWG THHN copper wire, green, 500 ft", 2, D("118.40")),
    ("EMT-075", "3/4 in. EMT conduit, 10 ft", 60, D("9.85")),
    ("EMT-C075", "3/4 in. EMT compression coupling", 80, D("1.42")),
    ("EMT-K075", "3/4 in. EMT compression connector", 80, D("1.18")),
    ("BOX-4SQ", "4 in. square box, 2-1/8 in. deep", 45, D("3.26")),
    ("RING-1G", "4 in. square mud ring, 1-gang", 45, D("1.64")),
    ("REC-20W", "20A duplex receptacle, commercial, white", 40, D("3.95")),
    ("SW-20W", "20A single-pole switch, commercial, white", 18, D("4.20")),
    ("PLT-1W", "1-gang nylon wall plate, white", 60, D("0.68")),
    ("WN-YEL", "Wire nut, yellow, bag of 100", 6, D("7.90")),
    ("BRK-120", "20A single-pole breaker, plug-on", 12, D("11.75")),
    ("BRK-220", "20A two-pole breaker, plug-on", 2, D("38.60")),
    ("LED-2X4", "2x4 LED troffer, 4000K, 40W", 24, D("62.50")),
    ("WHIP-6", "6 ft fixture whip, 3/8 in. flex", 24, D("8.95")),
    ("STR-075", "3/4 in. one-hole strap, box of 100", 3, D("14.30")),
    ("ANC-14", "1/4 in. x 1-1/4 in. sleeve anchor, box of 100", 2, D("16.80")),
]


def invoice_multipage() -> Case:
    """Two-page distributor invoice (PDF, letter): header repeated on page 2, "Page subtotal"
    at the foot of each page, "Continued on next page", totals at the end of page 2; snake_case
    schema with integer line numbers and quantities."""
    items = ELECTRICAL
    split = 11
    sub = sum((q * p for _, _, q, p in items), D(0))
    ship = D("85.00")
    tax = (sub * D("0.07")).quantize(CENT)
    total = sub + ship + tax

    def header(page: int) -> list[Op]:
        return [
            ("t", 40, 50, "VOLTLINE ELECTRICAL SUPPLY", HB, 15),
            ("t", 40, 65, "4470 Commerce Drive, Tampa, FL 33610", H, 9),
            ("t", 40, 77, "(813) 555-0108  |  ar@voltline-supply.com", H, 9),
            ("r", 572, 50, "INVOICE", HB, 16),
            ("t", 410, 68, "Invoice #", H, 9),
            ("r", 572, 68, "88123", H, 9),
            ("t", 410, 80, "Date", H, 9),
            ("r", 572, 80, "02/27/2026", H, 9),
            ("t", 410, 92, "Page", H, 9),
            ("r", 572, 92, f"{page} of 2", H, 9),
        ]

    def item_rows(start: int, chunk: list) -> list[list[str]]:
        rows = [["Ln", "Item #", "Description", "Qty", "Unit Price", "Extension"]]
        for i, (code, d, q, p) in enumerate(chunk, start):
            rows.append([str(i), code, d, str(q), us(p), us(q * p)])
        return rows

    cols = [40, 62, 130, 420, 490, 572]
    page1 = header(1) + [
        ("t", 40, 112, "Customer Acct: C-20931", H, 9),
        ("t", 300, 112, "Job: Westshore Medical Plaza, 2nd floor", H, 9),
        ("t", 40, 130, "BILL TO", HB, 9),
        ("t", 40, 142, "Sunline Electric Contractors Inc.", H, 9),
        ("t", 40, 154, "1902 N Armenia Ave", H, 9),
        ("t", 40, 166, "Tampa, FL 33607", H, 9),
        ("t", 300, 130, "SHIP TO", HB, 9),
        ("t", 300, 142, "Westshore Medical Plaza - Jobsite", H, 9),
        ("t", 300, 154, "3001 W Kennedy Blvd", H, 9),
        ("t", 300, 166, "Tampa, FL 33609", H, 9),
        ("t", 40, 186, "Terms: Net 30", H, 9),
        ("t", 300, 186, "Cust PO: SEC-4471", H, 9),
    ]
    t, y = table_ops(cols, 210, item_rows(1, items[:split]), "rllrrr")
    page1 += t
    p1 = sum((q * p for _, _, q, p in items[:split]), D(0))
    page1 += [
        ("hr", 420, y - 6, 572),
        ("t", 420, y + 6, "Page subtotal", HB, 9),
        ("r", 572, y + 6, us(p1), HB, 9),
        ("c", 306, 760, "Continued on next page", H, 8),
    ]
    page2 = header(2)
    t, y = table_ops(cols, 120, item_rows(split + 1, items[split:]), "rllrrr")
    page2 += t
    p2 = sub - p1
    page2 += [("hr", 420, y - 6, 572), ("t", 420, y + 6, "Page subtotal", HB, 9)]
    page2 += [("r", 572, y + 6, us(p2), HB, 9)]
    y += 30
    for label, value, font in [
        ("Merchandise", us(sub), H),
        ("Freight", us(ship), H),
        ("Sales Tax 7.0%", us(tax), H),
        ("TOTAL DUE", us(total), HB),
    ]:
        page2 += [("t", 420, y, label, font, 9), ("r", 572, y, value, font, 9)]
        y += 14
    page2 += [
        ("t", 40, y + 20, "Returns require an RMA number and are subject to a 15% fee.", H, 8)
    ]
    schema = obj(
        {
            "invoice_number": s(),
            "invoice_date": date(),
            "customer_account": nul("string"),
            "customer_po": nul("string"),
            "payment_terms": nul("string"),
            "bill_to": obj(
                {
                    "name": s(),
                    "street": nul("string"),
                    "city": nul("string"),
                    "state": nul("string"),
                    "zip": nul("string"),
                }
            ),
            "items": arr(
                obj(
                    {
                        "line_number": integer(),
                        "item_number": s(),
                        "description": s(),
                        "quantity": integer(),
                        "unit_price": n(),
                        "extended_price": n(),
                    }
                )
            ),
            "merchandise_total": n(),
            "freight": nul("number"),
            "tax_rate": nul("number", description="Sales tax rate in percent"),
            "sales_tax": nul("number"),
            "total_due": n(),
            "page_count": nul("integer"),
        },
        required=["invoice_number", "items", "total_due"],
    )
    expected = {
        "invoice_number": "88123",
        "invoice_date": "2026-02-27",
        "customer_account": "C-20931",
        "customer_po": "SEC-4471",
        "payment_terms": "Net 30",
        "bill_to": {
            "name": "Sunline Electric Contractors Inc.",
            "street": "1902 N Armenia Ave",
            "city": "Tampa",
            "state": "FL",
            "zip": "33607",
        },
        "items": [
            {
                "line_number": i,
                "item_number": code,
                "description": d,
                "quantity": q,
                "unit_price": num(p),
                "extended_price": num(q * p),
            }
            for i, (code, d, q, p) in enumerate(items, 1)
        ],
        "merchandise_total": num(sub),
        "freight": num(ship),
        "tax_rate": 7.0,
        "sales_tax": num(tax),
        "total_due": num(total),
        "page_count": 2,
    }
    return ".pdf", pdf_bytes([page1, page2], "Invoice 88123", LETTER), schema, expected


# -- receipts -------------------------------------------------------------------------------


def receipt_supermarket_hub() -> Case:
    """Supermarket till receipt (plain text, 40 columns): department headings, a weighed item,
    "2 @ 1.99" detail lines, a multi-buy saving and a coupon under their items, a taxable flag,
    card slip "VISA ****1234"; vlmrun-hub receipt schema."""
    items = [
        ("BANANAS", D("2.15"), D("0.60"), D("1.29")),
        ("HASS AVOCADO", D(2), D("1.99"), D("3.98")),
        ("GREEK YOGURT 32OZ", D(2), D("5.99"), D("11.98")),
        ("WHOLE MILK 1 GAL", D(1), D("4.49"), D("4.49")),
        ("SOURDOUGH BREAD", D(1), D("4.99"), D("4.99")),
        ("PAPER TOWELS 6PK", D(1), D("8.99"), D("8.99")),
    ]
    multibuy, coupon = D("1.98"), D("1.00")
    gross = sum((t for *_, t in items), D(0))
    savings = multibuy + coupon
    sub = gross - savings
    tax = (D("8.99") * D("0.0775")).quantize(CENT)
    total = sub + tax

    def row(left: str, right: str) -> str:
        return f"{left:<31}{right:>9}"

    text = f"""\
            FRESHWAY MARKET
          1880 W Lincoln Ave
          Anaheim, CA 92801
          Tel (714) 555-0123

ST# 0318  REG 04  TRN 7712   OP 221
03/21/2026                     18:47

PRODUCE
{row("BANANAS", "1.29")}
  2.15 lb @ 0.60 /lb
{row("HASS AVOCADO", "3.98")}
  2 @ 1.99
DAIRY
{row("GREEK YOGURT 32OZ", "11.98")}
  2 @ 5.99
{row("  MULTI-BUY 2 FOR 10.00", "-1.98")}
{row("WHOLE MILK 1 GAL", "4.49")}
BAKERY
{row("SOURDOUGH BREAD", "4.99")}
{row("  COUPON SAVINGS", "-1.00")}
HOUSEHOLD
{row("PAPER TOWELS 6PK        T", "8.99")}

{row("SUBTOTAL", us(sub))}
{row("TAX 7.75%", us(tax))}
{row("**** TOTAL", us(total))}

{row("VISA ****1234", us(total))}
{row("CHANGE", "0.00")}

CARD TYPE: VISA CREDIT
ACCOUNT: ************1234
ENTRY: CONTACTLESS
AUTH: 731905

ITEMS SOLD: 8
TOTAL SAVINGS                     {us(savings)}

  RETURNS WITH RECEIPT WITHIN 14 DAYS
       THANK YOU FOR SHOPPING!
"""
    schema = hub_schema("document.receipt")
    expected = {
        "receipt_id": "7712",
        "transaction_date": "2026-03-21T18:47:00",
        "merchant_name": "FRESHWAY MARKET",
        "merchant_address": hub_address("1880 W Lincoln Ave", "Anaheim", "CA", "92801"),
        "merchant_phone": "(714) 555-0123",
        "cashier_name": None,
        "register_number": "04",
        "customer_name": None,
        "customer_id": None,
        "items": [
            {"description": d, "quantity": num(q), "unit_price": num(p), "total_price": num(t)}
            for d, q, p, t in items
        ],
        "subtotal": num(sub),
        "tax": num(tax),
        "total": num(total),
        "currency": "USD",
        "payment_method": {"type": "credit card", "card_last_4": "1234", "card_type": "VISA"},
        "discount_amount": num(savings),
        "discount_description": None,
        "tip_amount": None,
        "return_policy": "RETURNS WITH RECEIPT WITHIN 14 DAYS",
        "barcode": None,
        "additional_charges": None,
        "notes": None,
        "others": None,
    }
    return ".txt", text.encode("utf-8"), schema, expected


def receipt_coffee_hub() -> Case:
    """Coffee shop point-of-sale receipt (narrow PDF): order number, "2 x Drip Coffee" lines with
    modifiers under an item, tip line, mobile wallet payment; vlmrun-hub receipt schema."""
    items = [
        ("Drip Coffee 12oz", 2, D("3.25")),
        ("Oat Milk Latte 16oz", 1, D("5.75")),
        ("Almond Croissant", 1, D("4.50")),
    ]
    sub = sum((q * p for _, q, p in items), D(0))
    tax = (sub * D("0.1025")).quantize(CENT)
    tip = D("3.00")
    total = sub + tax + tip
    w = 204
    ops: list[Op] = [
        ("c", w / 2, 30, "Bluebird Coffee Co.", HB, 12),
        ("c", w / 2, 43, "412 Pine St", H, 7),
        ("c", w / 2, 52, "Seattle, WA 98101", H, 7),
        ("c", w / 2, 61, "(206) 555-0191", H, 7),
        ("c", w / 2, 80, "Order #B-1147", HB, 9),
        ("c", w / 2, 92, "Mar 14, 2026 8:12 AM", H, 7),
        ("c", w / 2, 101, "Served by Jules  ·  To go", H, 7),
        ("hr", 10, 108, w - 10),
    ]
    y = 120
    for d, q, p in items:
        label = f"{q} x {d}" if q > 1 else d
        ops += [("t", 10, y, label, H, 7), ("r", w - 10, y, "$" + us(q * p), H, 7)]
        y += 9
        if d.startswith("Oat"):
            ops += [("t", 18, y, "Extra hot", H, 6), ("t", 18, y + 8, "No foam", H, 6)]
            y += 16
    ops.append(("hr", 10, y - 2, w - 10))
    y += 8
    for label, value, font in [
        ("Subtotal", "$" + us(sub), H),
        ("Tax", "$" + us(tax), H),
        ("Tip", "$" + us(tip), H),
        ("Total", "$" + us(total), HB),
    ]:
        ops += [("t", 10, y, label, font, 8), ("r", w - 10, y, value, font, 8)]
        y += 10
    ops += [
        ("t", 10, y + 6, "Apple Pay (Mastercard •••• 8842)", H, 7),
        ("r", w - 10, y + 6, "$" + us(total), H, 7),
        ("c", w / 2, y + 26, "Thanks for stopping by!", H, 7),
        ("c", w / 2, y + 35, "bluebirdcoffee.com", H, 7),
    ]
    schema = hub_schema("document.receipt")
    expected = {
        "receipt_id": "B-1147",
        "transaction_date": "2026-03-14T08:12:00",
        "merchant_name": "Bluebird Coffee Co.",
        "merchant_address": hub_address("412 Pine St", "Seattle", "WA", "98101"),
        "merchant_phone": "(206) 555-0191",
        "cashier_name": "Jules",
        "register_number": None,
        "customer_name": None,
        "customer_id": None,
        "items": [
            {
                "description": d,
                "quantity": float(q),
                "unit_price": num(p),
                "total_price": num(q * p),
            }
            for d, q, p in items
        ],
        "subtotal": num(sub),
        "tax": num(tax),
        "total": num(total),
        "currency": "USD",
        "payment_method": {"type": "Apple Pay", "card_last_4": "8842", "card_type": "Mastercard"},
        "discount_amount": None,
        "discount_description": None,
        "tip_amount": num(tip),
        "return_policy": None,
        "barcode": None,
        "additional_charges": None,
        "notes": None,
        "others": None,
    }
    return ".pdf", pdf_bytes([ops], "Receipt B-1147", (w, 300)), schema, expected


def receipt_ride_html() -> Case:
    """Ride-hailing e-mail receipt (HTML): big total, fare breakdown table, tip, card, trip
    summary with pickup and drop-off times and places; snake_case schema with nested objects."""
    fare, booking, airport, tip = D("26.12"), D("2.95"), D("4.00"), D("5.00")
    total = fare + booking + airport + tip
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Your Thursday evening trip with Roamly</title></head>
<body style="font-family:Helvetica,Arial,sans-serif;color:#111">
<table width="560" align="center" cellpadding="0" cellspacing="0">
  <tr><td style="padding:16px 0"><b style="font-size:22px">Roamly</b></td>
      <td style="text-align:right;color:#666">March 12, 2026</td></tr>
  <tr><td colspan="2">
    <h1 style="font-size:30px">Total ${us(total)}</h1>
    <p>Thanks for riding, Maria</p>
    <p>We hope you enjoyed your ride this evening.</p>
  </td></tr>
  <tr><td colspan="2">
    <table width="100%" cellpadding="6" style="border-top:1px solid #ddd">
      <tr><td>Trip fare</td><td style="text-align:right">${us(fare)}</td></tr>
      <tr><td>Booking Fee</td><td style="text-align:right">${us(booking)}</td></tr>
      <tr><td>Airport Surcharge</td><td style="text-align:right">${us(airport)}</td></tr>
      <tr><td>Tip</td><td style="text-align:right">${us(tip)}</td></tr>
      <tr><td><b>Total</b></td><td style="text-align:right"><b>${us(total)}</b></td></tr>
    </table>
  </td></tr>
  <tr><td colspan="2">
    <h3>Payments</h3>
    <table width="100%" cellpadding="6">
      <tr><td>Visa ••••0937<br><span style="color:#666">3/12/26 7:05 PM</span></td>
          <td style="text-align:right">${us(total)}</td></tr>
    </table>
  </td></tr>
  <tr><td colspan="2">
    <h3>Trip details</h3>
    <p>RoamlyX &nbsp; 9.84 miles &nbsp;|&nbsp; 23 min</p>
    <table width="100%" cellpadding="4">
      <tr><td>6:41 PM</td>
          <td>Terminal B, Boston Logan International Airport, Boston, MA 02128</td></tr>
      <tr><td>7:04 PM</td><td>215 Beacon St, Boston, MA 02116</td></tr>
    </table>
    <p>You rode with Ahmed</p>
  </td></tr>
  <tr><td colspan="2" style="color:#666;font-size:11px">
    Fares are non-refundable. Visit help.roamly.com to report an issue with this trip.
  </td></tr>
</table>
</body></html>
"""
    stop = obj({"time": nul("string", description="Time as shown"), "address": nul("string")})
    schema = obj(
        {
            "provider": s(),
            "rider_name": nul("string"),
            "trip_date": date(),
            "vehicle_type": nul("string"),
            "distance_miles": nul("number"),
            "duration_minutes": nul("integer"),
            "pickup": stop,
            "dropoff": stop,
            "driver_name": nul("string"),
            "fare_breakdown": arr(
                obj(
                    {"label": s(), "amount": n()},
                    description="Fare components, not including the tip or the total",
                )
            ),
            "tip": nul("number"),
            "total": n(),
            "payment": obj(
                {
                    "card_brand": nul("string", enum=["Visa", "Mastercard", "Amex", None]),
                    "last4": nul("string"),
                }
            ),
        },
        required=["provider", "trip_date", "total"],
    )
    expected = {
        "provider": "Roamly",
        "rider_name": "Maria",
        "trip_date": "2026-03-12",
        "vehicle_type": "RoamlyX",
        "distance_miles": 9.84,
        "duration_minutes": 23,
        "pickup": {
            "time": "6:41 PM",
            "address": "Terminal B, Boston Logan International Airport, Boston, MA 02128",
        },
        "dropoff": {"time": "7:04 PM", "address": "215 Beacon St, Boston, MA 02116"},
        "driver_name": "Ahmed",
        "fare_breakdown": [
            {"label": "Trip fare", "amount": num(fare)},
            {"label": "Booking Fee", "amount": num(booking)},
            {"label": "Airport Surcharge", "amount": num(airport)},
        ],
        "tip": num(tip),
        "total": num(total),
        "payment": {"card_brand": "Visa", "last4": "0937"},
    }
    return ".html", html.encode("utf-8"), schema, expected


def receipt_hotel_restaurant() -> Case:
    """Hotel restaurant guest check (PDF): outlet and hotel names, check/table/guests/server on
    two lines, "Qty Item Amount" lines, service charge and tax, "Charge to Room 1207" with the
    guest's name and a signature line; snake_case schema with a boolean and integers."""
    items = [
        (2, "French Onion Soup", D("9.00")),
        (1, "Grilled Atlantic Salmon", D("34.00")),
        (1, "Filet Mignon 8oz", D("48.00")),
        (2, "Glass Malbec", D("14.00")),
        (1, "Creme Brulee", D("11.00")),
    ]
    sub = sum((q * p for q, _, p in items), D(0))
    service = (sub * D("0.18")).quantize(CENT)
    tax = (sub * D("0.08875")).quantize(CENT)
    total = sub + service + tax
    w = 300
    ops: list[Op] = [
        ("c", w / 2, 36, "THE GRAND MERIDIAN HOTEL", HB, 12),
        ("c", w / 2, 50, "Ashford Room Restaurant", H, 10),
        ("c", w / 2, 63, "150 West 44th Street, New York, NY 10036", H, 7),
        ("t", 20, 86, "Chk 40917", H, 8),
        ("t", 110, 86, "Tbl 14/1", H, 8),
        ("r", w - 20, 86, "Gst 2", H, 8),
        ("t", 20, 98, "Server: ELENA R", H, 8),
        ("r", w - 20, 98, "03/18/2026 9:26 PM", H, 8),
        ("hr", 20, 106, w - 20),
    ]
    y = 120
    for q, d, p in items:
        ops += [
            ("t", 20, y, str(q), H, 8),
            ("t", 40, y, d, H, 8),
            ("r", w - 20, y, us(q * p), H, 8),
        ]
        y += 11
    ops.append(("hr", 150, y - 4, w - 20))
    y += 8
    for label, value, font in [
        ("Food & Beverage", us(sub), H),
        ("Service Charge 18%", us(service), H),
        ("Sales Tax 8.875%", us(tax), H),
        ("Total Due", us(total), HB),
    ]:
        ops += [("t", 150, y, label, font, 8), ("r", w - 20, y, value, font, 8)]
        y += 11
    ops += [
        ("t", 20, y + 14, "Charge to Room: 1207", HB, 8),
        ("t", 20, y + 27, "Guest Name: THOMAS WEBER", H, 8),
        ("t", 20, y + 48, "Additional Gratuity: ______________", H, 8),
        ("t", 20, y + 66, "Signature: __________________________", H, 8),
        ("c", w / 2, y + 90, "A service charge of 18% has been added to your check.", H, 6),
    ]
    schema = obj(
        {
            "hotel_name": nul("string"),
            "outlet_name": s(description="Restaurant or bar name"),
            "check_number": nul("string"),
            "table_number": nul("integer"),
            "guest_count": nul("integer", description="Number of guests (covers)"),
            "server_name": nul("string"),
            "date": date(),
            "items": arr(obj({"quantity": integer(), "description": s(), "amount": n()})),
            "subtotal": n(),
            "service_charge": nul("number"),
            "tax": nul("number"),
            "total": n(),
            "charged_to_room": boolean(description="Whether the bill was charged to a room"),
            "room_number": nul("string"),
            "guest_name": nul("string"),
        },
        required=["outlet_name", "date", "items", "total", "charged_to_room"],
    )
    expected = {
        "hotel_name": "THE GRAND MERIDIAN HOTEL",
        "outlet_name": "Ashford Room Restaurant",
        "check_number": "40917",
        "table_number": 14,
        "guest_count": 2,
        "server_name": "ELENA R",
        "date": "2026-03-18",
        "items": [{"quantity": q, "description": d, "amount": num(q * p)} for q, d, p in items],
        "subtotal": num(sub),
        "service_charge": num(service),
        "tax": num(tax),
        "total": num(total),
        "charged_to_room": True,
        "room_number": "1207",
        "guest_name": "THOMAS WEBER",
    }
    return ".pdf", pdf_bytes([ops], "Guest check 40917", (w, 420)), schema, expected


# -- resumes --------------------------------------------------------------------------------


def resume_academic_cv_hub() -> Case:
    """Academic CV (PDF, two pages' worth on one long page): name and title, contact lines,
    years in a left column for education and appointments, numbered publications, skills and
    languages lines; vlmrun-hub resume schema."""
    pubs = [
        "Lindqvist H, Moreau P, Chen Y. Single-cell atlas of zebrafish fin regeneration. "
        "Nature Communications. 2024;15:2211.",
        "Lindqvist H, Okafor E. Sparse factor models for spatial transcriptomics. "
        "Bioinformatics. 2022;38(9):2501-2509.",
        "Chen Y, Lindqvist H, Alvarez R, Singh K. Benchmarking cell-type deconvolution methods. "
        "Genome Biology. 2021;22:164.",
    ]
    ops: list[Op] = [
        ("t", 50, 56, "Hannah Lindqvist, Ph.D.", HB, 18),
        ("t", 50, 72, "Assistant Professor of Computational Biology", H, 10),
        ("t", 50, 90, "Department of Biology, University of Wisconsin–Madison", H, 9),
        ("t", 50, 102, "1117 W Johnson St, Madison, WI 53706", H, 9),
        ("t", 340, 90, "hlindqvist@wisc.edu", H, 9),
        ("t", 340, 102, "(608) 555-0163", H, 9),
        ("t", 340, 114, "scholar.google.com/citations?user=hL9xQ2kAAAAJ", H, 8),
        ("hr", 50, 124, 560),
        ("t", 50, 144, "EDUCATION", HB, 11),
        ("t", 50, 162, "2019", H, 9),
        ("t", 110, 162, "Ph.D., Bioinformatics, University of Michigan, Ann Arbor, MI", H, 9),
        ("t", 110, 174, "Dissertation: Statistical models for single-cell lineage tracing", H, 8),
        ("t", 50, 190, "2014", H, 9),
        ("t", 110, 190, "B.S., Molecular Biology, Uppsala University, Sweden", H, 9),
        ("t", 50, 216, "ACADEMIC APPOINTMENTS", HB, 11),
        ("t", 50, 234, "2022–present", H, 9),
        ("t", 130, 234, "Assistant Professor, University of Wisconsin–Madison", H, 9),
        ("t", 140, 246, "• Lead a lab of 6 developing methods for spatial transcriptomics", H, 8),
        ("t", 140, 257, "• Teach BIO 551 Computational Genomics", H, 8),
        ("t", 50, 273, "2019–2022", H, 9),
        ("t", 130, 273, "Postdoctoral Fellow, Broad Institute of MIT and Harvard", H, 9),
        ("t", 140, 285, "• Built deconvolution benchmarks for single-cell data", H, 8),
        ("t", 50, 311, "PUBLICATIONS", HB, 11),
    ]
    y = 329
    for i, p in enumerate(pubs, 1):
        first, rest = p.split(". ", 1)
        ops.append(("t", 50, y, f"{i}.", H, 9))
        ops.append(("t", 66, y, first + ". " + rest[: rest.index(". ") + 1], H, 9))
        ops.append(("t", 66, y + 11, rest[rest.index(". ") + 2 :], H, 9))
        y += 28
    y += 8
    ops += [
        ("t", 50, y, "SKILLS", HB, 11),
        ("t", 50, y + 18, "Programming: Python, R, C++", H, 9),
        ("t", 50, y + 30, "Libraries: PyTorch, scikit-learn, Bioconductor", H, 9),
        ("t", 50, y + 42, "Tools: Snakemake, Nextflow, Git, Slurm", H, 9),
        ("t", 50, y + 66, "LANGUAGES", HB, 11),
        ("t", 50, y + 84, "Swedish (native), English (fluent), German (intermediate)", H, 9),
    ]
    schema = hub_schema("document.resume")
    expected = {
        "contact_info": {
            "full_name": "Hannah Lindqvist",
            "email": "hlindqvist@wisc.edu",
            "phone": "(608) 555-0163",
            "address": "1117 W Johnson St, Madison, WI 53706",
            "linkedin": None,
            "github": None,
            "portfolio": None,
            "google_scholar": "scholar.google.com/citations?user=hL9xQ2kAAAAJ",
        },
        "summary": None,
        "education": [
            {
                "institution": "University of Michigan",
                "degree": "Ph.D.",
                "field_of_study": "Bioinformatics",
                "graduation_date": "2019-01-01",
                "gpa": None,
                "honors": None,
                "relevant_courses": None,
            },
            {
                "institution": "Uppsala University",
                "degree": "B.S.",
                "field_of_study": "Molecular Biology",
                "graduation_date": "2014-01-01",
                "gpa": None,
                "honors": None,
                "relevant_courses": None,
            },
        ],
        "work_experience": [
            {
                "company": "University of Wisconsin–Madison",
                "position": "Assistant Professor",
                "start_date": "2022-01-01",
                "end_date": None,
                "is_current": True,
                "responsibilities": [
                    "Lead a lab of 6 developing methods for spatial transcriptomics",
                    "Teach BIO 551 Computational Genomics",
                ],
                "technologies": None,
            },
            {
                "company": "Broad Institute of MIT and Harvard",
                "position": "Postdoctoral Fellow",
                "start_date": "2019-01-01",
                "end_date": "2022-01-01",
                "is_current": False,
                "responsibilities": ["Built deconvolution benchmarks for single-cell data"],
                "technologies": None,
            },
        ],
        "technical_skills": {
            "programming_languages": hub_skills("Python", "R", "C++"),
            "frameworks_libraries": hub_skills("PyTorch", "scikit-learn", "Bioconductor"),
            "databases": None,
            "tools": hub_skills("Snakemake", "Nextflow", "Git", "Slurm"),
            "cloud_platforms": None,
            "other": None,
        },
        "projects": None,
        "open_source_contributions": None,
        "certifications": None,
        "publications": pubs,
        "conferences": None,
        "languages": [
            {"name": "Swedish", "level": "native", "years_of_experience": None},
            {"name": "English", "level": "fluent", "years_of_experience": None},
            {"name": "German", "level": "intermediate", "years_of_experience": None},
        ],
        "volunteer_work": None,
        "interests": None,
        "references": None,
        "additional_sections": None,
    }
    return ".pdf", pdf_bytes([ops], "CV - Hannah Lindqvist", LETTER), schema, expected


def resume_html() -> Case:
    """Web resume (HTML): h1 name, a contact line, h2 Summary / Experience / Education / Skills,
    each job as h3 title + company line + dates + bullets, skills as "Category: a, b" list
    items; camelCase schema with nested arrays."""
    jobs = [
        (
            "Senior Product Designer",
            "Zillow",
            "Seattle, WA",
            "Apr 2021 – Present",
            "2021-04-01",
            None,
            [
                "Led the redesign of the home-tour scheduling flow, lifting completed bookings 18%",
                "Built and maintain the Figma component library used by 40 designers",
            ],
        ),
        (
            "Product Designer",
            "Expedia Group",
            "Bellevue, WA",
            "Jul 2017 – Mar 2021",
            "2017-07-01",
            "2021-03-01",
            [
                "Designed the trip-planning itinerary view for mobile apps",
                "Ran weekly usability sessions with travellers",
            ],
        ),
    ]
    job_html = "\n".join(
        f"""  <div class="job">
    <h3>{title}</h3>
    <p class="company">{company} · {place}</p>
    <p class="dates">{dates}</p>
    <ul>
{"".join(f"      <li>{b}</li>{chr(10)}" for b in bullets)}    </ul>
  </div>"""
        for title, company, place, dates, _, _, bullets in jobs
    )
    summary = (
        "Product designer with 8 years of experience shaping consumer web and mobile products, "
        "from research through shipped UI."
    )
    skills = [
        ("Design", ["Figma", "Sketch", "Adobe XD"]),
        ("Research", ["Usability testing", "Journey mapping", "Surveys"]),
        ("Prototyping", ["ProtoPie", "Framer", "HTML/CSS"]),
    ]
    skill_html = "\n".join(f"    <li><b>{c}:</b> {', '.join(xs)}</li>" for c, xs in skills)
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Priya Nair – Resume</title>
<style>body{{font-family:Georgia,serif;max-width:760px;margin:auto}} h2{{border-bottom:1px solid #999}}</style>
</head><body>
<header>
  <h1>Priya Nair</h1>
  <p>Seattle, WA · <a href="mailto:priya.nair@outlook.com">priya.nair@outlook.com</a> ·
     (206) 555-0172 · <a href="https://priyanair.design">priyanair.design</a></p>
</header>
<section><h2>Summary</h2>
  <p>{summary}</p>
</section>
<section><h2>Experience</h2>
{job_html}
</section>
<section><h2>Education</h2>
  <p><b>B.F.A. Interaction Design</b>, California College of the Arts, 2016</p>
</section>
<section><h2>Skills</h2>
  <ul>
{skill_html}
  </ul>
</section>
</body></html>
"""
    schema = obj(
        {
            "fullName": s(),
            "email": nul("string"),
            "phone": nul("string"),
            "location": nul("string"),
            "website": nul("string"),
            "summary": nul("string"),
            "experience": arr(
                obj(
                    {
                        "jobTitle": s(),
                        "company": s(),
                        "location": nul("string"),
                        "startDate": date(),
                        "endDate": ndate(),
                        "current": boolean(),
                        "highlights": arr(s()),
                    }
                )
            ),
            "education": arr(
                obj(
                    {
                        "degree": s(),
                        "fieldOfStudy": nul("string"),
                        "school": s(),
                        "graduationYear": nul("integer"),
                    }
                )
            ),
            "skills": arr(obj({"category": s(), "items": arr(s())})),
        },
        required=["fullName", "experience"],
    )
    expected = {
        "fullName": "Priya Nair",
        "email": "priya.nair@outlook.com",
        "phone": "(206) 555-0172",
        "location": "Seattle, WA",
        "website": "priyanair.design",
        "summary": summary,
        "experience": [
            {
                "jobTitle": title,
                "company": company,
                "location": place,
                "startDate": start,
                "endDate": end,
                "current": end is None,
                "highlights": bullets,
            }
            for title, company, place, _, start, end, bullets in jobs
        ],
        "education": [
            {
                "degree": "B.F.A.",
                "fieldOfStudy": "Interaction Design",
                "school": "California College of the Arts",
                "graduationYear": 2016,
            }
        ],
        "skills": [{"category": c, "items": xs} for c, xs in skills],
    }
    return ".html", html.encode("utf-8"), schema, expected


# -- other business documents ---------------------------------------------------------------


def order_form_docx() -> Case:
    """Wholesale order form (DOCX) filled in by a customer: a label/value grid, check boxes
    (☒/☐) for delivery method and tax exemption, a product list where only some rows have a
    quantity; snake_case schema with enum, boolean and integer."""
    products = [
        ("MB-WF12", "Wildflower Honey", "12 oz jar", D("6.50"), 12, 4),
        ("MB-WF32", "Wildflower Honey", "32 oz jar", D("14.75"), 6, 2),
        ("MB-CL12", "Clover Honey", "12 oz jar", D("6.25"), 12, None),
        ("MB-BW16", "Buckwheat Honey", "16 oz jar", D("9.40"), 12, 1),
        ("MB-CM08", "Creamed Honey with Cinnamon", "8 oz jar", D("7.10"), 12, None),
        ("MB-HC01", "Honeycomb Square", "12 oz box", D("16.00"), 6, 3),
    ]
    ordered = [p for p in products if p[5]]

    def line_total(p: tuple) -> Decimal:
        return p[3] * p[4] * p[5]

    sub = sum((line_total(p) for p in ordered), D(0))
    delivery = D("0.00")
    doc = new_docx("Wholesale Order Form")
    bold_para(doc, "Mountain Bloom Honey Co.", 16)
    doc.add_paragraph("88 Apiary Road, Hood River, OR 97031  ·  wholesale@mountainbloom.com")
    bold_para(doc, "WHOLESALE ORDER FORM", 14)
    docx_table(
        doc,
        [
            ["Business Name", "Little Fern Grocery", "Account #", "W-1186"],
            ["Contact Name", "Marisol Vega", "Phone", "(541) 555-0117"],
            ["Email", "orders@littlefern.com", "PO Number", "LF-0392"],
            ["Order Date", "04/02/2026", "Requested Delivery", "04/09/2026"],
        ],
        header=False,
    )
    doc.add_paragraph("")
    doc.add_paragraph("Delivery method:   ☐ Pickup   ☒ Local delivery   ☐ Freight")
    doc.add_paragraph("Tax exempt (resale certificate on file):   ☒ Yes   ☐ No")
    doc.add_paragraph("Payment:   ☐ Prepaid   ☒ Net 30   ☐ COD")
    doc.add_paragraph("")
    rows = [["Item Code", "Product", "Size", "Case Price", "Units/Case", "Cases", "Total"]]
    for code, name, size, price, per, cases in products:
        rows.append(
            [
                code,
                name,
                size,
                "$" + us(price * per),
                str(per),
                str(cases) if cases else "",
                "$" + us(price * per * cases) if cases else "",
            ]
        )
    docx_table(doc, rows)
    doc.add_paragraph("")
    doc.add_paragraph(f"Order Subtotal: ${us(sub)}")
    doc.add_paragraph("Delivery (free over $250): $0.00")
    p = doc.add_paragraph()
    p.add_run(f"Order Total: ${us(sub + delivery)}").bold = True
    doc.add_paragraph("Special instructions: Please deliver before 10 am; use the back door.")
    schema = obj(
        {
            "business_name": s(),
            "account_number": nul("string"),
            "contact_name": nul("string"),
            "phone": nul("string"),
            "email": nul("string"),
            "po_number": nul("string"),
            "order_date": date(),
            "requested_delivery_date": ndate(),
            "delivery_method": s(enum=["pickup", "local delivery", "freight"]),
            "tax_exempt": boolean(),
            "payment_terms": s(enum=["Prepaid", "Net 30", "COD"]),
            "items": arr(
                obj(
                    {
                        "item_code": s(),
                        "product": s(),
                        "size": nul("string"),
                        "case_price": n(),
                        "cases": integer(),
                        "line_total": n(),
                    },
                    description="Only the products ordered (with a number of cases)",
                )
            ),
            "subtotal": n(),
            "delivery_fee": nul("number"),
            "order_total": n(),
            "special_instructions": nul("string"),
        },
        required=["business_name", "order_date", "items", "order_total"],
    )
    expected = {
        "business_name": "Little Fern Grocery",
        "account_number": "W-1186",
        "contact_name": "Marisol Vega",
        "phone": "(541) 555-0117",
        "email": "orders@littlefern.com",
        "po_number": "LF-0392",
        "order_date": "2026-04-02",
        "requested_delivery_date": "2026-04-09",
        "delivery_method": "local delivery",
        "tax_exempt": True,
        "payment_terms": "Net 30",
        "items": [
            {
                "item_code": code,
                "product": name,
                "size": size,
                "case_price": num(price * per),
                "cases": cases,
                "line_total": num(price * per * cases),
            }
            for code, name, size, price, per, cases in ordered
        ],
        "subtotal": num(sub),
        "delivery_fee": 0.0,
        "order_total": num(sub + delivery),
        "special_instructions": "Please deliver before 10 am; use the back door.",
    }
    return ".docx", docx_bytes(doc), schema, expected


def credit_card_statement() -> Case:
    """UK credit card statement (PDF, A4): account summary box, payment box, a transactions table
    whose dates are "16 Dec" / "02 Jan" (the year comes from the statement period, which crosses
    a year end), payments shown as credits "CR"; snake_case schema with an enum per transaction."""
    txns = [
        ("16 Dec", "2025-12-16", "TESCO STORES 2841 LONDON", D("64.18"), "purchase"),
        ("19 Dec", "2025-12-19", "TRAINLINE.COM", D("112.40"), "purchase"),
        ("22 Dec", "2025-12-22", "PAYMENT RECEIVED - THANK YOU", D("-450.00"), "payment"),
        ("27 Dec", "2025-12-27", "AMAZON.CO.UK MARKETPLACE", D("38.99"), "purchase"),
        ("29 Dec", "2025-12-29", "AMAZON.CO.UK REFUND", D("-12.99"), "refund"),
        ("03 Jan", "2026-01-03", "PRET A MANGER KINGS CROSS", D("8.45"), "purchase"),
        ("08 Jan", "2026-01-08", "NON-STERLING TRANSACTION FEE", D("2.10"), "fee"),
        ("14 Jan", "2026-01-14", "INTEREST ON PURCHASES", D("9.87"), "interest"),
    ]
    previous = D("512.30")
    new_balance = previous + sum((a for *_, a, _ in txns), D(0))
    ops: list[Op] = [
        ("t", 40, 50, "Northbridge Bank", HB, 18),
        ("t", 40, 66, "Platinum Credit Card", H, 10),
        ("r", 555, 50, "Statement", HB, 14),
        ("r", 555, 66, "Statement date 14 Jan 2026", H, 9),
        ("t", 40, 104, "Mr James Whitaker", H, 10),
        ("t", 40, 117, "Flat 3, 27 Albion Road", H, 10),
        ("t", 40, 130, "London N16 9PU", H, 10),
        ("t", 330, 100, "Card number", H, 9),
        ("r", 555, 100, "**** **** **** 6604", H, 9),
        ("t", 330, 113, "Statement period", H, 9),
        ("r", 555, 113, "15 Dec 2025 to 14 Jan 2026", H, 9),
        ("t", 330, 126, "Credit limit", H, 9),
        ("r", 555, 126, "£6,500.00", H, 9),
        ("t", 330, 139, "Available credit", H, 9),
        ("r", 555, 139, f"£{us(D(6500) - new_balance)}", H, 9),
        ("hr", 40, 156, 555),
        ("t", 40, 176, "Account summary", HB, 11),
        ("t", 40, 194, "Previous balance", H, 9),
        ("r", 260, 194, f"£{us(previous)}", H, 9),
        ("t", 40, 207, "Payments and credits", H, 9),
        ("r", 260, 207, "£462.99 CR", H, 9),
        ("t", 40, 220, "New spending", H, 9),
        ("r", 260, 220, "£224.02", H, 9),
        ("t", 40, 233, "Fees and interest", H, 9),
        ("r", 260, 233, "£11.97", H, 9),
        ("t", 40, 248, "New balance", HB, 10),
        ("r", 260, 248, f"£{us(new_balance)}", HB, 10),
        ("t", 330, 176, "Your payment", HB, 11),
        ("t", 330, 194, "Minimum payment", H, 9),
        ("r", 555, 194, "£25.00", H, 9),
        ("t", 330, 207, "Payment due by", H, 9),
        ("r", 555, 207, "9 Feb 2026", H, 9),
        ("t", 330, 220, "Purchase rate", H, 9),
        ("r", 555, 220, "24.9% p.a. variable", H, 9),
        ("hr", 40, 266, 555),
        ("t", 40, 286, "Your transactions", HB, 11),
    ]
    rows = [["Date", "Description", "Amount"]]
    rows += [[d, desc, f"£{us(-a)} CR" if a < 0 else f"£{us(a)}"] for d, _, desc, a, _ in txns]
    t, y = table_ops([40, 110, 555], 306, rows, "llr", step=15)
    ops += t
    ops.append(("t", 40, y + 20, "Paying only the minimum will take longer and cost more.", H, 8))
    schema = obj(
        {
            "issuer": s(),
            "card_product": nul("string"),
            "cardholder_name": s(),
            "card_last4": nul("string"),
            "statement_date": date(),
            "period_start": date(),
            "period_end": date(),
            "previous_balance": n(),
            "new_balance": n(),
            "minimum_payment": n(),
            "payment_due_date": date(),
            "credit_limit": nul("number"),
            "available_credit": nul("number"),
            "purchase_apr": nul("number", description="Purchase interest rate, percent per year"),
            "transactions": arr(
                obj(
                    {
                        "date": date(),
                        "description": s(),
                        "amount": n(description="Positive for charges, negative for credits"),
                        "type": s(enum=["purchase", "payment", "refund", "fee", "interest"]),
                    }
                )
            ),
        },
        required=["issuer", "statement_date", "new_balance", "transactions"],
    )
    expected = {
        "issuer": "Northbridge Bank",
        "card_product": "Platinum Credit Card",
        "cardholder_name": "Mr James Whitaker",
        "card_last4": "6604",
        "statement_date": "2026-01-14",
        "period_start": "2025-12-15",
        "period_end": "2026-01-14",
        "previous_balance": num(previous),
        "new_balance": num(new_balance),
        "minimum_payment": 25.0,
        "payment_due_date": "2026-02-09",
        "credit_limit": 6500.0,
        "available_credit": num(D(6500) - new_balance),
        "purchase_apr": 24.9,
        "transactions": [
            {"date": iso, "description": desc, "amount": num(a), "type": kind}
            for _, iso, desc, a, kind in txns
        ],
    }
    return ".pdf", pdf_bytes([ops], "Credit card statement", A4), schema, expected


def job_offer_letter() -> Case:
    """Job offer letter (DOCX): letterhead, date, address block, prose paragraphs stating the
    position, start date and pay, then a "Key terms" bullet list; snake_case schema with enums,
    a boolean and an integer."""
    doc = new_docx("Offer of Employment")
    bold_para(doc, "Cobalt Ridge Analytics, Inc.", 14)
    doc.add_paragraph("1600 Wynkoop Street, Suite 400, Denver, CO 80202")
    doc.add_paragraph("")
    doc.add_paragraph("April 3, 2026")
    doc.add_paragraph("")
    doc.add_paragraph("Jordan Whitfield")
    doc.add_paragraph("2215 S Clarkson St")
    doc.add_paragraph("Denver, CO 80210")
    doc.add_paragraph("")
    doc.add_paragraph("Dear Jordan,")
    doc.add_paragraph(
        "On behalf of Cobalt Ridge Analytics, Inc., I am delighted to offer you the position of "
        "Senior Data Analyst in our Revenue Operations department. You will report to Alicia "
        "Moreno, Director of Analytics. We would like you to start on Monday, May 4, 2026."
    )
    doc.add_paragraph(
        "Your starting base salary will be $118,000 per year, paid semi-monthly, less "
        "applicable withholdings. You will also receive a one-time signing bonus of $7,500, "
        "payable with your first paycheck."
    )
    bold_para(doc, "Key terms")
    for line in [
        "Employment type: Full-time, exempt",
        "Work location: Denver, CO (hybrid - three days a week in the office)",
        "Paid time off: 20 days per year, plus company holidays",
        "Benefits: medical, dental and vision coverage starting on your first day",
        "401(k): 4% company match",
    ]:
        doc.add_paragraph(line, style="List Bullet")
    doc.add_paragraph(
        "This offer is contingent on the successful completion of a background check. "
        "Employment with Cobalt Ridge Analytics is at will."
    )
    doc.add_paragraph(
        "Please sign and return this letter by April 17, 2026 to accept the offer. We are "
        "excited to have you join the team."
    )
    doc.add_paragraph("")
    doc.add_paragraph("Sincerely,")
    doc.add_paragraph("")
    doc.add_paragraph("Karen Liu")
    doc.add_paragraph("VP, People Operations")
    doc.add_paragraph("")
    doc.add_paragraph("Accepted: ____________________    Date: ____________")
    schema = obj(
        {
            "company_name": s(),
            "letter_date": date(),
            "candidate_name": s(),
            "position_title": s(),
            "department": nul("string"),
            "manager_name": nul("string", description="Who the new hire reports to"),
            "start_date": date(),
            "annual_salary": n(),
            "pay_frequency": nul(
                "string", enum=["weekly", "biweekly", "semi-monthly", "monthly", None]
            ),
            "signing_bonus": nul("number"),
            "employment_type": s(enum=["full-time", "part-time", "contract", "internship"]),
            "is_exempt": nul("boolean", description="Exempt from overtime"),
            "work_arrangement": nul("string", enum=["onsite", "hybrid", "remote", None]),
            "pto_days": nul("integer", description="Paid time off days per year"),
            "offer_expiration_date": ndate(description="Date by which to accept"),
            "signatory": obj({"name": s(), "title": nul("string")}),
        },
        required=["company_name", "candidate_name", "position_title", "start_date"],
    )
    expected = {
        "company_name": "Cobalt Ridge Analytics, Inc.",
        "letter_date": "2026-04-03",
        "candidate_name": "Jordan Whitfield",
        "position_title": "Senior Data Analyst",
        "department": "Revenue Operations",
        "manager_name": "Alicia Moreno",
        "start_date": "2026-05-04",
        "annual_salary": 118000.0,
        "pay_frequency": "semi-monthly",
        "signing_bonus": 7500.0,
        "employment_type": "full-time",
        "is_exempt": True,
        "work_arrangement": "hybrid",
        "pto_days": 20,
        "offer_expiration_date": "2026-04-17",
        "signatory": {"name": "Karen Liu", "title": "VP, People Operations"},
    }
    return ".docx", docx_bytes(doc), schema, expected


def venue_event_invoice() -> Case:
    """Conference venue invoice for a meeting (PDF, letter): event block (name, date, guaranteed
    attendance), per-person catering lines, room hire and AV, service charge on food and
    beverage, tax, deposit received and balance due; camelCase schema."""
    lines = [
        ("Lakeshore Ballroom A - full day room rental", 1, D("1800.00")),
        ("Continental breakfast (per person)", 45, D("14.50")),
        ("Plated lunch (per person)", 45, D("32.00")),
        ("AM/PM coffee break (per person)", 45, D("9.00")),
        ("AV package: projector, screen, 2 wireless mics", 1, D("450.00")),
    ]
    sub = sum((q * r for _, q, r in lines), D(0))
    fb = sum((q * r for d, q, r in lines if "per person" in d), D(0))
    service = (fb * D("0.22")).quantize(CENT)
    tax = ((sub + service) * D("0.065")).quantize(CENT)
    total = sub + service + tax
    deposit = D("1500.00")
    balance = total - deposit
    ops: list[Op] = [
        ("t", 50, 52, "LAKEVIEW CONFERENCE CENTER", HB, 16),
        ("t", 50, 68, "900 Shoreline Drive, Madison, WI 53703", H, 9),
        ("t", 50, 80, "events@lakeviewcc.com  ·  (608) 555-0140", H, 9),
        ("r", 560, 52, "INVOICE", HB, 16),
        ("t", 400, 72, "Invoice No.", H, 9),
        ("r", 560, 72, "LCC-26-0311", H, 9),
        ("t", 400, 84, "Invoice Date", H, 9),
        ("r", 560, 84, "March 20, 2026", H, 9),
        ("t", 400, 96, "Due Date", H, 9),
        ("r", 560, 96, "April 19, 2026", H, 9),
        ("hr", 50, 110, 560),
        ("t", 50, 128, "Client", HB, 10),
        ("t", 50, 142, "Tessera Health Systems", H, 9),
        ("t", 50, 154, "Attn: Naomi Brandt, Events Manager", H, 9),
        ("t", 50, 166, "naomi.brandt@tesserahealth.com", H, 9),
        ("t", 320, 128, "Event", HB, 10),
        ("t", 320, 142, "Event name:", H, 9),
        ("t", 400, 142, "Q2 Sales Kickoff", H, 9),
        ("t", 320, 154, "Event date:", H, 9),
        ("t", 400, 154, "Thursday, March 19, 2026", H, 9),
        ("t", 320, 166, "Guaranteed:", H, 9),
        ("t", 400, 166, "45 guests", H, 9),
    ]
    rows = [["Description", "Qty", "Rate", "Amount"]]
    rows += [[d, str(q), us(r), us(q * r)] for d, q, r in lines]
    t, y = table_ops([50, 380, 460, 560], 196, rows, "lrrr")
    ops += t
    ops.append(("hr", 330, y - 6, 560))
    y += 6
    for label, value, font in [
        ("Subtotal", us(sub), H),
        ("Service charge (22% of F&B)", us(service), H),
        ("Sales tax 6.5%", us(tax), H),
        ("Total", us(total), HB),
        ("Deposit received 02/18/2026", "-" + us(deposit), H),
        ("Balance due", us(balance), HB),
    ]:
        ops += [("t", 330, y, label, font, 9), ("r", 560, y, value, font, 9)]
        y += 14
    ops += [
        ("t", 50, y + 20, "Please make checks payable to Lakeview Conference Center.", H, 8),
        ("t", 50, y + 32, "Thank you for holding your event with us!", H, 8),
    ]
    schema = obj(
        {
            "venueName": s(),
            "invoiceNumber": s(),
            "invoiceDate": date(),
            "dueDate": ndate(),
            "client": obj(
                {
                    "organization": s(),
                    "contactName": nul("string"),
                    "email": nul("string"),
                }
            ),
            "eventName": nul("string"),
            "eventDate": ndate(),
            "guaranteedAttendees": nul("integer"),
            "charges": arr(
                obj({"description": s(), "quantity": integer(), "rate": n(), "amount": n()})
            ),
            "subtotal": n(),
            "serviceChargeRate": nul("number", description="Percent"),
            "serviceCharge": nul("number"),
            "salesTax": nul("number"),
            "total": n(),
            "depositPaid": nul("number"),
            "balanceDue": n(),
        },
        required=["venueName", "invoiceNumber", "charges", "total", "balanceDue"],
    )
    expected = {
        "venueName": "LAKEVIEW CONFERENCE CENTER",
        "invoiceNumber": "LCC-26-0311",
        "invoiceDate": "2026-03-20",
        "dueDate": "2026-04-19",
        "client": {
            "organization": "Tessera Health Systems",
            "contactName": "Naomi Brandt",
            "email": "naomi.brandt@tesserahealth.com",
        },
        "eventName": "Q2 Sales Kickoff",
        "eventDate": "2026-03-19",
        "guaranteedAttendees": 45,
        "charges": [
            {"description": d, "quantity": q, "rate": num(r), "amount": num(q * r)}
            for d, q, r in lines
        ],
        "subtotal": num(sub),
        "serviceChargeRate": 22.0,
        "serviceCharge": num(service),
        "salesTax": num(tax),
        "total": num(total),
        "depositPaid": num(deposit),
        "balanceDue": num(balance),
    }
    return ".pdf", pdf_bytes([ops], "Invoice LCC-26-0311", LETTER), schema, expected


CASES = {
    "invoice-accounting-harbourside-hub": invoice_accounting_hub,
    "invoice-handyman-email": invoice_handyman_email,
    "invoice-vat-per-line-fenwick": invoice_vat_per_line,
    "invoice-multipage-voltline": invoice_multipage,
    "receipt-supermarket-freshway-hub": receipt_supermarket_hub,
    "receipt-coffee-bluebird-hub": receipt_coffee_hub,
    "receipt-ride-roamly": receipt_ride_html,
    "receipt-hotel-restaurant-meridian": receipt_hotel_restaurant,
    "resume-academic-cv-lindqvist-hub": resume_academic_cv_hub,
    "resume-web-nair": resume_html,
    "order-form-mountain-bloom": order_form_docx,
    "credit-card-statement-northbridge": credit_card_statement,
    "job-offer-letter-cobalt-ridge": job_offer_letter,
    "invoice-venue-event-lakeview": venue_event_invoice,
}


def main() -> int:
    return write_cases(OUT, CASES)


if __name__ == "__main__":
    raise SystemExit(main())
