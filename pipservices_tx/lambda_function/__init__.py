"""A container inside AWS Lambda: C{LambdaFunction} and the module-level C{handler(event, context)}."""

from __future__ import annotations

import threading
from typing import Any, Optional

from ._function import DEFAULT_CONFIG_PATH, LambdaFunction

_function: Optional[LambdaFunction] = None
_lock = threading.Lock()


def handler(event: Any, context: Any = None) -> Any:
    """
    The handler to give Lambda (C{pipservices_tx.lambda_function.handler}):
    one L{LambdaFunction} per process, reading the config file named by
    C{CONFIG_PATH} (C{./config/config.yml} by default).
    """
    global _function
    with _lock:
        if _function is None:
            _function = LambdaFunction()
    return _function.handler(event, context)


__all__ = ["DEFAULT_CONFIG_PATH", "LambdaFunction", "handler"]
