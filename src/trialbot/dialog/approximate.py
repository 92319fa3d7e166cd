"""Values said as an estimate or from memory: "480 i think", "about 480?", "last spring".

Such a value is kept as approximate (`DialogState.approximate`): the checker sees it only while
it rules no trial in scope out; when it would, the fact counts as not known instead, so the study
team checks it from the person's records. A hedged number that would rule a trial out is first
asked about: is it the exact number on a report? A yes makes it an ordinary answer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from trialbot.domain.facts import UNKNOWN, FactSpec, FactValue
from trialbot.prompts import load_prompts

if TYPE_CHECKING:
    from trialbot.dialog.walk import Walk


@lru_cache(maxsize=1)
def _number_hedges() -> re.Pattern[str]:
    """`number_hedges` of prompts/answer_topics.yaml, as whole words."""
    words = [str(w).lower() for w in load_prompts("answer_topics").get("number_hedges") or []]
    if not words:
        return re.compile(r"(?!x)x")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])|~|-ish\b")


def number_hedged(said: str) -> bool:
    """True for a number said as an estimate or from memory ("480 i think", "about 480",
    "480?", "roughly 60 kg")."""
    return "?" in said or bool(_number_hedges().search(said.lower()))


def may_be_approximate(spec: FactSpec) -> bool:
    """Measured numbers a person may only remember (QTc, weight, blood pressure...); never the
    age, which decides who is asked anything at all."""
    return spec.answer_type == "number" and not spec.knockout


def hold_back(walk: Walk) -> None:
    """Put each approximate value into the facts while it rules out no trial in scope, or "not
    known" instead while it would (called after every change of the facts)."""
    state = walk.state
    approximate = {k: v for k, v in state.approximate.items() if k in state.facts}
    state.approximate = approximate
    if not approximate:
        return
    facts = state.facts
    unknown = {**facts, **dict.fromkeys(approximate, UNKNOWN)}
    with_values: dict[str, FactValue] = {**facts, **approximate}
    before = walk.assessor.assess(walk.trials, unknown, walk.today)
    after = walk.assessor.assess(walk.trials, with_values, walk.today)
    excludes = any(
        a.verdict == "ineligible" and before[t].verdict != "ineligible"
        for t, a in after.items()
        if t in before
    )
    facts.update(unknown if excludes else with_values)


def held_back(walk: Walk) -> dict[str, FactValue]:
    """The approximate values that count as not known now (they would rule a trial out)."""
    state = walk.state
    return {k: v for k, v in state.approximate.items() if state.facts.get(k) == UNKNOWN}
