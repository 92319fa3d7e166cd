"""The askable facts bone_metastases, peritoneal_metastases and lynch_syndrome: a trial whose
exclusion reads one of them gets its question in the guided dialog, a "yes" rules the trial out
and a "no" leaves it open ("Known bone or peritoneal metastases", "Known Lynch syndrome")."""

from __future__ import annotations

import pytest
from dialog_fakes import APATINIB, TODAY, FakeAnswerer, ListCatalog, MemoryStore, SeedRules
from dialog_fakes import asks_of as _asks

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming
from trialbot.eligibility.vocabulary import fact_spec
from trialbot.service import ConversationService

FACTS = ["bone_metastases", "peritoneal_metastases", "lynch_syndrome"]


def _exclusion(fact: str) -> StructuredCriterion:
    return StructuredCriterion.model_validate(
        {"id": "exc-1", "kind": "exclusion", "text": f"Known {fact.replace('_', ' ')}",
         "concept": fact, "needs_review": False, "confidence": "certain",
         "condition": {"op": "true", "fact": fact}, "facts": [fact]}
    )  # fmt: skip


def _service(seeds: list[Trial], fact: str) -> ConversationService:
    return ConversationService(
        ListCatalog(seeds), MemoryStore(), FakeAnswerer(), today=lambda: TODAY,
        rules=SeedRules({APATINIB: [_exclusion(fact)]}),
    )  # fmt: skip


@pytest.mark.parametrize("fact", FACTS)
def test_the_fact_has_a_yes_no_question(fact: str) -> None:
    spec = fact_spec(fact)
    assert spec is not None and spec.answer_type == "yes_no"
    assert "?" in spec.question


@pytest.mark.parametrize("fact", FACTS)
@pytest.mark.parametrize(("answer", "ruled_out"), [("yes", True), ("no", False)])
def test_the_dialog_asks_it_and_a_yes_excludes(
    seeds: list[Trial], fact: str, answer: str, ruled_out: bool
) -> None:
    service = _service(seeds, fact)
    cid = f"{fact}-{answer}"
    service.handle(Incoming(conversation_id=cid, text="/start", trials=[APATINIB]))
    turn = service.handle(Incoming(conversation_id=cid, text="can I join?"))
    assert _asks(turn) == fact
    turn = service.handle(Incoming(conversation_id=cid, text=answer))
    assert (turn.verdicts[APATINIB] == "ineligible") is ruled_out
