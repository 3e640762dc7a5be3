# -*- test-case-name: tests.persistence_sql.test_stale_pool -*-
"""A pool never lends a connection an outage killed: the checks alone, then real servers behind a proxy cut for 1 s."""

from __future__ import annotations

import socket
import sys
import types
from typing import Any, Optional

from twisted.internet import reactor, task
from twisted.internet.defer import gatherResults
from twisted.internet.testing import MemoryReactorClock
from twisted.trial import unittest

from pipservices_tx.persistence.sql._pool import ConnectionProbe, SqlConnectionPool, idle_socket_has_news

from ._proxy import TcpProxy
from ._support import (
    HOST,
    MYSQL_PORT,
    POSTGRES_PORT,
    RecordingMySql,
    RecordingPostgres,
    drop_table,
    mysql_config,
    opened,
    postgres_config,
    require_mysql,
    require_postgres,
    unique_table,
)

POOL_SIZE = 4


class FakeConnection:
    """A driver connection over one end of a socket pair; the test holds the other end (the "server")."""

    def __init__(self) -> None:
        self.sock, self.server = socket.socketpair()
        self.pings = 0
        self.ping_fails = False
        self.closed = False

    def close(self) -> None:
        self.closed = True
        self.sock.close()
        self.server.close()


class FakeProbe(ConnectionProbe):
    def socket_fd(self, connection: Any) -> Optional[int]:
        return None if connection.closed else connection.sock.fileno()

    def ping(self, connection: Any) -> None:
        connection.pings += 1
        if connection.ping_fails:
            raise OSError("no answer")


class PoolCheckTests(unittest.SynchronousTestCase):
    """L{SqlConnectionPool.connect}, called on the test's thread as a pool thread would."""

    def setUp(self) -> None:
        self.made: list[FakeConnection] = []
        driver = types.ModuleType("fake_sql_driver")
        driver.connect = self._connect  # type: ignore[attr-defined]
        sys.modules["fake_sql_driver"] = driver
        self.addCleanup(sys.modules.pop, "fake_sql_driver")
        self.pool = SqlConnectionPool(FakeProbe(), "fake_sql_driver", cp_min=1, cp_max=1, cp_noisy=False,
                                      cp_reactor=MemoryReactorClock())
        self.addCleanup(lambda: [connection.close() for connection in self.made])

    def _connect(self) -> FakeConnection:
        self.made.append(FakeConnection())
        return self.made[-1]

    def test_a_healthy_connection_is_reused_without_a_round_trip(self) -> None:
        first = self.pool.connect()
        self.assertIs(self.pool.connect(), first)
        self.assertEqual((len(self.made), first.pings, self.pool.discarded), (1, 0, 0))

    def test_a_connection_the_server_closed_is_replaced(self) -> None:
        first = self.pool.connect()
        first.server.close()  # the server went away (or restarted)
        second = self.pool.connect()
        self.assertIsNot(second, first)
        self.assertTrue(first.closed)
        self.assertEqual(self.pool.discarded, 1)

    def test_a_connection_the_server_spoke_on_is_replaced(self) -> None:
        first = self.pool.connect()
        first.server.sendall(b"E terminating connection")  # a notice before closing
        self.assertIsNot(self.pool.connect(), first)

    def test_after_a_loss_the_others_answer_a_ping_once(self) -> None:
        first = self.pool.connect()
        self.pool.suspect_all()
        self.assertIs(self.pool.connect(), first)
        self.assertIs(self.pool.connect(), first)
        self.assertEqual(first.pings, 1, "pinged on the first use after the loss only")
        self.pool.suspect_all()
        first.ping_fails = True
        second = self.pool.connect()
        self.assertIsNot(second, first)
        self.assertEqual(second.pings, 0, "a new connection needs no ping")

    def test_news_on_a_socket(self) -> None:
        ours, theirs = socket.socketpair()
        self.addCleanup(ours.close)
        self.assertFalse(idle_socket_has_news(ours.fileno()))
        theirs.close()
        self.assertTrue(idle_socket_has_news(ours.fileno()))


