"""Label vocabulary: turn a schema property into the phrases a document would print for it.

A property's candidates come from its name split into words (snake_case and camelCase), its
`title`, phrases its `description` lists in parentheses or quotes, and a small table of
common document-field synonyms. Text is compared as normalised token tuples: lower case,
accents and punctuation dropped, `#`/`No.`/`Number` all read as "no", simple plurals singular.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

STOP = {"the", "a", "an", "of", "for", "in", "on", "at", "and", "or", "your", "our", "this", "is",
        # French, German and Spanish articles and prepositions in labels ("Date d'échéance")
        "de", "du", "des", "d", "l", "la", "le", "der", "die", "das", "am", "el", "del"}  # fmt: skip
CANON = {
    "number": "no", "num": "no", "nr": "no", "nbr": "no", "nos": "no", "n": "no",
    "qty": "quantity", "quant": "quantity", "amt": "amount", "tel": "phone",
    "telephone": "phone", "ph": "phone", "mob": "mobile", "addr": "address", "ref": "reference",
    "inv": "invoice", "desc": "description", "dt": "date", "tot": "total", "ttl": "total",
    "acct": "account", "pymt": "payment", "pmt": "payment", "cust": "customer",
    "yr": "year", "yrs": "year", "hrs": "hour", "hr": "hour", "pcs": "piece", "pc": "piece",
    "e": "e", "ext": "extended", "wt": "weight", "dob": "dob",
    "ln": "line", "reg": "register", "trn": "transaction", "trans": "transaction",
    "txn": "transaction", "coursework": "course",
}  # fmt: skip
MERGE = {
    ("sub", "total"): "subtotal",
    ("e", "mail"): "email",
    ("p", "o"): "po",
    ("purchase", "order"): "po",
    ("zip", "code"): "zip",
    ("post", "code"): "postcode",
    ("web", "site"): "website",
    ("line", "item"): "item",
}

# Each group is (keys, phrases): a property whose name, title or a label its description
# lists normalises to one of the keys gets every phrase of the group as a label candidate.
# Keys are narrower than phrases on purpose: "total" is a phrase for a line amount column,
# but a property named "total" is the document total, not a line amount.
SYNONYM_GROUPS: list[tuple[list[str], list[str]]] = [
    (["invoice number", "invoice no", "invoice id", "inv no"],
     ["invoice no", "invoice id", "inv no", "invoice", "bill no", "invoice ref", "number",
      "document no",
      # de / fr / es / it / nl
      "rechnungsnummer", "rechnungsnr", "rechnung no", "facture no", "no facture",
      "numero facture", "factura no", "numero factura", "fattura no", "factuurnummer"]),
    (["receipt number", "receipt no", "receipt id", "transaction id", "transaction number"],
     ["receipt no", "receipt", "transaction no", "transaction id", "transaction", "ticket no",
      "check no", "order no"]),
    (["register number", "register no", "register id", "register"],
     ["register", "register no", "terminal", "terminal no", "lane", "till", "pos"]),
    (["order number", "order no", "order id"], ["order no", "order id", "order"]),
    (["purchase order", "po", "po no", "purchase order no"],
     ["po", "po no", "purchase order no", "customer ref", "customer reference",
      "your reference", "your ref", "reference", "client ref"]),
    (["invoice date", "issue date", "date issued", "date of issue", "document date"],
     ["date", "invoice date", "issue date", "date issued", "issued", "date of issue",
      "billing date", "bill date", "issued on", "document date",
      "rechnungsdatum", "datum", "date facture", "fecha", "fecha factura", "data fattura",
      "belegdatum", "ausstellungsdatum", "date d emission", "date de la facture",
      "factuurdatum"]),
    (["date", "purchase date", "transaction date", "receipt date", "sale date", "order date"],
     ["date", "purchase date", "transaction date", "sale date", "order date", "receipt date"]),
    (["due date", "payment due", "payment due date"],
     ["due date", "payment due", "due", "due by", "payment due date", "pay by", "due on",
      "fallig", "fallig am", "zahlbar bis", "falligkeitsdatum", "falligkeit", "date echeance",
      "echeance", "date limite de paiement", "zahlungsfrist",
      "fecha vencimiento", "vencimiento", "scadenza", "vervaldatum"]),
    (["time", "purchase time", "transaction time"],
     ["time", "purchase time", "transaction time", "time of purchase"]),
    (["payment terms", "terms", "payment term"],
     ["payment terms", "terms", "payment term", "terms of payment", "credit terms",
      "zahlungsbedingungen", "zahlungsziel", "conditions paiement", "condiciones pago"]),
    (["total", "total amount", "amount due", "total due", "grand total", "balance due",
      "total amount due", "invoice total"],
     ["total", "amount due", "balance due", "grand total", "total due", "total amount",
      "invoice total", "total payable", "amount payable", "total amount due", "balance",
      "total to pay", "total charges", "order total", "total sales", "total sale",
      "sales total", "total incl tax", "total inclusive tax", "total incl gst",
      "total inclusive gst", "total amount payable", "nett total", "net amount payable",
      "gesamtbetrag", "gesamtsumme", "endbetrag", "rechnungsbetrag", "zu zahlen",
      "zahlbetrag", "zu zahlender betrag", "falliger betrag", "offener betrag",
      "due payable", "amount payable", "payable amount",
      "montant ttc", "total ttc", "net a payer", "montant a payer", "reste a payer",
      "total a payer", "montant du", "importe total", "totale"]),
    (["total gross", "gross total", "gross amount", "total incl tax", "total including tax",
      "gross"],
     ["gross total", "total gross", "gross amount", "gross", "total incl tax",
      "total including tax", "total incl vat", "total including vat", "grand total",
      "invoice total", "total", "total amount",
      "brutto", "bruttobetrag", "bruttosumme", "summe brutto", "rechnungssumme brutto",
      "gesamtbetrag", "gesamtsumme", "rechnungsbetrag", "endbetrag", "gesamt brutto",
      "total ttc", "montant ttc", "total toutes taxes comprises"]),
    (["subtotal", "net total", "sub total", "net amount", "total net"],
     ["subtotal", "net total", "total before tax", "total excl tax", "total excluding tax",
      "items total", "merchandise total", "net amount", "amount before tax", "total net",
      "nettobetrag", "netto", "zwischensumme", "summe netto", "montant ht", "total ht",
      "rechnungssumme netto", "nettosumme", "gesamt netto", "summe positionen",
      "rechnungssumme ohne ust", "rechnungssumme ohne mwst", "total excl vat",
      "total hors taxes", "total hors tva", "montant net", "total net ht",
      "sous total", "base imponible"]),
    (["tax", "vat", "gst", "sales tax", "tax amount", "total tax", "vat amount"],
     ["tax", "vat", "gst", "hst", "pst", "sales tax", "tax amount", "total tax", "vat amount",
      "tax total", "taxes", "iva", "mwst", "ust", "umsatzsteuer", "mehrwertsteuer", "tva",
      "montant tva", "btw", "vat total", "total vat", "steuerbetrag", "ust betrag",
      "mwst betrag", "umsatzsteuerbetrag", "summe ust", "summe mwst", "gesamt ust",
      "total tva", "montant total tva"]),
    (["tax rate", "vat rate"], ["tax rate", "vat rate", "tax percent", "vat percent"]),
    (["discount"], ["discount", "discount amount", "savings", "you saved"]),
    (["shipping", "shipping cost", "delivery fee", "freight"],
     ["shipping", "shipping cost", "delivery", "freight", "shipping and handling", "postage",
      "delivery fee"]),
    (["tip", "gratuity"], ["tip", "gratuity", "service charge"]),
    (["vendor", "vendor name", "seller", "supplier", "merchant", "merchant name",
      "seller name", "supplier name", "store name", "business name", "company name"],
     ["vendor", "seller", "supplier", "from", "merchant", "issued by", "biller",
      "sold by", "store", "payee", "lieferant", "verkaufer", "fournisseur", "proveedor",
      "rechnungsersteller", "rechnungssteller", "leistungserbringer", "vendeur", "emetteur"]),
    (["customer", "customer name", "client", "client name", "buyer", "bill to",
      "billed to", "buyer name"],
     ["customer", "bill to", "billed to", "client", "sold to", "buyer", "invoice to",
      "to", "recipient", "kunde", "rechnungsempfanger", "destinataire", "cliente",
      "kaufer", "leistungsempfanger", "acheteur"]),
    (["ship to", "shipping address", "delivery address"],
     ["ship to", "shipping address", "deliver to", "delivery address", "lieferadresse",
      "lieferanschrift", "warenempfanger", "adresse de livraison"]),
    (["quantity", "qty", "units"],
     ["quantity", "units", "unit", "hour", "count", "piece",
      "menge", "anzahl", "quantite", "qte", "cantidad", "quantita", "aantal"]),
    (["unit price", "rate", "price", "unit cost", "price per unit"],
     ["unit price", "rate", "price", "unit cost", "price per unit", "each", "unit rate",
      "cost", "hourly rate", "price each", "unit amount",
      "einzelpreis", "stuckpreis", "preis", "prix unitaire", "prix unitaire ht", "pu",
      "precio unitario", "prezzo unitario"]),
    (["amount", "line total", "line amount", "ext price", "extended price", "total price",
      "line price"],
     ["amount", "line total", "total", "ext price", "extended price", "line amount", "value",
      "net amount", "total price", "price", "sum", "extended cost", "line cost", "extension",
      "gesamt", "gesamtpreis", "betrag", "montant", "montant ht", "importe", "importo"]),
    (["description", "item", "product", "item name", "product name", "item description",
      "service"],
     ["description", "item", "product", "service", "details", "particulars",
      "item description", "product name", "item name", "name", "article", "activity",
      "product service", "bezeichnung", "beschreibung", "artikel", "leistung",
      "designation", "libelle", "descripcion", "concepto", "descrizione"]),
    (["origin", "departure airport", "origin airport"],
     ["from", "origin", "depart from", "departure airport", "departing"]),
    (["destination", "arrival airport", "destination airport"],
     ["to", "destination", "arrival airport", "arriving"]),
    (["departure time", "depart time"], ["departs", "departure", "depart", "departure time"]),
    (["arrival time", "arrive time"], ["arrives", "arrival", "arrive", "arrival time"]),
    (["flight number", "flight no", "flight"], ["flight", "flight no", "flight number"]),
    (["cabin class", "cabin", "fare class"], ["cabin", "class", "cabin class", "fare class"]),
    (["patient responsibility", "amount owed", "member responsibility"],
     ["you owe", "patient owes", "your responsibility", "patient responsibility",
      "member responsibility"]),
    (["procedure code", "cpt code", "service code"], ["code", "cpt", "cpt code", "procedure"]),
    (["start date", "lease start", "commencement date"],
     ["start", "starts", "begins", "commencement", "from", "start date"]),
    (["end date", "lease end", "expiration date", "expiry date"],
     ["end", "ends", "expires", "valid until", "valid through", "expiry", "to"]),
    (["email", "email address", "e mail"], ["email", "email address", "mail"]),
    (["phone", "phone number", "telephone", "mobile", "contact number"],
     ["phone", "phone no", "mobile", "cell", "contact no", "mobile no"]),
    (["address", "street address", "mailing address", "billing address"],
     ["address", "street", "street address", "mailing address", "billing address"]),
    (["location", "city"], ["location", "city", "address", "based in", "residence"]),
    (["website", "url", "homepage", "web"], ["website", "web", "url", "homepage", "site"]),
    (["currency", "currency code"], ["currency", "currency code", "curr"]),
    (["payment method", "payment type", "tender", "paid by"],
     ["payment method", "paid by", "payment", "payment type", "tender", "method of payment",
      "paid with", "card type"]),
    (["account number", "account no", "iban"],
     ["account number", "account no", "acct no", "iban", "account"]),
    (["sku", "item code", "product code", "part number"],
     ["sku", "item code", "product code", "code", "part no", "article no", "item no"]),
    (["summary", "profile", "objective", "professional summary"],
     ["summary", "profile", "objective", "about", "about me", "professional summary",
      "career objective", "personal statement"]),
    (["experience", "work experience", "employment", "employment history", "work history",
      "professional experience"],
     ["experience", "work experience", "employment", "employment history",
      "professional experience", "work history", "career history", "relevant experience",
      "professional background", "career", "professional history", "employment record",
      "positions held", "berufserfahrung", "experience professionnelle"]),
    (["education", "academic background"],
     ["education", "academic background", "education and training", "academic history",
      "academics", "education history", "academic qualifications"]),
    (["skills", "technical skills", "competencies", "core competencies"],
     ["skills", "technical skills", "core competencies", "competencies", "expertise",
      "technologies", "skills and tools", "key skills", "tools", "skill set",
      "areas of expertise", "core skills", "technical proficiencies", "proficiencies",
      "tech stack", "technical expertise", "toolkit", "tool kit", "toolbox",
      "kenntnisse", "competences"]),
    (["certifications", "certificates"], ["certifications", "certificates", "licenses"]),
    (["languages"], ["languages", "language"]),
    (["projects"], ["projects", "selected projects", "key projects"]),
    (["title", "job title", "position", "role"],
     ["title", "job title", "position", "role", "designation"]),
    (["company", "employer", "organization", "organisation"],
     ["company", "employer", "organization", "organisation", "firm"]),
    (["degree", "qualification"], ["degree", "qualification", "diploma", "program"]),
    (["institution", "school", "university", "college"],
     ["institution", "school", "university", "college", "institute"]),
    (["graduation year", "graduation date", "year"],
     ["graduation year", "graduation", "year", "graduated", "class of"]),
    (["start date", "start"], ["start date", "start", "from", "since", "started"]),
    (["end date", "end"], ["end date", "end", "to", "until", "ended"]),
    (["name", "full name", "candidate name"], ["name", "full name", "candidate name"]),
    (["tax id", "vat id", "vat no", "vat number", "tax number", "tax registration number",
      "vat registration number", "tax identification number"],
     ["tax id", "vat id", "vat no", "vat number", "vat reg no", "tax no", "tax number",
      "tax registration no", "ust idnr", "ust id", "steuernummer", "no tva", "numero tva",
      "tva intracommunautaire", "gst no", "hst no", "gst hst no", "tin", "ein", "abn"]),
    (["customer number", "customer no", "customer id", "client number", "client id"],
     ["customer no", "customer id", "client no", "client id", "kundennummer", "kunden no",
      "no client", "numero client", "account no"]),
    (["opening balance", "starting balance", "beginning balance", "previous balance",
      "balance brought forward", "start balance"],
     ["opening balance", "starting balance", "beginning balance", "previous balance",
      "balance brought forward", "brought forward", "balance forward", "anfangssaldo",
      "alter saldo", "solde precedent", "solde initial"]),
    (["closing balance", "ending balance", "end balance", "new balance",
      "balance carried forward", "final balance"],
     ["closing balance", "ending balance", "new balance", "balance carried forward",
      "carried forward", "final balance", "endsaldo", "neuer saldo", "solde final"]),
    (["total deposits", "total credits", "deposits"],
     ["total deposits", "deposits and other credits", "deposits and credits", "total credits",
      "credits", "total paid in", "money in"]),
    (["total withdrawals", "total debits", "withdrawals"],
     ["total withdrawals", "withdrawals and other debits", "withdrawals and debits",
      "total debits", "debits", "total paid out", "money out"]),
    # statement table columns: "Money Out / Money In / Balance", "Debit / Credit"
    (["withdrawal", "transaction withdrawal", "debit", "debit amount"],
     ["withdrawals", "withdrawal", "debits", "debit", "money out", "paid out", "amount out",
      "withdrawals debits"]),
    (["deposit", "transaction deposit", "credit", "credit amount"],
     ["deposits", "deposit", "credits", "credit", "money in", "paid in", "amount in",
      "deposits credits"]),
    (["withdrawal date", "deposit date", "transaction date", "posting date"],
     ["date", "posting date", "post date", "transaction date", "value date", "booking date"]),
    (["withdrawal description", "deposit description", "transaction description"],
     ["description", "transaction details", "details", "transaction", "particulars",
      "narrative", "transaction description", "memo"]),
    (["daily balance", "ending daily balance", "running balance"],
     ["balance", "running balance", "daily balance", "ending daily balance"]),
    (["result", "value", "test result", "result value"],
     ["result", "value", "reading", "measured value"]),
    (["test", "test name", "analyte"],
     ["test", "test name", "analyte", "component", "parameter", "investigation"]),
    (["reference range", "normal range", "reference interval", "ref range"],
     ["reference range", "normal range", "reference interval", "reference", "ref range"]),
    (["date of birth", "dob", "birth date", "birthday"],
     ["date of birth", "dob", "birth date", "born", "birthday", "geburtsdatum",
      "date naissance"]),
    (["collection date", "collected", "specimen collected", "collection time"],
     ["collected", "collection date", "date collected", "specimen collected", "collection"]),
    (["tracking number", "tracking no", "tracking id"],
     ["tracking no", "tracking", "tracking id", "waybill", "awb"]),
    (["check in", "arrival", "arrival date", "check in date"],
     ["arrival", "check in", "arrival date", "arrive", "anreise"]),
    (["check out", "departure", "departure date", "check out date"],
     ["departure", "check out", "departure date", "depart", "abreise"]),
]  # fmt: skip

# Single words too generic to be trusted as labels on their own.
GENERIC = {"no", "date", "name", "total", "amount", "to", "from", "id", "code", "type",
           "value", "number", "unit", "year", "start", "end", "title", "invoice", "receipt",
           "order", "due", "term", "net", "balance", "price", "item", "mail", "account"}  # fmt: skip


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_TOKEN_RE = re.compile(r"[a-z0-9]+|#")


_CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])")
_ACRONYM_RE = re.compile(r"([A-Z]+)([A-Z][a-z])")
_NAME_SEP_RE = re.compile(r"[_\-.\s]+")


@functools.lru_cache(maxsize=4096)
def split_name(name: str) -> str:
    """`invoiceNumber` / `invoice_number` / `Invoice-Number` -> "invoice number".

    Cached: every field's name is split again each time its tokens are read."""
    name = _CAMEL_RE.sub(r"\1 \2", name)
    name = _ACRONYM_RE.sub(r"\1 \2", name)
    return _NAME_SEP_RE.sub(" ", name).strip().lower()


