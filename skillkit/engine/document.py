"""The format-independent document model every reader produces and the matcher reads.

A document is a list of pages; a page is a list of text lines (top to bottom) and a list of
tables. A line keeps its words and its *segments*: runs of words separated by a wide gap
(or the cells of a table row), so that "Invoice No:      INV-1" and a row of aligned columns
can be told apart from running text. Boxes are `(x0, y0, x1, y1)` in page units with the
origin at the top left; `Page.width`/`Page.height` give the scale used to normalise them.
Readers of formats without geometry (DOCX, HTML, text) use synthetic units: one unit of
height per line and one unit of width per character column or table column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

BBox = tuple[float, float, float, float]


def union_bbox(boxes: list[BBox]) -> BBox:
    """Smallest box holding every box given (a zero box for none)."""
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass
class Word:
    text: str
    bbox: BBox


@dataclass
class Segment:
    """A run of words on one line, set apart from its neighbours by a wide gap or a cell edge.

    `size` (font size, 0 when unknown) and `bold` are per segment because one visual line can
    hold a large name on the left and small text on the right.
    """

    text: str
    bbox: BBox
    words: list[Word] = field(default_factory=list)
    size: float = 0.0
    bold: bool = False


@dataclass
class Line:
    """One visual line of text.

    `gap_before` is the empty space above the line in line heights (blank lines in text
    formats), used to split blocks; `heading` is a heading level when the format says so
    (DOCX style, HTML <hN>, Markdown #) and 0 otherwise; `size` is the font size where known.
    """

    text: str
    bbox: BBox
    segments: list[Segment]
    page: int = 0
    size: float = 0.0
    bold: bool = False
    heading: int = 0
    gap_before: float = 0.0
    bullet: bool = False
    in_table: bool = False

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]


@dataclass
class Cell:
    text: str
    bbox: BBox


@dataclass
class Table:
    """A real table (DOCX, PPTX, HTML, Markdown, CSV): a header row and body rows of cells."""

    header: list[Cell]
    rows: list[list[Cell]]
    page: int = 0
    bbox: BBox = (0.0, 0.0, 0.0, 0.0)


@dataclass
class Page:
    index: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Document:
    """What a reader returns. `page_count` is the page count of the whole source file."""

    path: Path
    kind: str
    pages: list[Page]
    page_count: int
    element_type: str = "page"
    ocr: str | None = None  # the OCR engine that read an image ("rapidocr", "tesseract")

    @property
    def lines(self) -> list[Line]:
        return [ln for p in self.pages for ln in p.lines]

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


def make_segment(words: list[Word], size: float = 0.0, bold: bool = False) -> Segment:
    return Segment(
        text=" ".join(w.text for w in words),
        bbox=union_bbox([w.bbox for w in words]),
        words=words,
        size=size,
        bold=bold,
    )


def make_line(segments: list[Segment], **kwargs: object) -> Line:
    """A line from its segments; text joins segments with a wide gap marker (two spaces)."""
    text = "  ".join(s.text for s in segments)
    return Line(text=text, bbox=union_bbox([s.bbox for s in segments]), segments=segments, **kwargs)  # type: ignore[arg-type]


def text_segment(
    text: str,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    *,
    size: float = 0.0,
    bold: bool = False,
) -> Segment:
    """A segment for formats without geometry: words spread evenly over the segment's box."""
    parts = text.split()
    if not parts:
        return Segment(text="", bbox=(x0, y0, x1, y1), words=[], size=size, bold=bold)
    total = sum(len(p) for p in parts) + len(parts) - 1
    unit = (x1 - x0) / max(total, 1)
    words: list[Word] = []
    cursor = x0
    for p in parts:
        end = cursor + unit * len(p)
        words.append(Word(p, (cursor, y0, end, y1)))
        cursor = end + unit
    return Segment(text=" ".join(parts), bbox=(x0, y0, x1, y1), words=words, size=size, bold=bold)
