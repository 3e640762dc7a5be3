# -*- test-case-name: tests.seneca.test_endpoint -*-
"""What a seneca service needs of the listener it serves its actions on."""

from __future__ import annotations

from typing import Any

from zope.interface import Attribute, Interface


class ISenecaEndpoint(Interface):
    """A listener of the seneca HTTP transport that several services share."""

    router = Attribute("The SenecaRouter that finds the action of each act.")

    def add_service(service: Any) -> None:
        """Adds the actions of C{service} (a SenecaService that opens)."""

    def remove_service(service: Any) -> None:
        """Removes the actions of C{service} (a SenecaService that closes)."""
