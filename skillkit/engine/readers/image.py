"""Image reader: OCR through Tesseract (pytesseract), only where it is installed.

Each frame of the image (a multi-page TIFF has several) is a page. Tesseract's words keep
their boxes and are grouped into lines like a PDF's, so the same matching applies.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from skillkit import install_hint
from skillkit.engine.document import Document, Page
from skillkit.engine.readers import select_pages
from skillkit.engine.readers._layout import PlacedWord, lines_from_words
from skillkit.errors import EngineError
from skillkit.limits import DEFAULT_LIMITS, LimitExceeded, Limits, check_pixels

OCR_HINT = f"install tesseract-ocr (apt) and `{install_hint('ocr')}`"


def ocr_available() -> bool:
    """True when pytesseract, Pillow and the tesseract binary are all present."""
    try:
        import PIL  # noqa: F401
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


def read(
    path: Path, page_indices: list[int] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    if not ocr_available():
        raise EngineError(f"images need OCR, which is not installed: {OCR_HINT}", path=path)
    import pytesseract
    from PIL import Image, UnidentifiedImageError

    # Image.open reads the header only: frame count and sizes are checked before any pixel
    # is decoded, and only the selected frames are decoded
    try:
        image = Image.open(path)
        count = int(getattr(image, "n_frames", 1) or 1)
    except Image.DecompressionBombError as exc:
        raise LimitExceeded(
            f"image too large to decode ({exc}), over the limit of {limits.image_pixels:,} "
            "pixels (limits.image_pixels)",
            limit="image_pixels",
            path=path,
        ) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise EngineError(f"cannot read image ({exc})", path=path) from exc
    pages = []
    for index in select_pages(count, page_indices, path, limits):
        try:
            image.seek(index)
            check_pixels(image.size[0], image.size[1], limits, path, index)
            frame = image.convert("RGB")
        except (EOFError, OSError) as exc:
            raise EngineError(f"cannot read image frame {index} ({exc})", path=path) from exc
        try:
            data = pytesseract.image_to_data(frame, output_type=pytesseract.Output.DICT)
        except pytesseract.TesseractError as exc:
            raise EngineError(f"OCR failed: {exc}", path=path) from exc
        words = []
        for i, text in enumerate(data["text"]):
            text = (text or "").strip()
            if not text or float(data["conf"][i]) < 0:
                continue
            x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
            words.append(PlacedWord(text, x, y, x + w, y + h, size=float(h)))
        width, height = frame.size
        pages.append(
            Page(index=index, width=width, height=height, lines=lines_from_words(words, index))
        )
    image.close()
    return Document(path=path, kind="image", pages=pages, page_count=count, element_type="image")
