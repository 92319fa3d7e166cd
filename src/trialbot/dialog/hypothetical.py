"""A question about a situation, not a fact told.

"Can I join if I'm pregnant?", "what if he has HIV?", "If I had irinotecan before, could I
still take part?", "can I join if I'm 80 years old?": the situation sits in an "if" clause of a
question. It is answered from the trial's rules (the answerer) and never stored as the person's
own fact: an illness, a medicine or an age asked about is no answer. What the message says
outside the clause ("My wife is 58, can she join if she has HIV?") is still read as told.
The clause words are `hypothetical_if_words` and `if_as_whether_words` in prompts/dialog.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from trialbot.dialog import intents
from trialbot.dialog.readers import normalize
from trialbot.prompts import load_prompts


@dataclass(frozen=True)
class Hypothetical:
    """A question with a situation in an "if" clause: the clause and what is left without it."""

    clause: str
    rest: str


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    texts = load_prompts("dialog")
    words = sorted(
        (str(w) for w in texts.get("hypothetical_if_words") or []), key=len, reverse=True
    )
    opening = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    whether = [str(w) for w in texts.get("if_as_whether_words") or []]
    before = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in whether) + r")\W*$")
    return opening, before


_CLAUSE_END = re.compile(
    r"[,;.?!]|\b(?:can|could|may|would|will|am|is|are|do|does)\s+(?:i|he|she|they|we|my|you)\b"
)
_SAY_OPENS = re.compile(r"\bsay\s+(?:i|he|she|they|my)\b")


def hypothetical(message: str) -> Hypothetical | None:
    """The "if" clause of a question that asks about a situation, None when the message is no
    question or has no such clause ("check if I qualify" asks whether, not what if)."""
    said = normalize(message)
    if not intents.is_question(said):
        return None
    opening, before = _patterns()
    for match in opening.finditer(said):
        word = match.group(0)
        if word == "say" and not _SAY_OPENS.match(said, match.start()):
            continue  # "say" opens a clause only as "say I had ..."
        if word == "if" and before.search(said[: match.start()]):
            continue  # "check if I qualify": whether, no situation
        end = _CLAUSE_END.search(said, match.end())
        stop = end.start() if end is not None else len(said)
        clause = said[match.end() : stop].strip()
        if not re.search(r"[^\W\d_]{2,}|\d", clause) or _only_joining(clause):
            continue  # "is it ok if I join?": the clause is the joining itself
        rest = (said[: match.start()] + " " + said[stop:]).strip(" ,;")
        return Hypothetical(clause=clause, rest=rest)
    return None


_JOINING = re.compile(
    r"^(?:i|he|she|they|we|my \w+)\s+(?:join|joined|take part|took part|sign up|signed up|"
    r"enrol|enroll|enrolled|participate|do it|did it|apply|go ahead)\b.{0,20}$"
)


def _only_joining(clause: str) -> bool:
    return bool(_JOINING.match(clause))
