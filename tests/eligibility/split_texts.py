"""Helpers of the split and scope kind tests: a corpus record's criteria text, and its split."""

from __future__ import annotations

import json
from pathlib import Path

from trialbot.sources.criteria_split import split_criteria


def record_text(corpus: Path, nct_id: str) -> str:
    """The eligibility text of one corpus record (API v2 JSON at corpus/<nct_id>.json)."""
    record = json.loads((corpus / f"{nct_id}.json").read_text("utf-8"))
    return str(record["protocolSection"]["eligibilityModule"]["eligibilityCriteria"])


def split_texts(text: str) -> list[tuple[str, str]]:
    """(criterion id, text with whitespace folded) for each criterion the split finds."""
    return [(c.id, " ".join(c.text.split())) for c in split_criteria(text)]
