"""The catalogue scripts replayed over the 651 registered trials, and the figures they give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from catalogue_helpers import SCRIPTS

from trialbot.evaluation.bench.catalogue import script_figures
from trialbot.service import ConversationService

MIN_FITTING = 13
FIRST_SHORTLIST_MAX = 12


@pytest.fixture(scope="module")
def figures(corpus_service: ConversationService, fitting: dict[str, list[str]]) -> dict[str, Any]:
    """Every catalogue script replayed once, with its shortlist figures."""
    return script_figures(SCRIPTS, corpus_service, fitting)


def test_there_are_sixteen_scripts_and_each_has_a_judgement(fitting: dict[str, list[str]]) -> None:
    """At least 16 catalogue scripts exist, each with its list of fitting trials."""
    assert len(SCRIPTS) >= 16
    assert {p.stem for p in SCRIPTS} <= set(fitting)


def test_a_fitting_trial_is_shortlisted_early_in_most_scripts(figures: dict[str, Any]) -> None:
    """In >= 13 of 16 scripts the first shortlist comes within 12 questions and holds a
    fitting trial among its first 5."""
    assert figures["fit_and_passed"] >= MIN_FITTING, figures["rows"]
    assert figures["median_questions_to_shortlist"] <= FIRST_SHORTLIST_MAX


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_catalogue_script(path: Path, figures: dict[str, Any]) -> None:
    """The script replays with every expectation holding."""
    row = next(r for r in figures["rows"] if r["script"] == path.stem)
    assert row["passed"], row["failures"]


def test_the_rare_cancer_gets_a_plain_no_fit_answer(figures: dict[str, Any]) -> None:
    """The rare-cancer script gets no shortlist at all."""
    row = next(r for r in figures["rows"] if r["script"] == "rare_no_fit")
    assert row["first_shortlist"] == []
    assert row["questions_before_shortlist"] is None
