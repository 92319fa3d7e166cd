"""Every answer reader, table-driven: yes/no, not sure, numbers, units, choices, dates."""

from __future__ import annotations

import datetime as dt

import pytest
from dialog_fakes import TODAY

from trialbot.dialog.answers import read_answer
from trialbot.dialog.dates import read_date, shift_months
from trialbot.dialog.numbers import find_numbers
from trialbot.dialog.readers import (
    is_unknown,
    read_blood_pressure,
    read_choice,
    read_number,
    read_yes_no,
)
from trialbot.domain.facts import NEVER, UNKNOWN, Choice, FactSpec


@pytest.mark.parametrize(
    "text",
    ["yes", "Yes!", "yep", "yeah", "yup", "y", "Sure", "of course", "definitely", "correct",
     "Yes, my QTc was 500 ms", "I think so", "she has", "he did", "once, two years ago",
     "Да", "oui", "Ja"],
)  # fmt: skip
def test_yes_forms(text: str) -> None:
    """Common ways of saying yes read as True."""
    assert read_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    ["no", "No.", "nope", "nah", "n", "never", "No she hasn't", "not that I know of",
     "I don't think so", "he has never taken it", "none", "нет", "nein", "I haven't"],
)  # fmt: skip
def test_no_forms(text: str) -> None:
    """Common ways of saying no read as False."""
    assert read_yes_no(text) is False


@pytest.mark.parametrize(
    "text",
    ["I don't know", "not sure", "Not really sure", "no idea", "dunno", "idk", "unsure",
     "I can't remember", "don't remember", "maybe", "?", "I need to check", "unknown"],
)  # fmt: skip
def test_not_sure_forms(text: str) -> None:
    """ "I don't know" and friends are UNKNOWN, never yes or no."""
    assert is_unknown(text)
    assert read_yes_no(text) == UNKNOWN


@pytest.mark.parametrize("text", ["banana", "", "   ", "🙂", "年龄", "I am 35"])
def test_yes_no_unreadable(text: str) -> None:
    """Text that is not a yes/no answer reads as None (a re-ask), never a guess."""
    assert read_yes_no(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("35", 35), ("35 years old", 35), ("twenty two", 22), ("twenty-two", 22), ("12.5", 12.5),
     ("12,5", 12.5), ("I'm 31", 31), ("she is twelve", 12), ("a hundred and five", 105),
     ("1,200", 1200), ("seventy", 70)],
)  # fmt: skip
def test_numbers_in_digits_and_words(text: str, value: float) -> None:
    """Digits, decimals and English number words."""
    assert read_number(text) == value


def test_numbers_skip_digits_inside_words() -> None:
    """Digits glued to letters (CYP3A4, arm1) are not numbers."""
    assert [n.value for n in find_numbers("CYP3A4 in arm1 and 5")] == [5]


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [("Yes, my QTc was 500 ms", "ms", 500), ("about 450ms", "ms", 450),
     ("It was 55%", "%", 55), ("55 percent", "%", 55), ("18 months", "years", 1.5),
     ("6 months old", "years", 0.5), ("taken 2 times, QTc 470 ms", "ms", 470)],
)  # fmt: skip
def test_numbers_with_units(text: str, unit: str, value: float) -> None:
    """The number next to the fact's unit wins; months become years for ages."""
    assert read_number(text, unit) == value


@pytest.mark.parametrize(
    ("text", "pressure"),
    [("150/95", (150, 95)), ("150 over 95", (150, 95)), ("my BP is 120/80 mmHg", (120, 80))],
)
def test_blood_pressure(text: str, pressure: tuple[int, int]) -> None:
    """Systolic/diastolic pairs."""
    assert read_blood_pressure(text) == pressure


SEX = [
    Choice(value="female", label="Female", synonyms=["woman", "girl", "she"]),
    Choice(value="male", label="Male", synonyms=["man", "boy", "he", "son"]),
]
STATUS = [
    Choice(value="stable", label="Stable", synonyms=["not growing", "same"]),
    Choice(value="progressing", label="Growing", synonyms=["growing", "spreading"]),
]


@pytest.mark.parametrize(
    ("text", "choices", "value"),
    [("female", SEX, "female"), ("Male", SEX, "male"), ("she is a girl", SEX, "female"),
     ("my son", SEX, "male"), ("It's not growing", STATUS, "stable"),
     ("it is spreading", STATUS, "progressing"), ("Growing", STATUS, "progressing")],
)  # fmt: skip
def test_choices_by_value_label_or_synonym(text: str, choices: list[Choice], value: str) -> None:
    """A choice by its button value, label or a synonym; longer phrases beat words inside them."""
    assert read_choice(text, choices) == value


@pytest.mark.parametrize("text", ["a woman and a man", "purple", "females"])
def test_choices_ambiguous_or_unknown(text: str) -> None:
    """Two choices at once, or none, is not an answer."""
    assert read_choice(text, SEX) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025-10-01", dt.date(2025, 10, 1)), ("3 months ago", dt.date(2026, 8, 21)),
     ("three months ago", dt.date(2026, 8, 21)), ("two weeks ago", dt.date(2026, 11, 7)),
     ("a year ago", dt.date(2025, 11, 21)), ("last March", dt.date(2026, 3, 15)),
     ("in March", dt.date(2026, 3, 15)), ("last November", dt.date(2025, 11, 15)),
     ("yesterday", dt.date(2026, 11, 20)), ("last month", dt.date(2026, 10, 21)),
     ("01.10.2025", dt.date(2025, 10, 1)), ("October 1, 2025", dt.date(2025, 10, 1)),
     ("1st of October 2025", dt.date(2025, 10, 1)), ("Oct 2025", dt.date(2025, 10, 15)),
     ("in 2024", dt.date(2024, 7, 1)), ("a few days ago", dt.date(2026, 11, 18))],
)  # fmt: skip
def test_dates_and_durations(text: str, expected: dt.date) -> None:
    """Dates and "time ago" phrases resolve against today."""
    assert read_date(text, TODAY) == expected


