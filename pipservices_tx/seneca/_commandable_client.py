# -*- test-case-name: tests.seneca.test_client -*-
"""CommandableSenecaClient: calls the commands a commandable seneca service serves."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from twisted.internet.defer import Deferred

from ..config import ConfigParams
from ._client import SenecaClient
from ._patterns import Pattern, PatternLike, parse_pattern


class CommandableSenecaClient(SenecaClient):
    """
    Calls the act C{<pin>,cmd:<command>} with the arguments and the
    correlation id, e.g. for the pin C{role:beacons} (config C{pin})::

        class BeaconsSenecaClientV1(CommandableSenecaClient):
            def __init__(self, **kwargs):
                super().__init__("role:beacons", **kwargs)

            def get_beacon_by_id(self, correlation_id, beacon_id):
                return self.call_command("get_beacon_by_id", correlation_id, {"beacon_id": beacon_id})
    """

    def __init__(self, pin: PatternLike = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pin: Pattern = parse_pattern(pin)

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        pin = config.get_as_nullable_string("pin")
        if pin is not None:
            self.pin = parse_pattern(pin)

    def call_command(
        self, name: str, correlation_id: Optional[str], params: Optional[Mapping[str, Any]] = None
    ) -> Deferred[Any]:
        """Fires with the command's result (None when it has none)."""
        pattern = dict(self.pin, cmd=name)
        prefix = ".".join(self.pin.values())
        return self.act(correlation_id, pattern, params, name=f"{prefix}.{name}" if prefix else name)
