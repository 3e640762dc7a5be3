"""ContainerHarness: building, swapping fakes, the fake reactor, HTTP with no socket."""

from __future__ import annotations

import io
import os
import sys
from typing import Any

from twisted.internet.testing import MemoryReactorClock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import ConfigException, InvalidStateException, ReferenceException
from pipservices_tx.logs import ConsoleLogger
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import HttpEndpoint
from pipservices_tx.testing import ContainerHarness, HarnessReactor

from ._components import AwareProbe, GreeterController, Probe, ToolkitTestFactory

CONFIG = """
    - descriptor: "pip-services:context-info:default:default:1.0"
      name: greeter
    - descriptor: "pip-services:logger:console:default:1.0"
      level: "{{LOG_LEVEL}}{{^LOG_LEVEL}}info{{/LOG_LEVEL}}"
    - descriptor: "pip-services:counters:log:default:1.0"
      options:
        interval: 10000
    - descriptor: "test:probe:default:default:1.0"
      greeting: "{{GREETING}}"
      open_delay: "{{OPEN_DELAY}}"
      hang_open: "{{HANG}}"
    - descriptor: "test:aware:default:default:1.0"
    - descriptor: "test:controller:default:default:1.0"
    - descriptor: "pip-services:endpoint:http:default:1.0"
      connection:
        port: 8080
    - descriptor: "test:service:http:default:1.0"
    - descriptor: "pip-services:status-service:http:default:1.0"
"""

_PROBE = Descriptor("test", "probe", "*", "*", "1.0")


def harness(parameters: Any = None, **kwargs: Any) -> ContainerHarness:
    return ContainerHarness.from_yaml(CONFIG, parameters, factories=[ToolkitTestFactory()], **kwargs)


class LifecycleTests(SynchronousTestCase):
    def test_opens_synchronously_on_the_fake_reactor_and_closes(self) -> None:
        h = harness()
        self.assertIsInstance(h.reactor, HarnessReactor)
        self.assertIsNone(self.successResultOf(h.open()))
        self.assertTrue(h.container.is_open())
        probe = h.get("test:probe:*:*:1.0")
        self.assertEqual(probe.journal, ["configure", "open"])
        self.assertEqual([(port, interface) for port, _, _, interface in h.reactor.tcpServers], [(8080, "0.0.0.0")])
        self.assertEqual(len(h.reactor.listening_ports()), 1)
        self.successResultOf(h.close())
        self.assertEqual(probe.journal, ["configure", "open", "close"])
        self.assertFalse(h.container.is_open())
        self.assertEqual(h.reactor.listening_ports(), [])

    def test_start_opens_now_and_closes_on_cleanup(self) -> None:
        h = harness()
        case = SynchronousTestCase()
        self.assertIs(h.start(case), h)
        probe = h.get("test:probe:*:*:1.0")
        self.assertTrue(probe.opened)
        case.doCleanups()
        self.assertFalse(probe.opened)
        self.assertEqual(h.reactor.listening_ports(), [])

    def test_start_refuses_an_open_that_waits_on_the_clock(self) -> None:
        h = harness({"OPEN_DELAY": 3})
        case = SynchronousTestCase()
        error = self.assertRaises(AssertionError, h.start, case)
        self.assertIn("did not open synchronously", str(error))
        case.doCleanups()
        self.assertFalse(h.container.is_open())
        # closing cancelled the open, and the container logged why
        h.logs.assert_logged("error", "Container greeter failed to start")
        self.assertEqual(len(self.flushLoggedErrors(InvalidStateException)), 1)

    def test_open_waiting_on_the_clock_finishes_when_time_passes(self) -> None:
        h = harness({"OPEN_DELAY": 3})
        d = h.open()
        self.assertNoResult(d)
        h.advance(2.9)
        self.assertNoResult(d)
        h.advance(0.1)
        self.successResultOf(d)
        self.assertTrue(h.get("test:probe:*:*:1.0").opened)
        self.successResultOf(h.close())

    def test_phase_timeout_runs_on_the_harness_clock(self) -> None:
        h = harness({"HANG": "true"}, phase_timeout=5)
        d = h.open()
        h.advance(4.9)
        self.assertNoResult(d)
        h.advance(0.1)
        error = self.failureResultOf(d, InvalidStateException).value
        self.assertEqual(error.code, "TIMEOUT")
        self.assertIn("test:probe:default:default:1.0", error.message)
        self.successResultOf(h.close())
        self.assertEqual(len(self.flushLoggedErrors(InvalidStateException)), 1)

    def test_a_plain_memory_reactor_clock_works_too(self) -> None:
        reactor = MemoryReactorClock()
        h = harness(reactor=reactor).start(self)
        self.assertIs(h.reactor, reactor)
        self.assertIs(h.get("pip-services:endpoint:http:*:1.0").reactor, reactor)
        self.assertEqual(reactor.tcpServers[0][0], 8080)


