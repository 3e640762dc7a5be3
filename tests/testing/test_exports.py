"""Pins the public names of the testing toolkit (the conformance kit pins its own)."""

from __future__ import annotations

from twisted.logger import ILogObserver
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

import pipservices_tx.testing as testing

TOOLKIT = [
    "CapturedLogs", "ContainerHarness", "FakeListeningPort", "HarnessReactor", "JsonResponse",
    "assert_counter", "assert_logged", "call_command", "capture_logs", "counter_names",
    "counter_value", "entry_matches", "find_counters", "free_port", "get_counter", "get_json", "post_json",
    "reading_of", "request_json", "url_of", "with_reactor",
]


class ExportsTests(SynchronousTestCase):
    def test_the_toolkit_names_are_public(self) -> None:
        self.assertEqual(sorted(set(TOOLKIT) - set(testing.__all__)), [])
        for name in TOOLKIT:
            self.assertTrue(hasattr(testing, name), name)

    def test_captured_logs_is_a_log_observer(self) -> None:
        verifyObject(ILogObserver, testing.CapturedLogs())
