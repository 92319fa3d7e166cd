"""Scope: the cohort, part, arm, phase or disease group a criterion is limited to (`applies_to`).

Read from sub-headings between criteria ("Cohort 1", "Part B:") and from prefixes of a
criterion ("Cohort 2 only: ...", "PROSTATE CANCER: ...", "Cervix cohort: ..."). A scoped
criterion is never certain: the patient's cohort is for the study team to tell.
"""

from __future__ import annotations

import re

_GROUP = (
    r"(?:cohorts?|part|arm|phase|group|stratum|sub-?study|alternative|dose[- ]escalation|"
    r"dose[- ]expansion|expansion)"
)
_LABEL = r"[a-z0-9][\w.]{0,8}(?:\s*(?:,|and|or|&|/)\s*[a-z0-9][\w.]{0,8})*"
_HEADING = re.compile(
    rf"^\W*(?:(?:for\s+)?{_GROUP}\s+{_LABEL}(?:\s+only)?|{_LABEL}\s+{_GROUP}(?:\s+only)?|"
    rf"(?:criteria\s+)?for\s+{_GROUP}\s+{_LABEL})\s*(?:patients|participants)?\s*:?\s*$",
    re.IGNORECASE,
)
_PREFIX = re.compile(
    rf"^\W*((?:{_GROUP}\s+{_LABEL}(?:\s+only)?)|(?:[a-z][a-z /-]{{2,30}}\s+{_GROUP}(?:\s+only)?)|"
    r"(?:[A-Z][A-Z /-]{2,30}\s+(?:CANCER|CARCINOMA|TUMOU?RS?|LYMPHOMA|LEUKA?EMIA|MYELOMA|"
    r"SARCOMA|MELANOMA|COHORT))|(?:only\s+(?:for|in)\s+[^:]{3,30}))\s*:\s*\S",
    re.IGNORECASE,
)


_EVERYONE = re.compile(r"(?i)^\W*all (?:participants|patients|cohorts|parts|arms)\W*$")


def heading_scope(text: str) -> str | None:
    """The group a sub-heading line opens ("Cohort 1", "Part B:"); "" when it opens the criteria
    for everyone again ("All participants"); None for a criterion."""
    flat = " ".join(text.split())
    if len(flat) > 60:
        return None
    if _EVERYONE.match(flat):
        return ""
    match = _HEADING.match(flat)
    return flat.rstrip(" :") if match else None


def prefix_scope(text: str) -> str | None:
    """The group a criterion's own prefix names ("Cohort 2 only: ..." -> "Cohort 2 only")."""
    match = _PREFIX.match(" ".join(text.split()))
    if not match:
        return None
    words = match.group(1).strip()
    # Section labels of older records ("DISEASE CHARACTERISTICS:") are not groups.
    if re.search(r"(?i)characteristics|criteria|therapy|history|status", words):
        return None
    return words
