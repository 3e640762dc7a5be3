# -*- test-case-name: tests.infrastructure.test_clients -*-
"""InfrastructureClient: a commandable HTTP client that stays silent, for the services logs and counters go to."""

from __future__ import annotations

from typing import Any, Optional

from ..clients import CommandableHttpClient
from ..config import ConfigParams
from ..refer import IReferences


class InfrastructureClient(CommandableHttpClient):
    """
    A L{CommandableHttpClient} for an infrastructure service. It takes only the
    discovery services from references, not the loggers and counters: the
    logger that sends through it must not log its own sends, and a failed send
    must not become a log entry that needs sending. Configured like any
    RestClient (C{connection.*}, C{credential.*}, C{base_route},
    C{options.timeout}...); it never retries by itself, its owner does.
    """

    default_route = ""

    def __init__(self, base_route: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(base_route or self.default_route, **kwargs)

    def configure(self, config: ConfigParams) -> None:
        super().configure(config.override({"options.retries": "0"}))

    def set_references(self, references: IReferences) -> None:
        self._connection_resolver.set_references(references)
