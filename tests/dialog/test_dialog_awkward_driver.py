"""The awkward-answer driver (`awkward_driver.py`) over the seeds: every awkward message at the
age, a yes/no and a date question finds nothing wrong (no crash, no lost fact, no fact or
read-back from nothing, a clear message, the conversation goes on, no health data logged, erase
removes everything). The script runs every question; this keeps three to stay quick."""

from __future__ import annotations

from awkward_driver import run

from trialbot.domain.trial import Trial


def test_awkward_answers_find_nothing_wrong(seeds: list[Trial]) -> None:
    report = run(seeds, targets=["age_years", "pregnant", "last_blood_clot"])
    assert report.runs > 200
    assert not report.findings, "\n".join(str(f) for f in report.findings)
