"""Readings confirmed by hand: criterion texts whose reading was checked against conversation
scripts (the seed trials), kept as data in `rules/confirmed_readings.yaml`.

The completeness stage leaves plain-language glosses ("..., which is a blockage in a blood
vessel") unexplained; a confirmed reading of such a text stays certain. Each entry names the
text by the SHA-1 of its normalized lowercase form, so a changed registry text is not confirmed.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

import yaml


def text_key(low: str) -> str:
    """The key of a normalized lowercase criterion text (12 hex digits of its SHA-1)."""
    return hashlib.sha1(low.encode("utf-8")).hexdigest()[:12]


@cache
def _confirmed() -> dict[str, frozenset[str]]:
    path = resources.files("trialbot.eligibility").joinpath("rules/confirmed_readings.yaml")
    rows = (
        yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        or []
    )
    return {str(row["key"]): frozenset(row["concepts"]) for row in rows}


def confirmed_concepts(low: str) -> frozenset[str]:
    """The concepts whose reading of this (normalized lowercase) text was confirmed by hand."""
    return _confirmed().get(text_key(low), frozenset())
