"""A strict age sign that the record's own age field contradicts is read inclusively."""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import assess
from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import read_criteria

TODAY = datetime.date(2026, 12, 1)


def _age_readings(text: str, low: float | None, high: float | None) -> list:  # type: ignore[type-arg]
    trial = Trial(
        id="T",
        registry="ctgov",
        title="t",
        min_age_years=low,
        max_age_years=high,
        criteria=[CriterionText(id="inc-1", kind="inclusion", text=text)],
    )
    return [c for c in read_criteria(trial) if c.id == "inc-1"]


@pytest.mark.parametrize(
    ("text", "low", "high", "age"),
    [
        ("Age > 18 years at time of study entry", 18.0, None, 18),  # NCT05500092 inc-5
        ("Patients aged > 18 years", 18.0, 75.0, 18),
        ("Older than 18 years of age", 18.0, None, 18),
        ("Aged > 18 and < 75 years", 18.0, 75.0, 75),
        ("Age < 65 years", 18.0, 65.0, 65),
    ],
)
def test_the_boundary_age_the_record_includes_is_not_excluded(
    text: str, low: float, high: float | None, age: int
) -> None:
    """The record's "18 Years" minimum includes the 18-year-old that "> 18" would leave out."""
    [reading] = _age_readings(text, low, high)
    result = assess("T", [reading], {"age_years": age}, TODAY)
    assert result.verdict != "ineligible"
    assert ">=" in (reading.rule or "") or "<=" in (reading.rule or "")


@pytest.mark.parametrize(
    ("text", "low", "high", "age"),
    [
        ("Age > 18 years", 16.0, None, 17),  # the record's own limit is lower: literal
        ("Age > 21 years", 18.0, None, 21),  # a bound other than the record's stays strict
        ("Age < 70 years", 18.0, 75.0, 70),
    ],
)
def test_other_strict_bounds_stay_as_written(
    text: str, low: float, high: float | None, age: int
) -> None:
    """Only a bound equal to the record's own limit changes."""
    [reading] = _age_readings(text, low, high)
    assert assess("T", [reading], {"age_years": age}, TODAY).verdict == "ineligible"
