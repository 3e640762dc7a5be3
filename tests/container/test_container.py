"""Tests for Container: build order, references, opening in order, closing in reverse."""

from __future__ import annotations

import io
import os
import sys
from typing import Any

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import CONTAINER_DESCRIPTOR, Container
from pipservices_tx.errors import (
    ApplicationException,
    ConfigException,
    FileException,
    InvalidStateException,
    ReferenceException,
)
from pipservices_tx.info import ContextInfo
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import LOGGER_LOCATOR, ConsoleLogger
from pipservices_tx.refer import Descriptor

from . import _components
from ._components import MemoryLogger, Recorder, TypeComponent, recorder_factory

LOGGER = {"descriptor": "test:logger:memory:default:1.0"}


def _recorder(kind: str, name: str, **config: Any) -> dict[str, Any]:
    return {"descriptor": f"test:recorder:{kind}:{name}:1.0", **config}


class _ContainerTestCase(SynchronousTestCase):
    def setUp(self) -> None:
        self.journal: list[str] = []
        self.clock = Clock()

    def container(self, *entries: dict[str, Any], phase_timeout: float = 30.0) -> Container:
        container = Container(
            "test-container", factories=[recorder_factory(self.journal, self.clock)],
            reactor=self.clock, phase_timeout=phase_timeout,
        )
        container.configure(ConfigParams.from_value(list(entries)), "test.yml")
        return container

    def logger_of(self, container: Container) -> MemoryLogger:
        logger = container.references.get_one_required(Descriptor("test", "logger", "memory", None, None))
        assert isinstance(logger, MemoryLogger)
        return logger


