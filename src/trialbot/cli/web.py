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
    parser.set_defaults(handler=run_web)


def add_bind_arguments(parser: argparse.ArgumentParser) -> None:
    """`--host` and `--port`, shared with `trialbot serve`."""
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )


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
    core = open_core(settings)
    if core is None:
        return 1
    app = create_app(core)
    print(f"trialbot: staff web chat on http://{args.host}:{args.port}/", file=sys.stderr)
    run_event_loop(build_server(app, args.host, args.port).serve())
    return 0
