"""Regenerate the engine's second held-out corpus: documents written without looking at the engine.

Run from the repository root (needs reportlab, python-docx and, for the hub schemas, vlmrun-hub):

    python scripts/make_holdout2_documents.py

Writes ``tests/data/holdout2/<case>.<ext>`` with ``<case>.schema.json`` and
``<case>.expected.json``. The documents imitate common real-world paperwork (US invoice with
unlabelled address blocks, estimate, UK credit note, bill of lading, EOB, timesheet, W-2,
restaurant receipt, deposit slip, itinerary, resume, vendor registration form, expense CSV,
order confirmation) and the schemas are written the way skill authors write them, or taken as-is
from vlmrun-hub. The expected JSON states what each document shows (null where absent). Output is
byte-for-byte reproducible, with the same renderers as scripts/make_holdout_documents.py.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docgen import (  # noqa: E402
    Case,
    Op,
    bold_para,
    docx_bytes,
    docx_table,
    hub_schema,
    new_docx,
    nul,
    num,
    pdf_bytes,
    table_ops,
    us,
    write_cases,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "holdout2"
D = Decimal
H, HB = "Helvetica", "Helvetica-Bold"

ADDRESS = {
    "type": "object",
    "properties": {
        "street": nul("string"),
        "city": nul("string"),
        "state": nul("string"),
        "postal_code": nul("string"),
        "country": nul("string"),
    },
}


def addr(street, city, state, postal, country=None) -> dict:
    return {
        "street": street,
        "city": city,
        "state": state,
        "postal_code": postal,
        "country": country,
    }


# -- cases ----------------------------------------------------------------------------------


def invoice_hvac_hub() -> Case:
    """US service invoice (PDF): FROM / BILL TO / REMIT TO blocks with no field labels."""
    items = [
        ("Diagnostic service call", D(1), D("89.00")),
        ("Condenser fan motor 1/4 HP", D(1), D("212.50")),
        ("Run capacitor 45/5 MFD", D(2), D("18.75")),
        ("Labor - HVAC technician (hours)", D("2.5"), D("95.00")),
    ]
    subtotal = sum((q * p for _, q, p in items), D(0))
    tax = D("19.17")
    total = subtotal + tax
    paid = D("150.00")
    ops: list[Op] = [
        ("t", 50, 55, "INVOICE", HB, 22),
        ("t", 50, 90, "FROM", HB, 9),
        ("t", 50, 104, "Summit Heating & Air LLC", H, 10),
        ("t", 50, 117, "1450 Industrial Pkwy, Suite 200", H, 9),
        ("t", 50, 130, "Aurora, CO 80011", H, 9),
        ("t", 50, 143, "(303) 555-0198", H, 9),
        ("t", 50, 156, "billing@summitheatingair.com", H, 9),
        ("t", 360, 90, "Invoice #", HB, 9),
        ("r", 562, 90, "SH-20931", H, 9),
        ("t", 360, 104, "Invoice Date", HB, 9),
        ("r", 562, 104, "03/18/2026", H, 9),
        ("t", 360, 118, "Due Date", HB, 9),
        ("r", 562, 118, "04/17/2026", H, 9),
        ("t", 360, 132, "Terms", HB, 9),
        ("r", 562, 132, "Net 30", H, 9),
        ("t", 360, 146, "Work Order", HB, 9),
        ("r", 562, 146, "WO-7714", H, 9),
        ("t", 50, 190, "BILL TO", HB, 9),
        ("t", 50, 204, "Maplewood Property Management", H, 9),
        ("t", 50, 217, "Attn: Accounts Payable", H, 9),
        ("t", 50, 230, "88 Elm Street", H, 9),
        ("t", 50, 243, "Littleton, CO 80120", H, 9),
        ("t", 300, 190, "SERVICE LOCATION", HB, 9),
        ("t", 300, 204, "Maplewood Townhomes - Unit 14B", H, 9),
        ("t", 300, 217, "2231 W Bowles Ave", H, 9),
        ("t", 300, 230, "Littleton, CO 80123", H, 9),
    ]
    rows = [["Description", "Qty", "Rate", "Amount"]]
    rows += [[d, f"{q:g}", us(p), us(q * p)] for d, q, p in items]
    t, y = table_ops([50, 380, 470, 562], 280, rows, "lrrr")
    ops += t
    y += 12
    ops += [
        ("t", 400, y, "Subtotal", H, 9),
        ("r", 562, y, us(subtotal), H, 9),
        ("t", 400, y + 14, "Sales Tax (parts)", H, 9),
        ("r", 562, y + 14, us(tax), H, 9),
        ("t", 400, y + 28, "Total", HB, 10),
        ("r", 562, y + 28, "$" + us(total), HB, 10),
        ("t", 400, y + 42, "Less Deposit", H, 9),
        ("r", 562, y + 42, "-" + us(paid), H, 9),
        ("t", 400, y + 58, "BALANCE DUE", HB, 11),
        ("r", 562, y + 58, "$" + us(total - paid), HB, 11),
        ("t", 50, y + 100, "REMIT TO", HB, 9),
        ("t", 50, y + 114, "Summit Heating & Air LLC", H, 9),
        ("t", 50, y + 127, "PO Box 44017", H, 9),
        ("t", 50, y + 140, "Denver, CO 80201", H, 9),
        ("t", 50, y + 170, "Thank you for your business!", H, 9),
    ]
    schema = hub_schema("document.invoice")
    expected: dict[str, Any] = {k: None for k in schema["properties"]}
    expected.update(
        {
            "invoice_id": "SH-20931",
            "invoice_issue_date": "2026-03-18",
            "invoice_due_date": "2026-04-17",
            "order_id": "WO-7714",
            "issuer_name": "Summit Heating & Air LLC",
            "issuer_address": addr("1450 Industrial Pkwy, Suite 200", "Aurora", "CO", "80011"),
            "issuer_email": "billing@summitheatingair.com",
            "issuer_phone": "(303) 555-0198",
            "customer_name": "Maplewood Property Management",
            "customer_billing_address": addr("88 Elm Street", "Littleton", "CO", "80120"),
            "customer_shipping_address": addr("2231 W Bowles Ave", "Littleton", "CO", "80123"),
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
            "subtotal": num(subtotal),
            "tax_amount": num(tax),
            "total_amount": num(total),
            "amount_paid": num(paid),
            "balance_due": num(total - paid),
            "payment_terms": "Net 30",
        }
    )
    return ".pdf", pdf_bytes([ops], "Invoice SH-20931"), schema, expected


def estimate_signs() -> Case:
    """A sign shop estimate (DOCX): 'Prepared for' block, items table, deposit, validity."""
    doc = new_docx("Estimate 1187")
    bold_para(doc, "Brightline Signs & Graphics", 16)
    doc.add_paragraph("702 Commerce Dr, Greenville, SC 29607 | (864) 555-0121")
    bold_para(doc, "ESTIMATE", 14)
    doc.add_paragraph("Estimate No: E-1187")
    doc.add_paragraph("Date: February 9, 2026")
    doc.add_paragraph("Valid Until: March 11, 2026")
    doc.add_paragraph("Sales Rep: Tamara Nguyen")
    bold_para(doc, "Prepared For")
    doc.add_paragraph("Crescent Coffee Roasters\n415 Augusta St\nGreenville, SC 29601")
    items = [
        ("Channel letter sign, 24 in, LED illuminated", 1, D("4850.00")),
        ("Window vinyl graphics (sq ft)", 36, D("12.50")),
        ("A-frame sidewalk sign, double sided", 2, D("189.00")),
        ("Installation and permit handling", 1, D("650.00")),
    ]
    rows = [["Item", "Qty", "Unit Price", "Line Total"]]
    rows += [[d, str(q), "$" + us(p), "$" + us(q * p)] for d, q, p in items]
    docx_table(doc, rows)
    subtotal = sum((q * p for _, q, p in items), D(0))
    tax = (subtotal * D("0.06")).quantize(D("0.01"))
    total = subtotal + tax
    deposit = D("3500.00")
    doc.add_paragraph(f"Subtotal: ${us(subtotal)}")
    doc.add_paragraph(f"Sales Tax (6%): ${us(tax)}")
    doc.add_paragraph(f"Estimate Total: ${us(total)}")
    doc.add_paragraph(f"Deposit Required (50%): ${us(deposit)}")
    doc.add_paragraph("Estimated lead time: 3-4 weeks after approval.")
    schema = {
        "type": "object",
        "properties": {
            "estimateNumber": {"type": "string"},
            "estimateDate": {"type": "string", "format": "date"},
            "expirationDate": {"type": ["string", "null"], "format": "date"},
            "salesperson": {"type": ["string", "null"]},
            "company": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "phone": {"type": ["string", "null"]}},
            },
            "client": {
                "type": "object",
                "description": "Who the estimate is prepared for",
                "properties": {
                    "name": {"type": "string"},
                    "address": {"type": ["string", "null"]},
                },
            },
            "lineItems": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "description": {"type": "string"},
                        "quantity": {"type": "integer"},
                        "unitPrice": {"type": "number"},
                        "amount": {"type": "number"},
                    },
                },
            },
            "subtotal": {"type": "number"},
            "taxRate": {"type": ["number", "null"], "description": "Tax rate in percent"},
            "taxAmount": {"type": ["number", "null"]},
            "total": {"type": "number"},
            "depositRequired": {"type": ["number", "null"]},
        },
        "required": ["estimateNumber", "total"],
    }
    expected = {
        "estimateNumber": "E-1187",
        "estimateDate": "2026-02-09",
        "expirationDate": "2026-03-11",
        "salesperson": "Tamara Nguyen",
        "company": {"name": "Brightline Signs & Graphics", "phone": "(864) 555-0121"},
        "client": {
            "name": "Crescent Coffee Roasters",
            "address": "415 Augusta St, Greenville, SC 29601",
        },
        "lineItems": [
            {"description": d, "quantity": q, "unitPrice": num(p), "amount": num(q * p)}
            for d, q, p in items
        ],
        "subtotal": num(subtotal),
        "taxRate": 6,
        "taxAmount": num(tax),
        "total": num(total),
        "depositRequired": num(deposit),
    }
    return ".docx", docx_bytes(doc), schema, expected


def credit_note_uk() -> Case:
    """A UK credit note (PDF): pound amounts in brackets / with minus, dd/mm/yyyy dates."""
    lines = [
        ("Returned: Ergonomic office chair, grey", 2, D("-149.00")),
        ("Price adjustment - standing desk frame", 1, D("-35.00")),
        ("Restocking fee", 1, D("12.00")),
    ]
    net = sum((q * p for _, q, p in lines), D(0))
    vat = (net * D("0.2")).quantize(D("0.01"))
    total = net + vat
    ops: list[Op] = [
        ("t", 50, 55, "Fenwick Office Interiors Ltd", HB, 15),
        ("t", 50, 72, "Unit 9, Riverside Trading Estate, Leeds LS11 5QP", H, 9),
        ("t", 50, 85, "VAT Reg No: GB 284 1193 07", H, 9),
        ("r", 562, 55, "CREDIT NOTE", HB, 16),
        ("t", 360, 90, "Credit Note No.", HB, 9),
        ("r", 562, 90, "CN-00482", H, 9),
        ("t", 360, 104, "Date", HB, 9),
        ("r", 562, 104, "04/03/2026", H, 9),
        ("t", 360, 118, "Original Invoice", HB, 9),
        ("r", 562, 118, "INV-10377 (19/02/2026)", H, 9),
        ("t", 360, 132, "Account", HB, 9),
        ("r", 562, 132, "HARR01", H, 9),
        ("t", 50, 125, "Credit To:", HB, 9),
        ("t", 50, 139, "Harrow & Finch Solicitors", H, 9),
        ("t", 50, 152, "14 Park Square East", H, 9),
        ("t", 50, 165, "Leeds LS1 2NE", H, 9),
        ("t", 50, 200, "Reason: Goods returned damaged in transit", H, 9),
    ]
    rows = [["Description", "Qty", "Unit Price", "Net"]]
    for d, q, p in lines:
        unit = f"({us(-p)})" if p < 0 else us(p)
        line = f"({us(-(q * p))})" if q * p < 0 else us(q * p)
        rows.append([d, str(q), unit, line])
    t, y = table_ops([50, 380, 470, 562], 235, rows, "lrrr")
    ops += t
    y += 12
    ops += [
        ("t", 400, y, "Net Total", H, 9),
        ("r", 562, y, f"-£{us(-net)}", H, 9),
        ("t", 400, y + 14, "VAT @ 20%", H, 9),
        ("r", 562, y + 14, f"-£{us(-vat)}", H, 9),
        ("t", 400, y + 30, "Total Credit", HB, 10),
        ("r", 562, y + 30, f"-£{us(-total)}", HB, 10),
        ("t", 50, y + 70, "This credit will be applied to your next invoice.", H, 9),
    ]
    schema = {
        "type": "object",
        "properties": {
            "credit_note_number": {"type": "string"},
            "issue_date": {"type": "string", "format": "date"},
            "original_invoice_number": {"type": ["string", "null"]},
            "supplier_name": {"type": "string"},
            "supplier_vat_number": {"type": ["string", "null"]},
            "customer_name": {"type": ["string", "null"]},
            "customer_account": {"type": ["string", "null"]},
            "reason": {"type": ["string", "null"]},
            "lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "description": {"type": "string"},
                        "quantity": {"type": "integer"},
                        "unit_price": {"type": "number"},
                        "net_amount": {"type": "number"},
                    },
                },
            },
            "net_total": {"type": "number"},
            "vat_amount": {"type": "number"},
            "total_credit": {"type": "number"},
            "currency": {"type": "string", "enum": ["GBP", "EUR", "USD"]},
        },
    }
    expected = {
        "credit_note_number": "CN-00482",
        "issue_date": "2026-03-04",
        "original_invoice_number": "INV-10377",
        "supplier_name": "Fenwick Office Interiors Ltd",
        "supplier_vat_number": "GB 284 1193 07",
        "customer_name": "Harrow & Finch Solicitors",
        "customer_account": "HARR01",
        "reason": "Goods returned damaged in transit",
        "lines": [
            {"description": d, "quantity": q, "unit_price": num(p), "net_amount": num(q * p)}
            for d, q, p in lines
        ],
        "net_total": num(net),
        "vat_amount": num(vat),
        "total_credit": num(total),
        "currency": "GBP",
    }
    return (
        ".pdf",
        pdf_bytes([ops], "Credit Note CN-00482", pagesize=(595.27, 841.89)),
        schema,
        expected,
    )


def bill_of_lading_hub() -> Case:
    """An ocean bill of lading (PDF): boxed party blocks with the heading above the block."""
    ops: list[Op] = [
        ("c", 306, 45, "BILL OF LADING FOR OCEAN TRANSPORT", HB, 13),
        ("t", 40, 75, "SHIPPER / EXPORTER", HB, 8),
        ("t", 40, 88, "Pacific Timberworks Inc.", H, 9),
        ("t", 40, 100, "3300 Marine View Dr", H, 9),
        ("t", 40, 112, "Tacoma, WA 98422", H, 9),
        ("t", 40, 124, "United States", H, 9),
        ("t", 330, 75, "B/L NUMBER", HB, 8),
        ("t", 330, 88, "PTWU2026031507", H, 9),
        ("t", 460, 75, "BOOKING NO.", HB, 8),
        ("t", 460, 88, "BKG-884120", H, 9),
        ("t", 40, 150, "CONSIGNEE", HB, 8),
        ("t", 40, 163, "Kyushu Home Materials Co., Ltd.", H, 9),
        ("t", 40, 175, "2-8-14 Hakata Ekimae", H, 9),
        ("t", 40, 187, "Fukuoka 812-0011", H, 9),
        ("t", 40, 199, "Japan", H, 9),
        ("t", 330, 150, "NOTIFY PARTY", HB, 8),
        ("t", 330, 163, "Same as consignee", H, 9),
        ("t", 40, 225, "VESSEL", HB, 8),
        ("t", 40, 238, "MV Ocean Harmony", H, 9),
        ("t", 200, 225, "VOYAGE NO.", HB, 8),
        ("t", 200, 238, "0712E", H, 9),
        ("t", 330, 225, "PORT OF LOADING", HB, 8),
        ("t", 330, 238, "Tacoma, WA", H, 9),
        ("t", 460, 225, "PORT OF DISCHARGE", HB, 8),
        ("t", 460, 238, "Hakata, Japan", H, 9),
        ("t", 40, 262, "CARRIER", HB, 8),
        ("t", 40, 275, "Transpacific Container Lines", H, 9),
    ]
    containers = [
        ("TCLU4471920", "SL-558102", "40' HC", D("18240")),
        ("TCLU4471936", "SL-558103", "40' HC", D("17960")),
    ]
    rows = [["Container No.", "Seal No.", "Type", "Gross Weight (kg)"]]
    rows += [[c, s, t, f"{w:,}"] for c, s, t, w in containers]
    t, y = table_ops([40, 170, 300, 420], 310, rows, "lllr")
    ops += t
    ops += [
        ("t", 40, y + 14, "DESCRIPTION OF GOODS", HB, 8),
        ("t", 40, y + 27, "Kiln-dried Douglas fir lumber, 2x6 and 2x8, bundled", H, 9),
        ("t", 40, y + 45, "No. of Packages:", HB, 8),
        ("t", 130, y + 45, "44", H, 9),
        ("t", 200, y + 45, "Total Gross Weight:", HB, 8),
        ("t", 300, y + 45, "36,200 kg", H, 9),
        ("t", 40, y + 75, "Freight:", HB, 8),
        ("t", 90, y + 75, "Prepaid", H, 9),
        ("t", 40, y + 95, "Number of Original B/Ls: 3", H, 9),
        ("t", 40, y + 125, "Place and Date of Issue: Tacoma, WA  March 15, 2026", H, 9),
        ("t", 40, y + 140, "Signed for the Carrier: R. Okafor", H, 9),
    ]
    schema = hub_schema("logistics.bill-of-lading")
    party_null = {"name": None, "address": None, "contact": None, "reference": None}
    expected: dict[str, Any] = {k: None for k in schema["properties"]}
    expected.update(
        {
            "bill_number": "PTWU2026031507",
            "booking_number": "BKG-884120",
            "issue_date": "2026-03-15",
            "shipper": {
                **party_null,
                "name": "Pacific Timberworks Inc.",
                "address": addr("3300 Marine View Dr", "Tacoma", "WA", "98422", "United States"),
            },
            "consignee": {
                **party_null,
                "name": "Kyushu Home Materials Co., Ltd.",
                "address": addr("2-8-14 Hakata Ekimae", "Fukuoka", None, "812-0011", "Japan"),
            },
            "vessel_name": "MV Ocean Harmony",
            "voyage_number": "0712E",
            "carrier": "Transpacific Container Lines",
            "port_of_loading": "Tacoma, WA",
            "port_of_discharge": "Hakata, Japan",
            "containers": [
                {"number": c, "seal_number": s, "type": t, "weight": num(w), "measurement": None}
                for c, s, t, w in containers
            ],
            "goods": {
                "description": "Kiln-dried Douglas fir lumber, 2x6 and 2x8, bundled",
                "packages": 44,
                "package_type": None,
                "weight": 36200,
                "weight_unit": "kg",
                "volume": None,
                "volume_unit": None,
                "marks_and_numbers": None,
                "dangerous_goods_info": None,
            },
            "freight_details": {
                "freight_terms": "Prepaid",
                "freight_charges": None,
                "currency": None,
                "additional_charges": None,
                "payment_method": None,
            },
            "number_of_original_bills": 3,
            "signature_place": "Tacoma, WA",
            "signature_date": "2026-03-15",
            "signatory": "R. Okafor",
        }
    )
    return ".pdf", pdf_bytes([ops], "Bill of Lading PTWU2026031507"), schema, expected


def eob_html() -> Case:
    """A health plan Explanation of Benefits (HTML) with a claim-lines table."""
    lines = [
        (
            "01/12/2026",
            "99214",
            "Office visit, established patient",
            D("245.00"),
            D("138.20"),
            D("110.56"),
            D("27.64"),
        ),
        (
            "01/12/2026",
            "85025",
            "Complete blood count",
            D("62.00"),
            D("18.40"),
            D("18.40"),
            D("0.00"),
        ),
        (
            "01/12/2026",
            "80053",
            "Comprehensive metabolic panel",
            D("88.00"),
            D("21.75"),
            D("21.75"),
            D("0.00"),
        ),
    ]
    body = "\n".join(
        f"<tr><td>{d}</td><td>{c}</td><td>{s}</td><td>${us(b)}</td><td>${us(a)}</td>"
        f"<td>${us(p)}</td><td>${us(o)}</td></tr>"
        for d, c, s, b, a, p, o in lines
    )
    tot = [sum((ln[i] for ln in lines), D(0)) for i in (3, 4, 5, 6)]
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Explanation of Benefits</title></head>
<body>
<h1>BlueRidge Health Plan</h1>
<h2>Explanation of Benefits</h2>
<p><strong>THIS IS NOT A BILL</strong></p>
<table>
<tr><td>Member:</td><td>Priya Raman</td><td>Member ID:</td><td>BRH884410273</td></tr>
<tr><td>Patient:</td><td>Priya Raman</td><td>Group Number:</td><td>GRP-55019</td></tr>
<tr><td>Claim Number:</td><td>C26-0114-88203</td><td>Statement Date:</td><td>January 28, 2026</td></tr>
<tr><td>Provider:</td><td>Valley Family Medicine</td><td>Network Status:</td><td>In-Network</td></tr>
</table>
<h3>Claim Details</h3>
<table>
<thead><tr><th>Date of Service</th><th>Code</th><th>Service</th><th>Amount Billed</th>
<th>Allowed Amount</th><th>Plan Paid</th><th>You Owe</th></tr></thead>
<tbody>
{body}
<tr><td></td><td></td><td><strong>Totals</strong></td><td>${us(tot[0])}</td><td>${us(tot[1])}</td>
<td>${us(tot[2])}</td><td>${us(tot[3])}</td></tr>
</tbody></table>
<p>Your deductible met to date: $1,500.00 of $1,500.00</p>
<p>Questions? Call Member Services at 1-800-555-0145.</p>
</body></html>
"""
    schema = {
        "type": "object",
        "properties": {
            "plan_name": {"type": "string"},
            "member_name": {"type": "string"},
            "member_id": {"type": "string"},
            "group_number": {"type": ["string", "null"]},
            "claim_number": {"type": "string"},
            "statement_date": {"type": "string", "format": "date"},
            "provider_name": {"type": ["string", "null"]},
            "in_network": {"type": ["boolean", "null"]},
            "services": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "service_date": {"type": "string", "format": "date"},
                        "procedure_code": {"type": "string"},
                        "description": {"type": "string"},
                        "billed_amount": {"type": "number"},
                        "allowed_amount": {"type": "number"},
                        "plan_paid": {"type": "number"},
                        "patient_responsibility": {"type": "number"},
                    },
                },
            },
            "total_billed": {"type": "number"},
            "total_plan_paid": {"type": "number"},
            "total_patient_responsibility": {"type": "number"},
            "member_services_phone": {"type": ["string", "null"]},
        },
    }
    iso = {"01/12/2026": "2026-01-12"}
    expected = {
        "plan_name": "BlueRidge Health Plan",
        "member_name": "Priya Raman",
        "member_id": "BRH884410273",
        "group_number": "GRP-55019",
        "claim_number": "C26-0114-88203",
        "statement_date": "2026-01-28",
        "provider_name": "Valley Family Medicine",
        "in_network": True,
        "services": [
            {
                "service_date": iso[d],
                "procedure_code": c,
                "description": s,
                "billed_amount": num(b),
                "allowed_amount": num(a),
                "plan_paid": num(p),
                "patient_responsibility": num(o),
            }
            for d, c, s, b, a, p, o in lines
        ],
        "total_billed": num(tot[0]),
        "total_plan_paid": num(tot[2]),
        "total_patient_responsibility": num(tot[3]),
        "member_services_phone": "1-800-555-0145",
    }
    return ".html", html.encode(), schema, expected


