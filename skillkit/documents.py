"""Which files count as documents, and which engine reader reads each: one table, used by the
linter, the runner, the reports and the engine alike."""

from __future__ import annotations

from pathlib import Path

# suffix -> the engine reader module (skillkit/engine/readers/<name>.py) that reads it
DOCUMENT_READERS: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".pptx": "pptx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".csv": "csv",
    ".tsv": "csv",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".webp": "image",
    ".bmp": "image",
    ".gif": "image",
}
DOCUMENT_SUFFIXES = frozenset(DOCUMENT_READERS)
EXPECTED_SUFFIX = ".expected.json"


def is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.endswith(EXPECTED_SUFFIX)


def expected_path(document: Path) -> Path:
    """`acme-001.pdf` -> `acme-001.expected.json` beside it."""
    return document.with_name(document.stem + EXPECTED_SUFFIX)
