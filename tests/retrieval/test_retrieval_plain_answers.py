"""Plain answers over quoted passages (retrieval/plain.py) and the question phrasing they rely on;
no model: the query vector is a zero vector, only the words matter here."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from trialbot.domain.trial import Design, Intervention, Trial
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.glossary import Glossary, load_glossary
from trialbot.retrieval.hybrid import Query, prepare_query
from trialbot.retrieval.plain import compose, composed_part, yes_lead
from trialbot.retrieval.question_types import load_question_types


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    """The glossary shipped in prompts/glossary.yaml."""
    return load_glossary()


def _query(text: str, glossary: Glossary) -> Query:
    return prepare_query(text, np.zeros(384, dtype=np.float32), glossary)


SCHEDULE = (
    "Patients receive the study drug intravenously over 4 hours on days 1, 8, 15, and 22 of "
    "each cycle, and cycles repeat every 28 days in the absence of disease progression or "
    "unacceptable toxicity, with follow-up visits at 30 days after the last dose."
)


def test_the_answering_clause_comes_first_and_the_quote_under_it(
    wording: dict[str, Any], glossary: Glossary
) -> None:
    """'How long is each cycle?' is answered by the clauses with '28 days' (not the follow-up
    visit), the sentence quoted below."""
    query = _query("How long is each cycle?", glossary)
    text = compose(SCHEDULE, query, frozenset({"cycle"}), wording, glossary, figure=True)
    own, quote = text.split("\n")
    assert "28 days" in own and "follow-up visits" not in own
    assert quote.startswith("From the trial information:") and SCHEDULE in quote
    assert composed_part(text, wording) == own


def test_a_criterion_is_never_cut_and_is_led_in_plain_words(
    wording: dict[str, Any], glossary: Glossary
) -> None:
    """A matched exclusion keeps the whole rule, says first that a rule may keep you out, and is
    not quoted twice."""
    rule = "Who cannot join: Claustrophobia, or ferromagnetic implants contraindicating MRI"
    text = compose(rule, _query("scared of small spaces", glossary), frozenset(), wording, glossary)
    assert text.startswith(str(wording["rule_exclusion"]))
    assert "ferromagnetic implants contraindicating MRI" in text
    assert "\n" not in text


def test_two_criteria_of_one_kind_are_led_once(wording: dict[str, Any], glossary: Glossary) -> None:
    """Criteria picked one after another are split apart and share one lead."""
    rules = "Who can join: Aged 18 or over Who can join: Able to swallow tablets"
    text = compose(rules, _query("Can I join?", glossary), frozenset(), wording, glossary)
    assert text.count(str(wording["rule_inclusion"])) == 1
    assert "Aged 18 or over." in text and "Able to swallow tablets." in text


def test_jargon_in_the_answer_is_explained_but_the_quote_stays_verbatim(
    wording: dict[str, Any], glossary: Glossary
) -> None:
    """The answer explains 'intravenously' in plain words; the quote keeps the record's words."""
    query = _query("How long does each infusion take?", glossary)
    own, quote = compose(SCHEDULE, query, frozenset({"infusion"}), wording, glossary, True).split(
        "\n"
    )
    assert "4 hours" in own and "vein" in own and "intravenously" in quote


def test_an_observational_study_says_what_it_looks_at(wording: dict[str, Any]) -> None:
    """'What are they trying out?' on a registry names the device it follows; on a study with no
    named exposure it adds the summary's first sentence; a yes/no question just gets No."""
    design = Design(study_type="OBSERVATIONAL")
    registry = Trial(
        id="NCT00000002",
        registry="ctgov",
        title="A registry",
        design=design,
        interventions=[Intervention(name="FocusGame app")],
    )
    cohort = Trial(
        id="NCT00000003",
        registry="ctgov",
        title="A cohort",
        design=design,
        interventions=[Intervention(name="No Intervention")],
        summary="This study follows blood cells in lung cancer. More text here.",
    )
    named = ra.tested(registry, "What are they trying out?", wording)
    summed = ra.tested(cohort, "What is being tested?", wording)
    asked = ra.tested(cohort, "Is a new treatment tested?", wording)
    assert isinstance(named, ra.Part) and "FocusGame app" in named.text
    assert isinstance(summed, ra.Part) and "blood cells in lung cancer" in summed.text
    assert [c.section for c in summed.citations] == ["design", "summary"]
    assert isinstance(asked, ra.Part) and asked.text.startswith("No.")


