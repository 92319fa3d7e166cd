"""The catalogue's clinical knowledge, loaded from prompts/catalogue.yaml and compiled once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from trialbot.domain.facts import Choice, FactSpec
from trialbot.prompts import load_prompts

FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Requirement:
    """One answer of a fact as trial records and people's messages show it."""

    value: str  # the fact value ("yes"/"no" for yes_no facts, a choice value otherwise)
    trial: re.Pattern[str] | None
    says: re.Pattern[str] | None


@dataclass(frozen=True)
class Condition:
    """A condition a person may name, and how trial records name it."""

    id: str
    label: str
    says: re.Pattern[str]
    trial: re.Pattern[str]
    also: re.Pattern[str] | None
    facts: tuple[str, ...]
    sex: str | None = None


@dataclass(frozen=True)
class CatalogueFact:
    """A fact the catalogue asks: its spec, how likely a person can answer it, its label."""

    spec: FactSpec
    label: str
    answerable: float
    counts_as: Mapping[str, str] = field(default_factory=dict)  # answer -> also satisfies
    short: Mapping[str, str] = field(default_factory=dict)  # answer -> a few words for it
    implies: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # answer -> facts
    needs: Mapping[str, str] = field(default_factory=dict)  # answer -> a trial that needs it


@dataclass(frozen=True)
class Knowledge:
    """Conditions, facts with their requirements, and the catalogue's sentences."""

    texts: Mapping[str, str]
    conditions: Mapping[str, Condition]
    facts: Mapping[str, CatalogueFact]
    requirements: Mapping[str, tuple[Requirement, ...]]
    person: Mapping[str, re.Pattern[str]] = field(default_factory=dict)  # sex -> words
    generic_words: frozenset[str] = frozenset()  # drug-name words that pick no trial
    base_specs: Mapping[str, FactSpec] = field(default_factory=dict)

    def say(self, key: str, **values: object) -> str:
        """One sentence of `texts`, filled in (KeyError for a missing key is a packaging bug)."""
        return self.texts[key].format(**values)

    def spec(self, fact_id: str) -> FactSpec | None:
        """The spec of a catalogue fact or of a fact of the main vocabulary."""
        own = self.facts.get(fact_id)
        return own.spec if own is not None else self.base_specs.get(fact_id)


def _pattern(text: str | None) -> re.Pattern[str] | None:
    return re.compile(text, FLAGS) if text else None


def _fact(fact_id: str, raw: Mapping[str, Any]) -> CatalogueFact:
    choices = [
        Choice(value=str(value), label=str(item["label"]), synonyms=list(item.get("synonyms", [])))
        for value, item in (raw.get("choices") or {}).items()
    ]
    spec = FactSpec(
        id=fact_id,
        answer_type=raw["answer_type"],
        question=raw["question"],
        help=raw.get("help"),
        choices=choices,
    )
    label = str(raw.get("label", fact_id))
    counts_as = {str(k): str(v) for k, v in (raw.get("counts_as") or {}).items()}
    short = {str(k): str(v) for k, v in (raw.get("short") or {}).items()}
    implies = {
        str(k): {str(f): str(v) for f, v in facts.items()}
        for k, facts in (raw.get("implies") or {}).items()
    }
    answerable = float(raw.get("answerable", 0.5))
    needs = {str(k): str(v) for k, v in (raw.get("needs") or {}).items()}
    return CatalogueFact(spec, label, answerable, counts_as, short, implies, needs)


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """The compiled knowledge (specs of the main vocabulary are added by the caller)."""
    raw = load_prompts("catalogue")
    conditions = {
        cid: Condition(
            id=cid,
            label=str(item["label"]),
            says=re.compile(item["says"], FLAGS),
            trial=re.compile(item["trial"], FLAGS),
            also=_pattern(item.get("also")),
            facts=tuple(item.get("facts", ())),
            sex=item.get("sex"),
        )
        for cid, item in raw["conditions"].items()
    }
    facts = {fid: _fact(fid, item) for fid, item in raw["facts"].items()}
    requirements = {
        fid: tuple(
            Requirement(str(value), _pattern(item.get("trial")), _pattern(item.get("says")))
            for value, item in values.items()
        )
        for fid, values in raw["requirements"].items()
    }
    person = {sex: re.compile(words, FLAGS) for sex, words in raw["person"].items()}
    generic = frozenset(str(raw.get("generic_words", "")).split())
    return Knowledge(
        dict(raw["texts"]), conditions, facts, requirements, person, generic_words=generic
    )
