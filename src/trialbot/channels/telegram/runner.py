"""Runs updates: stored in the inbox first, then handled once, in order within each chat."""

from __future__ import annotations

import asyncio
import json
import logging
import traceback
import warnings
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramForbiddenError
from aiogram.types import Update
from aiogram.types.update import UpdateTypeLookupError

from trialbot.channels.edge_text import clean_payload
from trialbot.channels.telegram.ports import UpdateInbox

log = logging.getLogger(__name__)
KEEP_HANDLED = 10_000  # handled update ids remembered for duplicate detection
PRUNE_EVERY = 500
# aiogram warns about an unknown update type with the whole update (message text included);
# the runner skips such updates itself with a line naming only the id.
warnings.filterwarnings("ignore", message="Detected unknown update type", category=RuntimeWarning)


class UpdateRunner:
    """Accepts raw updates into the inbox and feeds each new one to the dispatcher once."""

    def __init__(self, dispatcher: Dispatcher, bot: Bot, inbox: UpdateInbox) -> None:
        self.dispatcher = dispatcher
        self.bot = bot
        self.inbox = inbox
        self._tails: dict[object, asyncio.Task[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._finished = 0

    async def submit(self, payload: dict[str, Any]) -> bool:
        """Store an update durably and schedule it; False when it was seen before (not rerun)."""
        payload = clean_payload(payload)
        update_id = int(payload["update_id"])
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        if not await asyncio.to_thread(self.inbox.accept, update_id, text):
            return False
        self._schedule(update_id, payload)
        return True

    async def replay_pending(self) -> int:
        """Schedule updates stored earlier but never finished (e.g. after a crash)."""
        count = 0
        for update_id, text in await asyncio.to_thread(self.inbox.pending):
            payload = clean_payload(_parse(text))
            if payload is None:
                log.error("stored update %d is not JSON; dropping it", update_id)
                await self._done(update_id)
                continue
            self._schedule(int(update_id), payload)
            count += 1
        if count:
            log.info("replaying %d stored update(s)", count)
        return count

    async def drain(self, timeout: float | None = None) -> bool:
        """Wait until every scheduled update is handled; False if the timeout came first."""
        while self._tasks:
            done, _ = await asyncio.wait(set(self._tasks), timeout=timeout)
            if not done:
                return False
        return True

    async def cancel(self) -> None:
        """Stop updates still in flight; they stay pending in the inbox and run at next start."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _schedule(self, update_id: int, payload: dict[str, Any]) -> None:
        key = chat_key(payload)
        previous = self._tails.get(key)
        task = asyncio.create_task(self._run(update_id, payload, previous))
        self._tails[key] = task
        self._tasks.add(task)
        task.add_done_callback(lambda done: self._forget(key, done))

    def _forget(self, key: object, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if self._tails.get(key) is task:
            del self._tails[key]

    async def _run(
        self, update_id: int, payload: dict[str, Any], previous: asyncio.Task[None] | None
    ) -> None:
        if previous is not None:
            await asyncio.wait([previous])  # keep each chat's order; its errors are not ours
        try:
            update = Update.model_validate(payload, context={"bot": self.bot})
            if _known_type(update):
                await self.dispatcher.feed_update(self.bot, update)
            else:
                log.warning("update %d is of a type this bot does not handle; skipped", update_id)
        except TelegramForbiddenError:
            log.info("update %d: reply refused with 403 (the person blocked the bot)", update_id)
        except Exception as error:  # one bad update must not stop the others
            frames = "".join(traceback.format_tb(error.__traceback__))
            log.error("update %d failed: %s\n%s", update_id, type(error).__name__, frames)
        # not reached when cancelled at shutdown: the update stays pending and is replayed
        await self._done(update_id)

    async def _done(self, update_id: int) -> None:
        try:
            await asyncio.to_thread(self.inbox.mark_done, update_id)
            self._finished += 1
            if self._finished % PRUNE_EVERY == 0:
                await asyncio.to_thread(self.inbox.prune, KEEP_HANDLED)
        except Exception as error:
            log.error("could not mark update %d done: %s", update_id, type(error).__name__)


def _known_type(update: Update) -> bool:
    """True when aiogram knows the update's type (else it would warn with the whole update)."""
    try:
        return bool(update.event_type)
    except UpdateTypeLookupError:
        return False


def chat_key(payload: dict[str, Any]) -> object:
    """The chat an update belongs to (updates of one chat run one after another)."""
    for kind in ("message", "edited_message", "channel_post", "edited_channel_post"):
        chat = (payload.get(kind) or {}).get("chat") or {}
        if "id" in chat:
            return chat["id"]
    query = payload.get("callback_query") or {}
    chat = (query.get("message") or {}).get("chat") or {}
    if "id" in chat:
        return chat["id"]
    if "id" in (query.get("from") or {}):
        return query["from"]["id"]
    return ("update", payload.get("update_id"))


def _parse(text: str) -> dict[str, Any] | None:
    """A stored payload back as a dict, or None when it is not a JSON object."""
    try:
        payload = json.loads(text)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None
