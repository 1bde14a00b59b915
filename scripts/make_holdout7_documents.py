"""Regenerate the engine's seventh held-out corpus: the documents a skill author would try first
when testing an invoice, receipt, resume or general extraction skill, written from knowledge of
real-world layouts before the engine code was read.

Run from the repository root (needs reportlab, python-docx and vlmrun-hub):

    python scripts/make_holdout7_documents.py

Writes ``tests/data/holdout7/<case>.<ext>`` with ``<case>.schema.json`` and
``<case>.expected.json``. Six invoices (a US plumbing contractor, a Spanish "Factura" with IVA, a
UK "VAT INVOICE", a two-page wholesale invoice, a Word-template invoice in DOCX, a SaaS invoice in
HTML), four receipts (grocery, restaurant with tip, pharmacy, an e-commerce order e-mail), three
resumes (one-column PDF, two-column PDF with a sidebar, DOCX) and three others (purchase order,
credit union statement, electricity and gas bill). Eight schemas are vlmrun-hub's as-is; the rest
are written the way skill authors write them (snake_case and camelCase, nested objects, arrays of
objects, enums, booleans, integers, dates). The expected JSON states what each document shows
(null where absent). Output is byte-for-byte reproducible.
"""

from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
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
    eu,
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
OUT = ROOT / "tests" / "data" / "holdout7"
D = Decimal
H, HB, HI = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
C, CB = "Courier", "Courier-Bold"
CENT = D("0.01")


def r2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def zaddr(street=None, city=None, state=None, zip_code=None, **extra: Any) -> dict:
    return {"street": street, "city": city, "state": state, "zip_code": zip_code, **extra}


def hub_item(description: str, qty: Decimal, price: Decimal, total: Decimal) -> dict:
    return {
        "description": description,
        "quantity": num(qty),
        "unit_price": num(price),
        "total_price": num(total),
        "currency": None,
        "item_tax_details": None,
        "item_adjustment_details": None,
    }


def no_bank() -> dict:
    return {
        "bank_name": None,
        "account_holder_name": None,
        "account_number": None,
        "routing_number": None,
        "bsb_number": None,
        "iban": None,
        "swift_bic": None,
    }


# -- invoices -------------------------------------------------------------------------------


def invoice_plumbing_us() -> Case:
    """US trade contractor invoice (PDF, Letter): company block top left, INVOICE with
    "Invoice #", "Date", "Due Date", "Terms" top right, "BILL TO" block, a Description / Qty /
    Rate / Amount table with hours and parts, tax on materials, a deposit and a balance due;
    vlmrun-hub invoice schema."""
    lines = [
        ("Service call - diagnostic", D("1"), D("95.00")),
        ("Labor - licensed plumber (hours)", D("2.5"), D("110.00")),
        ('1-1/2" PVC P-trap kit', D("1"), D("18.75")),
        ("Kitchen faucet - Moen 7594", D("1"), D("189.00")),
        ('Braided supply line 3/8" x 20"', D("2"), D("9.50")),
    ]
    subtotal = sum((q * p for _, q, p in lines), D(0))
    materials = sum((q * p for d, q, p in lines[2:]), D(0))
    tax = r2(materials * D("0.1025"))
    total = subtotal + tax
    deposit = D("200.00")
    ops: list[Op] = [
        ("t", 40, 54, "Rivera Plumbing & Drain LLC", HB, 18),
        ("t", 40, 72, "1842 W Grand Ave", H, 10),
        ("t", 40, 85, "Chicago, IL 60622", H, 10),
        ("t", 40, 98, "(312) 555-0187", H, 10),
        ("t", 40, 111, "office@riveraplumbing.com", H, 10),
        ("t", 40, 124, "www.riveraplumbing.com", H, 10),
        ("r", 572, 54, "INVOICE", HB, 24),
        ("t", 400, 78, "Invoice #:", HB, 10),
        ("r", 572, 78, "10482", H, 10),
        ("t", 400, 91, "Date:", HB, 10),
        ("r", 572, 91, "03/14/2026", H, 10),
        ("t", 400, 104, "Due Date:", HB, 10),
        ("r", 572, 104, "04/13/2026", H, 10),
        ("t", 400, 117, "Terms:", HB, 10),
        ("r", 572, 117, "Net 30", H, 10),
        ("t", 40, 160, "BILL TO", HB, 10),
        ("t", 40, 174, "Margaret Holloway", H, 10),
        ("t", 40, 187, "2231 N Kedzie Blvd", H, 10),
        ("t", 40, 200, "Chicago, IL 60647", H, 10),
    ]
    rows = [["Description", "Qty", "Rate", "Amount"]]
    rows += [[d, f"{q.normalize():f}", us(p), us(q * p)] for d, q, p in lines]
    tops, y = table_ops([40, 390, 470, 572], 240, rows, "lrrr", size=10, step=16)
    ops += tops
    ops += [("hr", 40, y - 8, 572)]
    y += 8
    totals = [
        ("Subtotal", us(subtotal)),
        ("Sales Tax (10.25%)", us(tax)),
        ("Total", us(total)),
        ("Deposit Received", f"-{us(deposit)}"),
    ]
    for label, value in totals:
        ops += [("t", 390, y, label, H, 10), ("r", 572, y, value, H, 10)]
        y += 15
    ops += [
        ("t", 390, y + 4, "Balance Due", HB, 12),
        ("r", 572, y + 4, f"${us(total - deposit)}", HB, 12),
    ]
    y += 50
    ops += [
        ("t", 40, y, "Sales tax applies to materials only.", H, 9),
        ("t", 40, y + 14, "Pay online: pay.riveraplumbing.com/10482", H, 9),
        ("c", 306, y + 60, "Thank you for your business!", HI, 10),
    ]
    schema = hub_schema("document.invoice")
    expected = hub_nulls(schema)
    expected.update(
        {
            "invoice_id": "10482",
            "invoice_issue_date": "2026-03-14",
            "invoice_due_date": "2026-04-13",
            "issuer_name": "Rivera Plumbing & Drain LLC",
            "issuer_address": hub_address("1842 W Grand Ave", "Chicago", "IL", "60622"),
            "issuer_email": "office@riveraplumbing.com",
            "issuer_phone": "(312) 555-0187",
            "issuer_website": "www.riveraplumbing.com",
            "customer_name": "Margaret Holloway",
            "customer_billing_address": hub_address("2231 N Kedzie Blvd", "Chicago", "IL", "60647"),
            "items": [hub_item(d, q, p, q * p) for d, q, p in lines],
            "currency": "USD",
            "subtotal": num(subtotal),
            "tax_amount": num(tax),
            "tax_percentage": 10.25,
            "tax_description": "Sales Tax",
            "total_amount": num(total),
            "amount_paid": num(deposit),
            "balance_due": num(total - deposit),
            "payment_terms": "Net 30",
            "payment_link": "pay.riveraplumbing.com/10482",
            "notes": "Sales tax applies to materials only.",
            "footer_text": "Thank you for your business!",
        }
    )
    return ".pdf", pdf_bytes([ops], "Invoice 10482", LETTER), schema, expected


def invoice_factura_es() -> Case:
    """Spanish printing company's "FACTURA" (PDF, A4): emisor block with CIF, "Cliente" block
    with NIF, "Nº Factura" / "Fecha" / "Vencimiento", Concepto / Cantidad / Precio unit. /
    Importe table with European number format, Base imponible, IVA 21 %, Total, IBAN; camelCase
    schema written by a skill author."""
    lines = [
        ("Impresión catálogo A4, 48 págs.", 500, D("3.20")),
        ("Diseño y maquetación", 1, D("450.00")),
        ("Encuadernación rústica", 500, D("0.85")),
    ]
    base = sum((q * p for _, q, p in lines), D(0))
    vat = r2(base * D("0.21"))
    total = base + vat
    ops: list[Op] = [
        ("t", 40, 60, "Talleres Gráficos Levante S.L.", HB, 16),
        ("t", 40, 78, "CIF: B46123456", H, 9),
        ("t", 40, 90, "Calle de Colón 48, 46004 Valencia", H, 9),
        ("t", 40, 102, "Tel. 963 555 214  ·  facturacion@tglevante.es", H, 9),
        ("r", 555, 60, "FACTURA", HB, 22),
        ("t", 370, 92, "Nº Factura:", HB, 9),
        ("r", 555, 92, "2026/0317", H, 9),
        ("t", 370, 105, "Fecha:", HB, 9),
        ("r", 555, 105, "12/03/2026", H, 9),
        ("t", 370, 118, "Vencimiento:", HB, 9),
        ("r", 555, 118, "11/04/2026", H, 9),
        ("t", 40, 150, "Cliente", HB, 10),
        ("t", 40, 164, "Librería Almudena S.A.", H, 10),
        ("t", 40, 177, "NIF: A28987654", H, 10),
        ("t", 40, 190, "Gran Vía 12, 28013 Madrid", H, 10),
    ]
    rows = [["Concepto", "Cantidad", "Precio unit.", "Importe"]]
    rows += [[d, str(q), eu(p), eu(q * p)] for d, q, p in lines]
    tops, y = table_ops([40, 360, 450, 555], 230, rows, "lrrr", size=10, step=16)
    ops += tops
    ops += [("hr", 300, y, 555)]
    y += 16
    for label, value in [
        ("Base imponible", f"{eu(base)} €"),
        ("IVA 21 %", f"{eu(vat)} €"),
        ("TOTAL FACTURA", f"{eu(total)} €"),
    ]:
        font = HB if label.startswith("TOTAL") else H
        ops += [("t", 360, y, label, font, 10), ("r", 555, y, value, font, 10)]
        y += 16
    y += 30
    ops += [
        ("t", 40, y, "Forma de pago: Transferencia bancaria", H, 9),
        ("t", 40, y + 13, "IBAN: ES91 2100 0418 4502 0005 1332", H, 9),
        (
            "t",
            40,
            y + 26,
            "Inscrita en el Registro Mercantil de Valencia, Tomo 8123, Folio 45",
            H,
            7,
        ),
    ]
    party = obj({"name": s(), "taxId": nul("string"), "address": nul("string")})
    schema = obj(
        {
            "invoiceNumber": s(),
            "issueDate": date(),
            "dueDate": ndate(),
            "seller": party,
            "buyer": party,
            "lineItems": arr(
                obj(
                    {
                        "description": s(),
                        "quantity": n(),
                        "unitPrice": n(),
                        "amount": n(),
                    },
                    required=["description", "amount"],
                )
            ),
            "netAmount": n(description="Taxable base before VAT"),
            "vatRate": n(description="VAT rate in percent"),
            "vatAmount": n(),
            "grossTotal": n(),
            "currency": s(enum=["EUR", "USD", "GBP"]),
            "paymentMethod": nul("string"),
            "iban": nul("string"),
        },
        required=["invoiceNumber", "issueDate", "seller", "buyer", "grossTotal"],
    )
    expected = {
        "invoiceNumber": "2026/0317",
        "issueDate": "2026-03-12",
        "dueDate": "2026-04-11",
        "seller": {
            "name": "Talleres Gráficos Levante S.L.",
            "taxId": "B46123456",
            "address": "Calle de Colón 48, 46004 Valencia",
        },
        "buyer": {
            "name": "Librería Almudena S.A.",
            "taxId": "A28987654",
            "address": "Gran Vía 12, 28013 Madrid",
        },
        "lineItems": [
            {"description": d, "quantity": q, "unitPrice": num(p), "amount": num(q * p)}
            for d, q, p in lines
        ],
        "netAmount": num(base),
        "vatRate": 21,
        "vatAmount": num(vat),
        "grossTotal": num(total),
        "currency": "EUR",
        "paymentMethod": "Transferencia bancaria",
        "iban": "ES91 2100 0418 4502 0005 1332",
    }
    return ".pdf", pdf_bytes([ops], "Factura 2026/0317", A4), schema, expected


