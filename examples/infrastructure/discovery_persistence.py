# -*- test-case-name: tests.infrastructure.test_example_services -*-
"""Where the discovery service keeps registrations: in memory or in a JSON file."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from pipservices_tx.data import FilterParams
from pipservices_tx.persistence import IdentifiableFilePersistence, IdentifiableMemoryPersistence


def registration_predicate(filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
    """C{key}: the registrations of one discovery key."""
    key = filter_params.get_as_nullable_string("key")
    return None if key is None else (lambda item: item.get("key") == key)


class DiscoveryMemoryPersistence(IdentifiableMemoryPersistence):
    """Registrations C{{id, key, connection, update_time}} in memory."""

    def _compose_filter(self, filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
        return registration_predicate(filter_params)


class DiscoveryFilePersistence(IdentifiableFilePersistence, DiscoveryMemoryPersistence):
    """The same, kept in a JSON file (C{path})."""
