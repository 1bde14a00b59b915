"""Month and weekday names, written once for the judge (`skillkit.compare`) and the engine
(`skillkit.engine.values`, `skillkit.engine.yearless`).

Keys are lower case; match case-insensitively and look the match up lower-cased. The judge
reads English names only (`ENGLISH_MONTHS`: an expected "15 March 2026" equals an actual
"2026-03-15"); the engine also reads a few common German, French and Spanish ones (`MONTHS`),
written without accents as documents often are.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ENGLISH_MONTHS", "MONTHS", "ORDINAL", "WEEKDAYS", "alternation"]

ENGLISH_MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

MONTHS: dict[str, int] = {
    **ENGLISH_MONTHS,
    "januar": 1, "janvier": 1, "enero": 1, "februar": 2, "fevrier": 2, "febrero": 2,
    "marz": 3, "mars": 3, "marzo": 3, "avril": 4, "abril": 4, "mai": 5, "mayo": 5, "juni": 6,
    "juin": 6, "junio": 6, "juli": 7, "juillet": 7, "julio": 7, "aout": 8, "agosto": 8,
    "septembre": 9, "septiembre": 9, "oktober": 10, "octobre": 10, "octubre": 10,
    "novembre": 11, "noviembre": 11, "dezember": 12, "decembre": 12, "diciembre": 12,
}  # fmt: skip

# English weekday names and their usual abbreviations ("Tue", "Tues", "Thu", "Thur", "Thurs").
WEEKDAYS: tuple[str, ...] = tuple(
    (
        "monday tuesday wednesday thursday friday saturday sunday "
        "mon tues tue wed thurs thur thu fri sat sun"
    ).split()
)

ORDINAL = r"(?:st|nd|rd|th)?"  # the suffix of "1st", "22nd", "3rd", "4th"


def alternation(names: Iterable[str]) -> str:
    """A regex alternation of `names`, longest first (so "sept" wins over "sep")."""
    return "|".join(sorted(names, key=len, reverse=True))
