"""Where a person must live ("Must live in the United States"): read as `home_country`, never
asked, a study-team item while unknown, met by the country a catalogue search was given, and a
country outside the list never excludes but keeps the trial from "likely eligible"."""

from __future__ import annotations

import datetime as dt

import pytest

from trialbot.domain.checker import assess
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion

TODAY = dt.date(2026, 12, 1)


def _read(text: str, kind: str = "inclusion") -> list[StructuredCriterion]:
    return read_criterion(CriterionText(id="c-1", kind=kind, text=text))  # type: ignore[arg-type]


def _country(text: str, kind: str = "inclusion") -> StructuredCriterion | None:
    return next((c for c in _read(text, kind) if c.concept == "home_country"), None)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Must live in the United States", ["US"]),  # NCT05767658 inc-4
        ("Live in the United States of America", ["US"]),  # NCT04196595
        ("Participant must reside in the United States, officially determined per patient "
         "report on Self-reported Screening Survey", ["US"]),  # NCT06418204 inc-6
        ("Residents of Denmark", ["DK"]),
        ("Patients living in France or Belgium", ["FR", "BE"]),
    ],
)  # fmt: skip
def test_where_a_person_must_live_is_read_as_the_country(text: str, codes: list[str]) -> None:
    """The countries named become `home_country in [...]`, always partial (never excludes)."""
    read = _country(text)
    assert read is not None and read.condition is not None
    assert read.condition["values"] == codes and read.confidence == "partial"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("No longer living in the United States", "inclusion"),
        ("Living outside the United Kingdom", "inclusion"),
        ("being incarcerated, no longer living in the United States", "exclusion"),
        ("Must live within 50 miles of the clinic", "inclusion"),
        ("Not planning to live in same home as infant after birth.", "exclusion"),
    ],
)
def test_no_country_reading_when_the_words_turn_it_around(text: str, kind: str) -> None:
    """A negated residence, an exclusion, or a distance is not read as a country limit."""
    assert _country(text, kind) is None


def _verdict(facts: dict[str, object]) -> tuple[str, str]:
    criteria = [
        *_read("Age 18 years or older"),
        *_read("Must live in the United States"),
    ]
    result = assess("T", criteria, {"age_years": 40, **facts}, TODAY)  # type: ignore[dict-item]
    country = next(o for o in result.outcomes if o.concept == "home_country")
    return result.verdict, country.status


def test_the_country_decides_only_likely_eligible_never_ineligible() -> None:
    """US: met; France: the trial is not "likely eligible" but never "ineligible"; not known: a
    study-team item (the question is never asked)."""
    assert _verdict({"home_country": "US"}) == ("likely_eligible", "met")
    assert _verdict({"home_country": "FR"}) == ("undetermined", "unknown")
    assert _verdict({}) == ("likely_eligible", "unknown")


def test_the_country_is_never_asked() -> None:
    """An open country leaves nothing for the dialog to ask."""
    criteria = _read("Must live in the United States")
    result = assess("T", criteria, {}, TODAY)
    assert all(not o.missing_facts and o.needs_review for o in result.outcomes)
