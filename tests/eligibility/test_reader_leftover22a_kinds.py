"""Reader kinds left alone before part 17's stop ended (issue #10), each pinned by a real text
and variants: the lining of the brain named apart from brain metastases whose permission does
not reach it excludes on a "yes"; an antibody-drug conjugate named only by its payload class is
partial (a "yes" establishes it, a "no" may not know the payload)."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading, readings_summary, status_of

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
