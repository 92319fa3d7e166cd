"""`trialbot ask` prints a Turn with an answer or no_answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trialbot.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture
def index_dir(tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An index dir with the two seeds registered and indexed."""
    monkeypatch.setenv("TRIALBOT_INDEX_DIR", str(tmp_path))
    assert main(["ingest", str(seeds_dir), "--json"]) == 0
    return tmp_path


def test_ask_json_is_a_turn(index_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints one Turn with an answer citing the trial asked about."""
    capsys.readouterr()
    assert main(["ask", "Where is this study done?", "--trial", "NCT07479732", "--json"]) == 0
    turn = json.loads(capsys.readouterr().out)
    assert turn["conversation_id"] == "cli:ask" and turn["verdicts"] == {}
    (reply,) = turn["replies"]
    assert reply["kind"] == "answer" and "Beijing" in reply["text"]
    assert reply["citations"][0]["trial_id"] == "NCT07479732"


def test_ask_text_and_no_answer(index_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json the reply is readable text; an unanswerable question says so."""
    capsys.readouterr()
    assert main(["ask", "Can I bring my dog?", "--trial", "2026-525223-24-00"]) == 0
    assert "study team" in capsys.readouterr().out


def test_ask_unknown_trial_fails_clearly(
    index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unregistered --trial id exits 1 and names the id."""
    assert main(["ask", "Where?", "--trial", "NCT00000000"]) == 1
    assert "NCT00000000" in capsys.readouterr().err
