"""The QA grader's own rules: an expected "^x" is a whole word at the start of the answer."""

from __future__ import annotations

import pytest

from trialbot.retrieval.quality import holds


@pytest.mark.parametrize(
    ("answer", "expect", "held"),
    [
        ("No. Everyone in the study gets the medicine.", ["^no"], True),
        ("Yes, there is a placebo group.", ["^yes"], True),
        ("The trial phase is: Not Applicable.", ["^no"], False),
        ("None of the sites is in Dublin.", ["^no"], False),
        ("Nothing in the record says so.", ["^no"], False),
        ("Yesterday's plan was changed.", ["^yes"], False),
        ("Placebo: no, every participant gets the drug.", ["^no"], True),
        ("It is given as a drip into a vein.", ["^no", "vein"], True),
        ("Is recruiting: yes", ["^recruiting"], False),
    ],
)
def test_an_expected_start_is_a_whole_word(answer: str, expect: list[str], held: bool) -> None:
    """The grade of 'is this a new pain drug?' once counted "Not Applicable" as a "No"."""
    assert holds(answer, expect) is held
