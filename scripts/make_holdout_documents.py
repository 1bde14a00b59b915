"""Regenerate the engine's held-out corpus: documents and schemas nobody tuned the engine on.

Run from the repository root (needs reportlab, python-docx and, for the hub schemas, vlmrun-hub):

    python scripts/make_holdout_documents.py

Writes ``tests/data/holdout/<case>.<ext>`` with ``<case>.schema.json`` and ``<case>.expected.json``.
The cases are deliberately unlike the example skills (other document types, wording, layouts,
languages), and the schemas are written the way a skill author would write them, or taken as-is
from vlmrun-hub (``registry[domain].model_json_schema()``). The expected JSON states exactly what
each document shows (null where the document does not give a value). Output is byte-for-byte
reproducible: ReportLab runs with ``invariant=1`` and DOCX zips are rewritten with sorted entries
and fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from docx.shared import Pt
from reportlab.lib.pagesizes import A4

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docgen import (  # noqa: E402
    Case,
    Op,
    bold_para,
    docx_bytes,
    docx_table,
    eu,
    hub_schema,
    new_docx,
    num,
    pdf_bytes,
    table_ops,
    us,
    write_cases,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "holdout"

D = Decimal


# -- cases ----------------------------------------------------------------------------------


def purchase_order() -> Case:
    """A US purchase order (PDF): issuer block left, 'Label: value' block right, a
    'Vendor / Ship To' block pair, an item table with Item No. / Ext. Cost columns."""
    items = [
        ("HR-1201", "Double-braid polyester line 12 mm", 150, D("3.40")),
        ("HR-0440", "Stainless steel bow shackle 10 mm", 40, D("6.25")),
        ("HR-2210", "Spliced dock line 5/8 in x 25 ft", 12, D("38.90")),
        ("HR-3005", "Marine-grade cleat, 8 in", 20, D("14.75")),
    ]
    subtotal = sum((q * p for _, _, q, p in items), D(0))
    freight = D("85.00")
    total = subtotal + freight
    ops: list[Op] = [
        ("t", 50, 60, "Kestrel Marine Supply Co.", "Helvetica-Bold", 17),
        ("t", 50, 78, "418 Wharf Street, Portland, ME 04101", "Helvetica", 9),
        ("t", 50, 91, "Tel (207) 555-0143  |  purchasing@kestrelmarine.com", "Helvetica", 9),
        ("r", 562, 60, "PURCHASE ORDER", "Helvetica-Bold", 14),
        ("t", 380, 82, "PO Number:", "Helvetica-Bold", 9),
        ("t", 465, 82, "KM-PO-55821", "Helvetica", 9),
        ("t", 380, 96, "Order Date:", "Helvetica-Bold", 9),
        ("t", 465, 96, "April 2, 2026", "Helvetica", 9),
        ("t", 380, 110, "Required By:", "Helvetica-Bold", 9),
        ("t", 465, 110, "April 20, 2026", "Helvetica", 9),
        ("t", 380, 124, "Terms:", "Helvetica-Bold", 9),
        ("t", 465, 124, "Net 45", "Helvetica", 9),
        ("t", 50, 160, "VENDOR", "Helvetica-Bold", 10),
        ("t", 320, 160, "SHIP TO", "Helvetica-Bold", 10),
        ("t", 50, 175, "Halyard Rope & Rigging Ltd", "Helvetica", 9),
        ("t", 320, 175, "Kestrel Marine Supply Co. - Warehouse 3", "Helvetica", 9),
        ("t", 50, 188, "27 Mill Lane, Gloucester, MA 01930", "Helvetica", 9),
        ("t", 320, 188, "52 Fore Street, Portland, ME 04101", "Helvetica", 9),
        ("t", 50, 201, "Tax ID: 04-7118832", "Helvetica", 9),
    ]
    rows = [["Item No.", "Description", "Qty", "Unit Cost", "Ext. Cost"]]
    rows += [[code, desc, str(q), us(p), us(q * p)] for code, desc, q, p in items]
    t, y = table_ops([50, 120, 400, 480, 562], 240, rows, "llrrr")
    ops += t
    y += 10
    ops += [
        ("t", 400, y, "Merchandise Total", "Helvetica", 9),
        ("r", 562, y, us(subtotal), "Helvetica", 9),
        ("t", 400, y + 14, "Freight", "Helvetica", 9),
        ("r", 562, y + 14, us(freight), "Helvetica", 9),
        ("t", 400, y + 30, "Order Total (USD)", "Helvetica-Bold", 10),
        ("r", 562, y + 30, us(total), "Helvetica-Bold", 10),
        ("t", 50, y + 70, "Authorized by: Dana Whitcombe, Purchasing Manager", "Helvetica", 9),
    ]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Purchase order",
        "type": "object",
        "properties": {
            "poNumber": {"type": "string"},
            "orderDate": {"type": "string", "format": "date"},
            "requiredByDate": {
                "type": ["string", "null"],
                "format": "date",
                "description": "Date the goods must be delivered by",
            },
            "paymentTerms": {"type": ["string", "null"]},
            "buyer": {
                "type": "object",
                "description": "The company placing the order",
                "properties": {
                    "name": {"type": "string"},
                    "phone": {"type": ["string", "null"]},
                    "email": {"type": ["string", "null"]},
                },
            },
            "supplier": {
                "type": "object",
                "description": "The vendor the order is placed with",
                "properties": {
                    "name": {"type": "string"},
                    "address": {"type": ["string", "null"]},
                    "taxId": {"type": ["string", "null"]},
                },
            },
            "lineItems": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "itemNumber": {"type": "string"},
                        "description": {"type": "string"},
                        "quantity": {"type": "integer"},
                        "unitCost": {"type": "number"},
                        "extendedCost": {"type": "number"},
                    },
                    "required": ["description", "quantity"],
                },
            },
            "subtotal": {"type": "number"},
            "freight": {"type": ["number", "null"]},
            "orderTotal": {"type": "number"},
            "currency": {"type": "string", "enum": ["USD", "CAD", "EUR", "GBP"]},
        },
        "required": ["poNumber", "orderDate", "supplier", "lineItems", "orderTotal"],
    }
    expected = {
        "poNumber": "KM-PO-55821",
        "orderDate": "2026-04-02",
        "requiredByDate": "2026-04-20",
        "paymentTerms": "Net 45",
        "buyer": {
            "name": "Kestrel Marine Supply Co.",
            "phone": "(207) 555-0143",
            "email": "purchasing@kestrelmarine.com",
        },
        "supplier": {
            "name": "Halyard Rope & Rigging Ltd",
            "address": "27 Mill Lane, Gloucester, MA 01930",
            "taxId": "04-7118832",
        },
        "lineItems": [
            {
                "itemNumber": code,
                "description": desc,
                "quantity": q,
                "unitCost": num(p),
                "extendedCost": num(q * p),
            }
            for code, desc, q, p in items
        ],
        "subtotal": num(subtotal),
        "freight": num(freight),
        "orderTotal": num(total),
        "currency": "USD",
    }
    return ".pdf", pdf_bytes([ops], "Purchase Order KM-PO-55821"), schema, expected


BANK_TX = [
    ("03/02/2026", "Payroll Deposit - ACME LOGISTICS", None, D("1630.00"), None),
    ("03/04/2026", "Check #1042", D("850.00"), None, "1042"),
    ("03/09/2026", "Debit Card Purchase - Kroger #512", D("143.27"), None, None),
    ("03/16/2026", "Payroll Deposit - ACME LOGISTICS", None, D("1630.00"), None),
    ("03/20/2026", "ATM Withdrawal - 5th & Main", D("200.00"), None, None),
    ("03/27/2026", "Online Transfer to Savings", D("749.35"), None, None),
    ("03/31/2026", "Monthly Service Fee", D("5.00"), None, None),
]


def bank_statement_hub() -> Case:
    """A US checking statement (PDF) judged with the vlmrun-hub bank-statement schema."""
    opening = D("2415.30")
    deposits = sum((c for *_, c, _ in BANK_TX if c), D(0))
    withdrawals = sum((d for _, _, d, _, _ in BANK_TX if d), D(0))
    closing = opening + deposits - withdrawals
    ops: list[Op] = [
        ("t", 50, 55, "RIVERSIDE COMMUNITY BANK", "Helvetica-Bold", 15),
        ("t", 50, 71, "200 Commerce Plaza, Dayton, OH 45402", "Helvetica", 9),
        ("r", 562, 55, "Account Statement", "Helvetica-Bold", 12),
        ("t", 50, 110, "Elena Vasquez-Hart", "Helvetica", 10),
        ("t", 50, 123, "1187 Larkspur Ave", "Helvetica", 10),
        ("t", 50, 136, "Kettering, OH 45429", "Helvetica", 10),
        ("t", 340, 110, "Statement Date:", "Helvetica-Bold", 9),
        ("t", 440, 110, "03/31/2026", "Helvetica", 9),
        ("t", 340, 123, "Account Number:", "Helvetica-Bold", 9),
        ("t", 440, 123, "4402-118-7730", "Helvetica", 9),
        ("t", 340, 136, "Account Type:", "Helvetica-Bold", 9),
        ("t", 440, 136, "Everyday Checking", "Helvetica", 9),
        ("t", 340, 149, "Routing Number:", "Helvetica-Bold", 9),
        ("t", 440, 149, "041215663", "Helvetica", 9),
        ("t", 340, 162, "Statement Period:", "Helvetica-Bold", 9),
        ("t", 440, 162, "03/01/2026 - 03/31/2026", "Helvetica", 9),
        ("t", 50, 195, "Account Summary", "Helvetica-Bold", 11),
        ("t", 50, 212, "Beginning Balance", "Helvetica", 9),
        ("r", 300, 212, f"${us(opening)}", "Helvetica", 9),
        ("t", 50, 225, "Deposits and Other Credits", "Helvetica", 9),
        ("r", 300, 225, f"${us(deposits)}", "Helvetica", 9),
        ("t", 50, 238, "Withdrawals and Other Debits", "Helvetica", 9),
        ("r", 300, 238, f"${us(withdrawals)}", "Helvetica", 9),
        ("t", 50, 251, "Ending Balance", "Helvetica-Bold", 9),
        ("r", 300, 251, f"${us(closing)}", "Helvetica-Bold", 9),
        ("t", 50, 285, "Transaction Detail", "Helvetica-Bold", 11),
    ]
    rows = [["Date", "Description", "Debit", "Credit", "Balance"]]
    balance = opening
    tx_expected = []
    for date, desc, debit, credit, check in BANK_TX:
        balance = balance + (credit or 0) - (debit or 0)
        rows.append(
            [date, desc, us(debit) if debit else "", us(credit) if credit else "", us(balance)]
        )
        iso = f"{date[6:]}-{date[:2]}-{date[3:5]}"
        tx_expected.append(
            {
                "transaction_deposit": num(credit) if credit else None,
                "transaction_deposit_date": iso if credit else None,
                "transaction_deposit_description": desc if credit else None,
                "transaction_withdrawal": num(debit) if debit else None,
                "transaction_withdrawal_date": iso if debit else None,
                "transaction_withdrawal_description": desc if debit else None,
                "check_number": check,
                "ending_daily_balance": num(balance),
                "reference_number": None,
            }
        )
    t, _ = table_ops([50, 120, 420, 490, 562], 305, rows, "llrrr")
    ops += t
    expected = {
        "account_number": "4402-118-7730",
        "account_type": "Everyday Checking",
        "bank_address": {
            "street": "200 Commerce Plaza",
            "city": "Dayton",
            "state": "OH",
            "zip_code": "45402",
        },
        "bank_name": "RIVERSIDE COMMUNITY BANK",
        "client_address": {
            "street": "1187 Larkspur Ave",
            "city": "Kettering",
            "state": "OH",
            "zip_code": "45429",
        },
        "client_name": "Elena Vasquez-Hart",
        "ending_balance": num(closing),
        "starting_balance": num(opening),
        "statement_date": "2026-03-31",
        "statement_start_date": "2026-03-01",
        "statement_end_date": "2026-03-31",
        "table_item": tx_expected,
        "routing_number": "041215663",
        "total_deposits": num(deposits),
        "total_withdrawals": num(withdrawals),
        "summary_total_atm_withdrawals": None,
        "summary_total_debit_card_purchases": None,
        "summary_total_checks_paid": None,
        "monthly_service_fee": 5.0,
        "overdraft_protection_status": None,
        "others": None,
    }
    schema = hub_schema("document.bank-statement")
    return ".pdf", pdf_bytes([ops], "Riverside statement"), schema, expected


def bank_statement_uk() -> Case:
    """A UK current-account statement (HTML) with Debit and Credit columns, day-first dates,
    and an author schema that wants one signed amount per transaction."""
    tx = [
        ("02 Mar 2026", "Card payment - Tesco Stores 2231", D("46.18"), None),
        ("03 Mar 2026", "Salary - Brightwater Analytics Ltd", None, D("2840.00")),
        ("05 Mar 2026", "Direct debit - Thames Water", D("38.50"), None),
        ("11 Mar 2026", "Faster payment from J Okafor", None, D("120.00")),
        ("19 Mar 2026", "Standing order - Rent Flat 4B", D("1150.00"), None),
        ("24 Mar 2026", "Card payment - Trainline", D("64.90"), None),
    ]
    opening = D("912.44")
    bal = opening
    body = []
    expected_tx = []
    for date, desc, debit, credit in tx:
        bal = bal + (credit or 0) - (debit or 0)
        body.append(
            f"<tr><td>{date}</td><td>{desc}</td><td>{us(debit) if debit else ''}</td>"
            f"<td>{us(credit) if credit else ''}</td><td>{us(bal)}</td></tr>"
        )
        day = dt.datetime.strptime(date, "%d %b %Y").date().isoformat()
        expected_tx.append(
            {
                "date": day,
                "description": desc,
                "amount": num(credit) if credit else -num(debit),
                "balance": num(bal),
            }
        )
    html = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Statement</title></head>
<body>
<h1>Harbourside Building Society</h1>
<p>Current Account Statement</p>
<table class="details">
<tr><th>Account holder</th><td>Mr Samuel T. Adeyemi</td></tr>
<tr><th>Sort code</th><td>20-45-77</td></tr>
<tr><th>Account no.</th><td>31926604</td></tr>
<tr><th>IBAN</th><td>GB29 HBSS 2045 7731 9266 04</td></tr>
<tr><th>Period</th><td>1 March 2026 to 31 March 2026</td></tr>
</table>
<h2>Your transactions</h2>
<p>Balance brought forward: &pound;{us(opening)}</p>
<table class="tx">
<thead><tr><th>Date</th><th>Details</th><th>Paid out</th><th>Paid in</th><th>Balance</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody>
</table>
<p>Balance carried forward: &pound;{us(bal)}</p>
<p>Harbourside Building Society is authorised by the Prudential Regulation Authority.</p>
</body></html>
"""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "account_holder": {"type": "string"},
            "sort_code": {"type": ["string", "null"]},
            "account_number": {"type": "string"},
            "iban": {"type": ["string", "null"]},
            "period_start": {"type": "string", "format": "date"},
            "period_end": {"type": "string", "format": "date"},
            "opening_balance": {"type": "number", "description": "Balance brought forward"},
            "closing_balance": {"type": "number", "description": "Balance carried forward"},
            "currency": {"type": "string", "description": "ISO 4217 code"},
            "transactions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "description": {"type": "string"},
                        "amount": {
                            "type": "number",
                            "description": "Signed amount: negative for money paid out "
                            "(debits), positive for money paid in (credits)",
                        },
                        "balance": {"type": "number"},
                    },
                    "required": ["date", "description", "amount"],
                },
            },
        },
        "required": ["account_number", "transactions"],
    }
    expected = {
        "account_holder": "Mr Samuel T. Adeyemi",
        "sort_code": "20-45-77",
        "account_number": "31926604",
        "iban": "GB29 HBSS 2045 7731 9266 04",
        "period_start": "2026-03-01",
        "period_end": "2026-03-31",
        "opening_balance": num(opening),
        "closing_balance": num(bal),
        "currency": "GBP",
        "transactions": expected_tx,
    }
    return ".html", html.encode(), schema, expected


