"""Assessing every trial in scope each turn, incrementally: only what the new facts touch.

The engine keeps, per conversation and in memory only, the facts and assessments of its last
turn. The next turn diffs the facts and asks the rules to re-check only the criteria that read a
changed fact. The snapshot is a cache: a missing or stale one (another process handled the
conversation) still gives exact results, because the diff is taken against the snapshot itself.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from trialbot.dialog.rules import EligibilityRules
from trialbot.domain.criteria import TrialAssessment
from trialbot.domain.facts import Profile
from trialbot.domain.trial import Trial

MAX_SNAPSHOTS = 4096


@dataclass
class _Snapshot:
    profile: dict[str, Any]
    today: dt.date
    assessments: dict[str, tuple[int, TrialAssessment]]


def changed_facts(before: Profile, after: Profile) -> frozenset[str]:
    """Facts added, removed or given another value (or type) between two profiles."""
    changed = set(before.keys() ^ after.keys())
    for fact_id in before.keys() & after.keys():
        old, new = before[fact_id], after[fact_id]
        if old != new or type(old) is not type(new):
            changed.add(fact_id)
    return frozenset(changed)


class ScopeAssessor:
    """Assessments of the trials in scope, reusing the conversation's previous turn."""

    def __init__(self, rules: EligibilityRules) -> None:
        self.rules = rules
        self._incremental = hasattr(rules, "reassess") and hasattr(rules, "version")
        self._snapshots: OrderedDict[str, _Snapshot] = OrderedDict()
        self._lock = threading.Lock()

    def assess(
        self, trials: list[Trial], profile: Profile, today: dt.date, key: str | None = None
    ) -> dict[str, TrialAssessment]:
        """trial id -> assessment for every trial given."""
        if not self._incremental or key is None:
            return {t.id: self.rules.assess(t, profile, today) for t in trials}
        rules: Any = self.rules
        with self._lock:
            previous = self._snapshots.get(key)
        usable = previous is not None and previous.today == today
        changed = changed_facts(previous.profile, profile) if previous and usable else frozenset()
        result: dict[str, TrialAssessment] = {}
        versions: dict[str, tuple[int, TrialAssessment]] = {}
        for trial in trials:
            before = previous.assessments.get(trial.id) if previous and usable else None
            if before is not None:
                assessment = rules.reassess(trial, profile, today, before, changed)
            else:
                assessment = rules.assess(trial, profile, today)
            result[trial.id] = assessment
            versions[trial.id] = (rules.version(trial), assessment)
        self._keep(key, _Snapshot(dict(profile), today, versions))
        return result

    def _keep(self, key: str, snapshot: _Snapshot) -> None:
        with self._lock:
            self._snapshots[key] = snapshot
            self._snapshots.move_to_end(key)
            while len(self._snapshots) > MAX_SNAPSHOTS:
                self._snapshots.popitem(last=False)

    def forget(self, key: str) -> None:
        """Drop a conversation's snapshot (after /forget)."""
        with self._lock:
            self._snapshots.pop(key, None)
