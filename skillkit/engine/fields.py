"""Schema properties as fields to fill: what kind of value, which labels, which fallbacks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from skillkit.engine import credentials, taxids, values, yearless
from skillkit.engine.labels import (
    RANGE_END,
    SYNONYM_GROUPS,
    Candidate,
    candidates,
    description_examples,
    split_name,
    tokens,
)
from skillkit.engine.schema import main_type, resolve
from skillkit.schemas import PatternTimeout, pattern_search

MISSING = object()

# Renderings tried against a string property's `pattern`, to learn what it wants.
_PATTERN_PROBES = {
    "date": "2026-03-15",
    "month": "2026-03",
    "year": "2026",
    "time": "14:30",
    "time_s": "14:30:00",
    "datetime": "2026-03-15T14:30:00",
    "currency": "USD",
}


@dataclass
class Field:
    """One schema property, ready for matching."""

    name: str
    schema: dict
    nullable: bool
    kind: str
    candidates: list[Candidate]
    title: str = ""
    description: str = ""
    examples: list[str] = field(default_factory=list)
    absent: Any = MISSING
    formats: set[str] = field(default_factory=set)
    children: list[Field] = field(default_factory=list)
    item: Field | None = None
    depth: int = 0
    parents: tuple[str, ...] = ()
    range_end: bool = False  # the end of a period ("billing_period_end"): last date of a range

    @property
    def tokens(self) -> tuple[str, ...]:
        return tokens(split_name(self.name))

    def concept(self, *phrases: str) -> bool:
        """True when the property's own name or title is one of `phrases` (or ends with one)."""
        own = {self.tokens}
        if self.title:
            own.add(tokens(self.title))
        for phrase in phrases:
            p = tokens(phrase)
            for o in own:
                if o == p or (len(o) > len(p) and o[-len(p) :] == p):
                    return True
        return False


_NAME_WORDS = {
    "name", "vendor", "merchant", "seller", "supplier", "company", "customer", "client",
    "store", "business", "employer", "institution", "school", "university", "organization",
    "organisation", "payee", "buyer", "recipient", "issuer",
}  # fmt: skip


def is_name_field(f: Field) -> bool:
    """A property that holds a name (of a person, business, school ...)."""
    return f.kind == "string" and bool((set(f.tokens) | set(tokens(f.title))) & _NAME_WORDS)


def looks_like_name(text: str) -> bool:
    """Text that could be a name: letters, not a phone, email, URL, date or amount."""
    if not re.search(r"[A-Za-z]{2}", text) or len(text) > 80:
        return False
    if text.rstrip().endswith(":") or "@" in text or re.search(r"https?://|www\.", text):
        return False
    if values.find_dates(text) or values.parse_phone(text):
        return False
    toks = tokens(text)
    if toks in _LABEL_PHRASES or (toks and all(t in _LEGAL_FORMS for t in toks)):
        return False  # "Kundennummer", "Käufer": a label; "GmbH": the tail of a name
    return sum(ch.isdigit() for ch in text) <= len(text) // 4


def is_label_phrase(text: str) -> bool:
    """Text that is one of the known label phrases ("Bill To", "Kundennummer")."""
    return tokens(text) in _LABEL_PHRASES


_LEGAL_FORMS = {"gmbh", "ag", "kg", "ohg", "co", "inc", "llc", "ltd", "sarl", "sas", "sa", "bv",
                "nv", "plc", "mbh", "ug", "ev", "corp", "limited", "sdn", "bhd"}  # fmt: skip
_LABEL_PHRASES = frozenset(
    tokens(phrase)
    for keys, phrases in SYNONYM_GROUPS
    for phrase in keys + phrases
    if len(tokens(phrase)) > 1 or len(phrase) > 3
)


def _pattern_formats(pattern: str) -> set[str]:
    """The formats whose probe the schema's pattern accepts (bounded: schemas.pattern_search)."""
    found = set()
    for name, probe in _PATTERN_PROBES.items():
        try:
            if pattern_search(pattern, probe):
                found.add(name)
        except (re.error, PatternTimeout):
            return found
    return found


