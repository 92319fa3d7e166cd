"""Answer quality on lay questions about the seeds, with the real embedding model."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.quality import QAReport, evaluate, load_cases

QA_FILE = Path(__file__).with_name("qa_seeds.yaml")
DRAGONFLY = "2026-525223-24-00"
APATINIB = "NCT07479732"
SCOPES = {"D": [DRAGONFLY], "A": [APATINIB], "DA": [DRAGONFLY, APATINIB]}
TARGET = 0.95

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(real_answerer: RetrievalAnswerer) -> QAReport:
    """Every QA case asked once."""
    return evaluate(real_answerer, load_cases(QA_FILE, SCOPES))


def test_the_qa_set_is_big_enough(report: QAReport) -> None:
    """At least 40 answerable and 10 unanswerable questions."""
    assert report.answerable >= 40 and report.unanswerable >= 10


def test_answer_accuracy(report: QAReport) -> None:
    """At least 95 % of answers hold the expected fact."""
    assert report.answer_accuracy >= TARGET, report.failures


def test_recall_at_3_of_the_right_section(report: QAReport) -> None:
    """At least 95 % of answers cite the right section among their first three citations."""
    assert report.recall_at_3 >= TARGET, report.failures


def test_no_answer_on_unanswerable_questions(report: QAReport) -> None:
    """At least 95 % of questions the documents do not answer get no_answer."""
    assert report.no_answer_rate >= TARGET, report.failures


def test_answers_cite_and_quote_the_documents(real_answerer: RetrievalAnswerer) -> None:
    """Every answer carries citations whose text is a passage of a trial in scope."""
    for question in ("How is mifamurtide given?", "What does refractory mean?"):
        reply = real_answerer.answer(question, [DRAGONFLY])
        assert reply.kind == "answer" and reply.citations
        assert all(c.trial_id == DRAGONFLY and c.text for c in reply.citations)


def test_lay_wording_is_used(real_answerer: RetrievalAnswerer) -> None:
    """Jargon in the quoted sentences is put in plain words."""
    reply = real_answerer.answer("How is the liposomal irinotecan given?", [APATINIB])
    assert "drip into a vein" in reply.text
