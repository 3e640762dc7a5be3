# -*- test-case-name: tests.persistence.test_memory_persistence -*-
"""MemoryPersistence: items kept in a dict, queried by filter, optionally loaded and saved."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from typing import Any, Callable, Iterator, Optional, TypeVar

from twisted.internet.defer import Deferred, fail, maybeDeferred, succeed
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..data import DataPage, FilterParams, PagingParams, ProjectionParams, SortParams
from ..errors import (
    ApplicationException,
    BadRequestException,
    InternalException,
    UnknownException,
)
from ..lifecycle import ICleanable, IOpenable
from ..logs import CompositeLogger
from ..refer import IReferenceable, IReferences
from ._copying import copy_value, copy_values
from ._interfaces import IFilteredPageReader, IFilteredReader, ILoader, ISaver
from ._matching import Predicate, SortKey, candidates_of, equality_filter, sort_items, to_filter_params
from ._paging import PageWindow
from ._save_batcher import SaveBatcher

T = TypeVar("T")
Item = dict[str, Any]

DEFAULT_MAX_PAGE_SIZE = 100


def _attempt(correlation_id: Optional[str], fn: Callable[[], T]) -> Deferred[T]:
    """Runs C{fn} now; its result or its error (made portable) as a Deferred."""
    try:
        return succeed(fn())
    except Exception as error:
        return fail(InternalException.wrap(error, correlation_id))


def items_from_config(config: ConfigParams) -> list[Item]:
    """The C{items} list of a component's config (C{items.0.id}, ...); values are strings."""
    value = config.get_as_object("items")
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    if isinstance(value, dict) and value and all(isinstance(item, dict) for item in value.values()):
        return list(value.values())
    return []