_ABSENT_RE = re.compile(
    r"(?:^|[;,.(]\s*|\b)(?P<value>-?\d+(?:\.\d+)?|null|none|true|false|an empty (?:string|list))"
    r"\s+(?:when|if)\s+(?P<cond>[^;.,)]*)",
    re.IGNORECASE,
)
_ABSENCE_WORDS = re.compile(r"\b(no|not|absent|missing|none|without|unknown|empty)\b", re.I)


def absent_default(description: str) -> Any:
    """A value a description says to use when the document gives none ("1 when ... no ...")."""
    for m in _ABSENT_RE.finditer(description or ""):
        if not _ABSENCE_WORDS.search(m.group("cond")):
            continue
        raw = m.group("value").lower()
        if raw in ("null", "none"):
            return None
        if raw == "true":
            return True
        if raw == "false":
            return False
        if raw.startswith("an empty"):
            return "" if "string" in raw else []
        number = float(raw)
        return int(number) if number.is_integer() else number
    return MISSING


_CLOCK_FORM_RE = re.compile(r"\b24[- ]?h(?:ou)?r?\b|\bHH:MM\b(?!:SS)", re.IGNORECASE)


def _kind(name: str, node: dict, title: str, description: str) -> tuple[str, set[str]]:
    t = main_type(node)
    words = set(tokens(split_name(name))) | set(tokens(title))
    fmt = (node.get("format") or "").lower()
    formats = _pattern_formats(node["pattern"]) if isinstance(node.get("pattern"), str) else set()
    if t == "object":
        return "object", formats
    if t == "array":
        return "array", formats
    if isinstance(node.get("enum"), list) and node["enum"]:
        return ("currency" if "currency" in words else "enum"), formats
    if t == "boolean":
        return "boolean", formats
    if t == "integer":
        return ("year" if "year" in words else "integer"), formats
    if t == "number":
        return "number", formats
    if fmt == "date":
        return "date", formats or {"date"}
    if fmt == "date-time":
        return "datetime", formats or {"datetime"}
    if fmt == "time":
        return "time", formats or {"time_s"}
    if fmt == "email" or "email" in words:
        return "email", formats
    if fmt in ("uri", "url", "iri", "hostname") or words & {
        "url",
        "website",
        "homepage",
        "linkedin",
        "github",
    }:
        return "url", formats
    if words & {"phone", "mobile", "fax", "cell"}:
        return "phone", formats
    if "currency" in words:
        return "currency", formats
    if formats & {"date", "month", "year", "datetime"} and not formats & {"currency"}:
        return "date", formats
    if formats & {"time", "time_s"}:
        return "time", formats
    if "time" in words and "date" not in words:
        if _CLOCK_FORM_RE.search(description):
            return "time", {"time"}  # "HH:MM 24-hour" in the description asks for that form
        # No format or pattern asks for a normal form: keep the time as the document prints it.
        return "time", formats or {"printed"}
    if "date" in words or words & {"dob", "birthday"}:
        if re.search(r"\bas printed\b", description, re.I):
            return "string", formats
        return "date", formats or {"date"}
    return "string", formats


# How deep the engine follows nested objects and arrays. A recursive schema (a tree node that
# refers to itself) is legitimate; below this depth its nodes are left to their defaults.
MAX_FIELD_DEPTH = 16


def build_field(
    name: str, node: Any, root: dict, parents: list[str] | None = None, depth: int = 0
) -> Field:
    sub, nullable = resolve(node, root)
    title = sub.get("title") or ""
    description = sub.get("description") or ""
    kind, formats = _kind(name, sub, title, description)
    f = Field(
        name=name,
        schema=sub,
        nullable=nullable,
        kind=kind,
        candidates=candidates(name, title, description, parents),
        title=title,
        description=description,
        examples=description_examples(description),
        absent=absent_default(description),
        formats=formats,
        depth=depth,
        parents=tuple(t for p in (parents or []) for t in tokens(split_name(p))),
        range_end=kind in ("date", "datetime") and bool(set(tokens(split_name(name))) & RANGE_END),
    )
    if depth >= MAX_FIELD_DEPTH:
        return f
    if kind == "object":
        for child_name, child in (sub.get("properties") or {}).items():
            f.children.append(
                build_field(child_name, child, root, (parents or []) + [name], depth + 1)
            )
    elif kind == "array":
        items = sub.get("items")
        if isinstance(items, dict):
            f.item = build_field(name, items, root, parents, depth + 1)
            if not f.item.title and title:
                f.item.title = title
    return f


