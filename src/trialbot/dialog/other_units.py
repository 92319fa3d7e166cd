"""A number said in another unit than its fact is asked in: "I weigh 150 lbs", "165 pounds", "11
stone 4" to a weight asked in kilograms (and "5 foot 6" to a length in centimetres).

The unit words are data (`other_units` in prompts/answer_topics.yaml: pint unit names, the words
people write after a number, the unit of a second number right after it, words that make the
number something else, "it cost 50 pounds"); the conversion is pint's (`eligibility.units`).
What is converted is read back before it counts, with the words the person used
("the weight: 68 kg (150 lb)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from trialbot.dialog.numbers import Number, find_numbers
from trialbot.eligibility.units import UnitError, convert
from trialbot.prompts import load_prompts


@dataclass(frozen=True)
class Converted:
    """One quantity found in a text: its value in the wanted unit, and as the person said it."""

    value: float  # in the fact's own unit
    said: str  # "150 lb", "11 stone 4 lb"
    start: int
    end: int


@dataclass(frozen=True)
class _Unit:
    name: str  # pint's name
    into: frozenset[str]  # the fact units it is converted into
    words: re.Pattern[str]  # matches at the start of the text after the number
    then: str | None
    not_with: re.Pattern[str] | None
    shown: str  # how the read-back names it


_SHOWN = {"pound": "lb", "stone": "stone", "foot": "ft", "inch": "in"}


def _after(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\s*(?:{alternatives})(?![a-z])")


def _anywhere(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alternatives})(?![a-z])")


@lru_cache(maxsize=1)
def _units() -> dict[str, _Unit]:
    raw = load_prompts("answer_topics").get("other_units") or {}
    return {
        str(name): _Unit(
            name=str(name),
            into=frozenset(str(u).lower() for u in spec.get("into") or []),
            words=_after([str(w) for w in spec.get("words") or []]),
            then=str(spec["then"]) if spec.get("then") else None,
            not_with=_anywhere([str(w) for w in spec.get("not_with") or []]),
            shown=_SHOWN.get(str(name), str(name)),
        )
        for name, spec in raw.items()
    }


def _unit_after(text: str, number: Number) -> tuple[_Unit, int] | None:
    """The other unit written right after `number`, and where its word ends."""
    for unit in _units().values():
        found = unit.words.match(text, number.end)
        if found and not _ordinal(text, number, found.end()):
            return unit, found.end()
    return None


def _ordinal(text: str, number: Number, end: int) -> bool:
    """True for "1st", "21st": an ordinal, not stones."""
    written = text[number.start : end]
    return re.fullmatch(r"(?:\d*[02-9])?1st", written) is not None


def in_other_unit(text: str, wanted: str | None) -> list[Converted]:
    """Every quantity of `text` (normalized, lower case) said in a unit pint converts into
    `wanted`, converted ("150 lbs" -> 68.04 for "kg"); [] when `wanted` is None or nothing is."""
    if not wanted or not any(wanted.lower() in u.into for u in _units().values()):
        return []
    numbers = find_numbers(text)
    found: list[Converted] = []
    skip = -1
    for index, number in enumerate(numbers):
        if index <= skip:
            continue
        after = _unit_after(text, number)
        if after is None:
            continue
        unit, end = after
        if wanted.lower() not in unit.into:
            continue  # "150 lbs" to a length: pint is not asked
        if unit.not_with is not None and unit.not_with.search(text):
            continue  # "it cost 50 pounds"
        try:
            value = convert(number.value, unit.name, wanted)
        except UnitError:
            continue  # another dimension: "150 lbs" to a length
        said = f"{_tidy(number.value)} {unit.shown}"
        second = numbers[index + 1] if index + 1 < len(numbers) else None
        small = _units().get(unit.then or "")
        if second is not None and small is not None and _joined(text, end, second):
            small_after = _unit_after(text, second)
            if small_after is None or small_after[0] is small:  # "11 stone 4", "11 st 4 lb"
                value += convert(second.value, small.name, wanted)
                said += f" {_tidy(second.value)} {small.shown}"
                end = small_after[1] if small_after else second.end
                skip = index + 1
        found.append(Converted(value, said, number.start, end))
    return found


def _joined(text: str, end: int, second: Number) -> bool:
    """True when only spaces or "and" stand between a unit word and the next number."""
    return re.fullmatch(r"\s*(?:and\s+)?", text[end : second.start]) is not None


def only_quantity(text: str, converted: list[Converted]) -> Converted | None:
    """The one quantity converted when `text` gives no other number ("I weigh 150 lbs"), else
    None ("150 lbs or 160 lbs", "I'm 40 and 150 lbs")."""
    if len(converted) != 1:
        return None
    one = converted[0]
    inside = all(one.start <= n.start and n.end <= one.end for n in find_numbers(text))
    return one if inside else None


def _tidy(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def rounded(value: float) -> int | float:
    """A converted value as stored: one decimal, whole numbers as int (68.0388 -> 68)."""
    kept = round(value, 1)
    return int(kept) if kept.is_integer() else kept
