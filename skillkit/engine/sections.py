"""Arrays from document sections: a heading ("Experience", "Skills") and the entries below it.

Headings are short lines set apart by the format (DOCX heading styles, HTML <hN>, Markdown
#) or by type (a larger font than the body text, or bold capitals). A section covers the
lines below its heading, within the heading's column — so two-column layouts work — up to
the next heading in that column.

Entries inside a section are split where a new entry visibly starts: a non-bullet line after
bullets, a second date or date range, a line styled like the entry's first (bold) line once
the entry has its date, or a gap larger than the section's usual line spacing. Each entry's
heading lines are cut into parts (at " | ", " · ", " – ", tabs and wide gaps, and at a comma
before a place name) and the parts go to the item's text properties by what they look like
(job title, organisation, degree, school, place) and then in order; dates come from the
entry's date range ("Jan 2020 – Present" -> start 2020-01, end null).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillkit.engine import values, vocabulary
from skillkit.engine.attributes import entry_attributes, is_attribute_line
from skillkit.engine.context import Context, Match, label_tokens, split_parts
from skillkit.engine.document import BBox, Line, Segment, union_bbox
from skillkit.engine.fields import Field, parse_value, render_date
from skillkit.engine.labels import match_score, tokens
from skillkit.engine.readers._layout import BULLET_RE

HEADING_MIN_SCORE = 0.6
SECTION_TITLES = {
    tokens(p)
    for p in [
        "summary", "profile", "objective", "about me", "professional summary", "experience",
        "work experience", "professional experience", "employment history", "work history",
        "employment", "career history", "education", "academic background", "skills",
        "technical skills", "core competencies", "key skills", "certifications",
        "certificates", "licenses", "languages", "projects", "publications", "awards",
        "honors", "interests", "hobbies", "references", "volunteer experience", "volunteering",
        "contact", "contact information", "personal details", "achievements", "training",
        "courses", "activities", "leadership", "memberships", "affiliations",
    ]
}  # fmt: skip


@dataclass
class BandLine:
    """The part of one line that lies inside a section's column."""

    li: int
    segments: list[Segment]
    page: int
    bullet: bool
    bold: bool
    gap: float

    @property
    def text(self) -> str:
        return "  ".join(s.text for s in self.segments)

    @property
    def bbox(self) -> BBox:
        return union_bbox([s.bbox for s in self.segments])


def is_heading(ctx: Context, line: Line, seg: Segment) -> bool:
    """A heading by its looks: format heading, larger font, or bold capitals."""
    text = seg.text.strip().rstrip(":").strip()
    if not _short_title(text) or BULLET_RE.match(seg.text):
        return False
    if line.heading:
        return True
    if ctx.body_size and seg.size >= ctx.body_size * 1.12:
        return True
    letters = [ch for ch in text if ch.isalpha()]
    upper = bool(letters) and all(ch.isupper() for ch in letters)
    if upper and (seg.bold or line.bold) and len(letters) >= 3:
        return True
    if upper and not ctx.body_size and len(line.segments) == 1 and len(letters) >= 3:
        return True  # plain text: a line of capitals on its own
    return False


def is_section_title(ctx: Context, line: Line, seg: Segment) -> bool:
    """A known section name ("Skills", "WORK HISTORY:") alone on its line, whatever its looks."""
    if len(line.segments) != 1 or BULLET_RE.match(seg.text):
        return False
    text = seg.text.strip()
    if not _short_title(text.rstrip(":")) or len(text.split()) > 4:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    upper = bool(letters) and all(ch.isupper() for ch in letters)
    if not (upper or text.endswith(":") or seg.bold or line.bold or text.istitle()):
        return False
    return label_tokens(text.rstrip(":")) in SECTION_TITLES


