# -*- test-case-name: tests.cache.test_memory_cache -*-
"""The entry timeouts the caches share."""

from __future__ import annotations

from typing import Optional

DEFAULT_ENTRY_TIMEOUT_MS = 60000


def entry_timeout_ms(timeout: Optional[int], default_ms: int) -> int:
    """The ttl of an entry: C{timeout} when positive, else the component's default."""
    if timeout is None or timeout <= 0:
        return default_ms
    return int(timeout)
