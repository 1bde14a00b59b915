"""CSV/TSV reader: one page holding one table (the first row is the header)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from skillkit.engine.document import Document
from skillkit.engine.readers import select_pages
from skillkit.engine.readers._flow import FlowPage
from skillkit.engine.readers.text import read_text
from skillkit.errors import EngineError
from skillkit.limits import DEFAULT_LIMITS, Limits


def read(
    path: Path, page_indices: list[int] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    select_pages(1, page_indices, path, limits)
    text = read_text(path, limits)
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    try:
        rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise EngineError(f"cannot parse CSV: {exc}", path=path) from exc
    flow = FlowPage(0)
    flow.table(rows)
    return Document(path=path, kind="csv", pages=[flow.page()], page_count=1)
