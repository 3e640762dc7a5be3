"""examples/infrastructure on a loopback port, called through the typed clients of the four services."""

from __future__ import annotations

import os
from typing import Any, TypeVar

from twisted.trial.unittest import TestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.errors import BadRequestException, NotFoundException
from pipservices_tx.infrastructure import (
    CountersHttpClientV1,
    DiscoveryHttpClientV1,
    InfrastructureClient,
    LoggingHttpClientV1,
    SettingsHttpClientV1,
)

from ._fleet import INFRASTRUCTURE_CONFIG, base_url, start

C = TypeVar("C", bound=InfrastructureClient)


class ExampleServicesTests(TestCase):
    timeout = 20

    async def start_infrastructure(self, **parameters: Any) -> Container:
        container = await start(INFRASTRUCTURE_CONFIG, **parameters)
        self.addCleanup(container.close, None)
        return container

    async def client(self, cls: type[C], container: Container) -> C:
        client = cls()
        client.configure(ConfigParams({"connection.uri": base_url(container)}))
        await client.open(None)
        self.addCleanup(client.close, None)
        return client

    async def test_logging(self) -> None:
        logging = await self.client(LoggingHttpClientV1, await self.start_infrastructure())
        await logging.write_messages("c1", [
            {"time": "2024-01-01T00:00:00Z", "source": "a", "level": 4, "correlation_id": "c1", "message": "first"},
            {"time": "2024-01-01T00:00:01.5+01:00", "source": "a", "level": "error", "message": "bad thing",
             "error": {"code": "E1", "message": "it broke", "type": "ValueError"}},
            {"source": "b", "level": 6, "message": "now"},
        ])
        page = await logging.read_messages(None, paging={"total": True})
        self.assertEqual([m["message"] for m in page["data"]], ["now", "first", "bad thing"])
        self.assertEqual(page["total"], 3)
        self.assertEqual(page["data"][2]["time"], "2023-12-31T23:00:01.500Z")
        self.assertEqual(page["data"][2]["level"], 2)
        errors = await logging.read_errors(None)
        self.assertEqual([m["message"] for m in errors["data"]], ["bad thing"])
        for filter, expected in (
            ({"search": "BROKE"}, ["bad thing"]), ({"max_level": 4}, ["first", "bad thing"]),
            ({"level": 6}, ["now"]), ({"from_time": "2024-01-01T00:00:00.5Z", "to_time": "2025-01-01T00:00:00Z"}, []),
            ({"from_time": "2023-12-31T00:00:00Z", "to_time": "2024-01-01T00:00:00.5Z"}, ["first", "bad thing"]),
            ({"source": "b"}, ["now"]), ({"correlation_id": "c1"}, ["first"]),
        ):
            page = await logging.read_messages(None, filter)
            self.assertEqual(sorted(m["message"] for m in page["data"]), sorted(expected), filter)
        await logging.clear(None)
        self.assertEqual((await logging.read_messages(None))["data"], [])
        self.assertEqual((await logging.read_errors(None))["data"], [])

    async def test_logging_refuses_bad_messages(self) -> None:
        logging = await self.client(LoggingHttpClientV1, await self.start_infrastructure())
        for messages in ([{"message": "no level"}], [{"level": "loud"}], [{"level": 4, "message": 5}], "nope"):
            with self.assertRaises(BadRequestException):
                await logging.write_messages(None, messages)  # type: ignore[arg-type]
        with self.assertRaises(NotFoundException):
            await logging.call_command("no_such_command", None, {})
        self.assertEqual((await logging.read_messages(None))["data"], [])

    async def test_counters_merge_periods(self) -> None:
        counters = await self.client(CountersHttpClientV1, await self.start_infrastructure())
        await counters.write_counters(None, [
            {"name": "a.b.exec_count", "source": "s", "type": 4, "count": 3},
            {"name": "a.b.exec_time", "source": "s", "type": 0, "count": 2, "min": 1.0, "max": 3.0, "average": 2.0,
             "last": 3.0},
        ])
        await counters.write_counters(None, [
            {"name": "a.b.exec_count", "source": "s", "type": 4, "count": 2},
            {"name": "a.b.exec_time", "source": "s", "type": 0, "count": 2, "min": 0.5, "max": 5.0, "average": 4.0,
             "last": 0.5},
            {"name": "x.y.last", "type": 1, "last": 7.5},
        ])
        page = await counters.read_counters(None, {"group": "a"})
        by_name = {c["name"]: c for c in page["data"]}
        self.assertEqual(by_name["a.b.exec_count"]["count"], 5)
        timing = by_name["a.b.exec_time"]
        self.assertEqual((timing["count"], timing["min"], timing["max"], timing["average"], timing["last"]),
                         (4, 0.5, 5.0, 3.0, 0.5))
        self.assertEqual([c["name"] for c in (await counters.read_counters(None, {"type": 1}))["data"]], ["x.y.last"])
        self.assertEqual(len((await counters.read_counters(None, {"counter": "exec_time"}))["data"]), 1)
        with self.assertRaises(BadRequestException):
            await counters.write_counters(None, [{"name": "bad", "type": 9}])
        await counters.clear(None)
        self.assertEqual((await counters.read_counters(None))["data"], [])

    async def test_settings(self) -> None:
        settings = await self.client(SettingsHttpClientV1, await self.start_infrastructure())
        self.assertEqual(await settings.get_section_by_id(None, "missing"), {})
        self.assertEqual(await settings.set_section(None, "svc", {"db": {"host": "h"}, "n": 2}),
                         {"db.host": "h", "n": "2"})
        self.assertEqual(await settings.modify_section(None, "svc", {"db.port": 5432}, {"n": 3, "m": 1}),
                         {"db.host": "h", "db.port": "5432", "n": "5", "m": "1"})
        await settings.set_section(None, "other", {"a": "b"})
        self.assertEqual((await settings.get_section_ids(None))["data"], ["other", "svc"])
        self.assertEqual((await settings.get_section_ids(None, {"id_starts": "sv"}))["data"], ["svc"])
        sections = (await settings.get_sections(None, {"search": "OTH"}))["data"]
        self.assertEqual([(s["id"], s["parameters"]) for s in sections], [("other", {"a": "b"})])

    async def test_discovery(self) -> None:
        discovery = await self.client(DiscoveryHttpClientV1, await self.start_infrastructure())
        self.assertIsNone(await discovery.resolve_one(None, "beacons"))
        await discovery.register(None, "beacons", {"uri": "http://a:1", "instance_id": "i1"})
        await discovery.register(None, "beacons", {"uri": "http://b:2"})
        await discovery.register(None, "beacons", {"uri": "http://a:3", "instance_id": "i1"})  # i1 moved
        self.assertEqual(await discovery.resolve_all(None, "beacons"),
                         [{"uri": "http://b:2"}, {"uri": "http://a:3", "instance_id": "i1"}])
        self.assertEqual(await discovery.resolve_one(None, "beacons"), {"uri": "http://a:3", "instance_id": "i1"})
        await discovery.unregister(None, "beacons", {"instance_id": "i1"})
        self.assertEqual(await discovery.resolve_all(None, "beacons"), [{"uri": "http://b:2"}])
        with self.assertRaises(BadRequestException):
            await discovery.call_command("register", None, {"key": "beacons", "connection": "not a map"})

    async def test_file_persistence_survives_a_restart(self) -> None:
        data = os.path.abspath(self.mktemp())
        os.makedirs(data)
        first = await start(INFRASTRUCTURE_CONFIG, FILE_ENABLED="true", DATA_DIR=data)
        try:
            logging = await self.client(LoggingHttpClientV1, first)
            settings = await self.client(SettingsHttpClientV1, first)
            await logging.write_messages(None, [{"level": 2, "message": "kept"}])
            await settings.set_section(None, "svc", {"a": "1"})
            await logging.close(None)
            await settings.close(None)
        finally:
            await first.close(None)
        second = await self.start_infrastructure(FILE_ENABLED="true", DATA_DIR=data)
        logging = await self.client(LoggingHttpClientV1, second)
        settings = await self.client(SettingsHttpClientV1, second)
        self.assertEqual([m["message"] for m in (await logging.read_errors(None))["data"]], ["kept"])
        self.assertEqual(await settings.get_section_by_id(None, "svc"), {"a": "1"})
