"""Small fakes of the pieces around the dialog: store, answerer, catalog, hand-written criteria."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from trialbot.domain.checker import assess
from trialbot.domain.criteria import StructuredCriterion, TrialAssessment
from trialbot.domain.facts import FactSpec, Profile
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Citation, Reply, Turn
from trialbot.service import ConversationService

DRAGONFLY = "2026-525223-24-00"
APATINIB = "NCT07479732"
TODAY = dt.date(2026, 11, 21)
Say = Callable[..., Turn]  # send(text=None, *, button=None, conversation="t", trials=None)


class MemoryStore:
    """A ConversationStore in a dict, with one lock per conversation."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self.saves = 0

    @contextmanager
    def locked(self, conversation_id: str) -> Iterator[None]:
        """Hold this conversation's lock."""
        with self._guard:
            lock = self._locks.setdefault(conversation_id, threading.Lock())
        with lock:
            yield

    def load(self, conversation_id: str) -> str | None:
        """The stored JSON or None."""
        return self.data.get(conversation_id)

    def save(self, conversation_id: str, state: str) -> None:
        """Keep the JSON."""
        self.data[conversation_id] = state
        self.saves += 1

    def delete(self, conversation_id: str) -> bool:
        """Drop the conversation."""
        return self.data.pop(conversation_id, None) is not None

    def conversation_ids(self) -> Iterator[str]:
        """Every stored id."""
        return iter(list(self.data))

    def ping(self) -> bool:
        """Always answers."""
        return True


class FakeAnswerer:
    """Answers "how ... given/taken" questions with a citation; anything else: no_answer."""

    def __init__(self) -> None:
        self.questions: list[tuple[str, list[str]]] = []

    def answer(self, question: str, trial_ids: Sequence[str]) -> Reply:
        """A canned answer or no_answer."""
        self.questions.append((question, list(trial_ids)))
        if "given" in question.lower() or "taken" in question.lower():
            cite = Citation(trial_id=trial_ids[0], section="interventions", text="taken by mouth")
            return Reply(kind="answer", text="Sorafenib is taken by mouth.", citations=[cite])
        return Reply(kind="no_answer", text="The trial information does not say.")


class ListCatalog:
    """A TrialCatalog over a list."""

    def __init__(self, trials: list[Trial]) -> None:
        self.trials = sorted(trials, key=lambda t: t.id)

    def list_trials(self) -> list[Trial]:
        """All trials."""
        return list(self.trials)

    def get_trial(self, trial_id: str) -> Trial | None:
        """One trial by id."""
        return next((t for t in self.trials if t.id.lower() == trial_id.lower()), None)


def seed_trials(seeds_dir: Path) -> list[Trial]:
    """The two seeds read by the real readers."""
    from trialbot.sources.readers import read_document

    return [t for path in sorted(seeds_dir.iterdir()) for t in read_document(path)]


def _leaf(op: str, fact: str, **more: Any) -> dict[str, Any]:
    return {"op": op, "fact": fact, **more}


def _female(then: dict[str, Any]) -> dict[str, Any]:
    return {"op": "only_if", "when": _leaf("eq", "sex", value="female"), "then": then}


def _criterion(
    cid: str, kind: str, text: str, condition: dict[str, Any] | None
) -> StructuredCriterion:
    facts = sorted(_facts_of(condition)) if condition else []
    return StructuredCriterion.model_validate(
        {
            "id": cid,
            "kind": kind,
            "text": text,
            "concept": facts[0] if facts else None,
            "needs_review": condition is None or condition.get("op") == "review",
            "condition": condition,
            "facts": facts,
        }
    )


def _facts_of(node: dict[str, Any]) -> set[str]:
    found = {node["fact"]} if "fact" in node else set()
    for key in ("of", "when", "then"):
        child = node.get(key)
        children = child if isinstance(child, list) else [child] if child else []
        for item in children:
            found |= _facts_of(item)
    return found


def _age(low: int, high: int) -> dict[str, Any]:
    return {
        "op": "all",
        "of": [
            _leaf("cmp", "age_years", cmp=">=", value=low),
            _leaf("cmp", "age_years", cmp="<=", value=high),
        ],
    }


