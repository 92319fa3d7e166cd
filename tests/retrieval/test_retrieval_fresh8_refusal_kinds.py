"""Kinds of answerable lay questions the seventh and eighth fresh sets showed answered "The trial
information does not say", each pinned with its real example and variants written on other
records: when the trial starts or closes (the record's dates); what the other group gets (the
summary naming usual care or a placebo when the record has no groups); how long a programme of
sessions lasts ("a 3-month intervention of 12 sessions"); and a person's own situation told in
everyday words that a criterion names in its own ("I tried to end my life" -> a suicide
attempt)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from trialbot.domain.trial import Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.glossary import load_glossary
from trialbot.retrieval.intents import answers_timing, structured_intent
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.mirror import Passage
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.structured import answer_part
from trialbot.retrieval.treatment_span import asks_treatment_span, treatment_span
from trialbot.settings import Settings
from trialbot.sources.readers import read_document

WORDING: dict[str, Any] = dict(load_prompts("answers"))
PEERS = "NCT07286383"  # PREVAIL-VA: 12 peer specialist sessions over 3 months vs usual care
REGISTRY = "NCT05013632"  # a COVID-19 pregnancy registry, open until 2027


def _record(corpus_dir: Path, trial_id: str) -> Trial:
    return read_document(corpus_dir / f"{trial_id}.json")[0]


def _thin(summary: str) -> Trial:
    return Trial(id="NCT00000081", registry="ctgov", title="A trial of program Q", summary=summary)


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


# -- 1. when the trial starts or closes: the record's dates ------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "when is it supposed to start",  # the real example (fresh8)
        "When does the registry close?",  # the real example (fresh8)
        "when is the study expected to begin?",
        "When will the programme finish?",
        "when do they hope to start",
        "When do they expect the study to be finished?",  # the real example (fresh7)
        "when does the team plan for the trial to close",
    ],
)
def test_when_the_trial_starts_or_ends_asks_its_dates(question: str) -> None:
    """The trial itself (it, the study, the registry, the programme) starting or closing is a
    fact of the record's status module."""
    assert structured_intent(question) == "status", question


@pytest.mark.parametrize(
    "question",
    [
        "when does it start working",
        "when does the chemo start",
        "when can I start",
        "how long does the program last",
    ],
)
def test_when_a_treatment_starts_or_works_is_no_date_of_the_trial(question: str) -> None:
    """Whether the treatment works, when a treatment begins or when the person may start are
    not the trial's dates."""
    assert structured_intent(question) != "status", question


def test_the_start_and_end_dates_answer_from_the_record(corpus_dir: Path) -> None:
    peers = answer_part(
        "status", _record(corpus_dir, PEERS), "when is it supposed to start", WORDING
    )
    assert peers is not None and "2026" in peers.text
    assert peers.citations[0].section == "status"
    registry = _record(corpus_dir, REGISTRY)
    closes = answer_part("status", registry, "When does the registry close?", WORDING)
    assert closes is not None and "2027" in closes.text


@pytest.mark.parametrize(
    "question",
    [
        "what program are they testing",  # the real example (fresh8)
        "what app are they testing",
        "which intervention is it testing",
    ],
)
def test_a_programme_or_app_asks_what_is_tested(question: str, corpus_dir: Path) -> None:
    """The real example (fresh8) names a programme, not a medicine: the intervention answers."""
    assert _kind(question) == "tested", question
    part = ra.tested(_record(corpus_dir, PEERS), question, WORDING)
    assert not isinstance(part, str) and part is not None and "PREVAIL" in part.text


@pytest.mark.parametrize(
    "question",
    ["Is it being done in Japan?", "is the study being run in France", "is it held in Canada?"],
)
def test_where_it_is_done_asks_the_sites(question: str) -> None:
    """The real example (fresh7): 'being done in' a country asks the site list."""
    assert structured_intent(question) == "sites", question


# -- 2. what the other group gets, from the summary of a record without groups -----------------
@pytest.mark.parametrize(
    "question",
    [
        "what do the other veterans get",  # the real example (fresh8)
        "what do the others get",
        "what happens to the other patients",
        "what is the new drug being compared with?",
    ],
)
def test_the_other_group_is_asked_about(question: str) -> None:
    assert _kind(question) == "arms", question


def test_usual_care_named_in_the_summary_answers(corpus_dir: Path) -> None:
    part = ra.arms(_record(corpus_dir, PEERS), "what do the other veterans get", WORDING)
    assert not isinstance(part, str) and part is not None
    assert "usual care" in part.text
    assert part.citations[0].section == "summary"


@pytest.mark.parametrize(
    ("summary", "holds"),
    [
        (
            "Adults with knee pain will do a 6-week exercise class. It will be compared with a "
            "waiting list group who start the classes after the study.",
            "waiting list",
        ),
        (
            "This study tests whether drug Q lowers blood sugar. Half of the people get drug Q and "
            "half get a placebo tablet.",
            "placebo",
        ),
        ("The trial compares app coaching with standard of care in clinic.", "standard of care"),
    ],
)
def test_a_comparator_sentence_answers_the_other_group(summary: str, holds: str) -> None:
    part = ra.arms(_thin(summary), "what do the others get", WORDING)
    assert not isinstance(part, str) and part is not None
    assert holds in part.text


