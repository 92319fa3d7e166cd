"""A blood pressure reading as the answer to a question about blood pressure that stays high
with medicine ("130 over 80 on my tablets"): both numbers, and the answer the reading gives
(`reading_answers` in prompts/answer_topics.yaml)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from trialbot.dialog.readers import normalize, read_blood_pressure
from trialbot.domain.facts import FactSpec, FactValue
from trialbot.prompts import load_prompts

SYSTOLIC = "systolic_bp_mmhg"
DIASTOLIC = "diastolic_bp_mmhg"


@lru_cache(maxsize=1)
def _rules() -> dict[str, dict[str, Any]]:
    raw = load_prompts("answer_topics").get("reading_answers") or {}
    return {str(k): dict(v) for k, v in raw.items()}


def _any(patterns: list[str], said: str) -> bool:
    return any(re.search(str(p), said) for p in patterns)


def reading_answer(
    spec: FactSpec, message: str, specs: Mapping[str, FactSpec]
) -> dict[str, FactValue] | None:
    """The facts a blood pressure reading typed to `spec`'s question states: both numbers, and
    `spec`'s yes or no when the reading gives it; None when the question is no such question,
    the message holds no reading, or a number is out of its fact's range."""
    rules = _rules().get(spec.id)
    if rules is None or SYSTOLIC not in specs or DIASTOLIC not in specs:
        return None
    said = normalize(message)
    reading = read_blood_pressure(said)
    if reading is None:
        return None
    top, bottom = reading
    for fact_id, value in ((SYSTOLIC, top), (DIASTOLIC, bottom)):
        low, high = specs[fact_id].minimum, specs[fact_id].maximum
        if (low is not None and value < low) or (high is not None and value > high):
            return None
    facts: dict[str, FactValue] = {SYSTOLIC: top, DIASTOLIC: bottom}
    limit = rules.get("high_from") or {}
    is_high = top >= int(limit.get("systolic", 140)) or bottom >= int(limit.get("diastolic", 90))
    treated = _any(rules.get("medicine") or [], said)
    untreated = _any(rules.get("no_medicine") or [], said)
    if not is_high:
        facts[spec.id] = False  # not high, on medicine or not
    elif treated and not untreated:
        facts[spec.id] = True  # high even with medicine
    return facts
