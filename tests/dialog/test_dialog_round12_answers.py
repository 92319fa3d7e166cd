"""Free-text answers that were stored as the wrong fact, or not at all (round 12 of the audit):

1. a correction after a read-back or an answer ("no, I said 3 lines not 2", "that's wrong ...
   I mean I had 2 operations") changes the fact it names, never answers the question pending
   with its "no" nor is dropped with it;
2. everyday words for daily life ("I can still work part time") give the ECOG level they leave,
   read back, and two levels left are offered as the two, never guessed;
3. "130 over 80 on my tablets" is both numbers, and the answer to "high blood pressure that stays
   high even with medicine?";
4. facts of a first message are said back and not asked again;
5. a relative ("my mother", "she") is spoken of in every question, never "you";
6. "no, but I am breastfeeding" to the pregnancy question is both facts.
"""

from __future__ import annotations

import re

import pytest
from dialog_fakes import (
    APATINIB,
    APATINIB_CRITERIA,
    DRAGONFLY,
    SEED_CRITERIA,
    TODAY,
    FakeAnswerer,
    ListCatalog,
    MemoryStore,
    SeedRules,
    _criterion,
    _leaf,
)
from dialog_fakes import asks_of as _asks
from dialog_fakes import facts_in_view as _facts
from dialog_fakes import replies_text as _text

from trialbot.dialog.fitting import fitted_spec
from trialbot.dialog.state import DialogState
from trialbot.dialog.texts import Texts
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.eligibility import fact_specs
from trialbot.service import ConversationService

LINES_LIMIT = _criterion(
    "exc-8",
    "exclusion",
    "More than 2 prior lines of systemic therapy.",
    _leaf("cmp", "prior_lines_of_therapy", cmp=">", value=2),
)
UNCONTROLLED_BP = _criterion(
    "exc-9",
    "exclusion",
    "Hypertension not controlled by medication.",
    _leaf("true", "high_blood_pressure"),
)
PLAIN = {  # button words, so nothing is read back on the way
    "age_years": "30", "sex": "female", "ecog_level": "0", "systolic_bp_mmhg": "120",
    "diastolic_bp_mmhg": "80", "prior_lines_of_therapy": "1", "pregnant": "no",
    "breastfeeding": "no", "disease_status": "stable",
}  # fmt: skip


@pytest.fixture
def service(seeds: list[Trial]) -> ConversationService:
    """The seeds; the apatinib trial also limits earlier lines and uncontrolled blood pressure."""
    criteria = {**SEED_CRITERIA, APATINIB: [*APATINIB_CRITERIA, LINES_LIMIT, UNCONTROLLED_BP]}
    return ConversationService(
        ListCatalog(seeds), MemoryStore(), FakeAnswerer(), today=lambda: TODAY,
        rules=SeedRules(criteria),
    )  # fmt: skip


def _say(service: ConversationService, text: str, trials: list[str] | None = None) -> Turn:
    return service.handle(Incoming(conversation_id="t", text=text, trials=trials))


def _walk_to(service: ConversationService, target: str, trial: str = APATINIB) -> Turn:
    """Answer plainly until `target` is asked."""
    turn = _say(service, "/start", trials=[trial])
    for _ in range(20):
        asks = _asks(turn)
        if asks == target:
            return turn
        assert asks is not None, f"{target} was never asked"
        turn = _say(service, PLAIN.get(asks, "no"))
    raise AssertionError(f"{target} was never asked")


def _reads_back(turn: Turn) -> bool:
    return "Is that right?" in _text(turn)


# 1. Corrections ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "correction",
    ["no, I said 2 lines not 3", "that's wrong, it was 2", "no, 2",
     "that's wrong, it was my left breast... I mean I had 2 operations",
     "not 3 but 2 lines", "you got it wrong, I had 2 lines"],
)  # fmt: skip
def test_a_correction_of_a_read_back_changes_the_fact(
    service: ConversationService, correction: str
) -> None:
    """Before: "that's wrong, it was 2" to "So: 3 lines. Is that right?" was only a "no" (the 2
    dropped, the question asked again). Now the 2 is the answer, said back, and the walk goes on."""
    _walk_to(service, "prior_lines_of_therapy")
    assert _reads_back(_say(service, "3 lines"))  # 3 excludes: read back
    turn = _say(service, correction)
    assert _facts(service)["prior_lines_of_therapy"] == 2
    assert "changed your answer" in _text(turn) and _asks(turn) != "prior_lines_of_therapy"


