"""HTML reader (stdlib html.parser): headings, paragraphs, list items and tables in order.

Block elements end a line; <h1>..<h6> are headings; <li> is a bullet; <script>, <style> and
the like are skipped. A <table> is a real table unless another table is nested inside it,
in which case it is taken for page layout: its cells are read as ordinary text blocks and
only the innermost tables are tables.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from skillkit.engine.document import Document
from skillkit.engine.readers import select_pages
from skillkit.engine.readers._flow import FlowPage
from skillkit.engine.readers.text import read_text
from skillkit.limits import DEFAULT_LIMITS, Limits

SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select"}
BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol",
    "li", "dl", "dt", "dd", "pre", "blockquote", "address", "hr", "form", "figure",
    "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "tr",
    "tbody", "thead", "tfoot", "fieldset", "legend", "body", "html", "label",
}  # fmt: skip
BOLD = {"b", "strong", "th"}


class _Table:
    """An open <table>: rows of cells, each cell a list of paragraphs (block-separated)."""

    def __init__(self) -> None:
        self.rows: list[list[list[str]]] = []
        self.cell: list[list] | None = None  # paragraphs [text, heading, bold]; last grows
        self.layout = False


def _paras(cell: list[list]) -> list[tuple[str, int, bool]]:
    return [(" ".join(p[0].split()), p[1], p[2]) for p in cell if p[0].strip()]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.flow = FlowPage(0)
        self.buf: list[str] = []
        self.skip = 0
        self.heading = 0
        self.bold_depth = 0
        self.bold_chars = 0
        self.chars = 0
        self.bullet = False
        self.pre = 0
        self.tables: list[_Table] = []

    # -- text blocks -------------------------------------------------------------------
    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf.clear()
        if self.pre:
            lines = [ln.rstrip() for ln in text.split("\n")]
        else:
            lines = [" ".join(text.split())]
        bold = self.chars > 0 and self.bold_chars >= 0.6 * self.chars
        for ln in lines:
            if ln.strip():
                self.flow.text(
                    ln, heading=self.heading, bold=bold or self.heading > 0, bullet=self.bullet
                )
        self.bold_chars = self.chars = 0

    def _cell_table(self) -> _Table | None:
        """The innermost data table whose cell is open, if text goes to a cell."""
        if self.tables and not self.tables[-1].layout and self.tables[-1].cell is not None:
            return self.tables[-1]
        return None

    # -- parser callbacks -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            self._start_table()
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and not table.layout:
            if tag == "tr":
                table.rows.append([])
                return
            if tag in ("td", "th"):
                if not table.rows:
                    table.rows.append([])
                table.cell = [["", 0, tag == "th"]]
                return
            if table.cell is not None:
                if tag in BLOCK:
                    level = int(tag[1]) if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else 0
                    table.cell.append(["", level, level > 0 or table.cell[-1][2]])
                elif tag in BOLD:
                    table.cell[-1][2] = True
                return
        if tag in BLOCK or tag in ("td", "th"):
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading = int(tag[1])
                self.flow.blank()
            elif tag == "li":
                self.bullet = True
            elif tag in ("p", "hr", "section", "article", "ul", "ol", "dl"):
                self.flow.blank()
            elif tag == "pre":
                self.pre += 1
        if tag in BOLD:
            self.bold_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "table":
            self._end_table()
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and not table.layout:
            if tag in ("td", "th") and table.cell is not None:
                table.rows[-1].append(table.cell)
                table.cell = None
                return
            if table.cell is not None and tag in BLOCK:
                table.cell.append(["", 0, False])
                return
            if tag == "tr" or table.cell is not None:
                return
        if tag in BOLD:
            self.bold_depth = max(0, self.bold_depth - 1)
        if tag in BLOCK or tag in ("td", "th"):
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading = 0
            elif tag == "li":
                self.bullet = False
            elif tag == "pre":
                self.pre = max(0, self.pre - 1)
            if tag in ("p", "ul", "ol", "dl", "section", "article", "h1", "h2", "h3"):
                self.flow.blank()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        table = self._cell_table()
        if table is not None and table.cell is not None:
            table.cell[-1][0] += data
            return
        self.buf.append(data)
        n = len(data.strip())
        self.chars += n
        if self.bold_depth:
            self.bold_chars += n

    # -- tables -----------------------------------------------------------------------
    def _start_table(self) -> None:
        self.flush()
        if self.tables and not self.tables[-1].layout and self.tables[-1].cell is not None:
            for outer in self.tables:
                if not outer.layout:
                    self._to_layout(outer)
        self.tables.append(_Table())

    def _to_layout(self, table: _Table) -> None:
        """A table with a table inside is page layout: emit what it holds as text."""
        table.layout = True
        cells = [cell for row in table.rows for cell in row]
        if table.cell is not None:
            cells.append(table.cell)
        for cell in cells:
            for text, level, bold in _paras(cell):
                self.flow.text(text, heading=level, bold=bold)
        table.rows = []
        table.cell = None

    def _end_table(self) -> None:
        if not self.tables:
            return
        table = self.tables.pop()
        if table.layout:
            self.flush()
            return
        rows = [[[(t, bold, 0.0) for t, _, bold in _paras(c)] for c in r] for r in table.rows]
        rows = [r for r in rows if any(r)]
        if rows:
            self.flow.table(rows, header=True)


def read(
    path: Path, page_indices: list[int] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    select_pages(1, page_indices, path, limits)
    parser = _Parser()
    parser.feed(read_text(path, limits))
    parser.close()
    while parser.tables:
        parser._end_table()
    parser.flush()
    return Document(path=path, kind="html", pages=[parser.flow.page()], page_count=1)
