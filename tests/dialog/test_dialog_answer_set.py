"""The answer reader over 300+ free-text answers written the way patients and parents type."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from trialbot.dialog.answers import read_answer
from trialbot.dialog.texts import Texts
from trialbot.domain.facts import NEVER, UNKNOWN, FactSpec, FactValue

ANSWERS = Path(__file__).parent / "data" / "free_text_answers.yaml"
TODAY = dt.date(2026, 11, 21)
_AGO = re.compile(r"^-(\d+)([dwmy])$")
_DAYS = {"d": 1, "w": 7, "m": 30.4, "y": 365.25}


@dataclass
class Case:
    fact: str
    text: str
    expected: object  # None: must not be understood


@dataclass
class Figures:
    total: int
    correct: int
    misread: list[str]  # a definite value other than the expected one: could wrongly exclude

    @property
    def understood(self) -> float:
        return self.correct / self.total


def _cases() -> list[Case]:
    raw = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    return [
        Case(fact, str(text), expected) for fact, rows in raw.items() for text, expected in rows
    ]


def _specs() -> dict[str, FactSpec]:
    from trialbot.eligibility import fact_specs

    return Texts().with_synonyms(fact_specs())


def _normal(expected: object) -> object:
    """The expected value in the profile's own form (yes -> True, "-10d" -> a date span)."""
    if expected is True or expected == "yes":
        return True
    if expected is False or expected == "no":
        return False
    return expected


def _same(expected: object, read: FactValue) -> bool:
    expected = _normal(expected)
    if isinstance(expected, str) and (match := _AGO.match(expected)):
        days = int(match[1]) * _DAYS[match[2]]
        try:
            got = (TODAY - dt.date.fromisoformat(str(read))).days
        except ValueError:
            return False
        return abs(got - days) <= max(4, days * 0.25)
    if isinstance(expected, str) and re.fullmatch(r"\d{4}-\d{2}", expected):
        return str(read)[:7] == expected
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return isinstance(read, int | float) and not isinstance(read, bool) and read == expected
    return read == expected or str(read) == str(expected)


def measure() -> Figures:
    """Read every case as the dialog does and count correct readings and misreadings."""
    specs = _specs()
    correct, misread = 0, []
    cases = _cases()
    for case in cases:
        reading = read_answer(specs[case.fact], case.text, TODAY, specs)
        value = reading.facts.get(case.fact) if reading.ok else None
        if value is None:
            correct += case.expected is None
            continue
        if case.expected is not None and _same(case.expected, value):
            correct += 1
        elif value != UNKNOWN and not (value == NEVER and case.expected is None):
            misread.append(f"{case.fact}: {case.text!r} -> {value!r} (expected {case.expected!r})")
    return Figures(len(cases), correct, misread)


@pytest.fixture(scope="module")
def figures() -> Figures:
    """The reader's figures over the whole answer set (read once)."""
    return measure()


def test_the_answer_set_is_large() -> None:
    """At least 300 answers are in the set, each for a fact the vocabulary knows."""
    cases = _cases()
    specs = _specs()
    assert len(cases) >= 300
    assert all(case.fact in specs for case in cases)


def test_no_answer_is_misread_into_a_value(figures: Figures) -> None:
    """No free-text answer is read as a definite value other than the one it means."""
    assert figures.misread == []


def test_at_least_nine_answers_in_ten_are_understood(figures: Figures) -> None:
    """At least 90 % of the answers get exactly their expected reading (or are re-asked)."""
    assert figures.understood >= 0.9, f"{figures.correct}/{figures.total}"


if __name__ == "__main__":
    found = measure()
    print(f"answers: {found.total}  understood: {found.correct} ({found.understood:.1%})")
    print(f"misread into a wrong definite value: {len(found.misread)}")
    for line in found.misread:
        print("  " + line)