def invoice_uk_vat() -> Case:
    """UK joinery firm's "VAT INVOICE" (PDF, A4): the document title above the letterhead,
    VAT registration and company numbers, "Invoice to" block, dd/mm/yyyy dates, "Your ref",
    a Description / Qty / Unit Price / VAT % / Net table in pounds, net / VAT / total and bank
    details with sort code; snake_case schema with nested objects and an integer quantity."""
    lines = [
        ("Supply & fit oak internal doors", 6, D("285.00")),
        ("Door ironmongery set (brushed steel)", 6, D("42.50")),
        ("Removal and disposal of old doors", 1, D("60.00")),
    ]
    net = sum((q * p for _, q, p in lines), D(0))
    vat = r2(net * D("0.20"))
    total = net + vat
    ops: list[Op] = [
        ("c", 297, 50, "VAT INVOICE", HB, 16),
        ("t", 40, 84, "Hartley & Finch Joinery Ltd", HB, 14),
        ("t", 40, 100, "Unit 4, Canal Side Industrial Estate", H, 9),
        ("t", 40, 112, "Leeds LS11 5QR", H, 9),
        ("t", 40, 124, "Tel: 0113 496 0721", H, 9),
        ("t", 40, 136, "accounts@hartleyfinch.co.uk", H, 9),
        ("t", 360, 84, "Invoice No:", HB, 9),
        ("t", 450, 84, "HF-2026-0142", H, 9),
        ("t", 360, 97, "Invoice Date:", HB, 9),
        ("t", 450, 97, "06/02/2026", H, 9),
        ("t", 360, 110, "Due Date:", HB, 9),
        ("t", 450, 110, "20/02/2026", H, 9),
        ("t", 360, 123, "Your ref:", HB, 9),
        ("t", 450, 123, "PO 7731", H, 9),
        ("t", 40, 172, "Invoice to:", HB, 10),
        ("t", 40, 186, "Bramley Property Management", H, 10),
        ("t", 40, 199, "14 Park Square East", H, 10),
        ("t", 40, 212, "Leeds LS1 2NE", H, 10),
    ]
    rows = [["Description", "Qty", "Unit Price", "VAT %", "Net £"]]
    rows += [[d, str(q), f"£{us(p)}", "20%", us(q * p)] for d, q, p in lines]
    tops, y = table_ops([40, 320, 400, 460, 555], 250, rows, "lrrrr", size=9.5, step=16)
    ops += tops
    ops += [("hr", 340, y, 555)]
    y += 16
    for label, value in [
        ("Net Total", f"£{us(net)}"),
        ("VAT @ 20%", f"£{us(vat)}"),
        ("Invoice Total", f"£{us(total)}"),
    ]:
        font = HB if label == "Invoice Total" else H
        ops += [("t", 360, y, label, font, 10), ("r", 555, y, value, font, 10)]
        y += 16
    y += 30
    ops += [
        ("t", 40, y, "Payment by BACS to:", HB, 9),
        ("t", 40, y + 13, "Bank: Barclays Bank plc", H, 9),
        ("t", 40, y + 26, "Account name: Hartley & Finch Joinery Ltd", H, 9),
        ("t", 40, y + 39, "Sort code: 20-45-77", H, 9),
        ("t", 40, y + 52, "Account no: 43218765", H, 9),
        ("t", 40, 790, "VAT Reg. No: GB 284 6671 39", H, 8),
        ("t", 220, 790, "Registered in England & Wales, Company No. 08812345", H, 8),
    ]
    schema = obj(
        {
            "invoice_number": s(),
            "invoice_date": date(),
            "due_date": ndate(),
            "customer_reference": nul("string", title="Customer PO / reference"),
            "supplier": obj(
                {
                    "name": s(),
                    "vat_number": nul("string"),
                    "company_number": nul("string"),
                    "email": nul("string"),
                }
            ),
            "customer": obj({"name": s(), "address": nul("string")}),
            "items": arr(
                obj(
                    {
                        "description": s(),
                        "quantity": integer(),
                        "unit_price": n(),
                        "vat_rate": n(),
                        "net_amount": n(),
                    }
                )
            ),
            "net_total": n(),
            "vat_total": n(),
            "invoice_total": n(),
            "currency": s(enum=["GBP", "EUR", "USD"]),
            "bank": obj(
                {
                    "bank_name": nul("string"),
                    "sort_code": nul("string"),
                    "account_number": nul("string"),
                }
            ),
        },
        required=["invoice_number", "invoice_date", "invoice_total"],
    )
    expected = {
        "invoice_number": "HF-2026-0142",
        "invoice_date": "2026-02-06",
        "due_date": "2026-02-20",
        "customer_reference": "PO 7731",
        "supplier": {
            "name": "Hartley & Finch Joinery Ltd",
            "vat_number": "GB 284 6671 39",
            "company_number": "08812345",
            "email": "accounts@hartleyfinch.co.uk",
        },
        "customer": {
            "name": "Bramley Property Management",
            "address": "14 Park Square East, Leeds LS1 2NE",
        },
        "items": [
            {
                "description": d,
                "quantity": q,
                "unit_price": num(p),
                "vat_rate": 20,
                "net_amount": num(q * p),
            }
            for d, q, p in lines
        ],
        "net_total": num(net),
        "vat_total": num(vat),
        "invoice_total": num(total),
        "currency": "GBP",
        "bank": {
            "bank_name": "Barclays Bank plc",
            "sort_code": "20-45-77",
            "account_number": "43218765",
        },
    }
    return ".pdf", pdf_bytes([ops], "VAT Invoice HF-2026-0142", A4), schema, expected


def invoice_two_page() -> Case:
    """Food-service distributor invoice running over two pages (PDF, Letter): header block on
    page 1, a 22-line Item # / Description / Qty / Unit / Unit Price / Extended table that
    continues on page 2 under a repeated header, totals and "Page x of 2" at the foot of each
    page; snake_case schema with an enum and integers."""
    items = [
        ("10231", "Chicken breast, boneless 4/10 lb", 3, "CS", D("89.40")),
        ("10877", "Ground beef 80/20, 10 lb chub", 4, "CS", D("54.25")),
        ("11402", "Bacon, applewood sliced 15 lb", 2, "CS", D("72.10")),
        ("12005", "Eggs, large grade A 15 doz", 5, "CS", D("41.80")),
        ("12310", "Butter, unsalted 36 x 1 lb", 1, "CS", D("118.50")),
        ("12456", "Milk, whole 4 x 1 gal", 6, "CS", D("19.95")),
        ("13120", "Cheddar, sharp shredded 4/5 lb", 2, "CS", D("61.70")),
        ("14008", "Potatoes, russet 50 lb", 3, "CS", D("27.40")),
        ("14022", "Onions, yellow jumbo 50 lb", 2, "CS", D("24.90")),
        ("14105", "Lettuce, romaine hearts 48 ct", 2, "CS", D("38.60")),
        ("14230", "Tomatoes, 5x6 25 lb", 2, "CS", D("33.15")),
        ("15011", "Flour, all purpose 50 lb", 1, "EA", D("21.30")),
        ("15044", "Sugar, granulated 50 lb", 1, "EA", D("36.80")),
        ("15210", "Pancake mix, buttermilk 6/5 lb", 2, "CS", D("47.25")),
        ("15602", "Maple syrup, pure 4 x 1 gal", 1, "CS", D("142.00")),
        ("16020", "Coffee, medium roast 5 lb", 6, "EA", D("38.75")),
        ("16511", "Orange juice, frozen conc 12/32 oz", 1, "CS", D("52.40")),
        ("17003", "Fryer oil, soybean 35 lb", 4, "EA", D("39.90")),
        ("18044", "To-go box, hinged 9x9 200 ct", 2, "CS", D("44.60")),
        ("18050", "Napkins, dinner 3000 ct", 1, "CS", D("36.20")),
        ("18230", "Gloves, vinyl L 1000 ct", 3, "CS", D("29.85")),
        ("19001", "Sanitizer, quat 4 x 1 gal", 1, "CS", D("58.30")),
    ]
    subtotal = sum((q * p for _, _, q, _, p in items), D(0))
    freight = D("45.00")
    total = subtotal + freight
    header = ["Item #", "Description", "Qty", "Unit", "Unit Price", "Extended"]
    xs = [40, 100, 380, 400, 490, 572]
    aligns = "llrlrr"

    def rows(chunk):
        return [header] + [[i, d, str(q), u, us(p), us(q * p)] for i, d, q, u, p in chunk]

    page1: list[Op] = [
        ("t", 40, 54, "Summit Restaurant Supply Co.", HB, 16),
        ("t", 40, 70, "2900 E Commercial Ave, Meridian, ID 83642", H, 9),
        ("t", 40, 82, "Phone (208) 555-0110  ·  ar@summitrsc.com", H, 9),
        ("r", 572, 54, "INVOICE", HB, 20),
        ("t", 410, 76, "Invoice No.", HB, 9),
        ("r", 572, 76, "INV-558204", H, 9),
        ("t", 410, 88, "Invoice Date", HB, 9),
        ("r", 572, 88, "04/06/2026", H, 9),
        ("t", 410, 100, "Customer PO", HB, 9),
        ("r", 572, 100, "BB-0406", H, 9),
        ("t", 410, 112, "Terms", HB, 9),
        ("r", 572, 112, "Net 15", H, 9),
        ("t", 40, 130, "Sold To", HB, 10),
        ("t", 40, 143, "Bluebird Diner LLC", H, 10),
        ("t", 40, 156, "PO Box 2278", H, 10),
        ("t", 40, 169, "Boise, ID 83701", H, 10),
        ("t", 300, 130, "Ship To", HB, 10),
        ("t", 300, 143, "Bluebird Diner", H, 10),
        ("t", 300, 156, "410 W Main St", H, 10),
        ("t", 300, 169, "Boise, ID 83702", H, 10),
    ]
    tops, _ = table_ops(xs, 205, rows(items[:16]), aligns, size=9, step=16)
    page1 += tops
    page1 += [
        ("c", 306, 740, "Continued on next page", HI, 8),
        ("r", 572, 760, "Page 1 of 2", H, 8),
    ]
    page2: list[Op] = [
        ("t", 40, 54, "Summit Restaurant Supply Co.", HB, 12),
        ("r", 572, 54, "Invoice INV-558204 (continued)", H, 9),
    ]
    tops, y = table_ops(xs, 90, rows(items[16:]), aligns, size=9, step=16)
    page2 += tops
    page2 += [("hr", 380, y, 572)]
    y += 16
    for label, value in [
        ("Subtotal", us(subtotal)),
        ("Freight", us(freight)),
        ("Sales Tax (resale exempt)", "0.00"),
        ("TOTAL DUE", f"${us(total)}"),
    ]:
        font = HB if label == "TOTAL DUE" else H
        ops = [("t", 380, y, label, font, 10), ("r", 572, y, value, font, 10)]
        page2 += ops
        y += 15
    page2 += [
        ("t", 40, y + 30, "Past-due balances are subject to a 1.5% monthly finance charge.", H, 8),
        ("r", 572, 760, "Page 2 of 2", H, 8),
    ]
    schema = obj(
        {
            "invoice_no": s(),
            "invoice_date": date(),
            "po_number": nul("string"),
            "payment_terms": nul("string"),
            "vendor_name": s(),
            "sold_to": obj({"name": s(), "address": nul("string")}),
            "ship_to": obj({"name": s(), "address": nul("string")}),
            "line_items": arr(
                obj(
                    {
                        "item_number": s(),
                        "description": s(),
                        "quantity": integer(),
                        "unit": s(enum=["CS", "EA", "LB"]),
                        "unit_price": n(),
                        "extended_price": n(),
                    },
                    required=["description", "extended_price"],
                )
            ),
            "subtotal": n(),
            "freight": nul("number"),
            "sales_tax": nul("number"),
            "total_due": n(),
            "page_count": integer(description="Number of pages of the invoice"),
        },
        required=["invoice_no", "line_items", "total_due"],
    )
    expected = {
        "invoice_no": "INV-558204",
        "invoice_date": "2026-04-06",
        "po_number": "BB-0406",
        "payment_terms": "Net 15",
        "vendor_name": "Summit Restaurant Supply Co.",
        "sold_to": {"name": "Bluebird Diner LLC", "address": "PO Box 2278, Boise, ID 83701"},
        "ship_to": {"name": "Bluebird Diner", "address": "410 W Main St, Boise, ID 83702"},
        "line_items": [
            {
                "item_number": i,
                "description": d,
                "quantity": q,
                "unit": u,
                "unit_price": num(p),
                "extended_price": num(q * p),
            }
            for i, d, q, u, p in items
        ],
        "subtotal": num(subtotal),
        "freight": num(freight),
        "sales_tax": 0.0,
        "total_due": num(total),
        "page_count": 2,
    }
    return ".pdf", pdf_bytes([page1, page2], "Invoice INV-558204", LETTER), schema, expected


