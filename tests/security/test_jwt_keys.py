"""
JwtAuthorizer with public keys: RS256 and ES256 from a PEM key, and keys
from a JWKS URL (a real loopback server) chosen by kid, refreshed on a key
rotation but not on every unknown kid; roles per route as with a secret.
"""

from __future__ import annotations

import json
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from twisted.internet import reactor
from twisted.internet.defer import ensureDeferred
from twisted.internet.task import deferLater
from twisted.trial.unittest import SynchronousTestCase, TestCase
from twisted.web.resource import Resource
from twisted.web.server import Site

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConfigException
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import JwtAuthorizer, encode_jwt

from .helpers import bearer, guarded_client

LOCATOR = Descriptor("pip-services", "authorizer", "jwt", "default", "1.0")
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())
OTHER_RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(key: Any) -> str:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def jwk(key: Any, kid: str, algorithm: str) -> dict[str, Any]:
    algorithms = jwt.algorithms.get_default_algorithms()
    data = json.loads(algorithms[algorithm].to_jwk(key.public_key()))
    return {**data, "kid": kid, "alg": algorithm, "use": "sig"}


class PemKeyTests(SynchronousTestCase):
    def client(self, key: Any) -> Any:
        authorizer = JwtAuthorizer()
        authorizer.configure(ConfigParams.from_value({"credential": {"public_key": public_pem(key)}}))
        return guarded_client(self, LOCATOR, authorizer)

    def test_rs256_and_es256_with_a_public_key(self) -> None:
        for key, algorithm in ((RSA_KEY, "RS256"), (EC_KEY, "ES256")):
            client = self.client(key)
            token = encode_jwt({"sub": "ann", "roles": ["admin"]}, key, algorithm)
            self.assertEqual(client.json("POST", "/api/admin", {}, headers=bearer(token)), (200, {"done": True}))
            user = encode_jwt({"sub": "bob", "roles": ["user"]}, key, algorithm)
            self.assertEqual(client.json("POST", "/api/admin", {}, headers=bearer(user))[0], 403)
            forged = encode_jwt({"sub": "eve", "roles": ["admin"]}, OTHER_RSA_KEY, "RS256")
            self.assertEqual(client.json("POST", "/api/admin", {}, headers=bearer(forged))[0], 401)

    def test_the_public_key_cannot_be_used_as_an_hmac_secret(self) -> None:
        client = self.client(RSA_KEY)
        confused = encode_jwt({"sub": "eve"}, "x" * 32, "HS256")  # HS* is not accepted without a secret
        status, body = client.json("GET", "/api/whoami", headers=bearer(confused))
        self.assertEqual((status, body["code"]), (401, "INVALID_TOKEN"))

    def test_config_needs_a_key(self) -> None:
        authorizer = JwtAuthorizer()
        error = self.assertRaises(ConfigException, authorizer.configure, ConfigParams())
        self.assertEqual(error.code, "NO_KEY")
        error = self.assertRaises(ConfigException, authorizer.configure, ConfigParams.from_value(
            {"credential": {"public_key": public_pem(RSA_KEY)}, "algorithms": "HS256"}))
        self.assertEqual(error.code, "BAD_ALGORITHM")


async def call(client: Any, token: str) -> tuple[int, Any]:
    """GET /api/whoami through the StubTreq client, pumped while the authorizer fetches keys over the network."""
    done: list[Any] = []
    d = client.treq.get("http://service/api/whoami", headers=bearer(token))
    d.addCallback(lambda response: client.treq.content(response).addCallback(
        lambda content: done.append((response.code, json.loads(content)))))
    for _ in range(5000):
        client.treq.flush()
        if done:
            return done[0]
        await deferLater(reactor, 0.001, lambda: None)
    raise AssertionError("no answer")


class _LaterReactor:
    """The real reactor, except that its clock runs C{later} seconds ahead (time passes without waiting)."""

    def __init__(self) -> None:
        self.later = 0.0

    def seconds(self) -> float:
        return float(reactor.seconds()) + self.later  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> Any:
        return getattr(reactor, name)


