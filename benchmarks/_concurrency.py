"""A loop that keeps C{concurrency} calls in flight: what the component benchmarks time."""

from __future__ import annotations

import time
from typing import Any, Awaitable, Callable

from twisted.internet import defer


async def run_concurrently(n: int, concurrency: int, call: Callable[[int], Awaitable[Any]]) -> float:
    """Seconds to run C{call(i)} for i in range(n), C{concurrency} at a time."""
    indexes = iter(range(n))

    async def worker() -> None:
        for i in indexes:
            await call(i)

    started = time.perf_counter()
    await defer.gatherResults([defer.ensureDeferred(worker()) for _ in range(concurrency)])
    return time.perf_counter() - started
