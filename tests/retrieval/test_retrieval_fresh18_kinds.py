"""Kinds of questions the eighteenth fresh set showed answered wrongly, each pinned with the
set's own question and variants written on other (made-up or corpus) records: a rule quoted for
a person keeps the number of its limit ("ECOG PS > 2", not "PS >"); more ways of asking whether
one's situation lets one in ("do I have to have had chemo first?", "can she be my caregiver for
the study?", "can I have this surgery in the study?", "... is that covered?"); the thing the
trial offers ("this surgery") and starting the trial are no part of the situation; lay words of
a situation in the rules' words (cancer spread to the liver is stage IV, watch and wait is
non-operative management, the last round of chemo is the last dose of a cancer therapy); "will I
get any treatment in this study?" is what is tested (No for an observational study); a summary
opening with a bare verb of aim ("Evaluate the safety of ...") says the main goal; and "which
other hospitals are involved?" of a record naming no hospital sites names the collaborating
institutions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from trialbot.domain.trial import CriterionText, Design, Intervention, Site, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.intents import eligibility_cue
from trialbot.retrieval.personal import trial_thing
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.structured import Part
from trialbot.retrieval.text import terms
from trialbot.sources.readers import read_document

WORDING: dict[str, Any] = dict(load_prompts("answers"))

OR502 = "NCT06090266"  # phase 1/2 of OR502 in advanced solid tumours (thin)
MHEALTH = "NCT06746012"  # mHealth programme for colorectal cancer survivors (thin)
RMC = "NCT05379985"  # RMC-6236 in RAS-mutant solid tumours (thin)
PCDC = "NCT06271291"  # observational pancreatic cancer detection cohort (thin)
SINGLE_PORT = "NCT05321134"  # single port robotic colorectal surgery (thin)


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


def _thin(**fields: Any) -> Trial:
    base: dict[str, Any] = {"id": "NCT00000181", "registry": "ctgov", "title": "A trial of Q"}
    base.update(fields)
    return Trial(**base)


def _rules(*rules: tuple[str, str]) -> list[CriterionText]:
    return [CriterionText(id=f"{k[:3]}-{i}", kind=k, text=t) for i, (k, t) in enumerate(rules)]  # type: ignore[arg-type]


LIMITS = _thin(
    id="NCT00000182",
    title="A Study of Drug Z in Advanced Kidney Cancer",
    conditions=["Renal Cell Carcinoma"],
    interventions=[Intervention(name="Drug Z")],
    criteria=_rules(
        ("inclusion", "Histologically confirmed renal cell carcinoma."),
        ("exclusion", "Eastern Cooperative Oncology Group (ECOG) performance status > 1."),
        ("exclusion", "Peripheral neuropathy of Common Terminology Criteria Grade 2."),
        ("exclusion", "Heart failure of New York Heart Association Class 3."),
        ("exclusion", "Pregnant or breastfeeding women."),
    ),
)
SURGERY = _thin(
    id="NCT00000183",
    title="Robotic Surgery for Rectal Cancer",
    conditions=["Rectal Cancer"],
    interventions=[Intervention(name="Robotic rectal surgery")],
    criteria=_rules(
        ("inclusion", "Rectal adenocarcinoma within 12 cm of the anal verge."),
        ("inclusion", "Adults 18 years or older able to give consent."),
        ("exclusion", "Stage IV disease or unresectable metastases."),
        ("exclusion", "Prior pelvic radiation for another cancer."),
        ("exclusion", "Severe chronic kidney or liver disease."),
    ),
)
CHEMO_GAP = _thin(
    id="NCT00000184",
    title="Drug Y in Metastatic Breast Cancer",
    conditions=["Breast Cancer"],
    interventions=[Intervention(name="Drug Y")],
    criteria=_rules(
        ("inclusion", "Metastatic breast cancer with measurable disease."),
        (
            "inclusion",
            "At least 4 weeks since the last dose of systemic cancer therapy before the first "
            "dose of study drug.",
        ),
        ("exclusion", "Use of systemic steroids within 14 days before the start of the study."),
        ("exclusion", "Known brain metastases that are untreated."),
    ),
)


@pytest.fixture(scope="module")
def answerer(
    corpus_dir: Path, answerer_over: Callable[[Sequence[Trial], str], RetrievalAnswerer]
) -> RetrievalAnswerer:
    real = [
        read_document(corpus_dir / f"{tid}.json")[0]
        for tid in (OR502, MHEALTH, RMC, PCDC, SINGLE_PORT)
    ]
    return answerer_over([*real, LIMITS, SURGERY, CHEMO_GAP], "fresh18-kinds")


def _first_line(reply_text: str) -> str:
    return reply_text.split("\n")[0].lower()


# -- 1. a rule quoted for a person keeps the number of its limit -------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial", "question", "limit"),
    [
        (OR502, "My dad's oncologist says his ECOG is 2. Does that rule him out?", "> 2"),
        (LIMITS.id, "his ECOG performance status is 2, does that rule him out?", "> 1"),
        (LIMITS.id, "I have grade 2 neuropathy in my feet. Can I join?", "grade 2"),
        (LIMITS.id, "My heart failure is class 3. Would that stop me?", "class 3"),
    ],
)
def test_the_number_of_a_quoted_limit_stays(
    answerer: RetrievalAnswerer, trial: str, question: str, limit: str
) -> None:
    reply = answerer.answer(question, [trial])
    assert reply.kind == "answer" and reply.citations[0].section == "eligibility"
    assert limit in _first_line(reply.text), reply.text


# -- 2. more ways of asking whether one's situation lets one in --------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "I haven't had any treatment yet for my cancer. Do I have to have had chemo first?",
        "Does he need to have had radiotherapy before?",
        "my daughter lives in another town, can she be my caregiver for the study",
        "Can my wife be my carer in the trial?",
        "My colon cancer has spread to my liver. Can I have this surgery in the study?",
        "could he get the operation as part of the trial",
        "I have an early T1N0 rectal tumour. Is that covered?",
        "I had a stent put in last year. Would that be accepted?",
    ],
)
def test_a_situation_question_is_a_rule_question(question: str) -> None:
    assert eligibility_cue(question)


@pytest.mark.parametrize(
    "question",
    ["is the travel covered?", "I need a taxi to get there, is that covered?", "what is covered"],
)
def test_a_cost_covered_is_no_rule_question(question: str) -> None:
    assert not eligibility_cue(question)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial", "question", "said"),
    [
        (
            RMC,
            "I haven't had any treatment yet for my cancer. Do I have to have had chemo first?",
            "treatment naive",
        ),
        (
            SINGLE_PORT,
            "I have an early T1N0 rectal tumour that can be removed through the back passage. "
            "Is that covered?",
            "t1n0",
        ),
        (
            SURGERY.id,
            "I had radiation to my pelvis for prostate cancer. Is that accepted?",
            "pelvic",
        ),
    ],
)
def test_the_rule_for_the_situation_is_quoted(
    answerer: RetrievalAnswerer, trial: str, question: str, said: str
) -> None:
    reply = answerer.answer(question, [trial])
    assert reply.kind == "answer" and reply.citations[0].section == "eligibility"
    assert said in _first_line(reply.text), reply.text


# -- 3. what the trial offers and starting it are no part of the situation ----------------------
@pytest.mark.parametrize(
    ("question", "offered"),
    [
        ("Can I have this surgery in the study?", {"surgery"}),
        ("could he get the injection through the trial", {"injection"}),
        ("my last round of chemo was 10 days ago, can i start the trial now", {"start"}),
        ("I had surgery last year, can I join?", set()),
    ],
)
def test_the_trials_own_thing_is_no_situation(question: str, offered: set[str]) -> None:
    assert trial_thing(question) == frozenset(t for w in offered for t in terms(w))


# -- 4. lay words of a situation in the rules' words --------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial", "question", "said"),
    [
        (
            SINGLE_PORT,
            "My colon cancer has spread to my liver. Can I have this surgery in the study?",
            "stage iv",
        ),
        (SURGERY.id, "My rectal cancer has spread to my lungs. Can I join?", "stage iv"),
        (
            SURGERY.id,
            "the cancer spread to his liver, can he have the surgery in the study",
            "stage iv",
        ),
        (MHEALTH, "My colon cancer spread to my liver (stage 4). Can I join?", "stage i-iii"),
        (OR502, "my last round of chemo was 10 days ago, can i start the trial now", "3 weeks"),
        (CHEMO_GAP.id, "Her last round of chemo was two weeks ago. Can she join?", "4 weeks"),
        (
            MHEALTH,
            "My rectal cancer was treated with chemo and radiation and no operation (watch and "
            "wait). Can I still join?",
            "non-operative",
        ),
    ],
)
def test_a_lay_situation_reaches_the_rule_saying_it(
    answerer: RetrievalAnswerer, trial: str, question: str, said: str
) -> None:
    reply = answerer.answer(question, [trial])
    assert reply.kind == "answer" and reply.citations[0].section == "eligibility"
    assert said in _first_line(reply.text), reply.text


# -- 5. "will I get any treatment in this study?" is what is tested ----------------------------
@pytest.mark.parametrize(
    "question",
    [
        "Will I get any treatment in this study?",
        "do we receive any medicine during the trial",
        "Would my son get any therapy as part of the study?",
    ],
)
def test_getting_any_treatment_in_the_study_is_what_is_tested(question: str) -> None:
    assert _kind(question) == "tested"


def test_an_observational_study_gives_no_treatment() -> None:
    trial = _thin(design=Design(study_type="OBSERVATIONAL"))
    got = ra.tested(trial, "Will I get any treatment in this study?", WORDING)
    assert isinstance(got, Part) and got.text.startswith("No.")
    assert "observational" in got.text


@pytest.mark.slow
def test_the_sets_observational_question(answerer: RetrievalAnswerer) -> None:
    reply = answerer.answer("Will I get any treatment in this study?", [PCDC])
    assert reply.text.startswith("No.") and "observational" in reply.text


# -- 6. a summary opening with a bare verb of aim says the main goal ---------------------------
@pytest.mark.parametrize(
    ("summary", "aim"),
    [
        (
            "Evaluate the safety and tolerability of RMC-6236 in adults with specific RAS mutant "
            "advanced solid tumors.",
            "safety and tolerability",
        ),
        ("Assess whether daily walking lowers fatigue after chemotherapy.", "fatigue"),
        ("Determine the best dose of drug Q in children with asthma.", "best dose"),
    ],
)
def test_a_bare_aim_sentence_is_the_goal(summary: str, aim: str) -> None:
    got = ra.purpose(_thin(summary=summary), "What is the main goal of the study?", WORDING)
    assert isinstance(got, Part) and aim in got.text
    assert got.citations[0].section == "summary"


def test_a_summary_of_background_states_no_bare_aim() -> None:
    trial = _thin(summary="Asthma is common in children. Many use inhalers every day.")
    got = ra.purpose(trial, "What is the main goal of the study?", WORDING)
    assert not (isinstance(got, Part) and "inhalers" in got.text)


# -- 7. "which other hospitals are involved?" names the collaborating institutions --------------
@pytest.mark.parametrize(
    "question",
    [
        "which other hospitals are involved",
        "What universities are taking part?",
        "which other centres are involved in this",
    ],
)
def test_the_institutions_involved_are_the_collaborators(question: str) -> None:
    trial = _thin(
        sponsor="University of Somewhere",
        collaborators=["Northfield General Hospital", "Acme Pharma Inc."],
        sites=[Site(country="United States")],
    )
    got = ra.sites(trial, question, WORDING)
    assert isinstance(got, Part) and "Northfield General Hospital" in got.text
    assert "Acme" not in got.text and got.citations[0].section == "sponsor"


def test_no_institution_among_the_collaborators_leaves_the_sites() -> None:
    trial = _thin(
        sponsor="Acme Pharma Inc.",
        collaborators=["Beta Biotech Ltd"],
        sites=[Site(country="United States")],
    )
    assert not isinstance(ra.sites(trial, "which other hospitals are involved", WORDING), Part)


@pytest.mark.slow
def test_the_sets_other_hospitals_question(answerer: RetrievalAnswerer) -> None:
    reply = answerer.answer("which other hospitals are involved", [SINGLE_PORT])
    assert reply.kind == "answer" and "yale" in reply.text.lower()
