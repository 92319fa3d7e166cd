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
    r"that is (?:not right|wrong|incorrect)|not what i said|you misunderstood|you misread|"
    r"i said|i told you|i wrote|i typed)"
    r"\b[\s,.:;!-]*"
)
# The value a correction takes back ("3 lines not 2", "not 2 but 3", "45, not 54"): left out, so
# only the corrected value is read.
_TAKEN_BACK = re.compile(
    r"(?<=\d)(\s*[a-z]+)?\s*,?\s*\bnot\s+\d+(?:\.\d+)?(?:\s+[a-z]+)?\b"
    r"|\bnot\s+\d+(?:\.\d+)?(?:\s+[a-z]+)?\s*,?\s*but\b"
)
# A bare "no" that opens a correction ("no, I said 3 lines not 2"): the no of the correction.
_LEADING_NO = re.compile(r"^(?:no|nope|nah)\b[\s,.:;!-]+(?=\S)")
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
    said = _TAKEN_BACK.sub(lambda m: m[1] or "", normalize(text))
    said = _MARKERS.sub(" ", said).strip(" ,.;:!-")
    return _LEADING_NO.sub("", said).strip(" ,.;:!-")


def _keywords(spec: FactSpec) -> set[str]:
    words = {w for w in spec.id.split("_") if len(w) >= 3 and w not in _GENERIC_ID_WORDS}
    words |= {w[:-1] for w in words if len(w) >= 5 and w.endswith("s")}  # "1 line, not 2"
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


def named_target(walk: Walk, message: str) -> str | None:
    """The known fact a message names by its topic or question words ("we can come to all the
    visits" names the visits question), or None (no guess from the last answer)."""
    said = normalize(message)
    known = walk.state.facts
    return _topic_named(said, known) or _mentioned(said, walk.specs, known)


def apply_correction(walk: Walk, message: str, target: str | None = None) -> bool:
    """Replace an earlier answer when the message corrects one (the fact `target`, when given);
    True when it did."""
    target = target or correction_target(walk, message)
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
    walk.say("correction_done", question=spec.question, value=shown_value(walk, value))
    return True


def shown_value(walk: Walk, value: FactValue) -> str:
    """A fact value as the patient would say it."""
    if isinstance(value, bool):
        return walk.texts.say("yes_label" if value else "no_label")
    if value == "unknown":
        return walk.texts.say("not_sure_label")
    return str(value)


# "sorry I meant yes", "oops, no", "wait, actually yes": a marker of a slip, then only a yes or a
# no. A bare "sorry" is no marker here: "sorry, no" is a polite answer to the question asked.
_SLIP = re.compile(
    r"^(?:(?:sorry|so sorry|oh|ah|um+|hmm+|no wait|wait|oops|whoops|oopsie|my mistake|my bad|"
    r"correction|typo|actually|i meant|i mean|i meant to say|i wanted to say|i was wrong|"
    r"wrong answer|wrong button|i made a mistake|that was wrong|that'?s wrong)\b[\s,.:;!-]*)+"
    r"(yes|yeah|yep|yup|no|nope|nah)[\s.!]*$"
)
_SLIP_ONLY_SORRY = re.compile(r"^(?:(?:sorry|so sorry|oh|ah|um+|hmm+)\b[\s,.:;!-]*)+")


def is_slip(message: str) -> bool:
    """True for a slip marker and only a yes or a no ("sorry I meant yes", "oops, no", "wait,
    actually yes"); not for a bare "sorry, no" (a polite no)."""
    said = normalize(message)
    match = _SLIP.match(said)
    return match is not None and not _SLIP_ONLY_SORRY.fullmatch(said[: match.start(1)])


def last_yes_no_slip(walk: Walk, message: str) -> str | None:
    """The fact a slip correction ("sorry I meant yes", "oops, no", "wait, actually yes")
    corrects: the LAST answered fact, when that was a yes/no question (even when the question
    now pending is a yes/no question too: the slip is about what was just said, never an answer
    to the new question). None when the message is not such a slip, or the last answer was no
    yes or no."""
    if not is_slip(message):
        return None
    state = walk.state
    last = state.last_answered
    spec = walk.specs.get(last) if last is not None else None
    if spec is None or spec.answer_type != "yes_no" or last not in state.facts:
        return None
    if last == state.pending or last in state.implied:
        return None
    return last


def correct_last_yes_no(walk: Walk, message: str) -> bool:
    """Apply a slip correction of the last yes/no answer (`last_yes_no_slip`) and say which
    question it changed; True when the message was a slip (the question pending is asked again,
    unanswered). A yes that makes a trial in scope ineligible is read back first. A slip after an
    answer that was no yes or no changes nothing and answers nothing: it is said plainly."""
    target = last_yes_no_slip(walk, message)
    if target is None:
        if not is_slip(message):
            return False
        walk.say("slip_unclear")  # the last answer was no yes or no: which one is not clear
        return True
    spec = walk.specs[target]
    match = _SLIP.match(normalize(message))
    value = bool(match and match[1] in ("yes", "yeah", "yep", "yup"))
    if walk.state.facts.get(target) == value:
        walk.say("correction_same", question=spec.question, value=shown_value(walk, value))
        return True
    walk.say("correction_of", question=spec.question)
    if would_exclude(walk, {target: value}):
        ask_to_confirm(walk, {target: value})
        return True
    walk.set_facts({target: value})
    walk.state.finished = False
    walk.say("correction_done", question=spec.question, value=shown_value(walk, value))
    return True
