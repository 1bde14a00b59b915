"""Regenerate the engine's fourth held-out corpus: the most common business documents, written
before the engine code was read.

Run from the repository root (needs reportlab, python-docx and vlmrun-hub):

    python scripts/make_holdout4_documents.py

Writes ``tests/data/holdout4/<case>.<ext>`` with ``<case>.schema.json`` and
``<case>.expected.json``. The documents are the kinds users try first, in wordings and layouts the
earlier corpora do not use: four invoices (a freelancer's word-processor invoice with a borderless
table and a "Bill to:" block, a SaaS invoice with "Description / Period / Amount", a wholesale
invoice with SKU and discount columns, a utility bill with "Previous balance / Payments / New
charges"), three receipts (fuel station, pharmacy, online order e-mail), two resumes (chronological
with "Title | Company | Dates" lines, functional with skills first), a purchase order, a bank
statement with "Money out / Money in" columns, a payslip, a delivery note and a lab result. Five
schemas are taken as-is from vlmrun-hub; the rest are written the way skill authors write them
(snake_case and camelCase, nested objects, arrays of objects, enums, booleans, integers, dates).
The expected JSON states what each document shows (null where absent). Output is byte-for-byte
reproducible (same renderers as scripts/make_holdout_documents.py).
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
    docx_bytes,
    docx_table,
    hub_address,
    hub_schema,
    hub_skills,
    n,
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
OUT = ROOT / "tests" / "data" / "holdout4"
D = Decimal
H, HB = "Helvetica", "Helvetica-Bold"


# -- invoices -------------------------------------------------------------------------------


def invoice_freelance_hub() -> Case:
    """Freelancer invoice typed in a word processor (DOCX): name on top, "Bill to:" block,
    borderless table, hourly lines, bank details at the bottom; vlmrun-hub invoice schema."""
    items = [
        ("Logo design - 3 concepts and revisions", D(12), D("65.00")),
        ("Brand style guide (12 pages)", D(8), D("65.00")),
        ("Business card layout", D(2), D("65.00")),
    ]
    sub = sum((q * p for _, q, p in items), D(0))
    doc = new_docx("Invoice 2026-007")
    bold_para(doc, "Maya Okafor Design", 16)
    doc.add_paragraph("Graphic Design & Illustration")
    doc.add_paragraph("2418 Alder Street, Portland, OR 97214")
    doc.add_paragraph("maya@okaforstudio.com  |  (503) 555-0148")
    doc.add_paragraph("")
    bold_para(doc, "INVOICE", 20)
    doc.add_paragraph("Invoice #: 2026-007")
    doc.add_paragraph("Date: February 3, 2026")
    doc.add_paragraph("Due: March 5, 2026")
    doc.add_paragraph("")
    bold_para(doc, "Bill to:")
    doc.add_paragraph("Lantern & Co. Coffee Roasters")
    doc.add_paragraph("Attn: Derek Lindholm")
    doc.add_paragraph("88 Water Avenue")
    doc.add_paragraph("Portland, OR 97209")
    doc.add_paragraph("")
    rows = [["Description", "Hours", "Rate", "Amount"]]
    rows += [[d, f"{q:g}", "$" + us(p), "$" + us(q * p)] for d, q, p in items]
    table = doc.add_table(rows=len(rows), cols=4)  # default style: no borders
    for ri, row in enumerate(rows):
        for ci, text in enumerate(row):
            table.cell(ri, ci).text = text
            if ri == 0:
                for run in table.cell(ri, ci).paragraphs[0].runs:
                    run.bold = True
    doc.add_paragraph("")
    doc.add_paragraph(f"Subtotal: ${us(sub)}")
    doc.add_paragraph("Tax: $0.00")
    p = doc.add_paragraph()
    p.add_run(f"TOTAL DUE: ${us(sub)}").bold = True
    doc.add_paragraph("")
    doc.add_paragraph("Payment terms: Net 30")
    doc.add_paragraph("Please pay by bank transfer to:")
    doc.add_paragraph("Bank: Columbia Riverside Bank")
    doc.add_paragraph("Account name: Maya Okafor")
    doc.add_paragraph("Routing number: 123006800")
    doc.add_paragraph("Account number: 4410028371")
    doc.add_paragraph("")
    doc.add_paragraph("Thank you for your business!")
    schema = hub_schema("document.invoice")
    expected: dict[str, Any] = {k: None for k in schema["properties"]}
    expected.update(
        {
            "invoice_id": "2026-007",
            "invoice_issue_date": "2026-02-03",
            "invoice_due_date": "2026-03-05",
            "issuer_name": "Maya Okafor Design",
            "issuer_address": hub_address("2418 Alder Street", "Portland", "OR", "97214"),
            "issuer_email": "maya@okaforstudio.com",
            "issuer_phone": "(503) 555-0148",
            "customer_name": "Lantern & Co. Coffee Roasters",
            "customer_billing_address": hub_address("88 Water Avenue", "Portland", "OR", "97209"),
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
            "currency": "USD",
            "subtotal": num(sub),
            "tax_amount": 0.0,
            "total_amount": num(sub),
            "balance_due": num(sub),
            "payment_terms": "Net 30",
            "bank_details": {
                "bank_name": "Columbia Riverside Bank",
                "account_holder_name": "Maya Okafor",
                "account_number": "4410028371",
                "routing_number": "123006800",
                "bsb_number": None,
                "iban": None,
                "swift_bic": None,
            },
        }
    )
    return ".docx", docx_bytes(doc), schema, expected


def invoice_saas() -> Case:
    """SaaS invoice (PDF, letter): two-column header, "Description / Period / Amount" table,
    "PAID" status; camelCase schema with nested objects, enum and boolean."""
    lines = [
        ("Team plan - 14 seats", "Mar 1 - Mar 31, 2026", D("392.00")),
        ("Additional storage 500 GB", "Mar 1 - Mar 31, 2026", D("25.00")),
        ("Priority support add-on", "Mar 1 - Mar 31, 2026", D("49.00")),
    ]
    sub = sum((a for *_, a in lines), D(0))
    tax = (sub * D("0.0825")).quantize(D("0.01"))
    total = sub + tax
    ops: list[Op] = [
        ("t", 50, 56, "Cloudpeak", HB, 22),
        ("t", 50, 74, "Cloudpeak Software, Inc.", H, 9),
        ("t", 50, 86, "500 Congress Ave, Suite 1200", H, 9),
        ("t", 50, 98, "Austin, TX 78701", H, 9),
        ("t", 50, 110, "billing@cloudpeak.io", H, 9),
        ("r", 560, 56, "Invoice", HB, 18),
        ("t", 380, 80, "Invoice number", H, 9),
        ("r", 560, 80, "CP-2026-031544", H, 9),
        ("t", 380, 94, "Date of issue", H, 9),
        ("r", 560, 94, "April 1, 2026", H, 9),
        ("t", 380, 108, "Date due", H, 9),
        ("r", 560, 108, "April 1, 2026", H, 9),
        ("t", 50, 146, "Bill to", HB, 10),
        ("t", 50, 160, "Fernhill Analytics LLC", H, 9),
        ("t", 50, 172, "Priya Raman", H, 9),
        ("t", 50, 184, "ap@fernhill-analytics.com", H, 9),
        ("t", 50, 220, f"${us(total)} paid on April 1, 2026", HB, 13),
    ]
    rows = [["Description", "Period", "Amount"]]
    rows += [[d, p, "$" + us(a)] for d, p, a in lines]
    t, y = table_ops([50, 300, 560], 260, rows, "llr")
    ops += t
    ops.append(("hr", 330, y - 6, 560))
    y += 6
    for label, value, font in [
        ("Subtotal", "$" + us(sub), H),
        ("Sales tax (8.25%)", "$" + us(tax), H),
        ("Total", "$" + us(total), H),
        ("Amount paid", "$" + us(total), HB),
        ("Amount due", "$0.00", HB),
    ]:
        ops += [("t", 330, y, label, font, 9), ("r", 560, y, value, font, 9)]
        y += 14
    ops += [
        ("t", 50, y + 20, "Payment method: Mastercard ending in 4417", H, 9),
        ("t", 50, y + 34, "Questions? Contact billing@cloudpeak.io", H, 8),
    ]
    item = obj(
        {
            "description": s(),
            "servicePeriod": nul("string", description="Billing period of the line"),
            "amount": n(),
        },
        required=["description", "amount"],
    )
    schema = obj(
        {
            "invoiceNumber": s(),
            "issueDate": s(format="date"),
            "dueDate": nul("string", format="date"),
            "vendor": obj({"name": s(), "email": nul("string")}),
            "billTo": obj(
                {"companyName": nul("string"), "contactName": nul("string"), "email": nul("string")}
            ),
            "lineItems": arr(item),
            "subtotal": n(),
            "taxRate": nul("number", description="Tax rate in percent"),
            "taxAmount": nul("number"),
            "total": n(),
            "amountDue": nul("number"),
            "currency": s(enum=["USD", "EUR", "GBP", "CAD"]),
            "isPaid": {"type": "boolean", "description": "Whether the invoice has been paid"},
            "cardLast4": nul("string", description="Last four digits of the card used"),
        },
        required=["invoiceNumber", "issueDate", "lineItems", "total", "currency"],
    )
    expected = {
        "invoiceNumber": "CP-2026-031544",
        "issueDate": "2026-04-01",
        "dueDate": "2026-04-01",
        "vendor": {"name": "Cloudpeak Software, Inc.", "email": "billing@cloudpeak.io"},
        "billTo": {
            "companyName": "Fernhill Analytics LLC",
            "contactName": "Priya Raman",
            "email": "ap@fernhill-analytics.com",
        },
        "lineItems": [
            {"description": d, "servicePeriod": p, "amount": num(a)} for d, p, a in lines
        ],
        "subtotal": num(sub),
        "taxRate": 8.25,
        "taxAmount": num(tax),
        "total": num(total),
        "amountDue": 0.0,
        "currency": "USD",
        "isPaid": True,
        "cardLast4": "4417",
    }
    return ".pdf", pdf_bytes([ops], "Invoice CP-2026-031544", LETTER), schema, expected


def invoice_wholesale() -> Case:
    """Wholesale invoice (PDF, ruled table): SKU and Disc % columns, sold-to / ship-to side by
    side, freight line; snake_case schema with integer quantities and an enum for terms."""
    items = [
        ("GL-1042", "Organic Green Tea 100ct", 24, D("6.40"), D(10)),
        ("GL-2210", "Chamomile Blend 50ct", 12, D("5.25"), D(0)),
        ("GL-3307", "Matcha Powder 250g", 6, D("18.90"), D(5)),
        ("GL-0918", "Bamboo Tea Infuser", 30, D("2.15"), D(0)),
    ]

    def line_total(q: int, p: Decimal, d: Decimal) -> Decimal:
        return (q * p * (1 - d / 100)).quantize(D("0.01"))

    sub = sum((line_total(q, p, d) for _, _, q, p, d in items), D(0))
    freight = D("38.50")
    tax = (sub * D("0.06")).quantize(D("0.01"))
    total = sub + freight + tax
    ops: list[Op] = [
        ("t", 40, 50, "GREENLEAF WHOLESALE SUPPLY", HB, 15),
        ("t", 40, 66, "1200 Industrial Pkwy, Columbus, OH 43219", H, 9),
        ("t", 40, 78, "Tel (614) 555-0190  www.greenleafsupply.com", H, 9),
        ("r", 572, 50, "INVOICE", HB, 16),
        ("t", 400, 72, "Invoice No:", H, 9),
        ("r", 572, 72, "W-58812", H, 9),
        ("t", 400, 84, "Invoice Date:", H, 9),
        ("r", 572, 84, "01/22/2026", H, 9),
        ("t", 400, 96, "Customer PO:", H, 9),
        ("r", 572, 96, "PO-7731", H, 9),
        ("t", 400, 108, "Terms:", H, 9),
        ("r", 572, 108, "2% 10 Net 30", H, 9),
        ("hr", 40, 124, 572),
        ("t", 40, 140, "SOLD TO", HB, 9),
        ("t", 40, 153, "Harvest Table Market", H, 9),
        ("t", 40, 165, "415 High Street", H, 9),
        ("t", 40, 177, "Worthington, OH 43085", H, 9),
        ("t", 310, 140, "SHIP TO", HB, 9),
        ("t", 310, 153, "Harvest Table Market - Warehouse", H, 9),
        ("t", 310, 165, "77 Depot Road", H, 9),
        ("t", 310, 177, "Delaware, OH 43015", H, 9),
        ("hr", 40, 196, 572),
    ]
    rows = [["SKU", "Description", "Qty", "Unit Price", "Disc %", "Ext. Price"]]
    rows += [
        [sku, d, str(q), us(p), f"{dd:g}%" if dd else "-", us(line_total(q, p, dd))]
        for sku, d, q, p, dd in items
    ]
    t, y = table_ops([40, 100, 330, 400, 460, 572], 214, rows, "llrrrr")
    ops += t
    ops.append(("hr", 40, y - 8, 572))
    y += 6
    for label, value, font in [
        ("Merchandise Total", us(sub), H),
        ("Freight", us(freight), H),
        ("Sales Tax 6%", us(tax), H),
        ("INVOICE TOTAL (USD)", us(total), HB),
    ]:
        ops += [("t", 400, y, label, font, 9), ("r", 572, y, value, font, 9)]
        y += 14
    ops += [
        ("t", 40, y + 16, "Remit to: Greenleaf Wholesale Supply, PO Box 3321, Columbus, OH", H, 8)
    ]
    item = obj(
        {
            "sku": s(),
            "description": s(),
            "quantity": {"type": "integer"},
            "unit_price": n(),
            "discount_percent": nul("number"),
            "line_total": n(),
        }
    )
    party = obj({"name": s(), "address": nul("string")})
    schema = obj(
        {
            "invoice_number": s(),
            "invoice_date": s(format="date"),
            "purchase_order_number": nul("string"),
            "payment_terms": s(
                enum=["Due on receipt", "Net 15", "Net 30", "2% 10 Net 30", "Net 60"]
            ),
            "seller_name": s(),
            "sold_to": party,
            "ship_to": party,
            "line_items": arr(item),
            "merchandise_total": n(),
            "freight": nul("number"),
            "sales_tax": nul("number"),
            "invoice_total": n(),
        },
        required=["invoice_number", "line_items", "invoice_total"],
    )
    expected = {
        "invoice_number": "W-58812",
        "invoice_date": "2026-01-22",
        "purchase_order_number": "PO-7731",
        "payment_terms": "2% 10 Net 30",
        "seller_name": "GREENLEAF WHOLESALE SUPPLY",
        "sold_to": {
            "name": "Harvest Table Market",
            "address": "415 High Street, Worthington, OH 43085",
        },
        "ship_to": {
            "name": "Harvest Table Market - Warehouse",
            "address": "77 Depot Road, Delaware, OH 43015",
        },
        "line_items": [
            {
                "sku": sku,
                "description": d,
                "quantity": q,
                "unit_price": num(p),
                "discount_percent": num(dd) if dd else None,
                "line_total": num(line_total(q, p, dd)),
            }
            for sku, d, q, p, dd in items
        ],
        "merchandise_total": num(sub),
        "freight": num(freight),
        "sales_tax": num(tax),
        "invoice_total": num(total),
    }
    return ".pdf", pdf_bytes([ops], "Invoice W-58812", LETTER), schema, expected


def utility_bill() -> Case:
    """Electricity bill (PDF): account summary "Previous balance / Payments / New charges /
    Total amount due", a usage box and a charges breakdown under its own heading."""
    charges = [
        ("Basic service charge", D("12.50")),
        ("Energy charge 642 kWh @ $0.1287", D("82.63")),
        ("Transmission & distribution", D("31.18")),
        ("State energy tax", D("5.27")),
    ]
    new = sum((a for _, a in charges), D(0))
    prev, paid = D("118.40"), D("118.40")
    due = prev - paid + new
    ops: list[Op] = [
        ("t", 50, 50, "Rivervale Electric Cooperative", HB, 16),
        ("t", 50, 66, "PO Box 880, Rivervale, NJ 07675  |  1-800-555-0123", H, 8),
        ("r", 560, 50, "Your Electric Bill", HB, 12),
        ("t", 380, 74, "Account number", H, 9),
        ("r", 560, 74, "3302-118-4590", H, 9),
        ("t", 380, 86, "Bill date", H, 9),
        ("r", 560, 86, "Feb 09, 2026", H, 9),
        ("t", 380, 98, "Payment due by", H, 9),
        ("r", 560, 98, "Mar 02, 2026", H, 9),
        ("t", 50, 100, "Service address", HB, 9),
        ("t", 50, 112, "19 Birchwood Lane, Rivervale, NJ 07675", H, 9),
        ("t", 50, 124, "Customer: Thomas & Ellen Ward", H, 9),
        ("hr", 50, 140, 560),
        ("t", 50, 158, "Account Summary", HB, 11),
        ("t", 50, 176, "Previous balance", H, 9),
        ("r", 300, 176, "$" + us(prev), H, 9),
        ("t", 50, 189, "Payments - thank you", H, 9),
        ("r", 300, 189, "-$" + us(paid), H, 9),
        ("t", 50, 202, "New charges", H, 9),
        ("r", 300, 202, "$" + us(new), H, 9),
        ("hr", 50, 208, 300),
        ("t", 50, 220, "Total amount due", HB, 10),
        ("r", 300, 220, "$" + us(due), HB, 10),
        ("t", 340, 158, "Your Usage", HB, 11),
        ("t", 340, 176, "Service period", H, 9),
        ("r", 560, 176, "Jan 06 - Feb 04, 2026", H, 9),
        ("t", 340, 189, "Meter number", H, 9),
        ("r", 560, 189, "M-7781204", H, 9),
        ("t", 340, 202, "Total usage", H, 9),
        ("r", 560, 202, "642 kWh", H, 9),
        ("t", 340, 215, "Days in period", H, 9),
        ("r", 560, 215, "30", H, 9),
        ("t", 50, 256, "Details of New Charges", HB, 11),
    ]
    y = 274
    for label, amount in charges:
        ops += [("t", 50, y, label, H, 9), ("r", 300, y, us(amount), H, 9)]
        y += 13
    ops += [
        ("hr", 50, y - 6, 300),
        ("t", 50, y + 6, "Total new charges", HB, 9),
        ("r", 300, y + 6, us(new), HB, 9),
        (
            "t",
            50,
            y + 40,
            "AutoPay: Enrolled - the amount due will be drafted on Mar 02, 2026.",
            H,
            8,
        ),
    ]
    schema = obj(
        {
            "utility_company": s(),
            "account_number": s(),
            "bill_date": s(format="date"),
            "due_date": s(format="date"),
            "customer_name": nul("string"),
            "service_address": nul("string"),
            "meter_number": nul("string"),
            "service_period": obj(
                {
                    "start_date": nul("string", format="date"),
                    "end_date": nul("string", format="date"),
                }
            ),
            "usage_kwh": nul("integer"),
            "days_in_period": nul("integer"),
            "previous_balance": nul("number"),
            "payments_received": nul("number", description="Payments since the last bill"),
            "new_charges": nul("number"),
            "total_amount_due": n(),
            "charges": arr(obj({"description": s(), "amount": n()})),
            "autopay_enrolled": {"type": "boolean"},
        },
        required=["account_number", "total_amount_due"],
    )
    expected = {
        "utility_company": "Rivervale Electric Cooperative",
        "account_number": "3302-118-4590",
        "bill_date": "2026-02-09",
        "due_date": "2026-03-02",
        "customer_name": "Thomas & Ellen Ward",
        "service_address": "19 Birchwood Lane, Rivervale, NJ 07675",
        "meter_number": "M-7781204",
        "service_period": {"start_date": "2026-01-06", "end_date": "2026-02-04"},
        "usage_kwh": 642,
        "days_in_period": 30,
        "previous_balance": num(prev),
        "payments_received": num(paid),
        "new_charges": num(new),
        "total_amount_due": num(due),
        "charges": [{"description": d, "amount": num(a)} for d, a in charges],
        "autopay_enrolled": True,
    }
    return ".pdf", pdf_bytes([ops], "Electric bill", LETTER), schema, expected


