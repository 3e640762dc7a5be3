# -*- test-case-name: tests.security.test_authorizers -*-
"""IAuthorizer: what a RestService with C{dependencies.authorizer} calls before each handler."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred
from zope.interface import Interface


class IAuthorizer(Interface):
    """
    Decides whether a request may run a route. A service names one with
    C{dependencies.authorizer: "<descriptor>"}; services without it stay open.
    """

    def authorize(request: Any, route_name: str, roles: list[str]) -> Optional[Deferred[None]]:
        """
        Returns (or fires) None to let C{request} run the route C{route_name};
        raises (or fails with) C{UnauthorizedException} (401: the caller is not
        known) or C{ForbiddenException} (403: the caller lacks all of C{roles};
        empty C{roles} means any known caller). Sets C{request.identity}.
        """
