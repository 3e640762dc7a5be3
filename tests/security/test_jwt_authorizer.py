"""JwtAuthorizer: bearer tokens, their time, issuer and audience, roles from a claim; 401 and 403."""

from __future__ import annotations

from typing import Any

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import ConfigException
from pipservices_tx.lifecycle import IReactorAware
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import IAuthorizer, JwtAuthorizer, encode_jwt

from .helpers import bearer, guarded_client

LOCATOR = Descriptor("pip-services", "authorizer", "jwt", "default", "1.0")
KEY = "a-test-key-of-some-length-0123456789"
NOW = 1_800_000_000


def make_authorizer(clock: Clock, **config: Any) -> JwtAuthorizer:
    authorizer = JwtAuthorizer()
    authorizer.set_reactor(clock)
    authorizer.configure(ConfigParams.from_value({"credential": {"secret": KEY}, "realm": "beacons", **config}))
    return authorizer


class JwtAuthorizerTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.clock.advance(NOW)
        self.authorizer = make_authorizer(self.clock)
        self.client = guarded_client(self, LOCATOR, self.authorizer)

    def token(self, key: str = KEY, algorithm: str = "HS256", **claims: Any) -> dict[str, list[str]]:
        claims.setdefault("sub", "ann")
        claims.setdefault("exp", NOW + 60)
        return bearer(encode_jwt({k: v for k, v in claims.items() if v is not None}, key, algorithm))

    def whoami(self, headers: Any) -> tuple[int, Any]:
        return self.client.json("GET", "/api/whoami", headers=headers)

    def test_interfaces(self) -> None:
        self.assertTrue(verifyObject(IAuthorizer, self.authorizer))
        self.assertTrue(verifyObject(IConfigurable, self.authorizer))
        self.assertTrue(verifyObject(IReactorAware, self.authorizer))

    def test_valid_token_gives_the_identity(self) -> None:
        for roles in (["admin", "user"], "admin user", "admin,user", "admin, user"):
            self.assertEqual(self.whoami(self.token(roles=roles)),
                             (200, {"name": "ann", "roles": ["admin", "user"], "scheme": "bearer"}))
        for algorithm in ("HS384", "HS512"):
            self.assertEqual(self.whoami(self.token(algorithm=algorithm))[0], 200)

    def test_claims_reach_the_handler(self) -> None:
        request_identity: list[Any] = []
        original = self.authorizer.authorize

        def spy(request: Any, name: str, roles: list[str]) -> Any:
            result = original(request, name, roles)
            request_identity.append(request.identity)
            return result

        self.authorizer.authorize = spy  # type: ignore[method-assign]
        self.assertEqual(self.whoami(self.token(tenant="t1"))[0], 200)
        self.assertEqual(request_identity[0].claims["tenant"], "t1")

    def test_missing_token_is_401_without_error_code(self) -> None:
        for headers in (None, {"authorization": ["Basic YTpi"]}, {"authorization": ["Bearer "]}):
            response, body = self.client.request("GET", "/api/whoami", headers=headers)
            self.assertEqual(response.code, 401)
            self.assertIn(b"NOT_AUTHENTICATED", body)
            self.assertEqual(response.headers.getRawHeaders("www-authenticate"), ['Bearer realm="beacons"'])

    def test_bad_tokens_are_401_invalid_token(self) -> None:
        cases = [
            self.token(key="another key"),
            bearer("not.a.token"),
            bearer("garbage"),
            self.token(exp="tomorrow"),
            self.token(nbf=NOW + 3600),
        ]
        for headers in cases:
            response, body = self.client.request("GET", "/api/whoami", headers=headers)
            self.assertEqual(response.code, 401, headers)
            self.assertIn(b'"INVALID_TOKEN"', body)
            challenge = response.headers.getRawHeaders("www-authenticate")[0]
            self.assertTrue(challenge.startswith('Bearer realm="beacons", error="invalid_token", error_description="'),
                            challenge)

    def test_expiry_with_leeway_and_clock(self) -> None:
        headers = self.token(exp=NOW + 10)
        self.assertEqual(self.whoami(headers)[0], 200)
        self.clock.advance(14)  # past exp, within the 5 s leeway
        self.assertEqual(self.whoami(headers)[0], 200)
        self.clock.advance(1)
        status, body = self.whoami(headers)
        self.assertEqual((status, body["code"]), (401, "TOKEN_EXPIRED"))

    def test_not_before_with_leeway(self) -> None:
        headers = self.token(nbf=NOW + 5)
        self.assertEqual(self.whoami(headers)[0], 200)
        headers = self.token(nbf=NOW + 6)
        self.assertEqual(self.whoami(headers)[0], 401)
        self.clock.advance(1)
        self.assertEqual(self.whoami(headers)[0], 200)

    def test_issuer_audience_and_required_expiry(self) -> None:
        authorizer = make_authorizer(self.clock, issuer="https://login", audience="beacons", require_exp=True,
                                     leeway=0)
        client = guarded_client(self, LOCATOR, authorizer)

        def status(**claims: Any) -> int:
            return client.json("GET", "/api/whoami", headers=self.token(**claims))[0]

        self.assertEqual(status(iss="https://login", aud="beacons"), 200)
        self.assertEqual(status(iss="https://login", aud=["other", "beacons"]), 200)
        self.assertEqual(status(iss="https://evil", aud="beacons"), 401)
        self.assertEqual(status(aud="beacons"), 401)
        self.assertEqual(status(iss="https://login", aud="other"), 401)
        self.assertEqual(status(iss="https://login"), 401)
        self.assertEqual(status(iss="https://login", aud="beacons", exp=None), 401)
        self.assertEqual(status(iss="https://login", aud="beacons", exp=NOW), 401)  # no leeway now

    def test_algorithms_can_be_narrowed(self) -> None:
        client = guarded_client(self, LOCATOR, make_authorizer(self.clock, algorithms="HS512"))
        self.assertEqual(client.json("GET", "/api/whoami", headers=self.token(algorithm="HS512"))[0], 200)
        self.assertEqual(client.json("GET", "/api/whoami", headers=self.token(algorithm="HS256"))[0], 401)

    def test_roles_per_route_and_configured_claims(self) -> None:
        status, body = self.client.json("POST", "/api/admin", {}, headers=self.token(roles=["user"]))
        self.assertEqual((status, body["code"], body["details"]["required_roles"]), (403, "FORBIDDEN", ["admin"]))
        self.assertEqual(self.client.json("POST", "/api/admin", {}, headers=self.token(roles="admin"))[0], 200)
        self.assertEqual(self.client.json("POST", "/api/admin", {}, headers=self.token())[0], 403)
        keycloak = make_authorizer(self.clock, roles_claim="realm_access.roles", name_claim="preferred_username")
        client = guarded_client(self, LOCATOR, keycloak)
        headers = self.token(realm_access={"roles": ["admin"]}, preferred_username="ann.a")
        self.assertEqual(client.json("GET", "/api/whoami", headers=headers)[1]["name"], "ann.a")
        self.assertEqual(client.json("POST", "/api/admin", {}, headers=headers)[0], 200)

    def test_bad_config(self) -> None:
        authorizer = JwtAuthorizer()
        error = self.assertRaises(ConfigException, authorizer.configure, ConfigParams())
        self.assertEqual(error.code, "NO_KEY")
        error = self.assertRaises(ConfigException, authorizer.configure,
                                  ConfigParams.from_tuples("key", "k", "algorithms", "RS256"))
        self.assertEqual(error.code, "BAD_ALGORITHM")
        authorizer.configure(ConfigParams.from_tuples("key", "k"))
        self.assertEqual(authorizer.algorithms, ("HS256", "HS384", "HS512"))
