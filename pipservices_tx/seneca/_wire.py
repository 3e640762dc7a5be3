# -*- test-case-name: tests.seneca.test_router -*-
"""
The seneca HTTP transport on the wire: reading an act from a request, and
answering with a result or an error that both seneca 3 clients understand.

A seneca 3 client POSTs the act's fields as a JSON object. The default
transport (C{seneca-transport}, C{type: 'http'}) names the act in the
C{seneca-id} and C{seneca-origin} headers and drops any answer that does not
echo them; any status but 200 is an error to it. The built-in transport
(C{legacy: {transport: false}}, C{type: 'web'}) puts a C{meta$} object in the
body instead, ignores the status, and reads C{meta$.error} and
C{meta$.empty} of the answer's C{meta$}.
"""

from __future__ import annotations

import json
import os
import uuid
from typing import Any, Mapping, Optional

from ..errors import BadRequestException, InternalException, UnknownException
from ..portability import parse_json
from ..services import encode_json, error_body, get_correlation_id, sanitize_correlation_id

#: The fields seneca itself adds to a message (C{meta$}, C{custom$}, C{transport$}...) end with "$".
META_FIELD = "meta$"
CORRELATION_ID_FIELD = "correlation_id"

#: Our seneca instance id, sent as C{seneca-accept} like a seneca listener sends its own.
INSTANCE_ID = f"{uuid.uuid4().hex[:12]}/pipsvc/{os.getpid()}"

_JSON = b"application/json"

#: Correlation ids this short, of printable ASCII without spaces, are kept as they are with no sanitizing pass
#: (sanitizing cuts only much longer ones).
_SHORT_ID = 64


class SenecaAct:
    """One act read from a request: its fields, the C{meta$} it came with, and its correlation id."""

    __slots__ = ("message", "meta", "correlation_id")

    def __init__(self, message: dict[str, Any], meta: Optional[dict[str, Any]], correlation_id: Optional[str]) -> None:
        self.message = message
        self.meta = meta
        self.correlation_id = correlation_id


def read_act(request: Any) -> SenecaAct:
    """
    The act of C{request}: its JSON body (C{{}} when empty) with the query
    parameters over it, as seneca's listener merges them. Fails with
    BadRequestException for a body that is not a JSON object (C{BAD_JSON},
    C{BAD_BODY}, C{JSON_TOO_DEEP}, C{BAD_TEXT}) or holds a number JSON cannot
    carry (C{NON_FINITE_NUMBER}: NaN, Infinity, 1e400): the strict reader
    refuses all of these in its one pass. The correlation id is the act's
    C{correlation_id}, else the query's or header's.
    """
    content = request.content
    data = b""
    if content is not None:
        content.seek(0)
        data = content.read()
    body: Any = None
    try:
        if not data or data.isspace():
            body = {}
        else:
            body = parse_json(data, None, "The request body")
            if type(body) is not dict:
                raise BadRequestException(
                    None, "BAD_BODY", f"A seneca act is a JSON object, not {type(body).__name__}"
                ).with_details("actual", type(body).__name__)
    except BadRequestException as error:
        # The strict reader refused the act (1e400, NaN...): its correlation id still answers it.
        error.correlation_id = _correlation_id(body if body is not None else _lenient_body(request), request)
        raise
    if request.args:
        for key, values in request.args.items():
            body[key.decode("utf-8", "replace")] = values[-1].decode("utf-8", "replace")
    meta = body.pop(META_FIELD, None)
    return SenecaAct(body, meta if type(meta) is dict else None, _correlation_id(body, request))


def _correlation_id(body: Any, request: Any) -> Optional[str]:
    """The act's C{correlation_id}, else the query's or the header's."""
    raw_id = body.get(CORRELATION_ID_FIELD) if isinstance(body, dict) else None
    if type(raw_id) is str and raw_id:
        if len(raw_id) <= _SHORT_ID and raw_id.isascii() and raw_id.isprintable() and " " not in raw_id:
            return raw_id  # already what sanitizing keeps: printable ASCII, no spaces, not too long
        correlation_id = sanitize_correlation_id(raw_id)
        if correlation_id is not None:
            return correlation_id
    return get_correlation_id(request)


def _lenient_body(request: Any) -> Any:
    """The body as Python's lenient JSON reader sees it (NaN and 1e400 allowed), or None."""
    content = request.content
    if content is None:
        return None
    try:
        content.seek(0)
        return json.loads(content.read())
    except (ValueError, RecursionError):
        return None


def action_arguments(message: Mapping[str, Any], pattern_fields: frozenset[str]) -> dict[str, Any]:
    """The act without its pattern fields, its correlation id and seneca's own C{...$} fields."""
    return arguments_without(message, pattern_fields | {CORRELATION_ID_FIELD})


