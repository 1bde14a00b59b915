"""Document readers: one module per format, each exposing
`read(path, page_indices=None, limits=None)`.

`skillkit.documents.DOCUMENT_READERS` is the only place that maps a file suffix to a reader. Readers import their
optional libraries lazily, so a missing extra is a clear `EngineError` only when that format
is actually read. Each reader checks the per-document limits (`skillkit.limits`: pages, text
characters, zip sizes, pixels) before or while reading, never after.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from skillkit import install_hint
from skillkit.documents import DOCUMENT_READERS
from skillkit.engine.document import Document
from skillkit.errors import EngineError
from skillkit.limits import DEFAULT_LIMITS, Limits, check_pages

READERS = DOCUMENT_READERS  # the one table, in skillkit/documents.py

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(READERS)

LOCAL_EXTRA = install_hint("local")


def read(
    path: Path, page_indices: list[int] | None = None, limits: Limits | None = None
) -> Document:
    """Read `path` with the reader its suffix names; only `page_indices` (0-based) if given,
    within `limits` (the defaults when None)."""
    path = Path(path)
    suffix = path.suffix.lower()
    name = READERS.get(suffix)
    if name is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise EngineError(
            f"unsupported document type {suffix or '(no suffix)'!r}; supported: {supported}",
            path=path,
        )
    if not path.is_file():
        raise EngineError("document not found", path=path)
    module = importlib.import_module(f"skillkit.engine.readers.{name}")
    return module.read(path, page_indices=page_indices, limits=limits or DEFAULT_LIMITS)


def select_pages(
    count: int, page_indices: list[int] | None, path: Path, limits: Limits | None = None
) -> list[int]:
    """The page indices to read, checked against the document's page count and, given
    `limits`, against `limits.pages`."""
    if page_indices is None:
        if limits is not None:
            check_pages(count, limits, path)
        return list(range(count))
    bad = [i for i in page_indices if not isinstance(i, int) or i < 0 or i >= count]
    if bad:
        raise EngineError(
            f"page index {bad[0]} out of range: the document has {count} page(s) "
            f"(indices are 0-based, 0..{count - 1})",
            path=path,
        )
    chosen = sorted(set(page_indices))
    if limits is not None:
        check_pages(len(chosen), limits, path)
    return chosen


def require(module: str, path: Path, extra: str = LOCAL_EXTRA):
    """Import an optional library or fail with the install command that brings it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise EngineError(
            f"reading this document needs the Python package {module.split('.')[0]!r}: "
            f"run `{extra}`",
            path=path,
        ) from exc
