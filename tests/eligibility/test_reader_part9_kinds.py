"""Kinds found by the ninth held-out part's first run (labelled/held_out_9.yaml)."""

from __future__ import annotations

import pytest

from trialbot.domain.trial import CriterionText
from trialbot.eligibility import read_criterion


@pytest.mark.parametrize(
    "text",
    [
        # NCT06548672 exc-5 (real): one cause of pneumonitis, narrower than the lung question
        "Patients who have received radiation therapy within 2 weeks prior to the start of study "
        "treatment or with a history of radiation pneumonitis.",
        "Radiotherapy within 14 days, or prior radiation-induced pneumonitis",
        "History of drug-induced interstitial lung disease",
        "Prior immune-related pneumonitis",
    ],
)
def test_one_cause_of_pneumonitis_never_excludes_on_a_yes(text: str) -> None:
    read = read_criterion(CriterionText(id="exc-1", kind="exclusion", text=text))
    lung = [c for c in read if c.concept == "interstitial_lung_disease"]
    assert lung and all(c.confidence != "certain" and c.decisive_when is None for c in lung)
    assert all("study team" in (c.rule or "") or c.needs_review for c in lung)


def test_any_pneumonitis_stays_certain() -> None:
    read = read_criterion(
        CriterionText(
            id="exc-1", kind="exclusion", text="History of interstitial lung disease or pneumonitis"
        )
    )
    assert [(c.concept, c.confidence) for c in read] == [("interstitial_lung_disease", "certain")]