def utility_bill_hub() -> Case:
    """An electricity bill (PDF) judged with the vlmrun-hub utility-bill schema."""
    charges = [
        ("Basic service charge", None, None, D("12.50")),
        ("Energy charge", "612 kWh", D("0.1385"), D("84.76")),
        ("Delivery charge", "612 kWh", D("0.0421"), D("25.77")),
        ("State energy tax", None, None, D("4.92")),
    ]
    current = sum((c[3] for c in charges), D(0))
    previous, paid = D("118.40"), D("118.40")
    due = previous - paid + current
    ops: list[Op] = [
        ("t", 50, 55, "Northshore Electric Cooperative", "Helvetica-Bold", 16),
        ("t", 50, 71, "PO Box 3380, Duluth, MN 55803", "Helvetica", 9),
        (
            "t",
            50,
            84,
            "Customer Service 1-800-555-0199  |  www.northshore-electric.coop",
            "Helvetica",
            9,
        ),
        ("r", 562, 55, "ELECTRIC BILL", "Helvetica-Bold", 13),
        ("t", 50, 120, "Service For:", "Helvetica-Bold", 9),
        ("t", 140, 120, "Marcus Lindqvist", "Helvetica", 9),
        ("t", 50, 134, "Service Address:", "Helvetica-Bold", 9),
        ("t", 140, 134, "2214 Skyline Parkway, Duluth, MN 55811", "Helvetica", 9),
        ("t", 360, 120, "Account Number:", "Helvetica-Bold", 9),
        ("t", 460, 120, "77-40918-3", "Helvetica", 9),
        ("t", 360, 134, "Bill Date:", "Helvetica-Bold", 9),
        ("t", 460, 134, "Feb 6, 2026", "Helvetica", 9),
        ("t", 360, 148, "Billing Period:", "Helvetica-Bold", 9),
        ("t", 460, 148, "Jan 2 - Feb 1, 2026", "Helvetica", 9),
        ("t", 360, 162, "Due Date:", "Helvetica-Bold", 9),
        ("t", 460, 162, "Feb 27, 2026", "Helvetica", 9),
        ("t", 50, 195, "Account Summary", "Helvetica-Bold", 11),
        ("t", 50, 212, "Previous Balance", "Helvetica", 9),
        ("r", 300, 212, f"${us(previous)}", "Helvetica", 9),
        ("t", 50, 225, "Payment Received - Thank You", "Helvetica", 9),
        ("r", 300, 225, f"-${us(paid)}", "Helvetica", 9),
        ("t", 50, 238, "Current Charges", "Helvetica", 9),
        ("r", 300, 238, f"${us(current)}", "Helvetica", 9),
        ("t", 50, 254, "Total Amount Due", "Helvetica-Bold", 10),
        ("r", 300, 254, f"${us(due)}", "Helvetica-Bold", 10),
        ("t", 50, 290, "Charge Details", "Helvetica-Bold", 11),
    ]
    rows = [["Description", "Usage", "Rate", "Amount"]]
    rows += [[d, u or "", f"{r}" if r else "", us(a)] for d, u, r, a in charges]
    t, _ = table_ops([50, 300, 420, 562], 310, rows, "lrrr")
    ops += t
    expected = {
        "provider_name": "Northshore Electric Cooperative",
        "provider_address": {
            "street": "PO Box 3380",
            "city": "Duluth",
            "state": "MN",
            "zip_code": "55803",
            "country": None,
        },
        "provider_logo_description": None,
        "contact_information": {
            "phone_numbers": ["1-800-555-0199"],
            "email_addresses": None,
            "websites": ["www.northshore-electric.coop"],
            "customer_service_hours": None,
        },
        "account_number": "77-40918-3",
        "statement_date": "2026-02-06",
        "statement_title": "ELECTRIC BILL",
        "invoice_number": None,
        "service_for": "Marcus Lindqvist",
        "service_address": {
            "street": "2214 Skyline Parkway",
            "city": "Duluth",
            "state": "MN",
            "zip_code": "55811",
            "country": None,
        },
        "billing_address": None,
        "billing_period_start": "2026-01-02",
        "billing_period_end": "2026-02-01",
        "date_due": "2026-02-27",
        "currency": "USD",
        "amount_due": num(due),
        "previous_balance": num(previous),
        "previous_unpaid_balance": None,
        "payment_received": num(paid),
        "adjustments_credits": None,
        "current_charges": num(current),
        "breakdown_of_charges": [
            {
                "description": d,
                "amount": num(a),
                "currency": None,
                "usage": u,
                "rate": num(r) if r else None,
                "period_start": None,
                "period_end": None,
            }
            for d, u, r, a in charges
        ],
        "usage_summaries": None,
        "payment_options": None,
        "payment_instructions": None,
        "payment_remittance_address": None,
        "important_messages": None,
        "page_information": None,
        "notes": None,
    }
    schema = hub_schema("document.utility-bill")
    return ".pdf", pdf_bytes([ops], "Electric bill"), schema, expected


