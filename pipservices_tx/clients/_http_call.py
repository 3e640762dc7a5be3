# -*- test-case-name: tests.clients.test_rest_client_timeouts -*-
"""HttpCall: one logical call of a RestClient, with its attempts, timeouts, retries and cancellation."""

from __future__ import annotations

from typing import Any, Callable, Optional

from attrs import frozen
from twisted.internet import defer
from twisted.internet.interfaces import IDelayedCall, IReactorTime
from twisted.python.failure import Failure
from twisted.web.http_headers import Headers

from ..errors import BadRequestException, InvalidStateException
from ..lifecycle import backoff
from ..logs import ILogger
from ..portability import parse_json
from ._transport import read_body
from ._wire_errors import format_error, is_network_error, network_error, response_error

_JSON_HEADERS = {
    b"Content-Type": [b"application/json"],
    b"Accept": [b"application/json"],
}


@frozen
class CallPolicy:
    """Timeouts (ms, 0 for none) and retries of the calls of one client."""

    connect_timeout: int = 10000
    timeout: int = 10000
    retries: int = 3
    retry_delay: int = 100
    max_retry_delay: int = 5000
    retry_jitter: float = 0.1

    def delay_before(self, retry: int) -> float:
        """Seconds to wait before retry number C{retry} (0 first): L{backoff}, exponential, capped, jittered."""
        return backoff(self.retry_delay / 1000.0, self.max_retry_delay / 1000.0, jitter=self.retry_jitter)(retry)


def _timed_out(result: Any, timeout: float) -> Any:
    # Cancelling fails with whatever the agent makes of it (ResponseNeverReceived...).
    if isinstance(result, Failure):
        raise defer.TimeoutError(f"no response within {timeout} s")
    return result


def _read(response: Any) -> defer.Deferred[tuple[int, bytes]]:
    return read_body(response).addCallback(lambda data: (response.code, data))


class HttpCall:
    """
    Sends a request until it is answered, retrying (when C{retries} > 0) after
    a failure to get an answer or a 503. Each attempt has the request timeout;
    cancelling the call's Deferred stops the attempt or the delay in progress.
    """

    __slots__ = (
        "_get_client", "_clock", "_logger", "_policy", "_method", "_url", "_body", "_correlation_id",
        "_retries", "_attempt", "_result", "_current", "_delayed", "_cancelled", "_headers",
    )

    def __init__(
        self,
        get_client: Callable[[], Any],
        clock: IReactorTime,
        logger: ILogger,
        policy: CallPolicy,
        method: str,
        url: str,
        body: Optional[bytes],
        correlation_id: Optional[str],
        retries: int,
        authorization: Optional[bytes] = None,
    ) -> None:
        self._get_client = get_client
        self._clock = clock
        self._logger = logger
        self._policy = policy
        self._method = method
        self._url = url
        self._body = body
        self._correlation_id = correlation_id
        self._retries = retries
        self._headers = dict(_JSON_HEADERS)
        if authorization is not None:
            self._headers[b"Authorization"] = [authorization]
        self._attempt = 0
        self._result: defer.Deferred[Any] = defer.Deferred(self._cancel)
        self._current: Optional[defer.Deferred[Any]] = None
        self._delayed: Optional[IDelayedCall] = None
        self._cancelled = False

    def start(self) -> defer.Deferred[Any]:
        """Fires with the decoded JSON result, or fails with an ApplicationException."""
        self._send()
        return self._result

    def _send(self) -> None:
        self._delayed = None
        client = self._get_client()
        if client is None:
            self._result.errback(InvalidStateException(self._correlation_id, "NOT_OPENED", "The client was closed"))
            return
        try:
            d: defer.Deferred[Any] = client.request(
                self._method, self._url, data=self._body, headers=Headers(self._headers),
                allow_redirects=False, unbuffered=True,
            )
        except Exception:
            self._result.errback()
            return
        d.addCallback(_read)
        if self._policy.timeout > 0:
            d.addTimeout(self._policy.timeout / 1000.0, self._clock, onTimeoutCancel=_timed_out)
        self._current = d
        d.addCallbacks(self._answered, self._not_answered)

    def _answered(self, result: tuple[int, bytes]) -> None:
        self._current = None
        status, data = result
        if status == 503 and self._attempt < self._retries:
            self._schedule_retry()
            return
        try:
            value = self._decode(status, data)
        except Exception:
            self._result.errback()
            return
        self._result.callback(value)

    def _not_answered(self, failure: Failure) -> None:
        self._current = None
        if self._cancelled:
            return
        error = failure.value
        if error is not None and is_network_error(error):
            if self._attempt < self._retries:
                self._schedule_retry()
                return
            policy = self._policy
            failure = Failure(network_error(
                error, self._correlation_id, self._method, self._url, policy.timeout, policy.connect_timeout
            ))
        self._result.errback(failure)

    def _schedule_retry(self) -> None:
        delay = self._policy.delay_before(self._attempt)
        self._attempt += 1
        self._logger.debug(self._correlation_id, "Retrying %s %s in %s s", self._method, self._url, delay)
        self._delayed = self._clock.callLater(delay, self._send)

    def _cancel(self, result: defer.Deferred[Any]) -> None:
        self._cancelled = True
        if self._delayed is not None and self._delayed.active():
            self._delayed.cancel()
        if self._current is not None:
            self._current.cancel()

    def _decode(self, status: int, data: bytes) -> Any:
        if status >= 300:
            raise response_error(self._correlation_id, self._method, self._url, status, data)
        if status == 204 or not data:
            return None
        try:
            return parse_json(data, self._correlation_id, "The response")
        except BadRequestException as error:
            raise format_error(self._correlation_id, self._method, self._url, status, data, error) from error
