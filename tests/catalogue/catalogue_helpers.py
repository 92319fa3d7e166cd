"""Shared pieces of the catalogue tests: where the scripts are, and a small trial builder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from trialbot.domain.trial import Site, Trial
from trialbot.evaluation.scripts import find_scripts

HERE = Path(__file__).resolve().parent
SCRIPTS_DIR = HERE.parent / "catalogue_conversations"
SCRIPTS = find_scripts([SCRIPTS_DIR])


def small_trial(trial_id: str, conditions: list[str], **fields: Any) -> Trial:
    """A recruiting trial with no criteria, for tests that build their own catalogue."""
    values: dict[str, Any] = {
        "id": trial_id,
        "registry": "ctgov",
        "title": fields.pop("title", f"A study of {conditions[0]}"),
        "conditions": conditions,
        "status": "RECRUITING",
        "sites": [Site(country="United States")],
    }
    values.update(fields)
    return Trial.model_validate(values)
