# -*- test-case-name: tests.services.test_factory -*-
"""The factory of the standard HTTP components."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _http_endpoint() -> type:
    from ._endpoint import HttpEndpoint

    return HttpEndpoint


def _status_rest_service() -> type:
    from ._status_services import StatusRestService

    return StatusRestService


def _heartbeat_rest_service() -> type:
    from ._status_services import HeartbeatRestService

    return HeartbeatRestService


def _health_rest_service() -> type:
    from ._status_services import HealthRestService

    return HealthRestService


def _swagger_service() -> type:
    from ._swagger_service import SwaggerService

    return SwaggerService


def _prometheus_metrics_service() -> type:
    from ._prometheus_metrics_service import PrometheusMetricsService

    return PrometheusMetricsService


def _basic_authorizer() -> type:
    from ._auth_basic import BasicAuthorizer

    return BasicAuthorizer


def _jwt_authorizer() -> type:
    from ._auth_jwt import JwtAuthorizer

    return JwtAuthorizer


class DefaultServicesFactory(Factory):
    """
    C{pip-services:endpoint:http}, C{status-service:http},
    C{heartbeat-service:http}, C{health-service:http}, C{swagger-service:*} and
    C{metrics-service:prometheus}.
    """

    descriptor = Descriptor("pip-services", "factory", "services", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "endpoint", "http", "*", "1.0"), _http_endpoint)
        self.register_lazy(Descriptor("pip-services", "status-service", "http", "*", "1.0"), _status_rest_service)
        self.register_lazy(Descriptor("pip-services", "heartbeat-service", "http", "*", "1.0"), _heartbeat_rest_service)
        self.register_lazy(Descriptor("pip-services", "health-service", "http", "*", "1.0"), _health_rest_service)
        self.register_lazy(Descriptor("pip-services", "swagger-service", "*", "*", "1.0"), _swagger_service)
        self.register_lazy(Descriptor("pip-services", "metrics-service", "prometheus", "*", "1.0"), _prometheus_metrics_service)
        self.register_lazy(Descriptor("pip-services", "authorizer", "basic", "*", "1.0"), _basic_authorizer)
        self.register_lazy(Descriptor("pip-services", "authorizer", "jwt", "*", "1.0"), _jwt_authorizer)
