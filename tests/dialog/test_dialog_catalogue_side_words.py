"""Words a person says about the patient in a catalogue conversation: a test result said as
negative is no "yes" (ConText-style denial around the marker), a word of a trial's name in a
sentence about the patient picks no trial once answers are kept, the no-fit reasons say what
the trials need, an age beside the relation word ("my dad (67)") is read, and a neuroendocrine
tumour of the pancreas is not pancreatic cancer."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialbot.dialog.catalogue.knowledge import load_knowledge
from trialbot.dialog.catalogue.matching import condition_in_text, values_in_text
from trialbot.dialog.volunteered import read_volunteered
from trialbot.domain.turn import Incoming, Turn
from trialbot.evaluation.bench.catalogue import catalogue_service, read_trials
from trialbot.service import ConversationService

MARKERS = ["egfr_mutation", "alk_fusion", "kras_mutation", "braf_mutation"]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # the audit's words: "EGFR was negative I think" was stored as an EGFR change
        ("EGFR was negative I think, no ALK either", {"egfr_mutation": False, "alk_fusion": False}),
        ("EGFR positive and ALK negative", {"egfr_mutation": True, "alk_fusion": False}),
        ("his tumour is egfr+ but alk-negative", {"egfr_mutation": True, "alk_fusion": False}),
        ("the KRAS test came back wild type", {"kras_mutation": False}),
        ("not tested for KRAS", {}),
        ("EGFR?", {}),
        ("they found an EGFR mutation", {"egfr_mutation": True}),
        ("BRAF was negative, KRAS positive", {"braf_mutation": False, "kras_mutation": True}),
    ],
)
def test_a_marker_said_negative_is_no_yes(said: str, expected: dict[str, bool]) -> None:
    assert values_in_text(said, load_knowledge(), MARKERS) == expected


@pytest.mark.parametrize(
    ("said", "age"),
    [("my dad (67) has lung cancer", 67), ("our son, 8, has ALL", 8), ("my wife (52) and I", 52)],
)
def test_an_age_beside_the_relation_word_is_read(said: str, age: int) -> None:
    assert read_volunteered(said).facts["age_years"] == age


@pytest.mark.parametrize("said", ["my mum (5 ft) is ill", "my dad (stage 4) has cancer"])
def test_other_words_beside_the_relation_are_no_age(said: str) -> None:
    assert "age_years" not in read_volunteered(said).facts


@pytest.mark.parametrize(
    "said",
    [
        "neuroendocrine cancer in her pancreas",
        "a pancreatic neuroendocrine tumour",
        "carcinoid of the pancreas",
    ],
)
def test_a_neuroendocrine_tumour_of_the_pancreas_is_no_pancreatic_cancer(said: str) -> None:
    found = condition_in_text(said, load_knowledge())
    assert found is not None and found.id == "neuroendocrine_tumor"


def test_pancreatic_cancer_is_still_read() -> None:
    found = condition_in_text("my dad has pancreatic cancer", load_knowledge())
    assert found is not None and found.id == "pancreatic_cancer"


@pytest.fixture(scope="module")
def full_service(full_corpus_dir: Path, seeds_dir: Path) -> ConversationService:
    """A catalogue conversation service over the 49 full records and the seeds."""
    return catalogue_service(read_trials([full_corpus_dir, seeds_dir]))


def _say(service: ConversationService, cid: str, text: str) -> Turn:
    return service.handle(Incoming(conversation_id=cid, text=text))


def _texts(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


LUNG = "my dad (67) has lung cancer, non small cell, it spread to his bones"


def test_the_no_fit_reason_says_what_the_trial_needs(full_service: ConversationService) -> None:
    """The one open lung trial here is for cancer that has not spread: a man whose cancer has
    spread is told that, not that it "needs cancer that has spread"."""
    _say(full_service, "nofit", LUNG)
    text = _texts(_say(full_service, "nofit", "Boston"))
    assert "need cancer that has not spread" in text
    assert "need cancer that has spread" not in text


@pytest.mark.parametrize(
    "side",
    [
        "high blood pressure, on tablets, it's fine",  # "pressure": an intraocular pressure trial
        "he gives blood samples every month",  # "blood", "sample": a cord blood trial
        "his anaesthesia for the hip went fine",
    ],
)
def test_a_sentence_about_the_patient_after_the_summary_picks_no_trial(
    full_service: ConversationService, side: str
) -> None:
    cid = f"side-{abs(hash(side))}"
    _say(full_service, cid, LUNG)
    _say(full_service, cid, "Boston")
    text = _texts(_say(full_service, cid, side))
    assert "Let's check" not in text and "Let's check the study" not in text
    assert "How old" not in text


def test_a_drug_name_alone_still_picks_its_trial(full_service: ConversationService) -> None:
    _say(full_service, "drug", LUNG)
    _say(full_service, "drug", "Boston")
    text = _texts(_say(full_service, "drug", "mifamurtide"))
    assert "mifamurtide" in text.lower()


@pytest.mark.parametrize(
    ("said", "treated"),
    [
        ("her cancer came back last year", True),
        ("it has come back in the liver", True),
        ("the biopsy came back positive", None),  # a result, not a relapse
        ("the KRAS test came back wild type", None),
        ("his scan came back clear", None),
    ],
)
def test_a_result_that_came_back_is_no_relapse(said: str, treated: bool | None) -> None:
    found = values_in_text(said, load_knowledge(), [])
    assert found.get("prior_cancer_treatment") is treated
