"""Kinds of wrong answers the patient audit of four unseen trials (audit12) showed, each pinned
with its real question and written variants on made-up records:

1. A question naming a trial (its NCT or EU CT id, a title acronym, a drug or code name only that
   trial gives) was answered from another trial: `ask "how is amivantamab given in NCT06116682,
   is it an IV drip?"` with every trial in scope got the ABBV-400 drip of NCT06084481. Such a
   question is answered from the named trial only, in the answerer and in the dialog (web chat
   and Telegram, the catalogue search too); an id not registered is said so.
2. "Is there a site in Japan or Spain?" got "not on my map" (the web chat's nearest-site answer
   took the countries for a city) and the answerer read Japan only: countries are matched by
   name, everyday name, other-language name or adjective ("Spanish sites") against the record's
   site countries and answered Yes/No with the sites citation.
3. "How is APG-115 taken?" got "does not say" though the summary says "APG-115 capsules are taken
   by mouth": a drug's code name (beside its name in the title or summary) names the drug.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from trialbot.domain.trial import Intervention, Site, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval import record_answers as ra
from trialbot.retrieval import targeting
from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.structured import Part, answer_part, countries_named, named_places
from trialbot.settings import Settings

WORDING: dict[str, Any] = dict(load_prompts("answers"))
ALIASES: dict[str, str] = WORDING["place_aliases"]
ADJECTIVES: dict[str, str] = WORDING["country_adjectives"]


def _trial(trial_id: str, title: str, drugs: list[str], **fields: Any) -> Trial:
    base: dict[str, Any] = {
        "id": trial_id,
        "registry": "ctgov",
        "title": title,
        "interventions": [Intervention(name=d) for d in drugs],
    }
    base.update(fields)
    return Trial(**base)


ZORVA = _trial(
    "NCT00000121",
    "Phase II Study of Zorvadlin (ZRV-204) in People With Early Mesothelioma",
    ["zorvadlin"],
    summary="To test a study drug (ZRV-204). ZRV-204 tablets are taken by mouth every day.",
)
SEVA = _trial(
    "NCT00000122",
    "A Study of BAY 2927088 in People With Lung Cancer (HERALD-LUNG)",
    ["Sevabertinib", "Biospecimen Collection"],
    summary="Sevabertinib is given as a drip into a vein.",
)
KIDNEY = _trial(
    "NCT00000123",
    "Chemotherapy and Placebo for Kidney Cancer (KIDNEY-ONE SUB-STUDY)",
    ["Chemotherapy", "Placebo", "Abiraterone acetate", "Itraconazole (ITZ)"],
    protocol_code="KC-2024-07",
)
EU = _trial(
    "2024-512345-33-00",
    "DRAGONBOAT: Trametinib for Children With Glioma",
    ["Trametinib"],
    registry="ctis",
)
NSCLC_A = _trial("NCT00000124", "Drug A in Advanced Lung Cancer (NSCLC)", ["Toripalumab"])
NSCLC_B = _trial("NCT00000125", "Drug B in Advanced Lung Cancer (NSCLC)", ["Sintilimab"])
ALL = [ZORVA, SEVA, KIDNEY, EU, NSCLC_A, NSCLC_B]


def _named(question: str, trials: list[Trial] = ALL) -> list[str]:
    found = targeting.named_trials(question, trials)
    return [t.id for t in found.trials] if found else []


# -- 1. the trial a question names -------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("how is it given in NCT00000121, is it an IV drip?", ["NCT00000121"]),
        ("does nct00000122 use a placebo?", ["NCT00000122"]),
        ("what is the age limit of 2024-512345-33-00?", ["2024-512345-33-00"]),
        ("is KC-2024-07 still open?", ["NCT00000123"]),
        ("is there a site in Spain for the herald-lung study?", ["NCT00000122"]),
        ("How long is the KIDNEY-ONE trial?", ["NCT00000123"]),
        ("how is zorvadlin taken?", ["NCT00000121"]),
        ("how is ZRV-204 taken?", ["NCT00000121"]),  # the code name beside the drug's name
        ("how is zrv 204 taken?", ["NCT00000121"]),
        ("is ZRV204 a pill?", ["NCT00000121"]),
        ("How is BAY 2927088 given?", ["NCT00000122"]),  # the code name of a one-drug title
        ("how is bay-2927088 given?", ["NCT00000122"]),
        ("what is ITZ for?", ["NCT00000123"]),  # the part in the drug's brackets
        ("how do you take abiraterone?", ["NCT00000123"]),
        ("which one gives toripalumab or sintilimab?", ["NCT00000124", "NCT00000125"]),
        ("is there a placebo in the DRAGONBOAT study?", ["2024-512345-33-00"]),
    ],
)
def test_a_question_naming_a_trial_names_it(question: str, wanted: list[str]) -> None:
    assert _named(question) == wanted


@pytest.mark.parametrize(
    "question",
    [
        "is chemotherapy given?",  # a generic word of a drug's name
        "is there a placebo?",
        "what is acetate?",
        "do they take a biospecimen?",  # a test, not a drug
        "is this for NSCLC?",  # an acronym two titles share
        "I already had sintilimab, can I still join?",  # a rule question asks every trial
        "I'm on abiraterone, is that a problem?",
        "how is it given?",
    ],
)
def test_other_questions_name_no_trial(question: str) -> None:
    assert _named(question) == []


def test_a_short_acronym_names_a_study_only_beside_a_study_word() -> None:
    only = [NSCLC_A, ZORVA]
    assert _named("what does the NSCLC study test?", only) == ["NCT00000124"]
    assert _named("what is NSCLC?", only) == []


def test_an_id_not_in_scope_is_named_but_no_trial_answers() -> None:
    found = targeting.named_trials("how is it given in NCT09999999?", ALL)
    assert found is not None and found.trials == [] and found.ids == ["NCT09999999"]


@pytest.mark.parametrize(
    ("question", "read"),
    [
        (
            "how is amivantamab given in NCT06116682, is it an IV drip?",
            "how is amivantamab given, is it an IV drip?",
        ),
        ("how is ABBV-400 given in NCT06084481?", "how is ABBV-400 given?"),
        ("does NCT05422911 use a placebo?", "does the trial use a placebo?"),
        (
            "What is being tested in the Lung-MAP amivantamab trial NCT06116682?",
            "What is being tested in the Lung-MAP amivantamab trial?",
        ),
        ("NCT06654050: how long is it?", "the trial: how long is it?"),
        ("how is it given?", "how is it given?"),
    ],
)
def test_the_id_is_taken_out_of_the_question(question: str, read: str) -> None:
    assert targeting.without_ids(question) == read


def test_the_drug_is_said_as_it_to_read_the_kind_of_question() -> None:
    read = targeting.without_drugs("how do you take ZRV-204 zorvadlin?", [ZORVA])
    assert read == "how do you take it?"


def test_a_code_name_no_trial_gives_is_found() -> None:
    assert targeting.codes_asked("how is XYZ-9001 given?", ALL) == ["XYZ-9001"]
    assert targeting.codes_asked("how is ZRV-204 given?", ALL) == []
    assert targeting.codes_asked("what happens in NCT00000121?", ALL) == []


# -- 3. the code name names the drug in the how-given answer -----------------------------------
@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("is ZRV-204 a pill?", "Yes."),
        ("Is ZRV-204 given as an injection?", "No."),
        ("how is ZRV-204 taken?", "zorvadlin is taken by mouth"),
    ],
)
def test_the_code_name_finds_how_the_drug_is_given(question: str, lead: str) -> None:
    got = ra.how_given(ZORVA, question, WORDING)
    assert isinstance(got, Part) and got.text.startswith(lead), got
    assert got.citations[0].section == "summary"
    assert "ZRV-204 tablets" in got.citations[0].text


# -- 2. site countries ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("is there a site in Japan or Spain for NCT06084481?", ["Japan", "Spain"]),  # real
        ("is it in Japan", ["Japan"]),
        ("any site in japan or spain?", ["Japan", "Spain"]),
        ("is there a site in Spain, France, or Italy?", ["Spain", "France", "Italy"]),
        ("are there Spanish sites?", ["Spain"]),
        ("any japanese hospitals?", ["Japan"]),
        ("is there a site in the UK?", ["United Kingdom"]),
        ("is it running in the united kingdom?", ["United Kingdom"]),
        ("any sites in Britain?", ["United Kingdom"]),
        ("is it in the USA?", ["United States"]),
        ("is it done in America?", ["United States"]),
        ("are there American sites?", ["United States"]),
        ("any hospitals in España?", ["Spain"]),
        ("gibt es Zentren in Deutschland?", ["Germany"]),
        ("are there US sites?", ["United States"]),
    ],
)
def test_countries_are_read_by_name_everyday_name_or_adjective(
    question: str, places: list[str]
) -> None:
    assert countries_named(question, WORDING) == places


@pytest.mark.parametrize(
    "question",
    ["is there information in Spanish?", "can you show us sites?", "is it given in English?"],
)
def test_a_language_or_a_pronoun_is_no_country(question: str) -> None:
    assert countries_named(question, WORDING) == []


WORLD = _trial(
    "NCT00000126",
    "ABX-400 in Solid Tumours",
    ["ABX-400"],
    sites=[
        Site(country=c)
        for c in ("Australia", "Israel", "Japan", "Puerto Rico", "South Korea", "Spain")
    ]
    + [Site(country="United States")],
)


@pytest.mark.parametrize(
    ("question", "said", "named"),
    [
        ("is there a site in Japan or Spain?", "Yes.", ["Japan", "Spain"]),
        ("is it in Japan", "Yes.", ["Japan"]),
        ("are there Spanish sites?", "Yes.", ["Spain"]),
        ("any sites in Britain?", "No.", ["United Kingdom"]),
        ("is it in the USA?", "Yes.", ["United States"]),
        ("Is there a site in Japan or France?", "Yes.", ["Japan", "no site in France"]),
        ("is there a site in Germany?", "No.", ["no site in Germany"]),
    ],
)
def test_a_site_country_question_is_answered_yes_or_no_with_the_sites(
    question: str, said: str, named: list[str]
) -> None:
    got = answer_part("sites", WORLD, question, WORDING)
    assert got is not None and got.text.startswith(said), got
    assert all(n in got.text for n in named), got.text
    assert got.citations[0].section == "sites"


def test_joined_capitalised_places_are_all_read() -> None:
    assert named_places("is it in Boston or Chicago?", ALIASES) == ["Boston", "Chicago"]


# -- the real questions, on the real records ---------------------------------------------------
AUDIT = ["NCT06116682", "NCT06654050", "NCT05422911", "NCT06084481"]


@pytest.fixture(scope="module")
def audit_trials(corpus_dir: Path) -> list[Trial]:
    from trialbot.sources.readers import read_document

    return [t for tid in AUDIT for t in read_document(corpus_dir / f"{tid}.json")]


@pytest.fixture(scope="module")
def real(audit_trials: list[Trial], tmp_path_factory: pytest.TempPathFactory) -> RetrievalAnswerer:
    """The answerer over the four audited thin records."""
    settings = Settings(TRIALBOT_INDEX_DIR=tmp_path_factory.mktemp("audit12-kinds"))
    answerer = RetrievalAnswerer(settings, MemoryCatalog(audit_trials))
    answerer.warm_up()
    return answerer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("scope", "question", "source", "said"),
    [
        ("", "how is amivantamab given in NCT06116682, is it an IV drip?", "NCT06116682", ""),
        ("", "how is amivantamab given, is it an IV drip?", "NCT06116682", ""),
        ("", "is there a site in Spain for the lung-map study?", "NCT06116682", "No."),
        ("", "how is APG-115 taken", "NCT06654050", "mouth"),
        ("", "is APG-115 a pill?", "NCT06654050", "Yes."),
        ("NCT06654050", "how do you take APG-115 alrizomadlin in NCT06654050?", "", "mouth"),
        ("NCT06084481", "how is ABBV-400 given in NCT06084481?", "", "vein"),
        ("NCT06084481", "how is ABBV-400 given", "", "vein"),
        ("", "is there a site in Japan for the ABBV-400 study?", "NCT06084481", "Yes."),
        ("NCT06084481", "is there a site in Japan or Spain for NCT06084481?", "", "Yes."),
        ("NCT06084481", "are there Spanish sites?", "", "Yes."),
        ("NCT06084481", "is there a site in the UK?", "", "No."),
    ],
)
def test_the_real_questions_are_answered_from_the_trial_they_name(
    real: RetrievalAnswerer, scope: str, question: str, source: str, said: str
) -> None:
    reply = real.answer(question, [scope] if scope else [])
    wanted = source or scope
    assert reply.kind == "answer", reply.text
    assert {c.trial_id for c in reply.citations} == {wanted}, reply.citations
    assert said in reply.text, reply.text
    assert "ABBV-400" not in reply.text or wanted == "NCT06084481"


@pytest.mark.slow
@pytest.mark.parametrize("question", ["how is it given in NCT01234567?", "how is XYZ-9001 given?"])
def test_a_trial_or_drug_not_here_is_not_answered_from_another(
    real: RetrievalAnswerer, question: str
) -> None:
    reply = real.answer(question, [])
    assert reply.kind == "no_answer" and not reply.citations, reply.text


@pytest.fixture(scope="module")
def chat(audit_trials: list[Trial], real: RetrievalAnswerer) -> Any:
    """The conversation service the web chat and Telegram share, over the audited records and,
    with `many`, made-up ones enough for the catalogue search."""
    from trialbot.dialog.rules import CachedEligibility
    from trialbot.service import ConversationService
    from trialbot.storage import open_store

    def service(many: bool = False) -> ConversationService:
        trials = audit_trials + (ALL if many else [])
        answerer = real
        if many:
            settings = Settings(TRIALBOT_INDEX_DIR=real.settings.index_dir.parent / "audit12-many")
            answerer = RetrievalAnswerer(settings, MemoryCatalog(trials))
        return ConversationService(
            MemoryCatalog(trials), open_store("memory://"), answerer, rules=CachedEligibility()
        )

    return service


def _last(turn: Any) -> Any:
    return turn.replies[-1]


@pytest.mark.slow
@pytest.mark.parametrize("many", [False, True])
@pytest.mark.parametrize(
    ("trials", "question", "source", "said"),
    [
        (None, "how is amivantamab given in NCT06116682, is it an IV drip?", "NCT06116682", ""),
        (None, "how is APG-115 taken?", "NCT06654050", "mouth"),
        (["NCT06084481"], "is there a site in Japan or Spain for NCT06084481?", "", "Yes."),
        (["NCT06084481"], "is there a site in Japan?", "", "Yes."),
        (None, "is there a site in Japan for the ABBV-400 study?", "NCT06084481", "Yes."),
    ],
)
def test_the_chat_answers_from_the_trial_a_question_names(
    chat: Any, many: bool, trials: list[str] | None, question: str, source: str, said: str
) -> None:
    from trialbot.domain.turn import Incoming

    service = chat(many)
    incoming = Incoming(conversation_id=f"a12-{many}-{question}", text=question, trials=trials)
    reply = _last(service.handle(incoming))
    wanted = source or (trials or [""])[0]
    assert reply.kind == "answer", reply.text
    assert {c.trial_id for c in reply.citations} == {wanted}, reply.citations
    assert said in reply.text and "on my map" not in reply.text, reply.text
