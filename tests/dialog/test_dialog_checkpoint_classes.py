"""A trial with an anti-PD-1/PD-L1 exclusion and an "any immune checkpoint inhibitor" exclusion,
read by the real engine: each fact is asked once, a yes to pembrolizumab (or to the PD-(L)1
class) answers both exclusions, and an ipilimumab-only patient is excluded by the checkpoint
exclusion only, never by the anti-PD-1 one."""

from __future__ import annotations

import pytest
from dialog_fakes import TODAY, FakeAnswerer, ListCatalog, MemoryStore
from dialog_fakes import asks_of as _asks

from trialbot.dialog.rules import CachedEligibility
from trialbot.domain.checker import assess
from trialbot.domain.trial import CriterionText, Trial
from trialbot.domain.turn import Incoming
from trialbot.service import ConversationService

TRIAL_ID = "NCT00000001"


def _trial(*exclusions: str) -> Trial:
    criteria = [CriterionText(id="inc-1", kind="inclusion", text="Age 18 years or older")]
    criteria += [
        CriterionText(id=f"exc-{n}", kind="exclusion", text=text)
        for n, text in enumerate(exclusions, 1)
    ]
    return Trial(id=TRIAL_ID, registry="ctgov", title="A checkpoint study", criteria=criteria)


BOTH = _trial(
    "Any prior treatment with an anti-PD-1 or anti-PD-L1 agent.",
    "Prior treatment with any immune checkpoint inhibitor",
)
PD1_ONLY = _trial("Any prior treatment with an anti-PD-1 or anti-PD-L1 agent.")


@pytest.fixture(scope="module")
def rules() -> CachedEligibility:
    return CachedEligibility()


def _walk(trial: Trial, rules: CachedEligibility, yes: set[str]) -> tuple[list[str], str]:
    service = ConversationService(
        ListCatalog([trial]), MemoryStore(), FakeAnswerer(), today=lambda: TODAY, rules=rules
    )
    turn = service.handle(Incoming(conversation_id="c", text="/start", trials=[TRIAL_ID]))
    asked: list[str] = []
    for _ in range(40):
        fact = _asks(turn)
        if fact is None:
            break
        asked.append(fact)
        if fact == "age_years":
            text = "50"
        elif fact.startswith("last_"):
            text = "never"
        else:
            text = "yes" if fact in yes else "no"
        turn = service.handle(Incoming(conversation_id="c", text=text))
        if _asks(turn) == fact:  # a read-back to confirm
            turn = service.handle(Incoming(conversation_id="c", text="yes"))
    return asked, turn.verdicts[TRIAL_ID]


@pytest.mark.parametrize(
    "yes",
    [
        {"prior_pd1_inhibitor", "prior_pembrolizumab", "prior_checkpoint_inhibitor"},
        {"prior_checkpoint_inhibitor"},  # ipilimumab only: no to PD-(L)1, yes to checkpoint
        set(),
    ],
)
def test_each_fact_is_asked_once(rules: CachedEligibility, yes: set[str]) -> None:
    asked, verdict = _walk(BOTH, rules, yes)
    assert len(asked) == len(set(asked)), asked
    if "prior_pd1_inhibitor" in asked and "prior_pd1_inhibitor" in yes:
        # the PD-(L)1 yes answered the checkpoint exclusion too
        after = asked[asked.index("prior_pd1_inhibitor") :]
        assert "prior_checkpoint_inhibitor" not in after, asked
    assert verdict == ("ineligible" if yes else "likely_eligible")


def test_the_class_yes_excludes_through_both_readings(rules: CachedEligibility) -> None:
    criteria = rules.criteria(BOTH)
    for facts in ({"prior_pembrolizumab": True}, {"prior_pd1_inhibitor": True}):
        outcome = assess(TRIAL_ID, criteria, {"age_years": 50, **facts}, TODAY)
        assert outcome.verdict == "ineligible", facts


def test_an_ipilimumab_only_patient_is_not_excluded_by_the_anti_pd1_trial(
    rules: CachedEligibility,
) -> None:
    ipilimumab = {"age_years": 50, "prior_ipilimumab": True, "prior_checkpoint_inhibitor": True}
    outcome = assess(TRIAL_ID, rules.criteria(PD1_ONLY), ipilimumab, TODAY)
    assert outcome.verdict != "ineligible"
    outcome = assess(TRIAL_ID, rules.criteria(BOTH), ipilimumab, TODAY)
    assert outcome.verdict == "ineligible"
