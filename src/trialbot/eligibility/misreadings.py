"""Readings that are not what the criterion asks of the patient: a term named only as a
procedure, a relative's age, a medicine or an example; a qualifier or exception the question does
not ask; a window that belongs to another clause. Such a reading goes to the study team, so it
never flags an eligible patient's answer. The words are data: `rules/misreadings.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class _Rows:
    before: tuple[re.Pattern[str], ...] = ()
    near: tuple[re.Pattern[str], ...] = ()
    anywhere: tuple[re.Pattern[str], ...] = ()
    after: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class _Data:
    opener: re.Pattern[str]
    exempt: frozenset[str]
    never_against: frozenset[str]
    facts: dict[str, _Rows]
    narrower: dict[str, _Rows]
    distinct: tuple[frozenset[str], ...] = ()
    population: dict[str, _Rows] | None = None
    denied: re.Pattern[str] | None = None
    flips: frozenset[str] = frozenset()
    prohibition: re.Pattern[str] | None = None
    leads: tuple[re.Pattern[str], ...] = ()
    withdrawn: tuple[re.Pattern[str], ...] = ()


def _patterns(rows: object) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(str(row)) for row in rows or ()) if isinstance(rows, list) else ()


@cache
def _data() -> _Data:
    path = resources.files("trialbot.eligibility").joinpath("rules/misreadings.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    facts, narrower, population = (
        {
            str(fact): _Rows(
                _patterns(rows.get("before")), _patterns(rows.get("near")),
                _patterns(rows.get("anywhere")), _patterns(rows.get("after")),
            )
            for fact, rows in (data.get(section) or {}).items()
        }
        for section in ("facts", "narrower", "population")
    )  # fmt: skip
    return _Data(
        re.compile(str(data["conditional_opener"])),
        frozenset(str(f) for f in data.get("conditional_exempt") or ()),
        frozenset(str(f) for f in data.get("never_against") or ()),
        facts,
        narrower,
        tuple(frozenset(str(f) for f in group) for group in data.get("distinct_conditions") or ()),
        population,
        re.compile(str(data["denied_opening"])),
        frozenset(str(f) for f in data.get("flips_when_denied") or ()),
        re.compile(str(data["denied_prohibition"])),
        _patterns(data.get("conditional_leads")),
        _patterns(data.get("withdrawn")),
    )


@cache
def _later_mention_facts() -> frozenset[str]:
    path = resources.files("trialbot.eligibility").joinpath("rules/misreadings.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return frozenset(str(f) for f in data.get("later_mention_reads") or ())


def later_mention_reads(fact: str) -> bool:
    """True when a misread first mention of `fact` yields to a later sentence's mention
    (`later_mention_reads` in rules/misreadings.yaml)."""
    return fact in _later_mention_facts()


@cache
def _not_reaching() -> dict[str, frozenset[str]]:
    path = resources.files("trialbot.eligibility").joinpath("rules/misreadings.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    rows = data.get("permission_not_reaching") or {}
    return {str(fact): frozenset(str(o) for o in others) for fact, others in rows.items()}


def permission_not_reaching(fact: str) -> frozenset[str]:
    """The conditions whose permissions grant `fact` nothing though `fact`'s question does not
    take them in (`permission_not_reaching` in rules/misreadings.yaml)."""
    return _not_reaching().get(fact, frozenset())


def distinct(fact: str, other: str) -> bool:
    """True when a permission naming `other` grants nothing to `fact`: conditions none of which
    takes in the other (HIV and hepatitis C), or `permission_not_reaching` one way only (a
    permission for treated brain metastases grants nothing to spread to the brain's lining)."""
    if fact == other:
        return False
    return other in _not_reaching().get(fact, frozenset()) or any(
        fact in g and other in g for g in _data().distinct
    )


def misread(low: str, fact: str, position: int) -> bool:
    """True when the words around `fact`'s term at `position` of the criterion `low` show the
    reading is not what the criterion asks of the patient (study team)."""
    data = _data()
    if any(p.search(low) for p in data.withdrawn):
        return True  # "... - No longer applicable per amendment 7"
    if fact not in data.exempt and (
        data.opener.search(low.lstrip()) or any(p.search(low.lstrip()) for p in data.leads)
    ):
        return True  # "If the patient has triple-negative disease: up to 4 prior lines"
    key = "_prior_drug" if fact.startswith("prior_") and fact not in data.facts else fact
    if fact.startswith("allergy_") and fact not in data.facts:
        key = "_allergy"
    rows = data.facts.get(key)
    if rows is None:
        return False
    before = low[max(0, position - 60) : position]
    near = low[max(0, position - 80) : position + 100]
    after = low[position : position + 100]
    return (
        any(p.search(before) for p in rows.before)
        or any(p.search(near) for p in rows.near)
        or any(p.search(low) for p in rows.anywhere)
        or any(p.match(after) for p in rows.after)
    )


def held_against(fact: str, kind: str, negated: bool) -> bool:
    """True when a fact that only confirms the trial's own population (a biopsy-confirmed
    diagnosis) is read against the patient: an exclusion on it, or an inclusion on its absence."""
    if fact not in _data().never_against:
        return False
    return negated if kind == "inclusion" else not negated


# Where the clause holding a term starts: after a sentence or list break (not "i.e.").
_CLAUSE_START = re.compile(
    r".*(?:(?<!\bi\.e)(?<!\be\.g)(?<!\bvs)(?<!\bno)[.;:]\s|\n|\s[-•*]\s)", re.DOTALL
)


def denied_exclusion(low: str, fact: str, position: int) -> Literal["flip", "review"] | None:
    """For `fact`'s term at `position` of an exclusion `low`: None when its clause does not open
    with a negation; else "flip" when the reading is the thing's absence ("No measurable disease"
    excludes those without it) or "review" when the opening may be a careless double negative
    ("No brain metastases"): the study team reads it. Words: rules/misreadings.yaml."""
    data = _data()
    before = low[:position]
    start = _CLAUSE_START.match(before)
    clause = before[start.end() if start else 0 :]
    if data.denied is None or not data.denied.search(clause):
        return None
    rest = re.match(r"[^.;:]*", low[position:])
    if data.prohibition is not None and rest and data.prohibition.search(rest.group(0)):
        return None  # "No other prior malignancy is allowed": the exclusion itself
    return "flip" if flips_when_denied(fact) else "review"


def flips_when_denied(fact: str) -> bool:
    """True for a fact of the trial's own population, whose absence an exclusion names."""
    return fact in _data().flips


def narrowed(low: str, fact: str, position: int) -> bool:
    """True when a qualifier near `fact`'s term at `position` makes the criterion narrower than
    the question ("Grade >= 2 peripheral neuropathy"): a "yes" is for the study team, a "no"
    still settles it (`narrower` in rules/misreadings.yaml)."""
    rows = _data().narrower.get(fact)
    if rows is None:
        return False
    near = low[max(0, position - 80) : position + 100]
    return any(p.search(near) for p in rows.near) or any(p.search(low) for p in rows.anywhere)


def population(low: str, fact: str, position: int) -> bool:
    """True when an inclusion names `fact`'s term as who the trial is for ("kidney transplant
    recipients"): the adverse fact is then required, not a condition of one branch
    (`population` in rules/misreadings.yaml)."""
    rows = (_data().population or {}).get(fact)
    if rows is None:
        return False
    near = low[max(0, position - 80) : position + 100]
    return any(p.search(near) for p in rows.near)
