"""The authorizer base: identity, roles, challenges, registration, and asynchronous authorizers."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred
from twisted.trial.unittest import SynchronousTestCase
from twisted.web.test.requesthelper import DummyRequest
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.errors import ForbiddenException, UnauthorizedException
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import (
    AuthIdentity,
    Authorizer,
    BasicAuthorizer,
    DefaultServicesFactory,
    IAuthorizer,
    JwtAuthorizer,
    check_roles,
    split_roles,
)

from .helpers import guarded_client

LOCATOR = Descriptor("test", "authorizer", "later", "default", "1.0")


class IdentityTests(SynchronousTestCase):
    def test_split_roles(self) -> None:
        self.assertEqual(split_roles("admin, user"), ["admin", "user"])
        self.assertEqual(split_roles("admin user,,x"), ["admin", "user", "x"])
        self.assertEqual(split_roles(["a", " b ", "", None, 3]), ["a", "b", "3"])
        for nothing in (None, "", [], 42, {"a": 1}):
            self.assertEqual(split_roles(nothing), [])

    def test_roles(self) -> None:
        identity = AuthIdentity("ann", ["admin", "user"])
        self.assertEqual(identity.roles, frozenset({"admin", "user"}))
        self.assertTrue(identity.has_role("admin"))
        self.assertTrue(identity.has_any_role([]))
        self.assertTrue(identity.has_any_role(["auditor", "user"]))
        self.assertFalse(identity.has_any_role(["auditor"]))

    def test_check_roles(self) -> None:
        identity = AuthIdentity("ann", ["user"])
        check_roles(identity, "read", [])
        check_roles(identity, "read", ["user"])
        check_roles(identity, "read", ["admin", "user"])
        error = self.assertRaises(ForbiddenException, check_roles, identity, "write", ["admin"], "c7")
        self.assertEqual((error.status, error.code, error.correlation_id), (403, "FORBIDDEN", "c7"))
        self.assertEqual(error.details, {"route": "write", "required_roles": ["admin"]})


class ChallengeTests(SynchronousTestCase):
    def test_challenge_values_are_quoted(self) -> None:
        authorizer = JwtAuthorizer()
        authorizer.configure(ConfigParams.from_tuples("key", "k", "realm", 'my "realm"\r\nX-Injected: 1'))
        request = DummyRequest([])
        error = authorizer.unauthorized(request, "c1", "INVALID_TOKEN", 'bad "token"', error="invalid_token")
        self.assertIsInstance(error, UnauthorizedException)
        self.assertEqual(error.status, 401)
        value = request.responseHeaders.getRawHeaders(b"www-authenticate")[0]
        self.assertEqual(
            value, b'Bearer realm="my \\"realm\\"X-Injected: 1", error="invalid_token", '
                   b'error_description="bad \\"token\\""')

    def test_base_class_needs_authenticate(self) -> None:
        self.assertTrue(verifyObject(IAuthorizer, Authorizer()))
        self.assertRaises(NotImplementedError, Authorizer().authorize, DummyRequest([]), "x", [])


class RegistrationTests(SynchronousTestCase):
    def test_factories_create_authorizers(self) -> None:
        factory = DefaultServicesFactory()
        self.assertIsInstance(factory.create(Descriptor("pip-services", "authorizer", "basic", "a", "1.0")),
                              BasicAuthorizer)
        self.assertIsInstance(factory.create(Descriptor("pip-services", "authorizer", "jwt", "b", "1.0")),
                              JwtAuthorizer)

    def test_container_builds_them_from_config(self) -> None:
        container = Container()
        container.configure(ConfigParams.from_value([
            {"descriptor": "pip-services:authorizer:jwt:default:1.0", "credential": {"secret": "k"}},
            {"descriptor": "pip-services:authorizer:basic:default:1.0", "users": {"a": {"password": "p"}}},
        ]))
        container.build()
        jwt, basic = container.components
        self.assertIsInstance(jwt, JwtAuthorizer)
        self.assertEqual(basic.user_names, ["a"])


class LaterAuthorizer:
    """Decides when the test says so, as one that asked a remote service would."""

    def __init__(self) -> None:
        self.pending: list[tuple[Deferred[None], Any, str, list[str]]] = []

    def authorize(self, request: Any, route_name: str, roles: list[str]) -> Optional[Deferred[None]]:
        d: Deferred[None] = Deferred()
        self.pending.append((d, request, route_name, roles))
        return d


class AsynchronousAuthorizerTests(SynchronousTestCase):
    def test_handler_waits_for_the_decision(self) -> None:
        authorizer = LaterAuthorizer()
        client = guarded_client(self, LOCATOR, authorizer)
        d = client.treq.request("POST", "http://service/api/admin", data=b"{}")
        client.treq.flush()
        self.assertNoResult(d)
        [(decision, request, name, roles)] = authorizer.pending
        self.assertEqual((name, roles), ("admin", ["admin"]))
        request.identity = AuthIdentity("ann", ["admin"])
        decision.callback(None)
        client.treq.flush()
        self.assertEqual(self.successResultOf(d).code, 200)

        d = client.treq.request("GET", "http://service/api/report")
        client.treq.flush()
        decision = authorizer.pending[-1][0]
        self.assertEqual(authorizer.pending[-1][3], ["admin", "auditor"])
        decision.errback(ForbiddenException(None, "FORBIDDEN", "no"))
        client.treq.flush()
        self.assertEqual(self.successResultOf(d).code, 403)


class WireTests(SynchronousTestCase):
    def test_forbidden_crosses_the_wire(self) -> None:
        from pipservices_tx.clients._wire_errors import response_error
        from pipservices_tx.services import error_body

        status, body = error_body(ForbiddenException("c1", "FORBIDDEN", "no").with_details("required_roles", ["a"]))
        error = response_error(None, "POST", "http://h/x", status, body)
        self.assertIsInstance(error, ForbiddenException)
        self.assertEqual((error.status, error.code, error.correlation_id, error.details),
                         (403, "FORBIDDEN", "c1", {"required_roles": ["a"]}))
        # A 403 from something else (a proxy) is still a ForbiddenException.
        error = response_error(None, "GET", "http://h/x", 403, b"<html>Forbidden</html>")
        self.assertIsInstance(error, ForbiddenException)
        self.assertEqual(error.status, 403)
