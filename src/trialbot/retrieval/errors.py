"""Errors of the retrieval layer that the command line reports in one line (no heavy imports)."""

from __future__ import annotations


class StoreMismatch(RuntimeError):
    """The store was built with another embedding function than the one this trialbot uses."""
