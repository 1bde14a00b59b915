"""`skillkit test --html FILE`: a self-contained page with each document's first page and the
expected vs actual JSON, written as cases finish and escaped throughout."""

from __future__ import annotations

import base64
import json
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from skillkit.compare import Difference
from skillkit.engine.preview import EnginePreviewer
from skillkit.report import html as html_report
from skillkit.runner import CaseResult, RunOptions, RunResult

EXAMPLE = REPO / "example_skills" / "invoice-extraction"
CASES = (
    "invoice-extraction/atelier-ostara-ost-2026-031",
    "invoice-extraction/bluepeak-88213",
    "invoice-extraction/northwind-nws-2026-0147",
)
PNG_URI = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


@pytest.fixture
def skill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the invoice example, with the working directory at its parent."""
    target = tmp_path / "invoice-extraction"
    shutil.copytree(EXAMPLE, target)
    monkeypatch.chdir(tmp_path)
    return target


def set_expected(skill: Path, stem: str, **values: object) -> None:
    path = skill / "tests" / f"{stem}.expected.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(values)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def png_size(uri_payload: str) -> tuple[int, int]:
    png = base64.b64decode(uri_payload)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def excerpt_of(page: str) -> str:
    match = re.search(r'<pre class="excerpt">(.*?)</pre>', page, re.S)
    assert match, "no text excerpt in the page"
    return match.group(1)


@pytest.mark.parametrize("mode", ["--local", "--replay"])
def test_html_report_shows_every_case_with_its_first_page(skill: Path, mode: str):
    result = run_cli("test", skill, mode, "--html", "out.html")
    assert result.exit_code == 0, result.output
    page = Path("out.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for case_id in CASES:
        assert case_id in page
    # Two PDFs rendered as PNG first pages about 500 px wide; the DOCX as a text excerpt.
    images = PNG_URI.findall(page)
    assert len(images) == 2
    assert all(png_size(payload)[0] == html_report.PAGE_WIDTH for payload in images)
    assert "Atelier Ostara B.V." in excerpt_of(page)
    assert "3 passed" in page and "0 failed" in page and "0 errors" in page
    assert "0 skipped" in page and "3 of 3 case(s) run" in page
    target = "local engine" if mode == "--local" else "recorded cassettes"
    assert f"Target: <b>{target}" in page
    assert "skillkit " in page and "python 3." in page
    # Self-contained: nothing is fetched from elsewhere.
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<link" not in page


def test_failing_case_shows_the_differing_path_and_is_still_written(skill: Path):
    set_expected(skill, "bluepeak-88213", total=1.0)
    result = run_cli("test", skill, "--local", "--html", "out.html")
    assert result.exit_code == 1, result.output
    page = Path("out.html").read_text(encoding="utf-8")
    assert "2 passed" in page and "1 failed" in page
    section = page[page.index('id="case-1"') : page.index('id="case-2"')]
    assert "invoice-extraction/<b>bluepeak-88213</b>" in section
    assert '<span class="badge failed">failed</span>' in section
    assert "1 differing field(s)" in section and "/total: expected 1" in section
    # The differing line is marked on both sides, and only that line.
    marked = re.findall(r'<span class="diff changed"[^>]*>([^<]*)</span>', section)
    assert marked == ["  &quot;total&quot;: 1.0,", "  &quot;total&quot;: 16001.44,"]
    assert "<details open>" in section
    # Passing cases stay folded.
    assert page.count("<details open>") == 1


def test_values_from_documents_are_escaped(skill: Path):
    set_expected(skill, "northwind-nws-2026-0147", vendor_name="<script>alert('x')</script>")
    result = run_cli("test", skill, "--local", "--html", "out.html")
    assert result.exit_code == 1, result.output
    page = Path("out.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_file_is_rewritten_as_each_case_finishes(tmp_path: Path):
    out = tmp_path / "report.html"
    report = html_report.Report(out)
    run = RunResult(target="http://127.0.0.1:8000/v1", options=RunOptions(), started="2026-01-01")
    run.total = 2
    report.start(run)
    assert "No case has finished yet" in out.read_text(encoding="utf-8")
    first = CaseResult(
        case_id="inv/a",
        skill="inv",
        case="a",
        node_id="inv/tests/cases.yaml::a",
        file=str(tmp_path / "cases.yaml"),
        line=3,
        document=str(tmp_path / "gone.pdf"),
        status="error",
        message="prediction failed: <boom>",
    )
    run.results.append(first)
    report.case_finished(first, run)
    page = out.read_text(encoding="utf-8")
    assert "inv/<b>a</b>" in page and "1 of 2 case(s) run" in page and "running…" in page
    assert "prediction failed: &lt;boom&gt;" in page
    assert "document not found" in page and "no output" in page
    assert f"{tmp_path / 'cases.yaml'}:3" in page
    assert not list(tmp_path.glob(".report.html.*"))  # no temp file left behind


def test_image_documents_are_embedded_as_they_are(tmp_path: Path):
    raw = b"\x00\x00\x00\xff\xff\xff"
    png = html_report.encode_png(raw, 1, 2, 3, 3)
    path = tmp_path / "scan.png"
    path.write_bytes(png)
    preview = html_report.first_page(path)
    assert preview.image == "data:image/png;base64," + base64.b64encode(png).decode()
    # The encoder's pixels survive a decode: filter byte 0 then the row, per row.
    idat = png[png.index(b"IDAT") + 4 : png.index(b"IEND") - 8]
    assert zlib.decompress(idat) == b"\x00\x00\x00\x00\x00\xff\xff\xff"


def test_previews_never_fail_and_are_rendered_once_per_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a PDF")
    preview = html_report.first_page(broken, EnginePreviewer())
    assert preview.image is None and preview.note

    calls: list[Path] = []
    real = html_report.first_page

    def counting(path: Path, previewer: html_report.Previewer | None = None) -> html_report.Preview:
        calls.append(path)
        return real(path, previewer)

    monkeypatch.setattr(html_report, "first_page", counting)
    cache = html_report.PreviewCache(EnginePreviewer())
    pdf = EXAMPLE / "tests" / "bluepeak-88213.pdf"
    assert cache.get(pdf) is cache.get(pdf)
    assert cache.get(pdf).image and len(calls) == 1


def test_the_report_gets_its_previewer_and_never_imports_the_engine(tmp_path: Path):
    code = (
        "import sys\n"
        "from skillkit.report import html\n"
        "loaded = [m for m in sys.modules if m.startswith(('skillkit.engine', 'pypdfium2'))]\n"
        "assert not loaded, loaded\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    # Without a previewer a PDF is named, not rendered; with one it is rendered and read.
    pdf = EXAMPLE / "tests" / "bluepeak-88213.pdf"
    assert html_report.first_page(pdf) == html_report.Preview(note="no preview for this format")
    assert html_report.first_page(pdf, EnginePreviewer()).image.startswith("data:image/png;base64,")
    docx = EXAMPLE / "tests" / "atelier-ostara-ost-2026-031.docx"
    assert "Atelier Ostara B.V." in html_report.first_page(docx, EnginePreviewer()).text

    class Fixed:
        def render_first_page(self, path: Path, *, width: int, max_height: int):
            return (b"\x00\x00\x00", 1, 1, 3, 3)

        def first_page_lines(self, path: Path) -> list[str]:
            raise AssertionError("not needed once the page is rendered")

    out = tmp_path / "r.html"
    report = html_report.Report(out, previewer=Fixed())
    assert report.previews.get(pdf).image == "data:image/png;base64," + base64.b64encode(
        html_report.encode_png(b"\x00\x00\x00", 1, 1, 3, 3)
    ).decode("ascii")


def test_json_lines_carry_pointers_for_highlighting():
    value = {"a/b": [1, {"c": None}], "d": {}}
    lines = list(html_report.json_lines(value))
    assert [text for _, text in lines] == json.dumps(value, indent=2).splitlines()
    assert ("/a~1b/1/c", '      "c": null') in lines
    block = html_report.json_block(value, [Difference("missing", "/a~1b/1")])
    assert block.count('class="diff missing"') == 3  # the row's {, its field and }
