# -*- test-case-name: tests.services.test_factory -*-
"""The factory of the standard HTTP components."""

from __future__ import annotations

from ..build import StandardFactory


class DefaultServicesFactory(StandardFactory):
    """
    C{pip-services:endpoint:http}, C{status-service:http},
    C{heartbeat-service:http}, C{health-service:http}, C{swagger-service:*} and
    C{metrics-service:prometheus}.
    """

    def __init__(self) -> None:
        super().__init__("pipservices_tx.services")
