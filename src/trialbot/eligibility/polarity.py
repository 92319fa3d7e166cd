"""Polarity: an inclusion that states who is excluded ("Known HIV-positive patients are not
eligible") is read as that exclusion and turned back into an inclusion that must not hold.

Only plain statements are turned: a sentence with a condition or an exception ("unless",
"except", "if", "provided", "only") stays as it is (an inclusion naming an illness, which the
reader leaves to the study team).
"""

from __future__ import annotations

import re

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionText
from trialbot.eligibility.atoms import negate

_EXCLUDED = re.compile(
    r"\s*\b(?:are|is|will be|would be|shall be) (?:not eligible|ineligible|excluded)"
    r"(?: (?:from|for) (?:this|the) (?:study|trial))?\b|"
    r"\s*\b(?:cannot|can not|may not|must not) (?:participate|enrol+|be enrol+ed|take part)"
    r"(?: in (?:this|the) (?:study|trial))?\b",
)
# The exclusion stated in a sentence that gives a reason, after a requirement of its own ("Age
# >= 12 years. Because no safety data are available ..., children under 12 are excluded"): it
# restates the requirement; the inclusion is read as written.
_IN_A_REASON = re.compile(r"\S[^.;]*?(?:[.;]|\s-)\s+because\b(?! of)[^.;]*$")
_CONDITIONAL = re.compile(
    r"\b(?:unless|except|if|provided|only|when|whether|but|however|allowed|permitted|eligible "
    r"(?:if|provided|when))\b"
)


def stated_exclusion(criterion: CriterionText) -> CriterionText | None:
    """The exclusion an inclusion states ("X are not eligible" -> "X"), or None."""
    if criterion.kind != "inclusion":
        return None
    text = " ".join(criterion.text.split())
    found = list(_EXCLUDED.finditer(text.lower()))
    if len(found) != 1 or _CONDITIONAL.search(text.lower()):
        return None
    start, end = found[0].span()
    if _IN_A_REASON.search(text.lower()[:start]):
        return None  # "Age >= 12. Because no data ..., children under 12 are excluded": a reason
    rest = (text[:start] + text[end:]).strip(" .;,")
    if not rest:
        return None
    return CriterionText(id=criterion.id, kind="exclusion", text=rest)


def as_inclusion(original: CriterionText, read: StructuredCriterion) -> StructuredCriterion:
    """A reading of the stated exclusion, as the inclusion it came from: it must not hold."""
    update: dict[str, object] = {"kind": "inclusion", "text": original.text, "decisive_when": None}
    if not read.needs_review and read.condition is not None:
        update["condition"] = negate(read.condition)
        update["rule"] = f"not ({read.rule})"
    return read.model_copy(update=update)
