"""Karnofsky and Lansky limits against an ECOG answer: only levels whose whole Karnofsky range lies
on one side of the limit are settled; the others go to the study team (audit3 finding 1)."""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import evaluate
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import CriterionKind, CriterionText
from trialbot.eligibility import read_criterion
from trialbot.eligibility.performance import ecog_to_karnofsky, karnofsky_limits
from trialbot.eligibility.rule_syntax import parse_rule

TODAY = datetime.date(2026, 12, 1)
WORDING = {"label", "unit", "choices"}


def _read(kind: CriterionKind, text: str) -> StructuredCriterion:
    (reading,) = read_criterion(CriterionText(id="c-1", kind=kind, text=text))
    return reading


def _statuses(reading: StructuredCriterion) -> list[str]:
    return [evaluate(reading, {"ecog_level": str(n)}, TODAY).status for n in range(5)]


def _bare(node: object) -> object:
    if isinstance(node, dict):
        return {k: _bare(v) for k, v in node.items() if k not in WORDING}
    if isinstance(node, list):
        return [_bare(v) for v in node]
    return node


def test_kps_over_60_never_excludes_an_ecog_2_answer() -> None:
    """'KPS>60;' (NCT04265963): ECOG 2 ("can take care of myself, can't work") can be Karnofsky
    70, so it is the study team's call; ECOG 3-4 (Karnofsky 50 or less) fail it for sure."""
    reading = _read("inclusion", "KPS>60;")
    assert _statuses(reading) == ["met", "met", "unknown", "not_met", "not_met"]
    assert "study team" in evaluate(reading, {"ecog_level": "2"}, TODAY).reason
    assert reading.confidence == "certain"  # the rule itself says which answers it cannot settle


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (
            "inclusion",
            "Karnofsky Performance Status of 70 or higher",
            ["met", "met", "unknown", "not_met", "not_met"],
        ),
        (
            "inclusion",
            "Lansky play-performance score > 50",
            ["met", "met", "unknown", "not_met", "not_met"],
        ),
        (
            "inclusion",
            "Karnofsky 80-100%",
            ["met", "unknown", "not_met", "not_met", "not_met"],
        ),
        (
            "inclusion",
            "ECOG performance status 0-1, or Karnofsky score >/= 70%",
            ["met", "met", "unknown", "not_met", "not_met"],
        ),
        (
            "exclusion",
            "Karnofsky performance status below 60%",
            ["met", "met", "unknown", "not_met", "not_met"],
        ),
    ],
)
def test_other_karnofsky_wordings_settle_only_whole_ranges(
    kind: CriterionKind, text: str, expected: list[str]
) -> None:
    """Invented wordings of the same kind: an ECOG level straddling the limit is never decided."""
    assert _statuses(_read(kind, text)) == expected


def test_an_ecog_limit_with_its_own_karnofsky_equivalent_stays_exact() -> None:
    """'ECOG <= 2 (Karnofsky >= 60%)': the ECOG levels are written, so ECOG 3 fails for sure."""
    reading = _read("inclusion", "ECOG performance status ≤2 (Karnofsky ≥60%, see Appendix A).")
    assert _statuses(reading) == ["met", "met", "met", "not_met", "not_met"]
    assert reading.rule == "ecog_level <= 2"


def test_the_printed_rule_reads_back_to_the_same_check() -> None:
    """Staff see 'ecog_level <= 1 or (ecog_level == 2 and study team)' and can type it back."""
    reading = _read("inclusion", "KPS>60;")
    assert reading.rule == "ecog_level <= 1 or (ecog_level == 2 and study team)"
    assert _bare(parse_rule(reading.rule).condition) == _bare(reading.condition)


def test_ages_are_not_karnofsky_scores() -> None:
    """'Lansky (12-15 years of age) or Karnofsky (16+ years of age) score >= 50%' reads 50 only."""
    text = "lansky (12-15 years of age) or karnofsky (16+ years of age) score >= 50%"
    assert karnofsky_limits(text) == [(">=", 50.0)]


def test_every_ecog_level_has_a_karnofsky_range_and_the_ranges_meet() -> None:
    """The correspondence table covers ECOG 0-4, from Karnofsky 100 down, without gaps."""
    table = ecog_to_karnofsky()
    assert sorted(table) == [0, 1, 2, 3, 4]
    assert table[0][1] == 100
    for level in range(4):
        assert table[level + 1][1] >= table[level][0]  # neighbouring levels touch or overlap
