"""Which trials an answer rules out, and the order of the shortlist.

Order: recruiting first (when non-recruiting trials are shown at all), then by a fit score —
the trial names the condition itself rather than a wider group; it is limited to answers the
person gave (a trial for "HER2-positive" after "HER2 positive"); few facts left open; a narrow
trial before a basket of many conditions; a site in the person's country; treatment studies
before observational ones — then the checker's verdict on the best candidates (an `ineligible`
trial leaves the list, a `likely_eligible` one with a site in the person's country moves up) — and
the distance to the nearest site both adds to the score (a site within 100 km counts about as
much as naming the condition) and breaks ties.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from trialbot.dialog.catalogue.index import DIRECT, TrialProfile
from trialbot.dialog.catalogue.knowledge import Knowledge
from trialbot.domain.facts import UNKNOWN, FactValue, Profile
from trialbot.sources.places import Place, gazetteer, haversine_km

if TYPE_CHECKING:
    from trialbot.dialog.catalogue.flow import Session

CHECKED = 12  # candidates whose criteria the checker reads before the shortlist is cut


@dataclass
class Ranked:
    """One trial on the shortlist with what the person reads about it."""

    profile: TrialProfile
    score: float
    verdict: str = "undetermined"
    km: float | None = None
    nearest: str | None = None  # the nearest site's city (or name)
    in_country: bool | None = None
    matched: list[str] = field(default_factory=list)  # labels of answers the trial asks for
    open: list[str] = field(default_factory=list)  # labels of facts the trial needs, not known


def answer_value(value: FactValue) -> str:
    """A fact value as a requirement value ("yes"/"no" for booleans)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def answered(facts: Profile, knowledge: Knowledge) -> list[tuple[str, frozenset[str]]]:
    """(fact id, the requirement values the answer satisfies) for every answered catalogue fact."""
    found: list[tuple[str, frozenset[str]]] = []
    for fact_id in knowledge.requirements:
        value = facts.get(fact_id)
        if value is None or value == UNKNOWN:
            continue
        said = answer_value(value)
        fact = knowledge.facts.get(fact_id)
        counts = {said, fact.counts_as.get(said, said)} if fact is not None else {said}
        found.append((fact_id, frozenset(counts)))
    return found


def ruled_out(
    profile: TrialProfile,
    facts: Profile,
    knowledge: Knowledge,
    given: list[tuple[str, frozenset[str]]] | None = None,
    basics: bool = True,
) -> str | None:
    """Why an answer rules this trial out ("age", "sex" or a fact id), or None when it fits.
    `given`: `answered(facts, knowledge)` (or only the new answers) when the caller checks many
    trials; `basics`: also check age and sex."""
    trial = profile.trial
    if not basics:
        facts = {}
    age = facts.get("age_years")
    if isinstance(age, int | float) and not isinstance(age, bool):
        if trial.min_age_years is not None and age < trial.min_age_years:
            return "age"
        if trial.max_age_years is not None and age > trial.max_age_years:
            return "age"
    sex = facts.get("sex")
    if sex in ("female", "male") and trial.sex in ("female", "male") and trial.sex != sex:
        return "sex"
    named = profile.named(knowledge)
    for fact_id, counts in given if given is not None else answered(facts, knowledge):
        need = named.get(fact_id)
        if need and not need & counts:
            return fact_id
    return None


GENERAL = ("cancer_spread", "prior_cancer_treatment")  # facts most trials of a condition name
SPECIFIC_MATCH = 2.0  # a trial limited to a subtype or biomarker the person has
GENERAL_MATCH = 0.5  # a trial limited to a stage or treatment history the person has
OPEN_PENALTY = 2.0  # a trial limited to a subtype or biomarker the person has not confirmed


def _label(fact_id: str, value: str, knowledge: Knowledge) -> str:
    """A few words for an answer ("HER2 positive", "has spread", "treated before")."""
    fact = knowledge.facts.get(fact_id)
    spec = knowledge.spec(fact_id)
    if spec is not None and spec.answer_type == "choice":
        for choice in spec.choices:
            if choice.value == value:
                return choice.label
    if fact is not None and value in fact.short:
        return fact.short[value]
    key = f"short_{fact_id}_{value}"
    return knowledge.texts.get(key, fact_id.replace("_", " "))


def _sites(
    profile: TrialProfile, place: Place | None
) -> tuple[float | None, str | None, bool | None]:
    """(km to the nearest site, its city, whether a site is in the person's country)."""
    if place is None or not profile.trial.sites:
        return None, None, None
    in_country = place.country_code in profile.countries()
    best: tuple[float, str] | None = None
    if place.has_point:
        assert place.lat is not None and place.lon is not None
        geo = gazetteer()
        for site in profile.trial.sites:
            if site.lat is None and not site.city:
                continue
            point = geo.site_point(site)
            if point is not None:
                km = haversine_km(place.lat, place.lon, point[0], point[1])
                if best is None or km < best[0]:
                    best = (km, site.city or site.name or "")
    return (best[0] if best else None, best[1] if best else None, in_country)


