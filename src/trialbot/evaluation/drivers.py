"""Ways to send a script's messages to trialbot: in process, or over the web chat's JSON API."""

from __future__ import annotations

import uuid
from contextlib import suppress
from typing import Any, Protocol

import httpx

from trialbot.domain.turn import Incoming, Turn


class BotError(Exception):
    """The bot could not produce a turn (an exception or an HTTP error)."""


class Handler(Protocol):
    """What the in-process driver needs of the conversation service."""

    def handle(self, incoming: Incoming) -> Turn:
        """One incoming message in, one turn out."""
        ...


class Driver(Protocol):
    """Sends one message of a conversation and returns the bot's turn."""

    def new_conversation(self) -> str:
        """A fresh conversation id."""
        ...

    def send(
        self,
        conversation_id: str,
        *,
        text: str | None = None,
        button: str | None = None,
        trials: list[str] | None = None,
    ) -> Turn:
        """One message (text or button value); `trials` sets the scope. Raises BotError."""
        ...

    def end(self, conversation_id: str) -> None:
        """Release what the conversation left behind (best effort)."""
        ...


def new_conversation_id() -> str:
    """A fresh conversation id for one replayed script."""
    return f"eval-{uuid.uuid4().hex[:16]}"


class InProcessDriver:
    """Calls `ConversationService.handle` directly, the way every channel does."""

    def __init__(self, service: Handler, channel: str = "eval") -> None:
        self.service = service
        self.channel = channel

    def new_conversation(self) -> str:
        """A fresh conversation id."""
        return new_conversation_id()

    def send(
        self,
        conversation_id: str,
        *,
        text: str | None = None,
        button: str | None = None,
        trials: list[str] | None = None,
    ) -> Turn:
        """One message through the service."""
        incoming = Incoming(
            conversation_id=conversation_id,
            text=text,
            button=button,
            trials=trials,
            message_id=uuid.uuid4().hex,
            channel=self.channel,
        )
        try:
            return self.service.handle(incoming)
        except Exception as exc:
            raise BotError(f"handle raised {type(exc).__name__}: {exc}") from exc

    def end(self, conversation_id: str) -> None:
        """Nothing to release in process (the store is thrown away with the run)."""
        del conversation_id


class HttpDriver:
    """Replays over `POST {url}/api/chat`, with the staff token as a Bearer token."""

    def __init__(
        self,
        url: str,
        token: str | None = None,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = httpx.Client(
            base_url=url.rstrip("/"), headers=headers, timeout=timeout, transport=transport
        )

    def new_conversation(self) -> str:
        """A fresh conversation id."""
        return new_conversation_id()

    def send(
        self,
        conversation_id: str,
        *,
        text: str | None = None,
        button: str | None = None,
        trials: list[str] | None = None,
    ) -> Turn:
        """One message over HTTP."""
        body: dict[str, Any] = {"conversation_id": conversation_id}
        if button is not None:
            body["button"] = button
        else:
            body["text"] = text or ""
        if trials is not None:
            body["trials"] = trials
        try:
            response = self.client.post("/api/chat", json=body)
        except httpx.HTTPError as exc:
            raise BotError(f"POST /api/chat failed: {exc}") from exc
        if response.status_code != 200:
            raise BotError(f"POST /api/chat answered {response.status_code}: {response.text[:300]}")
        try:
            return Turn.model_validate(response.json())
        except ValueError as exc:
            raise BotError(f"POST /api/chat returned something that is not a Turn: {exc}") from exc

    def registered_trials(self) -> set[str] | None:
        """The ids the server has registered (`GET /api/trials`, upper case), None when unknown."""
        try:
            response = self.client.get("/api/trials")
            rows = response.json() if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return None
        if not isinstance(rows, list):
            return None
        return {str(r["id"]).upper() for r in rows if isinstance(r, dict) and "id" in r}

    def end(self, conversation_id: str) -> None:
        """Erase the test conversation on the server."""
        with suppress(httpx.HTTPError):
            self.client.delete(f"/api/conversations/{conversation_id}")

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self.client.close()
