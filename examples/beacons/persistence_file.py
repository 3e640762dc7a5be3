# -*- test-case-name: tests.beacons.test_backends -*-
"""Beacons in a JSON file (FILE_ENABLED)."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from pipservices_tx.data import FilterParams
from pipservices_tx.persistence import IdentifiableFilePersistence

from .persistence import BeaconsMemoryPersistence, beacon_predicate


class BeaconsFilePersistence(IdentifiableFilePersistence):
    """Beacons in a JSON file (C{path}): every acknowledged write is on disk."""

    def _compose_filter(self, filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
        return beacon_predicate(filter_params)

    get_one_by_udi = BeaconsMemoryPersistence.get_one_by_udi
