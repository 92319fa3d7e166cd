"""The catalogue dialog: condition and place first, then the questions that split the open trials
most, then a ranked shortlist (or a plain "no trial fits").

It runs when a conversation covers more than a few trials (or all of them). Facts live in the
conversation's facts like every other answer (`condition`, `home_place`, `age_years`, `sex`,
`prior_cancer_treatment` and the catalogue facts of prompts/catalogue.yaml); the little else it
keeps (questions asked, the place's coordinates, the shortlist shown) is `state.catalogue`.
"""

from __future__ import annotations

import dataclasses
import re
from collections import OrderedDict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trialbot.dialog import intents
from trialbot.dialog.answers import read_answer
from trialbot.dialog.catalogue.index import CatalogueIndex, TrialProfile, index_for
from trialbot.dialog.catalogue.knowledge import Knowledge, load_knowledge
from trialbot.dialog.catalogue.matching import (
    age_in_text,
    asks_about_trials,
    condition_in_text,
    condition_phrase,
    illness_in_text,
    place_answer,
    place_in_text,
    unknown_words,
    values_in_text,
)
from trialbot.dialog.catalogue.ranking import Ranked, answered, rank, ruled_out
from trialbot.dialog.catalogue.replies import no_fit_reply, shortlist_reply
from trialbot.dialog.clauses import without_heights
from trialbot.dialog.readers import is_bare_yes_no, normalize
from trialbot.domain.facts import UNKNOWN, FactSpec, FactValue
from trialbot.domain.turn import Button, Reply

if TYPE_CHECKING:
    from trialbot.dialog.walk import Walk

MIN_TRIALS = 6  # a scope of this many trials or more (or "all") is a catalogue search
FIRST_LIMIT = 10  # questions before the first shortlist (condition and place included)
MORE_QUESTIONS = 5  # "More questions" asks up to this many more
SHORTLIST_SIZE = 5
MIN_EXPECTED = 0.25  # a question expected to decide fewer trials than this is not worth asking
MAX_FAILURES = 2
CONDITION = "condition"
PLACE = "home_place"
BASE_FACTS = ("age_years", "sex", "prior_cancer_treatment")
NON_RECRUITING = {"policy": "hide"}  # "hide" or "last" (settings: TRIALBOT_NON_RECRUITING)


_KNOWLEDGE: dict[int, tuple[Mapping[str, FactSpec], Knowledge]] = {}


def knowledge_for(walk: Walk) -> Knowledge:
    """The catalogue knowledge with the main vocabulary's age, sex and treatment specs."""
    specs = walk.specs
    cached = _KNOWLEDGE.get(id(specs))
    if cached is not None and cached[0] is specs:
        return cached[1]
    base = {f: specs[f] for f in BASE_FACTS if f in specs}
    knowledge = dataclasses.replace(load_knowledge(), base_specs=base)
    if len(_KNOWLEDGE) > 8:
        _KNOWLEDGE.clear()
    _KNOWLEDGE[id(specs)] = (specs, knowledge)
    return knowledge


def active(walk: Walk) -> bool:
    """True when the conversation covers more than a few trials (or every registered one)."""
    if len(walk.all_trials) < MIN_TRIALS:
        return False
    scope = walk.state.scope
    return scope is None or len(scope) >= MIN_TRIALS


MAX_REMEMBERED = 4096  # conversations whose open trials are kept between turns
_OPEN: OrderedDict[tuple[str | None, str, tuple[str, ...]], Any] = OrderedDict()


def forget(conversation_id: str | None) -> None:
    """Drop what the search keeps in memory for a conversation (after /forget or /restart)."""
    for key in [k for k in _OPEN if k[0] == conversation_id]:
        _OPEN.pop(key, None)


