"""EU CTIS pages beyond the seed: other wordings, tab tables, several countries, a tail with ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialbot.sources.errors import DocumentError
from trialbot.sources.readers import read_document

PAGE = """A study of drug Z for adults with advanced melanoma

1 1

What is this study about?

This study tests drug Z in adults with melanoma that has spread.

Who Can Join the Study?

  • You must be aged 18 years or older.
  • Your melanoma must have spread
    to other parts of the body.

Who Cannot Join the Study?

  • You are pregnant.

Where you can join this trial?

Other Sites

Site Name City Country Status
Hospital\tParis\tFrance\tRecruiting
Klinikum Nord Hamburg Germany Not yet recruiting
??? ###

Trial status

Country Status Recruitment Start
France France
Recruiting
15.01.2026
Germany Germany
Not yet recruiting
01.03.2026

Investigated drugs:

Drugz is a medicine given as an injection under the skin.

Advanced melanoma – A skin cancer that has spread.

Trial ID:
2025-123456-78-00
Protocol code:
MEL-Z
Trial Phase:
Therapeutic confirmatory (Phase III)

Other Trials to Consider

  • Another trial in Spain
    Trial ID:
    2024-999999-99-00
"""


def test_other_ctis_wordings(tmp_path: Path) -> None:
    """Ages 'or older', tab and space site rows, per-country status, route 'under the skin'."""
    doc = tmp_path / "page.txt"
    doc.write_text(PAGE)
    trial = read_document(doc)[0]
    assert trial.id == "2025-123456-78-00" and trial.protocol_code == "MEL-Z"
    assert (trial.min_age_years, trial.max_age_years) == (18.0, None)
    assert [(c.id, c.text) for c in trial.criteria] == [
        ("inc-1", "You must be aged 18 years or older."),
        ("inc-2", "Your melanoma must have spread to other parts of the body."),
        ("exc-1", "You are pregnant."),
    ]
    assert [(s.name, s.city, s.country, s.status) for s in trial.sites] == [
        ("Hospital", "Paris", "France", "RECRUITING"),
        ("Klinikum Nord", "Hamburg", "Germany", "NOT_YET_RECRUITING"),
    ]
    assert trial.status == "RECRUITING" and trial.start_date == "2026-01-15"
    assert [(i.name, i.route) for i in trial.interventions] == [("Drugz", "subcutaneous")]
    assert trial.conditions == ["Advanced melanoma"]
    assert "Spain" not in trial.model_dump_json() and "2024-999999" not in trial.model_dump_json()


def test_ctis_page_without_trial_id_is_rejected(tmp_path: Path) -> None:
    """A page whose id sits only in the tail is not taken for another trial's page."""
    doc = tmp_path / "page.txt"
    head, tail = PAGE.split("Trial ID:\n2025-123456-78-00\n")
    doc.write_text(head + tail)
    with pytest.raises(DocumentError) as caught:
        read_document(doc)
    assert "Trial ID" in caught.value.reason
