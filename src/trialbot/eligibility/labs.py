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
from trialbot.eligibility.anchors import Anchored
from trialbot.eligibility.text import comparator_after, comparator_before

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)")
# "AST and ALT <= 2.5 x ULN": a name joined to the next one shares its limit.
# "AST and ALT <= 2.5 x ULN": a name joined to the next one shares its limit. So does a name
# followed by another name for the same test in brackets ("Aspartate transaminase (AST)",
# "ALT (alanine aminotransferase) and AST (...)").
_JOINED = re.compile(r"^\s*(?:and/or|and|or|/|,|&)?\s*$")
_BRACKETED = re.compile(r"\([^()\d]{0,60}\)|\[[^\[\]\d]{0,60}\]")
# (never across a limit of its own: "creatinine <= the institutional ULN (IULN) or creatinine
# clearance >= 45 mL/min" are two limits, not one name in two words)
_ALIAS = re.compile(
    r"^(?![^\d.;:]*(?:<|>|≤|≥|\bno more than\b|\bat least\b|\bwithin\b))"
    r"[^\d.;:]{0,60}(?:[(\[]|[)\]]\s*(?:and/or|and|or|/|,|&)?)\s*$"
)
_ULN = re.compile(
    r"^\s*(?:x|×|\*|times|fold)?\s*(?:the\s+)?(?:institutional\s+)?(?:uln|upper limits? of"
    r" (?:the )?normal|unl|iuln)"
)
# A number followed by a time unit is a window ("obtained <= 28 days prior", "no transfusion
# for at least 28 days"), not a limit on the measurement (only life expectancy is a time).
_TIME = re.compile(r"^\s*(?:days?|weeks?|months?|hours?|hrs?|years?)\b")
_TIMED = {"life_expectancy"}
# Who a limit is for: after the number ("<= 5 x ULN with liver metastases", "for females") or
# opening the bracket the number is in ("(if associated with liver metastases, <= 5 x ULN)",
# "(Patients with Gilbert's syndrome with a total bilirubin <= 2 x ULN ...)").
_WHO = (
    r"(females?|women|males?|men|age|"
    r"(?:(?:known |documented )?(?:liver|hepatic) metasta\w*|liver involvement|"
    r"(?:patients with |participants with |subjects with )?gilbert'?s(?: syndrome| disease)?)|"
    r"(?:patients|participants|subjects) with [^,;.()\[\]]{3,60})"
)
_LIVER = re.compile(r"(?:known |documented )?(?:liver|hepatic) metasta\w*|liver involvement")
# Words that end a group named after "patients with" ("... Gilbert's syndrome who must have").
_GROUP_END = re.compile(r"\s+(?:who|with a|must|is|are|may|should|and (?:direct|total))\b.*$")
_QUALIFIER = re.compile(
    r"^[^;.]{0,25}?(?:\b(?:for|in|with|if) |\((?:for |in |if )?)"
    r"(?:(?:the )?presence of |associated with |case of |known |documented )?" + _WHO
)
_OPENING_QUALIFIER = re.compile(
    r"^\(\s*(?:(?:for|in|with|if) )?(?:(?:the )?presence of |associated with |known |"
    r"documented )?" + _WHO
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


@cache
def _measures() -> Anchored:
    """The measures pattern behind its anchor test (most criteria with a number name none)."""
    return Anchored(_rules()[0])


def _unit(after: str) -> str | None:
    if _ULN.match(after):
        return "x ULN"
    _, units = _rules()
    for pattern, unit in units:
        if pattern.match(after):
            return unit
    return None


def _who(word: str) -> str:
    if word.startswith(("female", "women")):
        return "female"
    if word.startswith(("male", "men")):
        return "male"
    if "gilbert" in word:
        return "gilbert's syndrome"
    if re.fullmatch(r"(?:known |documented )?(?:liver|hepatic) metasta\w*|liver involvement", word):
        return "liver metastases"
    group = _GROUP_END.sub("", re.sub(r"^(?:patients|participants|subjects) with ", "", word))
    if re.fullmatch(
        r"(?:known |documented )?(?:liver|hepatic) metasta\w*|liver involvement", group
    ):
        return "liver metastases"
    return group.strip()


def _applies_to(after: str) -> str | None:
    """Who the limit just read is for, from the words after it up to the next number; never a
    group named in a bracket that goes on to a limit of its own."""
    following = _NUMBER.search(after)
    own = after[: following.start()] if following else after
    match = _QUALIFIER.match(own)
    if not match:
        return None
    if re.search(r"\b(?:except|unless|other than|excluding)\b", own[: match.start(1)]):
        return None  # "<= 2.0 mg/dL, except in patients with Gilbert's syndrome"
    opened = own.count("(", 0, match.start(1)) > own.count(")", 0, match.start(1))
    if opened and ")" not in own[match.end(1) :]:
        # "(if associated with liver metastases, <= 5 x ULN)", "(Patients with Gilbert's
        # syndrome with a total bilirubin <= 2 x ULN)": the group of the limit in the bracket
        return None
    return _who(match.group(1))


def _opening(low: str, position: int) -> str | None:
    """The group named where the bracket around `position` opens, if any."""
    start = low.rfind("(", max(0, position - 90), position)
    if start == -1 or ")" in low[start:position]:
        return None
    match = _OPENING_QUALIFIER.match(low[start:position])
    if not match:
        return None
    # "(if associated with liver metastases or Gilbert's disease, <= 3 x ULN)": both groups
    groups = [_who(m.group(1)) for m in re.finditer(_WHO, low[start + match.start(1) : position])]
    return " or ".join(dict.fromkeys(groups))


def _joined(between: str) -> bool:
    """Whether two names with `between` them name one limit together: joined by "and", "or",
    "/", or the second in brackets after the first ("(AST)(serum glutamic oxaloacetic
    transaminase [SGOT])/alanine aminotransferase (ALT)")."""
    if _JOINED.match(re.sub(r"[()\[\]]", " ", _BRACKETED.sub(" ", between))):
        return True
    return bool(_ALIAS.match(between))


def read_thresholds(low: str) -> list[Threshold]:
    """Every limit set on a named measurement, in text order (lowercased, normalized text)."""
    if not _DIGIT.search(low):
        return []
    named = [(m.start(), m.end(), str(m.lastgroup)) for m in _measures().finditer(low)]
    found: list[Threshold] = []
    for index, (_, end, name) in enumerate(named):
        stop = named[index + 1][0] if index + 1 < len(named) else len(low)
        following = index + 1
        while following < len(named) and _joined(low[end : named[following][0]]):
            end = named[following][1]
            following += 1
            stop = named[following][0] if following < len(named) else len(low)
        span = low[end : min(stop, end + 140)]
        span = re.split(r";|\.\s", span)[0]
        for number in _NUMBER.finditer(span):
            before, after = span[: number.start()], span[number.end() :]
            op = comparator_before(before[-30:]) or comparator_after(after)
            if op is None or (name not in _TIMED and _TIME.match(after)):
                continue
            value = float(number.group(1).replace(",", ""))
            unit = _unit(after)
            applies_to = _applies_to(after[:100]) or _opening(low, end + number.start())
            threshold = Threshold(
                measure=name, op=op, value=value, unit=unit, applies_to=applies_to
            )
            if threshold not in found:  # "ALT (alanine aminotransferase)": one name, one limit
                found.append(threshold)
    return found
