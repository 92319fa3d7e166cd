"""Anti-PD-(L)1 and anti-CTLA-4 agents as classes of their own inside the immune checkpoint
inhibitors: "anti-PD-1 or anti-PD-L1" asks the PD-(L)1 class only (an ipilimumab-only patient is
not excluded), "anti-CTLA-4" the CTLA-4 class, a text naming both asks both, and "any immune
checkpoint inhibitor" (or the "anti-PD-1 ... or another T-cell receptor" list) the checkpoint
class, which a yes to any member drug or to either narrower class answers. Real corpus texts and
variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

from trialbot.dialog.implications import classes_taken
from trialbot.eligibility.drugs import DRUG_CLASSES, find_classes
from trialbot.eligibility.vocabulary import fact_spec

PD1_ONLY = [
    # NCT06692738 (corpus)
    "Any prior treatment with an anti-PD-1 or anti-PD-L1 agent.",
    # NCT04114136 (corpus)
    "Treatment with prior anti-PD-1 or anti-PD-L1 mAb therapy",
    "Prior treatment with an anti-PD-1 or anti-PD-L1 antibody",
    "Prior anti-PD-1/PD-L1 therapy",
    "Previously treated with a PD-1 inhibitor",
]


@pytest.mark.parametrize("text", PD1_ONLY)
def test_anti_pd1_words_ask_the_pd1_class_only(text: str) -> None:
    concepts = {c.concept for c in _read("exclusion", text)}
    assert concepts == {"prior_pd1_inhibitor"}, _rules("exclusion", text)


@pytest.mark.parametrize("text", PD1_ONLY)
def test_an_ipilimumab_only_patient_is_not_excluded_by_an_anti_pd1_exclusion(text: str) -> None:
    item = _one("exclusion", text, "prior_pd1_inhibitor")
    assert _check(item, {"prior_ipilimumab": True})[0] != "not_met"
    assert _check(item, {"prior_ipilimumab": True, "prior_checkpoint_inhibitor": True})[0] != (
        "not_met"
    )
    assert _check(item, {"prior_ctla4_inhibitor": True})[0] != "not_met"


@pytest.mark.parametrize("text", PD1_ONLY)
@pytest.mark.parametrize("drug", ["pembrolizumab", "nivolumab", "atezolizumab", "durvalumab"])
def test_a_pd1_drug_still_excludes(text: str, drug: str) -> None:
    item = _one("exclusion", text, "prior_pd1_inhibitor")
    assert _check(item, {f"prior_{drug}": True})[0] == "not_met"
    assert _check(item, {"prior_pd1_inhibitor": True})[0] == "not_met"


def test_the_anti_pd_l2_list_is_broader_than_the_pd1_question() -> None:
    # NCT03428802 (corpus)
    text = "Has received prior therapy with an anti-PD-1, anti-PD-L1, or anti-PD-L2 agent"
    item = _one("exclusion", text, "prior_pd1_inhibitor")
    assert (item.confidence, item.decisive_when) == ("partial", "met"), _rules("exclusion", text)
    assert _check(item, {"prior_pembrolizumab": True})[0] == "not_met"
    assert _check(item, {"prior_pd1_inhibitor": False})[0] == "unknown"
    assert _check(item, {"prior_ipilimumab": True})[0] != "not_met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT04499053 exc-18 (corpus)
        "Patients who have received prior anti-PD-1, anti PD-L1 or anti CTLA-4 within 12 months "
        "of the first dose of durvalumab.",
        "Prior treatment with anti-PD-1, anti-PD-L1 or anti-CTLA-4 antibodies",
        "Prior anti-PD-1 or anti-CTLA-4 therapy",
    ],
)
def test_a_text_naming_both_targets_asks_both_classes(text: str) -> None:
    concepts = {c.concept for c in _read("exclusion", text)}
    assert {"prior_pd1_inhibitor", "prior_ctla4_inhibitor"} <= concepts, _rules("exclusion", text)
    assert "prior_checkpoint_inhibitor" not in concepts
    ctla4 = _one("exclusion", text, "prior_ctla4_inhibitor")
    assert _check(ctla4, {"prior_ipilimumab": True, "last_ctla4_inhibitor": "2026-10-01"})[0] == (
        "not_met"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Prior treatment with any immune checkpoint inhibitor",
        # NCT04712851 (corpus)
        "Has received prior therapy with an anti-PD-1, anti-PD-L1, or anti PD L2 agent or with an "
        "agent directed to another stimulatory or co-inhibitory T-cell receptor (e.g., CTLA-4, "
        "OX 40, CD137)",
    ],
)
def test_any_checkpoint_wording_is_answered_by_every_member_and_narrower_class(text: str) -> None:
    item = _one("exclusion", text, "prior_checkpoint_inhibitor")
    for facts in (
        {"prior_ipilimumab": True},
        {"prior_tremelimumab": True},
        {"prior_pembrolizumab": True},
        {"prior_pd1_inhibitor": True},
        {"prior_ctla4_inhibitor": True},
    ):
        assert _check(item, facts)[0] == "not_met", facts


def test_class_membership() -> None:
    pd1 = set(DRUG_CLASSES["pd1_inhibitor"].members)
    ctla4 = set(DRUG_CLASSES["ctla4_inhibitor"].members)
    checkpoint = set(DRUG_CLASSES["checkpoint_inhibitor"].members)
    assert {"pembrolizumab", "nivolumab", "cemiplimab", "dostarlimab", "retifanlimab"} <= pd1
    assert {"toripalimab", "tislelizumab", "sintilimab", "camrelizumab"} <= pd1
    assert {"atezolizumab", "durvalumab", "avelumab"} <= pd1
    assert ctla4 == {"ipilimumab", "tremelimumab"}
    assert not pd1 & ctla4
    assert pd1 | ctla4 <= checkpoint
    assert [s for _, s in find_classes("prior anti-ctla-4 therapy")] == ["ctla4_inhibitor"]
    assert [s for _, s in find_classes("prior keytruda")] == []


def test_the_questions_name_the_members() -> None:
    pd1 = fact_spec("prior_pd1_inhibitor")
    ctla4 = fact_spec("prior_ctla4_inhibitor")
    assert pd1 is not None and ctla4 is not None
    assert "PD-1 or PD-L1" in pd1.question and "pembrolizumab" in pd1.question
    assert "ipilimumab" in ctla4.question and "tremelimumab" in ctla4.question
    checkpoint = fact_spec("prior_checkpoint_inhibitor")
    assert checkpoint is not None
    assert "pembrolizumab" in checkpoint.question and "ipilimumab" in checkpoint.question


def test_one_yes_answers_every_class_above_it() -> None:
    """A yes to pembrolizumab answers the PD-(L)1 and the checkpoint questions (neither is asked
    again); a yes to the PD-(L)1 class answers the checkpoint question."""
    pd1 = _one("exclusion", "Any prior treatment with an anti-PD-1 or anti-PD-L1 agent.",
               "prior_pd1_inhibitor")  # fmt: skip
    anyone = _one("exclusion", "Prior treatment with any immune checkpoint inhibitor",
                  "prior_checkpoint_inhibitor")  # fmt: skip
    for item in (pd1, anyone):
        assert _check(item, {"prior_pembrolizumab": True})[0] == "not_met"
    assert _check(anyone, {"prior_pd1_inhibitor": True})[0] == "not_met"
    lifted = classes_taken(
        {
            "prior_pembrolizumab": True,
            "prior_pd1_inhibitor": False,
            "prior_checkpoint_inhibitor": False,
        }
    )
    assert lifted == {"prior_pd1_inhibitor": True, "prior_checkpoint_inhibitor": True}
    assert classes_taken({"prior_ctla4_inhibitor": True, "prior_checkpoint_inhibitor": False}) == {
        "prior_checkpoint_inhibitor": True
    }
