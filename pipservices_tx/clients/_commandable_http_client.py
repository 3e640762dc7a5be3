# -*- test-case-name: tests.clients.test_rest_client -*-
"""CommandableHttpClient: calls the commands a commandable HTTP service exposes."""

from __future__ import annotations

from typing import Any, ClassVar, Mapping, Optional

from twisted.internet.defer import Deferred

from ._rest_client import RestClient


class CommandableHttpClient(RestClient):
    """
    Calls C{POST {base_url}/{base_route}/{name}} with the arguments as a JSON
    object (docs/protocol.rst, section 4), e.g.::

        class BeaconsHttpClientV1(CommandableHttpClient):
            def __init__(self, **kwargs):
                super().__init__("v1/beacons", **kwargs)

            def get_beacon_by_id(self, correlation_id, beacon_id):
                return self.call_command("get_beacon_by_id", correlation_id, {"id": beacon_id})

    A command that failed after it was sent is not tried again: the client
    cannot know that running it twice is harmless, unless its name is in
    C{idempotent_commands} (reads, say); a command that could not be sent
    at all goes to another instance either way.
    """

    #: The commands that may run twice without harm: tried again after any failure of an instance.
    idempotent_commands: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, base_route: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(base_route, **kwargs)

    def call_command(
        self, name: str, correlation_id: Optional[str], params: Optional[Mapping[str, Any]] = None
    ) -> Deferred[Any]:
        """Fires with the command's result (None when the service answered 204)."""
        return self._call(
            "POST", name, correlation_id, data={} if params is None else params,
            idempotent=name in self.idempotent_commands,
        )
