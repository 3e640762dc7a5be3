# -*- test-case-name: tests.clients.test_rest_client_timeouts -*-
"""HttpCall: one logical call of a RestClient, with its attempts on one instance or another, and its deadline."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.internet import defer
from twisted.internet.interfaces import IDelayedCall, IReactorTime
from twisted.python.failure import Failure
from twisted.web.http_headers import Headers

from ..errors import ApplicationException, BadRequestException
from ..logs import ILogger
from ..portability import parse_json
from ._call_policy import CallPolicy
from ._instance_set import Instance, InstanceSet
from ._transport import read_body
from ._wire_errors import describe, format_error, is_network_error, is_unsent, network_error, response_error

_JSON_HEADERS = {
    b"Content-Type": [b"application/json"],
    b"Accept": [b"application/json"],
}

#: Answers that say "this instance cannot serve now" rather than answer the call.
UNAVAILABLE_STATUSES = frozenset((502, 503, 504))


def _timed_out(result: Any, timeout: float) -> Any:
    # Cancelling fails with whatever the agent makes of it (ResponseNeverReceived...).
    if isinstance(result, Failure):
        raise defer.TimeoutError(f"no response within {timeout} s")
    return result


def _read(response: Any) -> defer.Deferred[tuple[int, bytes]]:
    return read_body(response).addCallback(lambda data: (response.code, data))


class HttpCall:
    """
    Sends a request to an instance of C{instances} until one answers. After a
    failure of the instance (no answer, or 502, 503, 504) the call is tried
    again, up to C{policy.retries} times, when that cannot do twice what was
    meant once: any failure of an idempotent call, or a failure before the
    request was sent (connection refused, connect timeout, no such host).
    The next try goes at once to an instance this call has not tried yet;
    when there is none, an idempotent call waits the policy's backoff and
    starts over. Each attempt has the request timeout, and every attempt and
    wait fits in C{policy.deadline} (when set). Cancelling the call's
    Deferred stops the attempt or the wait in progress.
    """

    __slots__ = (
        "_instances", "_clock", "_logger", "_policy", "_method", "_path", "_body", "_correlation_id",
        "_idempotent", "_on_retry", "_headers", "_tried", "_retries", "_waits", "_started", "_instance",
        "_result", "_current", "_delayed", "_cancelled",
    )

    def __init__(
        self,
        instances: InstanceSet,
        clock: IReactorTime,
        logger: ILogger,
        policy: CallPolicy,
        method: str,
        path: str,
        body: Optional[bytes],
        correlation_id: Optional[str],
        idempotent: bool,
        authorization: Optional[bytes] = None,
        on_retry: Optional[Callable[[], None]] = None,
    ) -> None:
        self._instances = instances
        self._clock = clock
        self._logger = logger
        self._policy = policy
        self._method = method
        self._path = path
        self._body = body
        self._correlation_id = correlation_id
        self._idempotent = idempotent
        self._on_retry = on_retry
        self._headers = dict(_JSON_HEADERS)
        if authorization is not None:
            self._headers[b"Authorization"] = [authorization]
        self._tried: list[Instance] = []
        self._retries = 0
        self._waits = 0
        self._started = clock.seconds()
        self._instance: Optional[Instance] = None
        self._result: defer.Deferred[Any] = defer.Deferred(self._cancel)
        self._current: Optional[defer.Deferred[Any]] = None
        self._delayed: Optional[IDelayedCall] = None
        self._cancelled = False

    def start(self) -> defer.Deferred[Any]:
        """Fires with the decoded JSON result, or fails with an ApplicationException."""
        self._next_round()
        return self._result

    # -- attempts ------------------------------------------------------------------

    def _remaining(self) -> Optional[float]:
        """Seconds left before the deadline; None without one."""
        if self._policy.deadline <= 0:
            return None
        return self._policy.deadline / 1000.0 - (self._clock.seconds() - self._started)

    def _next_round(self) -> None:
        self._delayed = None
        self._tried = []
        try:
            instance = self._instances.pick()
        except ApplicationException as e:
            e.correlation_id = e.correlation_id or self._correlation_id
            self._result.errback(Failure(e))
            return
        assert instance is not None  # an empty exclusion always leaves one
        self._send(instance)

    def _send(self, instance: Instance) -> None:
        self._instance = instance
        self._tried.append(instance)
        url = instance.base_url + self._path
        timeout = self._policy.timeout / 1000.0
        remaining = self._remaining()
        if remaining is not None:
            timeout = min(timeout, remaining) if timeout > 0 else remaining
        try:
            d: defer.Deferred[Any] = instance.client.request(
                self._method, url, data=self._body, headers=Headers(self._headers),
                allow_redirects=False, unbuffered=True,
            )
        except Exception:
            self._instances.released(instance)
            self._result.errback()
            return
        d.addCallback(_read)
        if timeout > 0:
            d.addTimeout(timeout, self._clock, onTimeoutCancel=_timed_out)
        self._current = d
        d.addCallbacks(self._answered, self._not_answered, errbackArgs=(url, timeout))

    def _answered(self, result: tuple[int, bytes]) -> None:
        self._current = None
        instance, self._instance = self._instance, None
        assert instance is not None
        status, data = result
        url = instance.base_url + self._path
        if status in UNAVAILABLE_STATUSES:
            self._instances.failed(instance, f"HTTP {status}")
            if self._idempotent and self._retry():
                return
        else:
            self._instances.succeeded(instance)
        try:
            value = self._decode(url, status, data)
        except Exception:
            self._result.errback()
            return
        self._result.callback(value)

    def _not_answered(self, failure: Failure, url: str, timeout: float) -> None:
        self._current = None
        instance, self._instance = self._instance, None
        assert instance is not None
        error = failure.value
        if self._cancelled or error is None or not is_network_error(error):
            self._instances.released(instance)
            if not self._cancelled:
                self._result.errback(failure)
            return
        self._instances.failed(instance, describe(error))
        if (self._idempotent or is_unsent(error)) and self._retry():
            return
        self._result.errback(Failure(network_error(
            error, self._correlation_id, self._method, url, round(timeout * 1000), self._policy.connect_timeout
        )))

    def _retry(self) -> bool:
        """Starts the next try, if the policy and the deadline allow one; False when the call must fail now."""
        remaining = self._remaining()
        if self._retries >= self._policy.retries or (remaining is not None and remaining <= 0):
            return False
        try:
            other = self._instances.pick(exclude=self._tried)
        except ApplicationException:
            other = None  # closed meanwhile: the next round says so
        if other is not None:
            self._count_retry("on another instance", 0.0)
            self._send(other)
            return True
        if not self._idempotent:
            return False
        delay = self._policy.delay_before(self._waits)
        if remaining is not None and delay >= remaining:
            return False
        self._waits += 1
        self._count_retry("after a wait", delay)
        self._delayed = self._clock.callLater(delay, self._next_round)
        return True

    def _count_retry(self, how: str, delay: float) -> None:
        self._retries += 1
        if self._on_retry is not None:
            self._on_retry()
        self._logger.debug(self._correlation_id, "Retrying %s %s %s (%.3f s)", self._method, self._path, how, delay)

    def _cancel(self, result: defer.Deferred[Any]) -> None:
        self._cancelled = True
        if self._delayed is not None and self._delayed.active():
            self._delayed.cancel()
        if self._current is not None:
            self._current.cancel()

    def _decode(self, url: str, status: int, data: bytes) -> Any:
        if status >= 300:
            raise response_error(self._correlation_id, self._method, url, status, data)
        if status == 204 or not data:
            return None
        try:
            return parse_json(data, self._correlation_id, "The response")
        except BadRequestException as error:
            raise format_error(self._correlation_id, self._method, url, status, data, error) from error
