# -*- test-case-name: tests.services.test_status_services -*-
"""The operational routes: /heartbeat, /status and the /health/live, /health/ready probes."""

from __future__ import annotations

import datetime
from typing import Any, Optional

from ..config import ConfigParams, mask_credentials
from ..info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from ..lifecycle import IOpenable
from ..logs import format_time
from ..refer import Descriptor, IReferences
from ._http_response import HttpResponse
from ._json import encode_json
from ._rest_service import RestService

CONTAINER_LOCATOR = Descriptor("pip-services", "container", "*", "*", "1.0")


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


class HeartbeatRestService(RestService):
    """C{GET /heartbeat} (C{route}): a JSON string with the current UTC time."""

    def __init__(self) -> None:
        super().__init__("")
        self.route = "heartbeat"

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.route = config.get_as_string_with_default("route", self.route)

    def register(self) -> None:
        self.register_route("GET", "/" + self.route, self._heartbeat, name="heartbeat")

    def _heartbeat(self, request: Any) -> str:
        return format_time(_utc_now())


class StatusRestService(RestService):
    """C{GET /status} (C{route}): who this service is, since when, and its components."""

    def __init__(self) -> None:
        super().__init__("")
        self.route = "status"
        self._info: Optional[ContextInfo] = None
        self._references: Optional[IReferences] = None

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.route = config.get_as_string_with_default("route", self.route)

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._references = references
        info = references.get_one_optional(CONTEXT_INFO_DESCRIPTOR)
        self._info = info if isinstance(info, ContextInfo) else ContextInfo()

    def register(self) -> None:
        self.register_route("GET", "/" + self.route, self._status, name="status")

    def _status(self, request: Any) -> dict[str, Any]:
        info = self._info or ContextInfo()
        now = _utc_now()
        locators = self._references.get_all_locators() if self._references is not None else []
        return {
            "id": info.context_id,
            "name": info.name,
            "description": info.description,
            "start_time": format_time(info.start_time),
            "current_time": format_time(now),
            "uptime": int((now - info.start_time).total_seconds() * 1000),
            "properties": mask_credentials(dict(info.properties)),  # a property may hold a secret or a URI
            "components": [str(locator) for locator in locators if isinstance(locator, Descriptor)],
        }


class HealthRestService(RestService):
    """
    C{GET /health/live}: 200 while the process answers. C{GET /health/ready}:
    200 when the container and every openable component are open, else 503
    (what Kubernetes probes need). C{GET /health}: both at once, 200
    C{{"status": "ready", "live": true, "ready": true}} or 503 with
    C{"ready": false} and what it waits for.
    """

    def __init__(self) -> None:
        super().__init__("health")
        self._references: Optional[IReferences] = None

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._references = references

    def register(self) -> None:
        self.register_route("GET", "/live", self._live, name="live")
        self.register_route("GET", "/ready", self._ready, name="ready")
        self.register_route("GET", "/", self._health, name="health")

    def _live(self, request: Any) -> dict[str, Any]:
        return {"status": "live"}

    def not_ready(self) -> list[str]:
        """The components that are not open: empty when the service is ready."""
        if self._references is None:
            return ["references"]
        pending = []
        container = self._references.get_one_optional(CONTAINER_LOCATOR)
        if container is not None and not container.is_open():
            pending.append(str(CONTAINER_LOCATOR))
        for locator, component in zip(self._references.get_all_locators(), self._references.get_all(), strict=True):
            if component is container or component is self:
                continue
            if IOpenable.providedBy(component) and not component.is_open():
                pending.append(str(locator))
        return pending

    def _ready(self, request: Any) -> Any:
        pending = self.not_ready()
        if pending:
            return HttpResponse(
                encode_json({"status": "not ready", "waiting_for": pending}), "application/json", 503
            )
        return {"status": "ready"}

    def _health(self, request: Any) -> Any:
        pending = self.not_ready()
        if pending:
            return HttpResponse(encode_json(
                {"status": "not ready", "live": True, "ready": False, "waiting_for": pending}
            ), "application/json", 503)
        return {"status": "ready", "live": True, "ready": True}
