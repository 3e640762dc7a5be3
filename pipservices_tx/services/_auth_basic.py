# -*- test-case-name: tests.security.test_basic_authorizer -*-
"""BasicAuthorizer: HTTP basic authentication against users and roles listed in config."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from typing import Any, ClassVar, Optional

import attrs

from ..config import ConfigParams
from ..errors import ConfigException
from ._auth_identity import AuthIdentity, split_roles
from ._auth_passwords import check_password_hash, parse_password_hash, same_secret
from ._auth_roles import Authorizer

#: Results of hashed password checks kept, so a known caller costs one HMAC, not a PBKDF2 run.
CHECK_CACHE_SIZE = 1024


@attrs.frozen
class _User:
    name: str
    roles: tuple[str, ...]
    password: Optional[str] = attrs.field(default=None, repr=False)
    password_hash: Optional[str] = attrs.field(default=None, repr=False)


class BasicAuthorizer(Authorizer):
    """
    C{pip-services:authorizer:basic:*:1.0}: callers send
    C{Authorization: Basic base64(name:password)}. Each user has a
    C{password} or, better, a C{password_hash} (L{hash_password}:
    C{pbkdf2_sha256$<iterations>$<salt>$<hash>}) and C{roles}; passwords are
    compared in constant time. No credentials or wrong ones: 401
    (C{NOT_AUTHENTICATED} or C{INVALID_CREDENTIALS}) with
    C{WWW-Authenticate: Basic realm="..."}; a known user without one of the
    route's roles: 403 C{FORBIDDEN}. Handlers find the caller in
    C{request.identity} (an L{AuthIdentity}).

    Roles are given per route (per command for a commandable service) on the
    service, C{auth.roles.*} being the default; a route with no roles is open
    to any authenticated user; several roles mean any one of them::

        - descriptor: "pip-services:authorizer:basic:default:1.0"
          realm: beacons
          users:
            admin:
              password_hash: "pbkdf2_sha256$600000$Zx3...$q1X...="
              roles: admin, user
            reader:
              password: "{{READER_PASSWORD}}"
              roles: [user]

        - descriptor: "beacons:service:commandable-http:default:1.0"
          dependencies:
            authorizer: "pip-services:authorizer:basic:default:1.0"
          auth:
            roles:
              create_beacon: admin
              delete_beacon_by_id: admin

    Services without C{dependencies.authorizer} (C{/status}, C{/heartbeat},
    the health probes) stay open. A hash is checked once per distinct
    name and password (results are cached, keyed by an HMAC with a per-process
    key), so its iteration count costs reactor time only on first use and on
    new wrong passwords.
    """

    scheme: ClassVar[str] = "Basic"

    def __init__(self) -> None:
        super().__init__()
        self._users: dict[str, _User] = {}
        self._cache_key = secrets.token_bytes(32)
        self._checked: dict[bytes, bool] = {}

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        users = config.get_section("users")
        names = sorted({key.split(".", 1)[0] for key in users})
        parsed: dict[str, _User] = {}
        for name in names:
            section = users.get_section(name)
            password = section.get_as_nullable_string("password")
            password_hash = section.get_as_nullable_string("password_hash")
            if password_hash:
                try:
                    parse_password_hash(password_hash)
                except ValueError as e:
                    raise ConfigException(None, "BAD_PASSWORD_HASH", f"users.{name}.password_hash: {e}") from e
            elif not password:
                raise ConfigException(None, "NO_PASSWORD", f"users.{name} needs a password or a password_hash")
            roles = section.get_section("roles")
            role_names = split_roles(list(roles.values())) if roles else split_roles(section.get("roles"))
            parsed[name] = _User(name, tuple(role_names), None if password_hash else password, password_hash or None)
        self._users = parsed
        self._checked = {}

    @property
    def user_names(self) -> list[str]:
        return sorted(self._users)

    def authenticate(self, request: Any, correlation_id: Optional[str]) -> AuthIdentity:
        encoded = self.credentials(request, correlation_id)
        try:
            decoded = base64.b64decode(encoded.encode("ascii"), validate=True)
            text = decoded.decode("utf-8")
        except (binascii.Error, ValueError):
            raise self.unauthorized(
                request, correlation_id, "INVALID_CREDENTIALS", "Basic credentials are not base64 of name:password"
            ) from None
        name, colon, password = text.partition(":")
        user = self._users.get(name) if colon else None
        if user is None or not self._check(user, password):
            raise self.unauthorized(request, correlation_id, "INVALID_CREDENTIALS", "Wrong user name or password")
        return AuthIdentity(user.name, user.roles, "basic")

    def challenge(self, error: Optional[str] = None, description: Optional[str] = None) -> str:
        return super().challenge() + ', charset="UTF-8"'

    def _check(self, user: _User, password: str) -> bool:
        if user.password_hash is None:
            return same_secret(password, user.password or "")
        key = hmac.new(self._cache_key, f"{user.name}\0{password}".encode("utf-8"), hashlib.sha256).digest()
        known = self._checked.get(key)
        if known is None:
            known = check_password_hash(password, user.password_hash)
            if len(self._checked) >= CHECK_CACHE_SIZE:
                self._checked.clear()
            self._checked[key] = known
        return known
