# -*- test-case-name: tests.persistence_mongodb.test_wire -*-
"""MongoDbClient: the txmongo connection pool a MongoDB persistence runs its calls through."""

from __future__ import annotations

from typing import Any, Callable, Optional, TypeVar

from twisted.internet.defer import Deferred, TimeoutError, ensureDeferred, fail, succeed
from twisted.internet.task import deferLater
from twisted.python.failure import Failure

from ...errors import ApplicationException, ConfigException, InvalidStateException, UnauthorizedException
from ...lifecycle import ReactorAware
from ...logs import CompositeLogger
from ._errors import timeout_error, translate_error
from ._settings import MongoDbAddress, MongoDbOptions

T = TypeVar("T")

#: How long L{MongoDbClient.close} waits for the sockets to close (polls every 10 ms).
_CLOSE_POLLS = 200


class MongoDbClient(ReactorAware):
    """
    Opens a C{txmongo.connection.ConnectionPool} of C{options.max_pool_size}
    connections, which reconnect by themselves (immediately after a loss,
    then backing off from C{connect_timeout} to C{max_reconnect_delay}).
    Every call is cancelled after C{request_timeout}, so a server that is
    away or silent gives a ConnectionException, never a hang. txmongo is
    imported by L{open} only.
    """

    def __init__(self, logger: Optional[CompositeLogger] = None) -> None:
        self._logger = logger or CompositeLogger()
        self._pool: Any = None
        self._collection: Any = None
        self.address = MongoDbAddress("mongodb://localhost", "test")
        self.options = MongoDbOptions()

    def is_open(self) -> bool:
        return self._collection is not None

    def connected(self) -> bool:
        """True while at least one pooled connection is up."""
        pool = self._pool
        return pool is not None and any(factory.instance for factory in pool.getprotocols())

    # -- lifecycle ------------------------------------------------------------

    def open(
        self,
        correlation_id: Optional[str],
        address: MongoDbAddress,
        options: MongoDbOptions,
        collection: str,
        indexes: list[dict[str, Any]],
        check_login: bool = False,
    ) -> Deferred[None]:
        """
        Connects, checks the server answers within C{connect_timeout} (and,
        with C{check_login}, that the login was accepted: txmongo swallows a
        refused one), then creates C{indexes} in one C{createIndexes}.
        """
        if self._collection is not None:
            return succeed(None)
        self.address, self.options = address, options
        return ensureDeferred(self._open(correlation_id, collection, indexes, check_login))

    async def _open(
        self, correlation_id: Optional[str], collection: str, indexes: list[dict[str, Any]], check_login: bool
    ) -> None:
        try:
            from txmongo.connection import ConnectionPool
        except ImportError as error:
            raise ConfigException(
                correlation_id, "NO_DRIVER", "MongoDB persistence needs the txmongo package"
            ).with_cause(error) from None
        try:
            connect_s = self.options.connect_timeout_ms / 1000.0
            self._pool = ConnectionPool(
                self.address.uri,
                pool_size=self.options.max_pool_size,
                retry_delay=connect_s,
                max_delay=max(connect_s, self.options.max_reconnect_delay_ms / 1000.0),
            )
        except Exception as error:
            raise translate_error(error, correlation_id, self.address.masked_uri, "connect") from None
        pool = self._pool
        try:
            command = {"connectionStatus": 1} if check_login else {"ping": 1}
            reply = await self._bounded(
                pool.command("admin", command), self.options.connect_timeout_ms, correlation_id, "connect"
            )
            if check_login and not ((reply or {}).get("authInfo") or {}).get("authenticatedUsers"):
                raise UnauthorizedException(
                    correlation_id, "MONGODB_UNAUTHORIZED",
                    f"MongoDB at {self.address.masked_uri} did not accept the configured credential",
                )
            database = pool[self.address.database]
            if indexes:
                await self._bounded(
                    database.command({"createIndexes": collection, "indexes": indexes}),
                    self.options.request_timeout_ms, correlation_id, "createIndexes",
                )
        except BaseException:
            self._pool = None
            await self._disconnect(pool)
            raise
        self._collection = database[collection]
        self._logger.debug(correlation_id, "Connected to MongoDB at %s", self.address.masked_uri)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Disconnects and fires once every socket of the pool is closed."""
        pool, self._pool, self._collection = self._pool, None, None
        if pool is None:
            return succeed(None)

        def closed(_: Any) -> None:
            self._logger.debug(correlation_id, "Disconnected from MongoDB at %s", self.address.masked_uri)

        return ensureDeferred(self._disconnect(pool)).addCallback(closed)

    async def _disconnect(self, pool: Any) -> None:
        try:
            await pool.disconnect()
        except Exception as error:  # a half-built pool: nothing more to release
            self._logger.warn(None, "Error while disconnecting from MongoDB: %s", error)
        for _ in range(_CLOSE_POLLS):
            if _all_closed(pool):
                return
            await deferLater(self.reactor, 0.01, lambda: None)

    # -- calls ------------------------------------------------------------------

    def call(
        self, correlation_id: Optional[str], what: str, fn: Callable[[Any], Deferred[T]], id: Any = None
    ) -> Deferred[T]:
        """
        Runs C{fn(collection)} (a txmongo call returning a Deferred), bounded
        by C{request_timeout}; its failures become ApplicationExceptions
        (C{id} names the item of a duplicate key).
        """
        collection = self._collection
        if collection is None:
            return fail(InvalidStateException(correlation_id, "NOT_OPENED", "The MongoDB persistence is not open"))
        try:
            d = fn(collection)
        except Exception as error:
            return fail(translate_error(error, correlation_id, self.address.masked_uri, what, id))
        return self._bounded(d, self.options.request_timeout_ms, correlation_id, what, id)

    def _bounded(self, d: Deferred[T], ms: int, correlation_id: Optional[str], what: str, id: Any = None) -> Deferred[T]:
        d.addTimeout(ms / 1000.0, self.reactor)

        def failed(failure: Failure) -> Any:
            if failure.check(TimeoutError):
                raise timeout_error(correlation_id, self.address.masked_uri, what, ms, self.connected())
            assert failure.value is not None
            error = translate_error(failure.value, correlation_id, self.address.masked_uri, what, id)
            if isinstance(error, ApplicationException) and error.correlation_id is None:
                error.correlation_id = correlation_id
            raise error

        return d.addErrback(failed)


def _all_closed(pool: Any) -> bool:
    """True when no pooled or pinger connection of C{pool} is still open or connecting."""
    factories = list(pool.getprotocols())
    pingers = list(getattr(pool, "_ConnectionPool__pingers", {}).values())
    if any(getattr(factory, "instance", None) is not None for factory in factories):
        return False
    connectors = [getattr(item, "connector", None) for item in factories + pingers]
    return all(getattr(connector, "state", "disconnected") == "disconnected" for connector in connectors)