class ConfigTests(SynchronousTestCase):
    def test_parameters_render_the_template_and_become_strings(self) -> None:
        h = harness({"GREETING": "hi", "OPEN_DELAY": 0}).start(self)
        config = h.get("test:probe:*:*:1.0").config
        self.assertEqual((config.get("greeting"), config.get("open_delay")), ("hi", "0"))

    def test_the_environment_is_not_read(self) -> None:
        self.patch(os, "environ", {**os.environ, "GREETING": "from the environment"})
        h = harness().start(self)
        self.assertEqual(h.get("test:probe:*:*:1.0").config.get("greeting"), "")

    def test_from_file_reads_and_renders_a_file(self) -> None:
        path = self.mktemp()
        with open(path, "w") as f:
            f.write(CONFIG)
        h = ContainerHarness.from_file(path, {"GREETING": "yo"}, factories=[ToolkitTestFactory()]).start(self)
        self.assertEqual(h.get("test:probe:*:*:1.0").config.get("greeting"), "yo")
        self.assertEqual(h.container.source, path)

    def test_a_bad_config_fails_with_the_frameworks_error(self) -> None:
        error = self.assertRaises(ConfigException, ContainerHarness.from_yaml, "- descriptor: 'a:b'\n")
        self.assertEqual(error.code, "BAD_CONFIG")


class ReplaceTests(SynchronousTestCase):
    def test_an_instance_replaces_the_entry_and_gets_its_config(self) -> None:
        fake = Probe()
        h = harness({"GREETING": "hi"}, replace={"test:probe:*:*:1.0": fake}).start(self)
        self.assertEqual(h.references.get_optional(_PROBE), [fake])
        self.assertEqual(fake.config.get("greeting"), "hi")
        self.assertEqual(fake.journal, ["configure", "open"])
        self.assertIs(fake.reactor, h.reactor)

    def test_a_class_is_instantiated(self) -> None:
        h = harness(replace={"test:controller:default:default:1.0": FriendlyController}).start(self)
        self.assertIsInstance(h.get("test:controller:*:*:1.0"), FriendlyController)
        self.assertEqual(self.successResultOf(h.call_command("v1/greeter", "greet", {"name": "Ann"})),
                         (200, {"hello": "Ann", "friendly": True}))

    def test_a_key_that_matches_nothing_is_an_error(self) -> None:
        error = self.assertRaises(ConfigException, harness, replace={"test:probe:mongodb:*:1.0": Probe()})
        self.assertEqual(error.code, "REPLACE_MATCHES_NOTHING")
        self.assertIn("test:probe:mongodb:*:1.0", error.message)
        self.assertIn("test:probe:default:default:1.0", error.message)

    def test_a_type_entry_is_replaced_by_its_type_name(self) -> None:
        config = '- type: "Probe,tests.testing._components"\n  greeting: hey\n'
        fake = Probe()
        h = ContainerHarness.from_yaml(config, replace={"Probe,tests.testing._components": fake}).start(self)
        self.assertEqual(h.container.components[0], fake)
        self.assertEqual(fake.config.get("greeting"), "hey")

    def test_an_entry_with_no_factory_can_be_replaced(self) -> None:
        config = '- descriptor: "nowhere:persistence:mongodb:default:1.0"\n'
        fake = Probe()
        h = ContainerHarness.from_yaml(config, replace={"nowhere:persistence:*:*:*": fake}).start(self)
        self.assertIs(h.get("nowhere:persistence:*:*:*"), fake)


