"""Answer quality on the fifth fresh held-out set: 182 lay questions over 12 thin records never
tuned on (tests/retrieval/qa_fresh5a.yaml and qa_fresh5b.yaml, written from the records alone
before the answerer was run on them; 49 questions not answerable)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from trialbot.retrieval.quality import QAReport

HERE = Path(__file__).parent
QA_FILES = (HERE / "qa_fresh5a.yaml", HERE / "qa_fresh5b.yaml")
# Floors a little under the figures measured on this set: first run, 2026-12-01, 66.9 % right with a
# right citation (89 of 133: a 43 of 65, b 46 of 68), 89.8 % honest refusals (44 of 49: a 21 of 25,
# b 23 of 24), grade 7.7 / 8.7; after the changes made on the fourth set (this one unseen) 67.7 %
# (90 of 133), 89.8 %, grade 7.7 / 8.8. The targets (90 %, 90 %, 8) are not met.
RIGHT_WITH_CITATION = 0.64
REFUSALS = 0.86
GRADE = 8.8

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(qa_report_of: Callable[[Sequence[Path], str], QAReport]) -> QAReport:
    """Every question asked once over an index of only the 12 trials the set asks about."""
    return qa_report_of(QA_FILES, "fresh5")


def test_the_set_is_held_out_and_big_enough(report: QAReport) -> None:
    """At least 180 questions, 45 of them not answerable from the record."""
    assert report.answerable + report.unanswerable >= 180 and report.unanswerable >= 45


def test_right_answers_with_right_citations(report: QAReport) -> None:
    """Answerable questions get the expected fact with a citation from the right section."""
    assert report.right_with_citation >= RIGHT_WITH_CITATION, report.failures


def test_honest_refusals(report: QAReport) -> None:
    """Questions the record does not answer get no_answer."""
    assert report.no_answer_rate >= REFUSALS, report.failures


def test_answers_read_at_a_plain_grade(report: QAReport) -> None:
    """The answers' own words (not the quote under them) stay near Flesch-Kincaid grade 8."""
    assert report.mean_grade <= GRADE
