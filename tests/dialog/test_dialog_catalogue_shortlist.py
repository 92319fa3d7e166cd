"""The catalogue shortlist over the full records: the person's condition and distance rank it,
a leukaemia said as "ALL" is read, and trial buttons are readable."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from trialbot.domain.trial import Site, Trial
from trialbot.domain.turn import Citation, Incoming, Reply, Turn
from trialbot.evaluation.bench.catalogue import catalogue_service, read_trials
from trialbot.service import ConversationService

AML_ONLY = "NCT04265963"  # CD123 CAR-T for relapsed/refractory AML, Kunming
UTRECHT_ALL = {"NCT05658640", "NCT05740449"}  # relapsed childhood leukaemia, Utrecht


@pytest.fixture(scope="module")
def full_service(full_corpus_dir: Path, seeds_dir: Path) -> ConversationService:
    """A catalogue conversation service over the 49 full records and the seeds."""
    return catalogue_service(read_trials([full_corpus_dir, seeds_dir]))


def _talk(service: ConversationService, cid: str, first: str, answers: dict[str, str]) -> Turn:
    """The first message, then answers by pending fact (else "not sure") until a shortlist."""
    turn = service.handle(Incoming(conversation_id=cid, text=first))
    for _ in range(15):
        if any(r.kind in ("shortlist", "summary") for r in turn.replies):
            return turn
        asks = [r.asks for r in turn.replies if r.kind == "question"]
        text = answers.get(str(asks[-1]) if asks else "", "not sure")
        turn = service.handle(Incoming(conversation_id=cid, text=text))
    return turn


def _shortlist(turn: Turn) -> list[str]:
    found = [r for r in turn.replies if r.kind == "shortlist"]
    assert found, [r.text for r in turn.replies]
    return [
        b.value.removeprefix("trial:") for b in found[-1].buttons if b.value.startswith("trial:")
    ]


ANSWERS = {"age_years": "8", "sex": "boy"}


def test_child_with_relapsed_all_in_utrecht_gets_the_utrecht_all_trials_first(
    full_service: ConversationService,
) -> None:
    """ "leukaemia (ALL) ... we live in Utrecht": no AML-only trial, a 0 km trial first."""
    first = "our son is 8 and his leukaemia (ALL) has relapsed. we live in Utrecht."
    listed = _shortlist(_talk(full_service, "c1", first, ANSWERS))
    assert AML_ONLY not in listed
    assert listed[0] in UTRECHT_ALL


def test_a_trial_with_no_site_in_the_persons_country_says_so(
    full_service: ConversationService,
) -> None:
    """A shortlisted trial whose sites are all abroad (a US registry for a child in Utrecht) says
    "no site in your country"; the Utrecht trials do not."""
    first = "our son is 8 and his leukaemia (ALL) has relapsed. we live in Utrecht."
    turn = _talk(full_service, "c4", first, ANSWERS)
    text = next(r.text for r in turn.replies if r.kind == "shortlist")
    lines = text.split("\n")
    utrecht = [n for n, line in enumerate(lines) if "Utrecht, 0 km" in line]
    abroad = [n for n, line in enumerate(lines) if "Minneapolis" in line]
    assert utrecht and all("no site in your country" not in lines[n] for n in utrecht)
    assert abroad and all("no site in your country" in lines[n] for n in abroad)


def test_her_all_has_come_back_is_leukaemia(full_service: ConversationService) -> None:
    """ "her ALL has come back" (no word leukaemia) is read as acute lymphoblastic leukaemia."""
    turn = full_service.handle(
        Incoming(conversation_id="c2", text="my daughter is 12 and her ALL has come back")
    )
    text = "\n".join(r.text for r in turn.replies).lower()
    assert "leukemia" in text and "which illness" not in text


def _small(trial_id: str, condition: str) -> Trial:
    return Trial(
        id=trial_id,
        registry="ctgov",
        title=f"A study of {condition}",
        conditions=[condition],
        status="RECRUITING",
        sites=[Site(country="United States")],
    )


def test_one_trial_found_is_said_in_the_singular(seeds_dir: Path) -> None:
    """A condition with one registered trial is "1 registered trial", not "1 registered trials"."""
    others = [_small(f"NCT0000000{n}", "Type 2 Diabetes") for n in range(6)]
    service = catalogue_service([*read_trials([seeds_dir]), *others, _small("NCT09", "Melanoma")])
    service.handle(Incoming(conversation_id="c3", text="hello, which trials are there?"))
    turn = service.handle(Incoming(conversation_id="c3", text="melanoma"))
    text = "\n".join(r.text for r in turn.replies)
    assert "1 registered trial " in text and "1 registered trials" not in text


class CitingAnswerer:
    """Answers every question from the last trial it is given, citing it; keeps what it got."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def answer(self, question: str, trial_ids: Sequence[str]) -> Reply:
        """A canned answer citing the last trial id."""
        self.asked.append(list(trial_ids))
        cite = Citation(trial_id=trial_ids[-1], section="design", text="One group gets a placebo.")
        return Reply(kind="answer", text="Yes, one group gets a placebo.", citations=[cite])


def test_a_catalogue_question_is_answered_from_the_persons_trials_and_names_one(
    full_corpus_dir: Path, seeds_dir: Path
) -> None:
    """ "will she get a placebo?" after "her leukaemia has come back" is asked of leukaemia
    trials only (never the finerenone diabetes trial), and the answer names its trial."""
    from trialbot.evaluation.bench.catalogue import MemoryCatalog
    from trialbot.storage import open_store

    answerer = CitingAnswerer()
    service = ConversationService(
        catalog=MemoryCatalog(read_trials([full_corpus_dir, seeds_dir])),
        store=open_store("memory://"),
        answerer=answerer,
    )
    service.handle(Incoming(conversation_id="q", text="my daughter is 17, her leukaemia came back"))
    turn = service.handle(Incoming(conversation_id="q", text="will she get a placebo?"))
    assert answerer.asked and "NCT05887817" not in answerer.asked[-1]
    answer = next(r for r in turn.replies if r.kind == "answer")
    named = answer.citations[0].trial_id
    assert named in answer.text
