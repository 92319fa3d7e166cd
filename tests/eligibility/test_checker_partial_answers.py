"""An answer against a partial reading: never excluded, never told 'may be eligible'."""

from __future__ import annotations

import datetime

from trialbot.domain.checker import assess
from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion

TODAY = datetime.date(2026, 12, 1)


def test_yes_to_a_partially_read_exclusion_leaves_it_to_the_study_team() -> None:
    """'Seizures or other serious neurological illness' is read partially (the question asks
    about seizures only): a 14-year-old whose parent says yes is not excluded, nor told 'likely
    eligible'. ('Uncontrolled seizures' goes to the study team: see test_misreadings.py.)"""
    criteria = [
        *read_criterion(
            CriterionText(
                id="inc-1",
                kind="inclusion",
                text="Pediatric and young adult patients 10-25 years of age",
            )
        ),
        *read_criterion(
            CriterionText(
                id="exc-1", kind="exclusion", text="Seizures or other serious neurological illness"
            )
        ),
    ]
    assert [c.confidence for c in criteria if c.concept == "seizures"] == ["partial"]
    said_yes = assess("NCT04092803", criteria, {"age_years": 14, "seizures": True}, TODAY)
    said_no = assess("NCT04092803", criteria, {"age_years": 14, "seizures": False}, TODAY)
    assert said_yes.verdict == "undetermined"
    assert said_no.verdict == "likely_eligible"


def test_history_of_seizures_is_read_whole_by_the_seizures_ever_question() -> None:
    """NCT04092803 'History of seizures' matches the question 'ever had seizures': yes excludes."""
    criteria = read_criterion(
        CriterionText(id="exc-1", kind="exclusion", text="History of seizures")
    )
    assert [c.confidence for c in criteria] == ["certain"]
    said_yes = assess("NCT04092803", criteria, {"seizures": True}, TODAY)
    assert said_yes.verdict == "ineligible"
