"""Helpers of the reader kind tests: read one written criterion, pick one reading, check it."""

from __future__ import annotations

import datetime

from trialbot.domain.checker import evaluate
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.facts import Profile
from trialbot.domain.trial import CriterionKind, CriterionText
from trialbot.eligibility import read_criterion

TODAY = datetime.date(2026, 12, 1)


def read_one_text(kind: CriterionKind, text: str) -> list[StructuredCriterion]:
    """Every reading of `text` as criterion inc-1 / exc-1."""
    return read_criterion(CriterionText(id=f"{kind[:3]}-1", kind=kind, text=text))


def only_reading(kind: CriterionKind, text: str, concept: str) -> StructuredCriterion:
    """The one reading of `concept` in `text` (fails with every reading when not exactly one)."""
    found = [c for c in read_one_text(kind, text) if c.concept == concept]
    assert len(found) == 1, [(c.concept, c.confidence, c.rule) for c in read_one_text(kind, text)]
    return found[0]


def status_of(criterion: StructuredCriterion, profile: Profile) -> tuple[str, bool]:
    """(met / not_met / unknown ..., whether the answer went against the reading) on TODAY."""
    outcome = evaluate(criterion, profile, TODAY)
    return outcome.status, outcome.against


def readings_summary(kind: CriterionKind, text: str) -> list[tuple[str | None, str, str | None]]:
    """(concept, confidence, rule) of every reading of `text`: what a failing test shows."""
    return [(c.concept, c.confidence, c.rule) for c in read_one_text(kind, text)]
