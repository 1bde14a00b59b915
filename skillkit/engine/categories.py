"""Category lines: "Languages: Go, Python, SQL" — a short label, a colon, a comma list.

Resumes group skills this way under one heading, and schemas model the groups either as
sibling lists of one object (`technical_skills.programming_languages`, `.databases`, ...) or
as a list of `{category, items}` objects. A label names its list loosely ("Cloud" for
`cloud_platforms`, "Libraries" for `frameworks_libraries`), so a line goes to the sibling list
whose name holds every word of the label. Only an object with at least two lists named by
such lines is filled this way, so one stray "Note: a, b" line cannot fill a list.

Lists of small named objects (`languages: [{name, level}]`) are also read here: each piece
of the list ("Swedish (native)") is a name, with a parenthesised level or years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillkit.engine.context import Context, Match, label_tokens
from skillkit.engine.document import BBox
from skillkit.engine.fields import Field, parse_value
from skillkit.engine.readers._layout import BULLET_RE
from skillkit.engine.sections import find_section, section_lines, split_list, take_heading
from skillkit.engine.vocabulary import strip_level

_CATEGORY_RE = re.compile(r"^\s*([A-Z][\w /&+\-]{0,30}):\s+(?=\S)")
_NAME_CHILD = {("name",), ("skill",), ("language",), ("title",), ("value",)}
_EXTRA_CHILD = {"level", "proficiency", "fluency", "year", "experience", "rating"}
_PAREN_END_RE = re.compile(r"^(?P<name>.+?)\s*\((?P<extra>[^()]*)\)\s*$")
# "English — Native", "German - B2", "French: fluent": the name, a dash or colon, its level
_DASH_END_RE = re.compile(r"^(?P<name>[^—–:-]+?)\s*(?:\s[—–-]|[—–:])\s*(?P<extra>[^—–:]+)$")


@dataclass
class CategoryLine:
    li: int
    page: int
    bbox: BBox
    label: tuple[str, ...]
    name: str
    rest: str


def category_lines(ctx: Context) -> list[CategoryLine]:
    """Every "Label: a, b, c" segment: a label of at most four words and two or more items."""
    cached = ctx.cache.get("category_lines")
    if cached is not None:
        return cached
    out: list[CategoryLine] = []
    for li, line in enumerate(ctx.lines):
        for seg in line.segments:
            text = BULLET_RE.sub("", seg.text, count=1)
            m = _CATEGORY_RE.match(text)
            if not m or len(m.group(1).split()) > 4:
                continue
            rest = text[m.end() :].strip()
            pieces = split_list(rest)
            if len(pieces) < 2 or any(len(p.split()) > 5 for p in pieces):
                continue
            toks = label_tokens(m.group(1))
            if toks:
                out.append(CategoryLine(li, line.page, seg.bbox, toks, m.group(1).strip(), rest))
    ctx.cache["category_lines"] = out
    return out


def _consume(ctx: Context, li: int) -> None:
    """Take a whole line out of play, unless it also holds another column's text."""
    if len(ctx.lines[li].segments) == 1:
        ctx.consumed.add(li)


def name_child(item: Field | None) -> Field | None:
    """The `name` of a small named object ({name, level, years}); None for anything else."""
    if item is None or item.kind != "object" or not item.children:
        return None
    name = None
    for c in item.children:
        if c.kind in ("array", "object"):
            return None
        if c.tokens in _NAME_CHILD and name is None and c.kind == "string":
            name = c
        elif not set(c.tokens) & _EXTRA_CHILD:
            return None
    return name


def _list_like(f: Field) -> bool:
    return (
        f.kind == "array"
        and f.item is not None
        and (f.item.kind == "string" or name_child(f.item) is not None)
    )


def _label_fit(label: tuple[str, ...], f: Field) -> float:
    """Share of the list's name words the label gives, when every label word is among them."""
    best = 0.0
    for cand in f.candidates:
        words = set(cand.tokens)
        if words and set(label) <= words:
            best = max(best, len(set(label)) / len(words))
    return best