def pay_stub() -> Case:
    """A pay stub (DOCX): key/value table, earnings and deductions tables."""
    earnings = [
        ("Regular", D("80.00"), D("31.25")),
        ("Overtime", D("6.50"), D("46.875")),
    ]
    deductions = [
        ("Federal Income Tax", D("372.14")),
        ("Social Security", D("173.88")),
        ("Medicare", D("40.66")),
        ("401(k) Contribution", D("168.26")),
    ]
    amounts = [(n, h, r, (h * r).quantize(D("0.01"))) for n, h, r in earnings]
    gross = sum((a for *_, a in amounts), D(0))
    total_ded = sum((a for _, a in deductions), D(0))
    net = gross - total_ded
    document = new_docx("Earnings Statement")
    bold_para(document, "Granite Peak Outfitters, Inc.", 16)
    document.add_paragraph("1450 Canyon Road, Boulder, CO 80302")
    document.add_heading("Earnings Statement", level=1)
    docx_table(
        document,
        [
            ["Employee", "Priya Natarajan-Cole"],
            ["Employee ID", "E-20931"],
            ["Department", "Retail Operations"],
            ["Pay Period", "03/01/2026 - 03/14/2026"],
            ["Pay Date", "03/20/2026"],
        ],
        header=False,
    )
    document.add_heading("Earnings", level=2)
    docx_table(
        document,
        [["Type", "Hours", "Rate", "Current"]]
        + [[n, f"{h}", f"{r:.3f}".rstrip("0"), us(a)] for n, h, r, a in amounts]
        + [["Gross Pay", "", "", us(gross)]],
    )
    document.add_heading("Deductions", level=2)
    docx_table(
        document,
        [["Deduction", "Current"]]
        + [[n, us(a)] for n, a in deductions]
        + [["Total Deductions", us(total_ded)]],
    )
    p = document.add_paragraph()
    r = p.add_run(f"Net Pay: ${us(net)}")
    r.bold = True
    document.add_paragraph("Direct deposit to account ending 4471")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Pay stub",
        "type": "object",
        "properties": {
            "employer": {"type": "string", "description": "Company that pays the employee"},
            "employee_name": {"type": "string"},
            "employee_id": {"type": ["string", "null"]},
            "pay_period_start": {"type": "string", "format": "date"},
            "pay_period_end": {"type": "string", "format": "date"},
            "pay_date": {"type": "string", "format": "date"},
            "gross_pay": {"type": "number"},
            "total_deductions": {"type": ["number", "null"]},
            "net_pay": {"type": "number", "title": "Take-home pay"},
            "earnings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string", "description": "Kind of earning"},
                        "hours": {"type": ["number", "null"]},
                        "rate": {"type": ["number", "null"]},
                        "amount": {"type": "number"},
                    },
                },
            },
            "deductions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "amount": {"type": "number"},
                    },
                },
            },
        },
    }
    expected = {
        "employer": "Granite Peak Outfitters, Inc.",
        "employee_name": "Priya Natarajan-Cole",
        "employee_id": "E-20931",
        "pay_period_start": "2026-03-01",
        "pay_period_end": "2026-03-14",
        "pay_date": "2026-03-20",
        "gross_pay": num(gross),
        "total_deductions": num(total_ded),
        "net_pay": num(net),
        "earnings": [
            {"type": n, "hours": num(h), "rate": num(r), "amount": num(a)} for n, h, r, a in amounts
        ],
        "deductions": [{"name": n, "amount": num(a)} for n, a in deductions],
    }
    return ".docx", docx_bytes(document), schema, expected


def packing_list() -> Case:
    """A packing slip (HTML): definition-list header, a shipment table, a yes/no flag."""
    items = [
        ("ORC-7731", "Ceramic pour-over dripper, white", 12, 12, D("0.45")),
        ("ORC-7740", "Paper filters #2 (100 ct)", 30, 24, D("0.18")),
        ("ORC-8102", "Gooseneck kettle 1.0 L, matte black", 6, 6, D("1.20")),
    ]
    weight = sum((s * w for _, _, _, s, w in items), D(0))
    rows = "\n".join(
        f"<tr><td>{sku}</td><td>{d}</td><td>{o}</td><td>{s}</td><td>{w} kg</td></tr>"
        for sku, d, o, s, w in items
    )
    html = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>Packing Slip</title></head><body>
