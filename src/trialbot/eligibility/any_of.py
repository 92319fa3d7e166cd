"""Any-of exclusions: the items of a list, each one way to be excluded.

"Myocardial infarction, stroke, or uncontrolled arrhythmia within 6 months": an item read whole
(with the words the list shares: a head before a colon, a qualifier opening the list, a window or
condition closing it) may exclude on its own on a "yes" though another item is only partly read.
This module only cuts the text; whether the reading accounts for an item's words is the reader's
completeness check. Word lists: rules/any_of.yaml.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from trialbot.eligibility.text import windows

# Items end at a semicolon, a comma, a line break or a list bullet (also one joined into the
# line), "or" / "and/or" (not "or equal", "or more" ...), a sentence end. Never inside
# parentheses or brackets.
_SEPARATOR = re.compile(
    # a list bullet of a sub-item joined into the line ("including: - HIV - hepatitis B"), never
    # a dash between numbers ("18 - 65")
    r"(?<![0-9] )(?<=\s)[-•*](?=\s)(?!\s[0-9])|"
    r";|,|\n|(?<![a-z0-9])(?:and/or|or)(?![a-z0-9/])"
    r"(?!\s+(?:equal|greater|less|more|older|younger|above|below|higher|lower|longer|fewer))"
    r"|(?<!e\.g)(?<!i\.e)(?<!\bvs)(?<!\bno)\.(?=\s)"
)
_SENTENCE = re.compile(r"(?<!e\.g)(?<!i\.e)(?<!\bvs)(?<!\bno)\.(?:\s|$)")
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER_FIRST = re.compile(r"\s*(?:[<>≤≥=]|\d|(?:one|two|three|four|five|six|eight|ten|twelve)\b)")
_OTHER = re.compile(r"\s*(?:any\s+)?other\b")
_PLAIN = frozenset({"any", "other", "or", "and", "of", "a", "with", "have", "has", "had"})


@dataclass(frozen=True)
class _Words:
    fresh: re.Pattern[str]
    tail: re.Pattern[str]
    qualifier: frozenset[str]
    shared: re.Pattern[str]
    member: re.Pattern[str]
    judged: re.Pattern[str]
    named: re.Pattern[str]


@cache
def _words() -> _Words:
    path = resources.files("trialbot.eligibility").joinpath("rules/any_of.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def bounded(rows: list[str]) -> str:
        return rf"(?<![a-z0-9])(?:{'|'.join(rows)})(?![a-z0-9])"

    qualifier = frozenset(w for row in data["qualifier_only"] for w in row.split("|"))
    return _Words(
        fresh=re.compile(r"\s*(?:[-•*]\s*)?" + bounded(data["fresh_starts"])),
        tail=re.compile(r"(?<![a-z0-9])(?:" + "|".join(data["tail_cues"]) + ")"),
        qualifier=frozenset(w.rstrip("?").rstrip("s") for w in qualifier) | qualifier,
        shared=re.compile(bounded(data["shared"])),
        member=re.compile(r"(?:has |have )?(?:received )?(?:" + "|".join(data["members"]) + ")"),
        judged=re.compile(bounded(data["judged"])),
        named=re.compile(bounded(data["named_with_qualifier"])),
    )


def _cuts(low: str, start: int, end: int) -> list[int]:
    """Where the top-level separators of low[start:end] are (outside parentheses, brackets)."""
    depth, found = 0, []
    marks = {m.start(): m.end() for m in _SEPARATOR.finditer(low, start, end)}
    for i in range(start, end):
        char = low[i]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and i in marks:
            found.append(i)
            found.append(marks[i])
    return found


def _spans(low: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of low[start:end]: the stretches between top-level separators."""
    cuts = [start, *_cuts(low, start, end), end]
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    return [(a, b) for a, b in spans if _WORD.search(low, a, b)]


def _qualifier_only(low: str, span: tuple[int, int]) -> bool:
    words = _WORD.findall(low[span[0] : span[1]])
    return bool(words) and all(w in _words().qualifier for w in words)


