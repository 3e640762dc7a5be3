# -*- test-case-name: tests.seneca.test_beacons -*-
"""A client of the beacons service over the seneca HTTP transport."""

from __future__ import annotations

from typing import Any

from zope.interface import implementer

from pipservices_tx.seneca import CommandableSenecaClient

from .clients import _BeaconsCommands
from .logic import IBeaconsController


@implementer(IBeaconsController)
class BeaconsCommandableSenecaClientV1(CommandableSenecaClient, _BeaconsCommands):
    """
    Acts C{role:beacons,cmd:{command}} on a beacons service over seneca, ours
    or one written for seneca in JavaScript. Configured like any
    L{CommandableSenecaClient} (C{connection.*}, C{pin}, C{options.*}); keyword
    arguments (C{reactor}, C{http_client}) go to it.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("role:beacons", **kwargs)
