"""Question kinds patients ask about any trial, on hand-made trials and questions (no model): a
medicine named by the person against criteria naming its class, birth control after the last
dose, design facts said only in a thin record's title, which interventions are the medicines,
dose and result questions, and a long rule shown around the part that answers."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from trialbot.domain.trial import Intervention, Trial
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval.glossary import load_glossary
from trialbot.retrieval.hybrid import Hit, prepare_query
from trialbot.retrieval.intents import (
    DOSE_AMOUNT,
    answers_count,
    answers_timing,
    asks_dose,
    asks_rule_timing,
    eligibility_cue,
    structured_intent,
)
from trialbot.retrieval.mirror import Passage
from trialbot.retrieval.plain import window
from trialbot.retrieval.question_types import load_question_types
from trialbot.retrieval.structured import answer_part


def _kind(question: str) -> str | None:
    kind = load_question_types().by_pattern(question)
    return kind.name if kind else None


def _trial(**fields: Any) -> Trial:
    return Trial(id="NCT00000003", registry="ctgov", title="A made-up trial", **fields)


def test_a_named_medicine_widens_to_the_class_criteria_use() -> None:
    """'erythromycin' finds 'macrolide', 'esomeprazole' finds 'proton pump', 'niraparib' finds
    'PARP inhibitor' (glossary `medicines`), and the words say which rule is about it."""
    glossary = load_glossary()
    for question, klass in (
        ("I'm taking erythromycin at the moment, can I join?", "macrolide"),
        ("I take esomeprazole for reflux, is that a problem?", "proton pump"),
        ("I had niraparib last year, am I allowed in?", "parp"),
        ("She is on apixaban, can she still take part?", "anticoagulant"),
    ):
        assert klass in glossary.medicine_words(question), question
        assert any(klass.split()[0] in values for _, values in glossary.synonym_groups(question))
    assert glossary.medicine_words("how often is the infusion given?") == []


def test_a_rule_naming_the_class_of_the_persons_medicine_covers_the_question() -> None:
    """The criterion naming the medicine's class counts as covering the question's topic, also
    when the person says more ('for my heart', 'every day'); other criteria are left as they are."""
    from trialbot.retrieval.answerer import lifted_rules

    glossary = load_glossary()
    question = "My mum takes rivaroxaban every day for her heart rhythm, do we have to stop it?"
    assert eligibility_cue(question.lower())
    named = glossary.medicine_words(question)
    pattern = re.compile("|".join(re.escape(w) for w in named), re.I)
    rule = Passage(
        "p2", "NCT1", "eligibility", "exc-2", "Who cannot join: Current anticoagulant therapy."
    )
    other = Passage(
        "p1", "NCT1", "eligibility", "exc-1", "Who cannot join: Heart failure NYHA class III."
    )
    hits = [Hit(other, 0.3, 1.0, 0.03, 0.4), Hit(rule, 0.2, 1.0, 0.03, 0.0)]
    lifted = lifted_rules(hits, pattern)
    assert lifted[1].coverage == 1.0 and lifted[0].coverage == 0.4


def test_birth_control_questions_read_the_rules() -> None:
    """'how long after the last dose ... birth control / condoms / contraception' is its own
    kind, answered from criteria, and keeps the rules holding a time window."""
    for question in (
        "how long after the last infusion must I keep using birth control?",
        "Does my husband need to use condoms after the treatment, and for how long?",
        "For how many weeks after stopping do I need contraception?",
    ):
        assert _kind(question) == "contraception", question
        assert asks_rule_timing(question), question
    assert _kind("how often is the infusion given?") != "contraception"


def test_a_thin_records_title_settles_placebo_and_chance(wording: dict[str, Any]) -> None:
    """No arms or design fields: 'Single-Arm' in the title answers placebo and randomised with
    No; 'Open-label, Non-randomized' answers placebo with No and chance without Yes/No."""
    single = _trial(official_title="A Phase II, Single-Arm Study of Zumab in Lymphoma")
    for question in ("Is there a placebo group?", "Could I get a dummy drip?"):
        part = ra.placebo(single, question, wording)
        assert isinstance(part, ra.Part) and part.text.startswith("No"), question
    chance = ra.randomised(single, "Is it random which treatment I get?", wording)
    assert isinstance(chance, ra.Part) and chance.text.startswith("No")
    opened = _trial(summary="An open-label, non-randomised study of Zumab in adults.")
    part = ra.placebo(opened, "will I be on a placebo?", wording)
    assert isinstance(part, ra.Part) and part.text.startswith("No")
    pick = ra.randomised(opened, "Can I choose my group?", wording)
    assert isinstance(pick, ra.Part) and not pick.text.startswith(("Yes", "No"))
    assert ra.placebo(_trial(summary="A study of Zumab."), "any placebo?", wording) == (
        ra.DOES_NOT_SAY
    )


def test_a_group_without_the_drug_is_a_placebo_question() -> None:
    """'a group that doesn't get X' asks whether some get something else."""
    for question in (
        "Could I be put in a group that doesn't get the new tablet?",
        "Is there an arm that does not receive zumab?",
    ):
        assert _kind(question) == "placebo", question


