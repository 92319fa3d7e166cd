"""Reader kinds left over after part 17 (issue #10), each pinned by a real text and variants:
checkpoint targets listed in brackets after a prior therapy are drug classes, not a PD-L1 test;
a biologic only is narrower than any cancer medicine; brand names of listed drugs."""

from __future__ import annotations

import datetime

import pytest
from reading_helpers import TODAY, only_reading, read_one_text, readings_summary, status_of

from trialbot.eligibility.drugs import find_drugs

# --- 1. "(PD-1, PD-L1, or CTLA-4 antibodies)" after a prior therapy: drug classes -------------


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # the real text
        (
            "inclusion",
            "Not received immunotherapy (PD-1, PD-L1, or CTLA-4 antibodies) or be intended to "
            "receive immunotherapy, apart from this study.",
        ),
        ("exclusion", "Prior immunotherapy (PD-1, PD-L1, or CTLA-4 antibodies)"),
        (
            "inclusion",
            "No prior immune checkpoint inhibitor therapy (PD-1, PD-L1, CTLA-4 antibodies)",
        ),
        ("exclusion", "Previous treatment with PD-1 or PD-L1 antibodies"),
    ],
)
def test_checkpoint_targets_before_a_drug_word_are_drug_classes_not_a_marker(
    kind: str, text: str
) -> None:
    readings = read_one_text(kind, text)  # type: ignore[arg-type]
    concepts = {c.concept for c in readings}
    summary = readings_summary(kind, text)  # type: ignore[arg-type]
    assert "tumor_biomarker" not in concepts, summary
    assert "pd_l1_status" not in concepts, summary
    pd1 = only_reading(kind, text, "prior_pd1_inhibitor")  # type: ignore[arg-type]
    # a "no" to the class settles it either way round; a "yes" never meets it
    assert status_of(pd1, {"prior_pd1_inhibitor": False})[0] == "met"
    assert status_of(pd1, {"prior_pd1_inhibitor": True})[0] in {"not_met", "unknown"}


def test_a_pd_l1_result_is_still_the_marker() -> None:
    text = "PD-L1 positive tumour (TPS >= 1%)"
    concepts = {c.concept for c in read_one_text("inclusion", text)}
    assert concepts & {"pd_l1_status", "tumor_biomarker"}, readings_summary("inclusion", text)
    assert not any((c or "").startswith("prior_") for c in concepts)


# --- 2. a biologic only is narrower than any cancer medicine ----------------------------------


_RECENT = {"last_anticancer_therapy": (TODAY - datetime.timedelta(days=10)).isoformat()}
_LONG_AGO = {"last_anticancer_therapy": (TODAY - datetime.timedelta(days=200)).isoformat()}


@pytest.mark.parametrize(
    "text",
    [
        "Received an anti-cancer biologic within 4 weeks prior to first dose",  # the real wording
        "Biologic therapy within 4 weeks of start of study treatment",
        "Treatment with biological agents within 28 days prior to enrollment",
    ],
)
def test_a_recent_biologic_is_settled_by_a_no_and_goes_to_the_study_team_on_a_yes(
    text: str,
) -> None:
    reading = only_reading("exclusion", text, "last_anticancer_therapy")
    assert reading.confidence != "certain", readings_summary("exclusion", text)
    assert status_of(reading, _LONG_AGO) == ("met", False)
    # a recent cancer medicine may be a hormone pill: never excluded on it
    assert status_of(reading, _RECENT)[0] == "unknown"


def test_any_cancer_therapy_naming_biologics_among_it_is_still_the_question() -> None:
    text = "Any anti-cancer therapy, including biological agents, within 4 weeks"
    reading = only_reading("exclusion", text, "last_anticancer_therapy")
    assert status_of(reading, _RECENT)[0] == "not_met"


# --- 3. brand names of listed drugs --------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("prior cotellic", "cobimetinib"),
        ("treated with tafinlar and mekinist", "dabrafenib"),
        ("on stivarga", "regorafenib"),
        ("received lenvima", "lenvatinib"),
        ("prior femara", "letrozole"),
    ],
)
def test_a_brand_name_finds_its_drug(words: str, slug: str) -> None:
    assert slug in [found for _, found in find_drugs(words)]


def test_a_brand_named_exclusion_reads_as_its_drug() -> None:
    text = "Prior treatment with Cotellic"
    reading = only_reading("exclusion", text, "prior_cobimetinib")
    assert status_of(reading, {"prior_cobimetinib": True})[0] == "not_met"
    assert status_of(reading, {"prior_cobimetinib": False})[0] == "met"