def timesheet_docx() -> Case:
    """A weekly timesheet (DOCX): header facts in a label | value table, a day table, totals."""
    doc = new_docx("Weekly Timesheet")
    bold_para(doc, "WEEKLY TIMESHEET", 15)
    docx_table(
        doc,
        [
            ["Employee Name", "Marcus Bell", "Employee ID", "E-40218"],
            ["Department", "Field Operations", "Supervisor", "Janet Ruiz"],
            ["Week Ending", "03/13/2026", "Pay Rate", "$28.50/hr"],
        ],
        header=False,
    )
    doc.add_paragraph("")
    days = [
        ("Mon", "03/09/2026", "7:00 AM", "3:30 PM", D("8.0")),
        ("Tue", "03/10/2026", "7:00 AM", "4:30 PM", D("9.0")),
        ("Wed", "03/11/2026", "7:00 AM", "3:30 PM", D("8.0")),
        ("Thu", "03/12/2026", "7:00 AM", "5:30 PM", D("10.0")),
        ("Fri", "03/13/2026", "7:00 AM", "2:30 PM", D("7.0")),
    ]
    rows = [["Day", "Date", "Time In", "Time Out", "Hours"]]
    rows += [[a, d, i, o, f"{h:.2f}"] for a, d, i, o, h in days]
    docx_table(doc, rows)
    total = sum((h for *_, h in days), D(0))
    doc.add_paragraph(f"Total Hours: {total:.2f}")
    doc.add_paragraph("Regular Hours: 40.00     Overtime Hours: 2.00")
    doc.add_paragraph("Employee Signature: Marcus Bell          Approved: [x] Yes  [ ] No")
    schema = {
        "type": "object",
        "properties": {
            "employee_name": {"type": "string"},
            "employee_id": {"type": "string"},
            "department": {"type": ["string", "null"]},
            "supervisor": {"type": ["string", "null"]},
            "week_ending": {"type": "string", "format": "date"},
            "hourly_rate": {"type": ["number", "null"]},
            "entries": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "time_in": {"type": ["string", "null"]},
                        "time_out": {"type": ["string", "null"]},
                        "hours": {"type": "number"},
                    },
                },
            },
            "total_hours": {"type": "number"},
            "regular_hours": {"type": ["number", "null"]},
            "overtime_hours": {"type": ["number", "null"]},
            "approved": {"type": ["boolean", "null"]},
        },
    }
    expected = {
        "employee_name": "Marcus Bell",
        "employee_id": "E-40218",
        "department": "Field Operations",
        "supervisor": "Janet Ruiz",
        "week_ending": "2026-03-13",
        "hourly_rate": 28.5,
        "entries": [
            {
                "date": f"2026-03-{d[3:5]}",
                "time_in": i,
                "time_out": o,
                "hours": num(h),
            }
            for _, d, i, o, h in days
        ],
        "total_hours": num(total),
        "regular_hours": 40,
        "overtime_hours": 2,
        "approved": True,
    }
    return ".docx", docx_bytes(doc), schema, expected


