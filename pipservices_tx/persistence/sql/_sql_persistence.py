# -*- test-case-name: tests.persistence_sql.test_postgres -*-
"""SqlPersistence: items in a SQL table through adbapi, queried like the memory persistence."""

from __future__ import annotations

import random
from typing import Any, Callable, ClassVar, Mapping, Optional, Sequence, TypeVar

from twisted.internet.defer import CancelledError, Deferred, ensureDeferred, fail, succeed
from twisted.python.failure import Failure
from zope.interface import implementer

from ...config import ConfigParams, IConfigurable
from ...data import DataPage, PagingParams, ProjectionParams
from ...discovery import ConnectionResolver, CredentialResolver
from ...errors import (
    ApplicationException,
    BadRequestException,
    ConfigException,
    ConflictException,
    ConnectionException,
    InvalidStateException,
)
from ...lifecycle import ICleanable, IOpenable, ReactorAware
from ...logs import CompositeLogger, LogLevel
from ...portability import IdGenerator
from ...refer import IReferenceable, IReferences
from .._interfaces import IFilteredPageReader, IFilteredReader
from .._paging import PageWindow
from ._columns import ColumnSpec, to_columns
from ._deadlines import CallDeadlines
from ._dialect import SqlDialect
from ._layout import ID_FIELD, ColumnLayout, DocumentLayout, index_key
from ._names import check_identifier, index_name, split_field
from ._pool import ConnectFailed, ConnectionLost, SqlConnectionPool
from ._query_composer import SqlQueryComposer
from ._settings import SqlAddress, SqlSettings

T = TypeVar("T")
S = TypeVar("S")
Item = dict[str, Any]


