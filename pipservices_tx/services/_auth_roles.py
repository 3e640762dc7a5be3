# -*- test-case-name: tests.security.test_authorizers -*-
"""The base of authorizers: the 401 challenge, the identity on the request, and the role check (403)."""

from __future__ import annotations

from typing import Any, ClassVar, Iterable, Optional

from twisted.internet.defer import Deferred
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ForbiddenException, UnauthorizedException
from ._auth_identity import AuthIdentity
from ._auth_interfaces import IAuthorizer

#: How much of an C{Authorization} header is looked at; longer ones are refused unread.
MAX_CREDENTIALS_LENGTH = 8192


def check_roles(
    identity: AuthIdentity, route_name: str, roles: Iterable[str], correlation_id: Optional[str] = None
) -> None:
    """
    Raises L{ForbiddenException} (403, code C{FORBIDDEN}, the required roles
    in details) unless C{identity} has one of C{roles}; no roles means any
    authenticated caller may go on.
    """
    required = [role for role in roles if role]
    if identity.has_any_role(required):
        return
    error = ForbiddenException(
        correlation_id, "FORBIDDEN", f"The call {route_name} needs one of the roles: {', '.join(required)}"
    )
    error.with_details("route", route_name).with_details("required_roles", required)
    raise error


def _quoted(value: str) -> str:
    """An RFC 7230 quoted-string for a challenge parameter; control characters dropped."""
    text = "".join(ch for ch in value if ch >= " " and ch != "\x7f")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@implementer(IAuthorizer, IConfigurable)
class Authorizer:
    """
    Subclasses say who the caller is in L{authenticate} (raising
    L{UnauthorizedException} made by L{unauthorized} when they cannot);
    L{authorize} then puts the L{AuthIdentity} on C{request.identity} and
    checks the route's roles. Config: C{realm} (default C{pip-services}),
    shown to clients in the C{WWW-Authenticate} header of a 401.
    """

    #: The HTTP authentication scheme: C{Basic}, C{Bearer}.
    scheme: ClassVar[str] = ""

    def __init__(self) -> None:
        self.realm = "pip-services"

    def configure(self, config: ConfigParams) -> None:
        self.realm = config.get_as_string_with_default("realm", self.realm)

    def authorize(self, request: Any, route_name: str, roles: list[str]) -> Optional[Deferred[None]]:
        correlation_id = getattr(request, "correlation_id", None)
        identity = self.authenticate(request, correlation_id)
        if isinstance(identity, Deferred):
            return identity.addCallback(self._admit, request, route_name, roles, correlation_id)
        self._admit(identity, request, route_name, roles, correlation_id)
        return None

    def _admit(self, identity: AuthIdentity, request: Any, route_name: str, roles: list[str],
               correlation_id: Optional[str]) -> None:
        request.identity = identity
        check_roles(identity, route_name, roles, correlation_id)

    def authenticate(self, request: Any, correlation_id: Optional[str]) -> AuthIdentity | Deferred[AuthIdentity]:
        """
        Who sent C{request} (or a Deferred of it, when finding out takes I/O
        or a thread); raises (fails with) an L{UnauthorizedException} (401)
        when unknown.
        """
        raise NotImplementedError

    def credentials(self, request: Any, correlation_id: Optional[str]) -> str:
        """
        What follows this authorizer's scheme in the C{Authorization} header;
        C{NOT_AUTHENTICATED} when there is none (or another scheme).
        """
        header = request.getHeader(b"authorization")
        if isinstance(header, bytes):
            header = header.decode("latin-1")
        if not header:
            raise self.unauthorized(request, correlation_id, "NOT_AUTHENTICATED", "Authentication is required")
        if len(header) > MAX_CREDENTIALS_LENGTH:
            raise self.unauthorized(request, correlation_id, "INVALID_CREDENTIALS", "The credentials are too long",
                                    error="invalid_request")
        scheme, _, value = header.strip().partition(" ")
        if scheme.lower() != self.scheme.lower() or not value.strip():
            raise self.unauthorized(
                request, correlation_id, "NOT_AUTHENTICATED", f"{self.scheme} authentication is required"
            )
        return value.strip()

    def challenge(self, error: Optional[str] = None, description: Optional[str] = None) -> str:
        """The C{WWW-Authenticate} value of a 401 (RFC 7235; RFC 6750 C{error} for bearer tokens)."""
        parts = [f"realm={_quoted(self.realm)}"]
        if error:
            parts.append(f"error={_quoted(error)}")
        if description:
            parts.append(f"error_description={_quoted(description)}")
        return f"{self.scheme} " + ", ".join(parts)

    def unauthorized(
        self,
        request: Any,
        correlation_id: Optional[str],
        code: str,
        message: str,
        *,
        error: Optional[str] = None,
    ) -> UnauthorizedException:
        """A 401 for C{request}, whose C{WWW-Authenticate} header it sets (the answer keeps it)."""
        request.setHeader(b"www-authenticate", self.challenge(error, message if error else None).encode("utf-8"))
        return UnauthorizedException(correlation_id, code, message)
