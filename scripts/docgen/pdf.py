"""PDF documents as data: pages of drawing items, rendered with ReportLab (``invariant=1``).

    format: pdf
    title: Purchase Order KM-PO-55821
    page_size: letter              # letter, a4, or [width, height] in points
    pages:
    - - [left, 50, 60, Kestrel Marine Supply Co., Helvetica-Bold, 17]
      - [rule, 50, 244, 562]

Each page is a list of items drawn in order; y is measured from the top of the page in points.

    [left, x, y, text, font, size]     text starting at x
    [right, x, y, text, font, size]    text ending at x
    [center, x, y, text, font, size]   text centred on x
    [rule, x0, y, x1]                  a thin horizontal line
    {lines: [text, ...], x, y, step, font, size, align}
        one line of text per entry, each `step` below the last (null leaves a line empty);
        align is left (default), right or center
    {table: [[cell, ...], ...], x: [...], y, aligns, size: 9, step: 14}
        rows `step` apart at column positions x (a column whose align letter in `aligns` is
        "r" is right-aligned on its x); the first row is bold with a rule under it; empty
        cells draw nothing
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen import canvas

from .office import AUTHOR

PAGE_SIZES = {"letter": LETTER, "a4": A4}
TEXT_ITEMS = ("left", "right", "center")

Op = tuple  # (kind, x, y, text, font, size) or ("rule", x0, y, x1)


def render(source: Mapping[str, Any]) -> bytes:
    size = source.get("page_size", "letter")
    pagesize = PAGE_SIZES[size] if isinstance(size, str) else tuple(size)
    pages = [list(ops(items)) for items in source["pages"]]
    return draw(pages, source["title"], pagesize)


def ops(items: list) -> Iterator[Op]:
    """The drawing operations of one page's items, in order."""
    for item in items:
        if isinstance(item, list):
            yield tuple(item)
        elif "lines" in item:
            yield from lines_ops(item)
        elif "table" in item:
            yield from table_ops(item)
        else:
            raise ValueError(f"unknown PDF item {item!r}")


def lines_ops(item: Mapping[str, Any]) -> Iterator[Op]:
    x, y, step = item["x"], item["y"], item["step"]
    kind = item.get("align", "left")
    for i, text in enumerate(item["lines"]):
        if text is not None:
            yield (kind, x, y + i * step, text, item["font"], item["size"])


def table_ops(item: Mapping[str, Any]) -> Iterator[Op]:
    x, y, aligns = item["x"], item["y"], item["aligns"]
    size, step = item.get("size", 9), item.get("step", 14)
    for ri, row in enumerate(item["table"]):
        font = "Helvetica-Bold" if ri == 0 else "Helvetica"
        for ci, cell in enumerate(row):
            if cell:
                yield ("right" if aligns[ci] == "r" else "left", x[ci], y, cell, font, size)
        if ri == 0:
            yield ("rule", x[0], y + 4, x[-1] if aligns[-1] == "r" else x[-1] + 60)
        y += step


def draw(pages: list[list[Op]], title: str, pagesize: tuple[float, float]) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=pagesize, invariant=1)
    c.setTitle(title)
    c.setAuthor(AUTHOR)
    c.setCreator(AUTHOR)
    height = pagesize[1]
    for page in pages:
        for op in page:
            kind = op[0]
            if kind == "rule":
                c.setLineWidth(0.5)
                c.line(op[1], height - op[2], op[3], height - op[2])
                continue
            _, x, y, text, font, size = op
            c.setFont(font, size)
            if kind == "left":
                c.drawString(x, height - y, text)
            elif kind == "right":
                c.drawRightString(x, height - y, text)
            elif kind == "center":
                c.drawCentredString(x, height - y, text)
            else:
                raise ValueError(f"unknown PDF item {kind!r}")
        c.showPage()
    c.save()
    return out.getvalue()