@pytest.mark.parametrize(
    "correction", ["no, I said 2 lines not 1", "sorry, it was 2 lines not 1", "2 lines, not 1"]
)
def test_a_correction_after_the_answer_is_no_answer_to_the_next_question(
    service: ConversationService, correction: str
) -> None:
    """Before: "no, I said 2 lines not 1" typed at the next yes/no question (high blood
    pressure) was taken as its "no", and the lines stayed 1. Now the lines change, the blood
    pressure question is asked again, unanswered."""
    _walk_to(service, "prior_lines_of_therapy")
    assert _asks(_say(service, "1")) == "high_blood_pressure"
    turn = _say(service, correction)
    facts = _facts(service)
    assert facts["prior_lines_of_therapy"] == 2 and "high_blood_pressure" not in facts
    assert "changed your answer" in _text(turn) and _asks(turn) == "high_blood_pressure"


def test_a_correction_that_would_exclude_is_read_back(service: ConversationService) -> None:
    _walk_to(service, "prior_lines_of_therapy")
    _say(service, "2")
    turn = _say(service, "no, I said 3 lines not 2")
    assert _reads_back(turn) and "3 lines" in _text(turn)
    assert _facts(service)["prior_lines_of_therapy"] == 2 and "high_blood_pressure" not in _facts(
        service
    )
    _say(service, "yes")
    assert _facts(service)["prior_lines_of_therapy"] == 3


def test_a_correction_after_the_summary_changes_the_fact(service: ConversationService) -> None:
    """Before: after the summary "no, I said 1 line not 2" only got "Type /restart"."""
    _walk_to(service, "prior_lines_of_therapy")
    _say(service, "2")
    turn = _say(service, "no")
    assert _asks(turn) is None
    turn = _say(service, "no, I said 1 line not 2")
    assert _facts(service)["prior_lines_of_therapy"] == 1 and "changed your answer" in _text(turn)


def test_a_plain_no_to_a_read_back_still_asks_again(service: ConversationService) -> None:
    _walk_to(service, "prior_lines_of_therapy")
    _say(service, "3 lines")
    for reply in ("no", "that's wrong"):
        turn = _say(service, reply)
        assert "fix it" in _text(turn) and _asks(turn) == "prior_lines_of_therapy"
        assert "prior_lines_of_therapy" not in _facts(service)
        _say(service, "3 lines")


def test_the_slip_rule_still_holds(service: ConversationService) -> None:
    """ "sorry I meant yes" still corrects the last yes/no answer, "sorry, no" still answers."""
    _walk_to(service, "breastfeeding", trial=DRAGONFLY)
    turn = _say(service, "sorry I meant yes")
    assert "pregnant now" in _text(turn) and "breastfeeding" not in _facts(service)
    _say(service, "no")  # the read-back of the pregnancy: no, let me fix it
    service.handle(Incoming(conversation_id="u", text="/start", trials=[DRAGONFLY]))
    for text in ("20", "female", "no"):
        service.handle(Incoming(conversation_id="u", text=text))
    service.handle(Incoming(conversation_id="u", text="sorry, no"))
    facts = _facts(service, "u")
    assert facts["breastfeeding"] is False and facts["pregnant"] is False


# 6. Pregnancy and breastfeeding in one answer ---------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    ["no, but I am breastfeeding", "not pregnant but I'm breastfeeding",
     "no but breastfeeding my baby", "No. But I'm still breastfeeding", "no, I'm breastfeeding"],
)  # fmt: skip
def test_no_but_breastfeeding_is_both_facts(service: ConversationService, answer: str) -> None:
    """Before: the pregnancy was kept as no and the breastfeeding question asked next, the
    breastfeeding said dropped. Now both are read back (a breastfeeding excludes) and kept."""
    _walk_to(service, "pregnant", trial=DRAGONFLY)
    turn = _say(service, answer)
    assert _reads_back(turn) and "breastfeeding: yes" in _text(turn)
    _say(service, "yes")
    facts = _facts(service)
    assert facts["pregnant"] is False and facts["breastfeeding"] is True


@pytest.mark.parametrize(
    "answer",
    ["no, and not breastfeeding either", "no, but I was breastfeeding until last year",
     "no, I'm nursing", "no, I'm not breastfeeding", "no, maybe breastfeeding"],
)  # fmt: skip
def test_breastfeeding_not_said_now_is_no_yes(service: ConversationService, answer: str) -> None:
    """A "not", another time, a doubt or "nursing" (a job too) is no breastfeeding yes."""
    _walk_to(service, "pregnant", trial=DRAGONFLY)
    _say(service, answer)
    assert _facts(service).get("breastfeeding") is not True