def w2_hub() -> Case:
    """A W-2 (PDF): boxed labels with the value below each label."""

    def box(x, y, label, value):
        return [("t", x, y, label, H, 6.5), ("t", x + 4, y + 13, value, H, 9.5)]

    ops: list[Op] = [
        ("t", 40, 40, "Form W-2  Wage and Tax Statement  2025", HB, 11),
        ("t", 420, 40, "Copy B - To Be Filed With Employee's", H, 7),
    ]
    ops += box(40, 62, "a  Employee's social security number", "412-55-0937")
    ops += box(40, 88, "b  Employer identification number (EIN)", "84-2291047")
    ops += box(320, 88, "1  Wages, tips, other compensation", "68,412.50")
    ops += box(450, 88, "2  Federal income tax withheld", "8,104.22")
    ops += [
        ("t", 40, 114, "c  Employer's name, address, and ZIP code", H, 6.5),
        ("t", 44, 127, "Cobalt Ridge Analytics, Inc.", H, 9.5),
        ("t", 44, 139, "900 Market Street, Floor 6", H, 9.5),
        ("t", 44, 151, "Denver, CO 80202", H, 9.5),
    ]
    ops += box(320, 114, "3  Social security wages", "70,512.50")
    ops += box(450, 114, "4  Social security tax withheld", "4,371.78")
    ops += box(320, 140, "5  Medicare wages and tips", "70,512.50")
    ops += box(450, 140, "6  Medicare tax withheld", "1,022.43")
    ops += box(40, 170, "d  Control number", "0041-77")
    ops += box(320, 170, "7  Social security tips", "")
    ops += box(450, 170, "8  Allocated tips", "")
    ops += [
        ("t", 40, 196, "e  Employee's first name and initial   Last name", H, 6.5),
        ("t", 44, 209, "Jordan A. Whitaker", H, 9.5),
        ("t", 44, 221, "1187 S Pearl St", H, 9.5),
        ("t", 44, 233, "Denver, CO 80210", H, 9.5),
        ("t", 40, 247, "f  Employee's address and ZIP code", H, 6.5),
    ]
    ops += box(320, 196, "10  Dependent care benefits", "")
    ops += box(450, 196, "11  Nonqualified plans", "")
    ops += box(320, 222, "12a  See instructions for box 12", "D   2,100.00")
    ops += box(450, 222, "12b", "DD   6,240.00")
    ops += [
        ("t", 320, 252, "13  Statutory employee   Retirement plan   Third-party sick pay", H, 6.5),
        ("t", 324, 265, "[ ]                         [X]                        [ ]", H, 9),
        ("t", 40, 290, "15 State   Employer's state ID number", H, 6.5),
        ("t", 44, 303, "CO   84-2291047", H, 9.5),
        ("t", 200, 290, "16  State wages, tips, etc.", H, 6.5),
        ("t", 204, 303, "68,412.50", H, 9.5),
        ("t", 320, 290, "17  State income tax", H, 6.5),
        ("t", 324, 303, "2,989.62", H, 9.5),
        ("t", 450, 290, "20  Locality name", H, 6.5),
        ("t", 454, 303, "DENVER", H, 9.5),
        ("t", 40, 330, "Department of the Treasury - Internal Revenue Service", H, 7),
    ]
    schema = hub_schema("accounting.form-w2")
    expected: dict[str, Any] = {k: None for k in schema["properties"]}
    expected.update(
        {
            "ssn": "412-55-0937",
            "ein": "84-2291047",
            "employer_name": "Cobalt Ridge Analytics, Inc.",
            "employer_address": {
                "street": "900 Market Street, Floor 6",
                "city": "Denver",
                "state": "CO",
                "zip_code": "80202",
            },
            "control_number": "0041-77",
            "employee_name": "Jordan A. Whitaker",
            "employee_address": {
                "street": "1187 S Pearl St",
                "city": "Denver",
                "state": "CO",
                "zip_code": "80210",
            },
            "wages_tips_other_compensation": 68412.5,
            "federal_income_tax_withheld": 8104.22,
            "social_security_wages": 70512.5,
            "social_security_tax_withheld": 4371.78,
            "medicare_wages_and_tips": 70512.5,
            "medicare_tax_withheld": 1022.43,
            "statutory_employee": False,
            "retirement_plan": True,
            "third_party_sick_pay": False,
            "employers_state_id_number": "84-2291047",
            "state_wages": 68412.5,
            "state_income_tax_withheld": 2989.62,
            "locality_name": "DENVER",
            "form_year": 2025,
            "a_code": "D",
            "a_value": 2100,
            "b_code": "DD",
            "b_value": 6240,
        }
    )
    return ".pdf", pdf_bytes([ops], "W-2 2025"), schema, expected


