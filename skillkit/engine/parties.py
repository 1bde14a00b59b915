"""Parties named by a block heading: "Bill To", "Ship To", "Prepared for", "TO OWNER:".

Business documents print each party (customer, consignee, vendor ...) as a small block: a
heading, then the party's name on the first line and its address on the lines below. The
name itself carries no label, so label matching cannot find it. This module finds those
blocks wherever the heading sits — alone above its block (side by side with other blocks in
PDF layouts, in a table cell, in HTML), with the name after a colon ("FROM CONTRACTOR:
Redline Electric Co."), or with the name in the next cell on the same line — and fills a
party's unfilled name field from the block whose heading names the same party. E-mail
headers ("From: Rick Alvarez <rick@...>", "To: ...") are blocks too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skillkit.engine.context import Context, Match, label_tokens
from skillkit.engine.fields import Field, looks_like_name, parse_value
from skillkit.engine.vocabulary import legal_entity

# Role groups: words that name the same kind of party in a heading or a property name.
BUYER = "buyer"
SHIP = "ship"
SELLER = "seller"
_GROUPS = {
    BUYER: {
        "customer", "client", "buyer", "bill", "billing", "billed", "sold", "purchaser",
        "prepared", "owner", "cliente", "kunde", "invoiced",
        # de / fr
        "kaufer", "rechnungsempfanger", "leistungsempfanger", "auftraggeber", "besteller",
        "acheteur", "destinataire", "facture",
    },
    SHIP: {
        "ship", "shipping", "shipped", "deliver", "delivery", "consignee", "recipient",
        "destination", "warenempfanger", "lieferanschrift", "lieferadresse", "livraison",
    },
    SELLER: {
        "vendor", "supplier", "seller", "contractor", "shipper", "exporter", "issuer",
        "merchant", "from", "provider", "sender",
        "verkaufer", "lieferant", "rechnungsersteller", "rechnungssteller",
        "leistungserbringer", "absender", "vendeur", "fournisseur", "emetteur", "prestataire",
    },
}  # fmt: skip
_PARTY_WORDS = set().union(*_GROUPS.values())
# Words a heading may add without naming a different thing ("Bill To", "Customer details").
_HEADING_FILLER = {"to", "for", "address", "details", "information", "info", "party", "invoice",
                   "by", "a", "par", "adresse", "anschrift", "de"}  # fmt: skip
# Words a name property may add to the party word ("customer_name", "buyer_organization").
_NAME_WORDS = {"name", "names", "full", "company", "business", "legal", "organization",
               "organisation", "entity", "nombre", "nom"}  # fmt: skip
# Words that name a party only with "to" / "for" / "from" beside them: "Shipping" alone is a
# charge and "Billing" a section, but "Shipping to" and "Bill To" head a party block.
_NEEDS_PREPOSITION = {"ship", "shipping", "shipped", "deliver", "delivery", "bill", "billing",
                      "billed", "sold", "invoiced", "destination", "facture",
                      "livraison"}  # fmt: skip
ANGLE_EMAIL_RE = re.compile(r"\s*<[^<>@\s]+@[^<>\s]+>\s*$")
_MAX_BLOCK_LINES = 5
WEAK_LABEL = 0.4  # a name matched by a label weaker than this yields to a party block


@dataclass
class Party:
    """One party block: heading words, the name's place and text, the address lines."""

    words: set[str]
    group: str
    li: int
    si: int
    name: str
    start: int = -1  # where the name starts in its segment (-1: the whole segment)
    person: bool = False  # an e-mail header names a person, not a business
    address: list[str] = field(default_factory=list)


def _group(words: set[str]) -> str | None:
    if words == {"to"}:
        return BUYER  # an e-mail is addressed to the customer
    if words & {"from", "by", "par"}:
        return SELLER  # "Ship From", "Sold by", "Facturé par" name the sender
    for g in (SHIP, BUYER, SELLER):
        if words & _GROUPS[g]:
            return g
    return None


def _heading_words(text: str) -> set[str] | None:
    """The party words of a heading, or None when the text is not a party heading."""
    toks = label_tokens(text.strip().rstrip(":"))
    if not toks or len(toks) > 4:
        return None
    words = set(toks)
    if toks == ("to",):
        return {"to"}  # an e-mail's "To:" header (taken only with an address in <...>)
    party = words & _PARTY_WORDS
    if not party or not words <= _PARTY_WORDS | _HEADING_FILLER:
        return None
    if "invoice" in words and "to" not in words:
        return None  # "Invoice Address" is no party heading; "Invoice To" is
    if party <= _NEEDS_PREPOSITION and not words & {
        "to",
        "for",
        "from",
        "address",
        "by",
        "a",
        "par",
        "adresse",
    }:
        return None
    return party


