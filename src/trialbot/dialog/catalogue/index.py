"""What each trial is for, read once from its record, and an index from condition to trials.

A trial's profile is read from its conditions, titles, keywords and MeSH terms: which conditions
it names (directly, or among others such as "pediatric solid tumors"), and which answers of a
catalogue fact it is limited to ("HER2-positive", "previously untreated"...). The index maps each
condition to its trials, so a turn touches only the trials of the person's condition, never the
whole catalogue; a fact's requirement is read the first time a trial is looked at for it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from trialbot.dialog.catalogue.knowledge import Knowledge
from trialbot.domain.trial import Trial

DIRECT = 2  # the trial names the condition itself
ALSO = 1  # the trial takes it among a wider group ("pediatric solid tumors")
MAX_INDEXES = 4  # catalogues kept at once (a process may serve a few trial lists)
RECRUITING = frozenset({"RECRUITING", "NOT_YET_RECRUITING"})


@dataclass
class TrialProfile:
    """What the catalogue knows of one trial without reading its criteria."""

    trial: Trial
    text: str  # conditions, titles, keywords and MeSH terms, lowercased, " | "-joined
    concepts: dict[str, int]  # condition id -> DIRECT or ALSO
    _requires: dict[str, frozenset[str]] = field(default_factory=dict)
    _named: dict[str, frozenset[str]] | None = None
    _countries: frozenset[str] | None = None
    scores: dict[tuple[str, str], float] = field(default_factory=dict)  # see ranking
    age_split: float = 0.0  # the share of ages 0-100 the trial's age limits leave out
    one_sex: bool = False  # the trial is for one sex only

    def __post_init__(self) -> None:
        low = self.trial.min_age_years or 0.0
        high = min(self.trial.max_age_years or 100.0, 100.0)
        self.age_split = 1.0 - max(0.0, high - low) / 100.0
        self.one_sex = self.trial.sex in ("female", "male")

    @property
    def recruiting(self) -> bool:
        """True when the trial is recruiting or not yet recruiting."""
        return (self.trial.status or "").upper() in RECRUITING

    def named(self, knowledge: Knowledge) -> dict[str, frozenset[str]]:
        """fact id -> the answers this trial is limited to, for the facts it limits at all."""
        if self._named is None:
            every = {f: self.requires(f, knowledge) for f in knowledge.requirements}
            self._named = {f: need for f, need in every.items() if need}
        return self._named

    def countries(self) -> frozenset[str]:
        """ISO codes of the countries of the trial's sites (read once)."""
        if self._countries is None:
            from trialbot.sources.places import gazetteer

            geo = gazetteer()
            names = {s.country for s in self.trial.sites if s.country}
            self._countries = frozenset(c for n in names if (c := geo.country_code(n)))
        return self._countries

    def requires(self, fact_id: str, knowledge: Knowledge) -> frozenset[str]:
        """The answers of `fact_id` this trial is limited to (empty: open to every answer)."""
        found = self._requires.get(fact_id)
        if found is None:
            options = knowledge.requirements.get(fact_id, ())
            named = {r.value for r in options if r.trial is not None and r.trial.search(self.text)}
            found = frozenset() if len(named) == len(options) else frozenset(named)
            self._requires[fact_id] = found
        return found


def _drug_words(trial: Trial, generic: frozenset[str]) -> set[str]:
    """Words of the trial's drug names that may pick it in a message ("mifamurtide")."""
    words: set[str] = set()
    for intervention in trial.interventions:
        for word in re.findall(r"[a-z][a-z0-9-]{4,}", intervention.name.lower()):
            if word not in generic:
                words.add(word)
    return words


def profile_text(trial: Trial) -> str:
    """The words a trial record uses to say what it is for."""
    parts = [*trial.conditions, trial.title, trial.official_title or "", *trial.keywords]
    parts += trial.mesh_terms
    return " | ".join(p for p in parts if p).lower()


def read_profile(trial: Trial, knowledge: Knowledge) -> TrialProfile:
    """One trial's profile: the conditions its record names (in its condition list, keywords
    and MeSH terms; in its titles only when those name none)."""
    text = profile_text(trial)
    named = " | ".join([*trial.conditions, *trial.keywords, *trial.mesh_terms]).lower()
    concepts = _concepts(named, knowledge) or _concepts(text, knowledge)
    return TrialProfile(trial, text, concepts)


def _concepts(text: str, knowledge: Knowledge) -> dict[str, int]:
    concepts: dict[str, int] = {}
    for condition in knowledge.conditions.values():
        if condition.trial.search(text):
            concepts[condition.id] = DIRECT
        elif condition.also is not None and condition.also.search(text):
            concepts[condition.id] = ALSO
    return concepts