def arguments_without(message: Mapping[str, Any], dropped: frozenset[str]) -> dict[str, Any]:
    """The act without the C{dropped} fields (computed once per action) and seneca's own C{...$} fields."""
    return {key: value for key, value in message.items() if key not in dropped and key[-1:] != "$"}


def reply_meta(meta: Optional[Mapping[str, Any]], error: bool, empty: bool = False) -> bytes:
    """The C{meta$} of an answer to an act that came with C{meta}: its id, and whether it failed or is empty."""
    source = meta or {}
    return encode_json({
        "id": source.get("id"), "pattern": source.get("pattern"), "sync": source.get("sync", True),
        "instance": INSTANCE_ID, "remote": True, "error": error, "empty": empty,
    })


def result_body(
    result: Any, meta: Optional[Mapping[str, Any]], correlation_id: Optional[str] = None
) -> tuple[int, bytes]:
    """
    The status and body of a result. Seneca carries objects and lists; None
    is C{null} (an empty answer); any other value is an error, as a seneca
    listener makes it (C{RESULT_NOT_OBJECT}), since a seneca client would drop it.
    """
    if result is None:
        return 200, b"null" if meta is None else b'{"meta$":' + reply_meta(meta, False, empty=True) + b"}"
    try:
        body = encode_json(result)
    except (TypeError, ValueError, RecursionError) as e:
        error: Exception = UnknownException(None, "FORMAT_ERROR", f"The result cannot be sent as JSON: {e}")
        return error_reply(error, correlation_id, meta)
    first = body[:1]
    if first == b"{":
        if meta is not None:
            tail = reply_meta(meta, False)
            body = b'{"meta$":' + tail + b"}" if body == b"{}" else body[:-1] + b',"meta$":' + tail + b"}"
        return 200, body
    if first == b"[":
        return 200, body
    error = InternalException(
        None, "RESULT_NOT_OBJECT", "The action's result is not an object or a list, which seneca cannot carry"
    ).with_details("result", body[:200].decode("utf-8", "replace"))
    return error_reply(error, correlation_id, meta)


def error_reply(
    error: BaseException, correlation_id: Optional[str], meta: Optional[Mapping[str, Any]], debug: bool = False
) -> tuple[int, bytes]:
    """
    The status and body of an error: the error as the REST services describe
    it (type, category, status, code, message, details, correlation id; secrets
    masked), plus C{statusCode} (the status, where a seneca listener looks for
    it) and, for an act that came with C{meta$}, C{meta$} with C{error: true}.
    """
    status, body = error_body(error, correlation_id, debug)
    extra = b',"statusCode":%d' % status
    if meta is not None:
        extra += b',"meta$":' + reply_meta(meta, True)
    return status, body[:-1] + extra + b"}"


def send_reply(request: Any, status: int, body: bytes) -> None:
    """
    Writes an answer, echoing the act's C{seneca-id} and C{seneca-origin}
    headers so that the client that sent it takes it.
    """
    if getattr(request, "_disconnected", False) or getattr(request, "finished", False):
        return
    if status != request.code:  # a request starts at 200
        request.setResponseCode(status)
    headers = request.responseHeaders
    headers.setRawHeaders(b"content-type", [_JSON])
    headers.setRawHeaders(b"content-length", [b"%d" % len(body)])
    act_id = request.getHeader(b"seneca-id")
    if act_id is not None:
        headers.setRawHeaders(b"seneca-id", [act_id])
        headers.setRawHeaders(b"seneca-kind", [b"res"])
        headers.setRawHeaders(b"seneca-origin", [request.getHeader(b"seneca-origin") or b"UNKNOWN"])
        headers.setRawHeaders(b"seneca-accept", [INSTANCE_ID.encode("ascii")])
    if request.method != b"HEAD":
        request.write(body)
    request.finish()


def meta_of_body(request: Any) -> Optional[dict[str, Any]]:
    """
    The C{meta$} of a request's body when its act is refused before it is
    read (best effort): from the whole body, or for a body over the limit
    from its last bytes (L{SenecaRequest} keeps them), where seneca's
    built-in transport puts C{meta$}.
    """
    tail = getattr(request, "body_tail", None)
    if tail:
        start = tail.rfind(b'"meta$":')
        try:
            meta, _ = json.JSONDecoder().raw_decode(tail[start + 8:].decode("utf-8", "replace")) if start >= 0 else (None, 0)
        except ValueError:
            return None
        return meta if isinstance(meta, dict) else None
    content = getattr(request, "content", None)
    if content is None:
        return None
    try:
        content.seek(0)
        value = json.loads(content.read() or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    meta = value.get(META_FIELD) if isinstance(value, dict) else None
    return meta if isinstance(meta, dict) else None
