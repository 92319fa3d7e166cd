"""'Is there a site near Lyon?': the sites nearest to a place, by distance, not in record order."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from trialbot.dialog.catalogue.knowledge import load_knowledge
from trialbot.dialog.catalogue.matching import real_place
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Citation, Reply
from trialbot.prompts import load_prompts
from trialbot.retrieval.structured import countries_named
from trialbot.sources.places import Place, gazetteer, nearest_sites

if TYPE_CHECKING:
    from trialbot.dialog.walk import Walk

SHOWN = 5
NEAR_KM = 300.0  # sites this close are "near"; when none is, the nearest few are named anyway
FALLBACK = 3
_NEAR_RE = re.compile(
    r"\b(?:site|sites|hospital|hospitals|clinic|clinics|centre|centres|center|centers|place|"
    r"location|locations)\b[^?]*?\b(?:near|close to|around|nearest to|closest to|in)\s+"
    r"([A-Za-z][\w .'-]*(?:,\s*[A-Za-z][\w .'-]*)?)|\bnear(?:est to| to)?\s+"
    r"([A-Za-z][\w .'-]*(?:,\s*[A-Za-z][\w .'-]*)?)",
    re.IGNORECASE,
)


def asked_place(message: str) -> str | None:
    """The place in "is there a site near Lyon?" / "hospitals close to Houston, Texas", or None."""
    match = _NEAR_RE.search(message)
    if match is None:
        return None
    place = (match.group(1) or match.group(2) or "").strip(" ?.!,")
    return place or None


_SELF = re.compile(r"(?:me|us|here|home|my\b|our\b|where (?:i|we) live)", re.IGNORECASE)


def _known_place(walk: Walk) -> Place | None:
    """The place the person gave to the catalogue search, or None."""
    raw = walk.state.catalogue.get("place")
    if not isinstance(raw, dict):
        return None
    return Place(raw["name"], raw["country_code"], raw["country"], raw.get("lat"), raw.get("lon"))


def _answer_words() -> dict[str, Any]:
    """The answer wording (place aliases and country adjectives of prompts/answers.yaml)."""
    return load_prompts("answers") or {}


def _trials(walk: Walk) -> list[Trial]:
    shown = walk.state.catalogue.get("shortlist") or []
    if shown:
        wanted = set(shown)
        return [t for t in walk.all_trials if t.id in wanted]
    trials = walk.trials
    return trials if len(trials) <= SHOWN else []


def sites_near(walk: Walk, message: str) -> Reply | None:
    """The nearest sites of the trials in focus (the one in scope, or the shortlist), or None
    when the message asks no such thing or no trial is in focus."""
    said = asked_place(message)
    if said is None:
        return None
    trials = _trials(walk)
    if not trials:
        return None
    knowledge = load_knowledge()
    if real_place(said.split()):
        place = gazetteer().resolve(said)
    elif _SELF.match(said):  # "near me", "near my home": the place given before, if any
        place = _known_place(walk)
        if place is None:
            return None
    else:
        return None  # "near the end of chemo": no place asked about
    if (place is None or not place.has_point) and countries_named(message, _answer_words()):
        # "is there a site in Japan or Spain?": a country, not a point to measure from; the
        # answerer says yes or no from the countries the trial's sites are in
        return None
    if place is None:
        return Reply(kind="notice", text=knowledge.say("near_unknown_place", place=said))
    lines: list[str] = []
    citations: list[Citation] = []
    for trial in trials:
        found = nearest_sites(place, trial.sites, limit=SHOWN)
        found = [pair for pair in found if pair[1] <= NEAR_KM] or found[:FALLBACK]
        if len(trials) > 1:
            lines.append(f"{trial.title} ({trial.id}):")
        if found:
            lines.append(knowledge.say("near_intro", place=place.name))
            for site, km in found:
                where = ", ".join(p for p in (site.name, site.city, site.country) if p)
                lines.append(knowledge.say("near_line", site=where, km=round(km)))
                citations.append(Citation(trial_id=trial.id, section="sites", text=where))
        else:
            countries = sorted({s.country for s in trial.sites if s.country})
            lines.append(
                knowledge.say("near_none", place=place.name, sites=", ".join(countries) or "-")
            )
    kind = "answer" if citations else "no_answer"
    return Reply(kind=kind, text="\n".join(lines), citations=citations)
