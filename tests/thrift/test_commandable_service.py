"""CommandableThriftService and the clients on loopback: generic JSON commands, typed beacons, errors."""

from __future__ import annotations

from typing import Any

from twisted.internet.defer import ensureDeferred
from twisted.trial.unittest import TestCase
from zope.interface.verify import verifyObject

from examples.beacons.thrift_gen.beacons_v1.ttypes import BeaconV1, GeoPointV1, PagingParamsV1
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConflictException, InvocationException, NotFoundException, UnsupportedException
from pipservices_tx.lifecycle import IClosable, IOpenable
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.thrift import CommandableThriftService, ThriftClient, to_plain
from pipservices_tx.validation import ValidationException
from tests.services.helpers import EchoController, MemoryCounters

from .support import (
    BEACONS_MODULE,
    CONTROLLER,
    beacons_controller,
    commandable_client,
    serve,
    stop,
    typed_client,
)


class GenericCommandsTests(TestCase):
    """The generic IDL: any command by name, JSON in and out."""

    def setUp(self) -> Any:
        self.controller = EchoController()

        async def start() -> None:
            self.endpoint, self.services = await serve(self.controller)
            self.client = await commandable_client(self.endpoint.port)

        return ensureDeferred(start())

    def tearDown(self) -> Any:
        return ensureDeferred(stop(self.endpoint, self.services, self.client))

    def test_interfaces(self) -> None:
        verifyObject(IOpenable, self.services[0])
        verifyObject(IClosable, self.services[0])
        verifyObject(IOpenable, self.client)

    def test_arguments_and_correlation_id_reach_the_command(self) -> Any:
        async def run() -> None:
            args = {"text": "héllo", "n": 2**53, "nested": {"list": [1.5, None, True]}}
            self.assertEqual(await self.client.call_command("echo", "abc-1", args), args)
            self.assertEqual(self.controller.calls[-1], ("abc-1", args))
            self.assertIsNone(await self.client.call_command("nothing", None, {}))
        return ensureDeferred(run())

    def test_application_errors_come_back_as_the_same_class(self) -> Any:
        async def run() -> None:
            error = await self._failure("missing", "cid-7", {"id": "x"})
            self.assertIsInstance(error, NotFoundException)
            self.assertEqual((error.code, error.status, error.correlation_id, error.details),
                             ("NO_THING", 404, "cid-7", {"id": "x"}))
            error = await self._failure("conflict", "cid-8", {})
            self.assertIsInstance(error, ConflictException)
            self.assertEqual((error.code, error.status), ("DUPLICATE", 409))
            error = await self._failure("typed", "cid-9", {"name": 5})
            self.assertIsInstance(error, ValidationException)
            self.assertEqual(error.details["results"][0]["path"], "name")
        return ensureDeferred(run())

    def test_a_crash_is_an_invocation_error_and_the_connection_survives(self) -> Any:
        async def run() -> None:
            error = await self._failure("crash", "c", {})
            self.assertIsInstance(error, InvocationException)
            self.assertEqual(error.code, "EXEC_FAILED")
            self.assertEqual(await self.client.call_command("typed", "c", {"name": "x"}), {"hello": "x"})
        return ensureDeferred(run())

    def test_unknown_command(self) -> Any:
        async def run() -> None:
            error = await self._failure("no_such_command", "c", {})
            self.assertIsInstance(error, NotFoundException)
            self.assertEqual((error.code, error.details), ("NO_COMMAND", {"command": "no_such_command"}))
        return ensureDeferred(run())

    def test_bad_json_arguments(self) -> Any:
        async def run() -> None:
            cases = {
                "{": "BAD_JSON", "[1, 2]": "BAD_BODY", '{"x": NaN}': "BAD_JSON", '{"x": 1e400}': "BAD_JSON",
                '{"x": Infinity}': "BAD_JSON", "[" * 100000: "JSON_TOO_DEEP",
            }
            for text, code in cases.items():
                try:
                    await self.client._call("invoke", ("echo", "c", text), "c")
                except Exception as error:
                    self.assertEqual((type(error).__name__, error.code), ("BadRequestException", code), text[:20])
                else:
                    self.fail(f"{text[:20]} was accepted")
            self.assertEqual(self.controller.calls, [])
            # An empty argument string means no arguments.
            self.assertEqual(await self.client._call("invoke", ("echo", "c", ""), "c"), "{}")
        return ensureDeferred(run())

    def test_a_result_that_is_not_json(self) -> Any:
        async def run() -> None:
            self.controller.command_set.add_commands([])
            from pipservices_tx.commands import Command

            self.controller.command_set.add_command(Command("nan", None, lambda cid, args: float("nan")))
            self.services[0]._commands["nan"] = self.controller.command_set.find_command("nan")
            error = await self._failure("nan", "c", {})
            self.assertIsInstance(error, InvocationException)
            self.assertEqual(error.code, "BAD_RESULT")
        return ensureDeferred(run())

    def test_counters(self) -> Any:
        async def run() -> None:
            counters = MemoryCounters()
            self.services[0]._counters.set_references(References.from_tuples(
                Descriptor("pip-services", "counters", "memory", "default", "1.0"), counters))
            await self.client.call_command("echo", "c", {})
            await self._failure("missing", "c", {})
            names = {counter.name: counter.count for counter in counters.get_all()}
            self.assertEqual(names["Commandable.echo.exec_count"], 1)
            self.assertEqual(names["Commandable.missing.exec_errors"], 1)
        return ensureDeferred(run())

    async def _failure(self, name: str, correlation_id: str, args: Any) -> Any:
        try:
            await self.client.call_command(name, correlation_id, args)
        except Exception as e:
            return e
        self.fail(f"{name} did not fail")


