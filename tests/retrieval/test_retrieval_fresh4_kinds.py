"""Kinds of lay questions the fourth fresh set showed failing, each with its real example and
variants (no model): what the trial hopes to find out, what is compared or called, who knows
which treatment, choosing a treatment, a rule named in the person's own words, the person's
sex against a one-sex trial, a country written in lower case, "can we sign up now?" and "is
this a drug trial?"."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from trialbot.domain.trial import Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.glossary import load_glossary
from trialbot.retrieval.hybrid import prepare_query
from trialbot.retrieval.intents import eligibility_cue, structured_intent
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.own_numbers import own_sex
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.structured import named_places
from trialbot.retrieval.topic import topic_terms
from trialbot.settings import Settings


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


def _thin(summary: str, **fields: Any) -> Trial:
    return Trial(
        id="NCT00000041", registry="ctgov", title="A trial of drug Q", summary=summary, **fields
    )


@pytest.mark.parametrize(
    "question",
    [
        "what are they trying to find out",  # the real example (was read as "what is tested")
        "What are they trying to find out?",
        "what are they hoping will get better",
        "What are they hoping bevacizumab will do?",
        "what do the doctors hope it does",
        "what is ORX750 supposed to do",
        "what is the cream supposed to help with",
    ],
)
def test_what_the_trial_hopes_to_find_is_its_purpose_not_what_it_tests(question: str) -> None:
    """'What are they trying to find out / hoping X will do / is X supposed to do?' ask the
    trial's aim; 'trying out' still asks what is tested."""
    assert _kind(question) == "purpose", question


def test_trying_out_still_asks_what_is_tested() -> None:
    """'What are they trying out?' names the treatment."""
    assert _kind("what are they trying out") == "tested"
    assert _kind("What is the treatment they are trying?") == "tested"


@pytest.mark.parametrize(
    ("summary", "holds"),
    [
        (
            "Recurrent respiratory papillomatosis causes growths.\n\nObjective:\n\nTo see if a "
            "drug called bevacizumab can reduce the number of surgeries needed.",
            "reduce the number of surgeries",
        ),
        (
            "This phase I trial studies the side effects and best dose of AOH1996 in patients "
            "with solid tumors.",
            "side effects and best dose",
        ),
        (
            "This study proposes that the addition of statins reduces treatment delays.",
            "reduces treatment delays",
        ),
        (
            "Adults with asthma take part. The goal of this clinical trial is to learn if drug "
            "Q helps breathing.",
            "helps breathing",
        ),
    ],
)
def test_a_thin_record_says_its_aim_in_its_summary(
    summary: str, holds: str, wording: dict[str, Any]
) -> None:
    """A record without outcomes answers the aim from the summary sentence stating it
    ('To see if ...', 'This phase I trial studies ...', 'proposes that ...')."""
    part = ra.purpose(_thin(summary), "what are they hoping it will do", wording)
    assert isinstance(part, ra.Part) and holds in part.text, part
    assert part.citations[0].section == "summary"


@pytest.mark.parametrize(
    "question",
    [
        "what two migraine meds are they comparing",  # real
        "what treatmnets are they comparing for LCH",  # real, misspelt
        "what are they comparing",
        "What 2 therapies is the study comparing?",
        "whats the weight loss drug called",  # real (was read as a contacts question)
        "what is the new medicine called",
        "Is this a drug trial? do I have to take anything",  # real
        "Do they give you any medication?",  # real
        "will they give me any tablets",
    ],
)
def test_what_is_compared_or_called_is_what_the_trial_tests(question: str) -> None:
    """Comparisons, names ('called') and 'is this a drug trial?' are answered by the
    interventions, whatever words come between."""
    from trialbot.retrieval.answerer import _CONTRACTED

    question = _CONTRACTED.sub(lambda m: f"{m.group(1)} is", question)
    assert _kind(question) == "tested", question


