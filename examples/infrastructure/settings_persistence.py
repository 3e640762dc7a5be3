# -*- test-case-name: tests.infrastructure.test_example_services -*-
"""Where the settings service keeps its sections: in memory or in a JSON file."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from pipservices_tx.data import FilterParams
from pipservices_tx.persistence import IdentifiableFilePersistence, IdentifiableMemoryPersistence


def section_predicate(filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
    """C{search} (in the id, any case), C{id} (exactly) and C{id_starts}."""
    search = (filter_params.get_as_nullable_string("search") or "").lower() or None
    id = filter_params.get_as_nullable_string("id")
    starts = filter_params.get_as_nullable_string("id_starts")

    def matches(item: Mapping[str, Any]) -> bool:
        item_id = str(item.get("id"))
        return ((search is None or search in item_id.lower()) and (id is None or item_id == id)
                and (starts is None or item_id.startswith(starts)))

    return matches


class SettingsMemoryPersistence(IdentifiableMemoryPersistence):
    """Sections C{{id, parameters, update_time}} in memory."""

    def _compose_filter(self, filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
        return section_predicate(filter_params)


class SettingsFilePersistence(IdentifiableFilePersistence, SettingsMemoryPersistence):
    """The same, kept in a JSON file (C{path})."""
