"""Answers a coordinator would not accept, each kind pinned with its example and written
variants, through the real engine and the real answer readers:

1. A last-dose date said as a time since ("it's been 3 weeks since his last chemo", "about two
   months since her last infusion", "his last radiation was 10 days back") is read as today minus
   that time, read back as usual; what follows "since" dating itself ("two months since march")
   keeps its own date.
2. In the catalogue flow, an age typed after the shortlist ("I am 64", "she's 70 actually") is
   said back and the shortlist is given again for it, as other facts said then are.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dialog_fakes import TODAY, answer_until, engine_over, step_text

from trialbot.dialog.dates import read_date
from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.state import DialogState
from trialbot.domain.turn import Incoming
from trialbot.service import ConversationService

TRIAL = "NCT09999919"
RECENT = ("exclusion", "Anticancer therapy within 4 weeks before the first dose of study drug.")
RADIATION = ("exclusion", "Radiotherapy within 2 weeks before the first dose of study drug.")


def _asked(engine: DialogEngine, fact: str) -> DialogState:
    state = DialogState()
    answer_until(engine, state, TRIAL, fact)
    return state


def _said(state: DialogState, fact: str) -> object:
    return state.facts.get(fact) or (state.confirming or {}).get(fact)


# ---- 1. a last dose said as a time since ---------------------------------------------------

SINCE = [
    ("last_anticancer_therapy", RECENT, "it's been 3 weeks since his last chemo", "2026-10-31"),
    ("last_anticancer_therapy", RECENT, "about two months since her last infusion", "2026-09-21"),
    ("last_anticancer_therapy", RECENT, "been 10 days since the last dose", "2026-11-11"),
    ("last_anticancer_therapy", RECENT, "a fortnight since her last cycle", "2026-11-07"),
    ("last_radiotherapy", RADIATION, "his last radiation was 10 days back", "2026-11-11"),
    ("last_radiotherapy", RADIATION, "it's been a month since her last radiation", "2026-10-21"),
    ("last_radiotherapy", RADIATION, "three weeks since she finished radiotherapy", "2026-10-31"),
]


@pytest.mark.parametrize(("fact", "criterion", "answer", "date"), SINCE)
def test_a_time_since_the_last_dose_is_read(
    fact: str, criterion: tuple[str, str], answer: str, date: str
) -> None:
    engine = engine_over(TRIAL, criterion)
    state = _asked(engine, fact)
    result = engine.step(state, answer)
    assert _said(state, fact) == date, step_text(result)


def test_a_close_time_since_is_read_back_and_counts_after_yes() -> None:
    engine = engine_over(TRIAL, RECENT)
    state = _asked(engine, "last_anticancer_therapy")
    result = engine.step(state, "it's been 3 weeks since his last chemo")
    assert (state.confirming or {}).get("last_anticancer_therapy") == "2026-10-31"
    assert "3 weeks ago" in step_text(result)
    engine.step(state, "yes")
    assert state.facts.get("last_anticancer_therapy") == "2026-10-31"
    assert engine.walk(state).assessments()[TRIAL].verdict == "ineligible"


@pytest.mark.parametrize(
    ("text", "date"),
    [("on it for two months since march", dt.date(2026, 3, 15)),
     ("3 weeks since his last chemo in october", dt.date(2026, 10, 15)),
     ("years since", None)],
)  # fmt: skip
def test_a_date_after_since_keeps_its_own_date(text: str, date: dt.date | None) -> None:
    assert read_date(text, TODAY) == date


def test_a_start_said_with_since_is_still_no_last_date() -> None:
    engine = engine_over(TRIAL, RECENT)
    state = _asked(engine, "last_anticancer_therapy")
    engine.step(state, "it's been 3 weeks since he started chemo")
    assert "last_anticancer_therapy" not in state.facts and not state.confirming


# ---- 2. an age typed after the catalogue's shortlist ----------------------------------------


@pytest.fixture(scope="module")
def catalogue(full_corpus_dir: Path, seeds_dir: Path) -> ConversationService:
    from trialbot.evaluation.bench.catalogue import catalogue_service, read_trials

    return catalogue_service(read_trials([full_corpus_dir, seeds_dir]))


def _to_shortlist(service: ConversationService, cid: str, first: str) -> None:
    turn = service.handle(Incoming(conversation_id=cid, text=first))
    for _ in range(15):
        if any(r.kind == "shortlist" for r in turn.replies):
            return
        turn = service.handle(Incoming(conversation_id=cid, text="not sure"))
    raise AssertionError([r.text for r in turn.replies])


@pytest.mark.parametrize(
    ("message", "age"),
    [("she's 70 actually", 70),  # audit example
     ("I am 64", 64),  # audit example
     ("she is 71", 71),
     ("oh and she's 68 years old", 68)],
)  # fmt: skip
def test_an_age_after_the_shortlist_is_said_back_and_the_shortlist_given_again(
    catalogue: ConversationService, message: str, age: int
) -> None:
    cid = f"late-age-{message}"
    _to_shortlist(catalogue, cid, "my mum has lung cancer, we live in London")
    turn = catalogue.handle(Incoming(conversation_id=cid, text=message))
    view = catalogue.view(cid)
    assert view is not None and view.facts.get("age_years") == age
    text = " ".join(r.text for r in turn.replies)
    assert f"{age} years" in text
    assert any(r.kind == "shortlist" for r in turn.replies), text
    assert "/restart" not in text


def test_an_age_that_takes_trials_off_the_shortlist_is_read_back_then_given_again(
    catalogue: ConversationService,
) -> None:
    """The age drops the childhood leukaemia trials: read back first, then a new shortlist."""
    cid = "late-age-drops"
    _to_shortlist(catalogue, cid, "our son has relapsed leukaemia (ALL). we live in Utrecht")
    turn = catalogue.handle(Incoming(conversation_id=cid, text="he is 30 actually"))
    assert "30 years" in " ".join(r.text for r in turn.replies)
    turn = catalogue.handle(Incoming(conversation_id=cid, text="yes"))
    shortlists = [r for r in turn.replies if r.kind == "shortlist"]
    assert shortlists
    listed = {b.value.removeprefix("trial:") for b in shortlists[-1].buttons}
    assert not listed & {"NCT05658640", "NCT05740449"}  # childhood trials, Utrecht
