"""Engine speed (issue 13, item 4): pages per second of the embedded engine on the example
skills' documents and on a generated 200-page text PDF, and OCR seconds per image page.

Measured in one child process per input (imports and the first-document warm-up excluded:
this is the engine's throughput, not start-up), each extraction with the engine's caches
emptied, as a new document would find them (benchmarks/engine_speed.py's rule).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _measure import python, run_once  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TEXT_SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"]},
        "total": {"type": ["number", "null"]},
        "customer_name": {"type": ["string", "null"]},
    },
}

# In the child: extract each document N times, print {"pages": ..., "seconds": ...} per doc.
CHILD = """
import json, sys, time
sys.path.insert(0, {bench!r})
from engine_speed import clear_engine_caches
from skillkit.engine import extract
jobs = json.loads(sys.argv[1])
repeats = int(sys.argv[2])
out = []
for doc, schema in jobs:
    extract(doc, schema)  # warm-up: readers, fonts
    seconds = []
    for _ in range(repeats):
        clear_engine_caches()
        t = time.perf_counter()
        result = extract(doc, schema)
        seconds.append(time.perf_counter() - t)
    out.append({{"doc": doc, "pages": result.pages, "seconds": sorted(seconds)[len(seconds) // 2],
                "ocr": getattr(result, "ocr", None)}})
print(json.dumps(out))
"""


def text_pdf(path: Path, pages: int) -> Path:
    """A text PDF of `pages` pages: an invoice header, then lines of items on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n in range(pages):
        pdf.setFont("Helvetica", 10)
        y = 800
        if n == 0:
            for line in ("Invoice Number: INV-2026-0001", "Customer: Harbor Supplies Ltd"):
                pdf.drawString(60, y, line)
                y -= 16
        for i in range(45):
            pdf.drawString(60, y, f"Item {n * 45 + i:05d}  Widget, blue, size {i % 7}")
            pdf.drawRightString(530, y, f"{(i * 3.17) % 97 + 1:.2f}")
            y -= 16
        if n == pages - 1:
            pdf.drawString(60, y - 10, "Total: 12,345.67")
        pdf.showPage()
    pdf.save()
    return path


def receipt_image(path: Path) -> Path | None:
    """The example receipt PDF's first page as a 200 dpi grayscale PNG (a scan-like image)."""
    source = REPO / "example_skills/receipt-extraction/tests/copper-kettle-2026-02-14.pdf"
    if not source.is_file():
        return None
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(source))
    try:
        image = pdf[0].render(scale=200 / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    image.save(path)
    return path


def _examples() -> list[list]:
    from engine_speed import cases  # this folder is on sys.path (above)

    return [[str(doc), schema] for doc, schema in cases()]


def _run(jobs: list[list], repeats: int) -> list[dict]:
    code = CHILD.format(bench=str(Path(__file__).resolve().parent))
    _, _, out = run_once([*python(code), json.dumps(jobs), str(repeats)])
    return json.loads(out)


def bench(workdir: Path, repeats: int = 5, tiny: bool = False) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    rows, targets = [], []
    examples = _run(_examples(), repeats)
    pages = sum(r["pages"] for r in examples)
    seconds = sum(r["seconds"] for r in examples)
    rows.append(
        {
            "tool": f"example documents ({len(examples)} docs, {pages} pages)",
            "median_s": seconds,
            "note": f"{pages / seconds:.1f} pages/s",
        }
    )
    n_pages = 10 if tiny else 200
    pdf = text_pdf(workdir / f"text-{n_pages}.pdf", n_pages)
    (big,) = _run([[str(pdf), TEXT_SCHEMA]], repeats)
    rate = big["pages"] / big["seconds"]
    rows.append(
        {"tool": f"generated {n_pages}-page text PDF", "median_s": big["seconds"],
         "note": f"{rate:.1f} pages/s"}
    )  # fmt: skip
    targets.append({"target": ">= 50 pages/s on text PDFs", "value": f"{rate:.1f} pages/s",
                    "met": rate >= 50})  # fmt: skip
    image = receipt_image(workdir / "receipt.png")
    if image is not None:
        try:
            (ocr,) = _run([[str(image), {"type": "object", "properties": {
                "merchant_name": {"type": ["string", "null"]},
                "total": {"type": ["number", "null"]}}}]], max(1, repeats))  # fmt: skip
        except RuntimeError as exc:
            rows.append({"tool": "OCR, one image page", "note": f"did not run: {exc}"})
        else:
            rows.append(
                {"tool": "OCR, one image page (receipt, 200 dpi)", "median_s": ocr["seconds"],
                 "note": f"OCR by {ocr.get('ocr') or 'none (no OCR installed)'}"}
            )  # fmt: skip
    return {
        "name": "engine",
        "inputs": "example_skills/*/tests documents; a generated text PDF; a rendered receipt",
        "rows": rows,
        "checks": {},
        "targets": targets,
    }
