"""Wrong config values and undeclared interfaces are reported with the file, the entry and the key."""

from __future__ import annotations

import io
import os
import sys
from typing import Any, Optional

from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.container import Container, Options, make_service
from pipservices_tx.errors import ConfigException
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import ConsoleLogger


class Undeclared:
    """Has lifecycle methods, declares nothing: the container would never call them."""

    def configure(self, config: ConfigParams) -> None:
        self.config = config

    def open(self, correlation_id: Optional[str]) -> None:
        self.opened = True


@implementer(IConfigurable, IOpenable)
class Declared(Undeclared):
    def close(self, correlation_id: Optional[str]) -> None:
        self.opened = False

    def is_open(self) -> bool:
        return getattr(self, "opened", False)


MODULE = __name__

BAD_CONFIGS = (
    ("- descriptor: pip-services:endpoint:http:default:1.0\n  connection:\n    port: 80a\n",
     "entry 1 (descriptor 'pip-services:endpoint:http:default:1.0'): invalid config: "
     "connection.port: '80a' is not an integer"),
    ("- descriptor: pip-services:logger:console:default:1.0\n  level: loud\n",
     "entry 1 (descriptor 'pip-services:logger:console:default:1.0'): cannot configure: "
     "level: 'loud' is not a log level"),
    ("- descriptor: pip-services:logger:null:default:1.0\n"
     "- descriptor: pip-services:cache:memory:default:1.0\n  options:\n    timeout: -5\n",
     "entry 2 (descriptor 'pip-services:cache:memory:default:1.0'): invalid config: "
     "options.timeout: '-5' is not a number >= 0"),
    (f"- type: Undeclared,{MODULE}\n",
     f"entry 1 (type 'Undeclared,{MODULE}'): cannot use: Undeclared has configure(), open() but does not "
     "declare IConfigurable, IOpenable; add @implementer(IConfigurable, IOpenable) to Undeclared"),
)


class MakeServiceReportsTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.directory = os.path.abspath(self.mktemp())
        os.makedirs(self.directory)
        self.patch(sys, "stdout", io.StringIO())
        self.patch(os, "environ", {})

    def run_maker(self, text: str, *flags: str) -> str:
        path = os.path.join(self.directory, "config.yml")
        with open(path, "w") as f:
            f.write(text)
        options = Options()
        options.parseOptions(["-c", path, *flags])
        exit = self.assertRaises(SystemExit, make_service, options)
        return str(exit.code)

    def test_check_and_start_report_one_line(self) -> None:
        path = os.path.join(self.directory, "config.yml")
        for text, expected in BAD_CONFIGS:
            for flags in (("--check",), ()):
                message = self.run_maker(text, *flags)
                self.assertTrue(message.startswith(f"pipsvc: error: {path}, {expected}"), message)
                self.assertNotIn("\n", message)


class ContainerChecksTests(SynchronousTestCase):
    def build(self, text: str) -> Container:
        path = os.path.join(self.mktemp() + ".yml")
        with open(path, "w") as f:
            f.write(text)
        container = Container()
        container.read_config_from_file(path)
        container.build()
        return container

    def test_declared_class_is_used(self) -> None:
        container = self.build(f"- type: Declared,{MODULE}\n  x: 1\n")
        component: Any = container.components[0]
        self.assertEqual(component.config.get("x"), "1")

    def test_the_error_keeps_its_key(self) -> None:
        error = self.assertRaises(ConfigException, self.build,
                                  "- descriptor: pip-services:logger:console:default:1.0\n  level: loud\n")
        self.assertEqual((error.code, error.details["key"]), ("BAD_VALUE", "level"))

    def test_container_info_is_the_context_info(self) -> None:
        container = self.build(
            "- descriptor: pip-services:container-info:default:default:1.0\n  name: old-style\n"
            "- descriptor: pip-services:logger:console:default:1.0\n"
        )
        self.assertEqual(container.info.name, "old-style")
        self.assertIs(container.references.get_one_required(CONTEXT_INFO_DESCRIPTOR), container.info)
        logger = container.components[1]
        self.assertIsInstance(logger, ConsoleLogger)
        self.assertEqual(logger.source, "old-style")