@implementer(IConfigurable, IReferenceable, IOpenable, ICleanable, IFilteredReader, IFilteredPageReader)
class SqlPersistence(SqlQueryComposer, ReactorAware):
    """
    The dialect-neutral part of the PostgreSQL and MySQL persistences (use
    those). Statements run on the threads of an adbapi pool; every public
    method fires a Deferred, with None for a missing item and a portable
    ApplicationException for a failure (never a driver exception).

    Without C{columns}, items are JSON documents in C{(id, data)} rows; with
    C{columns} (C{SqlColumn}s or C{(name, sql_type)} pairs) each field is a
    column. Filters are a L{FilterParams} (or a map or C{"a=1;b=2"}), turned
    into a L{SqlCondition} by L{_compose_filter}, or a SqlCondition built by
    code. A pooled connection is checked before each use and replaced when
    the server went away meanwhile (see L{SqlConnectionPool}), so the calls
    after an outage do not fail on connections it killed. A failure of a
    statement because the server went away (before commit) is retried once on
    a new connection; past that, the caller gets a ConnectionException.
    """

    _dialect_class: ClassVar[type[SqlDialect]] = SqlDialect

    def __init__(
        self,
        table_name: Optional[str] = None,
        *,
        columns: Optional[Sequence[ColumnSpec]] = None,
        schema_name: Optional[str] = None,
        random_source: Optional[random.Random] = None,
    ) -> None:
        self._dialect = self._dialect_class()
        self._settings = SqlSettings(
            table=check_identifier(table_name, "table") if table_name else None,
            schema=check_identifier(schema_name, "schema") if schema_name else None,
        )
        self._layout: DocumentLayout | ColumnLayout = (
            DocumentLayout(self._dialect) if columns is None else ColumnLayout(self._dialect, to_columns(columns))
        )
        self._indexes: list[tuple[str, list[tuple[str, list[Any]]], bool]] = []
        self._connection_resolver = ConnectionResolver()
        self._credential_resolver = CredentialResolver()
        self._references: Optional[IReferences] = None
        self._logger = CompositeLogger(component=type(self).__name__)
        self._random = random_source or random.Random()
        self._pool: Optional[SqlConnectionPool] = None
        self._deadlines: Optional[CallDeadlines] = None
        self._address: Optional[SqlAddress] = None
        self._opened = False
        self._statements: dict[str, Any] = {}  # statement text per query shape (L{_statement})

    # -- configuration ----------------------------------------------------------

    def configure(self, config: ConfigParams) -> None:
        """Reads C{connection(s).*}, C{credential(s).*}, C{table}, C{schema} and C{options.*} (L{SqlSettings})."""
        self._settings = SqlSettings.from_config(config, self._settings)
        self._statements = {}
        self._connection_resolver = ConnectionResolver(config, self._references)
        self._credential_resolver = CredentialResolver(config, self._references)

    def set_references(self, references: IReferences) -> None:
        self._references = references
        self._logger.set_references(references)
        self._connection_resolver.set_references(references)
        self._credential_resolver.set_references(references)

    def _ensure_index(self, name: str, fields: Sequence[str], unique: bool = False) -> None:
        """
        Declares an index, created at open when C{options.auto_create} is on.
        C{fields} are field names, C{-name} for a descending key; in document
        mode PostgreSQL indexes C{data ->> 'field'}, the very expression that
        equality filters use. Call it from your constructor. The index is
        named after the table (L{index_name}: C{"site"} on table C{beacons}
        is C{beacons_site}), so the same class on another table gets indexes
        of its own; an index already there under the name as declared counts.
        """
        check_identifier(name, "index")
        keys = []
        for field in fields:
            descending = field.startswith("-")
            target = self._layout.target(split_field(field.lstrip("+-")))
            keys.append(index_key(self._dialect, target, descending))
        self._indexes.append((name, keys, unique))

    # -- lifecycle --------------------------------------------------------------

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Resolves the connection, starts the pool, checks the server and creates what is missing."""
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._opened:
            return
        settings = self._settings
        if not settings.table:
            raise ConfigException(
                correlation_id, "NO_TABLE", f"{type(self).__name__} needs a table name (config: table)"
            )
        connection = await self._connection_resolver.resolve(correlation_id)
        credential = await self._credential_resolver.resolve(correlation_id)
        self._address = SqlAddress.from_params(connection, credential, self._dialect.default_port)
        self._pool = self._make_pool(correlation_id, self._address, settings)
        self._deadlines = CallDeadlines(self.reactor, self._call_limit(), self._timed_out)
        try:
            await self._run(correlation_id, self._setup)
        except BaseException:
            await self.close(correlation_id)
            raise
        self._opened = True
        self._logger.debug(
            correlation_id, "Opened %s table %s at %s", self._dialect.name, settings.table, self._address.location
        )

    def _make_pool(
        self, correlation_id: Optional[str], address: SqlAddress, settings: SqlSettings
    ) -> SqlConnectionPool:
        try:
            __import__(self._dialect.driver_module)
        except ImportError as error:
            raise ConfigException(
                correlation_id, "NO_DRIVER", f"{self._dialect.name} needs the {self._dialect.driver_module} package"
            ).with_cause(error) from error
        kwargs = self._dialect.connect_kwargs(address, settings)
        kwargs["cp_reactor"] = self.reactor
        pool = SqlConnectionPool(
            self._dialect,
            self._dialect.driver_module,
            cp_min=settings.min_pool_size,
            cp_max=settings.max_pool_size,
            cp_reconnect=True,
            cp_noisy=False,
            cp_openfun=lambda connection: self._dialect.on_connect(connection, settings),
            **kwargs,
        )
        pool.start()
        return pool

    def _setup(self, cursor: Any) -> None:
        """On a pool thread at open: learns the server, then creates the schema, table and indexes."""
        self._execute(cursor, "SELECT 1", None)
        cursor.fetchall()
        self._dialect.setup_session(cursor)
        if not self._settings.auto_create:
            return
        dialect, settings = self._dialect, self._settings
        if settings.schema:
            schema_sql = dialect.create_schema_sql(settings.schema)
            if schema_sql:
                self._execute(cursor, schema_sql, None)
        table = self._table()
        self._execute(cursor, dialect.create_table_sql(table, self._layout.create_columns(), self._layout.id_sql), None)
        table_name = settings.table or ""
        for name, keys, unique in self._indexes:
            names = list(dict.fromkeys((index_name(table_name, name), name)))
            dialect.ensure_index(cursor, self._execute, settings.schema, table_name, names, keys, unique)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Stops the pool: waits for the statements in progress, then closes every connection."""
        pool, self._pool = self._pool, None
        deadlines, self._deadlines = self._deadlines, None
        self._opened = False
        if pool is not None:
            pool.close()
        if deadlines is not None:
            deadlines.stop()
        return succeed(None)

    # -- running statements -----------------------------------------------------

    def _statement(self, shape: str, build: Callable[[], S]) -> S:
        """
        What C{build()} makes for a query C{shape} (SQL text, a row decoder),
        made once: it depends only on the table, the layout and the dialect,
        which change only before open (L{configure} forgets them).
        """
        try:
            return self._statements[shape]  # type: ignore[no-any-return]
        except KeyError:
            made = self._statements[shape] = build()
            return made

    def _table(self) -> str:
        return self._statement("table", lambda: self._dialect.table_ref(self._settings.schema, self._settings.table or ""))

    def _execute(self, cursor: Any, sql: str, params: Optional[Sequence[Any]]) -> None:
        """Runs one statement (on a pool thread). Every statement goes through here."""
        cursor.execute(sql, params)

    def _run(self, correlation_id: Optional[str], work: Callable[..., T], *args: Any) -> Deferred[T]:
        """
        Runs C{work(cursor, *args)} in a transaction on a pool thread; commits
        when it returns. Retried once when the connection was lost before the
        commit; errors come out portable.
        """
        pool, deadlines = self._pool, self._deadlines
        if pool is None or deadlines is None:
            return fail(InvalidStateException(correlation_id, "NOT_OPENED", f"{type(self).__name__} is not open"))
        deferred = pool.runWithConnection(self._in_thread, work, *args)
        deferred.addErrback(self._failed, correlation_id, pool, work, args)
        # A hung server makes calls queue for pool threads behind each other's
        # connect timeouts: the whole call is bounded (L{_call_limit}) so a
        # caller never waits longer than one connect plus one statement and
        # half a second of slack; work already queued still runs.
        return deadlines.watch(deferred, correlation_id)

    def _failed(
        self, failure: Failure, correlation_id: Optional[str], pool: SqlConnectionPool, work: Any, args: Any
    ) -> Any:
        """
        A lost connection is retried once on a new one; a cancel stays a
        CancelledError (L{CallDeadlines} turns its own into a TIMEOUT); any
        other failure comes out portable.
        """
        if failure.check(CancelledError):
            return failure
        if failure.check(ConnectionLost) and self._pool is pool:
            self._logger.debug(correlation_id, "Connection lost (%s); retrying on a new one", failure.value)
            retried = pool.runWithConnection(self._in_thread, work, *args)
            return retried.addErrback(self._portable, correlation_id)
        return self._portable(failure, correlation_id)

    def _call_limit(self) -> float:
        """Seconds a whole call may take: one connect, one statement (or another connect) and 0.5 s of slack."""
        connect = self._dialect.connect_timeout_seconds(self._settings)
        statement = self._settings.timeout_ms / 1000.0 or connect
        return connect + statement + 0.5

    def _timed_out(self, timeout: float, correlation_id: Optional[str]) -> Failure:
        location = self._address.location if self._address else "?"
        return Failure(ConnectionException(
            correlation_id, "TIMEOUT", f"{self._dialect.name} at {location} gave no answer within {timeout:g} s"))

    def _in_thread(self, connection: Any, work: Callable[..., T], *args: Any) -> T:
        cursor = connection.cursor()
        try:
            return work(cursor, *args)
        except ApplicationException:
            raise
        except Exception as error:
            if self._dialect.is_connection_lost(connection, error):
                raise ConnectionLost(str(error) or type(error).__name__) from error
            raise
        finally:
            try:
                cursor.close()
            except Exception:
                pass

    def _portable(self, failure: Failure, correlation_id: Optional[str]) -> Failure:
        if failure.check(CancelledError):
            return failure
        error: Any = failure.value
        location = self._address.location if self._address else "?"
        mapped: ApplicationException
        if isinstance(error, ApplicationException):
            mapped = error if error.correlation_id else error.with_correlation_id(correlation_id)
        elif isinstance(error, (ConnectFailed, ConnectionLost)):
            code = "CONNECT_FAILED" if isinstance(error, ConnectFailed) else "CONNECTION_LOST"
            verb = "Cannot connect to" if isinstance(error, ConnectFailed) else "Lost the connection to"
            mapped = ConnectionException(correlation_id, code, f"{verb} {self._dialect.name} at {location}: {error}")
            mapped.with_details("server", location).with_cause(error.__cause__ or error)
        else:
            mapped = self._dialect.map_error(error, correlation_id)
        return Failure(mapped)

    def _attempt(self, correlation_id: Optional[str], build: Callable[[], Deferred[T]]) -> Deferred[T]:
        """C{build()}, with an error raised while composing the statement as a failed Deferred."""
        try:
            return build()
        except ApplicationException as error:
            return fail(error if error.correlation_id else error.with_correlation_id(correlation_id))
        except Exception as error:
            return fail(self._dialect.map_error(error, correlation_id))

    # -- reads ------------------------------------------------------------------

    def _select(self, projection: ProjectionParams) -> tuple[list[str], str]:
        columns = self._layout.select_sqls(projection)
        return columns, f"SELECT {', '.join(columns)} FROM {self._table()}"

    def _decode_rows(
        self, rows: Sequence[Sequence[Any]], columns: list[str], projection: ProjectionParams
    ) -> list[Item]:
        decode = self._layout.row_decoder(columns, projection)
        return [decode(row) for row in rows]

    def get_page_by_filter(
        self,
        correlation_id: Optional[str],
        filter: Any,
        paging: Optional[PagingParams | Mapping[str, Any]],
        sort: Any = None,
        select: Any = None,
    ) -> Deferred[DataPage[Item]]:
        """
        A page in C{sort} order (then by id; by id alone without C{sort}) with
        LIMIT/OFFSET; C{total} counts the matches only when C{paging.total} is
        set, and without a second query when the page itself tells it.
        """

        def build() -> Deferred[DataPage[Item]]:
            window = PageWindow.of(paging, self._settings.max_page_size)
            where, where_params = self._where(filter)
            order, order_params = self._order_by(sort, tie_break=True)
            projection = ProjectionParams.from_value(select)
            columns, select_sql = self._select(projection)
            sql = f"{select_sql}{where}{order} LIMIT %s OFFSET %s"
            count_sql = f"SELECT COUNT(*) FROM {self._table()}{where}"
            values = [*where_params, *order_params, window.take, window.skip]

            def run(cursor: Any) -> DataPage[Item]:
                self._execute(cursor, sql, values)
                items = self._decode_rows(cursor.fetchall(), columns, projection)
                total = window.total_from_page(len(items)) if window.total else None
                if window.total and total is None:
                    self._execute(cursor, count_sql, where_params)
                    total = int(cursor.fetchone()[0])
                return DataPage(items, total)

            return self._run(correlation_id, run)

        return self._attempt(correlation_id, build)

    def get_list_by_filter(
        self, correlation_id: Optional[str], filter: Any, sort: Any = None, select: Any = None
    ) -> Deferred[list[Item]]:
        """Every matching item, unpaged; in C{sort} order, else in no particular order."""

        def build() -> Deferred[list[Item]]:
            where, where_params = self._where(filter)
            order, order_params = self._order_by(sort, tie_break=False)
            projection = ProjectionParams.from_value(select)
            columns, select_sql = self._select(projection)
            sql, values = f"{select_sql}{where}{order}", [*where_params, *order_params]

            def run(cursor: Any) -> list[Item]:
                self._execute(cursor, sql, values)
                return self._decode_rows(cursor.fetchall(), columns, projection)

            return self._run(correlation_id, run)

        return self._attempt(correlation_id, build)

    def get_count_by_filter(self, correlation_id: Optional[str], filter: Any) -> Deferred[int]:
        def build() -> Deferred[int]:
            where, values = self._where(filter)
            sql = f"SELECT COUNT(*) FROM {self._table()}{where}"

            def run(cursor: Any) -> int:
                self._execute(cursor, sql, values)
                return int(cursor.fetchone()[0])

            return self._run(correlation_id, run)

        return self._attempt(correlation_id, build)

    def get_one_random(self, correlation_id: Optional[str], filter: Any = None) -> Deferred[Optional[Item]]:
        """A matching item chosen at random (count, then one row at a random offset), or None."""

        def build() -> Deferred[Optional[Item]]:
            where, values = self._where(filter)
            columns, select_sql = self._select(ProjectionParams())
            count_sql = f"SELECT COUNT(*) FROM {self._table()}{where}"
            order, _ = self._order_by(None, tie_break=True)
            sql = f"{select_sql}{where}{order} LIMIT 1 OFFSET %s"

            def run(cursor: Any) -> Optional[Item]:
                self._execute(cursor, count_sql, values)
                count = int(cursor.fetchone()[0])
                if count == 0:
                    return None
                self._execute(cursor, sql, [*values, self._random.randrange(count)])
                rows = self._decode_rows(cursor.fetchall(), columns, ProjectionParams())
                return rows[0] if rows else None

            return self._run(correlation_id, run)

        return self._attempt(correlation_id, build)

    # -- writes -----------------------------------------------------------------

    def _generate_id(self) -> str:
        """A new unique id: 32 hex digits of a random UUID (override for another scheme)."""
        return IdGenerator.next_long()

    def _prepare(self, correlation_id: Optional[str], item: Any) -> Item:
        """A normalized copy of C{item} with its id (generated when missing)."""
        if not isinstance(item, Mapping):
            raise BadRequestException(
                correlation_id, "INVALID_ITEM", f"An item must be a map, not {type(item).__name__}"
            )
        self._layout.check_keys(item, correlation_id)
        stored = self._layout.normalize(item)
        if stored.get(ID_FIELD) is None:
            stored[ID_FIELD] = self._generate_id()
        return stored

    def _duplicate(self, correlation_id: Optional[str], id: Any) -> ConflictException:
        error = ConflictException(correlation_id, "DUPLICATE_ID", f"An item with id {id!r} already exists")
        error.with_details("id", id)
        return error

    def create(self, correlation_id: Optional[str], item: Item) -> Deferred[Item]:
        """Inserts the item (id generated when missing); a taken id is a ConflictException C{DUPLICATE_ID}."""

        def build() -> Deferred[Item]:
            stored = self._prepare(correlation_id, item)
            values = self._layout.encode(stored, correlation_id)
            dialect = self._dialect
            sql = self._statement(
                "insert", lambda: dialect.insert_sql(self._table(), self._layout.column_sqls, self._layout.id_sql)
            )

            def run(cursor: Any) -> Item:
                try:
                    self._execute(cursor, sql, values)
                except Exception as error:
                    if dialect.is_duplicate_primary_key(error):
                        raise self._duplicate(correlation_id, stored[ID_FIELD]) from error
                    raise
                if dialect.insert_skips_conflicts and cursor.rowcount == 0:
                    raise self._duplicate(correlation_id, stored[ID_FIELD])
                return stored

            return self._trace_result(self._run(correlation_id, run), correlation_id, "Created item %s")

        return self._attempt(correlation_id, build)

    def _trace_result(self, deferred: Deferred[T], correlation_id: Optional[str], message: str) -> Deferred[T]:
        """Traces the item C{deferred} fires with, when the logger traces at all (no callback otherwise)."""
        if self._logger.level >= LogLevel.TRACE:
            deferred.addCallback(self._traced, correlation_id, message)
        return deferred

    def _traced(self, item: T, correlation_id: Optional[str], message: str, id: Any = None) -> T:
        if isinstance(item, dict) and id is None:
            id = item.get(ID_FIELD)
        self._logger.trace(correlation_id, message, id)
        return item

    def delete_by_filter(self, correlation_id: Optional[str], filter: Any) -> Deferred[None]:
        def build() -> Deferred[None]:
            where, values = self._where(filter)
            sql = f"DELETE FROM {self._table()}{where}"

            def run(cursor: Any) -> int:
                self._execute(cursor, sql, values)
                return int(cursor.rowcount)

            def deleted(count: int) -> None:
                self._logger.trace(correlation_id, "Deleted %d items", count)

            return self._run(correlation_id, run).addCallback(deleted)

        return self._attempt(correlation_id, build)

    def clear(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Deletes every row (C{DELETE}, not C{TRUNCATE}: transactional and no exclusive lock)."""
        return self.delete_by_filter(correlation_id, None)
