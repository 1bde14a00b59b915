"""Write the eighth held-out corpus, tests/data/holdout8/: what a skill author tests first.

Sixteen documents written from knowledge of real-world paperwork, without reading the engine or
the other corpora: six invoices, four receipts, three resumes, a packing slip, a credit card
statement and a water bill, as PDF, DOCX, HTML, TXT and Markdown. Eight use vlmrun-hub schemas,
eight schemas a skill author would write. Output is byte-for-byte reproducible (see docgen).

    python scripts/make_holdout8_documents.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import docgen  # noqa: E402
from docgen import (  # noqa: E402
    Case,
    arr,
    bold_para,
    boolean,
    date,
    docx_bytes,
    docx_table,
    hub_address,
    hub_nulls,
    hub_schema,
    hub_skills,
    integer,
    n,
    ndate,
    new_docx,
    nul,
    obj,
    pdf_bytes,
    s,
    table_ops,
)

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "holdout8"
H, HB = "Helvetica", "Helvetica-Bold"


def hub_expected(schema: dict, **values: Any) -> dict:
    out = hub_nulls(schema)
    unknown = set(values) - set(out)
    if unknown:
        raise KeyError(f"not in the hub schema: {sorted(unknown)}")
    out.update(values)
    return out


def inv_item(desc: str, qty: float | None, unit: float | None, total: float | None) -> dict:
    return {
        "description": desc,
        "quantity": qty,
        "unit_price": unit,
        "total_price": total,
        "currency": None,
        "item_tax_details": None,
        "item_adjustment_details": None,
    }


def html_page(title: str, body: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    ).encode()


# -- 1. landscaping invoice, PDF, hub invoice -------------------------------------------------


def invoice_landscaping() -> Case:
    ops: list = [
        ("t", 50, 60, "Greenleaf Landscaping LLC", HB, 18),
        ("t", 50, 78, "4820 Orchard Rd, Boise, ID 83704", H, 9),
        ("t", 50, 90, "(208) 555-0147  |  office@greenleaflandscape.com", H, 9),
        ("t", 50, 102, "www.greenleaflandscape.com", H, 9),
        ("r", 562, 60, "INVOICE", HB, 22),
        ("r", 480, 84, "Invoice #:", HB, 9),
        ("r", 562, 84, "GL-2025-0412", H, 9),
        ("r", 480, 96, "Date:", HB, 9),
        ("r", 562, 96, "04/28/2025", H, 9),
        ("r", 480, 108, "Due Date:", HB, 9),
        ("r", 562, 108, "05/28/2025", H, 9),
        ("r", 480, 120, "Customer #:", HB, 9),
        ("r", 562, 120, "C-0388", H, 9),
        ("hr", 50, 135, 562),
        ("t", 50, 155, "BILL TO", HB, 10),
        ("t", 50, 169, "Margaret Holloway", H, 10),
        ("t", 50, 181, "1157 Cedar Crest Dr", H, 10),
        ("t", 50, 193, "Meridian, ID 83642", H, 10),
        ("t", 50, 205, "(208) 555-0822", H, 10),
    ]
    rows = [
        ["Description", "Qty", "Rate", "Amount"],
        ["Spring cleanup - leaf & debris removal", "1", "285.00", "285.00"],
        ["Mulch, dark brown, installed (cu yd)", "6", "68.00", "408.00"],
        ["Core aeration - front & back lawn", "1", "95.00", "95.00"],
        ["Hedge trimming (hours)", "3.5", "55.00", "192.50"],
    ]
    t, y = table_ops([50, 400, 480, 562], 240, rows, "lrrr", size=10, step=18)
    ops += t
    y += 10
    for label, value, font in [
        ("Subtotal", "$980.50", H),
        ("Idaho Sales Tax (6%)", "$58.83", H),
        ("Total", "$1,039.33", HB),
        ("Balance Due", "$1,039.33", HB),
    ]:
        ops += [("r", 480, y, label, font, 10), ("r", 562, y, value, font, 10)]
        y += 16
    ops += [
        ("t", 50, y + 20, "Terms: Net 30", H, 9),
        ("t", 50, y + 34, "Please make checks payable to Greenleaf Landscaping LLC.", H, 9),
        ("t", 50, y + 48, "Thank you for your business!", H, 9),
        ("c", 306, 740, "All amounts in USD.", H, 8),
    ]
    schema = hub_schema("document.invoice")
    expected = hub_expected(
        schema,
        invoice_id="GL-2025-0412",
        invoice_issue_date="2025-04-28",
        invoice_due_date="2025-05-28",
        customer_id="C-0388",
        issuer_name="Greenleaf Landscaping LLC",
        issuer_address=hub_address("4820 Orchard Rd", "Boise", "ID", "83704"),
        issuer_email="office@greenleaflandscape.com",
        issuer_phone="(208) 555-0147",
        issuer_website="www.greenleaflandscape.com",
        customer_name="Margaret Holloway",
        customer_phone="(208) 555-0822",
        customer_billing_address=hub_address("1157 Cedar Crest Dr", "Meridian", "ID", "83642"),
        items=[
            inv_item("Spring cleanup - leaf & debris removal", 1, 285.00, 285.00),
            inv_item("Mulch, dark brown, installed (cu yd)", 6, 68.00, 408.00),
            inv_item("Core aeration - front & back lawn", 1, 95.00, 95.00),
            inv_item("Hedge trimming (hours)", 3.5, 55.00, 192.50),
        ],
        currency="USD",
        subtotal=980.50,
        tax_amount=58.83,
        tax_percentage=6,
        tax_description="Idaho Sales Tax",
        total_amount=1039.33,
        balance_due=1039.33,
        payment_terms="Net 30",
        payment_instructions="Please make checks payable to Greenleaf Landscaping LLC.",
        notes="Thank you for your business!",
    )
    return ".pdf", pdf_bytes([ops], "Invoice GL-2025-0412"), schema, expected


# -- 2. IT managed services monthly invoice, DOCX, hub invoice --------------------------------


def invoice_msp() -> Case:
    d = new_docx("Invoice NIT-10587")
    bold_para(d, "Northgate IT Solutions, Inc.", 16)
    d.add_paragraph("200 Commerce Way, Suite 310\nColumbus, OH 43215")
    d.add_paragraph("Phone: (614) 555-0190  |  Email: billing@northgateit.com")
    bold_para(d, "INVOICE", 20)
    docx_table(
        d,
        [
            ["Invoice Number", "NIT-10587"],
            ["Invoice Date", "March 1, 2025"],
            ["Due Date", "March 31, 2025"],
            ["Service Period", "March 1, 2025 - March 31, 2025"],
            ["Account #", "ACCT-2291"],
            ["Terms", "Net 30"],
        ],
        header=False,
    )
    bold_para(d, "Bill To:")
    d.add_paragraph(
        "Brightwater Dental Group\nAttn: Accounts Payable\n88 Lakeview Ave\nDublin, OH 43017"
    )
    docx_table(
        d,
        [
            ["Description", "Qty", "Rate", "Amount"],
            ["Managed Workstation Support (per device)", "24", "$45.00", "$1,080.00"],
            ["Managed Server Support", "2", "$150.00", "$300.00"],
            ["Microsoft 365 Business Premium (per user)", "22", "$22.00", "$484.00"],
            ["Cloud Backup & DR - 500 GB", "1", "$129.00", "$129.00"],
            ["Firewall Monitoring", "1", "$75.00", "$75.00"],
        ],
    )
    docx_table(
        d,
        [["Subtotal", "$2,068.00"], ["Sales Tax", "$0.00"], ["Total Due (USD)", "$2,068.00"]],
        header=False,
    )
    bold_para(d, "Payment Information")
    d.add_paragraph(
        "Pay by ACH transfer.\nBank: Fifth Third Bank\nAccount Name: Northgate IT Solutions, Inc.\n"
        "Routing Number: 042000314\nAccount Number: 7390021456"
    )
    d.add_paragraph("A 1.5% monthly late fee applies to balances over 30 days past due.")
    schema = hub_schema("document.invoice")
    expected = hub_expected(
        schema,
        invoice_id="NIT-10587",
        invoice_issue_date="2025-03-01",
        invoice_due_date="2025-03-31",
        period_start="2025-03-01",
        period_end="2025-03-31",
        customer_id="ACCT-2291",
        issuer_name="Northgate IT Solutions, Inc.",
        issuer_address=hub_address("200 Commerce Way, Suite 310", "Columbus", "OH", "43215"),
        issuer_email="billing@northgateit.com",
        issuer_phone="(614) 555-0190",
        customer_name="Brightwater Dental Group",
        customer_billing_address=hub_address("88 Lakeview Ave", "Dublin", "OH", "43017"),
        items=[
            inv_item("Managed Workstation Support (per device)", 24, 45.00, 1080.00),
            inv_item("Managed Server Support", 2, 150.00, 300.00),
            inv_item("Microsoft 365 Business Premium (per user)", 22, 22.00, 484.00),
            inv_item("Cloud Backup & DR - 500 GB", 1, 129.00, 129.00),
            inv_item("Firewall Monitoring", 1, 75.00, 75.00),
        ],
        currency="USD",
        subtotal=2068.00,
        tax_amount=0.0,
        total_amount=2068.00,
        balance_due=2068.00,
        payment_terms="Net 30",
        payment_instructions="Pay by ACH transfer.",
        bank_details={
            "bank_name": "Fifth Third Bank",
            "account_holder_name": "Northgate IT Solutions, Inc.",
            "account_number": "7390021456",
            "routing_number": "042000314",
            "bsb_number": None,
            "iban": None,
            "swift_bic": None,
        },
        terms_and_conditions="A 1.5% monthly late fee applies to balances over 30 days past due.",
    )
    return ".docx", docx_bytes(d), schema, expected


# -- 3. SaaS billing-system invoice, HTML, hub invoice ----------------------------------------


def invoice_saas_html() -> Case:
    body = """<table width="100%" style="font-family:Arial,sans-serif;font-size:14px">
