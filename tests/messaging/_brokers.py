"""The brokers of the integration tests, on loopback, and unique names for their queues."""

from __future__ import annotations

import uuid

from tests.support import require_server

RABBITMQ = ("127.0.0.1", 5672)
MOSQUITTO = ("127.0.0.1", 1883)
NATS = ("127.0.0.1", 4222)


def unique(prefix: str = "pipsvc.test") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:12]}"


def require_rabbitmq() -> None:
    require_server(*RABBITMQ, "RabbitMQ")


def require_mosquitto() -> None:
    require_server(*MOSQUITTO, "Mosquitto")


def require_nats() -> None:
    require_server(*NATS, "NATS")
