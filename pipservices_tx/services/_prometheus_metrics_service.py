# -*- test-case-name: tests.services.test_prometheus_metrics_service -*-
"""PrometheusMetricsService: GET /metrics with the Prometheus counters of this process."""

from __future__ import annotations

from typing import Any, Optional

from ..config import ConfigParams
from ..counters import CONTENT_TYPE, PrometheusCounters
from ..refer import Descriptor, IReferences
from ._http_response import HttpResponse
from ._rest_service import RestService

PROMETHEUS_COUNTERS = Descriptor("pip-services", "counters", "prometheus", "*", "1.0")


class PrometheusMetricsService(RestService):
    """
    Serves the C{pip-services:counters:prometheus} component (C{route}, default
    C{metrics}) in the text exposition format; a scrape never changes counters.
    """

    def __init__(self) -> None:
        super().__init__("")
        self.route = "metrics"
        self._prometheus: Optional[PrometheusCounters] = None

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.route = config.get_as_string_with_default("route", self.route)

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._prometheus = references.get_one_required(PROMETHEUS_COUNTERS)

    def register(self) -> None:
        self.register_route("GET", "/" + self.route, self._metrics, name="metrics")

    def _metrics(self, request: Any) -> HttpResponse:
        assert self._prometheus is not None
        return HttpResponse(self._prometheus.to_text(), CONTENT_TYPE)
