"""The catalogue's parts on small hand-made catalogues: places, reading words, question choice,
ranking, the no-fit answer, non-recruiting trials, nearest sites and the script checks."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from catalogue_helpers import small_trial

from trialbot.dialog.catalogue import set_non_recruiting_policy
from trialbot.dialog.catalogue.flow import expected_decided
from trialbot.dialog.catalogue.index import CatalogueIndex
from trialbot.dialog.catalogue.knowledge import load_knowledge
from trialbot.dialog.catalogue.matching import condition_in_text, place_in_text, values_in_text
from trialbot.domain.trial import Site, Trial
from trialbot.domain.turn import Incoming, Reply, Turn
from trialbot.evaluation.bench.catalogue import catalogue_service, replicate
from trialbot.evaluation.checks import ShortlistsSeen, check_shortlists
from trialbot.evaluation.scripts import parse_script
from trialbot.sources.places import gazetteer, haversine_km


def breast_catalogue() -> list[Trial]:
    """Eight breast cancer trials: HER2-positive, HER2-negative, one for children, one closed."""
    return [
        small_trial("B-HER2POS-1", ["HER2-positive Metastatic Breast Cancer"]),
        small_trial("B-HER2POS-2", ["HER2-positive Breast Cancer"], title="HER2+ breast study"),
        small_trial("B-HER2NEG-1", ["ER+ HER2- Metastatic Breast Cancer"]),
        small_trial("B-HER2NEG-2", ["HR+/HER2-negative Breast Cancer"]),
        small_trial("B-ANY-1", ["Breast Cancer"]),
        small_trial("B-CHILD", ["Breast Cancer"], max_age_years=17.0),
        small_trial("B-CLOSED", ["Breast Cancer"], status="COMPLETED"),
        small_trial("L-LUNG", ["Non-small Cell Lung Cancer"]),
    ]


def talk(service: object, messages: list[str]) -> list[Turn]:
    """Send messages in one new conversation (a `b:` prefix presses a button)."""
    cid = f"t-{uuid.uuid4().hex[:8]}"
    turns = []
    for message in messages:
        kwargs = {"button": message[2:]} if message.startswith("b:") else {"text": message}
        incoming = Incoming(conversation_id=cid, message_id=uuid.uuid4().hex, **kwargs)
        turns.append(service.handle(incoming))  # type: ignore[attr-defined]
    return turns


def converse(service: object, first: str, answers: dict[str, str]) -> list[Turn]:
    """A conversation: the first message, then an answer to each question by the fact it asks
    ("unknown" when not listed), until the bot stops asking (at most 20 questions)."""
    turns = talk(service, [first])
    cid = turns[0].conversation_id
    for _ in range(20):
        asks = [r.asks for r in turns[-1].replies if r.kind == "question"]
        if not asks:
            break
        said = answers.get(str(asks[-1]), "unknown")
        incoming = Incoming(conversation_id=cid, message_id=uuid.uuid4().hex, text=said)
        turns.append(service.handle(incoming))  # type: ignore[attr-defined]
    return turns


def shortlist(turn: Turn) -> Reply | None:
    """The shortlist reply of a turn, if any."""
    return next((r for r in turn.replies if r.kind == "shortlist"), None)


def test_places_resolve_cities_states_and_countries() -> None:
    """A city gets coordinates, "Houston, Texas" is the US city, a country alone has none."""
    geo = gazetteer()
    lyon = geo.resolve("Lyon")
    assert lyon is not None and lyon.country_code == "FR" and lyon.has_point
    houston = geo.resolve("Houston, Texas")
    assert houston is not None and houston.country_code == "US"
    poland = geo.resolve("Poland")
    assert poland is not None and poland.country_code == "PL" and not poland.has_point
    assert geo.resolve("Qwxzzy") is None


def test_haversine_gives_the_paris_lyon_distance() -> None:
    """Paris to Lyon is about 392 km as the crow flies."""
    assert haversine_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(392, abs=5)


def test_a_message_names_condition_subtype_and_place() -> None:
    """ "triple negative breast cancer ... live in Chicago" gives the condition, both receptor
    answers and the city."""
    knowledge = load_knowledge()
    text = "My wife has triple negative breast cancer and we live in Chicago, Illinois."
    condition = condition_in_text(text, knowledge)
    assert condition is not None and condition.id == "breast_cancer"
    values = values_in_text(text, knowledge, condition.facts)
    assert values["her2_status"] == "negative"
    assert values["hormone_receptor_status"] == "negative"
    place = place_in_text(text)
    assert place is not None and place.name == "Chicago"


def test_alk_lymphoma_kinase_is_not_a_lymphoma() -> None:
    """ "ALK positive lung cancer" names lung cancer, never lymphoma."""
    knowledge = load_knowledge()
    found = condition_in_text("I have anaplastic lymphoma kinase positive lung cancer", knowledge)
    assert found is not None and found.id == "lung_cancer"


def test_expected_decided_counts_trials_an_answer_rules_out() -> None:
    """HER2 splits the breast trials that name a HER2 result; a fact no trial names scores 0."""
    knowledge = load_knowledge()
    index = CatalogueIndex(breast_catalogue(), knowledge)
    trials = index.for_condition("breast_cancer")
    her2 = expected_decided("her2_status", trials, knowledge)
    assert her2 > 1.0
    assert expected_decided("egfr_mutation", trials, knowledge) == 0.0


def test_subtype_answers_narrow_to_a_shortlist_of_fitting_trials() -> None:
    """HER2-positive metastatic breast cancer: the HER2-positive trials come first; HER2-negative,
    children's and closed trials are not offered; every button starts a single-trial check."""
    service = catalogue_service(breast_catalogue())
    set_non_recruiting_policy("hide")
    answers = {"home_place": "Houston, Texas", "age_years": "50", "sex": "female"}
    turns = converse(service, "I have HER2 positive breast cancer that has spread", answers)
    reply = next(r for t in turns if (r := shortlist(t)) is not None)
    offered = [b.value for b in reply.buttons if b.value.startswith("trial:")]
    assert offered[:2] == ["trial:B-HER2POS-1", "trial:B-HER2POS-2"]
    assert not {"trial:B-HER2NEG-1", "trial:B-HER2NEG-2", "trial:B-CHILD"} & set(offered)
    assert "trial:B-CLOSED" not in offered
    assert "Why it may fit" in reply.text and "Sites:" in reply.text


