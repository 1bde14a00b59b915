"""Per-document limits (skillkit.limits), checked by the readers before or while reading, and
bounded schema patterns (skillkit.schemas.pattern_search) in the judge and the engine.

Hostile documents are made here, at test time: a DOCX whose document.xml is hugely
compressible, text files past the character limit, a PDF with too many pages.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from skillkit import schemas
from skillkit.compare import judge
from skillkit.engine import extract, read_document
from skillkit.limits import DEFAULT_LIMITS, LimitExceeded, Limits

SCHEMA = {"type": "object", "properties": {"total": {"type": ["number", "null"]}}}
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def office_file(path: Path, kind: str, members: dict[str, bytes | int]) -> Path:
    """A real DOCX/PPTX (python-docx/python-pptx) with `members` added or replaced: bytes
    as given, or an int N for N bytes of one repeated XML paragraph, streamed (never held)."""
    buf = io.BytesIO()
    if kind == "docx":
        import docx

        d = docx.Document()
        d.add_paragraph("Total: 12.50")
        d.save(buf)
    else:
        import pptx

        pptx.Presentation().save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename not in members:
                out.writestr(info, src.read(info))
        for name, content in members.items():
            if isinstance(content, bytes):
                out.writestr(name, content)
                continue
            with out.open(name, "w", force_zip64=True) as f:
                chunk = b"<w:p><w:r><w:t>aaaa</w:t></w:r></w:p>" * 28_000  # ~1 MB
                left = content
                while left > 0:
                    f.write(chunk[:left])
                    left -= len(chunk)
    return path


def document_xml(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f"<w:document {W}><w:body>{body}</w:body></w:document>".encode()


# --------------------------------------------------------------------------- zip documents


def test_docx_whose_xml_expands_past_the_member_limit_is_refused_before_parsing(tmp_path):
    # 100 MB of XML in a file of a few hundred KB: refused from the zip directory alone
    bomb = office_file(tmp_path / "bomb.docx", "docx", {"word/document.xml": 100 * 1024 * 1024})
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(LimitExceeded) as caught:
        extract(bomb, SCHEMA)
    assert caught.value.limit == "member_mb"
    message = str(caught.value)
    assert str(bomb) in message and "word/document.xml" in message
    assert "over the limit of 64 MB per member (limits.member_mb)" in message


def test_docx_compressed_past_the_ratio_limit_is_refused(tmp_path):
    # 20 MB of one repeated paragraph: under the member limit, but compressed ~300:1
    bomb = office_file(tmp_path / "ratio.docx", "docx", {"word/document.xml": 20 * 1024 * 1024})
    with pytest.raises(LimitExceeded) as caught:
        read_document(bomb)
    assert caught.value.limit == "compression_ratio"
    assert "over the limit of 200:1 (limits.compression_ratio)" in str(caught.value)


def test_docx_total_decompressed_size_is_limited(tmp_path):
    import os

    parts = {f"word/media/image{i}.bin": os.urandom(600_000) for i in range(4)}
    doc = office_file(tmp_path / "big.docx", "docx", parts)
    with pytest.raises(LimitExceeded) as caught:
        read_document(doc, limits=Limits(decompressed_mb=2))
    assert caught.value.limit == "decompressed_mb"
    assert "more than 2 MB" in str(caught.value) and "(limits.decompressed_mb)" in str(caught.value)
    assert read_document(doc).pages  # within the default limits it reads


def test_pptx_bomb_is_refused_too(tmp_path):
    bomb = office_file(tmp_path / "bomb.pptx", "pptx", {"ppt/slides/slide9.xml": 80 * 1024 * 1024})
    with pytest.raises(
        LimitExceeded, match=r"PPTX member ppt/slides/slide9.xml .*limits\.member_mb"
    ):
        read_document(bomb)


def test_docx_text_is_counted_while_reading(tmp_path):
    xml = document_xml(["word " * 100] * 30)  # 15,000 characters
    doc = office_file(tmp_path / "long.docx", "docx", {"word/document.xml": xml})
    with pytest.raises(LimitExceeded) as caught:
        read_document(doc, limits=Limits(text_chars=10_000))
    assert "too much text: over the limit of 10,000 characters (limits.text_chars)" in str(
        caught.value
    )
    assert len(read_document(doc).pages[0].lines) == 30


# --------------------------------------------------------------------------- text formats


def test_big_text_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # 20 MB: over 4 bytes a character for the 1,000,000 limit
        f.truncate(20 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as caught:
        extract(big, SCHEMA)
    assert caught.value.limit == "text_chars"
    assert "over the limit of 1,000,000 characters (limits.text_chars)" in str(caught.value)
    assert time.monotonic() - started < 10  # generous: it is refused, not read


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".csv"])
def test_text_formats_count_characters(tmp_path, suffix):
    doc = tmp_path / f"doc{suffix}"
    doc.write_text("Total,12.50\n" * 200, encoding="utf-8")  # 2,400 characters
    with pytest.raises(LimitExceeded, match=r"over the limit of 2,000 characters"):
        read_document(doc, limits=Limits(text_chars=2_000))
    assert read_document(doc, limits=Limits(text_chars=2_400)).pages


def test_utf16_text_counts_characters_not_bytes(tmp_path):
    doc = tmp_path / "wide.txt"
    doc.write_bytes("Total: 12.50\n".encode("utf-16") * 1)  # 28 bytes, 13 characters
    assert read_document(doc, limits=Limits(text_chars=13)).pages
    with pytest.raises(LimitExceeded):
        read_document(doc, limits=Limits(text_chars=12))


def test_form_feed_pages_are_limited(tmp_path):
    doc = tmp_path / "pages.txt"
    doc.write_text("Total: 1\f" * 9 + "Total: 1", encoding="utf-8")  # 10 pages
    with pytest.raises(LimitExceeded) as caught:
        read_document(doc, limits=Limits(pages=5))
    assert "too many pages: 10 to read, over the limit of 5 (limits.pages)" in str(caught.value)
    assert len(read_document(doc, [0, 1], limits=Limits(pages=5)).pages) == 2


# --------------------------------------------------------------------------- PDF and images


def test_pdf_pages_are_limited(tmp_path):
    import pypdfium2

    pdf = pypdfium2.PdfDocument.new()
    for _ in range(6):
        pdf.new_page(200, 200)
    path = tmp_path / "six.pdf"
    pdf.save(str(path))
    pdf.close()
    with pytest.raises(LimitExceeded, match=r"6 to read, over the limit of 5 \(limits\.pages\)"):
        read_document(path, limits=Limits(pages=5))
    assert len(read_document(path, [0, 5], limits=Limits(pages=5)).pages) == 2
    assert read_document(path).page_count == 6


def test_image_pixels_are_checked_before_decoding(tmp_path):
    from skillkit.engine.readers.image import ocr_available

    if not ocr_available():
        pytest.skip("images are read through OCR, which is not installed here")
    from PIL import Image

    path = tmp_path / "wide.png"
    Image.new("RGB", (2000, 1000), "white").save(path)
    with pytest.raises(LimitExceeded) as caught:
        read_document(path, limits=Limits(image_pixels=1_000_000))
    assert "2,000,000 pixels (2000x1000), over the limit of 1,000,000 pixels" in str(caught.value)


def test_limits_must_be_positive():
    with pytest.raises(ValueError, match="limits.pages must be a positive number"):
        Limits(pages=0)
    assert DEFAULT_LIMITS == Limits()


# --------------------------------------------------------------------------- bounded patterns

HOSTILE = "^(a|a)*$"  # catastrophic for a backtracking engine, the regex module included
VALUE = "a" * 40 + "!"


@pytest.fixture
def fast_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short first timeout and a clean slow-pattern memory for each test."""
    monkeypatch.setattr(schemas, "PATTERN_TIMEOUT_SECONDS", 0.2)
    monkeypatch.setattr(schemas, "_SLOW_PATTERNS", {})


