"""Answer quality on the fourth fresh set: 210 lay questions over 20 records (tests/retrieval/
qa_fresh4a.yaml and qa_fresh4b.yaml, written from the records alone before the answerer was run on
them; 1 full API v2 record and 19 thin ones, 69 questions not answerable). It was held out at
first and is now a development set: its failures were grouped into kinds and each kind was fixed
and pinned (test_retrieval_fresh4_kinds.py), so its figures no longer measure unseen trials."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from trialbot.retrieval.quality import QAReport

HERE = Path(__file__).parent
QA_FILES = (HERE / "qa_fresh4a.yaml", HERE / "qa_fresh4b.yaml")
# Floors a little under the figures measured on this set, 2026-12-01: first run 56.0 % right with a
# right citation (a 61.6 %, b 50.0 %), 85.5 % honest refusals (a 86.5 %, b 84.4 %), grade 8.1 / 8.3;
# after the answer changes made on the third set (this one unseen) 59.6 % (a 60.3 %, b 58.8 %),
# 88.4 % (a 89.2 %, b 87.5 %), grade 8.0 / 8.2; after tuning on it by failure kind (2026-12-02)
# 78.0 % (a 79.5 %, b 76.5 %), 91.3 % (a 89.2 %, b 93.8 %), grade 8.1 / 8.5. The targets
# (90 %, 90 %, 8) are met for refusals only.
RIGHT_WITH_CITATION = 0.77
REFUSALS = 0.90
GRADE = 8.6

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(qa_report_of: Callable[[Sequence[Path], str], QAReport]) -> QAReport:
    """Every question asked once over an index of only the 20 trials the set asks about."""
    return qa_report_of(QA_FILES, "fresh4")


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
