"""The staff rule parser reads the words `criteria show` prints, and refuses anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from measure_rule_roundtrip import bare

from trialbot.eligibility import read_criteria
from trialbot.eligibility.rule_syntax import RuleSyntaxError, parse_rule
from trialbot.sources.readers import read_document


def test_every_rule_printed_for_the_seeds_reads_back_to_the_same_check(seeds_dir: Path) -> None:
    """Each structured reading of both seed trials, printed as `criteria show` prints it, parses
    back to the reader's own condition (wording keys aside)."""
    printed = [
        c
        for path in sorted(seeds_dir.iterdir())
        for trial in read_document(path)
        for c in read_criteria(trial)
        if c.rule is not None and not c.needs_review
    ]
    assert len(printed) > 30
    for criterion in printed:
        assert bare(parse_rule(criterion.rule or "").condition) == bare(criterion.condition), (
            criterion.id
        )


@pytest.mark.parametrize(
    ("rule", "facts"),
    [
        ("age_years >= 6 months", ["age_years"]),
        ("last_radiotherapy within 3 weeks", ["last_radiotherapy"]),
        ("any of (allergy_apatinib, allergy_irinotecan == yes)",
         ["allergy_apatinib", "allergy_irinotecan"]),
        ("all of: histology_confirmed, not brain_metastases",
         ["histology_confirmed", "brain_metastases"]),
        ("pregnant == yes (females)", ["pregnant", "sex"]),
        ("lvef_percent < 50 %", ["lvef_percent"]),
    ],
)  # fmt: skip
def test_units_windows_and_groups_are_read(rule: str, facts: list[str]) -> None:
    """Units convert through pint to the fact's own unit, windows to days, groups nest."""
    assert parse_rule(rule).facts == facts


def test_a_unit_converts_to_the_facts_unit() -> None:
    """ "6 months" of age is half a year; "3 weeks" is a 21-day window."""
    assert parse_rule("age_years >= 6 months").condition["value"] == 0.5
    assert parse_rule("last_radiotherapy within 3 weeks").condition["days"] == 21


@pytest.mark.parametrize(
    ("rule", "named"),
    [
        ("agee_years >= 18", "unknown fact 'agee_years' (did you mean age_years?)"),
        ("anc >= 1.5 10^9/L", "unknown fact 'anc'"),
        ("age_years >= 18 blorps", "unknown unit 'blorps'"),
        ("qtc_ms > 480 kg", "unit 'kg' does not fit qtc_ms"),
        ("last_radiotherapy within 3 fortnights", "unknown unit 'fortnights'"),
        ("disease_status == exploding", "unknown value 'exploding' for disease_status"),
        ("pregnant == maybe", "pregnant is a yes/no fact"),
        ("allergy to any of: unobtainium", "unknown drug 'unobtainium'"),
        ("age_years >= 18 (adults)", "unknown qualifier 'adults'"),
        ("age_years >= 18 and", "the rule ends too early"),
        ("", "the rule is empty"),
    ],
)
def test_mistakes_are_errors_that_name_the_word(rule: str, named: str) -> None:
    """A wrong fact, unit, value or word is a RuleSyntaxError naming it, never a guess."""
    with pytest.raises(RuleSyntaxError) as error:
        parse_rule(rule)
    assert named in str(error.value)
