"""Criteria splitting on headings, lists, sub-bullets and escapes, pinned by real corpus texts."""

from __future__ import annotations

import json
from pathlib import Path

from trialbot.sources.criteria_split import split_criteria, unescape_markdown


def _corpus_text(corpus_dir: Path, nct_id: str) -> str:
    """The eligibility text of one corpus trial."""
    record = json.loads((corpus_dir / f"{nct_id}.json").read_text("utf-8"))
    return record["protocolSection"]["eligibilityModule"]["eligibilityCriteria"]


def _kinds(items: list) -> dict[str, int]:
    """Counts per kind."""
    return {
        "inclusion": sum(c.kind == "inclusion" for c in items),
        "exclusion": sum(c.kind == "exclusion" for c in items),
    }


def test_numbered_lists_with_headings_get_stable_ids() -> None:
    """Numbered inclusion and exclusion items get inc-N / exc-N ids in document order."""
    text = (
        "Inclusion Criteria:\n\n1. Age 18 or older\n2. ECOG 0-1\n\n"
        "Exclusion Criteria:\n\n1. Pregnant"
    )
    items = split_criteria(text)
    assert [(c.id, c.kind, c.text) for c in items] == [
        ("inc-1", "inclusion", "Age 18 or older"),
        ("inc-2", "inclusion", "ECOG 0-1"),
        ("exc-1", "exclusion", "Pregnant"),
    ]


def test_heading_variants_are_recognized() -> None:
    """'* INCLUSION CRITERIA:', 'Key Exclusion Criteria', '... include:' headings switch kinds."""
    text = (
        "* INCLUSION CRITERIA:\n\nAdults.\n\nKey Exclusion Criteria\n\n* Smokers\n\n"
        "Key Inclusion Criteria:\n* Consent\n\n"
        "Exclusion criteria for patients include:\n\nAge less than 16."
    )
    items = split_criteria(text)
    assert [(c.kind, c.text) for c in items] == [
        ("inclusion", "Adults."),
        ("exclusion", "Smokers"),
        ("inclusion", "Consent"),
        ("exclusion", "Age less than 16."),
    ]
    assert [c.id for c in items] == ["inc-1", "exc-1", "inc-2", "exc-2"]


def test_markdown_escapes_are_undone() -> None:
    """'\\<', '\\>=' and '\\*' come back as plain characters."""
    assert unescape_markdown(r"ANC \>= 1.5, QTc \< 470, \*note, 10\^9/L") == (
        "ANC >= 1.5, QTc < 470, *note, 10^9/L"
    )
    items = split_criteria("Inclusion Criteria:\n\n* Platelets \\>= 100,000/mm3")
    assert items[0].text == "Platelets >= 100,000/mm3"


def test_sub_bullets_stay_with_their_parent() -> None:
    """Indented sub-items become lines of their parent criterion, not criteria of their own."""
    text = (
        "Inclusion Criteria:\n\n* Adequate organ function:\n"
        "  * ANC ≥ 1500/µL\n  * Platelets ≥ 100 000/µL\n"
        "* Signed consent"
    )
    items = split_criteria(text)
    assert len(items) == 2
    assert items[0].text == "Adequate organ function:\n- ANC ≥ 1500/µL\n- Platelets ≥ 100 000/µL"
    assert items[1].text == "Signed consent"


def test_odd_spacing_and_empty_items() -> None:
    """Runs of spaces, tabs and non-breaking spaces collapse; empty bullets are dropped."""
    text = (
        "Inclusion Criteria:\n\n*   Age\u00a0\u00a0≥ 18\tyears\n* \n*\n\nExclusion Criteria:\n\n-"
    )
    items = split_criteria(text)
    assert [c.text for c in items] == ["Age ≥ 18 years"]


def test_no_heading_means_inclusion_and_empty_text_means_nothing() -> None:
    """A text without headings is read as inclusion; an empty text yields no criteria."""
    assert [c.kind for c in split_criteria("* Adults\n* Consent")] == ["inclusion", "inclusion"]
    assert split_criteria("") == []
    assert split_criteria("   \n\n ") == []


def test_paragraph_only_text_with_caps_headings(corpus_dir: Path) -> None:
    """NCT00001465: paragraphs under '* INCLUSION CRITERIA:' / 'EXCLUSION CRITERIA:' split."""
    items = split_criteria(_corpus_text(corpus_dir, "NCT00001465"))
    assert _kinds(items) == {"inclusion": 7, "exclusion": 3}
    assert items[7].id == "exc-1" and items[7].text == "Age less than 16."
    assert not any("EXCLUSION CRITERIA" in c.text for c in items)


def test_deeply_nested_lists_keep_children(corpus_dir: Path) -> None:
    """NCT05702853: numbered groups with lettered and bulleted children stay whole."""
    items = split_criteria(_corpus_text(corpus_dir, "NCT05702853"))
    first = items[0]
    assert first.id == "inc-1" and first.text.startswith("Disease Related Criteria")
    assert "- Burkitt Lymphoma" in first.text and "4. Chronic Lymphocytic Leukemia" in first.text
    assert "Patients eligible for study participation" not in first.text


def test_inline_headings_on_bullets(corpus_dir: Path) -> None:
    """NCT06964633: '* Inclusion Criteria Self-identified ...' starts the section inline."""
    items = split_criteria(_corpus_text(corpus_dir, "NCT06964633"))
    assert [c.kind for c in items] == ["inclusion", "exclusion"]
    assert items[0].text.startswith("Self-identified as male")
    assert items[1].text.startswith("Under 18 years of age")


