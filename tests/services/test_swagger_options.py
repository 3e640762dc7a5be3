"""The swagger options of pip-services3 REST services: name, description, auto, path; others are warned about."""

from __future__ import annotations

import os
from typing import Any

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConfigException, FileException
from pipservices_tx.logs import Logger, LogLevel
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.services import CommandableHttpService

from .helpers import EchoController, StubClient


class _Logger(Logger):
    def __init__(self) -> None:
        super().__init__(LogLevel.TRACE)
        self.lines: list[tuple[LogLevel, str]] = []

    def _write(self, entry: Any) -> None:
        self.lines.append((entry.level, entry.message))


class SwaggerOptionsTests(SynchronousTestCase):
    def service(self, **swagger: Any) -> tuple[CommandableHttpService, _Logger]:
        service = CommandableHttpService("v1/things")
        service.configure(ConfigParams.from_value({"dependencies": {"controller": "test:controller:*:*:1.0"},
                                                   "swagger": swagger}))
        logger = _Logger()
        service.set_references(References.from_tuples(
            Descriptor("test", "controller", "default", "default", "1.0"), EchoController(),
            Descriptor("test", "logger", "memory", "default", "1.0"), logger,
        ))
        return service, logger

    def document(self, service: CommandableHttpService, route: str = "swagger") -> Any:
        status, document = StubClient(self, service.resource()).json("GET", f"/v1/things/{route}?format=json")
        self.assertEqual(status, 200)
        return document

    def test_name_description_and_route(self) -> None:
        service, logger = self.service(enable=True, auto=True, route="api", name="Things Service",
                                       description="Commandable REST API")
        info = self.document(service, "api")["info"]
        self.assertEqual((info["title"], info["description"]), ("Things Service", "Commandable REST API"))
        self.assertEqual([line for line in logger.lines if line[0] <= LogLevel.WARN], [])

    def test_auto_false_serves_the_file(self) -> None:
        path = self.mktemp() + ".yml"
        with open(path, "w") as f:
            f.write("openapi: 3.0.3\ninfo:\n  title: Hand written\n  version: '2'\npaths: {}\n")
        service, _ = self.service(enable=True, auto=False, path=path)
        self.assertEqual(self.document(service)["info"]["title"], "Hand written")

    def test_auto_false_needs_a_readable_file(self) -> None:
        error = self.assertRaises(ConfigException, self.service, enable=True, auto=False)
        self.assertEqual(error.details["key"], "swagger.path")
        missing = os.path.join(self.mktemp(), "nope.yml")
        service, _ = self.service(enable=True, auto=False, path=missing)
        self.assertIn(missing, self.assertRaises(FileException, service.resource).message)
        self.assertRaises(ConfigException, self.service, enable="perhaps")

    def test_unsupported_options_are_warned_about_by_name(self) -> None:
        _, logger = self.service(enable=True, theme="dark", ui={"color": "blue"})
        self.assertEqual(logger.lines, [
            (LogLevel.WARN, "CommandableHttpService: config key swagger.theme is not supported and is ignored"),
            (LogLevel.WARN, "CommandableHttpService: config key swagger.ui is not supported and is ignored"),
        ])
