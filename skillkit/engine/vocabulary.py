"""Small word lists that tell what kind of thing an unlabelled piece of text is.

Used where documents print values without labels: the parts of a resume entry ("Senior Data
Engineer", "Acme Corp, Austin, TX"), a payment line on a receipt ("VISA", "CASH TEND").
Each `*_score` returns 0..1: how strongly the text looks like that kind of value.
"""

from __future__ import annotations

import re

from skillkit.engine.labels import tokens

ORG_WORDS = {
    "inc", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag", "sa",
    "bv", "nv", "plc", "llp", "lp", "pty", "group", "holding", "holdings", "partner",
    "technology", "technologie", "system", "solution", "lab", "studio", "agency", "bank",
    "insurance", "hospital", "clinic", "center", "centre", "health", "healthcare", "medical",
    "university", "college", "foundation", "association", "institute", "consulting",
    "capital", "venture", "software", "network", "industrie", "industry", "service",
    "media", "analytic", "logistic", "retail", "store", "market", "financial", "finance",
    "pharma", "pharmaceutical", "energy", "motor", "airline", "hotel", "restaurant", "cafe",
    "bakery", "firm", "office", "department", "ministry", "council", "school", "academy",
    "enterprise", "international", "global", "associate", "freight", "design",
    "trading", "hardware", "mart", "shop", "supermarket", "pharmacy", "restoran", "kedai",
    "bhd", "sdn",
}  # fmt: skip
TITLE_WORDS = {
    "engineer", "developer", "designer", "analyst", "manager", "director", "nurse", "intern",
    "consultant", "specialist", "lead", "head", "officer", "assistant", "coordinator",
    "scientist", "teacher", "accountant", "architect", "administrator", "representative",
    "technician", "editor", "writer", "producer", "chef", "cook", "president", "vp",
    "founder", "cofounder", "owner", "partner", "principal", "senior", "junior", "staff",
    "chief", "ceo", "cto", "cfo", "coo", "supervisor", "clerk", "cashier", "agent",
    "advisor", "adviser", "associate", "researcher", "professor", "lecturer", "tutor",
    "instructor", "programmer", "tester", "operator", "physician", "therapist", "pharmacist",
    "attorney", "lawyer", "paralegal", "auditor", "controller", "bookkeeper", "planner",
    "strategist", "marketer", "recruiter", "secretary", "receptionist", "driver", "mechanic",
    "electrician", "photographer", "illustrator", "artist", "journalist", "trainee",
    "apprentice", "fellow", "volunteer", "charge", "registered", "executive", "sre", "devops",
}  # fmt: skip
DEGREE_WORDS = {
    "bachelor", "master", "doctor", "doctorate", "phd", "mba", "bsc", "msc", "ba", "bs", "ma",
    "ms", "bfa", "mfa", "beng", "meng", "llb", "llm", "jd", "md", "dds", "associate",
    "diploma", "certificate", "degree", "hnd", "ged", "aa", "as", "bba", "btech", "mtech",
    "mphil", "dphil", "abitur", "licence", "license", "bsn", "msn", "dnp", "edd",
}  # fmt: skip
INSTITUTION_WORDS = {
    "university", "college", "school", "institute", "academy", "polytechnic",
    "conservatory", "universidad", "universite", "universitat", "hochschule", "seminary",
}  # fmt: skip
PAYMENT_METHODS = [
    "american express", "amex", "visa", "mastercard", "master card", "maestro", "discover",
    "diners club", "jcb", "union pay", "unionpay", "debit card", "credit card", "debit",
    "credit", "cash", "check", "cheque", "apple pay", "google pay", "samsung pay", "paypal",
    "venmo", "gift card", "store credit", "ebt", "bank transfer", "wire transfer", "ach",
    "interac", "eftpos", "contactless", "zelle",
]  # fmt: skip

CARD_BRANDS = {
    "american express", "amex", "visa", "mastercard", "master card", "maestro", "discover",
    "diners club", "jcb", "union pay", "unionpay",
}  # fmt: skip

US_STATES = set(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC ON QC BC AB MB SK NS NB NL "
    "PE".split()
)
COUNTRIES = {
    "usa", "us", "uk", "united states", "united kingdom", "canada", "germany", "france",
    "spain", "italy", "netherlands", "india", "china", "japan", "australia", "ireland",
    "mexico", "brazil", "sweden", "norway", "denmark", "finland", "poland", "portugal",
    "switzerland", "austria", "belgium", "singapore", "new zealand", "south africa",
    "nigeria", "kenya", "israel", "uae", "remote",
}  # fmt: skip

_LOCATION_RE = re.compile(
    r"^[A-Z][A-Za-z.'\- ]{1,40},\s*(?:[A-Z]{2}|[A-Z][A-Za-z .'-]{2,30})(?:\s+\d{5}(?:-\d{4})?)?$"
)
_DEGREE_ABBR_RE = re.compile(
    r"^(?:[BMD]\.(?:[A-Z][a-z]?\.){1,3}|[BMD]\.?\s?[A-Z][A-Za-z]{0,3}\.?|Ph\.?\s?D\.?|A\.[AS]\.)"
    r"(?=\s|,|$)"
)


def _words(text: str) -> set[str]:
    return set(tokens(text, keep_stop=True))


def location_score(text: str) -> float:
    """ "Austin, TX", "San Diego, CA", "Amsterdam, Netherlands", "Remote"."""
    t = text.strip().strip(".")
    if not t:
        return 0.0
    if t.lower() in COUNTRIES:
        return 0.6
    m = _LOCATION_RE.match(t)
    if not m or title_score(t.split(",")[0]) or org_score(t.split(",")[0]) >= 0.6:
        return 0.0
    last = t.rsplit(",", 1)[1].strip()
    last_word = last.split()[0] if last.split() else ""
    if last_word in US_STATES or last.lower() in COUNTRIES:
        return 1.0
    if re.fullmatch(r"[A-Z]{2}", last_word):
        return 0.8  # a state or province code elsewhere
    if last_word.isupper():
        return 0.0  # "Registered Nurse, BSN": letters after a comma, not a place
    if len(t.split(",")[0].split()) <= 3 and len(last.split()) <= 2:
        return 0.6
    return 0.0


