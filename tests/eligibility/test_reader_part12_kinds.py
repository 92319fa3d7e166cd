"""Kinds found by the twelfth held-out part's first run (labelled/held_out_12.yaml)."""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import assess
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion


def _read(kind: str, text: str) -> list[StructuredCriterion]:
    prefix = "inc-1" if kind == "inclusion" else "exc-1"
    return read_criterion(CriterionText(id=prefix, kind=kind, text=text))  # type: ignore[arg-type]


def _readings(kind: str, text: str) -> list[tuple[str | None, str | None, str]]:
    return [(c.concept, c.rule, c.confidence) for c in _read(kind, text)]


# --- drugs paired with their windows "respectively"; a washout is a minimum gap ----------------


def test_named_drug_washouts_paired_respectively_in_an_inclusion() -> None:
    # NCT05916196 inc-5 (real)
    text = (
        "Subjects that are currently on or have recently discontinued tamoxifen or fulvestrant "
        "would require an 8-week or 28-week, respectively, washout period prior to FES PET/CT scan."
    )
    assert _readings("inclusion", text) == [
        ("prior_tamoxifen", "not (prior_tamoxifen == yes within 56 days)", "certain"),
        ("prior_fulvestrant", "not (prior_fulvestrant == yes within 196 days)", "certain"),
    ]


def test_named_drug_windows_paired_respectively_in_an_exclusion() -> None:
    text = (
        "Tamoxifen or fulvestrant within 8 weeks or 28 weeks, respectively, prior to the first "
        "dose."
    )
    assert _readings("exclusion", text) == [
        ("prior_tamoxifen", "prior_tamoxifen == yes within 56 days", "certain"),
        ("prior_fulvestrant", "prior_fulvestrant == yes within 196 days", "certain"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # one window for two drugs: "respectively" pairs nothing, so it is a word left over
        "Tamoxifen or fulvestrant within 8 weeks prior to the first dose, respectively.",
        # three drugs, two windows: no pairing
        "Tamoxifen, letrozole or fulvestrant within 8 weeks or 28 weeks, respectively.",
    ],
)
def test_respectively_without_one_window_per_drug_is_never_certain(text: str) -> None:
    read = _read("exclusion", text)
    assert read and all(c.confidence != "certain" for c in read)


def test_a_washout_period_is_a_minimum_gap_in_an_inclusion() -> None:
    read = _read(
        "inclusion",
        "Patients who have discontinued tamoxifen require a 4-week washout period before the "
        "first dose.",
    )
    assert [(c.concept, c.rule) for c in read] == [
        ("prior_tamoxifen", "not (prior_tamoxifen == yes within 28 days)")
    ]


def test_a_drug_stopped_is_a_drug_taken_not_a_current_one() -> None:
    # "discontinued" is no "continued" use: the drug was taken, the window counts from its end
    read = _read(
        "inclusion",
        "Patients who have discontinued tamoxifen must wait at least 8 weeks before the scan.",
    )
    assert [c.concept for c in read] == ["prior_tamoxifen"]
    assert read[0].rule == "not (prior_tamoxifen == yes within 56 days)"


# --- a pregnancy the woman reports, "will not be eligible", a test before the injection -------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05916196 exc-1 (real)
        "Females who report they are pregnant at screening will not be eligible for this study. A "
        "urine pregnancy test will be performed in women of child-bearing potential prior to FES "
        "injection.",
        "Women who state that they are pregnant will not be eligible.",
        "Females who are pregnant will not be eligible for this study.",
    ],
)
def test_a_reported_pregnancy_excluding_is_read_whole(text: str) -> None:
    assert _readings("exclusion", text) == [("pregnant", "pregnant == yes (females)", "certain")]


def test_a_planned_pregnancy_reported_is_still_partial() -> None:
    read = _read(
        "exclusion", "Women who report they are planning to become pregnant will not be eligible."
    )
    assert [c.confidence for c in read] != ["certain"]


# --- birth control until the operation that ends the study treatment -----------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06014255 inc-9 (real)
        "Willingness to use barrier contraception from the time of first dose of Enoblituzumab "
        "(MGA271) until the time of prostatectomy.",
        "Men must agree to use barrier contraception until the time of surgery.",
        "Willing to practice birth control from the time of enrollment on this study and for four "
        "months after treatment.",
    ],
)
def test_birth_control_until_the_operation_is_read_whole(text: str) -> None:
    read = _read("inclusion", text)
    assert [(c.concept, c.confidence) for c in read] == [("agrees_to_contraception", "certain")]


# --- an exception that names only another item of the list -------------------------------


