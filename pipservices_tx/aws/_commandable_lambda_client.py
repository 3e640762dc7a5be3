# -*- test-case-name: tests.aws.test_lambda_client -*-
"""CommandableLambdaClient: calls the commands a CommandableLambdaService exposes in a function."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred

from ..config import ConfigParams
from ._lambda_client import LambdaClient


class CommandableLambdaClient(LambdaClient):
    """
    C{call_command(name, correlation_id, params)} invokes the action
    C{<service name>.<name>}, or C{<name>} when the service has no name (as
    the CommandableLambdaService it calls is configured). Config as
    L{LambdaClient}, plus C{service_name}.
    """

    def __init__(self, name: Optional[str] = None) -> None:
        super().__init__()
        self.name = name

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.name = config.get_as_nullable_string("service_name") or self.name

    def call_command(self, name: str, correlation_id: Optional[str], params: Optional[dict[str, Any]] = None
                     ) -> Deferred[Any]:
        return self._call(f"{self.name}.{name}" if self.name else name, correlation_id, params)
