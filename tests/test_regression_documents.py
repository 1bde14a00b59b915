"""The regression corpora's committed files are what their sources say (tests/data/regression/).

PDF, DOCX and PPTX documents are rendered from `source/<case>.yaml` by
scripts/make_regression_documents.py; the JSON files and text documents are their own source, so
they are only checked for layout, and vlmrun-hub schemas for being vlmrun-hub's, unchanged.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import warnings
from pathlib import Path

import pytest
from regression_corpora import CORPORA

from skillkit.engine import read_document

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "make_regression_documents.py"
RENDERED_SUFFIXES = {".pdf", ".docx", ".pptx"}
NAMES = sorted(p.name for p in CORPORA.iterdir() if p.is_dir())


def _load_script():
    spec = importlib.util.spec_from_file_location("make_regression_documents", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


SCRIPT_MODULE = _load_script()


def test_every_corpus_has_sources() -> None:
    assert NAMES == [p.name for p in SCRIPT_MODULE.corpora()]
    assert len(NAMES) == 8


@pytest.mark.parametrize("corpus", NAMES)
def test_documents_match_their_sources(corpus: str, tmp_path: Path) -> None:
    folder = CORPORA / corpus
    made = {p.name: p for p in SCRIPT_MODULE.render_corpus(folder, tmp_path)}
    committed = sorted(p.name for p in folder.iterdir() if p.suffix in RENDERED_SUFFIXES)
    assert sorted(made) == committed  # every binary document has a source, and no more
    for name, fresh in made.items():
        kept = folder / name
        if fresh.read_bytes() == kept.read_bytes():
            continue
        # other reportlab / python-docx versions may write other bytes, never other content
        a, b = read_document(fresh), read_document(kept)
        assert a.text == b.text and len(a.pages) == len(b.pages), name
        warnings.warn(f"{corpus}/{name}: same content, different bytes", stacklevel=1)


@pytest.mark.parametrize("corpus", NAMES)
def test_json_files_keep_one_layout(corpus: str) -> None:
    # 2-space indent, UTF-8 (no \u escapes), final newline: what docgen.json_text writes
    for path in sorted((CORPORA / corpus).glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n", path.name


@pytest.fixture(scope="module")
def hub_schema_texts() -> set[str]:
    pytest.importorskip("vlmrun.hub")
    import logging

    logging.disable(logging.CRITICAL)
    try:
        from vlmrun.hub.registry import registry
    finally:
        logging.disable(logging.NOTSET)
    return {
        json.dumps(registry[domain].model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        for domain in registry.list_schemas()
    }


@pytest.mark.parametrize("corpus", NAMES)
def test_hub_schemas_are_vlmrun_hubs(corpus: str, hub_schema_texts: set[str]) -> None:
    # a schema with $defs is a vlmrun-hub domain schema exactly as pydantic emits it
    for path in sorted((CORPORA / corpus).glob("*.schema.json")):
        text = path.read_text(encoding="utf-8")
        if '"$defs"' in text:
            assert text in hub_schema_texts, path.name
