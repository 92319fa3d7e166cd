"""Kinds of wrong answers and wrong refusals the tenth and eleventh fresh sets showed, each pinned
with its real question and a few written variants on other (made-up) records: "whats the point
of the study?" / "what is this study looking at?" of a record without outcomes refused, results
questions ("are there any results yet", "did the training actually improve balance") answered
from an aim sentence or the phase, an answer resting on the title cited as the summary, "who is
leading the study" refused, "is md anderson / UAB part of it" refused, "can anyone just sign up?"
of a trial enrolling by invitation answered without its No, and a person's own words for a rule
("my ECOG is 2", "he isn't Latino", "a blood clot", "a sunbed", "keyhole surgery", "metoprolol")
not finding the criterion written in the record's words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from trialbot.domain.trial import Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import composer
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.glossary import load_glossary
from trialbot.retrieval.hybrid import prepare_query
from trialbot.retrieval.intents import answers_timing, needs_figure
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.mirror import Passage
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.structured import Part, answer_part
from trialbot.retrieval.text import terms
from trialbot.settings import Settings

WORDING: dict[str, Any] = dict(load_prompts("answers"))


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


def _thin(**fields: Any) -> Trial:
    base: dict[str, Any] = {"id": "NCT00000111", "registry": "ctgov", "title": "A trial of Q"}
    base.update(fields)
    return Trial(**base)


def _part(got: Part | str | None) -> Part:
    assert isinstance(got, Part), got
    return got


# -- 1. the aim of a record without outcomes --------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "What's the main point of the study?",  # real (fresh11a)
        "What is the study trying to help with?",  # real (fresh10a)
        "what is this study looking at",  # real (fresh10a)
        "What are they trying to improve in this study?",  # real (fresh11b)
        "what are they trying to develop",  # real (fresh11a)
        "what is the whole point of it",
        "what is this trial looking into?",
        "what are the doctors hoping to prevent",
    ],
)
def test_aim_questions_are_purpose_questions(question: str) -> None:
    assert _kind(question) == "purpose"


SEEKS = _thin(
    title="Harbour Kidney Watch Study",
    summary="Harbour is a study for people on dialysis. This study seeks to discover signs that "
    "tell early which kidneys recover.",
)
TITLED = _thin(
    title="Pilot Study of QX-7 in Early Skin Cancer to Reduce the Risk of Spread to Lymph Nodes",
    summary="This early study will examine QX-7, a modified virus that infects tumour cells.",
)
PLAIN = _thin(
    title="Bone Strength in Older Runners",
    summary="This study will examine how running changes bone strength in people over 70.",
)


@pytest.mark.parametrize(
    ("trial", "question", "said", "section"),
    [
        (SEEKS, "What are the researchers hoping to find?", "signs that tell early", "summary"),
        (TITLED, "whats the point of the study", "Reduce the Risk of Spread", "title"),
        (PLAIN, "what is the main point of this study", "how running changes bone", "summary"),
        (PLAIN, "what is this study looking at", "Bone Strength in Older Runners", "title"),
        (TITLED, "what is this study testing", "QX-7 in Early Skin Cancer", "title"),
    ],
)
def test_the_aim_of_a_record_without_outcomes(
    trial: Trial, question: str, said: str, section: str
) -> None:
    part = _part(ra.purpose(trial, question, WORDING))
    assert said in part.text
    assert part.citations[0].section == section


def test_what_is_measured_is_not_answered_by_an_opening_sentence() -> None:
    assert ra.purpose(PLAIN, "what do they measure", WORDING) is None


# -- 2. results are never in a record -----------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "what did they find out, are there any results yet",  # real (fresh11a)
        "did choosing the drugs this way work, are there any results yet",  # real (fresh11b)
        "did the training actually improve peoples balance",  # real (fresh10b)
        "Did the stress treatment help the women who already had their surgery?",  # real (10a)
        "are there any findings so far",
        "what have the researchers found",
        "did the new exercise plan help anyone",
    ],
)
def test_results_questions_are_results(question: str) -> None:
    assert _kind(question) == "results"


@pytest.mark.parametrize(
    "question",
    [
        "did I do something wrong to get this",
        "What are they trying to improve in this study?",
    ],
)
def test_other_questions_are_not_results(question: str) -> None:
    assert _kind(question) != "results"


# -- 2b. answers that do not say what was asked -------------------------------------------------
@pytest.mark.parametrize(
    ("question", "text", "answers"),
    [
        # real (fresh11b): a cycle length is no number of times a day
        ("how many times a day do i take it", "Treated in 28-day treatment cycles.", False),
        ("how many times a day do i take it", "QX-7 tablets are taken twice a day.", True),
        ("how often per day is the spray used", "The spray is used daily.", True),
        # real (fresh11b): days in hospital are no hours of an operation
        ("How many hours does the operation take?", "They stay 7-21 days after surgery.", False),
        ("How many hours does the operation take?", "The operation takes 6 to 8 hours.", True),
        ("how many days a week are the visits", "Visits are on 3 days a week.", True),
    ],
)
def test_a_span_or_frequency_must_be_the_one_asked(question: str, text: str, answers: bool) -> None:
    assert answers_timing(question, text) is answers


@pytest.mark.parametrize(
    ("question", "needs"),
    [
        ("how hot is the chemo they wash through", True),  # real (fresh11b)
        ("what temperature is the water", True),
        ("how is the chemo given", False),
    ],
)
def test_a_temperature_needs_a_figure(question: str, needs: bool) -> None:
    assert needs_figure(question) is needs


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("does RP1 give you flu like symptoms or fever", "side_effects"),  # real (fresh11b)
        ("will it cause a rash", "side_effects"),
        ("how often are the infusions, every 3 weeks?", None),  # real (fresh10a): not how given
        ("how long are the infusions", None),
        ("is it a pill or an injection", "how_given"),
        ("Are they tablets?", "how_given"),
    ],
)
def test_questions_about_harms_and_timing_are_not_how_given(
    question: str, kind: str | None
) -> None:
    got = _kind(question)
    if kind is None:
        assert got != "how_given"
    else:
        assert got == kind


# -- 3. what rests on the title cites the title ------------------------------------------------
RANDOM_TITLE = _thin(
    title="A Prospective Randomized Pilot Study of Calm Music Before Surgery",
    summary="The purpose of this study is to see if music lowers stress before surgery.",
)


def test_a_design_word_read_in_the_title_cites_the_title() -> None:
    part = _part(ra.randomised(RANDOM_TITLE, "is it randomised", WORDING))
    assert part.text.startswith("Yes.")
    assert [c.section for c in part.citations] == ["title"]
    assert part.citations[0].text == RANDOM_TITLE.title


def _summary_passage(trial: Trial) -> Passage:
    text = f"{trial.title}.\n\n{trial.summary}"
    return Passage(id="s", trial_id=trial.id, section="summary", criterion_id="", text=text)


@pytest.mark.parametrize(
    ("said", "sections"),
    [
        ("A Prospective Randomized Pilot Study of Calm Music Before Surgery.", ["title"]),
        ("The purpose of this study is to see if music lowers stress before surgery.", ["summary"]),
        (
            "A Prospective Randomized Pilot Study of Calm Music Before Surgery. The purpose of "
            "this study is to see if music lowers stress before surgery.",
            ["title", "summary"],
        ),
    ],
)
def test_sentences_of_the_summary_passage_cite_what_they_come_from(
    said: str, sections: list[str]
) -> None:
    part = composer.part_from(RANDOM_TITLE, said, [_summary_passage(RANDOM_TITLE)], said=said)
    assert [c.section for c in part.citations] == sections


# -- 4. sponsors and partners -------------------------------------------------------------------
PARTNERED = _thin(
    sponsor="Northfield Cancer Center",
    collaborators=["M.D. Anderson Cancer Center", "University of Alabama at Birmingham"],
)


@pytest.mark.parametrize(
    "question",
    ["is md anderson part of it", "is UAB part of this", "Is MD Anderson involved?"],
)
def test_a_partner_named_by_initials_is_found(question: str) -> None:
    assert _kind(question) == "named_party"
    part = _part(ra.named_party(PARTNERED, question, WORDING))
    assert part.text.startswith("Yes.")


@pytest.mark.parametrize("question", ["who is leading the study", "who is in charge of it"])
def test_who_leads_is_the_sponsor(question: str) -> None:
    assert _kind(question) == "sponsor"


# -- 5. a trial enrolling by invitation --------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    ["can anyone just sign up for it", "Can anyone just sign up for it?", "can everyone join"],
)
def test_anyone_may_not_sign_up_for_a_trial_by_invitation(question: str) -> None:
    invited = _thin(status="ENROLLING_BY_INVITATION")
    assert _part(answer_part("status", invited, question, WORDING)).text.startswith("No. ")
    open_ = _thin(status="RECRUITING")
    assert not _part(answer_part("status", open_, question, WORDING)).text.startswith("No.")


# -- 6. a person's own words for a rule --------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "term", "record_word"),
    [
        ("My doctor says my ECOG is 2. Can I join?", "ecog", "eastern cooperative oncology group"),
        ("My husband isn't Latino, he's white. Can he take part?", "latino", "latinx"),
        ("I had a blood clot in my leg 3 weeks ago. Is that a problem?", "clot", "thrombotic"),
        ("I used a sunbed two weeks ago. Does that matter?", "sunbed", "tanning"),
        ("im having keyhole surgery, can i still be in it", "keyhole", "minimally invasive"),
        ("My melanoma is in my eye. Can I take part?", "eye", "uveal"),
    ],
)
def test_lay_words_find_the_records_words(question: str, term: str, record_word: str) -> None:
    query = prepare_query(question, np.zeros(384, dtype=np.float32), load_glossary())
    (stem,) = terms(term)
    assert set(terms(record_word)) <= query.synonyms.get(stem, frozenset())


def test_a_beta_blocker_is_named_by_its_class() -> None:
    words = load_glossary().medicine_words("my mum takes metoprolol every day, can she join")
    assert "beta-blocker" in words or "β-blocker" in words


# -- the real records ---------------------------------------------------------------------------
REAL = [
    "NCT00756665",  # prostate active surveillance cohort, summary "seeks to discover" (thin)
    "NCT03998202",  # muscle loss and chemotherapy in older adults, UAB collaborator (thin)
    "NCT06216938",  # RP1 in primary melanoma, aim in the title (thin)
    "NCT06158139",  # B7-H3 CAR-T, M.D. Anderson collaborator, ECOG 0-1 (thin)
    "NCT04254133",  # inherited mutations in prostate cancer, by invitation (thin)
    "NCT06462521",  # polyp removal, randomised in the title (thin)
]


@pytest.fixture(scope="module")
def real(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    """The answerer over the real thin records these kinds came from."""
    from trialbot.sources.readers import read_document

    trials = [t for tid in REAL for t in read_document(corpus_dir / f"{tid}.json")]
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("fresh11-kinds"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog(trials))
    answerer.warm_up()
    return answerer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question", "said", "section"),
    [
        ("NCT00756665", "What are the researchers hoping to find?", "markers", "summary"),
        ("NCT03998202", "what is this study looking at", "Myopenia", "title"),
        ("NCT06216938", "whats the point of the study", "Sentinel Lymph Node", "title"),
        ("NCT03998202", "is UAB part of this", "Yes. ", "sponsor"),
        ("NCT06158139", "is md anderson part of it", "Yes. ", "sponsor"),
        ("NCT04254133", "can anyone just sign up for it", "No. ", "status"),
        ("NCT06462521", "Is it randomised?", "Yes. ", "title"),
        ("NCT06158139", "My doctor says my ECOG is 2. Can I join?", "0-1", "eligibility"),
    ],
)
def test_the_real_questions_are_answered(
    real: RetrievalAnswerer, trial_id: str, question: str, said: str, section: str
) -> None:
    reply = real.answer(question, [trial_id])
    assert reply.kind == "answer" and said in reply.text, reply.text
    assert section in [c.section for c in reply.citations]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("trial_id", "question"),
    [
        ("NCT00756665", "what did they find out, are there any results yet"),
        ("NCT06216938", "did the injections actually shrink the melanoma"),
        ("NCT03998202", "Did the exercise help the people who already finished chemo?"),
    ],
)
def test_the_real_results_questions_are_refused(
    real: RetrievalAnswerer, trial_id: str, question: str
) -> None:
    reply = real.answer(question, [trial_id])
    assert reply.kind == "no_answer", reply.text