<header><strong style="font-size:22px">Orca Coffee Works</strong><br>
Unit 9, 300 Industrial Way, Tacoma, WA 98421</header>
<h1>Packing Slip</h1>
<dl>
<dt>Shipment No.</dt><dd>SHP-2026-04417</dd>
<dt>Ship Date</dt><dd>2026-03-18</dd>
<dt>Carrier</dt><dd>UPS Ground</dd>
<dt>Tracking #</dt><dd>1Z 88W 412 03 5561 2290</dd>
<dt>Packages</dt><dd>3</dd>
<dt>Fragile</dt><dd>Yes</dd>
</dl>
<h2>Deliver To</h2>
<p>Driftwood Cafe<br>88 Beach Road, Cannon Beach, OR 97110</p>
<table>
<tr><th>SKU</th><th>Item</th><th>Ordered</th><th>Shipped</th><th>Unit Wt.</th></tr>
{rows}
</table>
<p>Total weight: {weight} kg</p>
<p>Backordered items ship separately at no extra charge.</p>
</body></html>
"""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "shipmentNumber": {"type": "string"},
            "shipDate": {"type": "string", "format": "date"},
            "carrier": {"type": "string"},
            "trackingNumber": {"type": "string"},
            "packageCount": {"type": "integer", "description": "Number of packages"},
            "fragile": {"type": "boolean"},
            "totalWeightKg": {"type": "number", "title": "Total weight"},
            "shipTo": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "address": {"type": "string"},
                },
            },
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "sku": {"type": "string"},
                        "description": {"type": "string"},
                        "quantityOrdered": {"type": "integer"},
                        "quantityShipped": {"type": "integer"},
                    },
                },
            },
        },
    }
    expected = {
        "shipmentNumber": "SHP-2026-04417",
        "shipDate": "2026-03-18",
        "carrier": "UPS Ground",
        "trackingNumber": "1Z 88W 412 03 5561 2290",
        "packageCount": 3,
        "fragile": True,
        "totalWeightKg": num(weight),
        "shipTo": {"name": "Driftwood Cafe", "address": "88 Beach Road, Cannon Beach, OR 97110"},
        "items": [
            {"sku": sku, "description": d, "quantityOrdered": o, "quantityShipped": s}
            for sku, d, o, s, _ in items
        ],
    }
    return ".html", html.encode(), schema, expected


def hotel_folio() -> Case:
    """A hotel guest folio (PDF, A4): day-first dates, charges table, an enum payment method."""
    charges = [
        ("14/03/2026", "Room 512 - Superior Double", D("189.00")),
        ("14/03/2026", "Restaurant Lindenhof - Dinner", D("62.40")),
        ("15/03/2026", "Room 512 - Superior Double", D("189.00")),
        ("15/03/2026", "Minibar", D("11.50")),
        ("16/03/2026", "City tax (2 nights)", D("9.00")),
    ]
    total = sum((a for *_, a in charges), D(0))
    ops: list[Op] = [
        ("c", 297, 60, "HOTEL LINDENHOF", "Times-Bold", 20),
        ("c", 297, 78, "Seestrasse 41, 8002 Zurich, Switzerland", "Times-Roman", 9),
        ("t", 50, 120, "Guest Folio", "Times-Bold", 13),
        ("t", 50, 145, "Guest", "Times-Bold", 10),
        ("t", 150, 145, "Ms. Ingrid Solberg", "Times-Roman", 10),
        ("t", 50, 160, "Room", "Times-Bold", 10),
        ("t", 150, 160, "512", "Times-Roman", 10),
        ("t", 50, 175, "Folio No.", "Times-Bold", 10),
        ("t", 150, 175, "F-88310", "Times-Roman", 10),
        ("t", 320, 145, "Arrival", "Times-Bold", 10),
        ("t", 420, 145, "14/03/2026", "Times-Roman", 10),
        ("t", 320, 160, "Departure", "Times-Bold", 10),
        ("t", 420, 160, "16/03/2026", "Times-Roman", 10),
        ("t", 320, 175, "Nights", "Times-Bold", 10),
        ("t", 420, 175, "2", "Times-Roman", 10),
    ]
    rows = [["Date", "Description", "Amount (CHF)"]]
    rows += [[d, desc, us(a)] for d, desc, a in charges]
    t, y = table_ops([50, 130, 545], 215, rows, "llr", size=10, step=16)
    ops += t
    ops += [
        ("hr", 330, y - 4, 545),
        ("t", 330, y + 10, "Total charges", "Times-Bold", 10),
        ("r", 545, y + 10, us(total), "Times-Bold", 10),
        ("t", 330, y + 26, "Paid by Mastercard **** 2281", "Times-Roman", 10),
        ("r", 545, y + 26, f"-{us(total)}", "Times-Roman", 10),
        ("t", 330, y + 42, "Balance", "Times-Bold", 10),
        ("r", 545, y + 42, "0.00", "Times-Bold", 10),
        ("c", 297, y + 90, "Thank you for staying with us.", "Times-Italic", 10),
    ]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "hotel_name": {"type": "string"},
            "guest_name": {"type": "string"},
            "room_number": {"type": "string"},
            "folio_number": {"type": ["string", "null"]},
            "check_in": {"type": "string", "format": "date", "title": "Arrival date"},
            "check_out": {"type": "string", "format": "date", "title": "Departure date"},
            "nights": {"type": "integer"},
            "currency": {"type": "string"},
            "charges": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "description": {"type": "string"},
                        "amount": {"type": "number"},
                    },
                },
            },
            "total": {"type": "number"},
            "balance_due": {"type": "number"},
            "payment_method": {
                "type": "string",
                "enum": ["cash", "credit_card", "bank_transfer", "invoice"],
            },
        },
    }
    expected = {
        "hotel_name": "HOTEL LINDENHOF",
        "guest_name": "Ms. Ingrid Solberg",
        "room_number": "512",
        "folio_number": "F-88310",
        "check_in": "2026-03-14",
        "check_out": "2026-03-16",
        "nights": 2,
        "currency": "CHF",
        "charges": [
            {
                "date": f"{d[6:]}-{d[3:5]}-{d[:2]}",
                "description": desc,
                "amount": num(a),
            }
            for d, desc, a in charges
        ],
        "total": num(total),
        "balance_due": 0,
        "payment_method": "credit_card",
    }
    return ".pdf", pdf_bytes([ops], "Guest folio", pagesize=A4), schema, expected


def lab_report() -> Case:
    """A clinical lab report (PDF): patient block, results table with reference ranges."""
    results = [
        ("Hemoglobin", "13.1", "g/dL", "12.0 - 15.5", None),
        ("White Blood Cell Count", "11.8", "10^3/uL", "4.5 - 11.0", "H"),
        ("Platelet Count", "265", "10^3/uL", "150 - 400", None),
        ("Glucose, Fasting", "104", "mg/dL", "70 - 99", "H"),
        ("Sodium", "139", "mmol/L", "135 - 145", None),
        ("Potassium", "3.3", "mmol/L", "3.5 - 5.1", "L"),
    ]
    ops: list[Op] = [
        ("t", 50, 55, "Meridian Diagnostic Laboratories", "Helvetica-Bold", 15),
        (
            "t",
            50,
            70,
            "CLIA #05D2089931  -  4100 Alameda Blvd, Sacramento, CA 95819",
            "Helvetica",
            8,
        ),
        ("r", 562, 55, "LABORATORY REPORT", "Helvetica-Bold", 11),
        ("t", 50, 105, "Patient Name:", "Helvetica-Bold", 9),
        ("t", 135, 105, "Okoro, Chinedu A.", "Helvetica", 9),
        ("t", 50, 118, "DOB:", "Helvetica-Bold", 9),
        ("t", 135, 118, "07/22/1984", "Helvetica", 9),
        ("t", 50, 131, "Sex:", "Helvetica-Bold", 9),
        ("t", 135, 131, "Male", "Helvetica", 9),
        ("t", 320, 105, "Accession #:", "Helvetica-Bold", 9),
        ("t", 410, 105, "MDL-26-0311874", "Helvetica", 9),
        ("t", 320, 118, "Collected:", "Helvetica-Bold", 9),
        ("t", 410, 118, "03/11/2026 07:42", "Helvetica", 9),
        ("t", 320, 131, "Ordering Physician:", "Helvetica-Bold", 9),
        ("t", 410, 131, "Dr. Helen Marsh", "Helvetica", 9),
    ]
    rows = [["Test", "Result", "Flag", "Units", "Reference Range"]]
    rows += [[t, r, f or "", u, rr] for t, r, u, rr, f in results]
    t, y = table_ops([50, 250, 300, 340, 430], 165, rows, "lllll")
    ops += t
    ops += [
        (
            "t",
            50,
            y + 20,
            "Results reviewed and released by: K. Abernathy, MLS(ASCP)",
            "Helvetica",
            8,
        ),
    ]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "patient": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "date_of_birth": {"type": "string", "format": "date"},
                    "sex": {"type": "string", "enum": ["Male", "Female", "Other"]},
                },
            },
            "accession_number": {"type": "string"},
            "collection_date": {"type": "string", "format": "date"},
            "ordering_physician": {"type": ["string", "null"]},
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "test_name": {"type": "string"},
                        "value": {"type": "number", "description": "The numeric result"},
                        "unit": {"type": ["string", "null"]},
                        "reference_range": {"type": ["string", "null"]},
                        "abnormal_flag": {"type": ["string", "null"], "enum": ["H", "L", None]},
                    },
                },
            },
        },
    }
    expected = {
        "patient": {"name": "Okoro, Chinedu A.", "date_of_birth": "1984-07-22", "sex": "Male"},
        "accession_number": "MDL-26-0311874",
        "collection_date": "2026-03-11",
        "ordering_physician": "Dr. Helen Marsh",
        "results": [
            {
                "test_name": t,
                "value": float(r) if "." in r else int(r),
                "unit": u,
                "reference_range": rr,
                "abnormal_flag": f,
            }
            for t, r, u, rr, f in results
        ],
    }
    return ".pdf", pdf_bytes([ops], "Laboratory report"), schema, expected


def insurance_card() -> Case:
    """A member ID card as plain text: aligned key/value pairs, copays, no tables."""
    text = """\
