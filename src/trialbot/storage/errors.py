"""Errors raised by the conversation store and the update inbox."""

from __future__ import annotations


class StoreError(RuntimeError):
    """Base class for storage failures."""


class UnknownStoreURL(StoreError, ValueError):
    """The URL names no supported store (unknown scheme or malformed)."""


class StoreUnavailable(StoreError):
    """The store could not be opened or reached."""


class LockTimeout(StoreError, TimeoutError):
    """A conversation lock was not acquired within the timeout."""


class LockLost(StoreError):
    """The lock expired while held, so a write under it was refused."""
