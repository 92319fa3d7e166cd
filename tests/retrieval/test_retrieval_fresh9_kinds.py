"""Kinds of wrong answers and wrong refusals the ninth fresh set showed, each pinned with its
real question and a few written variants on other (made-up) records: an organisation or a
brand-name medicine asked "is X involved?", "is there any medication?" of a programme or an
observational study, "what are they trying to find out?" and "what is this study?", "how many
pateints" and "how many women are they hoping to enroll", how many sites a record's text
counts, a state asked of a record listing countries only, the length of one infusion or session
answered by a gap or a follow-up time, "what dose of X?" answered by a count of infusions, "who
pays for the bronchoscopy?" taken for the sponsor, and "which drug is X combined with?" of a
record naming X alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from trialbot.domain.trial import Design, Intervention, Site, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.intents import answers_dose, answers_timing
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.record_answers import DOES_NOT_SAY
from trialbot.retrieval.structured import Part
from trialbot.settings import Settings

WORDING: dict[str, Any] = dict(load_prompts("answers"))


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


def _thin(**fields: Any) -> Trial:
    base: dict[str, Any] = {"id": "NCT00000091", "registry": "ctgov", "title": "A trial of Q"}
    base.update(fields)
    return Trial(**base)


def _text(got: Part | str | None) -> str:
    assert isinstance(got, Part), got
    return got.text


# -- 1. "is X involved / part of this / funding it?" -------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "is the department of defense involved in this",  # real (fresh9a)
        "is CIHR funding it",  # real (fresh9a)
        "is exelixis involved",  # real (fresh9b)
        "Is Keytruda part of this study?",  # real (fresh9b)
        "is the national cancer institute part of this",  # real (fresh9b)
        "Is Pfizer behind this trial?",
        "does the NIH fund this study",
        "So is Stanford University running it?",
    ],
)
def test_a_named_party_question_is_its_own_kind(question: str) -> None:
    assert _kind(question) == "named_party"


@pytest.mark.parametrize(
    "question",
    [
        "is there any radiation involved",
        "is my family involved",
        "Is it part of my normal care?",
        "are you involved",
    ],
)
def test_other_involved_questions_are_not_about_a_named_party(question: str) -> None:
    assert _kind(question) != "named_party"


SPONSORED = _thin(
    sponsor="Riverside Cancer Alliance",
    collaborators=["National Heart, Lung, and Blood Institute (NHLBI)", "Merck Sharp & Dohme LLC"],
    interventions=[Intervention(name="Cetuximab"), Intervention(name="Radiation Therapy")],
)


@pytest.mark.parametrize(
    "question",
    [
        "is merck involved",
        "Is the National Heart, Lung, and Blood Institute involved?",
        "is NHLBI funding it",
        "is the riverside cancer alliance running this",
    ],
)
def test_a_named_sponsor_or_collaborator_is_a_yes(question: str) -> None:
    got = ra.named_party(SPONSORED, question, WORDING)
    text = _text(got)
    assert text.startswith("Yes.")
    assert any(name in text for name in ("Merck", "Institute", "Riverside"))
    assert isinstance(got, Part) and got.citations[0].section == "sponsor"


def test_a_brand_name_of_a_tested_drug_is_a_yes() -> None:
    """The glossary's brand names (erbitux: [cetuximab, ...]) reach the trial's own drug."""
    text = _text(ra.named_party(SPONSORED, "Is Erbitux part of this study?", WORDING))
    assert text.startswith("Yes.") and "Cetuximab" in text


@pytest.mark.parametrize(
    "question",
    ["is the Mayo Clinic involved?", "Is the University of Oslo part of this", "is NCI funding it"],
)
def test_an_organisation_found_nowhere_is_not_said(question: str) -> None:
    assert ra.named_party(SPONSORED, question, WORDING) == DOES_NOT_SAY


@pytest.mark.parametrize("question", ["is surgery part of this", "is MRI part of it"])
def test_any_other_name_is_left_to_the_text(question: str) -> None:
    assert ra.named_party(SPONSORED, question, WORDING) is None


# -- 2. "is there any medication?" of a programme or an observational study ---------------------
@pytest.mark.parametrize(
    "question",
    [
        "Is there any medication?",  # real (fresh9b)
        "Is it a drug?",  # real (fresh9b)
        "Would I be given any treatment?",  # real (fresh9b)
        "Would I get any treatment from this?",  # real (fresh9a)
        "so is there any medicine involved?",  # real (fresh7a)
        "Will they be giving me a new experimental treatment?",  # real (fresh7b)
        "is this a new pain drug?",  # real (fresh7b)
        "is there medicine involved",
        "will my son get any medication",
    ],
)
def test_any_medication_questions_ask_what_is_tested(question: str) -> None:
    assert _kind(question) == "tested"


def test_a_programme_without_a_drug_phase_gives_no_medicine() -> None:
    trial = _thin(phase="Not Applicable", interventions=[Intervention(name="Peer coaching")])
    assert _text(ra.tested(trial, "Is there any medication?", WORDING)).startswith("No.")


def test_an_observational_study_gives_no_treatment() -> None:
    trial = _thin(design=Design(study_type="OBSERVATIONAL"), summary="A registry of tissue.")
    text = _text(ra.tested(trial, "Would I be given any treatment?", WORDING))
    assert text.startswith("No.") and "observational" in text


# -- 3. what they are trying to find out; what the study is ------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "What do the researchers want to find out?",  # real (fresh9a)
        "What is the study trying to do?",  # real (fresh9a)
        "What are they trying to work out?",  # real (fresh9b)
        "What's the point of collecting all of this?",  # real (fresh9a)
        "what are the doctors hoping to learn",
        "What problem is this study trying to fix?",  # real (fresh7a)
        "what is the trial aiming to show",
    ],
)
def test_what_they_want_to_find_out_asks_the_purpose(question: str) -> None:
    q = question.replace("What's", "What is")  # the answerer reads contractions first
    assert _kind(q) == "purpose"


def test_a_summary_saying_what_the_trial_is_evaluating_gives_the_purpose() -> None:
    trial = _thin(
        summary="This pilot study is testing whether a walking plan can reduce tiredness in "
        "people on chemotherapy. Walks are logged on a phone."
    )
    text = _text(ra.purpose(trial, "What do the researchers want to find out?", WORDING))
    assert "walking plan" in text


@pytest.mark.parametrize(
    "question",
    ["what is this study", "What is this registry about?", "tell me about this study"],
)
def test_what_the_study_is_asks_for_an_overview(question: str) -> None:
    assert _kind(question) == "overview"


def test_the_overview_is_the_first_summary_sentence() -> None:
    trial = _thin(summary="The Lantern registry collects blood from families. It is large.")
    got = ra.overview(trial, "what is this study", WORDING)
    assert isinstance(got, Part) and "Lantern registry collects blood" in got.text
    assert got.citations[0].section == "summary" and "It is large" not in got.text


# -- 4. size questions with typos or a verb of recruiting ---------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "How many pateints are they scanning?",  # real (fresh9a)
        "how many peple are they enrolling",  # real (fresh9b)
        "how many women are they hoping to enroll",  # real (fresh8a)
        "how many kids are they looking for",
        "How many paitents will they recruit?",
    ],
)
def test_how_many_people_they_take_asks_the_size(question: str) -> None:
    assert _kind(question) == "size"


@pytest.mark.parametrize(
    "question",
    ["how many tablets do you take a day", "what are they hoping to improve"],
)
def test_other_how_many_and_hoping_questions_are_not_the_size(question: str) -> None:
    assert _kind(question) != "size"


# -- 5. how many sites the text counts; a state asked of countries only -------------------------
def test_a_number_of_sites_in_the_text_is_said() -> None:
    trial = _thin(summary="Up to 12 study sites in Canada will take part.")
    text = _text(ra.sites(trial, "how many hospitals are involved", WORDING))
    assert "up to 12 sites" in text


def test_one_centre_says_the_records_own_word() -> None:
    trial = _thin(summary="This is a single-center, phase 2 trial of drug Q.")
    text = _text(ra.sites(trial, "is it at lots of hospitals or just one", WORDING))
    assert "one centre only" in text and "single-center" in text


@pytest.mark.parametrize(
    "question",
    [
        "Which states are the sites in?",  # real (fresh9b)
        "what province is it in",
        "In which state is the hospital?",
    ],
)
def test_a_state_is_not_said_by_a_country(question: str) -> None:
    trial = _thin(sites=[Site(country="United States")])
    assert ra.sites(trial, question, WORDING) == DOES_NOT_SAY


# -- 6. the length of one infusion or session --------------------------------------------------
@pytest.mark.parametrize(
    ("question", "text"),
    [
        (  # real (fresh9a)
            "how long does each rituximab infusion take",
            "Participants will have two infusions of rituximab given 2 weeks apart.",
        ),
        (  # real (fresh9b)
            "how long is each zoom session",
            "Complete a survey immediately after the intervention and at 1-, 3-, and 6-months "
            "following the intervention.",
        ),
        ("how long is one visit", "Visits are 3 days apart."),
        ("how long does each appointment take", "You will be followed for 2 years."),
    ],
)
def test_a_gap_or_a_follow_up_is_no_length_of_one(question: str, text: str) -> None:
    assert not answers_timing(question, text)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("how long is each zoom session", "Each session lasts about 60 minutes."),
        ("how long does each infusion take", "The drug is given as a 30-minute infusion."),
        ("how long is each cycle", "Each cycle is 21 days."),
    ],
)
def test_a_length_of_one_answers(question: str, text: str) -> None:
    assert answers_timing(question, text)


# -- 7. a dose asked, a count of infusions given -----------------------------------------------
def test_what_dose_needs_an_amount_with_a_unit() -> None:
    counted = "Participants take tablets twice daily and have two infusions of rituximab."
    assert not answers_dose("What dose of cyclosporine would I be on?", counted)  # real
    assert answers_dose("What dose of cyclosporine would I be on?", "It is 3 mg/kg a day.")
    assert answers_dose("how many doses will I get", counted)
    assert answers_dose("what dosage is the pill", "One 200 mg tablet.")


# -- 8. who pays for a test is a cost question -------------------------------------------------
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("who pays for the bronchoscopy", "cost"),  # real (fresh9b)
        ("who pays for my scans", "cost"),
        ("who pays for the study", "sponsor"),
    ],
)
def test_who_pays_for_a_test_is_about_cost(question: str, kind: str) -> None:
    assert _kind(question) == kind


# -- 9. "which drug is X combined with?" of a record naming X alone ----------------------------
def test_a_drug_given_alone_has_no_partner_in_the_record() -> None:
    alone = _thin(phase="Phase 1", interventions=[Intervention(name="QX101 tablets")])
    question = "Which drug is QX101 combined with?"
    assert ra.tested(alone, question, WORDING) == DOES_NOT_SAY
    paired = _thin(
        phase="Phase 1",
        interventions=[Intervention(name="QX101 tablets"), Intervention(name="Nivolumab")],
    )
    text = _text(ra.tested(paired, "what is QX101 given together with?", WORDING))
    assert "Nivolumab" in text and "QX101" not in text


# -- the real questions over the real records --------------------------------------------------
REAL = [
    "NCT07047807",  # PDAC-PATHWAYS app, Department of Defense collaborator (thin)
    "NCT06459271",  # CALM therapy, CIHR collaborator (thin)
    "NCT04130516",  # LNS8801 with or without pembrolizumab, Merck collaborator (thin)
    "NCT00900419",  # lung cancer screening biomarkers, observational, NCI collaborator (thin)
    "NCT06876740",  # firearm safety counseling, phase not applicable (thin)
    "NCT07118176",  # 68Ga-FAPI-46 PET, 30 participants (thin)
    "NCT02012699",  # iCaRe2 cancer repository, observational (thin)
    "NCT07043608",  # zanzalintinib, single-institution (thin)
    "NCT05036291",  # NB004 tablets alone (thin)
    "NCT00977977",  # rituximab infusions and cyclosporine tablets (thin)
]


@pytest.fixture(scope="module")
def real(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    """The answerer over the real thin records these kinds came from."""
    from trialbot.sources.readers import read_document

    trials = [t for tid in REAL for t in read_document(corpus_dir / f"{tid}.json")]
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("fresh9-kinds"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog(trials))
    answerer.warm_up()
    return answerer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question", "said"),
    [
        ("NCT07047807", "is the department of defense involved in this", "Yes. "),
        ("NCT06459271", "is CIHR funding it", "Yes. "),
        ("NCT04130516", "Is Keytruda part of this study?", "Yes. "),
        ("NCT00900419", "Is the National Cancer Institute involved?", "Yes. "),
        ("NCT06876740", "Is there any medication?", "No. "),
        ("NCT00900419", "Would I be given any treatment?", "No. "),
        ("NCT07118176", "How many pateints are they scanning?", "30"),
        ("NCT07118176", "What do the researchers want to find out?", "biodistribution"),
        ("NCT02012699", "what is this study", "biospecimens"),
        ("NCT04130516", "how many hospitals are involved", "15"),
        ("NCT07043608", "is it at lots of hospitals or just one", "single-institution"),
    ],
)
def test_the_real_questions_are_answered(
    real: RetrievalAnswerer, trial_id: str, question: str, said: str
) -> None:
    reply = real.answer(question, [trial_id])
    assert reply.kind == "answer" and said in reply.text, reply.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question"),
    [
        ("NCT04130516", "Which states are the sites in?"),
        ("NCT00977977", "how long does each rituximab infusion take"),
        ("NCT06876740", "how long is each zoom session"),
        ("NCT00977977", "What dose of cyclosporine would I be on?"),
        ("NCT00900419", "who pays for the bronchoscopy"),
        ("NCT05036291", "Which drug is NB004 combined with?"),
    ],
)
def test_the_real_unanswerable_questions_are_refused(
    real: RetrievalAnswerer, trial_id: str, question: str
) -> None:
    reply = real.answer(question, [trial_id])
    assert reply.kind == "no_answer", reply.text
