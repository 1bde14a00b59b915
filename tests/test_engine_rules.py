"""Focused tests for single general rules of the local engine (one document each, made here)."""

from __future__ import annotations

from pathlib import Path

from skillkit.engine import extract
from skillkit.engine.vocabulary import strip_level

NAMED = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "level": {"type": ["string", "null"]},
    },
}


def _run(tmp_path: Path, text: str, schema: dict, suffix: str = ".md") -> dict:
    doc = tmp_path / f"doc{suffix}"
    doc.write_text(text, encoding="utf-8")
    return extract(doc, schema).data


def test_category_lines_fill_sibling_lists(tmp_path):
    schema = {
        "type": "object",
        "properties": {
            "technical_skills": {
                "type": "object",
                "properties": {
                    "programming_languages": {"type": "array", "items": NAMED},
                    "databases": {"type": "array", "items": NAMED},
                    "cloud_platforms": {"type": "array", "items": NAMED},
                },
            }
        },
    }
    text = "# Skills\n\nLanguages: Go, Python\n\nDatabases: PostgreSQL, Redis\n\nCloud: AWS, GCP\n"
    data = _run(tmp_path, text, schema)["technical_skills"]
    assert [x["name"] for x in data["programming_languages"]] == ["Go", "Python"]
    assert [x["name"] for x in data["databases"]] == ["PostgreSQL", "Redis"]
    assert [x["name"] for x in data["cloud_platforms"]] == ["AWS", "GCP"]


def test_named_list_splits_name_and_level(tmp_path):
    schema = {"type": "object", "properties": {"languages": {"type": "array", "items": NAMED}}}
    data = _run(tmp_path, "# Languages\n\nSwedish (native), English (fluent)\n", schema)
    assert data["languages"] == [
        {"name": "Swedish", "level": "native"},
        {"name": "English", "level": "fluent"},
    ]


def test_plain_list_drops_proficiency():
    assert strip_level("Spanish (native)") == "Spanish"
    assert strip_level("Widgets (large)") == "Widgets (large)"


def test_grouped_skills(tmp_path):
    item = {
        "type": "object",
        "properties": {
            "category": {"type": "string"},
            "items": {"type": "array", "items": {"type": "string"}},
        },
    }
    schema = {"type": "object", "properties": {"skills": {"type": "array", "items": item}}}
    text = "# Skills\n\n- Design: Figma, Sketch\n- Research: Surveys, Interviews\n"
    data = _run(tmp_path, text, schema)
    assert data["skills"] == [
        {"category": "Design", "items": ["Figma", "Sketch"]},
        {"category": "Research", "items": ["Surveys", "Interviews"]},
    ]


def test_multi_word_label_is_consumed_whole(tmp_path):
    schema = {
        "type": "object",
        "properties": {
            "insured": {"type": "object", "properties": {"name": {"type": "string"}}},
        },
    }
    text = "NAME OF INSURED\nJennifer L. Moreau\n"
    assert _run(tmp_path, text, schema, ".txt")["insured"]["name"] == "Jennifer L. Moreau"


def test_terse_column_headers(tmp_path):
    item = {
        "type": "object",
        "properties": {
            "line_number": {"type": "integer"},
            "description": {"type": "string"},
            "net_amount": {"type": "number"},
            "vat_rate": {"type": "number"},
            "vat_amount": {"type": "number"},
            "extended_price": {"type": "number"},
        },
    }
    schema = {"type": "object", "properties": {"items": {"type": "array", "items": item}}}
    text = (
        "| Ln | Description | Net | VAT % | VAT | Extension |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Paper | 86.00 | 20% | 17.20 | 103.20 |\n"
    )
    row = _run(tmp_path, text, schema)["items"][0]
    assert row == {
        "line_number": 1,
        "description": "Paper",
        "net_amount": 86.0,
        "vat_rate": 20.0,
        "vat_amount": 17.2,
        "extended_price": 103.2,
    }