ASTER HEALTH PLANS
PPO Gold 1500

Member:          JORDAN M. ELLISON
Member ID:       XAH 448 201 773
Group No:        0091552
Effective:       01/01/2026
Plan Type:       PPO

Copays
  Primary Care    $25
  Specialist      $50
  Urgent Care     $75
  Emergency Room  $300

Rx BIN: 610014    Rx PCN: ASTRX    Rx Group: AST01

Member Services: 1-888-555-0127
Providers: visit asterhealth.example.com
"""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "insurer": {"type": "string", "description": "Insurance company name"},
            "plan_name": {"type": ["string", "null"]},
            "member_name": {"type": "string"},
            "member_id": {"type": "string"},
            "group_number": {"type": ["string", "null"]},
            "effective_date": {"type": ["string", "null"], "format": "date"},
            "plan_type": {"type": "string", "enum": ["HMO", "PPO", "EPO", "POS", "HDHP"]},
            "copay_primary_care": {"type": ["number", "null"]},
            "copay_specialist": {"type": ["number", "null"]},
            "copay_emergency": {"type": ["number", "null"]},
            "rx_bin": {"type": ["string", "null"]},
            "rx_pcn": {"type": ["string", "null"]},
            "member_services_phone": {"type": ["string", "null"]},
        },
    }
    expected = {
        "insurer": "ASTER HEALTH PLANS",
        "plan_name": "PPO Gold 1500",
        "member_name": "JORDAN M. ELLISON",
        "member_id": "XAH 448 201 773",
        "group_number": "0091552",
        "effective_date": "2026-01-01",
        "plan_type": "PPO",
        "copay_primary_care": 25,
        "copay_specialist": 50,
        "copay_emergency": 300,
        "rx_bin": "610014",
        "rx_pcn": "ASTRX",
        "member_services_phone": "1-888-555-0127",
    }
    return ".txt", text.encode(), schema, expected


def event_ticket() -> Case:
    """An e-ticket in Markdown: the event's name is the heading, details as bold labels."""
    text = """\
# Solstice Strings: A Midsummer Night Concert

**Venue:** Harborview Amphitheater, 1 Pier Road, Halifax, NS
**Date:** Saturday, June 20, 2026
**Doors open:** 6:30 PM
**Show starts:** 7:30 PM

| Section | Row | Seat |
|---------|-----|------|
| Lawn B  | 14  | 22   |

Ticket holder: Aiyana Redcloud
Order #: TKX-99310-A
Price paid: CA$ 68.50 (incl. fees)
Admission: General, all ages

Please present this ticket on your phone at the gate. No re-entry.
"""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "title": {"type": "string", "description": "Name of the event"},
            "venue": {"type": "string"},
            "event_date": {"type": "string", "format": "date"},
            "doors_open": {"type": ["string", "null"], "pattern": "^\\d{2}:\\d{2}$"},
            "start_time": {"type": ["string", "null"], "pattern": "^\\d{2}:\\d{2}$"},
            "section": {"type": ["string", "null"]},
            "row": {"type": ["string", "null"]},
            "seat": {"type": ["string", "null"]},
            "attendee": {"type": "string", "description": "Name of the ticket holder"},
            "order_number": {"type": "string"},
            "price": {"type": "number"},
            "currency": {"type": "string"},
        },
    }
    expected = {
        "title": "Solstice Strings: A Midsummer Night Concert",
        "venue": "Harborview Amphitheater, 1 Pier Road, Halifax, NS",
        "event_date": "2026-06-20",
        "doors_open": "18:30",
        "start_time": "19:30",
        "section": "Lawn B",
        "row": "14",
        "seat": "22",
        "attendee": "Aiyana Redcloud",
        "order_number": "TKX-99310-A",
        "price": 68.5,
        "currency": "CAD",
    }
    return ".md", text.encode(), schema, expected


def rental_summary() -> Case:
    """A residential lease summary (DOCX): paragraphs 'Label: value', a yes/no, a list."""
    document = new_docx("Lease Summary")
    document.add_heading("Residential Lease Summary", level=1)
    lines = [
        ("Property", "Unit 3C, 77 Juniper Court, Asheville, NC 28801"),
        ("Landlord", "Blue Ridge Residential Partners LLC"),
        ("Tenant(s)", "Mateo Alvarez and Grace Kim"),
        ("Lease Start", "May 1, 2026"),
        ("Lease End", "April 30, 2027"),
        ("Term", "12 months"),
        ("Monthly Rent", "$1,875.00, due on the 1st of each month"),
        ("Security Deposit", "$2,000.00"),
        ("Late Fee", "$75.00 after the 5th"),
        ("Pets Allowed", "No"),
        ("Parking", "One assigned space (#18)"),
    ]
    for label, value in lines:
        p = document.add_paragraph()
        run = p.add_run(f"{label}: ")
        run.bold = True
        p.add_run(value)
    document.add_heading("Utilities Included", level=2)
    for u in ("Water", "Trash collection", "Sewer"):
        document.add_paragraph(u, style="List Bullet")
    document.add_heading("Tenant Pays", level=2)
    for u in ("Electricity", "Internet"):
        document.add_paragraph(u, style="List Bullet")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "propertyAddress": {"type": "string"},
            "landlord": {"type": "string"},
            "tenants": {"type": "string"},
            "startDate": {"type": "string", "format": "date"},
            "endDate": {"type": "string", "format": "date"},
            "termMonths": {"type": "integer"},
            "monthlyRent": {"type": "number"},
            "securityDeposit": {"type": ["number", "null"]},
            "lateFee": {"type": ["number", "null"]},
            "petsAllowed": {"type": "boolean"},
            "utilitiesIncluded": {"type": "array", "items": {"type": "string"}},
        },
    }
    expected = {
        "propertyAddress": "Unit 3C, 77 Juniper Court, Asheville, NC 28801",
        "landlord": "Blue Ridge Residential Partners LLC",
        "tenants": "Mateo Alvarez and Grace Kim",
        "startDate": "2026-05-01",
        "endDate": "2027-04-30",
        "termMonths": 12,
        "monthlyRent": 1875.0,
        "securityDeposit": 2000.0,
        "lateFee": 75.0,
        "petsAllowed": False,
        "utilitiesIncluded": ["Water", "Trash collection", "Sewer"],
    }
    return ".docx", docx_bytes(document), schema, expected


