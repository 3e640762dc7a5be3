# -*- test-case-name: tests.infrastructure.test_example_services -*-
"""InfrastructureServicesFactory: the descriptors of examples/infrastructure/config.yml."""

from __future__ import annotations

from pipservices_tx.build import Factory
from pipservices_tx.refer import Descriptor

from . import (
    counters_logic,
    counters_persistence,
    discovery_logic,
    discovery_persistence,
    logging_logic,
    logging_persistence,
    services,
    settings_logic,
    settings_persistence,
)


class InfrastructureServicesFactory(Factory):
    """
    For each of C{logging}, C{counters}, C{settings} and C{discovery}: its
    controller (C{<name>:controller:default}), its commandable HTTP service
    (C{<name>:service:commandable-http}) and its persistence, C{memory} or
    C{file} (the logging service has two: C{persistence-messages} and
    C{persistence-errors}).
    """

    descriptor = Descriptor("infrastructure", "factory", "default", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        for kind in ("persistence-messages", "persistence-errors"):
            self.register_as_type(Descriptor("logging", kind, "memory", "*", "1.0"),
                                  logging_persistence.LogMessagesMemoryPersistence)
            self.register_as_type(Descriptor("logging", kind, "file", "*", "1.0"),
                                  logging_persistence.LogMessagesFilePersistence)
        for name, memory, file in (
            ("counters", counters_persistence.CountersMemoryPersistence,
             counters_persistence.CountersFilePersistence),
            ("settings", settings_persistence.SettingsMemoryPersistence,
             settings_persistence.SettingsFilePersistence),
            ("discovery", discovery_persistence.DiscoveryMemoryPersistence,
             discovery_persistence.DiscoveryFilePersistence),
        ):
            self.register_as_type(Descriptor(name, "persistence", "memory", "*", "1.0"), memory)
            self.register_as_type(Descriptor(name, "persistence", "file", "*", "1.0"), file)
        for name, controller, service in (
            ("logging", logging_logic.LoggingController, services.LoggingCommandableHttpServiceV1),
            ("counters", counters_logic.CountersController, services.CountersCommandableHttpServiceV1),
            ("settings", settings_logic.SettingsController, services.SettingsCommandableHttpServiceV1),
            ("discovery", discovery_logic.DiscoveryController, services.DiscoveryCommandableHttpServiceV1),
        ):
            self.register_as_type(Descriptor(name, "controller", "default", "*", "1.0"), controller)
            self.register_as_type(Descriptor(name, "service", "commandable-http", "*", "1.0"), service)
