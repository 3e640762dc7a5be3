# -*- test-case-name: tests.security.test_jwt_keys -*-
"""JwksKeys: the signing keys an identity provider publishes (a JWKS URL), fetched with treq and cached."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from twisted.internet.defer import Deferred, succeed
from twisted.internet.interfaces import IReactorTime
from twisted.internet.protocol import Protocol
from twisted.python.failure import Failure

from ..errors import BadRequestException, ConnectionException
from ..portability import parse_json

if TYPE_CHECKING:
    import jwt

#: The most a JWKS document may weigh.
MAX_JWKS_SIZE = 1 << 20


class JwksKeys:
    """
    The keys of C{uri} by key id (C{kid}), fetched on first use, again in the
    background once older than C{cache_ttl} seconds, and at once when a
    token names a key id not known yet (a rotation), but not more often
    than every C{min_refresh} seconds (so forged key ids cannot make us
    hammer the provider). Calls share one fetch at a time; a failed fetch
    keeps the keys known so far.
    """

    def __init__(self, uri: str, reactor: IReactorTime, cache_ttl: float = 300.0, min_refresh: float = 30.0,
                 timeout: float = 10.0) -> None:
        self.uri = uri
        self.reactor = reactor
        self.cache_ttl = cache_ttl
        self.min_refresh = min_refresh
        self.timeout = timeout
        self.keys: dict[Optional[str], jwt.PyJWK] = {}
        self.fetched_at: Optional[float] = None
        self.fetches = 0
        self._waiters: list[Deferred[None]] = []
        self._http: Any = None

    def key(self, kid: Optional[str], correlation_id: Optional[str] = None) -> Deferred[Optional[jwt.PyJWK]]:
        """The key named C{kid} (the only key when C{kid} is None and there is one); None when unknown."""
        now = self.reactor.seconds()
        found = self._lookup(kid)
        age = None if self.fetched_at is None else now - self.fetched_at
        if found is not None:
            if age is not None and age > self.cache_ttl:
                self._refresh(correlation_id).addErrback(lambda _: None)  # in the background
            return succeed(found)
        if age is not None and age < self.min_refresh:
            return succeed(None)
        return self._refresh(correlation_id).addCallback(lambda _: self._lookup(kid))

    def _lookup(self, kid: Optional[str]) -> Optional[jwt.PyJWK]:
        if kid is None and len(self.keys) == 1:
            return next(iter(self.keys.values()))
        return self.keys.get(kid)

    def _refresh(self, correlation_id: Optional[str]) -> Deferred[None]:
        waiter: Deferred[None] = Deferred()
        self._waiters.append(waiter)
        if len(self._waiters) == 1:
            Deferred.fromCoroutine(self._fetch(correlation_id)).addBoth(self._fetched)
        return waiter

    def _fetched(self, result: Any) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if isinstance(result, Failure):
                waiter.errback(result)
            else:
                waiter.callback(None)

    async def _fetch(self, correlation_id: Optional[str]) -> None:
        self.fetches += 1
        self.fetched_at = self.reactor.seconds()
        try:
            response = await self._client().get(self.uri, timeout=self.timeout)
            if isinstance(response.length, int) and response.length > MAX_JWKS_SIZE:
                response.original.deliverBody(_Discard())
                body = b""
            else:
                body = await response.content()
        except Exception as e:  # noqa: BLE001 - any network failure is the provider being away
            raise ConnectionException(
                correlation_id, "JWKS_UNAVAILABLE", f"Cannot fetch the signing keys from {self.uri}: {e}"
            ).with_cause(e) from e
        if response.code != 200 or not body or len(body) > MAX_JWKS_SIZE:
            raise ConnectionException(
                correlation_id, "JWKS_UNAVAILABLE", f"{self.uri} answered {response.code} ({len(body)} bytes)")
        import jwt  # here: PyJWT and cryptography would weigh on the start-up of services without tokens

        try:
            document = parse_json(body, correlation_id, "The JWKS document")
            key_set = jwt.PyJWKSet.from_dict(document)
        except (BadRequestException, jwt.PyJWTError, AttributeError, TypeError, KeyError, ValueError) as e:
            raise ConnectionException(
                correlation_id, "JWKS_UNAVAILABLE", f"{self.uri} holds no usable JWKS: {e}").with_cause(e) from e
        # Public signing keys only: a shared secret ("oct") published in a JWKS signs nothing here.
        self.keys = {key.key_id: key for key in key_set.keys
                     if key.public_key_use in ("sig", None) and key.key_type != "oct"}

    def _client(self) -> Any:
        if self._http is None:
            from treq.client import HTTPClient
            from twisted.web.client import Agent

            self._http = HTTPClient(Agent(self.reactor))  # type: ignore[arg-type]
        return self._http



class _Discard(Protocol):
    """Reads and drops a body too large to keep."""

    def dataReceived(self, data: bytes) -> None:
        pass