def test_sentence_headings_and_html_entities(corpus_dir: Path) -> None:
    """NCT03592472: '... following criteria ... will not be enrolled:' opens the exclusions."""
    items = split_criteria(_corpus_text(corpus_dir, "NCT03592472"))
    assert _kinds(items) == {"inclusion": 9, "exclusion": 8}
    assert items[-3].text == "Has a QTcF interval > 480 msec."
    cut = split_criteria(_corpus_text(corpus_dir, "NCT06632977"))
    assert any("> 160 mmHg" in c.text for c in cut)
    assert not any("&gt;" in c.text or "\\" in c.text for c in cut)


def test_mentions_of_criteria_inside_items_are_not_headings(corpus_dir: Path) -> None:
    """NCT05115812: 'Subjects who do not meet the inclusion criteria' stays an exclusion item."""
    items = split_criteria(_corpus_text(corpus_dir, "NCT05115812"))
    assert items[-1].kind == "exclusion"
    assert items[-1].text == "Subjects who do not meet the inclusion criteria"


def test_boilerplate_other_criteria_apply_is_dropped(corpus_dir: Path) -> None:
    """'Other protocol-defined inclusion/exclusion criteria may apply.' is not a criterion."""
    items = split_criteria(_corpus_text(corpus_dir, "NCT06780670"))
    assert _kinds(items) == {"inclusion": 8, "exclusion": 7}
    assert not any("may apply" in c.text for c in items)


def test_lone_or_joins_alternatives(corpus_dir: Path) -> None:
    """NCT04222413: 'OR' between two items makes one criterion holding both alternatives."""
    items = split_criteria(_corpus_text(corpus_dir, "NCT04222413"))
    first = items[0].text.split("\n")
    assert first[0] == "Adult (>= 18 years) subjects with:"
    assert first[2] == "OR" and first[3].startswith("--histologically")
    assert not any(c.text == "OR" for c in items)


def test_none_and_comment_markers_are_not_criteria(corpus_dir: Path) -> None:
    """NCT00033137 'EXCLUSION CRITERIA: NONE' gives no exclusion; '<!-- -->' separators vanish."""
    items = split_criteria(_corpus_text(corpus_dir, "NCT00033137"))
    assert items and all(c.kind == "inclusion" for c in items)
    separated = split_criteria(_corpus_text(corpus_dir, "NCT06814496"))
    assert not any("<!--" in c.text for c in separated)


def test_unbulleted_sub_headings_are_dropped(corpus_dir: Path) -> None:
    """NCT04901702: a 'Disease status' heading over a list is not a criterion; 'Phase I' / 'Phase
    II' are kept as the group headings they are (the reader scopes the criteria under them)."""
    texts = [c.text for c in split_criteria(_corpus_text(corpus_dir, "NCT04901702"))]
    assert "Disease status" not in texts
    assert texts[1] == "Phase I" and "Phase II" in texts
    assert texts[0].startswith("Patients must be > 12 months and < 30 years")


def test_a_section_opened_by_one_item_with_a_numbered_list_is_split_into_the_listed_items() -> None:
    """NCT06130254: each section is one bullet ("... fulfil all the following inclusion criteria"
    / "... any of the following will not be included") over an indented numbered list; it was
    read as two criteria of several thousand characters each, with most items unread."""
    text = (
        "Inclusion Criteria:\n\n"
        "* Participants must be aged 18 or older and must fulfil all the following inclusion "
        "criteria to be eligible for enrollment.\n\n"
        "  1. Histologically confirmed cancer.\n"
        "  2. ECOG performance status 0 or 1.\n"
        "     Assessed at screening.\n"
        "  3. Life expectancy of at least 3 months.\n\n"
        "Exclusion Criteria:\n\n"
        "* Participants presenting with any of the following will not be included in the study:\n\n"
        "  1. Active brain metastases.\n"
        "  2. Major surgery within 4 weeks.\n"
        "  3. Pregnancy.\n"
    )
    items = split_criteria(text)
    assert [(i.id, i.text) for i in items] == [
        (
            "inc-1",
            "Participants must be aged 18 or older and must fulfil all the following inclusion "
            "criteria to be eligible for enrollment.",
        ),
        ("inc-2", "Histologically confirmed cancer."),
        ("inc-3", "ECOG performance status 0 or 1.\nAssessed at screening."),
        ("inc-4", "Life expectancy of at least 3 months."),
        (
            "exc-1",
            "Participants presenting with any of the following will not be included in the study:",
        ),
        ("exc-2", "Active brain metastases."),
        ("exc-3", "Major surgery within 4 weeks."),
        ("exc-4", "Pregnancy."),
    ]


def test_a_list_that_is_one_condition_or_alternatives_stays_with_its_criterion() -> None:
    """An inclusion 'one of the following' (alternatives) and a later criterion's 'eligible if all
    of the following are met' stay one criterion each; an exclusion's 'including any of the
    following' lists separate exclusions (its lead, then one per item)."""
    text = (
        "Inclusion Criteria:\n\n"
        "* Age 18 or older, and one of the following prior treatments to be eligible:\n"
        "  1. Prior platinum.\n  2. Prior taxane.\n  3. Prior anthracycline.\n"
        "* Patients with HIV are eligible if all of the following are met.\n"
        "  1. CD4 count >= 350.\n  2. Undetectable viral load.\n  3. On therapy.\n\n"
        "Exclusion Criteria:\n\n"
        "* Cardiac disease, including any of the following:\n"
        "  1. Unstable angina.\n  2. Heart failure.\n  3. Arrhythmia.\n"
    )
    items = split_criteria(text)
    assert [i.id for i in items] == ["inc-1", "inc-2", "exc-1", "exc-2", "exc-3", "exc-4"]
    assert items[4].text == "Heart failure."
