"""Kinds of wrong answers the seventh and eighth fresh sets showed, each pinned with its real
question over the real record and a few written variants: a hospital or town asked of a record
listing countries only, the length of one session answered by the whole programme, what the
other group gets answered by the title, a person or company sponsor given for "which hospital",
phase 1 taken as "first time in people", "am I too old?" answered without No, one drug's two
doses asked as "what are they comparing?" and a not-a-drug study asked "is it a new drug?"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from trialbot.domain.trial import Arm, Intervention, Site, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.answerer import RetrievalAnswerer, _within_lead
from trialbot.retrieval.intents import answers_timing
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.record_answers import DOES_NOT_SAY
from trialbot.retrieval.structured import Part
from trialbot.settings import Settings

WORDING: dict[str, Any] = dict(load_prompts("answers"))
ALIASES: dict[str, str] = WORDING["place_aliases"]
REAL = [
    "NCT07286383",  # PREVAIL-VA peer specialist sessions vs usual care (thin, countries only)
    "NCT06050668",  # amino acids after hip fracture, a person as sponsor (thin)
    "NCT06628349",  # Texas A&M nutrition study (thin, countries only)
    "NCT06720987",  # KQB365 phase 1/1b (thin)
    "NCT06993012",  # veterans' stress app, ages 18 and over (thin)
    "NCT05853575",  # adagrasib 600 mg versus 400 mg (thin)
    "NCT06096623",  # weekly survey, phase not applicable (thin)
    "NCT05335421",  # mindfulness app, randomised with no comparator named (thin)
    "NCT04115254",  # Dana-Farber radiotherapy (thin)
]


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


def _thin(**fields: Any) -> Trial:
    base: dict[str, Any] = {"id": "NCT00000081", "registry": "ctgov", "title": "A trial of Q"}
    base.update(fields)
    return Trial(**base)


@pytest.fixture(scope="module")
def real(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    """The answerer over the real thin records these kinds came from."""
    from trialbot.sources.readers import read_document

    trials = [t for tid in REAL for t in read_document(corpus_dir / f"{tid}.json")]
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("fresh8-kinds"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog(trials))
    answerer.warm_up()
    return answerer


def _ask(answerer: RetrievalAnswerer, trial_id: str, question: str) -> tuple[str, str]:
    reply = answerer.answer(question, [trial_id])
    return reply.kind, reply.text


# -- 1. a hospital or town asked of a record that lists countries only -------------------------
@pytest.mark.parametrize(
    "question",
    [
        "Is the Palo Alto VA one of the sites?",
        "do they run it at Mayo Clinic",
        "Is St Mary's Hospital taking part?",
        "Is the Boston site open yet?",
    ],
)
def test_a_named_hospital_or_town_is_not_said_by_countries(question: str) -> None:
    """The record names the United States only: whether that hospital or town is a site is
    not said (no 'The trial runs at: United States.')."""
    trial = _thin(sites=[Site(country="United States")])
    assert ra.sites(trial, question, WORDING) == DOES_NOT_SAY


@pytest.mark.parametrize(
    "question", ["Is it running in the US?", "Are there sites in the United States?"]
)
def test_a_listed_country_is_still_answered_by_the_sites(question: str) -> None:
    trial = _thin(sites=[Site(country="United States")])
    assert ra.sites(trial, question, WORDING) is None  # the site list answers


@pytest.mark.parametrize(
    ("trial_id", "question"),
    [
        ("NCT07286383", "Is the Palo Alto VA one of the sites?"),
        ("NCT07286383", "Is the VA hospital in Seattle taking part?"),
        ("NCT06628349", "Is it done in College Station?"),  # was answered by the sponsor
        ("NCT06628349", "is it done in Houston?"),
    ],
)
def test_real_place_questions_get_an_honest_no_answer(
    real: RetrievalAnswerer, trial_id: str, question: str
) -> None:
    kind, text = _ask(real, trial_id, question)
    assert kind == "no_answer", text


def test_a_named_city_asks_where_it_runs() -> None:
    assert ra.names_known_place("Is it done in College Station?", ALIASES)
    assert ra.names_known_place("is it available in Germany", ALIASES)
    assert not ra.names_known_place("Is it done in one visit?", ALIASES)


# -- 2. the length of one session is not the length of the programme ---------------------------
@pytest.mark.parametrize(
    ("question", "text"),
    [
        (
            "How long is each session?",
            "It will assess PREVAIL-VA, a 3-month intervention of 12, one-on-one sessions "
            "between a Peer Specialist and a Veteran.",
        ),
        ("How long does each session last?", "Participants get 6 sessions across 12 weeks."),
        ("how long is one visit", "There are 4 visits over 2 years."),
        (
            "How long does each session last?",
            "Participants will undergo 5-10 treatment sessions and be followed for 3 months.",
        ),
    ],
)
def test_a_span_the_sessions_are_spread_over_is_no_session_length(question: str, text: str) -> None:
    assert not answers_timing(question, text)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("How long is each session?", "Each session lasts 60 minutes."),
        ("How long does each session last?", "Eight weekly 90-minute sessions over 2 months."),
        ("how long is each infusion", "KQB365 is given as a 30 minute infusion every week."),
        ("how long is each infusion?", "Patients receive drug Q IV over 4 hours on days 1 and 8."),
    ],
)
def test_a_session_length_still_answers(question: str, text: str) -> None:
    assert answers_timing(question, text)


def test_real_session_length_is_not_answered_by_the_programme(real: RetrievalAnswerer) -> None:
    kind, text = _ask(real, "NCT07286383", "How long is each session?")
    assert kind == "no_answer", text
    kind, text = _ask(real, "NCT07286383", "how long does one session take")
    assert kind == "no_answer", text


# -- 3. what the other group gets ---------------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "what do the other veterans get",
        "What does the other group get?",
        "what will the other half do",
    ],
)
def test_the_other_group_is_an_arms_question(question: str) -> None:
    assert _kind(question) == "arms"


@pytest.mark.parametrize(
    ("trial_id", "question", "fact"),
    [
        ("NCT07286383", "what do the other veterans get", "usual care"),
        ("NCT07286383", "What happens to the control group?", "usual care"),
        ("NCT06050668", "what does the other group get", "standard of care"),
        ("NCT05853575", "what do the other patients get", "400 mg"),
    ],
)
def test_real_other_group_is_the_comparator_sentence(
    real: RetrievalAnswerer, trial_id: str, question: str, fact: str
) -> None:
    kind, text = _ask(real, trial_id, question)
    assert kind == "answer" and fact in text, text
    assert "Testing the Use of" not in text  # never the title


def test_real_other_group_unnamed_is_not_said(real: RetrievalAnswerer) -> None:
    """'a single-blind, randomized controlled trial' names no comparator."""
    kind, text = _ask(real, "NCT05335421", "What does the other group get?")
    assert kind == "no_answer", text


def test_the_other_group_of_a_record_without_a_comparator() -> None:
    trial = _thin(summary="This study tests drug Q in adults with gout. Drug Q is a pill.")
    assert ra.arms(trial, "what does the other group get", WORDING) == DOES_NOT_SAY
    placebo = _thin(summary="Half of the people will get drug Q and half a placebo.")
    got = ra.arms(placebo, "what do the other people get", WORDING)
    assert isinstance(got, Part) and "placebo" in got.text


# -- 4. "which hospital runs it?" is answered by an institution only ---------------------------
@pytest.mark.parametrize(
    ("sponsor", "collaborators", "says"),
    [
        ("Michael C Willey", ["MEND", "Slocum Research & Education Foundation"], False),
        ("Novartis Pharmaceuticals", [], False),
        ("Dana-Farber Cancer Institute", [], True),
        ("Acme Bio", ["University of Iowa"], True),
        ("VA Office of Research and Development", [], True),
    ],
)
@pytest.mark.parametrize(
    "question", ["which hospital is running this", "What clinic runs the trial?"]
)
def test_which_hospital_needs_an_institution(
    sponsor: str, collaborators: list[str], says: bool, question: str
) -> None:
    trial = _thin(sponsor=sponsor, collaborators=collaborators)
    got = ra.sponsor(trial, question, WORDING)
    assert isinstance(got, Part) if says else got == DOES_NOT_SAY


def test_who_runs_it_is_still_the_sponsor() -> None:
    trial = _thin(sponsor="Michael C Willey")
    got = ra.sponsor(trial, "who is running this study", WORDING)
    assert isinstance(got, Part) and "Michael C Willey" in got.text


def test_real_which_hospital(real: RetrievalAnswerer) -> None:
    kind, text = _ask(real, "NCT06050668", "which hospital is running this")
    assert kind == "no_answer", text
    kind, text = _ask(real, "NCT04115254", "which hospital is running it")
    assert kind == "answer" and "Dana-Farber" in text, text


# -- 5. phase 1 is not "the first time in people" ----------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "has kqb365 ever been given to people before or am i one of the first",
        "Has this drug been tried in people before?",
        "Is this the first time it is given to humans?",
        "would I be one of the very first to get it",
    ],
)
def test_phase_one_does_not_say_first_in_people(question: str) -> None:
    trial = _thin(phase="Phase 1", summary="This study tests drug Q in adults with cancer.")
    assert ra.phase(trial, question, WORDING) == DOES_NOT_SAY


def test_first_in_human_said_by_the_text_still_answers() -> None:
    trial = _thin(
        phase="Phase 1",
        summary="This is a first-in-human study of drug Q in adults with solid tumours.",
    )
    got = ra.phase(trial, "has it been given to people before?", WORDING)
    assert isinstance(got, Part) and got.text.startswith(WORDING["answer_no"])
    early = ra.phase(trial, "is this an early trial?", WORDING)
    assert isinstance(early, Part) and early.text.startswith(WORDING["answer_yes"])


def test_real_first_in_people(real: RetrievalAnswerer) -> None:
    question = "has kqb365 ever been given to people before or am i one of the first"
    kind, text = _ask(real, "NCT06720987", question)
    assert kind == "no_answer", text


# -- 6. "am I too old?" of a person within the limits ------------------------------------------
@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("I'm a 72 year old Vietnam vet with an iPhone 12. Am I too old?", "No."),
        ("Is 80 too old for this?", "No."),
        ("my son is 12, is he too young?", "No."),
        ("im 17, am i old enough?", "Yes."),
        ("im 40, whats the age limit", ""),
    ],
)
def test_within_the_limits_leads_the_answer(question: str, lead: str) -> None:
    wording = {"answer_no": "No.", "answer_yes": "Yes."}
    assert _within_lead(question, wording).strip() == lead


def test_real_too_old_within_the_limit(real: RetrievalAnswerer) -> None:
    question = "I'm a 72 year old Vietnam vet with an iPhone 12. Am I too old?"
    kind, text = _ask(real, "NCT06993012", question)
    assert kind == "answer" and text.startswith("No.") and "18" in text, text


# -- 7. one drug at two doses: "what are they comparing?" --------------------------------------
def test_real_comparing_two_doses_of_one_drug(real: RetrievalAnswerer) -> None:
    for question in ("What are they comparing?", "what two things are being compared"):
        kind, text = _ask(real, "NCT05853575", question)
        assert kind == "answer" and "600 mg" in text and "400 mg" in text, text


def test_comparing_reads_the_versus_sentence() -> None:
    trial = _thin(
        interventions=[Intervention(name="Drug Q")],
        summary="Drug Q is a pill. This study compares drug Q once a day with twice a day.",
    )
    got = ra.tested(trial, "what are they comparing", WORDING)
    assert isinstance(got, Part) and "twice a day" in got.text
    two = _thin(
        interventions=[Intervention(name="Drug Q"), Intervention(name="Drug R")],
        arms=[Arm(label="Q", type="EXPERIMENTAL"), Arm(label="R", type="ACTIVE_COMPARATOR")],
        summary="This study compares drug Q with drug R.",
    )
    got = ra.tested(two, "what are they comparing", WORDING)
    assert isinstance(got, Part) and "Drug Q" in got.text and "Drug R" in got.text


# -- 8. "is this testing a new drug?" of a study with no drug phase -----------------------------
@pytest.mark.parametrize(
    "question",
    ["is this testing a new cancer drug", "Is the study testing a new pain medicine?"],
)
def test_new_drug_question_is_tested_kind(question: str) -> None:
    assert _kind(question) == "tested"


def test_a_study_without_a_drug_phase_tests_no_new_drug() -> None:
    trial = _thin(phase="Not Applicable", interventions=[Intervention(name="Weekly Survey")])
    got = ra.tested(trial, "is this testing a new cancer drug", WORDING)
    assert isinstance(got, Part) and got.text.startswith(WORDING["answer_no"])
    drug = _thin(phase="Phase 2", interventions=[Intervention(name="Adagrasib")])
    got = ra.tested(drug, "is this testing a new cancer drug", WORDING)
    assert isinstance(got, Part) and got.text.startswith(WORDING["answer_yes"])


def test_real_new_drug_questions(real: RetrievalAnswerer) -> None:
    kind, text = _ask(real, "NCT06096623", "is this testing a new cancer drug")
    assert kind == "answer" and text.startswith("No.") and "Survey" in text, text


# -- 9. lay words for a drug's class and for a tumour that can be removed ----------------------
@pytest.mark.parametrize(
    ("question", "class_word"),
    [
        ("my son was on selumetinib for his NF1, can he join?", "mek inhibitor"),
        ("I took Koselugo before, is that a problem?", "mek inhibitor"),
        ("i was on mekinist and tafinlar, does that stop me", "mek inhibitor"),
        ("i was on mekinist and tafinlar, does that stop me", "braf inhibitor"),
    ],
)
def test_a_mek_or_braf_drug_reaches_its_class(question: str, class_word: str) -> None:
    from trialbot.retrieval.glossary import load_glossary

    assert class_word in load_glossary().medicine_words(question), question


def test_selumetinib_is_a_mek_inhibitor_for_the_checker() -> None:
    from trialbot.eligibility.drugs import find_drugs

    assert [slug for _, slug in find_drugs("prior selumetinib (Koselugo)")][:1] == ["selumetinib"]


@pytest.mark.parametrize(
    "question",
    [
        "my colon cancer could still be taken out with surgery, can i do this trial",
        "My surgeon says the tumour can still be removed. Can I join?",
        "the tumour is inoperable, is that ok",
    ],
)
def test_taken_out_with_surgery_reaches_resectable(question: str) -> None:
    from trialbot.retrieval.glossary import load_glossary

    found = {s for _, group in load_glossary().synonym_groups(question) for s in group}
    assert "unresect" in found or "resect" in found or "unresectable" in found, found


# -- 10. "will they give me a covid medicine?" of an observational registry --------------------
@pytest.mark.parametrize(
    "question",
    [
        "Will they give me a covid medicine?",
        "will they give me any pain medication",
        "do they give you a new drug",
    ],
)
def test_being_given_a_named_medicine_is_tested_kind(question: str) -> None:
    assert _kind(question) == "tested"


def test_an_observational_registry_gives_no_medicine() -> None:
    from trialbot.domain.trial import Design

    trial = _thin(
        design=Design(study_type="OBSERVATIONAL"),
        interventions=[Intervention(name="Antiviral drugs")],
    )
    got = ra.tested(trial, "Will they give me a covid medicine?", WORDING)
    assert isinstance(got, Part) and got.text.startswith(WORDING["answer_no"])
    assert "observational" in got.text
