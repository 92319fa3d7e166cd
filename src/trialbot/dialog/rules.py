"""The eligibility engine as the dialog sees it: fact specs, criteria per trial (cached), assess."""

from __future__ import annotations

import datetime as dt
import importlib
import threading
from collections.abc import Callable, Mapping
from typing import Protocol, cast

from trialbot.domain.criteria import StructuredCriterion, TrialAssessment
from trialbot.domain.facts import FactSpec, Profile
from trialbot.domain.trial import Trial


class EligibilityRules(Protocol):
    """What the dialog needs from the criteria engine."""

    def fact_specs(self) -> Mapping[str, FactSpec]:
        """Every fact the engine can ask, by id."""
        ...

    def assess(self, trial: Trial, profile: Profile, today: dt.date) -> TrialAssessment:
        """The verdict on one trial for these facts, with a reason per criterion."""
        ...

    def criteria(self, trial: Trial) -> list[StructuredCriterion]:
        """The structured criteria of a trial."""
        ...


def _read_criteria() -> Callable[[Trial], list[StructuredCriterion]]:
    """trialbot.eligibility.read_criteria (imported lazily; the engine loads its lexicons)."""
    package = importlib.import_module("trialbot.eligibility")
    reader = getattr(package, "read_criteria", None)
    if reader is None:  # older layout: the reader module itself
        reader = importlib.import_module("trialbot.eligibility.reader").read_criteria
    return cast(Callable[[Trial], list[StructuredCriterion]], reader)


def _fingerprint(trial: Trial) -> int:
    return hash(tuple((c.id, c.kind, c.text) for c in trial.criteria))


class CachedEligibility:
    """The real engine (trialbot.eligibility + domain.checker) with criteria cached per trial."""

    def __init__(self) -> None:
        from trialbot.eligibility import fact_specs

        self._specs: dict[str, FactSpec] = dict(fact_specs())
        self._cache: dict[str, tuple[int, list[StructuredCriterion]]] = {}
        self._lock = threading.Lock()

    def fact_specs(self) -> Mapping[str, FactSpec]:
        """Every fact the engine can ask, by id."""
        return self._specs

    def criteria(self, trial: Trial) -> list[StructuredCriterion]:
        """The structured criteria of a trial, read once per version of its text."""
        fingerprint = _fingerprint(trial)
        cached = self._cache.get(trial.id)
        if cached and cached[0] == fingerprint:
            return cached[1]
        criteria = list(_read_criteria()(trial))
        with self._lock:
            self._cache[trial.id] = (fingerprint, criteria)
        return criteria

    def assess(self, trial: Trial, profile: Profile, today: dt.date) -> TrialAssessment:
        """The checker's verdict for one trial."""
        from trialbot.domain.checker import assess

        return assess(trial.id, self.criteria(trial), profile, today)
