"""Questions that fit the person: "your son" once the person asks for their son ("your child" for
a young child whose relation was not said), the birth-control question worded for the sex at
birth, and daily-life choices about play and school for a child (prompts/dialog.yaml
`about_someone`, `asked_for_a_child_below`, `by_sex`, `child_choices`)."""

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
    values = {"who": who, "whose": f"{who}'s", "pronoun": _PRONOUNS.get(str(sex), who)}
    for pattern, replacement in _rules(texts):
        question = pattern.sub(replacement.format(**values), question)
    return question


_SELF = {"male": "himself", "female": "herself"}


def _choice_about_someone(label: str, sex: object, texts: Texts) -> str:
    """A choice's words about the person asked for ("can take care of herself"), from
    `about_someone_choices` of prompts/dialog.yaml."""
    for pattern, replacement in texts.value("about_someone_choices") or []:
        label = re.sub(
            str(pattern), str(replacement).format(self=_SELF.get(str(sex), "themselves")), label
        )
    return label


def by_sex(question: str, sex: object, pronoun: str, texts: Texts) -> str:
    """The question worded for a known sex at birth ("If your daughter could get pregnant, would
    she ...", not "... or father a child, would they"), from `by_sex` of prompts/dialog.yaml."""
    rules = (texts.value("by_sex") or {}).get(str(sex)) or []
    for pattern, replacement in rules:
        question = re.sub(str(pattern), str(replacement).format(pronoun=pronoun), question)
    return question


def asked_for(state: DialogState, texts: Texts) -> str | None:
    """Whom the questions speak of: the relation said ("son"), or "child" when the person's age
    is below `asked_for_a_child_below` (an 8-year-old is not the one typing); None: "you"."""
    if state.relation:
        return state.relation
    below = texts.value("asked_for_a_child_below")
    age = state.facts.get("age_years")
    if below is None or not isinstance(age, int | float) or isinstance(age, bool):
        return None
    return "child" if age < float(below) else None


def fitted_spec(spec: FactSpec, state: DialogState, texts: Texts) -> FactSpec:
    """The spec as this person should be asked it (the same fact, value and button values)."""
    update: dict[str, object] = {}
    relation = asked_for(state, texts)
    sex = state.facts.get("sex")
    question = spec.question
    if relation:
        question = about_someone(question, relation, sex, texts)
        if spec.help:
            update["help"] = about_someone(spec.help, relation, sex, texts)
    pronoun = _PRONOUNS.get(str(sex), "they") if relation else "you"
    question = by_sex(question, sex, pronoun, texts)
    if question != spec.question:
        update["question"] = question
    age = state.facts.get("age_years")
    is_child = isinstance(age, int | float) and not isinstance(age, bool) and age < CHILD_BELOW
    child_labels = (texts.value("child_choices") or {}).get(spec.id)
    if relation and not (is_child and child_labels) and spec.choices:
        choices = [
            c.model_copy(update={"label": _choice_about_someone(c.label, sex, texts)})
            for c in spec.choices
        ]
        if choices != spec.choices:
            update["choices"] = choices
    if is_child and child_labels:
        update["choices"] = [
            c.model_copy(update={"label": str(child_labels.get(c.value, c.label))})
            for c in spec.choices
        ]
    return spec.model_copy(update=update) if update else spec
