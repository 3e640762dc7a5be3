"""REST services on Klein and twisted.web: endpoint, base service, commandable, status, swagger."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._auth_basic import BasicAuthorizer
    from ._auth_identity import AuthIdentity, split_roles
    from ._auth_interfaces import IAuthorizer
    from ._auth_jwt import JwtAuthorizer
    from ._auth_jwt_token import InvalidTokenError, decode_jwt, encode_jwt
    from ._auth_passwords import check_password_hash, hash_password
    from ._auth_roles import Authorizer, check_roles
    from ._commandable_http_service import CommandableHttpService
    from ._dispatcher import (
        CorsPolicy,
        HttpDispatcher,
        MethodNotAllowedException,
        RequestTooLargeException,
        normalize_path,
    )
    from ._endpoint import ENDPOINT_DESCRIPTOR, HttpEndpoint, endpoint_string
    from ._factory import DefaultServicesFactory
    from ._http_request import (
        LimitedRequest,
        get_correlation_id,
        read_json_body,
        read_json_object,
        sanitize_correlation_id,
    )
    from ._http_response import HttpResponse, error_body, write_error, write_result
    from ._json import encode_json
    from ._listener import listen_backlog, quote_endpoint_argument
    from ._openapi import commands_openapi
    from ._prometheus_metrics_service import PrometheusMetricsService
    from ._rest_service import RestService
    from ._status_services import HealthRestService, HeartbeatRestService, StatusRestService
    from ._swagger_service import SwaggerService

__all__ = [
    "AuthIdentity",
    "Authorizer",
    "BasicAuthorizer",
    "CommandableHttpService",
    "CorsPolicy",
    "DefaultServicesFactory",
    "ENDPOINT_DESCRIPTOR",
    "HealthRestService",
    "HeartbeatRestService",
    "HttpDispatcher",
    "HttpEndpoint",
    "HttpResponse",
    "IAuthorizer",
    "InvalidTokenError",
    "JwtAuthorizer",
    "LimitedRequest",
    "MethodNotAllowedException",
    "PrometheusMetricsService",
    "RequestTooLargeException",
    "RestService",
    "StatusRestService",
    "SwaggerService",
    "check_password_hash",
    "check_roles",
    "commands_openapi",
    "decode_jwt",
    "encode_json",
    "encode_jwt",
    "endpoint_string",
    "listen_backlog",
    "quote_endpoint_argument",
    "error_body",
    "get_correlation_id",
    "hash_password",
    "normalize_path",
    "read_json_body",
    "read_json_object",
    "sanitize_correlation_id",
    "split_roles",
    "write_error",
    "write_result",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "BasicAuthorizer":
        from . import _auth_basic

        module = _auth_basic
    elif name in ("AuthIdentity", "split_roles"):
        from . import _auth_identity

        module = _auth_identity
    elif name == "IAuthorizer":
        from . import _auth_interfaces

        module = _auth_interfaces
    elif name == "JwtAuthorizer":
        from . import _auth_jwt

        module = _auth_jwt
    elif name in ("InvalidTokenError", "decode_jwt", "encode_jwt"):
        from . import _auth_jwt_token

        module = _auth_jwt_token
    elif name in ("check_password_hash", "hash_password"):
        from . import _auth_passwords

        module = _auth_passwords
    elif name in ("Authorizer", "check_roles"):
        from . import _auth_roles

        module = _auth_roles
    elif name == "CommandableHttpService":
        from . import _commandable_http_service

        module = _commandable_http_service
    elif name in (
        "CorsPolicy",
        "HttpDispatcher",
        "MethodNotAllowedException",
        "RequestTooLargeException",
        "normalize_path",
    ):
        from . import _dispatcher

        module = _dispatcher
    elif name in ("ENDPOINT_DESCRIPTOR", "HttpEndpoint", "endpoint_string"):
        from . import _endpoint

        module = _endpoint
    elif name == "DefaultServicesFactory":
        from . import _factory

        module = _factory
    elif name in (
        "LimitedRequest",
        "get_correlation_id",
        "read_json_body",
        "read_json_object",
        "sanitize_correlation_id",
    ):
        from . import _http_request

        module = _http_request
    elif name in ("HttpResponse", "error_body", "write_error", "write_result"):
        from . import _http_response

        module = _http_response
    elif name == "encode_json":
        from . import _json

        module = _json
    elif name in ("listen_backlog", "quote_endpoint_argument"):
        from . import _listener

        module = _listener
    elif name == "commands_openapi":
        from . import _openapi

        module = _openapi
    elif name == "PrometheusMetricsService":
        from . import _prometheus_metrics_service

        module = _prometheus_metrics_service
    elif name == "RestService":
        from . import _rest_service

        module = _rest_service
    elif name in ("HealthRestService", "HeartbeatRestService", "StatusRestService"):
        from . import _status_services

        module = _status_services
    elif name == "SwaggerService":
        from . import _swagger_service

        module = _swagger_service
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
