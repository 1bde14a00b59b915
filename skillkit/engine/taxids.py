"""Tax identifiers (VAT, GST, ABN, EIN, ...): accept only values shaped like one.

A tax-id label is often followed by a layout neighbour that is a word ("Amount", "Date", "FROM")
or a company name; a real identifier always carries a run of digits, optionally behind a country
prefix (GB123456789, ESB12345678, 22AAAAA0000A1Z5, ABN 11 222 333 444, 84-3920175).
"""

from __future__ import annotations

import re

_TAX_WORDS = {"vat", "tax", "gst", "hst", "gstin", "abn", "ein", "tin", "ust", "tva", "siret"}
_ALONE = {"gstin", "abn", "ein", "tin", "siret"}  # these words already mean "identifier"
_ID_WORDS = {"id", "number", "no", "num", "registration", "reg", "identifier"}
_MIN_DIGITS = 5

# A run of letters/digits joined by single spaces, dots or dashes, starting with a digit or a
# short country prefix right before a digit.
_RUN_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{2,3}[ -]?)?\d(?:[0-9A-Z]|[ .-](?=[0-9A-Z]))*(?![A-Za-z0-9])"
)
_LABEL_PREFIX_RE = re.compile(r"^(?:VAT|TAX|ABN|EIN|TIN|GST|HST|TVA|UST|NO)[ -]", re.IGNORECASE)


def is_tax_id_field(tokens: tuple[str, ...]) -> bool:
    """True for properties naming a tax identifier ("issuer_vat_id", "tax_number", "abn")."""
    words = set(tokens)
    if words & _ALONE:
        return True
    return bool(words & _TAX_WORDS) and bool(words & _ID_WORDS)


def tax_id_value(text: str) -> str | None:
    """The tax-identifier-shaped part of `text`, or None when it holds none (a word, a date)."""
    best = None
    for m in _RUN_RE.finditer(text):
        run = _LABEL_PREFIX_RE.sub("", m.group(0)).strip(" .-")
        if sum(ch.isdigit() for ch in run) >= _MIN_DIGITS and (
            best is None or len(run) > len(best)
        ):
            best = run
    return best


_LABEL_RE = re.compile(
    r"\b(?:VAT|TVA|GST|HST|GSTIN|ABN|EIN|TIN|UST|USt|Tax|SIRET)\b", re.IGNORECASE
)


def labelled_tax_id(lines: list[str]) -> tuple[int, str] | None:
    """(line index, value) of the first identifier printed after a tax-id label on its line
    or, for a label alone at a line's end, on the next line. Used when the label's layout
    neighbour was not an identifier (a table header, a company name)."""
    for i, text in enumerate(lines):
        for m in _LABEL_RE.finditer(text):
            value = tax_id_value(text[m.end() :])
            if value is None and not text[m.end() :].strip(" :#.") and i + 1 < len(lines):
                value = tax_id_value(lines[i + 1])
                if value is not None:
                    return i + 1, value
            if value is not None:
                return i, value
    return None
