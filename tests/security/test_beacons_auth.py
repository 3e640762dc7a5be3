"""The beacons service from its config.yml behind an authorizer: roles per command, probes left open."""

from __future__ import annotations

import base64
import json
import os
import time
from typing import Any, Optional

from treq.client import HTTPClient
from twisted.internet import reactor
from twisted.internet.defer import ensureDeferred
from twisted.trial.unittest import TestCase
from twisted.web.client import Agent, HTTPConnectionPool

from pipservices_tx.clients._wire_errors import response_error
from pipservices_tx.config import ConfigParams, read_config_file
from pipservices_tx.container import Container
from pipservices_tx.errors import ForbiddenException, UnauthorizedException
from pipservices_tx.services import ENDPOINT_DESCRIPTOR, encode_jwt, hash_password
from pipservices_tx.testing import with_reactor

CONFIG = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "beacons", "config.yml")
SERVICE = "beacons:service:commandable-http:default:1.0"
SECRET = "beacons-jwt-test-secret-0123456789"

JWT_AUTHORIZER = {
    "descriptor": "pip-services:authorizer:jwt:default:1.0",
    "credential": {"secret": SECRET},
    "issuer": "test-issuer",
    "realm": "beacons",
}
BASIC_AUTHORIZER = {
    "descriptor": "pip-services:authorizer:basic:default:1.0",
    "realm": "beacons",
    "users": {
        "root": {"password_hash": hash_password("root-pw", iterations=1000), "roles": "admin,user"},
        "reader": {"password": "reader-pw", "roles": ["user"]},
    },
}
ADMIN_COMMANDS = ("create_beacon", "update_beacon", "delete_beacon_by_id")
BEACON = {"id": "1", "site_id": "1", "udi": "00001", "center": {"type": "Point", "coordinates": [0, 0]}}


