"""Scope: the cohort, part, arm, phase or disease group a criterion is limited to (`applies_to`).

Read from sub-headings between criteria ("Cohort 1", "Part B:", "PATIENTS WHO HAVE UNDERGONE
HCT:"), from prefixes of a criterion ("Cohort 2 only: ...", "PROSTATE CANCER: ...", "(Phase 1a
only) ...", "For Dose-Escalation only: ...") and from a group named as "only" inside it ("...
(Arm 3 only)", "... Part 2 only"). Arms are named by a drug ("For ASP3082 Combination
Therapy:", "For participants in the atezolizumab cohort:"), section headings name their group
after "for" or in brackets ("Additional Exclusion Criteria for X Arm (Cohort 1, Stage 1):"), and
a heading naming every group ("For both Cohorts 1 and 2:") is for everyone. The group words are
data (`rules/scope.yaml`). A scoped criterion is never certain: the patient's cohort is for the
study team to tell.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml


@cache
def _rules() -> dict[str, list[str]]:
    path = resources.files("trialbot.eligibility").joinpath("rules/scope.yaml")
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def _words(key: str) -> str:
    return "(?:" + "|".join(_rules()[key]) + ")"


_LABEL = r"[a-z0-9][\w.-]{0,8}(?:\s*(?:,|and|or|&|/)\s*[a-z0-9][\w.-]{0,8})*"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    group = _words("group_words")
    return {
        "heading": re.compile(
            rf"^\W*(?:(?:for\s+)?{group}\s+{_LABEL}(?:\s+only)?|{_LABEL}\s+{group}(?:\s+only)?|"
            rf"(?:criteria\s+)?for\s+{group}\s+{_LABEL})\s*(?:patients|participants)?\s*:?\s*$",
            re.IGNORECASE,
        ),
        "prefix": re.compile(
            rf"^\W*((?:{group}\s+{_LABEL}(?:\s+only)?)|(?:[a-z0-9][\w /-]{{2,30}}\s+{group}"
            r"(?:\s+only)?)|(?:[A-Z][A-Z /-]{2,30}\s+(?:CANCER|CARCINOMA|TUMOU?RS?|LYMPHOMA|"
            r"LEUKA?EMIA|MYELOMA|SARCOMA|MELANOMA|COHORT))|(?:only\s+(?:for|in)\s+[^:]{3,30}))"
            r"\s*:\s*\S",
            re.IGNORECASE,
        ),
        # "(Phase 1a only) Participants ...", "For Dose-Escalation only: ...", "HNSCC only: ...",
        # "Cohort A only - Patient must ...", "For subjects in the combination cohorts only, ..."
        "only_prefix": re.compile(
            r"^\s*(?:\(\s*(?P<paren>[^()]{2,50}?\bonly)\s*\)"
            r"|(?P<lead>[^:;()]{2,60}?(?:\([^()]{1,40}\)[^:;()]{0,30}?)?\bonly"
            r"|[^:;()]{2,60}?\([^()]{0,40}\bonly\))"
            r"\s*(?::|\s[-–]\s)"
            r"|(?P<for>for\s+[^:;()]{2,60}?(?:\([^()]{1,40}\)[^:;()]{0,30}?)?\bonly),)\s*\S",
            re.IGNORECASE,
        ),
        # "For Cohort A, ...", "In Phase 1b, patients must ...", "For Part 1 Dose Escalation, ..."
        "for_group": re.compile(
            rf"^\W*((?:for|in)\s+(?:the\s+)?(?:{group}\s+{_LABEL}|{_LABEL}\s+{group}\b)"
            r"[^:;,()]{0,25}?)\s*[,:]\s*\S",
            re.IGNORECASE,
        ),
        # a bracket naming groups ("(ARMS A and B)"): beside an "(ARM A only)" in the same
        # criterion, the "only" is one clause's, not the criterion's
        "group_bracket": re.compile(rf"\([^()]{{0,50}}\b{group}\b[^()]{{0,30}}\)", re.IGNORECASE),
        # "... (Arm 3 only)", "... (excluded from Phase 1 cohorts only)", "... Part 2 only."
        "only_inside": re.compile(
            rf"\((?P<paren>[^()]{{0,50}}\b{group}\b[^()]{{0,30}}?\s+only)\s*\)"
            rf"|\b(?P<tail>{group}\s+{_LABEL}\s+only)\W*$",
            re.IGNORECASE,
        ),
        # "For ASP3082 Combination Therapy:", "For participants in the atezolizumab cohort:",
        # "For the patients in the cohort including atezolizumab:"
        "for_arm": re.compile(
            rf"^\W*(?:only\s+)?for\s+(?:the\s+)?(?:(?:patients|participants|subjects)\s+(?:in|on|"
            rf"receiving|assigned\s+to)\s+(?:the\s+|either\s+of\s+the\s+)?)?(?P<words>[^:;,()]{{0,50}}?)"
            rf"\b(?:{group}|{_words('arm_words')})\b(?P<tail>\s+(?:including|with|receiving)\s+"
            r"[^:;,]{2,40}?)?(?:\s+only)?\s*:\s*$",
            re.IGNORECASE,
        ),
        "later_step": re.compile(rf"^\W*({_words('later_steps')})\s*:\s*\S", re.IGNORECASE),
        "group": re.compile(rf"\b{group}\b", re.IGNORECASE),
        "patients": re.compile(rf"^\W*(?:for\s+)?{_words('patient_groups')}", re.IGNORECASE),
        "not_heading": re.compile(rf"\b{_words('not_headings')}\b", re.IGNORECASE),
        "not_group": re.compile(rf"\b{_words('not_groups')}\b", re.IGNORECASE),
        "everyone": re.compile(rf"^\W*{_words('everyone')}\W*$", re.IGNORECASE),
    }


def _named_group(words: str) -> bool:
    """A heading's words (without the colon) that name a group of participants: a group word
    ("Main study cohort", "Cohort 1 (Non-small cell lung cancer)") or patients named in capitals
    or as "only" ("PATIENTS WHO HAVE UNDERGONE HCT"), and no word of a criterion or list lead."""
    found = _patterns()
    if found["not_heading"].search(words):
        return False
    if found["group"].search(words):
        return True
    named = found["patients"].match(words) is not None
    return named and (words.isupper() or re.search(r"(?i)\bonly\b", words) is not None)


def heading_scope(text: str) -> str | None:
    """The group a sub-heading line opens ("Cohort 1", "Part B:"); "" when it opens the criteria
    for everyone again ("All participants"); None for a criterion."""
    flat = " ".join(text.split())
    if len(flat) > 80:
        return None
    if _patterns()["everyone"].match(flat):
        return ""
    if len(flat) <= 60 and _patterns()["heading"].match(flat):
        return flat.rstrip(" :")
    if flat.endswith(":") and _named_group(flat.rstrip(" :")):
        return flat.rstrip(" :")
    arm = _patterns()["for_arm"].match(flat)
    if arm and not _patterns()["not_heading"].search(arm.group("words")):
        return flat.rstrip(" :")
    return None


# A section heading that names its group after "for" or "only to": "Additional Exclusion Criteria
# for Giredestrant + Ipatasertib Arm (Cohort 1, Stage 1):", "Following additional exclusion
# criteria applies only to the patients in the cohort including atezolizumab:"; or in brackets:
# "Exclusion Criteria (Cohort 1, Stage 1)".
_SECTION_FOR = re.compile(
    r"(?i)\b(?:criteria|inclusion|exclusion)\b[^:]*?\b(?:for|in|to|specific\s+to)\s+(?:the\s+)?"
    r"(?:(?:patients|participants|subjects)\s+(?:in|on|receiving)\s+(?:the\s+|either\s+of\s+the\s+)?)?"
    r"(?P<group>[^:]{2,120}?)\s*(?::|$)"
)
# A section heading opened by its group: "Sub study 1 Specific Inclusion criteria",
# "Cohort B additional exclusion criteria".
_SECTION_LEAD = re.compile(
    r"(?i)^\W*(?P<group>[^:()]{2,60}?)\s+(?:(?:specific|additional|specific\s+additional)\s+)?"
    r"(?:inclusion|exclusion)\b"
)
_ENROLLING_IN = re.compile(r"(?i)^(?:patients|participants|subjects)\s+\w+\s+(?:in|on|to)\s+")
_SECTION_BRACKETS = re.compile(r"\((?P<group>[^()]{2,60})\)")


def section_group(heading: str) -> str | None:
    """The sub-heading a section heading's group is kept as ("Giredestrant + Ipatasertib Arm
    (Cohort 1, Stage 1):"), "" when it names every group, None when it names none."""
    flat = " ".join(heading.split()).strip(" *-•")
    found = _SECTION_FOR.search(flat)
    candidates = [found.group("group")] if found else []
    candidates += [m.group("group") for m in _SECTION_BRACKETS.finditer(flat)]
    lead = _SECTION_LEAD.match(flat)
    candidates += [lead.group("group")] if lead else []
    for words in candidates:
        words = re.sub(r"(?i)\s+only$", "", words.strip(" .,;"))
        words = _ENROLLING_IN.sub("", words)  # "participants enrolling in Phase 1 or Phase 2"
        if _patterns()["everyone"].match(words):
            return ""
        for text in (words, f"{words}:", f"For the {words}:"):
            if heading_scope(text):
                return text
    return None


