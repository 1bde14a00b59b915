"""Post-nominal credentials (", RN, BSN", ", MBA", ", Ph.D.") are not part of a person's name.

Resumes and letterheads print a person's degrees and licences after the name; a field asking
for the person's name wants the name alone. Only fields that name a person (not a company, a
product or a school) are trimmed, and only a trailing run of known credential abbreviations.
"""

from __future__ import annotations

import re

_CREDENTIALS = (
    r"R\.?N\.?|B\.?S\.?N\.?|M\.?S\.?N\.?|L\.?P\.?N\.?|N\.?P\.?|C\.?N\.?A\.?|M\.?D\.?|D\.?O\.?"
    r"|D\.?D\.?S\.?|D\.?M\.?D\.?|D\.?V\.?M\.?|Ph\.?\s?D\.?|Pharm\.?\s?D\.?|Ed\.?\s?D\.?|Psy\.?\s?D\.?"
    r"|M\.?B\.?A\.?|M\.?P\.?H\.?|M\.?S\.?W\.?|M\.?S\.?c?\.?|M\.?A\.?|M\.?Eng\.?|B\.?A\.?|B\.?S\.?c?\.?"
    r"|J\.?D\.?|LL\.?M\.?|Esq\.?|C\.?P\.?A\.?|C\.?F\.?A\.?|P\.?E\.?|PMP|CISSP|SHRM-[CS]?CP"
    r"|LCSW|FACP|FRCP|CPHQ|CCRN|ACCA|CMA"
)
_TRAILING = re.compile(rf"(?:\s*,\s*(?:{_CREDENTIALS}))+\s*$")

# Words (in the field's own name or its parents) that make a "name" something other than a person.
_NOT_PERSON = {
    "company", "vendor", "merchant", "employer", "business", "organization", "organisation",
    "bank", "hotel", "provider", "insurer", "issuer", "store", "school", "institution",
    "university", "college", "lab", "laboratory", "product", "item", "file", "skill",
    "certification", "certificate", "degree", "project", "course", "brand", "service", "plan",
    "account", "supplier", "seller", "carrier", "shop", "restaurant", "facility", "clinic",
}  # fmt: skip
# A clinician named in that role (a prescription's prescriber) signs with the credential that
# authorises the act: "Anita Deshmukh, MD" is how the document identifies them, so it is kept.
_SIGNS_WITH_CREDENTIAL = {
    "prescriber", "prescribing", "physician", "doctor", "practitioner", "attending",
    "referring", "ordering", "dentist", "surgeon", "clinician", "signatory",
}  # fmt: skip


def is_person_name(tokens: tuple[str, ...], parents: tuple[str, ...]) -> bool:
    """A string field that names a person: its name ends in "name" and nothing says organisation."""
    if not tokens or tokens[-1] != "name":
        return False
    words = set(tokens) | {w for p in parents for w in re.split(r"[^a-z]+", p.lower()) if w}
    return not (words & (_NOT_PERSON | _SIGNS_WITH_CREDENTIAL))


def strip_credentials(text: str) -> str:
    """ "Hannah Lindqvist, Ph.D." -> "Hannah Lindqvist"; a name with no credentials is unchanged."""
    stripped = _TRAILING.sub("", text)
    return stripped if stripped and " " in stripped.strip() else text
