# -*- test-case-name: tests.messaging.test_factory -*-
"""DefaultMessagingFactory: the standard queue, event and command-queue descriptors."""

from __future__ import annotations

from ..build import StandardFactory
from ..refer import Descriptor


class DefaultMessagingFactory(StandardFactory):
    """
    Builds C{pip-services:message-queue:{memory,rabbitmq,mqtt,nats}},
    C{pip-services:event-publisher:queue}, C{pip-services:event-subscriber:queue},
    C{pip-services:queue-service:commandable} and
    C{pip-services:queue-client:commandable}. The broker clients (pika,
    paho-mqtt) are imported when a queue opens, not before.
    """

    descriptor = Descriptor("pip-services", "factory", "messaging", "default", "1.0")

    def __init__(self) -> None:
        super().__init__("pipservices_tx.messaging")