def _not_a_group(words: str) -> bool:
    """Words that name no group: section labels of older records, a sex."""
    found = _patterns()
    return found["not_group"].search(words) is not None and not found["group"].search(words)


def prefix_scope(text: str) -> str | None:
    """The group a criterion's own prefix names ("Cohort 2 only: ..." -> "Cohort 2 only"), or
    the group it names as "only" ("... (Phase 2 only)" -> "Phase 2 only")."""
    flat = " ".join(text.split())
    found = _patterns()
    step = found["later_step"].match(flat)
    if step:
        return step.group(1)
    parts = _disease_parts(flat)
    if parts:
        return parts
    match = found["prefix"].match(flat)
    if match:
        words = match.group(1).strip()
        # Section labels of older records ("DISEASE CHARACTERISTICS:") are not groups.
        return (
            None
            if re.search(r"(?i)characteristics|criteria|therapy|history|status", words)
            else words
        )
    for name in ("for_group", "only_prefix", "only_inside"):
        match = found[name].search(flat) if name == "only_inside" else found[name].match(flat)
        if match and name == "only_inside" and len(found["group_bracket"].findall(flat)) > 1:
            continue  # "(ARM A only) or ... (ARMS A and B)": each clause names its own arms
        if match:
            words = next(g for g in match.groups() if g).strip()
            if not _not_a_group(words):
                return words
    return named_prefix(flat)


