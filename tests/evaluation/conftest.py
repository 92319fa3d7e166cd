"""Fixtures of the evaluation tests: one index of the two seeds per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialbot.evaluation.session import index_sources
from trialbot.settings import Settings


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Settings:
    """Settings over a fresh index of the two seeds (registered and embedded once)."""
    return index_sources(tmp_path_factory.mktemp("eval-index"), [seeds_dir])
