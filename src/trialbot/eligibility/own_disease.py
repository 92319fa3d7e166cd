"""Exclusions that would exclude every patient a trial is for: the trial's own illness read as a
yes/no fact ("autoimmune_disease == yes" in a systemic sclerosis trial) goes to the study team.
The illness words are data: `rules/own_disease.yaml`."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _words() -> dict[str, re.Pattern[str]]:
    path = resources.files("trialbot.eligibility").joinpath("rules/own_disease.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return {
        fact: re.compile(rf"(?<![a-z0-9])(?:{'|'.join(rows)})(?![a-z0-9])")
        for fact, rows in data.items()
    }


def own_condition_facts(trial: Trial) -> frozenset[str]:
    """Yes/no facts the trial's own conditions or keywords name: a systemic sclerosis trial ->
    {"autoimmune_disease"}; empty when none."""
    named = " ; ".join([*trial.conditions, *trial.keywords]).lower()
    if not named.strip():
        return frozenset()
    return frozenset(fact for fact, pattern in _words().items() if pattern.search(named))


def excludes_own_patients(item: StructuredCriterion, own: frozenset[str]) -> bool:
    """True when the reading would hold the trial's own illness against the patient: an exclusion
    read as "<fact> == yes", or an inclusion read as "not (<fact> == yes)"."""
    if item.concept not in own or item.needs_review or not item.rule:
        return False
    negated = item.rule.startswith("not ")
    return negated if item.kind == "inclusion" else not negated


def to_study_team(item: StructuredCriterion) -> StructuredCriterion:
    """The same criterion as a study-team item (no question, no rule)."""
    return item.model_copy(
        update={
            "needs_review": True,
            "condition": {"op": "review"},
            "confidence": "review",
            "rule": None,
            "question": None,
            "answer_type": None,
            "facts": [],
        }
    )
