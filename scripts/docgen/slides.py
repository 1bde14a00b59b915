"""PowerPoint decks as data: slides of placeholder text and tables, rendered with python-pptx.

    format: pptx
    title: Q4 FY2025 Business Review
    slides:
    - layout: 0                      # index into the default template's slide layouts
      title: Q4 FY2025 Business Review
      text: {1: [Tidewater Outdoor Co.]}     # placeholder index -> its paragraphs
    - layout: 5
      title: Key Metrics
      table: [[Metric, Q3], [Revenue, "18.4"]]
      at: [0.6, 1.6, 8.8, 0.4]       # left, top, width, row height (inches)
      font_size: 14                  # points, for every cell

A slide gets its layout's title, the paragraphs of each placeholder named in `text`, and an
optional table whose cells all take `font_size`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pptx import Presentation
from pptx.util import Inches, Pt

from .office import office_bytes, set_core_properties


def render(source: Mapping[str, Any]) -> bytes:
    prs = Presentation()
    set_core_properties(prs.core_properties, source["title"])
    for spec in source["slides"]:
        slide = prs.slides.add_slide(prs.slide_layouts[spec["layout"]])
        if "title" in spec:
            slide.shapes.title.text = spec["title"]
        for index, paragraphs in spec.get("text", {}).items():
            slide.placeholders[int(index)].text_frame.text = "\n".join(paragraphs)
        if "table" in spec:
            add_table(slide, spec)
    return office_bytes(prs)


def add_table(slide: Any, spec: Mapping[str, Any]) -> None:
    rows = spec["table"]
    left, top, width, row_height = spec["at"]
    shape = slide.shapes.add_table(
        len(rows),
        len(rows[0]),
        Inches(left),
        Inches(top),
        Inches(width),
        Inches(row_height) * len(rows),
    )
    for ri, row in enumerate(rows):
        for ci, text in enumerate(row):
            cell = shape.table.cell(ri, ci)
            cell.text = text
            if spec.get("font_size"):
                cell.text_frame.paragraphs[0].runs[0].font.size = Pt(spec["font_size"])
