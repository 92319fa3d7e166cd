"""Bullet items flattened into one exclusion.

A record may indent further exclusions under the first one ("Active infection requiring systemic
therapy. - Pregnant or breastfeeding (...). - Treatment with any investigational drug within 4
weeks prior to start of treatment."): each bullet after a full stop is then an exclusion of its
own. Not when the first sentence opens a list for the bullets (a colon, "the following"), nor
when a word may carry one item's meaning over to another: a note, an exception, a permission, an
example or a source ("- Includes both bi- and mono-allelic ATM mutations (VUS is acceptable)",
"- Per approved drug label", "- Subjects with irreversible toxicity ... may be included").
"""

from __future__ import annotations

import itertools
import re

# a dash bullet right after the full stop (or semicolon) closing the item before it
_BULLET = re.compile(r"(?<=[.;]) +- +(?=\S)")
_OPENS_LIST = re.compile(r":|\bfollowing\b")
_NOTE = re.compile(r"note\b")
_REACHES_ACROSS = re.compile(
    r"\b(?:except\w*|excluding|unless|other than|however|provided|only|eligible|allowed|"
    r"permitted|acceptable|may|can|case by case|includ\w*|e\.g|i\.e|such as|defined|"
    r"these|this|above|below|permiss\w*|counts?|per)\b"
)


def bullet_items(low: str, kind: str) -> list[tuple[int, int]] | None:
    """The (start, end) spans of the items of an exclusion made of bullets after full stops, or
    None for any other text (see the module)."""
    if kind != "exclusion":
        return None
    cuts = [m.end() for m in _BULLET.finditer(low)]
    if not cuts or _OPENS_LIST.search(low[: cuts[0]]):
        return None
    if any(_NOTE.match(low, cut) for cut in cuts) or _REACHES_ACROSS.search(low):
        return None
    return list(itertools.pairwise([0, *cuts, len(low)]))


def only_span(low: str, span: tuple[int, int]) -> str:
    """`low` with everything outside `span` blanked to spaces (same length)."""
    start, end = span
    return " " * start + low[start:end] + " " * (len(low) - end)
