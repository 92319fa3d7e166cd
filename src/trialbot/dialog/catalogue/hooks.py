"""The hooks the dialog calls in a conversation over many trials (see the package docstring)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from trialbot.dialog import intents
from trialbot.dialog.catalogue.flow import (
    CONDITION,
    MIN_TRIALS,
    NON_RECRUITING,
    PLACE,
    Session,
    active,
    knowledge_for,
)
from trialbot.dialog.catalogue.index import index_for
from trialbot.dialog.catalogue.matching import bare_age, condition_in_text, illness_in_text
from trialbot.dialog.clauses import without_heights
from trialbot.dialog.measured import without_parts
from trialbot.dialog.readers import normalize
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Reply

if TYPE_CHECKING:
    from trialbot.dialog.walk import Walk


def take_message(walk: Walk, message: str, from_button: bool) -> bool:
    """Handle a message in a catalogue conversation; False leaves it to the usual dialog
    (a named trial, a question about trials, a command...)."""
    if not active(walk):
        return False
    session = Session(walk)
    if from_button and message.startswith("catalogue:"):
        session.more()
        return True
    if from_button and message.startswith("condition:"):
        condition = message.removeprefix("condition:")
        if condition in session.knowledge.conditions:
            walk.set_facts({CONDITION: condition})
            session.facts_changed()
            session.announce_condition()
            session.advance()
            return True
    named = session.index.named_in(message) if not from_button else None
    if named is not None and named[1]:
        return False  # a trial named by id: the usual dialog checks that trial
    pending = walk.state.pending
    said_height = not from_button and without_heights(normalize(message))[1]
    if walk.aside_parts and not from_button:  # "my blood pressure is 120/80": no age, no place
        message = without_parts(message, walk.aside_parts)
        if pending is not None and not re.search(r"\w", message):
            # it answered another question: asked again, no failure
            session.reask(pending, walk.texts.say("reask_a_height") if said_height else "")
            return True
    found = {} if from_button else session.extract(message)
    if not found and walk.volunteered and pending is None and walk.state.finished:
        # "she's 70 actually" after the shortlist, kept on the side already: said back, and
        # the shortlist given again for it, as a fact the search reads itself is
        found = dict(walk.volunteered)
    picked = named is not None and 0 < len(named[0]) < MIN_TRIALS
    if not found and picked and intents.mentions_study(message):
        return False  # "can I join the apatinib study?": the usual dialog picks that trial
    answered = False
    if pending is not None and (pending in (CONDITION, PLACE) or session.knowledge.spec(pending)):
        reading = session.read_pending(pending, message)
        session.height = session.height or (said_height and reading is None)
        if reading is not None and session.doubtful and not from_button:
            _read_back(walk, session, found, reading)  # "probably not": as the walk does
            return True
        typed = reading is not None and not from_button and _typed(session, pending, message)
        if typed and reading is not None and session.drops_trials(reading):
            _read_back(walk, session, found, reading)  # a typed "45" that drops trials
            return True
        if reading is not None:
            found.update(reading)
            answered = True
    if not found:
        return _nothing_found(walk, session, message, named)
    if session.height:
        walk.say("reask_a_height")  # "she's 165 cm": the sex is kept, the height said no age
    walk.set_facts({**session.implied(found), **found})
    if answered:
        walk.state.last_answered = pending
        walk.state.failures = 0
    if walk.state.finished and not answered and pending is None:
        walk.state.finished = False
    session.facts_changed()
    if CONDITION in found:
        session.announce_condition()
    _say_back(walk, session, found, pending if answered else None)
    session.advance()
    return True


def _say_back(walk: Walk, session: Session, found: dict[str, Any], answered: str | None) -> None:
    """ "You said: the age: 64 years, earlier treatment for this cancer: yes, ...": what a message
    stated beside the illness and the place (a first message: "I'm 64, stage 4 lung cancer, had
    chemo"), said back once so a misreading can be corrected; never asked again."""
    from trialbot.dialog.confirming import fact_words  # (confirming imports the walk)

    said = walk.preamble
    walk.preamble = ""
    items = [
        fact_words(walk, fact_id, value)
        for fact_id, value in found.items()
        if fact_id not in (CONDITION, PLACE, "home_country", answered)
        and session.knowledge.spec(fact_id) is not None
        and fact_words(walk, fact_id, value) not in said
    ]
    if items:
        said = (
            walk.texts.say("said_before", items=", ".join(items))
            if not said
            else (said.rstrip(".") + ", " + ", ".join(items) + ".")
        )
    if said:
        walk.replies.append(Reply(kind="notice", text=said))


def _typed(session: Session, pending: str, message: str) -> bool:
    """True when the message is no button's own word ("yes", "Female") of the pending fact."""
    from trialbot.dialog.confirming import is_plain  # (confirming imports the walk)

    spec = session.knowledge.spec(pending)
    return spec is not None and not is_plain(message, spec)


def would_drop(walk: Walk, facts: dict[str, Any]) -> bool:
    """True when facts said on the side of a catalogue conversation ("he is 54" to the place
    question) would take an open trial off the shortlist: read back before they count."""
    if not active(walk):
        return False
    session = Session(walk)
    return bool(session.pool()) and session.drops_trials(facts)


def _read_back(
    walk: Walk, session: Session, found: dict[str, Any], reading: dict[str, Any]
) -> None:
    """Keep what else the message said, and read the doubtful answer back with Yes / No."""
    from trialbot.dialog.confirming import ask_to_confirm  # (confirming imports the walk)

    if found:
        walk.set_facts({**session.implied(found), **found})
    ask_to_confirm(walk, reading)


def answer_during_read_back(walk: Walk, message: str) -> bool:
    """A read-back waits ("So: the age: 54 years. Is that right?") and the reply answers the
    pending question instead ("London" to it, the place asked before): the answer is kept and the
    read-back stays, asked again. True when it was such a reply."""
    pending = walk.state.pending
    held = walk.state.confirming or {}
    if not active(walk) or pending is None or pending in held or pending in walk.state.facts:
        return False
    session = Session(walk)
    if pending not in (CONDITION, PLACE) and session.knowledge.spec(pending) is None:
        return False
    reading = session.read_pending(pending, message)
    if reading is None or session.doubtful:
        return False
    walk.set_facts({**session.implied(reading), **reading})
    walk.state.last_answered = pending
    walk.state.failures = 0
    return True


def ask_again(walk: Walk) -> bool:
    """Ask the pending catalogue question again (after "no" to its read-back); False outside a
    catalogue conversation."""
    pending = walk.state.pending
    if not active(walk) or pending is None:
        return False
    Session(walk).reask(pending, "")
    return True


def _nothing_found(walk: Walk, session: Session, message: str, named: Any) -> bool:
    pending = walk.state.pending
    question = intents.is_question(message)
    if pending is None:
        if named is not None and 0 < len(named[0]) < MIN_TRIALS:
            return False  # "the mifamurtide study": a trial picked by name
        if question and not intents.wants_to_join(message) and not intents.mentions_study(message):
            return False  # a question about trials goes to the answerer
        if walk.state.finished:
            return False
        if intents.is_small_talk(message) and not walk.state.questions_asked:
            return False
        session.advance()
        return True
    if pending == CONDITION and intents.wants_to_join(message):
        session.advance()  # "which of these trials could I join?": the illness is asked again
        return True
    if question or intents.is_small_talk(message):
        return False  # answered by the usual dialog; the pending question is asked again
    if _answers_another_question(walk, session, pending, message):
        return True
    session.failed(pending)
    return True


def _answers_another_question(walk: Walk, session: Session, pending: str, message: str) -> bool:
    """A reply that answers another question than the pending one is never stored as the
    pending fact, nor counted as a failed answer (two of which record "not sure"): a fact said
    on the side ("I'm 54", already kept) or a bare age ("54") to the place or illness question
    (read back before it counts: it is a number, not the words of an age). The pending question
    is asked again. True when it was such a reply."""
    if walk.volunteered:
        walk.state.failures = 0  # it answered another question: the count starts again
        session.reask(pending, walk.texts.say("reask_a_height") if session.height else "")
        return True
    spec = session.knowledge.spec(pending)
    yes_no = spec is not None and spec.answer_type == "yes_no"
    age = bare_age(message) if pending in (CONDITION, PLACE) or yes_no else None
    if age is None:
        return False
    if "age_years" in walk.state.facts:
        key = f"reask_{pending}_not_age" if pending in (CONDITION, PLACE) else None
        session.reask(pending, session.knowledge.say(key) if key else "")
        return True
    from trialbot.dialog.confirming import ask_to_confirm  # (confirming imports the walk)

    ask_to_confirm(walk, {"age_years": age})
    return True


def advance(walk: Walk, announce_summary: bool = True) -> bool:
    """Walk.advance in a catalogue conversation; False when the catalogue does not apply."""
    if not active(walk):
        return False
    Session(walk).advance(announce=announce_summary)
    return True


def trials_in_play(walk: Walk) -> list[Trial] | None:
    """The trials whose verdicts a catalogue turn reports (the shortlist); None outside one."""
    if not active(walk):
        return None
    shown = walk.state.catalogue.get("shortlist") or []
    if not shown:
        return []
    index = index_for(walk.all_trials, knowledge_for(walk))
    return [p.trial for t in shown if (p := index.profile(t)) is not None]


def trials_asked_about(walk: Walk) -> list[Trial] | None:
    """The trials a question in a catalogue conversation is about: the shortlist once shown, else
    the open trials for the person's condition (none when no condition is known yet, so nothing
    is answered from an unrelated trial); None outside a catalogue conversation."""
    shown = trials_in_play(walk)
    if shown is None or shown:
        return shown
    session = Session(walk)
    if CONDITION not in session.facts:
        return []
    return [p.trial for p in session.open_trials()]


def set_non_recruiting_policy(policy: str) -> None:
    """Leave trials that are not recruiting out ("hide") or show them last, marked ("last")."""
    NON_RECRUITING["policy"] = "last" if policy == "last" else "hide"


def condition_named(walk: Walk, message: str, pending: bool) -> tuple[str, str, list[Trial]] | None:
    """In a conversation over a few trials (too few for the catalogue search) with none chosen:
    an illness a message names for the first time ("my dad has lung cancer, any
    trials?") as (fact value, words, the open trials for it), else None. An illness the
    catalogue knowledge does not name is read only while no question is pending."""
    state = walk.state
    if active(walk) or state.scope is not None:
        return None
    knowledge = knowledge_for(walk)
    index = index_for(walk.all_trials, knowledge)
    condition = condition_in_text(message, knowledge)
    if condition is not None:
        value, label = condition.id, condition.label
        found = index.for_condition(condition.id, recruiting=True)
    else:
        illness = None if pending else illness_in_text(message)
        if illness is None:
            return None
        value, label = f"text:{illness}", illness
        found = [p for p in index.for_text(illness) if p.recruiting]
    if state.facts.get(CONDITION) == value:
        return None  # said before: the walk goes on as it is
    return value, label, [p.trial for p in found]
