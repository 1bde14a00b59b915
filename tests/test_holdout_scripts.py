"""Each held-out corpus under tests/data/holdout*/ is exactly what its generator script writes:
expected and schema JSON to the byte, text documents to the byte, binary ones by their text."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from skillkit.engine import read_document

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((REPO / "scripts").glob("make_holdout*_documents.py"))
TEXT_SUFFIXES = {".json", ".txt", ".md", ".html", ".csv"}


def _load(script: Path):
    spec = importlib.util.spec_from_file_location(script.stem, script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_corpus_matches_its_script(script: Path, tmp_path: Path) -> None:
    module = _load(script)
    committed = Path(module.OUT)
    module.OUT = tmp_path
    assert module.main() == 0
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in committed.iterdir())
    for name in made:
        fresh, kept = tmp_path / name, committed / name
        if fresh.suffix in TEXT_SUFFIXES:
            assert fresh.read_bytes() == kept.read_bytes(), name
        else:  # PDF, DOCX: library versions may differ in bytes, never in content
            assert read_document(fresh).text == read_document(kept).text, name