def _qualifiers_joined(low: str, items: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The items with a qualifier listed alone joined to the item after it ("Severe or unstable
    angina, myocardial infarction, ..." has "severe or unstable angina" as its first item), or
    None when the last item is a qualifier alone (the list is then of qualifiers)."""
    joined: list[tuple[int, int]] = []
    opening: int | None = None
    for a, b in items:
        if _qualifier_only(low, (a, b)):
            opening = a if opening is None else opening
            continue
        joined.append((a if opening is None else opening, b))
        opening = None
    return None if opening is not None else joined


def _opening(low: str, span: tuple[int, int], term: int, left: Callable[[str], list[str]]) -> str:
    """The words opening the first item before its reading's term (`term`) that may reach the
    other items: all but those the first reading itself explains ("congestive" of "congestive
    heart failure"), though a qualifier ("uncontrolled", "active") always may."""
    start, end = span[0], term
    part = " " * start + low[start:end] + " " * (len(low) - end)
    open_words = set(left(part))
    kept = [" "] * len(low)
    # the qualifiers of an illness named with them ("severe or unstable angina") are its own
    named = [m.span() for m in _words().named.finditer(low, start, span[1])]
    for word in _WORD.finditer(low, start, end):
        if any(a <= word.start() < b for a, b in named):
            continue
        if word.group(0) in open_words or word.group(0) in _words().qualifier:
            kept[word.start() : word.end()] = word.group(0)
    return "".join(kept)


def treatment_members(low: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where low[start:end] names a kind of cancer treatment and nothing else ("radiotherapy",
    "immunotherapy", "chemotherapy"; rules/any_of.yaml `members`), as (start, end) spans."""
    pattern = _words().member
    return [(m.start(), m.end()) for m in pattern.finditer(low, start, end) if m.group(0)]


def item_starts(low: str, position: int) -> list[int]:
    """Where each item of the list holding `position` starts (its first word), in order; empty
    when the sentence holding `position` is no list of two or more items (see item_text)."""
    sentences = [0, *(m.end() for m in _SENTENCE.finditer(low)), len(low)]
    here = next(
        ((a, b) for a, b in itertools.pairwise(sentences) if a <= position < b and a < b), None
    )
    if here is None:
        return []
    start, end = here
    colon = low.find(":", start, end)
    head_end = colon + 1 if colon != -1 else start
    items = _qualifiers_joined(low, _spans(low, head_end, end)) or []
    if len(items) < 2:
        return []
    return [m.start() for a, b in items if (m := _WORD.search(low, a, b)) is not None]


def item_text(
    low: str, position: int, positions: list[int], first_left: Callable[[str], list[str]]
) -> str | None:
    """The lowercased criterion with every word but those of the item holding `position` and
    those the list shares blanked to spaces (same length), or None when the text is no list of
    items each one way to be excluded.

    `positions` are where every reading of the criterion starts; `first_left` gives the words a
    text leaves unexplained by the first item's reading (those open the list for all). The list
    is the sentence holding `position`; its other sentences must each hold a reading of their
    own (another exclusion), and no word may narrow or point across the items
    (rules/any_of.yaml `shared`).
    """
    words = _words()
    if words.shared.search(low):
        return None
    sentences = [0, *(m.end() for m in _SENTENCE.finditer(low)), len(low)]
    pairs = [(a, b) for a, b in itertools.pairwise(sentences) if a < b]
    here = next(((a, b) for a, b in pairs if a <= position < b), None)
    if here is None:
        return None
    for a, b in pairs:
        if (a, b) != here and _WORD.search(low, a, b) and not any(a <= p < b for p in positions):
            return None  # a sentence with no reading of its own may qualify this one
    start, end = here
    head_end = start
    colon = low.find(":", start, end)
    if colon != -1:
        if low.find(":", colon + 1, end) != -1:
            return None
        head_end = colon + 1
    # a qualifier alone joins the item after it ("active or history of X" is one item)
    items = _qualifiers_joined(low, _spans(low, head_end, end)) or []
    if len(items) < 2 or any(
        _NUMBER_FIRST.match(low, item[0]) for item in items
    ):  # numbers listed ("within 4 weeks or 14 days")
        return None
    mine = next((i for i, (a, b) in enumerate(items) if a <= position < b), None)
    if mine is None:
        return None
    keep = [(start, head_end), items[mine]]
    first, last = items[0], items[-1]
    opening = ""
    if mine != 0 and not words.fresh.match(low, items[mine][0]):
        inside = [p for p in positions if first[0] <= p < first[1]]
        if inside:
            opening = _opening(low, first, min(inside), first_left)
        else:
            keep.append(first)  # an item nobody read: all its words may open the list
    if mine != len(items) - 1:
        cue = words.tail.search(low, last[0], last[1])
        skip = [p for p in positions if last[0] <= p < last[1]]
        # the cue must come after the last item's own term ("uncontrolled arrhythmia within")
        while cue is not None and skip and cue.start() <= min(skip):
            cue = words.tail.search(low, cue.end(), last[1])
        if cue is None and any(w.start >= last[0] for w in windows(low[: last[1]])):
            return None
        if cue is not None:
            keep.append((cue.start(), last[1]))
    chars = list(opening) if opening else [" "] * len(low)
    if not words.fresh.match(low, items[mine][0]):
        for a, b in items[1:]:
            if (a, b) == items[mine]:
                continue
            other = _OTHER.match(low, a)
            if other is not None:
                # "Seizures or other serious neurological illness", "Psychiatric illness or
                # other social issues limiting compliance": the qualifier of an "other" item,
                # and what follows a cue in it, say what the items before it are
                cue = words.tail.search(low, other.end(), b)
                for word in _WORD.finditer(low, a, b):
                    after = cue is not None and word.start() >= cue.start()
                    if after or (word.group(0) in words.qualifier and word.group(0) not in _PLAIN):
                        chars[word.start() : word.end()] = word.group(0)
            elif (
                not words.fresh.match(low, a)
                and not any(a <= p < b for p in positions)
                and not words.member.fullmatch(low[a:b].strip())
            ):
                # an item nobody read may be a phrase qualifying the others ("Hepatitis B or C
                # testing indicating active infection, based on screening tests")
                chars[a:b] = low[a:b]
    for a, b in keep:
        chars[a:b] = low[a:b]
    return "".join(chars)


_TIME_TAIL = re.compile(
    r"(?:within|in the (?:past|last|previous|preceding)|prior to|before|since)\b"
)


def example_items(low: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of the example list low[start:end] ("myocardial infarction, unstable angina,
    arterial thrombosis, cerebrovascular accident within 6 months"), as (start, end) spans, a
    qualifier listed alone joined to the item after it ("ongoing or active infection"). Empty
    when a word points across the items (rules/any_of.yaml `shared`), or when the last
    item ends in words other than a time window that may qualify every item ("..., or psychiatric
    illness that would limit compliance")."""
    words = _words()
    if words.shared.search(low, start, end) or words.judged.search(low, start, end):
        return []
    items: list[tuple[int, int]] = []
    opening: int | None = None
    for a, b in _spans(low, start, end):
        if _qualifier_only(low, (a, b)):
            opening = a if opening is None else opening
            continue
        items.append((a if opening is None else opening, b))
        opening = None
    if len(items) < 2 or opening is not None:
        return []
    last_start, last_end = items[-1]
    term = _WORD.search(low, last_start, last_end)
    cue = words.tail.search(low, term.end(), last_end) if term is not None else None
    if cue is not None and not _TIME_TAIL.match(low, cue.start()):
        return []
    return items


# Words opening the first item of an example list that may reach every item ("receipt of
# treatment for unstable angina, myocardial infarction, and/or cerebrovascular attack").
_OPENING_HEAD = re.compile(r"[^,;]*?\b(?:of|for|to|with|by|on|requiring|after|from)\s")


def opening_reaches(low: str, items: list[tuple[int, int]], index: int) -> bool:
    """Whether the words opening the first item may reach item `index` of `items`: a qualifier
    ("uncontrolled hypertension, arrhythmia") or a head ("treatment for unstable angina, MI");
    never the first item itself (they are part of it), nor an item starting a fresh phrase of
    its own (rules/any_of.yaml `fresh_starts`)."""
    if index == 0 or _words().fresh.match(low, items[index][0]):
        return False
    first = _WORD.search(low, items[0][0], items[0][1])
    if first is not None and first.group(0) in _words().qualifier - _PLAIN:
        return True
    return bool(_OPENING_HEAD.match(low, items[0][0], items[0][1]))


def example_span(low: str, start: int) -> tuple[int, int]:
    """The example list starting at `start` (after "including", "such as"): to the end of its
    sentence (a bulleted list past its semicolons), or to the closing parenthesis when the cue
    stands inside parentheses ("Stroke (including transient ischemic attack), myocardial
    infarction ...")."""
    depth = 0
    for char in low[:start]:
        depth = depth + 1 if char in "([" else max(0, depth - 1) if char in ")]" else depth
    sentence = _SENTENCE.search(low, start)
    end = sentence.start() if sentence else len(low)
    # a bulleted list ("including: - HIV; - active hepatitis B; - ...") ends its items with
    # semicolons: only a colon ends it
    bulleted = re.match(r"\s*[-•*]\s", low[start:end]) is not None
    stop = re.search(r"[:]" if bulleted else r"[;:]", low[start:end])
    end = start + stop.start() if stop else end
    if depth:
        level = depth
        for i in range(start, end):
            if low[i] in "([":
                level += 1
            elif low[i] in ")]":
                level -= 1
                if level < depth:
                    return start, i
    return start, end


@cache
def _example_facts() -> frozenset[str]:
    path = resources.files("trialbot.eligibility").joinpath("rules/any_of.yaml")
    return frozenset(yaml.safe_load(path.read_text(encoding="utf-8"))["example_facts"])


EXAMPLE_FACTS = _example_facts()


@cache
def _spread_beyond() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    path = resources.files("trialbot.eligibility").joinpath("rules/any_of.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["spread_beyond"]
    sites = {
        str(fact): re.compile(rf"(?<![a-z0-9-])(?:{words})(?![a-z0-9-])")
        for fact, words in data["sites"].items()
    }
    return re.compile(data["lead"]), sites


def spread_beyond_sites(low: str) -> list[tuple[str, int]]:
    """The spread questions' sites named as examples of spread beyond the allowed sites (rules/
    any_of.yaml `spread_beyond`), as (fact, position) in the example list's sentence."""
    lead, sites = _spread_beyond()
    found: list[tuple[str, int]] = []
    for match in lead.finditer(low):
        start, end = match.end(), len(low)
        sentence = _SENTENCE.search(low, start)
        end = sentence.start() if sentence else end
        for fact, pattern in sites.items():
            site = pattern.search(low, start, end)
            if site is not None:
                found.append((fact, site.start()))
    return found


def spread_leads_blanked(low: str) -> str:
    """`low` with the leads of spread beyond the allowed sites ("metastases other than ...,
    such as") blanked: their "other than" names the allowed sites, no exception."""
    lead, _ = _spread_beyond()
    return lead.sub(lambda m: " " * len(m.group(0)), low)