def find_parties(ctx: Context) -> list[Party]:
    """Every party block in the document, top to bottom (cached per document)."""
    if "parties" in ctx.cache:
        return ctx.cache["parties"]
    out: list[Party] = []
    for li, line in enumerate(ctx.lines):
        for si, seg in enumerate(line.segments):
            text = seg.text.strip()
            head, sep, rest = text.partition(":")
            words = _heading_words(head if sep else text)
            if words is None:
                continue
            party = _block(ctx, li, si, words, rest.strip() if sep else "")
            if party is not None:
                out.append(party)
    ctx.cache["parties"] = out
    return out


def _block(ctx: Context, li: int, si: int, words: set[str], inline: str) -> Party | None:
    """The block a heading at (li, si) introduces: inline value, next cell, or lines below."""
    line = ctx.lines[li]
    email_header = words in ({"from"}, {"to"})
    name_at: tuple[int, int, int, str] | None
    if inline:
        if email_header and not ANGLE_EMAIL_RE.search(inline):
            return None
        start = ctx.lines[li].segments[si].text.index(inline)
        name_at = (li, si, start, _cut_inline(ANGLE_EMAIL_RE.sub("", inline)))
    elif email_header:
        return None
    else:
        # a heading without a colon names the block below it ("SHIPPER   B/L NUMBER" is a
        # row of headings); the next cell holds the name only when nothing stands below
        name_at = _below_in_column(ctx, li, si)
        right = si + 1 < len(line.segments) and not ctx.is_label(li, si + 1)
        if right and (name_at is None or ctx.lines[li].segments[si].text.rstrip().endswith(":")):
            text = line.segments[si + 1].text.strip()
            name_at = (li, si + 1, -1, text) if _heading_words(text) is None else name_at
    if name_at is None or not _name_ok(name_at[3]):
        return None
    group = _group(words)
    assert group is not None
    words = {w for w in words if w in _GROUPS[group]} or words  # "Ship From" is no ship-to
    party = Party(words, group, name_at[0], name_at[1], name_at[3], start=name_at[2])
    party.person = email_header or bool(inline and ANGLE_EMAIL_RE.search(inline))
    party.address = _address_lines(ctx, name_at[0], name_at[1])
    return party


def _cut_inline(text: str) -> str:
    """'Acme Ltd, 12 High St, Leeds' -> 'Acme Ltd': a name printed with its address."""
    m = re.search(r",\s*(?=\d|P\.?\s?O\.?\s+Box\b)", text, re.IGNORECASE)
    return text[: m.start()].strip() if m else text.strip()


def _name_ok(text: str) -> bool:
    return bool(text) and looks_like_name(text) and _heading_words(text) is None


def _column(ctx: Context, lj: int, x0: float, x1: float) -> int | None:
    """The segment of line `lj` that starts in the column [x0, x1], if any."""
    for sj, seg in enumerate(ctx.lines[lj].segments):
        if seg.bbox[0] < x1 and seg.bbox[2] > x0 and abs(seg.bbox[0] - x0) <= (x1 - x0) * 0.5 + 2:
            return sj
    return None


def _below_in_column(ctx: Context, li: int, si: int) -> tuple[int, int, int, str] | None:
    """The first text below the heading in its column (a heading may stand apart)."""
    line = ctx.lines[li]
    seg = line.segments[si]
    for lj in range(li + 1, min(li + 5, len(ctx.lines))):
        nxt = ctx.lines[lj]
        # a heading in a layout table's cell has its block in the cells below it
        if nxt.page != ctx.lines[li].page or nxt.in_table > line.in_table or nxt.gap_before > 2.5:
            return None
        sj = _column(ctx, lj, seg.bbox[0], max(seg.bbox[2], seg.bbox[0] + 40))
        if sj is not None:
            text = nxt.segments[sj].text.strip()
            named = _named_value(ctx, lj, sj)
            if named is not None:
                return named
            if _identifier_line(text) or (
                ctx.is_label(lj, sj) and _identifier_line(nxt.text[len(text) :])
            ):
                continue  # "GLN 4000001123452", "Nummer: 549910": the party's codes first
            if ctx.is_label(lj, sj):
                return None
            return lj, sj, -1, text
    return None


