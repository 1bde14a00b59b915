"""Regenerate the test documents of the example skills and their expected JSON.

Run from the repository root (needs the dev extra: reportlab and python-docx):

    python scripts/make_example_documents.py

Every document under ``example_skills/*/tests/`` and its ``<stem>.expected.json`` sibling are
written from the same data (the dataclasses below), so the expected JSON states exactly what each
document shows. The output is byte-for-byte reproducible: ReportLab runs with ``invariant=1``
(fixed creation date and document id), and DOCX packages are rewritten with sorted entries, fixed
timestamps and fixed permissions. Running the script twice gives identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import docx
import jsonschema
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Inches as DocxInches
from docx.shared import Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    HRFlowable,
    KeepTogether,
    LongTable,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docgen import FIXED_TIME, json_text, office_bytes  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SKILLS = ROOT / "example_skills"
CENT = Decimal("0.01")


def D(value: str | int) -> Decimal:
    """Decimal from a literal; all money is computed in Decimal so totals add up to the cent."""
    return Decimal(str(value))


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def json_number(value: Decimal | None) -> int | float | None:
    """A JSON number: integral quantities stay integers, money becomes a float."""
    if value is None:
        return None
    if value == value.to_integral_value() and value.as_tuple().exponent >= 0:
        return int(value)
    return float(value)


def money(value: Decimal | None) -> float | None:
    return None if value is None else float(cents(value))


def fmt_us(value: Decimal, symbol: str = "") -> str:
    """1234.5 -> '$1,234.50' (US style thousands and decimal separators)."""
    return f"{symbol}{cents(value):,.2f}"


def fmt_eu(value: Decimal, symbol: str = "€ ") -> str:
    """1234.5 -> '€ 1.234,50' (continental European separators)."""
    us = f"{cents(value):,.2f}"
    return symbol + us.replace(",", "_").replace(".", ",").replace("_", ".")


def fmt_qty(value: Decimal) -> str:
    return f"{value.normalize():f}"


# --------------------------------------------------------------------------- data: invoices


@dataclass(frozen=True)
class LineItem:
    description: str
    quantity: Decimal
    unit_price: Decimal

    @property
    def amount(self) -> Decimal:
        return cents(self.quantity * self.unit_price)

    def expected(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "quantity": json_number(self.quantity),
            "unit_price": money(self.unit_price),
            "amount": money(self.amount),
        }


@dataclass(frozen=True)
class Invoice:
    stem: str
    invoice_number: str
    purchase_order: str | None
    invoice_date: dt.date
    due_date: dt.date | None
    payment_terms: str | None
    vendor_name: str
    customer_name: str
    currency: str
    tax_rate: Decimal
    items: list[LineItem]

    @property
    def subtotal(self) -> Decimal:
        return sum((item.amount for item in self.items), Decimal(0))

    @property
    def tax(self) -> Decimal:
        return cents(self.subtotal * self.tax_rate / 100)

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.tax

    def expected(self) -> dict[str, Any]:
        return {
            "invoice_number": self.invoice_number,
            "purchase_order": self.purchase_order,
            "invoice_date": self.invoice_date.isoformat(),
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "payment_terms": self.payment_terms,
            "vendor_name": self.vendor_name,
            "customer_name": self.customer_name,
            "currency": self.currency,
            "subtotal": money(self.subtotal),
            "tax": money(self.tax),
            "total": money(self.total),
            "line_items": [item.expected() for item in self.items],
        }


def _li(description: str, quantity: str, unit_price: str) -> LineItem:
    return LineItem(description, D(quantity), D(unit_price))


NORTHWIND = Invoice(
    stem="northwind-nws-2026-0147",
    invoice_number="NWS-2026-0147",
    purchase_order="PO-55821",
    invoice_date=dt.date(2026, 3, 3),
    due_date=dt.date(2026, 4, 2),
    payment_terms="Net 30",
    vendor_name="Northwind Office Supply Co.",
    customer_name="Greenfield Dental Group",
    currency="USD",
    tax_rate=D("8.25"),
    items=[
        _li("Copy paper, letter, 20 lb, case of 10 reams", "12", "48.99"),
        _li("Ballpoint pens, black, box of 60", "4", "21.50"),
        _li("Ergonomic mesh office chair", "2", "289.00"),
        _li("Toner cartridge HP 58A (CF258A)", "3", "112.75"),
        _li("Delivery and assembly", "1", "45.00"),
    ],
)

BLUEPEAK = Invoice(
    stem="bluepeak-88213",
    invoice_number="88213",
    purchase_order=None,
    invoice_date=dt.date(2026, 3, 15),
    due_date=dt.date(2026, 3, 30),
    payment_terms="Net 15",
    vendor_name="BluePeak IT Services LLC",
    customer_name="Harlow & Finch LLP",
    currency="USD",
    tax_rate=D("7"),
    items=[
        _li("Managed IT services, March 2026 (per user)", "42", "65.00"),
        _li("Microsoft 365 Business Standard licence", "42", "12.50"),
        _li("Endpoint protection (per device)", "48", "4.75"),
        _li("Cloud backup storage (per 100 GB)", "15", "9.00"),
        _li("Firewall subscription, FortiGate 60F", "1", "79.00"),
        _li("Email security gateway (per user)", "42", "3.25"),
        _li("Password manager, business plan (per user)", "42", "4.00"),
        _li("Domain renewal harlowfinch.example", "1", "18.00"),
        _li("SSL certificate, wildcard, 1 year", "1", "149.00"),
        _li("On-site support, printer fleet (hours)", "2.5", "125.00"),
        _li("On-site support, conference room AV (hours)", "1.5", "125.00"),
        _li("Remote support outside contract (hours)", "3.25", "110.00"),
        _li("Dell Latitude 5450 laptop, 16 GB / 512 GB", "3", "1249.00"),
        _li("Dell 27 inch monitor P2725H", "4", "229.99"),
        _li("Dell USB-C dock WD19S", "4", "189.00"),
        _li("Logitech MX Keys keyboard and mouse combo", "4", "119.99"),
        _li("Laptop setup and data migration", "3", "95.00"),
        _li("Cat6 patch cable, 7 ft", "24", "3.49"),
        _li("24-port PoE network switch", "1", "649.00"),
        _li("Rack installation labour (hours)", "3", "125.00"),
        _li("Wireless access point U6 Pro", "2", "169.00"),
        _li("Access point mounting and cabling", "2", "140.00"),
        _li("UPS battery replacement RBC7", "1", "254.00"),
        _li("Network documentation update", "1", "180.00"),
        _li("Security awareness training (per user)", "42", "6.50"),
        _li("Quarterly vulnerability scan", "1", "350.00"),
        _li("Backup restore test and report", "1", "220.00"),
        _li("Conference speakerphone Jabra Speak2 75", "2", "279.00"),
        _li("HDMI 2.1 cable, 10 ft", "6", "14.99"),
        _li("Travel charge, on-site visits", "2", "45.00"),
    ],
)

OSTARA = Invoice(
    stem="atelier-ostara-ost-2026-031",
    invoice_number="OST-2026-031",
    purchase_order="KO-4471",
    invoice_date=dt.date(2026, 1, 15),
    due_date=dt.date(2026, 2, 14),
    payment_terms="30 days",
    vendor_name="Atelier Ostara B.V.",
    customer_name="Kestrel Outdoor B.V.",
    currency="EUR",
    tax_rate=D("21"),
    items=[
        _li("Brand identity workshop (hours)", "16", "85.00"),
        _li("Logo design, two revision rounds (hours)", "22", "85.00"),
        _li("Packaging design, per SKU", "3", "420.00"),
        _li("Print-ready file preparation (hours)", "6", "65.00"),
    ],
)

# --------------------------------------------------------------------------- data: receipts


@dataclass(frozen=True)
class ReceiptItem:
    name: str
    quantity: Decimal
    price: Decimal
    unit_price: Decimal | None = None  # printed on some receipts ("3 @ 1.25")
    modifier: bool = False  # printed as an add-on line under the item before it

    def expected(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "quantity": json_number(self.quantity),
            "price": money(self.price),
        }


@dataclass(frozen=True)
class Receipt:
    stem: str
    merchant_name: str
    date: dt.date
    time: str | None  # HH:MM, 24 h
    currency: str
    items: list[ReceiptItem]
    tax: Decimal | None
    tip: Decimal | None
    payment_method: str | None
    tax_included: bool = False  # VAT included in the item prices (UK/EU style)
    subtotal_printed: bool = True

    @property
    def items_sum(self) -> Decimal:
        return sum((item.price for item in self.items), Decimal(0))

    @property
    def total(self) -> Decimal:
        total = self.items_sum + (self.tip or 0)
        if not self.tax_included:
            total += self.tax or 0
        return total

    def expected(self) -> dict[str, Any]:
        return {
            "merchant_name": self.merchant_name,
            "date": self.date.isoformat(),
            "time": self.time,
            "currency": self.currency,
            "items": [item.expected() for item in self.items],
            "subtotal": money(self.items_sum) if self.subtotal_printed else None,
            "tax": money(self.tax),
            "tip": money(self.tip),
            "total": money(self.total),
            "payment_method": self.payment_method,
        }


def _ri(name: str, quantity: str, price: str, unit_price: str | None = None) -> ReceiptItem:
    return ReceiptItem(name, D(quantity), D(price), D(unit_price) if unit_price else None)


LITTLE_FERN = Receipt(
    stem="little-fern-coffee-2026-03-07",
    merchant_name="Little Fern Coffee",
    date=dt.date(2026, 3, 7),
    time="08:42",
    currency="USD",
    items=[
        _ri("Latte", "2", "9.00"),
        ReceiptItem("Oat Milk", D(1), D("0.75"), modifier=True),
        _ri("Almond Croissant", "1", "4.25"),
        _ri("Drip Coffee 12oz", "1", "3.10"),
    ],
    tax=D("0.00"),
    tip=D("3.00"),
    payment_method="VISA",
)

GREENLEAF = Receipt(
    stem="greenleaf-market-2026-01-15",
    merchant_name="GREENLEAF MARKET",
    date=dt.date(2026, 1, 15),
    time="17:31",
    currency="USD",
    items=[
        _ri("ORGANIC BANANAS", "1.32", "0.91", "0.69"),
        _ri("WHOLE MILK 1 GAL", "1", "4.29"),
        _ri("SOURDOUGH LOAF", "1", "5.49"),
        _ri("GREEK YOGURT 5.3OZ", "3", "3.75", "1.25"),
        _ri("EGGS LARGE DOZEN", "1", "3.99"),
        _ri("BASIL BUNCH", "1", "2.49"),
        _ri("PAPER TOWELS 6PK", "1", "8.99"),
    ],
    tax=D("0.63"),  # 7% on the taxable paper towels only
    tip=None,
    payment_method="CASH",
)

COPPER_KETTLE = Receipt(
    stem="copper-kettle-2026-02-14",
    merchant_name="The Copper Kettle",
    date=dt.date(2026, 2, 14),
    time="19:58",
    currency="GBP",
    items=[
        _ri("Fish & Chips", "1", "15.50"),
        _ri("Steak & Ale Pie", "1", "16.95"),
        _ri("Pint IPA", "2", "13.00"),
        _ri("Sticky Toffee Pudding", "1", "7.25"),
        _ri("Sparkling Water", "1", "3.20"),
    ],
    tax=D("9.32"),  # VAT at 20% included in 55.90
    tip=D("6.99"),  # discretionary service 12.5%
    payment_method="Mastercard",
    tax_included=True,
)

HARBOR_HARDWARE = Receipt(
    stem="harbor-hardware-2026-02-21",
    merchant_name="HARBOR HARDWARE & SUPPLY",
    date=dt.date(2026, 2, 21),
    time="14:05",
    currency="USD",
    items=[
        _ri("Cordless drill 20V", "1", "129.00"),
        _ri("Wood screws #8 1-1/4in 100pk", "2", "15.98", "7.99"),
        _ri("Painters tape 1.88in", "1", "6.49"),
        _ri("Sandpaper sheet 120 grit", "4", "3.96", "0.99"),
    ],
    tax=D("16.71"),  # 10.75% of 155.43
    tip=None,
    payment_method="DEBIT CARD",
)

# --------------------------------------------------------------------------- data: resumes


@dataclass(frozen=True)
class Job:
    title: str
    company: str
    place: str
    start: str  # YYYY-MM or YYYY
    end: str | None  # None = present
    bullets: list[str] = field(default_factory=list)

    def expected(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "company": self.company,
            "start_date": self.start,
            "end_date": self.end,
        }


@dataclass(frozen=True)
class Degree:
    degree: str
    institution: str
    year: int
    started: int | None = None  # printed as a 'started – year' range on some resumes
    note: str = ""

    def expected(self) -> dict[str, Any]:
        return {
            "degree": self.degree,
            "institution": self.institution,
            "graduation_year": self.year,
        }


@dataclass(frozen=True)
class Resume:
    stem: str
    name: str
    headline: str
    email: str
    phone: str
    location: str
    summary: str
    skill_groups: list[tuple[str, list[str]]]  # (category label or "", skills)
    jobs: list[Job]
    degrees: list[Degree]

    @property
    def skills(self) -> list[str]:
        return [skill for _, group in self.skill_groups for skill in group]

    def expected(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "location": self.location,
            "skills": self.skills,
            "experience": [job.expected() for job in self.jobs],
            "education": [degree.expected() for degree in self.degrees],
        }


PRIYA = Resume(
    stem="priya-raman-resume",
    name="Priya Raman",
    headline="Senior Data Engineer",
    email="priya.raman@example.com",
    phone="(512) 555-0147",
    location="Austin, TX",
    summary=(
        "Data engineer with nine years of experience building batch and streaming pipelines for "
        "logistics, healthcare and retail analytics. Comfortable owning a platform end to end, from "
        "ingestion to the dashboards the business reads every morning."
    ),
    skill_groups=[
        (
            "",
            [
                "Python",
                "SQL",
                "Apache Spark",
                "Airflow",
                "dbt",
                "Kafka",
                "AWS (Glue, Redshift, S3)",
                "Terraform",
                "Docker",
                "Tableau",
            ],
        )
    ],
    jobs=[
        Job(
            "Senior Data Engineer",
            "Lattice Freight Analytics",
            "Austin, TX",
            "2021-01",
            None,
            [
                "Led the move from nightly batch loads to Kafka streaming, cutting shipment-status "
                "latency from 6 hours to under 2 minutes.",
                "Built a dbt project of 240 models with tests and documentation used by 5 analyst teams.",
                "Mentored three junior engineers; introduced code review and on-call runbooks.",
            ],
        ),
        Job(
            "Data Engineer",
            "Corvid Health Systems",
            "Dallas, TX",
            "2018-06",
            "2020-12",
            [
                "Designed HIPAA-compliant ingestion of claims data from 14 payers into Redshift.",
                "Automated 30+ manual Excel reports with Airflow and Tableau.",
            ],
        ),
        Job(
            "Business Intelligence Analyst",
            "Pinecrest Retail Group",
            "Houston, TX",
            "2016-08",
            "2018-05",
            ["Maintained store-level sales dashboards for 120 locations."],
        ),
    ],
    degrees=[
        Degree("M.S. Computer Science", "University of Texas at Dallas", 2016),
        Degree("B.S. Mathematics", "Texas State University", 2014),
    ],
)

DANIEL = Resume(
    stem="daniel-okafor-cv",
    name="Daniel Okafor",
    headline="Product Designer",
    email="d.okafor.design@example.net",
    phone="+1 312 555 0199",
    location="Chicago, IL",
    summary=(
        "Product designer who turns messy insurance and banking workflows into interfaces people "
        "finish. I work closely with engineers and like testing ideas with real customers early."
    ),
    skill_groups=[
        ("Design", ["Figma", "Sketch", "Adobe Illustrator", "Prototyping"]),
        ("Research", ["Usability testing", "Journey mapping", "Survey design"]),
        ("Front-end", ["HTML", "CSS", "React"]),
    ],
    jobs=[
        Job(
            "Lead Product Designer",
            "Brightwell Insurance",
            "Chicago, IL",
            "2022-03",
            None,
            [
                "Redesigned the online claims flow; completion rose from 61% to 84% in six months.",
                "Built and maintain the Brightwell design system used by four product squads.",
            ],
        ),
        Job(
            "Product Designer",
            "Ledgerline Bank",
            "Chicago, IL",
            "2019-09",
            "2022-02",
            [
                "Designed the mobile onboarding and card-controls features for 300,000 customers.",
                "Ran monthly usability sessions and shared findings with engineering.",
            ],
        ),
        Job(
            "Junior Graphic Designer",
            "Studio Halden",
            "Evanston, IL",
            "2017",
            "2019",
            ["Produced brand, print and web assets for small-business clients."],
        ),
    ],
    degrees=[
        Degree(
            "Bachelor of Fine Arts in Graphic Design",
            "School of the Art Institute of Chicago",
            2017,
        ),
    ],
)

SOFIA = Resume(
    stem="sofia-marquez-rn-resume",
    name="Sofia Marquez",
    headline="Registered Nurse, BSN",
    email="sofia.marquez.rn@example.org",
    phone="619-555-0123",
    location="San Diego, CA",
    summary=(
        "Compassionate registered nurse with ten years of medical-surgical experience, including "
        "five years as charge nurse on a 32-bed unit. Calm under pressure and committed to "
        "patient education and safe handoffs."
    ),
    skill_groups=[
        (
            "",
            [
                "Patient assessment",
                "IV therapy",
                "Wound care",
                "Epic EHR",
                "Medication administration",
                "Staff scheduling",
                "Bilingual English/Spanish",
            ],
        )
    ],
    jobs=[
        Job(
            "Charge Nurse, Medical-Surgical Unit",
            "Mission Bay Medical Center",
            "San Diego, CA",
            "2019-03",
            None,
            [
                "Coordinate care and assignments for 32 beds and up to 9 nurses per shift.",
                "Reduced patient falls on the unit by 40% with an hourly-rounding program.",
                "Precept new graduate nurses through a 12-week orientation.",
            ],
        ),
        Job(
            "Staff Nurse",
            "Palomar Coast Hospital",
            "Escondido, CA",
            "2015-07",
            "2019-02",
            [
                "Provided post-operative care for orthopedic and general surgery patients.",
                "Served on the unit practice council and the sepsis screening task force.",
            ],
        ),
    ],
    degrees=[
        Degree(
            "Bachelor of Science in Nursing",
            "San Diego State University",
            2015,
            started=2012,
            note="Dean's List, Sigma Theta Tau",
        ),
        Degree("Associate of Science, Biology", "Grossmont College", 2012),
    ],
)

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def fmt_period(value: str | None, style: str, present: str = "Present") -> str:
    """Render a YYYY-MM / YYYY value as a resume would print it ('Jan 2020', '03/2022' ...)."""
    if value is None:
        return present
    if len(value) == 4:
        return value
    year, month = int(value[:4]), int(value[5:])
    if style == "short":
        return f"{MONTHS[month - 1][:3]} {year}"
    if style == "long":
        return f"{MONTHS[month - 1]} {year}"
    return f"{month:02d}/{year}"


def long_date(value: dt.date) -> str:
    return f"{MONTHS[value.month - 1]} {value.day}, {value.year}"


# --------------------------------------------------------------------------- PDF helpers

BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=9.5, leading=12.5)
SMALL = ParagraphStyle("small", parent=BASE, fontSize=8.5, leading=11)
RIGHT = ParagraphStyle("right", parent=BASE, alignment=TA_RIGHT)
BOLD = ParagraphStyle("bold", parent=BASE, fontName="Helvetica-Bold")


def pdf_doc(target: io.BytesIO, pagesize: tuple[float, float], title: str, author: str, **kw: Any):
    """A SimpleDocTemplate with the fixed metadata that makes the PDF reproducible."""
    return SimpleDocTemplate(
        target,
        pagesize=pagesize,
        title=title,
        author=author,
        creator="skillkit example documents",
        invariant=1,
        **kw,
    )


def para(text: str, style: ParagraphStyle = BASE) -> Paragraph:
    return Paragraph(text, style)


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- invoice renderers


def render_northwind(inv: Invoice) -> bytes:
    """Classic one-page US invoice: label: value pairs beside each other, Bill To / Ship To."""
    out = io.BytesIO()
    doc = pdf_doc(
        out,
        LETTER,
        f"Invoice {inv.invoice_number}",
        inv.vendor_name,
        leftMargin=0.75 * inch,
        rightMargin=0.75 * inch,
        topMargin=0.7 * inch,
        bottomMargin=0.7 * inch,
    )
    width = LETTER[0] - 1.5 * inch
    vendor = para(
        f"<font name='Helvetica-Bold' size='15'>{esc(inv.vendor_name)}</font><br/>"
        "4100 Harbor Blvd, Suite 210<br/>Oakland, CA 94607<br/>"
        "(510) 555-0148 &nbsp;|&nbsp; billing@northwind-supply.example",
        BASE,
    )
    title = para(
        "<font name='Helvetica-Bold' size='24' color='#1f3b5c'>INVOICE</font>",
        ParagraphStyle("title", parent=RIGHT, leading=28),
    )
    meta = Table(
        [
            ["Invoice No.:", inv.invoice_number],
            ["Date:", long_date(inv.invoice_date)],
            ["Due Date:", long_date(inv.due_date)] if inv.due_date else ["", ""],
            ["P.O. Number:", inv.purchase_order or ""],
            ["Terms:", inv.payment_terms or ""],
        ],
        colWidths=[1.0 * inch, 1.45 * inch],
        style=TableStyle(
            [
                ("FONT", (0, 0), (0, -1), "Helvetica-Bold", 9.5),
                ("FONT", (1, 0), (1, -1), "Helvetica", 9.5),
                ("ALIGN", (0, 0), (0, -1), "RIGHT"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ]
        ),
    )
    header = Table(
        [[vendor, [title, Spacer(1, 6), meta]]],
        colWidths=[width - 2.6 * inch, 2.6 * inch],
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT")]),
    )
    bill_ship = Table(
        [
            [para("<b>Bill To</b>"), para("<b>Ship To</b>")],
            [
                para(
                    f"{esc(inv.customer_name)}<br/>Attn: Accounts Payable<br/>"
                    "88 Willow Street<br/>Berkeley, CA 94704"
                ),
                para(
                    f"{esc(inv.customer_name)}<br/>Front Desk, 2nd Floor<br/>"
                    "1520 Shattuck Ave<br/>Berkeley, CA 94709"
                ),
            ],
        ],
        colWidths=[width / 2, width / 2],
        style=TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.HexColor("#1f3b5c")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    rows: list[list[Any]] = [["Description", "Qty", "Unit Price", "Amount"]]
    for item in inv.items:
        rows.append(
            [
                para(esc(item.description)),
                fmt_qty(item.quantity),
                fmt_us(item.unit_price, "$"),
                fmt_us(item.amount, "$"),
            ]
        )
    items = Table(
        rows,
        colWidths=[width - 3.3 * inch, 0.7 * inch, 1.2 * inch, 1.4 * inch],
        repeatRows=1,
        style=TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3b5c")),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9.5),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9.5),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor("#c5cdd8")),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        ),
    )
    totals = Table(
        [
            ["Subtotal", fmt_us(inv.subtotal, "$")],
            [f"Sales Tax ({fmt_qty(inv.tax_rate)}%)", fmt_us(inv.tax, "$")],
            ["Total", fmt_us(inv.total, "$")],
            ["Amount Due (USD)", fmt_us(inv.total, "$")],
        ],
        colWidths=[1.6 * inch, 1.4 * inch],
        hAlign="RIGHT",
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 9.5),
                ("FONT", (0, 3), (-1, 3), "Helvetica-Bold", 11),
                ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
                ("LINEABOVE", (0, 2), (-1, 2), 0.75, colors.black),
                ("BACKGROUND", (0, 3), (-1, 3), colors.HexColor("#e8edf3")),
                ("TOPPADDING", (0, 3), (-1, 3), 6),
                ("BOTTOMPADDING", (0, 3), (-1, 3), 6),
            ]
        ),
    )
    notes = para(
        "<b>Payment instructions</b><br/>Please make checks payable to "
        f"{esc(inv.vendor_name)} or pay by ACH to account 000123456789, routing 121000358. "
        f"Include invoice number {inv.invoice_number} with your payment. A 1.5% monthly "
        "late fee applies to balances past due.<br/><br/>Thank you for your business!",
        SMALL,
    )
    doc.build(
        [
            header,
            Spacer(1, 22),
            bill_ship,
            Spacer(1, 20),
            items,
            Spacer(1, 12),
            totals,
            Spacer(1, 36),
            notes,
        ]
    )
    return out.getvalue()


def render_bluepeak(inv: Invoice) -> bytes:
    """Two-page invoice: value-below-label header blocks, the item table continues on page 2
    under a repeated header row, and the totals sit on page 2."""
    width = LETTER[0] - 1.5 * inch
    blue = colors.HexColor("#1565c0")

    label = ParagraphStyle("label", parent=BASE, fontSize=7.5, leading=10, textColor=colors.grey)
    value = ParagraphStyle("value", parent=BASE, fontName="Helvetica-Bold", fontSize=11, leading=14)

    def block(name: str, text: str) -> list[Paragraph]:
        return [para(name.upper(), label), para(esc(text), value)]

    header = Table(
        [
            [
                para(
                    f"<font name='Helvetica-Bold' size='18' color='#1565c0'>"
                    f"{esc(inv.vendor_name)}</font><br/><br/>2290 Larkspur Road, Suite 4<br/>"
                    "Denver, CO 80205<br/>accounts@bluepeak-it.example &nbsp; 303-555-0172",
                ),
                para(
                    "<font name='Helvetica' size='26' color='#9e9e9e'>INVOICE</font>",
                    ParagraphStyle("title", parent=RIGHT, leading=30),
                ),
            ]
        ],
        colWidths=[width * 0.65, width * 0.35],
        style=TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        ),
    )
    due = inv.due_date.strftime("%m/%d/%Y") if inv.due_date else ""
    blocks = Table(
        [
            [
                block("Invoice #", inv.invoice_number),
                block("Issue Date", inv.invoice_date.strftime("%m/%d/%Y")),
                block("Due Date", due),
                block("Balance Due", fmt_us(inv.total, "$")),
            ]
        ],
        colWidths=[width / 4] * 4,
        style=TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 2, blue),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f7fc")),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )
    bill_to = Table(
        [
            [para("BILL TO", label), para("SERVICE PERIOD", label)],
            [
                para(
                    f"<b>{esc(inv.customer_name)}</b><br/>Attn: Office Manager<br/>"
                    "1800 Wynkoop Street, 3rd Floor<br/>Denver, CO 80202"
                ),
                para(
                    f"March 1 - March 31, 2026<br/><br/>Payment terms: {esc(inv.payment_terms or '')}"
                    "<br/>Customer ID: HF-0093"
                ),
            ],
        ],
        colWidths=[width * 0.5, width * 0.5],
        style=TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        ),
    )
    rows: list[list[Any]] = [["Item", "Quantity", "Rate", "Total"]]
    for item in inv.items:
        rows.append(
            [
                para(esc(item.description)),
                fmt_qty(item.quantity),
                fmt_us(item.unit_price),
                fmt_us(item.amount),
            ]
        )
    table = LongTable(
        rows,
        colWidths=[width - 3.2 * inch, 0.9 * inch, 1.1 * inch, 1.2 * inch],
        repeatRows=1,
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                ("TEXTCOLOR", (0, 0), (-1, 0), blue),
                ("LINEBELOW", (0, 0), (-1, 0), 1, blue),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9.5),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f5f5f5")]),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ]
        ),
    )
    totals = Table(
        [
            ["Subtotal", fmt_us(inv.subtotal, "$")],
            [f"Tax ({fmt_qty(inv.tax_rate)}%)", fmt_us(inv.tax, "$")],
            ["Balance Due", fmt_us(inv.total, "$")],
        ],
        colWidths=[1.5 * inch, 1.3 * inch],
        hAlign="RIGHT",
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 10),
                ("FONT", (0, 2), (-1, 2), "Helvetica-Bold", 12),
                ("TEXTCOLOR", (0, 2), (-1, 2), blue),
                ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
                ("LINEABOVE", (0, 2), (-1, 2), 1, blue),
                ("TOPPADDING", (0, 2), (-1, 2), 6),
            ]
        ),
    )
    notes = para(
        "<b>How to pay</b><br/>ACH / wire: First Front Range Bank, routing 102000021, account "
        f"4400187723. Please reference invoice #{inv.invoice_number}. Cards accepted at "
        "pay.bluepeak-it.example (3% surcharge).<br/>Questions about this invoice? Call 303-555-0172.",
        SMALL,
    )
    story = [
        header,
        Spacer(1, 16),
        blocks,
        Spacer(1, 16),
        bill_to,
        Spacer(1, 16),
        table,
        Spacer(1, 10),
        KeepTogether([totals, Spacer(1, 24), notes]),
    ]

    def build(page_count: int) -> tuple[bytes, int]:
        out = io.BytesIO()
        doc = pdf_doc(
            out,
            LETTER,
            f"Invoice {inv.invoice_number}",
            inv.vendor_name,
            leftMargin=0.75 * inch,
            rightMargin=0.75 * inch,
            topMargin=0.9 * inch,
            bottomMargin=0.8 * inch,
        )

        def decorate(c: canvas.Canvas, d: Any) -> None:
            c.saveState()
            c.setFont("Helvetica", 7.5)
            c.setFillColor(colors.grey)
            c.drawString(0.75 * inch, 0.5 * inch, f"{inv.vendor_name} - EIN 84-0000000")
            c.drawRightString(LETTER[0] - 0.75 * inch, 0.5 * inch, f"Page {d.page} of {page_count}")
            if d.page > 1:
                c.setFont("Helvetica-Bold", 9)
                c.setFillColor(blue)
                c.drawString(0.75 * inch, LETTER[1] - 0.6 * inch, inv.vendor_name)
                c.setFont("Helvetica", 9)
                c.setFillColor(colors.black)
                c.drawRightString(
                    LETTER[0] - 0.75 * inch,
                    LETTER[1] - 0.6 * inch,
                    f"Invoice #{inv.invoice_number} (continued)",
                )
            c.restoreState()

        doc.build(list(story), onFirstPage=decorate, onLaterPages=decorate)
        return out.getvalue(), doc.page

    _, pages = build(0)
    data, pages_again = build(pages)
    if pages != 2 or pages_again != 2:
        sys.exit(f"{inv.stem}: expected a two-page invoice, got {pages} pages")
    return data


def docx_cell_text(cell: Any, lines: list[tuple[str, dict[str, Any]]]) -> None:
    """Fill a table cell with runs: each (text, run options) on its own paragraph."""
    cell.text = ""
    first = True
    for text, opts in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = paragraph.add_run(text)
        run.bold = opts.get("bold", False)
        run.italic = opts.get("italic", False)
        if "size" in opts:
            run.font.size = Pt(opts["size"])
        if "color" in opts:
            run.font.color.rgb = RGBColor.from_string(opts["color"])
        if opts.get("right"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.space_after = Pt(opts.get("after", 0))


def new_docx(title: str, author: str) -> Any:
    document = docx.Document()
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    section = document.sections[0]
    section.left_margin = section.right_margin = DocxInches(0.9)
    section.top_margin = section.bottom_margin = DocxInches(0.8)
    return document


def render_ostara(inv: Invoice) -> bytes:
    """A European design-studio invoice as a Word document: value-below-label blocks, EUR
    amounts written '€ 1.234,50', dates '15 Jan 2026'."""
    document = new_docx(f"Invoice {inv.invoice_number}", inv.vendor_name)

    def day(value: dt.date) -> str:
        return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}"

    top = document.add_table(rows=1, cols=2)
    docx_cell_text(
        top.cell(0, 0),
        [
            (inv.vendor_name, {"bold": True, "size": 16, "color": "7A3E9D"}),
            ("Keizersgracht 412", {}),
            ("1016 GC Amsterdam, Netherlands", {}),
            ("hello@atelier-ostara.example  |  +31 20 555 0147", {}),
            ("KvK 00000000  |  VAT NL000000000B01", {"size": 8.5, "color": "666666"}),
        ],
    )
    docx_cell_text(top.cell(0, 1), [("INVOICE", {"bold": True, "size": 24, "right": True})])
    document.add_paragraph()

    parties = document.add_table(rows=1, cols=2)
    docx_cell_text(
        parties.cell(0, 0),
        [
            ("Billed to", {"size": 8.5, "color": "888888", "after": 2}),
            (inv.customer_name, {"bold": True}),
            ("Attn. Marketing Department", {}),
            ("Vredenburg 40", {}),
            ("3511 BD Utrecht, Netherlands", {}),
        ],
    )
    meta: list[tuple[str, dict[str, Any]]] = []
    for name, text in [
        ("Invoice Number", inv.invoice_number),
        ("Invoice Date", day(inv.invoice_date)),
        ("Due Date", day(inv.due_date) if inv.due_date else ""),
        ("Your Reference", inv.purchase_order or ""),
    ]:
        meta.append((name, {"size": 8.5, "color": "888888"}))
        meta.append((text, {"bold": True, "after": 4}))
    docx_cell_text(parties.cell(0, 1), meta)

    project = document.add_paragraph()
    project.paragraph_format.space_before = Pt(12)
    project.add_run("Project: ").bold = True
    project.add_run("Kestrel trail range rebrand, phase 1")

    items = document.add_table(rows=1, cols=4)
    items.style = document.styles["Light List Accent 1"]
    items.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, heading in enumerate(["Description", "Qty", "Unit price", "Amount"]):
        cell = items.rows[0].cells[index]
        docx_cell_text(cell, [(heading, {"bold": True, "right": index > 0})])
    for item in inv.items:
        cells = items.add_row().cells
        docx_cell_text(cells[0], [(item.description, {})])
        docx_cell_text(cells[1], [(fmt_qty(item.quantity), {"right": True})])
        docx_cell_text(cells[2], [(fmt_eu(item.unit_price), {"right": True})])
        docx_cell_text(cells[3], [(fmt_eu(item.amount), {"right": True})])
    widths = [DocxInches(3.4), DocxInches(0.7), DocxInches(1.2), DocxInches(1.3)]
    for row in items.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width

    document.add_paragraph()
    totals = document.add_table(rows=3, cols=2)
    totals.alignment = WD_TABLE_ALIGNMENT.RIGHT
    for row, (name, amount, bold) in zip(
        totals.rows,
        [
            ("Subtotal", inv.subtotal, False),
            (f"VAT {fmt_qty(inv.tax_rate)}%", inv.tax, False),
            ("Total due", inv.total, True),
        ],
        strict=True,
    ):
        docx_cell_text(row.cells[0], [(name, {"bold": bold, "right": True})])
        docx_cell_text(row.cells[1], [(fmt_eu(amount), {"bold": bold, "right": True})])
        row.cells[0].width = DocxInches(1.6)
        row.cells[1].width = DocxInches(1.3)

    document.add_paragraph()
    terms = document.add_paragraph()
    terms.add_run("Payment terms: ").bold = True
    terms.add_run(
        f"{inv.payment_terms}. Please transfer the total to IBAN NL00 OSTA 0000 0000 00 "
        f"(BIC OSTANL2A) quoting invoice number {inv.invoice_number}."
    )
    thanks = document.add_paragraph("Thank you for the collaboration!")
    thanks.runs[0].italic = True
    return office_bytes(document)


# --------------------------------------------------------------------------- receipt renderers


@dataclass(frozen=True)
class Line:
    """One printed line of a till receipt: centred, left, or left and right aligned text."""

    left: str = ""
    right: str = ""
    align: str = "lr"  # "lr", "center", "rule", "gap"
    font: str | None = None
    size: float | None = None


def C(text: str, font: str | None = None, size: float | None = None) -> Line:
    return Line(text, align="center", font=font, size=size)


def LR(left: str, right: str = "", font: str | None = None, size: float | None = None) -> Line:
    return Line(left, right, font=font, size=size)


RULE = Line(align="rule")
GAP = Line(align="gap")


def till_pdf(lines: list[Line], title: str, author: str, font: str, size: float) -> bytes:
    """A narrow (80 mm) till-roll receipt drawn line by line."""
    width, margin = 80 * mm, 5 * mm

    def height_of(line: Line) -> float:
        return (line.size or size) * 1.35 if line.align != "gap" else size * 0.8

    page_height = sum(height_of(line) for line in lines) + 2 * margin
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(width, page_height), invariant=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("skillkit example documents")
    y = page_height - margin
    for line in lines:
        y -= height_of(line)
        line_font, line_size = line.font or font, line.size or size
        c.setFont(line_font, line_size)
        if line.align == "center":
            c.drawCentredString(width / 2, y, line.left)
        elif line.align == "rule":
            c.setDash(1.5, 1.5)
            c.setLineWidth(0.5)
            c.line(margin, y + line_size * 0.4, width - margin, y + line_size * 0.4)
            c.setDash()
        elif line.align == "lr":
            c.drawString(margin, y, line.left)
            if line.right:
                c.drawRightString(width - margin, y, line.right)
    c.showPage()
    c.save()
    return out.getvalue()


def render_little_fern(rc: Receipt) -> bytes:
    """Coffee-shop receipt: '2 x Latte  9.00' item lines, a modifier line, no sales tax, a tip."""
    lines = [
        C(rc.merchant_name, "Helvetica-Bold", 13),
        C("212 SE Alder St"),
        C("Portland, OR 97214"),
        C("(503) 555-0182"),
        GAP,
        LR("Order #4417", "Dine In"),
        LR(rc.date.strftime("%m/%d/%Y"), "8:42 AM"),
        LR("Server: Maya", "Register 2"),
        RULE,
    ]
    for item in rc.items:
        if item.modifier:
            lines.append(LR(f"    + {item.name}", fmt_us(item.price)))
        else:
            lines.append(LR(f"{fmt_qty(item.quantity)} x {item.name}", fmt_us(item.price)))
    lines += [
        RULE,
        LR("Subtotal", fmt_us(rc.items_sum)),
        LR("Tax", fmt_us(rc.tax or D(0))),
        LR("Tip", fmt_us(rc.tip or D(0))),
        LR("TOTAL", fmt_us(rc.total, "$"), "Courier-Bold", 10),
        GAP,
        LR(f"{rc.payment_method}  **** **** **** 4417"),
        LR("Card Amount", fmt_us(rc.total, "$")),
        LR("Auth #083412", "Contactless"),
        GAP,
        C("Thank you! See you soon."),
        C("littlefern.example"),
    ]
    return till_pdf(lines, f"Receipt {rc.merchant_name}", rc.merchant_name, "Courier", 8.5)


def render_greenleaf(rc: Receipt) -> bytes:
    """Grocery receipt: weighed item, 'qty @ price' lines, tax flags, cash and change."""
    lines = [
        C(rc.merchant_name, "Helvetica-Bold", 14),
        C("Neighborhood Grocer"),
        C("5820 N Lincoln Ave"),
        C("Chicago IL 60659"),
        C("Store 014   (773) 555-0110"),
        RULE,
    ]
    for item in rc.items:
        flag = "T" if item.name.startswith("PAPER") else "F"
        if item.unit_price is not None and item.name.startswith("ORGANIC"):
            lines.append(LR(item.name))
            unit = f"  {fmt_qty(item.quantity)} lb @ {fmt_us(item.unit_price)} /lb"
            lines.append(LR(unit, f"{fmt_us(item.price)} {flag}"))
        elif item.unit_price is not None:
            lines.append(LR(item.name))
            unit = f"  {fmt_qty(item.quantity)} @ {fmt_us(item.unit_price)}"
            lines.append(LR(unit, f"{fmt_us(item.price)} {flag}"))
        else:
            lines.append(LR(item.name, f"{fmt_us(item.price)} {flag}"))
    tendered = D("40.00")
    # Weighed items count once; others by their quantity, as grocery tills print it.
    sold = sum(int(i.quantity) if i.quantity == int(i.quantity) else 1 for i in rc.items)
    lines += [
        RULE,
        LR("SUBTOTAL", fmt_us(rc.items_sum) + "  "),
        LR("TAX 7.000%", fmt_us(rc.tax or D(0)) + "  "),
        LR("**** TOTAL", fmt_us(rc.total, "$") + "  ", "Courier-Bold", 10),
        GAP,
        LR(f"{rc.payment_method} TEND", fmt_us(tendered) + "  "),
        LR("CHANGE DUE", fmt_us(tendered - rc.total) + "  "),
        RULE,
        LR(f"# ITEMS SOLD {sold}"),
        LR(f"{rc.date.strftime('%m/%d/%y')} {rc.time}  ST 014 TR 2291 OP 07"),
        GAP,
        C("THANK YOU FOR SHOPPING GREENLEAF"),
        C("F = FOOD   T = TAXABLE"),
    ]
    return till_pdf(lines, "Receipt", rc.merchant_name, "Courier", 8.5)


def render_copper_kettle(rc: Receipt) -> bytes:
    """UK pub bill: qty column first, discretionary service charge, VAT included in prices."""
    lines = [
        C(rc.merchant_name, "Helvetica-Bold", 14),
        C("Pub & Dining Room"),
        C("27 Bramley Road, London N14 6AB"),
        C("Tel 020 7946 0321"),
        C("VAT Reg No. GB 123 4567 89", size=7.5),
        GAP,
        LR("Table 12", "Covers 2"),
        LR("Server: Tom", "Chk 0457"),
        LR(f"{rc.date.day} {MONTHS[rc.date.month - 1][:3]} {rc.date.year}", rc.time or ""),
        RULE,
        LR("Qty  Item", "£", "Helvetica-Bold"),
    ]
    for item in rc.items:
        lines.append(LR(f"{fmt_qty(item.quantity)}    {item.name}", fmt_us(item.price)))
    lines += [
        RULE,
        LR("Subtotal", fmt_us(rc.items_sum)),
        LR("Discretionary service 12.5%", fmt_us(rc.tip or D(0))),
        LR("TOTAL", fmt_us(rc.total, "£"), "Helvetica-Bold", 11),
        GAP,
        LR("VAT @ 20% included", fmt_us(rc.tax or D(0)), size=8),
        RULE,
        LR(f"{rc.payment_method} Contactless"),
        LR("Card ending 5521", fmt_us(rc.total, "£")),
        LR("Auth code", "A91C2D"),
        GAP,
        C("Thank you for dining with us!"),
    ]
    return till_pdf(lines, f"Bill {rc.merchant_name}", rc.merchant_name, "Helvetica", 9)


def render_harbor_hardware(rc: Receipt) -> bytes:
    """A plain-text e-receipt as a store's email would carry it (fixed-width columns)."""
    width = 44

    def row(left: str, right: str) -> str:
        return left + " " * max(1, width - len(left) - len(right)) + right

    out = [
        rc.merchant_name.center(width).rstrip(),
        "1187 Marina Way, Alameda, CA 94501".center(width).rstrip(),
        "Tel 510-555-0163".center(width).rstrip(),
        "",
        "Sale #30-118842",
        f"Date: {rc.date.isoformat()}   Time: {rc.time}",
        "Cashier: DeShawn",
        "",
        row("QTY  DESCRIPTION", "AMOUNT"),
        "-" * width,
    ]
    for item in rc.items:
        out.append(row(f" {fmt_qty(item.quantity):<3} {item.name}", fmt_us(item.price)))
        if item.unit_price is not None:
            out.append(f"       @ {fmt_us(item.unit_price)} ea")
    out += [
        "-" * width,
        row("          SUBTOTAL", fmt_us(rc.items_sum)),
        row("          SALES TAX 10.75%", fmt_us(rc.tax or D(0))),
        row("          TOTAL", fmt_us(rc.total, "$")),
        "",
        row(f"          {rc.payment_method}", fmt_us(rc.total, "$")),
        "          Card: ************2290",
        "",
        "Returns accepted within 30 days with receipt.",
        "Thank you for shopping local!",
    ]
    return ("\n".join(out) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- resume renderers


def render_priya(cv: Resume) -> bytes:
    """One-column resume: contact line under the name, ruled section headings,
    'Jan 2021 – Present' ranges and a comma-separated skills paragraph."""
    out = io.BytesIO()
    doc = pdf_doc(
        out,
        LETTER,
        f"{cv.name} - Resume",
        cv.name,
        leftMargin=0.8 * inch,
        rightMargin=0.8 * inch,
        topMargin=0.6 * inch,
        bottomMargin=0.6 * inch,
    )
    width = LETTER[0] - 1.6 * inch
    name = ParagraphStyle("name", parent=BASE, fontName="Helvetica-Bold", fontSize=22, leading=26)
    centre = ParagraphStyle("centre", parent=BASE, alignment=1)
    heading = ParagraphStyle(
        "heading", parent=BASE, fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=10
    )
    bullet = ParagraphStyle("bullet", parent=BASE, leftIndent=12, bulletIndent=2, spaceAfter=1)
    story: list[Any] = [
        Paragraph(esc(cv.name), ParagraphStyle("n2", parent=name, alignment=1)),
        para(esc(cv.headline), centre),
        Spacer(1, 4),
        para(
            f"{esc(cv.location)} &nbsp;|&nbsp; {cv.email} &nbsp;|&nbsp; {esc(cv.phone)} "
            "&nbsp;|&nbsp; linkedin.com/in/priya-raman-data",
            centre,
        ),
        Spacer(1, 6),
    ]

    def section(title: str) -> None:
        story.append(para(title, heading))
        story.append(HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceAfter=5))

    section("SUMMARY")
    story.append(para(esc(cv.summary)))
    section("EXPERIENCE")
    for job in cv.jobs:
        period = f"{fmt_period(job.start, 'short')} – {fmt_period(job.end, 'short')}"
        story.append(
            Table(
                [
                    [para(f"<b>{esc(job.title)}</b>"), para(period, RIGHT)],
                    [para(f"<i>{esc(job.company)}, {esc(job.place)}</i>"), ""],
                ],
                colWidths=[width * 0.7, width * 0.3],
                style=TableStyle(
                    [
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ]
                ),
            )
        )
        for text in job.bullets:
            story.append(Paragraph(esc(text), bullet, bulletText="•"))
        story.append(Spacer(1, 6))
    section("EDUCATION")
    for degree in cv.degrees:
        story.append(
            Table(
                [
                    [
                        para(f"<b>{esc(degree.degree)}</b>, {esc(degree.institution)}"),
                        para(str(degree.year), RIGHT),
                    ]
                ],
                colWidths=[width * 0.8, width * 0.2],
                style=TableStyle(
                    [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
                ),
            )
        )
    section("SKILLS")
    story.append(para(esc(", ".join(cv.skills))))
    doc.build(story)
    return out.getvalue()


def render_daniel(cv: Resume) -> bytes:
    """Word CV: company first with right-tabbed dates, title below, '03/2022 – present' ranges,
    'Work History' and a 'Technical Skills' section grouped by category."""
    document = new_docx(f"{cv.name} CV", cv.name)
    right_tab = DocxInches(6.7)

    title = document.add_paragraph()
    run = title.add_run(cv.name)
    run.bold = True
    run.font.size = Pt(24)
    run.font.color.rgb = RGBColor.from_string("2E4A62")
    title.paragraph_format.space_after = Pt(0)
    headline = document.add_paragraph(cv.headline)
    headline.runs[0].font.size = Pt(13)
    contact = document.add_paragraph(
        f"{cv.location}  |  {cv.phone}  |  {cv.email}  |  okafor-design.example"
    )
    contact.runs[0].font.color.rgb = RGBColor.from_string("555555")

    def heading(text: str) -> None:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(12)
        paragraph.paragraph_format.space_after = Pt(4)
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(13)
        run.font.color.rgb = RGBColor.from_string("2E4A62")

    def tabbed(left: str, right: str, bold: bool = True) -> None:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(right_tab, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(left).bold = bold
        paragraph.add_run("\t" + right)

    heading("Profile")
    document.add_paragraph(cv.summary)
    heading("Work History")
    for job in cv.jobs:
        start = fmt_period(job.start, "numeric")
        end = fmt_period(job.end, "numeric", present="present")
        tabbed(job.company, f"{start} – {end}")
        role = document.add_paragraph()
        role.paragraph_format.space_after = Pt(2)
        role.add_run(job.title).italic = True
        role.add_run(f"  ·  {job.place}")
        for text in job.bullets:
            document.add_paragraph(text, style="List Bullet")
    heading("Education")
    for degree in cv.degrees:
        tabbed(degree.institution, str(degree.year))
        document.add_paragraph(degree.degree)
    heading("Technical Skills")
    for category, skills in cv.skill_groups:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(f"{category}: ").bold = True
        paragraph.add_run(", ".join(skills))
    return office_bytes(document)


def render_sofia(cv: Resume) -> bytes:
    """Two-column resume: a shaded sidebar (contact, skills as bullets, education with a
    '2011 – 2015' range, certifications) beside the main column (profile, experience)."""
    out = io.BytesIO()
    page_w, page_h = A4
    side_w, gap, margin = 2.35 * inch, 0.3 * inch, 0.55 * inch
    top_h = 1.1 * inch
    teal = colors.HexColor("#0f6e6e")
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        title=f"{cv.name} - Resume",
        author=cv.name,
        creator="skillkit example documents",
        invariant=1,
    )
    top = Frame(margin, page_h - margin - top_h, page_w - 2 * margin, top_h, id="top")
    body_h = page_h - 2 * margin - top_h - 0.15 * inch
    side = Frame(margin, margin, side_w, body_h, id="side", leftPadding=10, rightPadding=10)
    main = Frame(
        margin + side_w + gap, margin, page_w - 2 * margin - side_w - gap, body_h, id="main"
    )

    def background(c: canvas.Canvas, d: Any) -> None:
        c.saveState()
        c.setFillColor(colors.HexColor("#e7f2f1"))
        c.rect(margin, margin, side_w, body_h, stroke=0, fill=1)
        c.setStrokeColor(teal)
        c.setLineWidth(2)
        c.line(margin, page_h - margin - top_h, page_w - margin, page_h - margin - top_h)
        c.restoreState()

    doc.addPageTemplates([PageTemplate(id="cv", frames=[top, side, main], onPage=background)])
    name = ParagraphStyle(
        "name", parent=BASE, fontName="Helvetica-Bold", fontSize=26, leading=30, textColor=teal
    )
    headline = ParagraphStyle("headline", parent=BASE, fontSize=13, leading=16)
    side_head = ParagraphStyle(
        "sh",
        parent=BASE,
        fontName="Helvetica-Bold",
        fontSize=10.5,
        leading=13,
        textColor=teal,
        spaceBefore=10,
        spaceAfter=4,
    )
    main_head = ParagraphStyle("mh", parent=side_head, fontSize=12, leading=15)
    side_text = ParagraphStyle("st", parent=BASE, fontSize=9, leading=12)
    bullet = ParagraphStyle("b", parent=side_text, leftIndent=10, bulletIndent=0)
    main_bullet = ParagraphStyle("mb", parent=BASE, leftIndent=12, bulletIndent=2, spaceAfter=2)

    story: list[Any] = [
        Spacer(1, 10),
        para(esc(cv.name), name),
        para(esc(cv.headline), headline),
        FrameBreak(),
        para("CONTACT", side_head),
        para(esc(cv.phone), side_text),
        para(cv.email, side_text),
        para(esc(cv.location), side_text),
        para("SKILLS", side_head),
    ]
    story += [Paragraph(esc(skill), bullet, bulletText="•") for skill in cv.skills]
    story.append(para("EDUCATION", side_head))
    for degree in cv.degrees:
        story.append(para(f"<b>{esc(degree.degree)}</b>", side_text))
        story.append(para(esc(degree.institution), side_text))
        years = f"{degree.started} – {degree.year}" if degree.started else str(degree.year)
        story.append(para(years, side_text))
        if degree.note:
            story.append(para(f"<i>{esc(degree.note)}</i>", side_text))
        story.append(Spacer(1, 6))
    story += [
        para("CERTIFICATIONS", side_head),
        para("BLS and ACLS, American Heart Association", side_text),
        para("California RN License, active", side_text),
        FrameBreak(),
        para("PROFILE", main_head),
        para(esc(cv.summary)),
        para("PROFESSIONAL EXPERIENCE", main_head),
    ]
    for job in cv.jobs:
        story.append(para(f"<b>{esc(job.title)}</b>"))
        story.append(para(f"{esc(job.company)} | {esc(job.place)}"))
        period = f"{fmt_period(job.start, 'long')} – {fmt_period(job.end, 'long')}"
        story.append(para(f"<font color='#555555'>{period}</font>", SMALL))
        story.append(Spacer(1, 3))
        story += [Paragraph(esc(text), main_bullet, bulletText="•") for text in job.bullets]
        story.append(Spacer(1, 8))
    doc.build(story)
    if doc.page != 1:
        sys.exit(f"{cv.stem}: the two-column resume must fit on one page")
    return out.getvalue()


# --------------------------------------------------------------------------- main


@dataclass(frozen=True)
class Document:
    """One test document: where it goes, how it is drawn, and the data it shows."""

    skill: str
    filename: str
    render: Callable[[Any], bytes]
    data: Invoice | Receipt | Resume


DOCUMENTS = [
    Document("invoice-extraction", f"{NORTHWIND.stem}.pdf", render_northwind, NORTHWIND),
    Document("invoice-extraction", f"{BLUEPEAK.stem}.pdf", render_bluepeak, BLUEPEAK),
    Document("invoice-extraction", f"{OSTARA.stem}.docx", render_ostara, OSTARA),
    Document("receipt-extraction", f"{LITTLE_FERN.stem}.pdf", render_little_fern, LITTLE_FERN),
    Document("receipt-extraction", f"{GREENLEAF.stem}.pdf", render_greenleaf, GREENLEAF),
    Document(
        "receipt-extraction", f"{COPPER_KETTLE.stem}.pdf", render_copper_kettle, COPPER_KETTLE
    ),
    Document(
        "receipt-extraction", f"{HARBOR_HARDWARE.stem}.txt", render_harbor_hardware, HARBOR_HARDWARE
    ),
    Document("resume-parsing", f"{PRIYA.stem}.pdf", render_priya, PRIYA),
    Document("resume-parsing", f"{DANIEL.stem}.docx", render_daniel, DANIEL),
    Document("resume-parsing", f"{SOFIA.stem}.pdf", render_sofia, SOFIA),
]


def expected_json(data: Invoice | Receipt | Resume) -> str:
    return json_text(data.expected())


def check_expected(skill_dir: Path, documents: Iterable[Document]) -> None:
    """Fail loudly if an expected file would not validate against the skill's schema.json."""
    schema = json.loads((skill_dir / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for document in documents:
        errors = sorted(validator.iter_errors(document.data.expected()), key=str)
        if errors:
            sys.exit(
                f"{document.filename}: expected JSON does not match schema: {errors[0].message}"
            )


def main() -> int:
    for skill in sorted({document.skill for document in DOCUMENTS}):
        check_expected(SKILLS / skill, [d for d in DOCUMENTS if d.skill == skill])
    for document in DOCUMENTS:
        tests = SKILLS / document.skill / "tests"
        tests.mkdir(parents=True, exist_ok=True)
        target = tests / document.filename
        target.write_bytes(document.render(document.data))
        expected = tests / f"{Path(document.filename).stem}.expected.json"
        expected.write_text(expected_json(document.data), encoding="utf-8", newline="\n")
        print(f"wrote {target.relative_to(ROOT)} and {expected.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