def test_non_recruiting_trials_are_shown_last_and_marked_when_set() -> None:
    """With the "last" setting the completed trial is offered, last, and says it is closed."""
    lung = [small_trial(f"L-{n}", ["Lung Cancer"]) for n in range(4)]
    breast = [t for t in breast_catalogue() if t.id in ("B-CLOSED", "B-ANY-1", "B-HER2POS-1")]
    service = catalogue_service([*breast, *lung])
    set_non_recruiting_policy("last")
    try:
        answers = {"home_place": "Lyon, France", "age_years": "40", "sex": "female"}
        turns = converse(service, "I have breast cancer", answers)
        reply = next((r for t in turns if (r := shortlist(t)) is not None), None)
        assert reply is not None
        offered = [b.value for b in reply.buttons if b.value.startswith("trial:")]
        assert offered[-1] == "trial:B-CLOSED"
        assert "not recruiting now" in reply.text
    finally:
        set_non_recruiting_policy("hide")


def test_no_fit_says_so_and_names_what_ruled_the_trials_out() -> None:
    """A 70-year-old with a condition whose only trials are for children hears that no trial
    fits, that they are for other ages, and where to look next."""
    trials = [small_trial(f"W-{n}", ["Wilms Tumor"], max_age_years=18.0) for n in range(6)]
    service = catalogue_service([*trials, *breast_catalogue()])
    turns = talk(service, ["I'm 70 and I have a Wilms tumor", "Paris, France"])
    text = "\n".join(r.text for r in turns[-1].replies)
    assert "No trial here fits" in text
    assert "6 are for other ages" in text
    assert "clinicaltrials.gov" in text


def test_an_unknown_illness_gets_a_plain_no_fit_answer() -> None:
    """An illness no registered trial names gets no shortlist and a pointer to the doctor."""
    service = catalogue_service(breast_catalogue())
    turns = talk(service, ["Can I join a trial?", "ameloblastic carcinoma"])
    kinds = [r.kind for r in turns[-1].replies]
    assert "summary" in kinds and "shortlist" not in kinds
    assert "doctor" in turns[-1].replies[-1].text


def test_an_opening_without_a_condition_asks_for_it_with_a_pick_list() -> None:
    """ "Can I join a clinical trial?" over a large catalogue asks which illness, with buttons."""
    service = catalogue_service(breast_catalogue())
    turn = talk(service, ["Can I join a clinical trial?"])[0]
    question = [r for r in turn.replies if r.kind == "question"][-1]
    assert question.asks == "condition"
    assert "condition:breast_cancer" in [b.value for b in question.buttons]


