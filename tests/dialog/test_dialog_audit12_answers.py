"""Free-text answers a patient audit of unseen trials found misread (audit12, dialog kinds), each
pinned with its example and written variants, over criteria read by the real reader:

1. A number said as an estimate or from memory ("480 i think", "about 480?", "four hundred eighty
   i think?") never rules anyone out by itself: asked whether it is the exact number on a report,
   else kept as approximate (not known while it would exclude); a "?" on it is no question.
2. Relative dates with short units or seasons ("5 wks ago", "last spring") are dates, seasons read
   back with the words used.
3. Facts said mid-conversation ("my last trodelvy infusion was five weeks ago", "carboplatin last
   year", "I've had chemo") are used, not asked again.
4. Hashimoto's is an autoimmune illness; a drug of a class answered yes answers the class
   ("bicalutamide ... none of those others"); clear scans with a rising PSA are no remission.
5. The class question after its drugs were answered no asks about "any other"; the blood-clot
   question leaves out strokes once "never" was said to the stroke question.
"""

from __future__ import annotations

import datetime as dt

import pytest
from dialog_fakes import (
    TODAY,
    answer_until,
    engine_over,
    step_text,
)

from trialbot.dialog.dates import read_date
from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.state import DialogState
from trialbot.domain.facts import NEVER, UNKNOWN

TRIAL = "NCT09999912"


def _engine(*texts: tuple[str, str]) -> DialogEngine:
    return engine_over(TRIAL, *texts)  # type: ignore[no-any-return]


def _until(engine: DialogEngine, state: DialogState, fact: str) -> None:
    answer_until(engine, state, TRIAL, fact)


def _verdict(engine: DialogEngine, state: DialogState) -> str:
    return engine.walk(state).assessments()[TRIAL].verdict


_text = step_text


QTC = ("exclusion", "QTc interval > 470 ms.")
QTC_WORDED = [QTC, ("exclusion", "Corrected QT interval (QTc) greater than 470 msec.")]

# ---- 1. hedged numbers --------------------------------------------------------------------

HEDGED_480 = [
    "480 i think",
    "about 480?",
    "four hundred eighty i think? it was on the printout",
    "four hundred eighty i think?",
    "around 480 ms",
    "roughly 480, if i remember",
    "480?",
    "480ish from memory",
    "i believe it was 480",
]


@pytest.mark.parametrize("criterion", QTC_WORDED)
@pytest.mark.parametrize("answer", HEDGED_480)
def test_a_hedged_number_that_would_exclude_asks_for_the_report(
    criterion: tuple[str, str], answer: str
) -> None:
    """Before: "480 i think" -> "So: the QTc: 480 ms" -> yes -> not eligible; "four hundred
    eighty i think?" went to the trial answerer. After: the report is asked about, and a "from
    memory" keeps the value as not certain: the trial is not ruled out."""
    engine, state = _engine(criterion), DialogState()
    _until(engine, state, "qtc_ms")
    turn = engine.step(state, answer)
    assert "exact number written on your latest report" in _text(turn)
    assert "does not say" not in _text(turn)  # no answer from the trial text: it is an answer
    assert "qtc_ms" not in state.facts
    turn = engine.step(state, "no, it's from memory")
    assert state.facts["qtc_ms"] == UNKNOWN and state.approximate["qtc_ms"] == 480
    assert "will not rule you out" in _text(turn)
    assert _verdict(engine, state) != "ineligible"


@pytest.mark.parametrize("reply", ["No, from memory / not sure", "not sure", "i think so", "no"])
def test_any_reply_but_a_plain_yes_keeps_it_approximate(reply: str) -> None:
    engine, state = _engine(QTC), DialogState()
    _until(engine, state, "qtc_ms")
    engine.step(state, "480 i think")
    engine.step(state, reply)
    assert state.facts["qtc_ms"] == UNKNOWN
    assert _verdict(engine, state) != "ineligible"


def test_the_exact_number_from_the_report_counts() -> None:
    engine, state = _engine(QTC), DialogState()
    _until(engine, state, "qtc_ms")
    engine.step(state, "about 480?")
    engine.step(state, "yes, it's on my report")
    assert state.facts["qtc_ms"] == 480 and not state.approximate
    assert _verdict(engine, state) == "ineligible"


def test_another_number_in_reply_to_the_report_question_is_a_new_answer() -> None:
    engine, state = _engine(QTC), DialogState()
    _until(engine, state, "qtc_ms")
    engine.step(state, "480 i think")
    engine.step(state, "no, it was 450")
    assert state.facts["qtc_ms"] == 450 and not state.confirming


