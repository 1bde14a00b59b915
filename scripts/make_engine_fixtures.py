"""Write the local engine's own test documents into tests/data/engine/.

Run from the repository root (needs the dev extra: reportlab, python-docx, python-pptx):

    python scripts/make_engine_fixtures.py

These documents are deliberately unlike the example skills' documents: other wording
("Date of Issue", "Sold To", "Line Total", "Sub-total"), other layouts (label-below-value
blocks, day-first dates, a two-page table with a repeated header and a wrapped description,
key/value tables in DOCX, an HTML page with a script and a layout table, a Markdown report
with a pipe table and European numbers, a plain-text resume) so the engine's tests check
general matching rather than one document family. Outputs are reproducible: ReportLab runs
with `invariant=1` and the Office zips are rewritten with fixed timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "engine"
FIXED = (2026, 1, 1, 9, 0, 0)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite an Office zip with sorted entries and a fixed timestamp."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return buf.getvalue()


# -- PDFs ---------------------------------------------------------------------------------

ITEMS = [
    ("Sourdough starter kit", 3, 12.50),
    ("Rye flour, 25 kg sack", 2, 41.00),
    ("Proofing baskets (set of 6)", 4, 18.75),
    ("Bench scraper, stainless", 10, 4.20),
    ("Digital probe thermometer", 2, 23.90),
    ("Linen couche cloth", 5, 9.60),
    ("Bread lame with 5 blades", 6, 6.45),
    ("Baking steel 16 x 14 in", 1, 89.00),
    ("Dough tubs, 12 qt", 8, 11.30),
    ("Parchment sheets, case of 1000", 2, 38.00),
    ("Oven gloves, heat resistant", 3, 15.99),
    ("Cooling rack, full sheet", 4, 17.25),
    ("Spray bottle for steam", 2, 5.50),
    ("Wholemeal flour, 16 kg", 3, 27.40),
    ("Sea salt, fine, 5 kg", 2, 8.80),
    ("Malt syrup, 1 kg jar", 1, 9.95),
    ("Banneton liners", 12, 2.10),
    ("Dough divider, manual", 1, 145.00),
]


def invoice_pdf(path: Path) -> None:
    """Two pages; label-value pairs at the right; table continues with a repeated header."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    w, h = A4

    def header_row(y: float) -> None:
        c.setFont("Helvetica-Bold", 9)
        c.drawString(50, y, "Product")
        c.drawRightString(360, y, "Quantity")
        c.drawRightString(450, y, "Unit Cost")
        c.drawRightString(545, y, "Line Total")

    c.setFont("Helvetica-Bold", 17)
    c.drawString(50, h - 60, "Kestrel & Moss Ltd")
    c.setFont("Helvetica", 9)
    c.drawString(50, h - 76, "14 Mill Lane, Bristol BS1 4DJ")
    c.drawString(50, h - 88, "accounts@kestrelmoss.example  |  +44 117 496 0321")
    c.setFont("Helvetica-Bold", 13)
    c.drawRightString(545, h - 60, "TAX INVOICE")
    c.setFont("Helvetica", 9)
    for i, (label, value) in enumerate(
        [
            ("Invoice Number:", "KM-2041"),
            ("Date of Issue:", "12/02/2026"),
            ("Payment Due:", "28/02/2026"),
            ("Terms:", "14 days"),
        ]
    ):
        c.drawRightString(440, h - 110 - 13 * i, label)
        c.drawString(450, h - 110 - 13 * i, value)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, h - 130, "Sold To")
    c.setFont("Helvetica", 9)
    c.drawString(50, h - 143, "Orchard Lane Bakery")
    c.drawString(50, h - 155, "2 Orchard Lane, Bath BA1 1AA")

    y = h - 200
    header_row(y)
    y -= 18
    c.setFont("Helvetica", 9)
    page_rows = 12
    for n, (desc, qty, price) in enumerate(ITEMS):
        if n == page_rows:
            c.setFont("Helvetica", 8)
            c.drawRightString(545, 40, "Page 1 of 2")
            c.showPage()
            y = h - 60
            c.setFont("Helvetica", 8)
            c.drawString(50, y + 20, "Kestrel & Moss Ltd - invoice KM-2041 (continued)")
            header_row(y)
            y -= 18
            c.setFont("Helvetica", 9)
        c.drawString(50, y, desc)
        c.drawRightString(360, y, str(qty))
        c.drawRightString(450, y, f"£{price:,.2f}")
        c.drawRightString(545, y, f"£{qty * price:,.2f}")
        if desc.startswith("Baking steel"):
            y -= 11
            c.drawString(50, y, "pre-seasoned, with carry case")
        y -= 16
    subtotal = sum(q * p for _, q, p in ITEMS)
    vat = round(subtotal * 0.2, 2)
    y -= 14
    for label, value, bold in [
        ("Sub-total", subtotal, False),
        ("VAT 20%", vat, False),
        ("Grand Total", subtotal + vat, True),
    ]:
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        c.drawRightString(450, y, label)
        c.drawRightString(545, y, f"£{value:,.2f}")
        y -= 15
    c.setFont("Helvetica", 8)
    c.drawRightString(545, 40, "Page 2 of 2")
    c.showPage()
    c.save()