def _short_title(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 6 or len(text) > 50:
        return False
    if not re.search(r"[A-Za-z]", text) or text.endswith((".", ",")):
        return False
    return sum(ch.isdigit() for ch in text) <= 2 and "@" not in text


def _column_splits(ctx: Context, page: int) -> list[float]:
    """x positions where a second column starts: a heading that shares its line with another
    heading to its left, or a left-aligned (not centred) heading well right of the margin."""
    cached = ctx.cache.get(("splits", page))
    if cached is not None:
        return cached
    width = ctx.page_size.get(page, (1.0, 1.0))[0]
    splits: set[float] = set()
    for line in ctx.lines:
        if line.page != page:
            continue
        heads = [s for s in line.segments if is_heading(ctx, line, s)]
        for i, s in enumerate(heads):
            centre = (s.bbox[0] + s.bbox[2]) / 2
            centred = abs(centre - width / 2) < 0.06 * width
            # a heading with other text to its left starts a column too ("Cloud: AWS | EDUCATION")
            alone = len(line.segments) == 1 or s is not line.segments[0]
            if i > 0 or (s.bbox[0] > 0.3 * width and not centred and alone):
                splits.add(round(s.bbox[0], 1))
    result = sorted(splits)
    ctx.cache[("splits", page)] = result
    return result


def _band(ctx: Context, li: int, si: int) -> tuple[float, float]:
    """The x range of a heading's column (the whole width on a one-column page)."""
    line = ctx.lines[li]
    seg = line.segments[si]
    width = ctx.page_size.get(line.page, (1.0, 1.0))[0]
    tol = 0.05 * width
    left, right = seg.bbox[0] - tol, width * 2
    for x in _column_splits(ctx, line.page):
        if x >= seg.bbox[2] - 1e-6:  # a table cell's box ends exactly where the next starts
            right = min(right, x - 0.5 * tol)
        elif x <= seg.bbox[0] + 1e-6:
            left = max(left, x - 0.5 * tol)
    return left, right


def find_section(ctx: Context, f: Field, min_score: float = HEADING_MIN_SCORE):
    """The best heading for `f` -> (line, segment, score, label), or None."""
    best = None
    used = ctx.cache.setdefault("headings", set())
    for li, line in enumerate(ctx.lines):
        if li in ctx.consumed:
            continue
        for si, seg in enumerate(line.segments):
            if (li, si) in used:
                continue
            strict = is_heading(ctx, line, seg)
            if not strict and not _loose_heading(line, seg):
                continue
            toks = label_tokens(seg.text.rstrip(":"))
            if not toks:
                continue
            score = max((match_score(toks, c) for c in f.candidates), default=0.0)
            if not strict:
                score = score if score >= 0.8 else 0.0  # plain lines must name the section
            if score >= min_score and (best is None or score > best[2]):
                best = (li, si, score, seg.text.strip())
    return best


def take_heading(ctx: Context, li: int, si: int) -> None:
    ctx.cache.setdefault("headings", set()).add((li, si))
    if len(ctx.lines[li].segments) == 1:
        ctx.consumed.add(li)


def _loose_heading(line: Line, seg: Segment) -> bool:
    """A short line alone, in capitals or ending with a colon: a heading in plain text."""
    text = seg.text.strip()
    if len(line.segments) != 1 or not _short_title(text.rstrip(":")) or len(text.split()) > 4:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return text.endswith(":") or (bool(letters) and all(ch.isupper() for ch in letters))


def _ends_section(ctx: Context, head_line: Line, head: Segment, line: Line, seg: Segment) -> bool:
    """A heading at least as prominent as the section's own ends it; a smaller one (a job
    title styled "Heading 3" under "Heading 2 Experience") belongs to it."""
    if not is_heading(ctx, line, seg):
        return False
    if head_line.heading and line.heading:
        return line.heading <= head_line.heading
    head_size = head.size or head_line.size
    size = seg.size or line.size
    if head_size and size:
        return size >= head_size - 0.5
    return True


def section_lines(ctx: Context, li: int, si: int) -> list[BandLine]:
    head_line = ctx.lines[li]
    head = head_line.segments[si]
    x0, x1 = _band(ctx, li, si)
    out: list[BandLine] = []
    prev_bottom: float | None = None
    for lj in range(li + 1, len(ctx.lines)):
        line = ctx.lines[lj]
        segs = [s for s in line.segments if x0 <= (s.bbox[0] + s.bbox[2]) / 2 < x1]
        if not segs:
            continue
        if lj not in ctx.consumed and any(
            is_section_title(ctx, line, s) or _ends_section(ctx, head_line, head, line, s)
            for s in segs
        ):
            break
        if lj in ctx.consumed:
            continue
        first = segs[0]
        bullet = bool(BULLET_RE.match(first.text)) or (line.bullet and first is line.segments[0])
        top = min(s.bbox[1] for s in segs)
        bottom = max(s.bbox[3] for s in segs)
        if ctx.doc.kind in ("pdf", "image", "pptx"):
            height = max(bottom - top, 1e-3)
            gap = 0.0 if prev_bottom is None else max(0.0, (top - prev_bottom) / height)
            if prev_bottom is not None and top < prev_bottom - height:
                gap = 0.0  # a new page
        else:
            gap = line.gap_before
        prev_bottom = bottom
        out.append(
            BandLine(lj, segs, line.page, bullet, all(s.bold for s in segs) or line.bold, gap)
        )
    return out


# -- entries ------------------------------------------------------------------------------


def _has_date(text: str, dayfirst: bool | None) -> bool:
    return bool(values.find_date_range(text, dayfirst=dayfirst)) or bool(
        values.find_dates(text, dayfirst=dayfirst, partial=True)
    )


def split_entries(ctx: Context, lines: list[BandLine]) -> list[list[BandLine]]:
    entries: list[list[BandLine]] = []
    gaps = sorted(bl.gap for bl in lines[1:]) or [0.0]
    usual = gaps[len(gaps) // 2]
    current: list[BandLine] = []
    has_bullets = has_date = False
    for bl in lines:
        text = bl.text
        is_cont = bool(current) and not bl.bullet and _continues(current[-1], bl)
        dated = _has_date(text, ctx.dayfirst) and not bl.bullet
        new = False
        if current and not bl.bullet and not is_cont and not is_attribute_line(text):
            if has_bullets:
                new = True
            elif dated and has_date:
                new = True
            elif bl.gap > max(0.5, 2.5 * usual) and usual < 0.5:
                new = True
            elif has_date and current[0].bold and bl.bold and not current[-1].bold:
                new = True
        if new:
            entries.append(current)
            current = []
            has_bullets = has_date = False
        if is_cont:
            current[-1] = BandLine(
                current[-1].li,
                current[-1].segments + bl.segments,
                current[-1].page,
                current[-1].bullet,
                current[-1].bold,
                current[-1].gap,
            )
            continue
        current.append(bl)
        has_bullets = has_bullets or bl.bullet
        has_date = has_date or dated
    if current:
        entries.append(current)
    return entries


def _continues(prev: BandLine, bl: BandLine) -> bool:
    """A wrapped line of a bullet: indented past the bullet, or starting in lower case."""
    if not prev.bullet:
        return False
    first = bl.text.lstrip()
    if first[:1].islower():
        return True
    return bl.segments[0].bbox[0] > prev.segments[0].bbox[0] + 1e-6


def _scorer(f: Field):
    if f.concept("title", "job title", "position", "role", "designation"):
        return vocabulary.title_score
    if f.concept("company", "employer", "organization", "organisation", "firm", "institution name"):
        return vocabulary.org_score
    if f.concept("degree", "qualification", "diploma", "program"):
        return vocabulary.degree_score
    if f.concept("institution", "school", "university", "college"):
        return vocabulary.institution_score
    if f.concept("location", "city", "place", "address"):
        return vocabulary.location_score
    return None


def _split_comma(part: str) -> list[str]:
    """Cut a comma list where it joins two different things.

    "Acme Corp, Austin, TX" -> before the place; "B.S. Maths, Some University" and
    "Software Engineer, Baltic Soft Inc" -> in two. "Charge Nurse, Medical-Surgical Unit"
    stays whole: neither side is clearly another kind of thing.
    """
    part = part.strip(" ,;")
    pieces = [p.strip() for p in part.split(",") if p.strip()]
    if len(pieces) < 2:
        return [part] if part else []
    for k in range(1, len(pieces)):
        head, tail = ", ".join(pieces[:k]), ", ".join(pieces[k:])
        if vocabulary.location_score(tail) >= 0.6 and not vocabulary.location_score(head):
            return _split_comma(head) + [tail]
    V = vocabulary
    for k in range(1, len(pieces)):
        a, b = ", ".join(pieces[:k]), ", ".join(pieces[k:])
        pairs = [
            (V.degree_score(a) >= 0.8 and V.institution_score(b) >= 1.0),
            (V.institution_score(a) >= 1.0 and V.degree_score(b) >= 0.8),
            (V.title_score(a) >= 0.5 and V.legal_entity(b)),
            (V.legal_entity(a) and V.title_score(b) >= 0.5),
            (k == 1 and V.title_score(a) >= 0.5 and V.degree_score(a) < 0.8 and _bare_name(b)),
        ]
        if any(pairs):
            return [a, b]
    return [part]


_SUBUNIT_WORDS = {"unit", "department", "dept", "team", "division", "ward", "floor", "office"}


def _bare_name(text: str) -> bool:
    """ "Klarna", "Shopify", "Lumen Health": a short capitalised name that is no job title,
    place, degree or sub-unit, so "Senior Engineer, Klarna" reads as position then company
    (a company needs no legal suffix to be one)."""
    words = text.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    V = vocabulary
    lowered = {w.lower().strip(".") for w in words}
    if lowered & _SUBUNIT_WORDS or V.title_score(text) or V.degree_score(text):
        return False
    return V.location_score(text) < 0.6 and text.lower() not in V.COUNTRIES


def _entry_parts(ctx: Context, entry: list[BandLine]) -> list[tuple[str, BandLine, Segment]]:
    parts: list[tuple[str, BandLine, Segment]] = []
    for bl in entry:
        if bl.bullet:
            continue
        for seg in bl.segments:
            text = seg.text
            rng = values.find_date_range(text, dayfirst=ctx.dayfirst)
            if rng:
                text = text[: rng.span[0]] + " | " + text[rng.span[1] :]
            else:
                for d in values.find_dates(text, dayfirst=ctx.dayfirst, partial=True)[::-1]:
                    text = text[: d.span[0]] + " | " + text[d.span[1] :]
            for part, _ in split_parts(text):
                for piece in _split_comma(part):
                    piece = piece.strip(" ,;|·•-–—()")
                    if piece and re.search(r"[A-Za-z]", piece):
                        parts.append((piece, bl, seg))
    return parts


_FIELD_OF_STUDY = ("field of study", "field", "major", "discipline", "subject", "specialization")


def _split_degrees(parts: list[tuple[str, BandLine, Segment]]) -> list:
    """A degree phrase that carries its field ("B.S. Physics") becomes two parts, degree
    first, so a schema with a field-of-study property gets each on its own."""
    out = []
    for text, bl, seg in parts:
        pair = vocabulary.split_degree(text)
        out.extend([(pair[0], bl, seg), (pair[1], bl, seg)] if pair else [(text, bl, seg)])
    return out


def _entry_dates(ctx: Context, entry: list[BandLine]):
    for bl in entry:
        if bl.bullet:
            continue
        rng = values.find_date_range(bl.text, dayfirst=ctx.dayfirst)
        if rng:
            return rng.start, rng.end, rng.present, bl
    for bl in entry:
        if bl.bullet:
            continue
        dates = values.find_dates(bl.text, dayfirst=ctx.dayfirst, partial=True)
        if dates:
            return dates[0], dates[-1] if len(dates) > 1 else None, False, bl
    return None, None, False, None


_BULLET_LISTS = (
    "responsibilities",
    "duties",
    "achievements",
    "key achievements",
    "highlights",
    "accomplishments",
    "bullets",
    "details",
    "tasks",
)


def _declared_format(node: dict) -> str | None:
    """The `format` the schema itself states (directly or in an anyOf branch)."""
    if isinstance(node.get("format"), str):
        return node["format"]
    for sub in node.get("anyOf") or node.get("oneOf") or []:
        if isinstance(sub, dict) and isinstance(sub.get("format"), str):
            return sub["format"]
    return None


_EXPIRY_WORDS = ("expir", "expiry", "valid until", "valid through", "renewal due", "expires")


def _expiry(child: Field) -> bool:
    """An expiration-date property ("expiration_date", "Expiry"): the entry's second date."""
    words = f"{child.name} {child.title or ''}".lower().replace("_", " ")
    return any(w in words for w in _EXPIRY_WORDS)


def _dated_and_bulleted(ctx: Context, item: Field, entry: list[BandLine]) -> dict[int, Match]:
    """The entry's period (dates, is-current) and bullet lists: read by position, not by
    what the text looks like, so they are filled before the text properties."""
    out: dict[int, Match] = {}
    start, end, present, date_line = _entry_dates(ctx, entry)
    for child in item.children:
        if child.kind not in ("date", "year", "datetime") or date_line is None:
            continue
        graduation = child.kind == "year" or "graduat" in child.name.lower()
        if graduation:
            d = end or (None if present else start)
        elif child.concept("end", "end date", "to", "until", "finish", "ended") or _expiry(child):
            # a lone date is when a thing began or was issued, never when it expires
            d = None if present else end
        else:
            d = start
        if d is None:
            continue
        value = d.year if child.kind == "year" else render_date(d, child)
        if value is None and child.kind == "date" and _declared_format(child.schema) == "date":
            # "Mar 2022 – Present" for a full date: the period's first day, as people write it
            value = f"{d.year:04d}-{d.month or 1:02d}-01"
        if value is not None:
            out[id(child)] = Match(child, value, 0.8, date_line.page, date_line.bbox)
    bullets = [bl for bl in entry if bl.bullet]
    for child in item.children:
        if (
            bullets
            and child.kind == "array"
            and child.item is not None
            and child.item.kind == "string"
            and child.concept(*_BULLET_LISTS)
        ):
            # "responsibilities": the entry's bullet lines, one item each
            texts = [values.clean_string(bl.text.lstrip("•·-–*▪◦ ")) for bl in bullets]
            out[id(child)] = Match(
                child, [x for x in texts if x], 0.7, bullets[0].page, bullets[0].bbox
            )
    for child in item.children:
        if child.kind == "boolean" and date_line is not None and child.concept("current"):
            # "is_current": the entry's period runs to "Present"
            out[id(child)] = Match(child, present, 0.7, date_line.page, date_line.bbox)
    return out


def fill_entry(ctx: Context, item: Field, entry: list[BandLine]) -> list[Match | None]:
    out = _dated_and_bulleted(ctx, item, entry)
    labelled = entry_attributes(ctx, item, entry)
    out.update(labelled)
    if labelled:
        entry = [bl for bl in entry if not is_attribute_line(bl.text)]
    # text properties by what the parts look like, then in order
    parts = _entry_parts(ctx, entry)
    if any(c.concept(*_FIELD_OF_STUDY) for c in item.children):
        parts = _split_degrees(parts)
    strings = [c for c in item.children if c.kind in ("string", "enum")]
    taken_parts: set[int] = set()
    scored: list[tuple[float, int, int]] = []
    for ci, child in enumerate(strings):
        scorer = _scorer(child)
        if scorer is None:
            continue
        for pi, (text, _, _) in enumerate(parts):
            s = scorer(text)
            if s >= 0.5:
                scored.append((s, -pi, ci))
    scored.sort(reverse=True)
    assigned: dict[int, int] = {}
    for _, neg_pi, ci in scored:
        pi = -neg_pi
        if ci in assigned or pi in taken_parts:
            continue
        assigned[ci] = pi
        taken_parts.add(pi)
    # places are dropped unless a property wants them
    wants_place = any(_scorer(c) is vocabulary.location_score for c in strings)
    for pi, (text, _, _) in enumerate(parts):
        if pi not in taken_parts and not wants_place and vocabulary.location_score(text) >= 0.6:
            taken_parts.add(pi)
    first_line = {id(parts[0][1])} if parts else set()
    for ci, child in enumerate(strings):
        if ci in assigned:
            continue
        for pi, (text, bl, _) in enumerate(parts):
            if pi in taken_parts:
                continue
            other = max(
                (sc(text) for c in strings if c is not child and (sc := _scorer(c)) is not None),
                default=0.0,
            )
            if other >= 0.8:
                continue
            # leftovers fill only from the entry's heading lines, in order
            if id(bl) not in first_line and len([p for p in parts if id(p[1]) == id(bl)]) > 2:
                continue
            assigned[ci] = pi
            taken_parts.add(pi)
            break
    for ci, pi in assigned.items():
        child = strings[ci]
        text, bl, seg = parts[pi]
        value = parse_value(child, text, ctx.dayfirst)
        if value is not None:
            out[id(child)] = Match(child, value, 0.7, bl.page, seg.bbox)
    return [out.get(id(c)) for c in item.children]


def section_items(ctx: Context, f: Field) -> tuple[list[list[Match | None]], tuple] | None:
    """Entries of the section headed by `f`'s label, each filled from its lines."""
    found = find_section(ctx, f)
    if not found or f.item is None:
        return None
    li, si, score, label = found
    lines = section_lines(ctx, li, si)
    take_heading(ctx, li, si)
    for bl in lines:
        if len(ctx.lines[bl.li].segments) == len(bl.segments):
            ctx.consumed.add(bl.li)
    entries = split_entries(ctx, lines)
    return [fill_entry(ctx, f.item, e) for e in entries], (li, si, score, label)


_LIST_SPLIT_RE = re.compile(r"\s*[,;|\u2022\u00b7]\s*|\s{2,}")


def split_list(text: str) -> list[str]:
    """Split "a, b (c, d), e" at top-level commas, semicolons, bullets and pipes."""
    out: list[str] = []
    depth = 0
    buf = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        if depth == 0:
            m = _LIST_SPLIT_RE.match(text, i)
            if m and m.end() > i and (ch in ",;|\u2022\u00b7" or text[i : i + 2] == "  "):
                out.append(buf)
                buf = ""
                i = m.end()
                continue
        buf += ch
        i += 1
    out.append(buf)
    return [s.strip(" .") for s in out if s.strip(" .")]


_NUMBERED_RE = re.compile(r"^\s*(?:\[\d{1,3}\]|\(?\d{1,3}[.)])\s+(?=\S)")


def _numbered_items(lines: list[BandLine]) -> list[tuple[BandLine, str]] | None:
    """A numbered list ("1. Lindqvist H, Moreau P. Title. Journal. 2024") read one entry per
    number, wrapped lines joined: such entries are citations or sentences whose commas do not
    separate items. None when the section is not numbered."""
    if sum(1 for bl in lines if _NUMBERED_RE.match(bl.text)) < 2:
        return None
    if not _NUMBERED_RE.match(lines[0].text):
        return None
    items: list[tuple[BandLine, str]] = []
    for bl in lines:
        text = " ".join(s.text for s in bl.segments).strip()
        m = _NUMBERED_RE.match(text)
        if m:
            items.append((bl, text[m.end() :].strip()))
        else:
            first, prev = items[-1]
            items[-1] = (first, f"{prev} {text}")
    return items


_CATEGORY_RE = re.compile(r"^\s*([A-Z][\w /&+\-]{0,30}):\s+(?=\S)")


def string_items(ctx: Context, f: Field) -> tuple[list[Match], tuple] | None:
    """A list of strings from a section: bullets, or comma lists, without category labels."""
    found = find_section(ctx, f)
    if not found:
        return None
    li, si, score, label = found
    lines = section_lines(ctx, li, si)
    take_heading(ctx, li, si)
    out: list[Match] = []
    item = f.item
    numbered = _numbered_items(lines)
    if numbered is not None:
        for bl, text in numbered:
            value = parse_value(item, text, ctx.dayfirst) if item is not None else text
            if value is not None:
                out.append(Match(item or f, value, 0.7, bl.page, bl.bbox))
        for bl in lines:
            if len(ctx.lines[bl.li].segments) == len(bl.segments):
                ctx.consumed.add(bl.li)
        return out, (li, si, score, label)
    for bl in lines:
        text = " ".join(s.text for s in bl.segments)
        text = BULLET_RE.sub("", text, count=1).strip()
        cat = _CATEGORY_RE.match(text)
        if cat and len(cat.group(1).split()) <= 4:
            text = text[cat.end() :]
        pieces = split_list(text) if (bl.bullet is False or "," in text) else [text]
        for piece in pieces:
            piece = vocabulary.strip_level(piece)
            value = parse_value(item, piece, ctx.dayfirst) if item is not None else piece
            if value is not None:
                out.append(Match(item or f, value, 0.7, bl.page, bl.bbox))
        if len(ctx.lines[bl.li].segments) == len(bl.segments):
            ctx.consumed.add(bl.li)
    return out, (li, si, score, label)
