"""The example skills' committed documents and expected JSON are what
scripts/make_example_documents.py makes from one set of data (so they cannot drift apart)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from skillkit.engine import read_document

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "make_example_documents.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("make_example_documents", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


SCRIPT_MODULE = _load_script()


@pytest.mark.parametrize("doc", SCRIPT_MODULE.DOCUMENTS, ids=lambda d: d.filename)
def test_committed_document_matches_the_script(doc, tmp_path: Path) -> None:
    tests = REPO / "example_skills" / doc.skill / "tests"
    committed = tests / doc.filename
    expected = tests / f"{Path(doc.filename).stem}.expected.json"
    assert expected.read_text(encoding="utf-8") == SCRIPT_MODULE.expected_json(doc.data)

    fresh = tmp_path / doc.filename
    fresh.write_bytes(doc.render(doc.data))
    if committed.suffix in (".txt", ".md", ".html"):
        assert fresh.read_bytes() == committed.read_bytes()
    else:  # binary formats: the same text, page by page (library versions may differ in bytes)
        a, b = read_document(fresh), read_document(committed)
        assert a.text == b.text and len(a.pages) == len(b.pages)
