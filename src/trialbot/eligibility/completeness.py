"""Completeness: is every word of a criterion accounted for by its reading?

A reading is `certain` only when it is; otherwise the words left over (a qualifier, an
exception, a second condition, a number nobody read) make it `partial`. The word lists are data:
`rules/completeness.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml

from trialbot.eligibility.anchors import Anchored
from trialbot.eligibility.drugs import DRUG_CLASSES, DRUGS

_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_DRUG_FACT = re.compile(r"^(?:prior|last|allergy)_(.+)$")


def _alternatives(fragment: str) -> list[str]:
    """The top-level `|` alternatives of a regex fragment (groups, classes and escapes kept)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(fragment):
        char = fragment[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(fragment[start:i])
            start = i + 1
        i += 1
    parts.append(fragment[start:])
    return parts


def _bounded(fragments: Iterable[str]) -> re.Pattern[str]:
    """One whole-word pattern of every alternative of the fragments, longest first: a regex takes
    the first alternative that fits, so "1" must not come before "1.1", nor "at" (one line)
    before "at least" (another line)."""
    ordered = sorted((alt for f in fragments for alt in _alternatives(f)), key=len, reverse=True)
    joined = "|".join(f"(?:{alt})" for alt in ordered if alt)
    return re.compile(rf"(?<![a-z0-9])(?:{joined})(?![a-z0-9])")


@cache
def _data() -> dict[str, Any]:
    """rules/completeness.yaml, read and parsed once."""
    text = resources.files("trialbot.eligibility").joinpath("rules/completeness.yaml")
    data: dict[str, Any] = yaml.load(
        text.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    return data


def _each(fragments: Iterable[str]) -> list[re.Pattern[str]]:
    """The patterns of a list of lines (one, see _bounded)."""
    return [_bounded(fragments)]


@cache
def _rules() -> tuple[list[re.Pattern[str]], re.Pattern[str], dict[str, list[re.Pattern[str]]]]:
    data = _data()
    filler = _each(data["filler"])
    negation = _bounded(data["negation"])
    explains = {fact: _each(rows) for fact, rows in data["explains"].items()}
    return filler, negation, explains


@cache
def _drug_words(slug: str) -> re.Pattern[str] | None:
    if slug in DRUGS:
        drug = DRUGS[slug]
        return _bounded(re.escape(w.lower()) for w in (drug.name, *drug.synonyms))
    if slug in DRUG_CLASSES:
        members = [w.lower() for m in DRUG_CLASSES[slug].members
                   for w in (DRUGS[m].name, *DRUGS[m].synonyms)]  # fmt: skip
        # a class whose finding words take in more than its question asks ("KRAS inhibitors"
        # beside a question on KRAS G12C inhibitors) is explained by its narrower words only
        names = _class_words().get(slug) or DRUG_CLASSES[slug].patterns
        plural = [f"(?:{name})(?:s|es)?" for name in names]  # "checkpoint inhibitors"
        return _bounded([*plural, *map(re.escape, members)])
    return None


@cache
def _class_words() -> dict[str, list[str]]:
    data = _data()
    return {str(slug): list(rows) for slug, rows in (data.get("class_words") or {}).items()}


@cache
def _not_exceptions() -> dict[str, re.Pattern[str]]:
    data = _data()
    return {fact: _bounded(rows) for fact, rows in data["not_exceptions"].items()}


def permissions_blanked(low: str, concept: str) -> str:
    """The lowercased text with permissions about what `concept`'s question never asks about
    ("inactivated flu vaccines are allowed" beside live vaccines) blanked to spaces."""
    pattern = _not_exceptions().get(concept)
    return low if pattern is None else pattern.sub(lambda m: " " * len(m.group(0)), low)


def whole_only(concept: str) -> bool:
    """Whether a reading of `concept` must account for the whole criterion, or go to the study
    team (`whole_only` in rules/completeness.yaml: generic questions such as following the plan)."""
    return concept in _data().get("whole_only", ())


def yes_only(concept: str) -> bool:
    """Whether only a "yes" to `concept`'s question settles anything (`yes_only` in
    rules/completeness.yaml: a payload class a person may not know an earlier medicine had)."""
    return concept in _data().get("yes_only", ())


def names_broader(concept: str) -> bool:
    """Whether phrases naming a group broader than `concept`'s question are listed
    (`_broader_<concept>` in rules/completeness.yaml)."""
    return f"_broader_{concept}" in _rules()[2]


def _patterns(concept: str) -> list[re.Pattern[str]]:
    _, _, explains = _rules()
    found = list(explains.get(concept, []))
    if concept in _not_exceptions():
        found.append(_not_exceptions()[concept])
    if concept.startswith("_broader_prior_"):
        found.extend(explains.get("_broader_prior_drug", []))
    drug = _DRUG_FACT.match(concept)
    if drug:
        words = _drug_words(drug.group(1))
        if words is not None:
            found.append(words)
        key = "_allergy" if concept.startswith("allergy_") else "_prior_drug"
        found.extend(explains[key])
    return found


@cache
def _asides() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    data = _data()
    stops = "|".join(_alternatives("|".join(data["widening_stops"])))
    # a closing bracket ends the clause unless it closes one opened in it: "(irrespective of
    # severity) in the absence of ..." ends at "severity", "regardless of ... 4 (CD4) count" not
    word = rf"(?:(?!(?:{stops})(?![a-z0-9]))(?:[^\s.;,:()]|\([^\s()]*\))+)"
    widening = rf"(?<![a-z0-9])(?:{'|'.join(data['widening'])}) {word}(?: {word}){{0,7}}"
    # a reason runs to the end of its sentence, never over ", or" opening another alternative
    # ("Age >= 18 due to lack of data, or age 12-17 with weight >= 40 kg")
    rationale = rf"(?<![a-z0-9])(?:{'|'.join(data['rationale'])}) (?:(?!, (?:or|and/or) )[^.;])*"
    return re.compile(widening), re.compile(rationale), frozenset(data["rationale_after"])


def set_aside(low: str, concepts: Iterable[str]) -> str:
    """The lowercased criterion with clauses that never narrow its reading blanked to spaces.

    Widening clauses ("regardless of CD4 count", "with or without chemotherapy") anywhere; a
    rationale ("due to fixed cell dosing") only when every read fact in `concepts` is a limit
    listed in `rationale_after` (weight, age). The length and the other words are unchanged.
    """
    widening, rationale, after = _asides()
    patterns = [widening]
    read = set(concepts)
    if read and read <= after:
        patterns.append(rationale)
    for pattern in patterns:
        low = pattern.sub(lambda m: " " * len(m.group(0)), low)
    return low


def leftover(low: str, concepts: Iterable[str], *, negated: bool = False) -> list[str]:
    """The words of a lowercased criterion that neither filler nor the read concepts explain.

    `concepts` are the fact ids read from it, `negated` whether the reading took a negation
    ("no", "not", "without") into account; an empty result means the reading is complete.
    """
    filler, negation, _ = _rules()
    covered = bytearray(len(low))
    patterns = [*filler, *([negation] if negated else [])]
    patterns += [p for concept in set(concepts) for p in _patterns(concept)]
    for pattern in patterns:
        for match in pattern.finditer(low):
            covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    return [
        word.group(0) for word in _WORD.finditer(low) if 0 in covered[word.start() : word.end()]
    ]


def groups_blanked(low: str, explained: Iterable[str]) -> str:
    """The lowercased criterion with the phrases naming a group broader than a question
    (`_broader_<fact>` rows among `explained`) blanked to spaces: an "and" inside such a group
    ("driver mutations (EGFR, ALK, ... and other KRAS mutations)") joins no two conditions."""
    _, _, explains = _rules()
    for key in set(explained):
        if key.startswith("_broader_"):
            for pattern in explains.get(key, []):
                low = pattern.sub(lambda m: " " * len(m.group(0)), low)
    return low


@cache
def _named_numbers() -> re.Pattern[str]:
    data = _data()
    return _bounded(data["named_numbers"])


def names_blanked(low: str) -> str:
    """The lowercased criterion with numbers that are part of a name ("HIV-1/2", "cycle 1 day
    1") blanked to spaces, for the check that every number is a limit or window read."""
    return _named_numbers().sub(lambda m: " " * len(m.group(0)), low)


@cache
def _partial_when() -> dict[str, re.Pattern[str]]:
    data = _data()
    return {f: re.compile("|".join(rows)) for f, rows in data["partial_when"].items()}


def other_time(low: str, concepts: Iterable[str]) -> bool:
    """True when a read fact's question asks about another time than the criterion names
    ("agree to use contraception ... prior to study entry" beside "during the study")."""
    rules = _partial_when()
    return any(rules[c].search(low) for c in set(concepts) if c in rules)


@cache
def _asks_nothing(exclusion: bool) -> tuple[re.Pattern[str], tuple[Anchored, ...]]:
    """The rows as one alternation (blanking in one pass), and each row alone with its anchor
    test (whether any row can match at all: most criteria hold none of them)."""
    data = _data()
    rows = [*data["asks_nothing"], *(data["asks_nothing_in_exclusions"] if exclusion else [])]
    return re.compile("|".join(f"(?:{row})" for row in rows)), tuple(map(Anchored, rows))


def asks_nothing_blanked(low: str, kind: str = "inclusion") -> str:
    """The lowercased criterion with sentences that ask nothing of the patient ("Should a woman
    become pregnant ..., she should inform her treating physician immediately") blanked; in an
    exclusion also how a positive pregnancy test is confirmed."""
    combined, rows = _asks_nothing(kind == "exclusion")
    if not any(row.search(low) for row in rows):
        return low
    return combined.sub(lambda m: " " * len(m.group(0)), low)


@cache
def _past_included() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str] | None]:
    data = _data()
    rule = data["past_included"]
    now = rule.get("now_phrases") or []
    return (
        frozenset(rule["facts"]),
        _bounded([rule["past_words"]]),
        _bounded(now) if now else None,
    )


