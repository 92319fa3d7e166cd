"""Which question comes next, and how messages are recognized (commands, picks, questions)."""

from __future__ import annotations

from dialog_fakes import APATINIB, DRAGONFLY

from trialbot.dialog import intents
from trialbot.dialog.planner import askable_fact, next_fact
from trialbot.domain.criteria import CriterionOutcome, TrialAssessment
from trialbot.domain.facts import UNKNOWN, FactSpec
from trialbot.domain.trial import Trial


def _spec(fact_id: str, knockout: bool = False, **more: object) -> FactSpec:
    data = {"id": fact_id, "answer_type": "yes_no", "question": "?", "knockout": knockout, **more}
    return FactSpec.model_validate(data)


SPECS = {
    "age_years": _spec("age_years", knockout=True),
    "sex": _spec("sex", knockout=True),
    "pregnant": _spec("pregnant", knockout=True, asked_only_if={"sex": "female"}),
    "prior_x": _spec("prior_x"),
    "hepatitis_b": _spec("hepatitis_b"),
    "qtc_ms": _spec("qtc_ms"),
}


def _open(trial_id: str, *missing: list[str]) -> TrialAssessment:
    outcomes = [
        CriterionOutcome(
            criterion_id=f"c{i}", kind="inclusion", text="t", status="unknown", reason="",
            missing_facts=facts,
        )
        for i, facts in enumerate(missing)
    ]  # fmt: skip
    return TrialAssessment(trial_id=trial_id, verdict="undetermined", outcomes=outcomes)


def test_knockout_facts_come_first() -> None:
    """Age is asked before a trial-specific fact that appears earlier."""
    assessments = [_open("A", ["prior_x"], ["age_years"])]
    assert next_fact(assessments, SPECS, {}) == "age_years"


def test_shared_facts_before_single_trial_facts() -> None:
    """A fact two open trials need is asked before one only one trial needs."""
    assessments = [_open("A", ["prior_x"], ["hepatitis_b"]), _open("B", ["hepatitis_b"])]
    assert next_fact(assessments, SPECS, {}) == "hepatitis_b"


def test_decided_trials_ask_nothing() -> None:
    """An ineligible trial's open criteria are skipped."""
    done = _open("A", ["prior_x"]).model_copy(update={"verdict": "ineligible"})
    assert next_fact([done], SPECS, {}) is None


def test_known_and_unknown_facts_are_not_asked_again() -> None:
    """A fact answered (even "not sure") is never asked twice; nothing left -> None."""
    assert next_fact([_open("A", ["prior_x"])], SPECS, {"prior_x": UNKNOWN}) is None


def test_conditional_facts_ask_their_condition_first() -> None:
    """Pregnancy needs sex first; for a male it is never asked."""
    assert askable_fact("pregnant", SPECS, {}) == "sex"
    assert askable_fact("pregnant", SPECS, {"sex": "female"}) == "pregnant"
    assert askable_fact("pregnant", SPECS, {"sex": "male"}) is None
    assert askable_fact("pregnant", SPECS, {"sex": UNKNOWN}) == "pregnant"


def test_unknown_fact_ids_are_skipped() -> None:
    """A missing fact with no spec cannot be asked; the next one is."""
    assert next_fact([_open("A", ["no_such_fact", "qtc_ms"])], SPECS, {}) == "qtc_ms"


def test_commands() -> None:
    """Slash commands with bot suffix and argument."""
    assert intents.parse_command("/start") == intents.Command("start", "")
    assert intents.parse_command("/trials@trialbot NCT07479732") == intents.Command(
        "trials", "nct07479732"
    )
    assert intents.parse_command("start") is None


def test_questions_and_join_requests() -> None:
    """Questions are told apart from answers; join requests are recognized."""
    assert intents.is_question("how is the drug given?")
    assert intents.is_question("What does refractory mean")
    assert not intents.is_question("35")
    assert intents.wants_to_join("can my son join this study?")
    assert intents.wants_all("check all trials")
    assert intents.is_correction("sorry, I'm actually 31")
    assert intents.is_small_talk("thanks!")


def test_trials_matched_by_id_code_drug_or_condition(seeds: list[Trial]) -> None:
    """Ids and protocol codes match exactly; drugs and conditions by name."""
    by_id = intents.match_trials("is NCT07479732 open", seeds)
    assert by_id is not None and by_id.trial_ids == [APATINIB] and by_id.exact
    by_code = intents.match_trials("the DRAGONFLY trial", seeds)
    assert by_code is not None and by_code.trial_ids == [DRAGONFLY]
    by_drug = intents.match_trials("the mifamurtide study", seeds)
    assert by_drug is not None and by_drug.trial_ids == [DRAGONFLY] and not by_drug.exact
    by_condition = intents.match_trials("an osteosarcoma study", seeds)
    assert by_condition is not None and set(by_condition.trial_ids) == {DRAGONFLY, APATINIB}
    assert intents.match_trials("the weather", seeds) is None


def test_emergency_words_in_several_languages() -> None:
    """Emergency patterns catch English and a few other languages; an old stroke is no emergency."""
    from trialbot.dialog.texts import Texts

    emergency = Texts().emergency
    for text in (
        "my chest pains are back",
        "he can't breathe",
        "I feel suicidal",
        "she took an overdose",
        "Brustschmerzen",
        "боль в груди",
        "no puedo respirar",
    ):
        assert emergency.search(text.lower()), text
    assert not emergency.search("i had a stroke last year")
