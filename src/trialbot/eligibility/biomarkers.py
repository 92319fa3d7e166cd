"""Named tumour marker results a patient can know: HER2, hormone receptors, EGFR, ALK, ROS1,
KRAS G12C, BRCA, PD-L1 ("HER2-negative breast cancer", "ALK-positive NSCLC", "EGFR mutation").

Each is a choice fact `<marker>_status` (positive / negative); "not sure" goes to the study team.
"""

from __future__ import annotations

import re

from trialbot.eligibility.atoms import Atom, leaf
from trialbot.eligibility.measures import Context

_MARKERS = (
    ("her2_status", r"her-?2|erbb2"),
    ("hormone_receptor_status", r"hormone receptor|hr|er/pr|estrogen receptor|oestrogen receptor"),
    ("egfr_status", r"egfr(?! ?-?tki| inhibitor| tyrosine)"),
    ("alk_status", r"alk(?! ?-?tki| inhibitor)"),
    ("ros1_status", r"ros-?1(?! inhibitor)"),
    ("kras_g12c_status", r"kras g12c"),
    # also spelled out: "a known breast cancer susceptibility gene (BRCA1 and 2) mutation"
    (
        "brca_status",
        r"brca ?1?/?2?|gbrca|brca1|brca2|breast cancer (?:susceptibility|predisposition) genes?",
    ),
    ("pd_l1_status", r"pd-?l1(?! inhibitor)"),
)
_POSITIVE = r"positive|\+|mutat\w*|mutant|altered|rearrange\w*|fusion|amplif\w*|overexpress\w*"
_NEGATIVE = r"negative|-negative|wild[- ]type|non-?mutated|without (?:a |an )?mutation"
_ANY_RESULT = re.compile(rf"{_POSITIVE}|{_NEGATIVE}")
_RESULT = re.compile(
    rf"^[- ]?(?:\([^()]{{1,20}}\)\s*)?(?:(?P<neg>{_NEGATIVE})|(?P<pos>{_POSITIVE}))"
)


# Markers named in brackets after the result they share ("Presence of primary driver mutations
# (epidermal growth factor receptor [EGFR], anaplastic lymphoma kinase [ALK], ... ROS1, ...)"):
# each is a positive result of its own. Only markers whose "positive" is such a mutation or
# rearrangement: a HER2 or PD-L1 "mutation" is not what their positive result means.
_LISTED = re.compile(
    r"(?:mutations?|alterations?|aberrations?|rearrangements?|fusions?)\s*"
    r"\((?P<items>(?:[^()]|\([^()]*\))*)\)"
)
_LISTABLE = {"egfr_status", "alk_status", "ros1_status", "kras_g12c_status"}


def read_biomarkers(ctx: Context) -> list[Atom]:
    """Each marker named with a result right after it ("HER2-negative", "EGFR mutation"), or
    listed in brackets after a shared positive result ("driver mutations (EGFR, ALK, ROS1)")."""
    atoms: list[Atom] = []
    if not _ANY_RESULT.search(ctx.low):
        return atoms
    for fact, words in _MARKERS:
        for match in re.finditer(rf"(?<![\w-])(?:{words})(?![\w])", ctx.low):
            result = _RESULT.match(ctx.low[match.end() : match.end() + 30])
            if not result:
                continue
            value = "negative" if result.group("neg") else "positive"
            condition = leaf(fact, "eq", value=value)
            atom = Atom(fact, match.start(), condition, f"{fact} == {value}", [fact], settled=True)
            atoms.append(atom)
            break
    read = {a.concept for a in atoms}
    for listed in _LISTED.finditer(ctx.low):
        start, items = listed.start("items"), listed.group("items")
        for fact, words in _MARKERS:
            found = re.search(rf"(?<![\w-])(?:{words})(?![\w])", items)
            if fact not in _LISTABLE or fact in read or found is None:
                continue
            condition = leaf(fact, "eq", value="positive")
            position = start + found.start()
            atoms.append(
                Atom(fact, position, condition, f"{fact} == positive", [fact], settled=True)
            )
            read.add(fact)
    return atoms
