"""Per-document and per-job limits of the local engine: one table, one set of messages.

Every limit fails the prediction with one line that names the limit and its value (and, for a
document, the document): nothing hangs, nothing takes the server down.

| limit | default | checked | message (after the document's name) |
|---|---|---|---|
| `seconds` | 60 | wall clock of one extraction, in its worker process (killed and replaced) | `time limit exceeded (60 s): the extraction was stopped (limits.seconds)` |
| `memory_mb` | 256 | memory one extraction may add to its warm worker process (RLIMIT_AS; Linux) | `memory limit exceeded (256 MB): the extraction was stopped (limits.memory_mb)` |
| `pages` | 500 | pages to read: PDF pages, DOCX page breaks, slides, image frames, form-feed pages of text | `too many pages: 1,200 to read, over the limit of 500 (limits.pages); send page_indices to read fewer` |
| `text_chars` | 1,000,000 | characters of a text/Markdown/HTML/CSV file (refused unread when its size rules it out); text of a PDF, DOCX or PPTX, counted while reading | `too much text: over the limit of 1,000,000 characters (limits.text_chars)` |
| `decompressed_mb` | 200 | DOCX/PPTX: all zip members together, uncompressed, before parsing | `DOCX expands to more than 200 MB, the limit for all its parts together (limits.decompressed_mb)` |
| `member_mb` | 64 | DOCX/PPTX: one zip member, uncompressed, before parsing | `DOCX member word/document.xml expands to 2,048 MB, over the limit of 64 MB per member (limits.member_mb)` |
| `compression_ratio` | 200 | DOCX/PPTX: uncompressed / compressed size of a member over 1 MB, before parsing | `DOCX member word/document.xml is compressed 1,031:1, over the limit of 200:1 (limits.compression_ratio); is it a zip bomb?` |
| `image_pixels` | 50,000,000 | pixels of one image frame, from its header, before decoding it | `image frame 0 has 400,000,000 pixels (20000x20000), over the limit of 50,000,000 pixels (limits.image_pixels)` |

The server takes them from `ServerSettings.limits`; `skillkit.engine.extract(..., limits=)`
takes them directly (without `seconds` and `memory_mb`, which only a worker process can enforce:
`skillkit.engine.pool`). The defaults keep one request of the local server under 500 MB of
resident memory for the whole process tree (`benchmarks/server_limits.py` measures it) while
reading any ordinary business document (a 400-page contract is about 1,000,000 characters).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from skillkit.errors import EngineError

MB = 1024 * 1024
# a zip member smaller than this is never refused for its compression ratio (small XML parts
# compress well and are harmless)
RATIO_FLOOR_BYTES = MB


@dataclass(frozen=True)
class Limits:
    """The limits one extraction runs under (see the table in this module's docstring)."""

    seconds: float = 60.0
    memory_mb: int = 256
    pages: int = 500
    text_chars: int = 1_000_000
    decompressed_mb: int = 200
    member_mb: int = 64
    compression_ratio: int = 200
    image_pixels: int = 50_000_000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"limits.{f.name} must be a positive number, not {value!r}")


DEFAULT_LIMITS = Limits()


class LimitExceeded(EngineError):
    """A document or a job went over one of the limits; `limit` names it."""

    def __init__(self, message: str, *, limit: str, path: str | Path | None = None):
        super().__init__(message, path=path)
        self.limit = limit


