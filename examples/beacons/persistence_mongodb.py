# -*- test-case-name: tests.beacons.test_backends -*-
"""Beacons in MongoDB (MONGO_ENABLED)."""

from __future__ import annotations

from typing import Any, Optional

from pipservices_tx.data import FilterParams
from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence

from .persistence import BeaconsMemoryPersistence, filter_udis


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