def receipt_pdf(path: Path) -> None:
    """A narrow till receipt with labels ("Gratuity", "Paid by") and a date-time line."""
    from reportlab.pdfgen import canvas

    w, h = 220, 330
    c = canvas.Canvas(str(path), pagesize=(w, h), invariant=1)
    c.setFont("Courier-Bold", 13)
    c.drawCentredString(w / 2, h - 25, "Saltmarsh Noodle Bar")
    c.setFont("Courier", 8)
    c.drawCentredString(w / 2, h - 38, "9 Quay Street, Galway")
    c.drawString(12, h - 60, "Mar 9, 2026 7:05 PM")
    c.drawRightString(w - 12, h - 60, "Ticket 0931")
    rows = [("1 Tonkotsu Ramen", 14.50), ("2 Gyoza (6)", 13.00), ("1 Yuzu Soda", 3.75)]
    y = h - 85
    for text, price in rows:
        c.drawString(12, y, text)
        c.drawRightString(w - 12, y, f"{price:.2f}")
        y -= 12
    y -= 8
    for label, value in [
        ("Net Total", 31.25),
        ("VAT 13.5%", 4.22),
        ("Gratuity", 3.00),
        ("Amount Due EUR", 38.47),
    ]:
        c.drawString(12, y, label)
        c.drawRightString(w - 12, y, f"{value:.2f}")
        y -= 12
    y -= 8
    c.drawString(12, y, "Paid by: AMEX")
    c.drawRightString(w - 12, y, "38.47")
    c.showPage()
    c.save()


def two_page_pdf(path: Path) -> None:
    """A statement whose second page holds a different reference, for page_indices."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=LETTER, invariant=1)
    for ref, total in [("ST-100", "250.00"), ("ST-200", "975.10")]:
        c.setFont("Helvetica-Bold", 14)
        c.drawString(60, 720, "Monthly Statement")
        c.setFont("Helvetica", 10)
        c.drawString(60, 690, f"Reference: {ref}")
        c.drawString(60, 675, f"Balance Due: ${total}")
        c.showPage()
    c.save()


# -- Office documents ------------------------------------------------------------------------


def invoice_docx(path: Path) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.created = dt.datetime(*FIXED)
    d.core_properties.modified = dt.datetime(*FIXED)
    d.add_heading("Harbor Signs Co.", level=1)
    d.add_paragraph("Invoice No: D-77")
    kv = d.add_table(rows=0, cols=2)
    for k, v in [
        ("Issue Date", "2026-01-05"),
        ("Due", "2026-02-04"),
        ("Client", "Blue Harbor Inc."),
    ]:
        cells = kv.add_row().cells
        cells[0].text = k
        cells[1].text = v
    d.add_paragraph("")
    t = d.add_table(rows=1, cols=4)
    for cell, text in zip(t.rows[0].cells, ["Item", "Qty", "Rate", "Amount"], strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for item, qty, rate in [("Vinyl banner 3x1 m", 2, 75.0), ("Window lettering", 1, 150.0)]:
        cells = t.add_row().cells
        cells[0].text = item
        cells[1].text = str(qty)
        cells[2].text = f"${rate:,.2f}"
        cells[3].text = f"${qty * rate:,.2f}"
    d.add_paragraph("")
    for line in ["Subtotal: $300.00", "Tax: $24.00", "Total Due: $324.00"]:
        p = d.add_paragraph()
        run = p.add_run(line)
        run.font.size = Pt(11)
    d.add_paragraph("Contact: billing@harborsigns.example")
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


def resume_docx(path: Path) -> None:
    """Heading styles all the way down: Heading 2 sections, Heading 3 entries, list bullets."""
    import docx

    d = docx.Document()
    d.core_properties.created = dt.datetime(*FIXED)
    d.core_properties.modified = dt.datetime(*FIXED)
    d.add_heading("Tomás Ferreira", level=1)
    d.add_paragraph("Lisbon, Portugal · tomas.ferreira@example.pt · +351 21 555 0177")
    d.add_heading("Professional Experience", level=2)
    d.add_heading("Lead Engineer — Northwind Labs", level=3)
    d.add_paragraph("Apr 2019 – Present")
    d.add_paragraph("Led a team of six building the routing engine.", style="List Bullet")
    d.add_paragraph("Moved deployments to blue/green releases.", style="List Bullet")
    d.add_heading("Software Developer — Tagus Systems Ltd", level=3)
    d.add_paragraph("Sep 2015 – Mar 2019")
    d.add_paragraph("Wrote the invoicing backend.", style="List Bullet")
    d.add_heading("Education", level=2)
    d.add_heading("BSc Physics, University of Leeds", level=3)
    d.add_paragraph("2012 – 2015")
    d.add_heading("Skills", level=2)
    for skill in ["Rust", "Python", "PostgreSQL"]:
        d.add_paragraph(skill, style="List Bullet")
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


def deck_pptx(path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    s1 = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    s1.shapes.title.text = "Quarterly Order"
    box = s1.shapes.add_textbox(Inches(0.8), Inches(2.0), Inches(6), Inches(1.5)).text_frame
    box.text = "Order Number: PO-9"
    box.add_paragraph().text = "Order Date: 4 April 2026"
    s2 = prs.slides.add_slide(prs.slide_layouts[5])
    s2.shapes.title.text = "Items"
    rows = [
        ("Description", "Qty", "Price"),
        ("Desk lamp", "3", "24.00"),
        ("Monitor arm", "2", "59.50"),
    ]
    shape = s2.shapes.add_table(3, 3, Inches(0.8), Inches(2.0), Inches(7), Inches(1.5))
    for r, row in enumerate(rows):
        for col, text in enumerate(row):
            shape.table.cell(r, col).text = text
    buf = io.BytesIO()
    prs.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


# -- text formats --------------------------------------------------------------------------

HTML = """<!doctype html>
<html><head><title>ignored title</title>
<style>.total { font-weight: bold }</style>
<script>var total = 999; document.write("Invoice #: FAKE");</script></head>
<body>
<table class="layout"><tr>
  <td><h1>Acme Web Services</h1><p>support@acme-web.example</p></td>
  <td><table><tr><th>Invoice #</th><td>WEB-55</td></tr>
             <tr><th>Issued</th><td>March 3, 2026</td></tr></table></td>
