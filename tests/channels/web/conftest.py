"""Fixtures of the web chat tests."""

from __future__ import annotations

import pytest
from web_fakes import FakeCore, make_core


@pytest.fixture
def fake_core() -> FakeCore:
    """A fake core without a staff token."""
    return make_core()
