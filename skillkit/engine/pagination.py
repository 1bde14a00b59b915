"""Page counts and page captions read from "Page 2 of 2" footers.

A label match for "pages" tends to grab any number near the word "Page" (a box number, a
year); the "Page X of N" caption states the count outright, so it wins for a page-count
property, and a page-information string takes the caption as printed.
"""

from __future__ import annotations

import re

from skillkit.engine.context import Context, Match
from skillkit.engine.fields import Field

_PAGE_OF_RE = re.compile(r"\b(?:page|pg\.?|p\.)\s*(\d{1,4})\s*(?:of|/)\s*(\d{1,4})\b", re.I)


def is_page_count(f: Field) -> bool:
    return f.kind == "integer" and f.concept(
        "page count", "pages", "number of pages", "total pages", "num pages"
    )


def is_page_caption(f: Field) -> bool:
    return f.kind == "string" and f.concept("page information", "page info", "page number")


def page_match(ctx: Context, f: Field) -> Match | None:
    """The count (largest N of "Page X of N") or the first caption as printed."""
    best: tuple[int, Match] | None = None
    for line in ctx.lines:
        # the whole line: "Page" and "1 of 2" are often laid out as two segments
        for m in _PAGE_OF_RE.finditer(line.text):
            shown, total = int(m.group(1)), int(m.group(2))
            if not 1 <= shown <= total:
                continue
            if is_page_caption(f):
                caption = " ".join(m.group(0).split())
                return Match(f, caption, 0.6, line.page, line.bbox)
            if best is None or total > best[0]:
                best = (total, Match(f, total, 0.6, line.page, line.bbox))
    return best[1] if best else None
