"""Messages that are not answers but must be met first: emergencies, pressure, advice, a person."""

from __future__ import annotations

import re

from trialbot.dialog.labels import short_label
from trialbot.dialog.readers import normalize
from trialbot.dialog.summary import contact_details, site_list
from trialbot.dialog.walk import Walk
from trialbot.domain.turn import Reply


def is_emergency(walk: Walk, message: str) -> bool:
    """True when the message has emergency words (chest pain, can't breathe, suicidal, ...)."""
    return bool(walk.texts.emergency.search(normalize(message)))


_CLAUSE_END = re.compile(r"[,.;:!?]|\b(?:and|but|then|now)\b")


def only_past_emergency(walk: Walk, message: str) -> bool:
    """True when every emergency word of the message is in a clause about the past ("I had a
    heart attack 3 weeks ago", "yes, and a stroke in 2024": `emergency_past_patterns`), none
    of them minutes or hours ago (`emergency_recent_patterns`): a past event is no emergency,
    and the message is read as usual. False for "I'm having chest pain", "I had chest pain an
    hour ago" and for a message without emergency words."""
    said = normalize(message)
    found = list(walk.texts.emergency.finditer(said))
    if not found:
        return False
    for match in found:
        ends = [m.end() for m in _CLAUSE_END.finditer(said, 0, match.start())]
        start = max(ends, default=0)
        after = _CLAUSE_END.search(said, match.end())
        clause = said[start : after.start() if after else len(said)].strip()
        if not walk.texts.emergency_past.search(clause) or walk.texts.emergency_recent.search(
            clause
        ):
            return False
    return True


def interjection(
    walk: Walk, message: str, emergency_said: bool = False, past_emergency: bool = False
) -> bool:
    """Reply to emergency words, attempts to force a verdict, advice or person requests.

    True when the message was one of these (it is then never read as an answer: facts change
    only through answers to questions). `past_emergency`: the emergency words are all about the
    past (no notice: a past event is no emergency); the message is read on.
    """
    texts = walk.texts
    said = normalize(message)
    handled = emergency_said
    if not emergency_said and not past_emergency and texts.emergency.search(said):
        walk.say("emergency")
        handled = True
    if texts.manipulation.search(said):
        walk.say("manipulation")
        return True
    if texts.medical_advice.search(said):
        walk.say("no_medical_advice")
        handled = True
    if texts.human.search(said):
        contacts(walk)
        handled = True
    if not handled and texts.scope_question.search(said):
        scope_now(walk)
        handled = True
    return handled


def scope_now(walk: Walk) -> None:
    """ "Which studies did you check?": the studies in scope, by title and id (or that none is
    chosen yet)."""
    trials = walk.trials if walk.state.scope is not None else []
    if not trials:
        walk.say("scope_now_none")
        return
    names = "; ".join(f"“{t.title}” ({t.id})" for t in trials[:5])
    more = f" and {len(trials) - 5} more" if len(trials) > 5 else ""
    walk.say("scope_now", names=names + more)


def contacts(walk: Walk) -> None:
    """The study contacts of the trials in scope (or their sites when no one is listed)."""
    texts = walk.texts
    lines = [texts.say("contact_intro")]
    for trial in walk.trials:
        details = "; ".join(contact_details(c) for c in trial.contacts if contact_details(c))
        if not details:
            sites = site_list(trial)
            details = (
                texts.say("contact_none", sites=sites) if sites else texts.say("contact_nothing")
            )
        lines.append(texts.say("contact_line", title=short_label(trial), details=details))
    lines.append(texts.say("contact_doctor"))
    walk.replies.append(Reply(kind="notice", text="\n".join(lines)))
