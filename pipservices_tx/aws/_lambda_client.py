# -*- test-case-name: tests.aws.test_lambda_client -*-
"""LambdaClient: invokes an AWS Lambda function through the Invoke API, signed with SigV4, via treq."""

from __future__ import annotations

import json
import re
from typing import Any, Mapping, Optional

from twisted.internet import defer
from twisted.internet import error as net_error
from zope.interface import implementer

from ..clients import InstrumentTiming
from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..errors import (
    ApplicationException,
    BadRequestException,
    ConflictException,
    ConnectionException,
    ForbiddenException,
    InvalidStateException,
    InvocationException,
    NotFoundException,
    UnauthorizedException,
    UnknownException,
)
from ..lifecycle import IClosable, IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..portability import IdGenerator
from ..refer import IReferenceable, IReferences
from ..services import encode_json
from ._connection import AwsConnection
from ._function_errors import error_from_function
from ._signing import sign_request

_CLASS_BY_STATUS: dict[int, type[ApplicationException]] = {
    400: BadRequestException, 401: UnauthorizedException, 403: ForbiddenException, 404: NotFoundException,
    409: ConflictException, 413: BadRequestException, 429: ConnectionException, 502: ConnectionException,
    503: ConnectionException, 504: ConnectionException,
}


@implementer(IOpenable, IClosable, IConfigurable, IReferenceable)
class LambdaClient(ReactorAware):
    """
    Calls actions of a Lambda function: each invocation's payload is the
    action's arguments plus C{cmd} (the action) and C{correlation_id} (made
    up when none is given), as pip-services Lambda clients send it. Config:
      - C{connection.function} (or C{connection.arn}): the function's name or ARN;
      - C{connection.region}; C{connection.uri}: the Lambda API's base URL
        when not AWS's (a local server);
      - C{credential.access_id} and C{credential.access_key} (else
        C{AWS_ACCESS_KEY_ID} and C{AWS_SECRET_ACCESS_KEY}),
        C{credential.session_token};
      - C{options.connect_timeout} (10000) and C{options.timeout} (ms for a
        whole invocation, 30000).

    A function error comes back as the exception the function raised (same
    class, code, status, details, correlation id) when the function runs our
    entry point, else as an InvocationException C{FUNCTION_ERROR}; an error
    of the API itself (signature, no such function, throttling) as the
    exception of its HTTP status, with the AWS error type as its code.
    """

    def __init__(self) -> None:
        self._config = ConfigParams()
        self._connection: Optional[AwsConnection] = None
        self._logger = CompositeLogger(component=type(self).__name__)
        self._counters = CompositeCounters()
        self._http: Any = None
        self._pool: Any = None  # a twisted.web.client.HTTPConnectionPool, made on open
        self.connect_timeout = 10000
        self.timeout = 30000

    def configure(self, config: ConfigParams) -> None:
        self._config = config
        self.connect_timeout = max(1, config.get_as_integer_with_default("options.connect_timeout",
                                                                         self.connect_timeout))
        self.timeout = max(1, config.get_as_integer_with_default("options.timeout", self.timeout))

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)
        self._counters.set_references(references)

    @property
    def connection(self) -> Optional[AwsConnection]:
        return self._connection

    def is_open(self) -> bool:
        return self._http is not None

    def open(self, correlation_id: Optional[str] = None) -> defer.Deferred[None]:
        if self._http is None:
            try:
                self._connection = AwsConnection.from_config(self._config)
            except Exception as e:
                return defer.fail(e)
            from treq.client import HTTPClient
            from twisted.web.client import Agent, HTTPConnectionPool

            self._pool = HTTPConnectionPool(self.reactor, persistent=True)
            agent = Agent(self.reactor, connectTimeout=self.connect_timeout / 1000.0, pool=self._pool)
            self._http = HTTPClient(agent)
            self._logger.debug(correlation_id, "Lambda client for %s at %s", self._connection.function,
                               self._connection.endpoint)
        return defer.succeed(None)

    def close(self, correlation_id: Optional[str] = None) -> defer.Deferred[None]:
        pool, self._pool, self._http = self._pool, None, None
        return pool.closeCachedConnections() if pool is not None else defer.succeed(None)

    # -- invocations ----------------------------------------------------------

    def _call(self, cmd: str, correlation_id: Optional[str], params: Optional[Mapping[str, Any]] = None
              ) -> defer.Deferred[Any]:
        """Invokes action C{cmd} and waits for its result (C{RequestResponse})."""
        return defer.ensureDeferred(self._invoke("RequestResponse", cmd, correlation_id, params))

    def _call_one_way(self, cmd: str, correlation_id: Optional[str], params: Optional[Mapping[str, Any]] = None
                      ) -> defer.Deferred[None]:
        """Queues action C{cmd} (C{Event}): Lambda answers 202 at once, the result is not returned."""
        return defer.ensureDeferred(self._invoke("Event", cmd, correlation_id, params))

    async def _invoke(self, invocation_type: str, cmd: str, correlation_id: Optional[str],
                      params: Optional[Mapping[str, Any]]) -> Any:
        if self._http is None or self._connection is None:
            raise InvalidStateException(correlation_id, "NOT_OPENED", "The Lambda client is not opened")
        if not cmd:
            raise UnknownException(correlation_id, "NO_COMMAND", "Missing the action (cmd) to invoke")
        correlation_id = correlation_id or IdGenerator.next_short()
        payload = dict(params or {})
        payload["cmd"] = cmd
        payload["correlation_id"] = correlation_id
        timing = InstrumentTiming(correlation_id, f"{self._connection.function}.{cmd}", self._logger, self._counters)
        try:
            result = await self._post(invocation_type, encode_json(payload), correlation_id)
        except Exception as e:
            timing.end_failure(e)
            raise
        timing.end_timing()
        return result

    async def _post(self, invocation_type: str, body: bytes, correlation_id: str) -> Any:
        connection = self._connection
        assert connection is not None
        url = connection.invoke_url
        headers = sign_request("POST", url, {"X-Amz-Invocation-Type": invocation_type, "X-Amz-Log-Type": "None",
                                             "Content-Type": "application/json"},
                               body, connection.region, connection.access_id, connection.access_key,
                               connection.session_token)
        request = self._http.request("POST", url, data=body, headers={k: [v] for k, v in headers.items()})
        timed_out: list[bool] = []
        waiting = [request]

        def expire() -> None:
            timed_out.append(True)
            waiting[0].cancel()

        timer = self.reactor.callLater(self.timeout / 1000.0, expire)
        try:
            response = await request
            waiting[0] = response.content()
            content = await waiting[0]
        except Exception as e:
            raise _network_error(defer.TimeoutError() if timed_out else e, correlation_id, url, self.timeout) from e
        finally:
            if timer.active():
                timer.cancel()
        if response.code >= 300:
            raise _api_error(response, content, correlation_id, connection.function)
        function_error = response.headers.getRawHeaders(b"x-amz-function-error", [None])[0]
        value = _json(content, correlation_id, connection.function)
        if function_error:
            raise error_from_function(value, function_error.decode("latin-1"), correlation_id, connection.function)
        return None if invocation_type == "Event" else value


