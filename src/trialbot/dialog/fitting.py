"""Questions that fit the person: "your son" once the person asks for their son, and daily-life
choices about play and school for a child (prompts/dialog.yaml `about_someone`, `child_choices`)."""

from __future__ import annotations

import re
from functools import lru_cache

from trialbot.dialog.state import DialogState
from trialbot.dialog.texts import Texts
from trialbot.domain.facts import FactSpec

CHILD_BELOW = 16  # years: daily-life choices about play and school (Lansky-style)
_PRONOUNS = {"male": "he", "female": "she"}


@lru_cache(maxsize=8)
def _rules(texts: Texts) -> list[tuple[re.Pattern[str], str]]:
    raw = texts.value("about_someone") or []
    return [(re.compile(str(pattern)), str(replacement)) for pattern, replacement in raw]


def about_someone(question: str, relation: str, sex: object, texts: Texts) -> str:
    """The question about "your <relation>" instead of "you (or the person ...)"."""
    who = f"your {relation}"
    values = {"who": who, "whose": f"{who}'s", "pronoun": _PRONOUNS.get(str(sex), "they")}
    for pattern, replacement in _rules(texts):
        question = pattern.sub(replacement.format(**values), question)
    return question


def fitted_spec(spec: FactSpec, state: DialogState, texts: Texts) -> FactSpec:
    """The spec as this person should be asked it (the same fact, value and button values)."""
    update: dict[str, object] = {}
    if state.relation:
        update["question"] = about_someone(
            spec.question, state.relation, state.facts.get("sex"), texts
        )
    age = state.facts.get("age_years")
    is_child = isinstance(age, int | float) and not isinstance(age, bool) and age < CHILD_BELOW
    child_labels = (texts.value("child_choices") or {}).get(spec.id)
    if is_child and child_labels:
        update["choices"] = [
            c.model_copy(update={"label": str(child_labels.get(c.value, c.label))})
            for c in spec.choices
        ]
    return spec.model_copy(update=update) if update else spec
