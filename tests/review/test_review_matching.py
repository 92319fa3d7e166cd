"""How stored reviews find their criterion: by text, through re-ordering, and when they go stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_helpers import CONSENT_TRIAL

from trialbot.domain.criteria import StructuredCriterion
from trialbot.eligibility import read_criteria
from trialbot.sources.catalog import FileTrialCatalog
from trialbot.sources.reviews import apply_reviews, new_review, review_key


def _criteria(index_dir: Path) -> list[StructuredCriterion]:
    trial = FileTrialCatalog(index_dir).get_trial(CONSENT_TRIAL)
    assert trial is not None
    return read_criteria(trial)


def test_a_review_follows_its_text_when_criteria_are_renumbered(index_dir: Path) -> None:
    """A criterion inserted before a reviewed one shifts its id; the review moves with the text
    and the criterion now holding the old id is not called stale."""
    criteria = _criteria(index_dir)
    inc4 = next(c for c in criteria if c.id == "inc-4")
    review = new_review(inc4, "study_team", None)
    inserted = inc4.model_copy(update={"text": "A new criterion the registry added."})
    moved = inc4.model_copy(update={"id": "inc-5"})
    applied = apply_reviews([inserted, moved], {review_key(inc4): review})
    assert applied[0].review is None
    assert applied[1].review is not None and not applied[1].review.stale
    assert applied[1].needs_review


def test_a_confirmed_reading_that_the_reader_now_reads_differently_is_stale(
    index_dir: Path,
) -> None:
    """Confirming vouches for one automatic rule: a different rule for the same text is stale
    and may no longer exclude on its own."""
    inc4 = next(c for c in _criteria(index_dir) if c.id == "inc-4")
    review = new_review(inc4, "confirmed", None)
    reread = inc4.model_copy(update={"rule": "age_years >= 3"})
    (applied,) = apply_reviews([reread], {review_key(inc4): review})
    assert applied.review is not None and applied.review.stale
    assert applied.confidence == "partial"


def test_a_corrected_rule_is_a_certain_reading_over_its_facts(index_dir: Path) -> None:
    """A correction sets the rule, the facts read, the concept and its question."""
    inc3 = next(c for c in _criteria(index_dir) if c.id == "inc-3")
    review = new_review(inc3, "corrected", "age_years >= 2 and not (pregnant == yes (females))")
    (applied,) = apply_reviews([inc3], {review_key(inc3): review})
    assert applied.concept == "age_years" and applied.facts == ["age_years", "pregnant", "sex"]
    assert applied.confidence == "certain" and applied.question is not None


def test_a_review_written_by_another_process_is_seen(
    index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second ReviewBook over the same index dir (as in another process) sees a new review once
    the change marker is looked at again, and the trial's stamp changes."""
    import trialbot.sources.reviews as reviews

    monkeypatch.setattr(reviews, "RECHECK_SECONDS", 0.0)
    criteria = _criteria(index_dir)
    server, command_line = reviews.ReviewBook(index_dir), reviews.ReviewBook(index_dir)
    before = server.stamp(CONSENT_TRIAL)
    command_line.review(CONSENT_TRIAL, criteria, "inc-3", "study_team")
    assert server.stamp(CONSENT_TRIAL) != before
    (review,) = server.reviews(CONSENT_TRIAL).values()
    assert review.criterion_id == "inc-3" and review.status == "study_team"
