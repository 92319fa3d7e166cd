"""Reader kinds left alone before part 17's stop ended (issue #10), each pinned by a real text
and variants: the lining of the brain named apart from brain metastases whose permission does
not reach it excludes on a "yes"; an antibody-drug conjugate named only by its payload class is
partial (a "yes" establishes it, a "no" may not know the payload); a member drug's "yes" meets
its class whatever the class's own answer; "Treatment with any of the following:" opens a list
whose items are each one way to be excluded."""

from __future__ import annotations

import datetime

import pytest
from reading_helpers import TODAY, only_reading, read_one_text, readings_summary, status_of

from trialbot.domain.conditions import evaluate_condition

LINING = "brain_metastases == yes and leptomeningeal_disease == yes"
BOTH = {"brain_metastases": True, "leptomeningeal_disease": True}
BRAIN_ONLY = {"brain_metastases": True, "leptomeningeal_disease": False}

# --- 1. the lining named apart, a permission for brain metastases only -----------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06074588 exc-18 (real)
        "Has known active central nervous system metastases and/or carcinomatous meningitis. "
        "Participants with previously treated brain metastases may participate provided they "
        "are clinically stable, radiologically stable for at least 4 weeks and do not require "
        "glucocorticoids for at least 14 days prior to randomization.",
        # NCT06823167 exc-7 (real, first two sentences)
        "Participant has a known active central nervous system (CNS) primary tumor or metastases "
        "and/or carcinomatous meningitis. Participants with previously treated brain metastases "
        "may participate provided they are clinically stable for at least 4 weeks prior to study "
        "entry.",
        "Known brain metastases or carcinomatous meningitis. Patients with treated brain "
        "metastases may participate.",
        "Symptomatic brain metastases or carcinomatous meningitis. Treated, stable brain "
        "metastases are allowed.",
    ],
)
def test_the_lining_apart_from_permitted_brain_metastases_excludes_on_a_yes(text: str) -> None:
    lining = only_reading("exclusion", text, "leptomeningeal_disease")
    assert lining.rule == LINING
    # partial (earlier labels read such a criterion as the brain question alone): a "yes" to
    # the lining establishes the exclusion, a "no" leaves the criterion to the study team
    assert lining.confidence == "partial", readings_summary("exclusion", text)
    assert lining.decisive_when == "met"
    assert status_of(lining, BOTH) == ("not_met", False)
    assert status_of(lining, BRAIN_ONLY)[0] == "unknown"
    # treated brain metastases without the lining: the brain reading's permission decides
    brain = only_reading("exclusion", text, "brain_metastases")
    assert brain.confidence != "certain"
    assert status_of(brain, BRAIN_ONLY)[0] != "not_met"


@pytest.mark.parametrize(
    "text",
    [
        # a permission that names the lining reaches it
        "Known active CNS metastases and/or carcinomatous meningitis. Treated brain metastases "
        "or leptomeningeal disease are allowed.",
        # a window of its own is not read by the lining question
        "Known active CNS metastases and/or carcinomatous meningitis within 6 months. Treated "
        "brain metastases are allowed.",
        # a qualifier of the lining's own item
        "Known active CNS metastases and/or untreated carcinomatous meningitis. Treated brain "
        "metastases are allowed.",
    ],
)
def test_the_lining_is_not_decided_when_its_own_words_qualify_it(text: str) -> None:
    lining = only_reading("exclusion", text, "leptomeningeal_disease")
    assert lining.decisive_when is None, readings_summary("exclusion", text)
    assert status_of(lining, BOTH)[0] != "not_met"


def test_a_permission_for_the_lining_still_reaches_brain_metastases() -> None:
    """One way only: the brain question takes the lining in."""
    text = "Brain metastases. Treated, stable leptomeningeal disease is allowed."
    brain = only_reading("exclusion", text, "brain_metastases")
    assert status_of(brain, BRAIN_ONLY)[0] != "not_met", readings_summary("exclusion", text)


