# -*- test-case-name: tests.services.test_factory -*-
"""The factory of the standard HTTP components."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor
from ._endpoint import HttpEndpoint
from ._prometheus_metrics_service import PrometheusMetricsService
from ._status_services import HealthRestService, HeartbeatRestService, StatusRestService
from ._swagger_service import SwaggerService


class DefaultServicesFactory(Factory):
    """
    C{pip-services:endpoint:http}, C{status-service:http},
    C{heartbeat-service:http}, C{health-service:http}, C{swagger-service:*} and
    C{metrics-service:prometheus}.
    """

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("pip-services", "endpoint", "http", "*", "1.0"), HttpEndpoint)
        self.register_as_type(Descriptor("pip-services", "status-service", "http", "*", "1.0"), StatusRestService)
        self.register_as_type(
            Descriptor("pip-services", "heartbeat-service", "http", "*", "1.0"), HeartbeatRestService
        )
        self.register_as_type(Descriptor("pip-services", "health-service", "http", "*", "1.0"), HealthRestService)
        self.register_as_type(Descriptor("pip-services", "swagger-service", "*", "*", "1.0"), SwaggerService)
        self.register_as_type(
            Descriptor("pip-services", "metrics-service", "prometheus", "*", "1.0"), PrometheusMetricsService
        )
