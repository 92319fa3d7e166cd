"""Reads when something happened: "3 months ago", "last March", "2025-10-01", "in 2024"."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from trialbot.dialog.numbers import find_numbers
from trialbot.prompts import load_prompts

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC_RE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_DAY_MONTH_YEAR_RE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?,?\s+(\d{{4}})\b"
)
_MONTH_DAY_YEAR_RE = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
)
_MONTH_YEAR_RE = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(?:of\s+)?(\d{{4}})\b")
# "may" is a month only after a word that makes it one ("in May", "last May").
_MONTH_ONLY_RE = re.compile(
    rf"\b(?!may\b)({_MONTH_RE})\b|\b(?:in|last|since|early|late|mid|this|of)\s+(may)\b"
)
_YEAR_RE = re.compile(r"\b(19\d\d|20\d\d)\b")
_AGO_RE = re.compile(r"\b(day|week|month|year)s?\b(?:\s+\w+){0,2}?\s+(ago|back|before)\b")
# A duration since the event ("3 weeks since his last chemo", "a month now since"): only when
# what follows "since" dates nothing itself ("two months since march" is no last time).
_SINCE_RE = re.compile(
    r"\b(day|week|fortnight|month|year)s?\b(?:\s+(?:now|already|or so|or more))?\s+since\b"
)
_UNIT_RE = re.compile(r"\b(day|week|fortnight|month|year)s?\b")
# Short forms of the units as people type them ("5 wks ago", "3 mos back", "2 yrs ago").
_SHORT_UNITS = re.compile(
    r"(?<=\d)\s*(?:(wk|wks)|(mo|mos|mth|mths|mnth|mnths)|(yr|yrs)|(dy|dys))\b"
    r"|\b(?:(wk|wks)|(mo|mos|mth|mths|mnth|mnths)|(yr|yrs)|(dy|dys))\b(?=\s+(?:ago|back|before)\b)"
)
_SHORT_NAMES = ("weeks", "months", "years", "days")
_RELATIVE = {
    "today": dt.timedelta(0),
    "this morning": dt.timedelta(0),
    "tonight": dt.timedelta(0),
    "yesterday": dt.timedelta(days=1),
    "last night": dt.timedelta(days=1),
    "last week": dt.timedelta(weeks=1),
    "last weekend": dt.timedelta(weeks=1),
    "a fortnight ago": dt.timedelta(weeks=2),
}
_FUZZY_COUNTS = {"a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "several": 4}


def shift_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (negative) or later, clamped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _explicit_date(text: str) -> dt.date | None:
    """A full date written out: ISO, 01.10.2025, 1 October 2025, October 1, 2025."""
    if match := _ISO_RE.search(text):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC_RE.search(text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if first <= 12 < second:  # month first (US style) only when it cannot be a day first
            return _safe_date(year, first, second)
        return _safe_date(year, second, first)
    if match := _DAY_MONTH_YEAR_RE.search(text):
        return _safe_date(int(match[3]), _MONTHS[match[2]], int(match[1]))
    if match := _MONTH_DAY_YEAR_RE.search(text):
        return _safe_date(int(match[3]), _MONTHS[match[1]], int(match[2]))
    if match := _MONTH_YEAR_RE.search(text):
        return _safe_date(int(match[2]), _MONTHS[match[1]], 15)
    return None


_DAY_MONTH_RE = re.compile(
    rf"\b(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b"
    rf"|\b(?!may\s+\d{{1,2}}\b(?!st|nd|rd|th))({_MONTH_RE})\.?\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"(?!\s*(?:day|week|month|year|mg|kg|:|\d))"
)


def _day_month(text: str, today: dt.date) -> dt.date | None:
    """A day and a month without a year ("the 19th of November", "November 19th"): the most
    recent such day not after today (dateparser reads it, as of `today`)."""
    import dateparser

    match = _DAY_MONTH_RE.search(text)
    if match is None:
        return None
    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": dt.datetime.combine(today, dt.time()),
        "REQUIRE_PARTS": ["day", "month"],
    }
    found = dateparser.parse(match[0], languages=["en"], settings=settings)
    if found is None:
        return None
    day = found.date()
    return day if day <= today else _safe_date(day.year - 1, day.month, day.day)


def _ago(text: str, today: dt.date) -> dt.date | None:
    """ "3 months ago", "two weeks back", "a year ago", "a few days ago", and the same said as a
    time since ("it's been 3 weeks since his last chemo")."""
    match = _AGO_RE.search(text) or _since(text, today)
    if not match:
        return None
    before = text[: match.end(1)]
    numbers = find_numbers(before)
    count: float | None = numbers[-1].value if numbers else None
    if count is None:
        count = next((n for phrase, n in _FUZZY_COUNTS.items() if phrase in before), None)
    if count is None and re.search(r"\b(a|an|one)\s+(day|week|fortnight|month|year)", before):
        count = 1
    if count is None:
        return None
    return _minus(today, int(count), match[1])


def _since(text: str, today: dt.date) -> re.Match[str] | None:
    """The duration said before "since" when what follows names no date of its own."""
    match = _SINCE_RE.search(text)
    if match is None:
        return None
    rest = text[match.end() :]
    if _explicit_date(rest) or season_date(rest, today) or _last_period(rest, today):
        return None
    return match


def _minus(today: dt.date, count: int, unit: str) -> dt.date:
    if unit == "day":
        return today - dt.timedelta(days=count)
    if unit == "week":
        return today - dt.timedelta(weeks=count)
    if unit == "fortnight":
        return today - dt.timedelta(weeks=2 * count)
    if unit == "month":
        return shift_months(today, -count)
    return shift_months(today, -12 * count)


def _last_period(text: str, today: dt.date) -> dt.date | None:
    """ "last month", "last year", "last March", "in March", "in 2024"."""
    if match := re.search(r"\blast (month|year)\b", text):
        return _minus(today, 1, match[1])
    if match := _MONTH_ONLY_RE.search(text):
        name = match[1] or match[2]
        month = _MONTHS[name]
        strict = bool(re.search(rf"\blast\s+{re.escape(name)}\b", text))
        year = (
            today.year
            if month < today.month or (month == today.month and not strict)
            else today.year - 1
        )
        return min(dt.date(year, month, 15), today)
    if match := _YEAR_RE.search(text):
        year = int(match[1])
        return dt.date(year, 7, 1) if year < today.year else dt.date(year, 1, 1)
    return None


def _long_units(text: str) -> str:
    """ "5 wks ago" -> "5 weeks ago": the short forms of units written out."""

    def name(match: re.Match[str]) -> str:
        index = next(i for i, group in enumerate(match.groups()) if group) % 4
        return " " + _SHORT_NAMES[index]

    return _SHORT_UNITS.sub(name, text)


@lru_cache(maxsize=1)
def _seasons() -> dict[str, int]:
    """season -> the month in its middle (`seasons` in prompts/answer_topics.yaml)."""
    raw = load_prompts("answer_topics").get("seasons") or {}
    return {str(k).lower(): int(v) for k, v in raw.items()}


def _season_re() -> re.Pattern[str]:
    names = "|".join(sorted(map(re.escape, _seasons()), key=len, reverse=True)) or "(?!x)x"
    return re.compile(
        rf"\b(?:(last|this|past|previous)\s+|(?:in|during|over)\s+(?:the\s+)?)?({names})\b"
        r"(?:\s+(?:of\s+)?(\d{4})\b)?"
    )


def season_said(text: str) -> str | None:
    """The words naming a season as a time ("last spring"), None when none does."""
    match = _season_re().search(text.lower())
    return match[0] if match else None


def season_date(text: str, today: dt.date) -> dt.date | None:
    """The middle of a season said as a time ("last spring", "in the summer", "winter 2025"),
    the most recent one not after today ("last" a year earlier when the season is now); None
    when no season is said."""
    match = _season_re().search(text.lower())
    if match is None:
        return None
    month = _seasons()[match[2]]
    if match[3]:
        year = int(match[3])
        return min(dt.date(year, month, 15), today)
    middle = dt.date(today.year, month, 15)
    if middle > today:
        middle = dt.date(today.year - 1, month, 15)
    season_now = abs((today - middle).days) <= 45
    if match[1] in ("last", "previous") and season_now:
        middle = dt.date(middle.year - 1, month, 15)
    return middle


def read_date(text: str, today: dt.date) -> dt.date | None:
    """The date a free-text answer refers to, or None when it names no date."""
    lowered = _long_units(text.lower().strip())
    for phrase, delta in _RELATIVE.items():
        if re.search(rf"\b{phrase}\b", lowered):
            return today - delta
    readers = (
        _explicit_date,
        lambda t: _day_month(t, today),
        lambda t: _ago(t, today),
        lambda t: season_date(t, today),  # before "in 2025": "winter 2025" is its middle
        lambda t: _last_period(t, today),
    )
    for reader in readers:
        found = reader(lowered)
        if found is not None:
            return found
    return None


def mentions_time_unit(text: str) -> bool:
    """True when the text talks about days, weeks, months or years."""
    return bool(_UNIT_RE.search(_long_units(text.lower())))