<tr><td><h1 style="margin:0">Invoice</h1></td>
<td align="right"><strong>Fathomly</strong></td></tr>
</table>
<table style="font-family:Arial,sans-serif;font-size:13px">
<tr><td>Invoice number</td><td>8F3A21C0-0007</td></tr>
<tr><td>Date of issue</td><td>May 14, 2025</td></tr>
<tr><td>Date due</td><td>May 14, 2025</td></tr>
</table>
<table width="100%" style="font-family:Arial,sans-serif;font-size:13px">
<tr>
<td valign="top"><strong>Fathomly, Inc.</strong><br>548 Market St, PMB 41822<br>
San Francisco, California 94104<br>United States<br>support@fathomly.io</td>
<td valign="top"><strong>Bill to</strong><br>Kestrel Analytics Ltd<br>Priya Raman<br>
12 Wharf Street<br>Leeds LS2 7EQ<br>United Kingdom<br>priya@kestrelanalytics.co.uk<br>
GB VAT GB284119736</td>
</tr>
</table>
<h2 style="font-family:Arial,sans-serif">$348.00 USD due May 14, 2025</h2>
<p><a href="https://pay.fathomly.io/i/8F3A21C0-0007">Pay online</a></p>
<table width="100%" style="font-family:Arial,sans-serif;font-size:13px">
<thead><tr><th align="left">Description</th><th align="right">Qty</th>
<th align="right">Unit price</th><th align="right">Amount</th></tr></thead>
<tbody>
<tr><td>Team plan<br><span style="color:#687385">May 14 &ndash; Jun 14, 2025</span></td>
<td align="right">3</td><td align="right">$96.00</td><td align="right">$288.00</td></tr>
<tr><td>Extra dashboards add-on<br><span style="color:#687385">May 14 &ndash; Jun 14, 2025</span>
</td><td align="right">1</td><td align="right">$60.00</td><td align="right">$60.00</td></tr>
</tbody>
</table>
<table align="right" style="font-family:Arial,sans-serif;font-size:13px">
<tr><td>Subtotal</td><td align="right">$348.00</td></tr>
<tr><td>Total</td><td align="right">$348.00</td></tr>
<tr><td><strong>Amount due</strong></td><td align="right"><strong>$348.00 USD</strong></td></tr>
</table>
<p style="font-family:Arial,sans-serif;font-size:12px;color:#687385">
Tax to be paid on reverse charge basis.</p>"""
    schema = hub_schema("document.invoice")
    expected = hub_expected(
        schema,
        invoice_id="8F3A21C0-0007",
        invoice_issue_date="2025-05-14",
        invoice_due_date="2025-05-14",
        period_start="2025-05-14",
        period_end="2025-06-14",
        issuer_name="Fathomly, Inc.",
        issuer_address=hub_address(
            "548 Market St, PMB 41822", "San Francisco", "California", "94104", "United States"
        ),
        issuer_email="support@fathomly.io",
        customer_name="Kestrel Analytics Ltd",
        customer_email="priya@kestrelanalytics.co.uk",
        customer_billing_address=hub_address(
            "12 Wharf Street", "Leeds", None, "LS2 7EQ", "United Kingdom"
        ),
        customer_vat_id="GB284119736",
        items=[
            inv_item("Team plan", 3, 96.00, 288.00),
            inv_item("Extra dashboards add-on", 1, 60.00, 60.00),
        ],
        currency="USD",
        subtotal=348.00,
        total_amount=348.00,
        balance_due=348.00,
        payment_link="https://pay.fathomly.io/i/8F3A21C0-0007",
        overall_tax_notes="Tax to be paid on reverse charge basis.",
    )
    return ".html", html_page("Invoice 8F3A21C0-0007", body), schema, expected


# -- 4. Dutch "Factuur" with BTW, PDF, camelCase schema ---------------------------------------


def invoice_factuur() -> Case:
    ops: list = [
        ("t", 50, 60, "Van Dijk Schilderwerken", HB, 16),
        ("t", 50, 76, "Molenweg 7", H, 9),
        ("t", 50, 88, "3445 AK Woerden", H, 9),
        ("t", 50, 100, "Tel. 0348-412987  |  info@vandijkschilderwerken.nl", H, 9),
        ("t", 380, 76, "KvK: 81234567", H, 9),
        ("t", 380, 88, "BTW-nr: NL862345917B01", H, 9),
        ("t", 380, 100, "IBAN: NL91 ABNA 0417 1643 00", H, 9),
        ("t", 50, 150, "Bakkerij De Korenaar", H, 10),
        ("t", 50, 163, "t.a.v. mevr. S. Jansen", H, 10),
        ("t", 50, 176, "Dorpsstraat 14", H, 10),
        ("t", 50, 189, "3481 BC Harmelen", H, 10),
        ("t", 50, 235, "FACTUUR", HB, 18),
        ("t", 50, 258, "Factuurnummer:", HB, 9),
        ("t", 140, 258, "2025-0318", H, 9),
        ("t", 50, 270, "Factuurdatum:", HB, 9),
        ("t", 140, 270, "12-03-2025", H, 9),
        ("t", 50, 282, "Vervaldatum:", HB, 9),
        ("t", 140, 282, "26-03-2025", H, 9),
    ]
    rows = [
        ["Omschrijving", "Aantal", "Prijs", "Bedrag"],
        ["Schilderen kozijnen buitenzijde (uur)", "16", "€ 52,50", "€ 840,00"],
        ["Verf en materialen", "1", "€ 212,35", "€ 212,35"],
        ["Voorrijkosten", "2", "€ 25,00", "€ 50,00"],
    ]
    t, y = table_ops([50, 380, 460, 545], 320, rows, "lrrr", size=10, step=18)
    ops += t
    y += 10
    for label, value, font in [
        ("Subtotaal", "€ 1.102,35", H),
        ("BTW 21%", "€ 231,49", H),
        ("Totaal", "€ 1.333,84", HB),
    ]:
        ops += [("r", 460, y, label, font, 10), ("r", 545, y, value, font, 10)]
        y += 16
    ops += [
        (
            "t",
            50,
            y + 30,
            "Gelieve het totaalbedrag binnen 14 dagen over te maken op IBAN NL91 ABNA 0417 1643 00",
            H,
            9,
        ),
        ("t", 50, y + 42, "o.v.v. het factuurnummer.", H, 9),
    ]
    schema = obj(
        {
            "invoiceNumber": s(),
            "invoiceDate": date(),
            "dueDate": ndate(),
            "supplier": obj(
                {
                    "name": s(),
                    "vatNumber": nul("string"),
                    "chamberOfCommerce": nul("string", description="KvK number"),
                    "iban": nul("string"),
                }
            ),
            "customer": obj({"name": s(), "postalCode": nul("string"), "city": nul("string")}),
            "lineItems": arr(
                obj(
                    {"description": s(), "quantity": n(), "unitPrice": n(), "amount": n()},
                    required=["description", "amount"],
                )
            ),
            "subtotal": n(),
            "vatRate": n(description="VAT percentage, e.g. 21"),
            "vatAmount": n(),
            "total": n(),
            "currency": s(enum=["EUR", "USD", "GBP"]),
        },
        required=["invoiceNumber", "invoiceDate", "total"],
    )
    expected = {
        "invoiceNumber": "2025-0318",
        "invoiceDate": "2025-03-12",
        "dueDate": "2025-03-26",
        "supplier": {
            "name": "Van Dijk Schilderwerken",
            "vatNumber": "NL862345917B01",
            "chamberOfCommerce": "81234567",
            "iban": "NL91 ABNA 0417 1643 00",
        },
        "customer": {"name": "Bakkerij De Korenaar", "postalCode": "3481 BC", "city": "Harmelen"},
        "lineItems": [
            {
                "description": "Schilderen kozijnen buitenzijde (uur)",
                "quantity": 16,
                "unitPrice": 52.50,
                "amount": 840.00,
            },
            {
                "description": "Verf en materialen",
                "quantity": 1,
                "unitPrice": 212.35,
                "amount": 212.35,
            },
            {"description": "Voorrijkosten", "quantity": 2, "unitPrice": 25.00, "amount": 50.00},
        ],
        "subtotal": 1102.35,
        "vatRate": 21,
        "vatAmount": 231.49,
        "total": 1333.84,
        "currency": "EUR",
    }
    return ".pdf", pdf_bytes([ops], "Factuur 2025-0318"), schema, expected


# -- 5. Canadian HST invoice, Markdown, snake_case schema -------------------------------------


def invoice_hst_md() -> Case:
    text = """# Maple Ridge Plumbing & Heating Ltd.

