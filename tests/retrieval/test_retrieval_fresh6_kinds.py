"""Kinds of lay questions the sixth fresh set showed failing, each with its real example and
variants written on other records: a person's own eligibility in their words (a brand name, a
time since treatment, time left, spread to an organ) answered by the criterion that speaks to
it; plain facts of a thin record (its end date, its aim, the drug's name and strength, off-label
use, the allocation ratio, open-label and observational designs); and questions the record
cannot answer that a nearby fact must not answer (a city of a trial listed by country, a dose
count for an amount, a result for the enrolment)."""

from __future__ import annotations

from typing import Any

import pytest

from trialbot.domain.trial import CriterionText, Design, Site, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.glossary import load_glossary
from trialbot.retrieval.intents import asks_quantity, eligibility_cue, structured_intent
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.own_numbers import asks_joining, asks_limit
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.structured import Part, answer_part
from trialbot.settings import Settings

WORDING: dict[str, Any] = dict(load_prompts("answers"))


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


def _thin(summary: str, **fields: Any) -> Trial:
    return Trial(
        id="NCT00000061", registry="ctgov", title="A trial of drug Q", summary=summary, **fields
    )


# -- 1. the person's own eligibility, in their words -------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "I had radiotherapy to that same part of my pelvis years ago, does that stop me?",
        "i take finasteride tablets for my hair, would that stop me",
        "I finished my last chemo 2 weeks ago, can I start the study now?",
        "my melanoma has spread to my liver too, am i eligable",
        "i finished immunotherapy 2 months ago, is that too recent",
        "my mum is on warfarin and cant stop it, can she have it done",
        "Keytruda stopped working for me. Is this study for people like me?",
        "I've had 6 lines of treatment, is that too many?",
    ],
)
def test_the_persons_own_situation_asks_about_a_rule(question: str) -> None:
    """'does that stop me', 'am i eligable', 'too recent / too many', 'can she have it done',
    'is this study for people like me': each asks whether a rule lets the person join."""
    assert eligibility_cue(question), question
    assert asks_joining(question), question


@pytest.mark.parametrize(
    "question",
    ["when does the study start?", "when will they start the study", "How long is the treatment?"],
)
def test_asking_when_things_start_is_no_rule(question: str) -> None:
    """Only 'can I start the study' asks to join; when it starts is a fact of the record."""
    assert not eligibility_cue(question), question


@pytest.mark.parametrize(
    ("question", "class_word"),
    [
        ("I had Keytruda last year, is that a problem?", "anti-pd-1"),  # brand -> class
        ("I was on Opdivo before, can I join?", "anti-pd-1"),
        ("ive already had lupron shots for my prostate cancer, can i still join", "anti-androgen"),
        ("I'm on Ozempic to lose weight, is that a problem?", "glp-1"),
        ("im on mounjaro, can i take part", "glp-1"),
        ("i was on lynparza before, can i join", "parp inhibitor"),
        ("still on letrozole for my breast cancer, can I join?", "hormonal blockade"),
        ("i take finasteride tablets for my hair, would that stop me", "hormonal modulators"),
    ],
)
def test_a_brand_name_finds_the_class_the_rules_name(question: str, class_word: str) -> None:
    """A medicine said by its brand ("Keytruda") is matched to the drug class criteria name."""
    assert class_word in load_glossary().medicine_words(question), question


@pytest.mark.parametrize(
    ("question", "rule_word"),
    [
        ("my doctor says i have maybe 2 months left, can i still sign up", "expectancy"),
        ("they give me a few weeks left, can he join", "expectancy"),
        ("my melanoma has spread to my liver too, am i eligable", "distant"),
        ("I don't have any trouble walking or getting around, can I still join?", "mobility"),
        ("im still on hormone blockers for my breast cancer, do i have to stop them", "blockade"),
        ("I finished immunotherapy after my first melanoma", "systemic"),
    ],
)
def test_lay_words_reach_the_words_of_the_rule(question: str, rule_word: str) -> None:
    """Time 'left' is life expectancy, spread to an organ is a distant metastasis, walking is
    mobility, hormone blockers are hormonal blockade, immunotherapy is systemic therapy."""
    found = {w for _, values in load_glossary().synonym_groups(question) for w in values}
    assert rule_word in " ".join(found), (question, found)


# -- 2. plain facts of a thin record -----------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "When is the study supposed to finish?",  # the real example
        "when will the trial end",
        "what is the end date",
        "When does it finish?",
    ],
)
def test_when_a_trial_ends_is_its_status_with_the_end_date(question: str) -> None:
    """The end (completion) date of the record answers when the study finishes."""
    assert structured_intent(question) == "status", question
    trial = _thin("A study.", status="RECRUITING", start_date="2022-03-01", end_date="2028-12-31")
    part = answer_part("status", trial, question, WORDING)
    assert part is not None and "2028-12-31" in part.text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("whats the name of the new pill for baldness", "tested"),  # the real example
        ("what is the name of the drug they are testing", "tested"),
        ("What strength is the tablet?", "dose"),
        ("what dose is the injection", "dose"),
        ("what is the point of the study", "purpose"),
        ("What are my chances of getting the new drug rather than the chemo?", "randomised"),
        ("how many people had the melanoma come back in the armpit?", "results"),
        ("does VDPHL01 cause erection problems like finasteride does", "side_effects"),
        ("is the nanoknife actually approved for pancreas cancer", "phase"),
    ],
)
def test_plain_fact_questions_find_their_kind(question: str, kind: str) -> None:
    """The drug's name is what is tested, its strength a dose, the point of the study its
    purpose, one's chances of a treatment the allocation, how many had X a result."""
    assert _kind(" ".join(question.replace("whats", "what is").split())) == kind


