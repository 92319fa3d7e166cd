"""Facts said on the side of a reply to a read-back: "You said you are 54, is that right?" answered
"yes, and I also had a stroke last year" confirmed the age and lost the stroke; "yes, and I had a
blood clot 2 months ago" was read as an age of 2 months (the age read-back was dropped). The yes or
no counts for the read-back; what follows it is read as said on the side, with the usual rules
(read back first when it would exclude)."""

from __future__ import annotations

import pytest
from dialog_fakes import APATINIB, DRAGONFLY, Say
from dialog_fakes import asks_of as _asks
from dialog_fakes import facts_in_view as _facts
from dialog_fakes import replies_text as _text

from trialbot.dialog.confirming import after_yes_no
from trialbot.service import ConversationService


def test_the_real_example_keeps_the_age_and_the_stroke(
    say: Say, service: ConversationService
) -> None:
    say("/start", trials=[DRAGONFLY])
    assert "is that right" in _text(say("I am 54")).lower()  # 54 excludes: read back
    say("yes, and I also had a stroke last year")
    facts = _facts(service)
    assert facts["age_years"] == 54
    assert str(facts["last_stroke"]).startswith("2025")
    assert "last_blood_clot" not in facts  # a stroke may be a bleed: no blood clot


@pytest.mark.parametrize(
    ("reply", "fact", "starts"),
    [
        ("correct, I also had a stroke 3 weeks ago", "last_stroke", "2026-10"),
        ("yes. and a heart attack in 2024", "last_heart_attack", "2024"),
        ("yes that's right, I weigh 70 kg", "weight_kg", "70"),
    ],
)
def test_a_yes_with_a_side_fact_keeps_both(
    say: Say, service: ConversationService, reply: str, fact: str, starts: str
) -> None:
    say("/start", trials=[DRAGONFLY])
    say("I am 54")
    say(reply)
    facts = _facts(service)
    assert facts["age_years"] == 54
    assert str(facts[fact]).startswith(starts)


def test_a_number_of_the_side_fact_is_no_answer_to_the_read_back(
    say: Say, service: ConversationService
) -> None:
    """ "yes, and I had a blood clot 2 months ago": the age is 54, not 2 months."""
    say("/start", trials=[DRAGONFLY])
    say("I am 54")
    say("yes, and I had a blood clot 2 months ago")
    facts = _facts(service)
    assert facts["age_years"] == 54 and str(facts["last_blood_clot"]).startswith("2026-09")


def test_a_side_fact_that_excludes_is_read_back_before_the_next_question(
    say: Say, service: ConversationService
) -> None:
    say("/start", trials=[APATINIB, DRAGONFLY])
    say("20")
    turn = say("I can only do light work")
    while _asks(turn) != "ecog_level":
        turn = say({"sex": "female"}.get(str(_asks(turn)), "no"))
        if "is that right" in _text(turn).lower():
            break
    assert "is that right" in _text(turn).lower()
    turn = say("yes, and I had a blood clot 2 months ago")
    assert "blood clot" in _text(turn) and "is that right" in _text(turn).lower()
    assert _facts(service)["ecog_level"] == "1" and "last_blood_clot" not in _facts(service)
    turn = say("yes")
    assert str(_facts(service)["last_blood_clot"]).startswith("2026-09")
    assert _asks(turn) not in (None, "ecog_level")  # the walk goes on


def test_a_no_with_a_side_fact_asks_again_and_keeps_the_side_fact(
    say: Say, service: ConversationService
) -> None:
    say("/start", trials=[DRAGONFLY])
    say("20")
    say("female")
    say("probably not")  # to the pregnancy question: read back
    turn = say("no, and I had a stroke 2 weeks ago")
    assert _asks(turn) == "pregnant"
    facts = _facts(service)
    assert "pregnant" not in facts and facts["last_stroke"] == "2026-11-07"


@pytest.mark.parametrize(
    ("reply", "rest"),
    [("yes, and I also had a stroke last year", "i also had a stroke last year"),
     ("Yes!", ""), ("no", ""), ("yes correct", ""),
     ("that's right, but I weigh 70kg", "i weigh 70kg"),
     ("I weigh 70 kg", "")],
)  # fmt: skip
def test_what_follows_the_yes_or_no(reply: str, rest: str) -> None:
    assert after_yes_no(reply) == rest


@pytest.mark.parametrize(
    "reply",
    ["yes, and I had a heart attack 3 weeks ago", "yes. and a heart attack in 2024",
     "correct, I also had a heart attack last year"],
)  # fmt: skip
def test_a_past_heart_attack_is_kept_and_is_no_emergency(
    say: Say, service: ConversationService, reply: str
) -> None:
    """Emergency words about the past were only met with the urgent-help notice: the message
    was not read and the heart attack (and the yes to the read-back) was lost. A past event is
    no emergency: no notice either."""
    say("/start", trials=[DRAGONFLY])
    say("I am 54")
    turn = say(reply)
    assert "emergency" not in _text(turn).lower()
    facts = _facts(service)
    assert facts["age_years"] == 54 and "last_heart_attack" in facts


@pytest.mark.parametrize(
    "reply",
    ["yes, and I'm having a heart attack", "yes but I have chest pain now",
     "I had a stroke in 2020 and now I can't breathe"],
)  # fmt: skip
def test_an_emergency_now_still_stops_the_reading(
    say: Say, service: ConversationService, reply: str
) -> None:
    say("/start", trials=[DRAGONFLY])
    say("I am 54")
    turn = say(reply)
    assert "emergency" in _text(turn).lower() and "age_years" not in _facts(service)
