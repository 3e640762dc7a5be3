# -*- test-case-name: tests.infrastructure.test_example_services -*-
"""The four services over commandable HTTP: v1/logging, v1/counters, v1/settings, v1/discovery."""

from __future__ import annotations

from pipservices_tx.refer import Descriptor
from pipservices_tx.services import CommandableHttpService


class LoggingCommandableHttpServiceV1(CommandableHttpService):
    """Serves the C{logging:controller:*:*:1.0} at C{v1/logging}."""

    def __init__(self) -> None:
        super().__init__("v1/logging")
        self._dependency_resolver.put("controller", Descriptor("logging", "controller", "*", "*", "1.0"))


class CountersCommandableHttpServiceV1(CommandableHttpService):
    """Serves the C{counters:controller:*:*:1.0} at C{v1/counters}."""

    def __init__(self) -> None:
        super().__init__("v1/counters")
        self._dependency_resolver.put("controller", Descriptor("counters", "controller", "*", "*", "1.0"))


class SettingsCommandableHttpServiceV1(CommandableHttpService):
    """Serves the C{settings:controller:*:*:1.0} at C{v1/settings}."""

    def __init__(self) -> None:
        super().__init__("v1/settings")
        self._dependency_resolver.put("controller", Descriptor("settings", "controller", "*", "*", "1.0"))


class DiscoveryCommandableHttpServiceV1(CommandableHttpService):
    """Serves the C{discovery:controller:*:*:1.0} at C{v1/discovery}."""

    def __init__(self) -> None:
        super().__init__("v1/discovery")
        self._dependency_resolver.put("controller", Descriptor("discovery", "controller", "*", "*", "1.0"))