def guarded_config(authorizer: dict[str, Any]) -> ConfigParams:
    """The example's config with C{authorizer} added and the beacons service behind it."""
    entries = read_config_file(CONFIG, ConfigParams.from_tuples(
        "HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "LOG_LEVEL", "error")).get_as_object()
    for entry in entries:
        if entry["descriptor"] == SERVICE:
            entry.setdefault("dependencies", {})["authorizer"] = authorizer["descriptor"]
            entry["auth"] = {"roles": {command: "admin" for command in ADMIN_COMMANDS}}
    entries.append(authorizer)
    return ConfigParams.from_value(entries)


def jwt_header(roles: Any, **claims: Any) -> str:
    claims = {"sub": "someone", "iss": "test-issuer", "exp": time.time() + 300, "roles": roles, **claims}
    return "Bearer " + encode_jwt(claims, SECRET)


def basic_header(name: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()


class GuardedBeaconsTests(TestCase):
    timeout = 15

    async def start(self, authorizer: dict[str, Any]) -> None:
        self.container = Container()
        self.container.configure(guarded_config(authorizer), "guarded beacons")
        await self.container.open(None)
        self.addCleanup(self.container.close, None)
        self.base = self.container.references.get_one_required(ENDPOINT_DESCRIPTOR).base_url
        pool = HTTPConnectionPool(reactor, persistent=True)
        self.addCleanup(pool.closeCachedConnections)
        self.http = HTTPClient(Agent(reactor, pool=pool))

    async def call(self, command: str, authorization: Optional[str], body: Any = None) -> tuple[int, Any, Any]:
        headers = {"content-type": ["application/json"]}
        if authorization:
            headers["authorization"] = [authorization]
        response = await self.http.post(f"{self.base}/v1/beacons/{command}", data=json.dumps(body or {}).encode(),
                                        headers=headers)
        content = await response.content()
        return response.code, (json.loads(content) if content else None), response.headers

    async def check_roles(self, admin: str, user: str, bad: str) -> None:
        # Nobody gets in without credentials, nor with bad ones: 401 and a challenge.
        for authorization in (None, bad):
            for command in ("get_beacons", "create_beacon"):
                status, body, headers = await self.call(command, authorization, {"beacon": BEACON})
                self.assertEqual((status, body["category"], body["status"]), (401, "Unauthorized", 401))
                self.assertIn('realm="beacons"', headers.getRawHeaders("www-authenticate")[0])
        # Users read; only admins write.
        for command in ADMIN_COMMANDS:
            status, body, _ = await self.call(command, user, {"beacon": BEACON, "id": "1"})
            self.assertEqual((status, body["code"], body["type"]), (403, "FORBIDDEN", "ForbiddenException"))
            self.assertEqual(body["details"]["required_roles"], ["admin"])
            error = response_error(None, "POST", command, status, json.dumps(body).encode())
            self.assertIsInstance(error, ForbiddenException)
            self.assertEqual(error.status, 403)
        status, created, _ = await self.call("create_beacon", admin, {"beacon": BEACON})
        self.assertEqual((status, created["udi"]), (200, "00001"))
        status, page, _ = await self.call("get_beacons", user, {})
        self.assertEqual((status, [b["id"] for b in page["data"]]), (200, ["1"]))
        self.assertEqual((await self.call("get_beacon_by_udi", user, {"udi": "00001"}))[0], 200)
        self.assertEqual((await self.call("calculate_position", user, {"site_id": "1", "udis": ["00001"]}))[0], 200)
        self.assertEqual((await self.call("update_beacon", admin, {"beacon": {**BEACON, "label": "x"}}))[0], 200)
        self.assertEqual((await self.call("delete_beacon_by_id", admin, {"id": "1"}))[0], 200)
        # The operational routes are not behind the authorizer.
        for path in ("/status", "/heartbeat", "/health/live"):
            response = await self.http.get(self.base + path)
            self.assertEqual(response.code, 200, path)
            await response.content()

    def test_bearer_tokens(self) -> Any:
        async def scenario() -> None:
            await self.start(JWT_AUTHORIZER)
            await self.check_roles(jwt_header(["admin"]), jwt_header("user"), jwt_header(["admin"], iss="someone"))
            status, body, headers = await self.call("get_beacons", jwt_header("user", exp=time.time() - 60))
            self.assertEqual((status, body["code"]), (401, "TOKEN_EXPIRED"))
            self.assertIn('error="invalid_token"', headers.getRawHeaders("www-authenticate")[0])
        return ensureDeferred(scenario())

    def test_basic_auth(self) -> Any:
        async def scenario() -> None:
            await self.start(BASIC_AUTHORIZER)
            await self.check_roles(basic_header("root", "root-pw"), basic_header("reader", "reader-pw"),
                                   basic_header("root", "reader-pw"))
        return ensureDeferred(scenario())

    def test_a_client_without_credentials_gets_unauthorized(self) -> Any:
        async def scenario() -> None:
            from examples.beacons.clients import BeaconsCommandableHttpClientV1

            await self.start(JWT_AUTHORIZER)
            client = with_reactor(BeaconsCommandableHttpClientV1(), reactor)
            client.configure(ConfigParams.from_tuples("connection.uri", self.base))
            await client.open(None)
            self.addCleanup(client.close, None)
            error = await self.assertFailure(ensureDeferred(client.get_beacons("c2", None, None)),
                                             UnauthorizedException)
            self.assertEqual((error.code, error.status, error.correlation_id), ("NOT_AUTHENTICATED", 401, "c2"))
        return ensureDeferred(scenario())

    def test_clients_send_their_credentials(self) -> Any:
        async def scenario() -> None:
            from examples.beacons.clients import BeaconsCommandableHttpClientV1

            await self.start(BASIC_AUTHORIZER)
            client = with_reactor(BeaconsCommandableHttpClientV1(), reactor)
            client.configure(ConfigParams.from_tuples(
                "connection.uri", self.base, "credential.username", "reader", "credential.password", "reader-pw"))
            await client.open(None)
            self.addCleanup(client.close, None)
            page = await client.get_beacons("c3", None, None)
            self.assertEqual(page.data, [])
            error = await self.assertFailure(ensureDeferred(client.create_beacon("c4", BEACON)), ForbiddenException)
            self.assertEqual((error.status, error.correlation_id), (403, "c4"))
        return ensureDeferred(scenario())

    def test_clients_send_bearer_tokens(self) -> Any:
        async def scenario() -> None:
            from examples.beacons.clients import BeaconsCommandableHttpClientV1

            await self.start(JWT_AUTHORIZER)
            token = jwt_header(["admin"])[len("Bearer "):]
            client = with_reactor(BeaconsCommandableHttpClientV1(), reactor)
            client.configure(ConfigParams.from_tuples("connection.uri", self.base, "credential.token", token))
            await client.open(None)
            self.addCleanup(client.close, None)
            created = await client.create_beacon("c5", BEACON)
            self.assertEqual(created["id"], "1")
        return ensureDeferred(scenario())