@pytest.mark.parametrize(
    ("summary", "holds"),
    [
        (
            "To assess the safety and tolerability, obtain the recommended phase 2 dose (RP2D) "
            "for LM-24C5 in subjects with advanced solid tumors.",
            "safety and tolerability",
        ),
        (
            "Mental illness is often chronic. In this study, the investigators aim to conduct "
            "an open trial to assess if a novel version of the intervention improves sleep.",
            "improves sleep",
        ),
        ("To evaluate the effect of drug Q on bone density in older women.", "bone density"),
    ],
)
def test_a_thin_summary_stating_its_aim_answers_what_they_want_to_find(
    summary: str, holds: str
) -> None:
    """'To assess the safety ...' or 'the investigators aim to ... assess if' is the aim."""
    part = ra.purpose(_thin(summary), "What are they trying to find out?", WORDING)
    assert isinstance(part, Part) and holds in part.text
    assert part.citations[0].section == "summary"


def test_the_allocation_ratio_answers_ones_chances() -> None:
    """'randomized (2:1)' says how many of every three go to each group."""
    trial = _thin("Multicenter, randomized (2:1), open-label phase 3 study of Q versus docetaxel.")
    question = "What are my chances of getting the new drug rather than the chemo?"
    part = ra.randomised(trial, question, WORDING)
    assert isinstance(part, Part) and "2:1" in part.text and "of every 3" in part.text
    other = _thin("Patients will be randomised 1:1 to drug Q or placebo.")
    part = ra.randomised(other, "what are the odds i get the real drug", WORDING)
    assert isinstance(part, Part) and "1:1" in part.text


def test_an_open_label_trial_with_no_placebo_named_has_none() -> None:
    """'Could I end up on a placebo?' of an open-label trial naming no placebo: No."""
    trial = _thin("Randomized, open-label phase 3 study of Q versus docetaxel.")
    part = ra.placebo(trial, "Could I end up on a placebo?", WORDING)
    assert isinstance(part, Part) and part.text.startswith("No")
    with_placebo = _thin("Open-label extension after a placebo-controlled period.")
    part = ra.placebo(with_placebo, "Could I end up on a placebo?", WORDING)
    assert isinstance(part, Part) and not part.text.startswith("No")


def test_an_observational_study_puts_no_one_in_groups_by_chance() -> None:
    """'is it randomised, could i end up not getting the treatment' of an observational study."""
    trial = _thin("Outcomes of ablation.", design=Design(study_type="OBSERVATIONAL"))
    question = "is it randomised, could i end up not getting the treatment"
    part = ra.randomised(trial, question, WORDING)
    assert isinstance(part, Part) and part.text.startswith("No") and "observational" in part.text
    part = ra.placebo(trial, "will some people get a dummy", WORDING)
    assert isinstance(part, Part) and part.text.startswith("No")


def test_an_open_trial_is_open_label() -> None:
    """'the investigators aim to conduct an open trial': everyone knows their treatment."""
    trial = _thin("In this study, the investigators aim to conduct an open trial of therapy Q.")
    part = ra.blinded(trial, "will i know which treatment im getting", WORDING)
    assert isinstance(part, Part) and part.text.startswith("Yes"), part


@pytest.mark.parametrize(
    "question",
    [
        "is the nanoknife actually approved for pancreas cancer",  # the real example
        "is this machine licensed for my cancer",
    ],
)
def test_off_label_use_answers_whether_it_is_approved(question: str) -> None:
    """A summary saying the device is 'used off-label' answers 'is it approved?'."""
    trial = _thin(
        "The purpose of this study is to evaluate the safety of the NanoKnife System when used "
        "off-label to treat unresectable pancreatic cancer.",
        phase="NA",
    )
    part = ra.phase(trial, question, WORDING)
    assert isinstance(part, Part) and "off-label" in part.text


# -- 4. nearby facts must not answer -----------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "is there a site in texas",  # the real example
        "is there a site near los angeles",
        "any hospital around cleveland?",
    ],
)
def test_a_lower_case_city_of_a_trial_listed_by_country_is_not_said(question: str) -> None:
    """Sites listed by country only cannot say whether a city or a state has one."""
    trial = _thin("A study.", sites=[Site(country="United States")])
    assert ra.sites(trial, question, WORDING) == ra.DOES_NOT_SAY
    assert ra.sites(trial, "is it running in the united states", WORDING) is None
    assert ra.sites(trial, "can I do it in person?", WORDING) is None


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("how much radioactivity is in each pluvicto dose", True),
        ("What strength is the tablet?", True),
        ("how much is in each pill", True),
        ("how much time does each visit take", False),
        ("how much blood do they take", False),
    ],
)
def test_an_amount_is_asked_only_of_a_dose(question: str, asks: bool) -> None:
    """'How much radioactivity in each dose?' wants an amount with a unit, which 'one dose of
    Pluvicto' is not; 'how much time' is not asked so."""
    assert asks_quantity(question) is asks


