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
from twisted.internet.defer import Deferred, succeed
from zope.interface import implementer

from ..config import ConfigParams
from ..counters import CompositeCounters
from ..errors import ConfigException, UnauthorizedException
from ..lifecycle import IOpenable, ReactorAware
from ..refer import IReferenceable, IReferences
from ._auth_hashing import HashPool
from ._auth_identity import AuthIdentity, split_roles
from ._auth_passwords import check_password_hash, parse_password_hash, same_secret
from ._auth_roles import Authorizer
from ._auth_throttle import FailureThrottle

#: Results of hashed password checks kept, so a known caller costs one HMAC, not a PBKDF2 run.
CHECK_CACHE_SIZE = 1024


@attrs.frozen
class _User:
    name: str
    roles: tuple[str, ...]
    password: Optional[str] = attrs.field(default=None, repr=False)
    password_hash: Optional[str] = attrs.field(default=None, repr=False)


def _client_host(request: Any) -> str:
    try:
        return str(request.getClientAddress().host)
    except Exception:  # noqa: BLE001 - no address (a test request): one shared bucket
        return "-"


@implementer(IOpenable, IReferenceable)
class BasicAuthorizer(Authorizer, ReactorAware):
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
          base_route: v1/beacons
          dependencies:
            controller: "beacons:controller:*:*:1.0"
            authorizer: "pip-services:authorizer:basic:default:1.0"
          auth:
            roles:
              create_beacon: admin
              delete_beacon_by_id: admin

    Services without C{dependencies.authorizer} (C{/status}, C{/heartbeat},
    the health probes) stay open.

    Password hashes are checked in a thread pool of the authorizer's own
    (C{options.hash_threads}, 2; at most C{options.max_pending_hashes}, 64,
    waiting, beyond which a caller gets 503 C{OVERLOADED}), never on the
    reactor. A check is made once per distinct name and password (results
    are cached, keyed by an HMAC with a per-process key). When any user has
    a hash, every first check costs one hash, whether the name is known,
    unknown or has a plain password: answer times tell nothing about which
    names exist.

    Failures are throttled per client address (C{throttle.failures}, 10) and
    per user name (C{throttle.user_failures}, 20): each may fail that many
    times at once, and one more every C{throttle.period} / that many seconds
    (C{throttle.period}, 60). Beyond, the answer is 429 C{TOO_MANY_ATTEMPTS}
    with C{Retry-After}, before any hashing (0 turns a throttle off).
    Counted: C{authorizer.basic.failed}, C{authorizer.basic.throttled},
    C{authorizer.basic.overloaded}.
    """

    scheme: ClassVar[str] = "Basic"

    def __init__(self) -> None:
        super().__init__()
        self._users: dict[str, _User] = {}
        self._cache_key = secrets.token_bytes(32)
        self._checked: dict[bytes, bool] = {}
        self._dummy_hash: Optional[str] = None
        self._hashes = HashPool()
        self._by_address = FailureThrottle(10, 60.0)
        self._by_user = FailureThrottle(20, 60.0)
        self._counters = CompositeCounters()

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
        self._dummy_hash = _dummy_like(next((u.password_hash for u in parsed.values() if u.password_hash), None))
        self._hashes = HashPool(
            config.get_as_integer_with_default("options.hash_threads", 2),
            config.get_as_integer_with_default("options.max_pending_hashes", 64),
        )
        period = config.get_as_float_with_default("throttle.period", 60.0)
        self._by_address = FailureThrottle(config.get_as_integer_with_default("throttle.failures", 10), period)
        self._by_user = FailureThrottle(config.get_as_integer_with_default("throttle.user_failures", 20), period)

    def set_references(self, references: IReferences) -> None:
        self._counters.set_references(references)

    def is_open(self) -> bool:
        return self._hashes.running or self._dummy_hash is None

    def open(self, correlation_id: Optional[str] = None) -> None:
        if self._dummy_hash is not None:
            self._hashes.start(self.reactor)

    def close(self, correlation_id: Optional[str] = None) -> None:
        self._hashes.stop()

    @property
    def user_names(self) -> list[str]:
        return sorted(self._users)

    def authenticate(self, request: Any, correlation_id: Optional[str]) -> AuthIdentity | Deferred[AuthIdentity]:
        encoded = self.credentials(request, correlation_id)
        try:
            decoded = base64.b64decode(encoded.encode("ascii"), validate=True)
            text = decoded.decode("utf-8")
        except (binascii.Error, ValueError):
            raise self.unauthorized(
                request, correlation_id, "INVALID_CREDENTIALS", "Basic credentials are not base64 of name:password"
            ) from None
        name, colon, password = text.partition(":")
        if not colon:
            raise self.unauthorized(request, correlation_id, "INVALID_CREDENTIALS", "Wrong user name or password")
        address = _client_host(request)
        self._refuse_if_throttled(request, correlation_id, address, name)
        checked = self._check(self._users.get(name), name, password, correlation_id)
        if isinstance(checked, bool):
            return self._identity(checked, request, correlation_id, address, name)
        return checked.addCallback(self._identity, request, correlation_id, address, name).addErrback(
            self._count_overload)

    def _identity(self, matched: bool, request: Any, correlation_id: Optional[str], address: str,
                  name: str) -> AuthIdentity:
        user = self._users.get(name)
        if not matched or user is None:
            now = self.reactor.seconds()
            self._by_address.failed(address, now)
            self._by_user.failed(name, now)
            self._counters.increment_one("authorizer.basic.failed")
            raise self.unauthorized(request, correlation_id, "INVALID_CREDENTIALS", "Wrong user name or password")
        return AuthIdentity(user.name, user.roles, "basic")

    def _refuse_if_throttled(self, request: Any, correlation_id: Optional[str], address: str, name: str) -> None:
        now = self.reactor.seconds()
        wait = max(self._by_address.retry_after(address, now), self._by_user.retry_after(name, now))
        if wait <= 0:
            return
        self._counters.increment_one("authorizer.basic.throttled")
        seconds = max(int(wait + 0.999), 1)
        request.setHeader(b"retry-after", b"%d" % seconds)
        error = UnauthorizedException(
            correlation_id, "TOO_MANY_ATTEMPTS", f"Too many failed sign-ins; retry in {seconds} s", status=429)
        error.with_details("retry_after", seconds)
        raise error

    def _count_overload(self, failure: Any) -> Any:
        if getattr(failure.value, "code", None) == "OVERLOADED":
            self._counters.increment_one("authorizer.basic.overloaded")
        return failure

    def challenge(self, error: Optional[str] = None, description: Optional[str] = None) -> str:
        return super().challenge() + ', charset="UTF-8"'

    def _check(self, user: Optional[_User], name: str, password: str,
               correlation_id: Optional[str]) -> bool | Deferred[bool]:
        """Whether C{password} is C{user}'s: at once without hashes, else from the pool (or the cache)."""
        dummy = self._dummy_hash
        if dummy is None:  # plain passwords only: a constant-time compare, no hashing
            return same_secret(password, user.password or "") if user is not None else same_secret(password, "\0")
        key = hmac.new(self._cache_key, f"{name}\0{password}".encode("utf-8"), hashlib.sha256).digest()
        known = self._checked.get(key)
        if known is not None:
            return succeed(known)
        plain = user is not None and user.password_hash is None
        hashed = user.password_hash if user is not None and user.password_hash else dummy
        d = self._hashes.run(self.reactor, check_password_hash, password, hashed, correlation_id=correlation_id)

        def remember(matched: bool) -> bool:
            if user is None:
                matched = False
            elif plain:
                matched = same_secret(password, user.password or "")
            if len(self._checked) >= CHECK_CACHE_SIZE:
                self._checked.clear()
            self._checked[key] = matched
            return matched

        return d.addCallback(remember)


def _dummy_like(encoded: Optional[str]) -> Optional[str]:
    """A hash with C{encoded}'s algorithm and work that no password matches (None when C{encoded} is)."""
    if encoded is None:
        return None
    algorithm, iterations, _, _ = encoded.strip().split("$")
    random_hash = base64.b64encode(secrets.token_bytes(32)).decode("ascii")
    return f"{algorithm}${iterations}${secrets.token_urlsafe(16)}${random_hash}"