</tr></table>
<dl><dt>Due date</dt><dd>May 1, 2026</dd></dl>
<h2>Bill to</h2>
<p>Northern Lights Studio<br>12 Aurora Road</p>
<table>
  <thead><tr><th>Service</th><th>Hours</th><th>Hourly rate</th><th>Total</th></tr></thead>
  <tbody>
    <tr><td>Hosting, March</td><td>1</td><td>$40.00</td><td>$40.00</td></tr>
    <tr><td>Support</td><td>2.5</td><td>$80.00</td><td>$200.00</td></tr>
  </tbody>
</table>
<p>Amount due: <b>$240.00</b></p>
</body></html>
"""

MARKDOWN = """# Expense report

**Employee:** Jane Roe
**E-mail:** JANE.ROE@EXAMPLE.ORG
**Submitted:** 2026-04-30
**Approved:** yes

## Expenses

| Date | Merchant | Category | Amount |
|------|----------|----------|-------:|
| 03.04.2026 | Café Lumière | Meals | 18,40 € |
| 14.04.2026 | Rail Europe | Travel | 1.216,10 € |

Total: 1.234,50 €
"""

RESUME_TXT = """MARTA NOWAK
Warsaw, Poland | marta.nowak@example.pl | +48 22 555 01 23

SUMMARY
Backend developer focused on payments.

EXPERIENCE
Backend Developer - Vistula Payments Sp. z o.o.
Feb 2021 - Present
- Built the settlement service.
- Cut reconciliation time by half.

Software Engineer, Baltic Soft Inc
2017 - 2021
- Maintained billing APIs.

EDUCATION
MSc Computer Science, Warsaw University of Technology, 2017

SKILLS
Go, PostgreSQL, Kafka; Kubernetes
"""

INVOICE_TXT = """BRIGHTLINE CONSULTING GROUP
Invoice No. 2026-118
Invoice Date    : 07.05.2026
Customer        : Meadow Health Partners

Description                       Hours     Rate      Amount
Strategy workshop                  6.0    150.00      900.00
Process review                    12.5    120.00    1,500.00

Net amount                                          2,400.00
VAT 19%                                               456.00
Total (incl. VAT)                                   2,856.00
"""

CSV = """SKU,Description,Qty,Unit Price
A-100,"Cable, USB-C 2 m",4,"1,299.00"
A-200,Wall charger,2,19.90
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    invoice_pdf(OUT / "invoice-two-page.pdf")
    receipt_pdf(OUT / "receipt-noodle-bar.pdf")
    two_page_pdf(OUT / "statement-two-page.pdf")
    invoice_docx(OUT / "invoice-kv-table.docx")
    resume_docx(OUT / "resume-headings.docx")
    deck_pptx(OUT / "order-deck.pptx")
    (OUT / "invoice-plain.txt").write_text(INVOICE_TXT, encoding="utf-8")
    (OUT / "invoice-layout.html").write_text(HTML, encoding="utf-8")
    (OUT / "expense-report.md").write_text(MARKDOWN, encoding="utf-8")
    (OUT / "resume-plain.txt").write_text(RESUME_TXT, encoding="utf-8")
    (OUT / "order-lines.csv").write_text(CSV, encoding="utf-8")
    for p in sorted(OUT.iterdir()):
        print(p.relative_to(ROOT))


if __name__ == "__main__":
    main()