def invoice_word_template() -> Case:
    """Invoice made from a Word template (DOCX): a borderless header table with the company
    block left and INVOICE / number / date / customer ID right, a BILL TO | SHIP TO table,
    a QTY / DESCRIPTION / UNIT PRICE / LINE TOTAL grid whose last rows carry the totals, and
    the template's closing lines; vlmrun-hub invoice schema."""
    lines = [
        (2, "Vinyl banner 3 x 8 ft, hemmed with grommets", D("64.00")),
        (150, "Race bib, Tyvek, numbered", D("0.85")),
        (1, "Finish line arch sign, coroplast", D("210.00")),
    ]
    subtotal = sum((q * p for q, _, p in lines), D(0))
    tax = r2(subtotal * D("0.06"))
    shipping = D("15.00")
    total = subtotal + tax + shipping
    doc = new_docx("Invoice 2026-0091")
    head = doc.add_table(rows=1, cols=2)
    left, right = head.cell(0, 0), head.cell(0, 1)
    left.text = "Lakeshore Print & Sign"
    for run in left.paragraphs[0].runs:
        run.bold = True
    for line in [
        "508 Harbor Dr, Suite 3",
        "Traverse City, MI 49684",
        "Phone 231-555-0148",
        "orders@lakeshoreprint.com",
    ]:
        left.add_paragraph(line)
    right.text = "INVOICE"
    for run in right.paragraphs[0].runs:
        run.bold = True
    for line in [
        "Invoice No. 2026-0091",
        "Date: February 20, 2026",
        "Customer ID: LKS-0417",
        "Terms: Due on receipt",
    ]:
        right.add_paragraph(line)
    doc.add_paragraph("")
    parties = doc.add_table(rows=2, cols=2)
    parties.cell(0, 0).text = "BILL TO"
    parties.cell(0, 1).text = "SHIP TO"
    parties.cell(1, 0).text = "Grand Traverse Running Club"
    parties.cell(1, 0).add_paragraph("PO Box 1120")
    parties.cell(1, 0).add_paragraph("Traverse City, MI 49685")
    parties.cell(1, 1).text = "Grand Traverse Running Club"
    parties.cell(1, 1).add_paragraph("1250 Front St")
    parties.cell(1, 1).add_paragraph("Traverse City, MI 49684")
    doc.add_paragraph("")
    grid = [["QTY", "DESCRIPTION", "UNIT PRICE", "LINE TOTAL"]]
    grid += [[str(q), d, us(p), us(q * p)] for q, d, p in lines]
    grid += [
        ["", "", "SUBTOTAL", us(subtotal)],
        ["", "", "SALES TAX 6%", us(tax)],
        ["", "", "SHIPPING & HANDLING", us(shipping)],
        ["", "", "TOTAL DUE", f"${us(total)}"],
    ]
    docx_table(doc, grid)
    doc.add_paragraph("")
    doc.add_paragraph("Make all checks payable to Lakeshore Print & Sign.")
    doc.add_paragraph("If you have any questions concerning this invoice, call 231-555-0148.")
    bold_para(doc, "THANK YOU FOR YOUR BUSINESS!")
    schema = hub_schema("document.invoice")
    expected = hub_nulls(schema)
    expected.update(
        {
            "invoice_id": "2026-0091",
            "invoice_issue_date": "2026-02-20",
            "customer_id": "LKS-0417",
            "issuer_name": "Lakeshore Print & Sign",
            "issuer_address": hub_address("508 Harbor Dr, Suite 3", "Traverse City", "MI", "49684"),
            "issuer_email": "orders@lakeshoreprint.com",
            "issuer_phone": "231-555-0148",
            "customer_name": "Grand Traverse Running Club",
            "customer_billing_address": hub_address("PO Box 1120", "Traverse City", "MI", "49685"),
            "customer_shipping_address": hub_address(
                "1250 Front St", "Traverse City", "MI", "49684"
            ),
            "items": [hub_item(d, D(q), p, q * p) for q, d, p in lines],
            "currency": "USD",
            "subtotal": num(subtotal),
            "shipping_cost": num(shipping),
            "tax_amount": num(tax),
            "tax_percentage": 6.0,
            "tax_description": "SALES TAX",
            "total_amount": num(total),
            "payment_terms": "Due on receipt",
            "payment_instructions": "Make all checks payable to Lakeshore Print & Sign.",
            "footer_text": "THANK YOU FOR YOUR BUSINESS!",
        }
    )
    return ".docx", docx_bytes(doc), schema, expected


def invoice_saas_html() -> Case:
    """Subscription software invoice (HTML, the layout billing platforms e-mail): key-value
    header table, "From" and "Bill to" columns, a headline amount due, seat-based line with a
    service period, a promotional discount, totals and a payment link; camelCase schema with
    nested objects and an integer quantity."""
    items = [
        ("Team plan (per seat) Mar 1 – Mar 31, 2026", 12, D("79.00")),
        ("Additional storage 500 GB", 1, D("150.00")),
        ("Priority support add-on", 1, D("120.00")),
    ]
    subtotal = sum((q * p for _, q, p in items), D(0))
    discount = r2(subtotal * D("0.10"))
    total = subtotal - discount
    rows = "\n".join(
        f'    <tr><td>{d}</td><td align="right">{q}</td><td align="right">${us(p)}</td>'
        f'<td align="right">${us(q * p)}</td></tr>'
        for d, q, p in items
    )
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Invoice 7F3A9C12-0004</title></head>
<body style="font-family:-apple-system,Helvetica,Arial,sans-serif;color:#1a1a1a">
<h1>Invoice</h1>
<table>
  <tr><td>Invoice number</td><td>7F3A9C12-0004</td></tr>
  <tr><td>Date of issue</td><td>March 1, 2026</td></tr>
  <tr><td>Date due</td><td>March 15, 2026</td></tr>
</table>
<table width="100%" style="margin-top:24px">
  <tr>
    <td valign="top"><b>Loomwork Analytics, Inc.</b><br>548 Market St PMB 90412<br>
      San Francisco, California 94104<br>United States<br>billing@loomwork.io</td>
    <td valign="top"><b>Bill to</b><br>Ferngrove Studio<br>77 Queen St W<br>
      Toronto, Ontario M5H 2M5<br>Canada<br>accounts@ferngrove.co</td>
  </tr>
</table>
<h2>${us(total)} USD due March 15, 2026</h2>
<p>Pay online: https://pay.loomwork.io/i/7F3A9C12-0004</p>
<table width="100%" cellspacing="0" cellpadding="6">
  <thead><tr><th align="left">Description</th><th align="right">Qty</th>
    <th align="right">Unit price</th><th align="right">Amount</th></tr></thead>
  <tbody>
{rows}
  </tbody>
</table>
<table align="right">
  <tr><td>Subtotal</td><td align="right">${us(subtotal)}</td></tr>
  <tr><td>Annual promo (10% off)</td><td align="right">-${us(discount)}</td></tr>
  <tr><td>Total</td><td align="right">${us(total)}</td></tr>
  <tr><td><b>Amount due</b></td><td align="right"><b>${us(total)} USD</b></td></tr>
