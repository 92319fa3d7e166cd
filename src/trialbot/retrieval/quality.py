"""Scores a question answerer on a QA set: answer accuracy, recall@3 of sections, no_answer rate."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from trialbot.domain.ports import QuestionAnswerer


class QACase(BaseModel):
    """One question: the trials in scope, the fact the answer must hold and the sections to cite."""

    question: str
    trial_ids: list[str]
    expect: list[str] | None = None  # any of these; None: no_answer expected
    sections: list[str] = Field(default_factory=list)


class QAFailure(BaseModel):
    """A case the answerer got wrong, with what it said."""

    question: str
    trial_ids: list[str]
    problem: str
    kind: str
    text: str
    sections: list[str]


class QAReport(BaseModel):
    """The three quality figures and the failures behind them."""

    answerable: int
    unanswerable: int
    answer_accuracy: float
    recall_at_3: float
    no_answer_rate: float
    failures: list[QAFailure] = Field(default_factory=list)


def load_cases(path: Path, scopes: Mapping[str, Sequence[str]]) -> list[QACase]:
    """Read a QA YAML file (`answerable` / `unanswerable` lists; scopes are short names)."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for item in data.get("answerable") or []:
        sections = item["section"] if isinstance(item["section"], list) else [item["section"]]
        cases.append(
            QACase(
                question=item["q"],
                trial_ids=list(scopes[item["scope"]]),
                expect=[str(e) for e in item["expect"]]
                if isinstance(item["expect"], list)
                else [str(item["expect"])],
                sections=sections,
            )
        )
    for item in data.get("unanswerable") or []:
        cases.append(QACase(question=item["q"], trial_ids=list(scopes[item["scope"]])))
    return cases


def evaluate(answerer: QuestionAnswerer, cases: Sequence[QACase]) -> QAReport:
    """Ask every question and score the replies."""
    correct = recalled = refused = 0
    failures: list[QAFailure] = []
    answerable = [c for c in cases if c.expect is not None]
    unanswerable = [c for c in cases if c.expect is None]
    for case in cases:
        reply = answerer.answer(case.question, case.trial_ids)
        sections = [c.section for c in reply.citations]
        problems = []
        if case.expect is None:
            refused += reply.kind == "no_answer"
            if reply.kind != "no_answer":
                problems.append("answered a question the documents do not answer")
        else:
            text = reply.text.lower()
            ok = reply.kind == "answer" and any(e.lower() in text for e in case.expect)
            hit = any(s in case.sections for s in sections[:3])
            correct += ok
            recalled += hit
            if not ok:
                problems.append(f"answer lacks {case.expect!r}")
            if not hit:
                problems.append(f"no citation from {case.sections}")
        if problems:
            failures.append(
                QAFailure(
                    question=case.question,
                    trial_ids=case.trial_ids,
                    problem="; ".join(problems),
                    kind=reply.kind,
                    text=reply.text,
                    sections=sections,
                )
            )
    return QAReport(
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        answer_accuracy=correct / max(len(answerable), 1),
        recall_at_3=recalled / max(len(answerable), 1),
        no_answer_rate=refused / max(len(unanswerable), 1),
        failures=failures,
    )
