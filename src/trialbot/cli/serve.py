"""`trialbot serve`: what `make run` starts — index sync, the web chat, and the Telegram bot."""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import TYPE_CHECKING, Any

from trialbot.channels.web import create_app
from trialbot.channels.web.server import build_server, run_event_loop, serve_with
from trialbot.cli.web import (
    add_access_log_argument,
    add_bind_arguments,
    open_core,
    refuse_unsafe_bind,
)
from trialbot.settings import Settings, load_settings

if TYPE_CHECKING:
    from trialbot.bootstrap import Core


def register(subparsers: Any) -> None:
    """Add the `serve` command."""
    parser = subparsers.add_parser(
        "serve",
        help="serve the web chat (and Telegram when configured) while the search index syncs",
        description=(
            "Serves the staff web chat at once and brings the search index in line with the "
            "registered trials in the background (questions are answered from the new index as "
            "soon as it is ready), and runs the Telegram bot's long polling in the same process "
            "when TELEGRAM_BOT_TOKEN is set."
        ),
    )
    add_bind_arguments(parser)
    parser.add_argument(
        "--no-telegram", action="store_true", help="do not run the Telegram bot even with a token"
    )
    parser.add_argument(
        "--skip-index", action="store_true", help="serve the index as it is, without syncing it"
    )
    add_access_log_argument(parser)
    parser.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted, syncing the index in the background meanwhile."""
    settings = load_settings()
    if refuse_unsafe_bind(args.host, settings.staff_token):
        return 2
    with_telegram = bool(settings.telegram_bot_token) and not args.no_telegram
    if with_telegram and not telegram_settings_ok(settings):
        return 2
    core = open_core(settings) if args.skip_index else open_core_before_index(settings)
    if core is None:
        return 1
    access_log = getattr(args, "access_log", True)
    server = build_server(create_app(core), args.host, args.port, access_log=access_log)
    companions = [telegram_polling(core, settings)] if with_telegram else []
    if not args.skip_index:
        companions.append(sync_index_in_background(settings, core))
    if not with_telegram:
        print("trialbot: Telegram bot not started (no TELEGRAM_BOT_TOKEN)", file=sys.stderr)
    print(f"trialbot: staff web chat on http://{args.host}:{args.port}/", file=sys.stderr)
    run_event_loop(serve_with(server, *companions))
    return 0


def open_core_before_index(settings: Settings) -> Core | None:
    """The core with an answerer that reads the index as it is (never syncing it itself): the
    background task loads the model, syncs the index, and the answerer reloads it when done."""
    try:
        from trialbot.bootstrap import build_core, open_catalog
        from trialbot.retrieval.answerer import RetrievalAnswerer
        from trialbot.retrieval.llm import rewriter_from_settings

        answerer = RetrievalAnswerer(
            settings,
            open_catalog(settings),
            sync_on_open=False,
            rewriter=rewriter_from_settings(settings),
        )
        core = build_core(settings, answerer=answerer)
        warm_up = getattr(core.service, "warm_up", None)
        if callable(warm_up):
            warm_up()  # criteria now; the model loads in the background task
        return core
    except Exception as error:
        print(f"trialbot: cannot start: {type(error).__name__}: {error}", file=sys.stderr)
        return None


async def sync_index_in_background(settings: Settings, core: Core | None = None) -> None:
    """Load the model and bring the search index up to date in a worker thread while the chat
    already answers.

    The dialog needs only the registered trials; questions about a trial are answered from the
    index, which the answerer reloads once the sync has written it. A failed sync is reported
    and leaves the chat running on the index as it was.
    """
    from trialbot.bootstrap import open_catalog, sync_search_index

    print("trialbot: bringing the search index up to date in the background ...", file=sys.stderr)
    try:
        warm_up = getattr(getattr(core, "answerer", None), "warm_up", None)
        if callable(warm_up):
            await asyncio.to_thread(warm_up)
        report = await asyncio.to_thread(sync_search_index, settings, open_catalog(settings))
    except Exception as error:
        print(f"trialbot: could not build the search index: {error}", file=sys.stderr)
        return
    print(f"trialbot: {describe_index_report(report)}", file=sys.stderr)


def describe_index_report(report: Any) -> str:
    """One line about what the index sync did (tolerates reports without these fields)."""
    trials = getattr(report, "trials", "?")
    changed = getattr(report, "changed_trials", "?")
    chunks = getattr(report, "chunks", "?")
    seconds = getattr(report, "seconds", None)
    took = f" in {seconds:.1f} s" if isinstance(seconds, int | float) else ""
    return f"search index ready: {trials} trials ({changed} re-embedded), {chunks} passages{took}"


def telegram_settings_ok(settings: Settings) -> bool:
    """Check the bot token's shape before anything starts; print why when it is wrong."""
    from trialbot.channels.telegram import TelegramConfigError, check_token

    try:
        check_token(settings)
    except TelegramConfigError as error:
        print(f"trialbot: {error} (or run `trialbot serve --no-telegram`)", file=sys.stderr)
        return False
    return True


async def telegram_polling(core: Core, settings: Settings) -> None:
    """The Telegram bot's long polling; a rejected token stops the bot, not the web chat."""
    from aiogram.exceptions import TelegramUnauthorizedError

    from trialbot.channels.telegram import run_polling

    try:
        await run_polling(core, settings)
    except TelegramUnauthorizedError:
        print(
            "trialbot: Telegram rejected TELEGRAM_BOT_TOKEN; the bot is stopped, "
            "the web chat keeps running.",
            file=sys.stderr,
        )