def _singular(tok: str) -> str:
    if len(tok) > 3 and tok.endswith("ies"):
        return tok[:-3] + "y"
    if len(tok) > 3 and tok.endswith("s") and not tok.endswith(("ss", "us", "is", "ous")):
        return tok[:-1]
    return tok


@functools.lru_cache(maxsize=16384)
def tokens(text: str, *, keep_stop: bool = False) -> tuple[str, ...]:
    """Normalised word tokens used for every label comparison."""
    raw = _TOKEN_RE.findall(_strip_accents(text).lower())
    out: list[str] = []
    for tok in raw:
        tok = "no" if tok == "#" else CANON.get(tok, tok)
        tok = _singular(tok)
        if out and (out[-1], tok) in MERGE:
            out[-1] = MERGE[(out[-1], tok)]
            continue
        out.append(tok)
    if not keep_stop:
        kept = [t for t in out if t not in STOP]
        out = kept or out
    return tuple(out)


def _groups_index() -> dict[tuple[str, ...], list[int]]:
    index: dict[tuple[str, ...], list[int]] = {}
    for i, (keys, _) in enumerate(SYNONYM_GROUPS):
        for phrase in keys:
            index.setdefault(tokens(phrase), []).append(i)
    return index


_GROUP_INDEX = _groups_index()


