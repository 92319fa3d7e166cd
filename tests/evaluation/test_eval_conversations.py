"""Every conversation script in tests/conversations, replayed in process over the two seeds."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from trialbot.evaluation.drivers import InProcessDriver
from trialbot.evaluation.reports import as_text
from trialbot.evaluation.runner import run_file
from trialbot.evaluation.scripts import find_scripts
from trialbot.evaluation.session import eval_core
from trialbot.settings import Settings

CONVERSATIONS = Path(__file__).resolve().parents[1] / "conversations"
SCRIPTS = find_scripts([CONVERSATIONS])

pytestmark = pytest.mark.slow


# Other registered trials the scripts talk about (besides the seeds): recruiting ones of several
# kinds and ages, and trials that take nobody new (withdrawn, completed, not yet recruiting).
OTHER_TRIALS = (
    "NCT03466944", "NCT04092803", "NCT04265963", "NCT05739630", "NCT05803083", "NCT06317558",
    "NCT01515527", "NCT06332300", "NCT02315053", "NCT05658640", "NCT04714372", "NCT05014165",
)  # fmt: skip


@pytest.fixture(scope="session")
def conversation_settings(
    seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory, full_corpus_dir: Path
) -> Settings:
    """The seeds' index with a dozen more trials registered from the full corpus (not embedded:
    their questions come from their criteria, and the scripts ask nothing about their text)."""
    from trialbot.bootstrap import open_catalog
    from trialbot.sources.ingest import ingest_paths

    target = tmp_path_factory.mktemp("conversation-index") / "index"
    shutil.copytree(seed_settings.index_dir, target)
    settings = seed_settings.model_copy(update={"index_dir": target})
    paths = [full_corpus_dir / f"{trial_id}.json" for trial_id in OTHER_TRIALS]
    ingest_paths(open_catalog(settings), paths, progress=False)
    return settings


@pytest.fixture(scope="session")
def seed_driver(conversation_settings: Settings) -> Iterator[InProcessDriver]:
    """One in-process core over the seeds and the other registered trials."""
    yield InProcessDriver(eval_core(conversation_settings, sync=False).service)


def test_the_suite_is_large_enough() -> None:
    """At least 30 scripts exist."""
    assert len(SCRIPTS) >= 30


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_conversation(path: Path, seed_driver: InProcessDriver) -> None:
    """The script replays with every expectation holding."""
    result = run_file(path, seed_driver)
    assert result.passed, "\n" + as_text([result])


def test_scripts_are_valid_and_ask_only_known_facts() -> None:
    """Every script parses, and every `asks:` names a fact id of the vocabulary."""
    from trialbot.eligibility import fact_specs
    from trialbot.evaluation.scripts import UNSET, load_script

    known = fact_specs()
    for path in SCRIPTS:
        script = load_script(path)
        expectations = [t.expect for t in script.turns if t.expect] + [script.final]
        for exp in expectations:
            if exp is not None and exp.asks not in (UNSET, None):
                assert exp.asks in known, f"{path}: unknown fact id {exp.asks}"
