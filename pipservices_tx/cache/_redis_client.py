# -*- test-case-name: tests.cache.test_redis_cache -*-
"""RedisClient: the txredisapi pool a Redis component runs its commands through."""

from __future__ import annotations

from typing import Any, Optional, cast

from twisted.internet.defer import CancelledError, Deferred, TimeoutError, fail, maybeDeferred
from twisted.internet.error import ConnectError, ConnectionClosed
from twisted.internet.interfaces import IReactorTCP, IStreamClientEndpoint
from twisted.python.failure import Failure
from zope.interface import implementer

from ..config import ConfigParams
from ..errors import (
    ApplicationException,
    ConnectionException,
    InvalidStateException,
    InvocationException,
    UnknownException,
)
from ..lifecycle import ReactorAware
from ..logs import CompositeLogger
from ._redis_settings import RedisSettings


def _describe(error: BaseException) -> str:
    """A connect error as one clear phrase (Twisted's own text names the cause: refused, no route, DNS...)."""
    return str(error).strip() or type(error).__name__


@implementer(IStreamClientEndpoint)
class _RecordingEndpoint:
    """An endpoint that remembers why its last connection attempt failed, for the error when none succeeds."""

    def __init__(self, endpoint: IStreamClientEndpoint) -> None:
        self._endpoint = endpoint
        self.last_error: Optional[BaseException] = None

    def connect(self, protocol_factory: Any) -> Deferred[Any]:
        def failed(failure: Failure) -> Failure:
            if not failure.check(CancelledError):
                self.last_error = failure.value
            return failure

        return self._endpoint.connect(protocol_factory).addErrback(failed)