# --- 2. an antibody-drug conjugate named only by its payload class --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Received prior treatment with a topoisomerase I-containing ADC.",  # NCT06074588 exc-13
        "Prior treatment with a topoisomerase I-based ADC",
        "Previously received an antibody-drug conjugate with a topoisomerase I payload",
    ],
)
def test_a_payload_class_is_established_by_a_yes_and_never_settled_by_a_no(text: str) -> None:
    reading = only_reading("exclusion", text, "prior_topo1_adc")
    # someone given trastuzumab deruxtecan may not know its payload is a topoisomerase inhibitor
    assert reading.confidence == "partial", readings_summary("exclusion", text)
    assert status_of(reading, {"prior_topo1_adc": True}) == ("not_met", False)
    assert status_of(reading, {"prior_topo1_adc": False})[0] != "met"


def test_an_inclusion_without_a_payload_class_fails_on_a_yes_only() -> None:
    text = "No prior topoisomerase I-containing ADC"
    reading = only_reading("inclusion", text, "prior_topo1_adc")
    assert reading.confidence == "partial"
    assert status_of(reading, {"prior_topo1_adc": True})[0] == "not_met"
    assert status_of(reading, {"prior_topo1_adc": False})[0] != "met"


def test_a_named_adc_is_still_read_whole() -> None:
    text = "Prior treatment with trastuzumab deruxtecan"
    reading = only_reading("exclusion", text, "prior_trastuzumab_deruxtecan")
    assert reading.confidence == "certain", readings_summary("exclusion", text)


# --- 3. a member drug's "yes" meets its class, whatever the class's own answer --------------


def _days_ago(days: int) -> str:
    return (TODAY - datetime.timedelta(days=days)).isoformat()


def test_a_member_drug_meets_its_class_answered_no() -> None:
    """ "Antibody-drug conjugates carrying a topoisomerase-1 inhibitor: no" beside "trastuzumab
    deruxtecan: yes": the medicine is one, so the class is met (a member's date already met a
    class's window so, `latest_of`)."""
    leaf = {
        "op": "true",
        "fact": "prior_topo1_adc",
        "implied_by": ["prior_trastuzumab_deruxtecan", "prior_sacituzumab_govitecan"],
    }
    said_no = {"prior_topo1_adc": False, "prior_trastuzumab_deruxtecan": True}
    assert evaluate_condition(leaf, said_no, TODAY).value is True
    assert evaluate_condition(leaf, {"prior_topo1_adc": False}, TODAY).value is False
    neither = {"prior_topo1_adc": False, "prior_trastuzumab_deruxtecan": False}
    assert evaluate_condition(leaf, neither, TODAY).value is False


@pytest.mark.parametrize(
    ("kind", "text", "class_fact", "member"),
    [
        # NCT06074588 exc-13 (real)
        (
            "exclusion",
            "Received prior treatment with a topoisomerase I-containing ADC.",
            "prior_topo1_adc",
            "prior_trastuzumab_deruxtecan",
        ),
        ("exclusion", "Prior treatment with an EGFR TKI", "prior_egfr_tki", "prior_osimertinib"),
        ("inclusion", "Must have received an EGFR TKI", "prior_egfr_tki", "prior_osimertinib"),
    ],
)
def test_a_class_answered_no_beside_a_member_taken_is_the_member(
    kind: str, text: str, class_fact: str, member: str
) -> None:
    reading = only_reading(kind, text, class_fact)  # type: ignore[arg-type]
    status, _ = status_of(reading, {class_fact: False, member: True})
    # the exclusion is established (not_met); the inclusion is met
    assert status == ("not_met" if kind == "exclusion" else "met"), readings_summary(
        kind,  # type: ignore[arg-type]
        text,
    )


# --- 4. "Treatment with any of the following:" opens a list of items -------------------------

_NCT05519293_EXC_1 = (
    "Treatment with any of the following: Prior treatment with an EGFR-TKI within 8 days or "
    "approximately 5 × t1/2 prior to the first dose of H002, whichever is longer; Prior treatment "
    "with immunotherapy or biotherapy within 4 weeks prior to the first dose of H002; Radiotherapy "
    "(palliative radiotherapy is completed at least 2 weeks prior to the first dose of H002 can be "
    "enrolled) within 4 weeks prior to the first dose of H002; Oral fluorouracil such as tegafur "
    "and capecitabine within 2 weeks prior to the first dose of H002."
)


