"""`trialbot web --workers N` and `--no-access-log`: the options (the processes themselves are
tested in tests/evaluation/test_eval_web_workers.py, over the seeds' index)."""

from __future__ import annotations

import pytest

from trialbot.channels.web.workers import shares_across_processes
from trialbot.cli import build_parser, main


def test_workers_option_is_parsed_and_bounded() -> None:
    """`--workers 4` is read; 0 workers or a word is a usage error."""
    assert build_parser().parse_args(["web", "--workers", "4"]).workers == 4
    assert build_parser().parse_args(["web"]).workers == 1
    for bad in ("0", "many"):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["web", "--workers", bad])


def test_access_log_can_be_turned_off() -> None:
    """`--no-access-log` (web and serve) leaves out the line per request; it is on by default."""
    for command in ("web", "serve"):
        assert build_parser().parse_args([command]).access_log is True
        assert build_parser().parse_args([command, "--no-access-log"]).access_log is False


def test_memory_store_refuses_workers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A memory:// store lives inside one process, so several workers are refused (exit 2)."""
    monkeypatch.setenv("TRIALBOT_DATABASE_URL", "memory://")
    monkeypatch.delenv("TRIALBOT_STAFF_TOKEN", raising=False)
    assert main(["web", "--workers", "2"]) == 2
    assert "memory://" in capsys.readouterr().err
    assert shares_across_processes("sqlite:///x.sqlite3") and shares_across_processes("redis://h")
    assert not shares_across_processes("memory://")
