# -*- test-case-name: tests.build.test_factory -*-
"""The factory of the foundation's standard components: context-info and loggers."""

from __future__ import annotations

from ..refer import Descriptor
from ._factory import Factory


class DefaultFactory(Factory):
    """Builds C{pip-services:context-info:default} and C{pip-services:logger:{null,console,composite}}."""

    descriptor = Descriptor("pip-services", "factory", "default", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        # Imported here: logs and info use build's Factory for their own factories.
        from ..info import ContextInfo
        from ..logs import CompositeLogger, ConsoleLogger, NullLogger

        self.register_as_type(Descriptor("pip-services", "context-info", "default", "*", "1.0"), ContextInfo)
        self.register_as_type(Descriptor("pip-services", "logger", "null", "*", "1.0"), NullLogger)
        self.register_as_type(Descriptor("pip-services", "logger", "console", "*", "1.0"), ConsoleLogger)
        self.register_as_type(Descriptor("pip-services", "logger", "composite", "*", "1.0"), CompositeLogger)
