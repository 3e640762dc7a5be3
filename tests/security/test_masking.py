"""No secret in logs, /status, --show-config or error bodies."""

from __future__ import annotations

import io
import json
import os
import sys
from typing import Any

from twisted.logger import LogLevel as TwistedLogLevel
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.clients import RestClient
from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Options, make_service
from pipservices_tx.errors import ConnectionException
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from pipservices_tx.logs import ConsoleLogger, LogEntry, Logger, LogLevel, PipsLogObserver
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.services import RestService, StatusRestService

from ..services.helpers import StubClient

SECRET = "s3cret"
LOGGER = Descriptor("pip-services", "logger", "memory", "default", "1.0")


class MemoryLogger(Logger):
    def __init__(self) -> None:
        super().__init__(LogLevel.TRACE)
        self.entries: list[LogEntry] = []

    def _write(self, entry: LogEntry) -> None:
        self.entries.append(entry)

    def text(self) -> str:
        return "\n".join(entry.console_line() + "\n" + entry.json_line() for entry in self.entries)


class LogMaskingTests(SynchronousTestCase):
    def test_messages_and_errors_are_masked(self) -> None:
        logger = MemoryLogger()
        error = ConnectionException(None, "NO_DB", f"Cannot connect to postgres://app:{SECRET}@db:5432/test")
        error.with_cause(f"redis://:{SECRET}@cache:6379 refused")
        logger.info(None, "Connecting to %s", f"mongodb://app:{SECRET}@h1,h2/db?authSource=admin")
        logger.debug(None, "Config: host=db;password=%s;port=5432", SECRET)
        logger.warn(None, "credential: {'username': 'app', 'password': '%s'}", SECRET)
        logger.error(None, error, "Failed with token=%s", SECRET)
        logger.info(None, "Nothing to hide: host=db port=5432")
        text = logger.text()
        self.assertNotIn(SECRET, text)
        self.assertIn("mongodb://app:***@h1,h2/db", text)
        self.assertIn("password=***", text)
        self.assertEqual(logger.entries[-1].message, "Nothing to hide: host=db port=5432")

    def test_console_logger_output(self) -> None:
        stream = io.StringIO()
        self.patch(sys, "stdout", stream)
        logger = ConsoleLogger()
        logger.info(None, "Connected to %s", f"http://user:{SECRET}@127.0.0.1:8080")
        self.assertIn("http://user:***@127.0.0.1:8080", stream.getvalue())
        self.assertNotIn(SECRET, stream.getvalue())

    def test_twisted_events_are_masked(self) -> None:
        stream = io.StringIO()
        observer = PipsLogObserver(stream, "json")
        observer({"log_format": "dsn={dsn}", "dsn": f"postgres://u:{SECRET}@h/db", "log_level": TwistedLogLevel.info,
                  "log_namespace": "library", "log_time": 0.0})
        self.assertIn("postgres://u:***@h/db", stream.getvalue())
        self.assertNotIn(SECRET, stream.getvalue())

    def test_rest_client_logs_no_uri_password(self) -> None:
        logger = MemoryLogger()
        client = RestClient("api")
        client.configure(ConfigParams.from_tuples("connection.uri", f"http://user:{SECRET}@127.0.0.1:1"))
        client.set_references(References.from_tuples(LOGGER, logger))
        self.successResultOf(client.open("c1"))
        self.addCleanup(client.close, None)
        self.assertTrue(any("Connected to" in entry.message for entry in logger.entries))
        self.assertNotIn(SECRET, logger.text())


class StatusMaskingTests(SynchronousTestCase):
    def test_status_properties_are_masked(self) -> None:
        info = ContextInfo("svc")
        info.configure(ConfigParams.from_value({"name": "svc", "properties": {
            "region": "eu", "db_password": SECRET, "api.token": SECRET, "dsn": f"postgres://u:{SECRET}@h/db",
        }}))
        service = StatusRestService()
        service.set_references(References.from_tuples(CONTEXT_INFO_DESCRIPTOR, info))
        status, body = StubClient(self, service.resource()).json("GET", "/status")
        self.assertEqual(status, 200)
        self.assertNotIn(SECRET, json.dumps(body))
        self.assertEqual(body["properties"], {"region": "eu", "db_password": "***", "api.token": "***",
                                              "dsn": "postgres://u:***@h/db"})


class LeakyService(RestService):
    def register(self) -> None:
        self.register_route("GET", "/leak", self.leak)

    def leak(self, request: Any) -> Any:
        error = ConnectionException(None, "NO_DB", f"Cannot reach postgres://app:{SECRET}@db/test")
        error.with_details("uri", f"postgres://app:{SECRET}@db/test").with_details("password", SECRET)
        raise error.with_cause(f"auth failed for password={SECRET}")


class ErrorBodyMaskingTests(SynchronousTestCase):
    def test_error_bodies_are_masked_with_and_without_debug(self) -> None:
        for debug in (False, True):
            service = LeakyService()
            service.configure(ConfigParams.from_tuples("options.debug", debug))
            service.set_references(References.from_tuples(LOGGER, MemoryLogger()))
            response, body = StubClient(self, service.resource()).request("GET", "/leak")
            self.assertEqual(response.code, 503)
            self.assertNotIn(SECRET.encode(), body)
            decoded = json.loads(body)
            self.assertEqual(decoded["details"], {"uri": "postgres://app:***@db/test", "password": "***"})
            self.assertEqual(decoded["stack_trace"] is not None, debug)


class ShowConfigMaskingTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.directory = os.path.abspath(self.mktemp())
        os.makedirs(self.directory)
        self.out = io.StringIO()
        self.patch(sys, "stdout", self.out)
        self.patch(sys, "path", list(sys.path))
        self.patch(os, "environ", {})

    def test_show_config_masks_every_secret(self) -> None:
        path = os.path.join(self.directory, "config.yml")
        with open(path, "w") as f:
            f.write(
                "- descriptor: \"beacons:persistence:postgres:default:1.0\"\n"
                "  connection:\n"
                f"    uri: postgres://u:{SECRET}@h/db\n"
                "  credential:\n"
                "    username: u\n"
                f"    password: {SECRET}\n"
                "- descriptor: \"pip-services:authorizer:jwt:default:1.0\"\n"
                "  credential:\n"
                "    secret: \"{{JWT_SECRET}}\"\n"
                "- descriptor: \"pip-services:authorizer:basic:default:1.0\"\n"
                "  users:\n"
                "    admin: {password: '{{JWT_SECRET}}', roles: admin}\n"
                f"    reader: {{password_hash: 'pbkdf2_sha256$1000$salt${SECRET}=', roles: user}}\n"
            )
        options = Options()
        options.parseOptions(["-c", path, "--show-config", "-p", f"JWT_SECRET={SECRET}"])
        exit = self.assertRaises(SystemExit, make_service, options)
        self.assertEqual(exit.code, 0)
        output = self.out.getvalue()
        self.assertNotIn(SECRET, output)
        self.assertIn("uri: postgres://u:***@h/db", output)
        self.assertIn("password: ***", output)
        self.assertIn('secret: "***"', output)
        self.assertIn("username: u", output)
