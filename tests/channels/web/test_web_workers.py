"""`trialbot web --workers N` and `--no-access-log`: the options (the processes themselves are
tested in tests/evaluation/test_eval_web_workers.py, over the seeds' index)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from trialbot.channels.web.workers import (
    check_port_free,
    reuse_port_socket,
    shares_across_processes,
)
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


def test_workers_on_a_taken_port_say_so_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--workers 2` on a port another program listens on exits 1 with one line naming the
    address, before any worker process starts."""
    monkeypatch.setenv("TRIALBOT_DATABASE_URL", f"sqlite:///{(tmp_path / 'w.sqlite3').as_posix()}")
    monkeypatch.delenv("TRIALBOT_STAFF_TOKEN", raising=False)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["web", "--workers", "2", "--host", "127.0.0.1", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "Traceback" not in err


def test_each_worker_socket_shares_the_port_with_the_others() -> None:
    """Two `SO_REUSEPORT` listening sockets bind one address (each worker has its own), and
    a second server's check sees the port taken."""
    reserved = reuse_port_socket("127.0.0.1", 0, listen=None)
    port = reserved.getsockname()[1]
    first = reuse_port_socket("127.0.0.1", port, listen=8)
    second = reuse_port_socket("127.0.0.1", port, listen=8)
    try:
        assert first.getsockname()[1] == second.getsockname()[1] == port
        with pytest.raises(OSError):
            check_port_free("127.0.0.1", port)  # a second trialbot on the port stops here
    finally:
        for sock in (reserved, first, second):
            sock.close()
