"""Regenerate the engine's sixth held-out corpus: everyday business documents, written from
knowledge of real-world layouts before the engine code was read.

Run from the repository root (needs reportlab, python-docx and vlmrun-hub):

    python scripts/make_holdout6_documents.py

Writes ``tests/data/holdout6/<case>.<ext>`` with ``<case>.schema.json`` and
``<case>.expected.json``. Four invoices (a telecom bill with an account summary, a consulting
invoice with hours x rate lines, an e-commerce marketplace invoice in HTML, a construction
progress billing with retainage), three receipts (a restaurant bill paid partly by card and
partly in cash, a hardware store receipt with a return, a parking garage receipt), two resumes
(a new graduate's one-pager, a senior engineer with several roles at one company), a quotation,
an insurance claim form with check boxes, a vehicle registration certificate, a rental car
agreement and a hospital discharge summary with a medication list. Four schemas are vlmrun-hub's
as-is; the rest are written the way skill authors write them (snake_case and camelCase, nested
objects, arrays of objects, enums, booleans, integers, dates). The expected JSON states what each
document shows (null where absent). Output is byte-for-byte reproducible.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import LETTER  # noqa: E402

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
    hub_nulls,
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
OUT = ROOT / "tests" / "data" / "holdout6"
D = Decimal
H, HB = "Helvetica", "Helvetica-Bold"
CENT = D("0.01")


# -- invoices -------------------------------------------------------------------------------


def invoice_telecom() -> Case:
    """Mobile/broadband provider bill (PDF, Letter): logo line, account number and bill date
    top right, an "Account Summary" box (previous balance, payment received with a date,
    adjustments, new charges, total amount due), a charges breakdown and a remittance stub;
    vlmrun-hub utility-bill schema."""
    prev, paid, adj = D("142.37"), D("142.37"), D("-10.00")
    charges = [
        ("Wireless plan - Unlimited Plus (3 lines)", D("120.00")),
        ("Home Internet 500 Mbps", D("65.00")),
        ("Device payment - Phone 15 (14 of 24)", D("34.58")),
        ("Taxes, fees & surcharges", D("18.41")),
    ]
    new = sum((a for _, a in charges), D(0)) + adj
    due = prev - paid + new
    ops: list[Op] = [
        ("t", 40, 50, "NorthStar Wireless", HB, 20),
        ("t", 40, 66, "PO Box 660108, Dallas, TX 75266-0108", H, 8),
        ("r", 572, 50, "Account number: 8847 2210 0935", H, 9),
        ("r", 572, 62, "Bill date: Apr 18, 2026", H, 9),
        ("r", 572, 74, "Page 1 of 1", H, 9),
        ("t", 40, 100, "DANIEL OKAFOR", H, 10),
        ("t", 40, 112, "2719 ELM CREEK DR", H, 10),
        ("t", 40, 124, "PLANO TX 75023-4410", H, 10),
        ("t", 330, 100, "Billing period: Mar 19 - Apr 18, 2026", H, 9),
        ("t", 330, 112, "Questions? Call 1-800-555-0144", H, 9),
        ("t", 330, 124, "northstarwireless.com/myaccount", H, 9),
        ("t", 40, 160, "Account Summary", HB, 13),
        ("hr", 40, 166, 572),
    ]
    y = 182
    summary = [
        ("Previous balance", f"${us(prev)}"),
        ("Payment received Apr 02 - thank you", f"-${us(paid)}"),
        ("Adjustments", f"-${us(-adj)}"),
        ("New charges", f"${us(new - adj)}"),
    ]
    for label, value in summary:
        ops += [("t", 40, y, label, H, 10), ("r", 572, y, value, H, 10)]
        y += 15
    ops += [
        ("hr", 40, y - 6, 572),
        ("t", 40, y + 6, "Total amount due by May 10, 2026", HB, 11),
        ("r", 572, y + 6, f"${us(due)}", HB, 11),
    ]
    y += 44
    ops += [("t", 40, y, "Charges this period", HB, 12), ("hr", 40, y + 6, 572)]
    y += 22
    for label, amount in charges:
        ops += [("t", 40, y, label, H, 10), ("r", 572, y, f"${us(amount)}", H, 10)]
        y += 15
    y += 35
    ops += [
        ("hr", 40, y, 572),
        ("t", 40, y + 16, "Please detach and return this portion with your payment.", H, 8),
        ("t", 40, y + 34, "Account number  8847 2210 0935", H, 9),
        ("t", 40, y + 48, "Amount due  " + f"${us(due)}", H, 9),
        ("t", 40, y + 62, "Due date  05/10/2026", H, 9),
        ("t", 330, y + 34, "Make check payable to:", H, 9),
        ("t", 330, y + 48, "NorthStar Wireless", H, 9),
        ("t", 330, y + 60, "PO Box 660108", H, 9),
        ("t", 330, y + 72, "Dallas, TX 75266-0108", H, 9),
    ]
    schema = hub_schema("document.utility-bill")
    expected = hub_nulls(schema)

    def a(street, city, state, zip_code, country=None) -> dict:
        return {
            "street": street,
            "city": city,
            "state": state,
            "zip_code": zip_code,
            "country": country,
        }

    expected.update(
        {
            "provider_name": "NorthStar Wireless",
            "provider_address": a("PO Box 660108", "Dallas", "TX", "75266-0108"),
            "contact_information": {
                "phone_numbers": ["1-800-555-0144"],
                "email_addresses": None,
                "websites": ["northstarwireless.com/myaccount"],
                "customer_service_hours": None,
            },
            "account_number": "8847 2210 0935",
            "statement_date": "2026-04-18",
            "service_for": "DANIEL OKAFOR",
            "billing_address": a("2719 ELM CREEK DR", "PLANO", "TX", "75023-4410"),
            "billing_period_start": "2026-03-19",
            "billing_period_end": "2026-04-18",
            "date_due": "2026-05-10",
            "currency": "USD",
            "amount_due": num(due),
            "previous_balance": num(prev),
            "payment_received": num(paid),
            "adjustments_credits": num(adj),
            "current_charges": num(new - adj),
            "breakdown_of_charges": [
                {
                    "description": d,
                    "amount": num(v),
                    "currency": None,
                    "usage": None,
                    "rate": None,
                    "period_start": None,
                    "period_end": None,
                }
                for d, v in charges
            ],
            "payment_remittance_address": a("PO Box 660108", "Dallas", "TX", "75266-0108"),
            "page_information": "Page 1 of 1",
        }
    )
    return ".pdf", pdf_bytes([ops], "NorthStar Wireless bill", LETTER), schema, expected


def invoice_consulting() -> Case:
    """Independent consultant's invoice (DOCX): letterhead paragraph, "Invoice #" and dates in
    a small two-column table, "Bill To" paragraph block, a Date / Description / Hours / Rate /
    Amount table, totals and bank transfer details; vlmrun-hub invoice schema."""
    lines = [
        ("03/02/2026", "Data pipeline architecture review", D("6.5"), D("175.00")),
        ("03/09/2026", "Workshop: dbt modelling standards", D("4.0"), D("175.00")),
        ("03/16/2026", "Airflow DAG refactoring", D("12.25"), D("175.00")),
        ("03/23/2026", "Executive readout preparation", D("3.0"), D("210.00")),
    ]
    sub = sum((h * r for _, _, h, r in lines), D(0))
    total = sub
    doc = new_docx("Invoice 2026-014")
    bold_para(doc, "Priya Raman Consulting LLC", 16)
    doc.add_paragraph("1420 NW Lovejoy St, Suite 310, Portland, OR 97209")
    doc.add_paragraph("priya@ramanconsulting.io  |  (503) 555-0178  |  EIN 84-3920175")
    bold_para(doc, "INVOICE", 20)
    docx_table(
        doc,
        [
            ["Invoice #", "2026-014"],
            ["Invoice Date", "March 31, 2026"],
            ["Due Date", "April 30, 2026"],
            ["Terms", "Net 30"],
            ["PO Number", "PO-77120"],
        ],
        header=False,
    )
    doc.add_paragraph("")
    bold_para(doc, "Bill To")
    doc.add_paragraph(
        "Cascade Outdoor Gear, Inc.\nAttn: Mark Feldman, VP Engineering\n"
        "600 SE Main St\nPortland, OR 97214\nap@cascadeoutdoor.com"
    )
    rows = [["Date", "Description", "Hours", "Rate", "Amount"]]
    rows += [[d, t, f"{h}", f"${us(r)}", f"${us(h * r)}"] for d, t, h, r in lines]
    docx_table(doc, rows)
    doc.add_paragraph("")
    docx_table(
        doc,
        [
            ["Subtotal", f"${us(sub)}"],
            ["Sales Tax (0%)", "$0.00"],
            ["Total Due (USD)", f"${us(total)}"],
        ],
        header=False,
    )
    doc.add_paragraph("")
    bold_para(doc, "Payment by ACH or wire transfer")
    doc.add_paragraph(
        "Bank: First Columbia Bank\nAccount Name: Priya Raman Consulting LLC\n"
        "Routing Number: 123006800\nAccount Number: 4410 2298 17"
    )
    doc.add_paragraph("Thank you for your business!")
    schema = hub_schema("document.invoice")
    expected = hub_nulls(schema)
    expected.update(
        {
            "invoice_id": "2026-014",
            "invoice_issue_date": "2026-03-31",
            "invoice_due_date": "2026-04-30",
            "order_id": "PO-77120",
            "issuer_name": "Priya Raman Consulting LLC",
            "issuer_address": hub_address(
                "1420 NW Lovejoy St, Suite 310", "Portland", "OR", "97209"
            ),
            "issuer_email": "priya@ramanconsulting.io",
            "issuer_phone": "(503) 555-0178",
            "issuer_vat_id": "84-3920175",
            "customer_name": "Cascade Outdoor Gear, Inc.",
            "customer_email": "ap@cascadeoutdoor.com",
            "customer_billing_address": hub_address("600 SE Main St", "Portland", "OR", "97214"),
            "items": [
                {
                    "description": t,
                    "quantity": num(h),
                    "unit_price": num(r),
                    "total_price": num(h * r),
                    "currency": None,
                    "item_tax_details": None,
                    "item_adjustment_details": None,
                }
                for _, t, h, r in lines
            ],
            "currency": "USD",
            "subtotal": num(sub),
            "tax_amount": 0.0,
            "tax_percentage": 0.0,
            "total_amount": num(total),
            "balance_due": num(total),
            "payment_terms": "Net 30",
            "bank_details": {
                "bank_name": "First Columbia Bank",
                "account_holder_name": "Priya Raman Consulting LLC",
                "account_number": "4410 2298 17",
                "routing_number": "123006800",
                "bsb_number": None,
                "iban": None,
                "swift_bic": None,
            },
        }
    )
    return ".docx", docx_bytes(doc), schema, expected


def invoice_marketplace_html() -> Case:
    """Online marketplace invoice (HTML) issued on behalf of a third-party seller: "Sold by"
    block with VAT number, "Billing address" and "Delivery address" side by side, an item
    table with Qty / Unit price (excl. VAT) / VAT rate / Item subtotal (incl. VAT), shipping
    and totals; camelCase schema with nested objects and an enum."""
    items = [
        ("Anker USB-C Charger 65W, 3-Port", 1, D("37.49"), 20),
        ("Braided USB-C to USB-C Cable 2m (2-pack)", 2, D("9.99"), 20),
        ("The Midnight Library (Paperback)", 1, D("8.99"), 0),
    ]

    def gross(q: int, p: Decimal, r: int) -> Decimal:
        return (q * p * (1 + D(r) / 100)).quantize(CENT)

    net = sum((q * p for _, q, p, _ in items), D(0))
    vat = sum((gross(q, p, r) - q * p for _, q, p, r in items), D(0))
    shipping = D("0.00")
    total = net + vat + shipping
    rows = "\n".join(
        f"""      <tr><td>{d}</td><td align="center">{q}</td><td align="right">£{us(p)}</td>
          <td align="center">{r}%</td><td align="right">£{us(gross(q, p, r))}</td></tr>"""
        for d, q, p, r in items
    )
    html = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Invoice - Order 204-7719384-5521907</title>
</head>
<body style="font-family:Arial,sans-serif;font-size:13px">
<h1>Invoice</h1>
<table width="100%">
  <tr>
    <td valign="top">
      <b>Sold by</b><br>
      VoltHaus Trading Ltd<br>
      Unit 7, Kingsway Business Park<br>
      Manchester M19 1AB<br>
      United Kingdom<br>
      VAT # GB 294 7781 05
    </td>
    <td valign="top" align="right">
      Invoice date / Delivery date: <b>14 April 2026</b><br>
      Invoice #: <b>GB6PQ3XK1AEUI</b><br>
      Total payable: <b>£{us(total)}</b>
    </td>
  </tr>
</table>
<table width="100%" style="margin-top:16px">
  <tr>
    <td valign="top"><b>Billing address</b><br>Eleanor Whitfield<br>42 Clarendon Road<br>
      Leeds LS2 9NZ<br>United Kingdom</td>
    <td valign="top"><b>Delivery address</b><br>Eleanor Whitfield<br>Floor 3, Wellington Place
      <br>Leeds LS1 4AP<br>United Kingdom</td>
    <td valign="top"><b>Order information</b><br>Order date: 12 April 2026<br>
      Order #: 204-7719384-5521907<br>Payment: Visa ending in 4417</td>
  </tr>
</table>
<h3>Invoice details</h3>
<table width="100%" border="1" cellspacing="0" cellpadding="4">
  <thead><tr><th>Description</th><th>Qty</th><th>Unit price<br>(excl. VAT)</th>
    <th>VAT rate</th><th>Item subtotal<br>(incl. VAT)</th></tr></thead>
  <tbody>
{rows}
  </tbody>
</table>
<table align="right" style="margin-top:8px">
  <tr><td>Shipping charges</td><td align="right">£{us(shipping)}</td></tr>
  <tr><td>Total excl. VAT</td><td align="right">£{us(net)}</td></tr>
  <tr><td>VAT</td><td align="right">£{us(vat)}</td></tr>
  <tr><td><b>Invoice total</b></td><td align="right"><b>£{us(total)}</b></td></tr>
</table>
<p style="clear:both;color:#555;font-size:11px">This invoice was issued by the marketplace
on behalf of the seller. Returns are accepted within 30 days of delivery.</p>
</body></html>
"""
    postal = obj(
        {
            "name": nul("string"),
            "line1": nul("string"),
            "line2": nul("string"),
            "city": nul("string"),
            "postcode": nul("string"),
            "country": nul("string"),
        }
    )
    schema = obj(
        {
            "invoiceNumber": s(),
            "invoiceDate": date(),
            "orderNumber": nul("string"),
            "orderDate": ndate(),
            "seller": obj({"name": s(), "vatNumber": nul("string")}),
            "billingAddress": postal,
            "shippingAddress": postal,
            "lineItems": arr(
                obj(
                    {
                        "description": s(),
                        "quantity": integer(),
                        "unitPriceExclVat": n(),
                        "vatRatePercent": n(),
                        "lineTotalInclVat": n(),
                    },
                    required=["description", "quantity"],
                )
            ),
            "shipping": nul("number"),
            "totalExclVat": n(),
            "vatTotal": n(),
            "grandTotal": n(),
            "currency": s(enum=["GBP", "EUR", "USD"]),
            "cardLast4": nul("string"),
        },
        required=["invoiceNumber", "invoiceDate", "lineItems", "grandTotal"],
    )
    expected = {
        "invoiceNumber": "GB6PQ3XK1AEUI",
        "invoiceDate": "2026-04-14",
        "orderNumber": "204-7719384-5521907",
        "orderDate": "2026-04-12",
        "seller": {"name": "VoltHaus Trading Ltd", "vatNumber": "GB 294 7781 05"},
        "billingAddress": {
            "name": "Eleanor Whitfield",
            "line1": "42 Clarendon Road",
            "line2": None,
            "city": "Leeds",
            "postcode": "LS2 9NZ",
            "country": "United Kingdom",
        },
        "shippingAddress": {
            "name": "Eleanor Whitfield",
            "line1": "Floor 3, Wellington Place",
            "line2": None,
            "city": "Leeds",
            "postcode": "LS1 4AP",
            "country": "United Kingdom",
        },
        "lineItems": [
            {
                "description": d,
                "quantity": q,
                "unitPriceExclVat": num(p),
                "vatRatePercent": float(r),
                "lineTotalInclVat": num(gross(q, p, r)),
            }
            for d, q, p, r in items
        ],
        "shipping": 0.0,
        "totalExclVat": num(net),
        "vatTotal": num(vat),
        "grandTotal": num(total),
        "currency": "GBP",
        "cardLast4": "4417",
    }
    return ".html", html.encode("utf-8"), schema, expected


