"""Image reader: OCR through RapidOCR (ONNX models inside the PyPI package, the `ocr-onnx`
extra) or Tesseract (pytesseract and the tesseract binary, the `ocr` extra), where installed.

Each frame of the image (a multi-page TIFF has several) is a page. The OCR's text boxes keep
their positions and are grouped into lines like a PDF's words, so the same matching applies.

Which OCR runs: `SKILLKIT_OCR=rapidocr|tesseract|auto` (default `auto`: Tesseract when it is
installed, RapidOCR otherwise, and as the fallback when Tesseract fails on a page). The document
records the engine that read it (`Document.ocr`, and `Extraction.ocr`). Tesseract reads a
grayscale copy, scaled up only when the scan is tiny, with page segmentation mode 6 (one
uniform block of text: a receipt's single column), one OpenMP thread. Measured on 40 real
receipt scans (benchmarks/ocr_variants.py; the README has the table): psm 6 0.719 field
accuracy at 1.2 s per receipt, psm 4 0.681, psm 3 0.669, psm 11 0.594, Otsu thresholding
0.581, 2x upscaling 0.613 (at twice the time), RapidOCR 0.531 at 3-4x the time; RapidOCR needs
no system package.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import threading
from pathlib import Path

from skillkit import install_hint
from skillkit.engine.document import Document, Page
from skillkit.engine.readers import select_pages
from skillkit.engine.readers._layout import PlacedWord, lines_from_words
from skillkit.errors import EngineError
from skillkit.limits import DEFAULT_LIMITS, LimitExceeded, Limits, check_pixels

OCR_HINT = f"install tesseract-ocr (apt) and `{install_hint('ocr')}`"
RAPIDOCR = "rapidocr"
TESSERACT = "tesseract"
TESSERACT_PSM = 6
MIN_WIDTH = 600  # pixels: narrower scans are scaled up for Tesseract (larger ones read worse)
RAPIDOCR_MAX_SIDE = 1600  # pixels: larger scans are scaled down for RapidOCR's detector


def _has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def tesseract_available() -> bool:
    """True when pytesseract, Pillow and the tesseract binary are all present."""
    return _has("PIL") and _has("pytesseract") and shutil.which("tesseract") is not None


def rapidocr_available() -> bool:
    """True when RapidOCR (with onnxruntime) and Pillow are installed."""
    return _has("PIL") and _has("rapidocr_onnxruntime") and _has("onnxruntime")


def ocr_engines() -> list[str]:
    """The OCR engines to try, preferred first (see the module docstring)."""
    choice = os.environ.get("SKILLKIT_OCR", "auto").strip().lower()
    have = {RAPIDOCR: rapidocr_available(), TESSERACT: tesseract_available()}
    if choice in have:
        return [choice] if have[choice] else []
    return [name for name in (TESSERACT, RAPIDOCR) if have[name]]


def ocr_available() -> bool:
    """True when at least one OCR engine can run."""
    return bool(ocr_engines())


def read(
    path: Path, page_indices: list[int] | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    engines = ocr_engines()
    if not engines:
        raise EngineError(f"images need OCR, which is not installed: {OCR_HINT}", path=path)
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
    used: list[str] = []
    for index in select_pages(count, page_indices, path, limits):
        try:
            image.seek(index)
            check_pixels(image.size[0], image.size[1], limits, path, index)
            frame = image.convert("RGB")
        except (EOFError, OSError) as exc:
            raise EngineError(f"cannot read image frame {index} ({exc})", path=path) from exc
        words, engine = _ocr(frame, engines, path)
        if engine not in used:
            used.append(engine)
        width, height = frame.size
        pages.append(
            Page(index=index, width=width, height=height, lines=lines_from_words(words, index))
        )
    image.close()
    return Document(
        path=path,
        kind="image",
        pages=pages,
        page_count=count,
        element_type="image",
        ocr="+".join(used) or None,
    )


def _ocr(frame, engines: list[str], path: Path) -> tuple[list[PlacedWord], str]:
    """Words of one frame from the first engine that reads it, and that engine's name."""
    error: Exception | None = None
    for engine in engines:
        try:
            if engine == RAPIDOCR:
                return _rapidocr_words(frame), RAPIDOCR
            return _tesseract_words(frame), TESSERACT
        except EngineError as exc:
            error = exc
    assert error is not None
    raise EngineError(str(error), path=path)