NEAR_BONUS = ((100.0, 2.5), (500.0, 1.5), (2000.0, 0.5))  # (km at most, added to the score)


def distance_bonus(km: float | None) -> float:
    """Score added for a site near the person: 2.5 within 100 km, 1.5 within 500 km, 0.5
    within 2000 km, else (or distance unknown) 0."""
    if km is None:
        return 0.0
    return next((bonus for limit, bonus in NEAR_BONUS if km <= limit), 0.0)


def _place(data: dict[str, Any]) -> Place | None:
    raw = data.get("place")
    if not isinstance(raw, dict):
        return None
    return Place(raw["name"], raw["country_code"], raw["country"], raw.get("lat"), raw.get("lon"))


def _score(
    profile: TrialProfile, facts: Profile, knowledge: Knowledge, asked: set[str], country: str
) -> float:
    """The fit score of one open trial (higher is better); see the module docstring."""
    score = _static_score(profile, str(facts.get("condition")), country)
    for fact_id in profile.named(knowledge):
        value = facts.get(fact_id)
        general = fact_id in GENERAL
        if value is None or value == UNKNOWN:
            if fact_id in asked:
                score -= GENERAL_MATCH if general else OPEN_PENALTY
        else:
            score += GENERAL_MATCH if general else SPECIFIC_MATCH
    return score


def _static_score(profile: TrialProfile, condition: str, country: str) -> float:
    """The part of the score that answers do not change (kept on the profile per condition and
    country): names the condition itself, narrow rather than a basket, a treatment study, a site
    in the person's country."""
    key = (condition, country)
    found = profile.scores.get(key)
    if found is None:
        found = 3.0 if profile.concepts.get(condition, DIRECT) == DIRECT else 0.0
        found -= 0.4 * min(len(profile.concepts) - 1, 8)
        design = profile.trial.design
        if design is not None and (design.study_type or "").upper() == "INTERVENTIONAL":
            found += 0.5
        if country and country in profile.countries():
            found += 2.0
        if len(profile.scores) > 16:
            profile.scores.clear()
        profile.scores[key] = found
    return found


def _describe(item: Ranked, facts: Profile, knowledge: Knowledge, asked: set[str]) -> None:
    """Fill in what the person reads: the answers the trial asks for, and what is open."""
    for fact_id in item.profile.named(knowledge):
        value = facts.get(fact_id)
        if value is None or value == UNKNOWN:
            if fact_id in asked:
                fact = knowledge.facts.get(fact_id)
                item.open.append(
                    fact.label if fact is not None else _label(fact_id, "yes", knowledge)
                )
        else:
            item.matched.append(_label(fact_id, answer_value(value), knowledge))


def rank(session: Session, trials: list[TrialProfile]) -> list[Ranked]:
    """The open trials, best first (ineligible ones left out). Every open trial is scored; only
    the best `CHECKED` get distances, the checker's verdict and their texts."""
    from trialbot.dialog.catalogue.flow import NON_RECRUITING

    knowledge = session.knowledge
    facts = session.facts
    place = _place(session.data)
    country = place.country_code if place is not None else ""
    asked = set(session.condition_facts()) | {f for f in knowledge.requirements if f not in GENERAL}
    scored = [Ranked(p, _score(p, facts, knowledge, asked, country)) for p in trials]
    scored.sort(key=lambda r: (-r.score, r.profile.trial.id))
    cut = scored[CHECKED - 1].score if len(scored) >= CHECKED else None
    # every trial tied with the last one checked competes on distance too
    top = [r for r in scored if cut is None or r.score >= cut]
    for item in top:
        item.km, item.nearest, item.in_country = _sites(item.profile, place)
        item.score += distance_bonus(item.km)
    top.sort(key=lambda r: (-r.score, r.km if r.km is not None else 1e9, r.profile.trial.id))
    checked = _check(session, top[:CHECKED])
    last = NON_RECRUITING["policy"] == "last"
    checked.sort(
        key=lambda r: (
            last and not r.profile.recruiting,
            -(r.score + (1.0 if r.verdict == "likely_eligible" and r.in_country else 0.0)),
            r.km if r.km is not None else 1e9,
            r.profile.trial.id,
        )
    )
    for item in checked:
        _describe(item, facts, knowledge, asked)
    seen = {id(r) for r in top[:CHECKED]}
    return checked + [r for r in scored if id(r) not in seen]


def _check(session: Session, candidates: list[Ranked]) -> list[Ranked]:
    """The checker's verdict on each candidate for the facts so far; ineligible ones dropped."""
    walk = session.walk
    kept: list[Ranked] = []
    for item in candidates:
        try:
            assessment = walk.rules.assess(item.profile.trial, dict(session.facts), walk.today)
        except Exception:  # a record the reader cannot handle is still shown, undetermined
            kept.append(item)
            continue
        item.verdict = assessment.verdict
        if item.verdict != "ineligible":
            kept.append(item)
    return kept