</table>
<p style="clear:both;font-size:12px;color:#666">Questions? Contact billing@loomwork.io.</p>
</body></html>
"""
    schema = obj(
        {
            "invoiceNumber": s(),
            "issueDate": date(),
            "dueDate": ndate(),
            "vendor": obj({"name": s(), "email": nul("string"), "country": nul("string")}),
            "customer": obj({"name": s(), "email": nul("string"), "country": nul("string")}),
            "items": arr(
                obj(
                    {
                        "description": s(),
                        "quantity": integer(),
                        "unitPrice": n(),
                        "amount": n(),
                    }
                )
            ),
            "billingPeriod": obj({"start": ndate(), "end": ndate()}),
            "subtotal": n(),
            "discount": obj({"description": nul("string"), "amount": nul("number")}),
            "total": n(),
            "amountDue": n(),
            "currency": s(description="ISO 4217 code"),
            "paymentUrl": nul("string"),
        },
        required=["invoiceNumber", "issueDate", "total"],
    )
    expected = {
        "invoiceNumber": "7F3A9C12-0004",
        "issueDate": "2026-03-01",
        "dueDate": "2026-03-15",
        "vendor": {
            "name": "Loomwork Analytics, Inc.",
            "email": "billing@loomwork.io",
            "country": "United States",
        },
        "customer": {
            "name": "Ferngrove Studio",
            "email": "accounts@ferngrove.co",
            "country": "Canada",
        },
        "items": [
            {"description": d, "quantity": q, "unitPrice": num(p), "amount": num(q * p)}
            for d, q, p in items
        ],
        "billingPeriod": {"start": "2026-03-01", "end": "2026-03-31"},
        "subtotal": num(subtotal),
        "discount": {"description": "Annual promo (10% off)", "amount": num(discount)},
        "total": num(total),
        "amountDue": num(total),
        "currency": "USD",
        "paymentUrl": "https://pay.loomwork.io/i/7F3A9C12-0004",
    }
    return ".html", html.encode("utf-8"), schema, expected


# -- receipts -------------------------------------------------------------------------------

RECEIPT_SIZE = (230, 620)


def mono(lines: list[str], size: float = 7.5, step: float = 10, top: float = 30) -> list[Op]:
    """A thermal-printer receipt: fixed-width lines, left edge at 10 pt."""
    ops: list[Op] = []
    for i, line in enumerate(lines):
        if line:
            ops.append(("t", 10, top + i * step, line, C, size))
    return ops


def row(left: str, right: str, width: int = 46) -> str:
    return left + " " * max(1, width - len(left) - len(right)) + right


def receipt_grocery() -> Case:
    """Supermarket till receipt (PDF, narrow thermal roll, Courier): store header, STORE / REG /
    TRANS line, items with weighed produce ("2.14 lb @ 0.69 /lb") and multi-buys ("2 @ 5.49"),
    a member-savings line, subtotal, tax, total and the card tender; vlmrun-hub receipt."""
    subtotal_items = [
        ("ORG BABY SPINACH", D(1), D("3.99"), ""),
        ("BANANAS", D("2.14"), D("0.69"), ""),
        ("GREEK YOGURT 32OZ", D(2), D("5.49"), ""),
        ("SOURDOUGH BOULE", D(1), D("4.49"), ""),
        ("AVOCADOS HASS", D(4), D("1.25"), ""),
        ("SPARKLING WATER 12PK", D(1), D("6.99"), " T"),
    ]
    totals = [(r2(q * p)) for _, q, p, _ in subtotal_items]
    savings = D("1.00")
    subtotal = sum(totals, D(0)) - savings
    tax = r2(D("6.99") * D("0.09125"))
    total = subtotal + tax
    lines = [
        "         GREEN VALLEY MARKET #117",
        "          2450 El Camino Real",
        "           Palo Alto, CA 94306",
        "             (650) 555-0192",
        "",
        "STORE 117   REG 03   TRANS 08812",
        "CASHIER: MARIA",
        "03/08/2026   5:42 PM",
        "",
        row("ORG BABY SPINACH", "3.99"),
        row("BANANAS", "1.48"),
        "  2.14 lb @ 0.69 /lb",
        row("GREEK YOGURT 32OZ", "10.98"),
        "  2 @ 5.49",
        row("  MEMBER SAVINGS", "-1.00"),
        row("SOURDOUGH BOULE", "4.49"),
        row("AVOCADOS HASS", "5.00"),
        "  4 @ 1.25",
        row("SPARKLING WATER 12PK", "6.99 T"),
        "",
        row("SUBTOTAL", us(subtotal)),
        row("TAX 9.125%", us(tax)),
        row("TOTAL", us(total)),
        "",
        row("VISA CREDIT", us(total)),
        "CARD # ************4417",
        "CHIP READ   AUTH 083312",
        "",
        row("ITEMS SOLD", "10"),
        row("YOUR MEMBER SAVINGS TODAY", "1.00"),
        "",
        "   THANK YOU FOR SHOPPING GREEN VALLEY!",
    ]
    schema = hub_schema("document.receipt")
    expected = hub_nulls(schema)
    expected.update(
        {
            "receipt_id": "08812",
            "transaction_date": "2026-03-08T17:42:00",
            "merchant_name": "GREEN VALLEY MARKET #117",
            "merchant_address": hub_address("2450 El Camino Real", "Palo Alto", "CA", "94306"),
            "merchant_phone": "(650) 555-0192",
            "cashier_name": "MARIA",
            "register_number": "03",
            "items": [
                {
                    "description": d,
                    "quantity": num(q),
                    "unit_price": num(p),
                    "total_price": num(t),
                }
                for (d, q, p, _), t in zip(subtotal_items, totals, strict=True)
            ],
            "subtotal": num(subtotal),
            "tax": num(tax),
            "total": num(total),
            "currency": "USD",
            "payment_method": {"type": "CREDIT", "card_last_4": "4417", "card_type": "VISA"},
            "discount_amount": num(savings),
            "discount_description": "MEMBER SAVINGS",
        }
    )
    return ".pdf", pdf_bytes([mono(lines)], "Receipt", RECEIPT_SIZE), schema, expected


def receipt_restaurant() -> Case:
    """Restaurant guest check with the signed card slip's tip (PDF, narrow, Helvetica): name,
    address and phone centred, Server / Table / Guests / Check line, "qty item price" lines,
    subtotal, tax, total, then tip and total charged; snake_case schema with integers, a date,
    a time and an enum."""
    items = [
        (2, "Arancini", D("24.00")),
        (1, "Burrata", D("18.00")),
        (1, "Cacio e Pepe", D("26.00")),
        (1, "Rigatoni alla Vodka", D("25.00")),
        (1, "Branzino", D("38.00")),
        (2, "Glass Chianti Classico", D("30.00")),
        (1, "Tiramisu", D("12.00")),
    ]
    subtotal = sum((p for _, _, p in items), D(0))
    tax = r2(subtotal * D("0.08875"))
    bill = subtotal + tax
    tip = D("34.60")
    charged = bill + tip
    ops: list[Op] = [
        ("c", 115, 30, "TRATTORIA SOLE", HB, 12),
        ("c", 115, 44, "118 Mulberry St, New York, NY 10013", H, 7),
        ("c", 115, 54, "Tel 212-555-0176", H, 7),
        ("t", 12, 76, "Server: Giulia", H, 7.5),
        ("r", 218, 76, "Table: 12", H, 7.5),
        ("t", 12, 87, "Guests: 4", H, 7.5),
        ("r", 218, 87, "Check #4471", H, 7.5),
        ("t", 12, 98, "04/11/2026", H, 7.5),
        ("r", 218, 98, "8:57 PM", H, 7.5),
        ("hr", 12, 104, 218),
    ]
    y = 118
    for q, d, p in items:
        ops += [("t", 12, y, str(q), H, 7.5), ("t", 26, y, d, H, 7.5), ("r", 218, y, us(p), H, 7.5)]
        y += 11
    ops += [("hr", 12, y - 4, 218)]
    y += 8
    for label, value, font in [
        ("Subtotal", us(subtotal), H),
        ("Sales Tax", us(tax), H),
        ("Total", us(bill), HB),
    ]:
        ops += [("t", 100, y, label, font, 8), ("r", 218, y, value, font, 8)]
        y += 11
    y += 10
    for label, value, font in [
        ("AMEX XXXX-1009", "", H),
        ("Amount", us(bill), H),
        ("Tip", us(tip), H),
        ("Total Charged", us(charged), HB),
    ]:
        ops += [("t", 12, y, label, font, 8)]
        if value:
            ops += [("r", 218, y, value, font, 8)]
        y += 11
    ops += [
        ("t", 12, y + 8, "Signature X ____________________", H, 7),
        ("c", 115, y + 30, "Grazie! See you soon.", HI, 8),
    ]
    schema = obj(
        {
            "restaurant": obj({"name": s(), "address": nul("string"), "phone": nul("string")}),
            "check_number": nul("string"),
            "server": nul("string"),
            "table_number": nul("string"),
            "guests": nul("integer", description="Number of guests / covers"),
            "date": date(),
            "time": nul("string", description="24-hour HH:MM"),
            "items": arr(obj({"name": s(), "quantity": integer(), "price": n()})),
            "subtotal": n(),
            "tax": n(),
            "bill_total": n(description="Total of the bill before tip"),
            "tip": nul("number"),
            "total_charged": n(description="Final amount charged including tip"),
            "payment": obj(
                {
                    "method": s(enum=["cash", "card", "other"]),
                    "card_brand": nul("string"),
                    "last4": nul("string"),
                }
            ),
        },
        required=["restaurant", "date", "items", "total_charged"],
    )
    expected = {
        "restaurant": {
            "name": "TRATTORIA SOLE",
            "address": "118 Mulberry St, New York, NY 10013",
            "phone": "212-555-0176",
        },
        "check_number": "4471",
        "server": "Giulia",
        "table_number": "12",
        "guests": 4,
        "date": "2026-04-11",
        "time": "20:57",
        "items": [{"name": d, "quantity": q, "price": num(p)} for q, d, p in items],
        "subtotal": num(subtotal),
        "tax": num(tax),
        "bill_total": num(bill),
        "tip": num(tip),
        "total_charged": num(charged),
        "payment": {"method": "card", "card_brand": "AMEX", "last4": "1009"},
    }
    return ".pdf", pdf_bytes([ops], "Guest check 4471", RECEIPT_SIZE), schema, expected


def receipt_pharmacy() -> Case:
    """Drugstore receipt as plain text (the POS e-receipt): prescriptions with the Rx number on
    the next line, OTC items marked T for taxable, a rewards saving, a multi-buy, tax, total,
    the card tender and a return policy; vlmrun-hub receipt."""
    items = [
        ("AMOXICILLIN 500MG CAP", D(1), D("12.00")),
        ("BENZONATATE 100MG", D(1), D("8.40")),
        ("DAYQUIL SEVERE 24CT", D(1), D("13.49")),
        ("KLEENEX ANTI-VIRAL 3PK", D(1), D("9.99")),
        ("HALLS MENTHOL 30CT", D(2), D("2.79")),
    ]
    savings = D("2.00")
    subtotal = sum((q * p for _, q, p in items), D(0)) - savings
    taxable = D("13.49") + D("9.99") + D("5.58") - savings
    tax = r2(taxable * D("0.07375"))
    total = subtotal + tax
    text = "\n".join(
        [
            "              MAPLEWOOD PHARMACY",
            "           880 Lakeview Ave, Unit B",
            "              Ramsey, MN 55303",
            "               (763) 555-0125",
            "",
            "04/02/2026  10:14 AM     STORE 3302   REG 2",
            "TRANS 0047129             CASHIER: TOM",
            "",
            row("AMOXICILLIN 500MG CAP", "12.00"),
            "   RX #6620184",
            row("BENZONATATE 100MG", "8.40"),
            "   RX #6620185",
            row("DAYQUIL SEVERE 24CT", "13.49 T"),
            row("   REWARDS SAVINGS", "-2.00"),
            row("KLEENEX ANTI-VIRAL 3PK", "9.99 T"),
            row("HALLS MENTHOL 30CT", "5.58 T"),
            "   2 @ 2.79",
            "",
            row("SUBTOTAL", us(subtotal)),
            row("MN TAX 7.375%", us(tax)),
            row("TOTAL", us(total)),
            "",
            row("MASTERCARD", us(total)),
            "ACCT # ************5530",
            "APPROVAL 551902",
            "",
            "REWARDS MEMBER ****8812",
            row("TODAY'S REWARDS SAVINGS", "2.00"),
            "",
            "Prescriptions cannot be returned. Other items",
            "may be returned within 60 days with receipt.",
            "",
            "        Feel better soon!",
            "",
        ]
    )
    schema = hub_schema("document.receipt")
    expected = hub_nulls(schema)
    expected.update(
        {
            "receipt_id": "0047129",
            "transaction_date": "2026-04-02T10:14:00",
            "merchant_name": "MAPLEWOOD PHARMACY",
            "merchant_address": hub_address("880 Lakeview Ave, Unit B", "Ramsey", "MN", "55303"),
            "merchant_phone": "(763) 555-0125",
            "cashier_name": "TOM",
            "register_number": "2",
            "customer_id": "****8812",
            "items": [
                {
                    "description": d,
                    "quantity": num(q),
                    "unit_price": num(p),
                    "total_price": num(q * p),
                }
                for d, q, p in items
            ],
            "subtotal": num(subtotal),
            "tax": num(tax),
            "total": num(total),
            "currency": "USD",
            "payment_method": {"type": "CREDIT", "card_last_4": "5530", "card_type": "MASTERCARD"},
            "discount_amount": num(savings),
            "discount_description": "REWARDS SAVINGS",
            "return_policy": "Prescriptions cannot be returned. Other items may be returned "
            "within 60 days with receipt.",
        }
    )
    return ".txt", text.encode("utf-8"), schema, expected


def receipt_order_email() -> Case:
    """Online shop order confirmation e-mail saved as HTML: greeting, order number and date,
    estimated delivery, product blocks with "Qty" and "Price" lines, shipping address, an order
    summary and the card used; camelCase schema with a nested address and a boolean."""
    items = [
        ("Hydro Flask 32 oz Wide Mouth, Pacific", 1, D("44.95")),
        ("Darn Tough Hiker Micro Crew Socks, M", 2, D("27.00")),
        ("Black Diamond Spot 400 Headlamp", 1, D("49.95")),
    ]
    subtotal = sum((q * p for _, q, p in items), D(0))
    tax = r2(subtotal * D("0.0825"))
    total = subtotal + tax
    blocks = "\n".join(
        f"""<tr><td style="padding:8px 0"><b>{d}</b><br>Qty: {q}<br>Price: ${us(p)}</td></tr>"""
        for d, q, p in items
    )
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Your Northwind Outfitters order #NWO-2026-418833</title></head>
<body style="font-family:Arial,sans-serif;background:#f4f4f4">
<table width="600" align="center" style="background:#fff">
<tr><td><h2>Northwind Outfitters</h2></td></tr>
<tr><td><p>Hi Priya,</p><p>Thanks for your order! We'll let you know as soon as it ships.</p>
</td></tr>
<tr><td>
<p>Order number: <b>NWO-2026-418833</b><br>Order date: March 22, 2026<br>
Estimated delivery: Thursday, March 26, 2026</p>
</td></tr>
<tr><td><h3>Items in your order</h3></td></tr>
{blocks}
<tr><td>
<h3>Shipping to</h3>
<p>Priya Raman<br>1187 Larkspur Ln<br>Apt 4C<br>Austin, TX 78745</p>
</td></tr>
<tr><td>
<h3>Order summary</h3>
<table width="100%">
<tr><td>Items subtotal</td><td align="right">${us(subtotal)}</td></tr>
<tr><td>Shipping (Standard)</td><td align="right">FREE</td></tr>
<tr><td>Estimated tax</td><td align="right">${us(tax)}</td></tr>
<tr><td><b>Order total</b></td><td align="right"><b>${us(total)}</b></td></tr>
</table>
<p>Paid with Visa ending in 2231</p>
</td></tr>
<tr><td style="font-size:11px;color:#777">Northwind Outfitters, 400 Pine St, Seattle, WA 98101.
Questions? support@northwindoutfitters.com</td></tr>
</table>
</body></html>
"""
    schema = obj(
        {
            "sellerName": s(),
            "orderNumber": s(),
            "orderDate": date(),
            "estimatedDelivery": ndate(),
            "customerName": nul("string"),
            "shippingAddress": obj(
                {
                    "name": nul("string"),
                    "line1": nul("string"),
                    "line2": nul("string"),
                    "city": nul("string"),
                    "state": nul("string"),
                    "postalCode": nul("string"),
                }
            ),
            "items": arr(
                obj(
                    {
                        "title": s(),
                        "quantity": integer(),
                        "price": n(description="Price per unit"),
                    }
                )
            ),
            "itemsSubtotal": n(),
            "shippingCost": n(),
            "freeShipping": boolean(),
            "tax": n(),
            "orderTotal": n(),
            "paymentCard": obj({"brand": nul("string"), "last4": nul("string")}),
            "supportEmail": nul("string"),
        },
        required=["orderNumber", "orderDate", "items", "orderTotal"],
    )
    expected = {
        "sellerName": "Northwind Outfitters",
        "orderNumber": "NWO-2026-418833",
        "orderDate": "2026-03-22",
        "estimatedDelivery": "2026-03-26",
        "customerName": "Priya Raman",
        "shippingAddress": {
            "name": "Priya Raman",
            "line1": "1187 Larkspur Ln",
            "line2": "Apt 4C",
            "city": "Austin",
            "state": "TX",
            "postalCode": "78745",
        },
        "items": [{"title": d, "quantity": q, "price": num(p)} for d, q, p in items],
        "itemsSubtotal": num(subtotal),
        "shippingCost": 0.0,
        "freeShipping": True,
        "tax": num(tax),
        "orderTotal": num(total),
        "paymentCard": {"brand": "Visa", "last4": "2231"},
        "supportEmail": "support@northwindoutfitters.com",
    }
    return ".html", html.encode("utf-8"), schema, expected


