"""Acceptance: a caching decorator added by config alone halves the persistence calls of get_beacon_by_id."""

from __future__ import annotations

from typing import Any, Optional

import yaml
from twisted.internet.defer import Deferred
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from examples.beacons.data import FIXTURES
from examples.beacons.persistence import BeaconsMemoryPersistence
from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.logic import CachingDecorator, LoggingDecorator
from pipservices_tx.persistence import IGetter, IWriter
from pipservices_tx.refer import Descriptor

CONTROLLER = Descriptor("beacons", "controller", "default", "default", "1.0")
PERSISTENCE = Descriptor("beacons", "persistence", "counting", "default", "1.0")


class CountingPersistence(BeaconsMemoryPersistence):
    """Beacons in memory, counting the reads by id it serves."""

    def __init__(self) -> None:
        super().__init__()
        self.reads_by_id = 0

    def get_one_by_id(self, correlation_id: Optional[str], id: Any) -> Deferred[Optional[dict[str, Any]]]:
        self.reads_by_id += 1
        return super().get_one_by_id(correlation_id, id)


HEAD = """
- descriptor: "beacons:factory:default:default:1.0"
  type: "BeaconsFactory,examples.beacons.factory"
- descriptor: "pip-services:factory:logic:default:1.0"
  type: "DefaultLogicFactory,pipservices_tx.logic"
- descriptor: "pip-services:logger:null:default:1.0"
- descriptor: "pip-services:cache:memory:default:1.0"
- descriptor: "beacons:persistence:counting:default:1.0"
  type: "CountingPersistence,tests.logic.test_beacons_caching"
"""

CACHING = """
- descriptor: "beacons:persistence:caching-decorator:default:1.0"
  dependencies:
    target: "beacons:persistence:counting:default:1.0"
  methods:
    get_one_by_id: {ttl: 60000}
  invalidate: [update, delete_by_id]
"""

LOGGING = """
- descriptor: "beacons:persistence:logging-decorator:default:1.0"
"""

TAIL = """
- descriptor: "beacons:controller:default:default:1.0"
"""


class BeaconsCachingTests(SynchronousTestCase):
    def start(self, text: str) -> Container:
        container = Container()
        container.configure(ConfigParams.from_value(yaml.safe_load(text)))
        self.successResultOf(container.open(None))
        self.addCleanup(lambda: self.successResultOf(container.close(None)))
        self.persistence = container.references.get_one_required(PERSISTENCE)
        self.controller = container.references.get_one_required(CONTROLLER)
        for beacon in FIXTURES:
            self.successResultOf(self.controller.create_beacon(None, beacon))
        return container

    def get_by_id(self, times: int, beacon_id: str = "1") -> list[Any]:
        command_set = self.controller.get_command_set()
        return [
            self.successResultOf(command_set.execute(f"c{i}", "get_beacon_by_id", {"beacon_id": beacon_id}))
            for i in range(times)
        ]

    def test_without_the_decorator_every_call_reaches_the_persistence(self) -> None:
        self.start(HEAD + TAIL)
        self.get_by_id(2)
        self.assertEqual(self.persistence.reads_by_id, 2)

    def test_the_decorator_halves_the_calls(self) -> None:
        self.start(HEAD + CACHING + TAIL)
        results = self.get_by_id(2)
        self.assertEqual(results[0]["label"], "TestBeacon1")
        self.assertEqual(results[0], results[1])
        self.assertEqual(self.persistence.reads_by_id, 1)

    def test_one_call_of_n_reaches_the_persistence(self) -> None:
        self.start(HEAD + CACHING + TAIL)
        self.get_by_id(10)
        self.assertEqual(self.persistence.reads_by_id, 1)

    def test_the_controller_got_the_decorator_which_declares_the_persistence_interfaces(self) -> None:
        self.start(HEAD + CACHING + TAIL)
        decorator = self.controller._persistence
        self.assertIsInstance(decorator, CachingDecorator)
        self.assertIs(decorator.target, self.persistence)
        verifyObject(IGetter, decorator)
        verifyObject(IWriter, decorator)

    def test_an_update_invalidates(self) -> None:
        self.start(HEAD + CACHING + TAIL)
        self.get_by_id(1)
        beacon = dict(FIXTURES[0], label="Renamed")
        self.successResultOf(self.controller.update_beacon(None, beacon))
        self.assertEqual(self.get_by_id(2)[1]["label"], "Renamed")
        self.assertEqual(self.persistence.reads_by_id, 2)

    def test_decorators_chain_in_file_order(self) -> None:
        container = self.start(HEAD + CACHING + LOGGING + TAIL)
        logging = self.controller._persistence
        self.assertIsInstance(logging, LoggingDecorator)
        self.assertIsInstance(logging.target, CachingDecorator)
        self.get_by_id(3)
        self.assertEqual(self.persistence.reads_by_id, 1)
        self.assertIn(logging, container.components)

    def test_a_consumer_pointed_at_the_decorator_by_its_own_config(self) -> None:
        """The other pattern: the decorator under its own descriptor, the consumer's config names it."""
        self.start(HEAD + """
- descriptor: "pip-services:decorator:caching:beacons:1.0"
  dependencies:
    target: "beacons:persistence:counting:default:1.0"
  methods: get_one_by_id
- descriptor: "beacons:controller:default:default:1.0"
  dependencies:
    persistence: "pip-services:decorator:caching:beacons:1.0"
""")
        self.get_by_id(4)
        self.assertEqual(self.persistence.reads_by_id, 1)
