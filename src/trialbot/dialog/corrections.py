"""Corrections of earlier answers: "sorry, I'm actually 31", "actually she is 12", "I meant no"."""

from __future__ import annotations

import re
from collections.abc import Mapping

from trialbot.dialog.answers import read_answer
from trialbot.dialog.clauses import topic_of, topic_words
from trialbot.dialog.confirming import ask_to_confirm, would_exclude
from trialbot.dialog.readers import UNIT_WORDS, normalize, read_number
from trialbot.dialog.walk import Walk
from trialbot.domain.facts import FactSpec, FactValue

_MARKERS = re.compile(
    r"\b(?:actually|sorry|correction|i meant|i mean|my mistake|my bad|i made a mistake|"
    r"i was wrong|wrong answer|oops|typo|let me correct|to correct|i misread|wait|"
    r"you got (?:that|it|this) wrong|(?:and )?(?:you )?(?:wrote|written|put|noted|got) "
    r"(?:that |it |this )?(?:down )?wrong|that'?s (?:not right|wrong|incorrect)|"
    r"that is (?:not right|wrong|incorrect)|not what i said|you misunderstood|you misread)"
    r"\b[\s,.:;!-]*"
)
# "I'm 31", "she is twelve", "my son is 7", "aged 40": an age (a number must be readable too).
_AGE_HINT = re.compile(
    r"\b(?:age|aged|old|born|birthday)\b"
    r"|\b(?:i'm|i am|im|she's|she is|he's|he is|they're|they are|my \w+ is)\s+"
    r"(?:only\s+|just\s+)?(?:\d|[a-z]+(?:[ -][a-z]+)?\s*$)"
)
_GENERIC_ID_WORDS = {
    "prior", "last", "years", "ms", "percent", "date", "has", "any", "current", "currently",
    "known", "other", "recent", "status", "level", "value", "history", "able", "use", "ever",
    "within", "with", "the", "and", "of", "to", "in", "for", "score",
}  # fmt: skip


_PRONOUNS = {"he", "she", "her", "him", "his", "hers", "they", "them", "m", "f"}


def strip_markers(text: str) -> str:
    """The message without "sorry", "actually" and the like."""
    return _MARKERS.sub(" ", normalize(text)).strip(" ,.;:!-")


def _keywords(spec: FactSpec) -> set[str]:
    words = {w for w in spec.id.split("_") if len(w) >= 3 and w not in _GENERIC_ID_WORDS}
    for choice in spec.choices:
        words.update(normalize(w) for w in (choice.label, *choice.synonyms) if w)
    words -= _PRONOUNS
    words.update(UNIT_WORDS.get((spec.unit or "").lower(), ()) if spec.unit != "years" else ())
    return {w for w in words if w}


def _mentioned(
    said: str, specs: Mapping[str, FactSpec], known: Mapping[str, FactValue]
) -> str | None:
    """The known fact whose words the message uses most."""
    best: tuple[int, str] | None = None
    for fact_id in known:
        spec = specs.get(fact_id)
        if spec is None:
            continue
        hits = sum(
            1 for w in _keywords(spec) if re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", said)
        )
        if hits and (best is None or hits > best[0]):
            best = (hits, fact_id)
    return best[1] if best else None


def _topics_named(said: str, known: Mapping[str, FactValue]) -> list[str]:
    """The known facts whose topic words ("radiotherapy", "bleeding") the message uses, in the
    order the message names them."""
    found: list[tuple[int, str]] = []
    for fact_id in known:
        pattern = topic_of(fact_id)
        match = pattern.search(said) if pattern and fact_id in topic_words().topics else None
        if match:
            found.append((match.start(), fact_id))
    return [fact_id for _, fact_id in sorted(found)]


def _topic_named(said: str, known: Mapping[str, FactValue]) -> str | None:
    """The known fact whose topic words the message names first."""
    named = _topics_named(said, known)
    return named[0] if named else None


def correction_target(walk: Walk, message: str) -> str | None:
    """Which known fact a correction is about, or None."""
    said = normalize(message)
    known = walk.state.facts
    rest = strip_markers(message)
    hinted = _AGE_HINT.search(said) or _AGE_HINT.search(rest)
    if "age_years" in known and hinted and read_number(rest) is not None:
        return "age_years"
    target = _topic_named(said, known) or _mentioned(said, walk.specs, known)
    if target is not None:
        return target
    pending = walk.state.pending
    answers_pending = pending is not None and pending in walk.specs
    if answers_pending and read_answer(walk.specs[str(pending)], rest, walk.today).ok:
        return None  # it simply answers the question on the table
    last = walk.state.last_answered
    if last in known and last in walk.specs and read_answer(walk.specs[last], rest, walk.today).ok:
        return last
    fits = [  # "sorry I meant 45" after the sex was answered: 45 fits only the age
        fact_id
        for fact_id in known
        if fact_id in walk.specs
        and fact_id not in walk.state.implied
        and walk.specs[fact_id].answer_type != "date"
        and read_answer(walk.specs[fact_id], rest, walk.today).ok
    ]
    if len(fits) == 1:
        return fits[0]
    return last if last in known else None


def apply_correction(walk: Walk, message: str) -> bool:
    """Replace an earlier answer when the message corrects one; True when it did."""
    target = correction_target(walk, message)
    if target is None or target == walk.state.pending:
        return False
    spec = walk.specs[target]
    rest = strip_markers(message)
    reading = read_answer(spec, rest, walk.today, walk.specs)
    for other in _topics_named(normalize(message), walk.state.facts):
        if other != target:  # "he has NEVER had radiotherapy. March was his chemo": both
            also = read_answer(walk.specs[other], rest, walk.today, walk.specs)
            if also.ok and other in walk.specs:
                reading.facts.setdefault(other, also.facts[other])
    if not reading.ok or all(walk.state.facts.get(k) == v for k, v in reading.facts.items()):
        return False  # unreadable, or nothing would change
    if would_exclude(walk, reading.facts) or reading.said_as:
        # typed and excluding, or converted from another unit ("150 lbs"): read back first
        ask_to_confirm(walk, reading.facts, reading.said_as)
        return True
    walk.set_facts(reading.facts)
    walk.state.finished = False
    walk.state.last_answered = target
    value = reading.facts[target]
    walk.say("correction_done", question=spec.question, value=_shown(walk, value))
    return True


def _shown(walk: Walk, value: FactValue) -> str:
    """A fact value as the patient would say it."""
    if isinstance(value, bool):
        return walk.texts.say("yes_label" if value else "no_label")
    if value == "unknown":
        return walk.texts.say("not_sure_label")
    return str(value)