# -- receipts -------------------------------------------------------------------------------


def receipt_fuel() -> Case:
    """Fuel station receipt (plain text, 40 columns): pump, grade, gallons, price/gal, a shop
    item, card entry method; flat snake_case schema with integer and enums."""
    gallons, ppg = D("11.482"), D("3.459")
    fuel = (gallons * ppg).quantize(D("0.01"))
    coffee = D("2.29")
    sub = fuel + coffee
    tax = D("0.16")
    total = sub + tax
    text = f"""\
            PETROMAX #0417
        2250 Route 9 North
       Old Bridge, NJ 08857
          (732) 555-0166

02/17/2026              07:42 AM
TRAN# 448201          TERMINAL 2

PUMP # 06
REGULAR UNLEADED
  {gallons} GAL @ ${ppg}/GAL
FUEL TOTAL                ${us(fuel)}

COFFEE 20OZ      1 @ {coffee}      {us(coffee)}

SUBTOTAL                  ${us(sub)}
TAX                        ${us(tax)}
TOTAL                     ${us(total)}

VISA          ************5521
ENTRY METHOD: CHIP
AUTH CODE: 09B77X
APPROVED

   THANK YOU - PLEASE COME AGAIN
"""
    schema = obj(
        {
            "station_name": s(),
            "station_address": nul("string"),
            "station_phone": nul("string"),
            "transaction_date": s(format="date"),
            "transaction_time": nul("string", description="Time as printed"),
            "transaction_number": nul("string"),
            "pump_number": nul("integer"),
            "fuel_grade": nul("string", enum=["Regular", "Mid-grade", "Premium", "Diesel", None]),
            "gallons": nul("number"),
            "price_per_gallon": nul("number"),
            "fuel_amount": nul("number"),
            "other_items": arr(
                obj({"description": s(), "quantity": nul("integer"), "amount": n()})
            ),
            "subtotal": nul("number"),
            "tax": nul("number"),
            "total": n(),
            "card_type": nul("string", enum=["Visa", "Mastercard", "Amex", "Discover", None]),
            "card_last4": nul("string"),
            "authorization_code": nul("string"),
        },
        required=["station_name", "transaction_date", "total"],
    )
    expected = {
        "station_name": "PETROMAX #0417",
        "station_address": "2250 Route 9 North, Old Bridge, NJ 08857",
        "station_phone": "(732) 555-0166",
        "transaction_date": "2026-02-17",
        "transaction_time": "07:42 AM",
        "transaction_number": "448201",
        "pump_number": 6,
        "fuel_grade": "Regular",
        "gallons": num(gallons),
        "price_per_gallon": num(ppg),
        "fuel_amount": num(fuel),
        "other_items": [{"description": "COFFEE 20OZ", "quantity": 1, "amount": num(coffee)}],
        "subtotal": num(sub),
        "tax": num(tax),
        "total": num(total),
        "card_type": "Visa",
        "card_last4": "5521",
        "authorization_code": "09B77X",
    }
    return ".txt", text.encode("utf-8"), schema, expected