def test_medicine_questions_name_the_medicines(wording: dict[str, Any]) -> None:
    """'which drugs' leaves out tests and procedures; 'what are they adding to the chemo' also
    leaves out the usual chemotherapy given with the new medicine."""
    trial = _trial(
        interventions=[
            Intervention(name="Biospecimen Collection"),
            Intervention(name="Magnetic Resonance Imaging"),
            Intervention(name="Carboplatin"),
            Intervention(name="Paclitaxel"),
            Intervention(name="Zumab"),
        ]
    )
    for question in ("which drugs", "What drug is it?", "whats the main new drug"):
        assert _kind(question.replace("whats", "what is")) == "tested", question
    part = ra.tested(trial, "which drugs", wording)
    assert isinstance(part, ra.Part)
    assert "Zumab" in part.text and "Carboplatin" in part.text and "Biospecimen" not in part.text
    added = ra.tested(trial, "what are they adding to the usual chemo?", wording)
    assert isinstance(added, ra.Part) and "Zumab" in added.text
    assert "Carboplatin" not in added.text
    assert _kind("what are they adding to the usual chemo?") == "tested"


def test_status_and_size_of_a_withdrawn_trial(wording: dict[str, Any]) -> None:
    """'can I still get into this trial' asks the status; 'how many took part' of a withdrawn
    trial with 0 people is that no one did."""
    for question in ("can i still get into this trial", "Can we still join this study?"):
        assert structured_intent(question.lower()) == "status", question
    gone = _trial(status="WITHDRAWN", enrollment=0)
    part = answer_part("enrollment", gone, "how many people took part", wording)
    assert part is not None and "No one" in part.text


def test_follow_up_length_is_the_study_length() -> None:
    """'how long do they keep following you' asks how long the study watches people."""
    for question in (
        "How long do they keep following you?",
        "how long were they going to follow patients?",
    ):
        assert _kind(question) == "study_length", question


def test_dose_questions_need_an_amount() -> None:
    """'what dose will I get?' is answered by '12 mg' or 'two doses', never by a title's
    'Dose-Escalation' or 'the recommended Phase 2 dose'; a phase or a code counts nothing."""
    for question in ("What dose of zumab would I get?", "whats the tablet dose", "how many doses"):
        assert asks_dose(question.lower()), question
    assert DOSE_AMOUNT.search("zumab 12 mg by mouth daily")
    assert DOSE_AMOUNT.search("two doses four weeks apart")
    assert not DOSE_AMOUNT.search("A Phase 2 Dose-Escalation Study of Zumab")
    assert not answers_count("how many doses will I get?", "the recommended Phase 2 dose (RP2D)")
    assert not answers_timing("how often do I get it?", "time from joining to progression")


def test_result_questions_are_refused_kinds() -> None:
    """'which works best', 'does it actually stop ...', 'did it shrink ...' ask for results."""
    for question in (
        "Which one works best, zumab or the standard drug?",
        "So does the cream actually stop the itching?",
        "Did the drug shrink the tumours in people who took it?",
    ):
        assert _kind(question) == "results", question
    assert _kind("Has the study stopped?") != "results"


