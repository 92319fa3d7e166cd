"""A trial failed only by time windows measured from dated answers (a live vaccine within 30
days, chemotherapy within 4 weeks, surgery within 28 days) is "not eligible at the moment": the
checker still decides (`ineligible`), its outcome says from when the window no longer holds
(`eligible_from`, `window_days`), and the summary says so plainly. Any other failure keeps the
lasting "not eligible"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from dialog_fakes import TODAY, FakeAnswerer, ListCatalog, MemoryStore, SeedRules

from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.state import DialogState
from trialbot.domain.checker import assess
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionText, Trial
from trialbot.domain.turn import Incoming
from trialbot.eligibility import read_criterion
from trialbot.service import ConversationService

TRIAL = "NCT09999904"


def _within(cid: str, text: str, fact: str, days: int, label: str) -> StructuredCriterion:
    leaf = {"op": "within", "fact": fact, "days": days, "label": label}
    return StructuredCriterion.model_validate(
        {"id": cid, "kind": "exclusion", "text": text, "concept": fact, "condition": leaf,
         "facts": [fact], "confidence": "certain"}
    )  # fmt: skip


def _criterion(cid: str, condition: dict[str, Any], text: str) -> StructuredCriterion:
    facts = sorted({leaf["fact"] for leaf in condition.get("of", [condition])})
    return StructuredCriterion.model_validate(
        {"id": cid, "kind": "exclusion", "text": text, "concept": facts[0],
         "condition": condition, "facts": facts, "confidence": "certain"}
    )  # fmt: skip


VACCINE = _within(
    "exc-1", "Received a live vaccine within 30 days before the first dose.",
    "last_live_vaccine", 30, "a live vaccine",
)  # fmt: skip
CHEMO = _within(
    "exc-2", "Chemotherapy within 4 weeks prior to the first dose of study treatment.",
    "last_anticancer_therapy", 28, "cancer medicine",
)  # fmt: skip
SURGERY = _within(
    "exc-3", "Major surgery within 28 days of enrolment.", "last_major_surgery", 28,
    "a major operation",
)  # fmt: skip
HEPATITIS = _criterion(
    "exc-4", {"op": "true", "fact": "hepatitis_b", "label": "hepatitis B"}, "Active hepatitis B."
)
EITHER = _criterion(
    "exc-5",
    {"op": "any", "of": [
        {"op": "within", "fact": "last_major_surgery", "days": 28, "label": "a major operation"},
        {"op": "within", "fact": "last_radiotherapy", "days": 14, "label": "radiotherapy"},
    ]},
    "Major surgery within 28 days or radiotherapy within 14 days before the first dose.",
)  # fmt: skip


def _ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("criterion", "fact", "ago", "start", "window"),
    [
        (VACCINE, "last_live_vaccine", 14, "2026-12-08", 30),
        (CHEMO, "last_anticancer_therapy", 10, "2026-12-10", 28),
        (SURGERY, "last_major_surgery", 28, "2026-11-22", 28),  # the last day of the window
    ],
)
def test_a_dated_window_failure_says_from_when(
    criterion: StructuredCriterion, fact: str, ago: int, start: str, window: int
) -> None:
    result = assess(TRIAL, [criterion], {fact: _ago(ago)}, TODAY)
    (outcome,) = result.outcomes
    assert result.verdict == "ineligible" and outcome.status == "not_met"
    assert (outcome.eligible_from, outcome.window_days) == (start, window)


def test_two_windows_wait_for_the_later_end() -> None:
    profile = {"last_major_surgery": _ago(20), "last_radiotherapy": _ago(3)}
    (outcome,) = assess(TRIAL, [EITHER], profile, TODAY).outcomes
    assert outcome.status == "not_met" and outcome.eligible_from == "2026-11-30"


@pytest.mark.parametrize(
    ("criteria", "profile"),
    [
        ([HEPATITIS], {"hepatitis_b": True}),
        ([VACCINE], {"last_live_vaccine": "never"}),
    ],
)
def test_other_outcomes_have_no_waiting_period(
    criteria: list[StructuredCriterion], profile: dict[str, Any]
) -> None:
    for outcome in assess(TRIAL, criteria, profile, TODAY).outcomes:
        assert outcome.eligible_from is None and outcome.window_days is None


def _engine(criteria: list[StructuredCriterion]) -> DialogEngine:
    trial = Trial(id=TRIAL, registry="ctgov", title="A study", status="RECRUITING")
    return DialogEngine(
        ListCatalog([trial]), FakeAnswerer(), rules=SeedRules({TRIAL: criteria}),
        today=lambda: TODAY,
    )  # fmt: skip


def _summary(criteria: list[StructuredCriterion], answers: list[str]) -> str:
    engine, state = _engine(criteria), DialogState()
    turn = engine.step(state, "/start", trials=[TRIAL])
    for answer in answers:
        turn = engine.step(state, answer)
    return next(r.text for r in turn.replies if r.kind == "summary")


def test_a_live_vaccine_two_weeks_ago_is_not_eligible_at_the_moment() -> None:
    said = _summary([VACCINE], ["MMR 2 weeks ago", "yes, that's right"])
    assert "not eligible at the moment" in said
    assert "This rule is about the last 30 days; from about 8 December 2026" in said
    assert "the study team can tell you when you could be screened" in said
    assert "other studies" not in said


def _answered(criteria: list[StructuredCriterion], answers: dict[str, str]) -> str:
    """The summary after answering each question from `answers` ("no" to any other)."""
    engine, state = _engine(criteria), DialogState()
    turn = engine.step(state, "/start", trials=[TRIAL])
    for _ in range(12):
        if state.finished:
            break
        turn = engine.step(state, answers.get(str(state.pending), "no"))
        if state.confirming:
            turn = engine.step(state, "yes")
    return next(r.text for r in turn.replies if r.kind == "summary")


@pytest.mark.parametrize(
    ("criterion", "answers", "window", "date"),
    [
        (CHEMO, {"prior_cancer_treatment": "yes", "last_anticancer_therapy": "10 days ago"},
         "4 weeks", "10 December 2026"),
        (SURGERY, {"last_major_surgery": "3 weeks ago"}, "4 weeks", "29 November 2026"),
    ],
)  # fmt: skip
def test_chemo_or_surgery_windows_are_worded_as_a_wait(
    criterion: StructuredCriterion, answers: dict[str, str], window: str, date: str
) -> None:
    said = _answered([criterion], answers)
    assert "not eligible at the moment" in said
    assert f"This rule is about the last {window}; from about {date}" in said


def test_a_lasting_failure_beside_a_window_keeps_the_plain_no() -> None:
    answers = {"last_live_vaccine": "MMR 2 weeks ago", "hepatitis_b": "yes"}
    said = _answered([VACCINE, HEPATITIS], answers)
    assert "not eligible, because" in said and "at the moment" not in said
    assert "from about" not in said


def test_a_real_washout_criterion_read_from_its_text_gets_the_wait() -> None:
    """A record's own words (NCT03428802-style), read by the criteria reader."""
    text = "Has received a live vaccine within 30 days prior to the first dose of study drug."
    criteria = read_criterion(CriterionText(id="exc-9", kind="exclusion", text=text))
    result = assess(TRIAL, criteria, {"last_live_vaccine": _ago(5)}, TODAY)
    assert result.verdict == "ineligible"
    assert result.outcomes[0].eligible_from == "2026-12-17"


def test_the_service_view_carries_the_date_for_every_channel() -> None:
    """Web chat, Telegram and the CLI render the same summary reply; the staff view's reasons
    carry `eligible_from`."""
    trial = Trial(id=TRIAL, registry="ctgov", title="A study", status="RECRUITING")
    service = ConversationService(
        ListCatalog([trial]), MemoryStore(), FakeAnswerer(), today=lambda: TODAY,
        rules=SeedRules({TRIAL: [VACCINE]}),
    )  # fmt: skip
    for text in ("/start", "MMR 2 weeks ago", "yes"):
        turn = service.handle(Incoming(conversation_id="w", text=text, trials=[TRIAL]))
    assert turn.verdicts == {TRIAL: "ineligible"}
    assert any("not eligible at the moment" in r.text for r in turn.replies)
    view = service.view("w")
    assert view is not None
    assert view.reasons[TRIAL][0]["eligible_from"] == "2026-12-08"
