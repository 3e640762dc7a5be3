# -*- test-case-name: tests.thrift.test_factory -*-
"""The factory of the standard Thrift components."""

from __future__ import annotations

from ..build import StandardFactory


class DefaultThriftFactory(StandardFactory):
    """C{pip-services:endpoint:thrift} and C{pip-services:service:commandable-thrift}."""

    def __init__(self) -> None:
        super().__init__("pipservices_tx.thrift")
