"""Answer quality on the third fresh held-out set: 330 lay questions over 22 records never tuned on
(tests/retrieval/qa_fresh3a.yaml and qa_fresh3b.yaml, written from the records alone before the
answerer was run on them; 9 full API v2 records and 13 thin ones, 77 questions not answerable)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from trialbot.retrieval.quality import QAReport

HERE = Path(__file__).parent
QA_FILES = (HERE / "qa_fresh3a.yaml", HERE / "qa_fresh3b.yaml")
# Floors a little under the figures measured on this set, 2026-12-01: before any change that
# followed it 56.9 % right with a right citation (a 64.5 %, b 44.7 %), 87.0 % honest refusals,
# grade about 8.9; after the own-numbers, rule-question and question-kind changes (made without
# seeing this set) 67.6 % (a 74.8 %, b 58.8 %), 87.0 % (a 85.4 %, b 88.9 %), grade about 8.7.
# They catch regressions; the targets (90 %, 90 %, grade 8) are not met on this set.
RIGHT_WITH_CITATION = 0.64
REFUSALS = 0.83
GRADE = 9.0

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(qa_report_of: Callable[[Sequence[Path], str], QAReport]) -> QAReport:
    """Every question asked once over an index of only the 22 trials the set asks about."""
    return qa_report_of(QA_FILES, "fresh3")


def test_the_set_is_held_out_and_big_enough(report: QAReport) -> None:
    """At least 200 questions, 60 of them not answerable from the record, over 20 trials."""
    assert report.answerable + report.unanswerable >= 200 and report.unanswerable >= 60


def test_right_answers_with_right_citations(report: QAReport) -> None:
    """Answerable questions get the expected fact with a citation from the right section."""
    assert report.right_with_citation >= RIGHT_WITH_CITATION, report.failures


def test_honest_refusals(report: QAReport) -> None:
    """Questions the record does not answer get no_answer."""
    assert report.no_answer_rate >= REFUSALS, report.failures


def test_answers_read_at_a_plain_grade(report: QAReport) -> None:
    """The answers' own words (not the quote under them) stay near Flesch-Kincaid grade 8."""
    assert report.mean_grade <= GRADE
