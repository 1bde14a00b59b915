"""Which files count as documents: one table, used by the linter, the runner and the engine."""

from __future__ import annotations

from pathlib import Path

DOCUMENT_SUFFIXES = frozenset(
    {
        ".pdf",
        ".docx",
        ".pptx",
        ".html",
        ".htm",
        ".txt",
        ".md",
        ".markdown",
        ".csv",
        ".png",
        ".jpg",
        ".jpeg",
        ".tif",
        ".tiff",
        ".webp",
        ".bmp",
        ".gif",
    }
)
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".gif"})
EXPECTED_SUFFIX = ".expected.json"


def is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.endswith(EXPECTED_SUFFIX)


def expected_path(document: Path) -> Path:
    """`acme-001.pdf` -> `acme-001.expected.json` beside it."""
    return document.with_name(document.stem + EXPECTED_SUFFIX)
