# -*- test-case-name: tests.thrift.test_commandable_service -*-
"""CommandableThriftClient: calls any command of a CommandableThriftService by name."""

from __future__ import annotations

import json
from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred

from ..errors import InvocationException
from ..services import encode_json
from ._client import ThriftClient
from ._commandable_service import COMMANDABLE_MODULE


class CommandableThriftClient(ThriftClient):
    """
    Calls C{invoke(name, correlation_id, args_json)} of the generic
    C{commandable.thrift} service: arguments and result travel as JSON.
    Configured as L{ThriftClient}; C{service_name} is needed only when the
    server multiplexes several commandable services (it names one).
    """

    def __init__(self, service_name: Optional[str] = None) -> None:
        super().__init__(COMMANDABLE_MODULE, service_name)

    def call_command(self, name: str, correlation_id: Optional[str], args: Optional[dict[str, Any]] = None
                     ) -> Deferred[Any]:
        """The result of the command C{name} run with C{args}, decoded from JSON."""
        return ensureDeferred(self._call_command(name, correlation_id, args))

    async def _call_command(self, name: str, correlation_id: Optional[str], args: Optional[dict[str, Any]]) -> Any:
        args_json = encode_json(args or {}).decode("utf-8")
        answer = await self._call("invoke", (name, correlation_id, args_json), correlation_id, name)
        try:
            return json.loads(answer) if answer else None
        except ValueError as e:
            raise InvocationException(correlation_id, "FORMAT_ERROR", f"The answer to {name} is not JSON: {e}") \
                .with_cause(e) from e