def receipt_pharmacy_hub() -> Case:
    """Pharmacy receipt (narrow PDF): store header, items with qty, a coupon discount, tax,
    Mastercard payment; vlmrun-hub receipt schema."""
    items = [
        ("IBUPROFEN 200MG 100CT", 1, D("9.99")),
        ("VITAMIN D3 2000IU 90CT", 2, D("7.49")),
        ("HAND SANITIZER 8OZ", 1, D("3.29")),
        ("RX #6620418 COPAY", 1, D("10.00")),
    ]
    sub = sum((q * p for _, q, p in items), D(0))
    disc = D("2.00")
    tax = D("1.34")
    total = sub - disc + tax
    w = 226  # 80 mm roll
    ops: list[Op] = [
        ("c", w / 2, 30, "WELLSPRING PHARMACY", HB, 11),
        ("c", w / 2, 43, "Store #2291", H, 7),
        ("c", w / 2, 53, "3100 Lakeshore Blvd", H, 7),
        ("c", w / 2, 63, "Chicago, IL 60657", H, 7),
        ("c", w / 2, 73, "(773) 555-0184", H, 7),
        ("t", 12, 92, "03/08/2026 14:05", H, 7),
        ("r", w - 12, 92, "REG 3  TRN 5508", H, 7),
        ("t", 12, 102, "Cashier: DANA", H, 7),
        ("hr", 12, 108, w - 12),
    ]
    y = 120
    for d, q, p in items:
        ops.append(("t", 12, y, d, H, 7))
        ops.append(("r", w - 12, y, us(q * p), H, 7))
        y += 9
        if q > 1:
            ops.append(("t", 20, y, f"{q} @ {us(p)}", H, 7))
            y += 9
    ops += [
        ("t", 12, y, "COUPON - VITAMINS", H, 7),
        ("r", w - 12, y, "-" + us(disc), H, 7),
        ("hr", 12, y + 5, w - 12),
    ]
    y += 16
    for label, value, font in [
        ("SUBTOTAL", us(sub - disc), H),
        ("TAX 10.25%", us(tax), H),
        ("TOTAL", us(total), HB),
    ]:
        ops += [("t", 12, y, label, font, 8), ("r", w - 12, y, value, font, 8)]
        y += 10
    ops += [
        ("t", 12, y + 4, "MASTERCARD ****7310", H, 7),
        ("r", w - 12, y + 4, us(total), H, 7),
        ("t", 12, y + 24, "Returns accepted within 30 days with receipt.", H, 6),
        ("t", 12, y + 34, "Prescriptions are non-returnable.", H, 6),
    ]
    schema = hub_schema("document.receipt")
    expected = {
        "receipt_id": "5508",
        "transaction_date": "2026-03-08T14:05:00",
        "merchant_name": "WELLSPRING PHARMACY",
        "merchant_address": hub_address("3100 Lakeshore Blvd", "Chicago", "IL", "60657"),
        "merchant_phone": "(773) 555-0184",
        "cashier_name": "DANA",
        "register_number": "3",
        "customer_name": None,
        "customer_id": None,
        "items": [
            {"description": d, "quantity": q, "unit_price": num(p), "total_price": num(q * p)}
            for d, q, p in items
        ],
        "subtotal": num(sub - disc),
        "tax": num(tax),
        "total": num(total),
        "currency": "USD",
        "payment_method": {"type": "credit card", "card_last_4": "7310", "card_type": "MASTERCARD"},
        "discount_amount": num(disc),
        "discount_description": "COUPON - VITAMINS",
        "tip_amount": None,
        "return_policy": "Returns accepted within 30 days with receipt. "
        "Prescriptions are non-returnable.",
        "barcode": None,
        "additional_charges": None,
        "notes": None,
        "others": None,
    }
    return ".pdf", pdf_bytes([ops], "Receipt", (w, 400)), schema, expected


