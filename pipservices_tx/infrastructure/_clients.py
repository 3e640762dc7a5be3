# -*- test-case-name: tests.infrastructure.test_clients -*-
"""Typed clients of the logging, counters, discovery and settings services (version 1)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from twisted.internet.defer import Deferred

from ._service_client import InfrastructureClient

Json = dict[str, Any]


def _page_args(filter: Optional[Mapping[str, Any]], paging: Optional[Mapping[str, Any]]) -> Json:
    return {"filter": dict(filter or {}), "paging": dict(paging or {})}


class LoggingHttpClientV1(InfrastructureClient):
    """C{v1/logging}: C{write_messages}, C{read_messages}, C{read_errors}, C{clear}."""

    default_route = "v1/logging"

    def write_messages(self, correlation_id: Optional[str], messages: list[Json]) -> Deferred[Any]:
        return self.call_command("write_messages", correlation_id, {"messages": messages})

    def read_messages(
        self, correlation_id: Optional[str], filter: Optional[Mapping[str, Any]] = None,
        paging: Optional[Mapping[str, Any]] = None,
    ) -> Deferred[Json]:
        """A page C{{data, total}} of messages, newest first."""
        return self.call_command("read_messages", correlation_id, _page_args(filter, paging))

    def read_errors(
        self, correlation_id: Optional[str], filter: Optional[Mapping[str, Any]] = None,
        paging: Optional[Mapping[str, Any]] = None,
    ) -> Deferred[Json]:
        """A page of the messages at level error or fatal."""
        return self.call_command("read_errors", correlation_id, _page_args(filter, paging))

    def clear(self, correlation_id: Optional[str]) -> Deferred[Any]:
        return self.call_command("clear", correlation_id, {})


class CountersHttpClientV1(InfrastructureClient):
    """C{v1/counters}: C{write_counters}, C{read_counters}, C{clear}."""

    default_route = "v1/counters"

    def write_counters(self, correlation_id: Optional[str], counters: list[Json]) -> Deferred[Any]:
        return self.call_command("write_counters", correlation_id, {"counters": counters})

    def read_counters(
        self, correlation_id: Optional[str], filter: Optional[Mapping[str, Any]] = None,
        paging: Optional[Mapping[str, Any]] = None,
    ) -> Deferred[Json]:
        return self.call_command("read_counters", correlation_id, _page_args(filter, paging))

    def clear(self, correlation_id: Optional[str]) -> Deferred[Any]:
        return self.call_command("clear", correlation_id, {})


class DiscoveryHttpClientV1(InfrastructureClient):
    """C{v1/discovery}: C{register}, C{resolve_one}, C{resolve_all}, C{unregister}."""

    default_route = "v1/discovery"

    def register(self, correlation_id: Optional[str], key: str, connection: Mapping[str, Any]) -> Deferred[Any]:
        return self.call_command("register", correlation_id, {"key": key, "connection": dict(connection)})

    def resolve_one(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        return self.call_command("resolve_one", correlation_id, {"key": key})

    def resolve_all(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        return self.call_command("resolve_all", correlation_id, {"key": key})

    def unregister(self, correlation_id: Optional[str], key: str, connection: Mapping[str, Any]) -> Deferred[Any]:
        return self.call_command("unregister", correlation_id, {"key": key, "connection": dict(connection)})


class SettingsHttpClientV1(InfrastructureClient):
    """C{v1/settings}: sections of flat parameters under ids."""

    default_route = "v1/settings"

    def get_section_ids(
        self, correlation_id: Optional[str], filter: Optional[Mapping[str, Any]] = None,
        paging: Optional[Mapping[str, Any]] = None,
    ) -> Deferred[Json]:
        return self.call_command("get_section_ids", correlation_id, _page_args(filter, paging))

    def get_sections(
        self, correlation_id: Optional[str], filter: Optional[Mapping[str, Any]] = None,
        paging: Optional[Mapping[str, Any]] = None,
    ) -> Deferred[Json]:
        return self.call_command("get_sections", correlation_id, _page_args(filter, paging))

    def get_section_by_id(self, correlation_id: Optional[str], id: str) -> Deferred[Json]:
        """The parameters of section C{id}; an empty map when there is none."""
        return self.call_command("get_section_by_id", correlation_id, {"id": id})

    def set_section(self, correlation_id: Optional[str], id: str, parameters: Mapping[str, Any]) -> Deferred[Json]:
        return self.call_command("set_section", correlation_id, {"id": id, "parameters": dict(parameters)})

    def modify_section(
        self, correlation_id: Optional[str], id: str, update_parameters: Optional[Mapping[str, Any]] = None,
        increment_parameters: Optional[Mapping[str, Any]] = None,
    ) -> Deferred[Json]:
        return self.call_command("modify_section", correlation_id, {
            "id": id, "update_parameters": dict(update_parameters or {}),
            "increment_parameters": dict(increment_parameters or {}),
        })
