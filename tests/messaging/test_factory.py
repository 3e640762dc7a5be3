"""The messaging descriptors, queues made from URIs, broker addresses and unsupported operations."""

from __future__ import annotations

from twisted.internet.task import Clock
from twisted.trial import unittest
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import DefaultContainerFactory
from pipservices_tx.discovery import ConnectionParams, CredentialParams
from pipservices_tx.errors import ConfigException, ReferenceException, UnsupportedException
from pipservices_tx.messaging import (
    BrokerAddress,
    CommandableQueueClient,
    CommandableQueueService,
    DefaultMessagingFactory,
    IEventPublisher,
    IMessageQueue,
    MemoryMessageQueue,
    MessageEnvelope,
    MqttMessageQueue,
    NatsMessageQueue,
    QueueEventPublisher,
    QueueEventSubscriber,
    RabbitMQMessageQueue,
    create_queue_for_uri,
)
from pipservices_tx.refer import Descriptor, References


class FactoryTests(unittest.TestCase):
    def test_every_descriptor_builds_its_class(self) -> None:
        expected = {
            ("message-queue", "memory"): MemoryMessageQueue,
            ("message-queue", "rabbitmq"): RabbitMQMessageQueue,
            ("message-queue", "mqtt"): MqttMessageQueue,
            ("message-queue", "nats"): NatsMessageQueue,
            ("event-publisher", "queue"): QueueEventPublisher,
            ("event-subscriber", "queue"): QueueEventSubscriber,
            ("queue-service", "commandable"): CommandableQueueService,
            ("queue-client", "commandable"): CommandableQueueClient,
        }
        for factory in (DefaultMessagingFactory(), DefaultContainerFactory()):
            for (kind_type, kind), cls in expected.items():
                component = factory.create(Descriptor("pip-services", kind_type, kind, "any", "1.0"))
                self.assertIsInstance(component, cls)
        for cls in (MemoryMessageQueue, RabbitMQMessageQueue, MqttMessageQueue, NatsMessageQueue):
            self.assertTrue(verifyObject(IMessageQueue, cls()))
        self.assertTrue(verifyObject(IEventPublisher, QueueEventPublisher()))

    def test_queues_by_uri_scheme(self) -> None:
        for uri, cls in (("amqp://h/q", RabbitMQMessageQueue), ("mqtt://h/t", MqttMessageQueue),
                         ("nats://h/s", NatsMessageQueue), ("memory:///m", MemoryMessageQueue)):
            self.assertIsInstance(create_queue_for_uri(uri), cls)
        with self.assertRaises(ConfigException) as context:
            create_queue_for_uri("kafka://user:secret@h/t")
        self.assertEqual(context.exception.code, "BAD_QUEUE_URI")
        self.assertNotIn("secret", context.exception.message)

    def test_publisher_without_queue_is_a_config_error(self) -> None:
        publisher = QueueEventPublisher()
        publisher.configure(ConfigParams())
        with self.assertRaises(ReferenceException):
            publisher.set_references(References())


class BrokerAddressTests(unittest.TestCase):
    def test_uri_with_credentials_and_path(self) -> None:
        address = BrokerAddress.resolve(
            ConnectionParams.from_tuples("uri", "amqp://guest:p%40ss@10.0.0.1:5673/beacons.events?vhost=v"),
            None, ("amqp",), 5672)
        self.assertEqual((address.host, address.port, address.username, address.password, address.destination),
                         ("10.0.0.1", 5673, "guest", "p@ss", "beacons.events"))
        self.assertEqual(address.options, {"vhost": "v"})

    def test_host_port_and_credentials_win(self) -> None:
        address = BrokerAddress.resolve(ConnectionParams.from_tuples("host", "broker", "port", 1884),
                                        CredentialParams.from_tuples("username", "u", "password", "p"),
                                        ("mqtt",), 1883)
        self.assertEqual((address.host, address.port, address.username, address.password), ("broker", 1884, "u", "p"))

    def test_bad_uris(self) -> None:
        for uri in ("http://h/q", "amqp://h:99999/q", "amqp://h:port/q"):
            with self.assertRaises(ConfigException, msg=uri):
                BrokerAddress.resolve(ConnectionParams.from_tuples("uri", uri), None, ("amqp",), 5672)


class UnsupportedTests(unittest.TestCase):
    def test_unsupported_operations_say_what_and_where(self) -> None:
        queue = NatsMessageQueue("subject.x")
        queue.set_reactor(Clock())
        queue._opened = True  # what it lacks is checked before the broker is asked
        failures: list = []
        queue.peek(None).addErrback(failures.append)
        queue.clear("cid").addErrback(failures.append)
        queue.abandon(MessageEnvelope()).addErrback(failures.append)
        self.assertEqual(len(failures), 3)
        for failure, operation in zip(failures, ("peek", "clear", "abandon"), strict=True):
            self.assertIsInstance(failure.value, UnsupportedException)
            self.assertEqual(failure.value.code, "UNSUPPORTED_OPERATION")
            self.assertEqual(failure.value.details, {"operation": operation, "queue": "subject.x"})
        self.assertEqual(failures[1].value.correlation_id, "cid")