def _tesseract_words(
    frame, *, psm: int = TESSERACT_PSM, upscale: float = 1.0, prepare=None
) -> list[PlacedWord]:
    """Words of a frame through Tesseract; `psm`, `upscale` (on top of the tiny-scan scaling)
    and `prepare` (a step on the grayscale image, e.g. thresholding) are the knobs
    benchmarks/ocr_variants.py compares; the engine uses the defaults."""
    import pytesseract
    from PIL import Image, ImageOps

    gray = ImageOps.grayscale(frame)
    scale = (MIN_WIDTH / gray.width if gray.width < MIN_WIDTH else 1.0) * upscale
    if scale != 1.0:
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.LANCZOS)
    if prepare is not None:
        gray = prepare(gray)
    # Tesseract's OpenMP threads make one page 5-7x slower on a busy 2-core machine; one
    # thread per page (OMP_THREAD_LIMIT, inherited by the tesseract process) unless set
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        data = pytesseract.image_to_data(
            gray, config=f"--psm {psm}", output_type=pytesseract.Output.DICT
        )
    except pytesseract.TesseractError as exc:
        raise EngineError(f"OCR failed: {exc}") from exc
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or float(data["conf"][i]) < 0:
            continue
        x, y, w, h = (data[k][i] / scale for k in ("left", "top", "width", "height"))
        words.append(PlacedWord(text, x, y, x + w, y + h, size=float(h)))
    return words


_RAPID_LOCK = threading.Lock()
_RAPID: list = []  # the one RapidOCR instance (its models load once per process)


def _rapidocr_engine():
    with _RAPID_LOCK:
        if not _RAPID:
            from rapidocr_onnxruntime import RapidOCR

            threads = max(1, min(4, os.cpu_count() or 1))
            _RAPID.append(
                RapidOCR(
                    use_cls=False,  # scans are upright; the angle classifier costs a third
                    det_limit_type="max",
                    det_limit_side_len=RAPIDOCR_MAX_SIDE,
                    intra_op_num_threads=threads,
                    inter_op_num_threads=1,
                )
            )
        return _RAPID[0]


def _rapidocr_words(frame) -> list[PlacedWord]:
    import numpy as np

    engine = _rapidocr_engine()
    try:
        with _RAPID_LOCK:  # one inference at a time: the session's threads use every core
            result, _ = engine(np.asarray(frame)[:, :, ::-1])  # RGB -> BGR, as OpenCV reads
    except Exception as exc:  # onnxruntime raises its own error types
        raise EngineError(f"OCR failed: {exc}") from exc
    words = []
    for box, text, _score in result or []:
        text = (text or "").strip()
        if not text:
            continue
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        words.extend(_split_words(text, x0, y0, x1, y1))
    return words


def _split_words(text: str, x0: float, y0: float, x1: float, y1: float) -> list[PlacedWord]:
    """RapidOCR boxes whole phrases; words get a share of the box by their length, so the
    layout can still cut a line at its wide gaps (a label and its value in one box stay
    one segment, which is how a label and its value read anyway)."""
    parts = text.split()
    size = y1 - y0
    total = sum(len(p) for p in parts) + max(0, len(parts) - 1)
    if len(parts) <= 1 or total <= 0:
        return [PlacedWord(text, x0, y0, x1, y1, size=size)]
    unit = (x1 - x0) / total
    out, pos = [], x0
    for p in parts:
        end = pos + len(p) * unit
        out.append(PlacedWord(p, pos, y0, end, y1, size=size))
        pos = end + unit
    return out
