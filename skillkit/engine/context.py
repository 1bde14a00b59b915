"""What every matcher shares about one document: its lines, sizes, and what is used up."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from skillkit.engine import values
from skillkit.engine.document import BBox, Document, Line, Segment
from skillkit.engine.fields import Field
from skillkit.engine.labels import Candidate, tokens

_CURRENCY_TOKENS = {c.lower() for c in values.CURRENCY_CODES}
DOC_TYPE_WORDS = {
    "invoice", "receipt", "resume", "cv", "curriculum", "vitae", "statement", "bill",
    "quote", "quotation", "estimate", "tax", "original", "copy", "duplicate", "page",
    "continued", "proforma", "pro", "forma", "credit", "note", "order", "purchase",
    "confirmation", "document", "form", "report", "vat", "gst", "hst", "simplified",
    "commercial", "final", "interim", "summary",
    # the same titles in other languages ("Rechnung", "Factura", "Facture", "Fattura" ...)
    "rechnung", "gutschrift", "quittung", "beleg", "kassenbon", "angebot", "lebenslauf",
    "factura", "facture", "fattura", "fatura", "factuur", "faktura", "recibo", "ricevuta",
    "reçu", "recu", "devis", "presupuesto", "preventivo", "albarán", "albaran", "nota",
    "boleta", "ticket", "bestellung", "pedido", "commande", "ordine", "rekening", "kvitto",
}  # fmt: skip
_PAREN_RE = re.compile(r"\([^()]*\)")
_EXCL_RE = re.compile(
    r"\b(?:excl|excluding|exclusive|exkl|ohne|hors|before|vor|sans|w/o|without)\b", re.IGNORECASE
)
_NET_RE = re.compile(r"\b(?:net|netto|nett|subtotal|sub-total|ht|ohne)\b", re.IGNORECASE)
SEPARATORS_RE = re.compile(r"\s+[|\u2022\u00b7\u2013\u2014]\s+|\s+-\s+|\s*\|\s*")


# Words that qualify a label without changing what it names ("VAT included", "Suggested tip").
LABEL_NOISE = {
    "included", "incl", "inclusive", "including", "approx", "approximately", "estimated",
    "est", "applicable", "optional", "discretionary", "suggested",
}  # fmt: skip


@functools.lru_cache(maxsize=16384)
def label_tokens(text: str) -> tuple[str, ...]:
    """Tokens of a label region without numbers, currency codes or qualifiers.

    "Tax (7%)" -> ("tax",); "Amount Due (USD)" -> ("amount", "due").
    Cached: the matcher reads the same segment texts once per field and region.
    A parenthesis saying "excluding tax" is kept as "excl tax" unless the label already says
    net: "Total (Excluding GST)" -> ("total", "excl", "tax").
    """
    original = text
    bare = _PAREN_RE.sub(" ", text)
    if re.search(r"[A-Za-z]", bare):
        text = bare  # "Total (incl. VAT)" names a total; "(8.25%)", "(USD)" only qualify
        if any(_EXCL_RE.search(p) for p in _PAREN_RE.findall(original)) and not _NET_RE.search(
            bare
        ):
            text = f"{bare} excl tax"  # "Total (Excluding GST)" is the total before tax
    return tuple(
        t
        for t in tokens(text)
        if not t.replace(".", "").isdigit() and t not in _CURRENCY_TOKENS and t not in LABEL_NOISE
    )


@dataclass
class Match:
    """One field value found in the document."""

    field: Field
    value: object
    score: float
    page: int
    bbox: BBox
    label: str | None = None
    key: tuple | None = None


@dataclass
class Context:
    doc: Document
    lines: list[Line]
    page_size: dict[int, tuple[float, float]]
    body_size: float
    dayfirst: bool | None
    doc_type: set[str]
    consumed: set[int] = field(default_factory=set)
    used: set[tuple] = field(default_factory=set)
    index: dict[tuple[str, ...], list[tuple[Field, Candidate]]] = field(default_factory=dict)
    token_index: dict[str, list[tuple[Field, Candidate]]] = field(default_factory=dict)
    label_like: dict[tuple[int, int], float] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Document, schema_title: str) -> Context:
        lines = doc.lines
        sizes: dict[float, int] = {}
        for ln in lines:
            for seg in ln.segments:
                if seg.size:
                    sizes[seg.size] = sizes.get(seg.size, 0) + len(seg.text)
        body = max(sizes.items(), key=lambda kv: (kv[1], -kv[0]))[0] if sizes else 0.0
        dayfirst = values.date_order_hint([ln.text for ln in lines])
        return cls(
            doc=doc,
            lines=lines,
            page_size={p.index: (p.width or 1.0, p.height or 1.0) for p in doc.pages},
            body_size=body,
            dayfirst=dayfirst,
            doc_type=DOC_TYPE_WORDS | set(tokens(schema_title or "")),
        )

    # -- label index --------------------------------------------------------------------
    def index_fields(self, fields: list[Field]) -> None:
        """Index every field's label candidates (all depths) for exact and token lookups."""
        self.index.clear()
        self.token_index.clear()

        def walk(f: Field) -> None:
            for c in f.candidates:
                self.index.setdefault(c.tokens, []).append((f, c))
                for t in set(c.tokens):
                    self.token_index.setdefault(t, []).append((f, c))
            for child in f.children:
                walk(child)
            if f.item is not None:
                walk(f.item)

        for f in fields:
            walk(f)
        self.label_like.clear()
        for li, ln in enumerate(self.lines):
            for si, seg in enumerate(ln.segments):
                toks = label_tokens(seg.text.rstrip(":"))
                best = max((c.weight for _, c in self.index.get(toks, [])), default=0.0)
                if best:
                    self.label_like[(li, si)] = best

    def add_to_index(self, f: Field) -> None:
        """Index one more field (a stand-in made during extraction)."""
        for c in f.candidates:
            self.index.setdefault(c.tokens, []).append((f, c))
            for t in set(c.tokens):
                self.token_index.setdefault(t, []).append((f, c))

    def is_label(self, li: int, si: int) -> bool:
        """A segment that reads as a label ("Due Date", "Terms:"), not as a value."""
        seg = self.lines[li].segments[si]
        if seg.text.rstrip().endswith(":"):
            return True
        has_digit = any(ch.isdigit() for ch in seg.text)
        return not has_digit and self.label_like.get((li, si), 0.0) >= 0.8

    # -- geometry -------------------------------------------------------------------------
    def norm_bbox(self, page: int, bbox: BBox) -> list[float]:
        w, h = self.page_size.get(page, (1.0, 1.0))
        return [
            round(min(max(bbox[0] / w, 0.0), 1.0), 4),
            round(min(max(bbox[1] / h, 0.0), 1.0), 4),
            round(min(max(bbox[2] / w, 0.0), 1.0), 4),
            round(min(max(bbox[3] / h, 0.0), 1.0), 4),
        ]

    def line_height(self, li: int) -> float:
        b = self.lines[li].bbox
        return max(b[3] - b[1], 1e-3)

    def segment(self, li: int, si: int) -> Segment:
        return self.lines[li].segments[si]


def split_parts(text: str) -> list[tuple[str, int]]:
    """Split on " | ", " • ", " · ", " – " separators; returns (part, offset) pairs."""
    parts: list[tuple[str, int]] = []
    pos = 0
    for m in SEPARATORS_RE.finditer(text):
        chunk = text[pos : m.start()]
        if chunk.strip():
            parts.append((chunk.strip(), pos + len(chunk) - len(chunk.lstrip())))
        pos = m.end()
    chunk = text[pos:]
    if chunk.strip():
        parts.append((chunk.strip(), pos + len(chunk) - len(chunk.lstrip())))
    return parts
