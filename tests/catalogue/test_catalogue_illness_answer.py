"""A bare yes or no to the catalogue's illness question is no illness name."""

from __future__ import annotations

import uuid

import pytest
from catalogue_helpers import small_trial

from trialbot.domain.turn import Incoming
from trialbot.evaluation.bench.catalogue import catalogue_service


@pytest.mark.parametrize("answer", ["no", "Nope.", "yes"])
def test_a_bare_yes_or_no_is_not_read_as_an_illness(answer: str) -> None:
    """ "no" to "Which illness...?" is asked again, never searched as an illness called "no"."""
    trials = [
        small_trial("B-HER2POS-1", ["HER2-positive Metastatic Breast Cancer"]),
        small_trial("B-HER2NEG-1", ["ER+ HER2- Metastatic Breast Cancer"]),
        small_trial("B-ANY-1", ["Breast Cancer"]),
        small_trial("B-ANY-2", ["Breast Cancer"]),
        small_trial("L-LUNG", ["Non-small Cell Lung Cancer"]),
        small_trial("L-LUNG-2", ["Lung Cancer"]),
        small_trial("P-PROSTATE", ["Prostate Cancer"]),
        small_trial("A-AML", ["Acute Myeloid Leukemia"]),
    ]
    service = catalogue_service(trials)
    cid = f"t-{uuid.uuid4().hex[:8]}"
    service.handle(Incoming(conversation_id=cid, text="Can I join a trial?", message_id="m1"))
    turn = service.handle(Incoming(conversation_id=cid, text=answer, message_id="m2"))
    texts = " ".join(r.text for r in turn.replies)
    assert f"“{answer.lower().strip('.')}”" not in texts.lower() and '"no"' not in texts
    assert [r.asks for r in turn.replies if r.kind == "question"][-1] == "condition"