# -- resumes --------------------------------------------------------------------------------


def resume_one_column() -> Case:
    """One-column resume (PDF, Letter): centred name and contact line, SUMMARY paragraph,
    EXPERIENCE with title left / dates right and "Company — City" under it, two roles under one
    company, EDUCATION with a GPA and coursework line, SKILLS as "Label: a, b" lines and
    CERTIFICATIONS; vlmrun-hub resume schema."""
    ops: list[Op] = [
        ("c", 306, 50, "Daniela Ferreira", HB, 20),
        (
            "c",
            306,
            68,
            "Denver, CO  |  (720) 555-0143  |  daniela.ferreira@gmail.com  |  "
            "linkedin.com/in/danielaferreira",
            H,
            9,
        ),
        ("t", 50, 100, "SUMMARY", HB, 11),
        ("hr", 50, 104, 562),
        (
            "t",
            50,
            118,
            "Data analyst with 7 years of experience turning operational data into pricing and",
            H,
            10,
        ),
        ("t", 50, 131, "staffing decisions for travel and hospitality companies.", H, 10),
        ("t", 50, 160, "EXPERIENCE", HB, 11),
        ("hr", 50, 164, 562),
    ]
    y = 180
    jobs = [
        (
            "Senior Data Analyst",
            "Vail Resorts — Broomfield, CO",
            "Jun 2022 – Present",
            [
                "Built a lift-ticket demand forecast in Python that guides dynamic pricing",
                "Own the Snowflake data model behind 40+ Tableau dashboards",
            ],
        ),
        (
            "Data Analyst",
            "Frontier Airlines — Denver, CO",
            "Mar 2020 – May 2022",
            [
                "Automated crew scheduling reports with dbt and Airflow, saving 15 hours a week",
            ],
        ),
        (
            "Junior Data Analyst",
            "Frontier Airlines — Denver, CO",
            "Jul 2018 – Feb 2020",
            ["Maintained on-time performance reporting in SQL and Looker"],
        ),
    ]
    for title, company, dates, bullets in jobs:
        ops += [
            ("t", 50, y, title, HB, 10.5),
            ("r", 562, y, dates, H, 10),
            ("t", 50, y + 13, company, HI, 10),
        ]
        y += 28
        for b in bullets:
            ops += [("t", 60, y, "•", H, 10), ("t", 72, y, b, H, 10)]
            y += 13
        y += 8
    y += 10
    ops += [("t", 50, y, "EDUCATION", HB, 11), ("hr", 50, y + 4, 562)]
    y += 20
    ops += [
        ("t", 50, y, "University of Colorado Boulder", HB, 10.5),
        ("r", 562, y, "May 2018", H, 10),
        ("t", 50, y + 13, "B.S. in Applied Mathematics", H, 10),
        (
            "t",
            50,
            y + 26,
            "GPA: 3.6/4.0  ·  Relevant coursework: Statistics, Linear Algebra, Econometrics",
            H,
            10,
        ),
    ]
    y += 56
    ops += [("t", 50, y, "SKILLS", HB, 11), ("hr", 50, y + 4, 562)]
    y += 20
    for line in [
        "Languages: SQL, Python, R",
        "Tools: Tableau, Looker, dbt, Airflow, Git",
        "Databases: Snowflake, PostgreSQL",
        "Cloud: AWS, GCP",
    ]:
        ops += [("t", 50, y, line, H, 10)]
        y += 13
    y += 17
    ops += [("t", 50, y, "CERTIFICATIONS", HB, 11), ("hr", 50, y + 4, 562)]
    y += 20
    ops += [
        ("t", 50, y, "Tableau Desktop Specialist — Tableau, Mar 2021", H, 10),
        (
            "t",
            50,
            y + 13,
            "AWS Certified Cloud Practitioner — Amazon Web Services, Sep 2023",
            H,
            10,
        ),
    ]
    schema = hub_schema("document.resume")
    expected = hub_nulls(schema)
    expected.update(
        {
            "contact_info": {
                "full_name": "Daniela Ferreira",
                "email": "daniela.ferreira@gmail.com",
                "phone": "(720) 555-0143",
                "address": "Denver, CO",
                "linkedin": "linkedin.com/in/danielaferreira",
                "github": None,
                "portfolio": None,
                "google_scholar": None,
            },
            "summary": "Data analyst with 7 years of experience turning operational data into "
            "pricing and staffing decisions for travel and hospitality companies.",
            "education": [
                {
                    "institution": "University of Colorado Boulder",
                    "degree": "B.S.",
                    "field_of_study": "Applied Mathematics",
                    "graduation_date": "2018-05-01",
                    "gpa": 3.6,
                    "honors": None,
                    "relevant_courses": ["Statistics", "Linear Algebra", "Econometrics"],
                }
            ],
            "work_experience": [
                {
                    "company": company.split(" — ")[0],
                    "position": title,
                    "start_date": start,
                    "end_date": end,
                    "is_current": end is None,
                    "responsibilities": bullets,
                    "technologies": None,
                }
                for (title, company, _, bullets), (start, end) in zip(
                    jobs,
                    [
                        ("2022-06-01", None),
                        ("2020-03-01", "2022-05-01"),
                        ("2018-07-01", "2020-02-01"),
                    ],
                    strict=True,
                )
            ],
            "technical_skills": {
                "programming_languages": hub_skills("SQL", "Python", "R"),
                "frameworks_libraries": [],
                "databases": hub_skills("Snowflake", "PostgreSQL"),
                "tools": hub_skills("Tableau", "Looker", "dbt", "Airflow", "Git"),
                "cloud_platforms": hub_skills("AWS", "GCP"),
                "other": None,
            },
            "certifications": [
                {
                    "name": "Tableau Desktop Specialist",
                    "issuer": "Tableau",
                    "date_obtained": "2021-03-01",
                    "expiration_date": None,
                    "credential_id": None,
                },
                {
                    "name": "AWS Certified Cloud Practitioner",
                    "issuer": "Amazon Web Services",
                    "date_obtained": "2023-09-01",
                    "expiration_date": None,
                    "credential_id": None,
                },
            ],
        }
    )
    return ".pdf", pdf_bytes([ops], "Daniela Ferreira - Resume", LETTER), schema, expected