def past_taken_in(low: str, concepts: Iterable[str]) -> bool:
    """True when a read fact is asked about now ("Do you have hepatitis C now?") and the
    lowercased criterion also takes in an illness that is over ("history of", "prior", an
    antibody test): "History of hepatitis C", "HCV antibody positive" -> True, "Hepatitis B or C
    infection" -> False. A phrase naming the infection now though it names an antibody too
    ("positive HCV antibody and HCV RNA above the lower limit of detection") takes in none."""
    facts, past, now = _past_included()
    if now is not None:
        low = now.sub(lambda m: " " * len(m.group(0)), low)
    return bool(facts & set(concepts)) and bool(past.search(low))


@cache
def _catch_all() -> dict[str, re.Pattern[str]]:
    data = _data()
    return {str(f): _bounded(rows) for f, rows in (data.get("catch_all") or {}).items()}


@cache
def _catch_all_narrowed() -> re.Pattern[str]:
    return _bounded([_data()["catch_all_narrowed"]])


def names_catch_all(low: str, concept: str) -> bool:
    """True when the lowercased criterion has an alternative naming the whole group `concept`'s
    question asks about (`catch_all` in rules/completeness.yaml): "..., or any other condition
    that might affect the absorption of palbociclib" -> True for digestive_problem."""
    pattern = _catch_all().get(concept)
    if pattern is None:
        return False
    narrowed = _catch_all_narrowed()
    for match in pattern.finditer(low):
        before = low[max(0, match.start() - 30) : match.start()]
        after = re.split(r"[.;]", low[match.end() :], maxsplit=1)[0]
        if not narrowed.search(before) and not narrowed.search(after):
            return True
    return False
