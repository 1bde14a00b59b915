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

OCR_HINT = f"install tesseract-ocr (apt) and `{install_hint('ocr')}`"


def ocr_available() -> bool:
    """True when pytesseract, Pillow and the tesseract binary are all present."""
    try:
        import PIL  # noqa: F401
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


def read(path: Path, page_indices: list[int] | None = None) -> Document:
    if not ocr_available():
        raise EngineError(f"images need OCR, which is not installed: {OCR_HINT}", path=path)
    import pytesseract
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(path)
        frames = [f.copy() for f in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError) as exc:
        raise EngineError(f"cannot read image ({exc})", path=path) from exc
    pages = []
    for index in select_pages(len(frames), page_indices, path):
        frame = frames[index].convert("RGB")
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
    return Document(
        path=path, kind="image", pages=pages, page_count=len(frames), element_type="image"
    )
