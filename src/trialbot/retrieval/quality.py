"""Scores a question answerer on a QA set: answer accuracy, recall@3 of sections, no_answer rate."""

from __future__ import annotations

import re
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
    expect: list[str] | None = None  # any of these ("^x": the answer starts with x); None: refuse
    sections: list[str] = Field(default_factory=list)
    group: str = ""  # e.g. "tuned" or "held_out" in the unseen set


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
    right_with_citation: float = 0.0  # answer holds the fact AND a first-3 citation is right
    mean_grade: float = 0.0  # textstat Flesch-Kincaid grade of the answers' own text
    fact_in_plain_part: float = 0.0  # the fact is in the answer's own words, not only the quote
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


def load_unseen(path: Path) -> list[QACase]:
    """Read the unseen-trials QA file (`cases` with `t`, `q`, `expect`, `section`; `held_out`)."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    held = set(data.get("held_out") or [])
    cases = []
    for item in data["cases"]:
        expect = item.get("expect")
        sections = item.get("section") or []
        cases.append(
            QACase(
                question=item["q"],
                trial_ids=str(item["t"]).split("+"),
                expect=[str(e) for e in expect] if expect else None,
                sections=sections if isinstance(sections, list) else [sections],
                group="held_out" if item["t"] in held else "tuned",
            )
        )
    return cases


def holds(text: str, expect: Sequence[str]) -> bool:
    """True when the answer holds any expected fact.

    "^x": the answer (or one of its lines, after any "label: ") starts with the word(s) x, so
    "^no" holds for "No, ..." but not for "Not applicable" or "None of ..."."""
    lowered = text.lower().strip()
    for item in expect:
        wanted = item.lower()
        if wanted.startswith("^"):
            head = re.compile(re.escape(wanted[1:]) + r"(?!\w)")
            if head.match(lowered) or any(
                head.match(line.split(": ", 1)[-1]) for line in lowered.splitlines()
            ):
                return True
        elif wanted in lowered:
            return True
    return False


def reading_grade(texts: Sequence[str]) -> float:
    """Mean Flesch-Kincaid grade (textstat) of the texts; 0.0 for none.

    Syllables come from textstat's pyphen hyphenation: its CMU dictionary would be downloaded
    through nltk, and this machine stays offline."""
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = lambda lang: None
    grades = [float(textstat.flesch_kincaid_grade(t)) for t in texts if t.strip()]
    return round(sum(grades) / len(grades), 2) if grades else 0.0


def evaluate(answerer: QuestionAnswerer, cases: Sequence[QACase]) -> QAReport:
    """Ask every question and score the replies."""
    from trialbot.prompts import load_prompts
    from trialbot.retrieval.plain import composed_part

    wording = load_prompts("answers")
    correct = recalled = refused = both = plain = 0
    answered_texts: list[str] = []
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
            ok = reply.kind == "answer" and holds(reply.text, case.expect)
            hit = any(s in case.sections for s in sections[:3])
            correct += ok
            recalled += hit
            both += ok and hit
            if reply.kind == "answer":
                own = composed_part(reply.text, wording)
                answered_texts.append(own)
                plain += holds(own, case.expect)
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
        right_with_citation=both / max(len(answerable), 1),
        mean_grade=reading_grade(answered_texts),
        fact_in_plain_part=plain / max(len(answerable), 1),
        failures=failures,
    )