def invoice_construction_progress() -> Case:
    """Subcontractor's progress billing (PDF, Letter), AIA G702/G703 style: application number
    and period, contract summary lines (original sum, change orders, completed to date,
    retainage 10%, previous certificates, current payment due) and a continuation sheet with
    scheduled value / previous / this period / % complete; snake_case schema."""
    lines = [
        ("1", "Mobilization", D("12000.00"), D("12000.00"), D("0.00")),
        ("2", "Rough-in electrical", D("86500.00"), D("51900.00"), D("21625.00")),
        ("3", "Switchgear and panels", D("64000.00"), D("0.00"), D("32000.00")),
        ("4", "Lighting fixtures", D("41200.00"), D("0.00"), D("0.00")),
        ("5", "Change Order 01 - EV chargers", D("18300.00"), D("0.00"), D("9150.00")),
    ]
    original = sum((v for _, _, v, _, _ in lines[:4]), D(0))
    co = lines[4][2]
    contract = original + co
    done = sum((p + t for *_, p, t in lines), D(0))
    ret = (done * D("0.10")).quantize(CENT)
    earned = done - ret
    prev_cert = (sum((p for *_, p, _ in lines), D(0)) * D("0.90")).quantize(CENT)
    due = earned - prev_cert
    ops: list[Op] = [
        ("t", 40, 48, "APPLICATION AND CERTIFICATE FOR PAYMENT", HB, 14),
        ("t", 40, 70, "TO OWNER:", HB, 8),
        ("t", 110, 70, "Brightwater Medical Partners LLC", H, 9),
        ("t", 110, 81, "3300 Riverside Pkwy, Tulsa, OK 74105", H, 9),
        ("t", 40, 100, "FROM CONTRACTOR:", HB, 8),
        ("t", 130, 100, "Redline Electric Co.", H, 9),
        ("t", 130, 111, "915 Industrial Blvd, Broken Arrow, OK 74012", H, 9),
        ("t", 40, 130, "PROJECT:", HB, 8),
        ("t", 110, 130, "Brightwater Outpatient Clinic - Phase 2", H, 9),
        ("t", 360, 70, "APPLICATION NO:", HB, 8),
        ("t", 470, 70, "4", H, 9),
        ("t", 360, 84, "PERIOD TO:", HB, 8),
        ("t", 470, 84, "04/30/2026", H, 9),
        ("t", 360, 98, "CONTRACT DATE:", HB, 8),
        ("t", 470, 98, "11/03/2025", H, 9),
        ("t", 360, 112, "PROJECT NO:", HB, 8),
        ("t", 470, 112, "BMP-2291", H, 9),
        ("hr", 40, 146, 572),
        ("t", 40, 162, "CONTRACTOR'S APPLICATION FOR PAYMENT", HB, 10),
    ]
    y = 180
    summary = [
        ("1. ORIGINAL CONTRACT SUM", original),
        ("2. Net change by Change Orders", co),
        ("3. CONTRACT SUM TO DATE (Line 1 + 2)", contract),
        ("4. TOTAL COMPLETED & STORED TO DATE", done),
        ("5. RETAINAGE: 10% of Completed Work", ret),
        ("6. TOTAL EARNED LESS RETAINAGE", earned),
        ("7. LESS PREVIOUS CERTIFICATES FOR PAYMENT", prev_cert),
        ("8. CURRENT PAYMENT DUE", due),
    ]
    for label, value in summary:
        font = HB if label.startswith("8.") else H
        ops += [("t", 40, y, label, font, 9), ("r", 330, y, f"${us(value)}", font, 9)]
        y += 14
    y += 20
    ops += [("t", 40, y, "CONTINUATION SHEET", HB, 10)]
    rows = [
        ["Item", "Description of Work", "Scheduled Value", "Previous", "This Period", "% Complete"]
    ]
    for no, desc, val, prev, this in lines:
        pct = ((prev + this) / val * 100).quantize(D("1")) if val else D(0)
        rows.append([no, desc, us(val), us(prev), us(this), f"{pct}%"])
    t, y = table_ops([40, 70, 330, 405, 485, 560], y + 18, rows, "llrrrr", size=8.5, step=15)
    ops += t
    ops += [
        ("hr", 40, y - 8, 572),
        ("t", 70, y + 2, "GRAND TOTAL", HB, 8.5),
        ("r", 330, y + 2, us(contract), HB, 8.5),
        ("t", 40, y + 40, "Payment terms: Net 15 from architect's certification.", H, 8),
    ]
    schema = obj(
        {
            "application_number": integer(),
            "period_to": date(),
            "contract_date": ndate(),
            "project_name": s(),
            "project_number": nul("string"),
            "owner_name": s(),
            "contractor_name": s(),
            "original_contract_sum": n(),
            "net_change_orders": n(),
            "contract_sum_to_date": n(),
            "total_completed_to_date": n(),
            "retainage_percent": n(),
            "retainage_amount": n(),
            "total_earned_less_retainage": n(),
            "previous_certificates": n(),
            "current_payment_due": n(),
            "schedule_of_values": arr(
                obj(
                    {
                        "item_no": s(),
                        "description": s(),
                        "scheduled_value": n(),
                        "previous_applications": n(),
                        "this_period": n(),
                        "percent_complete": n(),
                    }
                )
            ),
        },
        required=["application_number", "current_payment_due"],
    )
    expected = {
        "application_number": 4,
        "period_to": "2026-04-30",
        "contract_date": "2025-11-03",
        "project_name": "Brightwater Outpatient Clinic - Phase 2",
        "project_number": "BMP-2291",
        "owner_name": "Brightwater Medical Partners LLC",
        "contractor_name": "Redline Electric Co.",
        "original_contract_sum": num(original),
        "net_change_orders": num(co),
        "contract_sum_to_date": num(contract),
        "total_completed_to_date": num(done),
        "retainage_percent": 10.0,
        "retainage_amount": num(ret),
        "total_earned_less_retainage": num(earned),
        "previous_certificates": num(prev_cert),
        "current_payment_due": num(due),
        "schedule_of_values": [
            {
                "item_no": no,
                "description": desc,
                "scheduled_value": num(val),
                "previous_applications": num(prev),
                "this_period": num(this),
                "percent_complete": float(((prev + this) / val * 100).quantize(D("1"))),
            }
            for no, desc, val, prev, this in lines
        ],
    }
    return ".pdf", pdf_bytes([ops], "Pay Application 4", LETTER), schema, expected