class FriendlyController(GreeterController):
    def _greet(self, correlation_id: Any, args: dict[str, Any]) -> dict[str, Any]:
        return {"hello": args["name"], "friendly": True}


class ReactorTests(SynchronousTestCase):
    def test_every_reactor_aware_component_gets_the_harness_reactor(self) -> None:
        h = harness().build()
        self.assertIs(h.get(_PROBE).reactor, h.reactor)
        self.assertIs(h.get("pip-services:endpoint:http:*:1.0").reactor, h.reactor)
        self.assertIs(h.get("pip-services:counters:log:*:1.0").reactor, h.reactor)
        self.successResultOf(h.close())

    def test_reactor_aware_components_get_it_before_configure(self) -> None:
        h = harness().build()
        aware = h.get("test:aware:*:*:1.0")
        self.assertIsInstance(aware, AwareProbe)
        self.assertIs(aware.reactor, h.reactor)
        self.assertEqual(aware.journal, ["set_reactor", "configure"])
        self.successResultOf(h.close())

    def test_counters_dump_when_the_clock_passes_their_interval(self) -> None:
        h = harness().start(self)
        self.successResultOf(h.call_command("v1/greeter", "greet", {"name": "Ann"}))
        h.advance(9.9)
        h.logs.assert_not_logged("info", "Counter v1/greeter.greet.exec_count")
        h.advance(0.1)
        h.logs.assert_logged("info", 'Counter v1/greeter.greet.exec_count {"type": "Increment", "count": 1}')
        self.assertEqual(h.counter_value("v1/greeter.greet.exec_count"), 1)


class HttpTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.h = harness({"LOG_LEVEL": "trace"}).start(self)

    def test_call_command_with_a_correlation_id(self) -> None:
        reply = self.successResultOf(self.h.call_command("/v1/greeter/", "greet", {"name": "Ann"}, "c-1"))
        self.assertEqual(reply, (200, {"hello": "Ann"}))
        self.assertEqual((reply.status, reply.body), (200, {"hello": "Ann"}))
        self.h.logs.assert_logged("info", "Greeted Ann", correlation_id="c-1", component="greeter")
        self.h.logs.assert_logged("trace", "Executing v1/greeter.greet", correlation_id="c-1")

    def test_no_result_is_204_and_none(self) -> None:
        self.assertEqual(self.successResultOf(self.h.call_command("v1/greeter", "nothing")), (204, None))

    def test_invalid_arguments_are_400(self) -> None:
        status, body = self.successResultOf(self.h.call_command("v1/greeter", "greet", {}))
        self.assertEqual((status, body["code"], body["category"]), (400, "INVALID_DATA", "BadRequest"))

    def test_unknown_route_is_a_json_404(self) -> None:
        status, body = self.successResultOf(self.h.get_json("/nowhere"))
        self.assertEqual((status, body["status"]), (404, 404))

    def test_get_json_status(self) -> None:
        status, body = self.successResultOf(self.h.get_json("/status"))
        self.assertEqual((status, body["name"]), (200, "greeter"))
        self.assertIn("test:probe:default:default:1.0", body["components"])

    def test_post_json(self) -> None:
        reply = self.successResultOf(self.h.post_json("/v1/greeter/greet", {"name": "Bo"}))
        self.assertEqual(reply, (200, {"hello": "Bo"}))

    def test_a_response_that_waits_on_the_clock_arrives_after_advance(self) -> None:
        d = self.h.call_command("v1/greeter", "later")
        self.assertNoResult(d)
        self.h.advance(4)
        self.assertNoResult(d)
        self.h.advance(1)
        self.assertEqual(self.successResultOf(d), (200, "done"))

    def test_http_is_a_stub_over_the_endpoint_dispatcher(self) -> None:
        response = self.successResultOf(self.h.http.get("http://anyhost/status"))
        self.assertEqual(response.code, 200)
        self.assertIsInstance(self.h.endpoint, HttpEndpoint)
        self.assertIs(self.h.endpoint, self.h.get("pip-services:endpoint:http:*:1.0"))