@dataclass(frozen=True)
class Candidate:
    """One phrase a property may be labelled with, and how much to trust it (0..1)."""

    tokens: tuple[str, ...]
    weight: float
    source: str


_PAREN_RE = re.compile(r"\(([^()]*)\)")
_QUOTE_RE = re.compile(r"[\"\u201c\u2018']([^\"\u201d\u2019']{1,40})[\"\u201d\u2019']")
_EXAMPLE_RE = re.compile(r"^\s*(?:e\.?\s?g\.?|eg|for example|such as|like|i\.?e\.?)[\s,:]", re.I)


def description_labels(description: str) -> list[str]:
    """Label phrases a description lists, e.g. "(labelled Invoice No., Invoice #)".

    Parenthesised lists of short phrases are read as labels, except lists introduced by
    "e.g." / "such as", which are example *values* (see `description_examples`).
    """
    found: list[str] = []
    for m in _PAREN_RE.finditer(description):
        inner = m.group(1)
        if _EXAMPLE_RE.match(inner):
            continue
        inner = re.sub(
            r"^\s*(?:labell?ed|labeled|called|named|marked|printed as|as)\s+", "", inner, flags=re.I
        )
        parts = [p.strip(" .…") for p in re.split(r",|;|/|\bor\b", inner)]
        parts = [p for p in parts if p and len(p.split()) <= 4 and not p.isdigit()]
        if len(parts) >= 1 and all(_looks_like_label(p) for p in parts):
            found.extend(parts)
    for m in _QUOTE_RE.finditer(description):
        if len(m.group(1).split()) <= 4:
            found.append(m.group(1))
    return found


