"""The fact vocabulary and its question bank: complete, consistent and easy to read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trialbot.eligibility import fact_specs, read_criteria
from trialbot.eligibility.vocabulary import _CORE
from trialbot.prompts import load_prompts
from trialbot.sources.readers import read_document


@pytest.fixture(scope="module")
def textstat_offline():  # type: ignore[no-untyped-def]
    """textstat with syllables from pyphen (its CMU dictionary needs a download)."""
    import textstat
    import textstat.backend.counts._count_syllables as syllables

    syllables.get_cmudict = lambda lang: None  # type: ignore[assignment]
    return textstat


def test_fixed_fact_ids() -> None:
    """The four fixed ids exist with their fixed types."""
    specs = fact_specs()
    assert specs["age_years"].answer_type == "number"
    assert [c.value for c in specs["sex"].choices] == ["female", "male"]
    assert (
        specs["pregnant"].answer_type == "yes_no" and specs["breastfeeding"].answer_type == "yes_no"
    )


def test_every_core_fact_has_wording_and_no_orphans() -> None:
    """prompts/facts.yaml words every core fact, and words nothing else."""
    wording = load_prompts("facts")["facts"]
    assert set(wording) == set(_CORE)


def test_choice_facts_have_choices() -> None:
    """Choice facts offer buttons; ECOG levels are daily-activity words, not the scale name."""
    specs = fact_specs()
    for spec in specs.values():
        assert (spec.answer_type == "choice") == bool(spec.choices), spec.id
    ecog = specs["ecog_level"]
    assert "ecog" not in (ecog.question + " ".join(c.label for c in ecog.choices)).lower()


def test_question_bank_reads_at_grade_8_or_below(textstat_offline) -> None:  # type: ignore[no-untyped-def]
    """The whole bank reads at grade 8 or below; no single question above grade 10."""
    specs = fact_specs()
    core = [specs[f].question for f in _CORE]
    generated = [s.question for f, s in specs.items() if f not in _CORE]
    assert textstat_offline.flesch_kincaid_grade(" ".join(core)) <= 8
    assert textstat_offline.flesch_kincaid_grade(" ".join(generated)) <= 8
    too_hard = [q for q in core if textstat_offline.flesch_kincaid_grade(q) > 10]
    assert not too_hard


def test_every_fact_read_from_seeds_and_corpus_exists(seeds_dir: Path, corpus_dir: Path) -> None:
    """Every fact any read criterion references is in the vocabulary with a question."""
    specs = fact_specs()
    paths = [*sorted(seeds_dir.iterdir()), *sorted(corpus_dir.glob("*.json"))[:150]]
    for path in paths:
        for trial in read_document(path):
            for criterion in read_criteria(trial):
                assert all(f in specs for f in criterion.facts), criterion.facts
                if criterion.question:
                    assert criterion.concept in specs
                json.dumps(criterion.condition)
