# -*- test-case-name: tests.messaging.test_reconnecting -*-
"""Reconnecting: a broker connection that comes back by itself, with backoff, after the broker goes away."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, ensureDeferred, maybeDeferred, succeed
from twisted.internet.interfaces import IReactorTime
from twisted.python.failure import Failure

from ..config import ConfigParams
from ..errors import ConnectionException
from ..logs import CompositeLogger

DEFAULT_RECONNECT_DELAY_MS = 100
DEFAULT_MAX_RECONNECT_DELAY_MS = 2000
DEFAULT_CONNECT_TIMEOUT_MS = 5000


class ReconnectSettings:
    """
    C{options.connect_timeout} (ms, 5000), C{options.reconnect_delay} (ms, the
    first pause after losing the broker, 100) and C{options.max_reconnect_delay}
    (ms, the longest pause as it doubles, 2000).
    """

    def __init__(self, config: Optional[ConfigParams] = None) -> None:
        config = config or ConfigParams()
        self.connect_timeout_ms = _positive(config, "options.connect_timeout", DEFAULT_CONNECT_TIMEOUT_MS)
        self.reconnect_delay_ms = _positive(config, "options.reconnect_delay", DEFAULT_RECONNECT_DELAY_MS)
        self.max_reconnect_delay_ms = max(
            self.reconnect_delay_ms,
            _positive(config, "options.max_reconnect_delay", DEFAULT_MAX_RECONNECT_DELAY_MS),
        )


def _positive(config: ConfigParams, key: str, default: int) -> int:
    value = config.get_as_integer_with_default(key, default)
    return value if value > 0 else default


class Reconnecting:
    """
    Keeps one connection to a broker up. L{start} makes the first attempt and
    fails when it fails (a component does not open against a broker that is
    away). After that, a lost connection is retried after
    C{reconnect_delay}, doubling up to C{max_reconnect_delay}, until L{stop};
    each new connection runs the C{on_up} callbacks (re-declare,
    re-subscribe) before it counts as up; a lost one runs C{on_down}. L{require} raises a
    ConnectionException while it is down, so calls fail fast.

    A subclass implements L{_connect} (a Deferred of the connection, failing
    when it cannot) and calls L{connection_lost} when it goes.
    """

    def __init__(self, clock: IReactorTime, logger: CompositeLogger, what: str,
                 settings: Optional[ReconnectSettings] = None) -> None:
        self.clock = clock
        self.logger = logger
        self.what = what
        self.settings = settings or ReconnectSettings()
        self.connection: Any = None
        self.on_up: list[Callable[[Any], Any]] = []
        self.on_down: list[Callable[[], None]] = []
        self._up = False
        self._stopping = False
        self._retry: Any = None
        self._delay = self.settings.reconnect_delay_ms / 1000.0
        self.lost_at: Optional[float] = None
        self.reconnects = 0

    @property
    def is_up(self) -> bool:
        return self._up

    def require(self, correlation_id: Optional[str]) -> Any:
        """The connection; a ConnectionException C{BROKER_UNAVAILABLE} while it is down."""
        if not self._up:
            raise ConnectionException(
                correlation_id, "BROKER_UNAVAILABLE", f"{self.what} is unavailable; reconnecting"
            ).with_details("broker", self.what)
        return self.connection

    def start(self, correlation_id: Optional[str]) -> Deferred[None]:
        self._stopping = False
        return ensureDeferred(self._attempt(correlation_id, first=True))

    async def _attempt(self, correlation_id: Optional[str], first: bool) -> None:
        try:
            connection = await self._connect_bounded()
            self.connection = connection
            for callback in list(self.on_up):
                await maybeDeferred(callback, connection)
        except Exception as e:
            if self.connection is not None:
                self._drop(self.connection)
            self.connection = None
            if first or self._stopping:
                raise _unavailable(correlation_id, self.what, e) from e
            self.logger.debug(correlation_id, "Cannot reconnect to %s yet: %s", self.what, e)
            self._schedule()
            return
        if self._stopping:
            self._drop(connection)
            return
        if self.connection is not connection:  # lost again while re-subscribing
            if first:
                raise _unavailable(correlation_id, self.what, ConnectionError("connection lost while opening"))
            self._schedule()
            return
        self._up = True
        self._delay = self.settings.reconnect_delay_ms / 1000.0
        if not first:
            self.reconnects += 1
            self.logger.info(correlation_id, "Reconnected to %s", self.what)

    def _connect_bounded(self) -> Deferred[Any]:
        d = maybeDeferred(self._connect)
        d.addTimeout(self.settings.connect_timeout_ms / 1000.0, self.clock)
        return d

    def connection_lost(self, connection: Any, reason: Any = None) -> None:
        """Called by the subclass when C{connection} went away."""
        if connection is not self.connection:
            return
        was_up, self._up, self.connection = self._up, False, None
        for callback in list(self.on_down):
            callback()
        if self._stopping:
            return
        self.lost_at = self.clock.seconds()
        why = reason.getErrorMessage() if isinstance(reason, Failure) else str(reason or "")
        if was_up:
            self.logger.warn(None, "Lost the connection to %s (%s); reconnecting", self.what, why)
            self._schedule()

    def _schedule(self) -> None:
        if self._stopping or (self._retry is not None and self._retry.active()):
            return
        delay, self._delay = self._delay, min(self._delay * 2, self.settings.max_reconnect_delay_ms / 1000.0)
        self._retry = self.clock.callLater(delay, self._retry_now)

    def _retry_now(self) -> None:
        self._retry = None
        ensureDeferred(self._attempt(None, first=False))

    def stop(self) -> Deferred[None]:
        """Stops reconnecting and closes the connection."""
        self._stopping = True
        self._up = False
        if self._retry is not None and self._retry.active():
            self._retry.cancel()
        self._retry = None
        connection, self.connection = self.connection, None
        if connection is None:
            return succeed(None)
        return maybeDeferred(self._disconnect, connection).addErrback(lambda _: None)

    def _drop(self, connection: Any) -> None:
        maybeDeferred(self._disconnect, connection).addErrback(lambda _: None)

    # -- what a broker implements ------------------------------------------------------

    def _connect(self) -> Deferred[Any]:
        raise NotImplementedError

    def _disconnect(self, connection: Any) -> Any:
        raise NotImplementedError


def _unavailable(correlation_id: Optional[str], what: str, error: BaseException) -> ConnectionException:
    message = str(error) or type(error).__name__
    result = ConnectionException(correlation_id, "BROKER_UNAVAILABLE", f"Cannot connect to {what}: {message}")
    result.with_details("broker", what)
    result.with_cause(error)
    return result
