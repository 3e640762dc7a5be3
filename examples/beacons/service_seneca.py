# -*- test-case-name: tests.seneca.test_beacons -*-
"""The beacons commands over the seneca HTTP transport: the acts role:beacons,cmd:{command}."""

from __future__ import annotations

from pipservices_tx.refer import Descriptor
from pipservices_tx.seneca import CommandableSenecaService


class BeaconsCommandableSenecaServiceV1(CommandableSenecaService):
    """Serves the C{beacons:controller:*:*:1.0} under the pin C{role:beacons} (config C{pin})."""

    def __init__(self) -> None:
        super().__init__("role:beacons")
        self._dependency_resolver.put("controller", Descriptor("beacons", "controller", "*", "*", "1.0"))