def test_page_subtotal_is_not_an_item(tmp_path):
    item = {
        "type": "object",
        "properties": {"description": {"type": "string"}, "amount": {"type": "number"}},
    }
    schema = {"type": "object", "properties": {"items": {"type": "array", "items": item}}}
    text = "Description     Amount\nWidget          10.00\nGadget          12.50\nPage subtotal   22.50\n"
    rows = _run(tmp_path, text, schema, ".txt")["items"]
    assert [r["description"] for r in rows] == ["Widget", "Gadget"]


def test_party_blocks_side_by_side_fill_names_and_addresses(tmp_path):
    party = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "address": {"type": ["string", "null"]}},
    }
    schema = {
        "type": "object",
        "properties": {"customer": party, "shipTo": party, "shipper": party},
    }
    text = (
        "Ship From:          Bill To:            Deliver To:\n"
        "Hexa Tools Ltd      Kowalski Hardware   Driftwood Cafe\n"
        "5 Foundry Way       318 Main Street     88 Beach Road\n"
        "Reno, NV 89502      Elko, NV 89801      Cannon Beach, OR 97110\n"
    )
    data = _run(tmp_path, text, schema, ".txt")
    assert data["customer"]["name"] == "Kowalski Hardware"
    assert data["shipTo"]["name"] == "Driftwood Cafe"
    assert data["shipper"]["name"] == "Hexa Tools Ltd"
    assert data["shipTo"]["address"] == "88 Beach Road, Cannon Beach, OR 97110"


def test_party_heading_with_inline_name_and_charge_word_is_not_a_heading(tmp_path):
    schema = {
        "type": "object",
        "properties": {
            "owner_name": {"type": "string"},
            "customer_name": {"type": ["string", "null"]},
        },
    }
    text = "TO OWNER: Brightwater Partners LLC\n\nShipping:   FREE\n"
    data = _run(tmp_path, text, schema, ".txt")
    assert data["owner_name"] == "Brightwater Partners LLC"
    assert data["customer_name"] is None  # "Shipping" alone is a charge, not "Shipping to"


def test_email_to_header_names_the_client(tmp_path):
    schema = {"type": "object", "properties": {"client_name": {"type": "string"}}}
    text = (
        "From: Rick Alvarez <rick@example.com>\nTo: Susan Patel <susan@example.com>\n\nHi Susan,\n"
    )
    data = _run(tmp_path, text, schema, ".txt")
    assert data["client_name"] == "Susan Patel"


def test_yearless_statement_dates_take_the_period_year_across_year_end(tmp_path):
    item = {
        "type": "object",
        "properties": {
            "date": {"type": "string", "format": "date"},
            "description": {"type": "string"},
            "amount": {
                "type": "number",
                "description": "Positive for charges, negative for credits",
            },
        },
    }
    schema = {"type": "object", "properties": {"transactions": {"type": "array", "items": item}}}
    text = (
        "Statement period: 15 Dec 2025 to 14 Jan 2026\n\n"
        "| Date | Description | Amount |\n|---|---|---|\n"
        "| 16 Dec | TESCO | £64.18 |\n| 22 Dec | PAYMENT RECEIVED | £450.00 CR |\n"
        "| 03 Jan | PRET | £8.45 |\n"
    )
    rows = _run(tmp_path, text, schema)["transactions"]
    assert [r["date"] for r in rows] == ["2025-12-16", "2025-12-22", "2026-01-03"]
    assert [r["amount"] for r in rows] == [64.18, -450.0, 8.45]


def test_direction_split_rows_follow_the_amount(tmp_path):
    item = {
        "type": "object",
        "properties": {
            "deposit_date": {"type": ["string", "null"], "format": "date"},
            "withdrawal_date": {"type": ["string", "null"], "format": "date"},
            "deposit": {"type": ["number", "null"]},
            "withdrawal": {"type": ["number", "null"]},
        },
    }
    schema = {"type": "object", "properties": {"rows": {"type": "array", "items": item}}}
    text = (
        "| Date | Money Out | Money In |\n|---|---|---|\n"
        "| 2026-04-01 | 86.14 | |\n| 2026-04-03 | | 3,120.55 |\n"
    )
    rows = _run(tmp_path, text, schema)["rows"]
    assert rows[0]["withdrawal_date"] == "2026-04-01" and rows[0]["deposit_date"] is None
    assert rows[1]["deposit_date"] == "2026-04-03" and rows[1]["withdrawal_date"] is None


