# -*- test-case-name: tests.aws.test_lambda_service -*-
"""The factory of the standard AWS components."""

from __future__ import annotations

from ..build import StandardFactory


class DefaultAwsFactory(StandardFactory):
    """C{pip-services:service:commandable-lambda}."""

    def __init__(self) -> None:
        super().__init__("pipservices_tx.aws")
