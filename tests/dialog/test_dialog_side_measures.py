"""Measured facts said on the side of another question in the question-by-question walk ("I weigh
60 kg" or "my blood pressure is 120/80" to the age question, "he is fully active", "I had chemo
last month") are kept, read with the readers of their own questions, and never count as a failed
answer nor as the asked fact; one that would exclude is read back first, and an ambiguous
sentence stores nothing."""

from __future__ import annotations

import datetime as dt

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
)
from dialog_fakes import asks_of as _asks
from dialog_fakes import replies_text as _text

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService

WEIGHT_LIMIT = StructuredCriterion.model_validate(
    {
        "id": "exc-9",
        "kind": "exclusion",
        "text": "Body weight under 40 kg.",
        "concept": "weight_kg",
        "needs_review": False,
        "condition": {"op": "cmp", "fact": "weight_kg", "cmp": "<", "value": 40},
        "facts": ["weight_kg"],
    }
)


@pytest.fixture
def service(seeds: list[Trial]) -> ConversationService:
    """The seeds, the apatinib trial with a weight limit added."""
    criteria = {**SEED_CRITERIA, APATINIB: [*APATINIB_CRITERIA, WEIGHT_LIMIT]}
    return ConversationService(
        ListCatalog(seeds), MemoryStore(), FakeAnswerer(), today=lambda: TODAY,
        rules=SeedRules(criteria),
    )  # fmt: skip


def _walk(service: ConversationService, cid: str, *messages: str) -> Turn:
    """Start the apatinib walk (the age is asked first), then send `messages`."""
    service.handle(Incoming(conversation_id=cid, text="/start", trials=[APATINIB]))
    turn = service.handle(Incoming(conversation_id=cid, text="can I join?"))
    assert _asks(turn) == "age_years"
    for text in messages:
        turn = service.handle(Incoming(conversation_id=cid, text=text))
    return turn


def _facts(service: ConversationService, cid: str) -> dict[str, object]:
    view = service.view(cid)
    assert view is not None
    return dict(view.facts)


@pytest.mark.parametrize(
    "message",
    ["my blood pressure is 120/80", "BP 120 over 80", "Blood pressure: 120/80.",
     "oh and my blood pressure is 120/80 by the way"],
)  # fmt: skip
def test_a_blood_pressure_said_to_the_age_question_is_kept_and_is_no_age(
    service: ConversationService, message: str
) -> None:
    """The "120" of "120/80" was read back as the age (120 years); now both numbers are kept,
    said back, and the age asked again, with no failed answer."""
    turn = _walk(service, "bp", message)
    assert _asks(turn) == "age_years" and "Sorry" not in _text(turn) and "You said" in _text(turn)
    facts = _facts(service, "bp")
    assert facts["systolic_bp_mmhg"] == 120 and facts["diastolic_bp_mmhg"] == 80
    assert "age_years" not in facts


def test_a_blood_pressure_and_an_age_in_one_message_are_both_kept(
    service: ConversationService,
) -> None:
    turn = _walk(service, "bp-age", "I'm 30, and my blood pressure is 120/80")
    facts = _facts(service, "bp-age")
    assert facts["age_years"] == 30 and facts["systolic_bp_mmhg"] == 120
    assert _asks(turn) != "age_years"


@pytest.mark.parametrize("message", ["my blood pressure is 150/95", "bp 150 over 95"])
def test_an_excluding_blood_pressure_on_the_side_is_read_back_first(
    service: ConversationService, message: str
) -> None:
    """150/95 rules the trial out (systolic >= 140): read back, kept only after a yes."""
    turn = _walk(service, f"bp-high-{message}", message)
    assert "So:" in turn.replies[-1].text and "150" in turn.replies[-1].text
    assert "systolic_bp_mmhg" not in _facts(service, f"bp-high-{message}")
    turn = service.handle(Incoming(conversation_id=f"bp-high-{message}", text="yes"))
    facts = _facts(service, f"bp-high-{message}")
    assert facts["systolic_bp_mmhg"] == 150 and facts["diastolic_bp_mmhg"] == 95
    assert "age_years" not in facts


@pytest.mark.parametrize("message", ["I weigh 60 kg", "weight 60kg", "I weigh sixty kilos"])
def test_a_weight_said_to_the_age_question_is_kept(
    service: ConversationService, message: str
) -> None:
    turn = _walk(service, "w", message)
    assert _asks(turn) == "age_years" and "Sorry" not in _text(turn)
    facts = _facts(service, "w")
    assert facts["weight_kg"] == 60 and "age_years" not in facts


def test_a_weight_without_its_unit_is_read_back(service: ConversationService) -> None:
    """ "I weigh 60": kilograms or pounds is not said, so it is read back (never the age)."""
    turn = _walk(service, "w-bare", "I weigh 60")
    assert "So:" in turn.replies[-1].text and "60 kg" in turn.replies[-1].text
    assert "age_years" not in turn.replies[-1].text
    service.handle(Incoming(conversation_id="w-bare", text="yes"))
    assert _facts(service, "w-bare") == {"weight_kg": 60}