def test_called_is_not_a_call_to_the_study_team() -> None:
    """'called' does not ask for a phone number; 'who do I call' still does."""
    assert structured_intent("what is the drug called") != "contacts"
    assert structured_intent("who do I call about it") == "contacts"


@pytest.mark.parametrize(
    "question",
    [
        "Will I be told whether I'm on the real drug or the dummy pill?",  # real
        "will I know if I got the placebo",
        "Would my doctor know whether I'm on the fake one?",
    ],
)
def test_being_told_which_treatment_is_blinding_even_with_a_placebo_word(question: str) -> None:
    """'Will I be told / know whether I'm on the dummy?' asks who knows (blinding), not
    whether there is a placebo."""
    assert _kind(question) == "blinded", question


@pytest.mark.parametrize(
    "question",
    [
        "Can I choose to have the Botox?",  # real
        "could we pick which treatment we get?",
        "do i get to choose which therapy i get",  # real
        "can she choose which group she is in",
    ],
)
def test_choosing_a_treatment_asks_about_randomisation(question: str) -> None:
    """Choosing a treatment or group, in either word order, asks whether it is by chance."""
    assert _kind(question) == "randomised", question


def test_a_random_controlled_trial_in_a_thin_record_is_randomised(
    wording: dict[str, Any],
) -> None:
    """'Two-armed random controlled trials' says people are put into groups by chance: 'do I
    get to choose?' is answered No."""
    trial = _thin("Two-armed random controlled trials comparing six sessions with four.")
    part = ra.randomised(trial, "do i get to choose which therapy i get", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("No"), part


@pytest.mark.parametrize(
    "question",
    [
        "I only smoke at weekends, do I qualify?",  # real
        "does he qualify if he had a stroke last year",
        "dad had his stroke 10 days ago, is it too late",  # real
    ],
)
def test_qualify_and_too_late_ask_about_a_rule(question: str) -> None:
    """'do I qualify?' and 'is it too late?' ask about a rule for joining."""
    assert eligibility_cue(question), question


@pytest.mark.parametrize(
    ("question", "left_out"),
    [
        ("I'm not Native American, can I still sign up?", "sign"),  # real
        ("I only smoke at weekends, do I qualify?", "qualifi"),
        ("I had it two years ago, can I join?", "ago"),
    ],
)
def test_words_that_ask_to_join_are_no_topic(question: str, left_out: str) -> None:
    """'sign up', 'qualify' and 'ago' ask to join or date the story; they are no topic a rule
    must hold."""
    import numpy as np

    trial = _thin("Smokers get an app.")
    query = prepare_query(question, np.zeros(384, dtype=np.float32), load_glossary())
    assert not any(t.startswith(left_out) for t in topic_terms(query, trial)), question


@pytest.mark.parametrize(
    ("question", "class_word"),
    [
        ("I already take a statin for my cholesterol, can I still join?", "statins"),  # real
        ("I'm on atorvastatin, is that ok?", "statins"),
        ("Can I keep taking Tylenol for the pain?", "acetaminophen"),
        ("I take ibuprofen most days, can I join?", "nsaid"),
        ("im on nicotine patches right now, is that ok", "pharmacotherapy"),  # real
    ],
)
def test_an_everyday_medicine_reaches_the_class_criteria_name(
    question: str, class_word: str
) -> None:
    """A medicine named by the person is widened to the class word criteria use ('currently
    taking statins', 'acetaminophen', 'NSAIDs', 'smoking cessation pharmacotherapies')."""
    assert class_word in load_glossary().medicine_words(question), question


@pytest.mark.parametrize(
    ("question", "sex"),
    [
        ("my daughter has CGD, can she be in it", "female"),  # real
        ("My husband has HER2 positive breast cancer, can he take part?", "male"),  # real
        ("I'm a man with breast cancer, can I join?", "male"),
        ("my doctor says he thinks I should join, can I?", None),
        ("I have a son, can I join?", None),
        ("can my son and his sister both join?", None),
        ("can I join?", None),
    ],
)
def test_the_persons_sex_is_read_only_when_certain(
    question: str, sex: str | None, wording: dict[str, Any]
) -> None:
    """The person asked about is of one sex when only one sex's words name them; the asker's
    own sex only from their own words ('I'm a man'), never from a doctor's 'he'."""
    assert own_sex(question, wording["person_sex"]) == sex, question


BOYS = Trial(
    id="NCT00000042",
    registry="ctgov",
    title="Gene therapy for X-linked CGD",
    summary="Boys with X-linked chronic granulomatous disease get gene therapy.",
    sex="male",
    min_age_years=1,
)
EVERYONE = Trial(
    id="NCT00000043",
    registry="ctgov",
    title="Gene therapy for CGD",
    summary="People with chronic granulomatous disease get gene therapy.",
)


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    """An answerer over the hand-made trials with fake embeddings."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("fresh4-kinds"))
    catalog = MemoryCatalog([BOYS, EVERYONE])
    return RetrievalAnswerer(settings, catalog, embedder=DeterministicFakeEmbedding(size=384))


def test_a_one_sex_trial_answers_the_other_sex_no(answerer: RetrievalAnswerer) -> None:
    """'my daughter has CGD, can she be in it' of a trial for males only: No, from its sex
    field (cited as who can join); of a trial for everyone it is not answered so."""
    reply = answerer.answer("my daughter has CGD, can she be in it", [BOYS.id])
    assert reply.kind == "answer" and reply.text.startswith("No."), reply.text
    assert "men and boys only" in reply.text
    assert reply.citations[0].section == "eligibility"
    other = answerer.answer("my daughter has CGD, can she be in it", [EVERYONE.id])
    assert "only" not in other.text
    negative = answerer.answer("isn't my daughter allowed in?", [BOYS.id])
    assert not negative.text.startswith(("No", "Yes")), negative.text


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("is it running in the uk", "United Kingdom"),  # real
        ("any sites in germany?", "Germany"),
        ("Is it in the UK?", "United Kingdom"),
        ("is there a site near Leeds", "Leeds"),
    ],
)
def test_a_country_in_lower_case_is_a_place(question: str, place: str) -> None:
    """Countries and everyday names are places however they are written."""
    aliases = load_prompts("answers")["place_aliases"]
    assert place in named_places(question, aliases), question


def test_a_lower_case_word_that_is_no_country_is_no_place() -> None:
    """'in the morning', 'in pain' name no place."""
    aliases = load_prompts("answers")["place_aliases"]
    assert named_places("can i take it in the morning", aliases) == []
    assert named_places("what if i am in pain", aliases) == []


@pytest.mark.parametrize(
    "question",
    ["can we sign up now", "can I join yet?", "Can my son enrol right now?"],
)
def test_signing_up_now_asks_whether_it_is_open(question: str) -> None:
    """'can we sign up now?' asks the recruitment status, not a rule."""
    assert structured_intent(question) == "status", question


@pytest.mark.parametrize(
    "question",
    [
        "Has ORX750 already helped people stay awake in earlier studies?",  # real
        "did the drug work in previous trials",
        "Will the vaccine stop my CLL from ever needing treatment?",  # real
        "will this cure my son",
    ],
)
def test_what_the_drug_did_or_will_do_is_a_result(question: str) -> None:
    """Earlier studies' effect and a promise of cure are results no record holds (refused),
    not a yes read from a sentence on how the drug is meant to work."""
    assert _kind(question) == "results", question


def test_how_many_years_they_follow_people_is_the_study_length() -> None:
    """'how many years do they follow the kids afterwards' asks how long the study lasts."""
    assert _kind("how many years do they follow the kids afterwards") == "study_length"
    assert _kind("How many years do they follow people?") == "study_length"
