"""Persistence contracts. Every method fires a Deferred; items are JSON-like maps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from zope.interface import Interface

if TYPE_CHECKING:
    from twisted.internet.defer import Deferred

    from ..data import DataPage, PagingParams


class IGetter(Interface):
    """Reads one item by its id."""

    def get_one_by_id(correlation_id: Optional[str], id: Any) -> Deferred[Optional[dict[str, Any]]]:
        """The item, or None when there is none (not an error)."""


class ISetter(Interface):
    """Creates or replaces an item in one call."""

    def set(correlation_id: Optional[str], item: dict[str, Any]) -> Deferred[dict[str, Any]]:
        """Stores C{item} under its id (generated when missing) and fires with it."""


class IWriter(Interface):
    """Creates, replaces and deletes items by id."""

    def create(correlation_id: Optional[str], item: dict[str, Any]) -> Deferred[dict[str, Any]]:
        """Stores a new item (id generated when missing); a taken id is a ConflictException."""

    def update(correlation_id: Optional[str], item: dict[str, Any]) -> Deferred[Optional[dict[str, Any]]]:
        """Replaces the item with C{item}'s id; None when there is none."""

    def delete_by_id(correlation_id: Optional[str], id: Any) -> Deferred[Optional[dict[str, Any]]]:
        """Removes the item and fires with it; None when there is none."""


class IFilteredReader(Interface):
    """Reads every item matching a filter."""

    def get_list_by_filter(
        correlation_id: Optional[str], filter: Any, sort: Any = None, select: Any = None
    ) -> Deferred[list[dict[str, Any]]]:
        """Matching items, sorted by C{sort}, reduced to the fields of C{select}."""


class IFilteredPageReader(Interface):
    """Reads a page of the items matching a filter."""

    def get_page_by_filter(
        correlation_id: Optional[str],
        filter: Any,
        paging: Optional[PagingParams],
        sort: Any = None,
        select: Any = None,
    ) -> Deferred[DataPage[dict[str, Any]]]:
        """The page; its C{total} is set only when C{paging.total} asks for it."""


class IPartialUpdater(Interface):
    """Changes some fields of an item."""

    def update_partially(
        correlation_id: Optional[str], id: Any, data: dict[str, Any]
    ) -> Deferred[Optional[dict[str, Any]]]:
        """Sets the top-level fields in C{data}; fires with the item, or None when there is none."""


class ILoader(Interface):
    """A source of a persistence's items, read when it opens (e.g. a JSON file)."""

    def load(correlation_id: Optional[str]) -> Deferred[list[dict[str, Any]]]:
        """Fires with every stored item."""


class ISaver(Interface):
    """A sink of a persistence's items, written after changes (e.g. a JSON file)."""

    def save(correlation_id: Optional[str], items: list[dict[str, Any]]) -> Deferred[None]:
        """Replaces what is stored with C{items} (copies the saver may keep)."""
