"""Plain text and Markdown reader.

Markdown structure that matters for extraction is kept: `#` headings (and setext headings),
bullets, and pipe tables (which become real tables). Emphasis markers are dropped. A form
feed starts a new page.
"""

from __future__ import annotations

import re
from pathlib import Path

from skillkit.engine.document import Document
from skillkit.engine.readers import select_pages
from skillkit.engine.readers._flow import FlowPage
from skillkit.errors import EngineError
from skillkit.limits import DEFAULT_LIMITS, Limits, check_chars, read_text_bytes

HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
RULE_RE = re.compile(r"^\s*([-=_*~])(\s*\1){2,}\s*$")
TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
EMPHASIS_RE = re.compile(r"(\*\*|__|`)")
LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def decode(data: bytes, path: Path) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if b"\x00" in data[:4096]:
            raise EngineError("file looks binary, not text", path=path) from None
        return data.decode("latin-1")


def clean_inline(text: str) -> str:
    text = LINK_RE.sub(lambda m: m.group(1) if m.group(1) else m.group(2), text)
    return EMPHASIS_RE.sub("", text)


def split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [clean_inline(c.strip()) for c in s.split("|")]


def read_text(path: Path, limits: Limits) -> str:
    """A text file's characters, within `limits.text_chars` (refused before decoding when
    the file is too big to be within it)."""
    return check_chars(decode(read_text_bytes(path, limits), path), limits, path)


def read(
    path: Path, page_indices: list[int] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    text = read_text(path, limits).replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f")
    indices = select_pages(len(chunks), page_indices, path, limits)
    markdown = path.suffix.lower() in {".md", ".markdown"}
    pages = [_page(chunks[i], i, markdown) for i in indices]
    return Document(path=path, kind="text", pages=pages, page_count=len(chunks))


def _page(text: str, index: int, markdown: bool):
    flow = FlowPage(index)
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].expandtabs(8)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if "|" in line and TABLE_SEP_RE.match(nxt) and "|" in nxt:
            rows = [split_row(line)]
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(split_row(lines[i]))
                i += 1
            flow.table(rows)
            continue
        heading = HEADING_RE.match(line)
        if heading:
            flow.blank()
            flow.text(clean_inline(heading.group(2)), heading=len(heading.group(1)), bold=True)
            i += 1
            continue
        if line.strip() and nxt.strip() and re.match(r"^\s*(=+|-+)\s*$", nxt) and markdown:
            flow.blank()
            flow.text(clean_inline(line.strip()), heading=1 if "=" in nxt else 2, bold=True)
            i += 2
            continue
        if RULE_RE.match(line):
            flow.blank()
            i += 1
            continue
        flow.text(clean_inline(line) if markdown else line)
        i += 1
    return flow.page()