def test_the_noun_of_a_how_long_question_stays_its_topic(glossary: Glossary) -> None:
    """'How long does each scan take?' is about scans; 'how long does the treatment last' keeps
    no topic word (the treatment is the whole trial)."""
    assert "scan" in _query("How long does each scan take?", glossary).terms
    assert _query("How long does the treatment last?", glossary).terms == []


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What are they comparing?", "tested"),
        ("Which vaccine is this about?", "tested"),
        ("Is a new treatment tested?", "tested"),
        ("How many pharmacists take part?", "size"),
        ("Do pharmacists get paid for answering?", "cost"),
        ("How many hospitals take part?", None),
        ("Are they trying out a new medicine here?", "tested"),
        ("Will my child get a new treatment?", "tested"),
        ("Is this study testing a new drug?", "tested"),
    ],
)
def test_question_patterns(question: str, kind: str | None) -> None:
    """Everyday wordings reach their kind by pattern; 'pharmacists' is no drug company and
    'how many hospitals' is not the trial's size."""
    found = load_question_types().by_pattern(question)
    assert (found.name if found else None) == kind


def test_a_phase_trial_answers_yes_to_whether_it_tests_a_medicine(wording: dict[str, Any]) -> None:
    """'Is this study testing a new drug?' of a phase 2 trial starts with Yes and names the drug;
    a trial with no phase (a training programme) gets no Yes."""
    drug = Trial(
        id="NCT00000004",
        registry="ctgov",
        title="A drug trial",
        phase="Phase 2",
        design=Design(study_type="INTERVENTIONAL"),
        interventions=[Intervention(name="PM8002")],
    )
    training = drug.model_copy(update={"phase": None})
    said = ra.tested(drug, "Is this study testing a new drug?", wording)
    other = ra.tested(training, "Is this study testing a new drug?", wording)
    assert isinstance(said, ra.Part) and said.text.startswith("Yes.") and "PM8002" in said.text
    assert isinstance(other, ra.Part) and not other.text.startswith("Yes.")


@pytest.mark.parametrize(
    ("question", "clause", "topic", "lead"),
    [
        (
            "Can we fill it in by phone?",
            "Complete it on paper or over the telephone.",
            {"phone"},
            True,
        ),
        ("Do I stay in hospital overnight?", "Given on an outpatient basis.", {"overnight"}, False),
        ("Is there radiation?", "MRI uses no radiation.", {"radiation"}, False),
        ("Is it pills or a drip?", "Given as pills.", {"pill"}, False),
        ("How long is it?", "It lasts 2 weeks.", {"week"}, False),
    ],
)
def test_a_yes_lead_needs_every_topic_word_and_no_negation(
    question: str, clause: str, topic: set[str], lead: bool
) -> None:
    """A passage answer to a yes/no question starts with Yes only when the clause holds the
    question's own topic words (no synonym standing in for them) and says nothing negative."""
    assert yes_lead(question, clause, frozenset(topic)) is lead


def test_lay_words_reach_record_words(glossary: Glossary) -> None:
    """Everyday words find the record's words: blood thinners, drinking, eye pressure, brain."""
    assert "anticoagulant" in _query("Can I join if I take blood thinners?", glossary).weights
    assert "alcohol" in _query("Can I join if I like drinking?", glossary).weights
    assert "intraocular" in _query("Do they check my eye pressure?", glossary).weights
    assert "cns" in _query("What if the leukaemia is in my brain?", glossary).weights