def order_confirmation_html() -> Case:
    """Online order confirmation e-mail (HTML with nested layout tables): order number, shipping
    address block, items with images' alt text, totals; camelCase schema."""
    items = [
        ("Trail Runner GTX - Men's 10.5", "Slate", 1, D("139.95")),
        ("Merino Crew Socks (3-pack)", "Charcoal", 2, D("24.00")),
        ("Hydration Vest 5L", "Black", 1, D("89.50")),
    ]
    sub = sum((q * p for *_, q, p in items), D(0))
    ship = D("0.00")
    tax = D("22.65")
    total = sub + ship + tax
    rows = "\n".join(
        f"""        <tr>
          <td><img src="cid:item{i}" alt="" width="64"></td>
          <td><strong>{name}</strong><br><span style="color:#666">Color: {color}</span></td>
          <td style="text-align:center">Qty: {q}</td>
          <td style="text-align:right">${us(q * p)}</td>
        </tr>"""
        for i, (name, color, q, p) in enumerate(items, 1)
    )
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Your Summit Outfitters order #SO-448120</title></head>
<body style="font-family:Arial,sans-serif">
<table width="600" align="center" cellpadding="0" cellspacing="0">
  <tr><td><h1 style="color:#1a5c3a">Summit Outfitters</h1></td></tr>
  <tr><td>
    <h2>Thanks for your order, Jordan!</h2>
    <p>We've received your order and will email you when it ships.</p>
    <p><b>Order #SO-448120</b><br>Placed on March 12, 2026</p>
  </td></tr>
  <tr><td>
    <table width="100%" cellpadding="6">
{rows}
    </table>
  </td></tr>
  <tr><td>
    <table width="100%" cellpadding="4">
      <tr><td>Subtotal</td><td style="text-align:right">${us(sub)}</td></tr>
      <tr><td>Shipping (Standard)</td><td style="text-align:right">FREE</td></tr>
      <tr><td>Estimated tax</td><td style="text-align:right">${us(tax)}</td></tr>
      <tr><td><b>Order total</b></td><td style="text-align:right"><b>${us(total)}</b></td></tr>
    </table>
  </td></tr>
  <tr><td>
    <table width="100%"><tr>
      <td valign="top"><h3>Shipping to</h3>
        Jordan Ellis<br>1457 Cedar Ridge Dr<br>Boulder, CO 80304<br>United States</td>
      <td valign="top"><h3>Payment</h3>
        Amex ending in 1009<br>Billed ${us(total)}</td>
    </tr></table>
  </td></tr>
  <tr><td><p>Estimated delivery: <b>Tue, Mar 17, 2026</b></p>
    <p>Questions? Reply to this email or call 1-888-555-0142.</p></td></tr>