def restaurant_receipt_hub() -> Case:
    """A restaurant check (text): 'Qty Item Price' columns, tax, tip line, card slip."""
    items = [
        (2, "Fish Tacos", D("14.00")),
        (1, "Carne Asada Plate", D("18.50")),
        (3, "Horchata", D("3.25")),
        (1, "Churros", D("7.00")),
    ]
    sub = sum((q * p for q, _, p in items), D(0))
    tax = D("4.90")
    tip = D("11.00")
    total = sub + tax + tip
    body = "\n".join(f"{q:<4}{n:<26}{us(q * p):>10}" for q, n, p in items)
    text = f"""\
             LA PALMA CANTINA
         2140 Mission Blvd
       San Diego, CA 92109
         (619) 555-0166

Server: Ashley          Table: 12
Check #: 48817          Guests: 4
Date: 03/21/2026        Time: 7:48 PM

Qty Item                          Price
----------------------------------------
{body}
----------------------------------------
Subtotal{us(sub):>32}
Sales Tax 7.75%{us(tax):>25}
Tip{us(tip):>37}
TOTAL{"$" + us(total):>35}

MASTERCARD XXXXXXXXXXXX5521
Auth Code: 09931B

Thank you! Please come again.
"""
    schema = hub_schema("document.receipt")
    expected = {
        "receipt_id": "48817",
        "transaction_date": "2026-03-21T19:48:00",
        "merchant_name": "LA PALMA CANTINA",
        "merchant_address": addr("2140 Mission Blvd", "San Diego", "CA", "92109"),
        "merchant_phone": "(619) 555-0166",
        "cashier_name": "Ashley",
        "register_number": None,
        "customer_name": None,
        "customer_id": None,
        "items": [
            {"description": n, "quantity": q, "unit_price": num(p), "total_price": num(q * p)}
            for q, n, p in items
        ],
        "subtotal": num(sub),
        "tax": num(tax),
        "total": num(total),
        "currency": "USD",
        "payment_method": {"type": "credit card", "card_last_4": "5521", "card_type": "MASTERCARD"},
        "discount_amount": None,
        "discount_description": None,
        "tip_amount": num(tip),
        "return_policy": None,
        "barcode": None,
        "additional_charges": None,
        "notes": None,
        "others": None,
    }
    return ".txt", text.encode(), schema, expected


