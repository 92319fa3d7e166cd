"""The exceptions a trial rule names ("The following are exceptions to this criterion: i. ...
ii. Systemic corticosteroids at doses not to exceed 20 mg/day ..."; "... with the exception of
alopecia, vitiligo"; "Corticosteroids up to 10 mg/day are allowed"), cut into items, and the
amount such an item allows checked against the one a person says ("I take 10 mg a day").

Nothing here decides eligibility: it finds which words of a rule a person's situation meets, so
the answer can quote the exception instead of the rule's opening. The marker words live in
prompts/answers.yaml (`personal.exceptions`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from trialbot.eligibility.units import UnitError, convert

# "i. ", "ii) ", "a) ", "1. " opening an item of a list, or a line break / bullet
_ITEM = re.compile(r"(?:\n\s*[-*•]?\s*|(?<=\s)(?:[ivx]{1,5}|[a-h]|\d{1,2})[.)]\s+)")
_INLINE = re.compile(r",\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+(?=the\b)", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_UNIT = r"(?P<unit>mg|mcg|µg|ug|g|milligrams?|micrograms?|grams?|iu|units?|ml)\b"
_AMOUNT = re.compile(rf"(?P<n>\d+(?:[.,]\d+)?)\s*{_UNIT}", re.I)
_LIMIT = re.compile(
    r"(?:not to exceed|not exceeding|no more than|no greater than|not more than|at most|up to|"
    r"a maximum of|maximum of|max(?:imum)?\.?|less than or equal to|equal to or less than|"
    r"lower than|less than|below|under|≤|<=|<|=<)\s*"
    rf"(?P<n>\d+(?:[.,]\d+)?)\s*{_UNIT}",
    re.I,
)
_UNIT_NAMES = {
    "mg": "milligram",
    "milligram": "milligram",
    "milligrams": "milligram",
    "mcg": "microgram",
    "µg": "microgram",
    "ug": "microgram",
    "microgram": "microgram",
    "micrograms": "microgram",
    "g": "gram",
    "gram": "gram",
    "grams": "gram",
    "ml": "milliliter",
}


@dataclass(frozen=True)
class Exceptions:
    """A rule cut at its exception words: what it keeps out, and the items it allows."""

    head: str
    items: tuple[str, ...]
    intro: str  # the words that open the exceptions ("The following are exceptions ...:")


def split_exceptions(
    body: str, leading: Sequence[str], trailing: Sequence[str]
) -> Exceptions | None:
    """The rule's opening and its exception items, or None when it names no exception.
    `leading` words open a list of exceptions ("the following are exceptions"); `trailing` words
    close a sentence that is one ("... are allowed")."""
    found = [
        (hit.start(), hit.end())
        for m in leading
        for hit in [re.search(rf"(?<!\w){re.escape(m)}(?!\w)", body, re.I)]
        if hit is not None
    ]
    if found:
        at, end = min(found)
        head = body[:at].strip()
        rest = body[end:]
        intro = body[at:end]
        colon = rest.find(":")
        if 0 <= colon <= 40:
            intro += rest[: colon + 1]
            rest = rest[colon + 1 :]
        items = [i for i in _ITEM.split(rest) if i and i.strip(" .;:,")]
        if len(items) == 1 and "\n" not in rest:
            items = _INLINE.split(items[0])  # "with the exception of alopecia, vitiligo, and ..."
        cleaned = tuple(i.strip(" .;:,\n") for i in items if i.strip(" .;:,\n"))
        if head and cleaned:
            return Exceptions(head, cleaned, intro.strip())
        return None
    sentences = _SENTENCE.split(body.strip())
    allowed = [
        s
        for s in sentences[1:]
        if any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", s, re.I) for m in trailing)
    ]
    if not allowed:
        return None
    head = " ".join(s for s in sentences if s not in allowed).strip()
    return Exceptions(head, tuple(s.strip(" .") for s in allowed), "") if head else None


def permits(text: str, markers: Sequence[str]) -> bool:
    """True when the text says something is allowed ("COVID-19 vaccines ... are permitted",
    "vaccination against SARS-CoV-2 is recommended") and does not deny it ("are not allowed",
    "is not recommended")."""
    said = False
    for m in markers:
        for hit in re.finditer(rf"(?<!\w){re.escape(m)}(?!\w)", text, re.I):
            before = text[max(0, hit.start() - 12) : hit.start()].lower()
            if re.search(r"\b(?:not|never|no longer)\s+(?:be\s+)?$", before):
                return False
            said = True
    return said


def _unit(name: str) -> str:
    return _UNIT_NAMES.get(name.lower(), name.lower())


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def over_limit(item: str, question: str) -> bool | None:
    """True when the amount the person says is over the limit the item allows, False when it is
    within it, None when the item sets no limit or the person says no amount of its kind."""
    limit = _LIMIT.search(item)
    if limit is None:
        return None
    wanted = _unit(limit.group("unit"))
    for said in _AMOUNT.finditer(question):
        try:
            amount = convert(_number(said.group("n")), _unit(said.group("unit")), wanted)
        except UnitError:
            continue
        return amount > _number(limit.group("n"))
    return None
