"""Values printed inside a sentence or a title line rather than after their own label.

- The document's number and date in its title line: "Invoice # RE-2020/508 issued at
  2020-11-21", "Handelsrechnung (380) Nr. 471113 vom 13.06.2018", "Facture N° F-12 du
  03/11/2017", "Rechnung RE-7 vom 9. Mai 2017".
- The payment due date in the payment terms: "Zahlbar innerhalb 30 Tagen netto bis
  04.04.2013, 3% Skonto ... bis 15.03.2013" (the net date, not the discount date), "Please
  remit until 2020-12-12", "Payable by 12 March 2026", "à régler avant le 30/11/2017".

Both propose matches with a score below a labelled value's, so a printed "Invoice No:" or
"Due date:" label still wins.
"""

from __future__ import annotations

import re

from skillkit.engine import values
from skillkit.engine.context import Context, Match
from skillkit.engine.fields import Field, parse_value

TITLE_SCORE = 0.66
DUE_SCORE = 0.6

# document-type words a title starts with (German compounds: Handelsrechnung, Teilrechnung)
_DOC_WORD = (
    r"(?:\w*rechnung|\w*gutschrift|invoice|tax invoice|credit note|debit note|facture|avoir|"
    r"factura|fattura|factuur|bill)"
)
_NO_WORD = r"(?:nr\.?|no\.?|n[°º]\.?|nummer|number|num[eé]ro|#)"
_TITLE_RE = re.compile(
    rf"\b{_DOC_WORD}\b(?:\s*\([^()]{{0,40}}\))*\s*(?:{_NO_WORD}\s*)?[:.]?\s*"
    r"(?P<id>(?=[\w./-]*\d)[A-Za-z0-9][\w./-]*[A-Za-z0-9])"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_DATE_LEAD_RE = re.compile(
    r"^\s*[,(]?\s*(?:issued\s+(?:at|on)|dated?|of|from|vom|von|du|del|le|am|datum|date)\s*:?\s*",
    re.IGNORECASE,
)
_ISSUE_WORDS = {"issue", "invoice", "document", "bill", "billing", "rechnungsdatum"}
_DOC_ID_WORDS = {"invoice", "document", "bill", "credit", "rechnung", "facture", "receipt"}
_ID_TAIL = {"no", "number", "id", "nr"}


def _is_doc_number(f: Field) -> bool:
    toks = set(f.tokens)
    return f.kind == "string" and bool(toks & _ID_TAIL) and bool(toks & _DOC_ID_WORDS)


def _is_issue_date(f: Field) -> bool:
    toks = f.tokens
    return f.kind in ("date", "datetime") and (
        toks in (("date",), ("date", "issued"))
        or (bool(set(toks) & _ISSUE_WORDS) and "date" in toks)
    )


def _is_due_date(f: Field) -> bool:
    toks = set(f.tokens)
    return f.kind in ("date", "datetime") and bool(toks & {"due", "payable", "fallig", "echeance"})


def title_proposals(ctx: Context, fields: list[Field]) -> list[Match]:
    """Number and date of the document from its title line (first match per page order)."""
    numbers = [f for f in fields if _is_doc_number(f)]
    dates = [f for f in fields if _is_issue_date(f)]
    if not numbers and not dates:
        return []
    out: list[Match] = []
    for li, line in enumerate(ctx.lines[:80]):
        for si, seg in enumerate(line.segments):
            m = _TITLE_RE.search(seg.text)
            if m is None or m.start() > 40:
                continue
            ident = m.group("id")
            if values.find_dates(ident) or not any(ch.isdigit() for ch in ident):
                continue
            rest = m.group("rest")
            lead = _DATE_LEAD_RE.match(rest)
            found = values.find_dates(rest, dayfirst=ctx.dayfirst) if lead else []
            if found and found[0].span[0] > lead.end() + 2:
                found = []
            if not found and rest.strip() and not rest.strip().startswith(("-", "|")):
                continue  # "Invoice 12 items": not a number line
            for f in numbers:
                out.append(
                    Match(
                        f, ident, TITLE_SCORE, line.page, seg.bbox, "title", (li, si, m.start("id"))
                    )
                )
            if found:
                start = m.start("rest") + found[0].span[0]
                for f in dates:
                    value = parse_value(f, rest[found[0].span[0] : found[0].span[1]], ctx.dayfirst)
                    if value:
                        key = (li, si, start)
                        out.append(Match(f, value, TITLE_SCORE, line.page, seg.bbox, "title", key))
            return out
    return out


_PAY_RE = re.compile(
    r"\b(?:zahlbar|zahlungsziel|zu zahlen|f[äa]llig|[üu]berweis|bezahl|begleich|"
    r"payable|pay|remit|payment|due|transfer|virement|"
    r"r[ée]gler|payer|paiement|[ée]ch[ée]ance|pagar|pagadero|vencimiento)\w*",
    re.IGNORECASE,
)
_BY_RE = re.compile(
    r"\b(?:bis(?:\s+(?:zum|sp[äa]testens))?|sp[äa]testens(?:\s+am)?|am|until|by|before|"
    r"on or before|no later than|avant(?:\s+le)?|au plus tard(?:\s+le)?|jusqu'au|le|on|"
    r"antes del?|hasta)\s*:?\s*$",
    re.IGNORECASE,
)
_EARLY_RE = re.compile(r"skonto|discount|escompte|rabatt|descuento|sconto", re.IGNORECASE)


def due_proposals(ctx: Context, fields: list[Field]) -> list[Match]:
    """The due date written in the payment terms sentence."""
    due = [f for f in fields if _is_due_date(f)]
    if not due:
        return []
    for li, line in enumerate(ctx.lines):
        for si, seg in enumerate(line.segments):
            text = seg.text
            if not _PAY_RE.search(text):
                continue
            for d in values.find_dates(text, dayfirst=ctx.dayfirst):
                before = text[: d.span[0]]
                clause = re.split(r"[,;]|\s\d+(?:[.,]\d+)?\s?%", before)[-1]
                if not _BY_RE.search(before) or _EARLY_RE.search(clause):
                    continue
                out = []
                for f in due:
                    value = parse_value(f, text[d.span[0] : d.span[1]], ctx.dayfirst)
                    if value:
                        key = (li, si, d.span[0])
                        out.append(Match(f, value, DUE_SCORE, line.page, seg.bbox, "terms", key))
                if out:
                    return out
    return []