class RedisClient(ReactorAware):
    """
    Keeps C{options.pool_size} connections that reconnect by themselves. A call
    made while no connection is up fails at once with a ConnectionException
    (C{REDIS_UNAVAILABLE}); one that gets no answer within C{options.timeout_ms}
    fails with C{REDIS_TIMEOUT} (and its connection is dropped and made again). txredisapi is imported on
    C{open}, so services without Redis never load it.
    """

    def __init__(self, logger: Optional[CompositeLogger] = None) -> None:
        self.logger = logger or CompositeLogger()
        self.settings = RedisSettings()
        self._factory: Any = None
        self._handler: Any = None
        self._opening: Optional[Deferred[None]] = None

    def configure(self, config: ConfigParams) -> None:
        self.settings = RedisSettings.from_config(config)

    def is_open(self) -> bool:
        return self._factory is not None

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self._factory is not None:
            return maybeDeferred(lambda: None)
        if self._opening is not None:
            return fail(InvalidStateException(correlation_id, "ALREADY_OPENING", "Redis connection is being opened"))
        endpoint = _RecordingEndpoint(self._endpoint())
        try:
            factory = self._start_pool(endpoint)
        except Exception as e:
            return fail(ConnectionException(
                correlation_id, "REDIS_UNAVAILABLE", f"Cannot connect to Redis at {self.settings.address}: {e}"
            ).with_cause(e))
        ready: Deferred[Any] = Deferred()

        def settle(result: Any) -> None:
            if not ready.called:
                if isinstance(result, Failure):
                    ready.errback(result)
                else:
                    ready.callback(None)

        factory.deferred.addBoth(settle)

        def opened(_: Any) -> None:
            self._factory, self._handler = factory, factory.handler
            self.logger.debug(correlation_id, "Connected to Redis at %s", self.settings.address)

        def failed(failure: Failure) -> Deferred[None]:
            cause: Any = failure.value
            reason = failure.getErrorMessage()
            if failure.check(TimeoutError):  # the attempts kept failing: say why, not "(5.0, 'Deferred')"
                waited, last = f"no connection within {timeout:g} s", endpoint.last_error
                reason = waited if last is None else f"{_describe(last)} ({waited})"
                cause = cause if last is None else last
            error = ConnectionException(
                correlation_id, "REDIS_UNAVAILABLE", f"Cannot connect to Redis at {self.settings.address}: {reason}"
            ).with_details("server", self.settings.address).with_cause(cause)
            return factory.disconnect().addBoth(lambda _: Failure(error))

        def settled(result: Any) -> Any:
            self._opening = None
            return result

        self._opening = ready
        timeout = self.settings.connect_timeout_ms / 1000.0
        ready.addTimeout(timeout, self.reactor)
        return ready.addCallbacks(opened, failed).addBoth(settled)

    def _endpoint(self) -> IStreamClientEndpoint:
        from twisted.internet.endpoints import HostnameEndpoint

        s = self.settings
        reactor = cast(IReactorTCP, self.reactor)
        return HostnameEndpoint(reactor, s.host, s.port, timeout=s.connect_timeout_ms / 1000.0)

    def _start_pool(self, endpoint: IStreamClientEndpoint) -> Any:
        import txredisapi

        s = self.settings
        factory = txredisapi.RedisFactory(
            s.address,
            s.db or None,
            s.pool_size,
            isLazy=True,
            handler=txredisapi.ConnectionHandler,
            charset="utf-8",
            password=s.password,
            replyTimeout=s.timeout_ms / 1000.0,
            convertNumbers=False,
            username=s.username,
        )
        factory.reconnect = True
        factory.initialDelay = s.reconnect_delay_ms / 1000.0
        factory.maxDelay = max(s.reconnect_delay_ms, s.max_reconnect_delay_ms) / 1000.0
        factory.startConnecting(endpoint)
        return factory

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self._opening is not None:
            # an open in progress gives up and closes what it started
            done: Deferred[None] = Deferred()

            def gave_up(result: Any) -> Any:
                done.callback(None)
                return result

            opening = self._opening
            opening.addBoth(gave_up)
            opening.cancel()
            return done
        factory, self._factory, self._handler = self._factory, None, None
        if factory is None:
            return maybeDeferred(lambda: None)
        d: Deferred[Any] = factory.disconnect()

        def closed(_: Any) -> None:
            self.logger.debug(correlation_id, "Disconnected from Redis at %s", self.settings.address)

        return d.addBoth(closed)

    def connected(self) -> bool:
        """True while at least one pooled connection is up."""
        return self._factory is not None and self._factory.size > 0

    def execute(self, correlation_id: Optional[str], command: str, *args: Any, **kwargs: Any) -> Deferred[Any]:
        """Runs a txredisapi command (C{"get"}, C{"set"}, ...) bounded by C{options.timeout_ms}."""
        if self._factory is None:
            return fail(InvalidStateException(correlation_id, "NOT_OPENED", "Redis connection is not open"))
        if not self._factory.size:
            return fail(self._unavailable(correlation_id, "no connection is up"))
        # txredisapi bounds each command by replyTimeout (options.timeout_ms): a late
        # answer aborts the connection and fails the command with its TimeoutError,
        # which _translate makes REDIS_TIMEOUT; a second timer here would only cost.
        try:
            d: Deferred[Any] = getattr(self._handler, command)(*args, **kwargs)
        except Exception:
            d = fail()
        return d.addErrback(self._translate, correlation_id, command)

    def _unavailable(self, correlation_id: Optional[str], why: str) -> ApplicationException:
        return ConnectionException(
            correlation_id, "REDIS_UNAVAILABLE", f"Redis at {self.settings.address} is unavailable: {why}"
        ).with_details("address", self.settings.address)

    def _translate(self, failure: Failure, correlation_id: Optional[str], command: str) -> Any:
        import txredisapi

        error = failure.value
        if isinstance(error, ApplicationException) or failure.check(CancelledError):
            return failure
        if isinstance(error, txredisapi.TimeoutError):
            raise ConnectionException(
                correlation_id, "REDIS_TIMEOUT", f"Redis at {self.settings.address} timed out on {command}"
            ).with_cause(error)
        if isinstance(error, (txredisapi.ConnectionError, ConnectionClosed, ConnectError)):
            raise self._unavailable(correlation_id, str(error) or type(error).__name__).with_cause(error)
        if isinstance(error, txredisapi.ResponseError):
            raise InvocationException(
                correlation_id, "REDIS_ERROR", f"Redis refused {command}: {error}"
            ).with_cause(error)
        if isinstance(error, Exception):
            raise UnknownException.wrap(error, correlation_id)
        return failure
