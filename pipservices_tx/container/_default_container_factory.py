# -*- test-case-name: tests.container.test_container -*-
"""The factory every container starts with: all standard pip-services descriptors."""

from __future__ import annotations

from ..build import StandardFactory


class DefaultContainerFactory(StandardFactory):
    """
    Creates every standard component a config file may name by descriptor
    (the table in L{pipservices_tx.build.STANDARD_COMPONENTS}). Nothing is
    imported until a component of that kind is created, so a container starts
    fast and a service pays only for the backends it configures.
    """

    def __init__(self) -> None:
        super().__init__()
