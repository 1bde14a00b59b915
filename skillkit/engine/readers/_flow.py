"""Synthetic geometry for formats that have reading order but no coordinates.

Each line is one unit high; x is measured in character columns for running text (so text
aligned with spaces keeps its columns) and in equal column widths for table rows. Blank
lines become `gap_before` of the next line, and a run of two or more spaces or a tab splits
a line into segments, like the wide gaps of a PDF.
"""

from __future__ import annotations

import re

from skillkit.engine.document import Cell, Line, Page, Table, make_line, text_segment
from skillkit.engine.readers._layout import BULLET_CHARS, BULLET_RE

GAP_RE = re.compile(r"\t+| {2,}")
CellText = str | list[tuple[str, bool, float]]


def _paragraphs(cell: CellText) -> list[tuple[str, bool, float]]:
    if isinstance(cell, str):
        return [(part, False, 0.0) for part in cell.split("\n")] or [("", False, 0.0)]
    return cell or [("", False, 0.0)]


TABLE_WIDTH = 100.0


class FlowPage:
    """Builds one page line by line."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.lines: list[Line] = []
        self.tables: list[Table] = []
        self.y = 0.0
        self.gap = 0.0
        self.width = TABLE_WIDTH

    def blank(self, amount: float = 1.0) -> None:
        if self.lines:
            self.gap += amount

    def text(
        self,
        text: str,
        *,
        heading: int = 0,
        bold: bool = False,
        size: float = 0.0,
        bullet: bool = False,
        indent: float = 0.0,
    ) -> None:
        """Add running text; each newline starts a new line."""
        for raw_line in text.split("\n"):
            if not raw_line.strip():
                self.blank()
                continue
            expanded = raw_line.replace("\xa0", " ").rstrip()
            segments = []
            pos = 0
            for match in [*GAP_RE.finditer(expanded), None]:
                end = match.start() if match else len(expanded)
                chunk = expanded[pos:end]
                if chunk.strip():
                    lead = len(chunk) - len(chunk.lstrip())
                    x0 = indent + pos + lead
                    stripped = chunk.strip()
                    segments.append(
                        text_segment(
                            stripped,
                            x0,
                            self.y,
                            x0 + len(stripped),
                            self.y + 1,
                            size=size,
                            bold=bold,
                        )
                    )
                if match:
                    pos = match.end()
            if not segments:
                self.blank()
                continue
            line = make_line(
                segments,
                page=self.index,
                size=size,
                bold=bold,
                heading=heading,
                gap_before=self.gap,
            )
            line.bullet = (
                bullet or bool(BULLET_RE.match(line.text)) or line.text[:1] in BULLET_CHARS
            )
            self.width = max(self.width, line.bbox[2])
            self._push(line)

    def table(self, rows: list[list[CellText]], *, header: bool = True) -> None:
        """Add a table: a `Table` for the matcher and lines for its rows, cells as segments.

        A cell is a string or a list of paragraphs `(text, bold, size)`. A row whose cells
        hold several paragraphs becomes several lines (paragraph i of every cell on line i),
        the way a word processor lays it out, so that "label above value" inside a cell and
        side-by-side cells both keep their geometry.
        """
        norm = [[_paragraphs(c) for c in r] for r in rows]
        norm = [r for r in norm if any(p[0].strip() for c in r for p in c)]
        if not norm:
            return
        ncols = max(len(r) for r in norm)
        colw = TABLE_WIDTH / ncols
        top = self.y
        cell_rows: list[list[Cell]] = []
        for r in norm:
            row_top = self.y
            depth = max((len(c) for c in r), default=1) or 1
            for i in range(depth):
                segments = []
                for j, paras in enumerate(r):
                    if i < len(paras) and paras[i][0].strip():
                        text, bold, size = paras[i]
                        clean = " ".join(text.split())
                        segments.append(
                            text_segment(
                                clean,
                                j * colw,
                                self.y,
                                (j + 1) * colw,
                                self.y + 1,
                                size=size,
                                bold=bold,
                            )
                        )
                if segments:
                    line = make_line(
                        segments,
                        page=self.index,
                        gap_before=self.gap,
                        in_table=True,
                        size=max(sg.size for sg in segments),
                        bold=all(sg.bold for sg in segments),
                    )
                    self._push(line)
                else:
                    self.blank()
            cells = [
                Cell(
                    " ".join(" ".join(p[0] for p in paras).split()),
                    (j * colw, row_top, (j + 1) * colw, max(self.y, row_top + 1)),
                )
                for j, paras in enumerate(r)
            ]
            cell_rows.append(cells)
        body = cell_rows[1:] if header else cell_rows
        head = cell_rows[0] if header else []
        self.tables.append(
            Table(header=head, rows=body, page=self.index, bbox=(0.0, top, TABLE_WIDTH, self.y))
        )
        self.blank()

    def _push(self, line: Line) -> None:
        self.lines.append(line)
        self.y += 1
        self.gap = 0.0

    def page(self) -> Page:
        return Page(
            index=self.index,
            width=self.width,
            height=max(self.y, 1.0),
            lines=self.lines,
            tables=self.tables,
        )