# -- receipts -------------------------------------------------------------------------------


def receipt_restaurant_split() -> Case:
    """Restaurant check (PDF, narrow till roll): centred header, server / table / guests line,
    items with quantity prefix, subtotal, tax, suggested tips, then two payments (a card and
    cash) with change; snake_case schema with an array of payments."""
    items = [
        (2, "Margherita Pizza", D("16.00")),
        (1, "Caesar Salad", D("11.50")),
        (3, "Peroni Draft", D("7.00")),
        (1, "Tiramisu", D("9.00")),
    ]
    sub = sum((q * p for q, _, p in items), D(0))
    tax = (sub * D("0.08875")).quantize(CENT)
    tip = D("15.00")
    total = sub + tax + tip
    card = D("50.00")
    cash = D("60.00")
    change = card + cash - total
    w = 226
    ops: list[Op] = [
        ("c", w / 2, 30, "TRATTORIA LUNA", HB, 12),
        ("c", w / 2, 44, "218 Mulberry Street", H, 8),
        ("c", w / 2, 54, "New York, NY 10012", H, 8),
        ("c", w / 2, 64, "Tel (212) 555-0186", H, 8),
        ("t", 12, 84, "Server: Gianna", H, 8),
        ("r", w - 12, 84, "Table 14", H, 8),
        ("t", 12, 95, "Guests: 4", H, 8),
        ("r", w - 12, 95, "Check #3381", H, 8),
        ("t", 12, 106, "05/02/2026  8:47 PM", H, 8),
        ("hr", 12, 114, w - 12),
    ]
    y = 126
    for q, d, p in items:
        ops += [("t", 12, y, f"{q}  {d}", H, 8), ("r", w - 12, y, us(q * p), H, 8)]
        y += 11
    y += 6
    for label, value in [("Subtotal", sub), ("Tax", tax), ("Tip", tip)]:
        ops += [("t", 60, y, label, H, 8), ("r", w - 12, y, us(value), H, 8)]
        y += 11
    ops += [("t", 60, y, "TOTAL", HB, 9), ("r", w - 12, y, us(total), HB, 9)]
    y += 18
    ops += [
        ("t", 12, y, "PAYMENTS", HB, 8),
        ("t", 12, y + 11, "MASTERCARD ****6203", H, 8),
        ("r", w - 12, y + 11, us(card), H, 8),
        ("t", 12, y + 22, "CASH", H, 8),
        ("r", w - 12, y + 22, us(cash), H, 8),
        ("t", 12, y + 33, "CHANGE", H, 8),
        ("r", w - 12, y + 33, us(change), H, 8),
        ("c", w / 2, y + 56, "Grazie! Buona serata", H, 8),
    ]
    schema = obj(
        {
            "restaurant_name": s(),
            "restaurant_phone": nul("string"),
            "check_number": nul("string"),
            "server_name": nul("string"),
            "table_number": nul("string"),
            "guest_count": nul("integer"),
            "date": date(),
            "time": nul("string", description="Time of the check, HH:MM 24-hour"),
            "items": arr(
                obj(
                    {"quantity": integer(), "name": s(), "amount": n()},
                    required=["name", "amount"],
                )
            ),
            "subtotal": n(),
            "tax": n(),
            "tip": nul("number"),
            "total": n(),
            "payments": arr(
                obj(
                    {
                        "method": s(enum=["cash", "credit_card", "debit_card", "gift_card"]),
                        "card_brand": nul("string"),
                        "last_four": nul("string"),
                        "amount": n(),
                    }
                )
            ),
            "change_due": nul("number"),
        },
        required=["restaurant_name", "date", "total"],
    )
    expected = {
        "restaurant_name": "TRATTORIA LUNA",
        "restaurant_phone": "(212) 555-0186",
        "check_number": "3381",
        "server_name": "Gianna",
        "table_number": "14",
        "guest_count": 4,
        "date": "2026-05-02",
        "time": "20:47",
        "items": [{"quantity": q, "name": d, "amount": num(q * p)} for q, d, p in items],
        "subtotal": num(sub),
        "tax": num(tax),
        "tip": num(tip),
        "total": num(total),
        "payments": [
            {
                "method": "credit_card",
                "card_brand": "MASTERCARD",
                "last_four": "6203",
                "amount": num(card),
            },
            {"method": "cash", "card_brand": None, "last_four": None, "amount": num(cash)},
        ],
        "change_due": num(change),
    }
    return ".pdf", pdf_bytes([ops], "Check 3381", (w, 420)), schema, expected


