"""Kinds of questions about the trial that the sixteenth fresh set showed answered wrongly (not
the personal "can I join if ..." ones), each pinned with the set's own question and written
variants on made-up records: "what samples do they take?" from the procedures the trial lists,
"how do they decide how much radiation I get?" asking how the amount is chosen (not for an
amount), "why are they testing for HPV?" answered by the sentence saying what it is analysed
for, "is it done at home or in person?" answered by a sentence saying telehealth or remote, and
"which lab or company does the sequencing?" not answered by the sponsor, and "will the new drugs
be given together with chemo?" answered by the other medicines the trial gives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from trialbot.domain.trial import Intervention, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.intents import answers_dose, asks_dose, asks_quantity
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.structured import Part

WORDING: dict[str, Any] = dict(load_prompts("answers"))


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


def _thin(**fields: Any) -> Trial:
    base: dict[str, Any] = {"id": "NCT00000161", "registry": "ctgov", "title": "A trial of Q"}
    base.update(fields)
    return Trial(**base)


# -- 1. "what samples do they take?": the sample procedures the trial lists ---------------------
@pytest.mark.parametrize(
    "question",
    [
        "what samples do they take",
        "Which samples will they collect from me?",
        "what kind of samples do you need",
        "What type of specimens are taken?",
    ],
)
def test_a_question_on_which_samples_is_the_sample_kind(question: str) -> None:
    assert _kind(question) == "sample_asked"


def test_the_sample_size_is_no_sample_question() -> None:
    assert _kind("what sample size are they aiming for") != "sample_asked"


@pytest.mark.parametrize(
    ("names", "listed"),
    [
        (["Blood or tissue samples collection.", "Expert Review"], "Blood or tissue"),
        (["Saliva specimen", "Survey"], "Saliva specimen"),
        (["Tumour biopsy", "Drug X"], "Tumour biopsy"),
    ],
)
def test_the_samples_listed_answer_which_samples(names: list[str], listed: str) -> None:
    trial = _thin(interventions=[Intervention(name=n) for n in names])
    got = ra.sample_asked(trial, "what samples do they take", WORDING)
    assert isinstance(got, Part) and listed in got.text
    assert got.citations[0].section == "interventions"


def test_no_sample_listed_leaves_the_question_to_the_text() -> None:
    trial = _thin(interventions=[Intervention(name="Exercise programme")])
    assert ra.sample_asked(trial, "what samples do they take", WORDING) is None


# -- 2. "how do they decide how much ...?" asks how the amount is chosen -----------------------
@pytest.mark.parametrize(
    "question",
    [
        "How do they decide how much radiation I get?",
        "how do they choose the dose of radiation",
        "who decides what dose my dad gets",
        "how is the amount of radiation worked out? who determines the dose",
    ],
)
def test_a_question_on_how_the_amount_is_chosen_needs_no_amount(question: str) -> None:
    assert not asks_dose(question) and not asks_quantity(question)
    assert answers_dose(question, "The dose is chosen by risk group.")


@pytest.mark.parametrize(
    "question", ["How much radiation will I get?", "what dose will I get", "what is the dose"]
)
def test_a_question_for_the_amount_still_needs_one(question: str) -> None:
    assert asks_dose(question) or asks_quantity(question)
    assert not answers_dose(question, "The dose is chosen by risk group.") or not asks_dose(
        question
    )


# -- 3. "which lab or company does the sequencing?" is not the sponsor --------------------------
SPONSORED = _thin(
    sponsor="UNC Lineberger Comprehensive Cancer Center",
    collaborators=["Eli Lilly and Company"],
    interventions=[Intervention(name="RMC-6236")],
)


@pytest.mark.parametrize(
    "question",
    [
        "Which lab or company does the sequencing?",
        "what company processes my samples",
        "which lab does the blood tests",
        "what company makes the genetic test",
    ],
)
def test_who_does_one_task_is_not_said_by_the_sponsor(question: str) -> None:
    assert ra.sponsor(SPONSORED, question, WORDING) == ra.DOES_NOT_SAY


def test_the_company_doing_a_task_is_still_asked_of_the_sponsor_kind() -> None:
    assert _kind("Which lab or company does the sequencing?") == "sponsor"


@pytest.mark.parametrize(
    "question",
    [
        "who is the company behind it",
        "which company makes the drug",
        "which company makes RMC-6236",
        "Which company runs the study?",
    ],
)
def test_who_runs_or_makes_the_drug_is_the_sponsor(question: str) -> None:
    got = ra.sponsor(SPONSORED, question, WORDING)
    assert isinstance(got, Part) and "UNC Lineberger" in got.text


# -- 4. "will the new drugs be given together with chemo?": the other medicines given --------
@pytest.mark.parametrize(
    "question",
    [
        "will the new drugs be given together with chemo or immunotherapy",
        "are the drugs combined with other treatments",
        "is the drug given with chemotherapy",
        "Will it be used along with immunotherapy?",
    ],
)
def test_a_question_on_what_is_given_with_the_drug_is_what_is_tested(question: str) -> None:
    assert _kind(question) == "tested"


COMBINED = _thin(
    phase="PHASE1",
    interventions=[
        Intervention(name="RMC-6236"),
        Intervention(name="Pembrolizumab"),
        Intervention(name="Cisplatin"),
    ],
)


def test_the_medicines_given_with_it_are_named() -> None:
    got = ra.tested(COMBINED, "will the new drugs be given together with chemo", WORDING)
    assert isinstance(got, Part) and "Cisplatin" in got.text
    assert got.citations[0].section == "interventions"


def test_one_drug_alone_leaves_the_question_to_the_text() -> None:
    alone = _thin(phase="PHASE1", interventions=[Intervention(name="RMC-6236")])
    assert ra.tested(alone, "is the drug given with chemotherapy", WORDING) is None


# -- 5. the real answerer: why a test is done, at home or in person, how the dose is chosen ----
MADE_UP = [
    _thin(
        id="NCT00000162",
        title="Walking Programme Before Bowel Surgery",
        summary=(
            "This study looks at whether a walking programme before bowel surgery is possible "
            "for older adults. The walking sessions are delivered remotely by video call with a "
            "physiotherapist."
        ),
        interventions=[Intervention(name="Walking programme")],
    ),
    _thin(
        id="NCT00000163",
        title="Proton Therapy for Throat Cancer",
        summary=(
            "This is a single arm trial of proton therapy with the radiation dose selection "
            "based on tumour size in people with throat cancer. Saliva will be analyzed to "
            "find markers that predict how well the treatment works."
        ),
        interventions=[Intervention(name="Proton therapy")],
    ),
]
REAL = [
    "NCT06050707",  # MR-guided radiotherapy, risk-stratified dose, HPV DNA (sixteenth set)
    "NCT06945484",  # exercise delivered through telehealth (sixteenth set)
    "NCT06896162",  # precision oncology navigator, blood or tissue samples (sixteenth set)
]


@pytest.fixture(scope="module")
def answerer(
    corpus_dir: Path, answerer_over: Callable[[Sequence[Trial], str], RetrievalAnswerer]
) -> RetrievalAnswerer:
    """The answerer over the made-up records and three real thin records."""
    from trialbot.sources.readers import read_document

    trials = MADE_UP + [t for tid in REAL for t in read_document(corpus_dir / f"{tid}.json")]
    return answerer_over(trials, "fresh16-kinds")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question", "said", "section"),
    [
        # the set's own questions
        ("NCT06050707", "why are they testing for HPV", "predict", "summary"),
        ("NCT06050707", "How do they decide how much radiation I get?", "risk", "summary"),
        ("NCT06945484", "Is the exercise done in person or at home?", "telehealth", "summary"),
        ("NCT06896162", "what samples do they take", "tissue", "interventions"),
        # written variants
        ("NCT06050707", "how do they choose the dose of radiation", "risk", "summary"),
        ("NCT06945484", "can i do the exercises at home", "telehealth", "summary"),
        ("NCT00000162", "Is the walking done in person or at home?", "remotely", "summary"),
        ("NCT00000162", "can I do the walking sessions from home", "remotely", "summary"),
        ("NCT00000163", "why are they testing my saliva", "predict", "summary"),
        ("NCT00000163", "How do they decide how much radiation I get?", "tumour size", "summary"),
    ],
)
def test_the_text_answers(
    answerer: RetrievalAnswerer, trial_id: str, question: str, said: str, section: str
) -> None:
    reply = answerer.answer(question, [trial_id])
    assert reply.kind == "answer", (question, reply.text)
    assert said in reply.text, reply.text
    assert section in [c.section for c in reply.citations]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question"),
    [
        ("NCT06896162", "Which lab or company does the sequencing?"),
        ("NCT06896162", "what company processes my samples"),
        ("NCT00000162", "do they give you weights to use at home"),
    ],
)
def test_the_record_does_not_say(answerer: RetrievalAnswerer, trial_id: str, question: str) -> None:
    assert answerer.answer(question, [trial_id]).kind == "no_answer"