def test_a_summary_naming_no_comparator_leaves_it_to_the_text() -> None:
    """'compared to see whether ...' names no other group: the record does not say."""
    trial = _thin("Scores will be compared to see whether sleep improves after the classes.")
    assert ra.arms(trial, "what do the other people get", WORDING) == ra.DOES_NOT_SAY


# -- 3. how long a programme of sessions lasts --------------------------------------------------
def _passages(trial: Trial) -> list[Passage]:
    return [Passage(f"{trial.id}-s", trial.id, "summary", "", trial.summary)]


@pytest.mark.parametrize(
    ("summary", "holds"),
    [
        (
            "It will assess the efficacy of PREVAIL-VA, a 3-month intervention of 12, one-on-one "
            "sessions between a Peer Specialist (PS) and a Veteran.",  # the real sentence
            "3-month",
        ),
        ("Parents join a 10-week programme of weekly group classes on sleep.", "10-week"),
        ("Each person follows an 8 week course of coaching calls with a nurse.", "8 week"),
        (
            "This study is a single-blind, randomized controlled trial design to evaluate the "
            "effects of a remotely-delivered 8-week mindfulness intervention on patient-reported "
            "outcomes following hip preservation surgery.",  # the real sentence (fresh8)
            "8-week",
        ),
    ],
)
def test_the_span_of_a_programme_answers_how_long(summary: str, holds: str) -> None:
    text, used = treatment_span(_passages(_thin(summary)))
    assert holds in text and used
    assert asks_treatment_span("How long does the program last?")


def test_one_on_one_is_no_span_of_a_session() -> None:
    """'How long is each session?' is not answered by a programme's length nor by the 'one' of
    'one-on-one sessions' (the record does not say; fresh8's unanswerable question)."""
    sentence = (
        "It will assess PREVAIL-VA, a 3-month intervention of 12, one-on-one sessions between a "
        "Peer Specialist and a Veteran."
    )
    assert not answers_timing("How long is each session?", sentence)
    assert answers_timing("How long does the program last?", sentence)
    assert answers_timing("How long is each session?", "Sessions last 45 minutes each.")


# -- 4. facts only in the title, the summary or the status field --------------------------------
@pytest.mark.parametrize(
    ("summary", "holds"),
    [
        (
            "This study is a phase IV, pragmatic single-arm prospective, open label study in "
            "participants with rare BRAF V600E mutation-positive solid tumors.",  # real (fresh8)
            "phase IV",
        ),
        ("An open-label Phase 2 study of drug Q in adults with gout.", "Phase 2"),
        ("A phase I/II trial of program Q for children with asthma.", "phase I/II"),
    ],
)
def test_a_phase_said_only_in_the_text_answers(summary: str, holds: str) -> None:
    """A record with no phase field whose summary or title names it: the sentence, quoted."""
    part = ra.phase(_thin(summary), "what phase is this", WORDING)
    assert not isinstance(part, str) and part is not None
    assert holds in part.text and part.citations[0].section == "summary"


def test_no_phase_anywhere_is_not_made_up() -> None:
    trial = _thin("A study of how people with gout use a diet app over three phases of care.")
    assert ra.phase(trial, "what phase is this", WORDING) is None


def test_inviting_someone_else_is_no_status() -> None:
    """Bringing somebody along is no question about enrolling by invitation."""
    assert structured_intent("can I invite my wife to come to the visits?") != "status"


@pytest.mark.parametrize(
    "question",
    [
        "can anyone sign up or do you need to be invited",  # the real example (fresh8, twice)
        "can anyone sign up or do you have to be invited",
        "Do I need an invitation to join?",
        "could anyone just sign up for it",
    ],
)
def test_an_invitation_asks_the_status(question: str, corpus_dir: Path) -> None:
    """Enrolling by invitation is the record's status."""
    assert structured_intent(question) == "status", question
    part = answer_part("status", _record(corpus_dir, "NCT05335421"), question, WORDING)
    assert part is not None and "invited" in part.text


@pytest.mark.parametrize(
    ("summary", "question", "holds"),
    [
        (
            "This is a global, multicenter, open-label study that aims to assess the efficacy and "
            "safety of zelenectide pevedotin in breast cancer.",  # the real sentence (fresh8)
            "what are they trying to find out",
            "efficacy",
        ),
        (
            "Hip surgery patients report anxiety. This study is a randomized controlled trial "
            "design to evaluate the effects of an 8-week mindfulness intervention on "
            "patient-reported outcomes.",  # the real sentence (fresh8)
            "what are they hoping it will help with",
            "patient-reported",
        ),
        (
            "Many children miss school with asthma. The team will test the effectiveness of a "
            "school nurse program on missed school days.",
            "what are they trying to find out",
            "missed school days",
        ),
    ],
)
def test_what_the_trial_hopes_to_show_is_read_from_the_summary(
    summary: str, question: str, holds: str
) -> None:
    part = ra.purpose(_thin(summary), question, WORDING)
    assert part is not None and holds in part.text


