"""`trialbot telegram [--webhook --host H --port P]`: the Telegram bot."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Coroutine
from typing import Any

from trialbot.settings import Settings, load_settings


def register(subparsers: Any) -> None:
    """Add the `telegram` command."""
    parser = subparsers.add_parser(
        "telegram",
        help="the Telegram bot (long polling by default)",
        description="Run the Telegram bot. Needs TELEGRAM_BOT_TOKEN; webhook mode also needs "
        "TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET.",
    )
    parser.add_argument(
        "--webhook", action="store_true", help="serve POST /telegram/webhook instead of polling"
    )
    parser.add_argument("--host", default="127.0.0.1", help="webhook bind address")
    parser.add_argument("--port", type=int, default=8081, help="webhook port (default 8081)")
    parser.set_defaults(handler=run_telegram)


def run_telegram(args: argparse.Namespace) -> int:
    """Check the settings, build the core, and run the bot until stopped."""
    from aiogram.exceptions import TelegramAPIError, TelegramUnauthorizedError

    from trialbot.channels.telegram import TelegramConfigError, check_token, check_webhook
    from trialbot.storage.errors import StoreError

    settings = load_settings()
    try:
        check_token(settings)
        if args.webhook:
            check_webhook(settings)
    except TelegramConfigError as error:
        return _fail(str(error), 2)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        asyncio.run(_until_stopped(_serve(args, settings)))
    except TelegramUnauthorizedError:
        return _fail("Telegram rejected TELEGRAM_BOT_TOKEN.", 2)
    except TelegramAPIError as error:  # e.g. setWebhook refused the URL
        return _fail(f"Telegram refused a start-up call: {error}", 1)
    except StoreError as error:
        return _fail(f"cannot open the conversation store or update inbox: {error}", 1)
    except OSError as error:  # e.g. the webhook port is taken
        return _fail(f"cannot serve the webhook: {error}", 1)
    return 0


def _fail(message: str, code: int) -> int:
    print(f"trialbot telegram: {message}", file=sys.stderr)
    return code


async def _serve(args: argparse.Namespace, settings: Settings) -> None:
    """Build the core and run the bot in the chosen mode."""
    from trialbot.bootstrap import build_core
    from trialbot.channels.telegram import run_polling, run_webhook

    core = build_core(settings)
    await asyncio.to_thread(core.warm_up)
    if args.webhook:
        await run_webhook(core, settings, host=args.host, port=args.port)
    else:
        await run_polling(core, settings)


async def _until_stopped(main: Coroutine[Any, Any, None]) -> None:
    """Run the bot; SIGTERM or SIGINT stops it gracefully (replies in flight are finished)."""
    task = asyncio.ensure_future(main)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, task.cancel)
    with contextlib.suppress(asyncio.CancelledError):
        await task
