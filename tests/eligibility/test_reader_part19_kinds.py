"""Kinds of singly-excluded patients missed, and of criteria labelled certain read in part, by
the nineteenth held-out part (labelled/held_out_19.yaml): each kind pinned by a real text and
written variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading, read_one_text, readings_summary, status_of

# --- a live vaccine, "live (active)" and "killed vaccines or other formats are allowed" --------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05430009 exc-7 (real)
        "Has received a live (active) vaccine within 30 days of enrollment.",
        # NCT05479812 exc-13 (real)
        "Received a live or live-attenuated vaccine within 30 days of the first dose of study "
        "drug; Note: Administration of killed vaccines or other formats are allowed.",
        "Received a live (attenuated) vaccine within 30 days before the first dose.",
        "Live vaccine within 30 days. Inactivated vaccines and other types are permitted.",
    ],
)
def test_live_vaccine_said_in_brackets_or_beside_allowed_formats(text: str) -> None:
    reading = only_reading("exclusion", text, "last_live_vaccine")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"last_live_vaccine": "2026-11-20"}) == ("not_met", False)
    assert status_of(reading, {"last_live_vaccine": "2026-06-01"})[0] == "met"


def test_any_active_vaccine_is_not_a_live_one() -> None:
    text = "Active vaccine within 30 days of enrollment."
    readings = read_one_text("exclusion", text)
    assert all(c.concept != "last_live_vaccine" for c in readings), readings_summary(
        "exclusion", text
    )


# --- serious liver or kidney disease: the question's own words -------------------------


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # NCT06884618 exc-9 (real)
        ("Known clinically significant liver disease", "liver_disease"),
        ("Serious hepatic disease", "liver_disease"),
        ("Clinically significant renal disease", "kidney_disease"),
        ("Severe kidney disease", "kidney_disease"),
    ],
)
def test_serious_organ_disease_is_the_question(text: str, concept: str) -> None:
    reading = only_reading("exclusion", text, concept)
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {concept: True}) == ("not_met", False)
    assert status_of(reading, {concept: False})[0] == "met"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # any liver disease takes in mild illness the question leaves out
        ("Liver disease", "liver_disease"),
        # a named disease is narrower than the question
        ("Cirrhosis of the liver", "liver_disease"),
        ("Severe lung disease, such as chronic obstructive pulmonary disease", "lung_disease"),
    ],
)
def test_organ_disease_unqualified_or_named_stays_partial(text: str, concept: str) -> None:
    readings = [c for c in read_one_text("exclusion", text) if c.concept == concept]
    assert all(c.confidence != "certain" for c in readings), readings_summary("exclusion", text)


# --- a list of stomach and bowel problems qualified by their effect on absorption ------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06884618 exc-3 (real)
        "Refractory nausea and vomiting, malabsorption, external biliary shunt, or significant "
        "small bowel resection that would preclude adequate study treatment absorption",
        "Chronic diarrhea or malabsorption that may affect absorption of the study drug",
        "Intractable vomiting, short bowel syndrome or gastrectomy that would limit absorption",
    ],
)
def test_listed_bowel_problems_limiting_absorption_are_the_question(text: str) -> None:
    reading = only_reading("exclusion", text, "digestive_problem")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"digestive_problem": True}) == ("not_met", False)


@pytest.mark.parametrize(
    "text",
    [
        # the effect qualifies the last item only
        "Active inflammatory bowel disease, chronic diarrhea, or any condition that may affect "
        "absorption",
        # another kind of illness in the list
        "Uncontrolled diabetes, or malabsorption that would preclude absorption of study drug",
    ],
)
def test_bowel_list_with_other_items_stays_partial(text: str) -> None:
    readings = [c for c in read_one_text("exclusion", text) if c.concept == "digestive_problem"]
    assert all(c.confidence != "certain" for c in readings), readings_summary("exclusion", text)


# --- an open biopsy beside a major operation: a yes still excludes -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05855200 exc-4 (real)
        "Has undergone any major surgical procedure, open biopsy, or experienced significant "
        "traumatic injury within 28 days prior to randomization",
        "Major surgery, open biopsy or significant traumatic injury within 4 weeks",
        "Major surgery or open biopsy within 28 days of the first dose",
    ],
)
def test_open_biopsy_beside_major_surgery_keeps_a_yes_decisive(text: str) -> None:
    reading = only_reading("exclusion", text, "last_major_surgery")
    assert reading.confidence == "partial", readings_summary("exclusion", text)
    assert reading.decisive_when == "met"
    assert status_of(reading, {"last_major_surgery": "2026-11-17"})[0] == "not_met"
    assert status_of(reading, {"last_major_surgery": "2025-03-10"})[0] != "not_met"


def test_open_biopsy_with_minor_surgery_window_is_not_decisive() -> None:
    text = "Major surgery or open biopsy within 28 days, or minor surgery within 7 days"
    reading = only_reading("exclusion", text, "last_major_surgery")
    assert reading.decisive_when is None, readings_summary("exclusion", text)


# --- KRAS G12C with the gene's name spelled out, found in the tumour -------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT07209111 inc-2 (real)
        "Has a tumor that demonstrates the presence of Kirsten rat sarcoma (KRAS) G12C mutation",
        "Tumour with a KRAS p.G12C mutation",
        "Documentation of presence of KRASG12C mutation in tumor tissue",
    ],
)
def test_kras_g12c_in_the_tumour_fails_on_a_negative_result(text: str) -> None:
    reading = only_reading("inclusion", text, "kras_g12c_status")
    # the test on the tumour: a blood test may have found it instead, so a positive answer
    # settles nothing and a negative one fails it
    assert reading.confidence == "partial", readings_summary("inclusion", text)
    assert reading.decisive_when == "not_met"
    assert status_of(reading, {"kras_g12c_status": "negative"})[0] == "not_met"
    assert status_of(reading, {"kras_g12c_status": "positive"})[0] != "not_met"


@pytest.mark.parametrize(
    "text", ["Kirsten rat sarcoma (KRAS) G12C mutation", "Documented KRAS-G12C mutation"]
)
def test_kras_g12c_spelled_out_is_the_question(text: str) -> None:
    reading = only_reading("inclusion", text, "kras_g12c_status")
    assert reading.confidence == "certain", readings_summary("inclusion", text)


def test_cirrhosis_graded_by_child_pugh_leaves_a_yes_to_the_study_team() -> None:
    # a Child-Pugh A cirrhosis answers "yes" to "serious liver disease, like cirrhosis"
    for text in (
        "Known clinically significant liver disease, including active viral, alcoholic, or other "
        "hepatitis; >Childes A cirrhosis; fatty liver; and inherited liver disease.",
        "Clinically significant liver disease (Child-Pugh class B or C)",
    ):
        reading = only_reading("exclusion", text, "liver_disease")
        assert reading.decisive_when is None, readings_summary("exclusion", text)
        assert status_of(reading, {"liver_disease": True})[0] != "not_met"


# --- birth control "observed" ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05479812 inc-8 (real)
        "Willingness of men and women of reproductive potential to observe highly effective birth "
        "control for the duration of treatment and for 4 months following the last dose of study "
        "drug;",
        "Women of childbearing potential must observe effective contraception during the study",
        "Men of reproductive potential willing to observe adequate birth control for 3 months",
    ],
)
def test_observing_birth_control_is_the_contraception_question(text: str) -> None:
    reading = only_reading("inclusion", text, "agrees_to_contraception")
    assert reading.confidence == "certain", readings_summary("inclusion", text)


def test_observing_something_else_stays_partial() -> None:
    text = "Men must observe the rules of the study and use contraception"
    reading = only_reading("inclusion", text, "agrees_to_contraception")
    assert reading.confidence != "certain", readings_summary("inclusion", text)


# --- a past operation in its window, then a planned one --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06884618 exc-7 (real, first and last alternatives)
        "Major surgical procedure within 28 days prior to initiation of study treatment, or "
        "anticipation of need for a major surgical procedure during the study",
        "Major surgery within 4 weeks prior to the first dose, or planned major surgery during "
        "the study",
        "Major surgery within 28 days of enrollment or anticipated need for major surgery during "
        "the study",
    ],
)
def test_a_past_operation_before_a_planned_one_is_read_too(text: str) -> None:
    past = only_reading("exclusion", text, "last_major_surgery")
    assert status_of(past, {"last_major_surgery": "2026-11-20"})[0] == "not_met", readings_summary(
        "exclusion", text
    )
    only_reading("exclusion", text, "planned_surgery")


@pytest.mark.parametrize(
    "text",
    [
        # the window is the plan's
        "Major surgery planned within 4 weeks or anticipated during the study",
        "Planned major surgery within 28 days",
    ],
)
def test_a_planned_operation_with_the_window_is_no_past_one(text: str) -> None:
    concepts = [c.concept for c in read_one_text("exclusion", text)]
    assert "last_major_surgery" not in concepts, readings_summary("exclusion", text)


# --- tuberculosis with its germ named ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05430009 exc-6 (real)
        "Has a known history of active Bacillus Tuberculosis (TB), Hepatitis B or Hepatitis C "
        "infection",
        "Has a known history of active Bacillus Tuberculosis (TB)",
        "Known history of active Mycobacterium tuberculosis",
    ],
)
def test_active_tuberculosis_in_the_past_with_its_germ_is_ever_tb(text: str) -> None:
    reading = only_reading("exclusion", text, "tuberculosis")
    assert reading.confidence == "certain", readings_summary("exclusion", text)
    assert status_of(reading, {"tuberculosis": True}) == ("not_met", False)


# --- an immune deficiency or a steroid course beside immune-weakening medicine ---------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT05479812 exc-8 (real)
        "Diagnosis of immunodeficiency, is on immunosuppressive therapy, or is receiving chronic "
        "systemic or enteric steroid therapy",
        "Immunodeficiency or receiving immunosuppressive therapy",
        "Is receiving chronic systemic steroid therapy or any other immunosuppressive therapy",
    ],
)
def test_other_ways_beside_immune_weakening_medicine_keep_a_yes_decisive(text: str) -> None:
    reading = only_reading("exclusion", text, "immunosuppressive_medicine")
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    assert status_of(reading, {"immunosuppressive_medicine": True})[0] == "not_met"
    assert status_of(reading, {"immunosuppressive_medicine": False})[0] != "met"


def test_immunodeficiency_caused_by_the_medicine_is_not_decisive() -> None:
    text = "Immunodeficiency requiring immunosuppressive therapy"
    reading = only_reading("exclusion", text, "immunosuppressive_medicine")
    assert reading.decisive_when is None, readings_summary("exclusion", text)
