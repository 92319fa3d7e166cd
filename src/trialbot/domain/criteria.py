"""Structured criteria and the checker's results."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from trialbot.domain.facts import AnswerType
from trialbot.domain.trial import CriterionKind
from trialbot.domain.turn import Verdict

Status = Literal["met", "not_met", "unknown"]


class StructuredCriterion(BaseModel):
    """One criterion (or one atom of a compound criterion) read into a check over facts.

    The public fields are those of `trialbot criteria show --json`; `condition` is the
    machine-readable rule the checker evaluates (None when there is no structured reading).
    """

    id: str
    kind: CriterionKind
    text: str
    concept: str | None = None  # the main fact id, or None
    question: str | None = None
    answer_type: AnswerType | None = None
    rule: str | None = None  # human-readable, e.g. "age_years >= 5 and age_years <= 30"
    needs_review: bool = False
    condition: dict[str, Any] | None = Field(default=None, exclude=True)
    facts: list[str] = Field(default_factory=list)  # every fact id the condition reads


class CriterionOutcome(BaseModel):
    """The checker's reading of one criterion for one patient.

    `status` is about the requirement to join: for an exclusion criterion, "met" means the
    patient does NOT have the excluding condition.
    """

    criterion_id: str
    kind: CriterionKind
    text: str
    status: Status
    reason: str  # quotes the criterion and the fact used
    concept: str | None = None
    needs_review: bool = False
    missing_facts: list[str] = Field(default_factory=list)  # facts that could settle it, in order


class TrialAssessment(BaseModel):
    """The verdict on one trial with a reason for every criterion."""

    trial_id: str
    verdict: Verdict
    outcomes: list[CriterionOutcome] = Field(default_factory=list)