def deposit_slip() -> Case:
    """A bank deposit slip (PDF): account facts, a cash line and a list of checks."""
    checks = [("1184", D("425.00")), ("30277", D("1210.40")), ("552", D("86.15"))]
    cash = D("340.00")
    subtotal = cash + sum((a for _, a in checks), D(0))
    less_cash = D("100.00")
    net = subtotal - less_cash
    ops: list[Op] = [
        ("t", 40, 50, "GRANITE STATE CREDIT UNION", HB, 13),
        ("t", 40, 64, "DEPOSIT TICKET", H, 9),
        ("t", 40, 95, "Name", HB, 8),
        ("t", 110, 95, "Oakline Bakery LLC", H, 10),
        ("t", 40, 112, "Account Number", HB, 8),
        ("t", 110, 112, "0047-221-908", H, 10),
        ("t", 40, 129, "Date", HB, 8),
        ("t", 110, 129, "Mar 6, 2026", H, 10),
        ("t", 330, 95, "CASH", HB, 8),
        ("r", 560, 95, us(cash), H, 10),
    ]
    y = 112
    for i, (n, a) in enumerate(checks, 1):
        ops += [("t", 330, y, f"CHECK {i}  #{n}", H, 8), ("r", 560, y, us(a), H, 10)]
        y += 17
    ops += [
        ("t", 330, y, "SUBTOTAL", HB, 8),
        ("r", 560, y, us(subtotal), H, 10),
        ("t", 330, y + 17, "LESS CASH RECEIVED", HB, 8),
        ("r", 560, y + 17, us(less_cash), H, 10),
        ("t", 330, y + 34, "NET DEPOSIT", HB, 9),
        ("r", 560, y + 34, "$" + us(net), HB, 10),
        ("t", 40, y + 70, "Deposits may not be available for immediate withdrawal.", H, 7),
    ]
    schema = {
        "type": "object",
        "properties": {
            "bankName": {"type": "string"},
            "accountHolder": {"type": "string"},
            "accountNumber": {"type": "string"},
            "depositDate": {"type": "string", "format": "date"},
            "cashAmount": {"type": ["number", "null"]},
            "checks": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "checkNumber": {"type": "string"},
                        "amount": {"type": "number"},
                    },
                },
            },
            "subtotal": {"type": "number"},
            "cashBack": {"type": ["number", "null"], "description": "Less cash received"},
            "netDeposit": {"type": "number"},
        },
    }
    expected = {
        "bankName": "GRANITE STATE CREDIT UNION",
        "accountHolder": "Oakline Bakery LLC",
        "accountNumber": "0047-221-908",
        "depositDate": "2026-03-06",
        "cashAmount": num(cash),
        "checks": [{"checkNumber": n, "amount": num(a)} for n, a in checks],
        "subtotal": num(subtotal),
        "cashBack": num(less_cash),
        "netDeposit": num(net),
    }
    return ".pdf", pdf_bytes([ops], "Deposit ticket"), schema, expected


