# -*- test-case-name: tests.logic.test_default_logic_factory -*-
"""DefaultLogicFactory: the decorator descriptors of a container config."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _logging_decorator() -> type:
    from ._logging_decorator import LoggingDecorator

    return LoggingDecorator


def _caching_decorator() -> type:
    from ._caching_decorator import CachingDecorator

    return CachingDecorator


def _retry_decorator() -> type:
    from ._retry_decorator import RetryDecorator

    return RetryDecorator


def _timeout_decorator() -> type:
    from ._timeout_decorator import TimeoutDecorator

    return TimeoutDecorator


class DefaultLogicFactory(Factory):
    """
    Builds each decorator (C{logging}, C{caching}, C{retry}, C{timeout})
    under two descriptors:

      - C{<group>:<type>:<decorator>-decorator:<name>:<version>}, any group,
        type, name and version: the entry's descriptor is then the one its
        consumers look up (see L{pipservices_tx.logic});
      - C{pip-services:decorator:<decorator>:*:1.0}, when consumers are
        pointed at the decorator by their own C{dependencies.*} config.
    """

    descriptor = Descriptor("pip-services", "factory", "logic", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("*", "*", "logging-decorator", "*", "*"), _logging_decorator)
        self.register_lazy(Descriptor("*", "*", "caching-decorator", "*", "*"), _caching_decorator)
        self.register_lazy(Descriptor("*", "*", "retry-decorator", "*", "*"), _retry_decorator)
        self.register_lazy(Descriptor("*", "*", "timeout-decorator", "*", "*"), _timeout_decorator)
        self.register_lazy(Descriptor("pip-services", "decorator", "logging", "*", "1.0"), _logging_decorator)
        self.register_lazy(Descriptor("pip-services", "decorator", "caching", "*", "1.0"), _caching_decorator)
        self.register_lazy(Descriptor("pip-services", "decorator", "retry", "*", "1.0"), _retry_decorator)
        self.register_lazy(Descriptor("pip-services", "decorator", "timeout", "*", "1.0"), _timeout_decorator)