def test_a_long_rule_is_shown_around_the_part_that_answers() -> None:
    """A rule longer than the answer shows the clauses around the one holding the question's
    words (the '120 days' past its first 60 words), marked with '…' where it is cut."""
    rule = (
        "A participant is eligible if she is not pregnant, not breastfeeding, and at least one "
        "of the following applies: she is not able to have children, as judged by the doctor "
        "at screening after a full history and examination, with any test the doctor finds "
        "useful for that purpose, including hormone levels where needed; or she agrees to use "
        "contraception during the treatment and for at least 120 days after the last dose, "
        "and to tell the study team at once if she thinks she may be pregnant."
    )
    query = prepare_query(
        "how long after the last dose do I need contraception?",
        np.zeros(384, dtype=np.float32),
        load_glossary(),
    )
    shown = window(rule, query, frozenset({"contracept", "last", "dose"}), False, 30)
    assert "120 days" in shown and shown.startswith("…") and len(shown.split()) <= 32
    assert window("Short rule.", query, frozenset(), False, 30) == "Short rule."


def test_why_a_trial_stopped_is_the_registrys_reason(wording: dict[str, Any]) -> None:
    """'Why was it stopped?' / 'why did they end it' are status questions, answered with the
    registry's reason; a trial without one says only its status."""
    from trialbot.retrieval.answerer import _WHY_STOPPED

    for question in ("Why was it stopped?", "so why did they end the trial", "why withdrawn?"):
        assert _WHY_STOPPED.search(question), question
    assert not _WHY_STOPPED.search("Why do they need a biopsy?")
    stopped = _trial(status="TERMINATED", why_stopped="Sponsor decision.")
    part = answer_part("status", stopped, "Why was it stopped?", wording)
    assert part is not None and "Sponsor decision" in part.text
    plain = answer_part("status", _trial(status="TERMINATED"), "why stopped?", wording)
    assert plain is not None and "reason" not in plain.text


def test_a_rules_semicolon_parts_read_as_sentences() -> None:
    """'... ascites; active infection' reads as two sentences; a semicolon in brackets stays."""
    from trialbot.retrieval.plain import short_sentences

    assert short_sentences("Ascites; active infection.") == "Ascites. Active infection."
    assert short_sentences("Heart disease (NYHA III; IV); pregnant.") == (
        "Heart disease (NYHA III; IV). Pregnant."
    )
    assert short_sentences("No semicolon here.") == "No semicolon here."


def test_an_observational_study_names_its_groups_only_by_what_they_take(
    wording: dict[str, Any],
) -> None:
    """'What tablet is it about?' of an observational study with groups 'Zumab' and 'Usual
    care' names them; groups named by who is in them ('Cohort 1') are not named."""
    from trialbot.domain.trial import Arm, Design

    design = Design(study_type="OBSERVATIONAL")
    named = _trial(design=design, arms=[Arm(label="Zumab"), Arm(label="Usual care")])
    part = ra.tested(named, "What tablet is this study about?", wording)
    assert isinstance(part, ra.Part) and "Zumab" in part.text
    cohorts = _trial(design=design, arms=[Arm(label="Cohort 1")])
    part = ra.tested(cohorts, "Which vaccine is this about?", wording)
    assert isinstance(part, ra.Part) and "Cohort" not in part.text


def test_tried_in_people_before_of_a_first_in_human_trial(wording: dict[str, Any]) -> None:
    """'Has it been tried in people before?' of a trial whose text says first-in-human is No;
    'is it the first time in people?' is Yes; both are phase questions."""
    trial = _trial(summary="This is a first-in-human study of Zumab.", phase="PHASE1")
    for question, lead in (
        ("Has this drug been tried in people before?", "No"),
        ("Has zumab been given to patients before?", "No"),
        ("Is this the first time it is given to people?", "Yes"),
    ):
        assert _kind(question) == "phase", question
        part = ra.phase(trial, question, wording)
        assert isinstance(part, ra.Part) and part.text.startswith(lead), question
        assert "first-in-human" in part.text
