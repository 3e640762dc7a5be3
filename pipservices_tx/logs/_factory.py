# -*- test-case-name: tests.logs.test_factory -*-
"""DefaultLoggerFactory: the standard logger descriptors of a container config."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _null_logger() -> type:
    from ._logger import NullLogger

    return NullLogger


def _console_logger() -> type:
    from ._console import ConsoleLogger

    return ConsoleLogger


def _composite_logger() -> type:
    from ._composite import CompositeLogger

    return CompositeLogger


class DefaultLoggerFactory(Factory):
    """Builds C{pip-services:logger:{null,console,composite}:*:1.0}."""

    descriptor = Descriptor("pip-services", "factory", "logs", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "logger", "null", "*", "1.0"), _null_logger)
        self.register_lazy(Descriptor("pip-services", "logger", "console", "*", "1.0"), _console_logger)
        self.register_lazy(Descriptor("pip-services", "logger", "composite", "*", "1.0"), _composite_logger)