1290 Kingston Rd, Unit 4, Scarborough, ON M1N 1P3
Tel: 416-555-0178 | HST Reg. No. 812345678 RT0001

## INVOICE

**Invoice #:** INV-4471
**Date:** 2025-02-07
**Terms:** Due on receipt

**Bill To:**
Daniel Okafor
45 Birchmount Rd
Toronto, ON M1N 3J6

| Description | Qty | Rate | Amount |
|---|---:|---:|---:|
| Furnace annual maintenance | 1 | $149.00 | $149.00 |
| Humidifier pad replacement (part) | 1 | $38.50 | $38.50 |
| Labour | 1.5 | $110.00 | $165.00 |

|  |  |
|---|---:|
| Subtotal | $352.50 |
| HST (13%) | $45.83 |
| **Total (CAD)** | **$398.33** |

Payment accepted by e-Transfer to accounts@mapleridgeplumbing.ca, cheque, Visa or Mastercard.
"""
    schema = obj(
        {
            "invoice_number": s(),
            "invoice_date": date(),
            "due_on_receipt": boolean(),
            "seller": obj({"name": s(), "hst_number": nul("string"), "phone": nul("string")}),
            "bill_to": obj(
                {
                    "name": s(),
                    "street": nul("string"),
                    "city": nul("string"),
                    "province": nul("string", description="two-letter province code"),
                    "postal_code": nul("string"),
                }
            ),
            "items": arr(obj({"description": s(), "quantity": n(), "rate": n(), "amount": n()})),
            "subtotal": n(),
            "hst_rate": n(description="percent"),
            "hst_amount": n(),
            "total": n(),
            "currency": s(enum=["CAD", "USD"]),
        },
        required=["invoice_number", "total"],
    )
    expected = {
        "invoice_number": "INV-4471",
        "invoice_date": "2025-02-07",
        "due_on_receipt": True,
        "seller": {
            "name": "Maple Ridge Plumbing & Heating Ltd.",
            "hst_number": "812345678 RT0001",
            "phone": "416-555-0178",
        },
        "bill_to": {
            "name": "Daniel Okafor",
            "street": "45 Birchmount Rd",
            "city": "Toronto",
            "province": "ON",
            "postal_code": "M1N 3J6",
        },
        "items": [
            {
                "description": "Furnace annual maintenance",
                "quantity": 1,
                "rate": 149.00,
                "amount": 149.00,
            },
            {
                "description": "Humidifier pad replacement (part)",
                "quantity": 1,
                "rate": 38.50,
                "amount": 38.50,
            },
            {"description": "Labour", "quantity": 1.5, "rate": 110.00, "amount": 165.00},
        ],
        "subtotal": 352.50,
        "hst_rate": 13,
        "hst_amount": 45.83,
        "total": 398.33,
        "currency": "CAD",
    }
    return ".md", text.encode(), schema, expected


# -- 6. photography invoice, Google Docs style DOCX, snake_case schema -----------------------


def invoice_photography() -> Case:
    d = new_docx("Invoice 0142 - Lena Park Photography")
    bold_para(d, "Invoice", 26)
    d.add_paragraph("Lena Park Photography\nlena@lenaparkphoto.com\n(503) 555-0164")
    d.add_paragraph("Invoice no. 0142\nDate: June 9, 2025")
    bold_para(d, "Billed to")
    d.add_paragraph("Harbor & Vine Events\nJessica Moreau")
    d.add_paragraph("Event: Moreau-Tanaka wedding, June 7, 2025")
    docx_table(
        d,
        [
            ["Service", "Amount"],
            ["Event coverage - 6 hours", "$1,200.00"],
            ["Second shooter - 4 hours", "$400.00"],
            ["Rush editing (48-hour sneak peek)", "$150.00"],
        ],
    )
    d.add_paragraph("Subtotal: $1,750.00")
    d.add_paragraph("Retainer paid: -$500.00")
    bold_para(d, "Balance due: $1,250.00")
    d.add_paragraph("Includes online gallery and a personal-use print license.")
    d.add_paragraph("Payment: Venmo @lenaparkphoto or Zelle lena@lenaparkphoto.com")
    d.add_paragraph("Thank you!")
    schema = obj(
        {
            "invoice_no": s(),
            "date": date(),
            "photographer": obj({"name": s(), "email": s(), "phone": nul("string")}),
            "client": obj({"company": nul("string"), "contact_name": nul("string")}),
            "event_date": ndate(),
            "services": arr(obj({"service": s(), "amount": n()}, required=["service", "amount"])),
            "subtotal": n(),
            "deposit_paid": nul("number"),
            "balance_due": n(),
            "payment_methods": arr(s(enum=["Venmo", "Zelle", "PayPal", "Check", "Card", "Cash"])),
            "license_included": boolean(description="does the invoice include a usage license?"),
        },
        required=["invoice_no", "balance_due"],
    )
    expected = {
        "invoice_no": "0142",
        "date": "2025-06-09",
        "photographer": {
            "name": "Lena Park Photography",
            "email": "lena@lenaparkphoto.com",
            "phone": "(503) 555-0164",
        },
        "client": {"company": "Harbor & Vine Events", "contact_name": "Jessica Moreau"},
        "event_date": "2025-06-07",
        "services": [
            {"service": "Event coverage - 6 hours", "amount": 1200.00},
            {"service": "Second shooter - 4 hours", "amount": 400.00},
            {"service": "Rush editing (48-hour sneak peek)", "amount": 150.00},
        ],
        "subtotal": 1750.00,
        "deposit_paid": 500.00,
        "balance_due": 1250.00,
        "payment_methods": ["Venmo", "Zelle"],
        "license_included": True,
    }
    return ".docx", docx_bytes(d), schema, expected


# -- 7. convenience store receipt, TXT, hub receipt -------------------------------------------


def receipt_convenience() -> Case:
    text = """        QUICKSTOP MARKET #2231
        1840 W Broadway
        Anaheim, CA 92804
        (714) 555-0123

03/14/2025  06:52 AM     REG: 02
CASHIER: MARIA         TRANS #: 118734
----------------------------------------
MONSTER ENERGY 16OZ
  2 @ 3.29                        6.58
DORITOS NACHO 2.75OZ              2.49
HOT DOG JUMBO                     1.99
----------------------------------------
SUBTOTAL                         11.06
TAX                               0.68
TOTAL                      $     11.74

VISA CREDIT                      11.74
CARD # ************4821
ENTRY: CONTACTLESS
AUTH: 07731B
----------------------------------------
   THANK YOU FOR SHOPPING QUICKSTOP!