</table>
</body></html>
"""
    schema = obj(
        {
            "orderNumber": s(),
            "orderDate": s(format="date"),
            "customerName": nul("string"),
            "shippingAddress": obj(
                {
                    "name": nul("string"),
                    "street": nul("string"),
                    "city": nul("string"),
                    "state": nul("string"),
                    "zip": nul("string"),
                    "country": nul("string"),
                }
            ),
            "items": arr(
                obj(
                    {
                        "productName": s(),
                        "color": nul("string"),
                        "quantity": {"type": "integer"},
                        "price": n(description="Line price"),
                    }
                )
            ),
            "subtotal": n(),
            "shippingCost": nul("number"),
            "tax": nul("number"),
            "orderTotal": n(),
            "paymentMethod": nul("string", enum=["Visa", "Mastercard", "Amex", "PayPal", None]),
            "cardLast4": nul("string"),
            "estimatedDelivery": nul("string", format="date"),
        },
        required=["orderNumber", "items", "orderTotal"],
    )
    expected = {
        "orderNumber": "SO-448120",
        "orderDate": "2026-03-12",
        "customerName": "Jordan Ellis",
        "shippingAddress": {
            "name": "Jordan Ellis",
            "street": "1457 Cedar Ridge Dr",
            "city": "Boulder",
            "state": "CO",
            "zip": "80304",
            "country": "United States",
        },
        "items": [
            {"productName": name, "color": color, "quantity": q, "price": num(q * p)}
            for name, color, q, p in items
        ],
        "subtotal": num(sub),
        "shippingCost": 0.0,
        "tax": num(tax),
        "orderTotal": num(total),
        "paymentMethod": "Amex",
        "cardLast4": "1009",
        "estimatedDelivery": "2026-03-17",
    }
    return ".html", html.encode("utf-8"), schema, expected


# -- resumes --------------------------------------------------------------------------------


def resume_chronological_hub() -> Case:
    """Chronological resume (DOCX, paragraphs only): "Title | Company | Dates" lines with
    bullets under each, education lines, a "Skills" block of "Label: a, b" lines;
    vlmrun-hub resume schema."""
    doc = new_docx("Resume - Daniel Osei")
    bold_para(doc, "DANIEL OSEI", 18)
    doc.add_paragraph(
        "Chicago, IL  •  (312) 555-0199  •  daniel.osei@gmail.com  •  linkedin.com/in/danielosei"
    )
    bold_para(doc, "SUMMARY")
    summary = (
        "Data engineer with 7 years of experience building batch and streaming pipelines "
        "for retail and logistics companies."
    )
    doc.add_paragraph(summary)
    bold_para(doc, "EXPERIENCE")
    jobs = [
        (
            "Senior Data Engineer",
            "Northline Logistics",
            "Mar 2022 – Present",
            "2022-03-01",
            None,
            [
                "Designed a Kafka and Flink pipeline processing 40M shipment events per day",
                "Cut warehouse reporting latency from 6 hours to 15 minutes",
            ],
        ),
        (
            "Data Engineer",
            "Brightcart",
            "Jun 2018 – Feb 2022",
            "2018-06-01",
            "2022-02-01",
            [
                "Built Airflow DAGs loading 200+ sources into Snowflake",
                "Introduced dbt tests and data contracts across four teams",
            ],
        ),
        (
            "Business Intelligence Analyst",
            "Lakeside Bank",
            "Jul 2016 – May 2018",
            "2016-07-01",
            "2018-05-01",
            ["Maintained Tableau dashboards for branch performance"],
        ),
    ]
    for title, company, dates, *_, bullets in jobs:
        p = doc.add_paragraph()
        p.add_run(f"{title} | {company} | {dates}").bold = True
        for b in bullets:
            doc.add_paragraph(b, style="List Bullet")
    bold_para(doc, "EDUCATION")
    doc.add_paragraph("M.S. Computer Science, University of Illinois Chicago, 2016")
    doc.add_paragraph("B.S. Mathematics, Northern Illinois University, 2014")
    bold_para(doc, "SKILLS")
    doc.add_paragraph("Languages: Python, SQL, Scala")
    doc.add_paragraph("Frameworks: Apache Spark, Apache Flink, dbt")
    doc.add_paragraph("Databases: PostgreSQL, Snowflake, BigQuery")
    doc.add_paragraph("Cloud: AWS, GCP")
    doc.add_paragraph("Tools: Airflow, Kafka, Terraform, Docker")
    bold_para(doc, "CERTIFICATIONS")
    doc.add_paragraph("AWS Certified Data Engineer – Associate, Amazon Web Services, 2024")
    schema = hub_schema("document.resume")
    expected = {
        "contact_info": {
            "full_name": "DANIEL OSEI",
            "email": "daniel.osei@gmail.com",
            "phone": "(312) 555-0199",
            "address": "Chicago, IL",
            "linkedin": "linkedin.com/in/danielosei",
            "github": None,
            "portfolio": None,
            "google_scholar": None,
        },
        "summary": summary,
        "education": [
            {
                "institution": "University of Illinois Chicago",
                "degree": "M.S.",
                "field_of_study": "Computer Science",
                "graduation_date": "2016-01-01",
                "gpa": None,
                "honors": None,
                "relevant_courses": None,
            },
            {
                "institution": "Northern Illinois University",
                "degree": "B.S.",
                "field_of_study": "Mathematics",
                "graduation_date": "2014-01-01",
                "gpa": None,
                "honors": None,
                "relevant_courses": None,
            },
        ],
        "work_experience": [
            {
                "company": company,
                "position": title,
                "start_date": start,
                "end_date": end,
                "is_current": end is None,
                "responsibilities": bullets,
                "technologies": None,
            }
            for title, company, _, start, end, bullets in jobs
        ],
        "technical_skills": {
            "programming_languages": hub_skills("Python", "SQL", "Scala"),
            "frameworks_libraries": hub_skills("Apache Spark", "Apache Flink", "dbt"),
            "databases": hub_skills("PostgreSQL", "Snowflake", "BigQuery"),
            "tools": hub_skills("Airflow", "Kafka", "Terraform", "Docker"),
            "cloud_platforms": hub_skills("AWS", "GCP"),
            "other": None,
        },
        "projects": None,
        "open_source_contributions": None,
        "certifications": [
            {
                "name": "AWS Certified Data Engineer – Associate",
                "issuer": "Amazon Web Services",
                "date_obtained": "2024-01-01",
                "expiration_date": None,
                "credential_id": None,
            }
        ],
        "publications": None,
        "conferences": None,
        "languages": None,
        "volunteer_work": None,
        "interests": None,
        "references": None,
        "additional_sections": None,
    }
    return ".docx", docx_bytes(doc), schema, expected


def resume_functional_md() -> Case:
    """Functional resume (Markdown): skills first as bullet lists, then a short work history of
    "Position, Company (years)" lines, education, languages; a hand-written schema."""
    text = """\
# Rosa Delgado

Office Manager · Tucson, AZ
rosa.delgado@outlook.com · 520-555-0137

## Profile

Organised office manager who keeps small medical and legal practices running smoothly.

## Key Skills

- Scheduling and calendar management
- Accounts payable and payroll (QuickBooks, Gusto)
- Vendor negotiation
- Bilingual customer service

## Work History

- **Office Manager**, Saguaro Family Dental — 2019 to present
- **Legal Secretary**, Pima & Vance LLP — 2015 to 2019
- **Receptionist**, Desert Bloom Spa — 2013 to 2015

## Education

Associate of Applied Science, Business Administration — Pima Community College, 2013

## Languages

Spanish (native), English (fluent)

## Certifications

