# -*- test-case-name: tests.persistence_sql.test_errors -*-
"""SqlConnectionPool: adbapi's pool, telling failed connects and lost connections apart."""

from __future__ import annotations

from typing import Any

from twisted.enterprise import adbapi


class ConnectFailed(Exception):
    """The pool could not connect; C{__cause__} is the driver's error."""


class ConnectionLost(Exception):
    """
    The server went away while a statement ran, before any commit: nothing
    was written, so the work may run again on a new connection.
    """


class _Connection(adbapi.Connection):
    """
    Rolls back after a failure; when even that fails the connection is dead,
    so it leaves the pool (the next call connects anew) and the original
    error is what the caller sees, without adbapi's logged tracebacks.
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


class SqlConnectionPool(adbapi.ConnectionPool):
    """One connection per pool thread, made on first use and remade after a loss."""

    connectionFactory = _Connection

    def connect(self) -> Any:
        try:
            return super().connect()
        except Exception as error:
            raise ConnectFailed(str(error) or type(error).__name__) from error
