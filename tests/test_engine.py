"""The local extraction engine: readers, value parsing, matching, schema validity, errors.

Documents come from tests/data/engine/ (written by scripts/make_engine_fixtures.py) or are
made in tmp_path; none of them is an example skill's document.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from skillkit.engine import SUPPORTED_SUFFIXES, Extraction, extract, read_document
from skillkit.engine import values as V
from skillkit.engine.labels import candidates, description_labels, split_name, tokens
from skillkit.engine.readers.image import ocr_available
from skillkit.errors import EngineError

DATA = Path(__file__).resolve().parent / "data" / "engine"

INVOICE_SCHEMA = {
    "title": "Invoice",
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"]},
        "invoice_date": {"type": ["string", "null"], "format": "date"},
        "due_date": {"type": ["string", "null"], "format": "date"},
        "payment_terms": {"type": ["string", "null"]},
        "vendor_name": {"type": ["string", "null"]},
        "customer_name": {"type": ["string", "null"]},
        "vendor_email": {"type": ["string", "null"], "format": "email"},
        "currency": {"type": ["string", "null"]},
        "subtotal": {"type": ["number", "null"]},
        "tax": {"type": ["number", "null"]},
        "total": {"type": ["number", "null"]},
        "line_items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "description": {"type": ["string", "null"]},
                    "quantity": {"type": ["number", "null"]},
                    "unit_price": {"type": ["number", "null"]},
                    "amount": {"type": ["number", "null"]},
                },
                "required": ["description", "quantity", "unit_price", "amount"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["invoice_number", "total", "line_items"],
    "additionalProperties": False,
}


def _valid(schema: dict, data: dict) -> None:
    Draft202012Validator(schema).validate(data)


# -- value parsing ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$1,234.56", 1234.56),
        ("1.234,56 €", 1234.56),
        ("€ 1 234,56", 1234.56),
        ("(123.45)", -123.45),
        ("-5.00", -5.0),
        ("USD 1,234.50", 1234.5),
        ("Total: 12,50", 12.5),
        ("1,234", 1234),
        ("1.234.567", 1234567),
        ("Tax (8%)  7.20", 7.2),
        ("42", 42),
        ("CHF 1'250.00", 1250.0),
    ],
)
def test_parse_number(text, value):
    assert V.parse_number(text) == value


def test_parse_number_keeps_integers_as_printed():
    assert isinstance(V.parse_number("42"), int)
    assert isinstance(V.parse_number("42.00"), float)


@pytest.mark.parametrize("text", ["INV-1001", "no digits here", "ABC123"])
def test_parse_number_ignores_codes(text):
    assert V.parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("March 3, 2026", "2026-03-03"),
        ("3 Mar 2026", "2026-03-03"),
        ("03/15/2026", "2026-03-15"),
        ("2026-03-15", "2026-03-15"),
        ("15.03.2026", "2026-03-15"),
        ("Tuesday, March 3rd, 2026", "2026-03-03"),
        ("03-Mar-26", "2026-03-03"),
        ("2026/3/5", "2026-03-05"),
        ("Due: 5 January 2026 at 3:30 PM", "2026-01-05"),
        ("01/15/26 17:31", "2026-01-15"),
    ],
)
def test_find_dates(text, iso):
    assert V.find_dates(text)[0].iso_date() == iso


def test_ambiguous_numeric_dates_follow_the_document():
    assert V.find_dates("04/05/2026")[0].iso_date() == "2026-04-05"  # month first by default
    assert V.find_dates("04/05/2026", dayfirst=True)[0].iso_date() == "2026-05-04"
    assert V.date_order_hint(["Issued 12/02/2026", "Due 28/02/2026"]) is True
    assert V.date_order_hint(["Due 02/28/2026"]) is False


def test_invalid_dates_are_not_dates():
    assert V.find_dates("31/02/2026") == []
    assert V.find_dates("Page 1 of 2") == []


@pytest.mark.parametrize(
    ("text", "start", "end", "present"),
    [
        ("Jan 2020 – Present", "2020-01", None, True),
        ("2018 - 2020", "2018", "2020", False),
        ("Mar 2019 to Jun 2021", "2019-03", "2021-06", False),
        ("09/2019 – 02/2022", "2019-09", "2022-02", False),
        ("July 2015 – current", "2015-07", None, True),
    ],
)
def test_date_ranges(text, start, end, present):
    rng = V.find_date_range(text)
    assert rng is not None
    render = lambda d: d.iso_month() if d.month else str(d.year)  # noqa: E731
    assert render(rng.start) == start
    assert (render(rng.end) if rng.end else None) == end
    assert rng.present is present


@pytest.mark.parametrize(
    ("text", "code"),
    [("$5", "USD"), ("€5", "EUR"), ("£5", "GBP"), ("¥500", "JPY"), ("CAD 10", "CAD"), ("5", None)],
)
def test_currency_codes(text, code):
    assert V.currency_code(text) == code


def test_emails_phones_urls_booleans_enums():
    assert V.parse_email("mail: A.B@Example.co.uk.") == "A.B@Example.co.uk"
    assert V.parse_phone("Tel: +1 (555) 123-4567") == "+1 (555) 123-4567"
    assert V.parse_phone("Invoice 2026-03-15") is None
    assert V.parse_phone("12345") is None
    assert V.parse_url("see www.acme.example.com/x.") == "www.acme.example.com/x"
    assert V.parse_bool("Yes") is True and V.parse_bool("✓") is True
    assert V.parse_bool("no") is False and V.parse_bool("maybe") is None
    assert V.match_enum("Paid in full", ["paid", "unpaid"]) == ("paid", 0.9)
    assert V.match_enum("CREDIT-CARD", ["credit card", "cash"])[0] == "credit card"
    assert V.match_enum("wire", ["credit card", "cash"]) is None


# -- labels -------------------------------------------------------------------------------


def test_label_normalisation():
    assert split_name("invoiceNumber") == "invoice number"
    assert split_name("total_amount_due") == "total amount due"
    assert tokens("Invoice #:") == tokens("Invoice No.") == tokens("INVOICE NUMBER")
    assert tokens("P.O. Number") == tokens("PO #")
    assert tokens("Sub-Total") == tokens("subtotal")
    assert tokens("E-mail") == ("email",)


def test_candidates_use_name_title_description_and_synonyms():
    cands = {
        " ".join(c.tokens)
        for c in candidates(
            "po_ref",
            "Purchase order",
            "The buyer's order number (PO #, Your Reference), as printed.",
        )
    }
    assert {"po reference", "po", "reference", "customer reference"} <= cands
    assert description_labels("(e.g. Net 30, Due on receipt)") == []


# -- readers ------------------------------------------------------------------------------


def test_supported_suffixes():
    for suffix in (".pdf", ".docx", ".pptx", ".html", ".htm", ".txt", ".md", ".csv", ".png"):
        assert suffix in SUPPORTED_SUFFIXES


def test_pdf_reader_words_lines_and_boxes():
    doc = read_document(DATA / "invoice-two-page.pdf")
    assert doc.kind == "pdf" and doc.page_count == 2 and len(doc.pages) == 2
    page = doc.pages[0]
    first = page.lines[0]
    assert [s.text for s in first.segments] == ["Kestrel & Moss Ltd", "TAX INVOICE"]
    assert first.segments[0].size == 17 and first.segments[0].bold
    x0, y0, x1, y1 = first.segments[0].bbox
    assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height
    assert [w.text for w in first.segments[0].words] == ["Kestrel", "&", "Moss", "Ltd"]
    header = next(ln for ln in page.lines if ln.text.startswith("Product"))
    assert [s.text for s in header.segments] == ["Product", "Quantity", "Unit Cost", "Line Total"]


def test_docx_reader_keeps_paragraphs_and_tables_in_order():
    doc = read_document(DATA / "invoice-kv-table.docx")
    texts = [ln.text for ln in doc.lines]
    assert texts[0] == "Harbor Signs Co." and doc.lines[0].heading == 1
    assert texts.index("Invoice No: D-77") < texts.index("Issue Date  2026-01-05")
    assert [len(t.rows) for t in doc.pages[0].tables] == [2, 2]
    items = doc.pages[0].tables[1]
    assert [c.text for c in items.header] == ["Item", "Qty", "Rate", "Amount"]
    assert [c.text for c in items.rows[1]] == ["Window lettering", "1", "$150.00", "$150.00"]
    assert texts[-1] == "Contact: billing@harborsigns.example"


def test_pptx_reader_slides_are_pages():
    doc = read_document(DATA / "order-deck.pptx")
    assert doc.page_count == 2
    assert doc.pages[0].lines[0].text == "Quarterly Order"
    table = doc.pages[1].tables[0]
    assert [c.text for c in table.header] == ["Description", "Qty", "Price"]
    assert [c.text for c in table.rows[0]] == ["Desk lamp", "3", "24.00"]
    only = read_document(DATA / "order-deck.pptx", page_indices=[1])
    assert [p.index for p in only.pages] == [1]


def test_html_reader_skips_scripts_and_reads_tables():
    doc = read_document(DATA / "invoice-layout.html")
    text = doc.text
    assert "FAKE" not in text and "999" not in text and "font-weight" not in text
    assert doc.lines[0].text == "Acme Web Services" and doc.lines[0].heading == 1
    tables = doc.pages[0].tables
    items = tables[-1]
    assert [c.text for c in items.header] == ["Service", "Hours", "Hourly rate", "Total"]
    assert [c.text for c in items.rows[1]] == ["Support", "2.5", "$80.00", "$200.00"]


def test_markdown_reader_headings_and_pipe_tables():
    doc = read_document(DATA / "expense-report.md")
    assert doc.lines[0].text == "Expense report" and doc.lines[0].heading == 1
    assert "Employee: Jane Roe" in [ln.text for ln in doc.lines]  # ** markers dropped
    table = doc.pages[0].tables[0]
    assert [c.text for c in table.header] == ["Date", "Merchant", "Category", "Amount"]
    assert len(table.rows) == 2


def test_text_reader_form_feed_pages_and_columns(tmp_path):
    p = tmp_path / "two.txt"
    p.write_text("Name:      Ada\nTotal      12.00\n\fSecond page\n", encoding="utf-8")
    doc = read_document(p)
    assert doc.page_count == 2
    assert [s.text for s in doc.pages[0].lines[1].segments] == ["Total", "12.00"]
    assert read_document(p, page_indices=[1]).pages[0].lines[0].text == "Second page"


def test_csv_reader_is_one_table():
    doc = read_document(DATA / "order-lines.csv")
    table = doc.pages[0].tables[0]
    assert [c.text for c in table.header] == ["SKU", "Description", "Qty", "Unit Price"]
    assert table.rows[0][1].text == "Cable, USB-C 2 m"


# -- extraction on the fixtures -----------------------------------------------------------


def test_two_page_pdf_invoice():
    result = extract(DATA / "invoice-two-page.pdf", INVOICE_SCHEMA)
    data = result.data
    _valid(INVOICE_SCHEMA, data)
    assert result.pages == 2 and result.element_type == "page"
    assert data["invoice_number"] == "KM-2041"
    # 28/02/2026 can only be day-first, so 12/02/2026 is read day-first too
    assert data["invoice_date"] == "2026-02-12"
    assert data["due_date"] == "2026-02-28"
    assert data["payment_terms"] == "14 days"
    assert data["vendor_name"] == "Kestrel & Moss Ltd"
    assert data["customer_name"] == "Orchard Lane Bakery"
    assert data["vendor_email"] == "accounts@kestrelmoss.example"
    assert data["currency"] == "GBP"
    assert (data["subtotal"], data["tax"], data["total"]) == (1034.32, 206.86, 1241.18)
    items = data["line_items"]
    assert len(items) == 18  # 12 on page 1, 6 after the repeated header on page 2
    assert items[0] == {
        "description": "Sourdough starter kit",
        "quantity": 3,
        "unit_price": 12.5,
        "amount": 37.5,
    }
    assert items[7]["description"] == "Baking steel 16 x 14 in pre-seasoned, with carry case"
    assert items[-1] == {
        "description": "Dough divider, manual",
        "quantity": 1,
        "unit_price": 145.0,
        "amount": 145.0,
    }
    assert round(sum(i["amount"] for i in items), 2) == data["subtotal"]


def test_docx_key_value_table_and_items():
    data = extract(DATA / "invoice-kv-table.docx", INVOICE_SCHEMA).data
    _valid(INVOICE_SCHEMA, data)
    assert data["invoice_number"] == "D-77"
    assert (data["invoice_date"], data["due_date"]) == ("2026-01-05", "2026-02-04")
    assert data["customer_name"] == "Blue Harbor Inc."
    assert data["vendor_name"] == "Harbor Signs Co."
    assert (data["subtotal"], data["tax"], data["total"]) == (300.0, 24.0, 324.0)
    assert [i["description"] for i in data["line_items"]] == [
        "Vinyl banner 3x1 m",
        "Window lettering",
    ]
    assert data["line_items"][0]["quantity"] == 2
    assert data["payment_terms"] is None


def test_html_layout_table_invoice():
    data = extract(DATA / "invoice-layout.html", INVOICE_SCHEMA).data
    _valid(INVOICE_SCHEMA, data)
    assert data["invoice_number"] == "WEB-55"  # not the "FAKE" one in the <script>
    assert data["invoice_date"] == "2026-03-03"
    assert data["due_date"] == "2026-05-01"
    assert data["vendor_name"] == "Acme Web Services"
    assert data["customer_name"] == "Northern Lights Studio"
    assert data["total"] == 240.0
    assert data["line_items"][1] == {
        "description": "Support",
        "quantity": 2.5,
        "unit_price": 80.0,
        "amount": 200.0,
    }


RECEIPT_SCHEMA = {
    "type": "object",
    "properties": {
        "merchant_name": {"type": ["string", "null"]},
        "date": {"type": ["string", "null"], "format": "date"},
        "time": {"type": ["string", "null"], "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
        "currency": {"type": ["string", "null"], "enum": ["USD", "EUR", "GBP", None]},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "quantity": {
                        "type": "number",
                        "description": "Units; 1 when the line prints no quantity.",
                    },
                    "price": {"type": "number"},
                },
                "required": ["name", "quantity", "price"],
            },
        },
        "subtotal": {"type": ["number", "null"]},
        "tax": {"type": ["number", "null"]},
        "tip": {"type": ["number", "null"]},
        "total": {"type": ["number", "null"]},
        "payment_method": {"type": ["string", "null"]},
    },
}


def test_receipt_items_totals_and_payment():
    data = extract(DATA / "receipt-noodle-bar.pdf", RECEIPT_SCHEMA).data
    _valid(RECEIPT_SCHEMA, data)
    assert data["merchant_name"] == "Saltmarsh Noodle Bar"
    assert (data["date"], data["time"]) == ("2026-03-09", "19:05")
    assert data["currency"] == "EUR"
    assert data["items"] == [
        {"name": "Tonkotsu Ramen", "quantity": 1, "price": 14.5},
        {"name": "Gyoza (6)", "quantity": 2, "price": 13.0},
        {"name": "Yuzu Soda", "quantity": 1, "price": 3.75},
    ]
    assert (data["subtotal"], data["tax"], data["tip"], data["total"]) == (31.25, 4.22, 3.0, 38.47)
    assert data["payment_method"] == "AMEX"


def test_pptx_order_and_page_indices():
    schema = {
        "type": "object",
        "properties": {
            "order_number": {"type": "string"},
            "order_date": {"type": "string", "format": "date"},
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "description": {"type": "string"},
                        "qty": {"type": "integer"},
                        "price": {"type": "number"},
                    },
                },
            },
        },
        "required": ["order_number", "order_date", "items"],
        "additionalProperties": False,
    }
    full = extract(DATA / "order-deck.pptx", schema)
    assert full.data["order_number"] == "PO-9"
    assert full.data["order_date"] == "2026-04-04"
    assert full.data["items"] == [
        {"description": "Desk lamp", "qty": 3, "price": 24.0},
        {"description": "Monitor arm", "qty": 2, "price": 59.5},
    ]
    second = extract(DATA / "order-deck.pptx", schema, page_indices=[1])
    assert second.pages == 1
    # the order number is on slide 1: not read, and not nullable -> the string default; a
    # required `format: date` gets the format's neutral value ("" is not a valid date)
    assert second.data["order_number"] == "" and second.data["order_date"] == "1970-01-01"
    assert len(second.data["items"]) == 2
    _valid(schema, second.data)


def test_markdown_expense_report_european_numbers_and_enum_currency():
    schema = {
        "type": "object",
        "properties": {
            "employee": {"type": "string"},
            "email": {"type": "string", "format": "email"},
            "submitted": {"type": "string", "format": "date"},
            "approved": {"type": "boolean"},
            "total": {"type": "number"},
            "currency": {"type": "string", "enum": ["USD", "EUR", "GBP"]},
            "expenses": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "merchant": {"type": "string"},
                        "amount": {"type": "number"},
                    },
                },
            },
        },
    }
    data = extract(DATA / "expense-report.md", schema).data
    assert data == {
        "employee": "Jane Roe",
        "email": "jane.roe@example.org",
        "submitted": "2026-04-30",
        "approved": True,
        "total": 1234.5,
        "currency": "EUR",
        "expenses": [
            {"date": "2026-04-03", "merchant": "Café Lumière", "amount": 18.4},
            {"date": "2026-04-14", "merchant": "Rail Europe", "amount": 1216.1},
        ],
    }


def test_csv_rows_become_items():
    schema = {
        "type": "object",
        "properties": {
            "lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "sku": {"type": "string"},
                        "description": {"type": "string"},
                        "quantity": {"type": "number"},
                        "unit_price": {"type": "number"},
                    },
                },
            }
        },
    }
    data = extract(DATA / "order-lines.csv", schema).data
    assert data["lines"] == [
        {"sku": "A-100", "description": "Cable, USB-C 2 m", "quantity": 4, "unit_price": 1299.0},
        {"sku": "A-200", "description": "Wall charger", "quantity": 2, "unit_price": 19.9},
    ]


RESUME_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": ["string", "null"]},
        "email": {"type": ["string", "null"], "format": "email"},
        "phone": {"type": ["string", "null"]},
        "location": {"type": ["string", "null"]},
        "skills": {"type": "array", "items": {"type": "string"}},
        "experience": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "title": {"type": ["string", "null"]},
                    "company": {"type": ["string", "null"]},
                    "start_date": {"type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2})?$"},
                    "end_date": {"type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2})?$"},
                },
            },
        },
        "education": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "degree": {"type": ["string", "null"]},
                    "institution": {"type": ["string", "null"]},
                    "graduation_year": {"type": ["integer", "null"]},
                },
            },
        },
    },
}


def test_plain_text_resume_sections():
    data = extract(DATA / "resume-plain.txt", RESUME_SCHEMA).data
    _valid(RESUME_SCHEMA, data)
    assert data["name"] == "MARTA NOWAK"
    assert data["email"] == "marta.nowak@example.pl"
    assert data["phone"] == "+48 22 555 01 23"
    assert data["location"] == "Warsaw, Poland"
    assert data["skills"] == ["Go", "PostgreSQL", "Kafka", "Kubernetes"]
    assert data["experience"] == [
        {
            "title": "Backend Developer",
            "company": "Vistula Payments Sp. z o.o.",
            "start_date": "2021-02",
            "end_date": None,
        },
        {
            "title": "Software Engineer",
            "company": "Baltic Soft Inc",
            "start_date": "2017",
            "end_date": "2021",
        },
    ]
    assert data["education"] == [
        {
            "degree": "MSc Computer Science",
            "institution": "Warsaw University of Technology",
            "graduation_year": 2017,
        }
    ]


def test_nested_objects_refs_and_any_of():
    schema = {
        "type": "object",
        "properties": {
            "vendor": {
                "type": "object",
                "properties": {
                    "name": {"type": ["string", "null"]},
                    "email": {"type": ["string", "null"]},
                    "phone": {"type": ["string", "null"]},
                },
            },
            "customer": {"type": "object", "properties": {"name": {"type": ["string", "null"]}}},
            "invoice": {"$ref": "#/$defs/Invoice"},
        },
        "$defs": {
            "Invoice": {
                "type": "object",
                "properties": {
                    "number": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    "total": {"type": "number"},
                },
            }
        },
    }
    data = extract(DATA / "invoice-two-page.pdf", schema).data
    _valid(schema, data)
    assert data == {
        "vendor": {
            "name": "Kestrel & Moss Ltd",
            "email": "accounts@kestrelmoss.example",
            "phone": "+44 117 496 0321",
        },
        "customer": {"name": "Orchard Lane Bakery"},
        "invoice": {"number": "KM-2041", "total": 1241.18},
    }


# -- page_indices, metadata, schema validity, determinism ---------------------------------

STATEMENT_SCHEMA = {
    "type": "object",
    "properties": {
        "reference": {"type": ["string", "null"]},
        "balance_due": {"type": ["number", "null"]},
    },
}


@pytest.mark.parametrize(
    ("indices", "reference", "pages"),
    [(None, "ST-100", 2), ([0], "ST-100", 1), ([1], "ST-200", 1), ([1, 0], "ST-100", 2)],
)
def test_page_indices(indices, reference, pages):
    result = extract(DATA / "statement-two-page.pdf", STATEMENT_SCHEMA, page_indices=indices)
    assert result.data["reference"] == reference
    assert result.pages == pages


def test_page_index_out_of_range():
    with pytest.raises(EngineError, match=r"page index 5 out of range: the document has 2"):
        extract(DATA / "statement-two-page.pdf", STATEMENT_SCHEMA, page_indices=[5])


def test_grounding_and_confidence_metadata():
    plain = extract(DATA / "statement-two-page.pdf", STATEMENT_SCHEMA, page_indices=[1])
    assert "_metadata" not in plain.data
    result = extract(
        DATA / "statement-two-page.pdf",
        STATEMENT_SCHEMA,
        page_indices=[1],
        grounding=True,
        confidence=True,
    )
    meta = result.data["_metadata"]
    assert set(meta) == {"reference", "balance_due"}
    ref = meta["reference"]
    assert ref["page"] == 1  # the document's own page number, 0-based
    assert ref["label"] == "Reference"
    assert len(ref["bbox"]) == 4 and all(0.0 <= v <= 1.0 for v in ref["bbox"])
    assert ref["bbox"][0] < ref["bbox"][2] and ref["bbox"][1] < ref["bbox"][3]
    assert 0.0 < ref["confidence"] <= 1.0
    only_conf = extract(DATA / "statement-two-page.pdf", STATEMENT_SCHEMA, confidence=True)
    assert set(only_conf.data["_metadata"]["balance_due"]) == {"confidence"}
    only_ground = extract(DATA / "statement-two-page.pdf", STATEMENT_SCHEMA, grounding=True)
    assert set(only_ground.data["_metadata"]["balance_due"]) == {"page", "bbox", "label"}


def test_item_metadata_paths():
    data = extract(
        DATA / "order-lines.csv",
        {
            "type": "object",
            "properties": {
                "lines": {
                    "type": "array",
                    "items": {"type": "object", "properties": {"sku": {"type": "string"}}},
                }
            },
        },
        grounding=True,
    ).data
    assert "lines[1].sku" in data["_metadata"]


def test_output_always_validates_for_absent_fields():
    schema = {
        "type": "object",
        "properties": {
            "ship_date": {"type": "string", "format": "date"},
            "count": {"type": "integer", "minimum": 1},
            "ratio": {"type": "number"},
            "flag": {"type": "boolean"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "kind": {"const": "statement"},
            "tags": {"type": "array", "items": {"type": "string"}, "minItems": 0},
            "owner": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "age": {"type": ["integer", "null"]}},
                "required": ["name", "age"],
                "additionalProperties": False,
            },
            "maybe": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "with_default": {"type": "string", "default": "n/a"},
        },
        "required": ["ship_date", "count", "status", "kind", "owner"],
        "additionalProperties": False,
    }
    data = extract(DATA / "statement-two-page.pdf", schema).data
    _valid(schema, data)
    # required `format: date` with no date in the document: the format's neutral value
    assert data["ship_date"] == "1970-01-01" and data["count"] == 1 and data["ratio"] == 0
    assert data["flag"] is False and data["status"] == "open" and data["kind"] == "statement"
    assert data["tags"] == [] and data["owner"] == {"name": "", "age": None}
    assert data["maybe"] is None and data["with_default"] == "n/a"


def test_description_says_what_to_use_when_absent():
    schema = {
        "type": "object",
        "properties": {
            "discount": {
                "type": ["number", "null"],
                "description": "Discount amount; 0 when no discount is printed.",
            }
        },
    }
    assert extract(DATA / "statement-two-page.pdf", schema).data == {"discount": 0}


def test_extraction_is_deterministic(tmp_path):
    a = extract(DATA / "invoice-two-page.pdf", INVOICE_SCHEMA, grounding=True, confidence=True)
    b = extract(DATA / "invoice-two-page.pdf", INVOICE_SCHEMA, grounding=True, confidence=True)
    assert json.dumps(a.data, sort_keys=True) == json.dumps(b.data, sort_keys=True)
    assert isinstance(a, Extraction)


# -- errors -------------------------------------------------------------------------------


def test_unsupported_type_lists_supported(tmp_path):
    p = tmp_path / "data.xyz"
    p.write_text("x", encoding="utf-8")
    with pytest.raises(EngineError) as info:
        extract(p, STATEMENT_SCHEMA)
    message = str(info.value)
    assert "unsupported document type '.xyz'" in message
    assert ".pdf" in message and ".docx" in message and "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(EngineError, match="document not found"):
        extract(tmp_path / "nope.pdf", STATEMENT_SCHEMA)


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("bad.pdf", "cannot read PDF"),
        ("bad.docx", "cannot read DOCX"),
        ("bad.pptx", "cannot read PPTX"),
    ],
)
def test_corrupt_files(tmp_path, name, pattern):
    p = tmp_path / name
    p.write_bytes(b"this is not really a " + name.encode())
    with pytest.raises(EngineError, match=pattern) as info:
        extract(p, STATEMENT_SCHEMA)
    assert "\n" not in str(info.value) and name in str(info.value)


def test_truncated_pdf(tmp_path):
    data = (DATA / "statement-two-page.pdf").read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: len(data) // 3])
    try:
        result = extract(p, STATEMENT_SCHEMA)
    except EngineError as exc:
        assert "cannot read PDF" in str(exc)
    else:  # pdfium may recover part of a damaged file; the output is still valid
        _valid(STATEMENT_SCHEMA, result.data)


@pytest.mark.skipif(ocr_available(), reason="OCR is installed here")
def test_image_without_ocr_says_how_to_enable_it(tmp_path):
    p = tmp_path / "scan.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(EngineError) as info:
        extract(p, STATEMENT_SCHEMA)
    assert 'install tesseract-ocr (apt) and `pip install "skillkit-vlm[ocr]"`' in str(info.value)


@pytest.mark.skipif(not ocr_available(), reason="needs tesseract-ocr and pytesseract")
def test_image_ocr(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (900, 300), "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 36)
    except OSError:
        font = ImageFont.load_default()
    draw.text((40, 60), "Reference: ST-300", fill="black", font=font)
    draw.text((40, 150), "Balance Due: $12.50", fill="black", font=font)
    p = tmp_path / "scan.png"
    image.save(p)
    result = extract(p, STATEMENT_SCHEMA)
    assert result.element_type == "image"
    assert result.data["balance_due"] == 12.5


def test_schema_must_be_an_object():
    with pytest.raises(EngineError, match="must be a JSON object"):
        extract(DATA / "statement-two-page.pdf", ["not", "a", "schema"])  # type: ignore[arg-type]


def test_pdf_without_text_layer_gives_valid_empty_result(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(p), invariant=1)
    c.rect(50, 50, 100, 100)
    c.showPage()
    c.save()
    result = extract(p, INVOICE_SCHEMA)
    _valid(INVOICE_SCHEMA, result.data)
    assert result.data["invoice_number"] is None and result.data["line_items"] == []


def test_fixture_script_is_in_sync(tmp_path, monkeypatch):
    """The committed fixtures are what scripts/make_engine_fixtures.py writes."""
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "scripts" / "make_engine_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_engine_fixtures", script)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
    monkeypatch.setattr(module, "ROOT", tmp_path)
    module.main()
    for name in (
        "expense-report.md",
        "invoice-layout.html",
        "resume-plain.txt",
        "order-lines.csv",
        "invoice-plain.txt",
    ):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes()
    for name in (
        "invoice-two-page.pdf",
        "invoice-kv-table.docx",
        "order-deck.pptx",
        "resume-headings.docx",
    ):
        a = read_document(tmp_path / name)
        b = read_document(DATA / name)
        assert a.text == b.text


def test_missing_optional_library_names_the_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)  # makes `import docx` fail
    with pytest.raises(EngineError) as info:
        extract(DATA / "invoice-kv-table.docx", STATEMENT_SCHEMA)
    assert 'pip install "skillkit-vlm[local]"' in str(info.value)
    assert "'docx'" in str(info.value)


@pytest.mark.parametrize(
    ("schema", "data"),
    [
        ({}, {}),
        ({"type": "object"}, {}),
        ({"type": "array", "items": {"type": "string"}}, []),
        ({"properties": {"reference": {"type": "string"}}}, {"reference": "ST-100"}),
    ],
)
def test_root_schema_shapes(schema, data):
    result = extract(DATA / "statement-two-page.pdf", schema, instructions="ignored")
    assert result.data == data
    _valid(schema, result.data)


def test_docx_resume_with_heading_levels():
    data = extract(DATA / "resume-headings.docx", RESUME_SCHEMA).data
    _valid(RESUME_SCHEMA, data)
    assert data["name"] == "Tomás Ferreira"
    assert (data["email"], data["phone"]) == ("tomas.ferreira@example.pt", "+351 21 555 0177")
    assert data["location"] == "Lisbon, Portugal"
    assert data["skills"] == ["Rust", "Python", "PostgreSQL"]
    # "Heading 3" entries stay inside the "Heading 2" section
    assert data["experience"] == [
        {
            "title": "Lead Engineer",
            "company": "Northwind Labs",
            "start_date": "2019-04",
            "end_date": None,
        },
        {
            "title": "Software Developer",
            "company": "Tagus Systems Ltd",
            "start_date": "2015-09",
            "end_date": "2019-03",
        },
    ]
    assert data["education"] == [
        {"degree": "BSc Physics", "institution": "University of Leeds", "graduation_year": 2015}
    ]


def test_plain_text_invoice_columns_and_qualified_labels():
    data = extract(DATA / "invoice-plain.txt", INVOICE_SCHEMA).data
    _valid(INVOICE_SCHEMA, data)
    assert data["invoice_number"] == "2026-118"
    assert data["invoice_date"] == "2026-05-07"  # dotted dates are day-first
    assert data["customer_name"] == "Meadow Health Partners"
    assert data["vendor_name"] == "BRIGHTLINE CONSULTING GROUP"
    # "Net amount" is the subtotal and ends the table; "Total (incl. VAT)" is the total
    assert (data["subtotal"], data["tax"], data["total"]) == (2400.0, 456.0, 2856.0)
    assert data["line_items"] == [
        {"description": "Strategy workshop", "quantity": 6.0, "unit_price": 150.0, "amount": 900.0},
        {"description": "Process review", "quantity": 12.5, "unit_price": 120.0, "amount": 1500.0},
    ]
    assert data["currency"] is None  # no symbol or code printed


def test_list_of_strings_from_a_labelled_line(tmp_path):
    p = tmp_path / "trip.md"
    p.write_text(
        "# Trip\n**Traveller:** Sam Lee\n**Tags:** urgent, travel; client-visit\n"
        "**Cities:** Oslo, Bergen\n",
        encoding="utf-8",
    )
    schema = {
        "type": "object",
        "properties": {
            "traveller": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "cities": {"type": "array", "items": {"type": "string"}},
            "notes": {"type": "array", "items": {"type": "string"}},
        },
    }
    result = extract(p, schema, grounding=True)
    meta = result.data.pop("_metadata")
    assert result.data == {
        "traveller": "Sam Lee",
        "tags": ["urgent", "travel", "client-visit"],
        "cities": ["Oslo", "Bergen"],
        "notes": [],
    }
    assert meta["tags[2]"]["label"] == "Tags"


def test_array_inside_an_object():
    schema = {
        "type": "object",
        "properties": {
            "invoice": {
                "type": "object",
                "properties": {
                    "number": {"type": "string"},
                    "lines": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "description": {"type": "string"},
                                "qty": {"type": "number"},
                            },
                        },
                    },
                },
            }
        },
    }
    data = extract(DATA / "invoice-kv-table.docx", schema).data
    assert data == {
        "invoice": {
            "number": "D-77",
            "lines": [
                {"description": "Vinyl banner 3x1 m", "qty": 2},
                {"description": "Window lettering", "qty": 1},
            ],
        }
    }