def itinerary_html() -> Case:
    """A travel itinerary (HTML): booking facts, traveller, a flights table, fare total."""
    flights = [
        ("UA 1532", "Apr 14, 2026", "SFO", "ORD", "6:05 AM", "12:17 PM", "Economy"),
        ("UA 958", "Apr 14, 2026", "ORD", "LHR", "5:40 PM", "7:35 AM", "Economy"),
        ("UA 929", "Apr 22, 2026", "LHR", "SFO", "11:55 AM", "3:05 PM", "Economy"),
    ]
    rows = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in f) + "</tr>" for f in flights)
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Your trip confirmation</title></head>
<body>
<div class="header"><h1>Trip Itinerary</h1>
<p>Thanks for booking with Wayfare Travel.</p></div>
<div class="summary">
<p>Confirmation code: <b>KX7PQM</b></p>
<p>Booking date: March 2, 2026</p>
<p>Traveler: Elena Sokolova</p>
<p>Frequent flyer #: MP 448 120 9931</p>
</div>
<h2>Flights</h2>
<table>
<tr><th>Flight</th><th>Date</th><th>From</th><th>To</th><th>Departs</th><th>Arrives</th>
<th>Cabin</th></tr>
{rows}
</table>
<h2>Payment</h2>
<p>Base fare: $1,142.00</p>
<p>Taxes, fees &amp; charges: $287.46</p>
<p>Total charged: $1,429.46</p>
<p>Paid with Visa ending in 3308</p>
</body></html>
"""
    schema = {
        "type": "object",
        "properties": {
            "confirmation_code": {"type": "string"},
            "booking_date": {"type": ["string", "null"], "format": "date"},
            "passenger_name": {"type": "string"},
            "frequent_flyer_number": {"type": ["string", "null"]},
            "segments": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "flight_number": {"type": "string"},
                        "date": {"type": "string", "format": "date"},
                        "origin": {"type": "string", "description": "Departure airport code"},
                        "destination": {"type": "string", "description": "Arrival airport"},
                        "departure_time": {"type": ["string", "null"]},
                        "arrival_time": {"type": ["string", "null"]},
                        "cabin_class": {
                            "type": ["string", "null"],
                            "enum": ["Economy", "Premium Economy", "Business", "First", None],
                        },
                    },
                },
            },
            "base_fare": {"type": ["number", "null"]},
            "taxes_and_fees": {"type": ["number", "null"]},
            "total_price": {"type": "number"},
            "card_last_four": {"type": ["string", "null"]},
        },
    }
    iso = {"Apr 14, 2026": "2026-04-14", "Apr 22, 2026": "2026-04-22"}
    expected = {
        "confirmation_code": "KX7PQM",
        "booking_date": "2026-03-02",
        "passenger_name": "Elena Sokolova",
        "frequent_flyer_number": "MP 448 120 9931",
        "segments": [
            {
                "flight_number": f,
                "date": iso[d],
                "origin": o,
                "destination": t,
                "departure_time": dep,
                "arrival_time": arr,
                "cabin_class": c,
            }
            for f, d, o, t, dep, arr, c in flights
        ],
        "base_fare": 1142.0,
        "taxes_and_fees": 287.46,
        "total_price": 1429.46,
        "card_last_four": "3308",
    }
    return ".html", html.encode(), schema, expected


def resume_text() -> Case:
    """A plain-text resume: summary paragraph, 'Company — Title' lines with date ranges."""
    text = """\
DANIEL OKAFOR-REYES
Austin, TX  |  daniel.reyes@fastmail.com  |  (512) 555-0187  |  linkedin.com/in/danreyes

SUMMARY
Data engineer with eight years of experience building batch and streaming pipelines for
retail and logistics companies.

WORK EXPERIENCE
Tidewater Logistics — Senior Data Engineer
June 2021 – Present
- Designed a Kafka-to-Snowflake ingestion layer handling 2B events per day
- Cut warehouse compute cost by 38% through clustering and incremental models

Bramble & Co. — Data Engineer
Aug 2018 – May 2021
- Built the dbt project behind the merchandising dashboards
- Migrated nightly ETL from cron scripts to Airflow

Lone Star Analytics — Junior Analyst
Jan 2017 – Jul 2018
- Maintained SQL reporting for 40 retail clients

EDUCATION
The University of Texas at Austin — B.S. Computer Science, 2016