class EndpointTests(SynchronousTestCase):
    def test_a_body_that_is_not_json_fails_the_call(self) -> None:
        config = """
            - descriptor: "pip-services:endpoint:http:default:1.0"
            - type: "TextService,tests.testing._components"
        """
        h = ContainerHarness.from_yaml(config).start(self)
        failure = self.failureResultOf(h.get_json("/text"), AssertionError)
        self.assertIn("GET http://localhost/text answered 200 with a body that is not JSON", str(failure.value))
        self.assertIn("plain words", str(failure.value))

    def test_a_service_with_its_own_endpoint(self) -> None:
        config = """
            - descriptor: "test:controller:default:default:1.0"
            - descriptor: "test:service:http:default:1.0"
              connection:
                port: 9000
        """
        h = ContainerHarness.from_yaml(config, factories=[ToolkitTestFactory()]).start(self)
        self.assertEqual(self.successResultOf(h.call_command("v1/greeter", "greet", {"name": "Cy"})).status, 200)
        self.assertEqual(h.reactor.tcpServers[0][0], 9000)

    def test_no_endpoint_at_all(self) -> None:
        h = ContainerHarness.from_yaml('- descriptor: "test:probe:default:default:1.0"',
                                       factories=[ToolkitTestFactory()]).start(self)
        error = self.assertRaises(InvalidStateException, lambda: h.http)
        self.assertEqual(error.code, "NO_HTTP_ENDPOINT")

    def test_get_of_a_missing_component_raises(self) -> None:
        h = harness().start(self)
        self.assertRaises(ReferenceException, h.get, "test:nothing:*:*:*")
        self.assertIsNone(h.get_optional("test:nothing:*:*:*"))


class ConsoleTests(SynchronousTestCase):
    def test_console_loggers_print_into_the_harness_not_stdout(self) -> None:
        stdout = io.StringIO()
        self.patch(sys, "stdout", stdout)
        h = harness().start(self)
        self.assertIn("Container greeter started", h.console.getvalue())
        self.assertEqual(stdout.getvalue(), "")
        self.assertIs(type(h.get("pip-services:logger:console:*:1.0")), ConsoleLogger)

    def test_a_config_with_no_logger_prints_into_the_harness_too(self) -> None:
        stdout = io.StringIO()
        self.patch(sys, "stdout", stdout)
        h = ContainerHarness.from_yaml('- descriptor: "test:probe:default:default:1.0"',
                                       factories=[ToolkitTestFactory()]).start(self)
        self.assertIn("Container unknown started", h.console.getvalue())
        self.assertEqual(stdout.getvalue(), "")
        self.assertIs(type(h.get("pip-services:logger:console:default:1.0")), ConsoleLogger)

    def test_a_console_logger_given_as_a_replacement_is_kept(self) -> None:
        mine = io.StringIO()
        logger = ConsoleLogger(stdout=mine)
        h = harness(replace={"pip-services:logger:console:*:1.0": logger}).start(self)
        self.assertIs(h.get("pip-services:logger:console:*:1.0"), logger)
        self.assertIn("Container greeter started", mine.getvalue())
        self.assertEqual(h.console.getvalue(), "")

    def test_quiet_false_keeps_printing(self) -> None:
        stdout = io.StringIO()
        self.patch(sys, "stdout", stdout)
        h = harness(quiet=False).start(self)
        self.assertIn("Container greeter started", stdout.getvalue())
        self.assertEqual(h.console.getvalue(), "")

    def test_the_logger_keeps_its_configured_level(self) -> None:
        h = harness({"LOG_LEVEL": "warn"}).start(self)
        self.assertEqual(h.console.getvalue(), "")
        self.assertEqual(list(h.logs), [])

    def test_logs_are_captured_from_open_to_close(self) -> None:
        h = harness()
        self.successResultOf(h.open())
        h.logs.assert_logged("info", "Container greeter started")
        self.successResultOf(h.close())
        h.logs.assert_logged("info", "Container greeter stopped")
        count = len(h.logs)
        ConsoleLogger(stdout=io.StringIO()).info(None, "after the harness closed")
        self.assertEqual(len(h.logs), count)
