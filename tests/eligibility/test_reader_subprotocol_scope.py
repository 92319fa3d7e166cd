"""A sub-protocol heading ("Subprotocol B", "Sub-protocol 2", "Subprotocol C (combination)")
scopes the inclusion and exclusion lists under it to that sub-protocol, as a cohort or sub-study
heading does. Before, NCT06360354's "Radiation therapy within 28 days of first dose." (written
under Subprotocol B only) was required of every patient, Subprotocol C's too (part 16's first run).
"""

from __future__ import annotations

import pytest

from trialbot.domain.trial import Trial
from trialbot.eligibility import read_criteria
from trialbot.sources.criteria_split import split_criteria


def _scopes(text: str) -> dict[str, str | None]:
    """Criterion text -> applies_to of its first reading."""
    trial = Trial(id="NCT1", registry="ctgov", title="t", criteria=split_criteria(text))
    scopes: dict[str, str | None] = {}
    for reading in read_criteria(trial):
        if "-" in reading.id:
            scopes.setdefault(reading.text, reading.applies_to)
    return scopes


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Subprotocol B", "Subprotocol C"),
        ("Sub-protocol 1", "Sub-protocol 2"),
        ("SUBPROTOCOL A", "SUBPROTOCOL B"),
    ],
)
def test_each_sub_protocol_scopes_its_own_lists(first: str, second: str) -> None:
    text = (
        f"{first}\n\nInclusion:\n\n* Disease measurable as defined by RECIST v1.1.\n\n"
        "Exclusion:\n\n* Radiation therapy within 28 days of first dose.\n\n"
        f"{second}\n\nInclusion:\n\n* Homozygous MTAP-deletion.\n\n"
        "Exclusion:\n\n* History of solid organ transplantation.\n"
    )
    scopes = _scopes(text)
    assert scopes["Disease measurable as defined by RECIST v1.1."] == first
    assert scopes["Radiation therapy within 28 days of first dose."] == first
    assert scopes["Homozygous MTAP-deletion."] == second
    assert scopes["History of solid organ transplantation."] == second