def test_time_in_24_hour_form_when_the_description_asks(tmp_path):
    schema = {
        "type": "object",
        "properties": {
            "time": {"type": "string", "description": "Time of the check, HH:MM 24-hour"}
        },
    }
    assert _run(tmp_path, "Check closed 03/21/2026 8:47 PM\n", schema)["time"] == "20:47"


def test_table_ends_at_a_label_line(tmp_path):
    item = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "dose": {"type": ["string", "null"]}},
    }
    schema = {"type": "object", "properties": {"medications": {"type": "array", "items": item}}}
    text = (
        "Medication        Dose\n"
        "Aspirin           81 mg\n"
        "Clopidogrel       75 mg\n"
        "Allergies:        Penicillin\n"
        "FOLLOW-UP\n"
        "Cardiology clinic in two weeks.\n"
    )
    rows = _run(tmp_path, text, schema, ".txt")["medications"]
    assert [r["name"] for r in rows] == ["Aspirin", "Clopidogrel"]


def test_document_title_in_another_language_is_not_the_issuer(tmp_path):
    doc = tmp_path / "f.md"
    doc.write_text(
        "# FACTURA\n\nTalleres Levante S.L.\n\nCalle Mayor 4, 46004 Valencia\n\nTotal: 100,00 €\n",
        encoding="utf-8",
    )
    schema = {"type": "object", "properties": {"issuer_name": {"type": ["string", "null"]}}}
    assert extract(doc, schema).data["issuer_name"] == "Talleres Levante S.L."


RECEIPT = {
    "type": "object",
    "properties": {
        "receipt_id": {"type": ["string", "null"]},
        "register_number": {"type": ["string", "null"]},
        "currency": {"type": ["string", "null"]},
        "discount_amount": {"type": ["number", "null"]},
        "discount_description": {"type": ["string", "null"]},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "description": {"type": "string"},
                    "quantity": {"type": ["number", "null"]},
                    "unit_price": {"type": ["number", "null"]},
                    "total_price": {"type": ["number", "null"]},
                },
            },
        },
        "total": {"type": ["number", "null"]},
    },
}
RECEIPT_TEXT = (
    "CORNER MARKET\n412 Pine St\nSeattle, WA 98101\n"
    "REG 3 TRN 5508\n"
    "WHOLE MILK 1 GAL  4.49\n2 x DRIP COFFEE  6.50\nMEMBER SAVINGS  -1.00\n"
    "TOTAL  9.99\n"
)


def test_bare_priced_line_is_one_unit_and_a_counted_line_divides(tmp_path):
    items = _run(tmp_path, RECEIPT_TEXT, RECEIPT, suffix=".txt")["items"]
    assert [(i["quantity"], i["unit_price"], i["total_price"]) for i in items] == [
        (1, 4.49, 4.49),
        (2, 3.25, 6.5),
    ]


def test_register_tape_pairs_and_home_currency(tmp_path):
    data = _run(tmp_path, RECEIPT_TEXT, RECEIPT, suffix=".txt")
    assert (data["register_number"], data["receipt_id"]) == ("3", "5508")
    assert data["currency"] == "USD"  # no sign printed: a US street address heads it


def test_single_savings_line_is_the_discount(tmp_path):
    data = _run(tmp_path, RECEIPT_TEXT, RECEIPT, suffix=".txt")
    assert (data["discount_amount"], data["discount_description"]) == (1.0, "MEMBER SAVINGS")


def test_order_hash_is_a_number_label(tmp_path):
    schema = {"type": "object", "properties": {"receipt_id": {"type": ["string", "null"]}}}
    assert _run(tmp_path, "Bluebird Coffee\nOrder #B-1147\n", schema)["receipt_id"] == "B-1147"


