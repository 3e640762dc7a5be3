# -*- test-case-name: tests.persistence_mongodb.test_wire -*-
"""MongoDbPersistence: items in a MongoDB collection, queried by filter, over txmongo."""

from __future__ import annotations

import random
from typing import Any, Callable, Mapping, Optional, TypeVar

from twisted.internet.defer import Deferred, FirstError, ensureDeferred, fail, gatherResults, succeed
from twisted.internet.interfaces import IReactorTime
from twisted.python.failure import Failure
from zope.interface import implementer

from ...config import ConfigParams, IConfigurable
from ...data import DataPage, FilterParams, PagingParams
from ...discovery import ConnectionResolver, CredentialResolver
from ...errors import ApplicationException, BadRequestException, ConfigException, InternalException
from ...lifecycle import ICleanable, IOpenable, ReactorAware
from ...logs import CompositeLogger
from ...portability import IdGenerator
from ...refer import IReferenceable, IReferences
from .._interfaces import IFilteredPageReader, IFilteredReader
from .._paging import PageWindow
from ._client import MongoDbClient
from ._query import (
    ID_FIELD,
    Document,
    check_document,
    equality_query,
    filter_params_of,
    mongo_field,
    projection_document,
    sort_document,
    to_document,
    to_public,
)
from ._settings import MongoDbOptions, resolve_address

T = TypeVar("T")
Item = dict[str, Any]


def _with_correlation_id(error: ApplicationException, correlation_id: Optional[str]) -> ApplicationException:
    if error.correlation_id is None:
        error.correlation_id = correlation_id
    return error


def _first_failure(failure: Failure) -> Failure:
    """The failure inside a C{gatherResults} FirstError."""
    error = failure.value
    if isinstance(error, FirstError):
        return error.subFailure
    return failure


def _public_list(documents: list[Document]) -> list[Item]:
    return [to_public(document) or {} for document in documents]


