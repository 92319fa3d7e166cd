"""Personal eligibility questions (issue #13): "my dad's stroke was from a burst aneurysm, is he
eligible?" is answered from the criterion that speaks to the person's situation, found among all
the trial's rules with the lay glossary both ways, quoted plainly and cited, the study team
deciding; a question naming no situation ("Is she a candidate?") is told whom the trial is for;
a situation no rule speaks to still gets "does not say". Written variants on made-up records
(not the questions of the fresh sets)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from trialbot.domain.trial import CriterionText, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.glossary import load_glossary
from trialbot.retrieval.hybrid import prepare_query
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.personal import asks_candidate, load_personal, pronoun, situation
from trialbot.settings import Settings

WORDS = load_personal(dict(load_prompts("answers")))


def _words() -> Any:
    assert WORDS is not None
    return WORDS


def _rules(inclusion: list[str], exclusion: list[str]) -> list[CriterionText]:
    rules = [
        CriterionText(id=f"inc-{n}", kind="inclusion", text=t) for n, t in enumerate(inclusion)
    ]
    rules += [
        CriterionText(id=f"exc-{n}", kind="exclusion", text=t) for n, t in enumerate(exclusion)
    ]
    return rules


REHAB = Trial(
    id="NCT09000001",
    registry="ctgov",
    title="Walking Programme After Stroke",
    summary="Adults after a stroke walk on a treadmill three times a week for 8 weeks.",
    conditions=["Stroke"],
    min_age_years=18,
    criteria=_rules(
        [
            "Ischemic or hemorrhagic stroke confirmed by imaging",
            "Able to walk 10 metres with or without a cane",
            "Living at home within 50 miles of the clinic",
        ],
        [
            "Subarachnoid hemorrhage or a known intracranial aneurysm",
            "Fasting triglycerides above 400 mg/dL",
            "Eats oily fish more than 2 servings per week",
            "Any other malignancy within the past 5 years, except treated skin cancer",
            "Long-term opioid therapy for chronic pain",
            "Inflammatory bowel disease",
            "Pregnant or breastfeeding",
        ],
    ),
)
SKIN = Trial(
    id="NCT09000002",
    registry="ctgov",
    title="A Cream for Hand Eczema",
    summary="Adults with hand eczema put a cream on their hands twice a day for 12 weeks.",
    conditions=["Hand Eczema"],
    min_age_years=18,
    max_age_years=75,
    criteria=_rules(
        ["Moderate to severe hand eczema for at least 6 months"],
        [
            "Use of oral steroids within 4 weeks",
            "Known allergy to any ingredient of the cream",
            "Any blood clot, which is a blockage in a blood vessel, in the past 12 weeks, "
            "including a clot in the leg (deep vein thrombosis, a blood clot in a deep vein), "
            "a clot in the lung (pulmonary embolism, a blood clot that travels to the lungs) or "
            "a blood clot in the brain (a thrombotic stroke).",
        ],
    ),
)


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("personal-eligibility"))
    found = RetrievalAnswerer(settings, MemoryCatalog([REHAB, SKIN]))
    found.warm_up()
    return found


# -- the person's situation and whom it is about -------------------------------------------------
@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("my grandad had a bleed on the brain, could he join", "him"),
        ("My daughter eats tuna most days. Is she allowed?", "her"),
        ("I had bowel cancer 6 years ago, does that rule me out", "you"),
        ("my husband and I both smoke, can I join", "you"),
    ],
)
def test_the_answer_names_whom_it_is_about(question: str, person: str) -> None:
    assert pronoun(question, _words()) == person


def test_asking_and_time_words_are_no_situation() -> None:
    question = "My mum is 70 and had a burst aneurysm two years ago, is she eligible?"
    query = prepare_query(question, np.zeros(384, dtype=np.float32), load_glossary())
    assert set(situation(query, _words())) == {"burst", "aneurysm"}


@pytest.mark.parametrize(
    "question",
    [
        "Could my father be a candidate?",
        "can you see if my wife qualifies",
        "would this study work for him",
    ],
)
def test_a_request_to_check_the_person_is_recognised(question: str) -> None:
    assert asks_candidate(question, _words())


# -- the real answerer over the made-up records --------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "lead", "said"),
    [
        (
            "my grandad's stroke came from a ruptured aneurysm, could he join",
            "keep him",
            "aneurysm",
        ),
        ("Her triglycerides came back at 540, can she take part?", "may keep her", "400"),
        ("i have sardines or mackerel most days, is that ok", "may keep you", "servings"),
        ("I had bowel cancer 6 years ago, does that rule me out", "may keep you", "malignancy"),
        ("he takes tramadol for his back every day. can he still join?", "may keep him", "opioid"),
        ("I've got ulcerative colitis, am I allowed in?", "may keep you", "bowel"),
        ("can i join if i'm expecting a baby", "may keep you", "Pregnant"),
        ("my wife walks with a cane, could she take part", "is for people", "cane"),
    ],
)
def test_a_situation_is_answered_from_its_rule(
    answerer: RetrievalAnswerer, question: str, lead: str, said: str
) -> None:
    reply = answerer.answer(question, [REHAB.id])
    assert reply.kind == "answer", reply.text
    assert lead in reply.text and said in reply.text, reply.text
    assert "study team decides" in reply.text
    assert not reply.text.startswith(("Yes", "No")), reply.text  # a rule quoted, no verdict
    assert len(reply.text.split()) <= 70, reply.text
    assert [c.section for c in reply.citations][:1] == ["eligibility"]
    assert said.lower() in reply.citations[0].text.lower()


@pytest.mark.slow
def test_a_rule_opening_with_the_situation_is_quoted_from_its_opening(
    answerer: RetrievalAnswerer,
) -> None:
    """The opening of a long rule names what it keeps out and its time limit; the examples after
    it repeat the words in jargon. The quote keeps the limit, not only an example."""
    reply = answerer.answer("My mum had a blood clot last month, is she allowed?", [SKIN.id])
    assert reply.kind == "answer", reply.text
    assert "may keep her" in reply.text and "12 weeks" in reply.text, reply.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["Is my mother a candidate?", "can you check if he qualifies", "Is she a candidate?"],
)
def test_a_bare_request_to_check_is_told_whom_the_trial_is_for(
    answerer: RetrievalAnswerer, question: str
) -> None:
    reply = answerer.answer(question, [SKIN.id])
    assert reply.kind == "answer", reply.text
    assert "Hand Eczema" in reply.text and "18 to 75" in reply.text, reply.text
    assert "does not say" not in reply.text
    assert {"eligibility", "conditions"} <= {c.section for c in reply.citations}


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "I'm left-handed, can I join?",
        "my son plays the violin, is he eligible",
    ],
)
def test_a_situation_no_rule_speaks_to_still_does_not_say(
    answerer: RetrievalAnswerer, question: str
) -> None:
    reply = answerer.answer(question, [SKIN.id])
    assert reply.kind == "no_answer", reply.text


def test_the_module_has_its_words() -> None:
    assert WORDS is not None and {"exclusion", "inclusion", "candidate"} <= set(WORDS.texts)
