"""Shared infrastructure of the document generator scripts (scripts/make_*_documents.py).

Every corpus must be byte-for-byte reproducible, so the pieces that make it so live here once:
the DOCX package rewrite (sorted entries, fixed timestamps), the op-list PDF renderer (ReportLab
with ``invariant=1``), the holdout corpora's DOCX helpers, JSON Schema shorthands, vlmrun-hub
schema loading and the write-every-case ``main``. Each script keeps its own documents' data and
layout. Scripts import this as ``docgen`` after putting the scripts folder on ``sys.path``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import zipfile
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import jsonschema
from docx.shared import Pt
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

# Fixed timestamp for DOCX core properties and zip entries (zip needs a year >= 1980).
FIXED_TIME = dt.datetime(2026, 1, 1, 9, 0, 0)

# -- number formats -------------------------------------------------------------------------


def us(value: Decimal) -> str:
    """1234.5 -> '1,234.50'."""
    return f"{value:,.2f}"


def eu(value: Decimal) -> str:
    """1234.5 -> '1.234,50'."""
    return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def num(value: Decimal) -> float:
    return float(value)


# -- JSON Schema shorthands -----------------------------------------------------------------


def obj(props: dict, **extra: Any) -> dict:
    return {"type": "object", "properties": props, **extra}


def arr(items: dict) -> dict:
    return {"type": "array", "items": items}


def s(**extra: Any) -> dict:
    return {"type": "string", **extra}


def n(**extra: Any) -> dict:
    return {"type": "number", **extra}


def integer(**extra: Any) -> dict:
    return {"type": "integer", **extra}


def boolean(**extra: Any) -> dict:
    return {"type": "boolean", **extra}


def date(**extra: Any) -> dict:
    return {"type": "string", "format": "date", **extra}


def ndate(**extra: Any) -> dict:
    return {"type": ["string", "null"], "format": "date", **extra}


def nul(t: str, **extra: Any) -> dict:
    return {"type": [t, "null"], **extra}


# -- vlmrun-hub schemas and their expected values -------------------------------------------


def hub_schema(domain: str) -> dict:
    """A vlmrun-hub domain schema exactly as pydantic emits it ($defs, $ref, anyOf-null)."""
    import logging

    logging.disable(logging.CRITICAL)
    try:
        from loguru import logger

        logger.remove()
    except ImportError:  # pragma: no cover - loguru comes with vlmrun-hub
        pass
    from vlmrun.hub.registry import registry

    return registry[domain].model_json_schema()


def hub_nulls(schema: dict) -> dict[str, Any]:
    return {k: None for k in schema["properties"]}


def hub_address(street=None, city=None, state=None, postal_code=None, country=None) -> dict:
    """An expected hub Address object."""
    return {
        "street": street,
        "city": city,
        "state": state,
        "postal_code": postal_code,
        "country": country,
    }


def hub_skills(*names: str) -> list[dict]:
    """Expected hub resume skills: names only."""
    return [{"name": x, "level": None, "years_of_experience": None} for x in names]


# -- PDF ------------------------------------------------------------------------------------

# A PDF page is a list of draw operations, y measured from the top in points:
#   ("t", x, y, text, font, size)   left-aligned text
#   ("r", x, y, text, font, size)   right-aligned text ending at x
#   ("c", x, y, text, font, size)   text centred on x
#   ("hr", x0, y, x1)               a thin rule
Op = tuple


def pdf_bytes(pages: list[list[Op]], title: str, pagesize=LETTER) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=pagesize, invariant=1)
    c.setTitle(title)
    c.setAuthor("skillkit holdout corpus")
    c.setCreator("skillkit holdout corpus")
    height = pagesize[1]
    for ops in pages:
        for op in ops:
            kind = op[0]
            if kind == "hr":
                c.setLineWidth(0.5)
                c.line(op[1], height - op[2], op[3], height - op[2])
                continue
            _, x, y, text, font, size = op
            c.setFont(font, size)
            if kind == "t":
                c.drawString(x, height - y, text)
            elif kind == "r":
                c.drawRightString(x, height - y, text)
            else:
                c.drawCentredString(x, height - y, text)
        c.showPage()
    c.save()
    return out.getvalue()


def table_ops(
    x: list[float], y: float, rows: list[list[str]], aligns: str, size: float = 9, step=14
) -> tuple[list[Op], float]:
    """A table drawn at column positions `x` (right-aligned columns use x as their right edge);
    the first row is the bold header."""
    ops: list[Op] = []
    for ri, row in enumerate(rows):
        font = "Helvetica-Bold" if ri == 0 else "Helvetica"
        for ci, cell in enumerate(row):
            if not cell:
                continue
            kind = "r" if aligns[ci] == "r" else "t"
            ops.append((kind, x[ci], y, cell, font, size))
        if ri == 0:
            ops.append(("hr", x[0], y + 4, x[-1] if aligns[-1] == "r" else x[-1] + 60))
        y += step
    return ops, y


# -- DOCX -----------------------------------------------------------------------------------


def docx_bytes(document: Any) -> bytes:
    """Save, then rewrite the zip with sorted entries and fixed timestamps (reproducible)."""
    raw = io.BytesIO()
    document.save(raw)
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()


def new_docx(title: str) -> Any:
    """A holdout-corpus Word document with fixed core properties and Calibri 10.5 pt."""
    document = docx.Document()
    props = document.core_properties
    props.title = title
    props.author = "skillkit holdout corpus"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_modified_by = "skillkit"
    props.revision = 1
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    return document


def docx_table(document: Any, rows: list[list[str]], header: bool = True) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for ri, row in enumerate(rows):
        for ci, text in enumerate(row):
            cell = table.cell(ri, ci)
            cell.text = text
            if header and ri == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def bold_para(document: Any, text: str, size: float | None = None) -> None:
    p = document.add_paragraph()
    run = p.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)


# -- writing a corpus -----------------------------------------------------------------------

Case = tuple[str, bytes, dict, dict]  # (suffix, document bytes, schema, expected)


def json_text(value: Any) -> str:
    """The JSON layout of every expected/schema file: 2-space indent, UTF-8, final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def write_cases(out: Path, cases: Mapping[str, Callable[[], Case]], *, formats: bool = True) -> int:
    """Write each case's document, schema and expected JSON into `out`; exit status for main.

    Stops with status 1 before writing a case whose expected JSON does not validate against its
    schema (`formats` also checks "format" keywords such as date).
    """
    out.mkdir(parents=True, exist_ok=True)
    for name, make in cases.items():
        suffix, data, schema, expected = make()
        jsonschema.Draft202012Validator.check_schema(schema)
        checker = jsonschema.Draft202012Validator.FORMAT_CHECKER if formats else None
        validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
        errors = list(validator.iter_errors(expected))
        if errors:
            print(f"{name}: expected JSON does not validate: {errors[0].message}", file=sys.stderr)
            return 1
        (out / f"{name}{suffix}").write_bytes(data)
        (out / f"{name}.schema.json").write_text(json_text(schema), encoding="utf-8")
        (out / f"{name}.expected.json").write_text(json_text(expected), encoding="utf-8")
        print(f"wrote {name}{suffix}")
    return 0
