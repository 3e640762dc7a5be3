# -*- test-case-name: tests.infrastructure.test_example_services -*-
"""Where the counters service keeps counters: by name, in memory or in a JSON file."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from pipservices_tx.counters import merge_counters
from pipservices_tx.data import FilterParams
from pipservices_tx.infrastructure import counter_from_v1, counter_v1
from pipservices_tx.persistence import IdentifiableFilePersistence, IdentifiableMemoryPersistence

Item = dict[str, Any]


def counter_predicate(filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
    """
    C{search} (in the name or source, any case), C{type}, C{name},
    C{name_starts}, C{name_ends}, C{group} (the name starts with C{<group>.})
    and C{counter} (the name ends with C{.<counter>}).
    """
    search = (filter_params.get_as_nullable_string("search") or "").lower() or None
    kind = filter_params.get_as_nullable_integer("type")
    name = filter_params.get_as_nullable_string("name")
    starts = filter_params.get_as_nullable_string("name_starts")
    ends = filter_params.get_as_nullable_string("name_ends")
    group = filter_params.get_as_nullable_string("group")
    counter = filter_params.get_as_nullable_string("counter")
    if group is not None and not group.endswith("."):
        group += "."
    if counter is not None and not counter.startswith("."):
        counter = "." + counter
    prefixes = [p for p in (starts, group) if p is not None]
    suffixes = [s for s in (ends, counter) if s is not None]

    def matches(item: Mapping[str, Any]) -> bool:
        item_name = str(item.get("name") or "")
        if search is not None and search not in item_name.lower() and search not in str(item.get("source")).lower():
            return False
        if kind is not None and item.get("type") != kind:
            return False
        if name is not None and item_name != name:
            return False
        return all(item_name.startswith(p) for p in prefixes) and all(item_name.endswith(s) for s in suffixes)

    return matches


class CountersMemoryPersistence(IdentifiableMemoryPersistence):
    """Counters by name (their id); a written counter is merged into the one kept."""

    def _compose_filter(self, filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
        return counter_predicate(filter_params)

    async def add(self, correlation_id: Optional[str], item: Item) -> Item:
        kept = await self.get_one_by_id(correlation_id, item["name"])
        counter = counter_from_v1(item)
        if kept is not None:
            counter = merge_counters(counter_from_v1(kept), counter)
        return await self.set(correlation_id, {**counter_v1(counter, item.get("source")), "id": counter.name})


class CountersFilePersistence(IdentifiableFilePersistence, CountersMemoryPersistence):
    """The same, kept in a JSON file (C{path})."""
