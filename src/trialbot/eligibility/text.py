"""Text helpers for reading criteria: normalizing symbols, numbers, comparators and time windows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_REPLACEMENTS = (
    # "Age >/= 18 years", "bilirubin </= 1.5 x ULN": the slashed comparators
    (">/=", ">="),
    ("</=", "<="),
    ("\\<", "<"),
    ("\\>", ">"),
    ("\\=", "="),
    ("\\", ""),
    ("≥", ">="),
    ("≤", "<="),
    ("=>", ">="),
    ("=<", "<="),
    ("&gt;", ">"),
    ("&lt;", "<"),
    ("＞", ">"),
    ("＜", "<"),
    ("\u2019", "'"),
    ("–", "-"),
    ("—", "-"),
)
_SPACE = re.compile(r"\s+")

_UNIT_DAYS = {"d": 1, "h": 1 / 24, "w": 7, "m": 30.4, "y": 365.25}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fourteen": 14, "eighteen": 18, "twenty": 20,
}  # fmt: skip
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
DURATION = re.compile(
    _NUM + r"\s*(?:-|to)?\s*(?:\(\d+\)\s*)?"
    r"(days?|d\b|weeks?|wks?|w\b|months?|mos?\b|years?|yrs?|y\b|hours?|hrs?|h\b)(?![a-z])",
)
_AT_LEAST = re.compile(
    r"(?:at least|>=|>|more than|greater than|longer than|minimum of|a minimum|no less than|"
    r"over|beyond|after)\s*(?:the\s*)?$",
)
_SINCE_AFTER = re.compile(r"^\s*(?:have\s+)?(?:elapsed|passed|must have|since|free)")
# "no more than 12 weeks after the last dose": an upper bound, the opposite of a minimum gap
_NOT_AT_LEAST = re.compile(r"\b(?:no|not)\s+(?:more|longer|greater|later)\s+than\s*(?:the\s*)?$")
# A washout is a minimum gap since the last dose: "an 8-week washout period", "a washout period
# of 4 weeks", "an 8-week or 28-week, respectively, washout period" (each window of the list).
_WASHOUT_AFTER = re.compile(
    r"(?:\s*(?:,|or|and)\s*(?:or\s+)?\d+(?:\.\d+)?\s*-?\s*(?:days?|weeks?|months?))*"
    r"\s*,?\s*(?:respectively\s*,?\s*)?(?:washout|wash-out)\b"
)
_WASHOUT_BEFORE = re.compile(r"\b(?:washout|wash-out)(?: period)?(?: of)?\s*$")


# The time between two measurements ("two PSA values at least 1 week apart", "a second
# measurement >= 3 weeks apart"): how far apart the tests are, never how recent anything is.
_APART = re.compile(r"\s*(?:\(\d+\s*\w+\)\s*)?apart\b")


@dataclass(frozen=True)
class Window:
    """A time window read from text: `days`, whether it is a minimum gap ("at least N"), and
    whether it is written as an upper bound ("no more than N weeks after")."""

    days: int
    at_least: bool
    start: int
    words: str
    at_most: bool = False


_LINK = re.compile(
    r"\bhttps?://[^\s)\]]*(?:\([^\s()]*\)[^\s)\]]*)*|\bwww\.[^\s)\]]+", re.IGNORECASE
)


def normalize(text: str) -> str:
    """One-line text with markdown escapes removed and symbols made ASCII (≥ -> >=)."""
    for old, new in _REPLACEMENTS:
        text = text.replace(old, new)
    text = _LINK.sub(" ", text)  # a web address asks nothing ("%2D" in it is no 2-day window)
    return _SPACE.sub(" ", text).strip()


def to_number(word: str) -> float:
    """A number written in digits or as a small number word."""
    word = word.lower()
    return float(_NUMBER_WORDS[word]) if word in _NUMBER_WORDS else float(word)


@lru_cache(maxsize=64)
def windows(text: str) -> tuple[Window, ...]:
    """Every time window in the text, in order (kept for the last texts: read once per text)."""
    found = []
    for match in DURATION.finditer(text):
        if _APART.match(text, match.end()):
            continue  # "confirmed by a second measurement >= 3 weeks apart": a spacing, no window
        amount = to_number(match.group(1))
        unit = match.group(2).lower()[0]
        unit = "m" if unit == "m" and not match.group(2).lower().startswith("mi") else unit
        days = round(amount * _UNIT_DAYS[unit])
        before = text[max(0, match.start() - 25) : match.start()]
        after = text[match.end() : match.end() + 20]
        at_most = bool(_NOT_AT_LEAST.search(before))
        at_least = not at_most and (
            bool(_AT_LEAST.search(before))
            or bool(_SINCE_AFTER.match(after))
            or bool(_WASHOUT_BEFORE.search(before))
            or bool(_WASHOUT_AFTER.match(text, match.end(), match.end() + 80))
        )
        found.append(Window(days, at_least, match.start(), match.group(0), at_most))
    return tuple(found)


_OWN_BRACKET_BEFORE = re.compile(r"\s*\(\s*")


def nearest_window(text: str, position: int, reach: int = 250) -> Window | None:
    """The time window that belongs to a phrase at `position`: the next one after it, or else the
    nearest one before it, within `reach` characters and not across a sentence end."""
    best: Window | None = None
    found = windows(text)
    for window in found:
        # "within 7 days (PPIs) or 12 hours (H2 antagonists)": a term in the bracket right after
        # a window names what that window is for
        if _OWN_BRACKET_BEFORE.fullmatch(text, window.start + len(window.words), position):
            return window
    for window in found:
        gap = window.start - position
        between = text[min(position, window.start) : max(position, window.start)]
        if abs(gap) > reach or re.search(r"(?<!e\.g)(?<!i\.e)[.;]\s", between):
            continue
        if (
            best is None
            or (gap >= 0 > best.start - position)
            or abs(gap) < abs(best.start - position)
        ):
            best = window
    return best


_CMP_WORDS = (
    (r">=|>\s*or\s*equal(?: to)?|at least|no less than|greater than or equal to|"
     r"equal to or (?:greater|more) than|(?:equal|equals) or (?:greater|more) (?:to|than)|"
     r"or (?:more|greater|higher|above)|minimum(?: of)?|at or above", ">="),
    (r"<=|<\s*or\s*equal(?: to)?|at most|no more than|less than or equal to|"
     r"equal to or less than|(?:equal|equals) or (?:less|lower) (?:to|than)|or less|"
     r"or (?:lower|below)|maximum(?: of)?|up to|not exceeding|at or below", "<="),
    (r">|greater than|more than|higher than|above|over|exceeding|exceeds|longer than|"
     r"older than|(?:over|above) (?:the )?age(?: of)?", ">"),
    (r"<|less than|lower than|below|under|fewer than|shorter than|younger than|"
     r"(?:under|below) (?:the )?age(?: of)?", "<"),
)  # fmt: skip
_CMP_RES = [(re.compile(rf"(?:{words})\s*$"), op) for words, op in _CMP_WORDS]


def comparator_before(prefix: str) -> str | None:
    """The comparator written right before a number ("at least", ">=", "less than"...)."""
    prefix = prefix.rstrip(" :(")
    for pattern, op in _CMP_RES:
        if pattern.search(prefix):
            return op
    return None


def comparator_after(suffix: str) -> str | None:
    """A comparator written after a number ("18 years or older", "65 or less")."""
    suffix = suffix.lower()
    if re.match(r"^[^,;.]{0,25}\b(?:or|and) (?:older|over|above|greater|more|higher)", suffix):
        return ">="
    if re.match(r"^[^,;.]{0,25}\b(?:or|and) (?:younger|under|below|less|lower|fewer)", suffix):
        return "<="
    return None


def flip(op: str) -> str:
    """The comparator that holds when `op` does not."""
    return {">": "<=", ">=": "<", "<": ">=", "<=": ">", "==": "=="}[op]
