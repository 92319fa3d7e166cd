"""In-process latency of dialog turns and question-answering turns, and the embedding floor."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from typing import Any

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.evaluation.bench.patient import answer, last_question
from trialbot.evaluation.drivers import Handler
from trialbot.prompts import load_prompts

QA_KINDS = ("answer", "no_answer")
MAX_TURNS_PER_CONVERSATION = 80
QUESTION_TEMPLATES = (
    "How is {drug} given?",
    "What are the side effects of {drug}?",
    "How long does the treatment with {drug} last?",
    "Where does the study of {drug} take place?",
    "Who can take part in the study on {condition}?",
    "What is {condition}?",
    "How often do I need to visit the hospital during the {drug} study?",
    "Is there a placebo in the {condition} study?",
)


def _timed(service: Handler, incoming: Incoming) -> tuple[Turn, float]:
    started = time.perf_counter()
    turn = service.handle(incoming)
    return turn, (time.perf_counter() - started) * 1000


def dialog_latency(
    service: Handler,
    scopes: Sequence[list[str] | None],
    turns: int,
    ages: Sequence[int],
    warmup: int = 20,
) -> dict[str, Any]:
    """Milliseconds per simulated dialog turn (no retrieval), conversations run, error replies."""
    samples: list[float] = []
    conversations = errors = 0
    error_text = _error_text()
    done = -warmup
    while done < turns:
        scope = scopes[conversations % len(scopes)]
        cid = f"bench-dialog-{uuid.uuid4().hex[:12]}"
        conversations += 1
        turn, ms = _timed(service, Incoming(conversation_id=cid, text="/start", trials=scope))
        step = 0
        text: str | None = "check if I can join"
        button: str | None = None
        while done < turns and step < MAX_TURNS_PER_CONVERSATION:
            incoming = Incoming(conversation_id=cid, text=text, button=button)
            turn, ms = _timed(service, incoming)
            if not any(r.kind in QA_KINDS for r in turn.replies):
                if done >= 0:
                    samples.append(ms)
                done += 1
            errors += any(r.text == error_text for r in turn.replies)
            question = last_question(turn)
            if question is None:
                break
            step += 1
            text, button = answer(question, step + conversations, ages)
    return {"ms": samples, "conversations": conversations, "error_replies": errors}


def _error_text() -> str:
    """The dialog's "something went wrong" notice, to count turns that failed inside the core."""
    try:
        return str(load_prompts("dialog")["error"])
    except (OSError, KeyError, TypeError):
        return "\0"


def lay_questions(trials: Sequence[Trial], count: int) -> list[tuple[str, str]]:
    """(trial id, question) pairs built from each trial's own drugs and conditions, all distinct."""
    pairs: list[tuple[str, str]] = []
    for round_ in range(count):
        trial = trials[round_ % len(trials)]
        template = QUESTION_TEMPLATES[(round_ // len(trials)) % len(QUESTION_TEMPLATES)]
        drugs = [i.name for i in trial.interventions] or ["the study medicine"]
        conditions = trial.conditions or ["this illness"]
        drug = drugs[round_ % len(drugs)]
        condition = conditions[round_ % len(conditions)]
        question = template.format(drug=drug, condition=condition)
        repeat = round_ // (len(trials) * len(QUESTION_TEMPLATES))
        pairs.append((trial.id, question if repeat == 0 else f"{question} ({repeat})"))
    return pairs


def qa_latency(
    service: Handler, embedder: Any, questions: Sequence[tuple[str, str]], warmup: int = 3
) -> dict[str, Any]:
    """QA-turn and raw single-query embedding milliseconds, measured interleaved."""
    qa: list[float] = []
    floor: list[float] = []
    other_kinds = 0
    for index, (trial_id, question) in enumerate(questions):
        started = time.perf_counter()
        embedder.encode([question])
        embed_ms = (time.perf_counter() - started) * 1000
        cid = f"bench-qa-{uuid.uuid4().hex[:12]}"
        service.handle(Incoming(conversation_id=cid, text="/start", trials=[trial_id]))
        turn, ms = _timed(service, Incoming(conversation_id=cid, text=question))
        if index < warmup:
            continue
        floor.append(embed_ms)
        if any(r.kind in QA_KINDS for r in turn.replies):
            qa.append(ms)
        else:
            other_kinds += 1
    return {"qa_ms": qa, "floor_ms": floor, "not_answered_as_question": other_kinds}
