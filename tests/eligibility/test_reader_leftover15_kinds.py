"""Reader kinds left over from earlier work (issue #10), each pinned by a real text and variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading, read_one_text, readings_summary, status_of

# --- HIV named as an example inside a longer infection exclusion ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05079698 exc-16 (real)
        "Previously diagnosed active infection (e.g., human immunodeficiency virus [HIV] or viral "
        "hepatitis)",
        "Known active infection (e.g. HIV or hepatitis C).",
        "Serious active infection, for example HIV infection",
    ],
)
def test_hiv_given_as_an_example_of_the_excluded_infection_excludes_on_a_yes(text: str) -> None:
    hiv = only_reading("exclusion", text, "hiv")
    assert (hiv.confidence, hiv.decisive_when) == ("partial", "met"), readings_summary(
        "exclusion", text
    )
    assert status_of(hiv, {"hiv": True})[0] == "not_met"
    assert status_of(hiv, {"hiv": False})[0] == "unknown"


def test_an_example_qualified_after_its_bracket_never_excludes_on_its_own() -> None:
    # "requiring treatment" after the bracket qualifies every example: HIV alone is no exclusion
    text = "Active infection (e.g., HIV, hepatitis B or hepatitis C) requiring treatment"
    hiv = only_reading("exclusion", text, "hiv")
    assert hiv.decisive_when is None
    assert status_of(hiv, {"hiv": True})[0] == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        "Serious infection, including HIV or tuberculosis",
        "Serious infection, for example HIV or tuberculosis",
        "Active infection (e.g., human immunodeficiency virus [HIV], tuberculosis)",
        "Uncontrolled infection such as tuberculosis or hepatitis B",
    ],
)
def test_tb_given_as_an_example_of_an_infection_now_never_excludes_a_tb_long_ago(text: str) -> None:
    # the TB question asks "ever had TB"; as an example of an infection now, a yes is a TB that
    # may be long cured: the study team decides, a "no" settles it
    tb = only_reading("exclusion", text, "tuberculosis")
    assert tb.decisive_when is None, readings_summary("exclusion", text)
    assert status_of(tb, {"tuberculosis": True})[0] == "unknown"


# --- a clinic or department name is no condition ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05836870 exc-9 (real)
        "(Females only) Known pregnancy, as communicated to study personnel by clinicians in GI "
        "Medical Oncology; females of childbearing potential receive advice to use methods of "
        "contraception per usual care.",
        "Known pregnancy, as reported by the treating physicians in the GI Medical Oncology "
        "clinic.",
        "Pregnancy, as communicated to study staff by the care team.",
    ],
)
def test_a_clinic_name_is_no_digestive_problem(text: str) -> None:
    concepts = [c.concept for c in read_one_text("exclusion", text)]
    assert concepts == ["pregnant"], readings_summary("exclusion", text)
    pregnant = only_reading("exclusion", text, "pregnant")
    assert pregnant.confidence == "certain", readings_summary("exclusion", text)


def test_a_digestive_problem_beside_a_clinic_name_is_still_read() -> None:
    text = "Known bowel obstruction, as reported by clinicians in GI Medical Oncology"
    assert "digestive_problem" in [c.concept for c in read_one_text("exclusion", text)]


# --- "within 1 year" is the same window as "within 12 months" --------------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT06860815 (real, an item of its heart-and-vessel list), and variants
        ("Transient ischemic attack or stroke within 1 year", "last_stroke"),
        ("Prior checkpoint inhibitor within 1 year", "prior_checkpoint_inhibitor"),
        ("Major surgery within 1 year prior to randomization", "last_major_surgery"),
        ("Radiotherapy within 1 year prior to randomization", "last_radiotherapy"),
    ],
)
def test_a_window_of_one_year_is_read_as_twelve_months(text: str, concept: str) -> None:
    in_years = only_reading("exclusion", text, concept)
    in_months = only_reading("exclusion", text.replace("1 year", "12 months"), concept)
    assert (in_years.confidence, in_years.rule) == (in_months.confidence, in_months.rule)
    assert in_years.confidence == "certain", readings_summary("exclusion", text)
    assert "365 days" in str(in_years.rule)
