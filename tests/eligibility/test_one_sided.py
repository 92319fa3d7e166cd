"""One-sided readings ("decisive when met"): a question narrower than its exclusion excludes on a
"yes" only; a "no" goes to the study team."""

from __future__ import annotations

import datetime

import pytest

from trialbot.cli.criteria import public_fields
from trialbot.domain.checker import assess
from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion

TODAY = datetime.date(2026, 12, 1)
INVASIVE = "Invasive surgery within 4 weeks prior to enrollment"  # NCT06332300 exc-19


def _read(text: str, kind: str = "exclusion") -> list:  # type: ignore[type-arg]
    return read_criterion(CriterionText(id="exc-1", kind=kind, text=text))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT06552260: "initiation of study drug" is the first dose, as "C1D1" is
        ("Major surgery within 28 days prior to initiation of study drug.", "last_major_surgery"),
        ("Radiotherapy within 2 weeks prior to study treatment initiation.", "last_radiotherapy"),
    ],
)
def test_a_window_starting_at_the_initiation_of_study_drug_is_read_whole(
    text: str, concept: str
) -> None:
    [reading] = _read(text)
    assert (reading.concept, reading.confidence) == (concept, "certain")


@pytest.mark.parametrize(
    "text",
    [
        INVASIVE,
        "Major surgery within 4 weeks of study entry or planned during study.",  # NCT05786924
    ],
)
def test_broader_surgery_exclusions_are_partial_and_decisive_when_met(text: str) -> None:
    """The major-operation question under a broader surgery exclusion: decisive when met."""
    [reading] = _read(text)
    assert (reading.concept, reading.confidence, reading.decisive_when) == (
        "last_major_surgery",
        "partial",
        "met",
    )
    assert public_fields(reading)["decisive_when"] == "met"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        (
            "Received a live vaccine within 30 days of initiating protocol therapy.",
            "last_live_vaccine",
        ),
        (
            "Have a recent history of myocardial infarction (within the past 2 months)",
            "last_heart_attack",
        ),
    ],
)
def test_the_start_point_of_a_window_leaves_a_reading_decisive_when_met(
    text: str, concept: str
) -> None:
    """'... within 2 weeks prior to study treatment initiation': a 'yes' in the window excludes."""
    [reading] = _read(text)
    assert (reading.concept, reading.confidence, reading.decisive_when) == (
        concept,
        "partial",
        "met",
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Major surgery within 4 weeks", "exclusion"),  # certain: nothing one-sided about it
        ("Major surgery (as defined by the Investigator) within 28 days", "exclusion"),
        ("Cohort A: Invasive surgery within 4 weeks", "exclusion"),  # scoped to one group
        ("Invasive surgery within 4 weeks unless fully healed", "exclusion"),
        # The blood-clot question takes in strokes: broader than "DVT or PE", never decisive.
        (
            "Deep vein thrombosis or pulmonary embolism within 4 weeks prior to enrollment into "
            "the study",
            "exclusion",
        ),
        ("Major surgery within 4 weeks is not allowed during the study", "inclusion"),
    ],
)
def test_narrowing_words_scopes_and_inclusions_are_not_one_sided(text: str, kind: str) -> None:
    """Qualifiers, a judgement call, a cohort scope or an inclusion are never decisive."""
    assert all(r.decisive_when is None for r in _read(text, kind))


def test_yes_excludes_quoting_the_criterion_and_no_goes_to_the_study_team() -> None:
    """A major operation 7 days ago excludes, with the criterion quoted; 'never' settles nothing."""
    criteria = _read(INVASIVE)
    said_yes = assess("NCT06332300", criteria, {"last_major_surgery": "2026-11-24"}, TODAY)
    assert said_yes.verdict == "ineligible"
    [outcome] = said_yes.outcomes
    assert outcome.status == "not_met" and INVASIVE in outcome.reason
    said_no = assess("NCT06332300", criteria, {"last_major_surgery": "never"}, TODAY)
    [outcome] = said_no.outcomes
    assert (outcome.status, outcome.needs_review) == ("unknown", True)
    assert said_no.verdict != "ineligible"
    long_ago = assess("NCT06332300", criteria, {"last_major_surgery": "2025-01-10"}, TODAY)
    assert long_ago.outcomes[0].status == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "Hypersensitivity to pembrolizumab or any of its excipients",  # NCT03428802 exc-4
        "History of hypersensitivity to nivolumab or any excipient",  # NCT05500092 exc-8
        "Known allergy to trastuzumab or any component of the formulation",
        "Hypersensitivity to olaparib or any of its ingredients",
    ],
)
def test_drug_or_excipient_allergy_excludes_on_a_yes_only(text: str) -> None:
    """The question names the drug only; an allergy to an excipient alone (polysorbate 80) answers
    it "no", so a "no" leaves the criterion to the study team and a "yes" excludes."""
    [reading] = _read(text)
    assert reading.concept.startswith("allergy_")
    assert (reading.confidence, reading.decisive_when) == ("partial", "met")
    yes = assess("T", [reading], {reading.concept: True}, TODAY)
    no = assess("T", [reading], {reading.concept: False}, TODAY)
    assert yes.verdict == "ineligible"
    assert no.verdict != "ineligible"


def test_allergy_to_the_drug_alone_stays_certain() -> None:
    """Nothing broader than the question: "Known allergy to pembrolizumab" decides both ways."""
    [reading] = _read("Known allergy to pembrolizumab")
    assert (reading.confidence, reading.decisive_when) == ("certain", None)
