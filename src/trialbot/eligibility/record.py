"""Criteria taken from the registry record itself: its age limits and sex."""

from __future__ import annotations

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial
from trialbot.eligibility.atoms import all_of, leaf
from trialbot.eligibility.vocabulary import fact_spec


def _years(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def _age(trial: Trial) -> StructuredCriterion | None:
    bounds = [(">=", trial.min_age_years), ("<=", trial.max_age_years)]
    present = [(op, _years(v)) for op, v in bounds if v is not None]
    if not present:
        return None
    low, high = trial.min_age_years, trial.max_age_years
    if low is not None and high is not None:
        text = f"Age {_years(low)} to {_years(high)} years (from the registry record)"
    elif low is not None:
        text = f"Age {_years(low)} years or older (from the registry record)"
    else:
        text = f"Age {_years(high or 0)} years or younger (from the registry record)"
    spec = fact_spec("age_years")
    return StructuredCriterion(
        id="record-age",
        kind="inclusion",
        text=text,
        concept="age_years",
        question=spec.question if spec else None,
        answer_type="number",
        rule=" and ".join(f"age_years {op} {v}" for op, v in present),
        condition=all_of(*[leaf("age_years", "cmp", cmp=op, value=v) for op, v in present]),
        facts=["age_years"],
    )


def _sex(trial: Trial) -> StructuredCriterion | None:
    if trial.sex not in ("female", "male"):
        return None
    spec = fact_spec("sex")
    return StructuredCriterion(
        id="record-sex",
        kind="inclusion",
        text=f"Only for {trial.sex} participants (from the registry record)",
        concept="sex",
        question=spec.question if spec else None,
        answer_type="choice",
        rule=f"sex == {trial.sex}",
        condition=leaf("sex", "eq", value=trial.sex),
        facts=["sex"],
    )


def record_criteria(trial: Trial) -> list[StructuredCriterion]:
    """The age and sex limits of the registry record as criteria."""
    return [c for c in (_age(trial), _sex(trial)) if c is not None]
