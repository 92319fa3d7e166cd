"""Fixtures for the criteria review tests: real corpus trials registered in a fresh index dir."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_helpers import REVIEW_TRIALS, NoAnswers, make_settings

from trialbot.bootstrap import Core, build_core
from trialbot.sources.catalog import FileTrialCatalog
from trialbot.sources.readers import read_document
from trialbot.storage import open_store


@pytest.fixture
def index_dir(tmp_path: Path, corpus_dir: Path) -> Path:
    """A fresh index dir with three real corpus trials registered."""
    catalog = FileTrialCatalog(tmp_path)
    for trial_id in REVIEW_TRIALS:
        path = corpus_dir / f"{trial_id}.json"
        for trial in read_document(path):
            catalog.register(trial, path)
    return tmp_path


@pytest.fixture
def core(index_dir: Path) -> Core:
    """The real core over the index dir, with a memory store and no question answering."""
    return build_core(make_settings(index_dir), store=open_store("memory://"), answerer=NoAnswers())
