"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_TRIALS_DIR = REPO_ROOT / "index" / "trials"
SHARED_DIR = Path(os.environ.get("TRIALBOT_SHARED_DIR", REPO_ROOT.parent / "shared"))
SEEDS_DIR = SHARED_DIR / "seeds"
CORPUS_DIR = SHARED_DIR / "corpus" / "ctgov"
FULL_CORPUS_DIR = SHARED_DIR / "corpus" / "ctgov_full"

DRAGONFLY = "2026-525223-24-00"
APATINIB = "NCT07479732"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The two seed documents exactly as received."""
    assert SEEDS_DIR.is_dir(), f"seed documents not found at {SEEDS_DIR}"
    return SEEDS_DIR


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The 649-trial ClinicalTrials.gov corpus."""
    assert CORPUS_DIR.is_dir(), f"corpus not found at {CORPUS_DIR}"
    return CORPUS_DIR


@pytest.fixture(scope="session")
def full_corpus_dir() -> Path:
    """The 49 full ClinicalTrials.gov API v2 records (arms, outcomes, sites with coordinates)."""
    assert FULL_CORPUS_DIR.is_dir(), f"full corpus not found at {FULL_CORPUS_DIR}"
    return FULL_CORPUS_DIR
