"""PDF reader: the text layer through pypdfium2, with a box for every character.

Characters are joined into words (a space or a jump in position ends a word) and words into
lines and segments by position (`_layout.lines_from_words`). A PDF with no text layer (a
scan) yields pages without lines; the extractor then returns an empty result.

PDFium is not thread-safe: every call into it goes through `PDFIUM_LOCK`, so `extract()` may be
called from several threads (the server's workers) at once.
"""

from __future__ import annotations

import ctypes
import threading
from pathlib import Path

from skillkit.engine.document import Document, Page
from skillkit.engine.readers import require, select_pages
from skillkit.engine.readers._layout import PlacedWord, lines_from_words
from skillkit.errors import EngineError
from skillkit.limits import DEFAULT_LIMITS, Limits, TextBudget

PDFIUM_LOCK = threading.RLock()


def read(
    path: Path, page_indices: list[int] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    pdfium = require("pypdfium2", path)
    raw = require("pypdfium2.raw", path)
    with PDFIUM_LOCK:
        count, raw_pages = _read_words(pdfium, raw, path, page_indices, limits)
    # layout is plain Python: done outside the lock
    pages = [
        Page(index=index, width=width, height=height, lines=lines_from_words(words, index))
        for index, width, height, words in raw_pages
    ]
    return Document(path=path, kind="pdf", pages=pages, page_count=count)


def _read_words(
    pdfium, raw, path: Path, page_indices: list[int] | None, limits: Limits
) -> tuple[int, list[tuple[int, float, float, list[PlacedWord]]]]:
    """The page count and, per selected page, its size and words (PDFium calls only); the
    pages and the characters of their text layers within `limits`."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pdfium raises its own PdfiumError for damaged files
        raise EngineError(f"cannot read PDF ({exc}); is the file complete?", path=path) from exc
    try:
        count = len(pdf)
        pages: list[tuple[int, float, float, list[PlacedWord]]] = []
        budget = TextBudget(limits, path)
        for index in select_pages(count, page_indices, path, limits):
            page = pdf[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    budget.add(textpage.count_chars())
                    words = _words(raw, textpage, height)
                finally:
                    textpage.close()
            finally:
                page.close()
            pages.append((index, width, height, words))
    finally:
        pdf.close()
    return count, pages


def _page_angle(raw, textpage, count: int) -> float:
    """The text direction most characters of the page share (radians, rounded)."""
    votes: dict[float, int] = {}
    for i in range(0, count, max(1, count // 400)):
        angle = round(raw.FPDFText_GetCharAngle(textpage, i), 1)
        if angle >= 0:
            votes[angle] = votes.get(angle, 0) + 1
    return max(votes, key=lambda a: votes[a]) if votes else 0.0


def _words(raw, textpage, page_height: float) -> list[PlacedWord]:
    """Words from the character stream; y is flipped so the origin is the top left.

    Characters set at another angle than the page's main text (a vertical imprint in the
    margin, a rotated stamp) are left out: read across, they would interleave with the lines
    they cross one letter at a time.
    """
    words: list[PlacedWord] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    size = 0.0
    bold = False
    rect = raw.FS_RECTF()
    font_buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()

    def flush() -> None:
        if chars:
            words.append(PlacedWord("".join(chars), box[0], box[1], box[2], box[3], size, bold))
            chars.clear()

    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    same_length = len(text) == count  # one UTF-16 unit per char: no astral characters
    get_box = raw.FPDFText_GetLooseCharBox
    get_angle = raw.FPDFText_GetCharAngle
    main_angle = _page_angle(raw, textpage, count) if count else 0.0
    for i in range(count):
        if same_length:
            ch = text[i]
            code = ord(ch)
        else:
            code = raw.FPDFText_GetUnicode(textpage, i)
            ch = chr(code) if 0 < code < 0x110000 else ""
        if not ch or code < 33 or ch.isspace() or code == 0xFFFE:
            flush()
            continue
        if not get_box(textpage, i, rect):
            flush()
            continue
        x0, x1 = rect.left, rect.right
        y0, y1 = page_height - rect.top, page_height - rect.bottom
        if chars:
            centre = (y0 + y1) / 2
            gap = x0 - box[2]
            if not (box[1] <= centre <= box[3]) or gap > 0.3 * size or gap < -0.5 * size:
                flush()
        if not chars:
            # The angle is asked for at a word's first character only (a third of the reading
            # time when asked per character): a character set at another angle than the word
            # it follows sits off that word's line or gap, so it starts a word of its own.
            angle = get_angle(textpage, i)
            if angle >= 0 and abs(round(angle, 1) - main_angle) > 0.15:
                continue
            box[:] = [x0, y0, x1, y1]
            size = raw.FPDFText_GetFontSize(textpage, i) or (y1 - y0)
            raw.FPDFText_GetFontInfo(textpage, i, font_buf, 128, ctypes.byref(flags))
            name = font_buf.value.lower()
            bold = b"bold" in name or b"black" in name or b"heavy" in name
        else:
            if x0 < box[0]:
                box[0] = x0
            if y0 < box[1]:
                box[1] = y0
            if x1 > box[2]:
                box[2] = x1
            if y1 > box[3]:
                box[3] = y1
        chars.append(ch)
    flush()
    return words
