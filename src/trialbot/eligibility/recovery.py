"""Recovery from the side effects of earlier treatment: what a "no" to the recovery question
settles. An allowed side effect the question does not leave out (a neuropathy, vitiligo), one
kind of treatment singled out (surgery, radiotherapy) or a looser limit (grade 2) keeps a "no"
from establishing the criterion: the reading adds the neuropathy question or the study team.
Words in `rules/recovery.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from trialbot.domain.conditions import Condition
from trialbot.eligibility.atoms import all_of, any_of, leaf, negate

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FACT = "recovered_from_side_effects"
_REVIEW: Condition = {"op": "review"}
# A sentence, a semicolon clause or a list item ends here (not "e.g." or "i.e.").
_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)(?<!\bvs)\.(?:\s|$)|;|\n|\s-\s")


@dataclass(frozen=True)
class _Words:
    opener: re.Pattern[str]
    permission: re.Pattern[str]
    covered: re.Pattern[str]
    asked: tuple[tuple[str, re.Pattern[str]], ...]
    filler: re.Pattern[str]
    narrow: re.Pattern[str]
    any_treatment: re.Pattern[str]
    looser: re.Pattern[str]
    from_surgery: re.Pattern[str]


@cache
def _words() -> _Words:
    path = resources.files("trialbot.eligibility").joinpath("rules/recovery.yaml")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return _Words(
        opener=re.compile(str(data["exception_openers"])),
        permission=re.compile(str(data["permission"])),
        covered=re.compile(str(data["covered"])),
        asked=tuple((str(f), re.compile(str(p))) for f, p in (data.get("asked") or {}).items()),
        filler=re.compile(str(data["filler"])),
        narrow=re.compile(str(data["narrow_scope"])),
        any_treatment=re.compile(str(data["any_treatment"])),
        looser=re.compile(str(data["looser_limit"])),
        from_surgery=re.compile(str(data["from_surgery"])),
    )


def from_surgery(low: str, position: int) -> bool:
    """True when the recovery named at `position` is from an operation or injury only ("will not
    have fully recovered from surgery"), not from the side effects of cancer treatment."""
    return bool(_words().from_surgery.match(low, position))


@dataclass(frozen=True)
class Recovery:
    """What a "no" to the recovery question leaves open: the facts of allowed side effects it
    asks about, and whether only the study team can settle the rest."""

    asked: tuple[str, ...] = ()
    study_team: bool = False


def _sentence(low: str, position: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(low, 0, position)]
    end = _SENTENCE_END.search(low, position)
    return (starts[-1] if starts else 0), (end.start() if end else len(low))


def _exception_spans(low: str, start: int, end: int) -> list[tuple[int, int]]:
    """The allowed exceptions of the sentence low[start:end], and later sentences that let a
    side effect in ("Participants with <= Grade 2 neuropathy may be eligible")."""
    words = _words()
    spans = []
    for opener in words.opener.finditer(low, start, end):
        depth = low[start : opener.start()].count("(") - low[start : opener.start()].count(")")
        stop = end
        if depth > 0:  # "(except alopecia)" ends with its parenthesis
            close = low.find(")", opener.end(), end)
            stop = close if close != -1 else end
        spans.append((opener.start(), stop))
    rest = low[end:]
    for later in _SENTENCE_END.split(rest):
        if words.permission.search(later) and _names_side_effect(later):
            at = end + rest.find(later)
            spans.append((at, at + len(later)))
    return spans


def _names_side_effect(text: str) -> bool:
    words = _words()
    return bool(
        words.covered.search(text)
        or any(p.search(text) for _, p in words.asked)
        or re.search(r"toxicit|adverse|side effect|grade", text)
    )


def _classify(text: str) -> tuple[set[str], bool]:
    """The asked facts an exception names, and whether it names anything else."""
    words = _words()
    text = words.covered.sub(" ", text)
    facts = set()
    for fact, pattern in words.asked:
        if pattern.search(text):
            facts.add(fact)
            text = pattern.sub(" ", text)
    text = words.opener.sub(" ", text)
    rest = words.filler.sub(" ", text)
    return facts, bool(re.search(r"[a-z]{3,}", rest))


def recovery_limits(low: str, position: int) -> Recovery:
    """What keeps a "no" to the recovery question from settling the criterion whose recovery
    words start at `position` of `low`."""
    words = _words()
    start, end = _sentence(low, position)
    spans = _exception_spans(low, start, end)
    asked: set[str] = set()
    other = False
    for a, b in spans:
        facts, unknown = _classify(low[a:b])
        asked |= facts
        other = other or unknown
    blank = list(low[start:end])
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            blank[i - start] = " "
    sentence = "".join(blank)
    narrow = bool(words.narrow.search(sentence)) and not words.any_treatment.search(sentence)
    looser = bool(words.looser.search(sentence))
    study_team = other or narrow or looser
    # With the study team to settle the rest, an asked exception adds nothing.
    return Recovery(() if study_team else tuple(sorted(asked)), study_team)


def recovery_condition(kind: str, limits: Recovery) -> tuple[Condition, str]:
    """The condition (what the criterion names: for an exclusion, not having recovered) and its
    rule. With only the study team to settle the rest, a "no" to recovery leaves it open; with
    an allowed side effect that is asked about, a "no" holds for those without it (for those
    with it, the study team checks whether anything else is left)."""
    recovered = leaf(_FACT, "true")
    if limits.study_team:
        if kind == "exclusion":
            return all_of(negate(recovered), _REVIEW), f"not ({_FACT} == yes) and study team"
        return any_of(recovered, _REVIEW), f"{_FACT} == yes or study team"
    if kind == "exclusion":
        guards = [any_of(negate(leaf(f, "true")), _REVIEW) for f in limits.asked]
        words = [f"(not ({f} == yes) or study team)" for f in limits.asked]
        return all_of(negate(recovered), *guards), " and ".join([f"not ({_FACT} == yes)", *words])
    allowed = [all_of(leaf(f, "true"), _REVIEW) for f in limits.asked]
    words = [f"({f} == yes and study team)" for f in limits.asked]
    return any_of(recovered, *allowed), " or ".join([f"{_FACT} == yes", *words])
