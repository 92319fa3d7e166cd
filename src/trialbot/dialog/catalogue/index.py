"""What each trial is for, read once from its record, and an index from condition to trials.

A trial's profile is read from its conditions, titles, keywords and MeSH terms: which conditions
it names (directly, or among others such as "pediatric solid tumors"), and which answers of a
catalogue fact it is limited to ("HER2-positive", "previously untreated"...). The index maps each
condition to its trials, so a turn touches only the trials of the person's condition, never the
whole catalogue; a fact's requirement is read the first time a trial is looked at for it.
"""

from __future__ import annotations

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

    @property
    def recruiting(self) -> bool:
        """True when the trial is recruiting or not yet recruiting."""
        return (self.trial.status or "").upper() in RECRUITING

    def requires(self, fact_id: str, knowledge: Knowledge) -> frozenset[str]:
        """The answers of `fact_id` this trial is limited to (empty: open to every answer)."""
        found = self._requires.get(fact_id)
        if found is None:
            options = knowledge.requirements.get(fact_id, ())
            named = {r.value for r in options if r.trial is not None and r.trial.search(self.text)}
            found = frozenset() if len(named) == len(options) else frozenset(named)
            self._requires[fact_id] = found
        return found


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
        self.by_condition: dict[str, list[TrialProfile]] = {}
        self._by_text: dict[str, list[TrialProfile]] = {}
        for trial in trials:
            profile = read_profile(trial, knowledge)
            self.profiles[trial.id] = profile
            for concept in profile.concepts:
                self.by_condition.setdefault(concept, []).append(profile)

    def for_condition(self, condition_id: str) -> list[TrialProfile]:
        """The trials that name a condition (directly or among a wider group)."""
        return self.by_condition.get(condition_id, [])

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
