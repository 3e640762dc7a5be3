# -*- test-case-name: tests.beacons.test_backends -*-
"""Beacons in PostgreSQL (POSTGRES_ENABLED) or MySQL/MariaDB (MYSQL_ENABLED)."""

from __future__ import annotations

from typing import Any

from pipservices_tx.data import FilterParams
from pipservices_tx.persistence.sql import IdentifiableMySqlPersistence, IdentifiablePostgresPersistence, and_conditions

from .persistence import BeaconsMemoryPersistence, filter_udis


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
        self._ensure_index("site_id", ["site_id"])  # beacons_site_id on table beacons, x_site_id on x
        self._ensure_index("udi", ["udi"])


class BeaconsMySqlPersistence(_SqlBeaconsFilter, IdentifiableMySqlPersistence):
    """Beacons in MySQL/MariaDB (table C{beacons}, JSON documents)."""

    def __init__(self) -> None:
        super().__init__("beacons")
