# -*- test-case-name: tests.security.test_jwt_authorizer -*-
"""JwtAuthorizer: bearer tokens (HMAC-signed JWT) checked with a configured key, roles from a claim."""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from ..config import ConfigParams
from ..errors import ConfigException
from ..lifecycle import ReactorAware
from ._auth_identity import AuthIdentity, split_roles
from ._auth_jwt_token import HMAC_ALGORITHMS, InvalidTokenError, decode_jwt
from ._auth_roles import Authorizer


def _claim(claims: dict[str, Any], path: str) -> Any:
    """A claim by name, or by a dotted path into nested objects (C{realm_access.roles})."""
    if path in claims:
        return claims[path]
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


class JwtAuthorizer(Authorizer, ReactorAware):
    """
    C{pip-services:authorizer:jwt:*:1.0}: callers send
    C{Authorization: Bearer <JWT>}, a token signed with HS256, HS384 or
    HS512 and the key of C{credential.secret} (or C{key}). Checked: the
    signature (in constant time), C{exp} and C{nbf} (with C{leeway} seconds,
    default 5), C{iss} against C{issuer} and C{aud} against C{audience} when
    configured, and the presence of C{exp} when C{require_exp} is true.
    Roles come from the claim C{roles_claim} (default C{roles}; a list or a
    text with commas or spaces; a dotted path such as C{realm_access.roles}
    reaches into objects), the name from C{name_claim} (default C{sub}).
    C{algorithms} (comma list) narrows the accepted algorithms.

    No token: 401 C{NOT_AUTHENTICATED} with C{WWW-Authenticate: Bearer
    realm="..."}; a bad one: 401 C{INVALID_TOKEN} (C{TOKEN_EXPIRED} when
    only its time is over) with C{error="invalid_token"} (RFC 6750); a valid
    token without one of the route's roles: 403 C{FORBIDDEN}. Handlers find
    the caller in C{request.identity} (an L{AuthIdentity} with the claims).

    Roles are given per route (per command for a commandable service) on the
    service, C{auth.roles.*} being the default; no roles means any valid token::

        - descriptor: "pip-services:authorizer:jwt:default:1.0"
          credential:
            secret: "{{JWT_SECRET}}"
          issuer: "https://login.example.com"
          audience: beacons
          roles_claim: roles

        - descriptor: "beacons:service:commandable-http:default:1.0"
          dependencies:
            authorizer: "pip-services:authorizer:jwt:default:1.0"
          auth:
            roles:
              create_beacon: admin
              update_beacon: admin
              delete_beacon_by_id: admin

    Services without C{dependencies.authorizer} (C{/status}, C{/heartbeat},
    the health probes) stay open.
    """

    scheme: ClassVar[str] = "Bearer"

    def __init__(self) -> None:
        super().__init__()
        self._key: Optional[bytes] = None
        self.algorithms: tuple[str, ...] = tuple(HMAC_ALGORITHMS)
        self.leeway = 5.0
        self.issuer: Optional[str] = None
        self.audience: Optional[str] = None
        self.require_exp = False
        self.roles_claim = "roles"
        self.name_claim = "sub"

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        key = (
            config.get_as_nullable_string("credential.secret")
            or config.get_as_nullable_string("credential.key")
            or config.get_as_nullable_string("key")
        )
        if not key:
            raise ConfigException(None, "NO_KEY", "A JWT authorizer needs credential.secret (or key)")
        self._key = key.encode("utf-8")
        names = config.get_as_nullable_string("algorithms")
        if names:
            wanted = tuple(name.strip().upper() for name in names.split(",") if name.strip())
            unknown = [name for name in wanted if name not in HMAC_ALGORITHMS]
            if unknown or not wanted:
                raise ConfigException(
                    None, "BAD_ALGORITHM", f"algorithms: {names} (known: {', '.join(HMAC_ALGORITHMS)})"
                )
            self.algorithms = wanted
        self.leeway = max(0.0, config.get_as_float_with_default("leeway", self.leeway))
        self.issuer = config.get_as_nullable_string("issuer") or None
        self.audience = config.get_as_nullable_string("audience") or None
        self.require_exp = config.get_as_boolean_with_default("require_exp", self.require_exp)
        self.roles_claim = config.get_as_string_with_default("roles_claim", self.roles_claim)
        self.name_claim = config.get_as_string_with_default("name_claim", self.name_claim)

    def _now(self) -> float:
        return float(self.reactor.seconds())

    def authenticate(self, request: Any, correlation_id: Optional[str]) -> AuthIdentity:
        token = self.credentials(request, correlation_id)
        if self._key is None:
            raise ConfigException(correlation_id, "NO_KEY", "The JWT authorizer is not configured")
        try:
            _, claims = decode_jwt(token, self._key, self.algorithms)
        except InvalidTokenError as e:
            raise self._invalid(request, correlation_id, str(e)) from None
        self._check_claims(request, correlation_id, claims)
        name = _claim(claims, self.name_claim)
        roles = split_roles(_claim(claims, self.roles_claim))
        return AuthIdentity("" if name is None else str(name), roles, "bearer", claims)

    def _check_claims(self, request: Any, correlation_id: Optional[str], claims: dict[str, Any]) -> None:
        now = self._now()
        for name in ("exp", "nbf", "iat"):
            if name in claims and _number(claims[name]) is None:
                raise self._invalid(request, correlation_id, f"The claim '{name}' is not a number")
        exp = _number(claims.get("exp"))
        if exp is None and self.require_exp:
            raise self._invalid(request, correlation_id, "The token has no expiry time (exp)")
        if exp is not None and now >= exp + self.leeway:
            raise self._invalid(request, correlation_id, "The token has expired", "TOKEN_EXPIRED")
        nbf = _number(claims.get("nbf"))
        if nbf is not None and now + self.leeway < nbf:
            raise self._invalid(request, correlation_id, "The token is not valid yet")
        if self.issuer is not None and claims.get("iss") != self.issuer:
            raise self._invalid(request, correlation_id, "The token is from another issuer")
        if self.audience is not None:
            audience = claims.get("aud")
            audiences = audience if isinstance(audience, list) else [audience]
            if self.audience not in audiences:
                raise self._invalid(request, correlation_id, "The token is meant for another audience")

    def _invalid(self, request: Any, correlation_id: Optional[str], message: str, code: str = "INVALID_TOKEN") -> Any:
        return self.unauthorized(request, correlation_id, code, message, error="invalid_token")