def _looks_like_label(text: str) -> bool:
    words = text.replace(".", " ").split()
    if not words or len(words) > 4:
        return False
    return words[0][:1].isupper() or words[0][:1] in "#"


def description_examples(description: str) -> list[str]:
    """Example values a description gives: "(e.g. VISA, Mastercard, CASH)" -> [...]."""
    out: list[str] = []
    for m in _PAREN_RE.finditer(description):
        inner = m.group(1)
        em = _EXAMPLE_RE.match(inner)
        if not em:
            continue
        rest = inner[em.end() :]
        out.extend(p.strip(" .…") for p in re.split(r",|;|\bor\b", rest) if p.strip(" .…"))
    return out


def candidates(
    name: str, title: str | None, description: str | None, parents: list[str] | None = None
) -> list[Candidate]:
    """Label candidates for one property, best first; duplicates keep their best weight."""
    return list(_candidates(name, title, description, tuple(parents or ())))


@functools.lru_cache(maxsize=2048)
def _candidates(
    name: str, title: str | None, description: str | None, parents: tuple[str, ...]
) -> tuple[Candidate, ...]:
    best: dict[tuple[str, ...], Candidate] = {}

    def add(phrase: str | tuple[str, ...], weight: float, source: str) -> None:
        toks = phrase if isinstance(phrase, tuple) else tokens(phrase)
        if not toks:
            return
        old = best.get(toks)
        if old is None or old.weight < weight:
            best[toks] = Candidate(toks, weight, source)

    name_phrase = split_name(name)
    add(name_phrase, 1.0, "name")
    if title:
        add(title, 1.0, "title")
    seeds = [tokens(name_phrase)] + ([tokens(title)] if title else [])
    if parents:
        for parent in parents:
            ptoks = tokens(split_name(parent))
            combo = ptoks + tokens(name_phrase)
            add(combo, 0.95, "parent+name")
            seeds.append(combo)
    if description:
        for phrase in description_labels(description):
            add(phrase, 0.95, "description")
        # "Name of the ticket holder", "Number of packages": the thing is the label
        m = _OF_RE.match(description)
        if m:
            add(m.group(1), 0.8, "description-of")
    toks = tokens(name_phrase)
    if len(toks) > 1 and toks[-1] in UNIT_WORDS:
        # "term_months", "weight_kg", "labor_hours": the unit qualifies, the rest names
        add(toks[:-1], 0.9, "name-without-unit")
        seeds.append(toks[:-1])
    for role_words in (RANGE_START, RANGE_END):
        if len(toks) > 1 and set(toks) & role_words and {"date", "period"} & set(toks):
            # "statement_start_date", "billing_period_end": labelled "Statement Period"
            rest = tuple(t for t in toks if t not in role_words and t != "date")
            if rest:
                add(rest if rest[-1] == "period" else rest + ("period",), 0.8, "period")
    for seed in seeds:
        for gi in _GROUP_INDEX.get(seed, []):
            for phrase in SYNONYM_GROUPS[gi][0] + SYNONYM_GROUPS[gi][1]:
                toks = tokens(phrase)
                add(toks, 0.5 if toks[0] in GENERIC and len(toks) == 1 else 0.85, "synonym")
    # a name like "total_amount_due" also matches its last words ("amount due")
    toks = tokens(name_phrase)
    for k in range(1, len(toks)):
        tail = toks[k:]
        if len(tail) == 1 and tail[0] in GENERIC:
            continue
        for gi in _GROUP_INDEX.get(tail, []):
            for phrase in SYNONYM_GROUPS[gi][0] + SYNONYM_GROUPS[gi][1]:
                add(phrase, 0.6, "synonym-tail")
    return tuple(sorted(best.values(), key=lambda c: (-c.weight, -len(c.tokens), c.tokens)))