SKILLS
Python, SQL, Scala, Airflow, dbt, Kafka, Snowflake, AWS
"""
    schema = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "email": {"type": ["string", "null"], "format": "email"},
            "phone": {"type": ["string", "null"]},
            "location": {"type": ["string", "null"]},
            "summary": {"type": ["string", "null"]},
            "experience": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "company": {"type": "string"},
                        "title": {"type": "string"},
                        "start_date": {"type": ["string", "null"]},
                        "end_date": {"type": ["string", "null"]},
                    },
                },
            },
            "education": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "institution": {"type": "string"},
                        "degree": {"type": ["string", "null"]},
                        "year": {"type": ["integer", "null"]},
                    },
                },
            },
            "skills": {"type": "array", "items": {"type": "string"}},
        },
    }
    expected = {
        "name": "DANIEL OKAFOR-REYES",
        "email": "daniel.reyes@fastmail.com",
        "phone": "(512) 555-0187",
        "location": "Austin, TX",
        "summary": "Data engineer with eight years of experience building batch and streaming "
        "pipelines for retail and logistics companies.",
        "experience": [
            {
                "company": "Tidewater Logistics",
                "title": "Senior Data Engineer",
                "start_date": "2021-06",
                "end_date": "Present",
            },
            {
                "company": "Bramble & Co.",
                "title": "Data Engineer",
                "start_date": "2018-08",
                "end_date": "2021-05",
            },
            {
                "company": "Lone Star Analytics",
                "title": "Junior Analyst",
                "start_date": "2017-01",
                "end_date": "2018-07",
            },
        ],
        "education": [
            {
                "institution": "The University of Texas at Austin",
                "degree": "B.S. Computer Science",
                "year": 2016,
            }
        ],
        "skills": ["Python", "SQL", "Scala", "Airflow", "dbt", "Kafka", "Snowflake", "AWS"],
    }
    return ".txt", text.encode(), schema, expected


def vendor_registration() -> Case:
    """A supplier registration form (DOCX): label: value lines, address lines, checkboxes."""
    doc = new_docx("Vendor Registration Form")
    bold_para(doc, "NEW VENDOR REGISTRATION FORM", 14)
    bold_para(doc, "Section 1 - Company Information")
    doc.add_paragraph("Legal Business Name: Ridgeway Janitorial Services, Inc.")
    doc.add_paragraph("DBA (if any): Ridgeway Clean")
    doc.add_paragraph("Federal Tax ID (EIN): 47-3308815")
    doc.add_paragraph("Street Address: 5120 Harmon Rd, Unit C")
    doc.add_paragraph("City: Columbus          State: OH          ZIP: 43219")
    doc.add_paragraph("Phone: 614-555-0133          Email: ap@ridgewayclean.com")
    doc.add_paragraph("Year Established: 2011          Number of Employees: 64")
    bold_para(doc, "Section 2 - Business Classification")
    doc.add_paragraph(
        "Entity Type:  [ ] Sole Proprietor  [ ] Partnership  [x] Corporation  [ ] LLC"
    )
    doc.add_paragraph("Minority-Owned Business:  [x] Yes  [ ] No")
    doc.add_paragraph("Woman-Owned Business:  [ ] Yes  [x] No")
    doc.add_paragraph("Certificate of Insurance Attached:  [x] Yes  [ ] No")
    bold_para(doc, "Section 3 - Payment")
    doc.add_paragraph("Preferred Payment Method:  [x] ACH  [ ] Check  [ ] Card")
    doc.add_paragraph("Bank Name: Huntington National Bank")
    doc.add_paragraph("Routing Number: 044000024")
    doc.add_paragraph("Contact Person: Loretta Simms, Controller")
    doc.add_paragraph("Date: 02/27/2026")
    schema = {
        "type": "object",
        "properties": {
            "legal_name": {"type": "string"},
            "dba_name": {"type": ["string", "null"]},
            "tax_id": {"type": "string"},
            "address": ADDRESS,
            "phone": {"type": ["string", "null"]},
            "email": {"type": ["string", "null"]},
            "year_established": {"type": ["integer", "null"]},
            "employee_count": {"type": ["integer", "null"]},
            "entity_type": {
                "type": "string",
                "enum": ["sole_proprietor", "partnership", "corporation", "llc"],
            },
            "minority_owned": {"type": "boolean"},
            "woman_owned": {"type": "boolean"},
            "insurance_certificate_attached": {"type": "boolean"},
            "payment_method": {"type": "string", "enum": ["ach", "check", "card"]},
            "bank_name": {"type": ["string", "null"]},
            "routing_number": {"type": ["string", "null"]},
            "contact_name": {"type": ["string", "null"]},
            "signed_date": {"type": ["string", "null"], "format": "date"},
        },
    }
    expected = {
        "legal_name": "Ridgeway Janitorial Services, Inc.",
        "dba_name": "Ridgeway Clean",
        "tax_id": "47-3308815",
        "address": addr("5120 Harmon Rd, Unit C", "Columbus", "OH", "43219"),
        "phone": "614-555-0133",
        "email": "ap@ridgewayclean.com",
        "year_established": 2011,
        "employee_count": 64,
        "entity_type": "corporation",
        "minority_owned": True,
        "woman_owned": False,
        "insurance_certificate_attached": True,
        "payment_method": "ach",
        "bank_name": "Huntington National Bank",
        "routing_number": "044000024",
        "contact_name": "Loretta Simms",
        "signed_date": "2026-02-27",
    }
    return ".docx", docx_bytes(doc), schema, expected


def expense_csv() -> Case:
    """An expense-report export (CSV) from a card program."""
    rows = [
        (
            "2026-03-02",
            "Delta Air Lines",
            "Airfare",
            "412.60",
            "USD",
            "Client visit - Boston",
            "Yes",
        ),
        ("2026-03-03", "Marriott Copley Place", "Lodging", "689.31", "USD", "2 nights", "Yes"),
        ("2026-03-03", "Uber", "Ground Transport", "38.12", "USD", "", "Yes"),
        ("2026-03-04", "Legal Sea Foods", "Meals", "96.40", "USD", "Dinner with client (3)", "No"),
        ("2026-03-05", "Staples", "Office Supplies", "24.99", "USD", "", "Yes"),
    ]
    header = "Transaction Date,Merchant,Category,Amount,Currency,Memo,Receipt Attached"
    lines = [header] + [",".join(f'"{c}"' if "," in c else c for c in r) for r in rows]
    text = "\n".join(lines) + "\n"
    schema = {
        "type": "object",
        "properties": {
            "expenses": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "vendor": {"type": "string"},
                        "category": {
                            "type": "string",
                            "enum": [
                                "Airfare",
                                "Lodging",
                                "Ground Transport",
                                "Meals",
                                "Office Supplies",
                                "Other",
                            ],
                        },
                        "amount": {"type": "number"},
                        "currency": {"type": "string"},
                        "notes": {"type": ["string", "null"]},
                        "has_receipt": {"type": "boolean"},
                    },
                },
            }
        },
    }
    expected = {
        "expenses": [
            {
                "date": d,
                "vendor": m,
                "category": c,
                "amount": float(a),
                "currency": cur,
                "notes": memo or None,
                "has_receipt": r == "Yes",
            }
            for d, m, c, a, cur, memo, r in rows
        ]
    }
    return ".csv", text.encode(), schema, expected


def order_confirmation_html() -> Case:
    """An e-commerce order confirmation e-mail (HTML): 'Shipping to' block, item rows."""
    items = [
        ("Trail Runner 4 GTX - Men's 10.5", "TR4-M105-BLK", 1, D("139.95")),
        ("Merino Hiking Socks (3-pack)", "MHS-3PK-L", 2, D("24.00")),
        ("Collapsible Trekking Poles", "CTP-ALU-2", 1, D("64.50")),
    ]
    sub = sum((q * p for _, _, q, p in items), D(0))
    discount = D("25.25")
    ship = D("0.00")
    tax = D("18.18")
    total = sub - discount + ship + tax
    rows = "\n".join(
        f"<tr><td>{n}<br><small>SKU: {s}</small></td><td>{q}</td><td>${us(p)}</td>"
        f"<td>${us(q * p)}</td></tr>"
        for n, s, q, p in items
    )
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Order confirmed</title></head>
<body>
<h1>Alpine Outfitters</h1>
<p>Hi Sam, thanks for your order! We'll let you know when it ships.</p>
<p><b>Order #AO-3390127</b> &middot; Placed on March 19, 2026</p>
<table>
<tr><th>Item</th><th>Qty</th><th>Price</th><th>Total</th></tr>
{rows}
</table>
<table>
<tr><td>Subtotal</td><td>${us(sub)}</td></tr>
<tr><td>Discount (SPRING10)</td><td>-${us(discount)}</td></tr>
<tr><td>Shipping</td><td>FREE</td></tr>
<tr><td>Estimated Tax</td><td>${us(tax)}</td></tr>
<tr><td><b>Order Total</b></td><td><b>${us(total)}</b></td></tr>
</table>
<h3>Shipping to</h3>
<p>Samantha Greer<br>77 Larkspur Lane<br>Boulder, CO 80304<br>United States</p>
<h3>Shipping method</h3>
<p>Standard Ground (3-5 business days)</p>
<h3>Payment</h3>
<p>Amex ending in 1009</p>
</body></html>
"""
    schema = {
        "type": "object",
        "properties": {
            "orderNumber": {"type": "string"},
            "orderDate": {"type": "string", "format": "date"},
            "customerName": {"type": ["string", "null"]},
            "shippingAddress": {
                "type": "object",
                "properties": {
                    "street": {"type": ["string", "null"]},
                    "city": {"type": ["string", "null"]},
                    "state": {"type": ["string", "null"]},
                    "postalCode": {"type": ["string", "null"]},
                    "country": {"type": ["string", "null"]},
                },
            },
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "sku": {"type": ["string", "null"]},
                        "quantity": {"type": "integer"},
                        "price": {"type": "number"},
                        "lineTotal": {"type": "number"},
                    },
                },
            },
            "subtotal": {"type": "number"},
            "discount": {"type": ["number", "null"]},
            "promoCode": {"type": ["string", "null"]},
            "shippingCost": {"type": ["number", "null"]},
            "tax": {"type": ["number", "null"]},
            "total": {"type": "number"},
            "shippingMethod": {"type": ["string", "null"]},
        },
    }
    expected = {
        "orderNumber": "AO-3390127",
        "orderDate": "2026-03-19",
        "customerName": "Samantha Greer",
        "shippingAddress": {
            "street": "77 Larkspur Lane",
            "city": "Boulder",
            "state": "CO",
            "postalCode": "80304",
            "country": "United States",
        },
        "items": [
            {"name": n, "sku": s, "quantity": q, "price": num(p), "lineTotal": num(q * p)}
            for n, s, q, p in items
        ],
        "subtotal": num(sub),
        "discount": num(discount),
        "promoCode": "SPRING10",
        "shippingCost": 0,
        "tax": num(tax),
        "total": num(total),
        "shippingMethod": "Standard Ground (3-5 business days)",
    }
    return ".html", html.encode(), schema, expected


