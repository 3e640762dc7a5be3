# -*- test-case-name: tests.logic.test_default_logic_factory -*-
"""DefaultLogicFactory: the decorator descriptors of a container config."""

from __future__ import annotations

from ..build import StandardFactory
from ..refer import Descriptor


class DefaultLogicFactory(StandardFactory):
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
        super().__init__("pipservices_tx.logic")
