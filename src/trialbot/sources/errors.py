"""Errors raised while reading trial documents or talking to a registry."""

from __future__ import annotations

from pathlib import Path


class DocumentError(Exception):
    """A document that cannot be read as a trial, with the reason in plain words."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class RegistryUnavailable(Exception):
    """The trial registry could not be reached or kept failing."""
