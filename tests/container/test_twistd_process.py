"""
The pipsvc plugin under a real twistd process: order of open and close on
SIGTERM/SIGINT, one clear line for each bad input, --check, --show-config,
--help, JSON logs and -l.
"""

from __future__ import annotations

import json
import os
from typing import Any, Optional

from twisted.internet.defer import inlineCallbacks
from twisted.trial.unittest import TestCase

from pipservices_tx.testing import PipsvcProcess

from ..support import pipsvc

SECONDS = 10

COMPONENTS = '''
from zope.interface import implementer

from pipservices_tx.config import IConfigurable
from pipservices_tx.logs import CompositeLogger
from pipservices_tx.refer import Descriptor, IReferenceable
from pipservices_tx.lifecycle import IOpenable


@implementer(IConfigurable, IReferenceable, IOpenable)
class First:
    label = "first"

    def __init__(self):
        self.logger = CompositeLogger(component=self.label)
        self.opened = False

    def configure(self, config):
        pass

    def set_references(self, references):
        self.logger.set_references(references)

    def is_open(self):
        return self.opened

    def open(self, correlation_id):
        self.logger.info(correlation_id, "opening %s", self.label)
        self.opened = True

    def close(self, correlation_id):
        self.logger.info(correlation_id, "closing %s", self.label)
        self.opened = False


class Second(First):
    label = "second"

    async def open(self, correlation_id):
        from twisted.internet import reactor, task

        await task.deferLater(reactor, 0.05, lambda: None)
        First.open(self, correlation_id)

    def close(self, correlation_id):
        from twisted.internet import reactor, task

        return task.deferLater(reactor, 0.05, First.close, self, correlation_id)


@implementer(IReferenceable)
class NeedsDatabase:
    def set_references(self, references):
        references.get_one_required(Descriptor("my", "database", "*", "*", "1.0"))


class FailsToOpen(First):
    label = "fails"

    def open(self, correlation_id):
        raise ConnectionError("database refused the connection")
'''

GOOD_CONFIG = """\
- descriptor: "pip-services:context-info:default:default:1.0"
  name: twin
- type: "First,pipsvc_test_components"
- type: "Second,pipsvc_test_components"
"""


