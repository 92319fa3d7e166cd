"""Measurement limits a criterion sets (blood counts, liver and kidney tests, clotting, life
expectancy, QTc, LVEF), kept as `thresholds` for the study team.

Reads "ANC >= 1.5 x 10^9/L", "AST and ALT <= 2.5 x ULN (<= 5 x ULN with liver metastases)",
"Creatinine clearance >= 60 mL/min", "x ULN for age", "QTcF > 470 ms for females, > 450 ms for
males". Names and units are data: `rules/labs.yaml`.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from trialbot.domain.criteria import Threshold
from trialbot.eligibility.text import comparator_after, comparator_before

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)")
# "AST and ALT <= 2.5 x ULN": a name joined to the next one shares its limit.
_JOINED = re.compile(r"^\s*(?:\([^()]{1,20}\)\s*)?(?:and/or|and|or|/|,|&)\s*$")
_ULN = re.compile(
    r"^\s*(?:x|×|\*|times|fold)?\s*(?:the\s+)?(?:institutional\s+)?(?:uln|upper limits? of"
    r" (?:the )?normal|unl|iuln)"
)
_QUALIFIER = re.compile(
    r"^[^;.]{0,25}?(?:\b(?:for|in|with|if) |\((?:for |in )?)(females?|women|males?|men|age|"
    r"patients with [a-z' -]{3,30}|"
    r"(?:known |documented )?liver metasta\w*|liver involvement|gilbert'?s(?: syndrome| disease)?)"
)


@cache
def _rules() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], str]]]:
    path = resources.files("trialbot.eligibility").joinpath("rules/labs.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    # One pattern, one named group per measure: a single pass over the text.
    groups = "|".join(f"(?P<{name}>{'|'.join(words)})" for name, words in data["measures"].items())
    measures = re.compile(rf"(?<![a-z0-9])(?:{groups})(?![a-z0-9])")
    units = [(re.compile(rf"^\s*(?:{pattern})"), unit) for pattern, unit in data["units"].items()]
    return measures, units


def _unit(after: str) -> str | None:
    if _ULN.match(after):
        return "x ULN"
    _, units = _rules()
    for pattern, unit in units:
        if pattern.match(after):
            return unit
    return None


def _applies_to(after: str) -> str | None:
    match = _QUALIFIER.match(after)
    if not match:
        return None
    word = match.group(1)
    if word.startswith(("female", "women")):
        return "female"
    if word.startswith(("male", "men")):
        return "male"
    return word


def read_thresholds(low: str) -> list[Threshold]:
    """Every limit set on a named measurement, in text order (lowercased, normalized text)."""
    if not _DIGIT.search(low):
        return []
    measures, _ = _rules()
    named = [(m.start(), m.end(), str(m.lastgroup)) for m in measures.finditer(low)]
    found: list[Threshold] = []
    for index, (_, end, name) in enumerate(named):
        stop = named[index + 1][0] if index + 1 < len(named) else len(low)
        following = index + 1
        while following < len(named) and _JOINED.match(low[end : named[following][0]]):
            end = named[following][1]
            following += 1
            stop = named[following][0] if following < len(named) else len(low)
        span = low[end : min(stop, end + 90)]
        span = re.split(r";|\.\s", span)[0]
        for number in _NUMBER.finditer(span):
            before, after = span[: number.start()], span[number.end() :]
            op = comparator_before(before[-30:]) or comparator_after(after)
            if op is None:
                continue
            value = float(number.group(1).replace(",", ""))
            unit, applies_to = _unit(after), _applies_to(after[:60])
            found.append(
                Threshold(measure=name, op=op, value=value, unit=unit, applies_to=applies_to)
            )
    return found