def drivers_license_hub() -> Case:
    """A driver's license transcribed as text (label codes as printed on US cards)."""
    text = """\
OREGON  DRIVER LICENSE                         USA

DL  7204419
CLASS  C
1  NGUYEN
2  THERESA ANH
8  4021 SE HAWTHORNE BLVD
   PORTLAND, OR 97214
DOB  09/30/1991
ISS  05/12/2023
EXP  09/30/2031
SEX  F     HGT  5'-04"     WGT  128 lb
EYES  BRN     HAIR  BLK
RESTR  B
DONOR
"""
    schema = hub_schema("document.us-drivers-license")
    expected = {
        "issuing_state": "OR",
        "license_number": "7204419",
        "full_name": "THERESA ANH NGUYEN",
        "first_name": "THERESA",
        "middle_name": "ANH",
        "last_name": "NGUYEN",
        "address": {
            "street": "4021 SE HAWTHORNE BLVD",
            "city": "PORTLAND",
            "state": "OR",
            "zip_code": "97214",
        },
        "date_of_birth": "1991-09-30",
        "gender": "F",
        "height": "5'-04\"",
        "weight": 128,
        "eye_color": "BRN",
        "hair_color": "BLK",
        "issue_date": "2023-05-12",
        "expiration_date": "2031-09-30",
        "license_class": "C",
        "donor": True,
        "veteran": None,
    }
    return ".txt", text.encode(), schema, expected


def rent_invoice_md() -> Case:
    """A landlord's monthly statement (Markdown): billing period range, tenant block, charges."""
    text = """\
# Cedar Hollow Apartments — Monthly Statement

**Statement Date:** April 1, 2026
**Billing Period:** Apr 1 - Apr 30, 2026
**Payment Due:** April 5, 2026

## Tenant

Rahul Mehta
Cedar Hollow Apartments, Unit 310
1900 Cedar Hollow Rd
Raleigh, NC 27606

## Charges

| Description | Amount |
|---|---|
| Rent | $1,485.00 |
| Water / Sewer | $42.18 |
| Trash & Recycling | $15.00 |
| Pet Rent | $35.00 |
| Late Fee (March) | $75.00 |
| Payment received 03/14/2026 | ($75.00) |

**Amount Due:** $1,577.18

Pay online at portal.cedarhollowapts.com or by check to the leasing office.
"""
    schema = {
        "type": "object",
        "properties": {
            "property_name": {"type": ["string", "null"]},
            "statement_date": {"type": "string", "format": "date"},
            "period_start": {"type": "string", "format": "date"},
            "period_end": {"type": "string", "format": "date"},
            "due_date": {"type": "string", "format": "date"},
            "tenant_name": {"type": "string"},
            "unit": {"type": ["string", "null"]},
            "charges": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "description": {"type": "string"},
                        "amount": {"type": "number"},
                    },
                },
            },
            "amount_due": {"type": "number"},
        },
    }
    expected = {
        "property_name": "Cedar Hollow Apartments",
        "statement_date": "2026-04-01",
        "period_start": "2026-04-01",
        "period_end": "2026-04-30",
        "due_date": "2026-04-05",
        "tenant_name": "Rahul Mehta",
        "unit": "310",
        "charges": [
            {"description": "Rent", "amount": 1485.0},
            {"description": "Water / Sewer", "amount": 42.18},
            {"description": "Trash & Recycling", "amount": 15.0},
            {"description": "Pet Rent", "amount": 35.0},
            {"description": "Late Fee (March)", "amount": 75.0},
            {"description": "Payment received 03/14/2026", "amount": -75.0},
        ],
        "amount_due": 1577.18,
    }
    return ".md", text.encode(), schema, expected


CASES = {
    "invoice-summit-hvac-hub": invoice_hvac_hub,
    "estimate-brightline-signs": estimate_signs,
    "credit-note-fenwick": credit_note_uk,
    "bill-of-lading-pacific-hub": bill_of_lading_hub,
    "eob-blueridge": eob_html,
    "timesheet-marcus-bell": timesheet_docx,
    "w2-cobalt-ridge-hub": w2_hub,
    "receipt-la-palma-hub": restaurant_receipt_hub,
    "deposit-slip-granite-state": deposit_slip,
    "itinerary-wayfare": itinerary_html,
    "resume-okafor-reyes": resume_text,
    "vendor-registration-ridgeway": vendor_registration,
    "expenses-card-export": expense_csv,
    "order-confirmation-alpine": order_confirmation_html,
    "drivers-license-oregon-hub": drivers_license_hub,
    "rent-statement-cedar-hollow": rent_invoice_md,
}


def main() -> int:
    return write_cases(OUT, CASES, formats=False)


if __name__ == "__main__":
    raise SystemExit(main())
