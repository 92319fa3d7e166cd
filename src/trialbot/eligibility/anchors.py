"""Literal anchors of a word pattern: a cheap substring test that tells when a regular expression
cannot match a text, so the (much slower) regex search is skipped for most lexicon rows.

An anchor is a literal text that every match starts with, and whether it must start a word (a
`\\b` before it): "chf" of `\\bchf\\b` may only occur as the start of a word, which keeps short
anchors ("pe", "mi", "alt") from passing on every text that merely contains the letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_SKIPPED = {sre.ASSERT, sre.ASSERT_NOT}  # lookarounds consume nothing
_MAX_PREFIXES = 256  # past this many spellings the test costs more than the search it saves
_SHORT = 3  # anchors this short pass on most texts unless they must start a word
_WORD_CHAR = re.compile(r"\w")

Anchor = tuple[str, bool]  # (literal, must start a word)
_Starts = set[Anchor]


def _join(prefixes: _Starts, tails: _Starts) -> _Starts:
    return {(p + t, b if p else (b or tb)) for p, b in prefixes for t, tb in tails}


def _sequence(items: Any, bounded: bool = False) -> tuple[_Starts, bool] | None:
    """The anchors a match of `items` starts with, and whether they are the whole match; None
    when some match may start with something that is not a literal."""
    prefixes: _Starts = {("", bounded)}
    for index, (op, av) in enumerate(items):
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0:
            # An optional part: a match starts with it or with what follows it.
            optional, rest = _sequence(av[2].data), _sequence(items[index + 1 :])
            if optional is None or rest is None:
                return None if any(not p for p, _ in prefixes) else (prefixes, False)
            tails = optional[0] | rest[0]
            if len(prefixes) * len(tails) > _MAX_PREFIXES:
                return None if any(not p for p, _ in prefixes) else (prefixes, False)
            return _join(prefixes, tails), False
        if op in _SKIPPED or (op == sre.AT and av != sre.AT_BOUNDARY):
            continue
        if op == sre.AT:  # \b: only a word start when nothing was consumed yet
            prefixes = {(p, b or not p) for p, b in prefixes}
            continue
        if op == sre.LITERAL:
            prefixes = {(p + chr(av), b) for p, b in prefixes}
            continue
        part = _item(op, av)
        if part is None or len(prefixes) * len(part[0]) > _MAX_PREFIXES:
            return None if any(not p for p, _ in prefixes) else (prefixes, False)
        prefixes = _join(prefixes, part[0])
        if not part[1]:
            return prefixes, False
    return prefixes, True


def _item(op: Any, av: Any) -> tuple[_Starts, bool] | None:
    """The anchors of one parsed item (a group, alternatives, a character set, a repeat)."""
    if op == sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _sequence(sub.data)
    if op == sre.BRANCH:
        starts: _Starts = set()
        whole = True
        for branch in av[1]:
            part = _sequence(branch.data)
            if part is None:
                return None
            starts |= part[0]
            whole = whole and part[1]
        return starts, whole
    if op == sre.IN and all(kind == sre.LITERAL for kind, _ in av):
        return {(chr(code), False) for _, code in av}, True
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
        part = _sequence(av[2].data)
        return (part[0], False) if part is not None else None
    return None


def literal_anchors(pattern: re.Pattern[str]) -> tuple[Anchor, ...] | None:
    """(literal, starts a word) pairs one of which every match of `pattern` starts with
    (("heart failure", False), ("chf", True), ...); None when there is no such short list."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL):
        return None
    parsed = _sequence(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if parsed is None or len(parsed[0]) > _MAX_PREFIXES:
        return None
    return _anchor_set(parsed[0])


def contained_anchors(pattern: re.Pattern[str]) -> tuple[Anchor, ...] | None:
    """Anchors one of which every match of `pattern` contains: its `literal_anchors` when it
    has them, else those of the first rest of the pattern that has some ("teratogenic" in
    `(?![^.;]*must)[^.;]*\\bteratogenic`: a match ends with a match of that rest, which starts
    with one of them). None when no rest of the pattern has any."""
    anchors = literal_anchors(pattern)
    if anchors is not None or pattern.flags & (
        re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL
    ):
        return anchors
    items = sre_parse.parse(pattern.pattern, pattern.flags).data
    for start in range(1, len(items)):
        parsed = _sequence(items[start:])
        if parsed is not None and len(parsed[0]) <= _MAX_PREFIXES:
            rest = _anchor_set(parsed[0])
            if rest is not None:
                return rest
    return None


def _anchor_set(starts: _Starts) -> tuple[Anchor, ...] | None:
    anchors = {(text, bounded and bool(_WORD_CHAR.match(text))) for text, bounded in starts}
    if not anchors or any(not text for text, _ in anchors):
        return None
    return tuple(sorted(anchors, key=lambda a: (len(a[0]), a)))


def _fewest(literals: list[str]) -> tuple[str, ...]:
    """The literals none of the others occurs in: "any of them is in the text" is the same test
    ("both men and women" stands for its 200 longer spellings)."""
    kept: list[str] = []
    for literal in sorted(dict.fromkeys(literals), key=len):
        if not any(shorter in literal for shorter in kept):
            kept.append(literal)
    return tuple(kept)


class Prefilter:
    """The substring test of one pattern: long anchors by `in`, short word-start anchors by one
    small compiled `\\b(?:...)` search (still far cheaper than the pattern itself)."""

    def __init__(self, anchors: tuple[Anchor, ...] | None) -> None:
        self.always = anchors is None
        short = [a for a, word_start in anchors or () if word_start and len(a) <= _SHORT]
        # A text that is also an anchor anywhere ("pe" in `\bpe\b|pe`) is tested by `in`.
        self.literals = _fewest(
            [a for a, word_start in anchors or () if not (word_start and len(a) <= _SHORT)]
        )
        self.short = tuple(short)
        self.word_starts = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, short)) + ")") if short else None
        )

    def may_match(self, text: str) -> bool:
        """False only when no anchor occurs in the text (then the pattern cannot match)."""
        if self.always:
            return True
        contains = text.__contains__
        if any(map(contains, self.literals)):
            return True
        if self.word_starts is None or not any(map(contains, self.short)):
            return False
        return self.word_starts.search(text) is not None


