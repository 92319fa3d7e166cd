"""A chosen trial stays chosen: words in answers never move the conversation to another trial."""

from __future__ import annotations

from dialog_fakes import APATINIB, DRAGONFLY, Say

from trialbot.domain.turn import Turn


def _text(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies).lower()


def _values(turn: Turn) -> list[str]:
    return [b.value for r in turn.replies for b in r.buttons]


def test_first_message_naming_another_trials_drug_keeps_the_chosen_trial(say: Say) -> None:
    """A first message that mentions the other trial's drug (a fact about the patient) keeps the
    chosen trial and asks its questions."""
    turn = say("my son is 15, he had mifamurtide before", trials=[APATINIB])
    assert set(turn.verdicts) == {APATINIB}
    assert "dragonfly" not in _text(turn)


def test_answer_to_the_age_question_is_never_a_trial_search(say: Say) -> None:
    """A word of another trial typed while the bot's own question is pending keeps the scope."""
    say("/start", trials=[APATINIB])
    turn = say("mifamurtide")
    assert set(turn.verdicts) == {APATINIB}
    turn = say("sorafenib and mifamurtide last year")
    assert set(turn.verdicts) == {APATINIB}


def test_other_trials_words_mid_walk_keep_the_scope(say: Say) -> None:
    """ "he had sorafenib" and "osteosarcoma relapsed" mid-walk stay in the chosen trial."""
    say("/start", trials=[DRAGONFLY])
    for text in ("he has liposomal irinotecan", "his osteosarcoma relapsed", "apatinib"):
        assert set(say(text).verdicts) == {DRAGONFLY}


def test_naming_another_trials_id_asks_before_switching(say: Say) -> None:
    """An NCT id of another trial is said back with a button to switch; the scope changes only
    when that button is pressed."""
    say("/start", trials=[DRAGONFLY])
    turn = say(f"what about {APATINIB}")
    assert set(turn.verdicts) == {DRAGONFLY}
    assert APATINIB.lower() in _text(turn) and f"trial:{APATINIB}" in _values(turn)
    switched = say(button=f"trial:{APATINIB}")
    assert set(switched.verdicts) == {APATINIB}


def test_asking_for_another_trial_says_so_and_offers_the_list(say: Say) -> None:
    """ "I want a different study" keeps the chosen trial and offers the list of studies."""
    say("/start", trials=[DRAGONFLY])
    turn = say("I'd like to look at a different study")
    assert set(turn.verdicts) == {DRAGONFLY}
    assert "/trials" in _values(turn)
    assert DRAGONFLY in _text(turn)


def test_other_study_words_in_an_answer_are_no_request() -> None:
    """ "I was in another study last year" and "no, I don't want to try another study" are no
    request for a different trial: nothing about the studies is offered."""
    from trialbot.dialog import intents

    assert intents.wants_other_trial("can we check another trial instead?")
    assert not intents.wants_other_trial("I was in another study last year")
    assert not intents.wants_other_trial("no, I don't want to try another study")
