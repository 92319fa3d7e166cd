"""Three-valued evaluation of condition trees (domain/conditions.py)."""

from __future__ import annotations

import datetime

from trialbot.domain.conditions import evaluate_condition
from trialbot.domain.facts import NEVER, UNKNOWN

TODAY = datetime.date(2026, 5, 1)
QTC = {"op": "cmp", "fact": "qtc_ms", "cmp": ">", "value": 480}
PREG = {"op": "only_if", "when": {"op": "eq", "fact": "sex", "value": "female"},
        "then": {"op": "true", "fact": "pregnant"}}  # fmt: skip


def test_leaf_true_false_unknown_missing() -> None:
    """A leaf is true, false, unknown (patient unsure) or missing (not asked)."""
    assert evaluate_condition(QTC, {"qtc_ms": 500}, TODAY).value is True
    assert evaluate_condition(QTC, {"qtc_ms": 450}, TODAY).value is False
    unsure = evaluate_condition(QTC, {"qtc_ms": UNKNOWN}, TODAY)
    assert unsure.value is None and unsure.unsure == ["qtc_ms"] and unsure.missing == []
    missing = evaluate_condition(QTC, {}, TODAY)
    assert missing.value is None and missing.missing == ["qtc_ms"]


def test_bad_value_is_unknown_not_error() -> None:
    """A value of the wrong type (text for a number) evaluates unknown instead of raising."""
    assert evaluate_condition(QTC, {"qtc_ms": "high"}, TODAY).value is None


def test_any_decides_on_one_true() -> None:
    """any: one true settles it; all false is false; otherwise unknown with what is missing."""
    bp = {"op": "any", "of": [{"op": "cmp", "fact": "sys", "cmp": ">=", "value": 140},
                              {"op": "cmp", "fact": "dia", "cmp": ">=", "value": 90}]}  # fmt: skip
    assert evaluate_condition(bp, {"sys": 150}, TODAY).value is True
    assert evaluate_condition(bp, {"sys": 120, "dia": 80}, TODAY).value is False
    assert evaluate_condition(bp, {"sys": 120}, TODAY).missing == ["dia"]


def test_only_if_does_not_apply_to_males() -> None:
    """only_if: not applicable when the condition is false; applicability facts asked first."""
    assert evaluate_condition(PREG, {"sex": "male"}, TODAY).applies is False
    assert evaluate_condition(PREG, {"sex": "female", "pregnant": True}, TODAY).value is True
    assert evaluate_condition(PREG, {}, TODAY).missing == ["sex", "pregnant"]


def test_within_days_and_never() -> None:
    """Dated events: within the window, outside it, or never."""
    clot = {"op": "within", "fact": "last_blood_clot", "days": 182}
    assert evaluate_condition(clot, {"last_blood_clot": "2026-02-01"}, TODAY).value is True
    assert evaluate_condition(clot, {"last_blood_clot": "2025-02-01"}, TODAY).value is False
    assert evaluate_condition(clot, {"last_blood_clot": NEVER}, TODAY).value is False


def test_class_fact_implied_by_member() -> None:
    """A yes for a member drug answers the class question."""
    leaf = {
        "op": "true",
        "fact": "prior_topoisomerase_inhibitor",
        "implied_by": ["prior_irinotecan"],
    }
    assert evaluate_condition(leaf, {"prior_irinotecan": True}, TODAY).value is True
    assert evaluate_condition(leaf, {"prior_irinotecan": False}, TODAY).value is None


def test_review_is_always_unknown() -> None:
    """A study-team item is unknown whatever the profile says."""
    result = evaluate_condition({"op": "review"}, {"x": True}, TODAY)
    assert result.value is None and result.review
