"""Kinds a coordinator audit of four unseen trials found in the guided dialog (audit18):

- an age to come inside a longer message ("..., he turns 18 next month") is the age now (17),
  said back, never lost;
- "I am 29 and 14 weeks pregnant": the weeks are the pregnancy, 29 is the age, and the
  pregnancy is read too;
- a study that is not about cancer asks "Have you ever had cancer?", never about "this cancer";
- "I don't have cancer" names no diagnosis.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trialbot.dialog.answers import read_answer
from trialbot.dialog.volunteered import read_volunteered
from trialbot.domain.facts import FactSpec
from trialbot.domain.turn import Incoming, Turn
from trialbot.evaluation.bench.catalogue import catalogue_service
from trialbot.service import ConversationService
from trialbot.sources.readers import read_document

CYCORE = "NCT01365169"  # cancer, adults
RECOVER_SLEEP = "NCT06404086"  # sleep problems after COVID, adults
LUNG_TRANSPLANT = "NCT06033196"  # tocilizumab after lung transplant
PROSTATE = "NCT01913106"  # gene therapy for recurrent prostate cancer
TODAY = dt.date(2026, 12, 1)
AGE = FactSpec(id="age_years", answer_type="number", question="How old?", unit="years")


@pytest.mark.parametrize(
    ("said", "age"),
    [
        ("I am asking for my grandson, he has colon cancer, he turns 18 next month", 17),
        ("she has leukemia and she is turning 12 in may", 11),
        ("I am 29 and 14 weeks pregnant, my sleep has been terrible since covid", 29),
        ("I am 29 and had covid in 2022", 29),
        ("I'm 41, 6 months pregnant", 41),
        ("he turns 18 next month", 17),
    ],
)
def test_the_age_now_is_read_from_a_longer_answer(said: str, age: int) -> None:
    assert read_answer(AGE, said, TODAY, {}).facts == {"age_years": age}


@pytest.mark.parametrize(
    "said",
    [
        "my son is 4 and I am 29",  # whose age is not clear
        "she will be 18",  # when is not said
        "he has colon cancer, he will be 18",
    ],
)
def test_an_unclear_age_is_asked_again(said: str) -> None:
    assert read_answer(AGE, said, TODAY, {}).facts == {}


def test_he_is_3_months_old_is_no_age_of_3_years() -> None:
    assert read_answer(AGE, "he is 3 months old", TODAY, {}).facts == {"age_years": 0.25}


@pytest.mark.parametrize(
    "said",
    ["I am 29 and 14 weeks pregnant", "she's 33, 20 wks pregnant", "I'm 41, 6 months pregnant"],
)
def test_a_pregnancy_length_says_pregnant(said: str) -> None:
    assert read_volunteered(said).facts.get("pregnant") is True


@pytest.mark.parametrize(
    "said",
    [
        "I don't have cancer",
        "there is no cancer, it was a lung transplant",
        "she never had cancer",
    ],
)
def test_a_denied_cancer_is_no_diagnosis(said: str) -> None:
    assert read_volunteered(said).diagnosis is None


def test_a_cancer_said_is_still_a_diagnosis() -> None:
    assert read_volunteered("my wife has breast cancer").diagnosis == "breast cancer"


@pytest.fixture(scope="module")
def service(corpus_dir: Path) -> ConversationService:
    trials = [
        t
        for i in (CYCORE, RECOVER_SLEEP, LUNG_TRANSPLANT, PROSTATE)
        for t in read_document(corpus_dir / f"{i}.json")
    ]
    return catalogue_service(trials)


def _talk(service: ConversationService, cid: str, trial: str, *said: str) -> list[Turn]:
    turns = [service.handle(Incoming(conversation_id=cid, text="/start", trials=[trial]))]
    turns += [service.handle(Incoming(conversation_id=cid, text=s)) for s in said]
    return turns


def _text(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


def test_the_grandsons_age_is_said_back(service: ConversationService) -> None:
    """audit18 b3: the age was stored as 18, unsaid, and a 17-year-old stayed "still open"."""
    first = "I am asking for my grandson, he has colon cancer, he turns 18 next month"
    turn = _talk(service, "b3", CYCORE, first)[-1]
    assert "17 years" in _text(turn)


def test_the_pregnant_womans_age_is_29(service: ConversationService) -> None:
    """audit18 d3: "So: the age: 3.22 months" came."""
    first = "I am 29 and 14 weeks pregnant, my sleep has been terrible since covid last year"
    text = _text(_talk(service, "d3", RECOVER_SLEEP, first)[-1])
    assert "29 years" in text and "months" not in text
    assert "pregnant: yes" in text


def test_a_study_not_about_cancer_asks_about_cancer_plainly(service: ConversationService) -> None:
    """audit18 a1: "Has your husband had any treatment for this cancer before" on a lung
    transplant study."""
    said = ["my husband is 54 and had a lung transplant in october", "yes"] + ["no"] * 14
    texts = [_text(t) for t in _talk(service, "a1", LUNG_TRANSPLANT, *said)]
    asked = "\n".join(texts)
    assert "this cancer" not in asked and "not the one this is about" not in asked
    assert "ever had cancer" in asked


def test_a_cancer_study_still_asks_about_a_different_cancer(
    service: ConversationService,
) -> None:
    said = ["I'm 71, my prostate cancer came back after radiation in 2019"] + ["no"] * 16
    turns = _talk(service, "p1", PROSTATE, *said)
    asked = "\n".join(_text(t) for t in turns)
    assert "a different cancer, not the one this is about" in asked
    assert "Male" in _text(turns[1])  # "my prostate cancer": the sex is said back, not asked
    assert "born with" not in "\n".join(_text(t) for t in turns[1:])


@pytest.mark.parametrize(
    ("title", "cancer"),
    [
        ("Mifamurtide for high-risk osteosarcoma", True),  # a word ending in "sarcoma"
        ("Chemotherapy for relapsed AML", True),
        ("Tocilizumab in lung transplant recipients", False),
        ("Sleep problems after COVID-19", False),
    ],
)
def test_a_study_about_cancer_is_told_by_its_words(title: str, cancer: bool) -> None:
    from trialbot.dialog.fitting import about_cancer
    from trialbot.dialog.texts import Texts
    from trialbot.domain.trial import Trial

    trial = Trial(id=f"T-{abs(hash(title))}", registry="ctgov", title=title)
    assert about_cancer(trial, Texts()) is cancer


@pytest.mark.parametrize(
    ("fact", "said", "value"),
    [
        # "not fine even on tablets" was read as no high blood pressure
        ("high_blood_pressure", "not fine even on tablets", True),
        ("high_blood_pressure", "still high even with 3 pills", True),
        ("high_blood_pressure", "no, its fine on tablets", False),
        ("digestive_problem", "pills are not fine, I throw them up", True),
        ("lung_disease", "not great, I get breathless", True),
        # audit18 c2: "..., pills are fine" to the hard-to-take-pills question
        (
            "digestive_problem",
            "sometimes my stomach hurts but I take my enzymes with food, pills are fine",
            False,
        ),
        ("digestive_problem", "I can swallow tablets fine", False),
    ],
)
def test_a_denied_well_word_is_no_no(fact: str, said: str, value: bool) -> None:
    from trialbot.eligibility.vocabulary import fact_specs

    specs = fact_specs()
    reading = read_answer(specs[fact], said, TODAY, specs)
    assert reading.facts == {fact: value}
    if said not in ("no, its fine on tablets",):
        assert reading.doubtful  # read back before it counts


@pytest.mark.parametrize(
    "asked",
    [
        "which studies did you check?",
        "what trial is this about?",
        "Which study are you asking about",
    ],
)
def test_which_studies_names_the_studies_in_scope(service: ConversationService, asked: str) -> None:
    """audit18 e1: "which studies did you check?" was answered with a rule of the trial."""
    turns = _talk(service, f"scope-{abs(hash(asked))}", RECOVER_SLEEP, "I'm 58", asked)
    text = _text(turns[-1])
    assert "The questions are about" in text and RECOVER_SLEEP in text
    assert turns[-1].replies[-1].asks == "sex"  # the pending question again


def test_what_is_this_trial_about_is_still_a_question_about_the_trial(
    service: ConversationService,
) -> None:
    turns = _talk(service, "about", RECOVER_SLEEP, "I'm 58", "what is this trial about?")
    assert "The questions are about" not in _text(turns[-1])
