# -*- test-case-name: tests.logic.test_logging_decorator -*-
"""How decorators treat what a wrapped method returns: a value, a Deferred or a coroutine."""

from __future__ import annotations

import inspect
from typing import Any

from twisted.internet.defer import Deferred


def as_deferred_if_async(result: Any) -> Any:
    """A coroutine (an C{async def} method's result) as a Deferred; anything else unchanged."""
    if inspect.iscoroutine(result):
        return Deferred.fromCoroutine(result)
    return result