def test_gpa_and_coursework_lines_stay_with_their_degree(tmp_path):
    schema = {
        "type": "object",
        "properties": {
            "education": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "institution": {"type": ["string", "null"]},
                        "degree": {"type": ["string", "null"]},
                        "gpa": {"type": ["number", "null"]},
                        "honors": {"type": ["array", "null"], "items": {"type": "string"}},
                        "relevant_courses": {
                            "type": ["array", "null"],
                            "items": {"type": "string"},
                        },
                    },
                },
            }
        },
    }
    text = (
        "# Education\n\nState University\n\nBachelor of Science in Physics, May 2026\n\n"
        "GPA: 3.72/4.00 | Dean's List (2023, 2024)\n\n"
        "Relevant Coursework: Optics, Quantum Mechanics\n"
    )
    edu = _run(tmp_path, text, schema)["education"]
    assert len(edu) == 1
    assert edu[0]["gpa"] == 3.72
    assert edu[0]["honors"] == ["Dean's List (2023, 2024)"]
    assert edu[0]["relevant_courses"] == ["Optics", "Quantum Mechanics"]


def test_position_comma_company_splits_without_legal_suffix():
    from skillkit.engine.sections import _split_comma

    assert _split_comma("Senior Backend Engineer, Klarna") == ["Senior Backend Engineer", "Klarna"]
    assert _split_comma("Charge Nurse, Medical-Surgical Unit") == [
        "Charge Nurse, Medical-Surgical Unit"
    ]
    assert _split_comma("Associate of Science, Biology") == ["Associate of Science, Biology"]


def test_degree_with_applied_science_and_dotted_abbreviation_split():
    from skillkit.engine.vocabulary import split_degree

    assert split_degree("Bachelor of Applied Science, Computer Engineering") == (
        "Bachelor of Applied Science",
        "Computer Engineering",
    )
    assert split_degree("B.F.A. Interaction Design") == ("B.F.A.", "Interaction Design")


def test_state_code_after_comma_is_a_place_not_a_company():
    from skillkit.engine.vocabulary import org_score

    assert org_score("Broomfield, CO") == 0.0
    assert org_score("Acme Co") > 0.0


def test_named_list_splits_dashed_level(tmp_path):
    schema = {
        "type": "object",
        "properties": {
            "languages": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "language": {"type": "string"},
                        "proficiency": {"type": ["string", "null"]},
                    },
                },
            }
        },
    }
    data = _run(tmp_path, "# Languages\n\nEnglish — Native\n\nSpanish — Professional\n", schema)
    assert data["languages"] == [
        {"language": "English", "proficiency": "Native"},
        {"language": "Spanish", "proficiency": "Professional"},
    ]


def test_numbered_publications_are_not_split_at_commas(tmp_path):
    schema = {
        "type": "object",
        "properties": {"publications": {"type": "array", "items": {"type": "string"}}},
    }
    text = (
        "# Publications\n\n1. Doe J, Roe K. A study of things. Journal A. 2024;1:2.\n"
        "2. Roe K, Doe J. Another study, in parts. Journal B. 2022.\n"
    )
    data = _run(tmp_path, text, schema)
    assert data["publications"] == [
        "Doe J, Roe K. A study of things. Journal A. 2024;1:2.",
        "Roe K, Doe J. Another study, in parts. Journal B. 2022.",
    ]


def test_single_certification_date_is_not_an_expiration(tmp_path):
    schema = {
        "type": "object",
        "properties": {
            "certifications": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "date_obtained": {"type": ["string", "null"], "format": "date"},
                        "expiration_date": {"type": ["string", "null"], "format": "date"},
                    },
                },
            }
        },
    }
    text = "CERTIFICATIONS\n\nTableau Desktop Specialist | Mar 12, 2021\n"
    cert = _run(tmp_path, text, schema, suffix=".txt")["certifications"][0]
    assert cert["expiration_date"] is None
    assert cert["date_obtained"] == "2021-03-12"


def test_payment_kind_from_tender_words(tmp_path):
    from skillkit.engine.payments import payment_kind

    assert payment_kind("VISA DEBIT ****8842  22.49") == "debit card"
    assert payment_kind("MASTERCARD XXXXXXXXXXXX5521") == "credit card"
    assert payment_kind("Apple Pay (Mastercard •••• 8842)") == "Apple Pay"
    assert payment_kind("CASH BACK 0.00") is None
    schema = {
        "type": "object",
        "properties": {
            "payment_method": {
                "type": "object",
                "properties": {"type": {"type": "string"}, "card_type": {"type": "string"}},
            }
        },
    }
    text = "CORNER SHOP\nCheck #4471\nMilk  2.00\nTOTAL  2.00\nVISA ****1234  2.00\n"
    data = _run(tmp_path, text, schema, suffix=".txt")
    assert data["payment_method"]["type"] == "credit card"


