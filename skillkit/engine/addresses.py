"""Postal addresses: split a printed address block into street / city / state / postal code /
country for schemas that model the address as an object.

Printed addresses follow a few conventions regardless of the document: the street sits on the
line above a "City, ST 12345" (US / Canada), "City POSTCODE" (UK, Japan) or "12345 City"
(continental Europe) line, and a country may follow. The block is found from what the label
matching already found: a child of the address object, the sibling name field of the same party
("issuer_name" for "issuer_address", "shipper.name" for "shipper.address"), or a heading naming
the object ("Ship To", "Shipper").
"""

from __future__ import annotations

import re

from .context import Context, Match
from .fields import Field
from .labels import tokens
from .sections import find_section, section_lines

US_STATES = set(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI "
    "AB BC MB NB NL NS NT NU ON PE QC SK YT".split()
)
COUNTRIES = {
    "united states", "united states of america", "usa", "u.s.a.", "us", "canada", "mexico",
    "united kingdom", "uk", "england", "scotland", "wales", "ireland", "germany", "deutschland",
    "france", "spain", "italy", "netherlands", "belgium", "switzerland", "austria", "sweden",
    "norway", "denmark", "finland", "poland", "portugal", "japan", "china", "india", "singapore",
    "australia", "new zealand", "brazil", "south korea", "korea", "hong kong", "taiwan",
    "south africa", "united arab emirates", "uae", "philippines", "vietnam", "thailand",
}  # fmt: skip

_CITY = r"(?P<city>[^\W\d_][\w .'\-]*?)"
_PATTERNS = [
    # Portland, OR 97214 / Ottawa, ON K1A 0B6
    re.compile(
        _CITY
        + r",?\s+(?P<state>[A-Z]{2})\.?,?\s+(?P<zip>\d{5}(?:-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)$"
    ),
    # Leeds LS1 2NE (UK postcode)
    re.compile(_CITY + r",?\s+(?P<zip>[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$"),
    # Fukuoka 812-0011
    re.compile(_CITY + r",?\s+(?P<zip>\d{3}-\d{4})$"),
    # 75008 Paris / D-10115 Berlin
    re.compile(r"^(?:[A-Z]{1,2}-)?(?P<zip>\d{4,5})\s+" + _CITY + r"$"),
]
_STREET_WORDS = {
    "st", "street", "ave", "avenue", "rd", "road", "blvd", "boulevard", "dr", "drive", "ln",
    "lane", "way", "ct", "court", "pl", "place", "pkwy", "parkway", "hwy", "highway", "box",
    "suite", "ste", "unit", "floor", "square", "sq", "terrace", "row", "close", "strasse",
    "straße", "rue", "via", "calle", "circle", "cir", "trail", "plaza", "crescent",
}  # fmt: skip
PARTS = {
    "street": "street", "address": "street", "line1": "street", "address1": "street",
    "city": "city", "town": "city", "locality": "city",
    "state": "state", "province": "state", "region": "state",
    "zip": "postal", "postal": "postal", "postcode": "postal", "zipcode": "postal",
    "country": "country",
}  # fmt: skip


def split_city_line(text: str) -> dict[str, str | None] | None:
    """'Denver, CO 80202' -> {city, state, postal}; None when the text is not such a line."""
    t = " ".join(text.strip().rstrip(".,").split())
    for i, pat in enumerate(_PATTERNS):
        m = pat.match(t)
        if not m:
            continue
        city = m.group("city").strip(" ,")
        state = m.groupdict().get("state")
        if i == 0 and state not in US_STATES:
            continue
        if not city or len(city) > 40 or tokens(city) and tokens(city)[-1] in _STREET_WORDS:
            continue
        return {"city": city, "state": state, "postal": m.group("zip")}
    return None


_CANADA = set("AB BC MB NB NL NS NT NU ON PE QC SK YT".split())


