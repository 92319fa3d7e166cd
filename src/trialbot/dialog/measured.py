"""Measured facts said on the side of another answer: "I weigh 60 kg" to the age question, "my
blood pressure is 120/80", "he is fully active", "I had chemo last month".

Each is read with the reader of its own question (`readers.py`, `numbers.py`, `dates.py`) from a
part of the message that names it (the words of `volunteered_measures` in
prompts/answer_topics.yaml). The parts read are left out of the answer to the pending question,
so the "120" of a blood pressure is never read as the age. A part that is not plain says nothing:
a relative other than the patient, another event, a doubt, a "not", another time or a wish, two
values, a unit pint cannot turn into the fact's ("120 cm" for a weight). A number in another unit
that converts ("I weigh 150 lbs", "11 stone 4": `other_units.py`) is kept in the fact's unit and
read back first, with the words the person used.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from trialbot.dialog import readers
from trialbot.dialog.clauses import (
    date_topics,
    is_hedged,
    is_hedged_yes_no,
    split_parts,
    topic_of,
)
from trialbot.dialog.clauses import topic_words as _topic_words
from trialbot.dialog.dates import read_date
from trialbot.dialog.numbers import find_numbers
from trialbot.dialog.other_units import in_other_unit, only_quantity, rounded
from trialbot.domain.facts import FactSpec, FactValue
from trialbot.prompts import load_prompts

# Parts of a message: at punctuation (not the point of "60.5"), "and", "but", "though".
_SPLIT = re.compile(r"\s*(?:[,;!?()]|\.(?!\d)|\band\b|\bbut\b|\bthough\b|\bwhile\b)\s*")
_NOT = re.compile(r"\b(?:no|not|never|none|nothing|without)\b|n't\b")
_OTHER_UNITS = re.compile(r"\d\s*(?:lbs?|pounds?|stones?|st|kpa|cm|m|feet|ft|inch(?:es)?)\b")
_FUTURE = re.compile(
    r"\b(?:next|tomorrow|soon|will|going to|planned|scheduled|booked|due)\b|\bin \d+ \w+"
)


@dataclass
class Measured:
    """What a message measures on the side: facts, those read back first, the parts read."""

    facts: dict[str, FactValue] = field(default_factory=dict)
    doubtful: set[str] = field(default_factory=set)  # read back before they count
    # Parts read for a measured fact, and parts with a number that name one (read or not): left
    # out of the pending question's answer.
    parts: list[str] = field(default_factory=list)
    said_as: dict[str, str] = field(default_factory=dict)  # converted: {"weight_kg": "150 lb"}


@dataclass(frozen=True)
class _Words:
    triggers: dict[str, re.Pattern[str]]
    by_drug: dict[str, re.Pattern[str]]  # a named cancer drug, in a part saying it was the last
    not_now: re.Pattern[str]


def _pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    # after a letter or a hyphen a word is part of another, after a number a unit ("60kg")
    return re.compile(rf"(?<![^\W\d]|-)(?:{alternatives})(?![\w-])")


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_prompts("answer_topics")
    raw = data.get("volunteered_measures") or {}
    by_drug = [str(f) for f in data.get("volunteered_measures_by_drug_name") or []]
    return _Words(
        triggers={str(f): _pattern([str(w) for w in ws]) for f, ws in raw.items()},
        by_drug={f: _pattern(_drug_names()) for f in by_drug},
        not_now=_pattern([str(w) for w in data.get("volunteered_measures_not_now") or []]),
    )


# "my last trodelvy infusion": a drug named is the latest cancer medicine only when said so.
_LATEST = re.compile(r"\b(?:my|his|her|their|the) (?:last|latest|most recent|final)\b")


def _drug_names() -> list[str]:
    """Names and brands of the drug lexicon's drugs that belong to a class (cancer medicines)."""
    from trialbot.eligibility.drugs import DRUGS

    return [w for d in DRUGS.values() if d.classes for w in (d.name, *d.synonyms)]


def _pressure_facts(specs: Mapping[str, FactSpec]) -> tuple[str, str] | None:
    systolic = next((f for f in specs if "systolic" in f and specs[f].unit == "mmHg"), None)
    diastolic = next((f for f in specs if "diastolic" in f and specs[f].unit == "mmHg"), None)
    return (systolic, diastolic) if systolic and diastolic else None


_LEAD_NUMBER = re.compile(
    r"^(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s*"
    r"(?:-|–|:|\(|so far\b|in all\b|lines?\b|treatments?\b|plans?\b)"
)


def _leads_answer(part: str, asked: str | None, specs: Mapping[str, FactSpec]) -> bool:
    """True for a part that opens with the number a number question asks, then explains it
    ("3 - first chemo with radiation" to the lines question): the number is the answer."""
    spec = specs.get(asked) if asked is not None else None
    return spec is not None and spec.answer_type == "number" and bool(_LEAD_NUMBER.match(part))


