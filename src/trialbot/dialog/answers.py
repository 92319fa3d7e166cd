"""Reads a free-text or button answer to one question into fact values (or says why it cannot)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from trialbot.dialog import readers
from trialbot.dialog.dates import read_date
from trialbot.domain.facts import NEVER, UNKNOWN, FactSpec, FactValue

Problem = Literal["unreadable", "out_of_range", "future_date", "needs_date"]

_BORN_RE = re.compile(r"\bborn\b")


@dataclass
class Reading:
    """What an answer says: facts to record, or the problem that stopped the reading."""

    facts: dict[str, FactValue] = field(default_factory=dict)
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        """True when at least one fact was read."""
        return bool(self.facts) and self.problem is None


def _failed(problem: Problem = "unreadable") -> Reading:
    return Reading(problem=problem)


def read_answer(
    spec: FactSpec,
    text: str,
    today: dt.date,
    specs: Mapping[str, FactSpec] | None = None,
) -> Reading:
    """Read `text` as the answer to the question for `spec`."""
    said = readers.normalize(text)
    if not said:
        return _failed()
    if said == UNKNOWN or readers.is_unknown(said):
        return Reading({spec.id: UNKNOWN})
    if spec.answer_type == "yes_no":
        value = readers.read_yes_no(said)
        return _failed() if value is None else Reading({spec.id: value})
    if spec.answer_type == "choice":
        choice = readers.read_choice(said, spec.choices) or _numbered_choice(spec, said)
        return _failed() if choice is None else Reading({spec.id: choice})
    if spec.answer_type == "date":
        return _read_date_answer(spec, said, today)
    return _read_number_answer(spec, said, today, specs or {})


def _numbered_choice(spec: FactSpec, said: str) -> str | None:
    """ "2" for the second choice, when the choices' own values are not numbers."""
    if not said.isdigit() or any(c.value.isdigit() for c in spec.choices):
        return None
    number = int(said)
    return spec.choices[number - 1].value if 1 <= number <= len(spec.choices) else None


def _read_date_answer(spec: FactSpec, said: str, today: dt.date) -> Reading:
    if said == NEVER:
        return Reading({spec.id: NEVER})
    found = read_date(said, today)
    if found is not None:
        if found > today:
            return _failed("future_date")
        return Reading({spec.id: found.isoformat()})
    yes_no = readers.read_yes_no(said)
    if yes_no is False:
        return Reading({spec.id: NEVER})
    if yes_no is True:
        return _failed("needs_date")
    return _failed()


def _age_from_birth(said: str, today: dt.date) -> float | None:
    """Age in years from "born in 1990" or "born 2012-05-01"."""
    if not _BORN_RE.search(said):
        return None
    found = read_date(said, today)
    if found is None or found > today:
        return None
    years = today.year - found.year - ((today.month, today.day) < (found.month, found.day))
    return float(years)


def _read_number_answer(
    spec: FactSpec, said: str, today: dt.date, specs: Mapping[str, FactSpec]
) -> Reading:
    if spec.unit and spec.unit.lower() == "mmhg":
        pressure = readers.read_blood_pressure(said)
        if pressure is not None:
            return _blood_pressure_reading(spec, pressure, specs)
    value: float | None = None
    if spec.id == "age_years":
        value = _age_from_birth(said, today)
    if value is None:
        value = readers.read_number(said, spec.unit)
    if value is None:
        # "Do you know your QTc? ..." answered "no": the number is not known (never for age).
        dont_know = not spec.knockout and readers.read_yes_no(said) is False
        return Reading({spec.id: UNKNOWN}) if dont_know else _failed()
    if not readers.number_in_range(spec, value):
        return _failed("out_of_range")
    return Reading({spec.id: readers.as_fact_number(value)})


def _blood_pressure_reading(
    spec: FactSpec, pressure: tuple[int, int], specs: Mapping[str, FactSpec]
) -> Reading:
    """Both numbers of "150/95": the one asked, and its companion fact when there is one."""
    systolic, diastolic = pressure
    facts: dict[str, FactValue] = {}
    asked_diastolic = "diastolic" in spec.id
    facts[spec.id] = diastolic if asked_diastolic else systolic
    companion_word = "systolic" if asked_diastolic else "diastolic"
    for other in specs.values():
        if other.id != spec.id and companion_word in other.id and other.answer_type == "number":
            facts[other.id] = systolic if asked_diastolic else diastolic
            break
    if not readers.number_in_range(spec, float(facts[spec.id])):
        return _failed("out_of_range")
    return Reading(facts)