# 2. Daily life (ECOG) in everyday words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "label"),
    [
        ("I'm in bed most of the day", "In bed or a chair more than half the day"),
        ("I spend most of the day in bed", "In bed or a chair more than half the day"),
        ("I look after myself but can't work", "but can't do even light"),
        ("I can't work but I look after myself", "but can't do even light"),
        ("I work part time but can't do heavy stuff", "Can't do heavy work"),
        ("I do everything I used to", "Fully active, no limits"),
        ("I need help with everything", "In bed or a chair all day"),
        ("I'm in bed all day", "In bed or a chair all day"),
    ],
)
def test_everyday_daily_life_words_give_their_level_read_back(
    service: ConversationService, answer: str, label: str
) -> None:
    """Before: "I do everything I used to" and "I need help with everything" were not
    understood. Every typed level is read back before it counts."""
    _walk_to(service, "ecog_level")
    turn = _say(service, answer)
    assert _reads_back(turn) and label in _text(turn)
    assert "ecog_level" not in _facts(service)


@pytest.mark.parametrize(
    "answer",
    ["I can still work part time", "I still work full time", "I'm still working",
     "I go to the office every day"],
)  # fmt: skip
def test_work_leaves_two_levels_and_both_are_offered(
    service: ConversationService, answer: str
) -> None:
    """Before: "I can still work part time" got "Sorry, I did not understand that answer" and
    all five choices. Working rules out levels 2-4 but fits 0 and 1 alike: the two are offered
    (with "not sure"), nothing is stored, nothing counts as a failed answer."""
    _walk_to(service, "ecog_level")
    turn = _say(service, answer)
    values = [b.value.split("#")[0] for r in turn.replies for b in r.buttons]
    assert values == ["0", "1", "unknown"] and "did not understand" not in _text(turn)
    assert "ecog_level" not in _facts(service)
    ones = [b.value for r in turn.replies for b in r.buttons if b.value.startswith("1#")]
    service.handle(Incoming(conversation_id="t", button=ones[0]))
    assert _facts(service)["ecog_level"] == "1"


def test_a_relative_working_part_time_is_offered_the_two_too(
    service: ConversationService,
) -> None:
    _say(service, "/start", trials=[APATINIB])
    _say(service, "I'm asking for my mother")
    assert _asks(_say(service, "64")) == "ecog_level"
    turn = _say(service, "she can still work part time")
    assert [b.value.split("#")[0] for r in turn.replies for b in r.buttons] == ["0", "1", "unknown"]


@pytest.mark.parametrize(
    "answer", ["I'm in bed most of the day but I can wash myself", "I'm fine but can't work"]
)
def test_words_that_contradict_themselves_are_never_guessed(
    service: ConversationService, answer: str
) -> None:
    _walk_to(service, "ecog_level")
    turn = _say(service, answer)
    assert "ecog_level" not in _facts(service) and _asks(turn) == "ecog_level"


# 3. A blood pressure reading on medicine --------------------------------------------------------


@pytest.fixture
def bp_service(seeds: list[Trial]) -> ConversationService:
    """The apatinib trial with only the uncontrolled blood pressure (no numbers asked first)."""
    kept = [c for c in APATINIB_CRITERIA if "systolic_bp_mmhg" not in c.facts]
    criteria = {**SEED_CRITERIA, APATINIB: [*kept, UNCONTROLLED_BP]}
    return ConversationService(
        ListCatalog(seeds), MemoryStore(), FakeAnswerer(), today=lambda: TODAY,
        rules=SeedRules(criteria),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("answer", "top", "bottom", "uncontrolled"),
    [
        ("130 over 80 on my tablets", 130, 80, False),
        ("130/80 on my tablets", 130, 80, False),
        ("yes, but it's 130 over 80 on my tablets", 130, 80, False),
        ("my bp is 130/80 with medication", 130, 80, False),
        ("about 125 over 75 on medication", 125, 75, False),
        ("150 over 95 on my tablets", 150, 95, True),
        ("120/70", 120, 70, False),
    ],
)
def test_a_reading_on_tablets_answers_the_blood_pressure_question(
    bp_service: ConversationService, answer: str, top: int, bottom: int, uncontrolled: bool
) -> None:
    """Before: "130 over 80 on my tablets" to "high blood pressure that stays high even with
    medicine?" got "Sorry, I did not understand" and nothing was kept. Now both numbers and the
    answer are read back, and kept after a yes."""
    _walk_to(bp_service, "high_blood_pressure")
    turn = _say(bp_service, answer)
    assert _reads_back(turn) and f"{top} mmHg" in _text(turn) and f"{bottom} mmHg" in _text(turn)
    assert "high_blood_pressure" not in _facts(bp_service)
    _say(bp_service, "yes")
    facts = _facts(bp_service)
    assert facts["systolic_bp_mmhg"] == top and facts["diastolic_bp_mmhg"] == bottom
    assert facts["high_blood_pressure"] is uncontrolled


