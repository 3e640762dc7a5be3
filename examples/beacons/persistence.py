# -*- test-case-name: tests.beacons.test_persistence -*-
"""Where beacons are kept: the filter every backend shares, and the memory backend."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from twisted.internet.defer import Deferred

from pipservices_tx.data import FilterParams
from pipservices_tx.persistence import IdentifiableMemoryPersistence, equality_filter


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
