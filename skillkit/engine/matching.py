"""Find labelled values: "Label: value", "Label      value", and a label above its value.

For every segment of every line, the matcher reads possible label regions (the text before a
colon, the whole segment, or its first few words) and scores them against every field's label
candidates. Each label hit then proposes values at three places — after the label in the same
segment, in the next segment to the right, and in the segment below it in the same column —
and keeps those that parse as the field's type. All proposals are ranked by score and assigned
greedily, each field once and each piece of text once, so "Due Date" cannot also be taken as
the invoice date and the same amount cannot fill two fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillkit.engine import values
from skillkit.engine.context import Context, Match, label_tokens
from skillkit.engine.document import BBox
from skillkit.engine.fields import (
    Field,
    is_label_phrase,
    is_name_field,
    looks_like_name,
    parse_value,
)
from skillkit.engine.labels import match_score
from skillkit.engine.parties import ANGLE_EMAIL_RE

MIN_SCORE = 0.2
MIN_TEXT_SCORE = 0.28
POS_INLINE = 1.0
POS_PREFIX = 0.82
POS_RIGHT = 0.97
POS_BELOW = 0.92
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])[.;]\s+(?=[A-Z])|\s+[|\u00b7\u2022]\s+")
# Several "Label: value" pairs on one line: "VAT No.: DE123 · IBAN: DE44 ..."
_PAIR_SEP = re.compile(r"\s+[|\u00b7\u2022]\s+")
_LABEL_GOES_ON = re.compile(r"^\s*(?:of|for|on|per|de|du|des|del|der|von)\s+\S", re.I)
_CONNECTIVE_END = re.compile(r"\s(?:of|for|on|per|de|du|des|del|der|von)\s*$", re.I)
_VALUE_START = re.compile(r"^[\s#:.\-]*[\d$€£¥₹(+\-]|^[\s#:]*[A-Z]{1,5}[-\d]")


@dataclass
class _Region:
    tokens: tuple[str, ...]
    kind: str  # "colon" | "whole" | "prefix"
    label: str
    value_start: int  # where an inline value starts in the segment text (-1: none)
    value_end: int = -1  # where it ends (-1: the end of the segment)


# "REG 3 TRN 5508", "ST# 0318 OP 221": register-tape abbreviations, each before its number
_TAPE_PAIR = re.compile(r"(?P<label>[A-Z][A-Z.]{1,7}#?)\s+(?P<value>#?\d[\d-]*)(?=\s|$)")
_TAPE_LINE = re.compile(
    r"^(?:[A-Z][A-Z.]{1,7}#?\s+#?\d[\d-]*\s+){0,5}[A-Z][A-Z.]{1,7}#?\s+#?\d[\d-]*$"
)


def _tape_regions(text: str) -> list[_Region]:
    """One region per "ABBR number" pair of a segment made only of such pairs: the value of
    each is just its own number, not the rest of the line."""
    if not _TAPE_LINE.match(text.strip()):
        return []
    out = []
    for m in _TAPE_PAIR.finditer(text):
        toks = label_tokens(m.group("label"))
        if toks:
            out.append(_Region(toks, "colon", m.group("label"), m.start("value"), m.end("value")))
    return out


def _regions(text: str) -> list[_Region]:
    """Label regions of a segment, and of each part of it between " · " / " | " separators
    when those parts read "Label: value"."""
    tape = _tape_regions(text)
    if tape:
        return tape
    out = _part_regions(text)
    if ":" in text and _PAIR_SEP.search(text):
        pos = 0
        for m in list(_PAIR_SEP.finditer(text)) + [None]:
            end = m.start() if m else len(text)
            if pos > 0 and ":" in text[pos:end]:
                for r in _part_regions(text[pos:end]):
                    if r.kind == "colon":
                        r.value_start += pos
                        out.append(r)
            pos = m.end() if m else pos
    return out


def _part_regions(text: str) -> list[_Region]:
    out: list[_Region] = []
    colon = _find_colon(text)
    if colon >= 0:
        head = text[:colon]
        toks = label_tokens(head)
        if toks and len(toks) <= 6:
            out.append(_Region(toks, "colon", head.strip(), colon + 1))
    toks = label_tokens(text)
    if toks and len(toks) <= 6 and colon < 0:
        out.append(_Region(toks, "whole", text.strip(), -1))
    words = text.split()
    if colon < 0 and len(words) > 1:
        offset = 0
        starts = []
        for w in words:
            offset = text.index(w, offset)
            starts.append(offset)
            offset += len(w)
        for k in range(1, min(5, len(words))):
            head = " ".join(words[:k])
            ptoks = label_tokens(head)
            if ptoks:
                out.append(_Region(ptoks, "prefix", head, starts[k]))
            if len(words[k]) > 1 and words[k][0] == "#":
                # "Order #B-1147": the "#" belongs to the label ("Order No."), not the value
                ntoks = label_tokens(head + " #")
                if ntoks:
                    out.append(_Region(ntoks, "prefix", head + " #", starts[k] + 1))
    return out


def _find_colon(text: str) -> int:
    """The first colon that ends a label (not one inside a time like 19:58 or a URL)."""
    for m in re.finditer(r":", text):
        i = m.start()
        before = text[i - 1 : i]
        after = text[i + 1 : i + 2]
        if before.isdigit() and after.isdigit():
            continue
        if text[i + 1 : i + 3] == "//":
            continue
        if not re.search(r"[A-Za-z]", text[:i]):
            continue
        return i
    return -1


def _field_scores(ctx: Context, region: _Region, allowed: set[int]) -> dict[int, tuple[float, str]]:
    """Best score per field (by id) for one label region."""
    best: dict[int, tuple[float, str]] = {}
    exact = ctx.index.get(region.tokens, [])
    if 1 < len(region.tokens) <= 3 and not exact:
        # a compound written apart: "Beleg-Datum", "Rechnungs Datum" for "Belegdatum"
        exact = ctx.index.get(("".join(region.tokens),), [])
    for f, c in exact:
        if id(f) in allowed:
            score = c.weight
            if region.kind == "prefix":
                score *= 1.0
            if score > best.get(id(f), (0.0, ""))[0]:
                best[id(f)] = (score, region.label)
    if region.kind == "prefix":
        return best
    seen: set[tuple[int, tuple[str, ...]]] = set()
    for t in set(region.tokens):
        for f, c in ctx.token_index.get(t, []):
            if id(f) not in allowed or (id(f), c.tokens) in seen:
                continue
            seen.add((id(f), c.tokens))
            score = match_score(region.tokens, c)
            if score > best.get(id(f), (0.0, ""))[0]:
                best[id(f)] = (score, region.label)
    return best


def _trim_inline(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return text[: m.start()] if m else text


def _below(ctx: Context, li: int, si: int, lines: set[int] | None, max_lines: int = 2):
    """Segments below the label in its column: [(li, si)], nearest first."""
    line = ctx.lines[li]
    seg = line.segments[si]
    x0, x1 = seg.bbox[0], seg.bbox[2]
    height = ctx.line_height(li)
    found = []
    j = li + 1
    while j < len(ctx.lines) and len(found) < max_lines:
        nxt = ctx.lines[j]
        if nxt.page != line.page or nxt.bbox[1] - line.bbox[3] > 3.5 * height:
            break
        if lines is not None and j not in lines:
            j += 1
            continue
        best, best_overlap = None, 0.0
        for sj, other in enumerate(nxt.segments):
            overlap = min(x1, other.bbox[2]) - max(x0, other.bbox[0])
            width = max(min(x1 - x0, other.bbox[2] - other.bbox[0]), 1e-6)
            if overlap / width > best_overlap:
                best, best_overlap = sj, overlap / width
        if best is not None and best_overlap > 0.3:
            found.append((j, best))
        j += 1
    return found


def _label_row(ctx: Context, li: int) -> bool:
    """A row of column headings ("BILL TO            SHIP TO") whose values sit below.

    No digits, segments far apart (more than four font sizes), and a line just below with
    text under at least two of them.
    """
    line = ctx.lines[li]
    segs = line.segments
    if len(segs) < 2 or any(ch.isdigit() for ch in line.text):
        return False
    if any(sg.text.lstrip().startswith(":") or sg.text.rstrip().endswith(":") for sg in segs):
        return False  # "Customer   : Meadow Health": a label and its value
    unit = line.size or (segs[0].size or 0.0) or 1.0
    if not any(segs[i + 1].bbox[0] - segs[i].bbox[2] > 4 * unit for i in range(len(segs) - 1)):
        return False
    if li + 1 >= len(ctx.lines) or ctx.lines[li + 1].page != line.page:
        return False
    below = ctx.lines[li + 1]
    if below.bbox[1] - line.bbox[3] > 2.5 * ctx.line_height(li):
        return False
    covered = sum(
        1
        for s in segs
        if any(min(s.bbox[2], b.bbox[2]) > max(s.bbox[0], b.bbox[0]) for b in below.segments)
    )
    return covered >= 2


def find_matches(
    ctx: Context, fields: list[Field], lines: set[int] | None = None, bonus: float = 0.0
) -> list[Match]:
    """Every plausible (field, value) proposal found by labels in `lines` (default: all)."""
    allowed = {id(f) for f in fields}
    by_id = {id(f): f for f in fields}
    proposals: list[Match] = []
    scan = sorted(lines) if lines is not None else range(len(ctx.lines))
    for li in scan:
        if li in ctx.consumed:
            continue
        line = ctx.lines[li]
        label_row = _label_row(ctx, li)
        for si, seg in enumerate(line.segments):
            for region in _regions(seg.text):
                scores = _field_scores(ctx, region, allowed)
                for fid, (score, label) in scores.items():
                    if score < MIN_SCORE:
                        continue
                    f = by_id[fid]
                    if f.kind == "string" and score < MIN_TEXT_SCORE:
                        continue  # any text parses as a string: a weak label is not enough
                    proposals.extend(
                        _values_for(ctx, f, li, si, region, score + bonus, label, label_row, lines)
                    )
    return proposals


# A segment that carries its own label ("CASHIER: MARIA", "Ref No: 88"): the value of that
# label, never the value of a label printed above it.
_OWN_LABEL_RE = re.compile(r"^\s*[A-Za-z][A-Za-z .#/&'-]{0,24}:\s*\S")


def _values_for(
    ctx: Context,
    f: Field,
    li: int,
    si: int,
    region: _Region,
    score: float,
    label: str,
    label_row: bool,
    lines: set[int] | None,
) -> list[Match]:
    line = ctx.lines[li]
    seg = line.segments[si]
    out: list[Match] = []

    def propose(text: str, where: float, lj: int, sj: int, start: int, bbox: BBox) -> bool:
        if not text.strip():
            return False
        if f.kind == "string":
            if text.rstrip().endswith(":"):
                return False
            if where in (POS_RIGHT, POS_BELOW) and is_label_phrase(text):
                return False  # "Ship To || Bill To": the next heading, not this one's value
            text = _trim_inline(text) if where in (POS_INLINE, POS_PREFIX) else text.split(" | ")[0]
        if is_name_field(f):
            text = ANGLE_EMAIL_RE.sub("", text)  # "Susan Patel <susan@example.com>"
        value = parse_value(f, text, ctx.dayfirst)
        if value is None or value == "":
            return False
        if is_name_field(f) and not looks_like_name(str(value)):
            return False
        if is_name_field(f) and region.kind == "whole" and any(c.isdigit() for c in seg.text):
            return False  # "Store 014", "Table 12": a number's label, not a name's
        key: tuple = (lj, sj, start)
        if f.range_end and values.find_date_range(text, dayfirst=ctx.dayfirst):
            key = (lj, sj, start, "end")  # a period's end shares its text with its start
        out.append(
            Match(
                field=f,
                value=value,
                score=score * where,
                page=line.page if lj == li else ctx.lines[lj].page,
                bbox=bbox,
                label=label,
                key=key,
            )
        )
        return True

    if region.value_start >= 0:
        end = region.value_end if region.value_end >= 0 else len(seg.text)
        rest = seg.text[region.value_start : end]
        if region.kind == "prefix":
            # "Invoice #88213" / "TOTAL 12.50": the value must start right after the label
            if f.kind != "string" and not _VALUE_START.match(rest):
                return out
            if f.kind == "string" and (not rest.strip() or rest.strip()[0].islower()):
                return out
            if _LABEL_GOES_ON.match(rest) or _CONNECTIVE_END.search(seg.text[: region.value_start]):
                return out  # "NAME OF INSURED": the label goes on; its value is elsewhere
            if propose(rest, POS_PREFIX, li, si, region.value_start, seg.bbox):
                return out
            return out
        if propose(rest, POS_INLINE, li, si, region.value_start, seg.bbox):
            return out
        if is_name_field(f) and region.kind == "colon" and rest.strip():
            return out  # "Customer: 2": this label's value is on its line, not the one below
    # the next segment on the same line
    if si + 1 < len(line.segments):
        right = line.segments[si + 1]
        right_is_label = ctx.is_label(li, si + 1) or (
            label_row and f.kind == "string" and region.kind == "whole"
        )
        if not right_is_label and propose(right.text, POS_RIGHT, li, si + 1, -1, right.bbox):
            return out
    # the segment below in the same column
    for lj, sj in _below(ctx, li, si, lines):
        if lj in ctx.consumed:
            continue
        below = ctx.lines[lj].segments[sj]
        if ctx.is_label(lj, sj) or _OWN_LABEL_RE.match(below.text):
            break  # "CASHIER: MARIA" below "STORE 117": another field's labelled value
        if propose(below.text, POS_BELOW, lj, sj, -1, below.bbox):
            break
        if f.kind == "string":
            break
    return out


_TOTAL_WORDS = {"total", "gross", "due", "payable"}
_TOTAL_OK = _TOTAL_WORDS | {"amount", "grand", "final", "balance", "invoice", "sum"}


def _order(ctx: Context, m: Match) -> tuple:
    """Tie-break among equal scores: text order, except that a document total takes the last
    of equally good "Total" lines (the final one after "Total excl. tax", rounding ...), not
    one in a row of several amounts (a tax summary's "Total 9.94 0.59 10.40")."""
    key = m.key or (0, 0, 0)
    f = m.field
    toks = set(f.tokens)
    if f.kind == "number" and f.depth == 0 and toks & _TOTAL_WORDS and toks <= _TOTAL_OK:
        li = key[0] if isinstance(key[0], int) and 0 <= key[0] < len(ctx.lines) else -1
        if li >= 0:
            amounts = sum(1 for sg in ctx.lines[li].segments if values.find_numbers(sg.text))
            return (amounts > 2, -li, key)
    return (False, 0, key)


def assign(ctx: Context, proposals: list[Match], taken: dict[int, Match]) -> None:
    """Greedy: best score first; a field is filled once and a value is used once."""
    proposals.sort(key=lambda m: (-round(m.score, 9), _order(ctx, m)))
    for m in proposals:
        if id(m.field) in taken or m.key in ctx.used:
            continue
        taken[id(m.field)] = m
        if m.key is not None:
            ctx.used.add(m.key)


def line_has_label(ctx: Context, li: int, fields: list[Field], threshold: float = 0.8) -> bool:
    """True when a segment of the line is (or starts with) a strong label of one of `fields`."""
    allowed = {id(f) for f in fields}
    for seg in ctx.lines[li].segments:
        for region in _regions(seg.text):
            if region.kind == "prefix" and not _VALUE_START.match(seg.text[region.value_start :]):
                continue
            scores = _field_scores(ctx, region, allowed)
            if any(s >= threshold for s, _ in scores.values()):
                return True
    return False