# "she is 64", "I'm 64 years old", "aged 64": an age said, which names no illness
_AGE_SAID = re.compile(
    r"\b(?:(?:i|she|he|they)(?:'s|'m| is| am| are)\s+)?(?:aged?\s+)?\d{1,3}"
    r"(?:\s*(?:years?|yrs?)(?:\s*old)?)?(?!\w)"
)


class Session:
    """The catalogue's view of one turn of one conversation."""

    def __init__(self, walk: Walk) -> None:
        self.walk = walk
        self.state = walk.state
        self.facts = walk.state.facts
        self.data: dict[str, Any] = walk.state.catalogue
        self.knowledge = knowledge_for(walk)
        self.index: CatalogueIndex = index_for(walk.all_trials, self.knowledge)
        self._pool: list[TrialProfile] | None = None
        self._open: list[TrialProfile] | None = None
        self._ids: set[int] | None = None
        self.doubtful = False  # the last `read_pending` was a yes or no said with doubt
        self.height = False  # the last `read_pending` read only a height ("5'6"): no age

    def facts_changed(self) -> None:
        """Forget the trials in play worked out for the facts before."""
        self._pool = None
        self._open = None
        self._ids = None

    # ---- the trials in play -------------------------------------------------------------
    def pool(self) -> list[TrialProfile]:
        """The trials for the person's condition (within the scope when one is set)."""
        if self._pool is not None:
            return self._pool
        condition = self.facts.get(CONDITION)
        hide = NON_RECRUITING["policy"] == "hide"
        found: list[TrialProfile] = []
        if isinstance(condition, str) and condition.startswith("text:"):
            found = self.index.for_text(condition.removeprefix("text:"))
            found = [p for p in found if p.recruiting] if hide else found
        elif isinstance(condition, str) and condition in self.knowledge.conditions:
            found = self.index.for_condition(condition, recruiting=hide)
        scope = self.state.scope
        if scope is not None:
            wanted = {s.lower() for s in scope}
            found = [p for p in found if p.trial.id.lower() in wanted]
        self._pool = found
        return found

    def open_trials(self) -> list[TrialProfile]:
        """The trials of the pool that no answer rules out. A conversation's previous turn is
        kept in memory: when answers were only added, only its open trials are checked, and
        only against the new answers."""
        if self._open is not None:
            return self._open
        facts = self.facts
        items = frozenset((k, repr(v)) for k, v in facts.items())
        key = (self.walk.key, str(facts.get(CONDITION)), tuple(self.state.scope or ()))
        before = _OPEN.get(key) if self.walk.key else None
        pool = self.pool()
        if before is not None and before[0] <= items and before[2] == len(pool):
            added = {k for k, _ in items - before[0]}
            new = {k: v for k, v in facts.items() if k in added}
            given = answered(new, self.knowledge)
            basics = bool(added & {"age_years", "sex"})
            candidates = before[1]
            if given or basics:
                candidates = [
                    p
                    for p in candidates
                    if ruled_out(p, facts, self.knowledge, given, basics) is None
                ]
        else:
            given = answered(facts, self.knowledge)
            candidates = [p for p in pool if ruled_out(p, facts, self.knowledge, given) is None]
        self._open = candidates
        if self.walk.key:
            _OPEN[key] = (items, candidates, len(pool))
            _OPEN.move_to_end(key)
            while len(_OPEN) > MAX_REMEMBERED:
                _OPEN.popitem(last=False)
        return candidates

    def condition_facts(self) -> tuple[str, ...]:
        """The facts asked for the person's condition, in the knowledge's order."""
        condition = self.knowledge.conditions.get(str(self.facts.get(CONDITION, "")))
        own = (
            condition.facts
            if condition is not None
            else ("cancer_spread", "prior_cancer_treatment")
        )
        return ("age_years", "sex", *own)

    # ---- reading messages ---------------------------------------------------------------
    def extract(self, message: str) -> dict[str, FactValue]:
        """Facts a person gives in their own words: condition, subtype, age, sex, place."""
        found: dict[str, FactValue] = {}
        if CONDITION not in self.facts or self.facts[CONDITION] == UNKNOWN:
            condition = condition_in_text(message, self.knowledge)
            if condition is not None:
                found[CONDITION] = condition.id
                if condition.sex and "sex" not in self.facts:
                    found["sex"] = condition.sex
            elif (illness := illness_in_text(message)) is not None:
                found[CONDITION] = f"text:{illness}"
        condition_id = str(found.get(CONDITION, self.facts.get(CONDITION, "")))
        condition = self.knowledge.conditions.get(condition_id)
        facts = condition.facts if condition is not None else ()
        for fact_id, value in values_in_text(message, self.knowledge, facts).items():
            if fact_id not in self.facts:
                found[fact_id] = value
        if "age_years" not in self.facts:
            age = age_in_text(without_heights(normalize(message))[0])  # "I'm 5 foot 6": no 5
            if age is not None:
                found["age_years"] = age
        if "sex" not in self.facts and "sex" not in found:
            for sex, words in self.knowledge.person.items():
                if words.search(message):
                    found["sex"] = sex
                    break
        if PLACE not in self.facts:
            place = place_in_text(message)
            if place is not None:
                found.update(self._place_facts(place))
        return found

    def _place_facts(self, place: Any) -> dict[str, FactValue]:
        self.data["place"] = {
            "name": place.name,
            "country_code": place.country_code,
            "country": place.country,
            "lat": place.lat,
            "lon": place.lon,
        }
        # the country lived in, for trials that say where a person must live (`home_country`)
        return {PLACE: place.name, "home_country": place.country_code}

    def read_pending(self, pending: str, message: str) -> dict[str, FactValue] | None:
        """The answer to the pending question, or None when it could not be read."""
        if pending == CONDITION:
            if not re.search(r"[^\W\d_]", message):
                return None  # "54" names no illness (it answers another question)
            condition = condition_in_text(message, self.knowledge)
            if condition is not None:
                facts: dict[str, FactValue] = {CONDITION: condition.id}
                if condition.sex and "sex" not in self.facts:
                    facts["sex"] = condition.sex
                return facts
            phrase = condition_phrase(message)
            if is_bare_yes_no(message):
                return None  # "no" names no illness: asked again with the pick list
            if unknown_words(message) or intents.wants_to_join(message):
                return None  # asked again with the pick list; "not sure" twice is recorded
            if phrase and not re.search(r"[^\W\d_]{3,}", _AGE_SAID.sub(" ", phrase.lower())):
                return None  # "She is 64": the age (kept on the side), no illness named
            if phrase and not asks_about_trials(message):
                return {CONDITION: f"text:{phrase}"}
            return None
        if pending == PLACE:
            said = message.strip()
            if unknown_words(said):
                return {PLACE: UNKNOWN}
            place = place_answer(said)
            return self._place_facts(place) if place is not None else None
        spec = self.knowledge.spec(pending)
        if spec is None:
            return None
        reading = read_answer(spec, message, self.walk.today, {pending: spec})
        if spec.answer_type == "choice" and reading.doubtful:
            return None  # a bare "2" names no button the person saw: asked again with them
        self.doubtful = reading.ok and reading.doubtful  # "I think so": read back first
        self.height = reading.problem == "a_height"
        return dict(reading.facts) if reading.ok else None

    def drops_trials(self, reading: Mapping[str, FactValue]) -> bool:
        """True when typed answers ("45", "she's 70") would take an open trial off the
        shortlist: as in the walk, they are read back before they count."""
        if not reading or any(value == UNKNOWN for value in reading.values()):
            return False
        after = {**self.facts, **reading}
        return any(ruled_out(p, after, self.knowledge) is not None for p in self.open_trials())

    def implied(self, found: Mapping[str, FactValue]) -> dict[str, FactValue]:
        """Facts that answers imply ("ALK positive" -> non-small cell), when not known yet."""
        implied: dict[str, FactValue] = {}
        for fact_id, value in found.items():
            fact = self.knowledge.facts.get(fact_id)
            said = "yes" if value is True else "no" if value is False else str(value)
            for other, other_value in (fact.implies.get(said, {}) if fact else {}).items():
                if other not in self.facts and other not in found:
                    implied[other] = other_value
        return implied

    def announce_condition(self) -> None:
        """ "I found 94 registered trials for breast cancer": said once the condition is known."""
        pool = self.pool()
        condition = str(self.facts.get(CONDITION, ""))
        if not pool or condition == UNKNOWN:
            return
        known = self.knowledge.conditions.get(condition)
        label = known.label if known is not None else condition.removeprefix("text:")
        self.walk.replies.append(
            Reply(
                kind="notice",
                text=self.knowledge.say(
                    "condition_found_one" if len(pool) == 1 else "condition_found",
                    count=len(pool),
                    label=label,
                ),
            )
        )

    # ---- asking ------------------------------------------------------------------------
    def next_question(self, open_trials: list[TrialProfile]) -> str | None:
        """Condition, then place, then the fact expected to decide most open trials."""
        if CONDITION not in self.facts:
            return CONDITION
        if PLACE not in self.facts:
            return PLACE
        best: tuple[float, str] | None = None
        for fact_id in self.condition_facts():
            if fact_id in self.facts or self.knowledge.spec(fact_id) is None:
                continue
            named = self.index.naming(self.pool(), fact_id)
            score = expected_decided(fact_id, open_trials, self.knowledge, named, self._open_ids())
            if best is None or score > best[0]:
                best = (score, fact_id)
        if best is None or best[0] < MIN_EXPECTED:
            return None
        return best[1]

    def _open_ids(self) -> set[int]:
        if self._ids is None:
            self._ids = {id(p) for p in self.open_trials()}
        return self._ids

    def ask(self, fact_id: str) -> None:
        """Put the question for `fact_id` (with its buttons) and make it pending."""
        if fact_id != self.state.pending:
            self.state.failures = 0
        self.state.pending = fact_id
        self.state.questions_asked += 1
        self.data["asked"] = int(self.data.get("asked", 0)) + 1
        self.walk.replies.append(self.question(fact_id))

    def question(self, fact_id: str, preface: str = "") -> Reply:
        """The question reply for one fact."""
        texts = self.walk.texts
        unsure = Button(label=texts.say("not_sure_label"), value="unknown")
        if fact_id == CONDITION:
            text = preface or self.knowledge.say("ask_condition")
            return Reply(
                kind="question", text=text, asks=fact_id, buttons=self._condition_buttons()
            )
        if fact_id == PLACE:
            text = preface or self.knowledge.say("ask_place")
            return Reply(kind="question", text=text, asks=fact_id, buttons=[unsure])
        spec = self.knowledge.spec(fact_id)
        assert spec is not None
        parts = [preface, spec.question, spec.help or ""]
        buttons = texts.answer_buttons(spec)
        return Reply(
            kind="question", text="\n".join(p for p in parts if p), asks=fact_id, buttons=buttons
        )

    def _condition_buttons(self) -> list[Button]:
        """A pick list: the conditions with most trials here."""
        counts = sorted(
            ((len(self.index.for_condition(cid)), cid) for cid in self.knowledge.conditions),
            reverse=True,
        )
        return [
            Button(
                label=self.knowledge.conditions[cid].label.capitalize(), value=f"condition:{cid}"
            )
            for count, cid in counts[:8]
            if count
        ]

    # ---- the walk ----------------------------------------------------------------------
    def advance(self, announce: bool = True) -> None:
        """Ask the next question, or give the shortlist (or the no-fit answer)."""
        open_trials = self.open_trials()
        limit = int(self.data.get("limit", FIRST_LIMIT))
        asked = int(self.data.get("asked", 0))
        condition = self.facts.get(CONDITION)
        if condition == UNKNOWN or (condition is not None and not self.pool()):
            self._finish_no_fit()
            return
        fact_id = self.next_question(open_trials)
        narrowing = condition is not None and PLACE in self.facts
        few = len(open_trials) <= SHORTLIST_SIZE and fact_id not in ("age_years", "sex")
        enough = narrowing and (few or asked >= limit)  # age and sex are asked even for a few
        if fact_id is not None and not enough:
            self.ask(fact_id)
            return
        self.state.pending = None
        if self.state.finished and not announce:
            return
        if not open_trials:
            self._finish_no_fit()
            return
        self._shortlist(open_trials, more_possible=fact_id is not None)

    def _shortlist(self, open_trials: list[TrialProfile], more_possible: bool) -> None:
        ranked: list[Ranked] = rank(self, open_trials)
        shown = ranked[:SHORTLIST_SIZE]
        self.data["shortlist"] = [r.profile.trial.id for r in shown]
        more = len(ranked) - len(shown) if more_possible else 0
        self.walk.replies.append(shortlist_reply(self, shown, more))
        self.state.finished = True

    def _finish_no_fit(self) -> None:
        self.state.pending = None
        self.data["shortlist"] = []
        self.walk.replies.append(no_fit_reply(self))
        self.state.finished = True

    def more(self) -> None:
        """ "More questions": a few more questions, then a new shortlist."""
        self.data["limit"] = int(self.data.get("asked", 0)) + MORE_QUESTIONS
        self.state.finished = False
        self.advance()

    def reask(self, pending: str, preface: str) -> None:
        """Ask the pending question again, not counting a failure (the reply answered another
        question: "I'm 54" to "Where do you live?")."""
        asked = {CONDITION: "ask_condition", PLACE: "ask_place"}.get(pending)
        words = (self.walk.preamble, preface, self.knowledge.say(asked) if asked else "")
        self.walk.preamble = ""
        self.walk.replies.append(self.question(pending, preface="\n".join(w for w in words if w)))

    def failed(self, pending: str) -> None:
        """An answer that could not be read: ask again, then record "not sure" and go on."""
        self.state.failures += 1
        if self.state.failures >= MAX_FAILURES:
            self.state.failures = 0
            self.walk.set_facts({pending: UNKNOWN})
            self.facts_changed()
            self.advance()
            return
        key = {CONDITION: "reask_condition", PLACE: "reask_place"}.get(pending)
        problem = "reask_a_height" if self.height else "reask_unreadable"
        preface = self.knowledge.say(key) if key else self.walk.texts.say(problem)
        self.walk.replies.append(self.question(pending, preface=preface))


def expected_decided(
    fact_id: str,
    trials: list[TrialProfile],
    knowledge: Knowledge,
    naming: list[TrialProfile] | None = None,
    open_ids: set[int] | None = None,
) -> float:
    """Expected number of open trials an answer to `fact_id` decides, times how likely a person
    can answer it: answers weighted alike; age over 0-100 years; sex half and half."""
    if not trials:
        return 0.0
    if fact_id == "age_years":
        return sum(p.age_split for p in trials)
    if fact_id == "sex":
        return 0.5 * sum(p.one_sex for p in trials)
    fact = knowledge.facts.get(fact_id)
    options = [r.value for r in knowledge.requirements.get(fact_id, ())]
    if not options:
        return 0.0
    counts_as = fact.counts_as if fact is not None else {}
    answerable = fact.answerable if fact is not None else 0.8
    satisfied = [frozenset({v, counts_as.get(v, v)}) for v in options]
    decided = 0
    if naming is not None and open_ids is not None:  # only the trials that name the fact
        trials = [p for p in naming if id(p) in open_ids]
    for profile in trials:
        need = profile.named(knowledge).get(fact_id)
        if need:
            decided += sum(1 for counts in satisfied if not need & counts)
    return answerable * decided / len(options)
