"""Staff reviews change what the checker decides in real conversations over corpus trials."""

from __future__ import annotations

import json
from pathlib import Path

from review_helpers import (
    CONSENT_TRIAL,
    RADIOTHERAPY_TRIAL,
    NoAnswers,
    answer_all,
    make_settings,
    talker,
)

from trialbot.bootstrap import Core, build_core, open_catalog
from trialbot.eligibility import read_criteria
from trialbot.sources.catalog import FileTrialCatalog
from trialbot.sources.reviews import open_review_book
from trialbot.storage import open_store


def _review(core: Core, trial_id: str, criterion_id: str, status: str, rule: str | None = None):
    trial = core.catalog.get_trial(trial_id)
    assert trial is not None
    book = open_review_book(core.settings.index_dir)
    return book.review(trial.id, read_criteria(trial), criterion_id, status, rule, by="coordinator")


def test_study_team_review_makes_a_criterion_a_study_team_item(core: Core) -> None:
    """Staff hand an informed-consent criterion about age to the study team; in the same
    conversation it becomes a study-team item and the 40-year-old is never excluded by it."""
    send = talker(core, "web:consent", [CONSENT_TRIAL])
    answer_all(send, {"age_years": "40"})
    _review(core, CONSENT_TRIAL, "inc-3", "study_team")
    after = send("40")
    assert after.verdicts[CONSENT_TRIAL] != "ineligible"
    view = core.service.view("web:consent")
    assert view is not None
    outcome = next(o for o in view.reasons[CONSENT_TRIAL] if o["criterion_id"] == "inc-3")
    assert outcome["status"] == "unknown" and outcome["needs_review"]


def test_corrected_rule_decides_what_was_a_study_team_item(core: Core) -> None:
    """ "Radiotherapy before surgery" is a study-team item until staff correct it to a rule over
    the patient's last radiotherapy; a patient who had radiotherapy is then not eligible."""
    answers = {
        "age_years": "50",
        "prior_cancer_treatment": "yes",
        "last_radiotherapy": "6 months ago",
    }
    first = answer_all(talker(core, "web:rt-1", [RADIOTHERAPY_TRIAL]), answers)
    assert first.verdicts[RADIOTHERAPY_TRIAL] != "ineligible"
    corrected = _review(core, RADIOTHERAPY_TRIAL, "exc-2", "corrected", "last_radiotherapy ever")
    assert corrected.confidence == "certain" and corrected.question is not None
    second = answer_all(talker(core, "web:rt-2", [RADIOTHERAPY_TRIAL]), answers)
    assert second.verdicts[RADIOTHERAPY_TRIAL] == "ineligible"
    never_had = {"age_years": "50", "last_radiotherapy": "never"}
    never = answer_all(talker(core, "web:rt-3", [RADIOTHERAPY_TRIAL]), never_had)
    assert never.verdicts[RADIOTHERAPY_TRIAL] != "ineligible"


def test_changed_registry_text_flags_the_review_stale_and_falls_back(
    core: Core, index_dir: Path
) -> None:
    """When the registry rewrites a reviewed criterion, its review is stale and the automatic
    reading comes back as `partial`: it is asked but can no longer exclude on its own."""
    _review(core, CONSENT_TRIAL, "inc-4", "confirmed")
    catalog = FileTrialCatalog(index_dir)
    trial = catalog.get_trial(CONSENT_TRIAL)
    assert trial is not None
    changed = trial.model_copy(deep=True)
    changed.criteria[3].text = "Participants must be at least 3 years of age."
    catalog.register(changed, catalog.source_files(CONSENT_TRIAL)[0], source_bytes=b"changed")
    fresh = build_core(make_settings(index_dir), store=open_store("memory://"),
                       answerer=NoAnswers())  # fmt: skip
    reviewed = fresh.service.engine.rules.criteria(changed)
    inc4 = next(c for c in reviewed if c.id == "inc-4")
    assert inc4.review is not None and inc4.review.stale and inc4.review.status == "confirmed"
    assert inc4.confidence == "partial"
    assert inc4.rule == "age_years >= 3"


def test_review_survives_reingest_of_the_same_text(core: Core, index_dir: Path) -> None:
    """Re-registering the unchanged trial keeps its reviews and they still apply."""
    _review(core, CONSENT_TRIAL, "inc-3", "study_team")
    catalog = open_catalog(core.settings)
    source = catalog.source_files(CONSENT_TRIAL)[0]
    trial = catalog.get_trial(CONSENT_TRIAL)
    assert trial is not None
    catalog.register(trial, source, source_bytes=source.read_bytes() + b" ")
    criteria = core.service.engine.rules.criteria(trial)
    inc3 = next(c for c in criteria if c.id == "inc-3")
    assert inc3.review is not None and not inc3.review.stale and inc3.needs_review


def test_erasing_a_conversation_leaves_reviews_and_reviews_hold_no_patient_data(
    core: Core, index_dir: Path
) -> None:
    """Forgetting a conversation does not touch the reviews file, and that file holds only the
    criterion id, its text hash, status, rule, reviewer and time: nothing the patient said."""
    send = talker(core, "web:privacy", [CONSENT_TRIAL])
    answer_all(send, {"age_years": "47"})
    _review(core, CONSENT_TRIAL, "inc-3", "study_team")
    path = index_dir / "trials" / CONSENT_TRIAL / "reviews.json"
    before = path.read_bytes()
    assert core.service.forget("web:privacy")
    assert path.read_bytes() == before
    stored = json.loads(before)
    (review,) = stored["reviews"].values()
    assert set(review) <= {"criterion_id", "text_sha256", "status", "rule", "reading", "by", "at"}
    # The age given appears nowhere as a value (a time stamp or hash may hold the digits "47").
    values = [str(value) for key, value in review.items() if key not in ("at", "text_sha256")]
    assert all("47" not in value for value in values)


def test_only_reviewed_trials_are_offered_when_the_policy_is_on(index_dir: Path) -> None:
    """With TRIALBOT_REVIEWED_TRIALS_ONLY a trial is offered once every criterion is reviewed."""
    settings = make_settings(index_dir, TRIALBOT_REVIEWED_TRIALS_ONLY=True)
    core = build_core(settings, store=open_store("memory://"), answerer=NoAnswers())
    assert core.service.engine.catalog.list_trials() == []
    trial = core.catalog.get_trial(CONSENT_TRIAL)
    assert trial is not None
    book = open_review_book(index_dir)
    automatic = read_criteria(trial)
    for criterion in automatic:
        book.review(trial.id, automatic, criterion.id, "confirmed")
    assert [t.id for t in core.service.engine.catalog.list_trials()] == [CONSENT_TRIAL]