def root_fields(schema: dict) -> list[Field]:
    sub, _ = resolve(schema, schema)
    return [build_field(n, p, schema) for n, p in (sub.get("properties") or {}).items()]


# -- turning text into a value of the field's kind ----------------------------------------


def render_date(d: values.DateValue, f: Field) -> str | None:
    """The most precise rendering of a date the property's format/pattern accepts."""
    formats = f.formats
    options: list[tuple[str, str]] = []
    if d.month and d.day:
        if d.hour is not None:
            options.append(("datetime", d.iso_datetime()))
        options.append(("date", d.iso_date()))
        options.append(("datetime", d.iso_datetime()))
    if d.month:
        options.append(("month", d.iso_month()))
    options.append(("year", f"{d.year:04d}"))
    if not formats:
        return options[0][1] if d.month and d.day else None
    for kind, text in options:
        if kind in formats:
            return text
    return None


def render_time(h: int, m: int, s: int, f: Field, printed: str = "") -> str:
    """HH:MM (or HH:MM:SS) when the schema asks for a form, else the printed text ("7:00 AM")."""
    if "printed" in f.formats and printed.strip():
        return " ".join(printed.split())
    if "time_s" in f.formats and "time" not in f.formats:
        return f"{h:02d}:{m:02d}:{s:02d}"
    return f"{h:02d}:{m:02d}"


_TIME_RE = re.compile(
    r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?!\d)\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?"
)


def find_time(text: str) -> tuple[int, int, int, tuple[int, int]] | None:
    m = _TIME_RE.search(text)
    if not m:
        return None
    h = int(m.group("h"))
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    return h, int(m.group("m")), int(m.group("s") or 0), (m.start(), m.end())


_POSITIVE_RE = re.compile(
    r"\b(positive|absolute|unsigned|magnitude|without (the )?sign)\b", re.IGNORECASE
)


def _signed(f: Field, number: float | int | None) -> float | int | None:
    """A printed "-15.96", "(573.61)" or "200.00 CR" for a property the schema says is never
    negative (minimum >= 0, or "positive"/"absolute" in its description) is that amount."""
    if number is None or number >= 0:
        return number
    low = f.schema.get("minimum", f.schema.get("exclusiveMinimum"))
    if isinstance(low, (int, float)) and low >= 0:
        return -number
    if _POSITIVE_RE.search(f.description) and not re.search(r"\bnegative\b", f.description, re.I):
        return -number  # "negative for credits" keeps the sign a signed amount carries
    return number


_AMOUNT_WORDS = {"amount", "total", "subtotal", "sum", "net", "gross", "due", "balance", "paid",
                 "price", "cost", "fee", "charge", "tax", "vat", "gst"}  # fmt: skip
_RATE_RE = re.compile(r"\b(?:rate|percent\w*|pct|ratio|share)\b|%", re.I)
_PERCENT_ONLY_RE = re.compile(r"^[^\d]{0,12}\d+(?:[.,]\d+)?\s*%[^\d]*$")


def _only_percent(text: str) -> bool:
    return bool(_PERCENT_ONLY_RE.match(text))


def _is_amount(f: Field) -> bool:
    """A money amount (a total, a tax, a price), not a rate or a percentage."""
    words = set(f.tokens)
    if not words & _AMOUNT_WORDS:
        return False
    return not _RATE_RE.search(" ".join([split_name(f.name), f.title, f.description]))


_FREE_RE = re.compile(r"^(?:free|gratis|no charge|complimentary)\b(?!\s*\S*\d)", re.I)


