"""REST services on Klein and twisted.web: endpoint, base service, commandable, status, swagger."""

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
