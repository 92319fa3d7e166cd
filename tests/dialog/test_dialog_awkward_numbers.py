"""Found by the awkward-answer driver: "1e9" to the age question was read back as "1 years",
"45.5.5" as 45.5, "3 weeks ago" as an age of 21 days, and "4 1/2" as 4. Digits no person writes
for one number are no number, a time "ago" is no age, and a whole with a fraction is both."""

from __future__ import annotations

import pytest
from dialog_fakes import TODAY

from trialbot.dialog.answers import read_answer
from trialbot.eligibility.vocabulary import fact_specs


def _age(text: str) -> object:
    specs = fact_specs()
    reading = read_answer(specs["age_years"], text, TODAY, specs)
    return reading.facts.get("age_years") if reading.ok else None


@pytest.mark.parametrize("text", ["1e9", "10e2", "45.5.5", "1.2.3", "2.5e1"])
def test_malformed_digits_are_no_number(text: str) -> None:
    assert _age(text) is None


@pytest.mark.parametrize(
    "text", ["3 weeks ago", "2 years ago", "diagnosed 5 years ago", "1m70", "1 m 65", "2m05 tall"]
)
def test_a_time_ago_or_a_height_in_metres_is_no_age(text: str) -> None:
    """ "1m70" (a height) was read back as "the age: 1 years"."""
    assert _age(text) is None


@pytest.mark.parametrize(
    ("text", "years"), [("4 1/2", 4.5), ("45 1/2 years", 45.5), ("2 3/4", 2.75)]
)
def test_a_whole_with_a_fraction_is_both(text: str, years: float) -> None:
    assert _age(text) == pytest.approx(years)


@pytest.mark.parametrize(
    ("text", "years"), [("45", 45), ("45,5", 45.5), ("born 2 years ago", 2), ("45yo", 45)]
)
def test_plain_ages_are_still_read(text: str, years: float) -> None:
    assert _age(text) == pytest.approx(years)


def test_a_number_measured_some_time_ago_is_still_that_number() -> None:
    specs = fact_specs()
    reading = read_answer(specs["qtc_ms"], "450 two weeks ago", TODAY, specs)
    assert reading.facts == {"qtc_ms": 450}
