"""Without OCR, an image gives a failed prediction that says how to enable it — checked on every
machine, whether or not tesseract is installed (the binary is hidden from PATH lookups)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skillkit.engine import extract
from skillkit.errors import EngineError

SCHEMA = {"type": "object", "properties": {"total": {"type": ["number", "null"]}}}


def test_image_without_tesseract_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SKILLKIT_OCR", "tesseract")  # RapidOCR (ocr-onnx) may be installed
    real_which = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda name, *a, **k: None if name == "tesseract" else real_which(name)
    )
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(EngineError) as info:
        extract(scan, SCHEMA)
    assert 'install tesseract-ocr (apt) and `pip install "skillkit-vlm[ocr]"`' in str(info.value)
    assert str(scan) in str(info.value)


def test_ocr_engine_order_and_override(monkeypatch: pytest.MonkeyPatch):
    from skillkit.engine.readers import image

    monkeypatch.setattr(image, "tesseract_available", lambda: True)
    monkeypatch.setattr(image, "rapidocr_available", lambda: True)
    monkeypatch.delenv("SKILLKIT_OCR", raising=False)
    assert image.ocr_engines() == ["tesseract", "rapidocr"]  # measured better first
    monkeypatch.setenv("SKILLKIT_OCR", "rapidocr")
    assert image.ocr_engines() == ["rapidocr"]
    monkeypatch.setattr(image, "rapidocr_available", lambda: False)
    assert image.ocr_engines() == []  # asked for one that is not installed: no OCR


def test_extraction_says_which_ocr_ran(tmp_path: Path):
    from skillkit.engine.readers import image

    if not image.ocr_available():
        pytest.skip("no OCR installed")
    from PIL import Image, ImageDraw

    scan = tmp_path / "scan.png"
    picture = Image.new("RGB", (600, 120), "white")
    ImageDraw.Draw(picture).text((20, 40), "Total 12.50", fill="black")
    picture.save(scan)
    assert extract(scan, SCHEMA).ocr == image.ocr_engines()[0]