def receipt_hardware_returns() -> Case:
    """Home-improvement store receipt (plain text from a POS e-receipt): store number, SKU
    lines with "2 @ 5.98", a returned item with a negative amount, a coupon, tax, total, debit
    card and return policy; vlmrun-hub receipt schema."""
    text = """\
             HARBOR HOME & HARDWARE
          Store #0412  Ph: 619-555-0133
            3150 Sports Arena Blvd
             San Diego, CA 92110

SALE       0412 00007 77881   04/25/26 11:32 AM
CASHIER: DENISE

039185246213  ROMEX 12/2 25FT              41.97
   3 @ 13.99
051141372819  WIRE NUT ASST 100PK          11.96
   2 @ 5.98
088381615290  LED BR30 BULB 6PK            24.98
RETURN
039185244318  ROMEX 14/2 25FT             -29.97
   3 @ 9.99

                       SUBTOTAL            48.94
                 SALES TAX 7.75%            3.79
                          TOTAL            52.73

DEBIT CARD                                 52.73
XXXXXXXXXXXX8856
AUTH CODE 204517

Returns accepted within 90 days with receipt.
      THANK YOU FOR SHOPPING HARBOR HOME
"""
    schema = hub_schema("document.receipt")
    expected = hub_nulls(schema)
    expected.update(
        {
            "receipt_id": "0412 00007 77881",
            "transaction_date": "2026-04-25T11:32:00",
            "merchant_name": "HARBOR HOME & HARDWARE",
            "merchant_address": hub_address("3150 Sports Arena Blvd", "San Diego", "CA", "92110"),
            "merchant_phone": "619-555-0133",
            "cashier_name": "DENISE",
            "items": [
                {
                    "description": "ROMEX 12/2 25FT",
                    "quantity": 3.0,
                    "unit_price": 13.99,
                    "total_price": 41.97,
                },
                {
                    "description": "WIRE NUT ASST 100PK",
                    "quantity": 2.0,
                    "unit_price": 5.98,
                    "total_price": 11.96,
                },
                {
                    "description": "LED BR30 BULB 6PK",
                    "quantity": 1.0,
                    "unit_price": 24.98,
                    "total_price": 24.98,
                },
                {
                    "description": "ROMEX 14/2 25FT",
                    "quantity": -3.0,
                    "unit_price": 9.99,
                    "total_price": -29.97,
                },
            ],
            "subtotal": 48.94,
            "tax": 3.79,
            "total": 52.73,
            "currency": "USD",
            "payment_method": {"type": "DEBIT CARD", "card_last_4": "8856", "card_type": None},
            "return_policy": "Returns accepted within 90 days with receipt.",
        }
    )
    return ".txt", text.encode("utf-8"), schema, expected


def receipt_parking() -> Case:
    """Parking garage receipt e-mailed as Markdown: facility, entry/exit times, duration,
    licence plate, rate table, validation discount, amount paid; camelCase schema."""
    text = """\
# CityPark — Receipt

**Facility:** Pioneer Square Garage (Lot 218)
**Address:** 700 1st Ave, Seattle, WA 98104

| | |
|---|---|
| Receipt No. | CP-218-0091734 |
| License Plate | WA BXK4417 |
| Entry | 05/06/2026 07:52 |
| Exit | 05/06/2026 17:31 |
| Duration | 9 h 39 min |
| Rate | Daily Max |

## Charges

| Description | Amount |
|---|---|
| Daily maximum | $28.00 |
| Merchant validation | -$5.00 |
| Sales & parking tax (15.5%) | $3.57 |
| **Total paid** | **$26.57** |

Paid with Visa •••• 2290 on 05/06/2026 at 17:30.

Questions? support@citypark.example · (206) 555-0150
"""
    schema = obj(
        {
            "operator": s(),
            "facilityName": s(),
            "facilityAddress": nul("string"),
            "receiptNumber": s(),
            "licensePlate": nul("string"),
            "entryTime": nul("string", format="date-time"),
            "exitTime": nul("string", format="date-time"),
            "durationMinutes": nul("integer"),
            "charges": arr(obj({"description": s(), "amount": n()})),
            "totalPaid": n(),
            "paymentCard": obj({"brand": nul("string"), "last4": nul("string")}),
            "supportEmail": nul("string", format="email"),
        },
        required=["operator", "receiptNumber", "totalPaid"],
    )
    expected = {
        "operator": "CityPark",
        "facilityName": "Pioneer Square Garage (Lot 218)",
        "facilityAddress": "700 1st Ave, Seattle, WA 98104",
        "receiptNumber": "CP-218-0091734",
        "licensePlate": "WA BXK4417",
        "entryTime": "2026-05-06T07:52:00",
        "exitTime": "2026-05-06T17:31:00",
        "durationMinutes": 579,
        "charges": [
            {"description": "Daily maximum", "amount": 28.0},
            {"description": "Merchant validation", "amount": -5.0},
            {"description": "Sales & parking tax (15.5%)", "amount": 3.57},
        ],
        "totalPaid": 26.57,
        "paymentCard": {"brand": "Visa", "last4": "2290"},
        "supportEmail": "support@citypark.example",
    }
    return ".md", text.encode("utf-8"), schema, expected


# -- resumes --------------------------------------------------------------------------------


