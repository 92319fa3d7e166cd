"""Structured criteria and the checker's results."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from trialbot.domain.facts import AnswerType
from trialbot.domain.trial import CriterionKind
from trialbot.domain.turn import Verdict

Status = Literal["met", "not_met", "unknown"]
Confidence = Literal["certain", "partial", "review"]
# A partial reading whose question is narrower than the criterion ("major surgery" for "invasive
# surgery"): an answer that meets the reading establishes the criterion, any other settles nothing.
# "not_met", on an inclusion only: the question is broader than the inclusion ("Is an operation
# planned?" beside "Radical prostatectomy has been scheduled"): an answer that fails the reading
# fails the inclusion, any other settles nothing.
DecisiveWhen = Literal["met", "not_met"]
ReviewStatus = Literal["confirmed", "corrected", "study_team"]


class Threshold(BaseModel):
    """A number a criterion sets: {"measure": "anc", "op": ">=", "value": 1.5, "unit": "10^9/L"}.

    A multiple of the upper limit of normal has unit "x ULN"; `applies_to` narrows it ("female").
    """

    measure: str
    op: str
    value: float
    unit: str | None = None
    applies_to: str | None = None


class CriterionReview(BaseModel):
    """A staff review of one criterion reading (never holds patient data)."""

    status: ReviewStatus
    by: str | None = None
    at: str | None = None  # ISO timestamp
    stale: bool = False  # the registry text changed since the review


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
    # v2: only a "certain" reading may fail a criterion; "partial"/"review" go to the study team.
    confidence: Confidence = "certain"
    thresholds: list[Threshold] = Field(default_factory=list)
    applies_to: str | None = None  # cohort / part / arm / phase as written, e.g. "Cohort 2"
    review: CriterionReview | None = None
    decisive_when: DecisiveWhen | None = None  # only on a partial reading (see DecisiveWhen)

    @model_validator(mode="after")
    def _review_is_never_certain(self) -> StructuredCriterion:
        if self.needs_review and self.confidence == "certain":
            self.confidence = "review"
        if self.confidence != "partial":
            self.decisive_when = None
        return self


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
    answered: bool = False  # v2: settled by the patient's own answers (not by the study team)
    against: bool = False  # an answer went against a reading that is not certain
    # A failed time window measured from a dated answer ("a live vaccine within 30 days"): the
    # first day it no longer holds (ISO date, the answer's date + the window + 1 day) and the
    # window in days. None when the failure does not pass with time.
    eligible_from: str | None = None
    window_days: int | None = None


class TrialAssessment(BaseModel):
    """The verdict on one trial with a reason for every criterion."""

    trial_id: str
    verdict: Verdict
    outcomes: list[CriterionOutcome] = Field(default_factory=list)
