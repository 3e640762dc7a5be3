# -*- test-case-name: tests.counters.test_factory -*-
"""The factory of the standard counters: null, log, composite and prometheus."""

from __future__ import annotations

from ..build import StandardFactory
from ..refer import Descriptor


class DefaultCountersFactory(StandardFactory):
    """Builds C{pip-services:counters:{null,log,composite,prometheus}:*:1.0}."""

    descriptor = Descriptor("pip-services", "factory", "counters", "default", "1.0")

    def __init__(self) -> None:
        super().__init__("pipservices_tx.counters")
