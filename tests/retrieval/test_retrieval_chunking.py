"""Chunking of trials into cited passages."""

from __future__ import annotations

from trialbot.domain.trial import CriterionText, Trial
from trialbot.retrieval.chunking import MAX_WORDS, chunk_trial, chunks_hash


def test_every_section_becomes_passages_with_metadata(seed_trials: list[Trial]) -> None:
    """Each seed yields summary, drug, site, status and criterion passages with trial ids."""
    for trial in seed_trials:
        chunks = chunk_trial(trial)
        sections = {c.section for c in chunks}
        assert {"summary", "interventions", "sites", "status", "eligibility"} <= sections
        assert all(c.trial_id == trial.id for c in chunks)
        criteria = [c for c in chunks if c.criterion_id]
        assert {c.criterion_id for c in criteria} == {c.id for c in trial.criteria}


def test_passages_are_short_enough_for_the_model(seed_trials: list[Trial]) -> None:
    """No passage is longer than the word limit (the model reads 256 tokens)."""
    long_text = " ".join(f"Sentence number {n} is here." for n in range(300))
    trial = seed_trials[1].model_copy(update={"description": long_text})
    assert all(len(c.text.split()) <= MAX_WORDS for c in chunk_trial(trial))


def test_ids_are_stable_and_unique(seed_trials: list[Trial]) -> None:
    """Rebuilding gives the same ids; duplicated criterion ids in a source do not collide."""
    trial = seed_trials[0]
    assert [c.id for c in chunk_trial(trial)] == [c.id for c in chunk_trial(trial)]
    twice = CriterionText(id="inc-1", kind="inclusion", text="Another first criterion.")
    doubled = trial.model_copy(update={"criteria": [*trial.criteria, twice]})
    ids = [c.id for c in chunk_trial(doubled)]
    assert len(ids) == len(set(ids))


def test_hash_changes_only_with_content(seed_trials: list[Trial]) -> None:
    """The content hash is stable, and changes when a passage text changes."""
    trial = seed_trials[1]
    before = chunks_hash(chunk_trial(trial))
    assert before == chunks_hash(chunk_trial(trial.model_copy()))
    changed = trial.model_copy(update={"summary": trial.summary + " One more sentence."})
    assert chunks_hash(chunk_trial(changed)) != before


def test_minimal_trial_still_chunks() -> None:
    """A record with only an id and a title gives a summary passage and no crash."""
    chunks = chunk_trial(Trial(id="X1", registry="ctgov", title="A title"))
    assert [c.section for c in chunks] == ["summary", "eligibility"]