def test_an_excluding_weight_is_read_back(service: ConversationService) -> None:
    turn = _walk(service, "w-low", "I weigh 35 kg")
    assert "So:" in turn.replies[-1].text and "35 kg" in turn.replies[-1].text
    assert "weight_kg" not in _facts(service, "w-low")


@pytest.mark.parametrize(
    "message",
    ["I used to weigh 80 kg", "I weigh 60 kg or 62 kg", "my target weight is 60 kg",
     "I lost 5 kg", "my blood pressure is maybe 150/95", "my blood pressure is not 150/95",
     "my blood pressure should be under 140/90", "I used to weigh 130 lbs", "my bp is 140",
     "I weigh 130 lbs or 140 lbs", "it cost me 50 pounds to park"],
)  # fmt: skip
def test_an_ambiguous_side_sentence_stores_nothing(
    service: ConversationService, message: str
) -> None:
    """A wish, a past, a doubt, a "not", two values, another unit, one number of a blood pressure
    or another person: nothing is stored, and its number is not taken as the age either."""
    turn = _walk(service, "amb", message)
    assert _asks(turn) == "age_years" and "So:" not in _text(turn)
    assert _facts(service, "amb") == {}


def test_the_weight_of_a_bystander_is_not_the_patients(service: ConversationService) -> None:
    """ "I'm 40 and my mum weighs 80 kg": the person is the patient, the weight is the mum's."""
    _walk(service, "mum", "I'm 40 and my mum weighs 80 kg")
    facts = _facts(service, "mum")
    assert facts["age_years"] == 40 and "weight_kg" not in facts


@pytest.mark.parametrize(
    ("message", "level"),
    [("he is fully active", "0"), ("he can't do heavy work", "1"), ("she is bedridden", "4")],
)
def test_a_daily_life_said_on_the_side_is_read_back(
    service: ConversationService, message: str, level: str
) -> None:
    """Daily-life words on the side are read back, as a typed daily-life answer is."""
    turn = _walk(service, f"ecog-{level}", message)
    assert "So:" in turn.replies[-1].text and "daily life" in turn.replies[-1].text
    assert "ecog_level" not in _facts(service, f"ecog-{level}")
    service.handle(Incoming(conversation_id=f"ecog-{level}", text="yes"))
    assert _facts(service, f"ecog-{level}")["ecog_level"] == level


def test_words_that_rule_the_level_out_store_no_level(service: ConversationService) -> None:
    turn = _walk(service, "ecog-not", "he is not fully active")
    assert "ecog_level" not in _facts(service, "ecog-not") and "So:" not in _text(turn)


@pytest.mark.parametrize(
    ("message", "when"),
    [("I had chemo last month", dt.date(2026, 10, 21)),
     ("my last chemo was 3 weeks ago", dt.date(2026, 10, 31))],
)  # fmt: skip
def test_a_treatment_date_said_on_the_side_is_kept(
    service: ConversationService, message: str, when: dt.date
) -> None:
    """ "I had chemo last month" kept only "treated before"; now the date too (and "3 weeks" is
    no age)."""
    turn = _walk(service, "chemo", message)
    assert _asks(turn) == "age_years" and "Sorry" not in _text(turn)
    facts = _facts(service, "chemo")
    assert facts["last_anticancer_therapy"] == when.isoformat() and "age_years" not in facts


@pytest.mark.parametrize(
    "message", ["I'm having chemo next month", "my dad had chemo last month", "chemo maybe in May"]
)
def test_an_unclear_treatment_date_is_not_kept(service: ConversationService, message: str) -> None:
    _walk(service, "chemo-unclear", message)
    assert "last_anticancer_therapy" not in _facts(service, "chemo-unclear")


def test_a_drug_taken_now_is_kept_and_is_no_failed_answer(service: ConversationService) -> None:
    turn = _walk(service, "drug", "I'm on tamoxifen")
    assert _asks(turn) == "age_years" and "Sorry" not in _text(turn)
    assert _facts(service, "drug")["prior_tamoxifen"] is True


def test_the_asked_measure_is_read_by_its_own_question(service: ConversationService) -> None:
    """Asked the weight, "I weigh 60 kg" is its answer as before (no side reading of it)."""
    turn = _walk(service, "asked", "30", "male")
    for _ in range(8):
        if _asks(turn) == "weight_kg":
            break
        turn = service.handle(Incoming(conversation_id="asked", text="not sure"))
    assert _asks(turn) == "weight_kg"
    service.handle(Incoming(conversation_id="asked", text="I weigh 60 kg"))
    assert _facts(service, "asked")["weight_kg"] == 60


def test_an_answer_to_the_question_while_a_side_fact_waits_keeps_both(
    service: ConversationService,
) -> None:
    """ "my blood pressure is 150/95" is read back; "30" typed instead of yes/no answered the age
    and dropped the read-back unseen (the next "yes" was a failed answer). Now the age counts,
    the read-back is asked again, and a yes keeps the blood pressure."""
    turn = _walk(service, "beside", "my blood pressure is 150/95", "30")
    assert "So:" in turn.replies[-1].text and "150" in turn.replies[-1].text
    assert _facts(service, "beside") == {"age_years": 30}
    turn = service.handle(Incoming(conversation_id="beside", text="yes"))
    assert "Sorry" not in _text(turn)
    facts = _facts(service, "beside")
    assert facts["systolic_bp_mmhg"] == 150 and facts["age_years"] == 30


