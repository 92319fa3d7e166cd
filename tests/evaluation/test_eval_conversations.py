"""Every conversation script in tests/conversations, replayed in process over the two seeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from trialbot.evaluation.drivers import InProcessDriver
from trialbot.evaluation.needs import Prepared, needed_trials, prepare_index
from trialbot.evaluation.reports import as_text
from trialbot.evaluation.runner import run_file
from trialbot.evaluation.scripts import find_scripts
from trialbot.evaluation.session import eval_core
from trialbot.settings import Settings

CONVERSATIONS = Path(__file__).resolve().parents[1] / "conversations"
SCRIPTS = find_scripts([CONVERSATIONS])

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def prepared(
    seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory, full_corpus_dir: Path
) -> Prepared:
    """The seeds' index, copied, with the trials the scripts declare under `needs:` registered
    from the full corpus: the same preparation `trialbot eval` makes."""
    workdir = tmp_path_factory.mktemp("conversation-index")
    return prepare_index(seed_settings, needed_trials(SCRIPTS), workdir, [full_corpus_dir])


@pytest.fixture(scope="session")
def conversation_settings(prepared: Prepared) -> Settings:
    """Settings over the prepared index; every needed trial was found."""
    assert not prepared.missing, prepared.missing
    return prepared.settings


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