_NAME_LABEL_RE = re.compile(
    r"^\s*(?:name|firma|firmenname|nom|raison sociale|company|company name)\s*:\s*(?P<v>.*)$",
    re.IGNORECASE,
)
_IDENTIFIER_RE = re.compile(r"^[^:]{0,30}:?\s*[\w./-]*\d[\w./ -]*(?:\([A-Za-z]+\))?$")


def _named_value(ctx: Context, lj: int, sj: int) -> tuple[int, int, int, str] | None:
    """ "Name: Lieferant GmbH" in a party block (as one segment or label and value cells)."""
    segs = ctx.lines[lj].segments
    m = _NAME_LABEL_RE.match(segs[sj].text)
    if m is None:
        return None
    if m.group("v").strip():
        return lj, sj, segs[sj].text.index(m.group("v")), m.group("v").strip()
    if sj + 1 < len(segs):
        return lj, sj + 1, -1, segs[sj + 1].text.strip()
    return None


def _identifier_line(text: str) -> bool:
    """A code line of a party block: "GLN 4000001123452", "Lief-Nr: 549910"."""
    text = text.strip()
    digits = sum(ch.isdigit() for ch in text)
    return (
        bool(text)
        and digits >= 4
        and bool(_IDENTIFIER_RE.match(text))
        and (digits >= len(text.replace(" ", "")) // 3)
    )


def _address_lines(ctx: Context, li: int, si: int) -> list[str]:
    """Lines below the name in its column, up to a gap, a table, a heading or a label."""
    seg = ctx.lines[li].segments[si]
    x0, x1 = seg.bbox[0], max(seg.bbox[2], seg.bbox[0] + 40)
    out: list[str] = []
    for lj in range(li + 1, min(li + 1 + _MAX_BLOCK_LINES, len(ctx.lines))):
        nxt = ctx.lines[lj]
        if nxt.page != ctx.lines[li].page or nxt.in_table != ctx.lines[li].in_table:
            break
        if nxt.heading or nxt.gap_before >= 0.9:
            break
        sj = _column(ctx, lj, x0, x1)
        if sj is None:
            break
        text = nxt.segments[sj].text.strip()
        if text.endswith(":") or _heading_words(text) is not None:
            break
        if ":" not in text:
            out.append(text)
    return out


def party_words(f: Field) -> set[str] | None:
    """The party a name property belongs to ("customer_name", "shipTo.name"), else None."""
    own = set(f.tokens)
    if f.kind != "string" or not own or "contact" in own or own & {"first", "last", "middle"}:
        return None
    named = own & _PARTY_WORDS
    if not own <= _PARTY_WORDS | _NAME_WORDS | _HEADING_FILLER - {"address"}:
        return None
    if not named and not own & _NAME_WORDS:
        return None
    words = named | (set(f.parents[-2:]) & _PARTY_WORDS) if not named else named
    return words or None


def _pick(parties: list[Party], f: Field, taken: set[tuple[int, int]]) -> Party | None:
    words = party_words(f) or set()
    group = _group(words)
    business = bool(set(f.tokens) & (_NAME_WORDS - {"name", "names", "full"}))
    best: tuple[int, Party] | None = None
    for p in parties:
        if (p.li, p.si) in taken or (p.person and business):
            continue
        score = 3 if p.words & words else 2 if p.group == group else 0
        if score == 0 and group == BUYER and p.group == SHIP:
            score = 1  # an order's customer is often printed only as "Shipping to"
        if score and (best is None or score > best[0]):
            best = (score, p)
    return best[1] if best else None


def fill_party_names(ctx: Context, fields: list[Field], taken: dict[int, Match]) -> None:
    """Fill every unfilled party-name field from the block its heading names."""
    parties = find_parties(ctx)
    if not parties:
        return
    used_at = {(k[0], k[1]) for k in ctx.used if isinstance(k, tuple) and len(k) >= 2}
    for f in fields:
        old = taken.get(id(f))
        if old is not None and old.score >= WEAK_LABEL:
            continue
        if not party_words(f):
            continue
        p = _pick(parties, f, used_at)
        if p is None:
            continue
        value = parse_value(f, p.name, ctx.dayfirst)
        if value is None or value == "":
            continue
        seg = ctx.lines[p.li].segments[p.si]
        key = (p.li, p.si, p.start)
        if old is not None and old.key is not None:
            # a weak label ("Referenz des Käufers") gives way to the party's own block
            ctx.used.discard(old.key)
        taken[id(f)] = Match(f, value, 0.45, ctx.lines[p.li].page, seg.bbox, key=key)
        ctx.used.add(key)
        used_at.add((p.li, p.si))


def fill_party_addresses(ctx: Context, fields: list[Field], taken: dict[int, Match]) -> None:
    """A party's unfilled one-string address: the lines under the name its block holds."""
    by_line = {(p.li, p.si): p for p in find_parties(ctx)}
    for f in fields:
        if id(f) in taken or f.kind != "string" or f.tokens[-1:] != ("address",):
            continue
        for s in fields:
            m = taken.get(id(s))
            if s is f or m is None or m.key is None or party_words(s) is None:
                continue
            if f.parents != s.parents:
                continue
            own = set(f.tokens) & _PARTY_WORDS
            if not f.parents and not own & (party_words(s) or set()):
                continue
            p = by_line.get((m.key[0], m.key[1]))
            if p is not None and p.address:
                text = ", ".join(p.address)
                taken[id(f)] = Match(f, text, 0.4, m.page, m.bbox)
                break


# A window envelope's return-address line: "Acme GmbH · Main St 1 · 12345 Town" or
# "Acme, Main St 1, 12345 Town", printed small just above the recipient's address block.
_RETURN_SEP_RE = re.compile(r"\s*[\u25cf\u2022\u00b7|]\s*|,\s+|\s+-\s+")
_BULLET_SEP_RE = re.compile(r"[\u25cf\u2022\u00b7|]")
_POSTCODE_RE = re.compile(r"\b(?:[A-Z]{1,2}[- ]?)?\d{4,5}\s+[A-Za-zÄÖÜäöüß]")


def window_parties(ctx: Context) -> tuple[tuple[int, str], tuple[int, int]] | None:
    """((line, sender name), (line, segment) of the recipient's name) of a letter whose
    return-address line stands above the recipient's block, else None (cached)."""
    if "window" in ctx.cache:
        return ctx.cache["window"]
    found = None
    first = ctx.lines[0].page if ctx.lines else 0
    for li, line in enumerate(ctx.lines):
        height = ctx.page_size.get(line.page, (0, 0))[1] or 1.0
        if line.page != first or line.bbox[1] > 0.45 * height:
            continue
        # bullets may stand apart as their own cells; commas only within one cell
        text = line.text if _BULLET_SEP_RE.search(line.text) else line.segments[0].text
        parts = [p for p in _RETURN_SEP_RE.split(text) if p.strip()]
        if len(parts) < 3 or not any(_POSTCODE_RE.search(p) for p in parts[1:]):
            continue
        sender = parts[0].strip()
        if not looks_like_name(sender) or _identifier_line(sender):
            continue
        unit = ctx.line_height(li)
        for lj in range(li + 1, min(li + 8, len(ctx.lines))):
            nxt = ctx.lines[lj]
            if nxt.page != line.page or nxt.bbox[1] - line.bbox[3] > 7 * unit:
                break
            sj = next(
                (
                    k
                    for k, sg in enumerate(nxt.segments)
                    if abs(sg.bbox[0] - line.bbox[0]) < max(25.0, 4 * unit)
                ),
                None,
            )
            if sj is None:
                continue
            text = nxt.segments[sj].text.strip()
            if _name_ok(text) and not _identifier_line(text):
                found = ((li, sender), (lj, sj))
            break
        if found:
            break
    ctx.cache["window"] = found
    return found


def window_proposals(ctx: Context, fields: list[Field]) -> list[Match]:
    """Seller and buyer names from a window letter: the recipient block names the buyer;
    the return-address line (or the letterhead line it abbreviates) names the seller."""
    found = window_parties(ctx)
    if found is None:
        return []
    (sli, sender), (bli, bsi) = found
    out = []
    for f in fields:
        words = party_words(f)
        group = _group(words) if words else None
        if group == BUYER:
            seg = ctx.lines[bli].segments[bsi]
            value = parse_value(f, seg.text, ctx.dayfirst)
            if value:
                out.append(Match(f, value, 0.62, ctx.lines[bli].page, seg.bbox, key=(bli, bsi, -1)))
        elif group == SELLER:
            li, si, text = sli, 0, sender
            low = sender.casefold()
            for lk, ln in enumerate(ctx.lines[:sli]):
                for sk, sg in enumerate(ln.segments):
                    t = sg.text.strip()
                    if t.casefold().startswith(low) and len(t) > len(sender) and legal_entity(t):
                        li, si, text = lk, sk, t
                        break
                else:
                    continue
                break
            value = parse_value(f, text, ctx.dayfirst)
            if value:
                seg = ctx.lines[li].segments[si]
                out.append(Match(f, value, 0.62, ctx.lines[li].page, seg.bbox, key=(li, si, 0)))
    return out
