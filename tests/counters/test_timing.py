"""CounterTiming: elapsed milliseconds from an injected clock, reported once."""

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer

from pipservices_tx.counters import CounterTiming, ITimingCallback


@implementer(ITimingCallback)
class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, float]] = []

    def end_timing(self, name: str, elapsed: float) -> None:
        self.calls.append((name, elapsed))


class CounterTimingTests(SynchronousTestCase):
    def test_reports_elapsed_milliseconds(self) -> None:
        clock, recorder = Clock(), Recorder()
        timing = CounterTiming("a.b.exec_time", recorder, clock.seconds)
        clock.advance(0.25)
        timing.end_timing()
        self.assertEqual(recorder.calls, [("a.b.exec_time", 250.0)])

    def test_reports_once(self) -> None:
        clock, recorder = Clock(), Recorder()
        timing = CounterTiming("x", recorder, clock.seconds)
        timing.end_timing()
        clock.advance(1)
        timing.end_timing()
        self.assertEqual(recorder.calls, [("x", 0.0)])

    def test_context_manager_ends_even_on_error(self) -> None:
        clock, recorder = Clock(), Recorder()
        with self.assertRaises(ZeroDivisionError):
            with CounterTiming("x", recorder, clock.seconds):
                clock.advance(0.002)
                1 / 0  # noqa: B018
        self.assertEqual(len(recorder.calls), 1)
        self.assertAlmostEqual(recorder.calls[0][1], 2.0)

    def test_without_callback_does_nothing(self) -> None:
        reads: list[float] = []

        def seconds() -> float:
            reads.append(0.0)
            return 0.0

        timing = CounterTiming("x", None, seconds)
        timing.end_timing()
        with timing:
            pass
        timing.end_timing()
        self.assertEqual(len(reads), 1, "the clock is read at the start only: nothing to measure, nothing reported")