def test_an_excluding_answer_beside_a_read_back_is_read_back_with_it(
    service: ConversationService,
) -> None:
    """An age that rules the trial out (70, over 65) is read back together with the waiting
    blood pressure; "no" keeps neither."""
    turn = _walk(service, "beside-70", "my blood pressure is 150/95", "70")
    assert "150" in turn.replies[-1].text and "70 years" in turn.replies[-1].text
    service.handle(Incoming(conversation_id="beside-70", text="no"))
    assert {"age_years", "systolic_bp_mmhg"}.isdisjoint(_facts(service, "beside-70"))


def _to_hepatitis(service: ConversationService, cid: str) -> Turn:
    """The mifamurtide walk up to "Do you have hepatitis B ...?"."""
    service.handle(Incoming(conversation_id=cid, text="/start", trials=[DRAGONFLY]))
    turn = None
    for text in ("can I join?", "20", "female", "no", "no", "stable"):
        turn = service.handle(Incoming(conversation_id=cid, text=text))
    assert turn is not None and _asks(turn) == "hepatitis_b"
    return turn


@pytest.mark.parametrize("message", ["I'm on tamoxifen", "I am taking sorafenib"])
def test_a_drug_taken_is_no_yes_to_an_illness_question(
    service: ConversationService, message: str
) -> None:
    """ "I'm on tamoxifen" to "Do you have hepatitis B?" was read back as "hepatitis B: yes"
    ("I'm" reads as a yes); the drug is kept on the side and the question asked again."""
    cid = f"drug-hep-{message}"
    _to_hepatitis(service, cid)
    turn = service.handle(Incoming(conversation_id=cid, text=message))
    assert _asks(turn) == "hepatitis_b" and "So:" not in _text(turn)
    assert "hepatitis_b" not in _facts(service, cid)


def test_a_side_fact_is_no_yes_to_a_waiting_read_back(service: ConversationService) -> None:
    """ "So: hepatitis B: yes?" then "I had chemo last month": it read as the same yes again and
    stored hepatitis B; the chemo date is kept and the hepatitis question asked again."""
    _to_hepatitis(service, "hep-rb")
    assert "So:" in _text(service.handle(Incoming(conversation_id="hep-rb", text="yes, I have it")))
    turn = service.handle(Incoming(conversation_id="hep-rb", text="I had chemo last month"))
    facts = _facts(service, "hep-rb")
    assert "hepatitis_b" not in facts and facts["last_anticancer_therapy"] == "2026-10-21"
    assert _asks(turn) == "hepatitis_b"


@pytest.mark.parametrize(
    ("message", "kg", "said"),
    [("I weigh 150 lbs", 68, "150 lb"), ("165 pounds", 74.8, "165 lb"),
     ("my weight is 150lbs", 68, "150 lb"), ("I weigh 11 stone 4", 71.7, "11 stone 4 lb")],
)  # fmt: skip
def test_a_weight_in_pounds_on_the_side_is_converted_and_read_back(
    service: ConversationService, message: str, kg: float, said: str
) -> None:
    """ "I weigh 150 lbs" to the age question was turned down; it is converted with pint to kg,
    read back with what the person said, kept once confirmed, and is never the age."""
    cid = f"lbs-{message}"
    turn = _walk(service, cid, message)
    assert f"the weight: {kg} kg (you said {said})" in turn.replies[-1].text
    assert _facts(service, cid) == {}
    turn = service.handle(Incoming(conversation_id=cid, text="yes"))
    assert _facts(service, cid) == {"weight_kg": kg} and _asks(turn) == "age_years"


def test_an_excluding_weight_in_pounds_excludes_only_once_confirmed(
    service: ConversationService,
) -> None:
    """70 lb is 31.8 kg, under the trial's 40 kg: read back, and the trial is ruled out only
    after the yes."""
    turn = _walk(service, "lbs-low", "I weigh 70 lbs")
    assert "31.8 kg (you said 70 lb)" in turn.replies[-1].text
    assert turn.verdicts[APATINIB] != "ineligible"
    turn = service.handle(Incoming(conversation_id="lbs-low", text="yes"))
    assert turn.verdicts[APATINIB] == "ineligible"


def test_an_age_and_a_weight_in_pounds_in_one_message(service: ConversationService) -> None:
    """ "I'm 40 and I weigh 150 lbs": both read back together, both kept after the yes."""
    turn = _walk(service, "lbs-age", "I'm 40 and I weigh 150 lbs")
    assert "68 kg (you said 150 lb)" in turn.replies[-1].text
    service.handle(Incoming(conversation_id="lbs-age", text="yes"))
    assert _facts(service, "lbs-age") == {"age_years": 40, "weight_kg": 68}