def resume_new_grad_hub() -> Case:
    """New graduate's one-page resume (DOCX): centred name, contact line with " | ", Education
    first with GPA and relevant coursework, Projects, Experience (internship, campus job),
    Skills as "Label: a, b" lines; vlmrun-hub resume schema."""
    doc = new_docx("Resume - Marcus Chen")
    bold_para(doc, "MARCUS CHEN", 18)
    doc.add_paragraph(
        "Austin, TX  |  (512) 555-0164  |  marcus.chen@utexas.edu  |  "
        "linkedin.com/in/marcuschen-ut  |  github.com/mchen-dev"
    )
    bold_para(doc, "EDUCATION", 12)
    doc.add_paragraph("The University of Texas at Austin — Austin, TX")
    doc.add_paragraph("Bachelor of Science in Computer Science, May 2026")
    doc.add_paragraph("GPA: 3.72/4.00  |  Dean's List (2023, 2024, 2025)")
    doc.add_paragraph(
        "Relevant Coursework: Data Structures, Operating Systems, Computer Networks, "
        "Machine Learning"
    )
    bold_para(doc, "EXPERIENCE", 12)
    doc.add_paragraph("Software Engineering Intern — Dell Technologies, Round Rock, TX")
    doc.add_paragraph("May 2025 – Aug 2025")
    doc.add_paragraph(
        "Built a Go service that cut firmware build queue time by 35%", style="List Bullet"
    )
    doc.add_paragraph(
        "Added Prometheus metrics and Grafana dashboards for 12 build agents", style="List Bullet"
    )
    doc.add_paragraph("Undergraduate Teaching Assistant — UT Austin Department of Computer Science")
    doc.add_paragraph("Aug 2024 – Present")
    doc.add_paragraph("Lead weekly lab sessions for 40 students in CS 429", style="List Bullet")
    bold_para(doc, "PROJECTS", 12)
    doc.add_paragraph("CampusEats — React Native, Firebase")
    doc.add_paragraph(
        "Food-pantry inventory app used by 3 student organisations", style="List Bullet"
    )
    bold_para(doc, "SKILLS", 12)
    doc.add_paragraph("Languages: Python, Java, Go, C, TypeScript")
    doc.add_paragraph("Frameworks: React, Flask, PyTorch")
    doc.add_paragraph("Tools: Git, Docker, Linux, Grafana")
    doc.add_paragraph("Databases: PostgreSQL, Firebase")
    schema = hub_schema("document.resume")
    expected = hub_nulls(schema)
    expected.update(
        {
            "contact_info": {
                "full_name": "MARCUS CHEN",
                "email": "marcus.chen@utexas.edu",
                "phone": "(512) 555-0164",
                "address": "Austin, TX",
                "linkedin": "linkedin.com/in/marcuschen-ut",
                "github": "github.com/mchen-dev",
                "portfolio": None,
                "google_scholar": None,
            },
            "education": [
                {
                    "institution": "The University of Texas at Austin",
                    "degree": "Bachelor of Science",
                    "field_of_study": "Computer Science",
                    "graduation_date": "2026-05-01",
                    "gpa": 3.72,
                    "honors": ["Dean's List (2023, 2024, 2025)"],
                    "relevant_courses": [
                        "Data Structures",
                        "Operating Systems",
                        "Computer Networks",
                        "Machine Learning",
                    ],
                }
            ],
            "work_experience": [
                {
                    "company": "Dell Technologies",
                    "position": "Software Engineering Intern",
                    "start_date": "2025-05-01",
                    "end_date": "2025-08-01",
                    "is_current": False,
                    "responsibilities": [
                        "Built a Go service that cut firmware build queue time by 35%",
                        "Added Prometheus metrics and Grafana dashboards for 12 build agents",
                    ],
                    "technologies": None,
                },
                {
                    "company": "UT Austin Department of Computer Science",
                    "position": "Undergraduate Teaching Assistant",
                    "start_date": "2024-08-01",
                    "end_date": None,
                    "is_current": True,
                    "responsibilities": ["Lead weekly lab sessions for 40 students in CS 429"],
                    "technologies": None,
                },
            ],
            "technical_skills": {
                "programming_languages": hub_skills("Python", "Java", "Go", "C", "TypeScript"),
                "frameworks_libraries": hub_skills("React", "Flask", "PyTorch"),
                "databases": hub_skills("PostgreSQL", "Firebase"),
                "tools": hub_skills("Git", "Docker", "Linux", "Grafana"),
                "cloud_platforms": None,
                "other": None,
            },
            "projects": [
                {
                    "name": "CampusEats",
                    "description": "Food-pantry inventory app used by 3 student organisations",
                    "technologies": ["React Native", "Firebase"],
                    "url": None,
                    "github_url": None,
                    "start_date": None,
                    "end_date": None,
                    "role": None,
                    "key_achievements": None,
                }
            ],
        }
    )
    return ".docx", docx_bytes(doc), schema, expected


def resume_senior_engineer() -> Case:
    """Senior engineer's two-column-header resume (PDF, Letter): name and title left, contact
    right, Summary, Experience where one company holds three successive roles (company line,
    then role lines with date ranges and bullets), an earlier employer, Education, Skills;
    camelCase schema with a roles array per employer."""
    ops: list[Op] = [
        ("t", 50, 56, "Alejandra Ruiz", HB, 20),
        ("t", 50, 72, "Principal Software Engineer", H, 11),
        ("r", 562, 50, "alejandra.ruiz@fastmail.com", H, 9),
        ("r", 562, 62, "+1 (415) 555-0127", H, 9),
        ("r", 562, 74, "San Francisco, CA", H, 9),
        ("hr", 50, 86, 562),
        ("t", 50, 104, "SUMMARY", HB, 10),
        (
            "t",
            50,
            118,
            "Distributed-systems engineer with 14 years building payment and "
            "ledger infrastructure at scale.",
            H,
            9,
        ),
        ("t", 50, 146, "EXPERIENCE", HB, 10),
        ("t", 50, 162, "Ledgerly, Inc. — San Francisco, CA", HB, 10),
        ("t", 50, 177, "Principal Engineer, Core Ledger", HB, 9),
        ("r", 562, 177, "Mar 2022 – Present", H, 9),
        ("t", 62, 190, "• Own the architecture of the double-entry ledger (4B entries/day)", H, 9),
        ("t", 62, 202, "• Lead a 9-person technical steering group", H, 9),
        ("t", 50, 218, "Staff Engineer, Payments Platform", HB, 9),
        ("r", 562, 218, "Jan 2019 – Feb 2022", H, 9),
        (
            "t",
            62,
            231,
            "• Designed idempotent payout pipeline; cut reconciliation breaks by 80%",
            H,
            9,
        ),
        ("t", 50, 247, "Senior Software Engineer", HB, 9),
        ("r", 562, 247, "Jun 2016 – Dec 2018", H, 9),
        ("t", 62, 260, "• Migrated card authorisation service from Ruby to Go", H, 9),
        ("t", 50, 282, "Vantage Bank — Charlotte, NC", HB, 10),
        ("t", 50, 297, "Software Engineer", HB, 9),
        ("r", 562, 297, "Jul 2012 – May 2016", H, 9),
        ("t", 62, 310, "• Built batch ACH processing in Java on IBM MQ", H, 9),
        ("t", 50, 334, "EDUCATION", HB, 10),
        ("t", 50, 349, "M.S. Computer Science, Georgia Institute of Technology", H, 9),
        ("r", 562, 349, "2012", H, 9),
        ("t", 50, 362, "B.S. Computer Engineering, University of Florida", H, 9),
        ("r", 562, 362, "2010", H, 9),
        ("t", 50, 386, "SKILLS", HB, 10),
        ("t", 50, 401, "Go, Java, Kotlin, PostgreSQL, Kafka, Kubernetes, AWS, Terraform", H, 9),
    ]
    role = obj(
        {
            "title": s(),
            "startDate": s(description="YYYY-MM"),
            "endDate": nul("string", description="YYYY-MM, null if current"),
        }
    )
    schema = obj(
        {
            "fullName": s(),
            "headline": nul("string"),
            "email": nul("string", format="email"),
            "phone": nul("string"),
            "location": nul("string"),
            "summary": nul("string"),
            "employers": arr(
                obj(
                    {"company": s(), "location": nul("string"), "roles": arr(role)},
                    required=["company", "roles"],
                )
            ),
            "education": arr(
                obj(
                    {
                        "degree": s(),
                        "fieldOfStudy": nul("string"),
                        "school": s(),
                        "year": nul("integer"),
                    }
                )
            ),
            "skills": arr(s()),
        },
        required=["fullName", "employers"],
    )
    expected = {
        "fullName": "Alejandra Ruiz",
        "headline": "Principal Software Engineer",
        "email": "alejandra.ruiz@fastmail.com",
        "phone": "+1 (415) 555-0127",
        "location": "San Francisco, CA",
        "summary": "Distributed-systems engineer with 14 years building payment and ledger "
        "infrastructure at scale.",
        "employers": [
            {
                "company": "Ledgerly, Inc.",
                "location": "San Francisco, CA",
                "roles": [
                    {
                        "title": "Principal Engineer, Core Ledger",
                        "startDate": "2022-03",
                        "endDate": None,
                    },
                    {
                        "title": "Staff Engineer, Payments Platform",
                        "startDate": "2019-01",
                        "endDate": "2022-02",
                    },
                    {
                        "title": "Senior Software Engineer",
                        "startDate": "2016-06",
                        "endDate": "2018-12",
                    },
                ],
            },
            {
                "company": "Vantage Bank",
                "location": "Charlotte, NC",
                "roles": [
                    {"title": "Software Engineer", "startDate": "2012-07", "endDate": "2016-05"}
                ],
            },
        ],
        "education": [
            {
                "degree": "M.S.",
                "fieldOfStudy": "Computer Science",
                "school": "Georgia Institute of Technology",
                "year": 2012,
            },
            {
                "degree": "B.S.",
                "fieldOfStudy": "Computer Engineering",
                "school": "University of Florida",
                "year": 2010,
            },
        ],
        "skills": ["Go", "Java", "Kotlin", "PostgreSQL", "Kafka", "Kubernetes", "AWS", "Terraform"],
    }
    return ".pdf", pdf_bytes([ops], "Alejandra Ruiz - Resume", LETTER), schema, expected


