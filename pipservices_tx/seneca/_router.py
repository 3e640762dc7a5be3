# -*- test-case-name: tests.seneca.test_router -*-
"""The resource behind a seneca endpoint: reads acts at C{/act}, finds their action, answers as seneca does."""

from __future__ import annotations

from types import CoroutineType
from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, ensureDeferred
from twisted.python.failure import Failure
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET

from ..errors import ApplicationException, BadRequestException, ConnectionException, NotFoundException
from ..services import LimitedRequest, MethodNotAllowedException, RequestTooLargeException, get_correlation_id
from ._patterns import PatternTable, field_text
from ._wire import SenecaAct, error_reply, meta_of_body, read_act, result_body, send_reply

SenecaHandler = Callable[[SenecaAct], Any]
"""Runs an act: returns its result, a Deferred or a coroutine of it, or raises."""

DEFAULT_PATH = "/act"


class SenecaRouter(Resource):
    """
    Answers C{POST} (and C{GET} with the act in the query) at C{path}: an act
    no action takes is a NotFoundException C{ACT_NOT_FOUND}, any other path a
    C{NOT_FOUND}; bodies over the endpoint's limit are C{REQUEST_TOO_LARGE}.
    Every answer, errors included, is one a seneca client takes (see L{send_reply}).
    """

    isLeaf = True

    def __init__(self, path: str = DEFAULT_PATH, debug: bool = False) -> None:
        super().__init__()
        self.actions: PatternTable[SenecaHandler] = PatternTable()
        self.debug = debug
        self.max_request_size = 1 << 20
        self.path = path

    @property
    def path(self) -> str:
        return self._path.decode("utf-8")

    @path.setter
    def path(self, value: str) -> None:
        self._path = ("/" + value.strip("/")).encode("utf-8")

    def render(self, request: Any) -> Any:
        method = request.method
        if ((method == b"POST" or method == b"GET") and request.path == self._path
                and not getattr(request, "body_too_large", False)):
            self._act(request)
            return NOT_DONE_YET
        if getattr(request, "body_too_large", False):
            error: ApplicationException = RequestTooLargeException(
                get_correlation_id(request), self.max_request_size)
        elif request.path != self._path:
            path = request.path.decode("utf-8", "replace")
            error = NotFoundException(get_correlation_id(request), "NOT_FOUND",
                                      f"Seneca acts are at {self.path}, not {path}").with_details("path", path)
        else:
            request.setHeader(b"allow", b"GET, POST")
            error = MethodNotAllowedException(get_correlation_id(request), method.decode("ascii", "replace"),
                                              self.path, ("GET", "POST"))
        # Refused before it is read: the act's meta$, if it came with one, still routes the error to its caller.
        self.answer_error(request, error, meta=meta_of_body(request))
        return NOT_DONE_YET

    def _act(self, request: Any) -> None:
        try:
            act = read_act(request)
        except BadRequestException as error:
            self.answer_error(request, error, meta=meta_of_body(request))
            return
        handler = self.actions.find(act.message)
        if handler is None:
            self.answer_error(request, _not_found(act), act.correlation_id, act.meta)
            return
        try:
            result = handler(act)
        except Exception as error:
            self.answer_error(request, error, act.correlation_id, act.meta)
            return
        if isinstance(result, Deferred):
            result.addCallbacks(self.answer, self._failed, callbackArgs=(request, act), errbackArgs=(request, act))
        elif isinstance(result, CoroutineType):
            ensureDeferred(result).addCallbacks(self.answer, self._failed, callbackArgs=(request, act),
                                                errbackArgs=(request, act))
        else:
            self.answer(result, request, act)

    def answer(self, result: Any, request: Any, act: SenecaAct) -> None:
        status, body = result_body(result, act.meta, act.correlation_id)
        send_reply(request, status, body)

    def _failed(self, failure: Failure, request: Any, act: SenecaAct) -> None:
        self.answer_error(request, failure.value, act.correlation_id, act.meta)  # type: ignore[arg-type]

    def answer_error(self, request: Any, error: BaseException, correlation_id: Optional[str] = None,
                     meta: Optional[dict[str, Any]] = None) -> None:
        """Answers with C{error} as a seneca error (C{meta} is the act's C{meta$}, when it had one)."""
        status, body = error_reply(error, correlation_id, meta, self.debug)
        send_reply(request, status, body)


def _not_found(act: SenecaAct) -> NotFoundException:
    fields = {key: text for key, value in act.message.items()
              if not key.endswith("$") and (text := field_text(value)) is not None and len(text) <= 100}
    shown = ",".join(f"{key}:{fields[key]}" for key in sorted(fields)[:10])
    error = NotFoundException(act.correlation_id, "ACT_NOT_FOUND", f"No action matches the act {{{shown}}}")
    error.with_details("act", dict(sorted(fields.items())[:10]))
    return error


class SenecaRequest(LimitedRequest):
    """
    A request of a seneca endpoint: limited like an HTTP endpoint's, and
    refused as a seneca error (503 C{OVERLOADED}) when too many are in flight.
    Of a body over the limit it keeps the last L{TAIL_SIZE} bytes, where the
    act's C{meta$} is, so that the error reaches the act's caller.
    """

    TAIL_SIZE = 8192
    body_tail = b""

    def handleContentChunk(self, data: bytes) -> None:  # noqa: N802 (Twisted's name)
        super().handleContentChunk(data)
        if self.body_too_large:
            self.body_tail = (self.body_tail + data)[-self.TAIL_SIZE:]

    def _refuse_overloaded(self, site: Any) -> None:
        self.setHeader(b"retry-after", b"%d" % site.retry_after)
        error = ConnectionException(
            get_correlation_id(self), "OVERLOADED",
            f"The service is busy: {site.in_flight} requests in flight; retry in {site.retry_after} s",
        )
        status, body = error_reply(error, None, meta_of_body(self))
        send_reply(self, status, body)
