"""Small normalizers shared by the registry readers: ages, sex, status, phase, routes, contacts."""

from __future__ import annotations

import re
from collections.abc import Iterable

from trialbot.domain.ages import in_years, parse_written_age
from trialbot.domain.trial import AgeLimit, Contact, Sex

# Ordered: the first pattern that names a route wins when two are equally close to the drug name.
_ROUTES: tuple[tuple[str, str], ...] = (
    (
        "intravenous",
        r"intravenous(?:ly)?|\bi\.\s?v\.|(?<![Ss]tage )(?<![Gg]rade )(?<![Cc]lass )(?-i:\bIV\b)"
        r"|\binfusions?\b|\binfused\b|(?:through|into) a vein",
    ),
    ("oral", r"\boral(?:ly)?\b|by mouth|\bp\.o\.|(?-i:\bPO\b)|\btablets?\b|\bcapsules?\b|swallow"),
    ("subcutaneous", r"subcutaneous(?:ly)?|\bs\.\s?c\.|(?-i:\bSC\b)|under the skin"),
    ("intramuscular", r"intramuscular(?:ly)?|\bi\.\s?m\.|into a muscle"),
    ("intrathecal", r"intrathecal(?:ly)?|into the spinal fluid"),
    ("intratumoral", r"intra-?tumou?ral(?:ly)?|into the tumou?r"),
    ("intravesical", r"intravesical(?:ly)?|into the bladder"),
    ("intraperitoneal", r"intraperitoneal(?:ly)?|into the (?:belly|abdomen)"),
    ("intra-arterial", r"intra-?arterial(?:ly)?|into an artery"),
    ("topical", r"\btopical(?:ly)?\b|on the skin|applied to the skin"),
    ("inhaled", r"\binhal(?:ed|ation|er)\b|nebuli[sz]ed"),
    ("intranasal", r"intranasal(?:ly)?|nasal spray"),
    ("intravitreal", r"intravitreal(?:ly)?"),
)
_ANY_ROUTE = re.compile(
    "|".join(f"(?P<r{i}>{pattern})" for i, (_route, pattern) in enumerate(_ROUTES)), re.IGNORECASE
)
_GENERIC_WORDS = {
    "drug",
    "injection",
    "tablet",
    "tablets",
    "capsule",
    "capsules",
    "placebo",
    "dose",
    "combined",
    "with",
    "plus",
    "arm",
    "therapy",
    "treatment",
    "liposomal",
    "liposome",
    "standard",
    "oral",
    "intravenous",
}


def age_limit(text: str | None) -> AgeLimit | None:
    """'18 Years' / '6 Months' / '28 Days' -> AgeLimit as written; a bare number is years;
    missing, 'N/A' or an unknown unit -> None."""
    if text and re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", text):
        return AgeLimit(value=float(text), unit="years")
    written = parse_written_age(text)
    return None if written is None else AgeLimit(value=written[0], unit=written[1])


def age_years(text: str | None) -> float | None:
    """'18 Years' / '6 Months' / '2 Weeks' -> years at full precision; missing or 'N/A' -> None."""
    limit = age_limit(text)
    return None if limit is None else in_years(limit.value, limit.unit)


def sex_of(text: str | None) -> Sex:
    """Registry sex codes (ALL/FEMALE/MALE, any case) → all/female/male."""
    value = (text or "").strip().lower()
    if value in {"female", "females", "f", "women"}:
        return "female"
    if value in {"male", "males", "m", "men"}:
        return "male"
    return "all"


def status_code(text: str | None) -> str | None:
    """A status in the registry's code form: 'Not yet recruiting' → 'NOT_YET_RECRUITING'."""
    if not text or not text.strip():
        return None
    return re.sub(r"[^A-Za-z0-9]+", "_", text.strip()).strip("_").upper()


_PHASE_LABELS = {
    "EARLY_PHASE1": "Early Phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
    "NA": "Not Applicable",
}


def phase_label(phases: Iterable[str] | None) -> str | None:
    """ClinicalTrials.gov phase codes → 'Phase 1/Phase 2'; none → None."""
    labels = [_PHASE_LABELS.get(str(p).upper(), str(p)) for p in phases or [] if str(p).strip()]
    return "/".join(labels) or None


def _name_keys(name: str) -> list[str]:
    """Lower-case strings that identify a drug name in running text."""
    base = re.sub(r"\(.*?\)", " ", name).lower().strip()
    keys = [base] if base else []
    for word in re.findall(r"[a-z0-9][a-z0-9\-]{3,}", base):
        if word not in _GENERIC_WORDS and word not in keys:
            keys.append(word)
    return keys


def _route_matches(text: str) -> list[tuple[int, int, str]]:
    """Every route mention in the text as (start, order, route), found in one scan."""
    found: list[tuple[int, int, str]] = []
    for match in _ANY_ROUTE.finditer(text):
        order = int((match.lastgroup or "r0")[1:])
        found.append((match.start(), order, _ROUTES[order][0]))
    return found


def guess_route(text: str, name: str | None = None) -> str | None:
    """The route a text gives for a drug: the mention nearest the drug's name, else the first."""
    if not text:
        return None
    matches = _route_matches(text)
    if not matches:
        return None
    if not name:
        return min(matches)[2]
    lowered = text.lower()
    spots = [m.start() for key in _name_keys(name) for m in re.finditer(re.escape(key), lowered)]
    if not spots:
        return min(matches)[2]
    return min(matches, key=lambda m: (min(abs(m[0] - s) for s in spots), m[1]))[2]


_GAP = re.compile(r"^[\w\-]*(?:\s+(?!(?:with|and|or|plus|along|versus|vs)\b)[\w\-]+){0,3}\s*$")


def route_next_to(text: str, name: str) -> str | None:
    """A route written right beside the drug's full name ('oral ketamine', 'X given orally')."""
    base = re.sub(r"\(.*?\)", " ", name).strip().lower()
    if len(base) < 3 or not text:
        return None
    lowered = text.lower()
    spots = list(re.finditer(re.escape(base), lowered))
    if not spots:
        return None
    for spot in spots:
        offset = max(0, spot.start() - 60)
        nearby = _route_matches(text[offset : spot.end() + 60])
        for local_start, _order, route in sorted(nearby):
            start = offset + local_start
            if start < spot.start():
                gap = re.sub(r"^\S+", "", lowered[start : spot.start()], count=1)
            else:
                gap = lowered[spot.end() : start]
            if len(gap) <= 40 and _GAP.match(gap.strip()):
                return route
    return None


def name_mentioned(text: str, name: str) -> bool:
    """True when the drug's name (or a distinctive word of it) appears in the text."""
    lowered = text.lower()
    return any(key in lowered for key in _name_keys(name))


def clean(value: object) -> str | None:
    """A stripped string, or None for missing / blank values."""
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None


def dedupe_contacts(contacts: Iterable[Contact]) -> list[Contact]:
    """Contacts in order, without repeats and without entries that carry nothing."""
    seen: set[tuple[str, str, str]] = set()
    result: list[Contact] = []
    for contact in contacts:
        key = (
            (contact.name or "").lower(),
            re.sub(r"\D", "", contact.phone or ""),
            (contact.email or "").lower(),
        )
        if key == ("", "", "") or key in seen:
            continue
        seen.add(key)
        result.append(contact)
    return result
