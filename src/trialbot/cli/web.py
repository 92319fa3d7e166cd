"""`trialbot web [--host H] [--port P]`: the staff web chat and its JSON API."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from trialbot.channels.web import create_app
from trialbot.channels.web.server import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    BindRefused,
    build_server,
    check_bind,
    run_event_loop,
)
from trialbot.settings import Settings, load_settings

if TYPE_CHECKING:
    from trialbot.bootstrap import Core

MIN_TOKEN_CHARS = 16


def register(subparsers: Any) -> None:
    """Add the `web` command."""
    parser = subparsers.add_parser(
        "web",
        help="staff web chat + JSON API (default 127.0.0.1:8000)",
        description="Serve the staff web chat at / and the JSON API under /api.",
    )
    add_bind_arguments(parser)
    parser.add_argument(
        "--workers",
        type=worker_count,
        default=1,
        metavar="N",
        help="server processes sharing the store (default 1; SQLite or Redis stores only)",
    )
    add_access_log_argument(parser)
    parser.set_defaults(handler=run_web)


def add_bind_arguments(parser: argparse.ArgumentParser) -> None:
    """`--host` and `--port`, shared with `trialbot serve`."""
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )


def add_access_log_argument(parser: argparse.ArgumentParser) -> None:
    """`--access-log / --no-access-log` (on by default; query values are always redacted)."""
    parser.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="one log line per request (default on; query values redacted)",
    )


def worker_count(value: str) -> int:
    """An argparse type for `--workers`: 1 to 64 processes."""
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of workers") from None
    if not 1 <= count <= 64:
        raise argparse.ArgumentTypeError(f"{count} workers: choose 1 to 64")
    return count


def port_number(value: str) -> int:
    """An argparse type for a TCP port."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0-65535)")
    return port


def refuse_unsafe_bind(host: str, staff_token: str | None) -> bool:
    """Print why and return True when binding `host` without a token would expose the chat."""
    try:
        check_bind(host, staff_token)
    except BindRefused as exc:
        print(f"trialbot: {exc}", file=sys.stderr)
        return True
    if staff_token and len(staff_token.strip()) < MIN_TOKEN_CHARS:
        print(
            f"trialbot: warning: TRIALBOT_STAFF_TOKEN has fewer than {MIN_TOKEN_CHARS} characters; "
            'make a strong one with: python -c "import secrets; print(secrets.token_urlsafe(32))"',
            file=sys.stderr,
        )
    return False


def open_core(settings: Settings) -> Core | None:
    """The core, or None after printing why it cannot be opened (bad store URL, broken index)."""
    from trialbot.bootstrap import build_core

    try:
        core = build_core(settings)
        core.warm_up()
        return core
    except Exception as error:
        print(f"trialbot: cannot start: {type(error).__name__}: {error}", file=sys.stderr)
        return None


def run_web(args: argparse.Namespace) -> int:
    """Serve the web chat until interrupted."""
    settings = load_settings()
    if refuse_unsafe_bind(args.host, settings.staff_token):
        return 2
    access_log = getattr(args, "access_log", True)
    workers = getattr(args, "workers", 1)
    if workers > 1:
        return run_web_workers(args.host, args.port, workers, settings, access_log)
    core = open_core(settings)
    if core is None:
        return 1
    app = create_app(core)
    print(f"trialbot: staff web chat on http://{args.host}:{args.port}/", file=sys.stderr)
    run_event_loop(build_server(app, args.host, args.port, access_log=access_log).serve())
    return 0


def run_web_workers(
    host: str, port: int, workers: int, settings: Settings, access_log: bool
) -> int:
    """Serve with `workers` processes; 2 when the store cannot be shared between processes."""
    from trialbot.channels.web.workers import run_workers, shares_across_processes

    if not shares_across_processes(settings.resolved_database_url):
        print(
            "trialbot: --workers needs a store shared between processes (sqlite:// or redis://); "
            "memory:// lives inside one process",
            file=sys.stderr,
        )
        return 2
    print(f"trialbot: staff web chat on http://{host}:{port}/ ({workers} workers)", file=sys.stderr)
    try:
        run_workers(host, port, workers, access_log)
    except OSError as error:
        print(
            f"trialbot: cannot listen on {host}:{port}: {error.strerror or error}", file=sys.stderr
        )
        return 1
    return 0