@implementer(IConfigurable, IReferenceable, IOpenable, ICleanable, IFilteredReader, IFilteredPageReader)
class MemoryPersistence:
    """
    Items are JSON-like maps kept in insertion order. Whatever goes in or comes
    out is a deep copy, so callers never share the stored objects (a page's
    items are copied when its C{data} is first read; a page the service only
    encodes as JSON is read in place). Stored items are replaced on every
    write, never changed in place. Every method
    runs at once on the reactor thread and fires a Deferred.

    Configuration:
      - C{options.max_page_size}: the largest page (default 100);
      - C{items}: initial items, as a YAML list under C{items} (flat keys
        C{items.0.id}, C{items.0.label}, ...). Their values are strings, as all
        config values are. They replace the store when C{configure} runs.

    An optional L{ILoader} replaces the store when the persistence opens, and an
    optional L{ISaver} receives every item after writes (see L{_save}).
    Filters are a L{FilterParams} (or a map or C{"a=1;b=2"}), turned into a
    predicate by L{_compose_filter}, or a callable C{item -> bool}. Sorts are a
    L{SortParams} (or C{"name,-created"}) or a key function. C{select} is a
    L{ProjectionParams} (or C{"id,label"}).
    """

    #: True when the loader hands over fresh items that nothing else holds:
    #: they are kept as they are, so a large store loads without making, and
    #: later freeing, a second copy of itself.
    _loader_hands_over = False

    def __init__(
        self,
        loader: Optional[ILoader] = None,
        saver: Optional[ISaver] = None,
        *,
        random_source: Optional[random.Random] = None,
    ) -> None:
        self._items: dict[Any, Item] = self._new_items()
        self._loader = loader
        self._saver = saver
        self._opened = False
        self._max_page_size = DEFAULT_MAX_PAGE_SIZE
        self._logger = CompositeLogger(component=type(self).__name__)
        self._random = random_source or random.Random()
        self._keys = itertools.count()
        self._save_batcher = SaveBatcher(self._save_now)

    # -- component lifecycle --------------------------------------------------

    def configure(self, config: ConfigParams) -> None:
        self._max_page_size = config.get_as_integer_with_default("options.max_page_size", self._max_page_size)
        items = items_from_config(config)
        if items:
            self._replace_items(items)

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Loads the items from the loader, if there is one."""
        if self._opened or self._loader is None:
            self._opened = True
            return succeed(None)

        def loaded(items: Any) -> None:
            self._replace_items(list(items or []), copy=not self._loader_hands_over)
            self._opened = True
            self._logger.trace(correlation_id, "Loaded %d items", len(self._items))

        def failed(failure: Any) -> Any:
            return fail(UnknownException.wrap(failure.value, correlation_id))

        loader = self._loader
        return maybeDeferred(lambda: loader.load(correlation_id)).addCallbacks(loaded, failed)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Waits for a save in progress, then closes."""
        def closed(_: Any) -> None:
            self._opened = False

        return self._save_batcher.flush().addCallback(closed)

    # -- hooks for subclasses -------------------------------------------------

    def _compose_filter(self, filter_params: FilterParams) -> Optional[Predicate]:
        """
        The predicate of a L{FilterParams}: equality on each named field by
        default. Override for criteria of your own, e.g. C{udis} as a list of
        values, and pass the remaining keys to this implementation. None means
        every item matches.
        """
        return equality_filter(filter_params)

    def _save(self, correlation_id: Optional[str]) -> Deferred[None]:
        """
        Called once by every write that changed the store. Without a saver it
        fires at once; with one, saves are batched (L{SaveBatcher}) and the
        write fires after a save that includes its change.
        """
        if self._saver is None:
            return succeed(None)
        return self._save_batcher.request(correlation_id)

    def _save_now(self, correlation_id: Optional[str]) -> Deferred[None]:
        saver = self._saver
        assert saver is not None
        # Stored items are replaced on every write, never changed in place, so a
        # shallow snapshot is a consistent one; savers must not modify the items.
        snapshot = list(self._items.values())

        def failed(failure: Any) -> Any:
            return fail(UnknownException.wrap(failure.value, correlation_id))

        def saved(_: Any) -> None:
            self._logger.trace(correlation_id, "Saved %d items", len(snapshot))

        return maybeDeferred(saver.save, correlation_id, snapshot).addCallbacks(saved, failed)

    def _key_for_new(self, item: Item) -> Any:
        """The store key of a new item (a counter here; the id in subclasses)."""
        return next(self._keys)

    def _new_items(self, items: Optional[dict[Any, Item]] = None) -> dict[Any, Item]:
        """The dict that holds the items (a subclass may track its changes); starts with C{items}."""
        return dict(items or {})

    def _replace_items(self, items: list[Any], copy: bool = True) -> None:
        """
        Makes C{items} the store, copies of them; without C{copy} the maps are
        kept as they are.
        """
        replaced: dict[Any, Item] = {}
        for item in items:
            if isinstance(item, Mapping):
                stored = copy_value(dict(item)) if copy or type(item) is not dict else item
                replaced[self._key_for_new(stored)] = stored
        self._items = self._new_items(replaced)

    # -- helpers for subclasses -----------------------------------------------

    def _write(self, correlation_id: Optional[str], fn: Callable[[], tuple[T, bool]]) -> Deferred[T]:
        """Runs C{fn} (which returns its result and whether it changed anything), then saves."""
        try:
            result, changed = fn()
        except ApplicationException as error:
            return fail(error)
        except Exception as error:
            return fail(InternalException.wrap(error, correlation_id))
        if not changed:
            return succeed(result)
        return self._save(correlation_id).addCallback(lambda _: result)

    def _predicate(self, filter: Any) -> Optional[Predicate]:
        if filter is None:
            return None
        if callable(filter) and not isinstance(filter, Mapping):
            return filter
        return self._compose_filter(to_filter_params(filter))

    def _matching(self, predicate: Optional[Predicate]) -> Iterator[Item]:
        """The stored items (not copies) that match, lazily."""
        values: Any = self._items.values()
        if predicate is None:
            return iter(values)
        candidates = candidates_of(predicate)
        if candidates is not None:
            values = candidates(values)  # picked in C; the predicate decides on those only
        return filter(predicate, values)

    def _sort_order(self, sort: Any) -> Optional[SortParams | SortKey]:
        if sort is None:
            return None
        if callable(sort):
            return sort
        fields = SortParams.from_value(sort)
        return fields or None

    def _copy_out(self, item: Item, projection: ProjectionParams) -> Item:
        return copy_value(projection.select_from(item) if projection else item)

    @staticmethod
    def _copy_out_all(items: list[Item], projection: ProjectionParams) -> list[Item]:
        return copy_values([projection.select_from(item) for item in items] if projection else items)

    @staticmethod
    def _copy_in(correlation_id: Optional[str], item: Any) -> Item:
        if not isinstance(item, Mapping):
            raise BadRequestException(correlation_id, "INVALID_ITEM", f"An item must be a map, not {type(item).__name__}")
        return copy_value(dict(item))

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
        Scans lazily and copies only the returned items; counts every match only
        when C{paging.total} is set (C{total} is None otherwise).
        """
        return _attempt(correlation_id, lambda: self._page(correlation_id, filter, paging, sort, select))

    def _page(
        self, correlation_id: Optional[str], filter: Any, paging: Any, sort: Any, select: Any
    ) -> DataPage[Item]:
        window = PageWindow.of(paging, self._max_page_size)
        predicate = self._predicate(filter)
        order = self._sort_order(sort)
        matches: Any = self._matching(predicate)
        if order is not None:
            matches = sort_items(matches, order)
        # Without a filter every item matches: the total is known without reading them all.
        count_all = window.total and (predicate is not None or order is not None)
        page, total = window.cut(matches, count_all)
        if window.total and not count_all:
            total = len(self._items)
        projection = ProjectionParams.from_value(select)
        if projection:
            page = [projection.select_from(item) for item in page]
        self._logger.trace(correlation_id, "Retrieved %d items", len(page))
        # Copied when a caller reads the data: a page only written as JSON is never copied.
        return DataPage.of_shared(page, total, copy_values)

    def get_list_by_filter(
        self, correlation_id: Optional[str], filter: Any, sort: Any = None, select: Any = None
    ) -> Deferred[list[Item]]:
        """Every matching item, unpaged."""
        def run() -> list[Item]:
            items: Any = self._matching(self._predicate(filter))
            order = self._sort_order(sort)
            if order is not None:
                items = sort_items(items, order)
            projection = ProjectionParams.from_value(select)
            result = self._copy_out_all(items, projection)
            self._logger.trace(correlation_id, "Retrieved %d items", len(result))
            return result

        return _attempt(correlation_id, run)

    def get_count_by_filter(self, correlation_id: Optional[str], filter: Any) -> Deferred[int]:
        def run() -> int:
            predicate = self._predicate(filter)
            if predicate is None:
                return len(self._items)
            return sum(1 for _ in self._matching(predicate))

        return _attempt(correlation_id, run)

    def get_one_random(self, correlation_id: Optional[str], filter: Any = None) -> Deferred[Optional[Item]]:
        """A matching item chosen at random, or None when none matches."""
        def run() -> Optional[Item]:
            predicate = self._predicate(filter)
            count = len(self._items) if predicate is None else sum(1 for _ in self._matching(predicate))
            if count == 0:
                return None
            index = self._random.randrange(count)
            return copy_value(next(itertools.islice(self._matching(predicate), index, None)))

        return _attempt(correlation_id, run)

    # -- writes ---------------------------------------------------------------

    def create(self, correlation_id: Optional[str], item: Item) -> Deferred[Item]:
        """Adds a copy of C{item} and fires with another copy."""
        def run() -> tuple[Item, bool]:
            stored = self._copy_in(correlation_id, item)
            self._items[self._key_for_new(stored)] = stored
            self._logger.trace(correlation_id, "Created an item")
            return copy_value(stored), True

        return self._write(correlation_id, run)

    def delete_by_filter(self, correlation_id: Optional[str], filter: Any) -> Deferred[None]:
        def run() -> tuple[None, bool]:
            predicate = self._predicate(filter)
            keys = [key for key, item in self._items.items() if predicate is None or predicate(item)]
            for key in keys:
                del self._items[key]
            self._logger.trace(correlation_id, "Deleted %d items", len(keys))
            return None, bool(keys)

        return self._write(correlation_id, run)

    def clear(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Removes every item (and saves the empty store)."""
        def run() -> tuple[None, bool]:
            self._items.clear()
            self._logger.trace(correlation_id, "Cleared the items")
            return None, True

        return self._write(correlation_id, run)