def piece_matches(ctx: Context, f: Field, piece: str, page: int, bbox: BBox):
    """One list piece as the array's item: a string, or a named object's matches."""
    item = f.item
    assert item is not None
    name = name_child(item)
    if name is None:
        value = parse_value(item, strip_level(piece), ctx.dayfirst)
        return None if value is None else Match(item, value, 0.7, page, bbox)
    m = _PAREN_END_RE.match(piece)
    base, extra = (m.group("name"), m.group("extra").strip()) if m else (piece, "")
    dash = None if m else _DASH_END_RE.match(piece)
    if dash:
        # the level kept as written: a dashed level reads as a label's value, not an aside
        base, extra = dash.group("name"), dash.group("extra").strip()
    out: list[Match | None] = []
    for c in item.children:
        value = None
        if c is name:
            value = parse_value(c, base, ctx.dayfirst)
        elif extra and "year" in c.tokens and re.search(r"\d", extra):
            value = parse_value(c, extra, ctx.dayfirst)
        elif extra and "year" not in c.tokens and not re.search(r"\d", extra):
            value = parse_value(c, extra if dash else extra.lower(), ctx.dayfirst)
        out.append(None if value is None else Match(c, value, 0.7, page, bbox))
    return out if out[item.children.index(name)] is not None else None


def fill_category_lists(ctx: Context, objects: list[Field]) -> dict[int, list]:
    """Sibling lists of one object filled from category lines -> {id(array field): items}."""
    found: dict[int, list] = {}
    lines = category_lines(ctx)
    if not lines:
        return found
    for obj in objects:
        lists = [c for c in obj.children if _list_like(c)]
        if len(lists) < 2:
            continue
        chosen: list[tuple[CategoryLine, Field]] = []
        for cl in lines:
            fits = [(_label_fit(cl.label, f), i) for i, f in enumerate(lists)]
            score, i = max(fits)
            if score > 0:
                chosen.append((cl, lists[i]))
        if len({id(f) for _, f in chosen}) < 2:
            continue
        for cl, f in chosen:
            _consume(ctx, cl.li)
            items = found.setdefault(id(f), [])
            for piece in split_list(cl.rest):
                m = piece_matches(ctx, f, piece, cl.page, cl.bbox)
                if m is not None:
                    items.append(m)
        for f in lists:
            found.setdefault(id(f), [])
    return found


def grouped_items(ctx: Context, f: Field, lines: list[int]) -> list | None:
    """`[{category, items: [..]}]` from the category lines among `lines` (a section)."""
    item = f.item
    if item is None or item.kind != "object":
        return None
    texts = [c for c in item.children if c.kind == "string"]
    lists = [c for c in item.children if c.kind == "array" and c.item and c.item.kind == "string"]
    if len(texts) != 1 or len(lists) != 1 or len(item.children) != 2:
        return None
    wanted = set(lines)
    out = []
    for cl in category_lines(ctx):
        if cl.li not in wanted:
            continue
        pieces = [strip_level(p) for p in split_list(cl.rest)]
        row = {
            id(texts[0]): Match(texts[0], cl.name, 0.7, cl.page, cl.bbox),
            id(lists[0]): Match(lists[0], pieces, 0.7, cl.page, cl.bbox),
        }
        out.append([row.get(id(c)) for c in item.children])
        _consume(ctx, cl.li)
    return out or None


def grouped_section(ctx: Context, f: Field) -> list | None:
    """`[{category, items}]` from the category lines of the section headed by `f`'s label."""
    found = find_section(ctx, f)
    if not found:
        return None
    li, si, _, _ = found
    lines = [bl.li for bl in section_lines(ctx, li, si)]
    items = grouped_items(ctx, f, lines)
    if items:
        take_heading(ctx, li, si)
    return items


def named_list(ctx: Context, f: Field) -> list | None:
    """Named objects from the comma lists or lines under `f`'s heading."""
    found = find_section(ctx, f, min_score=0.9 if f.depth else 0.6)
    if not found:
        return None
    li, si, _, _ = found
    take_heading(ctx, li, si)
    out: list = []
    for bl in section_lines(ctx, li, si):
        text = BULLET_RE.sub("", " ".join(s.text for s in bl.segments), count=1).strip()
        cat = _CATEGORY_RE.match(text)
        if cat and len(cat.group(1).split()) <= 4:
            text = text[cat.end() :]
        for piece in split_list(text):
            m = piece_matches(ctx, f, piece, bl.page, bl.bbox)
            if m is not None:
                out.append(m)
        if len(ctx.lines[bl.li].segments) == len(bl.segments):
            ctx.consumed.add(bl.li)
    return out