def read_measured(
    text: str,
    specs: Mapping[str, FactSpec],
    asked: str | None,
    today: dt.date,
    patient: str | None = None,
) -> Measured:
    """The measured facts `text` states besides the answer to `asked` (never `asked` itself:
    its own reader takes it, with its own read-back rules)."""
    said = readers.normalize(text)
    found = Measured()
    values: dict[str, set[FactValue]] = {}
    said_as: dict[str, str] = {}
    pressure = _pressure_facts(specs)
    for part in (p.strip() for p in _SPLIT.split(said)):
        if not part or not _about_patient(part, patient) or _doubtful(part):
            continue
        for fact, trigger in _words().triggers.items():
            spec = specs.get(fact)
            by_drug = _words().by_drug.get(fact)
            named = by_drug is not None and by_drug.search(part) and _LATEST.search(part)
            if spec is None or not (trigger.search(part) or named):
                continue
            if fact == asked or (pressure and asked in pressure and fact in pressure):
                continue  # the pending question's own reader takes it
            if (
                find_numbers(part)
                and part not in found.parts
                and not _leads_answer(part, asked, specs)
            ):
                found.parts.append(part)  # "I used to weigh 80 kg": its number is no age
            for fact_id, value in _read(part, spec, specs, pressure, today, said_as).items():
                values.setdefault(fact_id, set()).add(value)
                if part not in found.parts:
                    found.parts.append(part)  # "I had chemo last month": no answer to another
                plain = spec.answer_type != "number" or fact_id in (pressure or ())
                unit_said = plain or _with_unit(part, spec)
                if spec.answer_type == "choice" or not unit_said or fact_id in said_as:
                    found.doubtful.add(fact_id)  # "I weigh 60": kg, or pounds? "150 lbs": 68 kg
    for fact_id, seen in values.items():
        if len(seen) == 1:  # two values for one fact: which one holds is not clear
            found.facts[fact_id] = seen.pop()
    found.doubtful &= set(found.facts)
    found.said_as = {k: v for k, v in said_as.items() if k in found.facts}
    return found


def without_parts(text: str, parts: list[str]) -> str:
    """`text` (normalized) with the parts read on the side left out."""
    said = readers.normalize(text)
    for part in parts:
        said = said.replace(part, " ")
    return re.sub(r"\s+", " ", said).strip()


def _about_patient(part: str, patient: str | None) -> bool:
    """False when the part names a relative who is not the patient ("my dad weighs 80 kg" in a
    conversation about the person's son)."""
    named = set(_topic_words().relatives.findall(part))
    return not (named - {patient} if patient else named)


def _doubtful(part: str) -> bool:
    return is_hedged(part) or is_hedged_yes_no(part)


def _read(
    part: str,
    spec: FactSpec,
    specs: Mapping[str, FactSpec],
    pressure: tuple[str, str] | None,
    today: dt.date,
    said_as: dict[str, str],
) -> dict[str, FactValue]:
    """The fact values one part gives for `spec`, read as the answer to its question; {} when
    the part is not plain about it. A number converted from another unit is noted in `said_as`
    as the person said it."""
    if spec.answer_type == "date":
        return _date(part, spec, today, said_as)
    if _words().not_now.search(part):
        return {}
    if spec.answer_type == "choice":
        choice = readers.read_choice(part, spec.choices)
        return {spec.id: choice} if choice is not None else {}
    if _NOT.search(part) or spec.answer_type != "number":
        return {}
    if pressure and spec.id in pressure:
        reading = readers.read_blood_pressure(part)
        if reading is None or len(find_numbers(part)) != 2:
            return {}  # one number of a blood pressure: top or bottom is not clear
        facts = dict(zip(pressure, reading, strict=True))
        plausible = all(readers.number_in_range(specs[f], float(v)) for f, v in facts.items())
        return dict(facts) if plausible and reading[0] > reading[1] else {}
    numbers = find_numbers(part)
    converted = in_other_unit(part, spec.unit)
    if converted:  # "I weigh 150 lbs": 68 kg, read back as "68 kg (150 lb)"
        one = only_quantity(part, converted)
        if one is None or not readers.number_in_range(spec, rounded(one.value)):
            return {}
        said_as[spec.id] = one.said
        return {spec.id: rounded(one.value)}
    if len(numbers) != 1 or _OTHER_UNITS.search(part):
        return {}
    value = numbers[0].value
    if not readers.number_in_range(spec, value):
        return {}
    return {spec.id: readers.as_fact_number(value)}


def _with_unit(part: str, spec: FactSpec) -> bool:
    """True when the number of the part is followed by a word of the fact's unit ("60 kg",
    "sixty kilos")."""
    words = readers.UNIT_WORDS.get((spec.unit or "").lower(), ())
    after = [part[n.end :].lstrip() for n in find_numbers(part)]
    return any(re.match(rf"{re.escape(w)}(?![a-z])", rest) for rest in after for w in words)


def _date(
    part: str, spec: FactSpec, today: dt.date, said_as: dict[str, str]
) -> dict[str, FactValue]:
    """A past date for `spec` from a part about it alone (no other event, no "not", no plan);
    a last time said to go on now ("been on chemo since march") is today, read back with the
    words said, and one said only as a start ("started chemo in march") is no last time."""
    from trialbot.dialog.answers import ongoing_said, start_only

    if _FUTURE.search(part):
        return {}
    if spec.id.startswith("last_") and (going_on := ongoing_said(part)) is not None:
        said_as[spec.id] = going_on
        return {spec.id: today.isoformat()}
    if spec.id.startswith("last_") and start_only(part):
        return {}
    pieces = split_parts(part, spec.id, date_topics())
    if len(pieces) != 1 or pieces[0].aside or pieces[0].negated:
        return {}
    own = topic_of(spec.id)
    rest = own.sub(" ", part) if own is not None else part
    if any((words := topic_of(o)) is not None and words.search(rest) for o in pieces[0].others):
        return {}  # another event named ("a stroke" is a word of the blood clot's too: not that)
    when = read_date(part, today)
    if when is None or when > today:
        return {}
    return {spec.id: when.isoformat()}