class CatalogueIndex:
    """Profiles of every trial and condition -> trials, built once per list of trials."""

    def __init__(self, trials: Sequence[Trial], knowledge: Knowledge) -> None:
        self.trials = trials
        self.knowledge = knowledge
        self.profiles: dict[str, TrialProfile] = {}
        self.by_lower_id: dict[str, TrialProfile] = {}
        self.by_drug_word: dict[str, list[str]] = {}
        self.by_condition: dict[str, list[TrialProfile]] = {}
        self._by_text: dict[str, list[TrialProfile]] = {}
        self._recruiting: dict[str, list[TrialProfile]] = {}
        self._naming: dict[tuple[int, str], tuple[list[TrialProfile], list[TrialProfile]]] = {}
        for trial in trials:
            profile = read_profile(trial, knowledge)
            self.profiles[trial.id] = profile
            self.by_lower_id[trial.id.lower()] = profile
            if trial.protocol_code:
                self.by_lower_id.setdefault(trial.protocol_code.lower(), profile)
            for word in _drug_words(trial, knowledge.generic_words):
                self.by_drug_word.setdefault(word, []).append(trial.id)
            for concept in profile.concepts:
                self.by_condition.setdefault(concept, []).append(profile)

    def named_in(self, message: str) -> tuple[list[str], bool]:
        """Trial ids a message names: by id or protocol code (exact), else by drug name."""
        lowered = message.lower()
        exact = [
            p.trial.id
            for token in re.findall(r"[a-z0-9][a-z0-9-]{5,}", lowered)
            if (p := self.by_lower_id.get(token)) is not None
        ]
        if exact:
            return exact, True
        found: list[str] = []
        for word in set(re.findall(r"[a-z][a-z0-9-]{4,}", lowered)):
            found.extend(self.by_drug_word.get(word, ()))
        return sorted(set(found)), False

    def for_condition(self, condition_id: str, recruiting: bool = False) -> list[TrialProfile]:
        """The trials that name a condition (directly or among a wider group); `recruiting`:
        only those recruiting or not yet recruiting."""
        every = self.by_condition.get(condition_id, [])
        if not recruiting:
            return every
        found = self._recruiting.get(condition_id)
        if found is None:
            found = self._recruiting[condition_id] = [p for p in every if p.recruiting]
        return found

    def naming(self, pool: list[TrialProfile], fact_id: str) -> list[TrialProfile]:
        """The trials of a pool limited to some answers of `fact_id` (cached per pool object)."""
        key = (id(pool), fact_id)
        found = self._naming.get(key)
        if found is None or found[0] is not pool:
            named = [p for p in pool if fact_id in p.named(self.knowledge)]
            if len(self._naming) > 10_000:
                self._naming.clear()
            found = self._naming[key] = (pool, named)
        return found[1]

    def profile(self, trial_id: str) -> TrialProfile | None:
        """One trial's profile by id."""
        return self.profiles.get(trial_id)

    def for_text(self, phrase: str) -> list[TrialProfile]:
        """Trials whose conditions are close to a phrase no condition of the knowledge names
        (rapidfuzz token-sort ratio >= 88, or the phrase inside a condition)."""
        from rapidfuzz import fuzz

        phrase = phrase.lower().strip()
        if len(phrase) < 4:
            return []
        cached = self._by_text.get(phrase)
        if cached is not None:
            return cached
        found: list[TrialProfile] = []
        for profile in self.profiles.values():
            for name in profile.trial.conditions:
                lowered = name.lower()
                if phrase in lowered or fuzz.token_sort_ratio(phrase, lowered) >= 88:
                    found.append(profile)
                    break
        if len(self._by_text) > 1000:
            self._by_text.clear()
        self._by_text[phrase] = found
        return found


_CACHE: list[tuple[int, int, CatalogueIndex]] = []
_LOCK = threading.Lock()


def index_for(trials: Sequence[Trial], knowledge: Knowledge) -> CatalogueIndex:
    """The index of this list of trials (rebuilt only when another list object comes in)."""
    with _LOCK:
        for key, size, index in _CACHE:
            if key == id(trials) and size == len(trials) and index.trials is trials:
                return index
    index = CatalogueIndex(trials, knowledge)
    with _LOCK:
        _CACHE[:] = [*_CACHE[-(MAX_INDEXES - 1) :], (id(trials), len(trials), index)]
    return index
