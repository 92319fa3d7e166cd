"""Scripts that declare `needs:` trials: registered from a corpus folder into a copy of the index,
or failed with one line saying how to register them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from eval_fakes import FakeService

from trialbot.bootstrap import open_catalog
from trialbot.cli import main
from trialbot.evaluation import session
from trialbot.evaluation.drivers import InProcessDriver
from trialbot.evaluation.needs import needed_trials, prepare_index
from trialbot.evaluation.reports import as_text
from trialbot.evaluation.runner import run_files
from trialbot.evaluation.scripts import ScriptError, load_script
from trialbot.settings import Settings, load_settings
from trialbot.sources.ingest import ingest_paths

CORD_BLOOD = "NCT05014165"  # a full record in the shared corpus
LUNG = "NCT06317558"
NOWHERE = "NCT00000000"
GOOD = "name: ok\nturns:\n  - user: /start\n    expect: {asks: age_years}\n"


def write(folder: Path, name: str, text: str) -> Path:
    """Write one script file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def needing(*trial_ids: str) -> str:
    """A passing script (over the fake) that declares these trials under `needs:`."""
    listed = ", ".join(f'"{t}"' for t in trial_ids)
    return f"name: needs some\nneeds: [{listed}]\n" + GOOD.split("\n", 1)[1]


@pytest.fixture
def seed_index(tmp_path: Path, seeds_dir: Path) -> Settings:
    """An index of the two seeds, registered only (nothing embedded), with no shared dir."""
    settings = load_settings(index_dir=tmp_path / "index", shared_dir=None)
    ingest_paths(open_catalog(settings), [seeds_dir], progress=False)
    return settings


def registered(settings: Settings) -> set[str]:
    """The ids an index holds."""
    return {t.id for t in open_catalog(settings).list_trials()}


def test_needs_is_read_as_a_list_and_a_single_id(tmp_path: Path) -> None:
    """`needs:` takes a list or one id; the ids of all scripts are gathered once, upper-cased."""
    a = write(tmp_path, "a.yaml", needing(CORD_BLOOD, LUNG))
    b = write(tmp_path, "b.yaml", f"name: b\nneeds: {LUNG.lower()}\n")
    broken = write(tmp_path, "c.yaml", "name: [\n")
    assert load_script(a).needs == [CORD_BLOOD, LUNG]
    assert needed_trials([a, b, broken]) == [CORD_BLOOD, LUNG]
    with pytest.raises(ScriptError, match="`needs`"):
        load_script(write(tmp_path, "d.yaml", "name: d\nneeds: {a: 1}\n"))


def test_needed_trials_are_registered_in_a_copy_only(
    tmp_path: Path, seed_index: Settings, full_corpus_dir: Path
) -> None:
    """Trials found in the corpus folder are registered in a copy; the real index is unchanged,
    and a trial found nowhere is missing with the instruction to register it."""
    before = registered(seed_index)
    prepared = prepare_index(
        seed_index, [CORD_BLOOD, NOWHERE], tmp_path / "work", [full_corpus_dir]
    )
    assert prepared.registered == [CORD_BLOOD]
    assert registered(prepared.settings) == before | {CORD_BLOOD}
    assert registered(seed_index) == before
    assert prepared.settings.index_dir != seed_index.index_dir
    assert list(prepared.missing) == [NOWHERE]
    assert f"needs trial {NOWHERE} registered: trialbot ingest" in prepared.missing[NOWHERE]


def test_an_index_that_has_them_is_used_as_it_is(tmp_path: Path, seed_index: Settings) -> None:
    """Nothing is copied when every needed trial is registered already."""
    seed = sorted(registered(seed_index))[0]
    prepared = prepare_index(seed_index, [seed], tmp_path / "work")
    assert prepared.settings is seed_index
    assert not prepared.missing
    assert not (tmp_path / "work").exists()


def test_the_shared_dir_is_the_default_corpus(
    tmp_path: Path, seed_index: Settings, full_corpus_dir: Path
) -> None:
    """With TRIALBOT_SHARED_DIR set, its corpus/ctgov_full is searched without --corpus."""
    shared = seed_index.model_copy(update={"shared_dir": full_corpus_dir.parents[1]})
    prepared = prepare_index(shared, [LUNG], tmp_path / "work")
    assert prepared.registered == [LUNG]


def test_a_script_needing_a_missing_trial_fails_with_one_line(tmp_path: Path) -> None:
    """The script is not replayed: one line says which trial and how to register it; the
    other scripts run as usual."""
    needs = write(tmp_path, "a.yaml", needing(NOWHERE))
    plain = write(tmp_path, "b.yaml", GOOD)
    service = FakeService()
    missing = {NOWHERE: f"needs trial {NOWHERE} registered: trialbot ingest --ctgov-id {NOWHERE}"}
    results = run_files([needs, plain], InProcessDriver(service), missing)
    assert [r.passed for r in results] == [False, True]
    assert len(service.seen) == 1  # only the plain script's /start
    text = as_text(results)
    failing = [line for line in text.splitlines()[1:] if line.startswith("  ")]
    assert failing == [f"  {needs}:2 {missing[NOWHERE]}"]


def test_the_cli_registers_needed_trials_for_the_run(
    tmp_path: Path,
    seed_index: Settings,
    full_corpus_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`trialbot eval --corpus DIR` replays over a copy holding the needed trial (the core is
    faked here; the real one is replayed by test_eval_conversations), and reports a trial found
    nowhere with its one line and exit 1."""
    opened: list[set[str]] = []

    def fake_core(settings: Settings, sync: bool = True) -> Any:
        opened.append(registered(settings))
        return type("Core", (), {"service": FakeService()})()

    monkeypatch.setattr(session, "eval_core", fake_core)
    monkeypatch.setattr(session, "sync_search_index", lambda *a, **k: None)
    monkeypatch.setenv("TRIALBOT_INDEX_DIR", str(seed_index.index_dir))
    monkeypatch.delenv("TRIALBOT_SHARED_DIR", raising=False)
    write(tmp_path / "s", "a.yaml", needing(CORD_BLOOD))
    argv = ["eval", str(tmp_path / "s"), "--corpus", str(full_corpus_dir), "--json"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["passed"] == 1
    assert CORD_BLOOD in opened[0]
    assert CORD_BLOOD not in registered(seed_index)

    write(tmp_path / "s", "b.yaml", needing(NOWHERE))
    assert main(["eval", str(tmp_path / "s"), "--corpus", str(full_corpus_dir)]) == 1
    out = capsys.readouterr().out
    assert f"needs trial {NOWHERE} registered: trialbot ingest --ctgov-id {NOWHERE}" in out
    assert "1 passed, 1 failed" in out