def parse_value(f: Field, text: str, dayfirst: bool | None = None) -> Any:
    """The value of kind `f.kind` in `text`, or None when there is none."""
    text = text.strip()
    if not text:
        return None
    k = f.kind
    if k == "number":
        if _FREE_RE.match(text):
            return 0.0  # "Shipping: FREE": an amount of nothing, not a missing amount
        if _only_percent(text) and _is_amount(f):
            return None  # "7%" under a "VAT" heading is the rate, not the tax amount
        return _signed(f, values.parse_number(text))
    if k == "integer":
        return _signed(f, values.parse_integer(text))
    if k == "year":
        dates = values.find_dates(text, dayfirst=dayfirst, partial=True)
        if dates:
            return dates[-1].year
        return values.parse_integer(text)
    if k == "boolean":
        return values.parse_bool(text)
    if k == "date":
        dates = values.find_dates(
            text, dayfirst=dayfirst, partial=bool(f.formats - {"date", "datetime"})
        )
        if f.range_end and len(dates) > 1 and values.find_date_range(text, dayfirst=dayfirst):
            dates = dates[::-1]  # "01/03/2026 - 31/03/2026" for a period's end
        for d in dates:
            rendered = render_date(d, f)
            if rendered:
                return rendered
        short = yearless.parse_yearless(text) if not dates and len(text) <= 12 else None
        return render_date(short, f) if short else None
    if k == "datetime":
        dates = values.find_dates(text, dayfirst=dayfirst)
        return dates[0].iso_datetime() if dates else None
    if k == "time":
        found = find_time(text)
        if not found:
            return None
        return render_time(*found[:3], f, text[found[3][0] : found[3][1]])
    if k == "email":
        email = values.parse_email(text)
        return email.lower() if email else None
    if k == "phone":
        return values.parse_phone(text)
    if k == "url":
        return values.parse_url(text)
    if k == "currency":
        if isinstance(f.schema.get("enum"), list):
            code = values.currency_code(text)
            hit = values.match_enum(code or text, f.schema["enum"])
            return hit[0] if hit else None
        return values.currency_code(text) or (
            text.upper()
            if re.fullmatch(r"[A-Za-z]{3}", text) and text.upper() in values.CURRENCY_CODES
            else None
        )
    if k == "enum":
        options = f.schema.get("enum") or []
        boxes = values.checked_options(text)
        if boxes is not None:
            text = " ".join(boxes)  # "[ ] LLC  [x] Corporation": the ticked option
            if not text:
                return None
        hit = values.match_enum(text, options)
        if hit:
            return hit[0]
        for o in options:
            if not isinstance(o, str) and o is not None:
                parsed = values.parse_number(text)
                if parsed is not None and parsed == o:
                    return o
        return None
    if k == "string":
        s = values.clean_string(text)
        if taxids.is_tax_id_field(f.tokens):
            return taxids.tax_id_value(s)  # "VAT No: Amount" is a misread neighbour, not an ID
        if f.tokens and f.tokens[-1] in _ID_WORDS:
            # "No. DN-240387", "#SO-448120": the marker says "number", it is not part of it
            m = _ID_PREFIX.match(s)
            if m and any(ch.isdigit() for ch in s[m.end() :]):
                s = s[m.end() :]
            if _POSTAL_BOX.match(s):
                return None  # "PO Box 2278": the label "PO" read into an address
            tail = _ID_DATE_TAIL.search(s)
            if tail and values.find_dates(s[tail.end() :]) and tail.start() > 0:
                s = s[: tail.start()]  # "RE-508 issued at 2020-11-21", "471102 vom 05.03.2018"
        if credentials.is_person_name(f.tokens, f.parents):
            s = credentials.strip_credentials(s)
        return s or None
    return None


_ID_WORDS = {"number", "no", "id", "ref", "reference", "num"}
_ID_PREFIX = re.compile(r"^(?:no\.?|nr\.?|n°|#)\s*(?=[A-Za-z0-9])", re.IGNORECASE)
_ID_DATE_TAIL = re.compile(
    r"[\s,]+(?:issued\s+(?:at|on)|dated?|of|from|vom|von|du|del|le|am)\s+", re.IGNORECASE
)
_POSTAL_BOX = re.compile(r"^(?:box|bin|drawer)\s+\d", re.IGNORECASE)
