"""Answers from thin records (no arms, outcomes, design or cities), on hand-made trials."""

from __future__ import annotations

from typing import Any

from trialbot.domain.trial import CriterionText, Intervention, Site, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.composer import definition_sentences
from trialbot.retrieval.intents import answers_count, answers_timing, asks_rule_timing
from trialbot.retrieval.mirror import Passage
from trialbot.retrieval.structured import answer_part, named_places


def _trial(**fields: Any) -> Trial:
    return Trial(id="NCT00000002", registry="ctgov", title="A thin trial", **fields)


THIN = _trial(
    summary=(
        "This study is the first-in-human study of Qumab. Before surgery, participants will be "
        "assigned by chance to a study group. The researchers think Qumab may decrease the need "
        "for blood transfusion. The investigators will determine the response rate at 12 weeks."
    ),
    interventions=[Intervention(name="Counseling"), Intervention(name="Qumab")],
    criteria=[
        CriterionText(id="inc-1", kind="inclusion", text="Able to take oral Qumab"),
        CriterionText(id="inc-2", kind="inclusion", text="Oral contraceptives allowed"),
    ],
    sites=[Site(country="United Kingdom"), Site(country="Germany")],
)


def test_chance_wording_answers_randomised_without_a_design_field(
    wording: dict[str, Any],
) -> None:
    """'assigned by chance' in the summary answers 'is it decided by chance?' with Yes."""
    part = ra.randomised(THIN, "Is it decided by chance which group I'm in?", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("Yes")
    assert part.citations[0].section == "summary"


def test_purpose_without_outcomes_reads_the_summary(wording: dict[str, Any]) -> None:
    """No outcome fields: 'what do they measure?' takes the 'will determine' sentence and 'what
    are they hoping to reduce?' the 'think ... may decrease' one."""
    measured = ra.purpose(THIN, "What are they mainly measuring?", wording)
    hoped = ra.purpose(THIN, "What are they hoping to reduce?", wording)
    assert isinstance(measured, ra.Part) and "response rate" in measured.text
    assert isinstance(hoped, ra.Part) and "transfusion" in hoped.text


def test_first_in_human_wording_answers_yes(wording: dict[str, Any]) -> None:
    """'Is this the first time it is given to people?' is Yes when the text says first-in-human."""
    part = ra.phase(THIN, "Is this the first time Qumab is given to people?", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("Yes")
    assert "first-in-human" in part.text


def test_route_next_to_the_drug_name_answers_how_it_is_given(wording: dict[str, Any]) -> None:
    """'oral Qumab' in a criterion says Qumab is taken by mouth; 'oral contraceptives' says
    nothing about it; the counselling has no route."""
    part = ra.how_given(THIN, "Is it taken by mouth?", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("Yes")
    assert "Qumab is taken by mouth" in part.text
    assert part.citations[0].text == "Able to take oral Qumab"


def test_country_only_sites_answer_countries_not_hospitals(wording: dict[str, Any]) -> None:
    """'in the UK' is the United Kingdom (Yes); a hospital, or a city the record cannot name, is
    something the record does not say."""
    assert named_places("Is it running in the UK?", wording["place_aliases"]) == ["United Kingdom"]
    yes = answer_part("sites", THIN, "Is it running in the UK?", wording)
    assert yes is not None and yes.text.startswith("Yes") and "United Kingdom" in yes.text
    no = answer_part("sites", THIN, "Is it running in France?", wording)
    assert no is not None and no.text.startswith("No")
    assert ra.sites(THIN, "Which hospital in Germany is taking part?", wording) == ra.DOES_NOT_SAY
    assert ra.sites(THIN, "Is it in Boston?", wording) == ra.DOES_NOT_SAY
    assert ra.sites(THIN, "Where is it done?", wording) is None


def test_timing_answers_need_a_span_or_a_frequency() -> None:
    """'how long' needs a span of time, 'how often' a frequency; other questions need neither."""
    assert answers_timing("How long will I be in the study?", "for up to 4 years and 3 months")
    assert not answers_timing("How long will I stay in hospital?", "during surgery")
    assert answers_timing("How often is it given?", "a lower dose weekly schedule")
    assert not answers_timing("How long will I be in the ward?", "given daily on days +3 and +4")
    assert not answers_timing("How often is it given?", "when administered at lower doses")
    assert answers_timing("What is it?", "a drug")


def test_rule_timing_keeps_criteria_for_joining_questions() -> None:
    """'How long after chemo can I start?' asks a joining rule; 'how long will I be on it?' not."""
    assert asks_rule_timing("How long after chemo can I start?")
    assert not asks_rule_timing("How long will I be on the drug?")


def test_a_definition_goes_on_with_its_next_sentence() -> None:
    """'X is a radioactive drug. It binds to ...' is one definition, short as its first part is."""
    passage = Passage(
        id="p1",
        trial_id="NCT00000002",
        criterion_id="",
        section="summary",
        text="Other words first. Lu-X is a radioactive drug. It binds to a protein on cells.",
    )
    found = definition_sentences("lu-x", [passage])
    assert found[0][0] >= 2
    assert found[0][1] == "Lu-X is a radioactive drug. It binds to a protein on cells."


def test_counts_are_not_time_points() -> None:
    """'How many scans?' is not answered by 'at week 12 and 6 months'; 'how many weeks?' is."""
    assert not answers_count("How many scans will I have?", "Scans at Week 12 and 6 months")
    assert answers_count("How many scans will I have?", "3 scans over 6 months")
    assert answers_count("How many weeks does it run?", "It runs for 12 weeks")
    assert answers_count("What is it?", "anything")


def test_the_person_asked_about_is_no_topic() -> None:
    """'my child' in 'How many scans will my child have?' leaves 'scan' as the only topic."""
    import numpy as np

    from trialbot.retrieval.glossary import load_glossary
    from trialbot.retrieval.hybrid import prepare_query
    from trialbot.retrieval.topic import topic_terms

    question = "How many scans will my child have?"
    query = prepare_query(question, np.zeros(384, dtype=np.float32), load_glossary())
    assert topic_terms(query, THIN) == frozenset({"scan"})


def test_still_signing_up_asks_the_status_not_a_rule() -> None:
    """'Can I still sign up?' asks whether the trial recruits; '... if I had chemo?' asks a rule."""
    from trialbot.retrieval.intents import structured_intent

    assert structured_intent("Can I still sign up?") == "status"
    assert structured_intent("Can I still join if I had chemo?") != "status"
    assert structured_intent("I already had apatinib. Can I still join?") != "status"


def test_a_joining_question_gets_no_yes_from_background_text() -> None:
    """'Can I join if I had chemo?' answered by a background sentence naming chemotherapy gets no
    'Yes.' lead; the same words asked as 'Is chemotherapy part of it?' do."""
    import numpy as np

    from trialbot.retrieval.glossary import load_glossary
    from trialbot.retrieval.hybrid import prepare_query
    from trialbot.retrieval.plain import compose

    glossary, wording = load_glossary(), dict(load_prompts("answers"))
    text = "The standard treatment at present is chemotherapy."
    for question, led in (
        ("Can I join if I had chemotherapy?", False),
        ("Is chemotherapy part of it?", True),
    ):
        query = prepare_query(question, np.zeros(384, dtype=np.float32), glossary)
        answer = compose(text, query, frozenset({"chemotherapy"}), wording, glossary)
        assert answer.startswith("Yes.") is led
