"""Questions that fit the person: "your son" once the person asks for their son ("your child" for
a young child whose relation was not said), the birth-control question worded for the sex at
birth, and daily-life choices about play and school for a child (prompts/dialog.yaml
`about_someone`, `asked_for_a_child_below`, `by_sex`, `child_choices`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from trialbot.dialog.state import DialogState
from trialbot.dialog.texts import Texts
from trialbot.domain.facts import NEVER, FactSpec, FactValue
from trialbot.domain.trial import Trial
from trialbot.prompts import load_prompts

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


def _names(names: list[str], conjunction: str = "or") -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def without_answered_parts(
    spec: FactSpec, question: str, facts: Mapping[str, FactValue], texts: Texts
) -> str:
    """The question without a part its own question already settled as never (the blood-clot
    question once "never had a stroke" was said): `parts_already_answered` in dialog.yaml."""
    rules = (texts.value("parts_already_answered") or {}).get(spec.id) or {}
    for answered, (pattern, replacement) in rules.items():
        if facts.get(str(answered)) == NEVER:
            question = re.sub(str(pattern), str(replacement), question)
    return question


def other_members_question(spec: FactSpec, facts: Mapping[str, FactValue]) -> str:
    """The class question as "any other ..., apart from enzalutamide or apalutamide" once some
    of the class's drugs were each asked and answered no (`prior_class_other` of
    prompts/facts.yaml); the question itself otherwise."""
    from trialbot.eligibility.drugs import DRUG_CLASSES, DRUGS

    drug_class = DRUG_CLASSES.get(spec.id.removeprefix("prior_"))
    if drug_class is None or not spec.id.startswith("prior_"):
        return spec.question
    answered = [DRUGS[m].name for m in drug_class.members if facts.get(f"prior_{m}") is False]
    if not answered:
        return spec.question
    left = [DRUGS[m].name for m in drug_class.members if f"prior_{m}" not in facts][:3]
    template = ((load_prompts("facts").get("generated") or {}).get("prior_class_other")) or {}
    if not template.get("question"):
        return spec.question
    such_as = str(template.get("such_as", "")).format(examples=_names(left)) if left else ""
    return str(template["question"]).format(
        name=drug_class.name, answered=_names(answered, "and"), such_as=such_as
    )


def fitted_spec(spec: FactSpec, state: DialogState, texts: Texts) -> FactSpec:
    """The spec as this person should be asked it (the same fact, value and button values)."""
    update: dict[str, object] = {}
    relation = asked_for(state, texts)
    sex = state.facts.get("sex")
    question = other_members_question(spec, state.facts)
    question = without_answered_parts(spec, question, state.facts, texts)
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


_ABOUT_CANCER: dict[str, bool] = {}


def about_cancer(trial: Trial, texts: Texts) -> bool:
    """True when the trial's conditions or title name a cancer (`cancer_trial_words` of
    prompts/dialog.yaml); cached per trial id."""
    found = _ABOUT_CANCER.get(trial.id)
    if found is None:
        if len(_ABOUT_CANCER) > 10_000:
            _ABOUT_CANCER.clear()
        words = str(texts.value("cancer_trial_words") or r"\bcancer\b")
        said = " | ".join([trial.title, trial.official_title or "", *trial.conditions]).lower()
        found = _ABOUT_CANCER[trial.id] = bool(re.search(words, said))
    return found
