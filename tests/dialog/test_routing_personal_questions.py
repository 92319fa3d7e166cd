"""Routing of a message in a chat about one trial (issue #13).

A request to join that tells a situation of its own ("Can I join if I take warfarin?", "they
put a stent in my colon, am I eligible?") was sent to the screening, which opened at "How old
are you?" and dropped the point asked: it is answered from the trial's rules first (the
answerer's cited reply), and then the check starts. A bare request ("am I eligible?", "could
he be part of this study?") starts the check as before. Other misroutes: "Does it cost anything
to take part?" started the check; a past heart attack got the emergency notice; "before or
after the drug?" got the phase; "Is there a placebo?" got "Yes, you may."; "Is there a site in
Europe?" got "does not say". All through the service the channels use; the real answerer runs
over made-up records (not the audited ones).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from dialog_fakes import DRAGONFLY, TODAY, ListCatalog, MemoryStore, SeedRules

from trialbot.dialog import intents
from trialbot.dialog.situation import situation_words
from trialbot.domain.trial import Arm, CriterionText, Intervention, Site, Trial
from trialbot.domain.turn import Citation, Incoming, Reply, Turn
from trialbot.service import ConversationService

RULE = "Who cannot join: Patients taking anticoagulants within 7 days."


class RuleAnswerer:
    """Answers every question with one cited criterion, and records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def answer(self, question: str, trial_ids: Sequence[str]) -> Reply:
        """A cited answer from the eligibility section."""
        self.asked.append(question)
        cite = Citation(trial_id=trial_ids[0], section="eligibility", text=RULE)
        return Reply(
            kind="answer", text="A trial rule may keep you out. It says: …", citations=[cite]
        )


@pytest.fixture
def answerer() -> RuleAnswerer:
    return RuleAnswerer()


@pytest.fixture
def service(seeds: list[Trial], answerer: RuleAnswerer) -> ConversationService:
    return ConversationService(
        ListCatalog(seeds), MemoryStore(), answerer, today=lambda: TODAY, rules=SeedRules()
    )


def _send(service: ConversationService, text: str, conversation: str = "c") -> Turn:
    return service.handle(Incoming(conversation_id=conversation, text=text, trials=[DRAGONFLY]))


def _kinds(turn: Turn) -> list[str]:
    return [r.kind for r in turn.replies]


def _all_text(turn: Turn) -> str:
    return "\n".join(r.text for r in turn.replies)


PERSONAL = [
    # the audited questions
    "Can I join if I take warfarin?",
    "Can I join if I drink grapefruit juice every morning?",
    "Can I join if my cancer has spread to my lungs?",
    "Can I join if I take prednisone 5 mg?",
    "they put a stent in my colon for the blockage, am I eligible?",
    "I'm on octreotide until 2 months ago, can I do it?",
    "Can I join if I had a heart attack 2 years ago?",
    # variants
    "could my husband take part if he has a pacemaker?",
    "Am I eligible with a feeding tube?",
    "is my mum allowed to join if she had a retinal detachment last year?",
    "I was on octreotide until 2 months ago, can I still do it?",
    "My dad has a stent in his colon. Could he be part of this study?",
]


@pytest.mark.parametrize("question", PERSONAL)
def test_a_situation_is_answered_from_the_rule_before_the_check(
    service: ConversationService, answerer: RuleAnswerer, question: str
) -> None:
    turn = _send(service, question)
    kinds = _kinds(turn)
    assert answerer.asked == [question]
    assert "answer" in kinds and "question" in kinds
    assert kinds.index("answer") < kinds.index("question")  # the point asked comes first
    answer = turn.replies[kinds.index("answer")]
    assert answer.citations and answer.citations[0].section == "eligibility"
    assert "other rules" in _all_text(turn)
    assert "emergency" not in _all_text(turn).lower()


@pytest.mark.parametrize(
    "question",
    [
        "Can I join?",
        "am I eligible?",
        "Could he be part of this study?",
        "Is it possible for my son to join this trial?",
        "hey there, can I join this study please?",
        "My daughter is 9, can she take part?",
        "Can I do this study?",
    ],
)
def test_a_bare_request_starts_the_check(
    service: ConversationService, answerer: RuleAnswerer, question: str
) -> None:
    turn = _send(service, question)
    assert answerer.asked == []
    assert "Let's find out" in _all_text(turn) and _kinds(turn)[-1] == "question"


def test_a_request_naming_only_the_trials_illness_starts_the_check(
    seeds: list[Trial], answerer: RuleAnswerer
) -> None:
    trial = next(t for t in seeds if t.id == DRAGONFLY)
    assert trial.conditions
    assert not situation_words(f"I have {trial.conditions[0]}, can I join?", [trial])


