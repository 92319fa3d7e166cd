"""A person's own age or weight in a question, checked against the trial's limits (no model)."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from trialbot.domain.trial import CriterionText, Trial
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.own_numbers import (
    asks_joining,
    check_limits,
    only_numbers,
    own_numbers,
    plain_yes_no,
)
from trialbot.settings import Settings


def _trial(tid: str, **fields: Any) -> Trial:
    return Trial(id=tid, registry="ctgov", title="A sleep therapy trial", **fields)


ADULTS = _trial(
    "NCT00000011",
    min_age_years=18,
    max_age_years=65,
    summary="Veterans with nightmares get group therapy over five days.",
)
CHILDREN = _trial(
    "NCT00000012",
    min_age_years=4,
    max_age_years=20,
    criteria=[
        CriterionText(
            id="inc-1",
            kind="inclusion",
            # the weight limit has an alternative (body surface area) no question reads, so its
            # reading is partial ("Children must have a body weight ≥ 20 kg." on its own is read
            # whole and certain)
            text="Children between 4 and 18 years of age at first diagnosis, with a body weight "
            "≥ 20 kg or a body surface area ≥ 0.8 m2.",
        )
    ],
)
WEIGHT = _trial(
    "NCT00000013",
    criteria=[CriterionText(id="inc-1", kind="inclusion", text="Body weight ≥ 50 kg")],
)


@pytest.mark.parametrize(
    ("question", "age", "past", "weight"),
    [
        ("im 67 can i still sign up", 67, False, None),
        ("My mum is 79, would she be counted in this?", 79, False, None),
        ("Our 17 year old is expecting, can she still join?", 17, False, None),
        ("my son was 21 when they first found the tumour, can he still get in", 21, True, None),
        ("I am 58 years old, am I eligible?", 58, False, None),
        ("could a man aged 70 take part", 70, False, None),
        ("my daughter only weighs 17 kilos can she still do it", None, False, 17),
        ("he weighs 110 lbs, is that enough?", None, False, 110 * 0.45359237),
        ("I'm 2 years out from treatment, can I join?", None, False, None),
        ("she is 4 weeks pregnant, can she join?", None, False, None),
        ("my son is 12, he was 9 when it started, can he join?", None, False, None),
        ("I take 20 mg of lithium, can I join?", None, False, None),
    ],
)
def test_the_persons_own_numbers_are_read(
    question: str, age: float | None, past: bool, weight: float | None
) -> None:
    """Ages and weights said of the person (and only those; two ages leave the age unsaid)."""
    said = own_numbers(question)
    assert said.age == age and said.age_past == past
    assert said.weight_kg == pytest.approx(weight) if weight else said.weight_kg is None


def test_limits_the_person_is_outside_of_are_found() -> None:
    """Record ages: 67 is over 65, 16 under 18; a past age over the upper limit still is."""
    assert check_limits(ADULTS, own_numbers("im 67")).outside
    assert check_limits(ADULTS, own_numbers("she is 16")).outside
    assert check_limits(ADULTS, own_numbers("I'm 40")).within
    assert check_limits(ADULTS, own_numbers("he was 70 when it began")).outside
    # a past age under the lower limit says nothing of the age now
    young = check_limits(ADULTS, own_numbers("he was 12 when it began"))
    assert not young.outside and not young.within


def test_a_limit_read_only_in_part_goes_to_the_study_team() -> None:
    """A weight limit inside a compound criterion is said, with the study team deciding."""
    check = check_limits(CHILDREN, own_numbers("she only weighs 17 kilos"))
    assert not check.outside and check.unsure
    assert check_limits(WEIGHT, own_numbers("I weigh 45 kg")).outside
    assert check_limits(WEIGHT, own_numbers("I weigh 60 kg")).within


def test_question_shapes() -> None:
    """Joining questions; 'too young?' gets no Yes/No; a question with another topic is no
    bare numbers question."""
    assert asks_joining("can i still sign up") and asks_joining("would she be counted in this")
    assert not asks_joining("how many people are 65 or older in it")
    assert plain_yes_no("can she join") and not plain_yes_no("is my 4 year old too young?")
    assert only_numbers("im 40 can i join") and only_numbers("My son is 9, can he take part?")
    assert not only_numbers("Our 17 year old is expecting, can she still join?")


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    """An answerer over the hand-made trials with fake embeddings."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("own-numbers"))
    catalog = MemoryCatalog([ADULTS, CHILDREN, WEIGHT])
    return RetrievalAnswerer(settings, catalog, embedder=DeterministicFakeEmbedding(size=384))


@pytest.mark.parametrize(
    ("question", "trial", "start", "holds"),
    [
        ("im 67 can i still sign up", ADULTS, "No.", "65"),
        ("My mum is 79, would she be counted in this?", ADULTS, "No.", "65"),
        ("my daughter is 16, can she join?", ADULTS, "No.", "18"),
        ("is my 16 year old too young?", ADULTS, "That is outside", "18"),
        ("I weigh 45 kg, can I take part?", WEIGHT, "No.", "50 kg"),
        ("my daughter only weighs 17 kilos can she still do it", CHILDREN, "A trial rule", "20 kg"),
        ("im 40 can i join", ADULTS, "That is within", "study team"),
    ],
)
def test_answers_lead_with_the_limit(
    answerer: RetrievalAnswerer, question: str, trial: Trial, start: str, holds: str
) -> None:
    """Outside a plain limit: No and the limit, cited; read in part: the rule and the study
    team; within and nothing else asked: within, and other rules decide."""
    reply = answerer.answer(question, [trial.id])
    assert reply.kind == "answer" and reply.text.startswith(start), reply.text
    assert holds in reply.text
    assert reply.citations[0].section == "eligibility"


def test_within_the_limits_another_rule_is_not_answered_by_the_ages(
    answerer: RetrievalAnswerer,
) -> None:
    """'She is 17 and expecting' asks about pregnancy: the age field does not answer it."""
    reply = answerer.answer("Our 30 year old is expecting, can she still join?", [ADULTS.id])
    assert "People aged" not in reply.text


def test_a_rule_question_with_an_age_looks_past_the_age_rules() -> None:
    """'Our 17 year old is expecting': the age words leave the topic, and the rules on age or
    weight alone (checked already) are no answer to it."""
    from trialbot.retrieval.answerer import _age_weight_rules
    from trialbot.retrieval.topic import without_own_numbers

    assert without_own_numbers(frozenset({"17", "old", "expect"})) == frozenset({"expect"})
    rules = _age_weight_rules(CHILDREN)
    assert any("body weight" in r for r in rules)
    assert any(r.startswith("People aged") or "can take part" in r for r in rules)
    assert not any("body weight" in r for r in _age_weight_rules(ADULTS))
