"""Pins the public names of L{pipservices_tx.logic}."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

import pipservices_tx.logic as logic


class ExportsTests(SynchronousTestCase):
    def test_all(self) -> None:
        self.assertEqual(sorted(logic.__all__), sorted([
            "CacheKeys", "CachingDecorator", "CommandableController", "DEFAULT_TEMPLATE", "Decorator",
            "DefaultLogicFactory", "InstrumentingInterceptor", "LoggingDecorator", "RetryDecorator",
            "TimeoutDecorator", "forwarded_interfaces", "is_invalid_call", "is_retryable", "method_settings",
        ]))
        for name in logic.__all__:
            self.assertTrue(hasattr(logic, name), name)