LEGAL_SUFFIXES = {
    "inc", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag",
    "bv", "nv", "plc", "llp", "lp", "pty", "group", "holding", "sp", "oy", "ab", "srl", "spa",
    "sarl", "kk", "pvt", "pte", "sa", "se", "bhd", "sb", "gbr", "ohg", "kg", "eg", "ug",
}  # fmt: skip


def legal_entity(text: str) -> bool:
    """A company name by its legal form: "Baltic Soft Inc", "Acme GmbH", "Foo B.V."."""
    compact = re.sub(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\.)", "", text)
    words = list(tokens(compact.replace(".", " "), keep_stop=True))
    joined = "".join(words[-2:]) if len(words) >= 2 else ""
    return bool(words) and (words[-1] in LEGAL_SUFFIXES or joined in {"bv", "nv", "sa", "ag"})


def org_score(text: str) -> float:
    if "," in text and location_score(text) >= 0.8:
        return 0.0  # "Broomfield, CO": a state code, not "Co." the company form
    words = _words(text)
    hits = len(words & ORG_WORDS)
    if hits and not (words & TITLE_WORDS - {"associate", "partner"}):
        return min(1.0, 0.6 + 0.2 * hits)
    return 0.3 * min(hits, 1)


def title_score(text: str) -> float:
    words = _words(text)
    hits = len(words & TITLE_WORDS)
    if not hits:
        return 0.0
    if words & INSTITUTION_WORDS:
        return 0.1
    return min(1.0, 0.5 + 0.25 * hits)


def degree_score(text: str) -> float:
    t = text.strip()
    words = _words(t)
    if _DEGREE_ABBR_RE.match(t) and not (words & INSTITUTION_WORDS):
        return 1.0
    if words & {"bachelor", "master", "doctor", "doctorate", "phd", "mba", "associate", "diploma"}:
        return 0.9 if not (words & INSTITUTION_WORDS) else 0.3
    if words & DEGREE_WORDS and not (words & INSTITUTION_WORDS):
        return 0.5
    if re.search(r"\b(?:of|in)\s+(?:science|arts|engineering|business|fine arts)\b", t, re.I):
        return 0.8
    return 0.0


_DEGREE_NAME_RE = re.compile(
    r"^((?:bachelor|master|doctor|associate)(?:'?s)?\s+of\s+(?:(?:fine|applied|liberal)\s+)?[A-Z][a-z]+"
    r"(?:\s+(?:administration|technology))?|[A-Z][A-Za-z.]*\s+(?:degree|diploma))"
    r"(?:\s*\((?:hons?|honours)\.?\))?\s*(?:,\s*|\s+in\s+|\s+[-–—]\s+)(.+)$",
    re.I,
)
_DEGREE_ABBR_FIELD_RE = re.compile(
    r"^((?:[BMD]\.(?:[A-Z][a-z]?\.){1,3}|[BMD]\.?\s?[A-Z][A-Za-z]{0,3}\.?|Ph\.?\s?D\.?|A\.[AS]\.)"
    r"(?:\s*\((?:hons?|honours)\.?\))?)(?:,\s*|\s+in\s+|\s+)([A-Z].+)$"
)


def split_degree(text: str) -> tuple[str, str] | None:
    """("Bachelor of Science", "Computer Science") from "Bachelor of Science in Computer
    Science", "M.S. Computer Science" or "Ph.D., Bioinformatics": résumés write the degree
    and its field as one phrase, schemas ask for them apart."""
    t = text.strip()
    m = _DEGREE_NAME_RE.match(t) or _DEGREE_ABBR_FIELD_RE.match(t)
    if not m:
        return None
    degree, field = m.group(1).strip(" ,"), m.group(2).strip(" ,")
    if not field or _words(field) & INSTITUTION_WORDS or degree_score(degree) < 0.8:
        return None
    return degree, field


def institution_score(text: str) -> float:
    words = _words(text)
    if words & INSTITUTION_WORDS:
        return (
            1.0
            if not re.match(r"^(?:bachelor|master|associate|doctor)", text.strip(), re.I)
            else 0.2
        )
    return 0.0


def find_payment_method(text: str, extra: list[str] | None = None) -> tuple[int, int] | None:
    """The span of the first payment-method phrase in `text` (longest phrase wins)."""
    phrases = sorted({p.lower() for p in PAYMENT_METHODS + (extra or [])}, key=len, reverse=True)
    low = text.lower()
    best: tuple[int, int] | None = None
    for p in phrases:
        m = re.search(rf"(?<![a-z]){re.escape(p)}(?![a-z])", low)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    return best


_LEVEL_RE = re.compile(
    r"\b(native|mother tongue|bilingual|fluent|fluency|advanced|intermediate|conversational|"
    r"professional|proficient|proficiency|basic|beginner|elementary|working|limited|"
    r"[ABC][12])\b",
    re.I,
)
_PAREN_END_RE = re.compile(r"^(?P<name>.+?)\s*\((?P<extra>[^()]*)\)\s*$")


def strip_level(piece: str) -> str:
    """ "Spanish (native)" -> "Spanish": a plain list keeps the name, not the proficiency."""
    m = _PAREN_END_RE.match(piece)
    if m and _LEVEL_RE.search(m.group("extra")):
        return m.group("name")
    return piece
