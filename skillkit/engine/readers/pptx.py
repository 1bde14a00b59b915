"""PPTX reader (python-pptx): each slide is a page; text frames and tables keep their boxes.

Shapes are read top to bottom, left to right (groups recursively). A text frame's
paragraphs share the frame's box, one slice of its height per paragraph; a title
placeholder is a heading. Tables become real tables with cell boxes from the column
widths and row heights.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from skillkit.engine.document import (
    Cell,
    Document,
    Line,
    Page,
    Table,
    make_line,
    text_segment,
)
from skillkit.engine.readers import require, select_pages
from skillkit.engine.readers._layout import BULLET_RE
from skillkit.errors import EngineError
from skillkit.limits import DEFAULT_LIMITS, Limits, TextBudget, check_zip

EMU_PER_PT = 12700


def read(
    path: Path, page_indices: list[int] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    pptx = require("pptx", path)
    check_zip(path, limits, "PPTX")  # before python-pptx decompresses anything
    try:
        prs = pptx.Presentation(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise EngineError(f"cannot read PPTX ({exc}); is the file complete?", path=path) from exc
    except MemoryError:
        raise
    except Exception as exc:  # python-pptx raises several private error types
        raise EngineError(f"cannot read PPTX ({exc})", path=path) from exc
    slides = list(prs.slides)
    width = (prs.slide_width or 9144000) / EMU_PER_PT
    height = (prs.slide_height or 6858000) / EMU_PER_PT
    pages = []
    budget = TextBudget(limits, path)
    for index in select_pages(len(slides), page_indices, path, limits):
        page = Page(index=index, width=width, height=height)
        _read_shapes(slides[index].shapes, page, 0.0, 0.0)
        budget.add(sum(len(ln.text) for ln in page.lines))
        page.lines.sort(key=lambda ln: (round(ln.bbox[1], 1), ln.bbox[0]))
        prev_bottom = None
        for ln in page.lines:
            h = max(ln.bbox[3] - ln.bbox[1], 1.0)
            if prev_bottom is not None:
                ln.gap_before = max(0.0, (ln.bbox[1] - prev_bottom) / h)
            prev_bottom = ln.bbox[3]
        pages.append(page)
    return Document(path=path, kind="pptx", pages=pages, page_count=len(slides))


def _box(shape, dx: float, dy: float) -> tuple[float, float, float, float]:
    x = (shape.left or 0) / EMU_PER_PT + dx
    y = (shape.top or 0) / EMU_PER_PT + dy
    return (x, y, x + (shape.width or 0) / EMU_PER_PT, y + (shape.height or 0) / EMU_PER_PT)


def _read_shapes(shapes, page: Page, dx: float, dy: float) -> None:
    ordered = sorted(shapes, key=lambda s: ((s.top or 0), (s.left or 0)))
    for shape in ordered:
        if shape.shape_type is not None and int(shape.shape_type) == 6:  # group
            _read_shapes(shape.shapes, page, dx, dy)
            continue
        box = _box(shape, dx, dy)
        if getattr(shape, "has_table", False) and shape.has_table:
            _read_table(shape.table, box, page)
        elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            is_title = False
            if shape.is_placeholder:
                try:
                    is_title = "TITLE" in str(shape.placeholder_format.type)
                except ValueError:
                    is_title = False
            _read_frame(shape.text_frame, box, page, is_title)


def _read_frame(frame, box, page: Page, is_title: bool) -> None:
    paragraphs = [p for p in frame.paragraphs]
    texts = []
    for p in paragraphs:
        for part in p.text.replace("\v", "\n").split("\n"):
            texts.append((p, part))
    n = max(len(texts), 1)
    x0, y0, x1, y1 = box
    if y1 - y0 < n:
        y1 = y0 + 14.0 * n
    step = (y1 - y0) / n
    for i, (p, text) in enumerate(texts):
        if not text.strip():
            continue
        top = y0 + i * step
        runs = [r for r in p.runs if r.text.strip()]
        sizes = [r.font.size.pt for r in runs if r.font.size is not None]
        bold = bool(runs) and all(r.font.bold for r in runs)
        seg = text_segment(text.strip(), x0, top, x1, top + step)
        line: Line = make_line(
            [seg],
            page=page.index,
            size=max(sizes, default=0.0),
            bold=bold or is_title,
            heading=1 if is_title else 0,
        )
        line.bullet = p.level > 0 or bool(BULLET_RE.match(text))
        page.lines.append(line)


def _read_table(table, box, page: Page) -> None:
    x0, y0, _, _ = box
    col_x = [x0]
    for col in table.columns:
        col_x.append(col_x[-1] + (col.width or 0) / EMU_PER_PT)
    rows: list[list[Cell]] = []
    y = y0
    for row in table.rows:
        h = (row.height or 0) / EMU_PER_PT or 14.0
        cells = []
        segments = []
        for j, cell in enumerate(row.cells):
            if getattr(cell, "is_spanned", False):
                continue
            text = " ".join(cell.text.split())
            cbox = (col_x[j], y, col_x[min(j + 1, len(col_x) - 1)], y + h)
            cells.append(Cell(text, cbox))
            if text:
                segments.append(text_segment(text, *cbox))
        rows.append(cells)
        if segments:
            page.lines.append(make_line(segments, page=page.index, in_table=True))
        y += h
    if rows:
        page.tables.append(
            Table(header=rows[0], rows=rows[1:], page=page.index, bbox=(x0, y0, col_x[-1], y))
        )