DRAGONFLY_CRITERIA = [
    _criterion(
        "inc-1", "inclusion", "The patient must be between 5 and 30 years old.", _age(5, 30)
    ),
    _criterion(
        "inc-2",
        "inclusion",
        "Diagnosis confirmed by histopathology.",
        _leaf("true", "histology_confirmed"),
    ),
    _criterion("inc-3", "inclusion", "Written informed consent.", None),
    _criterion(
        "inc-4",
        "inclusion",
        "Complete remission or stable disease.",
        _leaf("in", "disease_status", values=["remission", "stable"]),
    ),
    _criterion(
        "inc-5",
        "inclusion",
        "The patient must be able to swallow tablets.",
        _leaf("true", "swallow_tablets"),
    ),
    _criterion(
        "exc-1",
        "exclusion",
        "You are currently pregnant or breastfeeding.",
        _female({"op": "any", "of": [_leaf("true", "pregnant"), _leaf("true", "breastfeeding")]}),
    ),
    _criterion(
        "exc-2",
        "exclusion",
        "You have previously used the medicine mifamurtide.",
        _leaf("true", "prior_mifamurtide"),
    ),
    _criterion(
        "exc-3", "exclusion", "QTc higher than 480 ms.", _leaf("cmp", "qtc_ms", cmp=">", value=480)
    ),
    _criterion(
        "exc-4",
        "exclusion",
        "A blood clot within the last 6 months.",
        _leaf("within", "last_blood_clot", days=183),
    ),
    _criterion(
        "exc-5",
        "exclusion",
        "Active hepatitis B or C.",
        {"op": "any", "of": [_leaf("true", "hepatitis_b"), _leaf("true", "hepatitis_c")]},
    ),
]

APATINIB_CRITERIA = [
    _criterion("inc-1", "inclusion", "Age 12 Years to 65 Years.", _age(12, 65)),
    _criterion(
        "inc-2",
        "inclusion",
        "ECOG Performance Status score of 0 or 1.",
        _leaf("in", "ecog_level", values=["0", "1"]),
    ),
    _criterion(
        "exc-1", "exclusion", "Prior treatment with apatinib.", _leaf("true", "prior_apatinib")
    ),
    _criterion("exc-2", "exclusion", "Lactating women.", _female(_leaf("true", "breastfeeding"))),
    _criterion(
        "exc-3",
        "exclusion",
        "Uncontrolled hypertension (systolic >=140 or diastolic >=90 mmHg).",
        {
            "op": "any",
            "of": [
                _leaf("cmp", "systolic_bp_mmhg", cmp=">=", value=140),
                _leaf("cmp", "diastolic_bp_mmhg", cmp=">=", value=90),
            ],
        },
    ),
    _criterion(
        "exc-4",
        "exclusion",
        "Any condition that, in the investigator's judgment, may compromise...",
        None,
    ),
]

SEED_CRITERIA = {DRAGONFLY: DRAGONFLY_CRITERIA, APATINIB: APATINIB_CRITERIA}


class SeedRules:
    """EligibilityRules with hand-written criteria for the seeds and the real checker/vocabulary."""

    def __init__(self, criteria: Mapping[str, list[StructuredCriterion]] | None = None) -> None:
        from trialbot.eligibility import fact_specs

        self._specs = fact_specs()
        self._criteria = dict(criteria or SEED_CRITERIA)

    def fact_specs(self) -> Mapping[str, FactSpec]:
        """The real vocabulary."""
        return self._specs

    def criteria(self, trial: Trial) -> list[StructuredCriterion]:
        """The hand-written criteria (none for other trials)."""
        return self._criteria.get(trial.id, [])

    def assess(self, trial: Trial, profile: Profile, today: dt.date) -> TrialAssessment:
        """The real checker over the hand-written criteria."""
        return assess(trial.id, self.criteria(trial), profile, today)


def asks_of(turn: Turn) -> str | None:
    """The fact the turn's last question asks, None when it asks none."""
    questions = [r for r in turn.replies if r.kind == "question"]
    return questions[-1].asks if questions else None


def replies_text(turn: Turn) -> str:
    """Every reply of the turn as one text, one reply a line."""
    return "\n".join(r.text for r in turn.replies)


def facts_in_view(service: ConversationService, user: str = "t") -> dict[str, object]:
    """The facts the service holds for one user (the tests' default user "t")."""
    view = service.view(user)
    assert view is not None
    return dict(view.facts)


def engine_over(trial_id: str, *texts: tuple[str, str]) -> Any:
    """A dialog engine over one trial whose criteria are the real reader's readings of
    `texts` ((kind, text) pairs, numbered inc-1/exc-2... in order), dated TODAY."""
    from trialbot.dialog.engine import DialogEngine
    from trialbot.domain.trial import CriterionText
    from trialbot.eligibility import read_criterion

    criteria = [
        reading
        for number, (kind, text) in enumerate(texts, 1)
        for reading in read_criterion(
            CriterionText(id=f"{kind[:3]}-{number}", kind=kind, text=text)
        )
    ]
    trial = Trial(id=trial_id, registry="ctgov", title="A study", status="RECRUITING")
    return DialogEngine(
        ListCatalog([trial]), FakeAnswerer(), rules=SeedRules({trial_id: criteria}),
        today=lambda: TODAY,
    )  # fmt: skip


def answer_until(engine: Any, state: Any, trial_id: str, fact: str) -> None:
    """Start and answer "not sure" until `fact` is asked."""
    engine.step(state, "/start", trials=[trial_id])
    for _ in range(30):
        if state.pending == fact:
            return
        engine.step(state, "not sure")
    raise AssertionError(f"{fact} was never asked")


def step_text(result: object) -> str:
    """The replies of one engine step, one per line."""
    return "\n".join(r.text for r in result.replies)  # type: ignore[attr-defined]