def home_currency(texts: list[str]) -> str | None:
    """The currency of the country of the first "City, ST 12345" line: a receipt that prints
    bare amounts ("TOTAL  49.46") under a US street address is in US dollars (a Canadian
    province and postal code means Canadian dollars)."""
    for text in texts:
        found = split_city_line(text)
        if not found or not found["state"]:
            continue
        if found["state"] in _CANADA:
            return "CAD" if re.match(r"[A-Z]\d[A-Z]", found["postal"] or "") else None
        return "USD" if re.fullmatch(r"\d{5}(?:-\d{4})?", found["postal"] or "") else None
    return None


def split_address(text: str) -> dict[str, str | None] | None:
    """A one-line address '509 Valencia St, San Francisco, CA 94110[, USA]' -> parts."""
    parts = [p.strip() for p in text.split(",")]
    country = None
    if len(parts) > 1 and parts[-1].lower() in COUNTRIES:
        country = parts.pop()
    for k in range(len(parts) - 1, -1, -1):
        found = split_city_line(", ".join(parts[k:]))
        if found:
            street = ", ".join(parts[:k]) or None
            return {**found, "street": street, "country": country}
    return None


def _part(f: Field) -> str | None:
    toks = f.tokens
    for t in reversed(toks):
        if t in PARTS:
            return PARTS[t]
    joined = "".join(toks)
    return PARTS.get(joined)


def is_address_object(f: Field) -> bool:
    if f.kind != "object":
        return False
    parts = {_part(c) for c in f.children if c.kind == "string"}
    return len(parts & {"street", "city", "state", "postal", "country"}) >= 3


def _street_like(text: str) -> bool:
    """A house number or street word; a stateless "2450 El Camino Real" reads as a street."""
    toks = set(tokens(text))
    city = split_city_line(text)
    weak_city = city is not None and not city["state"] and text.strip()[:1].isdigit()
    return (any(ch.isdigit() for ch in text) and (not city or weak_city)) or bool(
        toks & _STREET_WORDS
    )


def _column_seg(ctx: Context, lj: int, x0: float, x1: float):
    """The segment of line `lj` in the column spanning x0..x1, or None."""
    if lj < 0 or lj >= len(ctx.lines):
        return None
    for si, seg in enumerate(ctx.lines[lj].segments):
        if seg.bbox[0] < x1 and seg.bbox[2] > x0 and abs(seg.bbox[0] - x0) <= (x1 - x0) * 0.5 + 2:
            return si, seg
    return None


def _street_above_city(ctx: Context, lj: int, seg, parts: dict) -> bool:
    """A weak "12345 City" reading ("2450 El Camino Real") directly above a "City, ST 12345"
    line is the block's street: the stronger city line below decides."""
    if parts.get("state") or parts.get("street"):
        return False
    below = _column_seg(ctx, lj + 1, seg.bbox[0], seg.bbox[2])
    found = split_city_line(below[1].text) if below is not None else None
    return bool(found and found["state"])


def block_at(ctx: Context, li: int, si: int, reach: int = 5) -> dict | None:
    """The address block whose city line is at or below (li, si) within `reach` lines."""
    seg0 = ctx.lines[li].segments[si]
    x0, x1 = seg0.bbox[0], seg0.bbox[2]
    page = ctx.lines[li].page
    for lj in range(li, min(li + reach + 1, len(ctx.lines))):
        if ctx.lines[lj].page != page:
            break
        hit = _column_seg(ctx, lj, x0, x1) if lj != li else (si, seg0)
        if hit is None:
            continue
        sj, seg = hit
        text = seg.text.strip()
        parts = split_city_line(text) or split_address(text)
        if not parts or _street_above_city(ctx, lj, seg, parts):
            continue
        out = {"street": parts.get("street"), **parts, "country": parts.get("country")}
        out["_bbox"] = seg.bbox
        out["_key"] = (lj, sj)
        out["_line"] = text
        out["_page"] = page
        if not out["street"]:
            above = _column_seg(ctx, lj - 1, seg.bbox[0], seg.bbox[2])
            if above is not None and lj - 1 >= li - 1 and _street_like(above[1].text):
                street = above[1].text.strip()
                above2 = _column_seg(ctx, lj - 2, seg.bbox[0], seg.bbox[2])
                if (
                    above2 is not None
                    and lj - 2 > li
                    and _street_like(above2[1].text)
                    and re.match(r"(?i)(suite|ste|unit|apt|floor|#)\b", street)
                ):
                    street = f"{above2[1].text.strip()}, {street}"
                out["street"] = street
        if not out["country"]:
            below = _column_seg(ctx, lj + 1, seg.bbox[0], seg.bbox[2])
            if below is not None and below[1].text.strip().lower().rstrip(".") in COUNTRIES:
                out["country"] = below[1].text.strip()
        return out
    return None


