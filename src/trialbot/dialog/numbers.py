"""Reads numbers out of free text: digits ("12.5", "1,200") and English words ("twenty two")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD_RE = re.compile(r"[a-z]+")
_DIGITS_RE = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?)")


@dataclass(frozen=True)
class Number:
    """A number found in text, with where it ended (to look at the unit after it)."""

    value: float
    start: int
    end: int


def _as_number(text: str) -> float:
    """Digits with an optional decimal comma or thousands separators as a float."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def _digit_numbers(text: str) -> list[Number]:
    found = []
    for match in _DIGITS_RE.finditer(text):
        value, start = _as_number(match.group(1)), match.start(1)
        if start and text[start - 1] == "-" and (start == 1 or text[start - 2].isspace()):
            value, start = -value, start - 1  # "-3", not the "-" of "5-30"
        found.append(Number(value, start, match.end(1)))
    return found


def _word_value(words: list[str]) -> float | None:
    """The value of a run of number words like ["one", "hundred", "and", "five"]."""
    total, current, seen = 0, 0, False
    for word in words:
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word in ("and", "a", "an"):
            continue
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _word_numbers(text: str) -> list[Number]:
    """Runs of English number words, e.g. "twenty two" or "a hundred and fifty"."""
    found: list[Number] = []
    run: list[re.Match[str]] = []
    number_words = {*_SMALL, *_TENS, *_SCALES}
    for match in [*_WORD_RE.finditer(text.replace("-", " ")), None]:
        word = match.group(0) if match else ""
        if match and (
            word in number_words or (run and word == "and" and run[-1].group(0) in _SCALES)
        ):
            run.append(match)
            continue
        while run and run[-1].group(0) == "and":
            run.pop()
        if run:
            value = _word_value([m.group(0) for m in run])
            if value is not None:
                found.append(Number(value, run[0].start(), run[-1].end()))
        run = []
    return found


def find_numbers(text: str) -> list[Number]:
    """Every number in the text, in order of appearance (digits and number words)."""
    lowered = text.lower()
    numbers = _digit_numbers(lowered) + _word_numbers(lowered)
    return sorted(numbers, key=lambda number: number.start)


def tidy(value: float) -> int | float:
    """A whole float as int (35.0 -> 35), others rounded to two decimals."""
    if float(value).is_integer():
        return int(value)
    return round(value, 2)
