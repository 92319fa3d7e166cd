"""The eligibility engine as the dialog sees it: fact specs, criteria per trial (cached), assess.

A dialog turn changes one fact or two, so most criteria give the same outcome as last turn.
`CachedEligibility` keeps each criterion's outcome keyed by the values of the facts it reads and
re-evaluates only the criteria whose facts changed (the checker is pure, so this is exact).
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
from collections.abc import Callable, Hashable, Mapping
from typing import Any, Protocol, cast

from trialbot.domain.checker import evaluate, verdict_of
from trialbot.domain.criteria import CriterionOutcome, StructuredCriterion, TrialAssessment
from trialbot.domain.facts import FactSpec, Profile
from trialbot.domain.trial import Trial

MAX_CACHED_OUTCOMES = 200_000


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


def condition_facts(node: Any) -> set[str]:
    """Every fact id a condition tree reads (leaves and the facts that imply them)."""
    if isinstance(node, list):
        return set().union(*(condition_facts(child) for child in node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = {str(node["fact"])} if "fact" in node else set()
    found.update(str(f) for f in node.get("implied_by", ()))
    for key in ("of", "when", "then"):
        found |= condition_facts(node.get(key))
    return found


class _TrialRules:
    """One trial's criteria with the facts each one reads."""

    def __init__(self, fingerprint: int, criteria: list[StructuredCriterion]) -> None:
        self.fingerprint = fingerprint
        self.criteria = criteria
        self.reads = [tuple(sorted(condition_facts(c.condition) | set(c.facts))) for c in criteria]


class CachedEligibility:
    """The real engine (trialbot.eligibility + domain.checker), criteria and outcomes cached."""

    def __init__(self) -> None:
        from trialbot.eligibility import fact_specs

        self._specs: dict[str, FactSpec] = dict(fact_specs())
        self._trials: dict[str, _TrialRules] = {}
        self._outcomes: dict[Hashable, CriterionOutcome] = {}
        self._lock = threading.Lock()

    def fact_specs(self) -> Mapping[str, FactSpec]:
        """Every fact the engine can ask, by id."""
        return self._specs

    def _rules(self, trial: Trial) -> _TrialRules:
        fingerprint = _fingerprint(trial)
        cached = self._trials.get(trial.id)
        if cached and cached.fingerprint == fingerprint:
            return cached
        rules = _TrialRules(fingerprint, list(_read_criteria()(trial)))
        with self._lock:
            self._trials[trial.id] = rules
        return rules

    def criteria(self, trial: Trial) -> list[StructuredCriterion]:
        """The structured criteria of a trial, read once per version of its text."""
        return self._rules(trial).criteria

    def assess(self, trial: Trial, profile: Profile, today: dt.date) -> TrialAssessment:
        """The checker's verdict for one trial (criteria whose facts did not change: cached)."""
        rules = self._rules(trial)
        outcomes = []
        for criterion, reads in zip(rules.criteria, rules.reads, strict=True):
            values = tuple(
                (f, type(profile[f]).__name__, profile[f]) for f in reads if f in profile
            )
            key = (trial.id, rules.fingerprint, criterion.id, values, today)
            outcome = self._outcomes.get(key)
            if outcome is None:
                outcome = evaluate(criterion, profile, today)
                self._remember(key, outcome)
            outcomes.append(outcome)
        return TrialAssessment(trial_id=trial.id, verdict=verdict_of(outcomes), outcomes=outcomes)

    def _remember(self, key: Hashable, outcome: CriterionOutcome) -> None:
        with self._lock:
            if len(self._outcomes) >= MAX_CACHED_OUTCOMES:
                self._outcomes.clear()
            self._outcomes[key] = outcome