class _TwistdTestCase(TestCase):
    """A directory with the components module and config.yml; C{spawn} runs pipsvc there."""

    timeout = 30

    def setUp(self) -> None:
        self.directory = os.path.abspath(self.mktemp())
        os.makedirs(self.directory)
        self.write("pipsvc_test_components.py", COMPONENTS)
        self.write("config.yml", GOOD_CONFIG)

    def write(self, name: str, text: str) -> str:
        path = os.path.join(self.directory, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def spawn(self, *args: str, twistd_args: tuple[str, ...] = (), env: Optional[dict[str, str]] = None) -> PipsvcProcess:
        return pipsvc(*args, twistd_arguments=twistd_args, env=env, directory=self.directory,
                      timeout=SECONDS).start(self)


class RunTests(_TwistdTestCase):
    @inlineCallbacks
    def _stops_gracefully_on(self, signal_name: str) -> Any:
        twistd = self.spawn("-c", "config.yml")
        yield twistd.wait_for("Container twin started")
        twistd.signal(signal_name)
        code = yield twistd.exited()
        self.assertEqual(code, 0, twistd.text)
        messages = [line.split("] ", 1)[1] for line in twistd.out.decode().splitlines() if "] " in line]
        ours = [m for m in messages if m.startswith(("opening", "closing", "Container"))]
        self.assertEqual(ours, [
            "opening first", "opening second", "Container twin started",
            "closing second", "closing first", "Container twin stopped",
        ], twistd.text)
        self.assertEqual(twistd.error_lines, [])

    def test_sigterm(self) -> Any:
        return self._stops_gracefully_on("TERM")

    def test_sigint(self) -> Any:
        return self._stops_gracefully_on("INT")

    @inlineCallbacks
    def test_json_log_format(self) -> Any:
        twistd = self.spawn("-c", "config.yml", "--log-format", "json")
        yield twistd.wait_for("Container twin started")
        twistd.signal("TERM")
        self.assertEqual((yield twistd.exited()), 0, twistd.text)
        lines = [json.loads(line) for line in twistd.out.decode().splitlines() if line.strip()]
        self.assertNotIn(b"\x1e", twistd.out)
        started = [line for line in lines if line["message"] == "Container twin started"]
        self.assertEqual(len(started), 1, twistd.text)
        self.assertEqual((started[0]["level"], started[0]["component"], started[0]["source"]),
                         ("INFO", "container", "twin"))
        opening = [line for line in lines if line["message"] == "opening first"]
        self.assertEqual(opening[0]["component"], "first")

    @inlineCallbacks
    def test_log_file(self) -> Any:
        log = os.path.join(self.directory, "logs", "pipsvc.log")
        os.makedirs(os.path.dirname(log))
        twistd = self.spawn("-c", "config.yml", twistd_args=("-l", log))
        yield twistd.wait_for("Container twin started", file=log)
        twistd.signal("TERM")
        self.assertEqual((yield twistd.exited()), 0, twistd.text)
        with open(log) as f:
            text = f.read()
        self.assertRegex(text, r"\[---:INFO:[^\]]+\] Container twin started\n")
        self.assertIn("Container twin stopped", text)
        self.assertNotIn(b"Container twin", twistd.out)

    @inlineCallbacks
    def test_check_opens_nothing(self) -> Any:
        twistd = self.spawn("-c", "config.yml", "--check")
        self.assertEqual((yield twistd.exited()), 0, twistd.text)
        self.assertEqual(twistd.out.decode(), "pipsvc: config.yml: 3 components built, configured and referenced\n")
        self.assertNotIn(b"opening", twistd.out)

    @inlineCallbacks
    def test_show_config(self) -> Any:
        self.write("template.yml", "- name: {{NAME}}\n{{#if PORT}}\n  port: {{PORT}}\n{{/if}}\n")
        twistd = self.spawn("-c", "template.yml", "--show-config", "-p", "NAME=p-name", "-p", "PORT=1",
                            env={"PORT": "2"})
        self.assertEqual((yield twistd.exited()), 0, twistd.text)
        self.assertEqual(twistd.out.decode(), "- name: p-name\n  port: 2\n")

    @inlineCallbacks
    def test_help(self) -> Any:
        twistd = self.spawn("--help")
        self.assertEqual((yield twistd.exited()), 0, twistd.text)
        text = twistd.out.decode()
        for option in ("--config=", "--param=", "--check", "--show-config", "--log-format=", "--phase-timeout=",
                       "--debug"):
            self.assertIn(option, text)


class BadInputTests(_TwistdTestCase):
    @inlineCallbacks
    def _fails(self, config: str, *expected: str, args: tuple[str, ...] = ()) -> Any:
        twistd = self.spawn("-c", config, *args)
        code = yield twistd.exited()
        self.assertNotIn(code, (0, None), twistd.text)
        self.assertEqual(len(twistd.error_lines), 1, twistd.text)
        [line] = twistd.error_lines
        self.assertTrue(line.startswith("pipsvc: error: "), line)
        for text in expected:
            self.assertIn(text, line)
        self.assertNotIn("Traceback", twistd.text)
        return twistd

    def test_yaml_syntax_error(self) -> Any:
        self.write("bad.yml", "- type: First,pipsvc_test_components\n  tags: [a, b\n- type: x\n")
        return self._fails("bad.yml", "bad.yml, line ", "invalid YAML")

    def test_unknown_descriptor(self) -> Any:
        self.write("bad.yml", GOOD_CONFIG + '- descriptor: "nobody:makes:this:default:1.0"\n')
        return self._fails("bad.yml", "bad.yml, entry 4 (descriptor 'nobody:makes:this:default:1.0')",
                           "no factory creates this descriptor")

    def test_type_that_does_not_import(self) -> Any:
        self.write("bad.yml", '- type: "Thing,no_such_module_anywhere"\n')
        return self._fails("bad.yml", "bad.yml, entry 1 (type 'Thing,no_such_module_anywhere')",
                           "No module named 'no_such_module_anywhere'")

    def test_missing_required_reference(self) -> Any:
        self.write("bad.yml", GOOD_CONFIG + '- type: "NeedsDatabase,pipsvc_test_components"\n')
        return self._fails("bad.yml", "bad.yml, entry 4 (type 'NeedsDatabase,pipsvc_test_components')",
                           "cannot set references", "my:database:*:*:1.0")

    def test_missing_config_file(self) -> Any:
        return self._fails("missing.yml", "missing.yml: cannot read the config file", "No such file")

    @inlineCallbacks
    def test_component_that_fails_to_open(self) -> Any:
        self.write("bad.yml", GOOD_CONFIG + '- type: "FailsToOpen,pipsvc_test_components"\n')
        twistd = yield self._fails("bad.yml", "bad.yml, entry 4 (type 'FailsToOpen,pipsvc_test_components')",
                                   "failed to open", "database refused the connection")
        out = twistd.out.decode()
        # The reactor had started, the others were opened and then closed in reverse.
        self.assertLess(out.index("opening second"), out.index("closing second"))
        self.assertLess(out.index("closing second"), out.index("closing first"))

    @inlineCallbacks
    def test_debug_shows_the_traceback(self) -> Any:
        self.write("bad.yml", '- type: "Thing,no_such_module_anywhere"\n')
        twistd = self.spawn("-c", "bad.yml", "--debug")
        self.assertNotEqual((yield twistd.exited()), 0)
        self.assertIn(b"Traceback", twistd.err)
        self.assertIn(b"pipsvc: error: bad.yml, entry 1", twistd.err)

