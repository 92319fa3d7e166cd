"""The dialog over the real criteria engine (trialbot.eligibility) and both seeds."""

from __future__ import annotations

import pytest
from dialog_fakes import (
    APATINIB,
    DRAGONFLY,
    TODAY,
    FakeAnswerer,
    ListCatalog,
    MemoryStore,
)
from dialog_fakes import asks_of as _asks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.rules import CachedEligibility
from trialbot.dialog.state import DialogState
from trialbot.domain.checker import assess
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService

ANSWERS = {
    "age_years": "16", "sex": "male", "disease_status": "stable", "ecog_level": "0",
    "qtc_ms": "420 ms", "lvef_percent": "60%", "systolic_bp_mmhg": "120",
    "diastolic_bp_mmhg": "80", "last_major_surgery": "3 months ago",
}  # fmt: skip
YES = {"histology_confirmed", "swallow_tablets", "recovered_from_side_effects",
       "agrees_to_contraception", "measurable_disease"}  # fmt: skip


@pytest.fixture(scope="module")
def rules() -> CachedEligibility:
    """The real engine, loaded once."""
    return CachedEligibility()


@pytest.fixture
def service(seeds: list[Trial], rules: CachedEligibility) -> ConversationService:
    """The service over the real engine."""
    return ConversationService(
        ListCatalog(seeds), MemoryStore(), FakeAnswerer(), today=lambda: TODAY, rules=rules
    )


def _walk(service: ConversationService, trials: list[str], overrides: dict[str, str]) -> Turn:
    turn = service.handle(Incoming(conversation_id="r", text="/start", trials=trials))
    for _ in range(80):
        fact = _asks(turn)
        if fact is None:
            return turn
        if fact in overrides:
            text = overrides[fact]
        elif fact in ANSWERS:
            text = ANSWERS[fact]
        elif fact.startswith("last_") or fact == "other_cancer":
            text = "never"
        else:
            text = "yes" if fact in YES else "no"
        turn = service.handle(Incoming(conversation_id="r", text=text))
    raise AssertionError("the walk did not end")


def test_cached_assessment_equals_the_checker(seeds: list[Trial], rules: CachedEligibility) -> None:
    """Outcome caching never changes a verdict or a reason."""
    profiles = [{}, {"age_years": 40}, {"age_years": 16, "sex": "female", "pregnant": True}]
    for trial in seeds:
        for profile in profiles:
            direct = assess(trial.id, rules.criteria(trial), profile, TODAY)
            assert rules.assess(trial, profile, TODAY) == direct
            assert rules.assess(trial, profile, TODAY) == direct


@pytest.mark.parametrize(
    ("trial", "overrides", "verdict", "word"),
    [
        (DRAGONFLY, {"age_years": "35"}, "ineligible", "30"),
        (DRAGONFLY, {"sex": "female", "pregnant": "yes"}, "ineligible", "pregnant"),
        (DRAGONFLY, {"prior_mifamurtide": "yes"}, "ineligible", "mifamurtide"),
        (DRAGONFLY, {"qtc_ms": "Yes, my QTc was 500 ms"}, "ineligible", "480"),
        (DRAGONFLY, {}, "likely_eligible", "may be eligible"),
        (APATINIB, {"age_years": "70"}, "ineligible", "65"),
        (APATINIB, {"prior_apatinib": "yep"}, "ineligible", "apatinib"),
        (APATINIB, {"disease_status": "growing"}, "likely_eligible", "study team"),
    ],
)
def test_seed_paths(
    service: ConversationService, trial: str, overrides: dict[str, str], verdict: str, word: str
) -> None:
    """Each seed's exclusion and inclusion paths end in the right verdict with a plain summary."""
    turn = _walk(service, [trial], overrides)
    assert turn.verdicts[trial] == verdict
    text = "\n".join(r.text for r in turn.replies).lower()
    assert word.lower() in text and "you are eligible" not in text
    assert any(r.kind == "summary" for r in turn.replies)


def test_not_sure_leaves_trial_open(service: ConversationService) -> None:
    """Answering 'not sure' to the medical questions leaves the trial undetermined."""
    everything_unsure = dict.fromkeys(["histology_confirmed", "prior_mifamurtide"], "not sure")
    turn = _walk(service, [DRAGONFLY], everything_unsure)
    assert turn.verdicts[DRAGONFLY] == "undetermined"


def test_both_seeds_ask_each_fact_once(service: ConversationService) -> None:
    """With both seeds in scope every fact is asked at most once."""
    asked: list[str] = []
    turn = service.handle(
        Incoming(conversation_id="b", text="/start", trials=[DRAGONFLY, APATINIB])
    )
    while (fact := _asks(turn)) is not None and len(asked) < 80:
        asked.append(fact)
        text = ANSWERS.get(fact, "never" if fact.startswith("last_") else "no")
        turn = service.handle(Incoming(conversation_id="b", text=text))
    assert len(asked) == len(set(asked))


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(st.text(), min_size=1, max_size=5))
def test_engine_itself_never_raises(
    seeds: list[Trial], rules: CachedEligibility, texts: list[str]
) -> None:
    """The dialog engine (not just the service's safety net) handles any text in any script."""
    engine = DialogEngine(ListCatalog(seeds), FakeAnswerer(), rules=rules, today=lambda: TODAY)
    state = DialogState()
    engine.step(state, "/start")
    for text in texts:
        result = engine.step(state, text)
        assert result.replies or state.finished
        engine.step(state, None, button=text)


def test_incremental_assessment_equals_the_checker(
    seeds: list[Trial], rules: CachedEligibility
) -> None:
    """Re-checking only criteria whose facts changed gives exactly the checker's answer."""
    from trialbot.dialog.assessing import ScopeAssessor, changed_facts

    assessor = ScopeAssessor(rules)
    steps: list[dict[str, object]] = [
        {},
        {"age_years": 20},
        {"age_years": 20, "sex": "female"},
        {"age_years": 20, "sex": "female", "pregnant": True},
        {"age_years": 31, "sex": "female", "pregnant": True},  # a correction
        {"age_years": 31, "sex": "male"},  # pregnancy dropped with the new sex
        {"age_years": 31, "sex": "male", "last_blood_clot": "2026-10-01", "qtc_ms": 500},
        {"age_years": 1, "sex": "male", "last_blood_clot": "never", "qtc_ms": "unknown"},
    ]
    for profile in steps:
        got = assessor.assess(seeds, profile, TODAY, key="k")  # type: ignore[arg-type]
        for trial in seeds:
            expected = assess(trial.id, rules.criteria(trial), profile, TODAY)  # type: ignore[arg-type]
            assert got[trial.id] == expected, (trial.id, profile)
    assert changed_facts({"a": 1}, {"a": True}) == {"a"}
    assert changed_facts({"a": 1, "b": 2}, {"b": 2, "c": 3}) == {"a", "c"}
