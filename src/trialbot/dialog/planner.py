"""Which question next: knock-out facts first, then facts shared by most open trials, asked once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trialbot.domain.criteria import CriterionOutcome, TrialAssessment
from trialbot.domain.facts import UNKNOWN, FactSpec, Profile

# The facts every person can answer at once, asked before other knock-out facts in this order.
FIRST_FACTS = ("age_years", "sex", "pregnant", "breastfeeding")


@dataclass
class _Candidate:
    fact_id: str
    knockout: bool
    first_seen: int
    trials: int

    @property
    def rank(self) -> int:
        """Position among FIRST_FACTS; every other fact ranks after them."""
        return FIRST_FACTS.index(self.fact_id) if self.fact_id in FIRST_FACTS else len(FIRST_FACTS)


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


# Candidates of one assessment depend only on the facts its trial reads, like the assessment
# itself; a cached assessment object therefore keeps its candidates (held with a strong
# reference so that its id is not reused).
_MEMO: dict[int, tuple[TrialAssessment, list[str]]] = {}
_MEMO_LIMIT = 50_000


def trial_candidates(
    assessment: TrialAssessment, specs: Mapping[str, FactSpec], facts: Profile
) -> list[str]:
    """The facts worth asking for one open trial, in the trial's own order, each once."""
    memo = _MEMO.get(id(assessment))
    if memo is not None and memo[0] is assessment:
        return memo[1]
    found: list[str] = []
    for outcome in assessment.outcomes:
        if outcome.status == "unknown":
            target = _first_askable(outcome, specs, facts)
            if target is not None and target not in found:
                found.append(target)
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    _MEMO[id(assessment)] = (assessment, found)
    return found


def next_fact(
    assessments: Sequence[TrialAssessment], specs: Mapping[str, FactSpec], facts: Profile
) -> str | None:
    """The next fact to ask about, or None when only the study team can settle what is left."""
    candidates: dict[str, _Candidate] = {}
    for assessment in open_trials(assessments):
        for fact_id in trial_candidates(assessment, specs, facts):
            if fact_id in facts:
                continue
            candidate = candidates.get(fact_id)
            if candidate is None:
                knockout = specs[fact_id].knockout
                candidate = candidates[fact_id] = _Candidate(fact_id, knockout, len(candidates), 0)
            candidate.trials += 1
    if not candidates:
        return None
    best = min(
        candidates.values(),
        key=lambda c: (not c.knockout, c.rank, -c.trials, c.first_seen),
    )
    return best.fact_id
