"""In-process tests for the pipsvc twistd plugin: options, plugin discovery, early exits."""

from __future__ import annotations

import gc
import io
import os
import sys
from typing import Any

from twisted.application.service import IServiceMaker, Service
from twisted.internet.testing import MemoryReactor
from twisted.plugin import IPlugin, getPlugins
from twisted.python import usage
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.container import Options, PipsvcServiceMaker, _twistd, make_service


class OptionsTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.patch(os, "environ", {"FROM_ENV": "env", "B": "env-b"})

    def parse(self, *args: str) -> Options:
        options = Options()
        options.parseOptions(list(args))
        return options

    def test_parameters(self) -> None:
        options = self.parse("-c", "c.yml", "-p", "A=1", "--param", "B=2;C=3", "-p", "A=4")
        self.assertEqual(options["config"], "c.yml")
        self.assertEqual(options["params"], ["A=1", "B=2;C=3", "A=4"])
        self.assertEqual(options.parameters, {"A": "4", "B": "env-b", "C": "3", "FROM_ENV": "env"})

    def test_defaults(self) -> None:
        options = self.parse("--config", "c.yml")
        self.assertEqual((options["log-format"], options["phase-timeout"]), ("text", 30.0))
        self.assertFalse(options["check"])
        self.assertFalse(options["show-config"])
        self.assertFalse(options["debug"])
        self.assertEqual(self.parse("-c", "c.yml", "--phase-timeout", "2.5")["phase-timeout"], 2.5)

    def test_config_is_required(self) -> None:
        error = self.assertRaises(usage.UsageError, self.parse)
        self.assertIn("-c config.yml", str(error))

    def test_bad_parameter(self) -> None:
        error = self.assertRaises(usage.UsageError, self.parse, "-c", "c.yml", "-p", "novalue")
        self.assertIn("KEY=VALUE", str(error))

    def test_bad_log_format(self) -> None:
        self.assertRaises(usage.UsageError, self.parse, "-c", "c.yml", "--log-format", "xml")
        self.assertEqual(self.parse("-c", "c.yml", "--log-format", "json")["log-format"], "json")

    def test_help_documents_every_option(self) -> None:
        text = str(Options())
        for option in ("--config", "--param", "--check", "--show-config", "--log-format", "--phase-timeout",
                       "--debug", "-c,", "-p,"):
            self.assertIn(option, text)
        self.assertIn("closed in reverse", text)


class PluginTests(SynchronousTestCase):
    def test_discovered_by_twistd(self) -> None:
        makers = [maker for maker in getPlugins(IServiceMaker) if maker.tapname == "pipsvc"]
        self.assertEqual(len(makers), 1)
        self.assertIsInstance(makers[0], PipsvcServiceMaker)
        self.assertTrue(verifyObject(IServiceMaker, makers[0]))
        self.assertTrue(verifyObject(IPlugin, makers[0]))
        self.assertIs(makers[0].options, Options)


class CollectorPauseTests(SynchronousTestCase):
    """twistd's makeService builds the service with the garbage collector paused until the reactor runs."""

    def setUp(self) -> None:
        self.addCleanup(gc.enable)
        self.addCleanup(gc.unfreeze)
        self.reactor = MemoryReactor()
        self.enabled_while_built: list[bool] = []

    def fake_make_service(self, options: Options) -> Any:
        self.enabled_while_built.append(gc.isenabled())
        service = Service()
        service.reactor = self.reactor  # type: ignore[attr-defined]
        return service

    def test_paused_while_built_resumed_when_the_reactor_runs(self) -> None:
        self.patch(_twistd, "make_service", self.fake_make_service)
        PipsvcServiceMaker().makeService(Options())
        self.assertEqual(self.enabled_while_built, [False])
        self.assertFalse(gc.isenabled())
        self.reactor.run()
        self.assertTrue(gc.isenabled())

    def test_resumed_when_building_fails(self) -> None:
        def failing(options: Options) -> Any:
            self.enabled_while_built.append(gc.isenabled())
            raise SystemExit("pipsvc: error: bad config")

        self.patch(_twistd, "make_service", failing)
        self.assertRaises(SystemExit, PipsvcServiceMaker().makeService, Options())
        self.assertEqual(self.enabled_while_built, [False])
        self.assertTrue(gc.isenabled())

    def test_a_collector_disabled_before_stays_disabled(self) -> None:
        self.patch(_twistd, "make_service", self.fake_make_service)
        gc.disable()
        PipsvcServiceMaker().makeService(Options())
        self.reactor.run()
        self.assertFalse(gc.isenabled())


class MakeServiceTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.directory = os.path.abspath(self.mktemp())
        os.makedirs(self.directory)
        self.out = io.StringIO()
        self.patch(sys, "stdout", self.out)
        self.patch(sys, "path", list(sys.path))
        self.patch(os, "environ", {"B": "env-b"})

    def write(self, text: str) -> str:
        path = os.path.join(self.directory, "config.yml")
        with open(path, "w") as f:
            f.write(text)
        return path

    def run_maker(self, *args: str) -> SystemExit:
        options = Options()
        options.parseOptions(list(args))
        return self.assertRaises(SystemExit, make_service, options)

    def test_show_config(self) -> None:
        path = self.write("- a: {{A}}\n{{#if B}}\n  b: {{B}}\n{{/if}}\n")
        exit = self.run_maker("-c", path, "--show-config", "-p", "A=pa", "-p", "B=pb")
        self.assertEqual(exit.code, 0)
        self.assertEqual(self.out.getvalue(), "- a: pa\n  b: env-b\n")

    def test_show_config_errors(self) -> None:
        exit = self.run_maker("-c", os.path.join(self.directory, "missing.yml"), "--show-config")
        self.assertIn("missing.yml: cannot read the config file", str(exit.code))
        exit = self.run_maker("-c", self.write("{{#if X}}\n"), "--show-config")
        self.assertIn("config.yml, line 1", str(exit.code))

    def test_check(self) -> None:
        path = self.write(
            "- descriptor: pip-services:context-info:default:default:1.0\n"
            "- descriptor: pip-services:logger:null:default:1.0\n"
        )
        exit = self.run_maker("-c", path, "--check")
        self.assertEqual(exit.code, 0)
        self.assertEqual(self.out.getvalue(), f"pipsvc: {path}: 2 components built, configured and referenced\n")

    def test_errors_are_one_line(self) -> None:
        for text, expected in (
            ("- descriptor: a:b:c:d:1.0\n  x: [1\n", "invalid YAML"),
            ("- descriptor: no:such:factory:here:1.0\n", "entry 1 (descriptor 'no:such:factory:here:1.0')"),
            ("- type: Nope,no_such_module_for_twistd_tests\n", "entry 1 (type 'Nope,no_such_module_for_twistd_tests')"),
            ("- name: x\n", "entry 1: has neither"),
        ):
            exit = self.run_maker("-c", self.write(text))
            message = str(exit.code)
            self.assertTrue(message.startswith(f"pipsvc: error: {self.directory}"), message)
            self.assertIn(expected, message)
            self.assertNotIn("\n", message)

    def test_missing_file(self) -> None:
        path = os.path.join(self.directory, "missing.yml")
        message = str(self.run_maker("-c", path).code)
        self.assertEqual(message, f"pipsvc: error: {path}: cannot read the config file: No such file or directory")

    def test_working_directory_is_importable(self) -> None:
        self.patch(os, "getcwd", lambda: self.directory)
        with open(os.path.join(self.directory, "pipsvc_cwd_module.py"), "w") as f:
            f.write("class Thing:\n    pass\n")
        self.addCleanup(sys.modules.pop, "pipsvc_cwd_module", None)
        path = self.write("- type: Thing,pipsvc_cwd_module\n")
        self.assertEqual(self.run_maker("-c", path, "--check").code, 0)
        self.assertIn(self.directory, sys.path)
