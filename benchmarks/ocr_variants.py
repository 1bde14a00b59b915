"""Which OCR set-up reads real receipt scans best (issue 12, item 2): field accuracy and
seconds per receipt of each variant on `receipt/` of the real corpus, scored by
benchmarks/engine_real.py's scorer.

    python benchmarks/ocr_variants.py ../shared/corpus-real [--limit N] [--only NAME,...]

Variants: Tesseract with page segmentation modes 6 (the default: one uniform block of text),
3 (automatic), 4 (one column of text of variable sizes) and 11 (sparse text); Tesseract on a
binarised copy (Otsu's threshold) and on a 2x upscaled copy; RapidOCR (the `ocr-onnx` extra).
Each variant replaces the image reader's Tesseract call in this process only.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import engine_real  # noqa: E402

from skillkit.engine.readers import image  # noqa: E402

ORIGINAL = image._tesseract_words


def otsu(gray):
    """Binarise a grayscale PIL image at Otsu's threshold."""
    hist = gray.histogram()[:256]
    total = sum(hist)
    sum_all = sum(i * h for i, h in enumerate(hist))
    best, threshold, weight_b, sum_b = 0.0, 127, 0, 0.0
    for t in range(256):
        weight_b += hist[t]
        if not weight_b or weight_b == total:
            continue
        sum_b += t * hist[t]
        mean_b = sum_b / weight_b
        mean_f = (sum_all - sum_b) / (total - weight_b)
        between = weight_b * (total - weight_b) * (mean_b - mean_f) ** 2
        if between > best:
            best, threshold = between, t
    return gray.point(lambda v: 255 if v > threshold else 0)


def tesseract_variant(psm: int = image.TESSERACT_PSM, binarise: bool = False, upscale: float = 1.0):
    """The image reader's own Tesseract call with other settings."""
    return functools.partial(ORIGINAL, psm=psm, upscale=upscale, prepare=otsu if binarise else None)


VARIANTS = {
    f"tesseract psm {image.TESSERACT_PSM} (default)": ("tesseract", ORIGINAL),
    **{
        f"tesseract psm {psm}": ("tesseract", tesseract_variant(psm=psm))
        for psm in (3, 4, 6, 11)
        if psm != image.TESSERACT_PSM
    },
    "tesseract default psm, Otsu threshold": (
        "tesseract",
        tesseract_variant(psm=image.TESSERACT_PSM, binarise=True),
    ),
    "tesseract default psm, 2x upscale": (
        "tesseract",
        tesseract_variant(psm=image.TESSERACT_PSM, upscale=2.0),
    ),
    "rapidocr": ("rapidocr", ORIGINAL),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--only", help="comma-separated variant names (substrings)")
    args = parser.parse_args(argv)
    folder = args.corpus / "receipt"
    if not folder.is_dir():
        parser.error(f"{folder} is not a folder")
    chosen = {
        name: v
        for name, v in VARIANTS.items()
        if not args.only or any(k.strip() in name for k in args.only.split(","))
    }
    print(f"{'variant':34} {'accuracy':>8} {'s/receipt':>10}")
    for name, (ocr, words) in chosen.items():
        if ocr == "rapidocr" and not image.rapidocr_available():
            print(f"{name:34} {'-':>8} {'-':>10}  (ocr-onnx extra not installed)")
            continue
        if ocr == "tesseract" and not image.tesseract_available():
            print(f"{name:34} {'-':>8} {'-':>10}  (tesseract not installed)")
            continue
        os.environ["SKILLKIT_OCR"] = ocr
        image._tesseract_words = words
        result = engine_real.run_folder(folder, args.limit, False)
        image._tesseract_words = ORIGINAL
        per_doc = result["seconds_per_document"]
        print(f"{name:34} {result['accuracy']:8.3f} {per_doc:10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
