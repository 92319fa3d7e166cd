"""Reading a person's own words: which condition, subtype or biomarker answers, which place."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from trialbot.dialog.catalogue.knowledge import Condition, Knowledge
from trialbot.domain.facts import FactValue
from trialbot.prompts import load_prompts
from trialbot.sources.places import Place, gazetteer


@lru_cache(maxsize=1)
def _place_words() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """The words a place follows, the words that never start one, and the country codes that
    count in lower case (prompts/catalogue.yaml)."""
    raw = load_prompts("catalogue")
    leads = sorted((str(w) for w in raw.get("place_lead_words") or []), key=len, reverse=True)
    lead = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in leads)
    pattern = re.compile(
        rf"\b(?:{lead})\s+(?:in|near|close to|outside|around)?\s*([^.?!;:\n]+)", re.IGNORECASE
    )
    not_words = frozenset(str(w).lower() for w in raw.get("place_not_words") or [])
    codes = frozenset(str(w).lower() for w in raw.get("place_codes_lower_case") or [])
    return pattern, not_words, codes


def real_place(words: list[str], after_the: bool = False) -> bool:
    """True when `words` (as written) may name a place: their first word is no pronoun or
    everyday word of `place_not_words` ("me", "it", "im", "home"), and a first word of two
    letters is a country code written in capitals ("UK", "US"; not "NO", "IT") or one of
    `place_codes_lower_case` ("uk", "us"), or follows "the" ("the uk")."""
    _, not_words, codes = _place_words()
    if not words:
        return False
    first = words[0].strip(",.!?").lower()
    if not first or first in not_words:
        return False
    if len(first) <= 2:  # no city name is that short: a country or state code
        return first in codes or after_the or words[0].strip(",.!?").isupper()
    return True


# A reply that is only a place: "in Leeds", "near Lyon", "the UK", "Manchester please".
_BARE_LEAD = re.compile(
    r"^(?:(?:i'm|im|i am|we're|we are|she's|he's|she is|he is)\s+)?"
    r"(?:(?:in|near|from|at|around|close to|outside|just outside|somewhere near)\s+)?(the\s+)?",
    re.IGNORECASE,
)
_BARE_TAIL = re.compile(r"[\s,]*(?:please|thanks|thank you|thx|ta)?[\s.!?]*$", re.IGNORECASE)


def place_answer(message: str) -> Place | None:
    """The place a reply to "Where do you live?" names ("Leeds", "Houston, Texas", "UK", "in
    Paris", "I live in Leeds"), or None: a reply of everyday words names none ("near me", "from
    it", "im in bed", "at home"), and a two-letter country code counts only as `real_place`
    says."""
    said = message.strip()
    found = place_in_text(said)
    if found is not None:
        return found
    lead = _BARE_LEAD.match(said)
    after_the = bool(lead and lead.group(1))
    bare = _BARE_TAIL.sub("", said[lead.end() if lead else 0 :])
    words = bare.split()
    if len(words) > 5:
        return None  # a sentence, not a place
    if not real_place(words, after_the):
        return None
    tries = [bare]
    if len(words) > 1 and "," not in bare:  # "london uk": London in the UK
        tries.append(" ".join(words[:-1]) + ", " + words[-1])
    return next((p for t in tries if (p := gazetteer().resolve(t)) is not None), None)


_STOP_RE = re.compile(r"\s+(?:and|but|is|are|what|which|where|can|could|do|does)\b.*$", re.I)


def condition_in_text(text: str, knowledge: Knowledge) -> Condition | None:
    """The condition a message names; the most specific (longest) mention wins."""
    best: tuple[int, int, Condition] | None = None
    for order, condition in enumerate(knowledge.conditions.values()):
        for match in condition.says.finditer(text):
            length = match.end() - match.start()
            if best is None or length > best[0]:
                best = (length, -order, condition)
    return best[2] if best else None


def values_in_text(text: str, knowledge: Knowledge, facts: Iterable[str]) -> dict[str, FactValue]:
    """Answers a message gives for these facts ("HER2 positive", "it has spread")."""
    found: dict[str, FactValue] = {}
    for fact_id in (*facts, "cancer_spread", "prior_cancer_treatment"):
        best: tuple[int, str] | None = None
        for requirement in knowledge.requirements.get(fact_id, ()):
            if requirement.says is None:
                continue
            for match in requirement.says.finditer(text):
                value = requirement.value
                if value == "yes" and _denial_words()[0].search(match.group(0)):
                    denial = marker_denial(text, match.start(), match.end())
                    if denial == "denied":
                        continue  # "not tested for KRAS": no answer
                    value = denial or value  # "EGFR was negative": no EGFR change
                length = match.end() - match.start()
                if best is None or length > best[0]:
                    best = (length, value)
        if best is not None and fact_id not in found:
            found[fact_id] = _typed(best[1])
    return found


@lru_cache(maxsize=1)
def _denial_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The marker, denial and "no" result words of `marker_denial` (prompts/catalogue.yaml)."""
    raw = load_prompts("catalogue")["marker_denial"]
    return tuple(re.compile(str(raw[k]), re.IGNORECASE) for k in ("markers", "denied", "result_no"))  # type: ignore[return-value]


_CLAUSE_END = re.compile(r"[,;.!]|\bbut\b|\bwhile\b|\bwhereas\b", re.IGNORECASE)


def marker_denial(text: str, start: int, end: int) -> str | None:
    """How the words around a marker named at `text[start:end]` qualify it: None (not denied:
    "EGFR positive and ALK negative" for EGFR), "no" (denied by a result: "EGFR was negative I
    think", "ALK wild type") or "denied" (taken back with no result: "not tested for KRAS",
    "EGFR?"). The window runs from the previous marker or clause end to the next one
    (`marker_denial` of prompts/catalogue.yaml)."""
    markers, denied, result_no = _denial_words()
    left = max(
        [0]
        + [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
        + [m.end() for m in markers.finditer(text, 0, start) if m.end() <= start]
    )
    right_ends = [m.start() for m in _CLAUSE_END.finditer(text, end)]
    right_ends += [m.start() for m in markers.finditer(text, end)]
    right = min(right_ends, default=len(text))
    window = text[left:start] + " " + text[end:right]
    if not denied.search(window):
        return None
    return "no" if result_no.search(window) else "denied"


def _typed(value: str) -> FactValue:
    """ "yes"/"no" answers of yes/no facts are booleans, like every yes/no fact."""
    return {"yes": True, "no": False}.get(value, value)


def place_in_text(text: str) -> Place | None:
    """A place named in a sentence ("I live in Houston, Texas. Is there..."), or None."""
    geo = gazetteer()
    pattern, not_words, _ = _place_words()
    for match in pattern.finditer(text):
        said = _STOP_RE.sub("", match.group(1)).strip(" ,")
        words = said.split()
        the = bool(words) and words[0].lower() == "the"
        words = words[1:] if the else words  # "from the UK", "near the Leeds area"
        if not words or words[0].lower().strip(",") in not_words:
            continue  # "near the end of chemo": "end" is no place (nor "the", Teresina)
        for end in range(min(len(words), 5), 0, -1):  # "Houston, Texas", then "Houston"
            if not real_place(words[:end], after_the=the):
                continue  # "in", "no", "it": country codes only in capitals ("UK") or "the uk"
            place = geo.resolve(" ".join(words[:end]))
            if place is not None:
                return place
    return None


_AGE_RE = re.compile(
    r"\b(?:i'?m|i am|is|aged?|turned|turning)\s+(\d{1,3})\b(?!\s*(?:%|cm|kg|months?|weeks?|days?))"
    r"|\b(\d{1,3})[\s-]*(?:years?|yrs?)[\s-]*old\b|\b(\d{1,3})\s*y/?o\b",
    re.IGNORECASE,
)
_UNKNOWN_RE = re.compile(
    r"^(?:unknown|not sure|i'?m not sure|i don'?t know|don'?t know|no idea|idk)\W*$", re.I
)
_PHRASE_RE = re.compile(
    r"\b(?:have|has|had|with|diagnosed with|got|is|suffer(?:s|ing)? from)\s+(?:an?\s+|the\s+)?"
    r"(.+?)(?=[.,;!?]|\s+(?:in|on|at|and|but|that|which|since|for|about|regarding)\b|$)",
    re.IGNORECASE,
)


_BARE_AGE = re.compile(r"\s*(\d{1,3})\s*(?:(?:years?|yrs?)(?:\s*old)?|y/?o)?\s*[.!]?\s*")


def bare_age(message: str) -> int | None:
    """A reply that is only an age ("54", "54 years"), or None."""
    match = _BARE_AGE.fullmatch(message)
    if match is None:
        return None
    value = int(match[1])
    return value if 0 <= value <= 120 else None


def age_in_text(message: str) -> int | None:
    """An age a person gives in passing ("I'm 70", "my son is 8", "48 years old"), or None."""
    match = _AGE_RE.search(message)
    if match is None:
        return None
    value = int(next(g for g in match.groups() if g))
    return value if 0 <= value <= 120 else None


_DISEASE_RE = re.compile(
    r"\w*(?:cancer|carcinoma|tumou?r|sarcoma|lymphoma|leuka?emia|myeloma|oma|syndrome|disease|"
    r"neoplasm|blastoma)\b",
    re.IGNORECASE,
)


def illness_in_text(message: str) -> str | None:
    """An illness named in a sentence that no condition of the knowledge knows ("I have
    ameloblastic carcinoma in my jaw" -> "ameloblastic carcinoma"), or None."""
    phrase = condition_phrase(message)
    return phrase if phrase and _DISEASE_RE.search(phrase) and not unknown_words(phrase) else None


_ABOUT_TRIALS_RE = re.compile(r"\b(?:trials?|stud(?:y|ies)|join)\b", re.IGNORECASE)


def asks_about_trials(message: str) -> bool:
    """True for a request about the trials ("which of these trials could I join?", "Can I
    join the apatinib study?"), which names no illness."""
    return bool(_ABOUT_TRIALS_RE.search(message)) and not _DISEASE_RE.search(message)


def unknown_words(text: str) -> bool:
    """True for "not sure", "I don't know" and the like."""
    return bool(_UNKNOWN_RE.match(text.strip()))


def condition_phrase(message: str) -> str:
    """The illness named in a sentence ("I have ameloblastic carcinoma in my jaw" -> the name)."""
    match = _PHRASE_RE.search(message)
    phrase = match.group(1) if match else message
    phrase = re.sub(r"^(?:my|a|an|the)\s+", "", phrase.strip(), flags=re.I)
    phrase = re.sub(r"[^\w\s'-]", " ", phrase)
    words = phrase.split()
    return " ".join(words[:6]).lower()
