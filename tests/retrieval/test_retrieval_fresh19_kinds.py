"""Kinds of questions the nineteenth fresh set showed answered wrongly, each pinned with the
set's own question and variants written on made-up records: a personal "can I join" question in
more wordings ("could he be part of it", "can I go straight into this?", "is this for him");
a rule holding a whole phrase of the rules' words for a lay phrase ("myocardial infarction" for
"heart attack") speaks to it more than a rule holding one loose word ("cardiac"); a rule of two
words ("Incarcerated individuals") is quoted whole; "can women sign up?" of a trial open to men
only is No from its sex field; "is it only for children? I'm 24" is the person's age against the
trial's ages; and "is GSK involved?" finds GlaxoSmithKline among the collaborators."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from trialbot.domain.trial import CriterionText, Intervention, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.intents import eligibility_cue
from trialbot.retrieval.own_numbers import asks_joining, asks_limit, plain_yes_no
from trialbot.retrieval.record_answers import named_party

WORDING: dict[str, Any] = dict(load_prompts("answers"))


def _thin(**fields: Any) -> Trial:
    base: dict[str, Any] = {"id": "NCT00000191", "registry": "ctgov", "title": "A trial of Q"}
    base.update(fields)
    return Trial(**base)


def _rules(*rules: tuple[str, str]) -> list[CriterionText]:
    return [CriterionText(id=f"{k[:3]}-{i}", kind=k, text=t) for i, (k, t) in enumerate(rules)]  # type: ignore[arg-type]


# the heart rules of NCT04598009 (KIT melanoma), on a made-up kidney cancer trial
HEART = _thin(
    id="NCT00000191",
    title="Drug H in Advanced Kidney Cancer",
    conditions=["Renal Cell Carcinoma"],
    interventions=[Intervention(name="Drug H")],
    criteria=_rules(
        ("inclusion", "Histologically confirmed clear cell renal cell carcinoma."),
        (
            "exclusion",
            "Impaired cardiovascular function or clinically significant cardiovascular disease.",
        ),
        (
            "exclusion",
            "History of acute coronary syndromes (including myocardial infarction, unstable "
            "angina, coronary artery bypass grafting) < 6 months prior to screening.",
        ),
        (
            "exclusion",
            "History of presence of clinically significant cardiac arrhythmias (including resting "
            "bradycardia or uncontrolled atrial fibrillation).",
        ),
        ("exclusion", "Congestive heart failure requiring treatment (NYHA grade >= 2)."),
    ),
)
# a short rule of two words (NCT05037825's "Incarcerated individuals")
SHORT = _thin(
    id="NCT00000192",
    title="Exercise During Immunotherapy for Lung Cancer",
    conditions=["Non-small Cell Lung Cancer"],
    interventions=[Intervention(name="Home exercise programme")],
    criteria=_rules(
        ("inclusion", "Plan to be treated with a checkpoint inhibitor at a partner cancer site."),
        ("exclusion", "Incarcerated individuals"),
        ("exclusion", "Pregnancy (by self-report of pregnancy status)"),
    ),
)
MEN_ONLY = _thin(
    id="NCT00000193",
    title="A Genetic Risk Score to Guide Prostate Cancer Screening",
    conditions=["Prostate Cancer"],
    sex="male",
    min_age_years=40,
    max_age_years=69,
    criteria=_rules(("inclusion", "No history of prostate cancer.")),
)
YOUNG = _thin(
    id="NCT00000194",
    title="Proton Radiotherapy for Childhood Kidney Tumours",
    conditions=["Wilms Tumor"],
    max_age_years=30,
    criteria=_rules(
        ("inclusion", "Less than 30 years of age"),
        ("inclusion", "The patient is a candidate for external beam radiotherapy for Wilms tumor."),
        ("exclusion", "Prior radiotherapy to the region of the study cancer"),
    ),
)
PARTNERS = _thin(
    id="NCT00000195",
    title="Drug P in Solid Tumours",
    sponsor="University of California, San Francisco",
    collaborators=["GlaxoSmithKline", "National Cancer Institute (NCI)"],
)


@pytest.fixture(scope="module")
def answerer(
    answerer_over: Callable[[Sequence[Trial], str], RetrievalAnswerer],
) -> RetrievalAnswerer:
    return answerer_over([HEART, SHORT, MEN_ONLY, YOUNG], "fresh19-kinds")


def _first_line(text: str) -> str:
    return text.split("\n")[0].lower()


# -- 1. more ways of asking whether one may join ------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "my brother is in prison and has lung cancer, could he be part of it",
        "can my wife be a part of this trial? she had a stroke",
        "I was just diagnosed and haven't had any treatment yet. Can I go straight into this?",
        "could she get into the study now?",
        "my dad is 28 and has renal cell carcinoma. is this for him",
        "Is it only for children? I'm 24 with a Wilms tumour that needs radiotherapy.",
        "can smokers sign up?",
    ],
)
def test_a_joining_question_in_new_words_is_a_rule_question(question: str) -> None:
    assert eligibility_cue(question)


@pytest.mark.parametrize(
    "question", ["can women sign up for this", "can men enrol", "Is it only for children?"]
)
def test_who_the_trial_takes_asks_joining(question: str) -> None:
    assert asks_joining(question)


def test_only_for_is_no_plain_yes_no_and_asks_the_age_limit() -> None:
    assert asks_limit("is this just for kids? my son is 35")
    assert not plain_yes_no("Is it only for children? I'm 24")
    assert plain_yes_no("I'm 24, can I join?")


# -- 2. a whole phrase of the rules' words speaks to a lay phrase -------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "My husband had a heart attack 3 months ago. Could he still take part?",
        "I had a heart attack in the spring, is that a problem?",
        "my mum had a small heart attack last month, can she join",
    ],
)
def test_a_heart_attack_reaches_the_acute_coronary_rule(
    answerer: RetrievalAnswerer, question: str
) -> None:
    reply = answerer.answer(question, [HEART.id])
    assert reply.kind == "answer" and reply.citations[0].section == "eligibility"
    assert "myocardial infarction" in _first_line(reply.text), reply.text


# -- 3. a rule of two words is quoted whole ----------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "my brother is in prison and has lung cancer, could he be part of it",
        "My son is in jail right now. Can he join?",
    ],
)
def test_a_short_rule_is_quoted(answerer: RetrievalAnswerer, question: str) -> None:
    reply = answerer.answer(question, [SHORT.id])
    assert reply.kind == "answer", reply.text
    assert "incarcerated individuals" in _first_line(reply.text), reply.text


# -- 4. people of the other sex asked about as a group ------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["can women sign up for this", "Can ladies take part?", "can females join"]
)
def test_women_of_a_trial_for_men(answerer: RetrievalAnswerer, question: str) -> None:
    reply = answerer.answer(question, [MEN_ONLY.id])
    assert reply.kind == "answer" and reply.text.startswith("No."), reply.text
    assert "men" in reply.text.lower()


@pytest.mark.slow
def test_men_of_a_trial_for_men_is_no_no(answerer: RetrievalAnswerer) -> None:
    reply = answerer.answer("can men join", [MEN_ONLY.id])
    assert not reply.text.startswith("No"), reply.text
    assert "“.”" not in reply.text  # never an empty quote


# -- 5. "is it only for children? I'm 24": the person's age against the trial's ages -----------
@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Is it only for children? I'm 24 with a Wilms tumour that needs radiotherapy.", "within"),
        ("is this just for kids? my son is 35", "outside"),
        ("Is it only for young people? I am 29.", "within"),
    ],
)
def test_only_for_children_is_the_age_limit(
    answerer: RetrievalAnswerer, question: str, said: str
) -> None:
    reply = answerer.answer(question, [YOUNG.id])
    assert reply.kind == "answer" and "30" in reply.text, reply.text
    assert said in reply.text.lower()
    assert not reply.text.startswith(("Yes", "No")), reply.text  # Yes/No would answer "only for"


# -- 6. an acronym of a collaborator's capitals ------------------------------------------------
@pytest.mark.parametrize(
    ("question", "party"),
    [
        ("is GSK involved", "GlaxoSmithKline"),
        ("is UCSF running it", "University of California, San Francisco"),
        ("Is the NCI involved?", "National Cancer Institute"),
    ],
)
def test_an_acronym_names_a_party(question: str, party: str) -> None:
    part = named_party(PARTNERS, question, WORDING)
    assert part is not None and not isinstance(part, str)
    assert part.text.startswith("Yes") and party in part.text


def test_an_acronym_of_no_party_is_no_yes() -> None:
    part = named_party(PARTNERS, "is AZ involved", WORDING)
    assert part is None or isinstance(part, str) or not part.text.startswith("Yes")
