"""DOCX reader (python-docx): paragraphs and tables in document order.

Heading styles give heading levels, list styles and numbering give bullets, and tables
become real tables (merged cells counted once). The first section's header comes first and
its footer last, since letterheads often live there. Explicit page breaks split pages.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from skillkit.engine.document import Document
from skillkit.engine.readers import require, select_pages
from skillkit.engine.readers._flow import FlowPage
from skillkit.errors import EngineError
from skillkit.limits import DEFAULT_LIMITS, Limits, TextBudget, check_pages, check_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(
    path: Path, page_indices: list[int] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    docx = require("docx", path)
    check_zip(path, limits, "DOCX")  # before python-docx decompresses anything
    try:
        doc = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise EngineError(f"cannot read DOCX ({exc}); is the file complete?", path=path) from exc
    except MemoryError:
        raise
    except Exception as exc:  # python-docx raises several private error types
        raise EngineError(f"cannot read DOCX ({exc})", path=path) from exc

    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    pages: list[FlowPage] = [FlowPage(0)]
    styles = _StyleCache()
    budget = TextBudget(limits, path)

    def add_paragraph(p) -> None:
        text, bold, size, heading, bullet = _paragraph_info(p, styles)
        budget.add(len(text))
        if text.strip():
            pages[-1].text(text, heading=heading, bold=bold, size=size, bullet=bullet)
        else:
            pages[-1].blank()
        breaks = any(br.get(f"{W}type") == "page" for br in p._p.iter(f"{W}br"))
        if breaks or p.paragraph_format.page_break_before:
            pages.append(FlowPage(len(pages)))
            if page_indices is None:
                check_pages(len(pages), limits, path)

    def add_table(t) -> None:
        rows = []
        for row in t.rows:
            cells = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                paras = []
                for par in cell.paragraphs:
                    text, bold, size, _, _ = _paragraph_info(par, styles)
                    budget.add(len(text))
                    if text.strip():
                        paras.append((text, bold, size))
                cells.append(paras)
            rows.append(cells)
        pages[-1].table(rows)

    def add_blocks(parent, element) -> None:
        for child in element.iterchildren():
            if child.tag == f"{W}p":
                add_paragraph(Paragraph(child, parent))
            elif child.tag == f"{W}tbl":
                add_table(DocxTable(child, parent))
            elif child.tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    add_blocks(parent, content)

    sections = list(doc.sections)
    # A first section "linked to previous" has no header/footer of its own; reading
    # `_element` then would create an empty one.
    if sections and not sections[0].header.is_linked_to_previous:
        add_blocks(sections[0].header, sections[0].header._element)
    add_blocks(doc, doc.element.body)
    if sections and not sections[0].footer.is_linked_to_previous:
        add_blocks(sections[0].footer, sections[0].footer._element)

    count = len(pages)
    indices = select_pages(count, page_indices, path, limits)
    return Document(
        path=path, kind="docx", pages=[pages[i].page() for i in indices], page_count=count
    )


class _StyleCache:
    """python-docx looks styles up by scanning the style part on every access; do it once."""

    def __init__(self) -> None:
        self.paragraph: dict[str | None, tuple[str, bool, float | None]] = {}
        self.character: dict[str | None, bool] = {}

    def of_paragraph(self, p) -> tuple[str, bool, float | None]:
        ppr = p._p.pPr
        sid = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        if sid not in self.paragraph:
            style = p.style
            font = style.font if style is not None else None
            self.paragraph[sid] = (
                ((style.name if style is not None else "") or "").lower(),
                bool(font is not None and font.bold),
                font.size.pt if font is not None and font.size is not None else None,
            )
        return self.paragraph[sid]

    def run_bold(self, r) -> bool:
        rpr = r._r.rPr
        sid = rpr.rStyle.val if rpr is not None and rpr.rStyle is not None else None
        if sid is None:
            return False
        if sid not in self.character:
            style = r.style
            self.character[sid] = bool(style is not None and style.font.bold)
        return self.character[sid]


def _paragraph_info(p, styles: _StyleCache) -> tuple[str, bool, float, int, bool]:
    """Text, bold, font size, heading level and bullet flag of one paragraph."""
    text = p.text
    name, style_bold, style_size = styles.of_paragraph(p)
    heading = 0
    if name.startswith("heading"):
        digits = "".join(ch for ch in name if ch.isdigit())
        heading = int(digits) if digits else 1
    elif name == "title":
        heading = 1
    runs = [r for r in p.runs if r.text.strip()]
    bold = bool(runs) and all(
        r.bold or (r.bold is None and (style_bold or styles.run_bold(r))) for r in runs
    )
    sizes = [r.font.size.pt for r in runs if r.font.size is not None]
    if not sizes and style_size is not None:
        sizes = [style_size]
    ppr = p._p.pPr
    bullet = "list" in name or (ppr is not None and ppr.numPr is not None)
    return text, bold, max(sizes, default=0.0), heading, bullet