def resume_two_column() -> Case:
    """Designer's two-column resume (PDF, Letter): a left sidebar with CONTACT, SKILLS (one per
    line), LANGUAGES ("English — Native") and CERTIFICATIONS beside a main column with name,
    headline, PROFILE, EXPERIENCE ("Title" then "Company | City | dates" and bullets) and
    EDUCATION; snake_case schema with an enum, booleans, an integer and "YYYY-MM" dates."""
    side: list[Op] = [
        ("t", 36, 60, "CONTACT", HB, 10),
        ("t", 36, 76, "(503) 555-0191", H, 8.5),
        ("t", 36, 88, "jonah@whitfield.design", H, 8.5),
        ("t", 36, 100, "whitfield.design", H, 8.5),
        ("t", 36, 112, "Portland, OR", H, 8.5),
        ("t", 36, 144, "SKILLS", HB, 10),
    ]
    skill_list = [
        "Figma",
        "Design systems",
        "User research",
        "Prototyping",
        "Accessibility (WCAG 2.2)",
        "HTML & CSS",
    ]
    y = 160
    for sk in skill_list:
        side.append(("t", 36, y, sk, H, 8.5))
        y += 12
    y += 20
    side.append(("t", 36, y, "LANGUAGES", HB, 10))
    y += 16
    langs = [("English", "Native"), ("Spanish", "Professional")]
    for lang, level in langs:
        side.append(("t", 36, y, f"{lang} — {level}", H, 8.5))
        y += 12
    y += 20
    side.append(("t", 36, y, "CERTIFICATIONS", HB, 10))
    y += 16
    certs = ["Google UX Design Certificate", "NN/g UX Certification"]
    for c_ in certs:
        side.append(("t", 36, y, c_, H, 8.5))
        y += 12
    main: list[Op] = [
        ("t", 210, 60, "Jonah Whitfield", HB, 22),
        ("t", 210, 78, "Senior UX/UI Designer", H, 12),
        ("t", 210, 110, "PROFILE", HB, 10),
        (
            "t",
            210,
            124,
            "Product designer who ships accessible interfaces for fintech and health apps.",
            H,
            9,
        ),
        ("t", 210, 156, "EXPERIENCE", HB, 10),
    ]
    jobs = [
        (
            "Senior Product Designer",
            "Lumen Health",
            "Portland, OR",
            "Apr 2022 – Present",
            ("2022-04", None),
            [
                "Led the redesign of the patient app; task completion up 23%",
                "Built the Figma design system used by 4 product teams",
            ],
        ),
        (
            "UX Designer",
            "Cascade Credit Union",
            "Vancouver, WA",
            "Aug 2019 – Mar 2022",
            ("2019-08", "2022-03"),
            ["Designed mobile check deposit and card controls flows"],
        ),
    ]
    y = 172
    for title, company, city, dates, _, bullets in jobs:
        main += [
            ("t", 210, y, title, HB, 10),
            ("t", 210, y + 12, f"{company}  |  {city}  |  {dates}", H, 8.5),
        ]
        y += 26
        for b in bullets:
            main += [("t", 214, y, "•", H, 9), ("t", 224, y, b, H, 9)]
            y += 12
        y += 10
    y += 10
    main += [("t", 210, y, "EDUCATION", HB, 10)]
    y += 16
    main += [
        ("t", 210, y, "BFA, Graphic Design", HB, 9.5),
        ("t", 210, y + 12, "Pacific Northwest College of Art  |  2019", H, 8.5),
    ]
    schema = obj(
        {
            "name": s(),
            "headline": nul("string"),
            "email": nul("string"),
            "phone": nul("string"),
            "location": nul("string"),
            "website": nul("string"),
            "profile": nul("string"),
            "skills": arr(s()),
            "languages": arr(
                obj(
                    {
                        "language": s(),
                        "proficiency": nul(
                            "string", enum=["Native", "Fluent", "Professional", "Basic", None]
                        ),
                    }
                )
            ),
            "certifications": arr(s()),
            "experience": arr(
                obj(
                    {
                        "title": s(),
                        "company": s(),
                        "location": nul("string"),
                        "start": s(description="YYYY-MM"),
                        "end": nul("string", description="YYYY-MM, null if current"),
                        "current": boolean(),
                        "highlights": arr(s()),
                    },
                    required=["title", "company"],
                )
            ),
            "education": arr(obj({"school": s(), "degree": nul("string"), "year": nul("integer")})),
        },
        required=["name", "experience"],
    )
    expected = {
        "name": "Jonah Whitfield",
        "headline": "Senior UX/UI Designer",
        "email": "jonah@whitfield.design",
        "phone": "(503) 555-0191",
        "location": "Portland, OR",
        "website": "whitfield.design",
        "profile": "Product designer who ships accessible interfaces for fintech and health apps.",
        "skills": skill_list,
        "languages": [{"language": a, "proficiency": b} for a, b in langs],
        "certifications": certs,
        "experience": [
            {
                "title": title,
                "company": company,
                "location": city,
                "start": start,
                "end": end,
                "current": end is None,
                "highlights": bullets,
            }
            for title, company, city, _, (start, end), bullets in jobs
        ],
        "education": [
            {
                "school": "Pacific Northwest College of Art",
                "degree": "BFA, Graphic Design",
                "year": 2019,
            }
        ],
    }
    return ".pdf", pdf_bytes([side + main], "Jonah Whitfield", LETTER), schema, expected


def resume_docx() -> Case:
    """Word resume (DOCX) with heading styles: name as Title, a contact paragraph, Experience
    entries written "Position, Company" then "City | dates" and bulleted lines, Education,
    Projects, Skills as "Label: a, b" and an Interests line; vlmrun-hub resume schema."""
    doc = new_docx("Kwame Mensah - Resume")
    doc.add_heading("Kwame Mensah", level=0)
    doc.add_paragraph(
        "Toronto, ON · +1 416-555-0172 · kwame.mensah@outlook.com · github.com/kmensah"
    )
    doc.add_heading("Experience", level=1)
    jobs = [
        (
            "Backend Developer",
            "Shopify",
            "Toronto, ON | Sep 2023 – Present",
            ("2023-09-01", None),
            [
                "Maintain checkout rate-limiting services in Go handling 80k requests/s",
                "Cut p99 latency of the tax calculation API from 420 ms to 150 ms",
            ],
        ),
        (
            "Software Developer Intern",
            "Wealthsimple",
            "Toronto, ON | May 2022 – Aug 2022",
            ("2022-05-01", "2022-08-01"),
            ["Added Kafka consumers for account transfer events in Ruby on Rails"],
        ),
    ]
    for title, company, line, _, bullets in jobs:
        bold_para(doc, f"{title}, {company}")
        doc.add_paragraph(line)
        for b in bullets:
            doc.add_paragraph(b, style="List Bullet")
    doc.add_heading("Education", level=1)
    bold_para(doc, "University of Waterloo")
    doc.add_paragraph("Bachelor of Applied Science, Computer Engineering — Apr 2023")
    doc.add_paragraph("Dean's Honours List")
    doc.add_heading("Projects", level=1)
    bold_para(doc, "ParkPal — Swift, MapKit, Firebase")
    doc.add_paragraph("iOS app that finds free street parking nearby", style="List Bullet")
    doc.add_paragraph("github.com/kmensah/parkpal")
    doc.add_heading("Skills", level=1)
    for line in [
        "Languages: Go, Ruby, Python, TypeScript",
        "Frameworks: Rails, React, gRPC",
        "Databases: MySQL, Redis",
        "Tools: Docker, Kubernetes, Kafka",
        "Cloud: GCP",
    ]:
        doc.add_paragraph(line)
    doc.add_paragraph("Interests: bouldering, chess, film photography")
    schema = hub_schema("document.resume")
    expected = hub_nulls(schema)
    expected.update(
        {
            "contact_info": {
                "full_name": "Kwame Mensah",
                "email": "kwame.mensah@outlook.com",
                "phone": "+1 416-555-0172",
                "address": "Toronto, ON",
                "linkedin": None,
                "github": "github.com/kmensah",
                "portfolio": None,
                "google_scholar": None,
            },
            "education": [
                {
                    "institution": "University of Waterloo",
                    "degree": "Bachelor of Applied Science",
                    "field_of_study": "Computer Engineering",
                    "graduation_date": "2023-04-01",
                    "gpa": None,
                    "honors": ["Dean's Honours List"],
                    "relevant_courses": None,
                }
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
                for title, company, _, (start, end), bullets in jobs
            ],
            "technical_skills": {
                "programming_languages": hub_skills("Go", "Ruby", "Python", "TypeScript"),
                "frameworks_libraries": hub_skills("Rails", "React", "gRPC"),
                "databases": hub_skills("MySQL", "Redis"),
                "tools": hub_skills("Docker", "Kubernetes", "Kafka"),
                "cloud_platforms": hub_skills("GCP"),
                "other": None,
            },
            "projects": [
                {
                    "name": "ParkPal",
                    "description": "iOS app that finds free street parking nearby",
                    "technologies": ["Swift", "MapKit", "Firebase"],
                    "url": None,
                    "github_url": "github.com/kmensah/parkpal",
                    "start_date": None,
                    "end_date": None,
                    "role": None,
                    "key_achievements": None,
                }
            ],
            "interests": ["bouldering", "chess", "film photography"],
        }
    )
    return ".docx", docx_bytes(doc), schema, expected


