"""One-paragraph criteria texts and alternative groups of criteria are split as written."""

from __future__ import annotations

from trialbot.sources.criteria_split import split_criteria


def test_inline_sections_in_one_paragraph_are_split() -> None:
    """A one-paragraph text with both sections gives one criterion per ';' part, in its section."""
    text = (
        "Inclusion Criteria: Age 18 years or older; ECOG 0 or 1; adequate kidney function. "
        "Exclusion Criteria: Pregnant or breastfeeding women; active hepatitis B infection."
    )
    found = [(c.kind, c.text) for c in split_criteria(text)]
    assert found == [
        ("inclusion", "Age 18 years or older"),
        ("inclusion", "ECOG 0 or 1"),
        ("inclusion", "adequate kidney function."),
        ("exclusion", "Pregnant or breastfeeding women"),
        ("exclusion", "active hepatitis B infection."),
    ]


def test_a_lone_or_between_groups_makes_alternative_groups() -> None:
    """Two groups of inclusions separated by 'OR' are marked as alternatives, not all required."""
    text = (
        "Inclusion Criteria:\n\n* Untreated AML\n* Age >= 60\n\nOR\n\n"
        "* Relapsed AML\n* Age >= 18\n\nExclusion Criteria:\n\n* Pregnant"
    )
    texts = [c.text for c in split_criteria(text)]
    assert texts == [
        "Alternative 1", "Untreated AML", "Age >= 60",
        "Alternative 2", "Relapsed AML", "Age >= 18", "Pregnant",
    ]  # fmt: skip


def test_a_lone_or_between_two_items_still_joins_them() -> None:
    """'A OR B' between single items stays one criterion with both alternatives."""
    text = "Inclusion Criteria:\n\n* Adults\n* Either A\n\nOR\n\n* B\n"
    assert [c.text for c in split_criteria(text)] == ["Adults", "Either A\nOR\nB"]


def test_section_headings_for_a_phase_keep_the_phase() -> None:
    """'Inclusion Criteria for Phase II:' keeps 'Phase II' before its criteria; a later plain
    heading opens the criteria for all participants again."""
    text = (
        "Inclusion Criteria for Phase I:\n\n* ECOG 0-2\n\n"
        "Inclusion Criteria for Phase II:\n\n* ECOG 0-1\n\nExclusion Criteria:\n\n* Pregnant"
    )
    texts = [c.text for c in split_criteria(text)]
    assert texts == ["Phase I", "ECOG 0-2", "Phase II", "ECOG 0-1", "All participants", "Pregnant"]
