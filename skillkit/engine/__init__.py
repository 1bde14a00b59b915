"""The deterministic local extraction engine: no model, no network.

It reads a document's text and layout (PDF text layer, DOCX, PPTX, HTML, text/Markdown,
CSV; images through Tesseract OCR where installed) into one model of pages, lines and
tables, then fills a JSON Schema by matching each property's name, title, description and a
small synonym table to the labels printed in the document, and parsing the values by type.
The same input always gives the same output.

    from skillkit.engine import extract
    result = extract(Path("invoice.pdf"), schema)
    result.data        # validates against `schema`
"""

from __future__ import annotations

from skillkit.engine.document import Cell, Document, Line, Page, Segment, Table, Word
from skillkit.engine.extract import Extraction, extract, read_document
from skillkit.engine.readers import SUPPORTED_SUFFIXES

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Cell",
    "Document",
    "Extraction",
    "Line",
    "Page",
    "Segment",
    "Table",
    "Word",
    "extract",
    "read_document",
]