# -- other documents ------------------------------------------------------------------------


def purchase_order() -> Case:
    """Hospital group's purchase order (PDF, Letter): buyer letterhead, PURCHASE ORDER title,
    "PO Number" / "PO Date" / "Delivery Date" block, Vendor and Ship To blocks, a Ship Via /
    F.O.B. / Payment Terms strip, a Line / Item Code / Description / Qty / UOM / Unit Cost /
    Total table, totals and an authorisation line; camelCase schema with integers, an enum and
    a boolean."""
    items = [
        (1, "JS-4410", "Nitrile exam gloves, M, box/100", 40, "BX", D("8.75")),
        (2, "JS-2208", "Hand sanitizer 1000 mL refill", 24, "EA", D("11.20")),
        (3, "JS-7713", "Disinfectant wipes, canister 160", 36, "EA", D("6.45")),
        (4, "JS-1150", "Paper towel roll, hardwound", 12, "CS", D("42.00")),
    ]
    subtotal = sum((q * p for *_, q, _, p in items), D(0))
    tax = r2(subtotal * D("0.103"))
    total = subtotal + tax
    ops: list[Op] = [
        ("t", 40, 50, "Cascade Ridge Medical Group", HB, 15),
        ("t", 40, 65, "3300 S 19th St, Tacoma, WA 98405", H, 9),
        ("t", 40, 77, "Purchasing: (253) 555-0130  ·  purchasing@cascaderidgemed.org", H, 9),
        ("r", 572, 50, "PURCHASE ORDER", HB, 16),
        ("t", 420, 72, "PO Number:", HB, 9),
        ("r", 572, 72, "CR-PO-24817", H, 9),
        ("t", 420, 84, "PO Date:", HB, 9),
        ("r", 572, 84, "01/27/2026", H, 9),
        ("t", 420, 96, "Delivery Date:", HB, 9),
        ("r", 572, 96, "02/10/2026", H, 9),
        ("t", 40, 124, "VENDOR", HB, 10),
        ("t", 40, 138, "Allied Janitorial Supply", H, 9.5),
        ("t", 40, 150, "77 Commerce Way", H, 9.5),
        ("t", 40, 162, "Tacoma, WA 98421", H, 9.5),
        ("t", 310, 124, "SHIP TO", HB, 10),
        ("t", 310, 138, "Cascade Ridge Medical Group", H, 9.5),
        ("t", 310, 150, "Receiving Dock B", H, 9.5),
        ("t", 310, 162, "3300 S 19th St", H, 9.5),
        ("t", 310, 174, "Tacoma, WA 98405", H, 9.5),
    ]
    strip = [
        ["Ship Via", "F.O.B.", "Payment Terms", "Partial Shipments"],
        ["UPS Ground", "Destination", "Net 45", "Allowed"],
    ]
    tops, _ = table_ops([40, 170, 300, 440], 200, strip, "llll", size=9, step=14)
    ops += tops
    rows = [["Line", "Item Code", "Description", "Qty", "UOM", "Unit Cost", "Total"]]
    rows += [[str(a), b, c_, str(q), u, us(p), us(q * p)] for a, b, c_, q, u, p in items]
    tops, y = table_ops([40, 70, 130, 370, 385, 490, 572], 250, rows, "lllrlrr", size=9, step=15)
    ops += tops
    ops += [("hr", 400, y, 572)]
    y += 15
    for label, value in [
        ("Subtotal", us(subtotal)),
        ("Sales Tax (10.3%)", us(tax)),
        ("Shipping", "0.00"),
        ("TOTAL", f"${us(total)}"),
    ]:
        font = HB if label == "TOTAL" else H
        ops += [("t", 400, y, label, font, 9.5), ("r", 572, y, value, font, 9.5)]
        y += 14
    y += 30
    ops += [
        ("t", 40, y, "Please reference the PO number on all invoices and packing slips.", H, 8.5),
        ("t", 40, y + 30, "Authorized by: Linda Tran, Procurement Manager", H, 9),
    ]
    schema = obj(
        {
            "poNumber": s(),
            "poDate": date(),
            "deliveryDate": ndate(),
            "buyer": obj({"name": s(), "address": nul("string"), "email": nul("string")}),
            "vendor": obj({"name": s(), "address": nul("string")}),
            "shipTo": nul("string", description="Delivery address"),
            "shipVia": nul("string"),
            "fob": nul("string", enum=["Origin", "Destination", None]),
            "paymentTerms": nul("string"),
            "partialShipmentsAllowed": nul("boolean"),
            "lineItems": arr(
                obj(
                    {
                        "lineNumber": integer(),
                        "itemCode": nul("string"),
                        "description": s(),
                        "quantity": integer(),
                        "uom": s(enum=["EA", "BX", "CS", "PK"]),
                        "unitCost": n(),
                        "lineTotal": n(),
                    },
                    required=["description", "quantity"],
                )
            ),
            "subtotal": n(),
            "tax": nul("number"),
            "shipping": nul("number"),
            "total": n(),
            "authorizedBy": nul("string"),
        },
        required=["poNumber", "poDate", "vendor", "lineItems", "total"],
    )
    expected = {
        "poNumber": "CR-PO-24817",
        "poDate": "2026-01-27",
        "deliveryDate": "2026-02-10",
        "buyer": {
            "name": "Cascade Ridge Medical Group",
            "address": "3300 S 19th St, Tacoma, WA 98405",
            "email": "purchasing@cascaderidgemed.org",
        },
        "vendor": {
            "name": "Allied Janitorial Supply",
            "address": "77 Commerce Way, Tacoma, WA 98421",
        },
        "shipTo": "Cascade Ridge Medical Group, Receiving Dock B, 3300 S 19th St, Tacoma, WA 98405",
        "shipVia": "UPS Ground",
        "fob": "Destination",
        "paymentTerms": "Net 45",
        "partialShipmentsAllowed": True,
        "lineItems": [
            {
                "lineNumber": a,
                "itemCode": b,
                "description": c_,
                "quantity": q,
                "uom": u,
                "unitCost": num(p),
                "lineTotal": num(q * p),
            }
            for a, b, c_, q, u, p in items
        ],
        "subtotal": num(subtotal),
        "tax": num(tax),
        "shipping": 0.0,
        "total": num(total),
        "authorizedBy": "Linda Tran, Procurement Manager",
    }
    return ".pdf", pdf_bytes([ops], "Purchase Order CR-PO-24817", LETTER), schema, expected