def test_page_count_and_caption_from_page_x_of_n(tmp_path):
    schema = {
        "type": "object",
        "properties": {
            "page_count": {"type": ["integer", "null"]},
            "page_information": {"type": ["string", "null"]},
        },
    }
    text = "INVOICE\nRemit to PO Box 406\nPage  1 of 2\n\nTotal 5.00\nPage  2 of 2\n"
    data = _run(tmp_path, text, schema, suffix=".txt")
    assert data["page_count"] == 2
    assert data["page_information"] == "Page 1 of 2"


def test_free_reads_as_zero_amount(tmp_path):
    schema = {"type": "object", "properties": {"shipping": {"type": ["number", "null"]}}}
    data = _run(tmp_path, "Subtotal: 10.00\nShipping: FREE\nTotal: 10.00\n", schema, ".txt")
    assert data["shipping"] == 0


def test_po_label_before_box_is_an_address_not_a_po_number(tmp_path):
    schema = {"type": "object", "properties": {"po_number": {"type": ["string", "null"]}}}
    data = _run(tmp_path, "Remit to:\nPO Box 2278\nDallas, TX 75266\n", schema, ".txt")
    assert data["po_number"] is None


TAX_IDS = {
    "type": "object",
    "properties": {
        "issuer_vat_id": {"type": ["string", "null"]},
        "customer_vat_id": {"type": ["string", "null"]},
        "tax_code": {"type": ["string", "null"]},
    },
}


def test_tax_id_takes_only_identifier_shaped_values(tmp_path):
    from skillkit.engine.taxids import tax_id_value

    assert tax_id_value("VAT GB123456789") == "GB123456789"
    assert tax_id_value("ABN 11 222 333 444") == "11 222 333 444"
    assert tax_id_value("22AAAAA0000A1Z5") == "22AAAAA0000A1Z5"
    assert tax_id_value("Amount") is None
    assert tax_id_value("12/03/2026") is None
    text = "ACME LTD\nVAT No.\nDate\nVAT: DE123456789\nTotal 10.00\n"
    data = _run(tmp_path, text, TAX_IDS, ".txt")
    assert data["issuer_vat_id"] == "DE123456789"
    assert data["customer_vat_id"] is None  # the first labelled ID is the issuer's


RECEIPT_HEADER = (
    "GREEN VALLEY MARKET #117\n2450 El Camino Real\nPalo Alto, CA 94306\n"
    "STORE 117  REG 03  TRANS 08812\nCASHIER: MARIA\nTOTAL 32.57\n"
)


def test_labelled_line_below_is_not_the_value_of_the_label_above(tmp_path):
    schema = {"type": "object", "properties": {"merchant_name": {"type": "string"}}}
    data = _run(tmp_path, RECEIPT_HEADER, schema, ".txt")
    assert data["merchant_name"] == "GREEN VALLEY MARKET #117"


def test_house_number_street_above_city_line_is_the_street(tmp_path):
    address = {
        "type": "object",
        "properties": {k: {"type": ["string", "null"]} for k in ("street", "city", "state")},
    }
    schema = {
        "type": "object",
        "properties": {"merchant_name": {"type": "string"}, "merchant_address": address},
    }
    data = _run(tmp_path, RECEIPT_HEADER, schema, ".txt")
    assert data["merchant_address"]["street"] == "2450 El Camino Real"
    assert data["merchant_address"]["city"] == "Palo Alto"


def test_credentials_after_a_person_name_are_not_part_of_it(tmp_path):
    schema = {
        "type": "object",
        "properties": {
            "full_name": {"type": "string"},
            "company_name": {"type": "string"},
        },
    }
    text = "Full Name: Maria Lopez, RN, BSN\n\nCompany Name: Lopez Care, Inc.\n"
    data = _run(tmp_path, text, schema)
    assert data["full_name"] == "Maria Lopez"
    assert data["company_name"] == "Lopez Care, Inc."