def test_sites_near_a_city_are_the_nearest_not_the_first() -> None:
    """In a 400-site trial "Is there a site near Lyon?" names the sites around Lyon, nearest
    first, although they come last in the record."""
    far = [
        Site(name=f"Clinic {n}", city="Houston", country="United States", lat=29.76, lon=-95.37)
        for n in range(397)
    ]
    near = [
        Site(name="Centre Léon Bérard", city="Lyon", country="France", lat=45.743, lon=4.881),
        Site(name="CHU Grenoble", city="Grenoble", country="France", lat=45.2, lon=5.75),
        Site(name="CHU Saint-Etienne", city="Saint-Etienne", country="France"),
    ]
    big = small_trial("BIG-1", ["Breast Cancer"], sites=[*far, *near])
    service = catalogue_service([big])
    turns = talk(service, ["Can I join BIG-1?", "Is there a site near Lyon?"])
    answer = next(r for r in turns[-1].replies if r.kind == "answer")
    lines = answer.text.splitlines()
    assert (
        "Léon Bérard" in lines[1] and "Grenoble" in answer.text and "Saint-Etienne" in answer.text
    )
    assert "Houston" not in answer.text


def test_replicate_makes_a_catalogue_of_any_size_with_new_ids() -> None:
    """Replicas keep the record and get new ids, up to the size asked."""
    base = breast_catalogue()
    many = replicate(base, 20)
    assert len(many) == 20 and len({t.id for t in many}) == 20
    assert many[8].conditions == base[0].conditions


def test_shortlist_expectations_are_parsed_and_checked() -> None:
    """`shortlist_includes` and `max_questions_before_shortlist` parse and fail with a reason."""
    script = parse_script(
        "name: x\nturns:\n  - user: hi\n    expect:\n      shortlist_includes: [NCT1]\n"
        "final:\n  shortlist_includes: [NCT2]\n  max_questions_before_shortlist: 3\n",
        Path("x.yaml"),
    )
    final = script.final
    assert final is not None and final.max_questions_before_shortlist == 3
    seen = ShortlistsSeen(buttons=[])
    turn = Turn(
        conversation_id="c",
        replies=[
            Reply(kind="shortlist", text="t", buttons=[{"label": "a", "value": "trial:NCT1"}])
        ],
    )
    seen.note(turn, questions_before=5)
    assert check_shortlists(script.turns[0].expect, seen, 1) == []  # type: ignore[arg-type]
    failures = check_shortlists(final, seen, "final")
    assert {f.expected for f in failures} == {
        "shortlist includes NCT2",
        "a shortlist within 3 questions",
    }


class RecordingAnswerer:
    """Remembers the trials each question was asked about."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def answer(self, question: str, trial_ids: list[str]) -> Reply:
        """A `no_answer`, after noting the trials."""
        self.asked.append(list(trial_ids))
        return Reply(kind="no_answer", text="The trial information does not say.")


def test_a_question_after_the_shortlist_is_about_the_shortlisted_trials() -> None:
    """ "How is it given?" after a shortlist asks the answerer about those trials only, and a
    trial button then starts the single-trial check of that trial."""
    from trialbot.evaluation.bench.catalogue import MemoryCatalog
    from trialbot.service import ConversationService
    from trialbot.storage import open_store

    answerer = RecordingAnswerer()
    service = ConversationService(
        catalog=MemoryCatalog(breast_catalogue()), store=open_store("memory://"), answerer=answerer
    )
    answers = {"home_place": "Houston, Texas", "age_years": "50", "sex": "female"}
    turns = converse(service, "I have HER2 positive breast cancer that has spread", answers)
    reply = next(r for t in turns if (r := shortlist(t)) is not None)
    shown = [b.value.removeprefix("trial:") for b in reply.buttons if b.value.startswith("trial:")]
    cid = turns[0].conversation_id
    service.handle(Incoming(conversation_id=cid, text="How is the drug given?", message_id="q1"))
    assert answerer.asked == [shown]
    picked = service.handle(
        Incoming(conversation_id=cid, button=f"trial:{shown[0]}", message_id="p1")
    )
    assert list(picked.verdicts) == [shown[0]]


def test_not_knowing_the_illness_is_asked_again_before_giving_up() -> None:
    """ "Not sure" about the illness re-asks with the pick list; twice ends with a plain answer
    that the illness is needed, never a shortlist."""
    service = catalogue_service(breast_catalogue())
    turns = talk(service, ["Can I join a trial?", "not sure", "I don't know"])
    again = [r for r in turns[1].replies if r.kind == "question"][-1]
    assert again.asks == "condition" and again.buttons
    final = turns[2].replies
    assert [r.kind for r in final if r.kind in ("summary", "shortlist")] == ["summary"]
    assert "name of the illness" in final[-1].text


def test_forget_drops_the_answers_the_search_keeps_in_memory() -> None:
    """After /forget nothing of the conversation stays in the search's memory."""
    from trialbot.dialog.catalogue.flow import _OPEN

    service = catalogue_service(breast_catalogue())
    turns = talk(service, ["I have HER2 positive breast cancer", "Houston, Texas"])
    cid = turns[0].conversation_id
    assert any(key[0] == cid for key in _OPEN)
    service.handle(Incoming(conversation_id=cid, text="/forget", message_id="f1"))
    assert not any(key[0] == cid for key in _OPEN)