# -- other documents ------------------------------------------------------------------------


def quotation_docx() -> Case:
    """Landscaping company's quotation (DOCX): letterhead, "QUOTATION" with Quote No / Date /
    Valid Until, "Prepared for" block, an Item / Description / Qty / Unit / Unit Price / Line
    Total table, totals with GST, deposit terms and an acceptance line; snake_case schema."""
    lines = [
        ("Site preparation and removal of existing turf", D("85"), "m2", D("12.00")),
        ("Supply and lay instant buffalo turf", D("85"), "m2", D("24.50")),
        ("Hardwood sleeper retaining wall, 600 mm high", D("14"), "lm", D("165.00")),
        ("Drip irrigation system with controller", D("1"), "ea", D("1380.00")),
    ]
    sub = sum((q * p for _, q, _, p in lines), D(0))
    gst = (sub * D("0.10")).quantize(CENT)
    total = sub + gst
    deposit = (total * D("0.30")).quantize(CENT)
    doc = new_docx("Quotation Q-1093")
    bold_para(doc, "Greenline Landscapes Pty Ltd", 16)
    doc.add_paragraph("ABN 61 155 402 998  ·  27 Curtis Road, Mona Vale NSW 2103  ·  0412 555 730")
    bold_para(doc, "QUOTATION", 18)
    docx_table(
        doc,
        [["Quote No.", "Q-1093"], ["Date", "7 May 2026"], ["Valid Until", "6 June 2026"]],
        header=False,
    )
    doc.add_paragraph("")
    bold_para(doc, "Prepared for")
    doc.add_paragraph("Tom & Rachel Whitaker\n9 Bungan Street\nMona Vale NSW 2103")
    rows = [["Item", "Description", "Qty", "Unit", "Unit Price", "Line Total"]]
    rows += [
        [str(i), d, f"{q}", u, f"${us(p)}", f"${us(q * p)}"]
        for i, (d, q, u, p) in enumerate(lines, 1)
    ]
    docx_table(doc, rows)
    doc.add_paragraph("")
    docx_table(
        doc,
        [
            ["Subtotal (ex GST)", f"${us(sub)}"],
            ["GST 10%", f"${us(gst)}"],
            ["Total (inc GST)", f"${us(total)}"],
        ],
        header=False,
    )
    doc.add_paragraph(
        f"A 30% deposit (${us(deposit)}) is required to confirm your booking. Prices include "
        "all materials and labour. Estimated duration: 5 working days."
    )
    doc.add_paragraph("Accepted by: ______________________   Date: __________")
    schema = obj(
        {
            "quote_number": s(),
            "quote_date": date(),
            "valid_until": ndate(),
            "supplier": obj({"name": s(), "abn": nul("string"), "phone": nul("string")}),
            "customer": obj({"name": s(), "address": nul("string")}),
            "line_items": arr(
                obj(
                    {
                        "line_no": integer(),
                        "description": s(),
                        "quantity": n(),
                        "unit": nul("string", enum=["m2", "lm", "ea", "hr", None]),
                        "unit_price": n(),
                        "line_total": n(),
                    }
                )
            ),
            "subtotal": n(),
            "gst": n(),
            "total": n(),
            "prices_include_gst": boolean(description="Whether the total includes GST"),
            "deposit_percent": nul("number"),
            "deposit_amount": nul("number"),
            "accepted": boolean(description="True if the customer has signed the acceptance"),
        },
        required=["quote_number", "line_items", "total"],
    )
    expected = {
        "quote_number": "Q-1093",
        "quote_date": "2026-05-07",
        "valid_until": "2026-06-06",
        "supplier": {
            "name": "Greenline Landscapes Pty Ltd",
            "abn": "61 155 402 998",
            "phone": "0412 555 730",
        },
        "customer": {
            "name": "Tom & Rachel Whitaker",
            "address": "9 Bungan Street, Mona Vale NSW 2103",
        },
        "line_items": [
            {
                "line_no": i,
                "description": d,
                "quantity": num(q),
                "unit": u,
                "unit_price": num(p),
                "line_total": num(q * p),
            }
            for i, (d, q, u, p) in enumerate(lines, 1)
        ],
        "subtotal": num(sub),
        "gst": num(gst),
        "total": num(total),
        "prices_include_gst": True,
        "deposit_percent": 30.0,
        "deposit_amount": num(deposit),
        "accepted": False,
    }
    return ".docx", docx_bytes(doc), schema, expected


def insurance_claim_form() -> Case:
    """Auto insurance first-notice-of-loss form (PDF, Letter): boxed label-above-value fields,
    check boxes drawn as [X] / [ ] for loss type, police called and injuries, a vehicle row, a
    narrative; snake_case schema with enums and booleans."""
    ops: list[Op] = [
        ("t", 40, 46, "Keystone Mutual Insurance", HB, 15),
        ("t", 40, 62, "AUTOMOBILE LOSS NOTICE", HB, 11),
        ("r", 572, 46, "Claims: 1-888-555-0102", H, 8),
        ("r", 572, 58, "claims@keystonemutual.example", H, 8),
        ("hr", 40, 72, 572),
    ]

    def field(x: float, y: float, label: str, value: str) -> list[Op]:
        return [("t", x, y, label, H, 7), ("t", x, y + 12, value, H, 10)]

    ops += field(40, 88, "POLICY NUMBER", "PA-4471-20983")
    ops += field(220, 88, "CLAIM NUMBER", "CLM-26-0518442")
    ops += field(400, 88, "DATE REPORTED", "05/12/2026")
    ops += field(40, 122, "NAME OF INSURED", "Jennifer L. Moreau")
    ops += field(220, 122, "INSURED PHONE", "(610) 555-0139")
    ops += field(400, 122, "INSURED EMAIL", "jmoreau@comcast.example")
    ops += field(40, 156, "INSURED ADDRESS", "48 Laurel Lane, Wayne, PA 19087")
    ops += field(40, 190, "DATE OF LOSS", "05/11/2026")
    ops += field(220, 190, "TIME OF LOSS", "7:15 AM")
    ops += field(400, 190, "LOCATION OF LOSS", "US-202 & Swedesford Rd, Wayne, PA")
    ops += [
        ("t", 40, 226, "TYPE OF LOSS:", HB, 8),
        ("t", 120, 226, "[X] Collision   [ ] Comprehensive   [ ] Theft   [ ] Glass", H, 9),
        ("t", 40, 242, "POLICE CONTACTED:", HB, 8),
        ("t", 140, 242, "[X] Yes   [ ] No", H, 9),
        ("t", 260, 242, "REPORT #:", HB, 8),
        ("t", 310, 242, "WTP-2026-03318", H, 9),
        ("t", 40, 258, "ANY INJURIES?", HB, 8),
        ("t", 140, 258, "[ ] Yes   [X] No", H, 9),
        ("t", 260, 258, "VEHICLE DRIVABLE?", HB, 8),
        ("t", 360, 258, "[ ] Yes   [X] No", H, 9),
        ("t", 40, 284, "INSURED VEHICLE", HB, 9),
    ]
    rows = [
        ["Year", "Make", "Model", "VIN", "Plate"],
        ["2021", "Subaru", "Outback", "4S4BTANC5M3194472", "PA LKR-5521"],
    ]
    t, y = table_ops([40, 90, 170, 260, 440], 300, rows, "lllll", step=14)
    ops += t
    ops += [
        ("t", 40, y + 10, "DESCRIPTION OF LOSS", HB, 9),
        (
            "t",
            40,
            y + 24,
            "Insured was stopped at a red light when rear-ended by a pickup truck.",
            H,
            9,
        ),
        ("t", 40, y + 36, "Rear bumper, trunk lid and tail lights damaged.", H, 9),
        ("t", 40, y + 60, "ESTIMATED DAMAGE: $6,850.00", HB, 9),
        ("t", 300, y + 60, "DEDUCTIBLE: $500", HB, 9),
    ]
    schema = obj(
        {
            "insurer": s(),
            "policy_number": s(),
            "claim_number": nul("string"),
            "date_reported": ndate(),
            "insured": obj(
                {
                    "name": s(),
                    "phone": nul("string"),
                    "email": nul("string"),
                    "address": nul("string"),
                }
            ),
            "loss_date": date(),
            "loss_time": nul("string"),
            "loss_location": nul("string"),
            "loss_type": s(enum=["collision", "comprehensive", "theft", "glass"]),
            "police_contacted": boolean(),
            "police_report_number": nul("string"),
            "injuries": boolean(),
            "vehicle_drivable": nul("boolean"),
            "vehicle": obj(
                {
                    "year": nul("integer"),
                    "make": nul("string"),
                    "model": nul("string"),
                    "vin": nul("string"),
                    "plate": nul("string"),
                }
            ),
            "description": nul("string"),
            "estimated_damage": nul("number"),
            "deductible": nul("number"),
        },
        required=["policy_number", "loss_date", "loss_type"],
    )
    expected = {
        "insurer": "Keystone Mutual Insurance",
        "policy_number": "PA-4471-20983",
        "claim_number": "CLM-26-0518442",
        "date_reported": "2026-05-12",
        "insured": {
            "name": "Jennifer L. Moreau",
            "phone": "(610) 555-0139",
            "email": "jmoreau@comcast.example",
            "address": "48 Laurel Lane, Wayne, PA 19087",
        },
        "loss_date": "2026-05-11",
        "loss_time": "7:15 AM",
        "loss_location": "US-202 & Swedesford Rd, Wayne, PA",
        "loss_type": "collision",
        "police_contacted": True,
        "police_report_number": "WTP-2026-03318",
        "injuries": False,
        "vehicle_drivable": False,
        "vehicle": {
            "year": 2021,
            "make": "Subaru",
            "model": "Outback",
            "vin": "4S4BTANC5M3194472",
            "plate": "PA LKR-5521",
        },
        "description": "Insured was stopped at a red light when rear-ended by a pickup truck. "
        "Rear bumper, trunk lid and tail lights damaged.",
        "estimated_damage": 6850.0,
        "deductible": 500.0,
    }
    return ".pdf", pdf_bytes([ops], "Auto Loss Notice", LETTER), schema, expected