STATED_PROFILE = [
    # who the patient is and their diagnosis: no situation of their own
    "I was just diagnosed with colon cancer stage 3 MSI-high, can I do this study?",
    "I have stage 3 colon cancer, could I do this trial?",
    "my husband was diagnosed with rectal cancer, can he do this study?",
    "I am 54, male, newly diagnosed with lung cancer, can I join?",
    "I'm a 60 year old woman with KRAS-mutant lung cancer, can I join?",
    "my mum has stage IV breast cancer, HER2-negative, could she take part?",
    "My daughter is 9 and has osteosarcoma, can she be part of this study?",
]


@pytest.mark.parametrize("question", STATED_PROFILE)
def test_a_request_stating_only_the_person_and_diagnosis_starts_the_check(
    service: ConversationService, answerer: RuleAnswerer, question: str
) -> None:
    """The diagnosis, its stage and markers, the age and the sex the volunteered-facts reader
    takes in are no situation: no rule is quoted before the check."""
    assert not situation_words(question, [])
    turn = _send(service, question)
    assert answerer.asked == []
    assert _kinds(turn)[-1] == "question"
    assert "does not say" not in _all_text(turn)


@pytest.mark.parametrize(
    ("question", "situation"),
    [
        ("I have lung cancer and am HIV positive, can I join?", "hiv"),
        ("I have colon cancer with liver metastases, can I join?", "liver"),
        ("I was diagnosed with breast cancer and take warfarin, can I join?", "warfarin"),
        ("I'm 70 and had a heart attack 2 years ago, can I join?", "heart"),
        ("my dad has prostate cancer and a pacemaker, could he do this study?", "pacemaker"),
    ],
)
def test_a_situation_beside_the_diagnosis_is_still_one(
    service: ConversationService, answerer: RuleAnswerer, question: str, situation: str
) -> None:
    """Only the diagnosis and what stands right beside it are left out; another condition,
    medicine or event said with it is the situation asked about, answered before the check."""
    assert situation in situation_words(question, [])
    turn = _send(service, question)
    kinds = _kinds(turn)
    assert answerer.asked == [question]
    assert kinds.index("answer") < kinds.index("question")


def test_during_the_check_the_point_is_answered_and_the_question_asked_again(
    service: ConversationService, answerer: RuleAnswerer
) -> None:
    first = _send(service, "am I eligible?")
    asked = first.replies[-1].text
    turn = _send(service, "Can I join if I take warfarin?")
    kinds = _kinds(turn)
    assert answerer.asked == ["Can I join if I take warfarin?"]
    assert kinds.index("answer") < kinds.index("question")
    assert turn.replies[-1].text.endswith(asked.split("\n")[-1])  # the same question again


def test_what_it_costs_to_take_part_is_a_question_not_a_request(
    service: ConversationService, answerer: RuleAnswerer
) -> None:
    turn = _send(service, "Does it cost anything to take part?")
    assert answerer.asked == ["Does it cost anything to take part?"]
    assert "question" not in _kinds(turn) and "Let's find out" not in _all_text(turn)


@pytest.mark.parametrize(
    ("text", "joins"),
    [
        ("Does it cost anything to take part?", False),
        ("how long does it take to join?", False),
        ("Is it ok for my son to take part?", True),
        ("Do I need to fast to take part?", True),
        ("Could he be part of this study?", True),
        ("can I do it?", True),
        ("I stopped octreotide 2 months ago, can I still do it?", True),
        ("can I do it at home?", False),
    ],
)
def test_what_asks_to_join(text: str, joins: bool) -> None:
    assert intents.wants_to_join(text) is joins


# -- emergencies: a past event is none -----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Can I join if I had a heart attack 2 years ago?",
        "I had a heart attack in 2019, can I still take part?",
        "my husband had a heart attack last year, could he join?",
    ],
)
def test_a_past_heart_attack_gets_no_emergency_notice(
    service: ConversationService, text: str
) -> None:
    turn = _send(service, text)
    assert "emergency" not in _all_text(turn).lower()
    assert "question" in _kinds(turn)


@pytest.mark.parametrize(
    "text",
    [
        "I'm having chest pain right now, can I still join?",
        "I had chest pain an hour ago, can I join?",
        "he had a heart attack this morning, can he join?",
        "can't breathe, am I eligible?",
    ],
)
def test_an_emergency_now_still_gets_the_notice_first(
    service: ConversationService, answerer: RuleAnswerer, text: str
) -> None:
    turn = _send(service, text)
    assert "emergency" in turn.replies[0].text.lower()
    assert answerer.asked == []


