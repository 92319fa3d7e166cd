"""Prior-therapy, washout and treatment kinds left by parts 7-9 of the labelled set: a live-vaccine
window beside a permission for killed or mRNA vaccines, the checkpoint-inhibitor question inside
"an anti-PD-1, anti-PD-L1, or anti-PD-L2 agent or an agent directed to another stimulatory or
co-inhibitory T-cell receptor", an "experimental diagnostic or therapeutic drug" window, the first
alternative of an exclusion closed by its own window ("Major surgery within 4 weeks ... or
postoperative complications ..."), the items of a "Prior therapy with:" list each with its own
window and permissions, and an operation under local anesthesia allowed beside the
major-operation window. Each with the real criterion and a few variants."""

from __future__ import annotations

import pytest
from reading_helpers import only_reading as _one
from reading_helpers import read_one_text as _read
from reading_helpers import readings_summary as _rules
from reading_helpers import status_of as _check

# --- 1. A live-vaccine window beside killed or mRNA vaccines allowed ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06863402 exc-4 (real)
        "Has received a live vaccine or live-attenuated vaccine within 30 days before the first "
        "dose of study intervention. Administration of killed or messenger ribonucleic acid "
        "(mRNA) vaccines is allowed.",
        "Has received a live vaccine within 30 days prior to the first dose of study drug. Killed "
        "and mRNA vaccines are allowed.",
        "Received a live vaccine within 30 days before the first dose. Inactivated or mRNA "
        "vaccines are permitted.",
    ],
)
def test_killed_or_mrna_vaccines_allowed_leave_the_live_vaccine_window_whole(text: str) -> None:
    vaccine = _one("exclusion", text, "last_live_vaccine")
    assert vaccine.confidence == "certain", _rules("exclusion", text)
    assert vaccine.rule == "last_live_vaccine within 30 days"
    assert _check(vaccine, {"last_live_vaccine": "2026-11-17"})[0] == "not_met"
    assert _check(vaccine, {"last_live_vaccine": "2026-08-01"})[0] == "met"


def test_a_permission_that_may_take_in_a_live_vaccine_stays_with_the_study_team() -> None:
    text = (
        "Has received a live vaccine within 30 days prior to the first dose of study drug. Live "
        "attenuated or mRNA vaccines are allowed if given more than 14 days before."
    )
    assert all(c.confidence != "certain" for c in _read("exclusion", text)), _rules(
        "exclusion", text
    )


