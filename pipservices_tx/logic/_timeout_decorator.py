# -*- test-case-name: tests.logic.test_timeout_decorator -*-
"""TimeoutDecorator: fails and cancels a call of the wrapped component that takes too long."""

from __future__ import annotations

from typing import Any, Callable

from twisted.internet.defer import CancelledError, Deferred
from twisted.python.failure import Failure

from ..config import ConfigParams
from ..errors import ConnectionException
from ._decorator import Decorator
from ._method_settings import argument, parameter_index
from ._results import as_deferred_if_async

DEFAULT_TIMEOUT_MS = 10000


class TimeoutDecorator(Decorator):
    """
    A decorated call whose Deferred has not fired after C{options.timeout}
    milliseconds (default 10000; per method C{methods.<name>.timeout}) is
    cancelled (C{Deferred.addTimeout}, so the target's canceller stops the
    work) and fails with a ConnectionException code C{TIMEOUT}: the target
    did not answer, which a L{RetryDecorator} around this one may retry.
    Without C{methods} every public method is decorated. A method that
    returns a plain value (or raises) is not affected; 0 disables.
    """

    def __init__(self) -> None:
        Decorator.__init__(self)
        self.timeout_ms = DEFAULT_TIMEOUT_MS

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.timeout_ms = config.get_as_integer_with_default("options.timeout", self.timeout_ms)

    def _decorate(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        timeout_ms = self.settings_of(name).get_as_integer_with_default("timeout", self.timeout_ms)
        if timeout_ms <= 0:
            return method
        full = f"{self.decorator_name}.{name}"
        cid_index = parameter_index(method, "correlation_id")
        logger, counters = self._logger, self._counters

        def call(*args: Any, **kwargs: Any) -> Any:
            result = as_deferred_if_async(method(*args, **kwargs))
            if not isinstance(result, Deferred) or result.called:
                return result
            correlation_id = argument(args, kwargs, "correlation_id", cid_index)

            def timed_out(outcome: Any, timeout: float) -> Any:
                if isinstance(outcome, Failure) and outcome.check(CancelledError):
                    counters.increment_one(full + ".call_timeouts")
                    logger.warn(correlation_id, "%s did not answer within %d ms; cancelled", full, timeout_ms)
                    raise ConnectionException(
                        correlation_id, "TIMEOUT", f"{full} did not answer within {timeout_ms} ms"
                    ).with_details("method", name).with_details("timeout", timeout_ms)
                return outcome

            return result.addTimeout(timeout_ms / 1000.0, self.reactor, onTimeoutCancel=timed_out)

        return call
