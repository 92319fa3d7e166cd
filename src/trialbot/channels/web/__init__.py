"""The staff web chat: `create_app(core)` builds the FastAPI application."""

from trialbot.channels.web.app import create_app
from trialbot.channels.web.ports import WebCore

__all__ = ["WebCore", "create_app"]