def vehicle_registration() -> Case:
    """Vehicle registration certificate (PDF, landscape-ish card on Letter): state header,
    label-above-value grid (plate, VIN, year/make/model, body, colour, fuel, weight), owner
    block, valid-from / expires dates, fee paid; camelCase schema with integers and an enum."""
    ops: list[Op] = [
        ("c", 306, 46, "STATE OF COLORADO", HB, 13),
        ("c", 306, 62, "Department of Revenue - Division of Motor Vehicles", H, 9),
        ("c", 306, 80, "VEHICLE REGISTRATION CERTIFICATE", HB, 12),
        ("hr", 40, 90, 572),
    ]
    grid = [
        (40, 106, "PLATE", "CXR-418"),
        (160, 106, "VIN", "1FTFW1E84PFA27731"),
        (340, 106, "TITLE NO.", "CO 24 118 3306"),
        (480, 106, "CONTROL NO.", "7734102"),
        (40, 140, "YEAR", "2023"),
        (160, 140, "MAKE", "FORD"),
        (260, 140, "MODEL", "F-150"),
        (340, 140, "BODY", "PICKUP"),
        (420, 140, "COLOR", "BLUE"),
        (480, 140, "FUEL", "GAS"),
        (40, 174, "EMPTY WT", "4705"),
        (160, 174, "ODOMETER", "18,420"),
        (260, 174, "COUNTY", "BOULDER"),
        (340, 174, "VALID FROM", "06/01/2026"),
        (480, 174, "EXPIRES", "05/31/2027"),
    ]
    for x, y, label, value in grid:
        ops += [("t", x, y, label, H, 7), ("t", x, y + 12, value, HB, 10)]
    ops += [
        ("t", 40, 212, "REGISTERED OWNER", H, 7),
        ("t", 40, 225, "HOLLOWAY, SAMUEL J", HB, 10),
        ("t", 40, 237, "1620 PEARL ST APT 4", H, 10),
        ("t", 40, 249, "BOULDER CO 80302", H, 10),
        ("t", 340, 212, "LIENHOLDER", H, 7),
        ("t", 340, 225, "FLATIRONS CREDIT UNION", H, 10),
        ("t", 340, 260, "TOTAL FEES PAID", H, 7),
        ("t", 340, 273, "$412.67", HB, 10),
        ("t", 40, 290, "KEEP THIS CERTIFICATE IN THE VEHICLE", H, 7),
    ]
    schema = obj(
        {
            "issuingState": s(),
            "plateNumber": s(),
            "vin": s(),
            "titleNumber": nul("string"),
            "modelYear": integer(),
            "make": s(),
            "model": s(),
            "bodyType": nul("string"),
            "color": nul("string"),
            "fuelType": nul("string", enum=["GAS", "DIESEL", "ELECTRIC", "HYBRID", None]),
            "emptyWeightLbs": nul("integer"),
            "odometer": nul("integer"),
            "county": nul("string"),
            "owner": obj({"name": s(), "address": nul("string")}),
            "lienholder": nul("string"),
            "validFrom": ndate(),
            "expirationDate": date(),
            "feesPaid": nul("number"),
        },
        required=["plateNumber", "vin", "expirationDate"],
    )
    expected = {
        "issuingState": "COLORADO",
        "plateNumber": "CXR-418",
        "vin": "1FTFW1E84PFA27731",
        "titleNumber": "CO 24 118 3306",
        "modelYear": 2023,
        "make": "FORD",
        "model": "F-150",
        "bodyType": "PICKUP",
        "color": "BLUE",
        "fuelType": "GAS",
        "emptyWeightLbs": 4705,
        "odometer": 18420,
        "county": "BOULDER",
        "owner": {"name": "HOLLOWAY, SAMUEL J", "address": "1620 PEARL ST APT 4, BOULDER CO 80302"},
        "lienholder": "FLATIRONS CREDIT UNION",
        "validFrom": "2026-06-01",
        "expirationDate": "2027-05-31",
        "feesPaid": 412.67,
    }
    return ".pdf", pdf_bytes([ops], "Vehicle Registration", LETTER), schema, expected


def rental_car_agreement() -> Case:
    """Car rental agreement / receipt (HTML): agreement number, renter, pick-up and return
    branches with date-times, vehicle, mileage out/in, a charges table (time and mileage,
    taxes, fees, optional coverage), total and deposit; snake_case schema."""
    days, rate = 4, D("54.99")
    charges = [
        ("Time & Mileage (4 days @ $54.99/day)", days * rate),
        ("Collision Damage Waiver", D("119.96")),
        ("Airport Concession Fee Recovery 11.1%", D("24.42")),
        ("Customer Facility Charge", D("40.00")),
        ("Sales Tax 8.2%", D("33.92")),
    ]
    total = sum((a for _, a in charges), D(0))
    rows = "\n".join(
        f'    <tr><td>{d}</td><td align="right">${us(a)}</td></tr>' for d, a in charges
    )
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Rental Agreement 884120377</title></head>
<body style="font-family:Verdana,sans-serif;font-size:12px">
<h2>Summit Car Rental</h2>
<p>Rental Agreement # <b>884120377</b><br>Reservation # RSV-55K29Q</p>
<table cellpadding="4">
  <tr><td><b>Renter</b></td><td>KOWALSKI, ANNA M</td></tr>
  <tr><td><b>Driver's License</b></td><td>IL K420-5518-2931</td></tr>
  <tr><td><b>Pick-up</b></td><td>Denver Intl Airport (DEN) — 05/14/2026 10:20 AM</td></tr>
  <tr><td><b>Return</b></td><td>Denver Intl Airport (DEN) — 05/18/2026 09:05 AM</td></tr>
  <tr><td><b>Vehicle</b></td><td>2025 Toyota RAV4 AWD — Silver — Plate CO ZTR-902</td></tr>
  <tr><td><b>Car Class</b></td><td>Intermediate SUV (IFAR)</td></tr>
  <tr><td><b>Mileage Out</b></td><td>12,408</td></tr>
  <tr><td><b>Mileage In</b></td><td>12,991</td></tr>
  <tr><td><b>Fuel Out / In</b></td><td>Full / Full</td></tr>
</table>
<h3>Charges</h3>
<table cellpadding="4" border="1" cellspacing="0">
  <tr><th>Description</th><th>Amount</th></tr>
{rows}
  <tr><td><b>TOTAL CHARGES</b></td><td align="right"><b>${us(total)}</b></td></tr>
