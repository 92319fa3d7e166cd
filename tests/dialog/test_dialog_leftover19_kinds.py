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

import pytest
from dialog_fakes import TODAY, answer_until, engine_over, step_text

from trialbot.dialog.dates import read_date
from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.state import DialogState

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
