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
