"""A TrialCatalog over trials held in memory (benchmarks, tests, documents read on the fly)."""

from __future__ import annotations

from collections.abc import Iterable

from trialbot.domain.trial import Trial


class MemoryCatalog:
    """The read side of a trial catalog over a list of trials."""

    def __init__(self, trials: Iterable[Trial]) -> None:
        self._trials = {t.id.lower(): t for t in trials}

    def list_trials(self) -> list[Trial]:
        """Every trial, ordered by id."""
        return sorted(self._trials.values(), key=lambda t: t.id)

    def get_trial(self, trial_id: str) -> Trial | None:
        """One trial by id (case-insensitive), or None."""
        return self._trials.get(trial_id.strip().lower())