@pytest.mark.parametrize(
    "answer", ["about 420", "420 i think", "420?", "four hundred twenty i guess"]
)
def test_a_hedged_number_that_excludes_no_one_is_kept_and_said_back(answer: str) -> None:
    engine, state = _engine(QTC), DialogState()
    _until(engine, state, "qtc_ms")
    turn = engine.step(state, answer)
    assert state.facts["qtc_ms"] == 420 and state.approximate == {"qtc_ms": 420}
    assert "not for certain" in _text(turn)


def test_an_approximate_value_never_excludes_when_a_later_answer_would_make_it() -> None:
    """QTc "about 480" is harmless alone; once a QT-lengthening drug is confirmed, it would
    exclude together with it: then it counts as not known (the study team checks)."""
    engine, state = _engine(QTC), DialogState()
    _until(engine, state, "qtc_ms")
    engine.step(state, "480 i think")
    engine.step(state, "no, from memory")
    walk = engine.walk(state)
    walk.set_facts({"sex": "female"})  # any later change keeps it held back
    assert state.facts["qtc_ms"] == UNKNOWN
    assert walk.assessments()[TRIAL].verdict != "ineligible"


def test_a_plain_number_is_as_before() -> None:
    engine, state = _engine(QTC), DialogState()
    _until(engine, state, "qtc_ms")
    turn = engine.step(state, "480")
    assert "So: the QTc: 480 ms" in _text(turn) and "report" not in _text(turn)


def test_a_real_question_with_a_number_still_goes_to_the_answerer() -> None:
    engine, state = _engine(QTC), DialogState()
    _until(engine, state, "qtc_ms")
    engine.step(state, "what is a qtc, is 480 high?")
    assert "qtc_ms" not in state.facts and not state.confirming


def test_the_age_is_no_approximate_measure() -> None:
    engine, state = _engine(("inclusion", "Age 18 years or older.")), DialogState()
    _until(engine, state, "age_years")
    engine.step(state, "about 45")
    assert not state.approximate


# ---- 2. relative dates ------------------------------------------------------------------------

BLEED = ("exclusion", "Clinically significant bleeding within 6 months prior to enrollment.")
THERAPY = ("exclusion", "Anticancer therapy within 28 days prior to the first dose.")


@pytest.mark.parametrize(
    ("said", "when"),
    [
        ("5 wks ago", TODAY - dt.timedelta(weeks=5)),
        ("like i said 5 wks ago", TODAY - dt.timedelta(weeks=5)),
        ("5wks ago", TODAY - dt.timedelta(weeks=5)),
        ("five weeks ago", TODAY - dt.timedelta(weeks=5)),
        ("3 mos ago", dt.date(2026, 8, 21)),
        ("2 yrs back", dt.date(2024, 11, 21)),
        ("6 mths ago", dt.date(2026, 5, 21)),
        ("last spring", dt.date(2026, 4, 15)),
        ("in the summer", dt.date(2026, 7, 15)),
        ("winter 2025", dt.date(2025, 1, 15)),
        ("last fall", dt.date(2025, 10, 15)),  # the autumn now is "this fall"
        ("in the summer of 2024", dt.date(2024, 7, 15)),
    ],
)
def test_short_units_and_seasons_are_dates(said: str, when: dt.date) -> None:
    assert read_date(said, TODAY) == when


def test_5_wks_ago_answers_the_last_cancer_medicine() -> None:
    """Before: "like i said 5 wks ago" -> "Sorry, I did not understand"."""
    engine, state = _engine(THERAPY), DialogState()
    _until(engine, state, "last_anticancer_therapy")
    engine.step(state, "like i said 5 wks ago")
    assert state.facts["last_anticancer_therapy"] == "2026-10-17"


@pytest.mark.parametrize(
    "answer", ["last spring", "last spring i had a bad nosebleed and went to urgent care"]
)
def test_a_season_is_read_back_with_its_words_and_kept_approximate(answer: str) -> None:
    """Before: "last spring" -> not understood, then "not sure"."""
    engine, state = _engine(BLEED), DialogState()
    _until(engine, state, "last_serious_bleeding")
    turn = engine.step(state, answer)
    assert "(you said last spring)" in _text(turn) and "about 7 months ago" in _text(turn)
    engine.step(state, "yes")
    assert state.facts["last_serious_bleeding"] == "2026-04-15"
    assert state.approximate == {"last_serious_bleeding": "2026-04-15"}


