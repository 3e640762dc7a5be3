# -*- test-case-name: tests.cache.test_memcached_cache -*-
"""One memcached server: its connection, and how long it is skipped after failing."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, succeed
from twisted.protocols.memcache import MemCacheProtocol
from twisted.python.failure import Failure

from ..lifecycle import backoff


class _Protocol(MemCacheProtocol):
    """MemCacheProtocol on an injected clock that tells its node when it is gone."""

    def __init__(self, time_out: float, call_later: Callable[..., Any], on_lost: Callable[[_Protocol], None]) -> None:
        super().__init__(time_out)  # type: ignore[arg-type]
        self._call_later = call_later
        self._on_lost = on_lost

    def callLater(self, period: float, func: Callable[[], Any]) -> Any:  # noqa: N802 - Twisted's name
        return self._call_later(period, func)

    def connectionLost(self, reason: Failure) -> None:  # type: ignore[override]  # noqa: N802
        self.setTimeout(None)
        super().connectionLost(reason)
        self._on_lost(self)


class MemcachedNode:
    """
    Connects on first use (one pipelined connection is all memcached needs).
    After a failure the node is skipped for C{retry_delay}, doubling at each
    further failure up to C{max_retry_delay}; a success resets the back-off.
    """

    def __init__(
        self,
        host: str,
        port: int,
        reactor: Any,
        connect_timeout: float,
        timeout: float,
        retry_delay: float,
        max_retry_delay: float,
    ) -> None:
        self.host, self.port = host, port
        self.name = f"{host}:{port}"
        self._reactor = reactor
        self._connect_timeout = connect_timeout
        self._timeout = timeout
        self._retry_delay = retry_delay
        self._max_retry_delay = max(retry_delay, max_retry_delay)
        self._protocol: Optional[_Protocol] = None
        self._connecting: Optional[Deferred[Any]] = None
        self._waiters: list[Deferred[MemCacheProtocol]] = []
        self._lost: list[Deferred[None]] = []
        self.failures = 0
        self.dead_until = 0.0

    def available(self, now: float) -> bool:
        """False while the node sits out its back-off."""
        return self.dead_until <= now

    def mark_dead(self) -> None:
        self.failures += 1
        delay = backoff(self._retry_delay, self._max_retry_delay)(self.failures - 1)
        self.dead_until = self._reactor.seconds() + delay
        transport: Any = self._protocol.transport if self._protocol is not None else None
        if transport is not None:
            transport.abortConnection()

    def mark_alive(self) -> None:
        self.failures = 0
        self.dead_until = 0.0

    @property
    def connected(self) -> Optional[MemCacheProtocol]:
        """The live connection, or None."""
        return self._protocol

    def protocol(self) -> Deferred[MemCacheProtocol]:
        """The live connection, made now if there is none."""
        if self._protocol is not None:
            return succeed(self._protocol)
        waiter: Deferred[MemCacheProtocol] = Deferred()
        self._waiters.append(waiter)
        if self._connecting is None:
            self._connect()
        return waiter

    def _connect(self) -> None:
        proto = _Protocol(self._timeout, self._reactor.callLater, self._connection_lost)
        from twisted.internet.endpoints import HostnameEndpoint, connectProtocol  # here: it imports OpenSSL

        endpoint = HostnameEndpoint(self._reactor, self.host, self.port, timeout=self._connect_timeout)
        connecting: Deferred[Any] = connectProtocol(endpoint, proto)
        connecting.addTimeout(self._connect_timeout, self._reactor)
        self._connecting = connecting

        def done(result: Any) -> None:
            self._connecting = None
            if not isinstance(result, Failure):
                self._protocol = proto
            waiters, self._waiters = self._waiters, []
            for waiter in waiters:
                if isinstance(result, Failure):
                    waiter.errback(result)
                else:
                    waiter.callback(proto)

        connecting.addBoth(done)

    def _connection_lost(self, proto: _Protocol) -> None:
        if self._protocol is proto:
            self._protocol = None
        lost, self._lost = self._lost, []
        for d in lost:
            d.callback(None)

    def close(self) -> Deferred[None]:
        """Cancels a connection attempt, drops the connection; fires when it is gone."""
        if self._connecting is not None:
            self._connecting.cancel()
        proto = self._protocol
        if proto is None or proto.transport is None:
            return succeed(None)
        d: Deferred[None] = Deferred()
        self._lost.append(d)
        proto.transport.loseConnection()
        return d

    def __repr__(self) -> str:
        return f"<MemcachedNode {self.name} failures={self.failures}>"

