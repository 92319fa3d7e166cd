"""An answer that does not address a yes/no question was read as a yes (audit15, dialog kind 6):
"she's fine, she walks every day" to "Is your wife pregnant?" became "So: being pregnant: yes.
Is that right?", one tap from a certain exclusion. The yes came only from an affirming phrase
("she's", "I'm", "he is", "still"), which says nothing of the question by itself.

The rule, over criteria read by the real reader and the real engine:
- a sentence with no yes/no word and no word of the question's topic answers nothing: nothing is
  stored and the question is asked again;
- an affirming sentence that names the topic ("she is pregnant, 12 weeks"), or says nothing else
  ("she is", "I have, twice"), still answers;
- "no, but <the topic in another form>" ("no, I had latent TB treated years ago" to the
  ever-had-TB question) is "not sure" for the study team, never a plain yes or no.
"""

from __future__ import annotations

import pytest
from dialog_fakes import TODAY, answer_until, engine_over, step_text

from trialbot.dialog.answers import read_answer
from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.state import DialogState
from trialbot.domain.facts import UNKNOWN
from trialbot.eligibility import fact_specs

TRIAL = "NCT09999916"
PREGNANT = ("exclusion", "Pregnant or breastfeeding women.")
TB = ("exclusion", "History of tuberculosis.")
HEART = ("exclusion", "Clinically significant cardiovascular disease.")
INFECTION = ("exclusion", "Active infection requiring systemic antibiotics.")
LUNG = ("exclusion", "History of interstitial lung disease or pneumonitis.")
VISITS = ("exclusion", "Unwilling or unable to comply with the study visits and procedures.")
FACTS = {
    "pregnant": PREGNANT,
    "tuberculosis": TB,
    "heart_disease": HEART,
    "active_infection": INFECTION,
    "able_to_follow_visits": VISITS,
}


def _asked(fact: str) -> tuple[DialogEngine, DialogState]:
    engine: DialogEngine = engine_over(TRIAL, FACTS.get(fact, LUNG))
    state = DialogState()
    engine.step(state, "/start", trials=[TRIAL])
    for _ in range(30):  # a woman of 40, so the pregnancy question is asked
        if state.pending == fact:
            return engine, state
        answer = {"age_years": "40", "sex": "female"}.get(str(state.pending), "not sure")
        engine.step(state, answer)
    answer_until(engine, state, TRIAL, fact)
    return engine, state


UNRELATED = [
    ("pregnant", "she's fine, she walks every day"),  # the audit's text
    ("pregnant", "she can do everything, still works full time"),  # the audit's text
    ("pregnant", "I'm fine, I walk every day"),
    ("pregnant", "she is doing really well, thanks"),
    ("pregnant", "he's a good husband to her"),
    ("tuberculosis", "I'm fine thanks"),
    ("tuberculosis", "he is a retired teacher"),
    ("heart_disease", "I'm fine, I walk every day"),
    ("heart_disease", "she's very active, she still goes dancing"),
    ("heart_disease", "he is 70 and lives alone"),
    ("active_infection", "he is doing great, he goes fishing"),
    ("active_infection", "she's in good spirits"),
    ("able_to_follow_visits", "she's fine, she walks every day"),
    ("able_to_follow_visits", "he is a keen gardener"),
]


@pytest.mark.parametrize(("fact", "answer"), UNRELATED)
def test_an_unrelated_sentence_answers_nothing_and_is_asked_again(fact: str, answer: str) -> None:
    engine, state = _asked(fact)
    result = engine.step(state, answer)
    text = step_text(result)
    assert fact not in state.facts
    assert "So:" not in text and "Is that right" not in text
    assert state.pending == fact
    assert fact_specs()[fact].question in text


@pytest.mark.parametrize(("fact", "answer"), UNRELATED)
def test_the_reader_takes_no_yes_from_an_unrelated_sentence(fact: str, answer: str) -> None:
    reading = read_answer(fact_specs()[fact], answer, TODAY)
    assert not reading.ok and fact not in reading.facts


ON_TOPIC_YES = [
    ("pregnant", "she is pregnant, 12 weeks"),
    ("pregnant", "she is"),
    ("pregnant", "yes she's fine, 20 weeks along"),
    ("tuberculosis", "I had TB as a child"),
    ("tuberculosis", "he has, twice"),
    ("heart_disease", "he has angina"),
    ("heart_disease", "she has a heart valve problem"),
    ("active_infection", "he is on antibiotics for a chest infection"),
    ("active_infection", "I do"),
]


@pytest.mark.parametrize(("fact", "answer"), ON_TOPIC_YES)
def test_an_affirming_sentence_about_the_question_is_still_a_yes(fact: str, answer: str) -> None:
    """A yes that would exclude is read back first; nothing is lost."""
    engine, state = _asked(fact)
    text = step_text(engine.step(state, answer))
    assert state.facts.get(fact) is True or ("So:" in text and "yes" in text)


NO_BUT_TOPIC = [
    ("tuberculosis", "no, I had latent TB treated years ago"),  # the audit's text
    ("tuberculosis", "no, just latent tuberculosis, they gave me pills for it"),
    ("interstitial_lung_disease", "no, he had a bit of pneumonitis once but it cleared"),
    ("heart_disease", "no, but I had a heart valve problem fixed in 2015"),
]


@pytest.mark.parametrize(("fact", "answer"), NO_BUT_TOPIC)
def test_no_but_the_topic_in_another_form_is_not_sure(fact: str, answer: str) -> None:
    engine, state = _asked(fact)
    engine.step(state, answer)
    assert state.facts.get(fact) == UNKNOWN


PLAIN_NO = [
    ("tuberculosis", "no, never"),
    ("tuberculosis", "no, but my mother had TB"),
    ("heart_disease", "no, my heart is fine"),
    ("pregnant", "no she's not pregnant"),
    ("active_infection", "no, not now"),
]


@pytest.mark.parametrize(("fact", "answer"), PLAIN_NO)
def test_a_plain_no_stays_a_no(fact: str, answer: str) -> None:
    engine, state = _asked(fact)
    engine.step(state, answer)
    assert state.facts.get(fact) is False
