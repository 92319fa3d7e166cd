"""Any-of exclusions: an item read whole decides on a "yes"; a "no" leaves the rest open.

"Myocardial infarction, stroke, or uncontrolled arrhythmia within 6 months": a heart attack two
months ago excludes though "uncontrolled arrhythmia" is read only in part; a patient who says no
to the items read stays for the study team (never eligible by default on an unread item).
"""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import assess
from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion

TODAY = datetime.date(2026, 12, 1)


def _decisive(text: str) -> dict[str, str | None]:
    read = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    return {c.concept or "": c.decisive_when for c in read if c.confidence == "partial"}


@pytest.mark.parametrize(
    ("text", "met"),
    [
        # NCT06224673 exc-12 (real): the window closing the list reaches the heart attack
        (
            "History of congestive heart failure, unstable angina pectoris, unstable cardiac "
            "arrhythmia, or myocardial infarction within 6 months prior to enrollment. QTcF "
            "prolongation of >470 msec (females) or >450 msec (males) based screening ECG.",
            {"last_heart_attack"},
        ),
        ("Myocardial infarction, stroke, or uncontrolled arrhythmia within 6 months",
         {"last_heart_attack", "last_stroke"}),
        # NCT05740449 exc-6 (real): "known" opens the HIV item afresh, "active" does not reach it
        (
            "Known active viral hepatitis or known human immunodeficiency virus (HIV) infection or "
            "any other uncontrolled infection.",
            {"hiv"},
        ),
        ("HIV, hepatitis B, or uncontrolled infection", {"hiv", "hepatitis_b"}),
        # a list after "any of the following:" lists ways to be excluded
        ("Any of the following: myocardial infarction within 6 months; stroke; uncontrolled "
         "arrhythmia", {"last_heart_attack", "last_stroke"}),
    ],
)  # fmt: skip
def test_an_item_read_whole_excludes_on_a_yes(text: str, met: set[str]) -> None:
    assert {c for c, d in _decisive(text).items() if d == "met"} == met


@pytest.mark.parametrize(
    "text",
    [
        # a qualifier opening the list reaches every item
        "Uncontrolled diabetes, hypertension, or heart failure",
        "Poorly controlled diabetes, hypertension, or heart failure",
        # a condition closing the list reaches every item
        "Myocardial infarction, stroke, or arrhythmia requiring medication",
        # the qualifier of an "other" item says what the items before it are
        "Seizures or other serious neurological illness",
        "Psychiatric illness or other social issues limiting compliance",
        # qualifiers listed, not conditions
        "Active or history of autoimmune disease or history of transplantation",
        # alternative windows, not items
        "Any investigational therapy within 28 days or 5 half-lives of the drug, whichever is "
        "shorter",
        # an item for one arm only
        "Known allergy to TNG462 (all arms), or gemcitabine/nab-paclitaxel (Arm D)",
        # an exception naming no item may reach any item (one naming only hepatitis C leaves
        # HIV decisive: test_reader_part12_kinds.py)
        "HIV, hepatitis B, or hepatitis C, except when treated",
    ],
)
def test_an_item_others_may_qualify_decides_nothing(text: str) -> None:
    assert "met" not in _decisive(text).values()


def test_a_window_before_the_colon_is_every_items_window() -> None:
    # "stroke" is read ever, broader than "within 6 months": it never decides
    text = (
        "Any of the following within 6 months: myocardial infarction; stroke; uncontrolled "
        "arrhythmia"
    )
    assert _decisive(text) == {"last_heart_attack": "met", "last_stroke": None}


def test_the_checker_excludes_on_the_item_and_leaves_a_no_to_the_study_team() -> None:
    text = "Myocardial infarction, stroke, or uncontrolled arrhythmia within 6 months"
    criteria = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    heart_attack = {"last_heart_attack": "2026-10-01", "last_stroke": "never"}
    result = assess("NCT0", criteria, heart_attack, TODAY)
    assert result.verdict == "ineligible"
    failed = [o for o in result.outcomes if o.status == "not_met"]
    assert [o.criterion_id for o in failed] == ["exc-1a"]
    assert "Myocardial infarction, stroke, or uncontrolled arrhythmia" in failed[0].reason
    never = {"last_heart_attack": "never", "last_stroke": "never"}
    said_no = assess("NCT0", criteria, never, TODAY)
    assert said_no.verdict == "undetermined"
    assert all(o.status == "unknown" for o in said_no.outcomes)


@pytest.mark.parametrize(
    "text",
    [
        # NCT05873192 exc-3 (real): how long ADT was given, not how recently
        "Patients who have had prior chemotherapy, experimental agents for prostate cancer, or "
        "patients receiving >4 weeks of prior ADT will be excluded.",
        "Patients receiving >4 weeks of prior ADT will be excluded.",
        "More than 6 months of androgen deprivation therapy",
        "Prior chemotherapy, or at least 12 weeks of prior ADT",
    ],
)
def test_a_length_of_treatment_is_no_window_of_a_last_dose(text: str) -> None:
    read = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    windowed = [c for c in read if "within" in (c.rule or "")]
    assert all(c.confidence != "certain" and c.decisive_when is None for c in windowed)


@pytest.mark.parametrize(
    "text",
    [
        "Partial or complete response to first-line chemotherapy",
        "CR or PR to first-line platinum-based chemotherapy",
        "Complete or partial remission after induction therapy",
        "Must have responded to platinum-based chemotherapy",
    ],
)
def test_a_response_to_a_treatment_is_no_current_disease_status(text: str) -> None:
    """A partial response is no remission: a patient whose cancer shrank in part is never held
    against "in remission" (the study team reads how the cancer answered the treatment)."""
    read = read_criterion(CriterionText(id="inc-1", kind="inclusion", text=text))
    assert "disease_status" not in [c.concept for c in read]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("No more than 12 weeks after last chemotherapy", 84),
        ("Within 8 weeks after completing chemotherapy", None),
    ],
)
def test_a_time_since_the_last_treatment_is_never_reversed(text: str, days: int | None) -> None:
    """An inclusion asking for a recent last treatment is never read as a washout (the
    treatment must be recent, not long ago), and never certain for any cancer medicine."""
    read = read_criterion(CriterionText(id="inc-1", kind="inclusion", text=text))
    assert all(c.confidence != "certain" for c in read)
    rules = [c.rule for c in read if c.rule]
    assert all("not" not in rule for rule in rules)
    if days is not None:
        assert f"within {days} days" in " ".join(rules)


@pytest.mark.parametrize(
    "text", ["KRAS G12D mutation", "KRAS G12C/G12V mutation", "Tumour with a KRAS G12D mutation"]
)
def test_a_mutation_name_is_no_time_window(text: str) -> None:
    read = read_criterion(CriterionText(id="inc-1", kind="inclusion", text=text))
    assert not any("within" in (c.rule or "") or "days" in (c.rule or "") for c in read)