@pytest.mark.parametrize("answer", ["150/95", "150/95 before my tablets", "150 over 95, no meds"])
def test_a_high_reading_without_medicine_answers_only_the_numbers(
    bp_service: ConversationService, answer: str
) -> None:
    """High, but the question asks about medicine: the numbers are kept, the question asked
    again."""
    _walk_to(bp_service, "high_blood_pressure")
    _say(bp_service, answer)
    turn = _say(bp_service, "yes")
    facts = _facts(bp_service)
    assert facts["systolic_bp_mmhg"] == 150 and "high_blood_pressure" not in facts
    assert _asks(turn) == "high_blood_pressure"


def test_the_numbers_question_still_takes_both_numbers(service: ConversationService) -> None:
    _walk_to(service, "systolic_bp_mmhg")
    _say(service, "130 over 80 on my tablets")
    facts = _facts(service)
    assert facts["systolic_bp_mmhg"] == 130 and facts["diastolic_bp_mmhg"] == 80


# 5. A relative speaking for the patient ---------------------------------------------------------

# "you" that speaks to the person typing, not of the patient
_TO_THE_TYPER = re.compile(
    r"told you|tell you|if you do not know|^Do you know|Which country do you live in"
)


@pytest.mark.parametrize(("relation", "sex"), [("mother", "female"), ("father", "male")])
def test_no_question_about_a_relative_says_you(relation: str, sex: str) -> None:
    """Before: "Has the cancer spread to your bones?", "or are you being treated for it?",
    "Has a doctor ever told you that you had lung scarring", "(not your own cells)", "legal
    decisions for you" and the daily-life choice "can take care of myself" were said of the
    mother. Every question, help text and choice of the wording file is checked."""
    state = DialogState()
    state.facts.update({"sex": sex, "age_years": 64})
    state.relation = relation
    texts = Texts()
    wrong = []
    for spec in fact_specs().values():
        fitted = fitted_spec(spec, state, texts)
        for said in [fitted.question, fitted.help or "", *(c.label for c in fitted.choices)]:
            rest = _TO_THE_TYPER.sub("", said).replace(f"your {relation}", relation)
            if re.search(r"\b(?:you|your|yours|yourself|myself|i|i'm)\b", rest, re.IGNORECASE):
                wrong.append(f"{spec.id}: {said}")
    assert not wrong, "\n".join(wrong[:20])


def test_the_daily_life_choices_speak_of_the_mother(service: ConversationService) -> None:
    _say(service, "/start", trials=[APATINIB])
    _say(service, "I'm asking for my mother")
    turn = _say(service, "64")
    assert "your mother's days" in _text(turn) and "can take care of herself" in _text(turn)
    assert "myself" not in _text(turn)


# 4. Facts of a first message --------------------------------------------------------------------

FIRST = [
    "I'm 64, stage 4 lung cancer, had chemo and immunotherapy",
    "Hi, I'm 64 with stage 4 lung cancer. I've had chemo and immunotherapy.",
]


@pytest.mark.parametrize("first", FIRST)
def test_a_first_message_to_the_search_is_said_back_and_not_asked(first: str) -> None:
    """Before: the search kept the age, the earlier treatment and the spread but said only "I
    found 7 registered trials for lung cancer": a misreading could not be seen. Now they are said
    back, and none is asked."""
    trials = [
        Trial.model_validate(
            {"id": f"NCT0000000{i}", "registry": "ctgov", "title": "A lung cancer study",
             "conditions": ["Non-small Cell Lung Cancer"], "status": "RECRUITING"}
        )
        for i in range(7)
    ]  # fmt: skip
    service = ConversationService(
        ListCatalog(trials), MemoryStore(), FakeAnswerer(), today=lambda: TODAY
    )
    turn = _say(service, first)
    text = _text(turn)
    assert "You said: the age: 64 years" in text and "earlier treatment" in text
    facts = _facts(service)
    assert facts["age_years"] == 64 and facts["prior_cancer_treatment"] is True
    assert facts["condition"] == "lung_cancer" and facts["cancer_spread"] is True
    asked = [_asks(turn)]
    for answer in ["Leeds, UK", "not sure", "not sure", "not sure", "not sure", "not sure"]:
        asked.append(_asks(_say(service, answer)))
    assert not {"age_years", "prior_cancer_treatment", "cancer_spread"} & set(asked)


def test_a_first_message_to_one_trial_is_said_back_and_not_asked(
    service: ConversationService,
) -> None:
    turn = _say(service, FIRST[0], trials=[APATINIB])
    assert "You said: the age: 64 years, earlier treatment for this cancer: yes" in _text(turn)
    asked = [_asks(turn)]
    for _ in range(8):
        asks = asked[-1]
        if asks is None:
            break
        asked.append(_asks(_say(service, PLAIN.get(asks, "no"))))
    assert "age_years" not in asked and _facts(service)["age_years"] == 64
