# -*- test-case-name: tests.services.test_openapi -*-
"""OpenAPI 3 documents generated from command sets and their schemas."""

from __future__ import annotations

from typing import Any, Iterable, Optional

_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "nullable": True},
        "category": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "message": {"type": "string"},
        "details": {"type": "object", "nullable": True},
        "correlation_id": {"type": "string", "nullable": True},
        "cause": {"type": "string", "nullable": True},
        "stack_trace": {"type": "string", "nullable": True},
    },
    "required": ["category", "status", "code", "message"],
}


def _error_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorDescription"}}},
    }


def command_operation(base_route: str, command: Any) -> dict[str, Any]:
    """The POST operation of one command: its arguments schema and the standard responses."""
    schema = getattr(command, "schema", None)
    body_schema: dict[str, Any] = {"type": "object"}
    to_json_schema = getattr(schema, "to_json_schema", None)
    if callable(to_json_schema):
        body_schema = to_json_schema()
    tag = base_route.strip("/") or "default"
    return {
        "tags": [tag],
        "operationId": command.name,
        "parameters": [{
            "name": "correlation_id", "in": "query", "required": False,
            "schema": {"type": "string"}, "description": "Traces the call across services",
        }],
        "requestBody": {
            "required": bool(body_schema.get("required")),
            "content": {"application/json": {"schema": body_schema}},
        },
        "responses": {
            "200": {"description": "The result", "content": {"application/json": {"schema": {}}}},
            "204": {"description": "No result (null)"},
            "400": _error_response("Invalid arguments"),
            "401": _error_response("Not authenticated"),
            "403": _error_response("Not allowed"),
            "404": _error_response("Not found"),
            "409": _error_response("Conflict, e.g. a duplicate id"),
            "413": _error_response("Body too large"),
            "500": _error_response("Failure"),
            "503": _error_response("Unavailable: a backend did not answer, or too many requests"),
        },
    }


def commands_openapi(
    title: str,
    base_route: str,
    commands: Iterable[Any],
    version: str = "1.0.0",
    description: Optional[str] = None,
    server_url: Optional[str] = None,
) -> dict[str, Any]:
    """An OpenAPI 3.0.3 document with C{POST /{base_route}/{command}} for each command."""
    prefix = "/" + base_route.strip("/") if base_route.strip("/") else ""
    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": title, "version": version},
        "paths": {
            f"{prefix}/{command.name}": {"post": command_operation(base_route, command)}
            for command in commands
        },
        "components": {"schemas": {"ErrorDescription": _ERROR_SCHEMA}},
    }
    if description:
        document["info"]["description"] = description
    if server_url:
        document["servers"] = [{"url": server_url}]
    return document
