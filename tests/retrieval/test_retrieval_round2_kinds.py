"""Kinds of lay questions the fifth to eighth fresh sets showed refused although a criterion
speaks to them, each pinned with its real example and written variants: a person's situation
told with a short tail ("Is that an issue?", "could this be my first one?"), a phone the person
owns (no question about contacting anyone), having had no treatment yet (the person's
situation, not the trial's), and a sentence of a long criterion (still a rule)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from trialbot.domain.trial import Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.composer import Scored, pick_sentences
from trialbot.retrieval.glossary import load_glossary
from trialbot.retrieval.hybrid import Hit, prepare_query
from trialbot.retrieval.intents import eligibility_cue
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.mirror import Passage
from trialbot.retrieval.text import terms
from trialbot.retrieval.topic import topic_terms
from trialbot.settings import Settings
from trialbot.sources.readers import read_document

COUGH = "NCT06706765"  # group telehealth cough therapy; excludes ACE inhibitors (lisinopril)
APP = "NCT05335421"  # mindfulness app before hip surgery; needs an Android or iOS device
ADAGRASIB = "NCT05853575"  # previously treated KRAS G12C lung cancer
NECTIN = "NCT06840483"  # breast cancer after 1 to 3 prior lines; excludes keratitis
PEERS = "NCT07286383"  # peer specialists; a consent quiz and a capacity test screen


# -- 1. the tail of a personal question ---------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "I take lisinopril for my blood pressure. Is that an issue?",  # fresh7
        "I haven't had any treatment yet for my lung cancer, could this be my first one?",  # fresh8
        "I only have an old flip phone. Is that ok?",  # fresh8
        "i use a wheelchair, would that be a concern",
        "My dad is on warfarin - is that going to be an issue?",
        "would my pacemaker be a problem",
        "could this be his first treatment",
    ],
)
def test_a_situation_with_a_short_tail_asks_about_a_rule(question: str) -> None:
    assert eligibility_cue(question), question


@pytest.mark.parametrize(
    "question",
    ["Is safety a concern in this study?", "what is the main issue they study", "how is it given"],
)
def test_other_questions_ask_no_rule(question: str) -> None:
    assert not eligibility_cue(question), question


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("I haven't had any treatment yet for my lung cancer, can I join?", "treatment"),
        ("she has never received any other therapy, is she eligible", "therapy"),
        ("my wife hasnt started any treatment yet, could she sign up", "treatment"),
    ],
)
def test_having_had_no_treatment_is_the_topic(question: str, kept: str) -> None:
    query = prepare_query(question, np.zeros(4, dtype=np.float32), load_glossary())
    trial = Trial(id="NCT00000082", registry="ctgov", title="A trial of drug Q")
    topic = topic_terms(query, trial)
    assert kept in topic
    assert not {"haven", "hasnt", "yet"} & topic


def test_a_contraction_leaves_no_topic_word() -> None:
    assert terms("I haven't, she hasn't, they don't, he didnt") == []


def test_a_sentence_of_a_long_criterion_keeps_its_label() -> None:
    """The sentence a long criterion is cut into is still a rule (led and left to the team)."""
    text = "Who cannot join: Inability to provide informed consent for any reason. " + (
        "The investigators will screen for capacity with a quiz about the study. " * 8
    )
    passage = Passage("p1", "NCT00000083", "eligibility", "exc-1", text.strip())
    query = prepare_query("will they quiz me", np.zeros(4, dtype=np.float32), load_glossary())
    hit = Hit(passage, dense=0.5, lexical=1.0, fused=0.1, coverage=1.0)
    picked, _ = pick_sentences(query, [Scored(hit, 0.9)], frozenset({"quiz"}))
    assert picked.startswith("Who cannot join: ")


# -- end to end over the real records, with the real model --------------------------------------
@pytest.fixture(scope="module")
def answerer(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    ids = [COUGH, APP, ADAGRASIB, NECTIN, PEERS]
    trials = [read_document(corpus_dir / f"{tid}.json")[0] for tid in ids]
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("round2-kinds"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog(trials))
    answerer.warm_up()
    return answerer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question", "holds"),
    [
        (COUGH, "I take lisinopril for my blood pressure. Is that an issue?", "Lisinopril"),
        (APP, "I only have an old flip phone. Is that ok?", "mobile device"),
        (
            ADAGRASIB,
            "I haven't had any treatment yet for my lung cancer, could this be my first one?",
            "previous treatment",
        ),
        pytest.param(
            NECTIN,
            "I've just been told my breast cancer has spread and I haven't had any treatment "
            "for it yet. Can I join?",
            "prior",
            # "spread" is the trial's own advanced disease (its title) and weighs less than
            # the treatment the person has not had (test_retrieval_leftover17_kinds.py)
        ),
        (NECTIN, "I had a cornea transplant, can I join?", "corneal"),
        (PEERS, "Will they check that I understand what the study is?", "quiz"),
    ],
)
def test_the_rule_speaking_to_the_situation_is_quoted(
    answerer: RetrievalAnswerer, trial_id: str, question: str, holds: str
) -> None:
    reply = answerer.answer(question, [trial_id])
    assert reply.kind == "answer", reply.text
    assert holds in reply.text and reply.citations[0].section == "eligibility"
    assert not reply.text.startswith(("Yes", "No"))  # never a verdict


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question"),
    [
        (NECTIN, "I have gout, can I join?"),
        (COUGH, "I take metformin for diabetes. Is that an issue?"),
        (APP, "I only have a landline, is that a problem?"),
    ],
)
def test_a_situation_no_rule_mentions_is_not_said(
    answerer: RetrievalAnswerer, trial_id: str, question: str
) -> None:
    assert answerer.answer(question, [trial_id]).kind == "no_answer"


# -- 2. an empty heading is no sentence -------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (  # the real example (fresh7): "whats the main goal" was answered "Background: Objective:"
            "Background:\n\nCAR T cell therapy is a cancer treatment.\n\nObjective:\n\n"
            "To test whether it is safe to give anti-CD22 CAR T cells.\n\nDesign:",
            ["Background: CAR T cell therapy is a cancer treatment.", "Objective: To test whether"],
        ),
        (
            "Purpose: To compare two doses. Primary Outcome Measures:\nPain at week 4.",
            ["Purpose: To compare two doses.", "Primary Outcome Measures: Pain at week 4."],
        ),
    ],
)
def test_a_heading_opens_the_sentence_after_it(text: str, wanted: list[str]) -> None:
    from trialbot.retrieval.text import split_sentences

    found = split_sentences(text)
    assert all(not s.endswith(":") for s in found), found
    assert all(any(s.startswith(w) for s in found) for w in wanted), found
