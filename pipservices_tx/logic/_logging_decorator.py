# -*- test-case-name: tests.logic.test_logging_decorator -*-
"""LoggingDecorator: a trace log, a timing and counts for every call of the wrapped component."""

from __future__ import annotations

from typing import Any, Callable

from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from ._decorator import Decorator
from ._method_settings import argument, parameter_index
from ._results import as_deferred_if_async


class LoggingDecorator(Decorator):
    """
    Around each call of a decorated method C{<name>.<method>}: a trace log
    C{Calling <name>.<method>}, counters C{.call_count}, C{.call_time} (ms)
    and, when it fails (raises or its Deferred fails), C{.call_errors} and
    an error log. Without C{methods} in config every public method is
    decorated. A method returning a plain value stays synchronous; a
    coroutine is turned into a Deferred.
    """

    def _decorate(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        full = f"{self.decorator_name}.{name}"
        count_name, time_name, error_name = full + ".call_count", full + ".call_time", full + ".call_errors"
        cid_index = parameter_index(method, "correlation_id")
        logger, counters = self._logger, self._counters

        def failed(correlation_id: Any, error: Any) -> None:
            counters.increment_one(error_name)
            logger.error(correlation_id, error, "Failed to call %s", full)

        def call(*args: Any, **kwargs: Any) -> Any:
            correlation_id = argument(args, kwargs, "correlation_id", cid_index)
            logger.trace(correlation_id, "Calling %s", full)
            counters.increment_one(count_name)
            timing = counters.begin_timing(time_name)
            try:
                result = as_deferred_if_async(method(*args, **kwargs))
            except Exception as e:
                timing.end_timing()
                failed(correlation_id, e)
                raise
            if not isinstance(result, Deferred):
                timing.end_timing()
                return result

            def done(outcome: Any) -> Any:
                timing.end_timing()
                if isinstance(outcome, Failure):
                    failed(correlation_id, outcome.value)
                return outcome

            return result.addBoth(done)

        return call