class LifecycleTests(_ContainerTestCase):
    def test_interface(self) -> None:
        self.assertTrue(verifyObject(IOpenable, Container()))

    def test_order_with_plain_components(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a"), _recorder("plain", "b"), _recorder("plain", "c"))
        self.assertFalse(container.is_open())
        self.successResultOf(container.open("c1"))
        self.assertTrue(container.is_open())
        self.assertEqual(self.journal, [
            "configure a", "configure b", "configure c",
            "set_references a", "set_references b", "set_references c",
            "open a", "open b", "open c",
        ])
        del self.journal[:]
        self.successResultOf(container.close("c1"))
        self.assertFalse(container.is_open())
        self.assertEqual(self.journal, [
            "close c", "close b", "close a",
            "unset_references c", "unset_references b", "unset_references a",
        ])
        self.assertEqual(self.logger_of(container).messages, ["Container test-container started",
                                                              "Container test-container stopped"])

    def test_order_with_deferred_and_async_components(self) -> None:
        container = self.container(
            LOGGER, _recorder("deferred", "a"), _recorder("async", "b"), _recorder("plain", "c"),
            _recorder("async", "d"),
        )
        opened = container.open(None)
        self.assertNoResult(opened)
        self.assertNotIn("open b", self.journal)
        self.clock.advance(1)
        self.assertIn("open a", self.journal)
        self.assertNotIn("open b", self.journal)
        self.clock.advance(1)
        self.clock.advance(1)
        self.successResultOf(opened)
        self.assertEqual([line for line in self.journal if line.startswith("open")],
                         ["open a", "open b", "open c", "open d"])
        closed = container.close(None)
        self.assertNoResult(closed)
        for _ in range(3):
            self.clock.advance(1)
        self.successResultOf(closed)
        self.assertEqual([line for line in self.journal if line.startswith("close")],
                         ["close d", "close c", "close b", "close a"])

    def test_components_see_each_other(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a", require="test:recorder:*:b:1.0"),
                                   _recorder("plain", "b"))
        self.successResultOf(container.open(None))
        a = container.components[1]
        assert isinstance(a, Recorder)
        assert a.references is not None
        self.assertIs(a.references.get_one_required(Descriptor.parse("test:recorder:plain:b:1.0")),
                      container.components[2])
        self.assertIs(a.references.get_one_required(CONTAINER_DESCRIPTOR), container)
        self.assertEqual(a.config, {"descriptor": "test:recorder:plain:a:1.0", "require": "test:recorder:*:b:1.0"})

    def test_open_twice(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a"))
        self.successResultOf(container.open(None))
        self.successResultOf(container.open(None))
        self.assertEqual(self.journal.count("open a"), 1)

    def test_close_without_open(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a"))
        self.successResultOf(container.close(None))
        self.assertEqual(self.journal, [])

    def test_build_once(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a"))
        container.build()
        container.build()
        self.assertEqual(self.journal.count("configure a"), 1)


class FailureTests(_ContainerTestCase):
    def test_failed_open_closes_what_was_opened(self) -> None:
        container = self.container(
            LOGGER, _recorder("plain", "a"), _recorder("async", "b"), _recorder("plain", "c", fail_open=True),
            _recorder("plain", "d"),
        )
        opened = container.open("c9")
        self.clock.advance(1)
        self.assertEqual(self.journal[-4:], ["open a", "open b", "fail open c", "close c"])
        self.assertNoResult(opened)
        self.clock.advance(1)
        error = self.failureResultOf(opened, ApplicationException).value
        self.assertIn("test.yml, entry 4 (descriptor 'test:recorder:plain:c:1.0')", error.message)
        self.assertIn("failed to open", error.message)
        self.assertIn("c cannot connect", error.message)
        self.assertIsInstance(error.__cause__, ConnectionError)
        self.assertEqual(self.journal[-6:], ["open a", "open b", "fail open c", "close c", "close b", "close a"])
        self.assertNotIn("open d", self.journal)
        self.assertFalse(container.is_open())
        logger = self.logger_of(container)
        self.assertIn("Container test-container failed to start", logger.messages)
        self.assertNotIn("Container test-container started", logger.messages)

    def test_stuck_open_is_named_after_the_phase_timeout(self) -> None:
        container = self.container(
            LOGGER, _recorder("plain", "a"), _recorder("deferred", "stuck", hang_open=True), phase_timeout=5,
        )
        opened = container.open(None)
        self.clock.advance(4.9)
        self.assertNoResult(opened)
        self.clock.advance(0.1)
        self.assertIn("cancelled stuck", self.journal)
        # The stuck component is closed too (it may hold half-open resources);
        # its close takes one clock second.
        self.clock.advance(1)
        error = self.failureResultOf(opened, InvalidStateException).value
        self.assertEqual(error.code, "TIMEOUT")
        self.assertIn("test.yml, entry 3 (descriptor 'test:recorder:deferred:stuck:1.0')", error.message)
        self.assertIn("did not open within 5 s", error.message)
        self.assertEqual(self.journal[-2:], ["close stuck", "close a"])

    def test_stuck_async_open(self) -> None:
        container = self.container(LOGGER, _recorder("async", "stuck", hang_open=True), phase_timeout=2)
        opened = container.open(None)
        self.clock.advance(2)
        self.clock.advance(1)
        error = self.failureResultOf(opened, InvalidStateException).value
        self.assertIn("entry 2 (descriptor 'test:recorder:async:stuck:1.0'): did not open within 2 s", error.message)

    def test_stuck_close_is_named(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a"), _recorder("deferred", "slow"), phase_timeout=1.5)
        opened = container.open(None)
        self.clock.advance(1)
        self.successResultOf(opened)
        slow = container.components[2]
        assert isinstance(slow, Recorder)
        self.patch(slow, "close", lambda correlation_id: slow._hang())
        slow.config = ConfigParams({"hang_open": "true"})
        closed = container.close(None)
        self.clock.advance(1.5)
        error = self.failureResultOf(closed, InvalidStateException).value
        self.assertEqual(error.code, "TIMEOUT")
        self.assertIn("entry 3 (descriptor 'test:recorder:deferred:slow:1.0'): did not close within 1.5 s",
                      error.message)
        self.assertEqual(self.journal[-4:-2], ["cancelled slow", "close a"])

    def test_close_continues_past_a_failing_component(self) -> None:
        container = self.container(
            LOGGER, _recorder("plain", "a"), _recorder("plain", "b", fail_close=True), _recorder("plain", "c"),
        )
        self.successResultOf(container.open(None))
        error = self.failureResultOf(container.close(None), ApplicationException).value
        self.assertIn("entry 3 (descriptor 'test:recorder:plain:b:1.0'): failed to close", error.message)
        self.assertIn("b cannot close", error.message)
        self.assertEqual([line for line in self.journal if "close" in line], ["close c", "fail close b", "close a"])
        self.assertIn("Container test-container stopped", self.logger_of(container).messages)
        self.assertFalse(container.is_open())

    def test_close_while_opening_cancels(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a"), _recorder("plain", "stuck", hang_open=True))
        opened = container.open(None)
        closed = container.close(None)
        self.successResultOf(closed)
        error = self.failureResultOf(opened, ApplicationException).value
        self.assertIn("stuck", error.message)
        self.assertIn("cancelled", error.message)
        self.assertIn("close a", self.journal)
        self.assertFalse(container.is_open())

    def test_configure_failure_names_the_entry(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a"), _recorder("plain", "b", fail_configure=True))
        error = self.failureResultOf(container.open(None), ApplicationException).value
        self.assertIn("test.yml, entry 3 (descriptor 'test:recorder:plain:b:1.0'): cannot configure", error.message)
        self.assertIn("ValueError: b does not like its config", error.message)
        self.assertNotIn("open a", self.journal)

    def test_missing_required_reference(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a", require="test:database:*:*:1.0"))
        error = self.assertRaises(ReferenceException, container.build)
        self.assertIn("test.yml, entry 2 (descriptor 'test:recorder:plain:a:1.0'): cannot set references",
                      error.message)
        self.assertIn("test:database:*:*:1.0", error.message)

    def test_unknown_descriptor(self) -> None:
        container = self.container(LOGGER, {"descriptor": "nobody:makes:this:default:1.0"})
        error = self.assertRaises(ConfigException, container.build)
        self.assertEqual(error.code, "UNKNOWN_DESCRIPTOR")
        self.assertIn("test.yml, entry 2 (descriptor 'nobody:makes:this:default:1.0')", error.message)
        self.assertIn("no factory creates this descriptor", error.message)

    def test_type_that_does_not_import(self) -> None:
        container = self.container(LOGGER, {"type": "Nothing,no_such_module_for_container_tests"})
        error = self.assertRaises(ConfigException, container.build)
        self.assertIn("test.yml, entry 2 (type 'Nothing,no_such_module_for_container_tests')", error.message)
        self.assertIn("no_such_module_for_container_tests", error.message)

    def test_type_that_needs_arguments(self) -> None:
        container = self.container(LOGGER, {"type": "NeedsArguments,tests.container._components"})
        error = self.assertRaises(ConfigException, container.build)
        self.assertIn("entry 2 (type 'NeedsArguments,tests.container._components'): cannot create", error.message)
        self.assertIn("NeedsArguments()", error.message)


class ConfigEntryTests(_ContainerTestCase):
    def setUp(self) -> None:
        super().setUp()
        del _components.TYPE_JOURNAL[:]

    def test_type_entries(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a"), {"type": "TypeComponent,tests.container._components"},
                                   {"type": "tests.container._components.TypeComponent"})
        self.successResultOf(container.open(None))
        self.assertIsInstance(container.components[2], TypeComponent)
        self.assertEqual(_components.TYPE_JOURNAL, ["open TypeComponent", "open TypeComponent"])
        self.successResultOf(container.close(None))
        self.assertEqual(_components.TYPE_JOURNAL[2:], ["close TypeComponent", "close TypeComponent"])
        self.assertEqual(self.journal[-2:], ["close a", "unset_references a"])

    def test_factory_in_config_serves_later_entries(self) -> None:
        container = self.container(
            LOGGER, {"type": "WidgetFactory,tests.container._components"}, {"descriptor": "test:widget:default:w:1.0"},
        )
        self.successResultOf(container.open(None))
        self.assertIsInstance(container.components[2], TypeComponent)
        self.assertEqual(_components.TYPE_JOURNAL, ["open TypeComponent"])

    def test_factory_after_its_entry_is_too_late(self) -> None:
        container = self.container(
            LOGGER, {"descriptor": "test:widget:default:w:1.0"}, {"type": "WidgetFactory,tests.container._components"},
        )
        error = self.assertRaises(ConfigException, container.build)
        self.assertIn("entry 2 (descriptor 'test:widget:default:w:1.0')", error.message)

    def test_context_info_name(self) -> None:
        container = self.container(
            LOGGER, {"descriptor": "pip-services:context-info:default:default:1.0", "name": "beacons",
                     "properties.region": "eu"},
        )
        self.successResultOf(container.open(None))
        self.assertEqual(container.info.name, "beacons")
        self.assertEqual(container.info.properties, {"region": "eu"})
        logger = self.logger_of(container)
        self.assertEqual(logger.messages, ["Container beacons started"])
        self.assertEqual(logger.source, "beacons")
        self.successResultOf(container.close(None))
        self.assertEqual(logger.messages[-1], "Container beacons stopped")

    def test_default_context_info(self) -> None:
        container = self.container(LOGGER)
        container.build()
        info = container.references.get_one_required(Descriptor("pip-services", "context-info", None, None, None))
        self.assertIsInstance(info, ContextInfo)
        self.assertEqual(info.name, "test-container")

    def test_default_console_logger(self) -> None:
        out = io.StringIO()
        self.patch(sys, "stdout", out)
        container = self.container(_recorder("plain", "a"))
        self.successResultOf(container.open(None))
        loggers = container.references.get_optional(LOGGER_LOCATOR)
        self.assertEqual([type(logger) for logger in loggers], [ConsoleLogger])
        self.assertRegex(out.getvalue(), r"\[---:INFO:[^\]]+\] Container test-container started\n")
        self.successResultOf(container.close(None))
        self.assertIn("Container test-container stopped", out.getvalue())

    def test_no_default_logger_when_one_is_configured(self) -> None:
        container = self.container(LOGGER, _recorder("plain", "a"))
        container.build()
        self.assertEqual([type(logger) for logger in container.references.get_optional(LOGGER_LOCATOR)],
                         [MemoryLogger])

    def test_read_config_from_file(self) -> None:
        directory = os.path.abspath(self.mktemp())
        os.makedirs(directory)
        path = os.path.join(directory, "config.yml")
        with open(path, "w") as f:
            f.write("- descriptor: test:logger:memory:default:1.0\n"
                    "- descriptor: test:recorder:plain:{{NAME}}:1.0\n")
        container = Container(factories=[recorder_factory(self.journal, self.clock)], reactor=self.clock)
        container.read_config_from_file(path, ConfigParams({"NAME": "from-file"}))
        self.successResultOf(container.open(None))
        self.assertIn("open from-file", self.journal)
        self.assertEqual(container.source, path)
        missing = Container()
        self.assertRaises(FileException, missing.read_config_from_file, path + ".missing")

    def test_add_factory(self) -> None:
        container = Container(reactor=self.clock)
        container.add_factory(recorder_factory(self.journal, self.clock))
        container.configure(ConfigParams.from_value([LOGGER, _recorder("plain", "x")]))
        self.successResultOf(container.open(None))
        self.assertEqual(self.journal[-1], "open x")