def test_a_season_inside_a_window_does_not_exclude_by_itself() -> None:
    """ "In the summer" (mid-July, 4 months ago) is inside a 6-month window, but the summer is
    three months wide: the study team checks it."""
    engine, state = _engine(("exclusion", "History of stroke within 6 months.")), DialogState()
    _until(engine, state, "last_stroke")
    engine.step(state, "in the summer")
    engine.step(state, "yes")
    assert state.facts["last_stroke"] == UNKNOWN
    assert _verdict(engine, state) != "ineligible"


# ---- 3. facts said mid-conversation -----------------------------------------------------------

RECOVERED = ("inclusion", "Recovered from the side effects of prior anticancer therapy.")
PLATINUM = ("inclusion", "Must have received prior platinum-based chemotherapy.")


def test_a_last_infusion_said_beside_the_treatment_answer_is_not_asked_again() -> None:
    """Before: "my last trodelvy infusion was about five weeks ago" -> the last-cancer-medicine
    question was asked next anyway."""
    engine, state = _engine(THERAPY, RECOVERED), DialogState()
    _until(engine, state, "prior_cancer_treatment")
    turn = engine.step(
        state,
        "yes obviously, mastectomy, chemo. my last trodelvy infusion was about five weeks ago",
    )
    assert state.facts["last_anticancer_therapy"] == "2026-10-17"
    assert state.pending != "last_anticancer_therapy"
    assert "cancer medicine about 5 weeks ago" in _text(turn)


def test_a_drug_with_an_old_date_is_no_last_cancer_medicine() -> None:
    engine, state = _engine(THERAPY, PLATINUM, RECOVERED), DialogState()
    _until(engine, state, "prior_platinum")
    engine.step(state, "yes carboplatin last year")
    assert state.facts.get("last_anticancer_therapy") != "2025-11-21"


@pytest.mark.parametrize(
    "answer", ["yes carboplatin last year", "yes", "yes, cisplatin", "I had carboplatin"]
)
def test_a_cancer_drug_had_is_earlier_treatment(answer: str) -> None:
    """Before: "yes carboplatin last year" -> "Have you had any treatment for this cancer
    before?" next."""
    engine, state = _engine(PLATINUM, RECOVERED), DialogState()
    _until(engine, state, "prior_platinum")
    engine.step(state, answer)
    if state.confirming:
        engine.step(state, "yes")
    assert state.facts.get("prior_cancer_treatment") is True
    assert state.pending != "prior_cancer_treatment"


def test_chemo_said_mid_conversation_settles_the_treatment_question() -> None:
    engine, state = _engine(QTC, RECOVERED), DialogState()
    _until(engine, state, "qtc_ms")
    engine.step(state, "i've had chemo, my qtc was 420")
    assert state.facts.get("prior_cancer_treatment") is True
    assert state.pending != "prior_cancer_treatment"


# ---- 4. wrong storage -------------------------------------------------------------------------

AUTOIMMUNE = ("exclusion", "Active autoimmune disease.")


@pytest.mark.parametrize(
    "answer",
    [
        "I have hashimotos thyroid, on levothyroxine, nothing with my lungs",
        "hashimoto's",
        "yes, Hashimoto's thyroiditis",
        "graves disease, treated",
        "I have psoriasis but nothing else",
        "multiple sclerosis",
        "coeliac disease, nothing else",
    ],
)
def test_a_named_autoimmune_illness_is_a_yes(answer: str) -> None:
    """Before: "I have hashimotos thyroid ... nothing with my lungs" -> autoimmune_disease=false."""
    engine, state = _engine(AUTOIMMUNE), DialogState()
    _until(engine, state, "autoimmune_disease")
    engine.step(state, answer)
    if state.confirming:
        assert state.confirming.get("autoimmune_disease") is True
        engine.step(state, "yes")
    assert state.facts["autoimmune_disease"] is True


@pytest.mark.parametrize("answer", ["no", "nothing like that", "no, only asthma"])
def test_no_autoimmune_illness_is_still_a_no(answer: str) -> None:
    engine, state = _engine(AUTOIMMUNE), DialogState()
    _until(engine, state, "autoimmune_disease")
    engine.step(state, answer)
    assert state.facts["autoimmune_disease"] is False


ARI = ("exclusion", "Prior treatment with an antiandrogen.")
NAMED_ARI = ("exclusion", "Prior treatment with enzalutamide or apalutamide.")


@pytest.mark.parametrize(
    "answer",
    [
        "he took bicalutamide (casodex) for a month when the shots started, 2 years ago. "
        "none of those others",
        "yes, bicalutamide",
        "casodex for a month, none of the others",
        "only bicalutamide, not the others",
    ],
)
def test_a_drug_of_the_class_answers_the_class(answer: str) -> None:
    """Before: bicalutamide yes beside "none of those others" -> prior_antiandrogen=false."""
    engine, state = _engine(ARI), DialogState()
    _until(engine, state, "prior_antiandrogen")
    turn = engine.step(state, answer)
    assert "antiandrogens: no" not in _text(turn)
    if state.confirming:
        engine.step(state, "yes")
    assert state.facts["prior_antiandrogen"] is True


