"""A component that fills the beacons persistence when the container opens (benchmarks only)."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred
from zope.interface import implementer

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.refer import Descriptor, IReferenceable, IReferences

from .baselines.fixtures import make_beacons


@implementer(IConfigurable, IReferenceable, IOpenable)
class BeaconsSeeder:
    """Creates C{count} beacons (default 1000) in C{beacons:persistence:*:*:1.0} on open."""

    def __init__(self) -> None:
        self.count = 1000
        self._persistence: Any = None
        self._opened = False

    def configure(self, config: ConfigParams) -> None:
        self.count = config.get_as_integer_with_default("count", self.count)

    def set_references(self, references: IReferences) -> None:
        self._persistence = references.get_one_required(Descriptor("beacons", "persistence", "*", "*", "1.0"))

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        async def seed() -> None:
            for beacon in make_beacons(self.count):
                await self._persistence.create(correlation_id, beacon)
            self._opened = True
        return ensureDeferred(seed())

    def close(self, correlation_id: Optional[str]) -> None:
        self._opened = False