def test_may_is_a_month_only_in_context() -> None:
    """ "I may have" is not May; "last May" is."""
    assert read_date("I may have had one", TODAY) is None
    assert read_date("last May", TODAY) == dt.date(2026, 5, 15)


def test_shift_months_clamps_day() -> None:
    """31 March minus one month is the last day of February."""
    assert shift_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)


def _spec(answer_type: str, **more: object) -> FactSpec:
    return FactSpec.model_validate({"id": "x", "answer_type": answer_type, "question": "?", **more})


@pytest.mark.parametrize(
    ("text", "value"),
    [("never", NEVER), ("No, never", NEVER), ("3 months ago", "2026-08-21"),
     ("not sure", UNKNOWN), ("2025-10-01", "2025-10-01")],
)  # fmt: skip
def test_date_answers(text: str, value: str) -> None:
    """Date questions take dates, durations, "never" and "not sure"."""
    assert read_answer(_spec("date"), text, TODAY).facts == {"x": value}


def test_date_answer_problems() -> None:
    """A future date or a bare "yes" asks again with the reason."""
    assert read_answer(_spec("date"), "2030-01-01", TODAY).problem == "future_date"
    assert read_answer(_spec("date"), "yes", TODAY).problem == "needs_date"


def test_number_answer_range_and_birth_year() -> None:
    """Implausible numbers are refused; "born in 2010" gives an age."""
    age = FactSpec(id="age_years", answer_type="number", question="?", unit="years", maximum=120)
    assert read_answer(age, "350", TODAY).problem == "out_of_range"
    assert read_answer(age, "born in 2010", TODAY).facts == {"age_years": 16}
    assert read_answer(age, "born 2010-12-01", TODAY).facts == {"age_years": 15}
    assert read_answer(age, "Yes, she is 12", TODAY).facts == {"age_years": 12}


def test_blood_pressure_answer_fills_its_companion() -> None:
    """ "150/95" to the top-number question records both numbers."""
    top = FactSpec(id="systolic_bp_mmhg", answer_type="number", question="?", unit="mmHg")
    bottom = FactSpec(id="diastolic_bp_mmhg", answer_type="number", question="?", unit="mmHg")
    specs = {top.id: top, bottom.id: bottom}
    reading = read_answer(top, "150/95", TODAY, specs)
    assert reading.facts == {"systolic_bp_mmhg": 150, "diastolic_bp_mmhg": 95}
    assert read_answer(bottom, "150 over 95", TODAY, specs).facts["diastolic_bp_mmhg"] == 95


def test_button_values_read_directly() -> None:
    """Button values (yes/no/unknown/never/choice value) read as themselves."""
    assert read_answer(_spec("yes_no"), "yes", TODAY).facts == {"x": True}
    assert read_answer(_spec("yes_no"), "unknown", TODAY).facts == {"x": UNKNOWN}
    assert read_answer(_spec("date"), "never", TODAY).facts == {"x": NEVER}
    choice = _spec("choice", choices=[{"value": "0", "label": "Fully active"}])
    assert read_answer(choice, "0", TODAY).facts == {"x": "0"}


def test_negative_and_code_like_numbers_are_refused() -> None:
    """ "-3" is minus three (out of range for an age); markup or code is not an answer."""
    age = FactSpec(id="age_years", answer_type="number", question="?", unit="years", minimum=0)
    assert read_answer(age, "-3", TODAY).problem == "out_of_range"
    assert read_answer(age, "<script>alert(1)</script>", TODAY).problem == "unreadable"
    assert read_number("5-30") == 5


def test_single_letters_and_apostrophes_do_not_pick_choices() -> None:
    """ "I'm 31" is not "m" (male); a bare "m" still is."""
    sex = [Choice(value="female", label="Female", synonyms=["f"]), *SEX[1:]]
    sex[1] = Choice(value="male", label="Male", synonyms=["m"])
    assert read_choice("I'm 31", sex) is None
    assert read_choice("m", sex) == "male"


def test_no_to_a_measurement_means_not_known() -> None:
    """ "No" to "Do you know your QTc? ..." records not sure; for the age it is not an answer."""
    qtc = FactSpec(id="qtc_ms", answer_type="number", question="?", unit="ms")
    age = FactSpec(id="age_years", answer_type="number", question="?", knockout=True)
    assert read_answer(qtc, "no", TODAY).facts == {"qtc_ms": UNKNOWN}
    assert read_answer(qtc, "Yes, my QTc was 500 ms", TODAY).facts == {"qtc_ms": 500}
    assert read_answer(age, "no", TODAY).problem == "unreadable"


def test_a_choice_by_its_number() -> None:
    """ "2" names no choice whose values are words (the choices are shown by their words, never
    numbered, so "2" to the sex question is not "Male"); numeric values match themselves."""
    status = _spec("choice", choices=[{"value": "remission", "label": "Gone"},
                                      {"value": "stable", "label": "Same"}])  # fmt: skip
    assert read_answer(status, "2", TODAY).problem == "unreadable"
    assert read_answer(status, "3", TODAY).problem == "unreadable"
    ecog = _spec(
        "choice", choices=[{"value": "0", "label": "Active"}, {"value": "1", "label": "Light"}]
    )
    assert read_answer(ecog, "1", TODAY).facts == {"x": "1"}


def test_and_a_half() -> None:
    """ "seven and a half" and "12 years and a half" keep the half."""
    assert read_number("my daughter is seven and a half", "years") == 7.5
    assert read_number("12 years and a half", "years") == 12.5
