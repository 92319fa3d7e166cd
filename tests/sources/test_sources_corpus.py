"""The whole ClinicalTrials.gov corpus reads without errors, quickly, with sane fields."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from trialbot.domain.trial import Trial
from trialbot.sources.readers import read_document


@pytest.fixture(scope="module")
def corpus_read(corpus_dir: Path) -> tuple[list[Trial], float]:
    """Every corpus trial, read once, with the seconds it took."""
    started = time.perf_counter()
    trials = [trial for path in sorted(corpus_dir.glob("*.json")) for trial in read_document(path)]
    return trials, time.perf_counter() - started


def test_whole_corpus_reads_with_no_errors(
    corpus_dir: Path, corpus_read: tuple[list[Trial], float]
) -> None:
    """All 649 corpus files read into one trial each, in well under the suite's budget."""
    files = sorted(corpus_dir.glob("*.json"))
    trials, elapsed = corpus_read
    assert len(files) == 649 and len(trials) == 649
    assert {t.id for t in trials} == {p.stem for p in files}
    assert elapsed < 20, f"reading the corpus took {elapsed:.1f}s"


def test_corpus_fields_are_normalized(corpus_read: tuple[list[Trial], float]) -> None:
    """Thin records still give titles, criteria with both kinds, statuses and country-only sites."""
    trials = corpus_read[0]
    assert all(t.title and t.registry == "ctgov" for t in trials)
    with_criteria = [t for t in trials if t.criteria]
    assert len(with_criteria) >= 640
    both = [t for t in trials if {c.kind for c in t.criteria} == {"inclusion", "exclusion"}]
    assert len(both) >= 620
    assert all(t.status for t in trials)
    assert all(t.min_age_years is None or 0 <= t.min_age_years < 120 for t in trials)
    country_only = [s for t in trials for s in t.sites if s.country and not s.name]
    assert country_only, "thin corpus locations carry only the country"
    for trial in trials:
        ids = [c.id for c in trial.criteria]
        assert len(ids) == len(set(ids))
        assert all("\\<" not in c.text and "\\>" not in c.text for c in trial.criteria)


def test_corpus_ages_from_months_and_missing(corpus_dir: Path) -> None:
    """Years, months and weeks become years at full precision, and are kept as written; a
    missing maximum age means no upper limit."""
    lam = read_document(corpus_dir / "NCT00001465.json")[0]
    assert (lam.min_age_years, lam.max_age_years) == (16.0, 100.0)
    assert lam.sites[0].country == "United States" and lam.sites[0].name is None
    weeks = read_document(corpus_dir / "NCT01109394.json")[0]
    assert weeks.min_age_years == 4 * 7 / 365.25
    assert weeks.min_age is not None and (weeks.min_age.value, weeks.min_age.unit) == (4, "weeks")
    assert read_document(corpus_dir / "NCT02143830.json")[0].min_age_years == 0.25
    child = read_document(corpus_dir / "NCT00033137.json")[0]
    assert (child.min_age_years, child.max_age_years) == (2.0, None)


def test_corpus_sex_codes(corpus_read: tuple[list[Trial], float]) -> None:
    """FEMALE / MALE / ALL map to female / male / all."""
    trials = corpus_read[0]
    counts = {sex: sum(t.sex == sex for t in trials) for sex in ("all", "female", "male")}
    assert counts == {"all": 538, "female": 47, "male": 64}