# The words before a criterion's first colon ("Cohort 1 (n=200 participants): Women scheduled
# ...") and, after a disease name, a second colon ending a list of parts ("CRC: Part 1A, Part
# 2A-CRC, Part 1B, and Part 2B: i) ...").
_HEAD = re.compile(r"^(?P<head>[^:;]{1,120}?)\s*:\s+(?P<rest>\S.*)$")
_LIST_MARK = re.compile(r"^\s*\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})\)\s+")
# A disease named before the list of parts: an abbreviation ("CRC", "NSCLC", "HNSCC") or up to
# three words ending in a kind of cancer ("Breast cancer", "Non-Hodgkin lymphoma").
_DISEASE_NAME = re.compile(
    r"^(?-i:[A-Z][A-Z0-9/+-]{1,9})$|^(?i:(?:[\w/+-]+\s+){0,2}(?:cancer|carcinoma|tumou?rs?|"
    r"lymphoma|leuka?emia|myeloma|sarcoma|melanoma|glioma|mesothelioma))$"
)
# A group word with its label after it ("Part 2E", "Cohort 1", "ARM VII", "Parts 1A and 2B") or
# a name before it that ends the words ("RT Cohort", "Mantle Cell Lymphoma (MCL) Cohort",
# "BBI-355 combination with BBI-825 arm", "food effect exploration part").
_GROUP_LABEL = (
    r"(?:\d{1,2}[A-Za-z]?|[A-Za-z]\d{0,2}|(?-i:[IVX]{1,5}|[ivx]{1,5}|[A-Z]{2,3}\d{0,2}))\b"
)
# "Subjects in venetoclax + JCAR017 combination cohort must: ...": the group a requirement is for.
_MEMBERS_MUST = re.compile(
    r"(?i)^(?:for\s+)?(?:subjects|participants|patients)\s+(?:in|on|enrolled\s+in|"
    r"participating\s+in|assigned\s+to|receiving)\s+(?:the\s+)?(?P<group>[^:;,.]{2,80}?)\s+"
    r"must(?:\s+(?:either|also|have))?\s*:"
)


def named_prefix(flat: str) -> str | None:
    """The group named by the words before a criterion's first colon when they name a group and
    no requirement: "Cohort 1 (n=200 participants): ..." -> "Cohort 1 (n=200 participants)",
    "(ARM VII): ..." -> "ARM VII", "RT Cohort: ..." -> "RT Cohort", "Subjects in venetoclax +
    JCAR017 combination cohort must: ..." -> "venetoclax + JCAR017 combination cohort"; None for a
    criterion ("Eastern Cooperative Oncology Group (ECOG)
    Performance Status: 0-1", "Part of a vulnerable population (ex: ...)")."""
    members = _MEMBERS_MUST.match(flat)
    if members and _patterns()["group"].search(members.group("group")):
        return members.group("group")
    found = _HEAD.match(flat)
    if found is None:
        return None
    head = _LIST_MARK.sub("", found.group("head")).strip()
    if not _names_group(head):
        return None
    return head[1:-1].strip() if head.startswith("(") and head.endswith(")") else head


def _disease_parts(flat: str) -> str | None:
    """A disease and the parts or cohorts for it, each ending with a colon: "CRC: Part 1A, Part
    2A-CRC, Part 1B, and Part 2B: i) ..." -> "CRC: Part 1A, Part 2A-CRC, Part 1B, and Part 2B"."""
    found = _HEAD.match(flat)
    if found is None:
        return None
    head = _LIST_MARK.sub("", found.group("head")).strip()
    if _patterns()["group"].search(head) or not _DISEASE_NAME.match(head):
        return None
    second = _HEAD.match(found.group("rest"))
    if second is None or not _names_group(second.group("head").strip()):
        return None
    return f"{head}: {second.group('head').strip()}"


_NAME_WORDS = 9


def _names_group(head: str) -> bool:
    """Words naming a group of participants: a group word with its label or a name before it,
    no verb of a requirement, no sentence, no name that only holds a group word."""
    found = _patterns()
    if re.search(r"\.\s|\s[-–]\s", head) or found["not_heading"].search(head):
        return False
    if re.search(rf"(?i)\b{_words('not_group_names')}", head):
        return False
    group = _words("group_words")
    labelled = re.search(rf"(?i)\b{group}\s+{_GROUP_LABEL}", head)
    named = len(head.split()) <= _NAME_WORDS and re.search(rf"(?i)\S\s+{group}\W*$", head)
    return bool(labelled or named)