@pytest.mark.parametrize(
    "text",
    [
        _NCT05519293_EXC_1,  # real, shortened by two items
        "Treatment with any of the following: an EGFR-TKI within 8 days or 5 half-lives, "
        "whichever is longer; radiotherapy (palliative radiotherapy is allowed) within 4 weeks.",
        "Therapy with any of the following: Prior EGFR TKI within 8 days or 5 half-lives, "
        "whichever is longer; herbal therapy within 2 weeks; chemotherapy (except oral "
        "fluorouracil) within 4 weeks.",
    ],
)
def test_an_item_of_a_treatment_list_with_its_own_window_excludes_on_a_recent_yes(
    text: str,
) -> None:
    reading = only_reading("exclusion", text, "prior_egfr_tki")
    assert reading.decisive_when == "met", readings_summary("exclusion", text)
    recent = {"prior_egfr_tki": True, "last_egfr_tki": _days_ago(3)}
    assert status_of(reading, recent) == ("not_met", False)
    # outside the shortest window: the half-lives may make it longer, the study team checks
    assert status_of(reading, {"prior_egfr_tki": True, "last_egfr_tki": _days_ago(20)})[0] in {
        "unknown",
        "met",
    }


def test_the_list_head_without_prior_is_no_prior_treatment_cue() -> None:
    """The head only cuts the items: an item naming no time of its own is not made a history."""
    text = "Treatment with any of the following: strong CYP3A4 inhibitors; warfarin."
    assert not any(
        (c.concept or "").startswith("prior_") for c in read_one_text("exclusion", text)
    ), readings_summary("exclusion", text)


# --- 5. "ever" beside an earlier medicine is the question's own word --------------------------


@pytest.mark.parametrize(
    ("kind", "text", "concept"),
    [
        # NCT06790602 exc-7 (real)
        (
            "exclusion",
            "History of immune checkpoint inhibitor therapy, ever.",
            "prior_checkpoint_inhibitor",
        ),
        (
            "exclusion",
            "Prior treatment with an immune checkpoint inhibitor, ever",
            "prior_checkpoint_inhibitor",
        ),
        ("inclusion", "Must have ever received a platinum agent", "prior_platinum"),
    ],
)
def test_ever_beside_an_earlier_medicine_is_read_whole(kind: str, text: str, concept: str) -> None:
    reading = only_reading(kind, text, concept)  # type: ignore[arg-type]
    assert reading.confidence == "certain", readings_summary(kind, text)  # type: ignore[arg-type]
    assert reading.rule == f"{concept} == yes"


# --- 6. a count of lines with its "or more" after it -----------------------------------------


@pytest.mark.parametrize(
    ("kind", "text", "least", "confidence"),
    [
        # NCT06919666 exc-3 (real): the setting narrows which lines count
        ("exclusion", "4 lines or more in the relapsed/metastatic setting.", 4, "partial"),
        ("exclusion", "4 lines or more of prior therapy", 4, "certain"),
        ("inclusion", "2 prior lines or more of systemic therapy", 2, "certain"),
    ],
)
def test_a_count_of_lines_before_or_more_is_at_least_that_many(
    kind: str, text: str, least: int, confidence: str
) -> None:
    reading = only_reading(kind, text, "prior_lines_of_therapy")  # type: ignore[arg-type]
    assert reading.rule == f"prior_lines_of_therapy >= {least}"
    assert reading.confidence == confidence, readings_summary(kind, text)  # type: ignore[arg-type]
    assert status_of(reading, {"prior_lines_of_therapy": least - 1})[0] == (
        "met" if kind == "exclusion" else "not_met"
    )


def test_a_count_of_lines_without_a_bound_is_still_not_read() -> None:
    assert "prior_lines_of_therapy" not in {
        c.concept for c in read_one_text("inclusion", "2 lines of prior therapy")
    }
