"""Fixtures for the catalogue tests: the 651 registered trials in memory, no passage index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from catalogue_helpers import HERE

from trialbot.domain.trial import Trial
from trialbot.evaluation.bench.catalogue import catalogue_service, read_trials
from trialbot.service import ConversationService


@pytest.fixture(scope="session")
def catalogue_trials(corpus_dir: Path, seeds_dir: Path) -> list[Trial]:
    """The 649 corpus trials and the two seeds, read once per session."""
    return read_trials([corpus_dir, seeds_dir])


@pytest.fixture(scope="session")
def corpus_service(catalogue_trials: list[Trial]) -> ConversationService:
    """One service over the whole catalogue (criteria read lazily, nothing embedded)."""
    return catalogue_service(catalogue_trials)


@pytest.fixture(scope="session")
def fitting() -> dict[str, list[str]]:
    """script file stem -> the trials a reading of the records judged fitting."""
    data: Any = yaml.safe_load((HERE / "fitting.yaml").read_text(encoding="utf-8"))
    return {str(k): [str(t) for t in v] for k, v in data.items()}