"""
    schema = hub_schema("document.receipt")
    expected = hub_expected(
        schema,
        receipt_id="118734",
        transaction_date="2025-03-14T06:52:00",
        merchant_name="QUICKSTOP MARKET #2231",
        merchant_address=hub_address("1840 W Broadway", "Anaheim", "CA", "92804"),
        merchant_phone="(714) 555-0123",
        cashier_name="MARIA",
        register_number="02",
        items=[
            {
                "description": "MONSTER ENERGY 16OZ",
                "quantity": 2,
                "unit_price": 3.29,
                "total_price": 6.58,
            },
            {
                "description": "DORITOS NACHO 2.75OZ",
                "quantity": None,
                "unit_price": None,
                "total_price": 2.49,
            },
            {
                "description": "HOT DOG JUMBO",
                "quantity": None,
                "unit_price": None,
                "total_price": 1.99,
            },
        ],
        subtotal=11.06,
        tax=0.68,
        total=11.74,
        currency="USD",
        payment_method={"type": "credit card", "card_last_4": "4821", "card_type": "VISA"},
        notes="THANK YOU FOR SHOPPING QUICKSTOP!",
    )
    return ".txt", text.encode(), schema, expected


# -- 8. bookstore receipt, TXT, snake_case schema ---------------------------------------------


def receipt_bookstore() -> Case:
    text = """RIVERBEND BOOKS
412 Main Street, Northampton MA 01060
413-555-0109  riverbendbooks.com

Sale  #30-55812          05/03/2025 2:17 PM
Bookseller: Tomas

The Overstory
  9780393356687                    18.99
Braiding Sweetgrass
  9781571313560                    20.00
Moleskine Classic Notebook L       14.95

Member Discount 10%                -5.39
Subtotal                           48.55
MA Sales Tax 6.25%                  0.84
TOTAL                              49.39

Gift Card ...3307                  49.39
Gift card remaining balance: 10.61

Riverbend Rewards member #RB-20417
Points earned today: 49
Returns with receipt within 30 days.
"""
    schema = obj(
        {
            "store_name": s(),
            "sale_number": nul("string"),
            "date": date(),
            "items": arr(
                obj(
                    {"title": s(), "isbn": nul("string"), "price": n()}, required=["title", "price"]
                )
            ),
            "member_discount": nul("number", description="discount as a positive amount"),
            "subtotal": n(),
            "tax": n(),
            "total": n(),
            "payment_type": s(enum=["cash", "card", "gift_card"]),
            "loyalty_member": boolean(),
            "points_earned": nul("integer"),
        },
        required=["store_name", "total"],
    )
    expected = {
        "store_name": "RIVERBEND BOOKS",
        "sale_number": "30-55812",
        "date": "2025-05-03",
        "items": [
            {"title": "The Overstory", "isbn": "9780393356687", "price": 18.99},
            {"title": "Braiding Sweetgrass", "isbn": "9781571313560", "price": 20.00},
            {"title": "Moleskine Classic Notebook L", "isbn": None, "price": 14.95},
        ],
        "member_discount": 5.39,
        "subtotal": 48.55,
        "tax": 0.84,
        "total": 49.39,
        "payment_type": "gift_card",
        "loyalty_member": True,
        "points_earned": 49,
    }
    return ".txt", text.encode(), schema, expected


# -- 9. restaurant receipt with a tip line, PDF (narrow), camelCase-free custom schema --------


def receipt_restaurant() -> Case:
    w = 226
    c = w / 2
    ops: list = [
        ("c", c, 30, "THE COPPER KETTLE", HB, 12),
        ("c", c, 44, "221 Hudson St, New York, NY 10013", H, 7.5),
        ("c", c, 55, "(212) 555-0141", H, 7.5),
        ("t", 12, 78, "Server: Jordan", H, 8),
        ("r", w - 12, 78, "Table 12", H, 8),
        ("t", 12, 90, "Guests: 2", H, 8),
        ("r", w - 12, 90, "Check #4471", H, 8),
        ("t", 12, 102, "04/18/2025 8:41 PM", H, 8),
        ("hr", 12, 110, w - 12),
    ]
    y = 124
    for qty, name, price in [
        ("1", "Burrata", "14.00"),
        ("1", "Margherita Pizza", "17.00"),
        ("1", "Rigatoni alla Vodka", "21.00"),
        ("2", "Pinot Noir (glass)", "26.00"),
    ]:
        ops += [("t", 12, y, qty, H, 8), ("t", 26, y, name, H, 8), ("r", w - 12, y, price, H, 8)]
        y += 12
    ops.append(("hr", 12, y - 4, w - 12))
    y += 6
    for label, value in [("Subtotal", "78.00"), ("Tax", "6.92"), ("Total", "84.92")]:
        ops += [("t", 26, y, label, H, 8), ("r", w - 12, y, value, H, 8)]
        y += 12
    y += 6
    ops += [
        ("t", 12, y, "MASTERCARD ************0093", H, 8),
        ("t", 12, y + 12, "Approval: 448120", H, 8),
    ]
    y += 30
    ops.append(("t", 12, y, "Suggested gratuity:", H, 7.5))
    y += 11
    for pct, amt in [("18%", "14.04"), ("20%", "15.60"), ("22%", "17.16")]:
        ops += [("t", 26, y, pct, H, 7.5), ("r", w - 12, y, amt, H, 7.5)]
        y += 10
    y += 10
    ops += [
        ("t", 12, y, "Tip:", HB, 9),
        ("r", w - 12, y, "16.00", H, 9),
        ("hr", 130, y + 2, w - 12),
        ("t", 12, y + 18, "Total:", HB, 9),
        ("r", w - 12, y + 18, "100.92", H, 9),
        ("hr", 130, y + 20, w - 12),
        ("t", 12, y + 40, "Signature: ______________________", H, 8),
        ("c", c, y + 62, "Thank you! Come back soon.", H, 8),
    ]
    schema = obj(
        {
            "restaurant": obj({"name": s(), "phone": nul("string")}),
            "server": nul("string"),
            "table_number": nul("integer"),
            "guest_count": nul("integer"),
            "check_number": nul("string"),
            "date": date(),
            "items": arr(obj({"name": s(), "qty": integer(), "price": n()})),
            "subtotal": n(),
            "tax": n(),
            "total_before_tip": n(),
            "tip": nul("number"),
            "grand_total": n(),
            "card": obj(
                {
                    "brand": s(enum=["Visa", "Mastercard", "Amex", "Discover"]),
                    "last4": s(pattern="^[0-9]{4}$"),
                }
            ),
        },
        required=["restaurant", "grand_total"],
    )
    expected = {
        "restaurant": {"name": "THE COPPER KETTLE", "phone": "(212) 555-0141"},
        "server": "Jordan",
        "table_number": 12,
        "guest_count": 2,
        "check_number": "4471",
        "date": "2025-04-18",
        "items": [
            {"name": "Burrata", "qty": 1, "price": 14.00},
            {"name": "Margherita Pizza", "qty": 1, "price": 17.00},
            {"name": "Rigatoni alla Vodka", "qty": 1, "price": 21.00},
            {"name": "Pinot Noir (glass)", "qty": 2, "price": 26.00},
        ],
        "subtotal": 78.00,
        "tax": 6.92,
        "total_before_tip": 84.92,
        "tip": 16.00,
        "grand_total": 100.92,
        "card": {"brand": "Mastercard", "last4": "0093"},
    }
    return ".pdf", pdf_bytes([ops], "Check 4471", pagesize=(w, 560)), schema, expected


# -- 10. food delivery order e-mail, HTML, hub receipt ----------------------------------------


def receipt_delivery_html() -> Case:
    body = """<div style="max-width:600px;font-family:Helvetica,Arial,sans-serif">
