# -*- test-case-name: tests.counters.test_factory -*-
"""The factory of the standard counters: null, log, composite and prometheus."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor
from ._composite_counters import CompositeCounters
from ._log_counters import LogCounters
from ._null_counters import NullCounters
from ._prometheus_counters import PrometheusCounters


class DefaultCountersFactory(Factory):
    """Builds C{pip-services:counters:{null,log,composite,prometheus}:*:1.0}."""

    descriptor = Descriptor("pip-services", "factory", "counters", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("pip-services", "counters", "null", "*", "1.0"), NullCounters)
        self.register_as_type(Descriptor("pip-services", "counters", "log", "*", "1.0"), LogCounters)
        self.register_as_type(Descriptor("pip-services", "counters", "composite", "*", "1.0"), CompositeCounters)
        self.register_as_type(Descriptor("pip-services", "counters", "prometheus", "*", "1.0"), PrometheusCounters)
