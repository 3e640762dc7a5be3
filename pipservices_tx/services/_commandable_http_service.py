# -*- test-case-name: tests.services.test_commandable_http_service -*-
"""CommandableHttpService: a controller's commands at POST /{base_route}/{command}."""

from __future__ import annotations

from typing import Any, Optional

import yaml

from ..commands import ICommandable, caller_instruments
from ..config import ConfigParams
from ..errors import ReferenceException
from ..info import CONTEXT_INFO_DESCRIPTOR
from ..refer import IReferences
from ._http_request import read_json_object
from ._http_response import HttpResponse
from ._openapi import commands_openapi
from ._rest_service import RestService


class CommandableHttpService(RestService):
    """
    Exposes the command set of the C{controller} dependency (set it with
    C{dependencies.controller} in config). With C{swagger.enable: true} the
    OpenAPI 3 document is served at C{/{base_route}/swagger} (C{swagger.route}).
    """

    def __init__(self, base_route: Optional[str] = None) -> None:
        super().__init__(base_route)
        self.swagger_enabled = False
        self.swagger_route = "swagger"
        self._controller: Any = None
        self._info: Any = None

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.swagger_enabled = config.get_as_boolean_with_default("swagger.enable", self.swagger_enabled)
        self.swagger_route = config.get_as_string_with_default("swagger.route", self.swagger_route)

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._controller = self._dependency_resolver.get_one_required("controller")
        if not ICommandable.providedBy(self._controller) and not hasattr(self._controller, "get_command_set"):
            raise ReferenceException(None, "controller (an ICommandable)")
        self._info = references.get_one_optional(CONTEXT_INFO_DESCRIPTOR)

    def register(self) -> None:
        command_set = self._controller.get_command_set()
        for command in command_set.commands:
            self.register_route("POST", "/" + command.name, self._command_handler(command), name=command.name)
        if self.swagger_enabled:
            self.register_route("GET", "/" + self.swagger_route, self._serve_openapi, name="swagger")

    @staticmethod
    def _command_handler(command: Any) -> Any:
        execute = command.execute

        def handle(request: Any) -> Any:
            correlation_id = request.correlation_id
            args = read_json_object(request, correlation_id)
            with caller_instruments():  # counted and logged by this service's route
                return execute(correlation_id, args)

        return handle

    def openapi(self) -> dict[str, Any]:
        """The OpenAPI 3 document of this service's commands."""
        title = getattr(self._info, "name", None) or self.base_route or "service"
        return commands_openapi(
            title, self.base_route, self._controller.get_command_set().commands,
            description=getattr(self._info, "description", None),
        )

    def _serve_openapi(self, request: Any) -> Any:
        accept = (request.getHeader(b"accept") or b"").lower()
        fmt = request.args.get(b"format", [b""])[0].lower()
        if fmt == b"json" or (b"application/json" in accept and fmt != b"yaml"):
            return self.openapi()
        text = yaml.safe_dump(self.openapi(), sort_keys=False, allow_unicode=True)
        return HttpResponse(text, "application/yaml; charset=utf-8")