class _Jwks(Resource):
    isLeaf = True

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[dict[str, Any]] = []
        self.requests = 0

    def render_GET(self, request: Any) -> bytes:
        self.requests += 1
        request.setHeader(b"content-type", b"application/json")
        return json.dumps({"keys": self.keys}).encode()


class JwksTests(TestCase):
    timeout = 20

    async def _serve(self) -> tuple[_Jwks, str]:
        jwks = _Jwks()
        port = reactor.listenTCP(0, Site(jwks), interface="127.0.0.1")  # type: ignore[attr-defined]
        self.addCleanup(port.stopListening)
        return jwks, f"http://127.0.0.1:{port.getHost().port}/jwks.json"

    def test_keys_by_kid_refreshed_on_rotation_but_not_on_every_unknown_kid(self) -> Any:
        async def run() -> None:
            jwks, uri = await self._serve()
            jwks.keys = [jwk(RSA_KEY, "k1", "RS256"), jwk(EC_KEY, "k2", "ES256")]
            authorizer = JwtAuthorizer()
            clock = _LaterReactor()
            authorizer.set_reactor(clock)
            authorizer.configure(ConfigParams.from_value({"jwks_uri": uri, "jwks_min_refresh": 30}))
            client = guarded_client(self, LOCATOR, authorizer)

            async def whoami(token: str) -> tuple[int, Any]:
                return await call(client, token)

            for key, kid, algorithm in ((RSA_KEY, "k1", "RS256"), (EC_KEY, "k2", "ES256")):
                token = encode_jwt({"sub": kid}, key, algorithm, headers={"kid": kid})
                self.assertEqual(await whoami(token), (200, {"name": kid, "roles": [], "scheme": "bearer"}))
            self.assertEqual(jwks.requests, 1)
            # The provider rotates to a new key: a token naming it within 30 s of the last fetch is
            # refused without asking; the first one after makes us fetch again.
            jwks.keys.append(jwk(OTHER_RSA_KEY, "k3", "RS256"))
            rotated = encode_jwt({"sub": "k3"}, OTHER_RSA_KEY, "RS256", headers={"kid": "k3"})
            self.assertEqual((await whoami(rotated))[0], 401)
            self.assertEqual(jwks.requests, 1)
            clock.later += 31
            self.assertEqual((await whoami(rotated))[0], 200)
            self.assertEqual(jwks.requests, 2)
            # Forged key ids do not make us hammer the provider.
            for n in range(5):
                forged = encode_jwt({"sub": "eve"}, RSA_KEY, "RS256", headers={"kid": f"nope-{n}"})
                status, body = await whoami(forged)
                self.assertEqual((status, body["code"]), (401, "INVALID_TOKEN"))
            self.assertEqual(jwks.requests, 2)
            wrong_key = encode_jwt({"sub": "eve"}, OTHER_RSA_KEY, "RS256", headers={"kid": "k1"})
            self.assertEqual((await whoami(wrong_key))[0], 401)
        return ensureDeferred(run())

    def test_an_unreachable_provider_is_503_then_recovers(self) -> Any:
        async def run() -> None:
            jwks, uri = await self._serve()
            authorizer = JwtAuthorizer()
            authorizer.configure(ConfigParams.from_value({"jwks_uri": uri + "-missing", "jwks_min_refresh": 0}))
            client = guarded_client(self, LOCATOR, authorizer)
            token = encode_jwt({"sub": "ann"}, RSA_KEY, "RS256", headers={"kid": "k1"})
            status, body = await call(client, token)
            self.assertEqual((status, body["code"]), (503, "JWKS_UNAVAILABLE"))
            jwks.keys = [jwk(RSA_KEY, "k1", "RS256")]
            authorizer.configure(ConfigParams.from_value({"jwks_uri": uri, "jwks_min_refresh": 0}))
            self.assertEqual((await call(client, token))[0], 200)
        return ensureDeferred(run())