- Certified Administrative Professional (CAP), 2021
"""
    schema = obj(
        {
            "fullName": s(),
            "headline": nul("string", description="Job title under the name"),
            "location": nul("string"),
            "email": nul("string", format="email"),
            "phone": nul("string"),
            "profile": nul("string"),
            "skills": arr(s()),
            "workHistory": arr(
                obj(
                    {
                        "position": s(),
                        "company": s(),
                        "startYear": nul("integer"),
                        "endYear": nul("integer"),
                        "current": {"type": "boolean"},
                    }
                )
            ),
            "education": arr(
                obj(
                    {
                        "degree": s(),
                        "field": nul("string"),
                        "school": s(),
                        "year": nul("integer"),
                    }
                )
            ),
            "languages": arr(s()),
            "certifications": arr(s()),
        },
        required=["fullName"],
    )
    expected = {
        "fullName": "Rosa Delgado",
        "headline": "Office Manager",
        "location": "Tucson, AZ",
        "email": "rosa.delgado@outlook.com",
        "phone": "520-555-0137",
        "profile": "Organised office manager who keeps small medical and legal practices "
        "running smoothly.",
        "skills": [
            "Scheduling and calendar management",
            "Accounts payable and payroll (QuickBooks, Gusto)",
            "Vendor negotiation",
            "Bilingual customer service",
        ],
        "workHistory": [
            {
                "position": "Office Manager",
                "company": "Saguaro Family Dental",
                "startYear": 2019,
                "endYear": None,
                "current": True,
            },
            {
                "position": "Legal Secretary",
                "company": "Pima & Vance LLP",
                "startYear": 2015,
                "endYear": 2019,
                "current": False,
            },
            {
                "position": "Receptionist",
                "company": "Desert Bloom Spa",
                "startYear": 2013,
                "endYear": 2015,
                "current": False,
            },
        ],
        "education": [
            {
                "degree": "Associate of Applied Science",
                "field": "Business Administration",
                "school": "Pima Community College",
                "year": 2013,
            }
        ],
        "languages": ["Spanish", "English"],
        "certifications": ["Certified Administrative Professional (CAP)"],
    }
    return ".md", text.encode("utf-8"), schema, expected


# -- other common documents -----------------------------------------------------------------


def purchase_order_docx() -> Case:
    """Purchase order (DOCX): header table of label/value cells, vendor and ship-to blocks side by
    side in a two-cell table, gridded item table, totals, approval line."""
    items = [
        ("1001", "Ergonomic office chair, mesh back", 8, "ea", D("249.00")),
        ("1002", "Height-adjustable desk 60x30", 4, "ea", D("412.50")),
        ("1003", "Monitor arm, dual", 8, "ea", D("74.99")),
    ]
    sub = sum((q * p for _, _, q, _, p in items), D(0))
    ship = D("145.00")
    tax = (sub * D("0.07")).quantize(D("0.01"))
    total = sub + ship + tax
    doc = new_docx("Purchase Order 45-00912")
    bold_para(doc, "Brookfield Community Health", 14)
    doc.add_paragraph("640 Elm Street, Hartford, CT 06106")
    bold_para(doc, "PURCHASE ORDER", 18)
    docx_table(
        doc,
        [
            ["PO Number", "45-00912"],
            ["PO Date", "2026-02-24"],
            ["Requested By", "Angela Ruiz, Facilities"],
            ["Required By", "2026-03-13"],
            ["Payment Terms", "Net 45"],
        ],
        header=False,
    )
    doc.add_paragraph("")
    blocks = doc.add_table(rows=1, cols=2)
    left, right = blocks.cell(0, 0), blocks.cell(0, 1)
    left.text = "VENDOR"
    for line in [
        "Office Pro Direct",
        "2200 Commerce Dr",
        "Edison, NJ 08837",
        "sales@officepro.com",
    ]:
        left.add_paragraph(line)
    right.text = "SHIP TO"
    for line in [
        "Brookfield Community Health",
        "Receiving Dock B",
        "640 Elm Street",
        "Hartford, CT 06106",
    ]:
        right.add_paragraph(line)
    for cell in (left, right):
        cell.paragraphs[0].runs[0].bold = True
    doc.add_paragraph("")
    rows = [["Item #", "Description", "Qty", "UOM", "Unit Cost", "Line Total"]]
    rows += [[i, d, str(q), u, us(p), us(q * p)] for i, d, q, u, p in items]
    docx_table(doc, rows)
    doc.add_paragraph("")
    docx_table(
        doc,
        [
            ["Subtotal", us(sub)],
            ["Shipping & Handling", us(ship)],
            ["Sales Tax (7%)", us(tax)],
            ["TOTAL", "$" + us(total)],
        ],
        header=False,
    )
    doc.add_paragraph("")
    doc.add_paragraph("Authorized by: Michael Chen, Purchasing Manager")
    doc.add_paragraph("Please reference the PO number on all invoices and packing slips.")
    address = obj({"name": s(), "street": nul("string"), "city_state_zip": nul("string")})
    schema = obj(
        {
            "po_number": s(),
            "po_date": s(format="date"),
            "buyer_organization": nul("string"),
            "requested_by": nul("string"),
            "required_by_date": nul("string", format="date"),
            "payment_terms": nul("string"),
            "vendor": obj(
                {
                    "name": s(),
                    "street": nul("string"),
                    "city_state_zip": nul("string"),
                    "email": nul("string"),
                }
            ),
            "ship_to": address,
            "items": arr(
                obj(
                    {
                        "item_number": s(),
                        "description": s(),
                        "quantity": {"type": "integer"},
                        "unit_of_measure": nul("string"),
                        "unit_cost": n(),
                        "line_total": n(),
                    }
                )
            ),
            "subtotal": n(),
            "shipping": nul("number"),
            "tax": nul("number"),
            "total": n(),
            "authorized_by": nul("string"),
        },
        required=["po_number", "items", "total"],
    )
    expected = {
        "po_number": "45-00912",
        "po_date": "2026-02-24",
        "buyer_organization": "Brookfield Community Health",
        "requested_by": "Angela Ruiz, Facilities",
        "required_by_date": "2026-03-13",
        "payment_terms": "Net 45",
        "vendor": {
            "name": "Office Pro Direct",
            "street": "2200 Commerce Dr",
            "city_state_zip": "Edison, NJ 08837",
            "email": "sales@officepro.com",
        },
        "ship_to": {
            "name": "Brookfield Community Health",
            "street": "640 Elm Street",
            "city_state_zip": "Hartford, CT 06106",
        },
        "items": [
            {
                "item_number": i,
                "description": d,
                "quantity": q,
                "unit_of_measure": u,
                "unit_cost": num(p),
                "line_total": num(q * p),
            }
            for i, d, q, u, p in items
        ],
        "subtotal": num(sub),
        "shipping": num(ship),
        "tax": num(tax),
        "total": num(total),
        "authorized_by": "Michael Chen, Purchasing Manager",
    }
    return ".docx", docx_bytes(doc), schema, expected


def bank_statement_hub() -> Case:
    """Current-account statement (PDF): "Posting Date / Transaction Details / Money Out / Money In
    / Balance" columns, a summary box; vlmrun-hub bank-statement schema."""
    start = D("2814.37")
    tx = [
        ("01 Apr", "2026-04-01", "CARD PURCHASE - TRADER JOE'S #552", D("86.14"), None),
        ("03 Apr", "2026-04-03", "DIRECT DEPOSIT - ACME ROBOTICS PAYROLL", None, D("3120.55")),
        ("05 Apr", "2026-04-05", "ONLINE TRANSFER TO SAVINGS", D("500.00"), None),
        ("09 Apr", "2026-04-09", "ATM WITHDRAWAL 1420 MAIN ST", D("200.00"), None),
        ("14 Apr", "2026-04-14", "CHECK #1187", D("1450.00"), None),
        ("22 Apr", "2026-04-22", "ZELLE FROM M. GARCIA", None, D("45.00")),
        ("28 Apr", "2026-04-28", "CARD PURCHASE - SHELL OIL 5741", D("52.38"), None),
    ]
    bal = start
    rows_out = []
    for short, iso, desc, out, inn in tx:
        bal = bal - (out or 0) + (inn or 0)
        rows_out.append((short, iso, desc, out, inn, bal))
    end = bal
    dep = sum((i or 0 for *_, i, _ in rows_out), D(0))
    wd = sum((o or 0 for *_, o, _, _ in rows_out), D(0))
    ops: list[Op] = [
        ("t", 50, 48, "Harbor Point Bank", HB, 16),
        ("t", 50, 62, "PO Box 4100, Tacoma, WA 98401", H, 8),
        ("r", 560, 48, "Account Statement", HB, 12),
        ("t", 380, 68, "Statement period", H, 8),
        ("r", 560, 68, "April 1 - April 30, 2026", H, 8),
        ("t", 380, 80, "Account", H, 8),
        ("r", 560, 80, "Everyday Checking", H, 8),
        ("t", 380, 92, "Account no.", H, 8),
        ("r", 560, 92, "****-****-6042", H, 8),
        ("t", 50, 100, "Elena Marquez", H, 9),
        ("t", 50, 112, "2716 Sunset Terrace", H, 9),
        ("t", 50, 124, "Tacoma, WA 98406", H, 9),
        ("hr", 50, 140, 560),
        ("t", 50, 156, "Summary", HB, 10),
        ("t", 50, 170, "Opening balance", H, 9),
        ("r", 250, 170, "$" + us(start), H, 9),
        ("t", 50, 182, "Money in", H, 9),
        ("r", 250, 182, "$" + us(dep), H, 9),
        ("t", 50, 194, "Money out", H, 9),
        ("r", 250, 194, "$" + us(wd), H, 9),
        ("t", 50, 206, "Closing balance", HB, 9),
        ("r", 250, 206, "$" + us(end), HB, 9),
        ("t", 50, 236, "Transactions", HB, 10),
    ]
    rows = [["Posting Date", "Transaction Details", "Money Out", "Money In", "Balance"]]
    rows += [
        [short, desc, us(out) if out else "", us(inn) if inn else "", us(b)]
        for short, _, desc, out, inn, b in rows_out
    ]
    t, y = table_ops([50, 115, 410, 480, 560], 254, rows, "llrrr", size=8, step=13)
    ops += t
    ops += [("t", 50, y + 16, "Monthly service fee: $0.00 (waived)", H, 8)]
    schema = hub_schema("document.bank-statement")
    items = []
    for _, iso, desc, out, inn, b in rows_out:
        items.append(
            {
                "transaction_deposit": num(inn) if inn else None,
                "transaction_deposit_date": iso if inn else None,
                "transaction_deposit_description": desc if inn else None,
                "transaction_withdrawal": num(out) if out else None,
                "transaction_withdrawal_date": iso if out else None,
                "transaction_withdrawal_description": desc if out else None,
                "check_number": "1187" if "CHECK" in desc else None,
                "ending_daily_balance": num(b),
                "reference_number": None,
            }
        )
    expected = {
        "account_number": "****-****-6042",
        "account_type": "Everyday Checking",
        "bank_address": {
            "street": "PO Box 4100",
            "city": "Tacoma",
            "state": "WA",
            "zip_code": "98401",
        },
        "bank_name": "Harbor Point Bank",
        "client_address": {
            "street": "2716 Sunset Terrace",
            "city": "Tacoma",
            "state": "WA",
            "zip_code": "98406",
        },
        "client_name": "Elena Marquez",
        "ending_balance": num(end),
        "starting_balance": num(start),
        "statement_date": None,
        "statement_start_date": "2026-04-01",
        "statement_end_date": "2026-04-30",
        "table_item": items,
        "routing_number": None,
        "total_deposits": num(dep),
        "total_withdrawals": num(wd),
        "summary_total_atm_withdrawals": None,
        "summary_total_debit_card_purchases": None,
        "summary_total_checks_paid": None,
        "monthly_service_fee": 0.0,
        "overdraft_protection_status": None,
        "others": None,
    }
    return ".pdf", pdf_bytes([ops], "Statement", LETTER), schema, expected


