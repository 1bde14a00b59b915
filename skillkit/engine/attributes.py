"""Labelled attribute lines inside a resume entry ("GPA: 3.72/4.00", "Relevant Coursework:
Data Structures, Operating Systems", "Dean's List (2023, 2024)").

Such lines describe the entry printed above them (a degree, a job): they never start a new
entry (see `sections.split_entries`), and their values go to the entry's property whose label
they print; an honours phrase with no label goes to an honours / awards property.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from skillkit.engine.context import Context, Match, label_tokens, split_parts
from skillkit.engine.fields import Field, parse_value
from skillkit.engine.labels import match_score

if TYPE_CHECKING:
    from skillkit.engine.sections import BandLine

ATTRIBUTE_LINE_RE = re.compile(
    r"^\s*(?:GPA|CGPA|Grade|Grades|(?:Relevant\s+)?Course\s*work|Courses|Honou?rs|Awards?"
    r"|Dean'?s\s+(?:Honou?rs\s+)?List|Thesis|Dissertation|Minor|Concentration"
    r"|Activities|Societies)\b",
    re.IGNORECASE,
)
_HONOUR_RE = re.compile(r"dean'?s|honou?rs|cum laude|scholar|award|prize|medal", re.IGNORECASE)
_HONOUR_FIELD = ("honors", "honours", "awards", "achievements", "distinctions")
MIN_LABEL = 0.6


def _label_fit(label: str, child: Field) -> float:
    toks = label_tokens(label)
    return max((match_score(toks, c) for c in child.candidates), default=0.0) if toks else 0.0


def _value(ctx: Context, child: Field, text: str, listed: bool) -> object:
    if child.kind == "array" and child.item is not None:
        pieces = [p.strip(" .") for p in re.split(r"[,;]\s*", text)] if listed else [text]
        got = [v for p in pieces if p and (v := parse_value(child.item, p, ctx.dayfirst))]
        return got or None
    if child.kind in ("number", "integer"):
        text = text.split("/")[0]  # "3.72/4.00": the grade, not its scale
    return parse_value(child, text, ctx.dayfirst)


def entry_attributes(ctx: Context, item: Field, entry: list[BandLine]) -> dict[int, Match]:
    """Matches for `item`'s properties from the attribute lines of one entry."""
    out: dict[int, Match] = {}
    for bl in entry:
        if not ATTRIBUTE_LINE_RE.match(bl.text):
            continue
        for seg in bl.segments:
            for part, _ in split_parts(seg.text):
                label, colon, rest = part.partition(":")
                for child in item.children:
                    if id(child) in out:
                        continue
                    if colon and _label_fit(label, child) >= MIN_LABEL:
                        value = _value(ctx, child, rest.strip(), listed=True)
                    elif not colon and _HONOUR_RE.search(part) and child.concept(*_HONOUR_FIELD):
                        value = _value(ctx, child, part.strip(), listed=False)
                    else:
                        continue
                    if value is not None:
                        out[id(child)] = Match(child, value, 0.75, bl.page, seg.bbox)
                        break
    return out


def is_attribute_line(text: str) -> bool:
    return bool(ATTRIBUTE_LINE_RE.match(text))
