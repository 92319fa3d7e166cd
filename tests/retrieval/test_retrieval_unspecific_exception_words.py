"""A person's other cancer meets a rule's exception only by the words that say which cancer:
"I was treated for thyroid cancer 3 years ago" never "may fit" "except for adequately treated
basal cell or squamous cell skin cancer" through "treated" alone (seen on NCT04606446). The
unspecific words are `personal.exceptions.unspecific` in prompts/answers.yaml."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from trialbot.domain.trial import CriterionText, Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.sources.readers import read_document

REAL = "NCT04606446"  # "... any other active malignancy within 3 years ..., except for adequately
# treated basal cell or squamous cell skin cancer"

MADE_UP = Trial(
    id="NCT00000191",
    registry="ctgov",
    title="A Study of Drug W in Advanced Stomach Cancer",
    conditions=["Gastric Cancer"],
    criteria=[
        CriterionText(id="inc-1", kind="inclusion", text="Advanced gastric adenocarcinoma."),
        CriterionText(
            id="exc-1",
            kind="exclusion",
            text="Prior malignancy within 5 years, except previously treated carcinoma in situ of "
            "the cervix or non-melanoma skin cancer.",
        ),
    ],
)

MAY_FIT = "allows an exception that may fit"


@pytest.fixture(scope="module")
def answerer(
    corpus_dir: Path, answerer_over: Callable[[Sequence[Trial], str], RetrievalAnswerer]
) -> RetrievalAnswerer:
    real = read_document(corpus_dir / f"{REAL}.json")[0]
    return answerer_over([real, MADE_UP], "unspecific-exception-words")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial", "question"),
    [
        (REAL, "I was treated for thyroid cancer 3 years ago, can I join?"),  # real
        (REAL, "I had breast cancer treated 5 years ago, can I join?"),
        (MADE_UP.id, "My mum was treated for bowel cancer two years ago. Is she eligible?"),
    ],
)
def test_treated_alone_never_fits_an_exception(
    answerer: RetrievalAnswerer, trial: str, question: str
) -> None:
    reply = answerer.answer(question, [trial])
    assert MAY_FIT not in reply.text, reply.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial", "question"),
    [
        (REAL, "I had a basal cell skin cancer removed last year, can I still join?"),
        (REAL, "my dad had a squamous cell skin cancer treated in 2024, is that a problem?"),
        (MADE_UP.id, "I was treated for carcinoma in situ of the cervix 3 years ago. Can I join?"),
    ],
)
def test_the_named_cancer_still_fits_its_exception(
    answerer: RetrievalAnswerer, trial: str, question: str
) -> None:
    reply = answerer.answer(question, [trial])
    assert MAY_FIT in reply.text, reply.text