<p style="font-size:12px;color:#757575">DashBite</p>
<h1>Thanks for ordering, Alex</h1>
<p>Here's your receipt for Pho Saigon Kitchen.</p>
<p style="color:#757575">Tuesday, April 22, 2025 at 7:18 PM &middot; Order #5C2E91</p>
<h2 style="font-size:28px">Total $46.36</h2>
<table width="100%" cellpadding="4">
<tr><td>1</td><td>Pho Tai (Rare Steak)</td><td align="right">$15.95</td></tr>
<tr><td>2</td><td>Spring Rolls (2 pc)</td><td align="right">$13.00</td></tr>
<tr><td>1</td><td>Thai Iced Tea</td><td align="right">$5.25</td></tr>
</table>
<hr>
<table width="100%" cellpadding="4">
<tr><td>Subtotal</td><td align="right">$34.20</td></tr>
<tr><td>Delivery Fee</td><td align="right">$2.99</td></tr>
<tr><td>Service Fee</td><td align="right">$5.13</td></tr>
<tr><td>Taxes</td><td align="right">$3.04</td></tr>
<tr><td>Promotion (SPRING5)</td><td align="right">-$5.00</td></tr>
<tr><td>Tip</td><td align="right">$6.00</td></tr>
<tr><td><strong>Total</strong></td><td align="right"><strong>$46.36</strong></td></tr>
</table>
<h3>Payments</h3>
<p>Visa &bull;&bull;&bull;&bull;7710 &nbsp; $46.36</p>
<p style="font-size:12px;color:#757575">Delivered to 318 Pine St, Apt 5B, Seattle, WA 98101</p>
<p style="font-size:12px;color:#757575">Pho Saigon Kitchen, 1520 Rainier Ave S, Seattle, WA 98144</p>
</div>"""
    schema = hub_schema("document.receipt")
    expected = hub_expected(
        schema,
        receipt_id="5C2E91",
        transaction_date="2025-04-22T19:18:00",
        merchant_name="Pho Saigon Kitchen",
        merchant_address=hub_address("1520 Rainier Ave S", "Seattle", "WA", "98144"),
        customer_name="Alex",
        items=[
            {
                "description": "Pho Tai (Rare Steak)",
                "quantity": 1,
                "unit_price": None,
                "total_price": 15.95,
            },
            {
                "description": "Spring Rolls (2 pc)",
                "quantity": 2,
                "unit_price": None,
                "total_price": 13.00,
            },
            {
                "description": "Thai Iced Tea",
                "quantity": 1,
                "unit_price": None,
                "total_price": 5.25,
            },
        ],
        subtotal=34.20,
        tax=3.04,
        total=46.36,
        currency="USD",
        payment_method={"type": "card", "card_last_4": "7710", "card_type": "Visa"},
        discount_amount=5.00,
        discount_description="Promotion (SPRING5)",
        tip_amount=6.00,
        additional_charges=[
            {"description": "Delivery Fee", "amount": 2.99},
            {"description": "Service Fee", "amount": 5.13},
        ],
    )
    return ".html", html_page("Your DashBite order receipt", body), schema, expected


# -- resumes ----------------------------------------------------------------------------------


def edu(institution, degree, field, grad, gpa=None, honors=None, courses=None) -> dict:
    return {
        "institution": institution,
        "degree": degree,
        "field_of_study": field,
        "graduation_date": grad,
        "gpa": gpa,
        "honors": honors,
        "relevant_courses": courses,
    }


def job(company, position, start, end, current, resp, tech=None) -> dict:
    return {
        "company": company,
        "position": position,
        "start_date": start,
        "end_date": end,
        "is_current": current,
        "responsibilities": resp,
        "technologies": tech,
    }


def contact(name, email=None, phone=None, address=None, linkedin=None, github=None) -> dict:
    return {
        "full_name": name,
        "email": email,
        "phone": phone,
        "address": address,
        "linkedin": linkedin,
        "github": github,
        "portfolio": None,
        "google_scholar": None,
    }


# -- 11. data analyst resume, one-column PDF, hub resume -------------------------------------

ANALYST_JOBS = [
    (
        "Data Analyst",
        "Cascade Health Partners",
        "Portland, OR",
        "Jun 2022 - Present",
        [
            "Built Tableau dashboards tracking readmission rates across 14 clinics",
            "Automated weekly claims reporting in Python, saving 6 hours per week",
            "Wrote SQL models in Snowflake feeding finance and operations reporting",
        ],
    ),
    (
        "Junior Business Analyst",
        "Fernhill Outdoor Co.",
        "Beaverton, OR",
        "Aug 2020 - May 2022",
        [
            "Analyzed e-commerce funnel data and ran A/B tests on checkout flow",
            "Maintained Excel forecasting model for 1,200 SKUs",
        ],
    ),
]


def resume_analyst() -> Case:
    ops: list = [
        ("c", 306, 55, "SOFIA HERRERA", HB, 20),
        (
            "c",
            306,
            73,
            "Portland, OR  |  (503) 555-0187  |  sofia.herrera@gmail.com",
            H,
            9,
        ),
        ("c", 306, 85, "https://www.linkedin.com/in/sofiaherrera", H, 9),
        ("t", 50, 115, "SUMMARY", HB, 11),
        ("hr", 50, 119, 562),
        (
            "t",
            50,
            134,
            "Data analyst with 4+ years turning healthcare and retail data into decisions.",
            H,
            10,
        ),
        ("t", 50, 165, "EXPERIENCE", HB, 11),
        ("hr", 50, 169, 562),
    ]
    y = 185
    for title, company, place, dates, bullets in ANALYST_JOBS:
        ops += [
            ("t", 50, y, title, HB, 10),
            ("r", 562, y, dates, H, 10),
            ("t", 50, y + 13, f"{company}, {place}", "Helvetica-Oblique", 10),
        ]
        y += 28
        for b in bullets:
            ops.append(("t", 62, y, f"\u2022 {b}", H, 9.5))
            y += 13
        y += 8
    ops += [("t", 50, y, "EDUCATION", HB, 11), ("hr", 50, y + 4, 562)]
    y += 20
    ops += [
        ("t", 50, y, "B.S. in Economics, Minor in Statistics", HB, 10),
        ("r", 562, y, "May 2020", H, 10),
        ("t", 50, y + 13, "Oregon State University, Corvallis, OR  -  GPA: 3.6", H, 10),
    ]
    y += 40
    ops += [("t", 50, y, "SKILLS", HB, 11), ("hr", 50, y + 4, 562)]
    y += 20
    for label, value in [
        ("Languages:", "SQL, Python, R"),
        ("Libraries:", "pandas, NumPy, scikit-learn"),
        ("Tools:", "Tableau, Power BI, Excel, dbt"),
        ("Databases:", "Snowflake, PostgreSQL"),
    ]:
        ops += [("t", 50, y, label, HB, 10), ("t", 120, y, value, H, 10)]
        y += 14
    y += 14
    ops += [("t", 50, y, "CERTIFICATIONS", HB, 11), ("hr", 50, y + 4, 562)]
    y += 20
    ops.append(("t", 50, y, "Tableau Desktop Specialist - Tableau, 2023", H, 10))
    schema = hub_schema("document.resume")
    expected = hub_expected(
        schema,
        contact_info=contact(
            "SOFIA HERRERA",
            "sofia.herrera@gmail.com",
            "(503) 555-0187",
            "Portland, OR",
            "https://www.linkedin.com/in/sofiaherrera",
        ),
        summary="Data analyst with 4+ years turning healthcare and retail data into decisions.",
        education=[
            edu(
                "Oregon State University",
                "B.S. in Economics",
                "Economics",
                "2020-05-01",
                gpa=3.6,
            )
        ],
        work_experience=[
            job(
                "Cascade Health Partners",
                "Data Analyst",
                "2022-06-01",
                None,
                True,
                ANALYST_JOBS[0][4],
            ),
            job(
                "Fernhill Outdoor Co.",
                "Junior Business Analyst",
                "2020-08-01",
                "2022-05-01",
                False,
                ANALYST_JOBS[1][4],
            ),
        ],
        technical_skills={
            "programming_languages": hub_skills("SQL", "Python", "R"),
            "frameworks_libraries": hub_skills("pandas", "NumPy", "scikit-learn"),
            "databases": hub_skills("Snowflake", "PostgreSQL"),
            "tools": hub_skills("Tableau", "Power BI", "Excel", "dbt"),
            "cloud_platforms": None,
            "other": None,
        },
        certifications=[
            {
                "name": "Tableau Desktop Specialist",
                "issuer": "Tableau",
                "date_obtained": "2023-01-01",
                "expiration_date": None,
                "credential_id": None,
            }
        ],
    )
    return ".pdf", pdf_bytes([ops], "Sofia Herrera - Resume"), schema, expected


# -- 12. registered nurse resume, DOCX, hub resume -------------------------------------------

NURSE_JOBS = [
    (
        "Registered Nurse, Medical-Surgical Unit",
        "St. Luke's Regional Medical Center",
        "Boise, ID",
        "March 2021 - Present",
        [
            "Provide care for 5-6 post-operative and medical patients per 12-hour shift",
            "Precept new graduate nurses and nursing students",
            "Member of unit falls-prevention committee; falls down 18% in 2023",
        ],
    ),
    (
        "Certified Nursing Assistant",
        "Valley Crest Care Center",
        "Nampa, ID",
        "June 2018 - February 2021",
        [
            "Assisted residents with activities of daily living and mobility",
            "Recorded vital signs and intake/output in PointClickCare",
        ],
    ),
]


def resume_nurse() -> Case:
    d = new_docx("Rachel Nguyen, RN - Resume")
    bold_para(d, "Rachel Nguyen, RN, BSN", 18)
    d.add_paragraph("Boise, ID 83706 | (208) 555-0135 | rachel.nguyen.rn@outlook.com")
    bold_para(d, "PROFESSIONAL SUMMARY", 12)
    d.add_paragraph(
        "Compassionate registered nurse with 4 years of med-surg experience and a strong record "
        "in patient education and safety."
    )
    bold_para(d, "LICENSES & CERTIFICATIONS", 12)
    for line in [
        "Registered Nurse, Idaho Board of Nursing - License #P-104382, expires 08/2026",
        "Basic Life Support (BLS), American Heart Association - 2024",
        "Advanced Cardiovascular Life Support (ACLS), American Heart Association - 2024",
    ]:
        d.add_paragraph(line, style="List Bullet")
    bold_para(d, "EXPERIENCE", 12)
    for title, org, place, dates, bullets in NURSE_JOBS:
        bold_para(d, title)
        d.add_paragraph(f"{org}, {place} | {dates}")
        for b in bullets:
            d.add_paragraph(b, style="List Bullet")
    bold_para(d, "EDUCATION", 12)
    d.add_paragraph("Bachelor of Science in Nursing (BSN), Boise State University - May 2020")
    d.add_paragraph("Cum Laude")
    bold_para(d, "SKILLS", 12)
    d.add_paragraph(
        "Epic EHR, PointClickCare, IV therapy, wound care, telemetry monitoring, patient education"
    )
    bold_para(d, "LANGUAGES", 12)
    d.add_paragraph("English (native), Vietnamese (fluent)")
    schema = hub_schema("document.resume")
    expected = hub_expected(
        schema,
        contact_info=contact(
            "Rachel Nguyen", "rachel.nguyen.rn@outlook.com", "(208) 555-0135", "Boise, ID 83706"
        ),
        summary=(
            "Compassionate registered nurse with 4 years of med-surg experience and a strong "
            "record in patient education and safety."
        ),
        education=[
            edu(
                "Boise State University",
                "Bachelor of Science in Nursing (BSN)",
                "Nursing",
                "2020-05-01",
                honors=["Cum Laude"],
            )
        ],
        work_experience=[
            job(
                "St. Luke's Regional Medical Center",
                "Registered Nurse, Medical-Surgical Unit",
                "2021-03-01",
                None,
                True,
                NURSE_JOBS[0][4],
            ),
            job(
                "Valley Crest Care Center",
                "Certified Nursing Assistant",
                "2018-06-01",
                "2021-02-01",
                False,
                NURSE_JOBS[1][4],
            ),
        ],
        technical_skills={
            "programming_languages": [],
            "frameworks_libraries": [],
            "databases": None,
            "tools": hub_skills("Epic EHR", "PointClickCare"),
            "cloud_platforms": None,
            "other": hub_skills(
                "IV therapy", "wound care", "telemetry monitoring", "patient education"
            ),
        },
        certifications=[
            {
                "name": "Registered Nurse",
                "issuer": "Idaho Board of Nursing",
                "date_obtained": None,
                "expiration_date": "2026-08-01",
                "credential_id": "P-104382",
            },
            {
                "name": "Basic Life Support (BLS)",
                "issuer": "American Heart Association",
                "date_obtained": "2024-01-01",
                "expiration_date": None,
                "credential_id": None,
            },
            {
                "name": "Advanced Cardiovascular Life Support (ACLS)",
                "issuer": "American Heart Association",
                "date_obtained": "2024-01-01",
                "expiration_date": None,
                "credential_id": None,
            },
        ],
        languages=[
            {"name": "English", "level": "native", "years_of_experience": None},
            {"name": "Vietnamese", "level": "fluent", "years_of_experience": None},
        ],
    )
    return ".docx", docx_bytes(d), schema, expected


# -- 13. designer resume, two-column PDF, custom schema --------------------------------------


def resume_designer() -> Case:
    side = 40
    main = 230
    ops: list = [
        ("t", side, 60, "Marcus Bell", HB, 20),
        ("t", side, 78, "Product Designer", H, 11),
        ("t", side, 115, "CONTACT", HB, 9),
        ("t", side, 129, "marcus@marcusbell.design", H, 8.5),
        ("t", side, 141, "(312) 555-0156", H, 8.5),
        ("t", side, 153, "Chicago, IL", H, 8.5),
        ("t", side, 165, "marcusbell.design", H, 8.5),
        ("t", side, 200, "SKILLS", HB, 9),
    ]
    y = 214
    for sk in ["Figma", "Design systems", "Prototyping", "User research", "Adobe Illustrator"]:
        ops.append(("t", side, y, sk, H, 8.5))
        y += 12
    y += 22
    ops.append(("t", side, y, "EDUCATION", HB, 9))
    ops += [
        ("t", side, y + 14, "BFA, Graphic Design", H, 8.5),
        ("t", side, y + 26, "School of the Art Institute", H, 8.5),
        ("t", side, y + 38, "of Chicago, 2016", H, 8.5),
    ]
    ops += [
        ("t", main, 115, "PROFILE", HB, 9),
        ("t", main, 129, "Product designer with 8 years of experience shipping B2B SaaS", H, 9),
        ("t", main, 141, "and mobile products, from research through design systems.", H, 9),
        ("t", main, 176, "EXPERIENCE", HB, 9),
    ]
    jobs = [
        (
            "Senior Product Designer",
            "Loop Logistics",
            "2021 - Present",
            [
                "Led redesign of carrier dashboard used by 9,000 trucking firms",
                "Built and maintain the Loop design system in Figma",
            ],
        ),
        (
            "Product Designer",
            "Brightline Health",
            "2018 - 2021",
            ["Designed patient intake app, cutting check-in time by 40%"],
        ),
        (
            "Visual Designer",
            "Paper Crane Studio",
            "2016 - 2018",
            ["Brand identities and marketing sites for local restaurants"],
        ),
    ]
    y = 192
    for title, company, dates, bullets in jobs:
        ops += [
            ("t", main, y, f"{title} \u2014 {company}", HB, 9.5),
            ("r", 572, y, dates, H, 8.5),
        ]
        y += 14
        for b in bullets:
            ops.append(("t", main + 8, y, f"\u2022 {b}", H, 8.5))
            y += 12
        y += 10
    schema = obj(
        {
            "name": s(),
            "headline": nul("string"),
            "email": nul("string", format="email"),
            "phone": nul("string"),
            "location": nul("string"),
            "website": nul("string"),
            "skills": arr(s()),
            "experience": arr(
                obj(
                    {
                        "title": s(),
                        "company": s(),
                        "start_year": integer(),
                        "end_year": nul("integer"),
                        "current": boolean(),
                    },
                    required=["title", "company"],
                )
            ),
            "education": arr(obj({"degree": s(), "school": s(), "year": nul("integer")})),
            "years_of_experience": nul("integer"),
        },
        required=["name"],
    )
    expected = {
        "name": "Marcus Bell",
        "headline": "Product Designer",
        "email": "marcus@marcusbell.design",
        "phone": "(312) 555-0156",
        "location": "Chicago, IL",
        "website": "marcusbell.design",
        "skills": ["Figma", "Design systems", "Prototyping", "User research", "Adobe Illustrator"],
        "experience": [
            {
                "title": "Senior Product Designer",
                "company": "Loop Logistics",
                "start_year": 2021,
                "end_year": None,
                "current": True,
            },
            {
                "title": "Product Designer",
                "company": "Brightline Health",
                "start_year": 2018,
                "end_year": 2021,
                "current": False,
            },
            {
                "title": "Visual Designer",
                "company": "Paper Crane Studio",
                "start_year": 2016,
                "end_year": 2018,
                "current": False,
            },
        ],
        "education": [
            {
                "degree": "BFA, Graphic Design",
                "school": "School of the Art Institute of Chicago",
                "year": 2016,
            }
        ],
        "years_of_experience": 8,
    }
    return ".pdf", pdf_bytes([ops], "Marcus Bell - Resume"), schema, expected


# -- 14. packing slip, HTML, custom schema ----------------------------------------------------


def packing_slip_html() -> Case:
    body = """<div style="font-family:Arial,sans-serif;width:700px">
