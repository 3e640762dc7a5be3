# -*- test-case-name: tests.services.test_commandable_http_service -*-
"""CommandableHttpService: a controller's commands at POST /{base_route}/{command}."""

from __future__ import annotations

from typing import Any, Optional

import yaml

from ..commands import ICommandable, caller_instruments
from ..config import ConfigParams
from ..errors import ConfigException, FileException, ReferenceException
from ..info import CONTEXT_INFO_DESCRIPTOR
from ..refer import IReferences
from ._http_request import read_json_object
from ._http_response import HttpResponse
from ._openapi import commands_openapi
from ._rest_service import RestService

# The swagger options of pip-services3 REST services; any other swagger.* key is warned about.
SWAGGER_OPTIONS = ("enable", "route", "auto", "path", "name", "description")


class CommandableHttpService(RestService):
    """
    Exposes the command set of the C{controller} dependency (set it with
    C{dependencies.controller} in config). With C{swagger.enable: true} the
    OpenAPI 3 document is served at C{/{base_route}/swagger} (C{swagger.route}):
    generated from the commands (C{swagger.auto}, default true), titled
    C{swagger.name} (default: the context-info name) and described by
    C{swagger.description}; with C{swagger.auto: false}, the YAML or JSON file
    at C{swagger.path} instead, read when the service opens. Another
    C{swagger.*} key is logged as a warning that names it.
    """

    def __init__(self, base_route: Optional[str] = None) -> None:
        super().__init__(base_route)
        self.swagger_enabled = False
        self.swagger_route = "swagger"
        self.swagger_auto = True
        self.swagger_path: Optional[str] = None
        self.swagger_name: Optional[str] = None
        self.swagger_description: Optional[str] = None
        self._swagger_file: Optional[dict[str, Any]] = None
        self._unsupported: list[str] = []
        self._controller: Any = None
        self._info: Any = None

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.swagger_enabled = config.get_as_checked_boolean("swagger.enable", self.swagger_enabled)
        self.swagger_route = config.get_as_string_with_default("swagger.route", self.swagger_route)
        self.swagger_auto = config.get_as_checked_boolean("swagger.auto", self.swagger_auto)
        self.swagger_path = config.get_as_nullable_string("swagger.path") or self.swagger_path
        self.swagger_name = config.get_as_nullable_string("swagger.name") or self.swagger_name
        self.swagger_description = config.get_as_nullable_string("swagger.description") or self.swagger_description
        self._unsupported = [f"swagger.{key}" for key in config.get_section("swagger").get_section_names()
                             if key not in SWAGGER_OPTIONS]
        if self.swagger_enabled and not self.swagger_auto and not self.swagger_path:
            raise ConfigException(None, "NO_SWAGGER_PATH", "swagger.path: needed when swagger.auto is false") \
                .with_details("key", "swagger.path")

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        for key in self._unsupported:
            self._logger.warn(None, "%s: config key %s is not supported and is ignored", type(self).__name__, key)
        self._controller = self._dependency_resolver.get_one_required("controller")
        if not ICommandable.providedBy(self._controller) and not hasattr(self._controller, "get_command_set"):
            raise ReferenceException(None, "controller (an ICommandable)")
        self._info = references.get_one_optional(CONTEXT_INFO_DESCRIPTOR)

    def register(self) -> None:
        command_set = self._controller.get_command_set()
        for command in command_set.commands:
            self.register_route("POST", "/" + command.name, self._command_handler(command), name=command.name)
        if self.swagger_enabled:
            if not self.swagger_auto and self.swagger_path:
                self._swagger_file = read_openapi_file(self.swagger_path)
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
        """The OpenAPI 3 document of this service: generated from its commands, or the C{swagger.path} file."""
        if self._swagger_file is not None:
            return self._swagger_file
        title = self.swagger_name or getattr(self._info, "name", None) or self.base_route or "service"
        return commands_openapi(
            title, self.base_route, self._controller.get_command_set().commands,
            description=self.swagger_description or getattr(self._info, "description", None),
        )

    def _serve_openapi(self, request: Any) -> Any:
        accept = (request.getHeader(b"accept") or b"").lower()
        fmt = request.args.get(b"format", [b""])[0].lower()
        if fmt == b"json" or (b"application/json" in accept and fmt != b"yaml"):
            return self.openapi()
        text = yaml.safe_dump(self.openapi(), sort_keys=False, allow_unicode=True)
        return HttpResponse(text, "application/yaml; charset=utf-8")


def read_openapi_file(path: str) -> dict[str, Any]:
    """An OpenAPI document from a YAML or JSON file; a FileException names the path and what is wrong."""
    try:
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise FileException(None, "BAD_SWAGGER_FILE", f"swagger.path {path}: cannot read it: {e}") \
            .with_details("path", path) from e
    if not isinstance(document, dict):
        raise FileException(None, "BAD_SWAGGER_FILE", f"swagger.path {path}: not an OpenAPI document") \
            .with_details("path", path)
    return document
