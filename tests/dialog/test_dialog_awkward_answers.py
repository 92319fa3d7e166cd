"""Awkward answers a patient types: a range or two numbers is no number ("between 40 and 50" was
kept as 40), an age in years and months is both ("45 years and 2 months" was kept as 2 months),
and "idk" to a question whose typed answers are read back is taken as not sure at once (it was
read back as "daily life: not sure. Is that right?")."""

from __future__ import annotations

import pytest
from dialog_fakes import APATINIB, DRAGONFLY, TODAY, Say
from dialog_fakes import asks_of as _asks
from dialog_fakes import replies_text as _text

from trialbot.dialog.answers import read_answer
from trialbot.eligibility.vocabulary import fact_specs
from trialbot.service import ConversationService


@pytest.mark.parametrize(
    "text", ["between 40 and 50", "40-50", "45 or 46", "forty to fifty", "12 to 13", "20–25"]
)
def test_a_range_or_two_numbers_is_no_number(text: str) -> None:
    specs = fact_specs()
    reading = read_answer(specs["age_years"], text, TODAY, specs)
    assert not reading.ok and reading.problem == "a_range"
    lines = read_answer(specs["prior_lines_of_therapy"], "2 or 3", TODAY, specs)
    assert lines.problem == "a_range"


@pytest.mark.parametrize(
    "text", ["45", "45 or so", "45 and a half", "I'm 45 and 2 months", "120/80"]
)
def test_one_number_is_still_read(text: str) -> None:
    """Not a range: one number, a half, a blood pressure."""
    specs = fact_specs()
    spec = specs["systolic_bp_mmhg" if "/" in text else "age_years"]
    assert read_answer(spec, text, TODAY, specs).ok


def test_a_range_to_the_age_question_stores_nothing_and_asks_again(
    say: Say, service: ConversationService
) -> None:
    say("/start", trials=[DRAGONFLY])
    turn = say("between 20 and 25")
    assert "range" in _text(turn) and _asks(turn) == "age_years"
    view = service.view("t")
    assert view is not None and "age_years" not in view.facts
    say("22")
    view = service.view("t")
    assert view is not None and view.facts["age_years"] == 22


@pytest.mark.parametrize(
    ("text", "years"),
    [("45 years and 2 months", 45 + 2 / 12), ("1 year 6 months", 1.5),
     ("2 years, 3 months old", 2.25), ("18 months", 1.5)],
)  # fmt: skip
def test_an_age_in_years_and_months_is_both(text: str, years: float) -> None:
    specs = fact_specs()
    reading = read_answer(specs["age_years"], text, TODAY, specs)
    assert reading.ok and reading.facts["age_years"] == pytest.approx(years)


@pytest.mark.parametrize("unsure", ["idk", "not sure", "dunno", "no idea"])
def test_not_sure_to_the_daily_life_question_is_not_read_back(
    say: Say, service: ConversationService, unsure: str
) -> None:
    """Typed daily-life answers are read back; "not sure" excludes nobody and is kept at once."""
    turn = say("/start", trials=[APATINIB])
    for _ in range(6):
        if _asks(turn) == "ecog_level":
            break
        turn = say({"age_years": "20", "sex": "male"}.get(str(_asks(turn)), "no"))
    assert _asks(turn) == "ecog_level"
    turn = say(unsure)
    assert "So:" not in _text(turn) and _asks(turn) != "ecog_level"
    view = service.view("t")
    assert view is not None and view.facts["ecog_level"] == "unknown"


@pytest.mark.parametrize("text", ["sorry I meant 22", "oops, 22", "my mistake, 22 not 20"])
def test_a_bare_correction_goes_to_the_one_fact_it_fits(
    say: Say, service: ConversationService, text: str
) -> None:
    """ "sorry I meant 45" after the sex was answered was read against the sex and not
    understood; a number fits only the age among the answers, so the age is corrected."""
    say("/start", trials=[DRAGONFLY])
    say("20")
    say("male")
    turn = say(text)
    assert "changed your answer" in _text(turn)
    view = service.view("t")
    assert view is not None and view.facts["age_years"] == 22 and view.facts["sex"] == "male"


@pytest.mark.parametrize(
    ("fact", "text", "value"),
    [("age_years", "４５", 45), ("sex", "ＦＥＭＡＬＥ", "female"), ("age_years", "４５ years", 45),
     ("pregnant", "ｎｏ", False)],
)  # fmt: skip
def test_full_width_letters_and_digits_are_read(fact: str, text: str, value: object) -> None:
    """Full-width forms (typed with an East Asian keyboard) were not understood."""
    specs = fact_specs()
    reading = read_answer(specs[fact], text, TODAY, specs)
    assert reading.ok and reading.facts[fact] == value


def _to_pregnant(say: Say) -> None:
    say("/start", trials=[DRAGONFLY])
    say("20")
    say("female")  # "Are you pregnant now?" is pending


@pytest.mark.parametrize("text", ["yes and no", "Yes/no", "no and yes", "kind of yes and no"])
def test_a_yes_and_a_no_at_once_is_neither(
    say: Say, service: ConversationService, text: str
) -> None:
    """ "yes and no" was read as yes (kept without a read-back where it excluded nobody)."""
    _to_pregnant(say)
    turn = say(text)
    assert _asks(turn) == "pregnant" and "So:" not in _text(turn)
    view = service.view("t")
    assert view is not None and "pregnant" not in view.facts


@pytest.mark.parametrize(("text", "value"), [("👎", False), ("👎🏽", False), ("❌", False)])
def test_a_thumb_or_a_cross_answers_yes_or_no(
    say: Say, service: ConversationService, text: str, value: bool
) -> None:
    _to_pregnant(say)
    turn = say(text)
    assert _asks(turn) != "pregnant"
    view = service.view("t")
    assert view is not None and view.facts["pregnant"] is value


@pytest.mark.parametrize("text", ["👍", "✅", "👍🏻"])
def test_a_thumb_up_confirms_a_read_back(say: Say, service: ConversationService, text: str) -> None:
    """ "So: being pregnant: yes. Is that right?" answered with a thumb up counts as yes."""
    _to_pregnant(say)
    assert "So:" in _text(say("yes I am"))
    say(text)
    view = service.view("t")
    assert view is not None and view.facts["pregnant"] is True