def test_an_illness_named_in_passing_is_looked_up_and_a_question_is_not() -> None:
    """ "I have ameloblastic carcinoma in my jaw" names an illness to look up; "I have a
    question about the disease" names none."""
    from trialbot.dialog.catalogue.matching import illness_in_text

    said = "I have ameloblastic carcinoma in my jaw. Is there a clinical trial for me?"
    assert illness_in_text(said) == "ameloblastic carcinoma"
    assert illness_in_text("I have a question about the disease") is None


def test_an_illness_whose_trials_are_all_closed_is_not_called_unregistered() -> None:
    """When every trial for the illness has ended, the answer says they exist but take no one
    new, not 'I could not find a registered trial'."""
    closed = [small_trial(f"B-{n}", ["Breast Cancer"], status="TERMINATED") for n in range(3)]
    lung = [small_trial(f"L-{n}", ["Lung Cancer"]) for n in range(5)]
    service = catalogue_service([*closed, *lung])
    turns = talk(service, ["I have breast cancer and live in Texas, is there a trial for me?"])
    text = "\n".join(r.text for r in turns[-1].replies)
    assert "could not find" not in text
    assert '3 registered trial(s) here are for "breast cancer"' in text
    assert "none of them is taking new patients" in text


def test_a_request_about_the_trials_is_not_read_as_an_illness() -> None:
    """Answering 'which illness?' with 'Can I join the apatinib study?' is no illness named
    "can i join the apatinib study"; an answer naming one still is."""
    service = catalogue_service(breast_catalogue())
    turns = talk(service, ["Can I join a clinical trial?", "which of these trials could I join?"])
    text = "\n".join(r.text for r in turns[-1].replies)
    assert "could not find" not in text and "which of these trials" not in text.lower()
    turns = talk(service, ["Can I join a clinical trial?", "ameloblastic carcinoma"])
    assert "could not find" in turns[-1].replies[0].text


def test_a_catalogue_turn_gives_a_verdict_for_every_trial_in_scope() -> None:
    """The spec's `verdicts` cover every trial in scope: the shortlisted ones carry the checker's
    verdict, every other open trial is `undetermined` (not checked one by one, never a guess),
    before and after the shortlist; the shortlist says only its trials were checked."""
    trials = breast_catalogue()
    service = catalogue_service(trials)
    open_ids = {t.id for t in trials if t.id != "B-CLOSED"}
    answers = {"home_place": "Houston, Texas", "age_years": "50", "sex": "female"}
    turns = converse(service, "I have HER2 positive breast cancer that has spread", answers)
    assert set(turns[0].verdicts) == open_ids
    assert set(turns[0].verdicts.values()) == {"undetermined"}
    index = next(i for i, t in enumerate(turns) if shortlist(t) is not None)
    reply = shortlist(turns[index])
    assert reply is not None and "only these were checked" in reply.text.lower()
    shown = {b.value.removeprefix("trial:") for b in reply.buttons if b.value.startswith("trial:")}
    verdicts = turns[index].verdicts
    assert set(verdicts) == open_ids
    assert all(verdicts[t] == "undetermined" for t in open_ids - shown)


def test_a_trial_for_residents_of_another_country_is_never_likely_eligible() -> None:
    """The place given to the search sets the country lived in: a trial whose record says
    "Must live in the United Kingdom" is not "likely eligible" for someone in Houston (nor
    ineligible: the reading is partial); the same trial for residents of the United States is."""
    from trialbot.domain.trial import CriterionText

    def with_rules(trial_id: str, country: str) -> Trial:
        criteria = [
            CriterionText(id="inc-1", kind="inclusion", text="Age 18 years or older"),
            CriterionText(id="inc-2", kind="inclusion", text=f"Must live in the {country}"),
        ]
        return small_trial(trial_id, ["Breast Cancer"], criteria=criteria)

    trials = [*breast_catalogue(), with_rules("B-UK-ONLY", "United Kingdom"),
              with_rules("B-US-ONLY", "United States")]  # fmt: skip
    service = catalogue_service(trials)
    answers = {"home_place": "Houston, Texas", "age_years": "50", "sex": "female"}
    turns = converse(service, "I have breast cancer", answers)
    cid = turns[0].conversation_id
    uk = service.handle(Incoming(conversation_id=cid, button="trial:B-UK-ONLY", message_id="u"))
    assert uk.verdicts["B-UK-ONLY"] == "undetermined"
    cid2 = converse(service, "I have breast cancer", answers)[0].conversation_id
    us = service.handle(Incoming(conversation_id=cid2, button="trial:B-US-ONLY", message_id="s"))
    assert us.verdicts["B-US-ONLY"] == "likely_eligible"
