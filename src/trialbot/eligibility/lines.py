"""Treatment history a patient can count or knows ahead: the number of earlier lines of treatment
("at least 2 prior lines of therapy") and an operation planned during the study."""

from __future__ import annotations

import re

from trialbot.eligibility.anchors import Anchored
from trialbot.eligibility.atoms import Atom, leaf, review_atom
from trialbot.eligibility.measures import Context
from trialbot.eligibility.text import comparator_before, to_number

_LINES = re.compile(
    r"(?P<n>\d+|one|two|three|four|five)(?:\s*\(\d\))?\s*(?P<more>or more\s*)?"
    r"(?:(?:prior|previous|earlier)\s+)?(?:(?:systemic|standard|treatment)\s+)?"
    r"(?:(?:therapy|therapeutic|treatment|chemotherapy)\s+)?"
    r"(?:lines?|regimens?)\b"
    # "4 lines or more in the relapsed/metastatic setting": the count before its "or more"
    r"(?:\s+(?P<more3>or more)\b)?"
    # "at least 1 prior systemic treatment": a count of earlier treatments is a count of lines
    r"|(?P<n2>\d+|one|two|three|four|five)(?:\s*\(\d\))?\s*(?:prior|previous)\s+"
    r"(?:(?:systemic|standard|available|anti-?cancer|cancer)\s+)?(?:treatments?|therap(?:y|ies))\b"
)
# An inclusion asking for an earlier systemic or standard treatment without a count ("Has
# received prior standard therapy"): at least one line. "Standard" narrows it (a "no" fails the
# inclusion, rules/one_sided.yaml); any therapy without "systemic" or "standard" may be an
# operation or radiation, which is no line of cancer medicine, and is not read here.
_ANY_LINE = re.compile(
    r"^(?:(?:patients?|participants?|subjects?)\s+)?(?:(?:has|have|must have|should have)\s+)?"
    r"(?:received|had)\s+(?:an?\s+|any\s+)?(?:prior|previous)\s+"
    r"(?:(?:standard|systemic)\s+){1,2}(?:therapy|therapies|treatments?|regimens?)\s*\.?$"
)
# A count of lines written as what is allowed ("may have received up to 5", "up to 3 prior
# lines are permitted"), not as a limit.
_PERMITTED = re.compile(
    r"\bmay\s+(?:have\s+)?(?:received|had)\b|\b(?:are|is)\s+(?:allowed|permitted)\b"
)
# a named operation ("Radical prostatectomy has been scheduled") is a planned operation too; its
# name is narrower than the question (left over: partial, rules/one_sided.yaml)
_OPERATION = (
    r"(?:surgery|surgical procedure|operation|(?:radical\s+)?(?:prostatectomy|cystectomy|"
    r"nephrectomy|mastectomy|hysterectomy)|(?:surgical\s+)?resection)"
)
_NAMED_OPERATION = re.compile(r"ectomy|resection")
_PLANNED = Anchored(
    r"(?:planned|scheduled|anticipated|expected|plans? (?:to have|for)|planning to have|need for)"
    r"\s+(?:for\s+|to (?:have|undergo)\s+)?(?:a\s+|any\s+)?(?:major\s+)?"
    + _OPERATION
    + r"|(?:major\s+)?"
    + _OPERATION
    + r"\s+(?:is\s+|has\s+been\s+)?"
    r"(?:planned|scheduled|anticipated|expected)"
)


def read_lines(ctx: Context) -> list[Atom]:
    """The number of earlier lines of treatment, with the comparator as written."""
    match = _LINES.search(ctx.low)
    if not match:
        if ctx.kind == "inclusion" and _ANY_LINE.match(ctx.low.strip()):
            fact = "prior_lines_of_therapy"
            condition = leaf(fact, "cmp", cmp=">=", value=1)
            return [Atom(fact, 0, condition, f"{fact} >= 1", [fact], settled=True)]
        return []
    more = match.group("more") or match.group("more3")
    op = ">=" if more else comparator_before(ctx.low[: match.start()][-30:])
    if op is None:
        return []
    if match.group("n2") and (op in (">", ">=")) != (ctx.kind == "inclusion"):
        # "no more than 3 prior therapies for metastatic disease" may count fewer treatments
        # than the patient would: only "at least" (inclusion) or "at most" (exclusion) is safe
        return []
    fact = "prior_lines_of_therapy"
    if ctx.kind == "exclusion" and op in ("<", "<="):
        # "Patients with no more than 1 prior systemic therapy for metastatic disease" listed as
        # an exclusion: an upper bound is what an inclusion states, so the sentence may stand in
        # the wrong list (excluding the untreated patients the trial is for): study team
        return [review_atom(fact, match.start())]
    if ctx.kind == "inclusion" and op in ("<", "<=") and _PERMITTED.search(ctx.low):
        # "Patients may have received up to 5 prior lines of systemic therapy" (NCT06126276): a
        # permission, not a limit the text sets out to check; which lines count (hormone therapy,
        # maintenance, a changed regimen) is the study team's call
        return [review_atom(fact, match.start())]
    value = to_number(match.group("n") or match.group("n2"))
    shown = int(value)
    condition = leaf(fact, "cmp", cmp=op, value=shown)
    return [Atom(fact, match.start(), condition, f"{fact} {op} {shown}", [fact], settled=True)]


def read_planned_surgery(ctx: Context) -> list[Atom]:
    """An operation planned during the study (not one in the past)."""
    match = _PLANNED.search(ctx.low)
    if not match:
        return []
    fact = "planned_surgery"
    # an inclusion naming the operation requires its plan ("Radical prostatectomy has been
    # scheduled"); a bare "planned major surgery" listed as an inclusion is more likely an
    # exclusion in the wrong list (study team, as any adverse reading of an inclusion)
    adverse = ctx.kind == "exclusion" or not _NAMED_OPERATION.search(match.group(0))
    return [
        Atom(fact, match.start(), leaf(fact, "true"), f"{fact} == yes", [fact], adverse=adverse)
    ]