def german_invoice() -> Case:
    """A German invoice (PDF, A4): German labels, dd.mm.yyyy dates, comma decimals."""
    items = [
        ("Wartung Kältetechnik, Pauschale", D("1"), D("420.00")),
        ("Kältemittel R32 (kg)", D("3.5"), D("68.40")),
        ("Arbeitszeit Techniker (Std.)", D("4"), D("79.50")),
    ]
    lines = [(d, q, p, (q * p).quantize(D("0.01"))) for d, q, p in items]
    net = sum((a for *_, a in lines), D(0))
    vat = (net * D("0.19")).quantize(D("0.01"))
    gross = net + vat
    ops: list[Op] = [
        ("t", 50, 60, "Müller Kältetechnik GmbH", "Helvetica-Bold", 16),
        ("t", 50, 76, "Industriestraße 12 · 70565 Stuttgart", "Helvetica", 9),
        ("t", 50, 115, "Bäckerei Hofmann KG", "Helvetica", 10),
        ("t", 50, 128, "Lindenweg 3", "Helvetica", 10),
        ("t", 50, 141, "71032 Böblingen", "Helvetica", 10),
        ("t", 360, 115, "Rechnungsnummer:", "Helvetica", 9),
        ("r", 545, 115, "RE-2026-0418", "Helvetica", 9),
        ("t", 360, 128, "Rechnungsdatum:", "Helvetica", 9),
        ("r", 545, 128, "05.03.2026", "Helvetica", 9),
        ("t", 360, 141, "Kundennummer:", "Helvetica", 9),
        ("r", 545, 141, "K-10377", "Helvetica", 9),
        ("t", 360, 154, "Fällig am:", "Helvetica", 9),
        ("r", 545, 154, "19.03.2026", "Helvetica", 9),
        ("t", 50, 190, "Rechnung", "Helvetica-Bold", 14),
    ]
    rows = [["Pos.", "Bezeichnung", "Menge", "Einzelpreis", "Gesamt"]]
    rows += [
        [str(i + 1), d, eu(q).rstrip("0").rstrip(","), eu(p), eu(a)]
        for i, (d, q, p, a) in enumerate(lines)
    ]
    t, y = table_ops([50, 85, 380, 460, 545], 215, rows, "llrrr")
    ops += t
    ops += [
        ("t", 360, y + 10, "Nettobetrag", "Helvetica", 9),
        ("r", 545, y + 10, f"{eu(net)} €", "Helvetica", 9),
        ("t", 360, y + 24, "zzgl. 19 % MwSt.", "Helvetica", 9),
        ("r", 545, y + 24, f"{eu(vat)} €", "Helvetica", 9),
        ("t", 360, y + 40, "Gesamtbetrag", "Helvetica-Bold", 10),
        ("r", 545, y + 40, f"{eu(gross)} €", "Helvetica-Bold", 10),
        ("t", 50, y + 80, "Zahlbar innerhalb von 14 Tagen ohne Abzug.", "Helvetica", 9),
        (
            "t",
            50,
            y + 94,
            "USt-IdNr.: DE287731904  ·  IBAN: DE44 6005 0101 0004 2211 87",
            "Helvetica",
            8,
        ),
    ]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Invoice",
        "type": "object",
        "properties": {
            "invoice_number": {"type": "string"},
            "invoice_date": {"type": "string", "format": "date"},
            "due_date": {"type": ["string", "null"], "format": "date"},
            "customer_number": {"type": ["string", "null"]},
            "seller": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "vat_id": {"type": ["string", "null"]},
                    "iban": {"type": ["string", "null"]},
                },
            },
            "buyer_name": {"type": "string"},
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "description": {"type": "string"},
                        "quantity": {"type": "number"},
                        "unit_price": {"type": "number"},
                        "amount": {"type": "number"},
                    },
                },
            },
            "net_amount": {"type": "number"},
            "vat_amount": {"type": "number"},
            "total_amount": {"type": "number"},
            "currency": {"type": "string"},
        },
    }
    expected = {
        "invoice_number": "RE-2026-0418",
        "invoice_date": "2026-03-05",
        "due_date": "2026-03-19",
        "customer_number": "K-10377",
        "seller": {
            "name": "Müller Kältetechnik GmbH",
            "vat_id": "DE287731904",
            "iban": "DE44 6005 0101 0004 2211 87",
        },
        "buyer_name": "Bäckerei Hofmann KG",
        "items": [
            {"description": d, "quantity": num(q), "unit_price": num(p), "amount": num(a)}
            for d, q, p, a in lines
        ],
        "net_amount": num(net),
        "vat_amount": num(vat),
        "total_amount": num(gross),
        "currency": "EUR",
    }
    return ".pdf", pdf_bytes([ops], "Rechnung RE-2026-0418", pagesize=A4), schema, expected


def french_invoice_hub() -> Case:
    """A French invoice (HTML) judged with the vlmrun-hub invoice schema."""
    items = [
        ("Conception graphique - identité visuelle", D("1"), D("1800.00")),
        ("Déclinaison cartes de visite", D("2"), D("150.00")),
        ("Impression flyers A5 (lot de 500)", D("3"), D("95.00")),
    ]
    lines = [(d, q, p, q * p) for d, q, p in items]
    ht = sum((a for *_, a in lines), D(0))
    tva = (ht * D("0.20")).quantize(D("0.01"))
    ttc = ht + tva
    rows = "\n".join(
        f"<tr><td>{d}</td><td>{q}</td><td>{eu(p)} €</td><td>{eu(a)} €</td></tr>"
        for d, q, p, a in lines
    )
    html = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Facture</title></head><body>
