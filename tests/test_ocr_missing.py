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
