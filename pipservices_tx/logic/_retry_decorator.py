# -*- test-case-name: tests.logic.test_retry_decorator -*-
"""RetryDecorator: calls an idempotent method again, with exponential backoff, when its server did not answer."""

from __future__ import annotations

from typing import Any, Callable

from twisted.internet import error as net_error
from twisted.internet.defer import Deferred, TimeoutError, maybeDeferred
from twisted.internet.task import deferLater

from ..config import ConfigParams
from ..errors import ConnectionException
from ..lifecycle import backoff
from ._decorator import Decorator
from ._method_settings import argument, parameter_index

_RETRYABLE = (
    ConnectionException,
    net_error.ConnectError,
    net_error.ConnectionLost,
    net_error.TimeoutError,
    TimeoutError,
)


def is_retryable(error: BaseException) -> bool:
    """
    True when the call may not have reached its server or got no answer:
    a ConnectionException (category NoResponse, e.g. C{TIMEOUT}), or one of
    Twisted's connect, connection-lost and timeout errors.
    """
    return isinstance(error, _RETRYABLE)


class RetryDecorator(Decorator):
    """
    Retries ONLY the methods listed in C{methods}: they must be idempotent
    (a read, a put by id), since a retried call may run twice on the server.
    Without C{methods} nothing is retried. Only L{is_retryable} failures are
    retried; any other error (validation, not found, conflict...) is
    returned at once.

    Config: C{options.retries} (attempts after the first, default 3),
    C{options.delay} (ms before the first retry, default 100),
    C{options.multiplier} (default 2), C{options.max_delay} (ms, default
    10000). Retry C{n} waits up to C{min(delay * multiplier ** (n - 1),
    max_delay)}, shortened by up to C{options.jitter} of itself (default 0.1),
    on its reactor; counters C{<name>.<method>.call_retries}. Cancelling the
    returned Deferred cancels the pending attempt or wait.
    """

    _default_all = False

    def __init__(self) -> None:
        Decorator.__init__(self)
        self.retries = 3
        self.delay_ms = 100
        self.multiplier = 2.0
        self.max_delay_ms = 10000
        self.jitter = 0.1

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.retries = max(0, config.get_as_integer_with_default("options.retries", self.retries))
        self.delay_ms = max(0, config.get_as_integer_with_default("options.delay", self.delay_ms))
        self.multiplier = max(1.0, config.get_as_float_with_default("options.multiplier", self.multiplier))
        self.max_delay_ms = max(0, config.get_as_integer_with_default("options.max_delay", self.max_delay_ms))
        self.jitter = min(max(config.get_as_float_with_default("options.jitter", self.jitter), 0.0), 1.0)

    def delays(self) -> list[float]:
        """The waits before each retry, in seconds (L{backoff}: jittered, never longer than nominal)."""
        policy = backoff(self.delay_ms / 1000.0, self.max_delay_ms / 1000.0, self.multiplier, self.jitter)
        return [policy(attempt) for attempt in range(self.retries)]

    def _decorate(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        full = f"{self.decorator_name}.{name}"
        cid_index = parameter_index(method, "correlation_id")

        async def attempts(correlation_id: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
            for attempt, delay in enumerate([*self.delays(), None]):
                try:
                    return await maybeDeferred(method, *args, **kwargs)
                except Exception as e:
                    if delay is None or not is_retryable(e):
                        raise
                    self._counters.increment_one(full + ".call_retries")
                    self._logger.warn(
                        correlation_id, "%s failed (%s); retry %d of %d in %g s", full, e, attempt + 1,
                        self.retries, delay,
                    )
                    await deferLater(self.reactor, delay)

        def call(*args: Any, **kwargs: Any) -> Deferred[Any]:
            correlation_id = argument(args, kwargs, "correlation_id", cid_index)
            return Deferred.fromCoroutine(attempts(correlation_id, args, kwargs))

        return call