<h1>Atelier Sorel</h1>
<p>12 rue des Tanneurs, 69001 Lyon, France<br>
contact@atelier-sorel.fr · +33 4 72 10 55 60<br>
N° TVA : FR61 823456789</p>
<h2>Facture</h2>
<p><b>Facture N° :</b> F-2026-112</p>
<p><b>Date de facture :</b> 12/02/2026</p>
<p><b>Date d'échéance :</b> 14/03/2026</p>
<p><b>Client :</b> Librairie Les Mots Passants</p>
<p>8 place Bellecour, 69002 Lyon</p>
<table>
<tr><th>Désignation</th><th>Quantité</th><th>Prix unitaire HT</th><th>Montant HT</th></tr>
{rows}
</table>
<p>Total HT : {eu(ht)} €</p>
<p>TVA 20 % : {eu(tva)} €</p>
<p><b>Montant TTC : {eu(ttc)} €</b></p>
<p>Conditions de paiement : 30 jours fin de mois</p>
<p>IBAN : FR76 3000 4028 3700 0100 4455 921</p>
</body></html>
"""
    schema = hub_schema("document.invoice")
    addr = {"street": None, "city": None, "state": None, "postal_code": None, "country": None}
    expected = {
        "invoice_id": "F-2026-112",
        "invoice_issue_date": "2026-02-12",
        "invoice_due_date": "2026-03-14",
        "period_start": None,
        "period_end": None,
        "order_id": None,
        "customer_id": None,
        "issuer_name": "Atelier Sorel",
        "issuer_address": {
            **addr,
            "street": "12 rue des Tanneurs",
            "city": "Lyon",
            "postal_code": "69001",
            "country": "France",
        },
        "issuer_email": "contact@atelier-sorel.fr",
        "issuer_phone": "+33 4 72 10 55 60",
        "issuer_vat_id": "FR61 823456789",
        "issuer_website": None,
        "customer_name": "Librairie Les Mots Passants",
        "customer_email": None,
        "customer_phone": None,
        "customer_billing_address": {
            **addr,
            "street": "8 place Bellecour",
            "city": "Lyon",
            "postal_code": "69002",
        },
        "customer_shipping_address": None,
        "customer_vat_id": None,
        "items": [
            {
                "description": d,
                "quantity": num(q),
                "unit_price": num(p),
                "total_price": num(a),
                "currency": None,
                "item_tax_details": None,
                "item_adjustment_details": None,
            }
            for d, q, p, a in lines
        ],
        "currency": "EUR",
        "subtotal": num(ht),
        "discount_amount": None,
        "discount_percentage": None,
        "discount_description": None,
        "shipping_cost": None,
        "shipping_description": None,
        "tax_amount": num(tva),
        "tax_percentage": 20,
        "tax_description": None,
        "overall_tax_notes": None,
        "total_amount": num(ttc),
        "amount_paid": None,
        "balance_due": None,
        "payment_terms": "30 jours fin de mois",
        "payment_instructions": None,
        "payment_link": None,
        "bank_details": {
            "bank_name": None,
            "account_holder_name": None,
            "account_number": None,
            "routing_number": None,
            "bsb_number": None,
            "iban": "FR76 3000 4028 3700 0100 4455 921",
            "swift_bic": None,
        },
        "notes": None,
        "terms_and_conditions": None,
        "footer_text": None,
        "page_information": None,
        "logo_url": None,
    }
    return ".html", html.encode(), schema, expected


def resume_hub() -> Case:
    """A resume (DOCX) with unusual headings, judged with the vlmrun-hub resume schema."""
    document = new_docx("Kenji Tanaka - Resume")
    bold_para(document, "Kenji Tanaka", 20)
    document.add_paragraph("kenji.tanaka@fastmail.example · (415) 555-0186 · Oakland, CA")
    document.add_heading("Profile", level=2)
    document.add_paragraph(
        "Backend engineer with eight years of experience building payment and logistics "
        "platforms in Go and Python."
    )
    document.add_heading("Professional History", level=2)
    bold_para(document, "Staff Software Engineer, Tidewater Payments Inc")
    document.add_paragraph("March 2022 – Present")
    for b in (
        "Led the rewrite of the settlement engine in Go, cutting batch time by 70%.",
        "Mentored five engineers and ran the on-call rotation.",
    ):
        document.add_paragraph(b, style="List Bullet")
    bold_para(document, "Software Engineer, Parcelpoint Logistics LLC")
    document.add_paragraph("June 2018 – February 2022")
    for b in (
        "Built the route-pricing service in Python and PostgreSQL.",
        "Introduced contract tests between twelve services.",
    ):
        document.add_paragraph(b, style="List Bullet")
    document.add_heading("Academic Background", level=2)
    bold_para(document, "B.S. Computer Science, University of California, Davis")
    document.add_paragraph("2014 – 2018")
    document.add_heading("Languages", level=2)
    document.add_paragraph("English (native), Japanese (fluent)")
    document.add_heading("Interests", level=2)
    document.add_paragraph("Bouldering, film photography, community gardening")
    schema = hub_schema("document.resume")
    expected = {
        "contact_info": {
            "full_name": "Kenji Tanaka",
            "email": "kenji.tanaka@fastmail.example",
            "phone": "(415) 555-0186",
            "address": "Oakland, CA",
            "linkedin": None,
            "github": None,
            "portfolio": None,
            "google_scholar": None,
        },
        "summary": "Backend engineer with eight years of experience building payment and "
        "logistics platforms in Go and Python.",
        "education": [
            {
                "institution": "University of California, Davis",
                "degree": "B.S.",
                "field_of_study": "Computer Science",
                # month- or year-only dates become the first day of the period (format: date)
                "graduation_date": "2018-01-01",
                "gpa": None,
                "honors": None,
                "relevant_courses": None,
            }
        ],
        "work_experience": [
            {
                "company": "Tidewater Payments Inc",
                "position": "Staff Software Engineer",
                "start_date": "2022-03-01",
                "end_date": None,
                "is_current": True,
                "responsibilities": [
                    "Led the rewrite of the settlement engine in Go, cutting batch time by 70%.",
                    "Mentored five engineers and ran the on-call rotation.",
                ],
                "technologies": None,
            },
            {
                "company": "Parcelpoint Logistics LLC",
                "position": "Software Engineer",
                "start_date": "2018-06-01",
                "end_date": "2022-02-01",
                "is_current": False,
                "responsibilities": [
                    "Built the route-pricing service in Python and PostgreSQL.",
                    "Introduced contract tests between twelve services.",
                ],
                "technologies": None,
            },
        ],
        "technical_skills": {
            "programming_languages": [],
            "frameworks_libraries": [],
            "databases": None,
            "tools": None,
            "cloud_platforms": None,
            "other": None,
        },
        "projects": None,
        "open_source_contributions": None,
        "certifications": None,
        "publications": None,
        "conferences": None,
        "languages": [
            {"name": "English", "level": "native", "years_of_experience": None},
            {"name": "Japanese", "level": "fluent", "years_of_experience": None},
        ],
        "volunteer_work": None,
        "interests": ["Bouldering", "film photography", "community gardening"],
        "references": None,
        "additional_sections": None,
    }
    return ".docx", docx_bytes(document), schema, expected


def resume_markdown() -> Case:
    """A Markdown resume with a camelCase author schema and unusual section names."""
    text = """\
# Adaeze Okonkwo

Product Designer · adaeze.okonkwo@example.org · +44 7700 900412 · Manchester, UK

## Professional History

### Lead Product Designer — Kettle & Co Ltd
Sep 2021 – Present
- Own the design system used by four product squads.
- Ran 40+ usability sessions for the checkout redesign.

### UX Designer — Northern Rail Digital
Jan 2018 – Aug 2021
- Designed the journey planner used by 2M monthly riders.

## Academic Background

### MA Interaction Design — Goldsmiths, University of London
2016 – 2017

### BA Graphic Communication — University of Leeds
2012 – 2015

## Toolkit

Figma, Sketch, Principle, HTML/CSS, User research, Accessibility audits
"""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "fullName": {"type": "string"},
            "headline": {"type": ["string", "null"], "description": "Professional title"},
            "email": {"type": "string"},
            "phone": {"type": ["string", "null"]},
            "location": {"type": ["string", "null"]},
            "workHistory": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "jobTitle": {"type": "string"},
                        "employer": {"type": "string"},
                        "startDate": {"type": "string", "pattern": "^\\d{4}-\\d{2}$"},
                        "endDate": {"type": ["string", "null"], "pattern": "^\\d{4}-\\d{2}$"},
                    },
                },
            },
            "education": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "degree": {"type": "string"},
                        "school": {"type": "string"},
                        "graduationYear": {"type": ["integer", "null"]},
                    },
                },
            },
            "skills": {"type": "array", "items": {"type": "string"}},
        },
    }
    expected = {
        "fullName": "Adaeze Okonkwo",
        "headline": "Product Designer",
        "email": "adaeze.okonkwo@example.org",
        "phone": "+44 7700 900412",
        "location": "Manchester, UK",
        "workHistory": [
            {
                "jobTitle": "Lead Product Designer",
                "employer": "Kettle & Co Ltd",
                "startDate": "2021-09",
                "endDate": None,
            },
            {
                "jobTitle": "UX Designer",
                "employer": "Northern Rail Digital",
                "startDate": "2018-01",
                "endDate": "2021-08",
            },
        ],
        "education": [
            {
                "degree": "MA Interaction Design",
                "school": "Goldsmiths, University of London",
                "graduationYear": 2017,
            },
            {
                "degree": "BA Graphic Communication",
                "school": "University of Leeds",
                "graduationYear": 2015,
            },
        ],
        "skills": [
            "Figma",
            "Sketch",
            "Principle",
            "HTML/CSS",
            "User research",
            "Accessibility audits",
        ],
    }
    return ".md", text.encode(), schema, expected


def receipt_hub() -> Case:
    """A grocery receipt (plain text) with 'name  qty x price  amount' lines, judged with the
    vlmrun-hub receipt schema."""
    items = [
        ("Oat Milk 1L", 2, D("2.49")),
        ("Sourdough Loaf", 1, D("4.75")),
        ("Free-Range Eggs 12pk", 1, D("5.29")),
        ("Bananas", 3, D("0.39")),
        ("Greek Yogurt 500g", 2, D("3.15")),
    ]
    lines = [(n, q, p, q * p) for n, q, p in items]
    subtotal = sum((a for *_, a in lines), D(0))
    tax = D("0.00")
    total = subtotal + tax
    body = "\n".join(f"{n:<24}{q} x {p:>5}{us(a):>9}" for n, q, p, a in lines)
    text = f"""\
          BODEGA VERDE MARKET
       509 Valencia St, San Francisco, CA 94110
            Tel: (415) 555-0172

Receipt: 0417-2231          Register: 04
Date: 03/14/2026 18:22     Cashier: Luis

{body}
----------------------------------------
SUBTOTAL{us(subtotal):>32}
TAX{us(tax):>37}
TOTAL{"$" + us(total):>35}

