# -*- test-case-name: tests.persistence_sql.test_stale_pool -*-
"""SqlConnectionPool: adbapi's pool, telling failed connects and lost connections apart, never lending a dead one."""

from __future__ import annotations

import select
import threading
from typing import Any, Optional

from twisted.enterprise import adbapi

# Any of these on an idle connection's socket: the server spoke unasked (a
# termination notice) or the connection is closed or reset.
_NEWS = select.POLLIN | select.POLLPRI | getattr(select, "POLLRDHUP", 0)


class ConnectFailed(Exception):
    """The pool could not connect; C{__cause__} is the driver's error."""


class ConnectionLost(Exception):
    """
    The server went away while a statement ran, before any commit: nothing
    was written, so the work may run again on a new connection.
    """


class ConnectionProbe:
    """How the pool looks at a driver connection; a dialect provides it."""

    def socket_fd(self, connection: Any) -> Optional[int]:
        """The connection's socket descriptor; None when it has none (closed)."""
        raise NotImplementedError

    def ping(self, connection: Any) -> None:
        """One cheap round trip; raises when the connection is unusable."""
        raise NotImplementedError


def idle_socket_has_news(fd: int) -> bool:
    """
    True when an idle connection's socket is readable, closed or in error:
    a healthy idle connection has nothing to say, so it is dead or dying. No
    round trip: one C{poll} that does not wait.
    """
    poller = select.poll()
    poller.register(fd, _NEWS)
    return bool(poller.poll(0))


class _Connection(adbapi.Connection):
    """
    Rolls back after a failure; when even that fails the connection is dead,
    so it leaves the pool (the next call connects anew), the pool suspects
    the others, and the original error is what the caller sees, without
    adbapi's logged tracebacks.
    """

    def rollback(self) -> None:
        connection: Any = self._connection
        try:
            connection.rollback()
            return
        except Exception:
            pass
        pool = self._pool
        if pool.connections.get(pool.threadID()) is connection:
            del pool.connections[pool.threadID()]
        try:
            connection.close()
        except Exception:
            pass
        pool.suspect_all()


class SqlConnectionPool(adbapi.ConnectionPool):
    """
    One connection per pool thread, made on first use and remade after a loss.

    A pooled connection is checked before each use, so that calls after an
    outage never run on a connection the outage killed: its socket must have
    nothing to read (L{idle_socket_has_news}: a reset or closed connection
    shows at once, for the price of one C{poll}); and once any connection of
    the pool was found dead, every other one must also answer a ping
    (L{ConnectionProbe.ping}) on its next use, which catches the connections
    whose end the network never reported. A connection failing either check
    is closed and replaced by a new one before the call runs.
    """

    connectionFactory = _Connection

    def __init__(self, probe: ConnectionProbe, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.probe = probe
        self.discarded = 0
        self._lock = threading.Lock()
        self._generation = 0
        self._checked: dict[int, int] = {}  # thread id: the generation its connection was checked at

    def suspect_all(self) -> None:
        """A connection was found dead: check every other one with a ping before its next use."""
        with self._lock:
            self._generation += 1

    def _usable(self, tid: int, connection: Any) -> bool:
        try:
            fd = self.probe.socket_fd(connection)
            if fd is None or fd < 0 or idle_socket_has_news(fd):
                return False
            generation = self._generation
            if self._checked.get(tid, generation) < generation:
                self.probe.ping(connection)
            self._checked[tid] = generation
            return True
        except Exception:
            return False

    def connect(self) -> Any:
        tid = self.threadID()
        current = self.connections.get(tid)
        if current is not None:
            if self._usable(tid, current):
                return current  # the common case: this thread's connection, checked without a round trip
            del self.connections[tid]
            self.discarded += 1
            self.suspect_all()
            try:
                current.close()
            except Exception:
                pass
        try:
            connection = super().connect()
        except Exception as error:
            raise ConnectFailed(str(error) or type(error).__name__) from error
        self._checked[tid] = self._generation
        return connection
