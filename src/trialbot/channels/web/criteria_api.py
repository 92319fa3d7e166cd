"""Staff review of criteria readings over the web: the API routes and the "Criteria" page.

`GET /api/trials/{id}/criteria` gives the criteria as the checker uses them (staff reviews
applied, as `criteria show --json`, plus `reading_words`); `PUT /api/trials/{id}/criteria/{cid}`
stores a review (`confirmed`, `corrected` with a rule, `study_team`) and returns the criterion;
`GET /api/reviews` gives the progress of every trial staff started reviewing; `GET /criteria` is
the page. Same staff token as the chat.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field

from trialbot.channels.web.auth import StaffAuth
from trialbot.channels.web.page import PAGE_HEADERS, STATIC_DIR, login_page
from trialbot.channels.web.ports import WebCore
from trialbot.channels.web.schemas import ErrorBody
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial

logger = logging.getLogger(__name__)


class ReviewRequest(BaseModel):
    """A staff review of one criterion reading."""

    status: Literal["confirmed", "corrected", "study_team"]
    rule: str | None = Field(
        default=None,
        max_length=2000,
        description="with corrected: the rule in the words `criteria show` prints",
    )
    by: str | None = Field(default=None, max_length=80, description="who reviewed")


class ReviewProgressBody(BaseModel):
    """How far staff got with one trial."""

    reviewed: int
    total: int
    stale: int


class FactWords(BaseModel):
    """How staff read a fact: "the age" in years; a choice value's label."""

    label: str
    unit: str | None = None
    choices: dict[str, str] = Field(default_factory=dict)


@lru_cache(maxsize=1)
def fact_words() -> dict[str, FactWords]:
    """Label, unit and choice labels of every fact id (read once)."""
    from trialbot.eligibility import fact_labels, fact_specs

    labels = fact_labels()
    return {
        fact_id: FactWords(
            label=labels.get(fact_id, fact_id.replace("_", " ")),
            unit=spec.unit,
            choices={c.value: c.label for c in spec.choices},
        )
        for fact_id, spec in fact_specs().items()
    }


def criterion_body(criterion: StructuredCriterion) -> dict[str, Any]:
    """A criterion as `criteria show --json` gives it, plus the reading in plain words."""
    from trialbot.eligibility.rule_words import reading_words

    data = criterion.model_dump(mode="json")
    data["reading_words"] = reading_words(criterion)
    return data


def build_criteria_router(core: WebCore, auth: StaffAuth) -> APIRouter:
    """The review routes and page (plain `def`: they run in the threadpool)."""
    from trialbot.eligibility import read_criteria
    from trialbot.sources.reviews import (
        ReviewError,
        open_review_book,
        reviewed_criteria,
        trial_progress,
    )

    book = open_review_book(core.settings.index_dir)
    router = APIRouter()
    api = APIRouter(
        prefix="/api",
        dependencies=[Depends(auth.require)],
        responses={401: {"model": ErrorBody}},
        tags=["criteria review"],
    )

    def trial_or_404(trial_id: str) -> Trial:
        trial = core.catalog.get_trial(trial_id)
        if trial is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no trial {trial_id!r} is registered")
        return trial

    @api.get("/trials/{trial_id}/criteria", responses={404: {"model": ErrorBody}})
    def criteria(trial_id: str) -> list[dict[str, Any]]:
        """The trial's structured criteria with staff reviews applied (as `criteria show`)."""
        trial = trial_or_404(trial_id)
        return [criterion_body(c) for c in reviewed_criteria(book, trial)]

    @api.put(
        "/trials/{trial_id}/criteria/{criterion_id}",
        responses={404: {"model": ErrorBody}, 422: {"model": ErrorBody}},
    )
    def review(trial_id: str, criterion_id: str, body: ReviewRequest) -> dict[str, Any]:
        """Confirm, correct (with a rule) or hand a criterion to the study team."""
        trial = trial_or_404(trial_id)
        automatic = read_criteria(trial)
        if not any(c.id == criterion_id for c in automatic):
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no criterion {criterion_id!r}")
        try:
            updated = book.review(
                trial.id, automatic, criterion_id, body.status, body.rule, body.by
            )
        except ReviewError as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None
        logger.info("review stored: trial %s criterion %s %s", trial.id, criterion_id, body.status)
        return criterion_body(updated)

    @api.get("/reviews", response_model=dict[str, ReviewProgressBody])
    def progress() -> dict[str, ReviewProgressBody]:
        """Review progress of every trial staff started reviewing, by trial id."""
        found: dict[str, ReviewProgressBody] = {}
        for trial in core.catalog.list_trials():
            done = trial_progress(book, trial)
            if done is not None:
                found[trial.id] = ReviewProgressBody(
                    reviewed=done.reviewed, total=done.total, stale=done.stale
                )
        return found

    @api.get("/facts", response_model=dict[str, FactWords], tags=["facts"])
    def facts() -> dict[str, FactWords]:
        """Every patient fact's plain label, unit and choice labels (for the staff side panel)."""
        return fact_words()

    @router.get("/criteria", include_in_schema=False)
    def page(request: Request) -> Response:
        """The staff "Criteria" page (a login form until the staff signs in)."""
        if not auth.request_allowed(request):
            return login_page(status_code=401)
        return FileResponse(STATIC_DIR / "criteria.html", headers=PAGE_HEADERS)

    router.include_router(api)
    return router