VISA DEBIT ****8842{us(total):>21}

    Items sold: {sum(q for _, q, _ in items)}
    Thank you - come again!
"""
    schema = hub_schema("document.receipt")
    expected = {
        "receipt_id": "0417-2231",
        "transaction_date": "2026-03-14T18:22:00",
        "merchant_name": "BODEGA VERDE MARKET",
        "merchant_address": {
            "street": "509 Valencia St",
            "city": "San Francisco",
            "state": "CA",
            "postal_code": "94110",
            "country": None,
        },
        "merchant_phone": "(415) 555-0172",
        "cashier_name": "Luis",
        "register_number": "04",
        "customer_name": None,
        "customer_id": None,
        "items": [
            {"description": n, "quantity": q, "unit_price": num(p), "total_price": num(a)}
            for n, q, p, a in lines
        ],
        "subtotal": num(subtotal),
        "tax": 0,
        "total": num(total),
        "currency": "USD",
        "payment_method": {"type": "debit card", "card_last_4": "8842", "card_type": "VISA"},
        "discount_amount": None,
        "discount_description": None,
        "tip_amount": None,
        "return_policy": None,
        "barcode": None,
        "additional_charges": None,
        "notes": None,
        "others": None,
    }
    return ".txt", text.encode(), schema, expected


def invoice_table_labels() -> Case:
    """A consultancy invoice (DOCX): a two-column header table (seller left, invoice facts in a
    label | value table right), labels inside table cells, nested vendor/customer objects."""
    items = [
        ("Data platform assessment", D("24"), D("165.00")),
        ("Migration runbook and workshop", D("16"), D("165.00")),
        ("Travel expenses (at cost)", D("1"), D("412.60")),
    ]
    lines = [(d, q, p, q * p) for d, q, p in items]
    subtotal = sum((a for *_, a in lines), D(0))
    tax = (subtotal * D("0.05")).quantize(D("0.01"))
    total = subtotal + tax
    document = new_docx("Invoice 2026-031")
    outer = document.add_table(rows=1, cols=2)
    left, right = outer.cell(0, 0), outer.cell(0, 1)
    left.text = ""
    run = left.paragraphs[0].add_run("Lakeshore Data Consulting Ltd.")
    run.bold = True
    run.font.size = Pt(15)
    left.add_paragraph("220 King Street West, Suite 900")
    left.add_paragraph("Toronto, ON M5H 1K4")
    left.add_paragraph("GST/HST No. 81234 5678 RT0001")
    right.text = ""
    rp = right.paragraphs[0].add_run("INVOICE")
    rp.bold = True
    rp.font.size = Pt(18)
    facts = right.add_table(rows=4, cols=2)
    for i, (k, v) in enumerate(
        [
            ("Invoice #", "2026-031"),
            ("Issued", "2026-03-31"),
            ("Due", "2026-04-30"),
            ("Status", "Unpaid"),
        ]
    ):
        facts.cell(i, 0).text = k
        facts.cell(i, 1).text = v
    document.add_paragraph("")
    bold_para(document, "Bill To")
    document.add_paragraph("Maplewood Credit Union")
    document.add_paragraph("1 Queen Street, Kingston, ON K7L 1A1")
    docx_table(
        document,
        [["Service", "Hours", "Hourly Rate", "Line Total"]]
        + [[d, f"{q}", us(p), us(a)] for d, q, p, a in lines],
    )
    docx_table(
        document,
        [
            ["Subtotal", f"CAD {us(subtotal)}"],
            ["HST (5%)", f"CAD {us(tax)}"],
            ["Total Due", f"CAD {us(total)}"],
        ],
        header=False,
    )
    document.add_paragraph("Please pay by EFT within 30 days. Thank you for your business.")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "invoiceNo": {"type": "string", "title": "Invoice number"},
            "issueDate": {"type": "string", "format": "date"},
            "dueDate": {"type": ["string", "null"], "format": "date"},
            "status": {"type": "string", "enum": ["paid", "unpaid", "overdue", "void"]},
            "vendor": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "address": {"type": ["string", "null"]},
                    "taxId": {"type": ["string", "null"], "title": "Tax registration number"},
                },
            },
            "customer": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "address": {"type": ["string", "null"]},
                },
            },
            "lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "description": {"type": "string"},
                        "quantity": {"type": "number"},
                        "rate": {"type": "number"},
                        "total": {"type": "number"},
                    },
                },
            },
            "subtotal": {"type": "number"},
            "taxAmount": {"type": "number"},
            "totalDue": {"type": "number"},
            "currency": {"type": "string"},
        },
    }
    expected = {
        "invoiceNo": "2026-031",
        "issueDate": "2026-03-31",
        "dueDate": "2026-04-30",
        "status": "unpaid",
        "vendor": {
            "name": "Lakeshore Data Consulting Ltd.",
            "address": "220 King Street West, Suite 900, Toronto, ON M5H 1K4",
            "taxId": "81234 5678 RT0001",
        },
        "customer": {
            "name": "Maplewood Credit Union",
            "address": "1 Queen Street, Kingston, ON K7L 1A1",
        },
        "lines": [
            {"description": d, "quantity": num(q), "rate": num(p), "total": num(a)}
            for d, q, p, a in lines
        ],
        "subtotal": num(subtotal),
        "taxAmount": num(tax),
        "totalDue": num(total),
        "currency": "CAD",
    }
    return ".docx", docx_bytes(document), schema, expected


def service_memo() -> Case:
    """A field-service report (plain text, no colons): labels and values split by wide gaps,
    a title line, and checkbox-style booleans."""
    text = """\
FIELD SERVICE REPORT

Work Order        WO-55190
Technician        Rafael Ortiz
Visit Date        2026-02-11
Site              Cedar Hills Medical Plaza, 900 SW Cedar Hills Blvd, Beaverton, OR
Equipment         Rooftop HVAC unit RTU-3 (Trane Voyager)
Labor Hours       3.5
Parts Cost        $214.80
Follow-up Needed  Yes
Customer Signed   No

Findings
Condenser fan motor bearings worn; replaced motor and capacitor. Unit cooling normally.
"""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "document_title": {"type": "string"},
            "work_order_number": {"type": "string"},
            "technician": {"type": "string"},
            "visit_date": {"type": "string", "format": "date"},
            "site_address": {"type": "string", "title": "Site"},
            "equipment": {"type": ["string", "null"]},
            "labor_hours": {"type": "number"},
            "parts_cost": {"type": ["number", "null"]},
            "follow_up_required": {"type": "boolean"},
            "customer_signature": {"type": "boolean", "description": "Did the customer sign?"},
            "findings": {"type": ["string", "null"]},
        },
    }
    expected = {
        "document_title": "FIELD SERVICE REPORT",
        "work_order_number": "WO-55190",
        "technician": "Rafael Ortiz",
        "visit_date": "2026-02-11",
        "site_address": "Cedar Hills Medical Plaza, 900 SW Cedar Hills Blvd, Beaverton, OR",
        "equipment": "Rooftop HVAC unit RTU-3 (Trane Voyager)",
        "labor_hours": 3.5,
        "parts_cost": 214.8,
        "follow_up_required": True,
        "customer_signature": False,
        "findings": "Condenser fan motor bearings worn; replaced motor and capacitor. "
        "Unit cooling normally.",
    }
    return ".txt", text.encode(), schema, expected


CASES: dict[str, Callable[[], Case]] = {
    "purchase-order-kestrel": purchase_order,
    "bank-statement-riverside-hub": bank_statement_hub,
    "bank-statement-harbourside": bank_statement_uk,
    "utility-bill-northshore-hub": utility_bill_hub,
    "pay-stub-granite-peak": pay_stub,
    "packing-slip-orca": packing_list,
    "hotel-folio-lindenhof": hotel_folio,
    "lab-report-meridian": lab_report,
    "insurance-card-aster": insurance_card,
    "event-ticket-solstice": event_ticket,
    "lease-summary-juniper": rental_summary,
    "rechnung-mueller": german_invoice,
    "facture-atelier-sorel-hub": french_invoice_hub,
    "resume-kenji-tanaka-hub": resume_hub,
    "resume-adaeze-okonkwo": resume_markdown,
    "receipt-bodega-verde-hub": receipt_hub,
    "invoice-lakeshore-table-labels": invoice_table_labels,
    "field-service-report": service_memo,
}


def main() -> int:
    return write_cases(OUT, CASES, formats=False)


if __name__ == "__main__":
    raise SystemExit(main())
