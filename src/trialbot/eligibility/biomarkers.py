"""Named tumour marker results a patient can know: HER2, hormone receptors, EGFR, ALK, ROS1,
KRAS G12C, BRCA, PD-L1 ("HER2-negative breast cancer", "ALK-positive NSCLC", "EGFR mutation").

Each is a choice fact `<marker>_status` (positive / negative); "not sure" goes to the study team.
"""

from __future__ import annotations

import itertools
import re

from trialbot.eligibility.atoms import Atom, leaf, review_atom
from trialbot.eligibility.measures import Context

_MARKERS = (
    ("her2_status", r"her-?2|erbb2"),
    ("hormone_receptor_status", r"hormone receptor|hr|er/pr|estrogen receptor|oestrogen receptor"),
    ("egfr_status", r"egfr(?! ?-?tki| inhibitor| tyrosine)"),
    ("alk_status", r"alk(?! ?-?tki| inhibitor)"),
    ("ros1_status", r"ros-?1(?! inhibitor)"),
    # also "Kirsten rat sarcoma (KRAS) G12C", "KRAS p.G12C"
    ("kras_g12c_status", r"kras\)?[ -]?(?:p\.)?g12c"),
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
_NOT_MUTATIONS = {"her2_status", "pd_l1_status"}
_MUTATION = re.compile(r"(?:\([^()]*\)\s*)?(?:mutat|mutant)")
# A negation right before the marker, across words that only qualify it.
_ABSENT = re.compile(
    r"\b(?:no|not|without|absence of|free of|lack of|negative for)"
    r"(?:\s+(?:known|documented|confirmed|detectable|prior|evidence of|history of|a|an|any|"
    r"have|has|had|other|actionable|activating|sensitizing|sensitising|driver|oncogenic|genomic|"
    r"targetable))*\s+$"
)
_LISTABLE = {"egfr_status", "alk_status", "ros1_status", "kras_g12c_status"}


_JOINED = re.compile(r"[\s,]*(?:or|nor|and/or)?\s*(?:an?\s+|any\s+)?")


def _share_absence(low: str, atoms: list[Atom], ends: dict[int, int]) -> None:
    """ "must not have an EGFR mutation or ALK fusion": a marker joined by "or" to a negated one
    right before it is negated too."""
    ordered = sorted(atoms, key=lambda a: a.position)
    for before, atom in itertools.pairwise(ordered):
        end = ends.get(before.position)
        if before.negated and not atom.negated and end is not None and end <= atom.position:
            joined = _JOINED.fullmatch(low, end, atom.position)
            atom.negated = joined is not None


def read_biomarkers(ctx: Context) -> list[Atom]:
    """Each marker named with a result right after it ("HER2-negative", "EGFR mutation"), or
    listed in brackets after a shared positive result ("driver mutations (EGFR, ALK, ROS1)")."""
    atoms: list[Atom] = []
    ends: dict[int, int] = {}
    if not _ANY_RESULT.search(ctx.low):
        return atoms
    for fact, words in _MARKERS:
        for match in re.finditer(rf"(?<![\w-])(?:{words})(?![\w])", ctx.low):
            result = _RESULT.match(ctx.low[match.end() : match.end() + 30])
            if not result:
                continue
            if fact in _NOT_MUTATIONS and _MUTATION.match(result.group(0).strip(" -")):
                # "HER2 mutation", "HER2 exon 20 insertion": a gene change, not the HER2-positive
                # result (protein or amplification) the question asks about
                atoms.append(review_atom(fact, match.start()))
                break
            value = "negative" if result.group("neg") else "positive"
            condition = leaf(fact, "eq", value=value)
            atom = Atom(fact, match.start(), condition, f"{fact} == {value}", [fact], settled=True)
            # "No known EGFR mutation", "without HER2 amplification": the result must be absent
            atom.negated = bool(_ABSENT.search(ctx.low, 0, match.start()))
            ends[match.start()] = match.end() + result.end()
            atoms.append(atom)
            break
    _share_absence(ctx.low, atoms, ends)
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
