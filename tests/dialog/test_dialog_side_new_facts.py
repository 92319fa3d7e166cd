"""The askable facts anticoagulant_use, last_transfusion, last_iv_antibiotics and
active_tuberculosis said on the side of another answer ("I'm on warfarin" to the age question) are
kept like the other side facts: read back first where they would exclude, kept once confirmed,
and their numbers are never the asked age; a part about another time, a relative, a doubt or
another kind of the thing (a platelet transfusion, antibiotics by mouth, a heparin flush) keeps
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from dialog_fakes import (
    APATINIB,
    APATINIB_CRITERIA,
    SEED_CRITERIA,
    TODAY,
    FakeAnswerer,
    ListCatalog,
    MemoryStore,
    SeedRules,
)
from dialog_fakes import asks_of as _asks
from dialog_fakes import replies_text as _text

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService


def _exclusion(cid: str, text: str, condition: dict[str, object]) -> StructuredCriterion:
    fact = str(condition["fact"])
    return StructuredCriterion.model_validate(
        {"id": cid, "kind": "exclusion", "text": text, "concept": fact, "needs_review": False,
         "condition": condition, "facts": [fact]}
    )  # fmt: skip


EXTRA = [
    _exclusion("exc-11", "Current use of anticoagulants.",
               {"op": "true", "fact": "anticoagulant_use"}),
    _exclusion("exc-12", "Red blood cell transfusion within 14 days.",
               {"op": "within", "fact": "last_transfusion", "days": 14}),
    _exclusion("exc-13", "Infection requiring IV antibiotics within 14 days.",
               {"op": "within", "fact": "last_iv_antibiotics", "days": 14}),
    _exclusion("exc-14", "Active tuberculosis.", {"op": "true", "fact": "active_tuberculosis"}),
]  # fmt: skip


@pytest.fixture
def service(seeds: list[Trial]) -> ConversationService:
    """The seeds; the apatinib trial with the four new facts' exclusions added."""
    criteria = {**SEED_CRITERIA, APATINIB: [*APATINIB_CRITERIA, *EXTRA]}
    return ConversationService(
        ListCatalog(seeds), MemoryStore(), FakeAnswerer(), today=lambda: TODAY,
        rules=SeedRules(criteria),
    )  # fmt: skip


def _walk(service: ConversationService, cid: str, *messages: str) -> Turn:
    """Start the apatinib walk (the age is asked first), then send `messages`."""
    service.handle(Incoming(conversation_id=cid, text="/start", trials=[APATINIB]))
    turn = service.handle(Incoming(conversation_id=cid, text="can I join?"))
    assert _asks(turn) == "age_years"
    for text in messages:
        turn = service.handle(Incoming(conversation_id=cid, text=text))
    return turn


def _facts(service: ConversationService, cid: str) -> dict[str, object]:
    view = service.view(cid)
    assert view is not None
    return dict(view.facts)


def _days_ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


EXCLUDING = [
    ("I'm on warfarin", {"anticoagulant_use": True}, "a blood thinner: yes"),
    ("I take apixaban every day", {"anticoagulant_use": True}, "a blood thinner: yes"),
    ("I'm on blood thinners", {"anticoagulant_use": True}, "a blood thinner: yes"),
    ("I inject Clexane", {"anticoagulant_use": True}, "a blood thinner: yes"),
    ("I had a blood transfusion last week", {"last_transfusion": _days_ago(7)},
     "red blood cell transfusion about 7 days ago"),
    ("I was transfused 10 days ago", {"last_transfusion": _days_ago(10)},
     "red blood cell transfusion about 10 days ago"),
    ("he got IV antibiotics 5 days ago", {"last_iv_antibiotics": _days_ago(5)},
     "antibiotics through a drip about 5 days ago"),
    ("I had antibiotics through a drip last week", {"last_iv_antibiotics": _days_ago(7)},
     "antibiotics through a drip about 7 days ago"),
    ("I have TB", {"active_tuberculosis": True, "tuberculosis": True}, "tuberculosis now: yes"),
    ("I'm being treated for tuberculosis", {"active_tuberculosis": True, "tuberculosis": True},
     "tuberculosis now: yes"),
]  # fmt: skip


@pytest.mark.parametrize(("message", "facts", "said"), EXCLUDING)
def test_an_excluding_side_fact_is_read_back_then_kept(
    service: ConversationService, message: str, facts: dict[str, object], said: str
) -> None:
    """Said to the age question, the fact is read back (it would rule the trial out), nothing is
    kept before the yes, its number is no age, and after the yes it is kept and excludes."""
    cid = f"side-{message}"
    turn = _walk(service, cid, message)
    assert said in turn.replies[-1].text and "Is that right?" in turn.replies[-1].text
    assert "the age" not in turn.replies[-1].text  # "5 days ago" is no age of 5 days
    assert _facts(service, cid) == {} and turn.verdicts[APATINIB] != "ineligible"
    turn = service.handle(Incoming(conversation_id=cid, text="yes"))
    assert _facts(service, cid) == facts
    assert turn.verdicts[APATINIB] == "ineligible"


@pytest.mark.parametrize(
    ("message", "facts"),
    [("I'm not on blood thinners", {"anticoagulant_use": False}),
     ("I don't take warfarin", {"anticoagulant_use": False}),
     ("35, never had a blood transfusion", {"age_years": 35, "last_transfusion": "never"}),
     ("I had TB years ago", {"tuberculosis": True, "active_tuberculosis": "unknown"})],
)  # fmt: skip
def test_a_side_fact_that_excludes_nobody_is_kept_and_said(
    service: ConversationService, message: str, facts: dict[str, object]
) -> None:
    """A "no" on the side is kept and said back; TB in the past is left to the study team."""
    cid = f"side-no-{message}"
    turn = _walk(service, cid, message)
    assert "You said:" in _text(turn) and "So:" not in _text(turn)
    assert _facts(service, cid) == facts


@pytest.mark.parametrize(
    "message",
    ["I used to take warfarin", "I'm 40 and my mum is on warfarin",
     "I have heparin flushes for my port", "I might start a blood thinner",
     "not sure if I'm on a blood thinner", "I had a platelet transfusion last week",
     "I had antibiotics last week", "he got TB tests last week", "I stopped apixaban"],
)  # fmt: skip
def test_an_unclear_side_sentence_keeps_none_of_the_new_facts(
    service: ConversationService, message: str
) -> None:
    """Another time, a relative, a heparin flush, a plan, a doubt, a platelet transfusion,
    antibiotics by mouth, a test: none of the four facts is kept or read back."""
    cid = f"side-unclear-{message}"
    turn = _walk(service, cid, message)
    new = {"anticoagulant_use", "last_transfusion", "last_iv_antibiotics", "active_tuberculosis"}
    assert not new & set(_facts(service, cid))
    assert not any(r.text.startswith("So:") and "age" not in r.text for r in turn.replies)
