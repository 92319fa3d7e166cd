"""Criteria taken from the registry record itself: its age limits and sex."""

from __future__ import annotations

from trialbot.domain.ages import AgeUnit, in_years, say_age
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import AgeLimit, Trial
from trialbot.eligibility.atoms import all_of, leaf
from trialbot.eligibility.vocabulary import fact_spec


def _limit(limit: AgeLimit | None, years: float | None) -> tuple[float, str, AgeUnit] | None:
    """(years at full precision, words as written, unit) of one age limit, or None."""
    if limit is not None:
        return in_years(limit.value, limit.unit), say_age(limit.value, limit.unit), limit.unit
    if years is not None:
        return years, say_age(years, "years"), "years"
    return None


def _age_words(low: str | None, high: str | None) -> str:
    """ "Age 2 weeks to 28 days", "Age 18 years or older", "Age 30 years or younger"."""
    if low and high:
        if low.endswith(" years") and high.endswith(" years"):
            low = low.removesuffix(" years")
        return f"Age {low} to {high} (from the registry record)"
    if low:
        return f"Age {low} or older (from the registry record)"
    return f"Age {high} or younger (from the registry record)"


def _age(trial: Trial) -> StructuredCriterion | None:
    """The record's age limits (ages as written: "28 Days" is said "28 days", compared exactly)."""
    low = _limit(trial.min_age, trial.min_age_years)
    high = _limit(trial.max_age, trial.max_age_years)
    present = [(op, bound) for op, bound in ((">=", low), ("<=", high)) if bound is not None]
    if not present:
        return None
    spec = fact_spec("age_years")
    leaves = []
    for op, (years, words, unit) in present:
        node = leaf("age_years", "cmp", cmp=op, value=years)
        if unit != "years":  # the checker says "at most 28 days", not "0.0767 years"
            node["written"], node["written_unit"] = words, unit
        leaves.append(node)
    return StructuredCriterion(
        id="record-age",
        kind="inclusion",
        text=_age_words(low[1] if low else None, high[1] if high else None),
        concept="age_years",
        question=spec.question if spec else None,
        answer_type="number",
        rule=" and ".join(f"age_years {op} {tidy_years(years)}" for op, (years, *_) in present),
        condition=all_of(*leaves),
        facts=["age_years"],
    )


def tidy_years(years: float) -> int | float:
    """Years for the short rule text: whole numbers as int, others to four decimals."""
    return int(years) if float(years).is_integer() else round(years, 4)


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