class TypedBeaconsTests(TestCase):
    """beacons.thrift: the beacons commands with their real types, beside the generic IDL on one port."""

    def setUp(self) -> Any:
        async def start() -> None:
            self.endpoint, self.services = await serve(await beacons_controller(), None, BEACONS_MODULE)
            self.client = await typed_client(self.endpoint.port)

        return ensureDeferred(start())

    def tearDown(self) -> Any:
        return ensureDeferred(stop(self.endpoint, self.services, self.client))

    def test_reads(self) -> Any:
        async def run() -> None:
            page = await self.client.call("get_beacons", "c1", {"site_id": "1"}, PagingParamsV1(total=True))
            self.assertEqual(page.total, 2)
            self.assertEqual(sorted(b.udi for b in page.data), ["00001", "00002"])
            self.assertEqual(page.data[0].center, GeoPointV1("Point", [0.0, 0.0]))
            found = await self.client.call("get_beacon_by_udi", "c2", "00003")
            self.assertEqual((found.beacon.id, found.beacon.radius), ("3", 50.0))
            missing = await self.client.call("get_beacon_by_id", "c3", "nope")
            self.assertIsNone(missing.beacon)
            position = await self.client.call("calculate_position", "c4", "1", ["00001", "00002"])
            self.assertEqual(position.position.coordinates, [1.0, 1.0])
            nowhere = await self.client.call("calculate_position", "c4", "1", [])
            self.assertIsNone(nowhere.position)
        return ensureDeferred(run())

    def test_writes(self) -> Any:
        async def run() -> None:
            beacon = BeaconV1(site_id="9", udi="09999", label="new", center=GeoPointV1(coordinates=[3.0, 4.0]))
            created = await self.client.call("create_beacon", "c1", beacon)
            self.assertTrue(created.id)
            self.assertEqual((created.type, created.label), ("unknown", "new"))
            changed = BeaconV1(id=created.id, site_id="9", udi="09999", label="changed")
            updated = await self.client.call("update_beacon", "c2", changed)
            self.assertEqual(updated.beacon.label, "changed")
            deleted = await self.client.call("delete_beacon_by_id", "c3", created.id)
            self.assertEqual(deleted.beacon.id, created.id)
            gone = await self.client.call("get_beacon_by_id", "c4", created.id)
            self.assertIsNone(gone.beacon)
        return ensureDeferred(run())

    def test_validation_error(self) -> Any:
        async def run() -> None:
            try:
                await self.client.call("create_beacon", "c-9", BeaconV1(site_id="1", type="bogus"))
            except ValidationException as error:
                self.assertEqual((error.status, error.correlation_id), (400, "c-9"))
                paths = sorted(result["path"] for result in error.details["results"])
                self.assertEqual(paths, ["beacon.type", "beacon.udi"])
            else:
                self.fail("an invalid beacon was created")
        return ensureDeferred(run())

    def test_the_generic_interface_on_the_same_port(self) -> Any:
        async def run() -> None:
            client = await commandable_client(self.endpoint.port)
            try:
                found = await client.call_command("get_beacon_by_id", "c", {"id": "2"})
                self.assertEqual(found["udi"], "00002")
            finally:
                await client.close(None)
        return ensureDeferred(run())

    def test_multiplexed_names(self) -> Any:
        async def run() -> None:
            client = await typed_client(self.endpoint.port, service_name="BeaconsV1")
            wrong = await typed_client(self.endpoint.port, service_name="Commandable")
            try:
                found = await client.call("get_beacon_by_id", "c", "1")
                self.assertEqual(found.beacon.udi, "00001")
                error = await self._failure(wrong.call("get_beacon_by_id", "c", "1"))
                self.assertIsInstance(error, UnsupportedException)
                self.assertEqual(error.code, "UNKNOWN_METHOD")
            finally:
                await client.close(None)
                await wrong.close(None)
        return ensureDeferred(run())

    def test_the_typed_result_is_plain_data_too(self) -> Any:
        async def run() -> None:
            found = await self.client.call("get_beacon_by_id", "c", "1")
            self.assertEqual(to_plain(found)["beacon"]["center"], {"type": "Point", "coordinates": [0.0, 0.0]})
        return ensureDeferred(run())

    async def _failure(self, d: Any) -> Any:
        try:
            await d
        except Exception as e:
            return e
        self.fail("the call did not fail")