@pytest.mark.parametrize(
    "question",
    ["what kind of study is this", "what type of trial is it", "Is this a randomized trial?"],
)
def test_the_kind_of_study_is_asked(question: str) -> None:
    assert _kind(question) == "study_type", question
    assert _kind("what kind of cancer is this trial for") != "study_type"


def test_an_observational_record_says_so(corpus_dir: Path) -> None:
    """The real example (fresh8): a pregnancy registry is an observational study."""
    part = ra.study_type(_record(corpus_dir, REGISTRY), "what kind of study is this", WORDING)
    assert not isinstance(part, str) and part is not None
    assert "observational" in part.text and part.citations[0].section == "design"


@pytest.mark.parametrize(
    ("summary", "question", "lead", "holds"),
    [
        (
            "Hip surgery patients report pain. This study is a single-blind, randomized "
            "controlled trial design to evaluate an 8-week mindfulness intervention.",
            "what kind of study is this",
            "The trial",
            "randomized",
        ),
        (
            "A pilot study of a diet app in people with gout.",
            "is this a pilot study?",
            "Yes.",
            "pilot",
        ),
    ],
)
def test_the_design_named_in_the_summary_answers(
    summary: str, question: str, lead: str, holds: str
) -> None:
    part = ra.study_type(_thin(summary), question, WORDING)
    assert not isinstance(part, str) and part is not None
    assert part.text.startswith(lead) and holds in part.text


def test_a_summary_naming_no_design_leaves_it_to_the_text() -> None:
    trial = _thin("People with gout will use a diet app and keep a food diary.")
    assert ra.study_type(trial, "what kind of study is this", WORDING) is None


# -- 5. a person's situation in everyday words -------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "I tried to end my life last month and still get those thoughts. Could I join?",
        "my son tried to kill himself in the spring, can he take part",
        "I took an overdose in January, does that rule me out?",
        "I sometimes think about ending my life, am I eligible?",
    ],
)
def test_ending_ones_life_is_read_as_suicide(question: str) -> None:
    groups = load_glossary().synonym_groups(question)
    assert any("suicid" in stem for _, stems in groups for stem in stems), question


@pytest.mark.parametrize(
    ("question", "record_word"),
    [
        ("I've got an ulcer on my cornea at the moment, does that matter?", "kerat"),  # fresh8
        ("I only have an old flip phone. Is that ok?", "android"),  # fresh8
        ("I have a Samsung phone, not an iPhone. Can I still take part?", "android"),  # fresh8
        ("I drink a protein shake every morning, does that matter?", "supplement"),  # fresh8
        ("i take vitamins every day, is that allowed", "supplement"),
        ("I haven't had any treatment yet for my lung cancer, can I join?", "prior"),  # fresh8
        ("I take lisinopril for my blood pressure. Is that an issue?", "ace"),  # fresh7
        ("my dad is on ramipril, can he join", "ace"),
        ("im a 30 year old woman and still get my periods, am i allowed", "childbear"),  # fresh7
        ("I had my tubes tied years ago. Can I join?", "tubal"),  # fresh7
        ("my fingers are numb from nerve damage, does that stop me", "neuropath"),  # fresh7
        ("food already tasted funny to me before my radiation started", "dysgeusia"),  # fresh7
        ("im already getting IVIG every month, can i still join", "immunoglobulin"),  # fresh7
        ("will they check that I understand what the study is", "consent"),  # fresh8
    ],
)
def test_everyday_words_reach_the_criterion_words(question: str, record_word: str) -> None:
    """The person's words are widened with the words criteria use for the same thing."""
    groups = load_glossary().synonym_groups(question)
    assert any(stem.startswith(record_word) for _, stems in groups for stem in stems), question


# -- end to end over the real record, with the real model -------------------------------------
@pytest.fixture(scope="module")
def answerer(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    trials = [_record(corpus_dir, PEERS), _record(corpus_dir, REGISTRY)]
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("fresh8-refusal-kinds"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog(trials))
    answerer.warm_up()
    return answerer


@pytest.mark.parametrize(
    ("trial_id", "question", "holds", "section"),
    [
        (PEERS, "How long does the program last?", "3-month", "summary"),
        (PEERS, "what do the other veterans get", "usual care", "summary"),
        (PEERS, "when is it supposed to start", "2026", "status"),
        (REGISTRY, "When does the registry close?", "2027", "status"),
        (
            PEERS,
            "I tried to end my life last month and still get those thoughts. Could I join?",
            "suicid",
            "eligibility",
        ),
    ],
)
def test_the_real_questions_are_answered(
    answerer: RetrievalAnswerer, trial_id: str, question: str, holds: str, section: str
) -> None:
    reply = answerer.answer(question, [trial_id])
    assert reply.kind == "answer", reply.text
    assert holds in reply.text
    assert reply.citations[0].section == section


def test_the_length_of_one_session_is_still_not_said(answerer: RetrievalAnswerer) -> None:
    reply = answerer.answer("How long is each session?", [PEERS])
    assert reply.kind == "no_answer", reply.text