def test_catastrophic_pattern_is_a_validation_error_not_a_hang(fast_timeout):
    schema = {"type": "object", "properties": {"code": {"type": "string", "pattern": HOSTILE}}}
    started = time.monotonic()
    errors = [e.message for e in schemas.validator(schema).iter_errors({"code": VALUE})]
    assert len(errors) == 1 and "took over 0.2 s" in errors[0] and HOSTILE in errors[0]
    assert time.monotonic() - started < 10
    # ordinary values are still checked, and correctly
    ok = schemas.validator(schema)
    assert list(ok.iter_errors({"code": "aaa"})) == []
    assert "does not match" in next(ok.iter_errors({"code": "b"})).message


def test_hostile_output_costs_one_timeout_per_pattern_not_one_per_value(fast_timeout):
    schema = {"type": "array", "items": {"type": "string", "pattern": HOSTILE}}
    started = time.monotonic()
    errors = list(schemas.validator(schema).iter_errors([VALUE] * 500))
    assert len(errors) == 500
    assert "no longer evaluated" in errors[-1].message
    assert time.monotonic() - started < 20  # 0.2 s + 20 x 0.05 s, not 500 x 0.2 s


def test_pattern_properties_and_additional_properties_are_bounded(fast_timeout):
    schema = {
        "type": "object",
        "patternProperties": {HOSTILE: {"type": "integer"}, "^x": {"type": "string"}},
        "additionalProperties": False,
    }
    errors = [e.message for e in schemas.validator(schema).iter_errors({VALUE: 1, "x1": "s"})]
    assert errors and all("could not" in m or "pattern" in m for m in errors)
    assert any(VALUE in m for m in errors)


def test_unevaluated_properties_with_patterns_agree_with_jsonschema():
    import jsonschema

    schema = {
        "type": "object",
        "properties": {"x": {}},
        "patternProperties": {"^p": {"type": "integer"}},
        "allOf": [{"properties": {"q": {}}}],
        "unevaluatedProperties": False,
    }
    ours = schemas.validator(schema)
    stock = jsonschema.Draft202012Validator(schema)
    for instance in ({"x": 1, "p1": 2, "q": 3}, {"x": 1, "z": 2}, {"p": "s"}, {}):
        assert sorted(e.message for e in ours.iter_errors(instance)) == sorted(
            e.message for e in stock.iter_errors(instance)
        )


def test_judge_of_a_hostile_service_output_finishes(fast_timeout):
    schema = {"type": "object", "properties": {"code": {"type": "string", "pattern": HOSTILE}}}
    verdict = judge({"code": VALUE}, {"code": "aaa"}, schema=schema)
    assert verdict.schema_errors and "took over 0.2 s" in verdict.schema_errors[0]


def test_engine_output_with_a_hostile_pattern_finishes(tmp_path, fast_timeout):
    doc = tmp_path / "code.txt"
    doc.write_text(f"Code: {VALUE}\nTotal: 12.50\n", encoding="utf-8")
    schema = {
        "type": "object",
        "properties": {
            "code": {"type": ["string", "null"], "pattern": HOSTILE},
            "total": {"type": "number"},
        },
    }
    started = time.monotonic()
    data = extract(doc, schema).data
    assert data["total"] == 12.5 and data["code"] != VALUE
    assert time.monotonic() - started < 20
