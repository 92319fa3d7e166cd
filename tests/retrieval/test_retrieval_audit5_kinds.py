"""Kinds of lay questions an audit showed answered "the trial information does not say" although
the record says it: how long the treatment goes on, said only in a thin record's summary or
description ("olaparib ... for 6 months prior to surgery", "12 cycles, then ... 6 cycles"),
whose many criteria fill the best search hits."""

from __future__ import annotations

import pytest

from trialbot.domain.trial import CriterionText, Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.mirror import Passage
from trialbot.retrieval.treatment_span import asks_treatment_span, treatment_span
from trialbot.settings import Settings


def _passage(section: str, text: str) -> Passage:
    return Passage(
        id=f"p-{section}", trial_id="NCT00000071", section=section, criterion_id="", text=text
    )


@pytest.mark.parametrize(
    "question",
    [
        "how long do I take the pills?",  # the real example
        "how long is the treatment?",  # the real example
        "How long would my dad be on the tablets",
        "how many cycles will I get",
        "how long do the injections go on for",
    ],
)
def test_how_long_the_treatment_goes_on_is_asked(question: str) -> None:
    assert asks_treatment_span(question), question


@pytest.mark.parametrize(
    "question",
    [
        "how long after chemo can I start?",  # a rule's window
        "how long will I be in the study?",  # the study length kind
        "how long do they follow me up",
        "how often do I take the pills?",
        "what medicine do I get?",
    ],
)
def test_other_timing_questions_are_not_the_span_of_treatment(question: str) -> None:
    assert not asks_treatment_span(question), question


@pytest.mark.parametrize(
    ("section", "text", "holds"),
    [
        (  # the real record NCT05498272
            "summary",
            "Phase 2 open-label, single-arm clinical trial evaluating neoadjuvant olaparib + LHRH "
            "agonist administered for 6 months prior to radical prostatectomy (RP).",
            "for 6 months",
        ),
        (  # the real record NCT05336812
            "description",
            "Patients will be treated with acalabrutinib for 12 cycles, and then randomized to "
            "receive 6 cycles of acalabrutinib plus obinutuzumab or acalabrutinib plus venetoclax.",
            "12 cycles",
        ),
        ("summary", "Participants take drug Q tablets twice daily for 24 weeks.", "24 weeks"),
        ("arms", "Patients receive 4 cycles of chemotherapy before surgery.", "4 cycles"),
    ],
)
def test_a_sentence_giving_the_span_of_treatment_answers(
    section: str, text: str, holds: str
) -> None:
    found, used = treatment_span([_passage(section, text)])
    assert holds in found
    assert used[0].section == section


@pytest.mark.parametrize(
    ("section", "text"),
    [
        ("summary", "Participants are followed up for 5 years after the last dose."),
        ("eligibility", "Chemotherapy within 4 weeks before the first dose of drug Q."),
        ("summary", "Overall survival will be measured for 2 years."),
        ("summary", "This study tests drug Q in people with gout."),
    ],
)
def test_follow_up_rules_and_spans_of_no_treatment_do_not(section: str, text: str) -> None:
    assert treatment_span([_passage(section, text)]) == ("", [])


THIN = Trial(
    id="NCT00000071",
    registry="ctgov",
    title="Drug Q Before Surgery for Prostate Cancer",
    summary=(
        "This single-arm trial gives drug Q with an LHRH agonist for 6 months before surgery "
        "in men with high-risk prostate cancer."
    ),
    criteria=[
        CriterionText(id=f"inc-{i}", kind="inclusion", text=text)
        for i, text in enumerate(
            [
                "Prostate biopsy within 7 months from registration",
                "Adequate organ function within 14 days before the first dose",
                "Able to swallow oral tablets",
                "Willing to use condoms during treatment and for 3 months after the last dose",
                "ECOG performance status 0 or 1",
                "Testosterone above 150 ng/dL",
                "No prior hormone therapy for more than 4 weeks",
                "No major surgery within 4 weeks",
                "No strong CYP3A inhibitors within 2 weeks",
                "No other cancer within 3 years",
                "No prior PARP inhibitor",
                "No prior pelvic radiotherapy",
            ]
        )
    ],
)


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    """The answerer over a thin record with many criteria, with the real embedding model."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("audit5-kinds"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog([THIN]))
    answerer.warm_up()
    return answerer


@pytest.mark.parametrize(
    "question", ["how long do I take the pills?", "how long is the treatment?"]
)
def test_a_thin_summary_says_how_long_the_treatment_goes_on(
    answerer: RetrievalAnswerer, question: str
) -> None:
    reply = answerer.answer(question, [THIN.id])
    assert reply.kind == "answer", reply.text
    assert "6 months" in reply.text
    assert reply.citations[0].section == "summary"
