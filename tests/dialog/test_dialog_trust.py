"""Answers people can trust: read-backs before excluding, buttons bound to their question,
volunteered facts, questions that fit the person, and free-phrased corrections."""

from __future__ import annotations

from dialog_fakes import (
    APATINIB,
    DRAGONFLY,
    TODAY,
    FakeAnswerer,
    ListCatalog,
    MemoryStore,
    Say,
)
from dialog_fakes import asks_of as _asks

from trialbot.dialog import intents
from trialbot.dialog.implications import implied_by
from trialbot.dialog.rules import CachedEligibility
from trialbot.dialog.volunteered import read_volunteered
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService


def _text(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies).lower()


def _button(turn: Turn, value: str) -> str:
    """The full value (with its question's token) of the offered button `value`."""
    return next(b.value for r in turn.replies for b in r.buttons if b.value.split("#")[0] == value)


def _start(say: Say, trial: str = DRAGONFLY) -> Turn:
    say("/start", trials=[trial])
    return say("is this study for me?")


def test_a_typed_excluding_answer_counts_only_after_yes(say: Say) -> None:
    """ "he is 35" is read back with Yes / No buttons; the verdict changes only after Yes."""
    _start(say)
    readback = say("he is 35")
    assert "is that right" in _text(readback) and readback.verdicts[DRAGONFLY] == "undetermined"
    assert say(button=_button(readback, "yes")).verdicts[DRAGONFLY] == "ineligible"


def test_no_let_me_fix_it_records_nothing_and_asks_again(say: Say) -> None:
    """ "No, let me fix it" drops the read answer and asks the same question again."""
    _start(say)
    readback = say("he is 35")
    fixed = say(button=_button(readback, "no"))
    assert _asks(fixed) == "age_years" and fixed.verdicts[DRAGONFLY] == "undetermined"


def test_a_button_answer_counts_at_once(say: Say) -> None:
    """A pressed button that excludes needs no read-back."""
    turn = _start(say)
    turn = say("16")
    while _asks(turn) not in (None, "hepatitis_b"):
        turn = say(button="unknown")
    assert _asks(turn) == "hepatitis_b"
    assert say(button=_button(turn, "yes")).verdicts[DRAGONFLY] == "ineligible"


def test_a_second_tap_or_an_old_button_is_ignored_with_a_note(say: Say) -> None:
    """Buttons carry their question's token: a second tap, or a tap on an older question's
    button, is not recorded and gets a one-line note."""
    _start(say)
    first = say("16")
    old_unknown = _button(first, "unknown")
    second = say(button=old_unknown)
    again = say(button=old_unknown)
    assert "earlier question" in _text(again) and _asks(again) is None
    assert _asks(second) != _asks(first)
    assert again.verdicts == second.verdicts


def test_volunteered_age_sex_and_relation_are_kept_and_said_back(say: Say) -> None:
    """ "hi, my daughter is 9 and has osteosarcoma": age and sex are not asked, the next question
    says what was understood and speaks of "your daughter"."""
    say("/start", trials=[DRAGONFLY])
    turn = say("hi, my daughter is 9 and has osteosarcoma")
    text = _text(turn)
    assert "you said" in text and "your daughter" in text and "osteosarcoma" in text
    assert _asks(turn) not in ("age_years", "sex", "pregnant", "breastfeeding")


def test_implications_fit_the_person() -> None:
    """Pregnant implies female; a male or a child under 12 is never asked about pregnancy; no
    treatment yet settles the side-effect question."""
    assert implied_by({"pregnant": True})["sex"] == "female"
    assert implied_by({"sex": "male"})["pregnant"] is False
    child = implied_by({"age_years": 4})
    assert child["pregnant"] is False and child["agrees_to_contraception"] is True
    assert implied_by({"prior_cancer_treatment": False})["recovered_from_side_effects"] is True
    assert implied_by({"age_years": 40}) == {}


def test_reading_what_people_volunteer() -> None:
    """Relation, sex, a single age and a pregnancy are read; two ages are not guessed."""
    found = read_volunteered("hi, my daughter is 9 and has osteosarcoma")
    assert found.facts == {"sex": "female", "age_years": 9} and found.relation == "daughter"
    assert "age_years" not in read_volunteered("I am 29 and my son is 4").facts
    assert read_volunteered("I'm 25 and pregnant").facts == {"age_years": 25, "pregnant": True}
    assert read_volunteered("I'm not pregnant").facts == {}


def test_openings_that_mean_check_me() -> None:
    """ "is this study for me?" and the like start the check; questions about rules do not."""
    for text in ("is this study for me?", "Could this trial be for me?",
                 "which of these trials could I join?", "would this suit my son?"):  # fmt: skip
        assert intents.wants_to_join(text), text
    for text in ("who can join?", "what is this study for?", "Will the study pay for my flights?"):
        assert not intents.wants_to_join(text), text


def test_free_phrased_correction_finds_the_fact_by_topic(seeds: list[Trial]) -> None:
    """ "wait, you got that wrong. he has NEVER had radiotherapy" corrects the radiotherapy date
    (real criteria of the apatinib study), whatever question is pending."""
    service = ConversationService(
        ListCatalog(seeds), MemoryStore(), FakeAnswerer(), today=lambda: TODAY,
        rules=CachedEligibility(),
    )  # fmt: skip

    def say(text: str) -> Turn:
        return service.handle(Incoming(conversation_id="r", text=text, trials=[APATINIB]))

    turn = say("Could this trial be for me?")
    answers = {"age_years": "40", "sex": "male", "disease_status": "growing"}
    for _ in range(40):
        if _asks(turn) in (None, "last_radiotherapy"):
            break
        turn = say(answers.get(str(_asks(turn)), "not sure"))
    assert _asks(turn) == "last_radiotherapy"
    say("in March")
    say("wait, you got that wrong. he has NEVER had radiotherapy. March was his chemo")
    view = service.view("r")
    assert view is not None and view.facts["last_radiotherapy"] == "never"


def test_closed_trials_are_left_out_of_check_all_and_named_first(seeds: list[Trial]) -> None:
    """Withdrawn and active-not-recruiting trials take nobody new; not-yet-recruiting ones do."""
    from trialbot.dialog.recruiting import is_recruiting

    closed = seeds[0].model_copy(update={"status": "WITHDRAWN"})
    assert not is_recruiting(closed) and is_recruiting(seeds[1])
    assert is_recruiting(seeds[0].model_copy(update={"status": "NOT_YET_RECRUITING"}))
    assert not is_recruiting(seeds[0].model_copy(update={"status": "ACTIVE_NOT_RECRUITING"}))
