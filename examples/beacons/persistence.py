# -*- test-case-name: tests.beacons.test_persistence -*-
"""Where beacons are kept: one filter, in memory, a file, MongoDB, PostgreSQL or MySQL."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from twisted.internet.defer import Deferred

from pipservices_tx.data import FilterParams
from pipservices_tx.persistence import IdentifiableFilePersistence, IdentifiableMemoryPersistence, equality_filter
from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence
from pipservices_tx.persistence.sql import IdentifiableMySqlPersistence, IdentifiablePostgresPersistence, and_conditions


def filter_udis(filter_params: FilterParams) -> Optional[list[str]]:
    """C{udis} as a list, from C{"a,b"} or from a JSON list (C{udis.0}, C{udis.1}...)."""
    udis = filter_params.get_as_string_list("udis")
    indexed = [value for key, value in filter_params.items() if key.startswith("udis.") and value]
    if udis is None and not indexed:
        return None
    return (udis or []) + indexed


def beacon_predicate(filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
    """
    C{udis} matches any of a set of udis; every other key (C{id}, C{site_id},
    C{label}, C{udi}...) is an exact match on that field.
    """
    udis = filter_udis(filter_params)
    rest = {key: value for key, value in filter_params.items() if key != "udis" and not key.startswith("udis.")}
    exact = equality_filter(rest)
    if udis is None:
        return exact
    udi_set = set(udis)

    def matches(item: Mapping[str, Any]) -> bool:
        return item.get("udi") in udi_set and (exact is None or exact(item))

    return matches


class BeaconsMemoryPersistence(IdentifiableMemoryPersistence):
    """Beacons in memory: the embedded default of the example."""

    def _compose_filter(self, filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
        return beacon_predicate(filter_params)

    def get_one_by_udi(self, correlation_id: Optional[str], udi: str) -> Deferred[Optional[dict[str, Any]]]:
        d = self.get_list_by_filter(correlation_id, FilterParams.from_tuples("udi", udi))
        return d.addCallback(lambda items: items[0] if items else None)


class BeaconsFilePersistence(IdentifiableFilePersistence):
    """Beacons in a JSON file (C{path}): every acknowledged write is on disk."""

    def _compose_filter(self, filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
        return beacon_predicate(filter_params)

    get_one_by_udi = BeaconsMemoryPersistence.get_one_by_udi


class BeaconsMongoDbPersistence(IdentifiableMongoDbPersistence):
    """Beacons in MongoDB, collection C{beacons} by default, indexed by site and udi."""

    def __init__(self) -> None:
        super().__init__("beacons")
        self._ensure_index({"site_id": 1})
        self._ensure_index({"udi": 1})

    def _compose_filter(self, filter_params: FilterParams) -> Optional[dict[str, Any]]:
        udis = filter_udis(filter_params)
        rest = FilterParams({k: v for k, v in filter_params.items() if k != "udis" and not k.startswith("udis.")})
        query = super()._compose_filter(rest) or {}
        if udis is not None:
            query = {"$and": [query, {"udi": {"$in": list(udis)}}]} if query else {"udi": {"$in": list(udis)}}
        return query or None

    get_one_by_udi = BeaconsMemoryPersistence.get_one_by_udi


class _SqlBeaconsFilter:
    """The beacons filter as SQL: C{udis} is an IN list, other keys are equalities."""

    def _compose_filter(self, filter_params: FilterParams) -> Any:
        udis = filter_udis(filter_params)
        rest = FilterParams({k: v for k, v in filter_params.items() if k != "udis" and not k.startswith("udis.")})
        return and_conditions(
            super()._compose_filter(rest),  # type: ignore[misc]
            None if udis is None else self._field_in("udi", udis),  # type: ignore[attr-defined]
        )

    get_one_by_udi = BeaconsMemoryPersistence.get_one_by_udi


class BeaconsPostgresPersistence(_SqlBeaconsFilter, IdentifiablePostgresPersistence):
    """Beacons in PostgreSQL (table C{beacons}, JSONB documents)."""

    def __init__(self) -> None:
        super().__init__("beacons")
        self._ensure_index("beacons_site_id", ["site_id"])
        self._ensure_index("beacons_udi", ["udi"])


class BeaconsMySqlPersistence(_SqlBeaconsFilter, IdentifiableMySqlPersistence):
    """Beacons in MySQL/MariaDB (table C{beacons}, JSON documents)."""

    def __init__(self) -> None:
        super().__init__("beacons")
