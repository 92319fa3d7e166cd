"""'What is <drug>?': the record's own definition, else what its fields say (no model)."""

from __future__ import annotations

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from trialbot.domain.trial import CriterionText, Intervention, Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.settings import Settings

TRIAL = Trial(
    id="NCT00000021",
    registry="ctgov",
    title="Trametinib with chemotherapy for relapsed leukaemia",
    interventions=[
        Intervention(name="Trametinib", route="oral", description="Oral"),
        Intervention(name="Cytarabine", description="Intravenous"),
        Intervention(name="Dexamethasone", description="Oral/ Intravenous"),
        Intervention(name="Selumetinib", description="Selumetinib is a MEK inhibitor, a pill."),
        Intervention(name="Psilocybin", route="oral"),
    ],
    summary="Psilocybin is substance being studied in anxiety. It is taken from a mushroom.",
    criteria=[
        CriterionText(id="exc-1", kind="exclusion", text="Previous treatment with trametinib."),
        CriterionText(id="exc-2", kind="exclusion", text="Allergy to cytarabine."),
    ],
)


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    """An answerer over the hand-made trial with fake embeddings."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("drugs"))
    return RetrievalAnswerer(
        settings, MemoryCatalog([TRIAL]), embedder=DeterministicFakeEmbedding(size=384)
    )


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("what is trametinib?", "taken by mouth"),
        ("What's trametinib", "taken by mouth"),
        ("what is cytarabine?", "drip into a vein"),
        ("what is dexamethasone", " or taken by mouth"),
    ],
)
def test_a_drug_its_text_does_not_define_is_said_from_its_fields(
    answerer: RetrievalAnswerer, question: str, holds: str
) -> None:
    """'Trametinib (taken by mouth, oral): Oral' and a rule naming it define nothing: the answer
    says the trial gives it, how, and that the record says no more."""
    reply = answerer.answer(question, [TRIAL.id])
    assert reply.kind == "answer" and "treatments this trial gives" in reply.text
    assert holds in reply.text and "does not say more" in reply.text
    assert reply.citations[0].section == "interventions"
    assert "Previous treatment" not in reply.text and "Allergy" not in reply.text


def test_a_drug_its_text_defines_is_defined(answerer: RetrievalAnswerer) -> None:
    """A description saying what the drug is answers."""
    reply = answerer.answer("what is selumetinib?", [TRIAL.id])
    assert reply.kind == "answer" and "MEK inhibitor" in reply.text


def test_a_sentence_opening_with_the_drug_and_is_says_what_it_is(
    answerer: RetrievalAnswerer,
) -> None:
    """'Psilocybin is substance being studied ...' (no 'a') still says what it is."""
    reply = answerer.answer("What is psilocybin?", [TRIAL.id])
    assert "substance being studied" in reply.text and "mushroom" in reply.text
