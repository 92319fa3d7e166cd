"""Which question next: knock-out facts first, then facts shared by most open trials, asked once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trialbot.domain.criteria import CriterionOutcome, TrialAssessment
from trialbot.domain.facts import UNKNOWN, FactSpec, Profile


@dataclass
class _Candidate:
    fact_id: str
    knockout: bool
    first_seen: int
    trials: set[str]


def applies(spec: FactSpec, facts: Profile) -> bool | None:
    """True/False when `asked_only_if` is settled by known facts; None while a condition is open."""
    for condition_id, wanted in spec.asked_only_if.items():
        if condition_id not in facts:
            return None
        known = facts[condition_id]
        if known != wanted and known != UNKNOWN:
            return False
    return True


def askable_fact(fact_id: str, specs: Mapping[str, FactSpec], facts: Profile) -> str | None:
    """The fact to ask to make progress on `fact_id` (it, or a condition it depends on), or None."""
    for _ in range(4):  # conditions may chain (pregnant -> sex); never loop forever
        spec = specs.get(fact_id)
        if spec is None or fact_id in facts:
            return None
        state = applies(spec, facts)
        if state is True:
            return fact_id
        if state is False:
            return None
        open_conditions = [c for c in spec.asked_only_if if c not in facts]
        if not open_conditions or open_conditions[0] not in specs:
            return fact_id
        fact_id = open_conditions[0]
    return None


def _first_askable(
    outcome: CriterionOutcome, specs: Mapping[str, FactSpec], facts: Profile
) -> str | None:
    for fact_id in outcome.missing_facts:
        target = askable_fact(fact_id, specs, facts)
        if target is not None:
            return target
    return None


def open_trials(assessments: Sequence[TrialAssessment]) -> list[TrialAssessment]:
    """Trials not decided yet (neither ineligible nor likely eligible)."""
    return [a for a in assessments if a.verdict == "undetermined"]


def next_fact(
    assessments: Sequence[TrialAssessment], specs: Mapping[str, FactSpec], facts: Profile
) -> str | None:
    """The next fact to ask about, or None when only the study team can settle what is left."""
    candidates: dict[str, _Candidate] = {}
    order = 0
    for assessment in open_trials(assessments):
        for outcome in assessment.outcomes:
            if outcome.status != "unknown":
                continue
            target = _first_askable(outcome, specs, facts)
            if target is None:
                continue
            candidate = candidates.get(target)
            if candidate is None:
                knockout = specs[target].knockout
                candidate = candidates[target] = _Candidate(target, knockout, order, set())
                order += 1
            candidate.trials.add(assessment.trial_id)
    if not candidates:
        return None
    best = min(
        candidates.values(),
        key=lambda c: (not c.knockout, -len(c.trials), c.first_seen),
    )
    return best.fact_id
