"""Whether a trial takes new people: withdrawn, completed, suspended... trials are not offered."""

from __future__ import annotations

from trialbot.domain.trial import Trial

# Status words (ClinicalTrials.gov and EU CTIS, lower case, "_" as spaces) of trials that take
# nobody new. Anything else, and a missing status, counts as open.
CLOSED_WORDS = (
    "not recruiting",
    "withdrawn",
    "completed",
    "terminated",
    "suspended",
    "ended",
    "closed",
    "halted",
    "no longer available",
    "withheld",
    "temporarily not available",
)


def status_words(trial: Trial) -> str:
    """The registry status in plain lower-case words ("ACTIVE_NOT_RECRUITING" -> "active, ...")."""
    raw = (trial.status or "").strip().lower().replace("_", " ")
    return raw.replace("active not recruiting", "active, not recruiting")


def is_recruiting(trial: Trial) -> bool:
    """True unless the trial's status says it takes no new people (a missing status is open)."""
    words = status_words(trial)
    if "not yet recruiting" in words:
        return True
    return not any(word in words for word in CLOSED_WORDS)
