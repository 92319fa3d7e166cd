"""Ages as registries write them ("28 Days", "6 Months"): conversion to years and back to words.

Every age in years that is compared with another comes from `in_years`, so "4 weeks" said by a
patient and "28 Days" written by a registry give the very same float (no rounding anywhere).
"""

from __future__ import annotations

import re
from typing import Literal

AgeUnit = Literal["years", "months", "weeks", "days", "hours", "minutes"]
DAYS_PER_YEAR = 365.25
_DAYS_IN: dict[str, float] = {"weeks": 7.0, "days": 1.0, "hours": 1 / 24, "minutes": 1 / 1440}
_UNIT_WORDS: dict[str, AgeUnit] = {
    **dict.fromkeys(("year", "years", "yr", "yrs", "y"), "years"),
    **dict.fromkeys(("month", "months", "mo", "mos", "mth", "mths"), "months"),
    **dict.fromkeys(("week", "weeks", "wk", "wks"), "weeks"),
    **dict.fromkeys(("day", "days", "d"), "days"),
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h"), "hours"),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), "minutes"),
}
_WRITTEN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$")


def age_unit(word: str) -> AgeUnit | None:
    """The canonical unit of a unit word ("Months", "wks", "yr"), or None."""
    return _UNIT_WORDS.get(word.strip().lower())


def in_years(value: float, unit: AgeUnit) -> float:
    """`value` `unit`s in years at full precision: (28, "days") -> 0.07665982203969883."""
    if unit == "years":
        return float(value)
    if unit == "months":
        return value / 12
    return value * _DAYS_IN[unit] / DAYS_PER_YEAR


def from_years(years: float, unit: AgeUnit) -> float:
    """An age in years expressed in `unit` (the inverse of `in_years`)."""
    if unit == "years":
        return years
    if unit == "months":
        return years * 12
    return years * DAYS_PER_YEAR / _DAYS_IN[unit]


def parse_written_age(text: str | None) -> tuple[float, AgeUnit] | None:
    """'18 Years' / '6 Months' / '28 Days' -> (value, unit); 'N/A', '' or no unit -> None."""
    match = _WRITTEN.match(text or "")
    if match is None:
        return None
    unit = age_unit(match.group(2))
    return None if unit is None else (float(match.group(1)), unit)


def say_age(value: float, unit: AgeUnit) -> str:
    """Words for an age as written: (28, "days") -> "28 days", (1, "years") -> "1 year"."""
    rounded = round(float(value), 2)
    number = int(rounded) if rounded.is_integer() else rounded
    word = unit[:-1] if number == 1 else unit
    return f"{number} {word}"


def say_limit(limit: tuple[float, AgeUnit] | None, years: float | None) -> str | None:
    """An age limit as written ((28, "days") -> "28 days"), else from years, else None."""
    if limit is not None:
        return say_age(*limit)
    return None if years is None else say_age(years, "years")


def say_range(low: str | None, high: str | None) -> tuple[str | None, str | None]:
    """Both ends of an age range, "years" said once when both are in years ("5", "30 years")."""
    if low and high and low.endswith(" years") and high.endswith(" years"):
        return low.removesuffix(" years"), high
    return low, high


def say_young_age(years: float) -> str:
    """An age under two years in the unit people use: days under 8 weeks, else months."""
    days = from_years(years, "days")
    if days < 56:
        return say_age(days, "days")
    return say_age(from_years(years, "months"), "months")
