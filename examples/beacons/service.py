# -*- test-case-name: tests.beacons.test_service -*-
"""The beacons commands over HTTP: POST /v1/beacons/{command}."""

from __future__ import annotations

from pipservices_tx.refer import Descriptor
from pipservices_tx.services import CommandableHttpService


class BeaconsCommandableHttpServiceV1(CommandableHttpService):
    """Serves the C{beacons:controller:*:*:1.0} at C{v1/beacons}."""

    def __init__(self) -> None:
        super().__init__("v1/beacons")
        self._dependency_resolver.put("controller", Descriptor("beacons", "controller", "*", "*", "1.0"))
