"""A reply that answers another question than the one asked is never stored as the asked fact,
nor counted as a failed answer (two of which record "not sure"): the age typed after a
misspelt place is kept as the age (a bare number read back first) and the place is asked again."""

from __future__ import annotations

from pathlib import Path

import pytest
from dialog_fakes import DRAGONFLY, Say
from dialog_fakes import asks_of as _asks

from trialbot.domain.turn import Incoming, Turn
from trialbot.evaluation.bench.catalogue import catalogue_service, read_trials
from trialbot.service import ConversationService

FIRST = "my dad has lung cancer"


@pytest.fixture(scope="module")
def full_service(full_corpus_dir: Path, seeds_dir: Path) -> ConversationService:
    """A catalogue conversation service over the 49 full records and the seeds."""
    return catalogue_service(read_trials([full_corpus_dir, seeds_dir]))


def _talk(service: ConversationService, cid: str, *messages: str) -> Turn:
    turn = None
    for text in messages:
        turn = service.handle(Incoming(conversation_id=cid, text=text))
    assert turn is not None
    return turn


def _facts(service: ConversationService, cid: str) -> dict[str, object]:
    view = service.view(cid)
    assert view is not None
    return dict(view.facts)


@pytest.mark.parametrize("typo", ["Lodnon", "Lonodn UK", "Mnachester"])
def test_a_bare_age_after_a_misspelt_place_is_read_back_as_the_age(
    full_service: ConversationService, typo: str
) -> None:
    """The product check: a typo'd place, then "54": it was taken as the place ("not sure" after
    two failures) and the age was lost. Now "54" is read back as the age, the place asked again.
    ("Londn UK" is London now: "Londn" is one of London's names in the gazetteer.)"""
    cid = f"place-{typo}"
    assert _asks(_talk(full_service, cid, FIRST)) == "home_place"
    assert _asks(_talk(full_service, cid, typo)) == "home_place"
    readback = _talk(full_service, cid, "54")
    assert "So:" in readback.replies[-1].text and "54" in readback.replies[-1].text
    assert "home_place" not in _facts(full_service, cid)
    confirmed = _talk(full_service, cid, "yes")
    assert _asks(confirmed) == "home_place" and "Where do you live" in confirmed.replies[-1].text
    facts = _facts(full_service, cid)
    assert facts["age_years"] == 54 and "home_place" not in facts
    _talk(full_service, cid, "London")
    assert _facts(full_service, cid)["home_place"] == "London"


def test_a_bare_age_read_back_and_denied_is_not_kept(full_service: ConversationService) -> None:
    """ "No" to the read-back: no age, no place; the place question comes again."""
    cid = "place-denied"
    _talk(full_service, cid, FIRST, "Lodnon", "54")
    turn = _talk(full_service, cid, "no")
    assert _asks(turn) == "home_place"
    assert {"age_years", "home_place"}.isdisjoint(_facts(full_service, cid))


@pytest.mark.parametrize("age", ["I'm 54", "he is 54", "54 years old", "he's 54"])
def test_an_age_said_in_words_after_a_misspelt_place_is_kept(
    full_service: ConversationService, age: str
) -> None:
    """ "he is 54" after a typo'd place: the age is kept, the place is asked again (not recorded
    as "not sure"), and a correct place after it is taken."""
    cid = f"words-{age}"
    _talk(full_service, cid, FIRST, "Lodnon")
    turn = _talk(full_service, cid, age)
    assert _asks(turn) == "home_place" and "Where do you live" in turn.replies[-1].text
    facts = _facts(full_service, cid)
    assert facts["age_years"] == 54 and "home_place" not in facts
    _talk(full_service, cid, "Leeds")
    assert _facts(full_service, cid)["home_place"] == "Leeds"


def test_a_bare_number_is_never_the_illness(full_service: ConversationService) -> None:
    """ "54" to "Which illness ...?" was stored as the illness "54"; it is read back as the age."""
    cid = "condition-number"
    assert _asks(_talk(full_service, cid, "/start")) == "condition"
    turn = _talk(full_service, cid, "54")
    assert "So:" in turn.replies[-1].text
    _talk(full_service, cid, "yes")
    facts = _facts(full_service, cid)
    assert "condition" not in facts and facts["age_years"] == 54


def test_a_number_when_the_age_is_known_asks_the_place_again(
    full_service: ConversationService,
) -> None:
    """Age already known: a bare number to the place question is not a place, not a failure."""
    cid = "place-known-age"
    _talk(full_service, cid, "my dad is 70 and has lung cancer")
    for _ in range(3):  # never "not sure" for the place, however often
        turn = _talk(full_service, cid, "54")
        assert _asks(turn) == "home_place" and "not a place" in turn.replies[-1].text
    facts = _facts(full_service, cid)
    assert facts["age_years"] == 70 and "home_place" not in facts


def test_a_fact_said_on_the_side_is_no_failed_answer_in_the_walk(
    say: Say, service: ConversationService
) -> None:
    """In the question-by-question walk too: "I'm 25" to the sex question (the age was "not
    sure") is kept as the age and the sex question asked again with "You said", not as a failed
    answer ("Sorry, I did not understand")."""
    say("/start", trials=[DRAGONFLY])
    say("can I join this study?")
    assert _asks(say("not sure")) == "sex"
    turn = say("I'm 25")
    text = "\n".join(r.text for r in turn.replies)
    assert _asks(turn) == "sex" and "You said" in text and "Sorry" not in text
    view = service.view("t")
    assert view is not None and view.facts["age_years"] == 25 and "sex" not in view.facts
