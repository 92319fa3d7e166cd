"""Bind safety, log redaction, running beside a companion task, and the web/serve commands."""

from __future__ import annotations

import asyncio
import logging
import socket
from pathlib import Path

import httpx
import pytest
from web_fakes import make_core

from trialbot.channels.web import create_app
from trialbot.channels.web.server import (
    BindRefused,
    RedactTokens,
    build_server,
    check_bind,
    is_loopback_host,
    serve_with,
)
from trialbot.cli import main


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.3.2.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("no-such-host.invalid", False),
    ],
)
def test_loopback_detection(host: str, loopback: bool) -> None:
    """Only addresses that reach this machine alone count as loopback."""
    assert is_loopback_host(host) is loopback


def test_non_loopback_bind_needs_a_token() -> None:
    """Binding to the network without a staff token is refused; with one it is allowed."""
    with pytest.raises(BindRefused, match="TRIALBOT_STAFF_TOKEN"):
        check_bind("0.0.0.0", None)
    with pytest.raises(BindRefused):
        check_bind("0.0.0.0", "   ")
    check_bind("0.0.0.0", "token")
    check_bind("127.0.0.1", None)


def test_access_log_never_shows_the_token() -> None:
    """The `?token=` of a sign-in link is redacted from uvicorn access-log lines."""
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s"',
        ("1.2.3.4", "GET", "/?token=abc&x=1"),
        None,
    )
    RedactTokens().filter(record)
    assert (
        "abc" not in record.getMessage() and "token=[redacted]&x=[redacted]" in record.getMessage()
    )


@pytest.mark.parametrize("command", ["web", "serve"])
def test_commands_refuse_network_bind_without_token(
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`trialbot web|serve --host 0.0.0.0` without a token exits 2 with a clear message."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRIALBOT_STAFF_TOKEN", raising=False)
    assert main([command, "--host", "0.0.0.0", "--port", "8123"]) == 2
    assert "TRIALBOT_STAFF_TOKEN" in capsys.readouterr().err


def test_bad_port_is_an_argument_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A port outside 0-65535 is refused by the argument parser."""
    with pytest.raises(SystemExit) as raised:
        main(["web", "--port", "70000"])
    assert raised.value.code == 2
    assert "not a port number" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _wait_until_up(url: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(100):
            try:
                if (await client.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.05)
    raise AssertionError(f"{url} never answered")


async def test_serve_with_runs_companion_and_cancels_it_on_stop() -> None:
    """The web chat and a companion share the loop; stopping the server cancels the companion."""
    port = _free_port()
    server = build_server(create_app(make_core()), "127.0.0.1", port, log_level="warning")
    cancelled = asyncio.Event()

    async def companion() -> None:
        try:
            await _wait_until_up(f"http://127.0.0.1:{port}/healthz")
            server.should_exit = True
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    await asyncio.wait_for(serve_with(server, companion()), timeout=20)
    assert cancelled.is_set()


async def test_serve_with_stops_the_server_when_a_companion_fails() -> None:
    """A failing companion stops the web server and its error is raised."""
    port = _free_port()
    server = build_server(create_app(make_core()), "127.0.0.1", port, log_level="warning")

    async def companion() -> None:
        await _wait_until_up(f"http://127.0.0.1:{port}/healthz")
        raise RuntimeError("bot crashed")

    with pytest.raises(RuntimeError, match="bot crashed"):
        await asyncio.wait_for(serve_with(server, companion()), timeout=20)


async def test_serve_with_keeps_serving_after_a_companion_returns() -> None:
    """A companion that simply ends (e.g. a bot with a rejected token) leaves the web chat up."""
    port = _free_port()
    server = build_server(create_app(make_core()), "127.0.0.1", port, log_level="warning")
    url = f"http://127.0.0.1:{port}/healthz"

    async def quick() -> None:
        return None

    async def stopper() -> None:
        await _wait_until_up(url)
        await asyncio.sleep(0.2)
        async with httpx.AsyncClient() as client:
            assert (await client.get(url)).status_code == 200
        server.should_exit = True

    await asyncio.wait_for(asyncio.gather(serve_with(server, quick()), stopper()), timeout=20)