# -- the answerer, end to end with the real model ----------------------------------------------
IMMUNO = Trial(
    id="NCT00000062",
    registry="ctgov",
    title="Drug Z in advanced lung cancer",
    summary="A phase 2 study of drug Z in advanced non-small cell lung cancer.",
    criteria=[
        CriterionText(id="inc-1", kind="inclusion", text="Age 18 years or older"),
        CriterionText(id="inc-2", kind="inclusion", text="Life expectancy of at least 12 weeks"),
        CriterionText(
            id="exc-1",
            kind="exclusion",
            text="Prior treatment with an anti-PD-1 or anti-PD-L1 antibody",
        ),
        CriterionText(
            id="exc-2",
            kind="exclusion",
            text="Chemotherapy or radiotherapy within 4 weeks before the first dose",
        ),
        CriterionText(
            id="exc-3",
            kind="exclusion",
            text="Untreated or symptomatic central nervous system (CNS) metastases",
        ),
    ],
)


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    """The answerer over a hand-made record with the real embedding model."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("fresh6-kinds"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog([IMMUNO]))
    answerer.warm_up()
    return answerer


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("I had Keytruda last year, is that a problem?", "anti-PD-1"),
        ("I finished chemo 3 weeks ago, can I start the study now?", "4 weeks"),
        ("my doctor says I have maybe 2 months left, can I still sign up", "12 weeks"),
    ],
)
def test_a_personal_rule_question_is_answered_by_its_criterion(
    answerer: RetrievalAnswerer, question: str, holds: str
) -> None:
    """The criterion that speaks to the person's situation answers, quoted and cited; the
    answer never says Yes or No from it (the checker and the study team decide)."""
    reply = answerer.answer(question, [IMMUNO.id])
    assert reply.kind == "answer", reply.text
    assert holds in reply.text
    assert reply.citations[0].section == "eligibility"
    assert not reply.text.startswith(("Yes", "No"))
    assert "The study team decides how it applies to you." in reply.text


@pytest.mark.parametrize(
    ("summary", "question", "holds"),
    [
        (
            "AGA is a genetic disorder. VDPHL01 8.5 mg Tablet is an investigational oral drug.",
            "What strength is the tablet?",  # the real example
            "8.5 mg",
        ),
        (
            "Participants get 2 doses. Each injection holds 7.4 GBq of drug Q.",
            "what dose is the injection",
            "7.4 GBq",
        ),
    ],
)
def test_the_strength_of_a_tablet_is_the_amount_the_text_gives(
    summary: str, question: str, holds: str
) -> None:
    """A dose question is answered by the sentence giving an amount with a unit."""
    part = ra.dose(_thin(summary), question, WORDING)
    assert isinstance(part, Part) and holds in part.text
    assert ra.dose(_thin("A study of Q."), question, WORDING) is None


@pytest.mark.parametrize(
    "question",
    [
        "My daughter just turned 15 and has ewing sarcoma in her pelvis, is she old enough?",
        "he is 70 and has diabetes, is he too old?",
        "I'm 40 with two kids, is there an age limit?",
    ],
)
def test_a_question_about_the_limit_itself_is_answered_with_it(question: str) -> None:
    """'Is she old enough?' asks the age limit whatever else the question tells."""
    assert asks_limit(question), question
    assert not asks_limit("she is 15 and has asthma, can she join?")


@pytest.mark.parametrize(
    "question",
    [
        "My last chemo was 3 weeks ago, can I have the nanoknife now?",  # the real example
        "my last infusion was last week, can I get the vaccine yet?",
    ],
)
def test_can_i_have_the_treatment_now_asks_about_a_rule(question: str) -> None:
    """'Can I have the nanoknife now?' after a treatment asks whether a time rule is met."""
    assert eligibility_cue(question) and asks_joining(question), question


@pytest.mark.parametrize(
    ("summary", "holds"),
    [
        ("This is a single center, phase I/Ib clinical trial of olaparib.", "one centre only"),
        ("Multicenter, randomized (2:1), open-label phase 3 study.", "several centres"),
        ("A multi-site study of exercise in older adults.", "several centres"),
    ],
)
def test_one_centre_or_many_is_read_from_the_text(summary: str, holds: str) -> None:
    """'Is it at lots of hospitals or just one?' of a record listing countries only."""
    trial = _thin(summary, sites=[Site(country="United States")])
    part = ra.sites(trial, "Is it at lots of hospitals or just one?", WORDING)
    assert isinstance(part, Part) and holds in part.text
    assert ra.sites(_thin("A study."), "how many hospitals are in it", WORDING) is None
