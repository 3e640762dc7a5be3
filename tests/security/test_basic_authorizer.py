"""BasicAuthorizer: users, passwords and hashes from config; 401 and 403 as JSON errors."""

from __future__ import annotations

import base64
from typing import Any

from twisted.trial.unittest import SynchronousTestCase
from twisted.web.test.requesthelper import DummyRequest
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import ConfigException, ForbiddenException, UnauthorizedException
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import AuthIdentity, BasicAuthorizer, IAuthorizer, _auth_basic, hash_password

from .helpers import basic, guarded_client, hash_inline

LOCATOR = Descriptor("pip-services", "authorizer", "basic", "default", "1.0")


def make_authorizer(**users: Any) -> BasicAuthorizer:
    authorizer = BasicAuthorizer()
    authorizer.configure(ConfigParams.from_value({"realm": "beacons", "users": users}))
    hash_inline(authorizer)
    return authorizer


class BasicAuthorizerTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.authorizer = make_authorizer(
            ann={"password_hash": hash_password("ann-pw", iterations=1000), "roles": "admin, user"},
            bob={"password": "bob-pw", "roles": ["user", "auditor"]},
            eve={"password": "eve-pw"},
        )
        self.client = guarded_client(self, LOCATOR, self.authorizer)

    def test_interfaces(self) -> None:
        self.assertTrue(verifyObject(IAuthorizer, self.authorizer))
        self.assertTrue(verifyObject(IConfigurable, self.authorizer))
        self.assertEqual(self.authorizer.user_names, ["ann", "bob", "eve"])

    def test_known_users_get_in_with_their_identity(self) -> None:
        self.assertEqual(self.client.json("GET", "/api/whoami", headers=basic("ann", "ann-pw")),
                         (200, {"name": "ann", "roles": ["admin", "user"], "scheme": "basic"}))
        self.assertEqual(self.client.json("GET", "/api/whoami", headers=basic("bob", "bob-pw")),
                         (200, {"name": "bob", "roles": ["auditor", "user"], "scheme": "basic"}))
        self.assertEqual(self.client.json("GET", "/api/whoami", headers=basic("eve", "eve-pw"))[1]["roles"], [])

    def test_no_credentials_is_401_with_a_challenge(self) -> None:
        for headers in (None, {"authorization": ["Bearer abc"]}, {"authorization": ["Basic"]}):
            response, body = self.client.request("GET", "/api/whoami", headers=headers)
            self.assertEqual(response.code, 401)
            self.assertEqual(response.headers.getRawHeaders("www-authenticate"),
                             ['Basic realm="beacons", charset="UTF-8"'])
            self.assertIn(b'"code":"NOT_AUTHENTICATED"', body.replace(b" ", b""))

    def test_wrong_credentials_are_401(self) -> None:
        cases = [basic("ann", "wrong"), basic("ann", ""), basic("nobody", "ann-pw"), basic("bob", "BOB-PW"),
                 {"authorization": ["Basic !!not-base64!!"]}, {"authorization": ["Basic " + "QQ=="]},
                 {"authorization": ["Basic " + "x" * 9000]}]
        for headers in cases:
            status, body = self.client.json("GET", "/api/whoami", headers=headers)
            self.assertEqual((status, body["category"], body["type"]), (401, "Unauthorized", "UnauthorizedException"))
            self.assertIn(body["code"], ("INVALID_CREDENTIALS",))
            self.assertIsNone(body["stack_trace"])

    def test_roles_per_route(self) -> None:
        self.assertEqual(self.client.json("POST", "/api/admin", {}, headers=basic("ann", "ann-pw")),
                         (200, {"done": True}))
        status, body = self.client.json("POST", "/api/admin", {}, headers=basic("bob", "bob-pw"))
        self.assertEqual((status, body["code"], body["type"]), (403, "FORBIDDEN", "ForbiddenException"))
        self.assertEqual(body["details"], {"route": "admin", "required_roles": ["admin"]})
        # Any one of several roles will do.
        self.assertEqual(self.client.json("GET", "/api/report", headers=basic("bob", "bob-pw"))[0], 200)
        self.assertEqual(self.client.json("GET", "/api/report", headers=basic("ann", "ann-pw"))[0], 200)
        self.assertEqual(self.client.json("GET", "/api/report", headers=basic("eve", "eve-pw"))[0], 403)

    def test_hash_checks_are_cached(self) -> None:
        calls: list[str] = []
        real = _auth_basic.check_password_hash

        def counting(password: str, encoded: str) -> bool:
            calls.append(password)
            return real(password, encoded)

        self.patch(_auth_basic, "check_password_hash", counting)
        for _ in range(3):
            self.assertEqual(self.client.json("GET", "/api/whoami", headers=basic("ann", "ann-pw"))[0], 200)
            self.assertEqual(self.client.json("GET", "/api/whoami", headers=basic("ann", "nope"))[0], 401)
        self.assertEqual(calls, ["ann-pw", "nope"])

    def test_direct_call(self) -> None:
        request = DummyRequest([])
        request.requestHeaders.setRawHeaders(b"authorization", [b"Basic " + base64.b64encode(b"bob:bob-pw")])
        # With hashes in the users table, every check is a Deferred (a hash may run in the pool).
        self.assertIsNone(self.successResultOf(self.authorizer.authorize(request, "whoami", [])))
        self.assertEqual(request.identity, AuthIdentity("bob", ["user", "auditor"], "basic"))
        error = self.failureResultOf(self.authorizer.authorize(request, "admin", ["admin"]), ForbiddenException).value
        self.assertIsInstance(error, UnauthorizedException)
        self.assertEqual(error.status, 403)
        plain_only = BasicAuthorizer()
        plain_only.configure(ConfigParams.from_value({"users": {"bob": {"password": "bob-pw"}}}))
        self.assertIsNone(plain_only.authorize(request, "whoami", []))  # no hashes: at once

    def test_bad_config(self) -> None:
        error = self.assertRaises(ConfigException, make_authorizer, ann={"roles": "admin"})
        self.assertEqual(error.code, "NO_PASSWORD")
        error = self.assertRaises(ConfigException, make_authorizer, ann={"password_hash": "md5$x"})
        self.assertEqual(error.code, "BAD_PASSWORD_HASH")
        # Passwords stay out of reprs (and so out of logs of the users table).
        self.assertNotIn("pw-s3cret", repr(make_authorizer(ann={"password": "pw-s3cret"})._users))
