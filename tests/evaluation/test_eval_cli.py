"""`trialbot eval` on the command line: exit codes, JSON on stdout, JUnit file, usage errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from eval_fakes import FakeService

from trialbot.cli import main
from trialbot.evaluation.drivers import InProcessDriver
from trialbot.evaluation.session import Replay


@pytest.fixture
def fake_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the core the command opens with the scripted fake."""

    @contextmanager
    def opener(settings: Any, url: str | None = None, *args: Any) -> Iterator[Replay]:
        yield Replay(InProcessDriver(FakeService()))

    monkeypatch.setattr("trialbot.cli.eval.open_replay", opener)


def write(folder: Path, name: str, text: str) -> Path:
    """Write one script file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


GOOD = "name: ok\nturns:\n  - user: /start\n    expect: {asks: age_years}\n"
BAD = "name: bad\nturns:\n  - user: /start\n    expect: {asks: sex}\n"


def test_all_pass_exits_zero_with_json(
    tmp_path: Path, fake_driver: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of passing scripts exits 0 and prints one JSON document."""
    write(tmp_path / "s", "a.yaml", GOOD)
    write(tmp_path / "s" / "sub", "b.yml", GOOD)
    assert main(["eval", str(tmp_path / "s"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["scripts"], report["passed"], report["failed"]) == (2, 2, 0)


def test_a_failure_exits_one_and_writes_junit(
    tmp_path: Path, fake_driver: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """One failing script makes the exit status 1; the text names file:line and turn."""
    good = write(tmp_path, "a.yaml", GOOD)
    bad = write(tmp_path, "b.yaml", BAD)
    junit = tmp_path / "junit.xml"
    assert main(["eval", str(good), str(bad), "--junit", str(junit)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:4 turn 1" in out and "expected: asks sex" in out
    assert junit.read_text().count("<testcase") == 2


def test_broken_script_is_never_a_silent_pass(
    tmp_path: Path, fake_driver: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown key fails the run naming file and line."""
    bad = write(tmp_path, "k.yaml", "name: k\nturns:\n  - usr: hi\n")
    assert main(["eval", str(bad)]) == 1
    assert f"{bad}:3" in capsys.readouterr().out


def test_usage_errors_exit_two(tmp_path: Path, fake_driver: None) -> None:
    """A missing path or a folder without scripts is a usage error."""
    assert main(["eval", str(tmp_path / "nope.yaml")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["eval", str(tmp_path / "empty")]) == 2
