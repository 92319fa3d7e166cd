"""The answerer's plumbing with fake embeddings: scope, structured fields, no_answer, threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from trialbot.domain.trial import Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.settings import Settings

DRAGONFLY = "2026-525223-24-00"
APATINIB = "NCT07479732"


@pytest.fixture
def answerer(
    tmp_path: Path, seed_trials: list[Trial], fake_embedder: DeterministicFakeEmbedding
) -> RetrievalAnswerer:
    """An answerer over the seeds with fake embeddings (relevance comes from the words)."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path)
    return RetrievalAnswerer(settings, MemoryCatalog(seed_trials), embedder=fake_embedder)


def test_sites_come_from_the_record_with_a_citation(answerer: RetrievalAnswerer) -> None:
    """'Where is it?' lists the sites and cites the sites passage of that trial."""
    reply = answerer.answer("Where is it?", [APATINIB])
    assert reply.kind == "answer" and "Beijing" in reply.text
    assert [(c.trial_id, c.section) for c in reply.citations] == [(APATINIB, "sites")]


def test_contacts_answer_and_missing_contacts(answerer: RetrievalAnswerer) -> None:
    """Contacts are given when known; a trial without any gets no_answer, not a made-up one."""
    assert "86+13401044719" in answerer.answer("Who do I call?", [APATINIB]).text
    reply = answerer.answer("Who do I call?", [DRAGONFLY])
    assert reply.kind == "no_answer" and "study team" in reply.text and not reply.citations


def test_no_answer_points_to_the_study_contact(answerer: RetrievalAnswerer) -> None:
    """An unrelated question gets no_answer carrying the study team's contact."""
    reply = answerer.answer("Is there wifi and free parking?", [APATINIB])
    assert reply.kind == "no_answer"
    assert "xie.lu@hotmail.com" in reply.text


def test_several_trials_each_get_their_part(answerer: RetrievalAnswerer) -> None:
    """With both trials in scope a structured answer names and cites each."""
    reply = answerer.answer("Is it recruiting?", [DRAGONFLY, APATINIB])
    assert {c.trial_id for c in reply.citations} == {DRAGONFLY, APATINIB}
    assert "not yet recruiting" in reply.text


def test_empty_scope_means_every_trial(answerer: RetrievalAnswerer) -> None:
    """No trial ids: the answer may come from any registered trial."""
    reply = answerer.answer("What is the apatinib email?", [])
    assert reply.kind == "answer" and reply.citations[0].trial_id == APATINIB


@pytest.mark.parametrize("question", ["", "   ", "?!?", "x" * 5000, "\x00\x01"])
def test_bad_questions_never_crash(answerer: RetrievalAnswerer, question: str) -> None:
    """Empty, symbol-only, huge or binary input gives a reply, never an exception."""
    reply = answerer.answer(question, [DRAGONFLY])
    assert reply.kind in {"answer", "no_answer"}


def test_unknown_trial_ids_are_ignored(answerer: RetrievalAnswerer) -> None:
    """Ids that are not registered leave nothing to answer from."""
    reply = answerer.answer("Where is it?", ["NCT00000000"])
    assert reply.kind == "no_answer"


def test_answers_only_cite_trials_in_scope(answerer: RetrievalAnswerer) -> None:
    """A question naming another trial's drug still cites only the trial in scope."""
    reply = answerer.answer("How is apatinib given?", [DRAGONFLY])
    assert all(c.trial_id == DRAGONFLY for c in reply.citations)


def test_safe_from_several_threads(answerer: RetrievalAnswerer) -> None:
    """Concurrent first questions load the index once and all get replies."""
    questions = ["Where is it?", "What phase is it?", "Who do I call?", "How old?"] * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(lambda q: answerer.answer(q, [APATINIB]), questions))
    assert all(r.kind == "answer" for r in replies)


def test_one_answering_trial_of_several_is_named(answerer: RetrievalAnswerer) -> None:
    """With both seeds in scope, an answer only one trial gives starts with that trial's name."""
    reply = answerer.answer("Who is the sponsor?", [DRAGONFLY, APATINIB])
    alone = answerer.answer("Who is the sponsor?", [APATINIB])
    assert reply.kind == alone.kind == "answer"
    assert {c.trial_id for c in reply.citations} == {APATINIB}
    assert reply.text.startswith("Apatinib") and f"({APATINIB}): " in reply.text
    assert f"({APATINIB})" not in alone.text
