"""The kind of a payment ("credit card", "cash", "Apple Pay") read from the words of the
tender line, for a property such as `payment_method.type`.

Receipts rarely label the kind: they print the brand ("VISA DEBIT ****8842", "MASTERCARD",
"Apple Pay (Mastercard •••• 8842)"). The kind follows from the words: a wallet is named as
printed, "debit" makes a debit card, "credit" or a card brand a credit card, and cash,
cheques and bank transfers are what they say.
"""

from __future__ import annotations

import re

from skillkit.engine import vocabulary
from skillkit.engine.context import Context, Match
from skillkit.engine.fields import Field

_KIND_NAMES = {("type",), ("method",), ("kind",), ("mode",), ("payment", "type")}
_WALLETS = ("apple pay", "google pay", "samsung pay", "paypal", "venmo", "zelle")
_KINDS = (
    (r"\bdebit\b", "debit card"),
    (r"\bcredit\b(?!\s+(?:note|memo|balance))", "credit card"),
    (r"\bgift\s*card\b", "gift card"),
    (r"\bcash\b(?!\s*back)", "cash"),
    (r"\b(?:check|cheque)\b", "check"),
    (r"\b(?:ach|wire transfer|bank transfer|wire)\b", "bank transfer"),
)


def is_payment_kind(f: Field) -> bool:
    """A free-text kind of payment nested under a payment object (`payment_method.type`)."""
    return (
        f.kind == "string"
        and f.tokens in _KIND_NAMES
        and any(p in ("payment", "tender", "paid") for p in f.parents)
    )


def payment_kind(text: str) -> str | None:
    """The kind of payment a tender line names, or None when it names none."""
    low = text.lower()
    for wallet in _WALLETS:
        at = low.find(wallet)
        if at >= 0:
            return text[at : at + len(wallet)]
    for pattern, kind in _KINDS:
        if re.search(pattern, low):
            return kind
    if any(re.search(rf"\b{re.escape(b)}\b", low) for b in vocabulary.CARD_BRANDS):
        return "credit card"
    return None


def payment_kind_match(ctx: Context, f: Field) -> Match | None:
    """The kind named by the tender lines: a card or wallet line outranks a word such as
    "check" or "cash", which receipts also print as "Check #4471" or "Cash back"."""
    best: tuple[int, int, Match] | None = None
    for li, line in enumerate(ctx.lines):
        for seg in line.segments:
            if not vocabulary.find_payment_method(seg.text):
                continue
            kind = payment_kind(line.text)
            if kind is None:
                continue
            rank = 0 if kind.endswith("card") or kind.lower() in _WALLETS else 1
            if best is None or (rank, li) < best[:2]:
                best = (rank, li, Match(f, kind, 0.4, line.page, seg.bbox))
            break
    return best[2] if best else None