def _json(content: bytes, correlation_id: str, function: str) -> Any:
    if not content.strip():
        return None
    try:
        return json.loads(content)
    except ValueError as e:
        raise UnknownException(correlation_id, "FORMAT_ERROR", f"The result of {function} is not JSON: {e}") \
            .with_details("body", content[:200].decode("utf-8", "replace")).with_cause(e) from e


def _api_error(response: Any, content: bytes, correlation_id: str, function: str) -> ApplicationException:
    """An error answered by the Lambda API (not by the function)."""
    header = response.headers.getRawHeaders(b"x-amzn-errortype", [b""])[0].decode("latin-1")
    code = header.split(":", 1)[0]
    message = ""
    try:
        body = json.loads(content)
    except ValueError:
        body = None
    if isinstance(body, Mapping):
        code = code or str(body.get("__type") or body.get("Type") or body.get("code") or "").split("#")[-1]
        message = str(body.get("message") or body.get("Message") or "")
    else:
        text = content.decode("utf-8", "replace")
        found = re.search(r"<Code>([^<]*)</Code>", text)
        code = code or (found.group(1) if found else "")
        found = re.search(r"<Message>([^<]*)</Message>", text)
        message = found.group(1) if found else text[:200]
    cls = _CLASS_BY_STATUS.get(response.code, InvocationException if response.code >= 500 else UnknownException)
    error = cls(correlation_id, code or f"HTTP_{response.code}",
                f"Invoking {function} failed with HTTP {response.code}: {code} {message}".strip(), status=response.code)
    error.with_details("status", response.code).with_details("function", function)
    request_id = response.headers.getRawHeaders(b"x-amzn-requestid", [None])[0]
    if request_id:
        error.with_details("request_id", request_id.decode("latin-1"))
    return error


def _network_error(error: BaseException, correlation_id: str, url: str, timeout: int) -> ApplicationException:
    if isinstance(error, ApplicationException):
        return error
    if isinstance(error, (defer.TimeoutError, defer.CancelledError, net_error.TimeoutError)):
        code, message = "TIMEOUT", f"No answer from {url} within {timeout} ms"
    elif isinstance(error, net_error.ConnectionRefusedError):
        code, message = "CONNECTION_REFUSED", f"Connection refused by {url}"
    else:
        code, message = "NO_RESPONSE", f"No response from {url}: {error}"
    return ConnectionException(correlation_id, code, message).with_details("url", url).with_cause(error)
