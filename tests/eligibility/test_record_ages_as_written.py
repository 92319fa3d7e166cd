"""Ages as the registry wrote them: every corpus record whose age limit is in days, weeks or months.

The evaluation set is fixed by the corpus itself (every `minimumAge`/`maximumAge` not in years),
written before the change: limits are kept as written, said as written, and compared exactly with
an answer given in the same unit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from trialbot.dialog.readers import as_fact_number, read_number
from trialbot.domain.checker import evaluate
from trialbot.domain.trial import Trial
from trialbot.eligibility.record import record_criteria
from trialbot.sources.readers import read_document

TODAY = dt.date(2026, 12, 1)
_STEP = {"days": 1, "weeks": 1, "months": 1}


def _written_ages(corpus_dir: Path, full_corpus_dir: Path) -> list[tuple[Path, str, str]]:
    """(file, field, text) for every age limit the corpus writes in a unit other than years."""
    found = []
    for folder in (corpus_dir, full_corpus_dir):
        for path in sorted(folder.glob("*.json")):
            text = path.read_text(encoding="utf-8")
            for field, value in re.findall(r'"(minimumAge|maximumAge)":\s*"([^"]*)"', text):
                if not re.search(r"(?i)year", value):
                    found.append((path, field, value))
    return found


def _trial(path: Path) -> Trial:
    (trial,) = read_document(path)
    return trial


def _age_status(trial: Trial, answer: str) -> str:
    """The record-age criterion's status for a patient who answered `answer`."""
    (criterion,) = [c for c in record_criteria(trial) if c.id == "record-age"]
    value = read_number(answer, "years")
    assert value is not None
    return evaluate(criterion, {"age_years": as_fact_number(value)}, TODAY).status


def test_corpus_has_ages_in_days_weeks_and_months(corpus_dir: Path, full_corpus_dir: Path) -> None:
    """The evaluation set is not empty: the corpus writes ages in months, weeks and days."""
    units = {
        value.split()[1].lower().rstrip("s")
        for _, _, value in _written_ages(corpus_dir, full_corpus_dir)
    }
    assert {"month", "week", "day"} <= units


def test_age_limits_are_kept_said_and_compared_as_written(
    corpus_dir: Path, full_corpus_dir: Path
) -> None:
    """For every limit in days/weeks/months: the record keeps value and unit, the criterion says
    it that way (never "0.0767 years"), and an answer at the limit in that unit is met while one
    unit beyond it is not."""
    checked = 0
    for path, field, written in _written_ages(corpus_dir, full_corpus_dir):
        trial = _trial(path)
        number, unit = written.split()
        value, unit = (
            float(number),
            unit.lower() if unit.lower().endswith("s") else unit.lower() + "s",
        )
        limit = trial.min_age if field == "minimumAge" else trial.max_age
        assert limit is not None and (limit.value, limit.unit) == (value, unit), path.name
        (criterion,) = [c for c in record_criteria(trial) if c.id == "record-age"]
        shown = f"{int(value)} {unit if value != 1 else unit[:-1]}"
        assert shown in criterion.text, (path.name, criterion.text)
        assert not re.search(r"\d\.\d{3}", criterion.text), criterion.text
        at_limit = f"{int(value)} {unit} old"
        beyond = f"{int(value) + (1 if field == 'maximumAge' else -1)} {unit} old"
        assert _age_status(trial, at_limit) == "met", (path.name, at_limit)
        assert _age_status(trial, beyond) == "not_met", (path.name, beyond)
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    ("said", "days"),
    [("he is 200 days old", 200), ("20 days old", 20), ("6 weeks", 42), ("3 wks old", 21)],
)
def test_ages_answered_in_days_and_weeks_are_read_as_such(said: str, days: int) -> None:
    """An age given in days or weeks is that many days, not that many years."""
    value = read_number(said, "years")
    assert value == pytest.approx(days / 365.25)


def test_newborn_trial_reason_says_days_not_fractions_of_years() -> None:
    """A "2 Weeks to 28 Days" trial reads "20 days old" as eligible by age and says why in days."""
    trial = Trial.model_validate(
        {
            "id": "NCT00000000",
            "registry": "ctgov",
            "title": "newborns",
            "min_age": {"value": 2, "unit": "weeks"},
            "max_age": {"value": 28, "unit": "days"},
            "min_age_years": 14 / 365.25,
            "max_age_years": 28 / 365.25,
        }
    )
    (criterion,) = record_criteria(trial)
    assert criterion.text == "Age 2 weeks to 28 days (from the registry record)"
    assert _age_status(trial, "20 days old") == "met"
    outcome = evaluate(criterion, {"age_years": as_fact_number(40 / 365.25)}, TODAY)
    assert outcome.status == "not_met"
    assert "at most 28 days" in outcome.reason and "40 days" in outcome.reason
    assert json.dumps(outcome.reason).count("0.0") == 0


def test_record_answers_and_trial_summary_say_ages_as_written(
    corpus_dir: Path, full_corpus_dir: Path
) -> None:
    """The retrieval answer about ages and `trials show` say "4 weeks", "6 months" as written."""
    from trialbot.cli.trials import _age_range
    from trialbot.retrieval.record import ages_text

    for path, _field, written in _written_ages(corpus_dir, full_corpus_dir):
        trial = _trial(path)
        number, unit = written.split()
        words = f"{int(float(number))} {unit.lower()}"
        assert words in ages_text(trial), (path.name, ages_text(trial))
        assert words in _age_range(trial), (path.name, _age_range(trial))
        assert not re.search(r"\d\.\d{3}", ages_text(trial) + _age_range(trial))