def _match_line(m: Match) -> tuple[int, int] | None:
    if m.key is None or not isinstance(m.key, tuple) or len(m.key) < 2:
        return None
    li, si = m.key[0], m.key[1]
    if not isinstance(li, int) or not isinstance(si, int) or si < 0:
        return None
    return li, si


def _owner_tokens(f: Field) -> tuple[str, ...]:
    """'customer_billing_address' -> ('customer',): the party an address belongs to."""
    skip = {"address", "billing", "mailing", "postal", "street", "physical", "home", "bill"}
    return tuple(t for t in f.tokens if t not in skip)


def fill_addresses(
    ctx: Context, fields: list[Field], taken: dict[int, Match], siblings: list[Field] | None = None
) -> None:
    """Replace the children of every address object with the parts of its printed block."""
    siblings = siblings if siblings is not None else fields
    used: set = ctx.cache.setdefault("address_blocks", set())
    for f in fields:
        if f.kind == "string" and _part(f) == "street" and f.tokens[-1:] == ("address",):
            if id(f) not in taken:
                block = _owner_block(ctx, f, siblings, taken, used)
                if block and block["street"] and block["_key"] not in used:
                    used.add(block["_key"])
                    line = block["_line"]
                    text = line if block["street"] in line else f"{block['street']}, {line}"
                    if block["country"] and block["country"] not in text:
                        text += f", {block['country']}"
                    taken[id(f)] = Match(f, text, 0.5, block["_page"], block["_bbox"])
            continue
        if f.kind != "object":
            continue
        if not is_address_object(f):
            fill_addresses(ctx, f.children, taken, f.children)
            continue
        block = _owner_block(ctx, f, siblings, taken, used)
        # 2. a child already matched (often the city line or the street)
        for c in [] if block else f.children:
            m = taken.get(id(c))
            loc = _match_line(m) if m is not None else None
            if loc is not None:
                block = block_at(ctx, *loc, reach=2)
                if block and block["_key"] not in used:
                    break
                block = None
        # 3. a heading naming the address ("Ship To", "Shipping address")
        if block is None:
            found = find_section(ctx, f, min_score=0.8)
            if found:
                for bl in section_lines(ctx, found[0], found[1])[:6]:
                    block = block_at(
                        ctx, bl.li, ctx.lines[bl.li].segments.index(bl.segments[0]), reach=0
                    )
                    if block:
                        break
        if not block or block["_key"] in used:
            continue
        used.add(block["_key"])
        for c in f.children:
            part = _part(c)
            if c.kind != "string" or not part:
                continue  # "name" beside the address parts is not the block's to clear
            value = block.get(part)
            if value:
                taken[id(c)] = Match(c, value, 0.6, block["_page"], block["_bbox"])
            elif id(c) in taken:
                del taken[id(c)]


def _owner_block(
    ctx: Context, f: Field, siblings: list[Field], taken: dict[int, Match], used: set
) -> dict | None:
    """The block printed under the same party's name ("issuer_name" for "issuer_address")."""
    owner = _owner_tokens(f)
    for s in siblings:
        if s is f or s.kind != "string" or id(s) not in taken:
            continue
        st = s.tokens
        named = st == ("name",) or (bool(owner) and st[: len(owner)] == owner and "name" in st)
        if not named:
            continue
        loc = _match_line(taken[id(s)])
        if loc is not None:
            block = block_at(ctx, loc[0], loc[1], reach=5)
            if block and block["_key"] not in used:
                return block
    return None
