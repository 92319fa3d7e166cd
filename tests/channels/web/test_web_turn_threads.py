"""The chat turn threads: results and errors reach the awaiting request, threads start on demand."""

from __future__ import annotations

import asyncio
import threading

import pytest

from trialbot.channels.web.turn_threads import TurnThreads


async def test_run_returns_the_result_from_another_thread() -> None:
    """`run(fn, arg)` gives fn(arg), computed off the event loop's thread."""
    threads = TurnThreads(2)
    name = await threads.run(lambda _: threading.current_thread().name, None)
    assert name.startswith("chat_") and name != threading.current_thread().name
    assert await threads.run(lambda x: x * 2, 21) == 42


async def test_run_raises_what_the_call_raised() -> None:
    """An exception in the call (an HTTP error, a crash) is raised to the awaiting request."""

    def fail(_: object) -> None:
        raise LookupError("no such trial")

    with pytest.raises(LookupError, match="no such trial"):
        await TurnThreads(1).run(fail, None)


async def test_blocking_calls_run_side_by_side_up_to_the_limit() -> None:
    """Calls that block (a lock, an fsync) run at once on up to `size` threads, never more."""
    threads = TurnThreads(3)
    gate = threading.Barrier(3, timeout=5)
    results = await asyncio.gather(
        *(threads.run(lambda i: (gate.wait(), i)[1], i) for i in range(3))
    )
    assert results == [0, 1, 2]
    assert 1 <= threads.threads <= 3
    many = await asyncio.gather(*(threads.run(lambda i: i, i) for i in range(50)))
    assert many == list(range(50)) and threads.threads <= 3
