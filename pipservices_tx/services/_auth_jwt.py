# -*- test-case-name: tests.security.test_jwt_authorizer -*-
"""JwtAuthorizer: bearer tokens (JWT, through PyJWT) checked with a secret, a public key or a JWKS URL; roles from a claim."""

from __future__ import annotations

import math
from typing import Any, ClassVar, Optional

from twisted.internet.defer import Deferred

from ..config import ConfigParams
from ..errors import ConfigException
from ..lifecycle import ReactorAware
from ._auth_identity import AuthIdentity, split_roles
from ._auth_jwks import JwksKeys
from ._auth_jwt_token import HMAC_ALGORITHMS, PUBLIC_KEY_ALGORITHMS, InvalidTokenError, decode_jwt, token_header
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
    """A finite number of seconds, else None (a text, a boolean, NaN, an integer no float holds)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


class JwtAuthorizer(Authorizer, ReactorAware):
    """
    C{pip-services:authorizer:jwt:*:1.0}: callers send
    C{Authorization: Bearer <JWT>}, a token checked with PyJWT and one of:
      - C{credential.secret} (or C{credential.key}, C{key}): HS256, HS384, HS512;
      - C{credential.public_key} (PEM text) or C{credential.public_key_file}:
        RS256/384/512, PS256/384/512, ES256/384/512;
      - C{jwks_uri}: the public keys an identity provider publishes, chosen by
        the token's C{kid}; fetched with treq on first use, again in the
        background after C{jwks_cache_ttl} seconds (300), and at once for a
        key id not known yet (a key rotation) but not more often than every
        C{jwks_min_refresh} seconds (30); C{jwks_timeout} seconds a fetch may
        take (10). Unreachable with no key known: 503 C{JWKS_UNAVAILABLE}.
    C{algorithms} (comma list) narrows the accepted algorithms; C{none} never is.

    Checked: the signature, every part canonical base64url (a signature with
    altered unused bits is refused), the claims finite JSON (C{exp} of
    C{NaN}, C{1e400} or 4,300 digits is refused, never "no expiry"), no
    C{crit} header, C{exp} and C{nbf} (with C{leeway} seconds, default 5),
    C{iss} against C{issuer} and C{aud} against C{audience} when
    configured, and the presence of C{exp} when C{require_exp} is true.
    Roles come from the claim C{roles_claim} (default C{roles}; a list or a
    text with commas or spaces; a dotted path such as C{realm_access.roles}
    reaches into objects), the name from C{name_claim} (default C{sub}).

    No token: 401 C{NOT_AUTHENTICATED} with C{WWW-Authenticate: Bearer
    realm="..."}; a bad one: 401 C{INVALID_TOKEN} (C{TOKEN_EXPIRED} when
    only its time is over) with C{error="invalid_token"} (RFC 6750); a valid
    token without one of the route's roles: 403 C{FORBIDDEN}. Handlers find
    the caller in C{request.identity} (an L{AuthIdentity} with the claims).

    Roles are given per route (per command for a commandable service) on the
    service, C{auth.roles.*} being the default; no roles means any valid token::

        - descriptor: "pip-services:authorizer:jwt:default:1.0"
          jwks_uri: "https://login.example.com/.well-known/jwks.json"
          issuer: "https://login.example.com"
          audience: beacons
          roles_claim: realm_access.roles

        - descriptor: "beacons:service:commandable-http:default:1.0"
          base_route: v1/beacons
          dependencies:
            controller: "beacons:controller:*:*:1.0"
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
        self._secret: Optional[bytes] = None
        self._public_key: Optional[bytes] = None
        self._jwks: Optional[JwksKeys] = None
        self._jwks_settings: Optional[tuple[str, float, float, float]] = None
        self.algorithms: tuple[str, ...] = HMAC_ALGORITHMS
        self.leeway = 5.0
        self.issuer: Optional[str] = None
        self.audience: Optional[str] = None
        self.require_exp = False
        self.roles_claim = "roles"
        self.name_claim = "sub"

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        secret = (
            config.get_as_nullable_string("credential.secret")
            or config.get_as_nullable_string("credential.key")
            or config.get_as_nullable_string("key")
        )
        self._secret = secret.encode("utf-8") if secret else None
        self._public_key = _public_key(config)
        jwks_uri = config.get_as_nullable_string("jwks_uri")
        self._jwks_settings = (jwks_uri, config.get_as_float_with_default("jwks_cache_ttl", 300.0),
                               config.get_as_float_with_default("jwks_min_refresh", 30.0),
                               config.get_as_float_with_default("jwks_timeout", 10.0)) if jwks_uri else None
        self._jwks = None
        if not (self._secret or self._public_key or jwks_uri):
            raise ConfigException(
                None, "NO_KEY", "A JWT authorizer needs credential.secret, credential.public_key(_file) or jwks_uri")
        possible = (HMAC_ALGORITHMS if self._secret else ()) + (
            PUBLIC_KEY_ALGORITHMS if self._public_key or jwks_uri else ())
        self.algorithms = possible
        names = config.get_as_nullable_string("algorithms")
        if names:
            wanted = tuple(name.strip().upper() for name in names.split(",") if name.strip())
            unknown = [name for name in wanted if name not in possible]
            if unknown or not wanted:
                raise ConfigException(
                    None, "BAD_ALGORITHM", f"algorithms: {names} (possible with the keys given: {', '.join(possible)})"
                )
            self.algorithms = wanted
        self.leeway = max(0.0, config.get_as_float_with_default("leeway", self.leeway))
        self.issuer = config.get_as_nullable_string("issuer") or None
        self.audience = config.get_as_nullable_string("audience") or None
        self.require_exp = config.get_as_boolean_with_default("require_exp", self.require_exp)
        self.roles_claim = config.get_as_string_with_default("roles_claim", self.roles_claim)
        self.name_claim = config.get_as_string_with_default("name_claim", self.name_claim)

    @property
    def jwks(self) -> Optional[JwksKeys]:
        """The keys of C{jwks_uri} (None without one)."""
        if self._jwks is None and self._jwks_settings is not None:
            uri, cache_ttl, min_refresh, timeout = self._jwks_settings
            self._jwks = JwksKeys(uri, self.reactor, cache_ttl=cache_ttl, min_refresh=min_refresh, timeout=timeout)
        return self._jwks

    def _now(self) -> float:
        return float(self.reactor.seconds())

    def authenticate(self, request: Any, correlation_id: Optional[str]) -> AuthIdentity | Deferred[AuthIdentity]:
        token = self.credentials(request, correlation_id)
        try:
            header = token_header(token)
        except InvalidTokenError as e:
            raise self._invalid(request, correlation_id, str(e)) from None
        algorithm = header.get("alg")
        if algorithm not in self.algorithms:
            raise self._invalid(request, correlation_id,
                                f"The algorithm {algorithm!r} is not accepted (accepted: {', '.join(self.algorithms)})")
        if algorithm in HMAC_ALGORITHMS:
            return self._verify(self._secret, token, request, correlation_id)
        jwks = self.jwks
        if jwks is None:
            return self._verify(self._public_key, token, request, correlation_id)
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            raise self._invalid(request, correlation_id, "The key id (kid) is not a text")
        return jwks.key(kid, correlation_id).addCallback(self._verify, token, request, correlation_id)

    def _verify(self, key: Any, token: str, request: Any, correlation_id: Optional[str]) -> AuthIdentity:
        if key is None:
            raise self._invalid(request, correlation_id, "No key is known to check this token (its kid)")
        try:
            _, claims = decode_jwt(token, key, self.algorithms)
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
                raise self._invalid(request, correlation_id, f"The claim '{name}' is not a finite number")
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


def _public_key(config: ConfigParams) -> Optional[bytes]:
    """C{credential.public_key} (PEM text) or the content of C{credential.public_key_file}."""
    text = config.get_as_nullable_string("credential.public_key")
    if text:
        return text.encode("utf-8")
    path = config.get_as_nullable_string("credential.public_key_file")
    if not path:
        return None
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise ConfigException(None, "NO_KEY", f"credential.public_key_file: cannot read {path}: {e}") from e