# -- the real answerer over made-up records ------------------------------------------------------
SURGERY = Trial(
    id="NCT09000101",
    registry="ctgov",
    title="Pembrolizumab Before and After Kidney Surgery",
    summary=(
        "This study will test pembrolizumab given before and after surgery to remove kidney cancer."
    ),
    conditions=["Renal Cell Carcinoma"],
    interventions=[Intervention(name="Pembrolizumab infusion")],
    phase="EARLY_PHASE1",
    min_age_years=18,
    sites=[Site(country="United States")],
    criteria=[
        CriterionText(id="inc-1", kind="inclusion", text="Planned nephrectomy"),
        CriterionText(
            id="exc-1",
            kind="exclusion",
            text="Has had major surgery within 3 weeks before first dose of study interventions.",
        ),
        CriterionText(
            id="exc-2",
            kind="exclusion",
            text="Has a need for urgent surgical resection per treating investigator.",
        ),
        CriterionText(
            id="exc-3",
            kind="exclusion",
            text=(
                "Patients may not receive live vaccines. Administration of non-live vaccines "
                "is allowed and is recommended for pneumococcal, coronavirus, and influenza "
                "vaccines."
            ),
        ),
    ],
)
POLYPS = Trial(
    id="NCT09000102",
    registry="ctgov",
    title="A Capsule Against Polyps in Familial Adenomatous Polyposis",
    summary="People with FAP take a capsule or a placebo every day for 6 months.",
    conditions=["Familial Adenomatous Polyposis"],
    interventions=[Intervention(name="Fish oil capsule"), Intervention(name="Placebo capsule")],
    arms=[
        Arm(label="Fish oil", type="EXPERIMENTAL"),
        Arm(label="Placebo", type="PLACEBO_COMPARATOR"),
    ],
    min_age_years=18,
    sites=[Site(country="United States")],
    criteria=[CriterionText(id="inc-1", kind="inclusion", text="Confirmed FAP")],
)


@pytest.fixture(scope="module")
def real_service(tmp_path_factory: pytest.TempPathFactory) -> ConversationService:
    from trialbot.dialog.rules import CachedEligibility
    from trialbot.retrieval.answerer import RetrievalAnswerer
    from trialbot.retrieval.memory_catalog import MemoryCatalog
    from trialbot.settings import Settings

    trials = [SURGERY, POLYPS]
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("routing-index"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog(trials))
    answerer.warm_up()
    return ConversationService(
        ListCatalog(trials), MemoryStore(), answerer, today=lambda: TODAY, rules=CachedEligibility()
    )


def _real(service: ConversationService, trial: str, text: str) -> Turn:
    incoming = Incoming(conversation_id=f"{trial}:{text}", text=text, trials=[trial])
    return service.handle(incoming)


def _answer(turn: Turn) -> Reply:
    found = [r for r in turn.replies if r.kind in ("answer", "no_answer")]
    assert found, [r.text for r in turn.replies]
    return found[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "When will the operation happen - before or after the drug?",
        "is the surgery done before or after the medicine?",
    ],
)
def test_the_order_of_the_treatment_is_no_phase_and_no_rule(
    real_service: ConversationService, question: str
) -> None:
    reply = _answer(_real(real_service, SURGERY.id, question))
    assert "phase" not in reply.text.lower() and "rule" not in reply.text.lower()
    assert all(c.section != "eligibility" for c in reply.citations)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Is there a placebo?", "Yes."),
        ("is there a dummy treatment group?", "Yes."),
        ("Might I get the placebo?", "Yes, you may."),
    ],
)
def test_a_placebo_question_about_the_design_is_no_permission(
    real_service: ConversationService, question: str, lead: str
) -> None:
    reply = _answer(_real(real_service, POLYPS.id, question))
    assert reply.kind == "answer" and reply.text.startswith(lead + " ")
    if lead == "Yes.":
        assert "you may" not in reply.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["Where is it done? Is there a site in Europe?", "is there a site in Europe?"],
)
def test_a_continent_is_matched_against_the_sites_countries(
    real_service: ConversationService, question: str
) -> None:
    reply = _answer(_real(real_service, SURGERY.id, question))
    assert reply.kind == "answer" and "Europe" in reply.text and "United States" in reply.text


@pytest.mark.slow
def test_a_covid_vaccine_question_finds_the_coronavirus_rule(
    real_service: ConversationService,
) -> None:
    reply = _answer(
        _real(real_service, SURGERY.id, "Can I get the COVID vaccine during the study?")
    )
    assert reply.kind == "answer" and "coronavirus" in reply.text
    assert reply.citations and reply.citations[0].section == "eligibility"


@pytest.mark.slow
def test_a_situation_gets_the_real_rule_then_the_check(real_service: ConversationService) -> None:
    turn = _real(real_service, SURGERY.id, "Can I join if I need an urgent operation?")
    kinds = _kinds(turn)
    assert kinds.index("answer") < kinds.index("question")
    assert "urgent" in turn.replies[kinds.index("answer")].text


@pytest.mark.slow
def test_a_situation_asked_about_gets_the_rule_and_is_not_stored(
    real_service: ConversationService,
) -> None:
    """A situation in an "if" clause is a question, not a fact told (audit17): the rule comes
    first, nothing is read back or stored, and the check goes on."""
    turn = _real(real_service, SURGERY.id, "Can I join if I had major surgery 2 weeks ago?")
    kinds = _kinds(turn)
    assert "answer" in kinds, [r.text for r in turn.replies]
    answer = kinds.index("answer")
    assert "3 weeks" in turn.replies[answer].text
    later = " ".join(r.text for r in turn.replies[answer + 1 :])
    assert "not noted this as an answer about you" in later
    assert "Is that right?" not in later and "2 weeks" not in later
