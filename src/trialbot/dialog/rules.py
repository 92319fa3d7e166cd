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

MAX_CACHED = 200_000


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


class CriteriaReviews(Protocol):
    """Staff reviews of criteria readings (trialbot.sources.reviews.ReviewBook)."""

    def stamp(self, trial_id: str) -> Hashable:
        """Changes whenever the trial's reviews change."""
        ...

    def apply(self, trial: Trial, criteria: list[StructuredCriterion]) -> list[StructuredCriterion]:
        """The criteria with the staff reviews applied."""
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
    found.update(str(f) for f in node.get("latest_of", ()))
    for key in ("of", "when", "then"):
        found |= condition_facts(node.get(key))
    return found


class _TrialRules:
    """One trial's criteria with the facts each one reads (and the trial as a whole reads)."""

    def __init__(
        self,
        trial: Trial,
        fingerprint: int,
        criteria: list[StructuredCriterion],
        specs: Mapping[str, FactSpec],
        stamp: Hashable = None,
    ) -> None:
        self.trial = trial  # held so that an identity check can stand for the fingerprint
        self.stamp = stamp  # the version of the staff reviews applied
        self.fingerprint = fingerprint
        self.criteria = criteria
        self.reads = [frozenset(condition_facts(c.condition) | set(c.facts)) for c in criteria]
        everything = set().union(*self.reads) if self.reads else set()
        for _ in range(2):  # the facts that decide whether a fact is asked at all
            everything |= {c for f in list(everything) for c in _conditions(specs, f)}
        self.trial_reads = frozenset(everything)


def _conditions(specs: Mapping[str, FactSpec], fact_id: str) -> set[str]:
    spec = specs.get(fact_id)
    return set(spec.asked_only_if) if spec is not None else set()


def _projection(profile: Profile, reads: frozenset[str]) -> tuple[Any, ...]:
    """The facts of `profile` that `reads` names, as a hashable key (types kept: 1 is not True)."""
    keys = profile.keys() & reads
    return tuple(sorted((f, type(profile[f]).__name__, profile[f]) for f in keys))


class CachedEligibility:
    """The real engine (trialbot.eligibility + domain.checker) with three caches.

    Criteria per trial (read once per version of its text); each trial's assessment keyed by
    the facts that trial reads (a turn that changes another fact reuses it); each criterion's
    outcome keyed by the facts it reads. The checker is pure, so every cache is exact.
    """

    def __init__(self, reviews: CriteriaReviews | None = None) -> None:
        from trialbot.eligibility import fact_specs

        self._reviews = reviews
        self._specs: dict[str, FactSpec] = dict(fact_specs())
        self._trials: dict[str, _TrialRules] = {}
        self._assessments: dict[Hashable, TrialAssessment] = {}
        self._outcomes: dict[Hashable, CriterionOutcome] = {}
        self._lock = threading.Lock()

    def fact_specs(self) -> Mapping[str, FactSpec]:
        """Every fact the engine can ask, by id."""
        return self._specs

    def _rules(self, trial: Trial) -> _TrialRules:
        cached = self._trials.get(trial.id)
        stamp = self._reviews.stamp(trial.id) if self._reviews is not None else None
        if cached is not None and cached.trial is trial and cached.stamp == stamp:
            return cached
        fingerprint = _fingerprint(trial) if stamp is None else hash((_fingerprint(trial), stamp))
        if cached is not None and cached.fingerprint == fingerprint:
            return cached
        criteria = list(_read_criteria()(trial))
        if self._reviews is not None:  # staff-reviewed readings replace the automatic ones
            criteria = self._reviews.apply(trial, criteria)
        else:  # no review store: the reviews shipped with the bundled trials still hold
            from trialbot.sources.reviews import apply_reviews, bundled_reviews

            criteria = apply_reviews(criteria, bundled_reviews(trial.id))
        rules = _TrialRules(trial, fingerprint, criteria, self._specs, stamp)
        with self._lock:
            self._trials[trial.id] = rules
        return rules

    def criteria(self, trial: Trial) -> list[StructuredCriterion]:
        """The structured criteria of a trial, read once per version of its text."""
        return self._rules(trial).criteria

    def warm_up(self, trials: list[Trial]) -> None:
        """Read the criteria of these trials now (a large catalog takes a while the first time)."""
        for trial in trials:
            self._rules(trial)

    def assess(self, trial: Trial, profile: Profile, today: dt.date) -> TrialAssessment:
        """The checker's verdict for one trial, re-evaluating only what the facts changed."""
        rules = self._rules(trial)
        key = (trial.id, rules.fingerprint, _projection(profile, rules.trial_reads), today)
        found = self._assessments.get(key)
        if found is not None:
            return found
        outcomes = [
            self._outcome(trial, rules, index, profile, today) for index in range(len(rules.reads))
        ]
        assessment = _assessment(trial.id, outcomes)
        _remember(self._assessments, key, assessment, self._lock)
        return assessment

    def version(self, trial: Trial) -> int:
        """The fingerprint of the trial's criteria text (changes when the trial is updated)."""
        return self._rules(trial).fingerprint

    def reassess(
        self,
        trial: Trial,
        profile: Profile,
        today: dt.date,
        previous: tuple[int, TrialAssessment],
        changed: frozenset[str],
    ) -> TrialAssessment:
        """The assessment after `changed` facts changed, from the one before (same day)."""
        rules = self._rules(trial)
        version, before = previous
        if version != rules.fingerprint or len(before.outcomes) != len(rules.reads):
            return self.assess(trial, profile, today)
        if rules.trial_reads.isdisjoint(changed):
            return before
        outcomes = list(before.outcomes)
        for index, reads in enumerate(rules.reads):
            if not reads.isdisjoint(changed):
                outcomes[index] = self._outcome(trial, rules, index, profile, today)
        return _assessment(trial.id, outcomes)

    def _outcome(
        self, trial: Trial, rules: _TrialRules, index: int, profile: Profile, today: dt.date
    ) -> CriterionOutcome:
        criterion = rules.criteria[index]
        projection = _projection(profile, rules.reads[index])
        key = (trial.id, rules.fingerprint, criterion.id, projection, today)
        outcome = self._outcomes.get(key)
        if outcome is None:
            outcome = evaluate(criterion, profile, today)
            _remember(self._outcomes, key, outcome, self._lock)
        return outcome


def _assessment(trial_id: str, outcomes: list[CriterionOutcome]) -> TrialAssessment:
    """A TrialAssessment from checked outcomes (already valid: no re-validation)."""
    return TrialAssessment.model_construct(
        trial_id=trial_id, verdict=verdict_of(outcomes), outcomes=outcomes
    )


def _remember(cache: dict[Hashable, Any], key: Hashable, value: Any, lock: threading.Lock) -> None:
    with lock:
        if len(cache) >= MAX_CACHED:
            cache.clear()
        cache[key] = value