UNIT_WORDS = {"month", "year", "day", "week", "hour", "minute", "kg", "lb", "km", "mile",
              "percent", "pct", "usd", "eur", "gbp", "cad"}  # fmt: skip
RANGE_START = {"start", "begin", "beginning", "from"}
RANGE_END = {"end", "ending", "to", "through", "until"}
_OF_RE = re.compile(
    r"^\s*(?:the\s+)?(?:name|number|count|date|amount)\s+of\s+(?:the\s+)?"
    r"([a-z][a-z -]{2,30}?)\s*(?:[.,;(]|$)",
    re.IGNORECASE,
)


def match_score(region: tuple[str, ...], cand: Candidate) -> float:
    """How well a label region of the document matches a candidate phrase (0..1)."""
    if not region:
        return 0.0
    if region == cand.tokens:
        return cand.weight
    a, b = set(region), set(cand.tokens)
    common = a & b
    if not common:
        return 0.0
    if len(common) == 1 and next(iter(common)) in GENERIC:
        if len(region) == 1 and region[0] == cand.tokens[-1]:
            # a bare "Date:" or "Name:" for "event_date", "guest_name": the head word alone
            return cand.weight * 0.3
        # one shared generic word ("Due Date" vs "Invoice Date") is weak evidence
        return cand.weight * 0.3 * len(common) / len(a | b)
    # English compounds name their kind last: "Customer ID" is an ID, whatever it shares
    # with "customer reference"; "Room service" is a service.
    head = 0.8 if region[-1] in b else 0.45
    return cand.weight * head * len(common) / len(a | b)
