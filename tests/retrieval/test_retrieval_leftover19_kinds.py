"""Kinds of personal "can I join if ..." answers left over after the sixteenth audit:

1. a long rule's quote cut before the words meeting the situation ("Can I join if I take
   warfarin?"): the sentence or list item holding them is quoted, after a short opening;
2. an exclusion whose sentence answering the question allows what is asked ("Can I get the COVID
   vaccine during the study?": "... COVID-19 vaccines ... are permitted") is told as allowed,
   quoting that sentence, never "A trial rule may keep you out";
3. a medicine named by its lay name meets the class a rule uses (octreotide, lanreotide ->
   somatostatin analogues).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from trialbot.domain.trial import Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval.allowed import permits
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.sources.readers import read_document

CLOTS = "NCT06834373"  # clot history rule; full anticoagulation "defined as Warfarin" at its end
SSA = "NCT06177171"  # somatostatin analogues for neuroendocrine tumours allowed
LIVE = "NCT04300556"  # live vaccines out; seasonal influenza and COVID-19 vaccines permitted
NEOVAX = "NCT04930783"  # no other vaccines, but SARS-CoV-2 vaccination "is ALLOWED"
LICENSED = "NCT04919629"  # investigational vaccines out; licensed COVID-19 vaccines allowed
FLU = "NCT05669846"  # injected flu vaccines allowed; intranasal (live) ones not
ALLOWED_LEAD = "A trial rule allows this."
PERMITS = load_prompts("answers")["rule_permits"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Seasonal influenza and COVID-19 vaccines that do not contain live virus are permitted",
            True,
        ),
        ("Vaccination against SARS-CoV-2 is recommended before the first dose", True),
        ("Participants may receive inactivated vaccines", True),
        ("Intranasal influenza vaccines are live attenuated vaccines and are not allowed", False),
        ("Live vaccines within 30 days of the first dose", False),
    ],
)
def test_a_permission_is_read(text: str, said: bool) -> None:
    assert permits(text, PERMITS) is said


@pytest.fixture(scope="module")
def answerer(
    corpus_dir: Path, answerer_over: Callable[[Sequence[Trial], str], RetrievalAnswerer]
) -> RetrievalAnswerer:
    trials = [
        read_document(corpus_dir / f"{tid}.json")[0]
        for tid in (CLOTS, SSA, LIVE, NEOVAX, LICENSED, FLU)
    ]
    return answerer_over(trials, "leftover19-kinds")


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "Can I join if I take warfarin?",  # the audit's example
        "my husband is on warfarin for a clot, can he join?",
        "I'm on warfarin, would that rule me out?",
    ],
)
def test_the_quote_holds_the_words_of_the_situation(
    answerer: RetrievalAnswerer, question: str
) -> None:
    reply = answerer.answer(question, [CLOTS])
    assert reply.kind == "answer" and reply.citations[0].section == "eligibility"
    assert "warfarin" in reply.text.split("\n")[0].lower(), reply.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "Can I join if I take octreotide?",
        "I get lanreotide injections for my neuroendocrine tumour, can I join?",
        "my dad has sandostatin shots every month, can he join?",
    ],
)
def test_a_medicine_meets_its_class(answerer: RetrievalAnswerer, question: str) -> None:
    reply = answerer.answer(question, [SSA])
    assert reply.kind == "answer" and "somatostatin analogues" in reply.text, reply.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question", "holds"),
    [
        (LIVE, "Can I get the COVID vaccine during the study?", "COVID-19"),  # the audit's example
        (NEOVAX, "Can I get the COVID vaccine during the study?", "SARS-CoV-2"),
        (LICENSED, "Can I get the COVID vaccine during the study?", "COVID-19"),
        (LIVE, "Can I have my flu jab while on the trial?", "influenza"),
        (FLU, "can I have the flu shot while I'm on the trial?", "injection"),
        (SSA, "Can I join if I take octreotide?", "somatostatin analogues"),
    ],
)
def test_a_rule_allowing_it_is_said_as_allowed(
    answerer: RetrievalAnswerer, trial_id: str, question: str, holds: str
) -> None:
    reply = answerer.answer(question, [trial_id])
    assert reply.kind == "answer" and reply.text.startswith(ALLOWED_LEAD), reply.text
    assert holds in reply.text.split("\n")[0], reply.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question"),
    [
        (FLU, "can I have the nasal spray flu vaccine while I'm on the trial?"),  # not allowed
        (LIVE, "can I have the yellow fever vaccine during the study?"),  # a live vaccine
    ],
)
def test_a_rule_not_allowing_it_is_not_said_as_allowed(
    answerer: RetrievalAnswerer, trial_id: str, question: str
) -> None:
    reply = answerer.answer(question, [trial_id])
    assert not reply.text.startswith(ALLOWED_LEAD), reply.text