@implementer(IConfigurable, IReferenceable, IOpenable, ICleanable, IFilteredReader, IFilteredPageReader)
class MongoDbPersistence(ReactorAware):
    """
    The surface of L{MemoryPersistence} over a MongoDB collection. An item's
    C{id} is stored as C{_id} and comes back as C{id}; callers never see
    C{_id}. Items read are new maps decoded from the server's reply, so they
    are never shared.

    Configuration:
      - C{connection.uri} (C{mongodb://host:port/database?options}) or
        C{connection.host}, C{connection.port}, C{connection.database}, or a
        C{connection.discovery_key} resolved by a discovery service;
      - C{credential.username}, C{credential.password} (or C{store_key});
        txmongo logs in with SCRAM-SHA-1 against the database (or
        C{authSource});
      - C{collection} (or the constructor's argument);
      - C{options.*}: see L{MongoDbOptions} (pool size, timeouts, page size).

    Filters are a L{FilterParams} (or a map or C{"a=1;b=2"}), turned into a
    Mongo query by L{_compose_filter}: equality on each field, values always
    literal. Sorts are a L{SortParams} (or C{"name,-created"}), C{select} a
    L{ProjectionParams}. Subclasses declare indexes with L{_ensure_index}
    (in their constructor); they are created when the persistence opens.
    txmongo is imported by C{open} only.
    """

    def __init__(
        self,
        collection: Optional[str] = None,
        *,
        random_source: Optional[random.Random] = None,
    ) -> None:
        self._collection_name = collection
        self._options = MongoDbOptions()
        self._connection_resolver = ConnectionResolver()
        self._credential_resolver = CredentialResolver()
        self._references: Optional[IReferences] = None
        self._logger = CompositeLogger(component=type(self).__name__)
        self._client = MongoDbClient(self._logger)
        self._indexes: list[Document] = []
        self._random = random_source or random.Random()

    def set_reactor(self, reactor: IReactorTime) -> None:
        super().set_reactor(reactor)
        self._client.set_reactor(reactor)

    # -- component lifecycle --------------------------------------------------

    def configure(self, config: ConfigParams) -> None:
        self._options = MongoDbOptions.from_config(config)
        self._collection_name = config.get_as_nullable_string("collection") or self._collection_name
        self._connection_resolver = ConnectionResolver(config, self._references)
        self._credential_resolver = CredentialResolver(config, self._references)

    def set_references(self, references: IReferences) -> None:
        self._references = references
        self._logger.set_references(references)
        self._connection_resolver.set_references(references)
        self._credential_resolver.set_references(references)

    def is_open(self) -> bool:
        return self._client.is_open()

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        """
        Resolves the connection and credential, connects (a ConnectionException
        after C{options.connect_timeout} when the server does not answer) and
        creates the declared indexes.
        """
        if self._client.is_open():
            return succeed(None)
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        try:
            connection = await self._connection_resolver.resolve(correlation_id)
            if connection is None:
                raise ConfigException(correlation_id, "NO_CONNECTION", "MongoDB connection is not configured")
            credential = await self._credential_resolver.resolve(correlation_id)
            if not self._collection_name:
                raise ConfigException(correlation_id, "NO_COLLECTION", "MongoDB collection is not configured")
            address = resolve_address(connection, credential)
            await self._client.open(
                correlation_id, address, self._options, self._collection_name, list(self._indexes),
                check_login=bool(credential is not None and credential.username),
            )
        except ApplicationException as error:
            raise _with_correlation_id(error, correlation_id) from None

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Disconnects; calls still running fail with a ConnectionException."""
        return self._client.close(correlation_id)

    # -- hooks for subclasses -------------------------------------------------

    def _ensure_index(self, keys: Any, unique: bool = False, name: Optional[str] = None) -> None:
        """
        Declares an index created at open: C{keys} is a map or a list of
        C{(field, direction)} pairs (direction 1, -1 or an index type such as
        C{"text"}), or a field name. C{name} defaults to Mongo's
        C{field_1_other_-1}.
        """
        pairs = [(keys, 1)] if isinstance(keys, str) else list(keys.items() if isinstance(keys, Mapping) else keys)
        if not pairs:
            raise BadRequestException(None, "INVALID_INDEX", "An index needs at least one key")
        key = {mongo_field(field): direction for field, direction in pairs}
        index: Document = {"key": key, "name": name or "_".join(f"{field}_{direction}" for field, direction in key.items())}
        if unique:
            index["unique"] = True
        self._indexes.append(index)

    def _compose_filter(self, filter_params: FilterParams) -> Optional[Document]:
        """
        The Mongo query of a L{FilterParams}: equality on each named field by
        default (L{equality_query}). Override for criteria of your own, built
        as maps (never from strings), and pass the remaining keys to this
        implementation. None means every item matches.
        """
        return equality_query(filter_params) or None

    def _generate_id(self) -> str:
        """A new unique id: 32 hex digits of a random UUID (override for another scheme)."""
        return IdGenerator.next_long()

    # -- helpers for subclasses -----------------------------------------------

    def _query_for(self, filter: Any) -> Document:
        """The Mongo query of a filter argument (see L{_compose_filter})."""
        if filter is None:
            return {}
        if callable(filter) and not isinstance(filter, Mapping):
            raise BadRequestException(None, "UNSUPPORTED_FILTER", "A MongoDB persistence cannot filter with a function")
        return self._compose_filter(filter_params_of(filter)) or {}

    def _attempt(self, correlation_id: Optional[str], fn: Callable[[], Deferred[T]]) -> Deferred[T]:
        """Runs C{fn}, turning what it raises (a bad filter...) into a failed Deferred."""
        try:
            return fn()
        except ApplicationException as error:
            return fail(_with_correlation_id(error, correlation_id))
        except Exception as error:
            return fail(InternalException.wrap(error, correlation_id))

    def _find(
        self,
        correlation_id: Optional[str],
        query: Document,
        sort: Optional[Document] = None,
        projection: Optional[Document] = None,
        skip: int = 0,
        limit: int = 0,
    ) -> Deferred[list[Item]]:
        """
        Runs a C{find} and fires with the public items. The query is passed
        as C{{"$query": ..., "$orderby": ...}}, which txmongo turns into the
        command's C{filter} and C{sort}: its own sort argument would merge
        C{$orderby} into a filter that has a field named C{query}.
        """
        spec: Document = {"$query": query}
        if sort:
            spec["$orderby"] = sort

        def run(collection: Any) -> Deferred[list[Item]]:
            cursor = collection.find(spec, projection=projection, skip=skip, limit=limit)
            return cursor.addCallback(_public_list)  # type: ignore[no-any-return]

        return self._client.call(correlation_id, "find", run)

    def _count(self, correlation_id: Optional[str], query: Document) -> Deferred[int]:
        """The C{count} command with C{query}."""
        def run(collection: Any) -> Deferred[int]:
            command = {"count": collection.name, "query": query}
            return collection.database.command(command).addCallback(  # type: ignore[no-any-return]
                lambda reply: int(reply["n"])
            )

        return self._client.call(correlation_id, "count", run)

    def _get_page_by_query(
        self,
        correlation_id: Optional[str],
        query: Document,
        paging: Any,
        sort: Optional[Document] = None,
        projection: Optional[Document] = None,
    ) -> Deferred[DataPage[Item]]:
        """A page of the items matching a ready Mongo C{query}; counts only when C{paging.total} asks."""
        window = PageWindow.of(paging, self._options.max_page_size)
        data: Deferred[Any] = (succeed([]) if window.take == 0 else
                               self._find(correlation_id, query, sort, projection, window.skip, window.take))
        total: Deferred[Any] = self._count(correlation_id, query) if window.total else succeed(None)

        def paged(results: list[Any]) -> DataPage[Item]:
            self._logger.trace(correlation_id, "Retrieved %d items", len(results[0]))
            return DataPage(results[0], results[1])

        return gatherResults([data, total], consumeErrors=True).addCallbacks(paged, _first_failure)

    # -- reads ----------------------------------------------------------------

    def get_page_by_filter(
        self,
        correlation_id: Optional[str],
        filter: Any,
        paging: Optional[PagingParams | Mapping[str, Any]],
        sort: Any = None,
        select: Any = None,
    ) -> Deferred[DataPage[Item]]:
        """
        Runs C{find} with skip and limit (C{take}, at most
        C{options.max_page_size}); the C{count} command runs only when
        C{paging.total} is set (C{total} is None otherwise).
        """
        return self._attempt(correlation_id, lambda: self._get_page_by_query(
            correlation_id, self._query_for(filter), paging, sort_document(sort), projection_document(select)
        ))

    def get_list_by_filter(
        self, correlation_id: Optional[str], filter: Any, sort: Any = None, select: Any = None
    ) -> Deferred[list[Item]]:
        """Every matching item, unpaged."""
        return self._attempt(correlation_id, lambda: self._find(
            correlation_id, self._query_for(filter), sort_document(sort), projection_document(select)
        ))

    def get_count_by_filter(self, correlation_id: Optional[str], filter: Any) -> Deferred[int]:
        return self._attempt(correlation_id, lambda: self._count(correlation_id, self._query_for(filter)))

    def get_one_random(self, correlation_id: Optional[str], filter: Any = None) -> Deferred[Optional[Item]]:
        """A matching item chosen at random (count, then skip), or None when none matches."""
        def run() -> Deferred[Optional[Item]]:
            query = self._query_for(filter)

            def counted(count: int) -> Any:
                if count <= 0:
                    return None
                found = self._find(correlation_id, query, skip=self._random.randrange(count), limit=1)
                return found.addCallback(lambda items: items[0] if items else None)

            return self._count(correlation_id, query).addCallback(counted)

        return self._attempt(correlation_id, run)

    # -- writes ---------------------------------------------------------------

    def create(self, correlation_id: Optional[str], item: Item) -> Deferred[Item]:
        """
        Inserts a copy of C{item} (an C{id} is generated when missing, since
        Mongo needs a key) and fires with another copy. A taken id fails with a
        ConflictException C{DUPLICATE_ID}.
        """
        def run() -> Deferred[Item]:
            stored = check_document(item)
            if stored.get(ID_FIELD) is None:
                stored[ID_FIELD] = self._generate_id()
            document = to_document(stored)

            def created(_: Any) -> Item:
                self._logger.trace(correlation_id, "Created item %s", stored[ID_FIELD])
                return to_public(document) or {}

            return self._client.call(
                correlation_id, "insert", lambda collection: collection.insert_one(document), id=stored[ID_FIELD]
            ).addCallback(created)

        return self._attempt(correlation_id, run)

    def _delete_by_query(self, correlation_id: Optional[str], query: Document) -> Deferred[None]:
        def deleted(result: Any) -> None:
            self._logger.trace(correlation_id, "Deleted %d items", getattr(result, "deleted_count", 0) or 0)

        return self._client.call(
            correlation_id, "delete", lambda collection: collection.delete_many(query)
        ).addCallback(deleted)

    def delete_by_filter(self, correlation_id: Optional[str], filter: Any) -> Deferred[None]:
        return self._attempt(correlation_id, lambda: self._delete_by_query(correlation_id, self._query_for(filter)))

    def clear(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Removes every item (the collection and its indexes stay)."""
        return self._delete_by_query(correlation_id, {})