def payslip_hub() -> Case:
    """Monthly payslip (PDF, A4): employer header, employee details in two columns, earnings and
    deductions side by side, net pay in words; vlmrun-hub payslip schema."""
    earnings = [
        ("Basic Salary", D("4200.00")),
        ("Housing Allowance", D("850.00")),
        ("Overtime", D("312.40")),
    ]
    deductions = [
        ("Income Tax", D("736.20")),
        ("Pension (5%)", D("252.50")),
        ("Health Insurance", D("118.00")),
    ]
    te = sum((a for _, a in earnings), D(0))
    td = sum((a for _, a in deductions), D(0))
    net = te - td
    ops: list[Op] = [
        ("t", 40, 50, "Meridian Engineering Ltd", HB, 15),
        ("t", 40, 64, "45 Harbour Road, Wellington 6011", H, 9),
        ("r", 555, 50, "PAYSLIP", HB, 15),
        ("r", 555, 64, "Pay period: January 2026", H, 9),
        ("hr", 40, 78, 555),
        ("t", 40, 94, "Employee Name:", H, 9),
        ("t", 130, 94, "Aroha Ngata", H, 9),
        ("t", 40, 107, "Employee ID:", H, 9),
        ("t", 130, 107, "ME-0457", H, 9),
        ("t", 40, 120, "Department:", H, 9),
        ("t", 130, 120, "Structural Design", H, 9),
        ("t", 310, 94, "Designation:", H, 9),
        ("t", 400, 94, "Senior Engineer", H, 9),
        ("t", 310, 107, "Date of Joining:", H, 9),
        ("t", 400, 107, "14/08/2019", H, 9),
        ("t", 310, 120, "Days Worked:", H, 9),
        ("t", 400, 120, "21", H, 9),
        ("hr", 40, 134, 555),
        ("t", 40, 150, "Earnings", HB, 9),
        ("r", 280, 150, "Amount (NZD)", HB, 9),
        ("t", 310, 150, "Deductions", HB, 9),
        ("r", 555, 150, "Amount (NZD)", HB, 9),
        ("hr", 40, 155, 555),
    ]
    y = 168
    for i in range(3):
        ops += [
            ("t", 40, y, earnings[i][0], H, 9),
            ("r", 280, y, us(earnings[i][1]), H, 9),
            ("t", 310, y, deductions[i][0], H, 9),
            ("r", 555, y, us(deductions[i][1]), H, 9),
        ]
        y += 13
    ops += [
        ("hr", 40, y - 6, 555),
        ("t", 40, y + 6, "Total Earnings", HB, 9),
        ("r", 280, y + 6, us(te), HB, 9),
        ("t", 310, y + 6, "Total Deductions", HB, 9),
        ("r", 555, y + 6, us(td), HB, 9),
        ("t", 40, y + 34, "Net Pay", HB, 11),
        ("r", 280, y + 34, "NZD " + us(net), HB, 11),
        ("t", 40, y + 50, "Four Thousand Two Hundred Fifty-Five Dollars and Seventy Cents", H, 8),
    ]
    schema = hub_schema("accounting.form-payslip")
    expected = {
        "employer": {
            "name": "Meridian Engineering Ltd",
            "address": {
                "street": "45 Harbour Road",
                "city": "Wellington",
                "state": None,
                "zip_code": "6011",
            },
        },
        "employee": {
            "name": "Aroha Ngata",
            "employee_id": "ME-0457",
            "department": "Structural Design",
            "position": "Senior Engineer",
            "date_of_joining": "2019-08-14",
        },
        "pay_period": {"period": "January 2026", "days_worked": 21},
        "earnings": [{"description": d, "amount": num(a)} for d, a in earnings],
        "deductions": [{"description": d, "amount": num(a)} for d, a in deductions],
        "total_earnings": num(te),
        "total_deductions": num(td),
        "net_pay": num(net),
        "currency": "NZD",
        "net_pay_in_words": "Four Thousand Two Hundred Fifty-Five Dollars and Seventy Cents",
    }
    return ".pdf", pdf_bytes([ops], "Payslip", A4), schema, expected


