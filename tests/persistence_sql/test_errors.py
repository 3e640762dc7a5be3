# -*- test-case-name: tests.persistence_sql.test_errors -*-
"""Failures come out portable: refused and silent servers, lost connections and recovery, SQL errors."""

from __future__ import annotations

import random
import socket
import string
from typing import Any

from twisted.internet import reactor, task
from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import (
    BadRequestException,
    ConfigException,
    ConnectionException,
)

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


def closed_port() -> int:
    """A loopback port where nothing listens."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class ErrorsMixin:
    backend: str
    persistence_class: Any

    def setUp(self) -> None:
        self.require()  # type: ignore[attr-defined]
        self.table = unique_table(f"e{self.backend[:2]}")
        self.addCleanup(drop_table, self.backend, self.table)  # type: ignore[attr-defined]

    def make(self, **kwargs: Any) -> Any:
        persistence = self.persistence_class(**kwargs)
        self.addCleanup(persistence.close, None)  # type: ignore[attr-defined]
        return persistence

    async def test_refused_connection_is_a_connection_exception(self) -> None:
        persistence = self.make()
        port = closed_port()
        persistence.configure(self.config(**{"connection.port": port}))
        with self.assertRaises(ConnectionException) as context:
            await persistence.open("cid")
        error = context.exception
        self.assertEqual((error.code, error.correlation_id), ("CONNECT_FAILED", "cid"))
        self.assertIn(f"{HOST}:{port}", error.message)
        self.assertFalse(persistence.is_open())

    async def test_silent_server_times_out(self) -> None:
        with socket.socket() as silent:
            silent.bind((HOST, 0))
            silent.listen(8)
            persistence = self.make()
            persistence.configure(
                self.config(**{"connection.port": silent.getsockname()[1], "options.connect_timeout": 300})
            )
            with self.assertRaises(ConnectionException) as context:
                await persistence.open(None)
        self.assertEqual(context.exception.code, "CONNECT_FAILED")

    async def test_lost_server_then_recovery(self) -> None:
        proxy = TcpProxy(HOST, self.server_port)
        proxy.start()
        self.addCleanup(proxy.cut)  # type: ignore[attr-defined]
        persistence = self.make()
        await opened(persistence, self.config(**{"connection.port": proxy.port, "options.max_pool_size": 1}))
        await persistence.create(None, {"id": "1", "content": "before"})

        await proxy.cut()  # a restart while idle: the pooled connection is dead, the server is back at once
        proxy.start()
        persistence.statements = []
        self.assertEqual((await persistence.get_one_by_id(None, "1"))["content"], "before")
        self.assertEqual(len(persistence.statements), 1, "the dead connection was replaced before the statement")
        self.assertEqual(persistence._pool.discarded, 1)

        persistence.statements = []  # a restart during a statement: it runs again on a new connection
        running = persistence._run(None, lambda cursor: persistence._execute(cursor, self.short_sleep_sql, None))
        await task.deferLater(reactor, 0.1, lambda: None)
        await proxy.cut()
        proxy.start()
        await running
        self.assertEqual(len(persistence.statements), 2, "failed on the dead connection, then retried on a new one")
        self.assertEqual(persistence.statements[0], persistence.statements[1])

        await proxy.cut()  # down for a while
        with self.assertRaises(ConnectionException) as context:
            await persistence.get_one_by_id("cid", "1")
        self.assertEqual((context.exception.code, context.exception.correlation_id), ("CONNECT_FAILED", "cid"))
        with self.assertRaises(ConnectionException):
            await persistence.create(None, {"id": "2"})

        proxy.start()  # back: the pool reconnects
        await persistence.create(None, {"id": "2", "content": "after"})
        self.assertEqual(await persistence.get_count_by_filter(None, None), 2)

    async def test_statement_timeout(self) -> None:
        persistence = self.make()
        await opened(persistence, self.config(**{"options.timeout": 200}))
        persistence.statements = []
        with self.assertRaises(ConnectionException) as context:
            await persistence._run("cid", lambda cursor: persistence._execute(cursor, self.sleep_sql, None))
        self.assertEqual((context.exception.code, context.exception.correlation_id), ("TIMEOUT", "cid"))
        self.assertEqual(len(persistence.statements), 1, "a timed out statement is not retried")
        await persistence.create(None, {"id": "after"})
        self.assertEqual((await persistence.get_one_by_id(None, "after"))["id"], "after")

    async def test_sql_errors_are_portable(self) -> None:
        persistence = self.make(columns=[("id", "VARCHAR(4)"), ("count", "INTEGER")])
        await opened(persistence, self.config())
        for item in ({"id": "1", "count": "not a number"}, {"id": "too long for the column", "count": 1}):
            with self.assertRaises(BadRequestException) as context:
                await persistence.create("cid", item)
            error = context.exception
            self.assertEqual((error.code, error.correlation_id), ("BAD_DATA", "cid"))
            self.assertIsNotNone(error.cause)
            self.assertIsInstance(error.__cause__, self.driver_error())
            for statement_text in ("INSERT", "VALUES", "LINE 1", "\n"):
                self.assertNotIn(statement_text, error.message, "the message does not echo the statement")
        self.assertEqual(await persistence.get_count_by_filter(None, None), 0)

    async def test_an_id_too_long_to_index_is_a_bad_request(self) -> None:
        persistence = self.make()
        await opened(persistence, self.config())
        long_id = "".join(random.choice(string.ascii_letters) for _ in range(3000))  # does not compress
        for write in (persistence.create, persistence.set):
            with self.assertRaises(BadRequestException) as context:
                await write("cid", {"id": long_id, "content": "x"})
            self.assertEqual((context.exception.code, context.exception.status), ("BAD_DATA", 400))
            self.assertNotIn(long_id[:50], context.exception.message)
        self.assertIsNone(await persistence.get_one_by_id(None, long_id))

    async def test_config_errors(self) -> None:
        persistence = self.make()
        persistence.configure(self.config(table=""))
        with self.assertRaises(ConfigException) as context:
            await persistence.open(None)
        self.assertEqual(context.exception.code, "NO_TABLE")
        with self.assertRaises(ConfigException):
            persistence.configure(self.config(table="users; DROP TABLE x"))
        unknown = ConfigParams.from_tuples("table", "t", "connection.discovery_key", "nowhere")
        persistence.configure(unknown)
        with self.assertRaises(ConfigException):
            await persistence.open(None)

    async def test_connection_uri(self) -> None:
        persistence = self.make()
        uri = self.uri()
        await opened(persistence, ConfigParams.from_tuples("connection.uri", uri, "table", self.table))
        self.assertEqual((await persistence.create(None, {"id": "u"}))["id"], "u")


class PostgresErrorTests(ErrorsMixin, unittest.TestCase):
    backend = "postgres"
    persistence_class = RecordingPostgres
    server_port = POSTGRES_PORT
    sleep_sql = "SELECT pg_sleep(2)"
    short_sleep_sql = "SELECT pg_sleep(0.3)"

    def require(self) -> None:
        require_postgres()

    def config(self, table: Any = None, **extra: Any) -> ConfigParams:
        return postgres_config(self.table if table is None else table, **extra)

    def uri(self) -> str:
        return f"postgres://postgres@{HOST}:{POSTGRES_PORT}/test"

    def driver_error(self) -> Any:
        import psycopg2

        return psycopg2.Error


class MySqlErrorTests(ErrorsMixin, unittest.TestCase):
    backend = "mysql"
    persistence_class = RecordingMySql
    server_port = MYSQL_PORT
    sleep_sql = "SELECT SLEEP(2)"
    short_sleep_sql = "SELECT SLEEP(0.3)"

    def require(self) -> None:
        require_mysql()

    def config(self, table: Any = None, **extra: Any) -> ConfigParams:
        return mysql_config(self.table if table is None else table, **extra)

    def uri(self) -> str:
        return f"mysql://root:@{HOST}:{MYSQL_PORT}/test"

    def driver_error(self) -> Any:
        import pymysql

        return pymysql.err.Error