<table width="100%"><tr>
<td><h2 style="margin:0">Tidewater Tea Co.</h2>
55 Harbor Way, Charleston, SC 29401</td>
<td align="right"><h1 style="margin:0">PACKING SLIP</h1></td>
</tr></table>
<table>
<tr><td><b>Order #</b></td><td>TW-18842</td></tr>
<tr><td><b>Order Date</b></td><td>Jan 27, 2025</td></tr>
<tr><td><b>Ship Date</b></td><td>Jan 29, 2025</td></tr>
<tr><td><b>Shipping Method</b></td><td>USPS Ground Advantage</td></tr>
<tr><td><b>Tracking</b></td><td>9400 1118 9922 3345 6789 01</td></tr>
</table>
<table width="100%"><tr>
<td valign="top"><b>Ship To</b><br>Hannah Whitfield<br>2207 Elm Ave<br>Apt 3<br>
Richmond, VA 23220</td>
<td valign="top"><b>Bill To</b><br>Hannah Whitfield<br>2207 Elm Ave<br>Apt 3<br>
Richmond, VA 23220</td>
</tr></table>
<table width="100%" border="1" cellspacing="0" cellpadding="4">
<tr><th>SKU</th><th>Item</th><th>Qty Ordered</th><th>Qty Shipped</th></tr>
<tr><td>TW-EG-100</td><td>Earl Grey Cream, loose leaf, 100 g</td><td>2</td><td>2</td></tr>
<tr><td>TW-SC-050</td><td>Sea Island Chai, 50 g</td><td>1</td><td>1</td></tr>
<tr><td>TW-INF-01</td><td>Stainless Mesh Infuser</td><td>1</td><td>0</td></tr>
</table>
<p>Backordered: Stainless Mesh Infuser will ship separately.</p>
<p>Gift message: "Happy birthday, Mom! Love, Ellie"</p>
</div>"""
    schema = obj(
        {
            "order_number": s(),
            "order_date": date(),
            "ship_date": ndate(),
            "shipping_method": nul("string"),
            "tracking_number": nul("string"),
            "ship_to": obj(
                {
                    "name": s(),
                    "address_line1": s(),
                    "address_line2": nul("string"),
                    "city": s(),
                    "state": s(),
                    "zip": s(),
                }
            ),
            "items": arr(
                obj(
                    {
                        "sku": s(),
                        "description": s(),
                        "qty_ordered": integer(),
                        "qty_shipped": integer(),
                    }
                )
            ),
            "has_backorder": boolean(),
            "gift_message": nul("string"),
        },
        required=["order_number", "items"],
    )
    expected = {
        "order_number": "TW-18842",
        "order_date": "2025-01-27",
        "ship_date": "2025-01-29",
        "shipping_method": "USPS Ground Advantage",
        "tracking_number": "9400 1118 9922 3345 6789 01",
        "ship_to": {
            "name": "Hannah Whitfield",
            "address_line1": "2207 Elm Ave",
            "address_line2": "Apt 3",
            "city": "Richmond",
            "state": "VA",
            "zip": "23220",
        },
        "items": [
            {
                "sku": "TW-EG-100",
                "description": "Earl Grey Cream, loose leaf, 100 g",
                "qty_ordered": 2,
                "qty_shipped": 2,
            },
            {
                "sku": "TW-SC-050",
                "description": "Sea Island Chai, 50 g",
                "qty_ordered": 1,
                "qty_shipped": 1,
            },
            {
                "sku": "TW-INF-01",
                "description": "Stainless Mesh Infuser",
                "qty_ordered": 1,
                "qty_shipped": 0,
            },
        ],
        "has_backorder": True,
        "gift_message": "Happy birthday, Mom! Love, Ellie",
    }
    return ".html", html_page("Packing slip TW-18842", body), schema, expected


# -- 15. credit card statement, PDF, camelCase schema -----------------------------------------


def credit_card_statement() -> Case:
    ops: list = [
        ("t", 50, 55, "Summit Federal Credit Union", HB, 15),
        ("t", 50, 71, "Visa Signature Rewards Card Statement", H, 10),
        ("r", 562, 55, "Account ending in 6642", H, 9),
        ("r", 562, 67, "Statement Closing Date: 09/22/2025", H, 9),
        ("r", 562, 79, "Billing Period: 08/23/2025 - 09/22/2025", H, 9),
        ("t", 50, 105, "JAMES T CARTER", H, 10),
        ("t", 50, 117, "814 WILLOW BEND LN", H, 10),
        ("t", 50, 129, "FRANKLIN TN 37064", H, 10),
        ("hr", 50, 145, 562),
        ("t", 50, 163, "Account Summary", HB, 11),
        ("t", 330, 163, "Payment Information", HB, 11),
    ]
    y = 180
    for label, value in [
        ("Previous Balance", "$1,284.17"),
        ("Payments & Other Credits", "-$1,327.16"),
        ("Purchases", "+$967.48"),
        ("Interest Charged", "+$0.00"),
        ("New Balance", "$924.49"),
    ]:
        ops += [("t", 50, y, label, H, 9.5), ("r", 290, y, value, H, 9.5)]
        y += 13
    for i, (label, value) in enumerate(
        [
            ("New Balance", "$924.49"),
            ("Minimum Payment Due", "$35.00"),
            ("Payment Due Date", "10/19/2025"),
            ("Credit Limit", "$12,000.00"),
            ("Available Credit", "$11,075.51"),
        ]
    ):
        ops += [("t", 330, 180 + 13 * i, label, H, 9.5), ("r", 562, 180 + 13 * i, value, H, 9.5)]
    y += 20
    rows = [
        ["Trans Date", "Post Date", "Description", "Amount"],
        ["08/25", "08/26", "KROGER #0411 FRANKLIN TN", "$126.43"],
        ["08/29", "08/29", "PAYMENT - THANK YOU", "-$1,284.17"],
        ["09/02", "09/03", "SHELL OIL 57442 BRENTWOOD TN", "$48.10"],
        ["09/06", "09/08", "DELTA AIR 0062318845 ATLANTA GA", "$412.60"],
        ["09/11", "09/12", "AMAZON MKTPL*RT4K21 AMZN.COM/BILL WA", "$42.99"],
        ["09/14", "09/15", "AMAZON MKTPL RETURN AMZN.COM/BILL WA", "-$42.99"],
        ["09/19", "09/20", "HOME DEPOT #0739 FRANKLIN TN", "$337.36"],
    ]
    ops.append(("t", 50, y, "Transactions", HB, 11))
    t, y = table_ops([50, 115, 180, 562], y + 18, rows, "lllr", size=9, step=14)
    ops += t
    ops += [
        (
            "t",
            50,
            y + 20,
            "Purchase APR 21.24% (v)   Cash Advance APR 27.24% (v)",
            H,
            8.5,
        ),
        ("t", 50, y + 32, "Rewards points earned this period: 967", H, 8.5),
    ]
    schema = obj(
        {
            "issuer": s(),
            "cardholderName": s(),
            "accountLast4": s(),
            "statementDate": date(),
            "periodStart": date(),
            "periodEnd": date(),
            "previousBalance": n(),
            "paymentsAndCredits": n(description="total payments and credits, positive"),
            "purchases": n(),
            "interestCharged": n(),
            "newBalance": n(),
            "minimumPaymentDue": n(),
            "paymentDueDate": date(),
            "creditLimit": nul("number"),
            "availableCredit": nul("number"),
            "purchaseApr": nul("number", description="percent"),
            "transactions": arr(
                obj(
                    {
                        "transactionDate": date(),
                        "postDate": date(),
                        "description": s(),
                        "amount": n(description="negative for payments and credits"),
                    }
                )
            ),
            "rewardsPointsEarned": nul("integer"),
        },
        required=["issuer", "newBalance"],
    )

    def tx(t: str, p: str, desc: str, amt: float) -> dict:
        return {"transactionDate": t, "postDate": p, "description": desc, "amount": amt}

    expected = {
        "issuer": "Summit Federal Credit Union",
        "cardholderName": "JAMES T CARTER",
        "accountLast4": "6642",
        "statementDate": "2025-09-22",
        "periodStart": "2025-08-23",
        "periodEnd": "2025-09-22",
        "previousBalance": 1284.17,
        "paymentsAndCredits": 1327.16,
        "purchases": 967.48,
        "interestCharged": 0.0,
        "newBalance": 924.49,
        "minimumPaymentDue": 35.00,
        "paymentDueDate": "2025-10-19",
        "creditLimit": 12000.00,
        "availableCredit": 11075.51,
        "purchaseApr": 21.24,
        "transactions": [
            tx("2025-08-25", "2025-08-26", "KROGER #0411 FRANKLIN TN", 126.43),
            tx("2025-08-29", "2025-08-29", "PAYMENT - THANK YOU", -1284.17),
            tx("2025-09-02", "2025-09-03", "SHELL OIL 57442 BRENTWOOD TN", 48.10),
            tx("2025-09-06", "2025-09-08", "DELTA AIR 0062318845 ATLANTA GA", 412.60),
            tx("2025-09-11", "2025-09-12", "AMAZON MKTPL*RT4K21 AMZN.COM/BILL WA", 42.99),
            tx("2025-09-14", "2025-09-15", "AMAZON MKTPL RETURN AMZN.COM/BILL WA", -42.99),
            tx("2025-09-19", "2025-09-20", "HOME DEPOT #0739 FRANKLIN TN", 337.36),
        ],
        "rewardsPointsEarned": 967,
    }
    return ".pdf", pdf_bytes([ops], "Statement 09/22/2025"), schema, expected


# -- 16. water utility bill, PDF, hub utility-bill --------------------------------------------


def water_bill() -> Case:
    ops: list = [
        ("t", 50, 55, "City of Fairview Water & Sewer", HB, 15),
        ("t", 50, 70, "PO Box 1180, Fairview, TX 75069", H, 9),
        ("t", 50, 82, "Customer Service (972) 555-0110  Mon-Fri 8am-5pm", H, 9),
        ("t", 50, 94, "www.fairviewtx.gov/utilities", H, 9),
        ("r", 562, 55, "UTILITY BILL", HB, 14),
        ("r", 470, 75, "Account Number:", HB, 9),
        ("r", 562, 75, "40-22871-03", H, 9),
        ("r", 470, 87, "Bill Date:", HB, 9),
        ("r", 562, 87, "07/03/2025", H, 9),
        ("r", 470, 99, "Due Date:", HB, 9),
        ("r", 562, 99, "07/24/2025", H, 9),
        ("r", 470, 111, "Amount Due:", HB, 9),
        ("r", 562, 111, "$96.42", HB, 9),
        ("t", 50, 130, "Service Address: 611 Meadow Lark Dr", H, 9),
        ("t", 50, 142, "Service Period: 05/30/2025 - 06/30/2025", H, 9),
        ("t", 50, 170, "KAREN & PAUL DIETRICH", H, 10),
        ("t", 50, 182, "611 MEADOW LARK DR", H, 10),
        ("t", 50, 194, "FAIRVIEW TX 75069", H, 10),
        ("hr", 50, 210, 562),
        ("t", 50, 228, "Meter Readings", HB, 11),
    ]
    rows = [
        ["Meter #", "Previous", "Current", "Usage (gal)"],
        ["88213457", "1,204,300", "1,213,100", "8,800"],
    ]
    t, y = table_ops([50, 200, 300, 420], 246, rows, "lrrr", size=9)
    ops += t
    y += 16
    ops.append(("t", 50, y, "Account Summary", HB, 11))
    y += 16
    for label, value in [
        ("Previous Balance", "$88.15"),
        ("Payment Received 06/18 - Thank You", "-$88.15"),
        ("Balance Forward", "$0.00"),
    ]:
        ops += [("t", 50, y, label, H, 9), ("r", 420, y, value, H, 9)]
        y += 13
    y += 12
    ops.append(("t", 50, y, "Current Charges", HB, 11))
    y += 16
    for label, value in [
        ("Water Base Charge", "$18.50"),
        ("Water Usage 8,800 gal", "$38.72"),
        ("Sewer Base Charge", "$15.25"),
        ("Sewer Usage", "$16.45"),
        ("Solid Waste Collection", "$7.50"),
    ]:
        ops += [("t", 50, y, label, H, 9), ("r", 420, y, value, H, 9)]
        y += 13
    ops += [
        ("t", 50, y + 4, "Total Current Charges", HB, 9),
        ("r", 420, y + 4, "$96.42", HB, 9),
        ("t", 50, y + 22, "TOTAL AMOUNT DUE", HB, 10),
        ("r", 420, y + 22, "$96.42", HB, 10),
    ]
    y += 52
    ops += [
        (
            "t",
            50,
            y,
            "Stage 1 watering restrictions are in effect: outdoor watering twice a week.",
            H,
            8.5,
        ),
        (
            "t",
            50,
            y + 12,
            "A $10.00 late fee applies to payments received after the due date.",
            H,
            8.5,
        ),
        ("t", 50, y + 24, "Pay online, by phone, or mail a check with the stub below.", H, 8.5),
    ]
    schema = hub_schema("document.utility-bill")
    expected = hub_expected(
        schema,
        provider_name="City of Fairview Water & Sewer",
        provider_address={
            "street": "PO Box 1180",
            "city": "Fairview",
            "state": "TX",
            "zip_code": "75069",
            "country": None,
        },
        contact_information={
            "phone_numbers": ["(972) 555-0110"],
            "email_addresses": None,
            "websites": ["www.fairviewtx.gov/utilities"],
            "customer_service_hours": "Mon-Fri 8am-5pm",
        },
        account_number="40-22871-03",
        statement_date="2025-07-03",
        statement_title="UTILITY BILL",
        service_for="KAREN & PAUL DIETRICH",
        service_address={
            "street": "611 Meadow Lark Dr",
            "city": None,
            "state": None,
            "zip_code": None,
            "country": None,
        },
        billing_address={
            "street": "611 MEADOW LARK DR",
            "city": "FAIRVIEW",
            "state": "TX",
            "zip_code": "75069",
            "country": None,
        },
        billing_period_start="2025-05-30",
        billing_period_end="2025-06-30",
        date_due="2025-07-24",
        currency="USD",
        amount_due=96.42,
        previous_balance=88.15,
        previous_unpaid_balance=0.0,
        payment_received=88.15,
        current_charges=96.42,
        breakdown_of_charges=[
            {
                "description": desc,
                "amount": amt,
                "currency": None,
                "usage": usage,
                "rate": None,
                "period_start": None,
                "period_end": None,
            }
            for desc, amt, usage in [
                ("Water Base Charge", 18.50, None),
                ("Water Usage", 38.72, "8,800 gal"),
                ("Sewer Base Charge", 15.25, None),
                ("Sewer Usage", 16.45, None),
                ("Solid Waste Collection", 7.50, None),
            ]
        ],
        usage_summaries=[
            {
                "service_type": "Water",
                "unit": "gal",
                "details": [{"period_description": "05/30/2025 - 06/30/2025", "usage_value": 8800}],
                "meter_number": "88213457",
                "reading_type": None,
            }
        ],
        payment_instructions="Pay online, by phone, or mail a check with the stub below.",
        important_messages=[
            "Stage 1 watering restrictions are in effect: outdoor watering twice a week.",
            "A $10.00 late fee applies to payments received after the due date.",
        ],
    )
    return ".pdf", pdf_bytes([ops], "Utility bill 40-22871-03"), schema, expected


CASES = {
    "invoice-landscaping-greenleaf": invoice_landscaping,
    "invoice-msp-northgate": invoice_msp,
    "invoice-saas-fathomly": invoice_saas_html,
    "invoice-factuur-vandijk": invoice_factuur,
    "invoice-hst-mapleridge": invoice_hst_md,
    "invoice-photography-lenapark": invoice_photography,
    "receipt-convenience-quickstop": receipt_convenience,
    "receipt-bookstore-riverbend": receipt_bookstore,
    "receipt-restaurant-copperkettle": receipt_restaurant,
    "receipt-delivery-dashbite": receipt_delivery_html,
    "resume-analyst-herrera": resume_analyst,
    "resume-nurse-nguyen": resume_nurse,
    "resume-designer-bell": resume_designer,
    "packing-slip-tidewater": packing_slip_html,
    "statement-credit-card-summit": credit_card_statement,
    "utility-bill-water-fairview": water_bill,
}


def main() -> int:
    return docgen.write_cases(OUT, CASES)


if __name__ == "__main__":
    raise SystemExit(main())
