"""Requirements a study fulfils itself: a biopsy done at screening is not asked of the patient.

"Histologically confirmed ... based on a newly obtained core biopsy performed during study
screening procedures": a patient without a biopsy yet is how every candidate starts, so the
readings of "a biopsy that confirmed the diagnosis" of such a trial, in this criterion and in any
other ("... with histologically confirmed diagnosis of renal cell carcinoma"), go to the study
team. Words in `rules/by_design.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import yaml

from trialbot.domain.criteria import StructuredCriterion
from trialbot.eligibility.own_disease import to_study_team


@cache
def _done_at_screening() -> dict[str, re.Pattern[str]]:
    data = yaml.safe_load((Path(__file__).parent / "rules" / "by_design.yaml").read_text("utf-8"))
    return {
        fact: re.compile("|".join(words), re.I) for fact, words in data["done_at_screening"].items()
    }


def study_fulfilled(structured: Sequence[StructuredCriterion]) -> list[StructuredCriterion]:
    """The readings, with those of a fact the study provides at screening given to the team."""
    texts = {" ".join(item.text.split()) for item in structured if item.kind == "inclusion"}
    provided = {
        fact for fact, words in _done_at_screening().items() if any(words.search(t) for t in texts)
    }
    if not provided:
        return list(structured)
    return [
        to_study_team(item)
        if item.concept in provided and not item.needs_review and item.kind == "inclusion"
        else item
        for item in structured
    ]