class Lexicon:
    """Rows of (concept, compiled pattern) searched in order, each skipped when none of its
    literal anchors occurs in the text (see `literal_anchors`)."""

    def __init__(self, rows: list[tuple[str, re.Pattern[str]]]) -> None:
        self.rows = [
            (concept, pattern, Prefilter(contained_anchors(pattern))) for concept, pattern in rows
        ]
        self._by_concept = {concept: (pattern, test) for concept, pattern, test in self.rows}

    def __iter__(self) -> Iterator[tuple[str, re.Pattern[str]]]:
        return ((concept, pattern) for concept, pattern, _ in self.rows)

    def rows_pattern(self, concept: str) -> re.Pattern[str]:
        """One row's compiled pattern; KeyError for an unknown concept."""
        return self._by_concept[concept][0]

    def search(self, concept: str, text: str) -> re.Match[str] | None:
        """The first match of one row's pattern in the text; KeyError for an unknown concept."""
        pattern, prefilter = self._by_concept[concept]
        return pattern.search(text) if prefilter.may_match(text) else None

    def matches(self, text: str) -> Iterator[tuple[str, re.Match[str]]]:
        """(concept, first match) of every row whose pattern matches the text, in row order."""
        for concept, pattern, prefilter in self.rows:
            if prefilter.may_match(text):
                match = pattern.search(text)
                if match:
                    yield concept, match


class Anchored:
    """A compiled pattern whose `search`, `finditer` and `sub` first run the anchor test: the
    same results as the pattern's own methods, without the regex work on most texts."""

    def __init__(self, pattern: str | re.Pattern[str]) -> None:
        self.pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        self._test = Prefilter(contained_anchors(self.pattern))

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """`re.Pattern.search`."""
        return self.pattern.search(text, pos) if self._test.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`re.Pattern.finditer`."""
        return self.pattern.finditer(text) if self._test.may_match(text) else iter(())

    def sub(self, repl: Callable[[re.Match[str]], str], text: str) -> str:
        """`re.Pattern.sub` with a function."""
        return self.pattern.sub(repl, text) if self._test.may_match(text) else text
