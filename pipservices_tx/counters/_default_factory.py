# -*- test-case-name: tests.counters.test_factory -*-
"""The factory of the standard counters: null, log, composite and prometheus."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _null_counters() -> type:
    from ._null_counters import NullCounters

    return NullCounters


def _log_counters() -> type:
    from ._log_counters import LogCounters

    return LogCounters


def _composite_counters() -> type:
    from ._composite_counters import CompositeCounters

    return CompositeCounters


def _prometheus_counters() -> type:
    from ._prometheus_counters import PrometheusCounters

    return PrometheusCounters


class DefaultCountersFactory(Factory):
    """Builds C{pip-services:counters:{null,log,composite,prometheus}:*:1.0}."""

    descriptor = Descriptor("pip-services", "factory", "counters", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "counters", "null", "*", "1.0"), _null_counters)
        self.register_lazy(Descriptor("pip-services", "counters", "log", "*", "1.0"), _log_counters)
        self.register_lazy(Descriptor("pip-services", "counters", "composite", "*", "1.0"), _composite_counters)
        self.register_lazy(Descriptor("pip-services", "counters", "prometheus", "*", "1.0"), _prometheus_counters)
