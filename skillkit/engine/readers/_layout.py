"""Group positioned words into lines and segments (shared by the PDF and OCR readers)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillkit.engine.document import Line, Word, make_line, make_segment

BULLET_RE = re.compile(
    r"^\s*(?:[-*+\u00a2\u00a9\u2022\u25cf\u25aa\u25e6\u2023\u2043\u2219\u00b7\u25a0\u2013]|\d{1,2}[.)])\s+"
)
BULLET_CHARS = "\u2022\u25cf\u25aa\u25e6\u2023\u2043\u2219\u00b7\u25a0"


@dataclass
class PlacedWord:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool = False


def _median(values: list[float]) -> float:
    s = sorted(values)
    return s[len(s) // 2] if s else 0.0


def lines_from_words(words: list[PlacedWord], page: int) -> list[Line]:
    """Cluster words into lines by vertical centre, then split each line at wide gaps.

    A gap wider than 0.8 of the font size (a normal space is about a quarter of it) starts a
    new segment: that is how "Label      Value" pairs and table columns show up in a PDF.
    """
    if not words:
        return []
    ordered = sorted(words, key=lambda w: ((w.y0 + w.y1) / 2, w.x0))
    rows: list[list[PlacedWord]] = []
    top = bottom = 0.0
    for w in ordered:
        if rows:
            # same row when each centre lies within the other's span: tolerant of a taller
            # box with a descender (OCR), strict between a big title and small text beside it
            centre = (w.y0 + w.y1) / 2
            row_centre = (top + bottom) / 2
            small = len(w.text) <= 2 and not w.text.isalnum()  # a dash, a dot
            if top <= centre <= bottom and (small or w.y0 <= row_centre <= w.y1):
                rows[-1].append(w)
                top, bottom = min(top, w.y0), max(bottom, w.y1)
                continue
        rows.append([w])
        top, bottom = w.y0, w.y1
    lines: list[Line] = []
    prev_bottom: float | None = None
    for row in rows:
        row.sort(key=lambda w: w.x0)
        size = _median([w.size for w in row]) or _median([w.y1 - w.y0 for w in row])
        # a normal space is about a quarter of the font size (a whole character in monospace
        # type); a gap wider than 0.8 em and than ~1.6 characters separates segments
        char_w = _median([(w.x1 - w.x0) / max(len(w.text), 1) for w in row])
        threshold = max(0.8 * size, 1.6 * char_w)
        groups: list[list[PlacedWord]] = [[row[0]]]
        for w in row[1:]:
            if w.x0 - groups[-1][-1].x1 > threshold:
                groups.append([w])
            else:
                groups[-1].append(w)
        segments = [
            make_segment(
                [Word(w.text, (w.x0, w.y0, w.x1, w.y1)) for w in g],
                size=round(_median([w.size for w in g]), 2),
                bold=sum(len(w.text) for w in g if w.bold) > 0.6 * sum(len(w.text) for w in g),
            )
            for g in groups
        ]
        line_height = max(_median([w.y1 - w.y0 for w in row]), 0.1)
        top = min(w.y0 for w in row)
        gap = 0.0 if prev_bottom is None else max(0.0, (top - prev_bottom) / line_height)
        prev_bottom = max(w.y1 for w in row)
        bold = sum(len(w.text) for w in row if w.bold) > 0.6 * sum(len(w.text) for w in row)
        line = make_line(segments, page=page, size=round(size, 2), bold=bold, gap_before=gap)
        line.bullet = bool(BULLET_RE.match(line.text)) or line.text[:1] in BULLET_CHARS
        lines.append(line)
    return lines
