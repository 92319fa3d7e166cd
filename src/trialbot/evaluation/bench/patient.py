"""A generic simulated patient for load: answers any question by its buttons or its fact type."""

from __future__ import annotations

from collections.abc import Sequence

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Reply, Turn
from trialbot.eligibility import fact_specs

UNKNOWN = "unknown"


def last_question(turn: Turn) -> Reply | None:
    """The last question of a turn, or None when the bot stopped asking."""
    questions = [r for r in turn.replies if r.kind == "question"]
    return questions[-1] if questions else None


def ages_in_range(trials: Sequence[Trial]) -> list[int]:
    """Ages inside each trial's age limits, so simulated conversations get past the first rule."""
    ages = []
    for trial in trials:
        low = trial.min_age_years if trial.min_age_years is not None else 18
        high = trial.max_age_years if trial.max_age_years is not None else low + 40
        ages.append(int((low + high) / 2))
    return ages or [30]


def answer(
    question: Reply, step: int, ages: Sequence[int] = (30,)
) -> tuple[str | None, str | None]:
    """(text, button) answering the question: varied between typed words and button presses."""
    # Button values may carry their question's token ("yes#3"); a read-back offers Yes / No.
    values = [b.value for b in question.buttons if b.value.split("#")[0] != UNKNOWN]
    if question.asks == "age_years" and not values:
        return str(ages[step % len(ages)]), None
    if values:
        value = values[step % len(values)]
        if step % 3 == 0:
            label = next(b.label for b in question.buttons if b.value == value)
            return label, None
        return None, value
    spec = fact_specs().get(question.asks or "")
    if spec is None or spec.answer_type != "number":
        return "not sure", None
    low = spec.minimum if spec.minimum is not None else 0.0
    high = spec.maximum if spec.maximum is not None else 100.0
    number = low + (high - low) * ((step % 7) + 1) / 8
    unit = f" {spec.unit}" if spec.unit and spec.unit != "years" else ""
    return f"{round(number)}{unit}", None