class ServiceConfigTests(TestCase):
    def test_an_idl_method_without_command_fails_to_open(self) -> Any:
        async def run() -> None:
            service = CommandableThriftService(BEACONS_MODULE)
            service.configure(ConfigParams.from_tuples(
                "dependencies.controller", str(CONTROLLER), "connection.host", "127.0.0.1", "connection.port", 0))
            service.set_references(References.from_tuples(CONTROLLER, EchoController()))
            with self.assertRaisesRegex(Exception, "get_beacons has no command"):
                await service.open(None)
        return ensureDeferred(run())

    def test_a_module_that_is_not_generated_code(self) -> Any:
        async def run() -> None:
            service = CommandableThriftService("json")
            service.configure(ConfigParams.from_tuples(
                "dependencies.controller", str(CONTROLLER), "connection.host", "127.0.0.1", "connection.port", 0))
            service.set_references(References.from_tuples(CONTROLLER, EchoController()))
            with self.assertRaisesRegex(Exception, "BAD_SERVICE_MODULE|not a service module"):
                await service.open(None)
        return ensureDeferred(run())

    def test_its_own_listener_without_an_endpoint(self) -> Any:
        async def run() -> None:
            service = CommandableThriftService()
            service.configure(ConfigParams.from_tuples(
                "dependencies.controller", str(CONTROLLER), "connection.host", "127.0.0.1", "connection.port", 0))
            service.set_references(References.from_tuples(CONTROLLER, EchoController()))
            await service.open(None)
            client = await commandable_client(service.endpoint.port)
            try:
                self.assertEqual(await client.call_command("echo", None, {"a": 1}), {"a": 1})
            finally:
                await client.close(None)
                await service.close(None)
            self.assertFalse(service.endpoint.is_open())
        return ensureDeferred(run())

    def test_client_needs_a_service_module(self) -> Any:
        async def run() -> None:
            client = ThriftClient()
            with self.assertRaisesRegex(Exception, "service_module"):
                await client.open(None)
        return ensureDeferred(run())


class TypedResultTests(TestCase):
    """A command whose result the IDL's type cannot hold answers BAD_RESULT, never a broken message."""

    def test_a_result_that_does_not_fit(self) -> Any:
        from pipservices_tx.commands import Command, CommandSet

        class OddController:
            def get_command_set(self) -> CommandSet:
                commands = CommandSet()
                names = ["get_beacons", "get_beacon_by_id", "get_beacon_by_udi", "calculate_position",
                         "create_beacon", "update_beacon", "delete_beacon_by_id"]
                commands.add_commands([Command(name, None, lambda cid, args: {"id": "1", "udi": 5})
                                       for name in names])
                return commands

        async def run() -> None:
            endpoint, services = await serve(OddController(), BEACONS_MODULE)
            client = await typed_client(endpoint.port)
            try:
                with self.assertRaises(InvocationException) as raised:
                    await client.call("get_beacon_by_id", "cid-odd", "1")
                error = raised.exception
                self.assertEqual((error.code, error.correlation_id, error.details["path"]),
                                 ("BAD_RESULT", "cid-odd", "result.beacon.udi"))
                with self.assertRaises(InvocationException):
                    await client.call("create_beacon", "c", BeaconV1(site_id="1", udi="2"))
            finally:
                await stop(endpoint, services, client)

        return ensureDeferred(run())
