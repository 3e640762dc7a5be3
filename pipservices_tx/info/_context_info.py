# -*- test-case-name: tests.info.test_context_info -*-
"""ContextInfo: who this process is, for logs, /status and metrics."""

from __future__ import annotations

import datetime
import socket
import uuid
from typing import Optional

from zope.interface import implementer

from ..config import ConfigParams, IReconfigurable
from ..refer import Descriptor

CONTEXT_INFO_DESCRIPTOR = Descriptor("pip-services", "context-info", "default", "default", "1.0")
#: The older name of the same component (pip-services3 configs still use it).
CONTAINER_INFO_LOCATOR = Descriptor("pip-services", "container-info", "*", "*", "*")


@implementer(IReconfigurable)
class ContextInfo:
    """
    Configured by C{name}, C{description} and C{properties.*}; the name is
    the service name everywhere. C{context_id} is unique per process.
    """

    def __init__(self, name: Optional[str] = None, description: Optional[str] = None) -> None:
        self.name: str = name or "unknown"
        self.description: Optional[str] = description
        self.context_id: str = f"{socket.gethostname()}-{uuid.uuid4().hex[:8]}"
        self.start_time: datetime.datetime = datetime.datetime.now(datetime.timezone.utc)
        self.properties: dict[str, Optional[str]] = {}

    def configure(self, config: ConfigParams) -> None:
        self.name = config.get_as_string_with_default("name", config.get_as_string_with_default("info.name", self.name))
        self.description = config.get_as_nullable_string("description") or config.get_as_nullable_string(
            "info.description") or self.description
        self.properties = dict(config.get_section("properties"))

    @property
    def uptime(self) -> datetime.timedelta:
        return datetime.datetime.now(datetime.timezone.utc) - self.start_time

    @classmethod
    def from_config(cls, config: ConfigParams) -> ContextInfo:
        info = cls()
        info.configure(config)
        return info
