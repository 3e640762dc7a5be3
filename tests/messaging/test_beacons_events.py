"""
The beacons example publishes beacon_created/updated/deleted by config alone
(EVENTS_URI), and each broker's own client receives them: pika, paho-mqtt,
nats-py. Also over memory, to a QueueEventSubscriber of the same container.
"""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from twisted.trial import unittest

from pipservices_tx.config import read_config_file
from pipservices_tx.container import Container
from pipservices_tx.refer import Descriptor
from tests.messaging._brokers import (
    MOSQUITTO,
    NATS,
    RABBITMQ,
    require_mosquitto,
    require_nats,
    require_rabbitmq,
    unique,
)
from tests.messaging._raw_clients import NatsSubscriber, PahoSubscriber, RawCollector, pika_consume, wait_for

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BEACONS_CONFIG = os.path.join(ROOT, "examples", "beacons", "config.yml")
CONTROLLER = Descriptor("beacons", "controller", "default", "*", "1.0")
BEACON = {"id": "b1", "site_id": "1", "udi": "00001", "label": "Lobby",
          "center": {"type": "Point", "coordinates": [1.5, 2.5]}, "radius": 50.0}


class BeaconsEventsTests(unittest.TestCase):
    timeout = 60

    async def start_beacons(self, events_uri: str) -> Any:
        container = Container(phase_timeout=20)
        container.configure(read_config_file(BEACONS_CONFIG, {
            "HTTP_HOST": "127.0.0.1", "HTTP_PORT": "0", "LOG_LEVEL": "none", "EVENTS_URI": events_uri,
        }), BEACONS_CONFIG)
        await container.open(None)
        self.addCleanup(container.close, None)
        return container.references.get_one_required(CONTROLLER)

    async def change_a_beacon(self, controller: Any) -> None:
        await controller.create_beacon("cid-1", BEACON)
        await controller.update_beacon("cid-2", {**BEACON, "label": "Hall"})
        await controller.delete_beacon_by_id("cid-3", "b1")

    def assert_events(self, collector: RawCollector) -> None:
        envelopes = collector.envelopes()
        self.assertEqual([e["message_type"] for e in envelopes], ["beacon_created", "beacon_updated", "beacon_deleted"])
        self.assertEqual([e["correlation_id"] for e in envelopes], ["cid-1", "cid-2", "cid-3"])
        beacons = [json.loads(base64.b64decode(e["message"])) for e in envelopes]
        self.assertEqual(beacons[0], {**BEACON, "type": "unknown"})
        self.assertEqual(beacons[1]["label"], "Hall")
        self.assertEqual(beacons[2]["id"], "b1")
        self.assertEqual(len({e["message_id"] for e in envelopes}), 3)
        for envelope in envelopes:
            self.assertRegex(envelope["sent_time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

    async def test_pika_receives_from_rabbitmq(self) -> None:
        require_rabbitmq()
        queue = unique("beacons.events")
        collector = RawCollector()
        connection = await pika_consume(*RABBITMQ, queue, collector)

        async def cleanup() -> None:
            await connection.test_channel.queue_delete(queue=queue)
            await connection.close()

        self.addCleanup(cleanup)
        controller = await self.start_beacons(f"amqp://guest:guest@{RABBITMQ[0]}:{RABBITMQ[1]}/{queue}")
        await self.change_a_beacon(controller)
        self.assertTrue(await wait_for(lambda: len(collector.bodies) >= 3), collector.bodies)
        self.assert_events(collector)

    async def test_paho_receives_from_mosquitto(self) -> None:
        require_mosquitto()
        topic = unique("beacons/events").replace(".", "/")
        subscriber = PahoSubscriber(*MOSQUITTO, topic)
        self.addCleanup(subscriber.stop)
        self.assertTrue(await wait_for(subscriber.subscribed.is_set))
        controller = await self.start_beacons(f"mqtt://{MOSQUITTO[0]}:{MOSQUITTO[1]}/{topic}")
        await self.change_a_beacon(controller)
        self.assertTrue(await wait_for(lambda: len(subscriber.collector.bodies) >= 3))
        self.assert_events(subscriber.collector)

    async def test_nats_py_receives_from_nats(self) -> None:
        require_nats()
        subject = unique("beacons.events")
        subscriber = NatsSubscriber(f"nats://{NATS[0]}:{NATS[1]}", subject)
        self.addCleanup(subscriber.stop)
        controller = await self.start_beacons(f"nats://{NATS[0]}:{NATS[1]}/{subject}")
        publisher = controller._events.queue
        if publisher.jetstream is not None:
            self.addCleanup(publisher.jetstream.api, None, f"STREAM.DELETE.{publisher.stream}")
        await self.change_a_beacon(controller)
        self.assertTrue(await wait_for(lambda: len(subscriber.collector.bodies) >= 3))
        self.assert_events(subscriber.collector)
