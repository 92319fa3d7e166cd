"""Facts people state without being asked: "hi, my daughter is 9 and has osteosarcoma".

Read from every typed message (not only the answer to the pending question): the person's
relation to the patient ("my son"), the sex that relation implies, an age and a pregnancy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trialbot.dialog.readers import normalize
from trialbot.domain.facts import FactValue

RELATIONS: dict[str, str | None] = {
    "son": "male", "boy": "male", "husband": "male", "father": "male", "dad": "male",
    "brother": "male", "grandson": "male", "nephew": "male",
    "daughter": "female", "girl": "female", "wife": "female", "mother": "female",
    "mum": "female", "mom": "female", "sister": "female", "granddaughter": "female",
    "niece": "female", "child": None, "kid": None, "partner": None, "teenager": None,
}  # fmt: skip
_RELATION_RE = re.compile(rf"\bmy (?:little |\d+[- ]year[- ]old )?({'|'.join(RELATIONS)})\b")
_AGE_RES = (
    re.compile(r"\b(\d{1,2})[- ](?:years?|yrs?)[- ]old\b"),
    re.compile(
        r"\b(?:is|am|i'm|im|she's|he's|aged?|turned)\s+(?:only\s+|just\s+)?(\d{1,2})\b"
        r"(?!\s*(?:months?|weeks?|days?|%|kg|cm|ms|mm|times|cycles?|[./]\d))"
    ),
)
_PREGNANT_RE = re.compile(
    r"\b(?:i am|i'm|im|she is|she's|my (?:wife|daughter|partner) is)\s+(?:\w+\s+){0,2}pregnant\b"
)
_SELF_RE = re.compile(
    r"\b(?:i'm|i am|im)\s+an?\s+(?:\d{1,2}[- ]years?[- ]old\s+)?(woman|man|girl|boy|lady|guy)\b"
)
_SELF_SEX = {"woman": "female", "girl": "female", "lady": "female", "man": "male", "boy": "male",
             "guy": "male"}  # fmt: skip
_NOT_PREGNANT_RE = re.compile(r"\bnot\s+(?:\w+\s+)?pregnant\b")
_DIAGNOSIS_RE = re.compile(
    r"\b(?:has|have|with|diagnosed with)\s+((?:an?\s+)?[a-z]*(?:sarcoma|oma|emia|aemia|cancer)\b)"
)


_PART_SPLIT = re.compile(r"\s*(?:[,;.!?()]|\bbut\b|\bonly\b|\bjust\b|\bexcept\b)\s*")
_TOOK_RE = re.compile(
    r"\b(?:took|take|taken|taking|had|got|gets|get|getting|received|receiving|treated with|"
    r"given|was on|were on|been on|is on|are on|am on|on)\b"
)
_NEGATED_RE = re.compile(r"\b(?:no|not|never|none)\b|n't\b")


@dataclass
class Volunteered:
    """What a message states about the patient, beyond the question asked."""

    facts: dict[str, FactValue] = field(default_factory=dict)
    relation: str | None = None
    diagnosis: str | None = None


def read_volunteered(text: str) -> Volunteered:
    """The relation, sex, age, pregnancy and diagnosis a message states (each only if clear)."""
    said = normalize(text)
    found = Volunteered()
    if match := _RELATION_RE.search(said):
        found.relation = match[1]
        sex = RELATIONS[match[1]]
        if sex is not None:
            found.facts["sex"] = sex
    if match := _SELF_RE.search(said):
        found.facts["sex"] = _SELF_SEX[match[1]]
    ages = {int(m[1]) for pattern in _AGE_RES for m in pattern.finditer(said)}
    if len(ages) == 1:
        found.facts["age_years"] = ages.pop()
    if _PREGNANT_RE.search(said) and not _NOT_PREGNANT_RE.search(said):
        found.facts["pregnant"] = True
    found.facts.update(_drugs_taken(said))
    if match := _DIAGNOSIS_RE.search(said):
        found.diagnosis = match[1].removeprefix("an ").removeprefix("a ")
    return found


def _drugs_taken(said: str) -> dict[str, FactValue]:
    """prior_<drug> for drugs a part of the message says were taken ("but I did take sorafenib
    last year") or never taken ("he never had apatinib"); a drug named without a verb of taking
    ("the mifamurtide study") says nothing."""
    from trialbot.eligibility.drugs import find_drugs

    found: dict[str, FactValue] = {}
    for part in _PART_SPLIT.split(said):
        if not _TOOK_RE.search(part):
            continue
        for _, slug in find_drugs(part):
            found.setdefault(f"prior_{slug}", not _NEGATED_RE.search(part))
    return found
