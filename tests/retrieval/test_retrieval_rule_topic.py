"""'Can I join if ...?' questions tell of the person: a criterion sharing one of their words
answers (no model: hand-made queries)."""

from __future__ import annotations

import numpy as np

from trialbot.retrieval.glossary import load_glossary
from trialbot.retrieval.hybrid import prepare_query
from trialbot.retrieval.intents import eligibility_cue
from trialbot.retrieval.topic import RULE_DENSE, on_rule_topic, on_topic


def _query(text: str):  # type: ignore[no-untyped-def]
    return prepare_query(text, np.zeros(384, dtype=np.float32), load_glossary())


def _topic(query, drop: set[str] = frozenset()):  # type: ignore[no-untyped-def]
    from trialbot.retrieval.topic import _ASKING

    return frozenset(t for t in query.terms if t not in _ASKING and t not in drop)


def test_joining_questions_are_rule_questions() -> None:
    """Everyday ways of asking whether one may join, and not questions about the treatment."""
    for question in (
        "I take lithium for bipolar, am I ok to join?",
        "My brother is already in this trial, could I join as well?",
        "My dad had his stroke while he was in prison, could he take part?",
        "my mum is on 5 litres of oxygen since the stroke, is that ok",
        "I work nights a lot, can I still do it?",
        "she is on steroids, can she still sign up?",
    ):
        assert eligibility_cue(question), question
    assert not eligibility_cue("how is the drug given?")
    assert not eligibility_cue("what were the results?")


def test_a_rule_sharing_one_of_the_persons_words_answers() -> None:
    """'lithium for bipolar' is answered by the bipolar exclusion, 'prison' by 'incarcerated'
    (glossary), where a question about the trial would need most of its topic words."""
    cases = (
        (
            "I take lithium for bipolar, am I ok to join?",
            "Who cannot join: Subjects with psychiatric illnesses such as bipolar disorders.",
        ),
        (
            "My dad was in prison, could he take part?",
            "Who cannot join: Incarcerated individuals.",
        ),
        ("can i have a beer after a session", "Who cannot join: Unwilling to avoid alcohol."),
        ("I have lupus, can I take part?", "Who cannot join: Active autoimmune disease."),
    )
    for question, rule in cases:
        query = _query(question)
        topic = _topic(query)
        assert on_rule_topic(rule, query, topic, RULE_DENSE), question
    lithium = _query("I take lithium and metformin for bipolar, am I ok to join?")
    bipolar = cases[0][1]
    assert not on_topic(bipolar, lithium, _topic(lithium), None, RULE_DENSE)


def test_a_rule_far_in_meaning_or_sharing_nothing_does_not_answer() -> None:
    """Below the closeness floor, or with no shared word or synonym, the rule does not answer."""
    query = _query("My dad was in prison for fraud and theft, could he take part?")
    topic = _topic(query)
    assert len(topic) >= 3
    rule = "Who cannot join: Incarcerated individuals."
    assert on_rule_topic(rule, query, topic, RULE_DENSE)
    assert not on_rule_topic(rule, query, topic, RULE_DENSE - 0.05)
    stroke = "Who can join: Ischemic stroke within 7 days."
    assert not on_rule_topic(stroke, query, topic, 0.42)


def test_the_length_of_one_session_is_said_of_a_session() -> None:
    """'How long is each session / round?' is answered by a span said of that unit (or its
    synonym: round, cycle, course), not by the length of the whole programme."""
    from trialbot.retrieval.intents import answers_timing

    whole = (
        "Delivered in an accelerated (i.e., 5-day) group treatment format, preceded and "
        "followed by individual treatment sessions."
    )
    assert not answers_timing("how long is each therapy session", whole)
    assert answers_timing("how long is each session", "Each session lasts about 60 minutes.")
    assert answers_timing("how long is a visit?", "Visits will last approximately 2 hours.")
    cycles = "Cycles repeat every 28 days in the absence of disease progression."
    assert answers_timing("How long is each round of treatment?", cycles)
    assert answers_timing(
        "how long is one round of the treatment", "Days 1-5 of each 28-day cycle."
    )
    hours = "Patients receive tegavivint IV over 4 hours on days 1, 8, 15, and 22 of each cycle."
    assert not answers_timing("How long is each round of treatment?", hours)
    assert answers_timing("how long is each infusion?", hours)
    assert answers_timing("how long is the whole study?", "Up to 3 years.")
    dance = "Warm up, dance and cool down for 60 minute with 12 weeks."
    assert answers_timing("How long is each session?", dance)  # names no session: any span
    assert answers_timing("How long does each drip take?", "Tegavivint IV over 4 hours.")


def test_a_sentence_stating_the_aim_names_no_side_effect() -> None:
    """'to find out the best dose and side effects of X' does not answer 'what side effects?'."""
    from trialbot.retrieval.answerer import _AIM_ONLY

    for aim in (
        "This phase I trial is to find out the best dose and side effects of tegavivint.",
        "A trial designed to evaluate the safety, tolerability and efficacy of drug X.",
        "The purpose of this study is to assess the safety of the vaccine.",
        "We will monitor adverse events for 30 days.",
    ):
        assert _AIM_ONLY.search(aim), aim
    for said in ("The most common side effects are nausea and tiredness.", "It may cause rash."):
        assert not _AIM_ONLY.search(said), said


def test_everyday_words_for_rules_reach_the_record_words() -> None:
    """Glossary rows: protection / contraception, spine / intrathecal, prison / incarcerated."""
    for question, word in (
        ("does he have to use protection?", "contracept"),
        ("Do they put chemo into his spine?", "intrathecal"),
        ("he was in jail, could he take part?", "incarcerat"),
        ("I served in the army, can I join?", "veteran"),
    ):
        query = _query(question)
        assert any(word in t for t in query.weights), (question, sorted(query.weights))


def test_a_rule_question_naming_the_study_drug_keeps_it_as_topic() -> None:
    """'He already had decitabine, can he still take part?' of a decitabine trial: the drug's
    name is the topic of the rule question (it is left out of other questions' topics)."""
    from trialbot.domain.trial import Intervention, Trial
    from trialbot.retrieval.answerer import _drugs_named

    trial = Trial(
        id="NCT00000031",
        registry="ctgov",
        title="Decitabine and venetoclax in children",
        interventions=[Intervention(name="Decitabine"), Intervention(name="Venetoclax")],
    )
    query = _query("He already had decitabine at his first relapse, can he still take part?")
    named = _drugs_named(query, trial)
    assert len(named) == 1 and next(iter(named)).startswith("decitabin")
    rule = "Who cannot join: Patients who have previously received decitabine can not participate."
    topic = _topic(query) | _drugs_named(query, trial)
    assert on_rule_topic(rule, query, topic, 0.55)
