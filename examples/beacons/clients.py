# -*- test-case-name: tests.beacons.test_clients -*-
"""Clients of the beacons service: over HTTP (commandable) and in process (direct)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from twisted.internet.defer import Deferred
from zope.interface import implementer

from pipservices_tx.clients import CommandableHttpClient, DirectClient
from pipservices_tx.commands import CommandSet, ICommandable
from pipservices_tx.data import DataPage
from pipservices_tx.refer import Descriptor

from .logic import BeaconsCommandSet, IBeaconsController

BASE_ROUTE = "v1/beacons"


def _json_value(value: Any) -> Any:
    """C{FilterParams}, C{PagingParams} and the like as the JSON a command takes."""
    to_json = getattr(value, "to_json", None)
    return to_json() if callable(to_json) else value


def _as_page(value: Any) -> DataPage[dict[str, Any]]:
    if isinstance(value, DataPage):
        return value
    return DataPage.from_json(value)


class _BeaconsCommands:
    """
    The seven beacons commands with their arguments, on top of any
    C{call_command(name, correlation_id, params)}: both clients send exactly
    what goes over the wire, so both get the service's validation.

    Ids are sent as C{beacon_id}, the name pip-services3 beacons services
    expect; ours accept it as well as C{id} (docs/protocol.rst, section 7).
    """

    def call_command(
        self, name: str, correlation_id: Optional[str], params: Optional[Mapping[str, Any]] = None
    ) -> Deferred[Any]:
        raise NotImplementedError()  # the client class before this one in the bases has it

    def get_beacons(self, correlation_id: Optional[str], filter: Any, paging: Any) -> Deferred[DataPage[dict[str, Any]]]:
        params = {"filter": _json_value(filter), "paging": _json_value(paging)}
        d = self.call_command("get_beacons", correlation_id, params)
        return d.addCallback(_as_page)

    def get_beacon_by_id(self, correlation_id: Optional[str], beacon_id: str) -> Deferred[Optional[dict[str, Any]]]:
        return self.call_command("get_beacon_by_id", correlation_id, {"beacon_id": beacon_id})

    def get_beacon_by_udi(self, correlation_id: Optional[str], udi: str) -> Deferred[Optional[dict[str, Any]]]:
        return self.call_command("get_beacon_by_udi", correlation_id, {"udi": udi})

    def calculate_position(self, correlation_id: Optional[str], site_id: str, udis: list[str]) -> Deferred[Any]:
        udis = None if udis is None else list(udis)
        return self.call_command("calculate_position", correlation_id, {"site_id": site_id, "udis": udis})

    def create_beacon(self, correlation_id: Optional[str], beacon: dict[str, Any]) -> Deferred[dict[str, Any]]:
        return self.call_command("create_beacon", correlation_id, {"beacon": beacon})

    def update_beacon(self, correlation_id: Optional[str], beacon: dict[str, Any]) -> Deferred[Optional[dict[str, Any]]]:
        return self.call_command("update_beacon", correlation_id, {"beacon": beacon})

    def delete_beacon_by_id(self, correlation_id: Optional[str], beacon_id: str) -> Deferred[Optional[dict[str, Any]]]:
        return self.call_command("delete_beacon_by_id", correlation_id, {"beacon_id": beacon_id})


@implementer(IBeaconsController, ICommandable)
class BeaconsCommandableHttpClientV1(CommandableHttpClient, _BeaconsCommands):
    """
    Calls C{POST /v1/beacons/{command}} of a beacons service, ours or a
    pip-services3 one, balanced over every instance its connections name.
    Configured like any L{CommandableHttpClient} (C{connection.*},
    C{options.*}); the keyword argument C{http_client} goes to it.
    The four reads are idempotent: tried again on another instance after
    any failure. Its command set is the service's, so a beacons service can
    serve it as its controller (a facade, see C{facade.yml}).
    """

    idempotent_commands = frozenset(("get_beacons", "get_beacon_by_id", "get_beacon_by_udi", "calculate_position"))

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(BASE_ROUTE, **kwargs)
        self._command_set: Optional[CommandSet] = None

    def get_command_set(self) -> CommandSet:
        """The beacons commands, validated here, run by the upstream instances."""
        if self._command_set is None:
            self._command_set = BeaconsCommandSet(self)
        return self._command_set


@implementer(IBeaconsController)
class BeaconsDirectClientV1(DirectClient, _BeaconsCommands):
    """
    Calls the C{beacons:controller:*:*:1.0} in references (or the
    C{dependencies.controller} of config) through its command set: the same
    validation, results and errors as over HTTP, without the HTTP.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Descriptor("beacons", "controller", "*", "*", "1.0"), BASE_ROUTE, **kwargs)
