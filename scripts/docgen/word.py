"""Word documents as data: a body of paragraphs and tables, rendered with python-docx.

    format: docx
    title: Earnings Statement
    body:
    - {p: Granite Peak Builders, bold: true, size: 15}
    - {p: Pay period, style: Heading 1}
    - {p: ['Net pay: ', {text: '$2,049.75', bold: true}]}
    - {table: [[Earnings, Hours], [Regular, "80.00"]], style: Table Grid, header: true}

Blocks:

    {p: text or [run, ...], style, bold, italic, size}
        a paragraph (style "Normal" when not given). A text is one run, formatted by bold /
        italic (true or false, written either way) and size (points); "" is a paragraph with
        no run. A run is a text or {text, bold, italic, size}.
    {table: [[cell, ...], ...], style, header}
        a table (no style: the template's borderless default); header bolds the first row.
        A cell is a text (the cell's text), null (left empty) or a list of blocks; in a list
        the first paragraph fills the cell's own empty paragraph, a nested table is followed
        by the empty paragraph Word requires.

Every document starts from python-docx's template with Calibri 10.5 pt as its Normal font.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import docx
from docx.shared import Pt

from .office import office_bytes, set_core_properties

RUN_FORMATS = ("bold", "italic", "size")


def render(source: Mapping[str, Any]) -> bytes:
    document = docx.Document()
    set_core_properties(document.core_properties, source["title"])
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    for block in source["body"]:
        add_block(document, block)
    return office_bytes(document)


def add_block(parent: Any, block: Mapping[str, Any], paragraph: Any = None) -> None:
    """Append a block to a document or cell (or fill `paragraph`, an empty one already there)."""
    if "p" in block:
        p = paragraph if paragraph is not None else parent.add_paragraph()
        if block.get("style"):
            p.style = block["style"]
        add_runs(p, block)
    elif "table" in block:
        add_table(parent, block)
    else:
        raise ValueError(f"unknown DOCX block {block!r}")


def add_runs(p: Any, block: Mapping[str, Any]) -> None:
    content = block["p"]
    if isinstance(content, str):
        if content:
            format_run(p.add_run(content), block)
        return
    for run in content:
        if isinstance(run, str):
            p.add_run(run)
        else:
            format_run(p.add_run(run["text"]), run)


def format_run(run: Any, spec: Mapping[str, Any]) -> None:
    if "bold" in spec:  # false is written too (w:b w:val="0")
        run.bold = spec["bold"]
    if "italic" in spec:
        run.italic = spec["italic"]
    if "size" in spec:
        run.font.size = Pt(spec["size"])


def add_table(parent: Any, block: Mapping[str, Any]) -> None:
    rows = block["table"]
    table = parent.add_table(rows=len(rows), cols=len(rows[0]))
    if block.get("style"):
        table.style = block["style"]
    for ri, row in enumerate(rows):
        for ci, value in enumerate(row):
            cell = table.cell(ri, ci)
            if isinstance(value, str):
                cell.text = value
            elif value is not None:
                for bi, child in enumerate(value):
                    first = bi == 0 and "p" in child
                    add_block(cell, child, cell.paragraphs[0] if first else None)
            if block.get("header") and ri == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
