"""Whether a request to join tells a situation of its own.

"Can I join if I take warfarin?", "they put a stent in my colon, am I eligible?": the point asked
is answered from the criterion first (the answerer quotes and cites it), then the check starts.
"Can I join?", "am I eligible?", "could he be part of this study?", "my dad has colon cancer,
can he join?" (only what the trial is for), "I have stage 3 colon cancer, could I do this
trial?" (only who the patient is: what the volunteered-facts reader takes in) tell nothing of
their own: the check starts at once.
The words that ask to join and name the person are those of the answerer's personal questions
(`personal` in prompts/answers.yaml); `join_filler_words` in prompts/dialog.yaml add greetings
and fillers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from trialbot.dialog.volunteered import without_profile
from trialbot.domain.trial import Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval.personal import load_personal
from trialbot.retrieval.text import content_terms


@cache
def _not_situation() -> frozenset[str]:
    """Stems that ask to join, name a person or fill a sentence."""
    words = load_personal(dict(load_prompts("answers")))
    found: set[str] = set()
    if words is not None:
        found |= words.asking
        found |= {t for names in words.persons.values() for n in names for t in content_terms(n)}
    fillers = load_prompts("dialog").get("join_filler_words") or []
    found |= {t for w in fillers for t in content_terms(str(w))}
    return frozenset(found)


def _own_words(trials: Iterable[Trial]) -> set[str]:
    """Stems of what the trials are for (their conditions)."""
    return {t for trial in trials for name in trial.conditions for t in content_terms(name)}


def situation_words(text: str, trials: Sequence[Trial]) -> list[str]:
    """The stems of the situation a request to join tells, without the asking words, the
    person, numbers, the illness the trials are for and what the volunteered-facts reader takes
    in (the diagnosis with its stage, the age, the sex, markers: `without_profile`); empty for
    a bare request ("I have stage 3 colon cancer, could I do this trial?")."""
    skip = _not_situation() | _own_words(trials)
    said = without_profile(text)
    return [t for t in content_terms(said) if t not in skip and not t[:1].isdigit()]