def bank_statement() -> Case:
    """Credit union checking statement (PDF, Letter): institution block with routing number,
    member name and address, statement period and date, an account summary with per-category
    totals, and a Date / Description / Withdrawals / Deposits / Balance register including a
    check; vlmrun-hub bank-statement schema."""
    start = D("2418.36")
    txns = [
        ("02/01", "PAYROLL DEP WESTSIDE HEALTH", None, D("2256.40"), None),
        ("02/03", "ACH DEBIT AVISTA UTILITIES", D("142.18"), None, None),
        ("02/05", "CHECK #1042", D("1650.00"), None, "1042"),
        ("02/09", "POS PURCHASE SAFEWAY #1547", D("96.33"), None, None),
        ("02/12", "ATM WITHDRAWAL 1ST AVE", D("200.00"), None, None),
        ("02/15", "PAYROLL DEP WESTSIDE HEALTH", None, D("2256.40"), None),
        ("02/18", "ONLINE TRANSFER TO SAVINGS", D("1500.00"), None, None),
        ("02/23", "POS PURCHASE COSTCO #0110", D("384.00"), None, None),
        ("02/28", "MONTHLY SERVICE FEE", D("5.00"), None, None),
    ]
    balances = []
    bal = start
    for _, _, w, d_, _ in txns:
        bal = bal - (w or 0) + (d_ or 0)
        balances.append(bal)
    deposits = sum((t[3] or D(0) for t in txns), D(0))
    withdrawals = sum((t[2] or D(0) for t in txns), D(0))
    end = balances[-1]
    ops: list[Op] = [
        ("t", 40, 50, "Evergreen Federal Credit Union", HB, 15),
        ("t", 40, 65, "PO Box 4400, Spokane, WA 99220", H, 9),
        ("t", 40, 77, "Routing Number: 325081403", H, 9),
        ("r", 572, 50, "Account Statement", HB, 12),
        ("t", 400, 70, "Statement Date:", H, 9),
        ("r", 572, 70, "02/28/2026", H, 9),
        ("t", 400, 82, "Statement Period:", H, 9),
        ("r", 572, 82, "02/01/2026 - 02/28/2026", H, 9),
        ("t", 40, 112, "SAMUEL J. ORTIZ", H, 10),
        ("t", 40, 125, "1507 W MAXWELL AVE", H, 10),
        ("t", 40, 138, "SPOKANE WA 99201", H, 10),
        ("t", 40, 172, "Account: Premier Checking", HB, 10),
        ("t", 300, 172, "Account Number: 7700213381", H, 10),
        ("t", 40, 196, "Account Summary", HB, 11),
        ("hr", 40, 200, 572),
    ]
    y = 214
    summary = [
        ("Beginning Balance", us(start)),
        ("Deposits & Credits", us(deposits)),
        ("Withdrawals & Debits", us(withdrawals)),
        ("Ending Balance", us(end)),
    ]
    detail = [
        ("Checks Paid", "1,650.00"),
        ("ATM Withdrawals", "200.00"),
        ("Debit Card Purchases", "480.33"),
        ("Service Fees", "5.00"),
    ]
    for (l1, v1), (l2, v2) in zip(summary, detail, strict=True):
        ops += [
            ("t", 40, y, l1, H, 9.5),
            ("r", 270, y, v1, H, 9.5),
            ("t", 330, y, l2, H, 9.5),
            ("r", 572, y, v2, H, 9.5),
        ]
        y += 13
    ops += [("t", 40, y + 4, "Overdraft Protection: Active", H, 9)]
    y += 36
    ops += [("t", 40, y, "Transactions", HB, 11)]
    rows = [["Date", "Description", "Withdrawals", "Deposits", "Balance"]]
    for (dt_, desc, w, d_, _), b in zip(txns, balances, strict=True):
        rows.append([dt_, desc, us(w) if w else "", us(d_) if d_ else "", us(b)])
    tops, y = table_ops([40, 90, 400, 485, 572], y + 20, rows, "llrrr", size=9, step=14)
    ops += tops
    ops += [("r", 572, 760, "Page 1 of 1", H, 8)]
    schema = hub_schema("document.bank-statement")
    expected = hub_nulls(schema)

    def txn(t, b) -> dict:
        dt_, desc, w, d_, check = t
        iso = f"2026-{dt_[:2]}-{dt_[3:]}"
        return {
            "transaction_deposit": num(d_) if d_ else None,
            "transaction_deposit_date": iso if d_ else None,
            "transaction_deposit_description": desc if d_ else None,
            "transaction_withdrawal": num(w) if w else None,
            "transaction_withdrawal_date": iso if w else None,
            "transaction_withdrawal_description": desc if w else None,
            "check_number": check,
            "ending_daily_balance": num(b),
            "reference_number": None,
        }

    expected.update(
        {
            "account_number": "7700213381",
            "account_type": "Premier Checking",
            "bank_address": zaddr("PO Box 4400", "Spokane", "WA", "99220"),
            "bank_name": "Evergreen Federal Credit Union",
            "client_address": zaddr("1507 W MAXWELL AVE", "SPOKANE", "WA", "99201"),
            "client_name": "SAMUEL J. ORTIZ",
            "ending_balance": num(end),
            "starting_balance": num(start),
            "statement_date": "2026-02-28",
            "statement_start_date": "2026-02-01",
            "statement_end_date": "2026-02-28",
            "table_item": [txn(t, b) for t, b in zip(txns, balances, strict=True)],
            "routing_number": "325081403",
            "total_deposits": num(deposits),
            "total_withdrawals": num(withdrawals),
            "summary_total_atm_withdrawals": 200.0,
            "summary_total_debit_card_purchases": 480.33,
            "summary_total_checks_paid": 1650.0,
            "monthly_service_fee": 5.0,
            "overdraft_protection_status": "Active",
        }
    )
    return ".pdf", pdf_bytes([ops], "Account Statement", LETTER), schema, expected


def utility_bill() -> Case:
    """Combined electricity and gas bill (PDF, Letter): provider block, account number and
    statement date, mailing and service addresses, an amount-due box, previous balance /
    payment / current charges, electric and gas charge sections with "612 kWh x $0.1135"
    lines, a meter reading table and a notice; vlmrun-hub utility-bill schema."""
    charges = [
        ("Electric basic service charge", D("9.50"), None, None),
        ("Electric energy charge", r2(612 * D("0.1135")), "612 kWh", D("0.1135")),
        ("Gas customer charge", D("12.00"), None, None),
        ("Gas delivery charge", r2(84 * D("0.5280")), "84 therms", D("0.5280")),
        ("Gas supply charge", r2(84 * D("0.4900")), "84 therms", D("0.4900")),
        ("Taxes and fees", D("10.95"), None, None),
    ]
    current = sum((c_[1] for c_ in charges), D(0))
    prev = D("164.09")
    ops: list[Op] = [
        ("t", 40, 50, "Pinecrest Energy", HB, 20),
        ("t", 40, 66, "PO Box 1850, Butte, MT 59702", H, 9),
        ("t", 40, 78, "Customer Service: 1-888-555-0160 (Mon-Fri 7 a.m.-7 p.m.)", H, 9),
        ("t", 40, 90, "pinecrestenergy.com", H, 9),
        ("t", 380, 50, "Account Number", H, 9),
        ("r", 572, 50, "5501 8821 0043", HB, 9),
        ("t", 380, 62, "Statement Date", H, 9),
        ("r", 572, 62, "March 9, 2026", H, 9),
        ("t", 380, 74, "Service Period", H, 9),
        ("r", 572, 74, "Feb 5, 2026 - Mar 6, 2026", H, 9),
        ("t", 40, 120, "ERIN HALVORSEN", H, 10),
        ("t", 40, 133, "PO BOX 311", H, 10),
        ("t", 40, 146, "BOZEMAN MT 59771", H, 10),
        ("t", 300, 120, "Service Address:", HB, 9),
        ("t", 300, 132, "88 Alder Ln, Bozeman, MT 59715", H, 9),
        ("t", 380, 168, "Amount Due", HB, 11),
        ("r", 572, 168, f"${us(current)}", HB, 14),
        ("t", 380, 184, "Due Date", H, 10),
        ("r", 572, 184, "Mar 30, 2026", H, 10),
        ("t", 40, 214, "Account Summary", HB, 11),
        ("hr", 40, 218, 572),
        ("t", 40, 232, "Previous Balance", H, 10),
        ("r", 572, 232, f"${us(prev)}", H, 10),
        ("t", 40, 245, "Payment Received 02/24 - Thank You", H, 10),
        ("r", 572, 245, f"-${us(prev)}", H, 10),
        ("t", 40, 258, "Current Charges", H, 10),
        ("r", 572, 258, f"${us(current)}", H, 10),
        ("t", 40, 271, "Total Amount Due", HB, 10),
        ("r", 572, 271, f"${us(current)}", HB, 10),
        ("t", 40, 304, "Charge Details", HB, 11),
        ("hr", 40, 308, 572),
    ]
    y = 322
    for label, amount, usage, rate in charges:
        text = label if usage is None else f"{label} {usage} x ${rate}"
        ops += [("t", 40, y, text, H, 10), ("r", 572, y, us(amount), H, 10)]
        y += 13
    y += 24
    ops += [("t", 40, y, "Meter Readings", HB, 11)]
    meters = [
        ["Service", "Meter", "Previous", "Current", "Reading", "Usage"],
        ["Electric", "10447821", "38,214", "38,826", "Actual", "612 kWh"],
        ["Gas", "G-66120", "5,102", "5,186", "Actual", "84 therms"],
    ]
    tops, y = table_ops([40, 120, 250, 320, 360, 572], y + 18, meters, "llrrlr", size=9, step=14)
    ops += tops
    y += 20
    ops += [
        ("t", 40, y, "Important Message", HB, 10),
        (
            "t",
            40,
            y + 14,
            "Planned maintenance outage in your area on April 14, 2026 from 1 to 3 a.m.",
            H,
            9,
        ),
        ("r", 572, 760, "Page 1 of 2", H, 8),
    ]
    schema = hub_schema("document.utility-bill")
    expected = hub_nulls(schema)

    def a(street, city, state, zip_code) -> dict:
        return zaddr(street, city, state, zip_code, country=None)

    expected.update(
        {
            "provider_name": "Pinecrest Energy",
            "provider_address": a("PO Box 1850", "Butte", "MT", "59702"),
            "contact_information": {
                "phone_numbers": ["1-888-555-0160"],
                "email_addresses": None,
                "websites": ["pinecrestenergy.com"],
                "customer_service_hours": "Mon-Fri 7 a.m.-7 p.m.",
            },
            "account_number": "5501 8821 0043",
            "statement_date": "2026-03-09",
            "service_for": "ERIN HALVORSEN",
            "service_address": a("88 Alder Ln", "Bozeman", "MT", "59715"),
            "billing_address": a("PO BOX 311", "BOZEMAN", "MT", "59771"),
            "billing_period_start": "2026-02-05",
            "billing_period_end": "2026-03-06",
            "date_due": "2026-03-30",
            "currency": "USD",
            "amount_due": num(current),
            "previous_balance": num(prev),
            "payment_received": num(prev),
            "current_charges": num(current),
            "breakdown_of_charges": [
                {
                    "description": label,
                    "amount": num(amount),
                    "currency": None,
                    "usage": usage,
                    "rate": num(rate) if rate is not None else None,
                    "period_start": None,
                    "period_end": None,
                }
                for label, amount, usage, rate in charges
            ],
            "usage_summaries": [
                {
                    "service_type": "Electric",
                    "unit": "kWh",
                    "details": [{"period_description": "Feb 5 - Mar 6, 2026", "usage_value": 612}],
                    "meter_number": "10447821",
                    "reading_type": "Actual",
                },
                {
                    "service_type": "Gas",
                    "unit": "therms",
                    "details": [{"period_description": "Feb 5 - Mar 6, 2026", "usage_value": 84}],
                    "meter_number": "G-66120",
                    "reading_type": "Actual",
                },
            ],
            "important_messages": [
                "Planned maintenance outage in your area on April 14, 2026 from 1 to 3 a.m."
            ],
            "page_information": "Page 1 of 2",
        }
    )
    return ".pdf", pdf_bytes([ops], "Pinecrest Energy bill", LETTER), schema, expected


CASES = {
    "invoice-plumbing-rivera-hub": invoice_plumbing_us,
    "invoice-factura-levante": invoice_factura_es,
    "invoice-uk-vat-hartley": invoice_uk_vat,
    "invoice-two-page-summit": invoice_two_page,
    "invoice-word-template-lakeshore-hub": invoice_word_template,
    "invoice-saas-loomwork": invoice_saas_html,
    "receipt-grocery-greenvalley-hub": receipt_grocery,
    "receipt-restaurant-sole": receipt_restaurant,
    "receipt-pharmacy-maplewood-hub": receipt_pharmacy,
    "receipt-order-email-northwind": receipt_order_email,
    "resume-one-column-ferreira-hub": resume_one_column,
    "resume-two-column-whitfield": resume_two_column,
    "resume-docx-mensah-hub": resume_docx,
    "purchase-order-cascade": purchase_order,
    "bank-statement-evergreen-hub": bank_statement,
    "utility-bill-pinecrest-hub": utility_bill,
}


def main() -> int:
    return write_cases(OUT, CASES)


if __name__ == "__main__":
    raise SystemExit(main())
