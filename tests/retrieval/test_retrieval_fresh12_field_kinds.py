"""Kinds of wrong refusals, wrong routes and wrong citations the twelfth fresh set showed (the
questions about the trial, not about the person's own eligibility), each pinned with its real
question and written variants on made-up records: what the study is for or looks at, what problem
the drug is meant to help with, "a pill or a shot?" of an injectable product, "do I get a say in
which therapy?" of a shared-decision trial, "is a charity or fund supporting it?", "is this a trial
of a new X medication?", "high-risk" and "how big" read as other kinds, a rule's dose answering
"what dose will I get?", and a title cited as the summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from trialbot.domain.trial import Intervention, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.answerer import RetrievalAnswerer, title_cited
from trialbot.retrieval.intents import asks_rule_timing, structured_intent
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.mirror import Passage
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.record_answers import DOES_NOT_SAY
from trialbot.retrieval.structured import Part
from trialbot.settings import Settings

WORDING: dict[str, Any] = dict(load_prompts("answers"))


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


def _thin(**fields: Any) -> Trial:
    base: dict[str, Any] = {"id": "NCT00000121", "registry": "ctgov", "title": "A trial of Q"}
    base.update(fields)
    return Trial(**base)


def _text(got: Part | str | None) -> str:
    assert isinstance(got, Part), got
    return got.text


# -- 1. what the study is for or looks at ------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "What is the study looking at?",  # real (fresh12)
        "What's the point of the study?",  # real (fresh12)
        "What is the study trying to help with?",  # real (fresh10a)
        "what is this trial examining",
        "What are the researchers hoping to find?",
    ],
)
def test_a_purpose_question_is_its_own_kind(question: str) -> None:
    assert _kind(question.replace("What's", "What is")) == "purpose"


@pytest.mark.parametrize(
    ("summary", "said"),
    [
        (  # real wording (fresh12): the treatment is given for a stated aim
            "Girls and women with obesity will receive an injection for 10 months to induce "
            "metabolic changes, weight loss and improve reproductive abnormalities.",
            "weight loss",
        ),
        (
            "Adults with gout take the tablet for a year to reduce flares.",
            "reduce flares",
        ),
        ("This study will examine the link between sleep and memory in older adults.", "sleep"),
        ("This study seeks to discover markers of aggressive tumours.", "markers"),
    ],
)
def test_a_thin_record_says_what_it_is_for(summary: str, said: str) -> None:
    trial = _thin(summary=summary)
    assert said in _text(ra.purpose(trial, "What's the point of the study?", WORDING))


def test_a_summary_giving_no_aim_leaves_the_purpose_to_the_passages() -> None:
    trial = _thin(summary="Chemotherapy has been used for decades. Many people feel tired.")
    assert ra.purpose(trial, "What's the point of the study?", WORDING) is None


@pytest.mark.parametrize(
    "question",
    [
        "What problem is the drug meant to help with?",  # real (fresh12)
        "what illness is the medicine supposed to treat",
        "what is the injection for?",
        "What condition is this treatment meant to help with?",
    ],
)
def test_what_the_drug_is_meant_to_help_with_reads_the_conditions(question: str) -> None:
    assert structured_intent(question) == "conditions"


# -- 2. how it is given ------------------------------------------------------------------------
INJECTABLE = _thin(interventions=[Intervention(name="Semaglutide Injectable Product (Wegovy)")])


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Is it a pill or a shot?", ""),  # real (fresh12): a choice, no Yes or No
        ("Is it an injection?", "Yes. "),
        ("is it a jab", "Yes. "),
        ("Is it a tablet?", "No. "),
    ],
)
def test_an_injectable_product_is_given_as_an_injection(question: str, lead: str) -> None:
    assert _kind(question) == "how_given"
    text = _text(ra.how_given(INJECTABLE, question, WORDING))
    assert "injection" in text and text.startswith(lead or "Semaglutide"), text


# -- 3. "do I get a say in which therapy?" -----------------------------------------------------
SHARED = _thin(
    summary="Shared Decision Making between the service member and the therapists will be used "
    "to match patients to 1 of 3 different types of therapy."
)


@pytest.mark.parametrize(
    "question",
    [
        "Do I get a say in which therapy I get?",  # real (fresh12)
        "do we have any say in what treatment he gets",
        "Can I choose which therapy I do?",
    ],
)
def test_a_shared_decision_trial_lets_you_choose(question: str) -> None:
    assert _kind(question) == "randomised"
    text = _text(ra.randomised(SHARED, question, WORDING))
    assert text.startswith("Yes. ") and "Shared Decision Making" in text


def test_a_randomised_trial_naming_a_choice_is_still_by_chance() -> None:
    trial = _thin(
        summary="Participants will be randomized to two groups. Patients can choose a time slot."
    )
    assert _text(ra.randomised(trial, "Can I choose which group I am in?", WORDING)).startswith(
        "No. "
    )


def test_no_choice_sentence_still_does_not_say() -> None:
    trial = _thin(summary="People get a talking therapy for PTSD.")
    assert ra.randomised(trial, "Do I get a say in which therapy I get?", WORDING) == DOES_NOT_SAY


# -- 4. a kind of organisation behind it -------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "parties", "said"),
    [
        (  # real (fresh12)
            "Is a charity or fund supporting it?",
            ("Johns Hopkins", ["Robert L. Sloan Fund for Cancer Research"]),
            "Yes. Robert L. Sloan Fund for Cancer Research is a partner",
        ),
        ("Is a drug company behind it?", ("Pfizer", []), "Yes. Pfizer runs the trial."),
        (
            "is the government paying for it",
            ("Texas Health", ["United States Department of Defense"]),
            "Yes. United States Department of Defense",
        ),
        ("Is a foundation funding this?", ("Acme Trust", []), "Yes. Acme Trust runs the trial."),
    ],
)
def test_a_kind_of_organisation_is_found_in_the_names(
    question: str, parties: tuple[str, list[str]], said: str
) -> None:
    assert _kind(question) == "named_party"
    trial = _thin(sponsor=parties[0], collaborators=parties[1])
    assert _text(ra.named_party(trial, question, WORDING)).startswith(said)


def test_a_kind_of_organisation_found_nowhere_does_not_say() -> None:
    trial = _thin(sponsor="Sidney Kimmel Comprehensive Cancer Center")
    assert ra.named_party(trial, "Is a charity supporting it?", WORDING) == DOES_NOT_SAY


# -- 5. wrong routes ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "is this a trial of a new ptsd medication",  # real (fresh12)
        "Is it a study of a new drug?",
        "is this a trial testing a new pill",
    ],
)
def test_a_new_medication_question_asks_what_is_tested(question: str) -> None:
    assert _kind(question) == "tested"


def test_a_programme_without_a_drug_phase_is_no_new_medication() -> None:
    trial = _thin(phase="NA", interventions=[Intervention(name="Prolonged Exposure Therapy")])
    text = _text(ra.tested(trial, "is this a trial of a new ptsd medication", WORDING))
    assert text.startswith("No. ") and "Prolonged Exposure" in text


@pytest.mark.parametrize(
    "question",
    [
        "Does the treatment depend on how high-risk my cancer is?",  # real (fresh12)
        "what if my cancer is low risk",
        "which risk group am I in",
    ],
)
def test_how_advanced_a_cancer_is_asks_no_side_effects(question: str) -> None:
    assert _kind(question) != "side_effects"


@pytest.mark.parametrize("question", ["what are the risks", "Is there a risk of bleeding?"])
def test_the_risks_of_taking_part_still_ask_side_effects(question: str) -> None:
    assert _kind(question) == "side_effects"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("is there a limit on how big my prostate can be", None),  # real (fresh12)
        ("how big is the tumour allowed to be", None),
        ("how big is the study?", "enrollment"),
        ("How big will the trial be", "enrollment"),
    ],
)
def test_how_big_is_the_study_size_only_of_the_study(question: str, intent: str | None) -> None:
    assert structured_intent(question) == intent


@pytest.mark.parametrize(
    "question",
    ["I'm on FOLFIRINOX. How many cycles do I need to have had?", "How recent does it have to be?"],
)
def test_what_one_must_have_had_is_a_rule_question(question: str) -> None:
    assert asks_rule_timing(question)


# -- 6. a title cited as the title -------------------------------------------------------------
def test_a_title_sentence_is_cited_as_the_title() -> None:
    trial = _thin(title="A Risk Stratified Trial of Radiosurgery")
    summary = Passage("p1", trial.id, "summary", "", f"{trial.title}.\n\nIt treats cancer.")
    cited = title_cited(trial, "A Risk Stratified Trial of Radiosurgery.", [summary])
    assert [p.section for p in cited] == ["title", "summary"]
    assert title_cited(trial, "It treats cancer.", [summary]) == [summary]


def test_a_record_sentence_from_the_title_is_cited_as_the_title() -> None:
    trial = _thin(title="A Phase 3, Randomized, Double-Blind Study of Q")
    got = ra.blinded(trial, "is it double blind", WORDING)
    assert isinstance(got, Part) and got.citations[0].section == "title"


# -- 7. the real questions over the real records -----------------------------------------------
REAL = [
    "NCT05297734",  # supportive cancer care, verbal consent (thin)
    "NCT06953687",  # shared decision making for PTSD therapies (thin)
    "NCT05819853",  # semaglutide injections for 10 months (thin)
    "NCT06989437",  # ponsegromab for cachexia, double-blind (thin)
    "NCT04552509",  # radiosurgery, risk-stratified (thin)
    "NCT06376669",  # proton SBRT, Sloan Fund collaborator (thin)
    "NCT05429970",  # propranolol and etodolac before ovarian cancer surgery (thin, fresh10a)
]


@pytest.fixture(scope="module")
def real(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    """The answerer over the real thin records these kinds came from."""
    from trialbot.sources.readers import read_document

    trials = [t for tid in REAL for t in read_document(corpus_dir / f"{tid}.json")]
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("fresh12-kinds"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog(trials))
    answerer.warm_up()
    return answerer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question", "said", "section"),
    [
        ("NCT05819853", "What's the point of the study?", "weight loss", "summary"),
        ("NCT06376669", "What is the study looking at?", "kidney function", "summary"),
        ("NCT06989437", "What problem is the drug meant to help with?", "Cachexia", "conditions"),
        ("NCT05819853", "Is it a pill or a shot?", "injection", "interventions"),
        ("NCT05819853", "how long would i be on the medicine", "10 months", "summary"),
        ("NCT06953687", "Do I get a say in which therapy I get?", "Shared Decision", "summary"),
        ("NCT04552509", "Is radiosurgery an operation? Will they cut me open?", "non-invasive", ""),
        ("NCT04552509", "Does the treatment depend on how high-risk my cancer is?", "Risk", ""),
        ("NCT06376669", "Is a charity or fund supporting it?", "Sloan Fund", "sponsor"),
        ("NCT05297734", "can i just agree out loud", "verbal consent", "eligibility"),
        ("NCT06953687", "is this a trial of a new ptsd medication", "No. ", "interventions"),
        ("NCT06953687", "How do they check that I actually have PTSD?", "CAPS-5", "eligibility"),
        ("NCT04552509", "is there a limit on how big my prostate can be", "100 cc", ""),
        ("NCT06989437", "is it double blind", "Yes. ", "title"),
        # a timing kind asking when to start before an event keeps the rules' windows
        ("NCT05429970", "How long before my surgery would I start the pills?", "7 days", ""),
    ],
)
def test_the_real_questions_are_answered(
    real: RetrievalAnswerer, trial_id: str, question: str, said: str, section: str
) -> None:
    reply = real.answer(question, [trial_id])
    assert reply.kind == "answer" and said in reply.text, reply.text
    assert not section or section in [c.section for c in reply.citations][:3], reply.citations


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question"),
    [
        ("NCT05819853", "what dose of semaglutide will i get"),  # a rule's metformin dose
        ("NCT06376669", "Is a university involved?"),
        ("NCT04552509", "do i get paid for taking part"),
    ],
)
def test_what_the_records_do_not_say_is_still_refused(
    real: RetrievalAnswerer, trial_id: str, question: str
) -> None:
    assert real.answer(question, [trial_id]).kind == "no_answer"


# -- 8. the same kinds in the tenth and eleventh sets ------------------------------------------
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Is this a new drug for AFib?", "tested"),  # real (fresh11a)
        ("is it a new medicine for my asthma", "tested"),
        ("What is the main point of the study?", "purpose"),  # real (fresh11a)
        ("what are they trying to develop", "purpose"),  # real (fresh11a)
        ("what is the real aim of this study", "purpose"),
    ],
)
def test_the_earlier_sets_questions_take_their_kinds(question: str, kind: str) -> None:
    assert _kind(question) == kind


def test_a_route_before_a_bracketed_short_form_names_how_it_is_given() -> None:
    trial = _thin(
        summary="The study will evaluate subcutaneous (SC) blinatumomab for adults.",
        interventions=[Intervention(name="Blinatumomab")],
    )
    text = _text(ra.how_given(trial, "How is it given, through a drip?", WORDING))
    assert "under the skin" in text, text


def test_a_study_validating_a_test_says_so() -> None:
    trial = _thin(summary="This is a case-control study to train and validate a blood test.")
    assert "validate a blood test" in _text(
        ra.purpose(trial, "what are they trying to develop", WORDING)
    )
