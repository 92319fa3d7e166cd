"""Kinds of lay questions the seventeenth fresh set showed answered wrongly, each pinned with the
set's own question and written variants on other trials' text:

1. a personal rule question worded "Does the breast cancer matter?", "do they take that one",
   "is that one of the genes they take", or telling the situation in lay words the rule does not
   use (heart failure -> cardiovascular, not absorbing food -> malabsorption, another cancer ->
   malignancy, already in another trial -> co-enrollment): the rule speaking to it is quoted;
2. "what drug are they testing?" of a record whose interventions are only group labels ("Phase I
   Arm A"): the drug its summary names, else the title; "given on its own or with other drugs?"
   answered by the sentence saying single agent and in combination;
3. "Is this a treatment for prostate cancer?", "Will this study treat my cancer?" of an
   observational study: No, it gives no treatment;
4. a person's age against the ages a rule's list item gives one group ("Breast cancer: Women
   aged 40 to 74 years"): within or outside, with the item quoted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from trialbot.domain.trial import CriterionText, Intervention, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.intents import eligibility_cue
from trialbot.retrieval.own_numbers import group_ages
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.structured import Part

WORDING: dict[str, Any] = dict(load_prompts("answers"))
BBO = "NCT06917079"  # BBO-11818 pan-KRAS; "Malignancy within the last 2 years" (fresh17)
GDC = "NCT06619587"  # GDC-7035, interventions "Phase I Arm A/B"; malabsorption (fresh17)
PROGRESS = "NCT05129605"  # observational prostate MRI screening of gene carriers (fresh17)
VIRAL = "NCT03300830"  # observational tumour genomics; co-enrollment allowed (fresh17)
OUTREACH = "NCT07231159"  # observational screening outreach, ages per cancer (fresh17)
EVOLVE = "NCT04269902"  # venetoclax CLL; malabsorption and cardiovascular rules
PFIZER = "NCT04606446"  # PF-07248144 single agent and in combination; malignancy within 3 years
TH138 = "NCT03786692"  # interventions "Arm A", "Arm B"; drugs named in the title
BIOMARK = "NCT00900419"  # observational biomarker study
REAL = (BBO, GDC, PROGRESS, VIRAL, OUTREACH, EVOLVE, PFIZER, TH138, BIOMARK)


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


def _thin(**fields: Any) -> Trial:
    base: dict[str, Any] = {"id": "NCT00000171", "registry": "ctgov", "title": "A trial of Q"}
    base.update(fields)
    return Trial(**base)


@pytest.fixture(scope="module")
def answerer(
    corpus_dir: Path, answerer_over: Callable[[Sequence[Trial], str], RetrievalAnswerer]
) -> RetrievalAnswerer:
    from trialbot.sources.readers import read_document

    trials = [t for tid in REAL for t in read_document(corpus_dir / f"{tid}.json")]
    return answerer_over(trials, "fresh17-kinds")


# -- 1. personal rule questions: their wording and the lay words of the situation ---------------
@pytest.mark.parametrize(
    "question",
    [
        "I was treated for breast cancer a year ago. Does the breast cancer matter?",
        "my lung cancer is KRAS G12C, do they take that one",
        "my brother has lynch syndrome with an MSH2 mutation, is that one of the genes they take",
        "Would my dad's old prostate cancer still matter?",
        "do they accept people who had a stroke",
        "is mine one of the mutations they look for",
    ],
)
def test_a_person_against_a_rule_is_a_rule_question(question: str) -> None:
    assert eligibility_cue(question)


@pytest.mark.parametrize(
    "question",
    ["what do they want me to do", "do they take blood samples", "how do they take the pills"],
)
def test_questions_on_the_study_are_no_rule_question(question: str) -> None:
    assert not eligibility_cue(question)


@pytest.mark.parametrize(
    ("trial", "question", "rule"),
    [
        (BBO, "my lung cancer is KRAS G12C, do they take that one", "G12C"),
        (
            BBO,
            "I was treated for breast cancer a year ago and now I have KRAS lung cancer. Does "
            "the breast cancer matter?",
            "within the last 2 years",
        ),
        (PFIZER, "I had thyroid cancer last year. Does the thyroid cancer matter?", "3 years"),
        (
            GDC,
            "i had most of my bowel removed and my body doesnt absorb food properly, is that a "
            "problem",
            "Malabsorption",
        ),
        (
            EVOLVE,
            "I had part of my bowel removed and don't absorb food well, is that a problem?",
            "malabsorption",
        ),
        (GDC, "My mum has serious heart failure. Would that keep her out?", "cardiovascular"),
        (EVOLVE, "my dad has bad heart failure, would that keep him out?", "cardiovascular"),
        (VIRAL, "im already in another NIH trial, can i do this one too", "Co-enrollment"),
        (
            PROGRESS,
            "my brother has lynch syndrome with an MSH2 mutation, is that one of the genes they "
            "take",
            "MSH2",
        ),
    ],
)
def test_the_rule_speaking_to_the_situation_is_quoted(
    answerer: RetrievalAnswerer, trial: str, question: str, rule: str
) -> None:
    reply = answerer.answer(question, [trial])
    assert reply.kind == "answer", reply.text
    assert rule in reply.text
    assert reply.citations and reply.citations[0].section == "eligibility"


# -- 2. what is tested when the interventions only label groups; alone or combined ------------
@pytest.mark.parametrize("name", ["Phase I Arm A", "Arm B", "Cohort 2", "Part 1a", "Group C"])
def test_group_labels_are_no_drug_names(name: str) -> None:
    trial = _thin(interventions=[Intervention(name=name), Intervention(name="Arm Z")])
    assert ra._only_group_labels(trial, WORDING)


def test_a_drug_name_is_no_group_label() -> None:
    trial = _thin(interventions=[Intervention(name="Arm A"), Intervention(name="Cetuximab")])
    assert not ra._only_group_labels(trial, WORDING)


def test_the_drug_the_summary_names_answers_for_group_labels() -> None:
    trial = _thin(
        title="TH-999: A Study of XY-1234 in Adults",
        summary="This study tests the safety of XY-1234 in adults with solid tumours.",
        interventions=[Intervention(name="Arm A"), Intervention(name="Arm B")],
    )
    got = ra.tested(trial, "what drug are they testing", WORDING)
    assert isinstance(got, Part) and "XY-1234" in got.text and "TH-999" not in got.text
    assert got.citations[0].section == "summary"


def test_without_a_code_name_the_title_answers_for_group_labels() -> None:
    title = "Trial of Carboplatin + Pemetrexed, With or Without Atezolizumab"
    trial = _thin(
        title=title,
        summary="Lung cancer in never smokers differs.",
        interventions=[Intervention(name="Arm A"), Intervention(name="Arm B")],
    )
    got = ra.tested(trial, "what drugs are they testing", WORDING)
    assert isinstance(got, Part) and "Atezolizumab" in got.text and "Arm A" not in got.text
    assert got.citations[0].section == "title"


@pytest.mark.parametrize(
    ("trial", "question", "said"),
    [
        (GDC, "what drug are they testing", "GDC-7035"),
        (GDC, "what are they testing", "GDC-7035"),
        (TH138, "what drugs are they testing", "Atezolizumab"),
    ],
)
def test_what_is_tested_of_group_labels(
    answerer: RetrievalAnswerer, trial: str, question: str, said: str
) -> None:
    reply = answerer.answer(question, [trial])
    assert said in reply.text and "Arm A" not in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Is the drug given on its own or with other cancer drugs?",
        "is it used alone or combined with chemo",
        "will they give it by itself or together with other medicines",
    ],
)
def test_alone_or_with_others_asks_what_is_tested(question: str) -> None:
    assert _kind(question) == "tested"


@pytest.mark.parametrize(
    ("trial", "question"),
    [
        (GDC, "Is the drug given on its own or with other cancer drugs?"),
        (PFIZER, "Is PF-07248144 given by itself or with other drugs?"),
    ],
)
def test_alone_or_with_others_is_answered_by_the_sentence_saying_so(
    answerer: RetrievalAnswerer, trial: str, question: str
) -> None:
    reply = answerer.answer(question, [trial])
    assert "single agent" in reply.text and "combination" in reply.text
    assert reply.citations[0].section == "summary"


# -- 3. "is this a treatment?" of an observational study --------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "Is this a treatment for prostate cancer?",
        "Will this study treat my cancer?",
        "would the trial treat my husband's lymphoma",
        "is it a therapy for COPD",
    ],
)
def test_is_it_a_treatment_asks_what_is_tested(question: str) -> None:
    assert _kind(question) == "tested"


@pytest.mark.parametrize(
    ("trial", "question"),
    [
        (PROGRESS, "Is this a treatment for prostate cancer?"),
        (VIRAL, "Will this study treat my cancer?"),
        (BIOMARK, "will this study treat my lung cancer"),
    ],
)
def test_an_observational_study_treats_nothing(
    answerer: RetrievalAnswerer, trial: str, question: str
) -> None:
    reply = answerer.answer(question, [trial])
    assert reply.text.startswith("No.") and "observational" in reply.text


def test_a_treatment_question_of_a_drug_trial_names_the_drugs_not_the_tests(
    answerer: RetrievalAnswerer,
) -> None:
    reply = answerer.answer("Is this a treatment for leukemia?", [EVOLVE])
    assert "Venetoclax" in reply.text and "Biospecimen" not in reply.text


# -- 4. the ages a rule's list item gives one group -----------------------------------------
SCREENING = (
    "Meets criteria for lung, breast, and/or prostate cancer screening, as outlined below:\n"
    "1. Lung cancer: Adults aged 50 to 80 years who smoke\n"
    "2. Breast cancer: Women aged 40 to 74 years\n"
    "3. Prostate cancer: Men aged 55 to 69 years"
)
COHORTS = (
    "Participants in one of these cohorts:\n"
    "- Cohort A: children aged 6-11 years with asthma\n"
    "- Cohort B: adolescents aged 12 to 17 years with asthma"
)


def _rules(text: str) -> Trial:
    return _thin(criteria=[CriterionText(id="inc-1", kind="inclusion", text=text)])


@pytest.mark.parametrize(
    ("text", "question", "age", "within", "label"),
    [
        (SCREENING, "my husband is 72, can he get prostate screening", 72, False, "Prostate"),
        (SCREENING, "I'm 42, am I in the age range for breast screening?", 42, True, "Breast"),
        (SCREENING, "I'm 81 and smoke, could I get a lung scan?", 81, False, "Lung cancer"),
        (COHORTS, "my son is 14, would he be in cohort b", 14, True, "Cohort B"),
        (COHORTS, "she is 13, could she go in cohort A", 13, False, "Cohort A"),
    ],
)
def test_the_age_against_the_group_named(
    text: str, question: str, age: float, within: bool, label: str
) -> None:
    found = group_ages(_rules(text), question, age)
    assert len(found) == 1 and found[0].within is within
    assert found[0].item.startswith(label)


@pytest.mark.parametrize(
    "question",
    ["I'm 45, can I join?", "I'm 60, can I get breast or prostate screening?"],
)
def test_no_group_or_two_groups_named_leave_it_to_the_other_answers(question: str) -> None:
    assert group_ages(_rules(SCREENING), question, 60) == []


@pytest.mark.parametrize(
    ("question", "lead", "fact"),
    [
        ("My mom is 78. Could she get breast screening in this study?", "No.", "74"),
        ("I'm a 60 year old man wanting a prostate check. Do I fit?", "Yes.", "55 to 69"),
        ("my husband is 72, can he get prostate screening in it", "", "69"),
        ("I'm a 42 year old woman. Am I in the age range for breast screening?", "Yes.", "40"),
    ],
)
def test_the_outreach_ages_per_cancer(
    answerer: RetrievalAnswerer, question: str, lead: str, fact: str
) -> None:
    reply = answerer.answer(question, [OUTREACH])
    assert reply.text.startswith(lead) and fact in reply.text
    assert reply.citations[0].section == "eligibility"