def test_an_exception_naming_hepatitis_c_only_leaves_hiv_decisive() -> None:
    read = _read("exclusion", "HIV, hepatitis B, or hepatitis C, except treated hepatitis C")
    assert {c.concept: c.decisive_when for c in read} == {
        "hiv": "met",
        "hepatitis_b": None,
        "hepatitis_c": None,
    }


def test_an_exception_about_hepatitis_leaves_hiv_decisive() -> None:
    # NCT06014255 exc-11 (real)
    read = _read(
        "exclusion",
        "Known prior or current history of HIV and/or hepatitis B/C, with the exception of "
        "patients who have been successfully treated for hepatitis B/C (i.e. documented "
        "confirmation of cure at least 6 months after initial treatment).",
    )
    by_concept = {c.concept: c for c in read}
    assert by_concept["hiv"].decisive_when == "met"
    assert by_concept["hiv"].confidence == "partial"
    assert all(c.decisive_when is None for c in read if c.concept != "hiv")


@pytest.mark.parametrize(
    "text",
    [
        # the exception names neither item: it may be about HIV too
        "HIV or hepatitis B, except patients with undetectable viral load.",
        # a qualifier after the list may reach back over HIV
        "HIV or hepatitis B/C requiring treatment, except treated hepatitis C.",
        # the exception is about HIV itself
        "Known HIV or hepatitis B, except HIV on stable antiretroviral therapy.",
    ],
)
def test_an_exception_that_may_be_about_hiv_decides_nothing(text: str) -> None:
    read = _read("exclusion", text)
    hiv = [c for c in read if c.concept == "hiv"]
    assert all(c.confidence != "certain" and c.decisive_when is None for c in hiv)


# --- who measures the disease; the immune-medicine question read whole, now ------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06525220 inc-8 (real)
        "Measurable disease per Investigator assessment as defined by RECIST v1.1 by radiologic "
        "methods",
        "Presence of at least one measurable lesion according to RECIST v1.1 per investigator "
        "assessment.",
        "Measurable disease by imaging methods per RECIST 1.1",
    ],
)
def test_measurable_disease_with_its_assessor_is_read_whole(text: str) -> None:
    assert _readings("inclusion", text) == [
        ("measurable_disease", "measurable_disease == yes", "certain")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # NCT06525220 exc-4 (real)
        "Requirement for immunosuppressive medication",
        "Patients receiving immunosuppressive therapy",
    ],
)
def test_immunosuppressive_medicine_now_is_read_whole(text: str) -> None:
    assert _readings("exclusion", text) == [
        ("immunosuppressive_medicine", "immunosuppressive_medicine == yes", "certain")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Prior immunosuppressive therapy",  # the question asks about now
        "Current use of immunosuppressive medication within 14 days",  # a window
        "Requires chronic systemic corticosteroids",  # any dose of steroids: not "high doses"
        "History of immunosuppressive treatment",
    ],
)
def test_immunosuppressive_medicine_in_the_past_or_steroids_stay_partial(text: str) -> None:
    read = _read("exclusion", text)
    assert read and all(c.confidence != "certain" for c in read)


# --- an inclusion narrower than its question: a "no" fails it, a "yes" is for the study team ---


@pytest.mark.parametrize(
    "text",
    [
        "Radical prostatectomy has been scheduled",  # NCT06014255 inc-3 (real)
        "Scheduled to undergo radical prostatectomy",
        "Nephrectomy is planned",
    ],
)
def test_a_named_operation_scheduled_is_decisive_when_not_met(text: str) -> None:
    read = _read("inclusion", text)
    assert [(c.concept, c.confidence, c.decisive_when) for c in read] == [
        ("planned_surgery", "partial", "not_met")
    ]


def test_a_named_operation_planned_as_an_exclusion_is_no_one_sided_reading() -> None:
    read = _read("exclusion", "Planned prostatectomy during the study")
    assert [(c.concept, c.confidence, c.decisive_when) for c in read] == [
        ("planned_surgery", "partial", None)
    ]


def test_planned_major_surgery_listed_as_an_inclusion_stays_with_the_study_team() -> None:
    read = _read("inclusion", "Planned major surgery during the study")
    assert all(c.needs_review for c in read)


@pytest.mark.parametrize(
    ("planned", "verdict"),
    [(False, "ineligible"), (True, "undetermined")],
)
def test_the_checker_fails_a_narrower_inclusion_only_on_a_no(planned: bool, verdict: str) -> None:
    read = _read("inclusion", "Radical prostatectomy has been scheduled")
    result = assess("NCT0", read, {"planned_surgery": planned}, datetime.date(2026, 12, 1))
    assert result.verdict == verdict
    assert [o.status for o in result.outcomes] == ["not_met" if not planned else "unknown"]