DISEASE = ("inclusion", "Stable disease or remission on the latest scans.")


@pytest.mark.parametrize(
    "answer",
    [
        "scans r clear, nothing on the bone scan, but his PSA keeps going up, 4.2 last time",
        "scans clear but PSA rising",
        "all clear on the scans, psa went up again",
        "clear scans, but my CA-125 is increasing",
        "no signs on the ct but rising psa",
    ],
)
def test_clear_scans_with_a_rising_marker_are_no_remission(answer: str) -> None:
    """Before: stored `disease_status=remission` with no confirmation."""
    engine, state = _engine(DISEASE), DialogState()
    _until(engine, state, "disease_status")
    turn = engine.step(state, answer)
    assert state.facts.get("disease_status") != "remission"
    assert (state.confirming or {}).get("disease_status") != "remission"
    assert state.facts.get("disease_status") == UNKNOWN and "study team" in _text(turn)


@pytest.mark.parametrize("answer", ["all clear", "no evidence of disease on the scans"])
def test_clear_scans_alone_are_still_remission(answer: str) -> None:
    engine, state = _engine(DISEASE), DialogState()
    _until(engine, state, "disease_status")
    engine.step(state, answer)
    if state.confirming:
        engine.step(state, "yes")
    assert state.facts["disease_status"] == "remission"


# ---- 5. asked twice ---------------------------------------------------------------------------


def test_the_class_after_its_named_drugs_asks_about_any_other() -> None:
    """Before: enzalutamide, apalutamide, then "... antiandrogens, such as enzalutamide,
    apalutamide or darolutamide?"."""
    engine, state = _engine(NAMED_ARI, ARI), DialogState()
    _until(engine, state, "prior_enzalutamide")
    engine.step(state, "no")
    assert state.pending == "prior_apalutamide"
    turn = engine.step(state, "no he hasnt")
    assert state.pending == "prior_antiandrogen"
    question = turn.replies[-1].text
    assert (
        "any other medicine" in question and "apart from enzalutamide and apalutamide" in question
    )
    assert "such as enzalutamide" not in question


def test_a_yes_to_a_named_drug_answers_the_class() -> None:
    engine, state = _engine(NAMED_ARI, ARI), DialogState()
    _until(engine, state, "prior_enzalutamide")
    engine.step(state, "yes")
    if state.confirming:
        engine.step(state, "yes")
    assert state.pending != "prior_antiandrogen"
    assert _verdict(engine, state) == "ineligible"


STROKE = ("exclusion", "History of stroke within 6 months.")
CLOT = ("exclusion", "Deep vein thrombosis or pulmonary embolism within 3 months.")


@pytest.mark.parametrize("never", ["never had a stroke", "never", "no"])
def test_the_clot_question_leaves_out_a_stroke_already_denied(never: str) -> None:
    """Before: "When did you last have a blood clot? This includes ... a stroke or a
    mini-stroke." right after "never had a stroke"."""
    engine, state = _engine(STROKE, CLOT), DialogState()
    _until(engine, state, "last_stroke")
    turn = engine.step(state, never)
    assert state.facts["last_stroke"] == NEVER and state.pending == "last_blood_clot"
    assert "a stroke or a mini-stroke" not in turn.replies[-1].text
    assert "already told me about strokes" in turn.replies[-1].text


def test_a_stroke_with_a_date_keeps_the_whole_clot_question() -> None:
    engine, state = _engine(STROKE, CLOT), DialogState()
    _until(engine, state, "last_stroke")
    engine.step(state, "2 years ago")
    if state.confirming:
        engine.step(state, "yes")
    engine.step(state, "not sure") if state.pending != "last_blood_clot" else None
    if state.pending == "last_blood_clot":
        question = engine.walk(state).question("last_blood_clot").text
        assert "a stroke or a mini-stroke" in question


@pytest.mark.parametrize("junk", ["", "?", "???", "about", "i think?", "~", "last", "in the"])
def test_odd_input_never_crashes(junk: str) -> None:
    engine, state = _engine(QTC, BLEED), DialogState()
    _until(engine, state, "qtc_ms")
    engine.step(state, junk)
    engine.step(state, "480 i think")
    engine.step(state, junk)
    assert state.pending is not None or state.finished
