# -*- test-case-name: tests.aws.test_lambda_service -*-
"""The factory of the standard AWS components."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _commandable_lambda_service() -> type:
    from ._lambda_service import CommandableLambdaService

    return CommandableLambdaService


class DefaultAwsFactory(Factory):
    """C{pip-services:service:commandable-lambda}: a controller's commands as the actions of a Lambda function."""

    descriptor = Descriptor("pip-services", "factory", "aws", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "service", "commandable-lambda", "*", "1.0"),
                           _commandable_lambda_service)
