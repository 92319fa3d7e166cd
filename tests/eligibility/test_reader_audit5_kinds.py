"""Partial readings a coordinator audit of five unseen trials found contradicting their text
(NCT06907615, NCT05498272, NCT05336812, NCT05904093, NCT06541847), each kind pinned with the
real wording and wordings invented to check the kind."""

from __future__ import annotations

import pytest

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionKind, CriterionText
from trialbot.eligibility import read_criterion


def _read(kind: CriterionKind, text: str) -> list[StructuredCriterion]:
    return read_criterion(CriterionText(id="c-1", kind=kind, text=text))


def _rules(kind: CriterionKind, text: str) -> dict[str, str | None]:
    return {r.concept: r.rule for r in _read(kind, text) if r.concept and not r.needs_review}


# 1. An exception that belongs to another item of the list is no exception of the cancer item.
_SCD_LIST = (
    "Have a significant medical condition that confers an unacceptable risk to participating in "
    "the study. Such significant medical conditions include, but are not limited to the "
    "following: 1. History of neutropenia (benign ethnic neutropenia and/or acquired neutropenia "
    "related to drug suppression by hydroxyurea and/or cyclic hematopoiesis are permitted). "
    "2. History of posterior reversible encephalopathy syndrome (PRES) 3. History of poorly "
    "controlled hypertension unless controlled for >90 days prior to enrollment. 5. History of "
    "drug-induced cholestatic hepatitis. 6. History of any primary malignancy. 7. Testing "
    "positive for human immunodeficiency virus 1 or 2 Ab with evidence for ongoing active "
    "infection. 12. Currently pregnant or lactating."
)


@pytest.mark.parametrize(
    "text",
    [
        _SCD_LIST,
        "- Uncontrolled diabetes unless on a stable regimen - History of another malignancy "
        "- Active hepatitis B (carriers on antivirals are allowed)",
        "a) Prior allogeneic transplant is permitted b) Known second primary cancer "
        "c) Known HIV infection",
    ],
)
def test_another_items_exception_is_no_low_risk_permission(text: str) -> None:
    """NCT05904093 exc-2e: '6. History of any primary malignancy' has no exception; the
    'permitted' and 'unless' of items 1 and 3 are theirs."""
    rule = _rules("exclusion", text)["other_cancer"]
    assert rule is not None
    assert "other_cancer_low_risk" not in rule


@pytest.mark.parametrize(
    "text",
    [
        "1. Known HIV infection. 2. History of another malignancy, except adequately treated "
        "basal cell carcinoma of the skin. 3. Active hepatitis B",
        "History of other malignancy within 3 years, except curatively treated carcinoma in situ",
    ],
)
def test_the_cancer_items_own_exception_is_still_read(text: str) -> None:
    rule = _rules("exclusion", text)["other_cancer"]
    assert rule is not None
    assert rule.endswith("and not other_cancer_low_risk")