def _n(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def _mb(size: int) -> str:
    return f"{size / MB:,.0f}" if size >= 10 * MB else f"{size / MB:.1f}"


def time_exceeded(limits: Limits, path: str | Path | None = None) -> LimitExceeded:
    return LimitExceeded(
        f"time limit exceeded ({limits.seconds:g} s): the extraction was stopped (limits.seconds)",
        limit="seconds",
        path=path,
    )


def memory_exceeded(limits: Limits, path: str | Path | None = None) -> LimitExceeded:
    return LimitExceeded(
        f"memory limit exceeded ({limits.memory_mb} MB): the extraction was stopped "
        "(limits.memory_mb)",
        limit="memory_mb",
        path=path,
    )


def check_pages(count: int, limits: Limits, path: Path) -> None:
    """Refuse reading more than `limits.pages` pages."""
    if count > limits.pages:
        raise LimitExceeded(
            f"too many pages: {_n(count)} to read, over the limit of {_n(limits.pages)} "
            "(limits.pages); send page_indices to read fewer",
            limit="pages",
            path=path,
        )


def too_much_text(limits: Limits, path: Path) -> LimitExceeded:
    return LimitExceeded(
        f"too much text: over the limit of {_n(limits.text_chars)} characters (limits.text_chars)",
        limit="text_chars",
        path=path,
    )


class TextBudget:
    """Counts the characters a reader takes from a document; raises past `text_chars`."""

    def __init__(self, limits: Limits, path: Path) -> None:
        self.limits = limits
        self.path = path
        self.used = 0

    def add(self, chars: int) -> None:
        self.used += chars
        if self.used > self.limits.text_chars:
            raise too_much_text(self.limits, self.path)


def read_text_bytes(path: Path, limits: Limits) -> bytes:
    """A text file's bytes, refused before reading when it cannot be within `text_chars`
    (no encoding takes more than 4 bytes a character); `check_chars` then counts exactly."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise EngineError(f"cannot read the document: {exc.strerror}", path=path) from exc
    if size > 4 * limits.text_chars:
        raise too_much_text(limits, path)
    return path.read_bytes()


def check_chars(text: str, limits: Limits, path: Path) -> str:
    if len(text) > limits.text_chars:
        raise too_much_text(limits, path)
    return text


def check_zip(path: Path, limits: Limits, kind: str) -> None:
    """Refuse an Office (zip) document whose members would expand past the limits, before
    any of it is decompressed: zipfile never yields more than a member's declared size, so
    the central directory's sizes bound what a parser can be handed."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader reports a damaged file in its own words
    total = 0
    member_limit = limits.member_mb * MB
    for info in infos:
        size = info.file_size
        if size > member_limit:
            raise LimitExceeded(
                f"{kind} member {info.filename} expands to {_mb(size)} MB, over the limit "
                f"of {_n(limits.member_mb)} MB per member (limits.member_mb)",
                limit="member_mb",
                path=path,
            )
        if size > RATIO_FLOOR_BYTES:
            ratio = size / max(info.compress_size, 1)
            if ratio > limits.compression_ratio:
                raise LimitExceeded(
                    f"{kind} member {info.filename} is compressed {_n(round(ratio))}:1, over the "
                    f"limit of {_n(limits.compression_ratio)}:1 (limits.compression_ratio); "
                    "is it a zip bomb?",
                    limit="compression_ratio",
                    path=path,
                )
        total += size
        if total > limits.decompressed_mb * MB:
            raise LimitExceeded(
                f"{kind} expands to more than {_n(limits.decompressed_mb)} MB, the limit "
                "for all its parts together (limits.decompressed_mb)",
                limit="decompressed_mb",
                path=path,
            )


def check_pixels(width: int, height: int, limits: Limits, path: Path, frame: int = 0) -> None:
    pixels = width * height
    if pixels > limits.image_pixels:
        raise LimitExceeded(
            f"image frame {frame} has {_n(pixels)} pixels ({width}x{height}), over the limit "
            f"of {_n(limits.image_pixels)} pixels (limits.image_pixels)",
            limit="image_pixels",
            path=path,
        )


__all__ = [
    "DEFAULT_LIMITS",
    "LimitExceeded",
    "Limits",
    "TextBudget",
    "check_chars",
    "check_pages",
    "check_pixels",
    "check_zip",
    "memory_exceeded",
    "read_text_bytes",
    "time_exceeded",
    "too_much_text",
]