</table>
<p>Charged to AMEX ending 1009. Security deposit of $200.00 released on return.</p>
<p>Additional driver: none. Unlimited mileage included.</p>
</body></html>
"""
    place = obj({"location": s(), "datetime": s(format="date-time")})
    schema = obj(
        {
            "company": s(),
            "agreement_number": s(),
            "reservation_number": nul("string"),
            "renter_name": s(),
            "pickup": place,
            "return": place,
            "vehicle": obj(
                {
                    "year": nul("integer"),
                    "make_model": nul("string"),
                    "color": nul("string"),
                    "plate": nul("string"),
                    "car_class": nul("string"),
                }
            ),
            "mileage_out": nul("integer"),
            "mileage_in": nul("integer"),
            "rental_days": nul("integer"),
            "daily_rate": nul("number"),
            "charges": arr(obj({"description": s(), "amount": n()})),
            "total": n(),
            "security_deposit": nul("number"),
            "additional_driver": boolean(),
            "unlimited_mileage": boolean(),
            "card_last4": nul("string"),
        },
        required=["company", "agreement_number", "total"],
    )
    expected = {
        "company": "Summit Car Rental",
        "agreement_number": "884120377",
        "reservation_number": "RSV-55K29Q",
        "renter_name": "KOWALSKI, ANNA M",
        "pickup": {"location": "Denver Intl Airport (DEN)", "datetime": "2026-05-14T10:20:00"},
        "return": {"location": "Denver Intl Airport (DEN)", "datetime": "2026-05-18T09:05:00"},
        "vehicle": {
            "year": 2025,
            "make_model": "Toyota RAV4 AWD",
            "color": "Silver",
            "plate": "CO ZTR-902",
            "car_class": "Intermediate SUV (IFAR)",
        },
        "mileage_out": 12408,
        "mileage_in": 12991,
        "rental_days": 4,
        "daily_rate": 54.99,
        "charges": [{"description": d, "amount": num(a)} for d, a in charges],
        "total": num(total),
        "security_deposit": 200.0,
        "additional_driver": False,
        "unlimited_mileage": True,
        "card_last4": "1009",
    }
    return ".html", html.encode("utf-8"), schema, expected


def discharge_summary() -> Case:
    """Hospital discharge summary (PDF, Letter): hospital header, patient box (name, MRN, DOB,
    admission / discharge dates, attending), diagnoses, a discharge medication table (Medication
    / Dose / Route / Frequency / Status), follow-up appointment and instructions; camelCase."""
    meds = [
        ("Metoprolol succinate", "25 mg", "PO", "Once daily", "New"),
        ("Atorvastatin", "80 mg", "PO", "Nightly", "Changed"),
        ("Aspirin", "81 mg", "PO", "Once daily", "Continue"),
        ("Clopidogrel", "75 mg", "PO", "Once daily", "New"),
        ("Nitroglycerin", "0.4 mg", "SL", "Every 5 min as needed for chest pain", "New"),
    ]
    ops: list[Op] = [
        ("t", 40, 48, "St. Catherine Regional Medical Center", HB, 14),
        ("t", 40, 62, "1200 Harborview Drive, Norfolk, VA 23507", H, 8),
        ("c", 306, 90, "DISCHARGE SUMMARY", HB, 13),
        ("hr", 40, 100, 572),
        ("t", 40, 116, "Patient Name:", HB, 9),
        ("t", 120, 116, "Harold W. Jennings", H, 9),
        ("t", 320, 116, "MRN:", HB, 9),
        ("t", 400, 116, "00482219", H, 9),
        ("t", 40, 130, "Date of Birth:", HB, 9),
        ("t", 120, 130, "02/17/1958", H, 9),
        ("t", 320, 130, "Sex:", HB, 9),
        ("t", 400, 130, "Male", H, 9),
        ("t", 40, 144, "Admission Date:", HB, 9),
        ("t", 130, 144, "05/03/2026", H, 9),
        ("t", 320, 144, "Discharge Date:", HB, 9),
        ("t", 400, 144, "05/07/2026", H, 9),
        ("t", 40, 158, "Attending:", HB, 9),
        ("t", 120, 158, "Priya Natarajan, MD (Cardiology)", H, 9),
        ("t", 320, 158, "Disposition:", HB, 9),
        ("t", 400, 158, "Home with self-care", H, 9),
        ("t", 40, 184, "Principal Diagnosis:", HB, 9),
        ("t", 150, 184, "NSTEMI (I21.4)", H, 9),
        ("t", 40, 198, "Secondary Diagnoses:", HB, 9),
        ("t", 150, 198, "Hypertension (I10); Hyperlipidemia (E78.5)", H, 9),
        ("t", 40, 212, "Procedures:", HB, 9),
        ("t", 150, 212, "Cardiac catheterization with drug-eluting stent to LAD, 05/04/2026", H, 9),
        ("t", 40, 238, "DISCHARGE MEDICATIONS", HB, 10),
    ]
    rows = [["Medication", "Dose", "Route", "Frequency", "Status"]] + [list(m) for m in meds]
    t, y = table_ops([40, 190, 250, 300, 500], 256, rows, "lllll", step=14)
    ops += t
    ops += [
        ("t", 40, y + 10, "Allergies:", HB, 9),
        ("t", 100, y + 10, "Penicillin (rash)", H, 9),
        ("t", 40, y + 32, "FOLLOW-UP", HB, 10),
        ("t", 40, y + 46, "Cardiology clinic with Dr. Natarajan on 05/21/2026 at 9:30 AM.", H, 9),
        ("t", 40, y + 58, "Cardiac rehabilitation referral placed.", H, 9),
        (
            "t",
            40,
            y + 80,
            "Diet: Heart healthy, low sodium. Activity: No lifting over 10 lb for 1 week.",
            H,
            9,
        ),
    ]
    schema = obj(
        {
            "facility": s(),
            "patient": obj(
                {
                    "name": s(),
                    "mrn": nul("string", title="Medical record number"),
                    "dateOfBirth": ndate(),
                    "sex": nul("string", enum=["Male", "Female", "Other", None]),
                }
            ),
            "admissionDate": date(),
            "dischargeDate": date(),
            "attendingPhysician": nul("string"),
            "principalDiagnosis": s(),
            "secondaryDiagnoses": arr(s()),
            "procedures": arr(s()),
            "allergies": arr(s()),
            "medications": arr(
                obj(
                    {
                        "name": s(),
                        "dose": nul("string"),
                        "route": nul("string"),
                        "frequency": nul("string"),
                        "status": nul(
                            "string", enum=["New", "Changed", "Continue", "Stopped", None]
                        ),
                    },
                    required=["name"],
                )
            ),
            "followUpDate": ndate(),
            "disposition": nul("string"),
        },
        required=["patient", "dischargeDate", "medications"],
    )
    expected = {
        "facility": "St. Catherine Regional Medical Center",
        "patient": {
            "name": "Harold W. Jennings",
            "mrn": "00482219",
            "dateOfBirth": "1958-02-17",
            "sex": "Male",
        },
        "admissionDate": "2026-05-03",
        "dischargeDate": "2026-05-07",
        "attendingPhysician": "Priya Natarajan, MD (Cardiology)",
        "principalDiagnosis": "NSTEMI (I21.4)",
        "secondaryDiagnoses": ["Hypertension (I10)", "Hyperlipidemia (E78.5)"],
        "procedures": ["Cardiac catheterization with drug-eluting stent to LAD, 05/04/2026"],
        "allergies": ["Penicillin (rash)"],
        "medications": [
            {"name": a, "dose": b, "route": c, "frequency": d, "status": e}
            for a, b, c, d, e in meds
        ],
        "followUpDate": "2026-05-21",
        "disposition": "Home with self-care",
    }
    return ".pdf", pdf_bytes([ops], "Discharge Summary", LETTER), schema, expected


CASES = {
    "invoice-telecom-northstar-hub": invoice_telecom,
    "invoice-consulting-raman-hub": invoice_consulting,
    "invoice-marketplace-volthaus": invoice_marketplace_html,
    "invoice-construction-progress-redline": invoice_construction_progress,
    "receipt-restaurant-split-luna": receipt_restaurant_split,
    "receipt-hardware-returns-harbor-hub": receipt_hardware_returns,
    "receipt-parking-citypark": receipt_parking,
    "resume-new-grad-chen-hub": resume_new_grad_hub,
    "resume-senior-ruiz": resume_senior_engineer,
    "quotation-greenline": quotation_docx,
    "insurance-claim-keystone": insurance_claim_form,
    "vehicle-registration-colorado": vehicle_registration,
    "rental-agreement-summit": rental_car_agreement,
    "discharge-summary-stcatherine": discharge_summary,
}


def main() -> int:
    return write_cases(OUT, CASES)


if __name__ == "__main__":
    raise SystemExit(main())
