"""A choice typed with a typo ("femal", "fully actve", "postmenapausal") or named by its scale
("ecog one") was "not understood" and asked again until the question gave up. A close and clear
match (rapidfuzz against the choice's label, value and synonyms) is read back before it counts;
a far one ("mail" for male) or a near tie ("fmale": female or male?) is asked again plainly, and
nothing is stored."""

from __future__ import annotations

import datetime as dt

import pytest
from dialog_fakes import APATINIB, TODAY, Say
from dialog_fakes import asks_of as _asks
from dialog_fakes import replies_text as _text

from trialbot.dialog.answers import read_answer
from trialbot.dialog.readers import closest_word, fuzzy_choice
from trialbot.dialog.texts import Texts
from trialbot.domain.facts import FactSpec
from trialbot.domain.turn import Turn
from trialbot.eligibility.vocabulary import fact_specs
from trialbot.service import ConversationService


def _specs() -> dict[str, FactSpec]:
    return dict(Texts().with_synonyms(fact_specs()))


def _read(fact: str, text: str, today: dt.date = TODAY) -> tuple[object, bool]:
    specs = _specs()
    reading = read_answer(specs[fact], text, today, specs)
    return (reading.facts.get(fact) if reading.ok else None), reading.doubtful


@pytest.mark.parametrize(
    ("fact", "text", "value"),
    [("sex", "femal", "female"), ("sex", "Femail", "female"), ("sex", "a femal", "female"),
     ("sex", "malee", "male"), ("ecog_level", "fully actve", "0"),
     ("ecog_level", "fully activ", "0"), ("ecog_level", "bedriden", "4"),
     ("disease_status", "stabel", "stable"), ("disease_status", "progresing", "progressing"),
     ("disease_status", "remision", "remission"),
     ("postmenopausal", "postmenapausal", True), ("postmenopausal", "premenapausal", False),
     ("can_become_pregnant", "post-menapausal", False)],
)  # fmt: skip
def test_a_close_typo_is_matched_and_read_back(fact: str, text: str, value: object) -> None:
    assert _read(fact, text) == (value, True)


@pytest.mark.parametrize(
    ("fact", "text"),
    [("sex", "mail"), ("sex", "fmale"), ("sex", "mael"), ("sex", "not femal"),
     ("sex", "hello"), ("sex", "femal 2"), ("disease_status", "clean"),
     ("disease_status", "Robert'); DROP TABLE patients;--"),
     ("disease_status", "drop table patients"),
     ("ecog_level", "fully actve but I am tired all the time and rest a lot"),
     ("can_become_pregnant", "perimenapausal")],
)  # fmt: skip
def test_a_far_word_or_a_near_tie_is_no_choice(fact: str, text: str) -> None:
    """ "mail" is a word of its own (75 to "male"); "fmale" is as close to male as to female."""
    assert _read(fact, text)[0] is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("ecog one", "1"), ("ECOG 1", "1"), ("ecog: 2", "2"), ("PS 0", "0"),
     ("my ecog is three", "3")],
)  # fmt: skip
def test_a_level_named_by_its_scale_is_read_back(text: str, value: str) -> None:
    assert _read("ecog_level", text) == (value, True)


@pytest.mark.parametrize("text", ["ecog 5", "ecog 1 or 2", "karnofsky 80"])
def test_a_level_the_choices_do_not_have_is_no_choice(text: str) -> None:
    assert _read("ecog_level", text)[0] is None


@pytest.mark.parametrize(
    ("fact", "text", "value"),
    [("postmenopausal", "postmenopausal", True), ("postmenopausal", "perimenopausal", False),
     ("can_become_pregnant", "postmenopausal", False),
     ("can_become_pregnant", "perimenopausal", None),
     ("can_become_pregnant", "not postmenopausal", None)],
)  # fmt: skip
def test_the_menopause_named_answers_the_question(fact: str, text: str, value: object) -> None:
    """Around menopause (perimenopausal) a person may still become pregnant: asked again."""
    assert _read(fact, text)[0] == value


def test_closest_word_needs_a_clear_winner() -> None:
    words = {"a": ["stable"], "b": ["stables"]}
    assert closest_word("stabel", words) is None
    assert closest_word("stabel", {"a": ["stable"], "b": ["growing"]}) == "a"
    assert fuzzy_choice("", _specs()["sex"].choices) is None


def _to_sex(say: Say) -> Turn:
    say("/start", trials=[APATINIB])
    turn = say("20")
    assert _asks(turn) == "sex"
    return turn


def test_the_real_example_femal_is_read_back_then_kept(
    say: Say, service: ConversationService
) -> None:
    _to_sex(say)
    turn = say("femal")
    assert "Female" in _text(turn) and "is that right" in _text(turn).lower()
    view = service.view("t")
    assert view is not None and "sex" not in view.facts
    say("yes")
    view = service.view("t")
    assert view is not None and view.facts["sex"] == "female"


@pytest.mark.parametrize("text", ["mail", "fmale", "mael"])
def test_no_clear_match_asks_again_and_stores_nothing(
    say: Say, service: ConversationService, text: str
) -> None:
    _to_sex(say)
    turn = say(text)
    assert _asks(turn) == "sex" and "is that right" not in _text(turn).lower()
    view = service.view("t")
    assert view is not None and "sex" not in view.facts


def test_a_read_back_typo_said_no_to_asks_again(say: Say, service: ConversationService) -> None:
    """ "malee" read as Male, and the person says no: nothing is stored, asked again."""
    _to_sex(say)
    say("malee")
    turn = say("no")
    assert _asks(turn) == "sex"
    view = service.view("t")
    assert view is not None and "sex" not in view.facts