class StalePoolMixin:
    """The whole pool connected, the server away for 1 s while idle, then calls: none may fail."""

    backend: str
    server_port: int
    sleep_sql: str
    kill_sql: str

    def setUp(self) -> None:
        self.require()  # type: ignore[attr-defined]
        self.table = unique_table(f"s{self.backend[:2]}")
        self.addCleanup(drop_table, self.backend, self.table)  # type: ignore[attr-defined]

    async def test_no_call_fails_after_an_idle_outage(self) -> None:
        proxy = TcpProxy(HOST, self.server_port)
        proxy.start()
        self.addCleanup(proxy.cut)  # type: ignore[attr-defined]
        persistence = self.persistence_class()  # type: ignore[attr-defined]
        self.addCleanup(persistence.close, None)  # type: ignore[attr-defined]
        await opened(persistence, self.config(**{  # type: ignore[attr-defined]
            "connection.port": proxy.port, "options.max_pool_size": POOL_SIZE}))
        await persistence.create(None, {"id": "1", "content": "kept"})
        # Every pool thread holds a connection: the calls overlap, each on its own thread.
        await gatherResults([
            persistence._run(None, lambda cursor: persistence._execute(cursor, self.sleep_sql, None))
            for _ in range(POOL_SIZE)
        ])
        self.assertEqual(len(persistence._pool.connections), POOL_SIZE)  # type: ignore[attr-defined]

        await proxy.cut()
        await task.deferLater(reactor, 1.0, lambda: None)
        proxy.start()

        persistence.statements = []
        for _ in range(POOL_SIZE):
            self.assertEqual((await persistence.get_one_by_id(None, "1"))["content"], "kept")  # type: ignore
        found = await gatherResults([persistence.get_one_by_id(None, "1") for _ in range(2 * POOL_SIZE)])
        self.assertEqual([item["content"] for item in found], ["kept"] * 2 * POOL_SIZE)  # type: ignore
        selects = [sql for sql, _ in persistence.statements if sql.startswith("SELECT")]
        self.assertEqual(len(selects), 3 * POOL_SIZE, "no statement ran on a dead connection (no retry)")

    async def test_the_dialect_probe_sees_a_killed_connection(self) -> None:
        dialect = self.persistence_class._dialect_class()  # type: ignore[attr-defined]
        connection, killer = self.connect(), self.connect()
        self.addCleanup(killer.close)  # type: ignore[attr-defined]
        fd = dialect.socket_fd(connection)
        self.assertFalse(idle_socket_has_news(fd))
        dialect.ping(connection)
        with killer.cursor() as cursor:
            cursor.execute(self.kill_sql, [self.backend_id(connection)])
        killer.commit()
        for _ in range(50):  # the server's goodbye arrives within moments
            if idle_socket_has_news(fd):
                break
            await task.deferLater(reactor, 0.02, lambda: None)
        self.assertTrue(idle_socket_has_news(fd))
        with self.assertRaises(self.driver_error()):  # type: ignore[attr-defined]
            dialect.ping(connection)
        connection.close()
        self.assertIsNone(dialect.socket_fd(connection))


class PostgresStalePoolTests(StalePoolMixin, unittest.TestCase):
    backend = "postgres"
    server_port = POSTGRES_PORT
    persistence_class = RecordingPostgres
    sleep_sql = "SELECT pg_sleep(0.2)"

    kill_sql = "SELECT pg_terminate_backend(%s)"

    def require(self) -> None:
        require_postgres()

    def config(self, **extra: Any) -> Any:
        return postgres_config(self.table, **extra)

    def connect(self) -> Any:
        import psycopg2

        return psycopg2.connect(host=HOST, port=POSTGRES_PORT, user="postgres", dbname="test", connect_timeout=3)

    def backend_id(self, connection: Any) -> int:
        return int(connection.get_backend_pid())

    def driver_error(self) -> Any:
        import psycopg2

        return psycopg2.Error


class MySqlStalePoolTests(StalePoolMixin, unittest.TestCase):
    backend = "mysql"
    server_port = MYSQL_PORT
    persistence_class = RecordingMySql
    sleep_sql = "SELECT SLEEP(0.2)"

    kill_sql = "KILL %s"

    def require(self) -> None:
        require_mysql()

    def config(self, **extra: Any) -> Any:
        return mysql_config(self.table, **extra)

    def connect(self) -> Any:
        import pymysql

        return pymysql.connect(host=HOST, port=MYSQL_PORT, user="root", password="", database="test",
                               connect_timeout=3)

    def backend_id(self, connection: Any) -> int:
        return int(connection.thread_id())

    def driver_error(self) -> Any:
        import pymysql

        return pymysql.err.Error
