"""MqttMessageQueue on the real Mosquitto: the conformance kit."""

from __future__ import annotations

from typing import Any

from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.messaging import MqttMessageQueue
from pipservices_tx.testing import MessageQueueConformanceMixin
from tests.messaging._brokers import MOSQUITTO, require_mosquitto, unique


async def open_mqtt_queue(topic: str, **options: Any) -> MqttMessageQueue:
    require_mosquitto()
    queue = MqttMessageQueue()
    config = {"connection.uri": f"mqtt://{MOSQUITTO[0]}:{MOSQUITTO[1]}/{topic}", "options.clean_session": "true"}
    config.update({f"options.{key}": str(value) for key, value in options.items()})
    queue.configure(ConfigParams.from_value(config))
    await queue.open(None)
    return queue


class MqttConformanceTests(MessageQueueConformanceMixin, unittest.TestCase):
    async def make_queue(self) -> MqttMessageQueue:
        return await open_mqtt_queue(unique("pipsvc/test").replace(".", "/"), autosubscribe="true")