def delivery_note_txt() -> Case:
    """Delivery note / packing slip (plain text): ship-from and ship-to side by side, carrier and
    tracking, an item table with ordered/shipped/backordered columns."""
    items = [
        ("HX-220", "Cordless drill 18V kit", 5, 5, 0),
        ("HX-318", "Impact driver bits, 40pc", 10, 10, 0),
        ("HX-502", "Work light LED 2000lm", 6, 4, 2),
    ]
    body = "\n".join(f"{code:<10}{desc:<30}{o:>8}{sh:>9}{bo:>8}" for code, desc, o, sh, bo in items)
    text = f"""\
DELIVERY NOTE                                   No. DN-240387

Ship From:                          Deliver To:
Hexa Tools Distribution             Kowalski Hardware
5 Foundry Way                       318 Main Street
Reno, NV 89502                      Elko, NV 89801

Date Shipped: 03/05/2026            Order Ref: SO-99120
Carrier: FedEx Ground               Tracking #: 7791 4420 5518
Packages: 3                         Total Weight: 28.6 kg

{"Code":<10}{"Description":<30}{"Ordered":>8}{"Shipped":>9}{"B/O":>8}
{"-" * 65}
{body}

Backordered items will ship separately at no extra cost.
Received in good condition by: ____________________
Signature required on delivery: YES
"""
    schema = obj(
        {
            "delivery_note_number": s(),
            "ship_date": s(format="date"),
            "order_reference": nul("string"),
            "shipper": obj({"name": s(), "address": nul("string")}),
            "recipient": obj({"name": s(), "address": nul("string")}),
            "carrier": nul("string"),
            "tracking_number": nul("string"),
            "package_count": nul("integer"),
            "total_weight_kg": nul("number"),
            "items": arr(
                obj(
                    {
                        "product_code": s(),
                        "description": s(),
                        "quantity_ordered": {"type": "integer"},
                        "quantity_shipped": {"type": "integer"},
                        "quantity_backordered": nul("integer"),
                    }
                )
            ),
            "signature_required": {"type": "boolean"},
        },
        required=["delivery_note_number", "items"],
    )
    expected = {
        "delivery_note_number": "DN-240387",
        "ship_date": "2026-03-05",
        "order_reference": "SO-99120",
        "shipper": {"name": "Hexa Tools Distribution", "address": "5 Foundry Way, Reno, NV 89502"},
        "recipient": {"name": "Kowalski Hardware", "address": "318 Main Street, Elko, NV 89801"},
        "carrier": "FedEx Ground",
        "tracking_number": "7791 4420 5518",
        "package_count": 3,
        "total_weight_kg": 28.6,
        "items": [
            {
                "product_code": code,
                "description": desc,
                "quantity_ordered": o,
                "quantity_shipped": sh,
                "quantity_backordered": bo,
            }
            for code, desc, o, sh, bo in items
        ],
        "signature_required": True,
    }
    return ".txt", text.encode("utf-8"), schema, expected


def lab_result_pdf() -> Case:
    """Lab result report (PDF): patient block and specimen block side by side, a results table
    "Test / Result / Flag / Units / Reference Interval" with H/L flags, a second panel heading."""
    results = [
        ("Glucose, Fasting", "104", "H", "mg/dL", "70-99"),
        ("Hemoglobin A1c", "5.9", "H", "%", "4.8-5.6"),
        ("Cholesterol, Total", "182", "", "mg/dL", "100-199"),
        ("HDL Cholesterol", "38", "L", "mg/dL", ">39"),
        ("LDL Cholesterol (calc)", "118", "H", "mg/dL", "0-99"),
        ("Triglycerides", "131", "", "mg/dL", "0-149"),
    ]
    ops: list[Op] = [
        ("t", 50, 48, "Keystone Diagnostic Laboratories", HB, 14),
        ("t", 50, 62, "900 Research Blvd, Rockville, MD 20850  CLIA #21D0654321", H, 8),
        ("r", 560, 48, "FINAL REPORT", HB, 11),
        ("hr", 50, 74, 560),
        ("t", 50, 90, "Patient:", HB, 9),
        ("t", 120, 90, "WHITFIELD, GRACE A", H, 9),
        ("t", 50, 103, "DOB:", HB, 9),
        ("t", 120, 103, "07/19/1968", H, 9),
        ("t", 50, 116, "Sex:", HB, 9),
        ("t", 120, 116, "Female", H, 9),
        ("t", 50, 129, "Patient ID:", HB, 9),
        ("t", 120, 129, "KD-3381907", H, 9),
        ("t", 320, 90, "Collected:", HB, 9),
        ("t", 400, 90, "03/10/2026 08:15", H, 9),
        ("t", 320, 103, "Reported:", HB, 9),
        ("t", 400, 103, "03/11/2026 16:40", H, 9),
        ("t", 320, 116, "Ordering MD:", HB, 9),
        ("t", 400, 116, "Samuel Okoro, MD", H, 9),
        ("t", 320, 129, "Specimen:", HB, 9),
        ("t", 400, 129, "Serum", H, 9),
        ("hr", 50, 142, 560),
        ("t", 50, 160, "COMPREHENSIVE METABOLIC / LIPID PANEL", HB, 10),
    ]
    rows = [["Test", "Result", "Flag", "Units", "Reference Interval"]]
    rows += [list(r) for r in results]
    t, y = table_ops([50, 250, 310, 360, 450], 178, rows, "lrlll")
    ops += t
    ops += [
        (
            "t",
            50,
            y + 20,
            "Flags: H = above reference interval, L = below reference interval.",
            H,
            7,
        ),
        ("t", 50, y + 34, "Electronically signed by Linda Park, MD, Laboratory Director", H, 8),
    ]
    schema = obj(
        {
            "lab_name": s(),
            "patient": obj(
                {
                    "name": s(),
                    "date_of_birth": s(format="date"),
                    "sex": s(enum=["male", "female", "other", "unknown"]),
                    "patient_id": nul("string"),
                }
            ),
            "collection_date": s(format="date"),
            "report_date": nul("string", format="date"),
            "ordering_physician": nul("string"),
            "specimen_type": nul("string"),
            "results": arr(
                obj(
                    {
                        "test_name": s(),
                        "value": n(),
                        "unit": nul("string"),
                        "reference_range": nul("string"),
                        "flag": nul("string", enum=["H", "L", None]),
                        "abnormal": {
                            "type": "boolean",
                            "description": "Outside the reference range",
                        },
                    }
                )
            ),
            "report_status": s(enum=["preliminary", "final", "corrected"]),
        },
        required=["patient", "results"],
    )
    expected = {
        "lab_name": "Keystone Diagnostic Laboratories",
        "patient": {
            "name": "WHITFIELD, GRACE A",
            "date_of_birth": "1968-07-19",
            "sex": "female",
            "patient_id": "KD-3381907",
        },
        "collection_date": "2026-03-10",
        "report_date": "2026-03-11",
        "ordering_physician": "Samuel Okoro, MD",
        "specimen_type": "Serum",
        "results": [
            {
                "test_name": name,
                "value": float(value),
                "unit": unit,
                "reference_range": ref,
                "flag": flag or None,
                "abnormal": bool(flag),
            }
            for name, value, flag, unit, ref in results
        ],
        "report_status": "final",
    }
    return ".pdf", pdf_bytes([ops], "Lab report", LETTER), schema, expected


CASES = {
    "invoice-freelance-okafor-hub": invoice_freelance_hub,
    "invoice-saas-cloudpeak": invoice_saas,
    "invoice-wholesale-greenleaf": invoice_wholesale,
    "utility-bill-rivervale": utility_bill,
    "receipt-fuel-petromax": receipt_fuel,
    "receipt-pharmacy-wellspring-hub": receipt_pharmacy_hub,
    "order-confirmation-summit": order_confirmation_html,
    "resume-chronological-osei-hub": resume_chronological_hub,
    "resume-functional-delgado": resume_functional_md,
    "purchase-order-brookfield": purchase_order_docx,
    "bank-statement-harbor-point-hub": bank_statement_hub,
    "payslip-meridian-hub": payslip_hub,
    "delivery-note-hexa": delivery_note_txt,
    "lab-result-keystone": lab_result_pdf,
}


def main() -> int:
    return write_cases(OUT, CASES)


if __name__ == "__main__":
    raise SystemExit(main())
