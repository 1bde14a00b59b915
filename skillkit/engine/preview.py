"""What a report shows of a document: a PDF's first page as pixels, and the first page's text
as the engine reads it.

`skillkit test --html` hands an `EnginePreviewer` to the report writer
(`skillkit.report.html.Report(path, previewer=EnginePreviewer())`), so that the report never
imports the engine (nor pypdfium2) itself.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["EnginePreviewer", "RawImage"]

# 8-bit rows as `skillkit.report.html.encode_png` takes them: pixels, width, height, stride,
# channels (1 grey, 3 RGB, 4 RGBA).
RawImage = tuple[bytes, int, int, int, int]


class EnginePreviewer:
    """`skillkit.report.html.Previewer` by the engine's readers; the report catches whatever
    these raise."""

    def render_first_page(self, path: Path, *, width: int, max_height: int) -> RawImage | None:
        """A PDF's page 0, `width` pixels wide (less when `max_height` would be exceeded);
        None for any other format, or when pypdfium2 is not installed."""
        if path.suffix.lower() != ".pdf":
            return None
        try:
            import pypdfium2 as pdfium
        except ImportError:
            return None
        from skillkit.engine.readers.pdf import PDFIUM_LOCK

        with PDFIUM_LOCK:  # PDFium is not thread-safe; the in-process engine may be reading too
            pdf = pdfium.PdfDocument(str(path))
            try:
                page = pdf[0]
                page_width, page_height = page.get_size()
                scale = min(width / max(page_width, 1.0), max_height / max(page_height, 1.0))
                bitmap = page.render(scale=scale, rev_byteorder=True)
                pixels = bytes(memoryview(bitmap.buffer).cast("B"))
                return pixels, bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels
            finally:
                pdf.close()

    def first_page_lines(self, path: Path) -> list[str]:
        """The text lines of the first page, as the local engine reads them."""
        from skillkit.engine import read_document

        return [line.text for line in read_document(path, [0]).lines]
