"""Drug lexicon: named drugs, their other names, and the drug classes they belong to
(data: `rules/drugs.yaml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from trialbot.eligibility.anchors import Lexicon


@dataclass(frozen=True)
class Drug:
    """A named drug with the words that name it in criteria."""

    slug: str
    name: str
    synonyms: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DrugClass:
    """A drug class, the words that name it, and its members (drug slugs)."""

    slug: str
    name: str
    patterns: tuple[str, ...]
    members: tuple[str, ...] = field(default_factory=tuple)


def _load() -> dict[str, Any]:
    path = resources.files("trialbot.eligibility").joinpath("rules/drugs.yaml")
    data: dict[str, Any] = yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    return data


def _parse_drugs(rows: dict[str, Any]) -> dict[str, Drug]:
    return {
        slug: Drug(
            slug=slug,
            name=str(row["name"]),
            synonyms=tuple(str(s) for s in row.get("also") or ()),
            classes=tuple(row.get("classes") or ()),
        )
        for slug, row in rows.items()
    }


_DATA = _load()
DRUGS: dict[str, Drug] = _parse_drugs(_DATA["drugs"])


def _parse_classes(rows: dict[str, Any]) -> dict[str, DrugClass]:
    return {
        slug: DrugClass(
            slug=slug,
            name=str(row["name"]),
            patterns=tuple(row["patterns"]),
            members=tuple(d.slug for d in DRUGS.values() if slug in d.classes),
        )
        for slug, row in rows.items()
    }


DRUG_CLASSES: dict[str, DrugClass] = _parse_classes(_DATA["classes"])


def narrower_classes(slug: str) -> list[str]:
    """The classes all of whose members belong to class `slug` too (the PD-(L)1 and CTLA-4
    inhibitors within the immune checkpoint inhibitors)."""
    mine = set(DRUG_CLASSES[slug].members)
    return [
        other
        for other, c in DRUG_CLASSES.items()
        if other != slug and c.members and set(c.members) < mine
    ]


def implying_facts(slug: str) -> list[str]:
    """The prior_ facts whose "yes" is a "yes" to drug class `slug`: its member drugs and its
    narrower classes (none for a drug)."""
    if slug not in DRUG_CLASSES:
        return []
    members = [f"prior_{m}" for m in DRUG_CLASSES[slug].members]
    return [*members, *(f"prior_{c}" for c in narrower_classes(slug))]


def member_dates(slug: str) -> list[str]:
    """The last_ date facts that date a dose of drug class `slug`: its member drugs' and its
    narrower classes' (none for a drug). A class's window ("a PD-1 inhibitor within 28 days") is
    met by the latest of them (`latest_of` in domain/conditions.py)."""
    return [f"last_{fact.removeprefix('prior_')}" for fact in implying_facts(slug)]


def class_examples(slug: str, limit: int = 3) -> str:
    """A short "a, b or c" list of a class's members, for questions."""
    names = [DRUGS[m].name for m in DRUG_CLASSES[slug].members[:limit]]
    if not names:
        return DRUG_CLASSES[slug].name
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


_DRUG_WORDS: dict[str, str] = {
    w.lower(): d.slug for d in DRUGS.values() for w in (d.name, *d.synonyms)
}
_DRUG_RE = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(re.escape(w) for w in sorted(_DRUG_WORDS, key=len, reverse=True))
    + r")(?![a-z0-9])"
)
_CLASS_RES = Lexicon(
    [
        (slug, re.compile("|".join(f"(?:{p})" for p in c.patterns)))
        for slug, c in DRUG_CLASSES.items()
    ]
)


_CODE_AFTER = re.compile(str(_DATA["protocol_code_after"]))
_CODE_BEFORE = re.compile(str(_DATA["protocol_code_before"]))


def _protocol_code(low: str, match: re.Match[str]) -> bool:
    """True when a drug's code name is part of a study's code ("protocol MK-3475-U03"): the
    study, never the drug (`protocol_code_after` / `_before` in rules/drugs.yaml)."""
    if not any(ch.isdigit() for ch in match.group(0)):
        return False
    return bool(
        _CODE_AFTER.match(low, match.end()) or _CODE_BEFORE.search(low[: match.start()][-40:])
    )


def find_drugs(text: str) -> list[tuple[int, str]]:
    """Named drugs in the (lowercase) text as (position, slug), in order, each slug once; a code
    name inside a study's code is no drug (_protocol_code)."""
    found: dict[str, int] = {}
    low = text.lower()
    for match in _DRUG_RE.finditer(low):
        if _protocol_code(low, match):
            continue
        found.setdefault(_DRUG_WORDS[match.group(0)], match.start())
    return sorted((pos, slug) for slug, pos in found.items())


def find_classes(text: str) -> list[tuple[int, str]]:
    """Drug classes named in the text as (position, slug), in order. A class named only inside
    the name of a narrower one ("ADC" in "MMAE-based ADC") is not named on its own."""
    low = text.lower()
    spans = {
        slug: [m.span() for m in _CLASS_RES.rows_pattern(slug).finditer(low)]
        for slug, _ in _CLASS_RES.matches(low)
    }

    def nested(slug: str, start: int, end: int) -> bool:
        return any(
            other != slug and a <= start and end <= b and (b - a) > (end - start)
            for other, found in spans.items()
            for a, b in found
        )

    named = []
    for slug, found in spans.items():
        first = next((start for start, end in found if not nested(slug, start, end)), None)
        if first is not None:
            named.append((first, slug))
    return sorted(named)


def related(one: str, other: str) -> bool:
    """True when two drug or class slugs can name the same medicine: the same slug, a drug and
    a class it belongs to, or two classes sharing a member."""
    if one == other:
        return True
    mine = set(DRUG_CLASSES[one].members) if one in DRUG_CLASSES else {one}
    theirs = set(DRUG_CLASSES[other].members) if other in DRUG_CLASSES else {other}
    return bool(mine & theirs)


_SENTENCE = re.compile(r"[^.;]+(?:[.;]\s*|$)")
_BRACKETS = re.compile(r"\([^()]*\)")
# words that make a permission reach beyond the medicines it names ("doxorubicin or any other
# chemotherapy is allowed")
_WIDER = re.compile(
    r"\b(?:other|any|all|chemotherap\w*|therap(?:y|ies)|treatments?|agents?|regimens?|"
    r"drugs?|medications?|medicines?)\b"
)


def other_drug_permissions_blanked(
    low: str, slug: str, position: int, permissive: re.Pattern[str] | Any
) -> str:
    """`low` without the sentences that grant a permission to named medicines none of which can
    be the reading's drug or class `slug` ("Prior taxanes or platinum. Doxorubicin is allowed
    (>= 2 week washout)": the permission is doxorubicin's, a taxane still excludes)."""
    for found in _SENTENCE.finditer(low):
        start, end = found.span()
        sentence = found.group(0)
        if start <= position < end or not permissive.search(sentence):
            continue
        named = {s for _, s in (*find_drugs(sentence), *find_classes(sentence))}
        if not named or any(related(slug, s) for s in named):
            continue
        if _WIDER.search(_BRACKETS.sub(" ", sentence)):
            continue
        low = low[:start] + " " * (end - start) + low[end:]
    return low
