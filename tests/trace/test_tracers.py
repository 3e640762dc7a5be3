"""Tracers: log, null and composite, timed on a fake clock."""

from __future__ import annotations

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.build import IFactory
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConfigException, NotFoundException
from pipservices_tx.logs import Logger, LogLevel
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.trace import CompositeTracer, DefaultTracerFactory, ITracer, LogTracer, NullTracer


class MemoryLogger(Logger):
    def __init__(self) -> None:
        super().__init__(LogLevel.TRACE)
        self.entries: list[tuple[LogLevel, str, object]] = []

    def _write(self, entry) -> None:  # type: ignore[no-untyped-def]
        self.entries.append((entry.level, entry.message, entry.error))


class TracerTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.logger = MemoryLogger()
        self.references = References.from_tuples(Descriptor("pip-services", "logger", "memory", "a", "1.0"),
                                                 self.logger)

    def log_tracer(self, **config: str) -> LogTracer:
        tracer = LogTracer()
        tracer.set_reactor(self.clock)
        tracer.configure(ConfigParams.from_value(config))
        tracer.set_references(self.references)
        return tracer

    def test_interfaces(self) -> None:
        for tracer in (NullTracer(), LogTracer(), CompositeTracer()):
            self.assertTrue(verifyObject(ITracer, tracer))
        self.assertTrue(verifyObject(IFactory, DefaultTracerFactory()))

    def test_log_tracer_writes_timed_traces(self) -> None:
        tracer = self.log_tracer()
        timing = tracer.begin_trace("c1", "beacons", "get_beacons")
        self.clock.advance(0.25)
        timing.end_trace()
        timing.end_trace()  # only once
        error = NotFoundException("c2", "NOPE", "no beacon")
        tracer.begin_trace("c2", "beacons", "get_beacon").end_failure(error)
        self.assertEqual(self.logger.entries, [
            (LogLevel.DEBUG, "Executed beacons.get_beacons in 250 msec", None),
            (LogLevel.ERROR, "Failed to execute beacons.get_beacon", error),
        ])

    def test_log_level_option(self) -> None:
        self.log_tracer(options={"log_level": "info"}).trace(None, "a", "b", 3)  # type: ignore[arg-type]
        self.assertEqual(self.logger.entries, [(LogLevel.INFO, "Executed a.b in 3 msec", None)])
        error = self.assertRaises(ConfigException, self.log_tracer, options={"log_level": "loud"})  # type: ignore
        self.assertEqual(error.details["key"], "options.log_level")

    def test_composite_and_null(self) -> None:
        log = self.log_tracer()
        references = References.from_tuples(
            Descriptor("pip-services", "tracer", "log", "default", "1.0"), log,
            Descriptor("pip-services", "tracer", "null", "default", "1.0"), NullTracer(),
        )
        composite = CompositeTracer(references)
        references.put(Descriptor("pip-services", "tracer", "composite", "default", "1.0"), composite)
        composite.set_references(references)
        composite.trace("c", "x", "y", 0)
        composite.failure("c", "x", "z", ValueError("v"), 12)
        self.assertEqual([message for _, message, _ in self.logger.entries],
                         ["Executed x.y", "Failed to execute x.z in 12 msec"])

    def test_factory_builds_the_descriptors(self) -> None:
        factory = DefaultTracerFactory()
        for kind, cls in (("log", LogTracer), ("null", NullTracer), ("composite", CompositeTracer)):
            self.assertIsInstance(factory.create(Descriptor("pip-services", "tracer", kind, "default", "1.0")), cls)
