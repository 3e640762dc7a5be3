# -*- test-case-name: tests.aws.test_lambda_client -*-
"""LambdaInvokeServer: the Lambda Invoke API on twisted.web, running handlers in process (for tests)."""

from __future__ import annotations

import json
import re
import threading
import time
import traceback
import uuid
from typing import Any, Callable, Optional
from urllib.parse import unquote

from twisted.internet.threads import deferToThreadPool
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET

from ..lifecycle import ReactorAware

_PATH = re.compile(r"^/2015-03-31/functions/([^/]+)/invocations/?$")
_AUTH = re.compile(r"Credential=([^/]+)/([^/]+)/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=(\w+)")

Handler = Callable[[Any, Any], Any]


class LambdaContext:
    """The context object the Lambda runtime passes to a handler, with what it carries."""

    def __init__(self, function_name: str, region: str = "us-east-1", timeout_ms: int = 30000,
                 memory_limit_in_mb: int = 128) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:{region}:123456789012:function:{function_name}"
        self.memory_limit_in_mb = memory_limit_in_mb
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = time.strftime("%Y/%m/%d/[$LATEST]") + uuid.uuid4().hex
        self.identity = None
        self.client_context = None
        self._deadline = time.monotonic() + timeout_ms / 1000.0

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def runtime_error_payload(error: BaseException, request_id: str) -> dict[str, Any]:
    """What the Python runtime answers for an exception out of a handler (with X-Amz-Function-Error: Unhandled)."""
    return {
        "errorMessage": str(error),
        "errorType": type(error).__name__,
        "requestId": request_id,
        "stackTrace": traceback.format_tb(error.__traceback__),
    }


class LambdaInvokeServer(ReactorAware, Resource):
    """
    A local stand-in for the Lambda Invoke API (C{POST
    /2015-03-31/functions/<name>/invocations}), for tests of Lambda clients
    and entry points without AWS. What it checks, as Lambda does: the SigV4
    signature (recomputed by botocore for the keys in C{credentials}: region,
    service C{lambda}, signed headers, body hash), that the function exists
    and that the payload is JSON. It then calls C{handler(event, context)} in
    a thread, as the runtime would, and answers its result, or the runtime's
    error payload with C{X-Amz-Function-Error: Unhandled}; C{Event}
    invocations answer 202 at once. It does not check IAM permissions, limits
    or the C{X-Amz-Date} window.
    """

    isLeaf = True

    def __init__(self, functions: dict[str, Handler], credentials: dict[str, str], region: str = "us-east-1") -> None:
        Resource.__init__(self)
        self.functions = functions
        self.credentials = credentials
        self.region = region
        self.invocations: list[dict[str, Any]] = []
        self.lock = threading.Lock()

    def render_POST(self, request: Any) -> Any:  # noqa: N802 (twisted.web's name)
        request_id = str(uuid.uuid4())
        request.setHeader(b"x-amzn-RequestId", request_id.encode())
        body = request.content.read()
        denied = self._check_signature(request, body)
        if denied is not None:
            return self._error(request, 403, *denied)
        match = _PATH.match(request.path.decode("utf-8", "replace"))
        name = unquote(match.group(1)) if match else ""
        name = name.rsplit(":", 1)[-1] if name.startswith("arn:") else name
        handler = self.functions.get(name)
        if handler is None:
            return self._error(request, 404, "ResourceNotFoundException", f"Function not found: {name}")
        try:
            event = json.loads(body) if body else {}
        except ValueError as e:
            return self._error(request, 400, "InvalidRequestContentException", f"Could not parse request body: {e}")
        kind = (request.getHeader(b"x-amz-invocation-type") or b"RequestResponse").decode()
        with self.lock:
            self.invocations.append({"function": name, "type": kind, "event": event})
        if kind == "DryRun":
            request.setResponseCode(204)
            return b""
        reactor: Any = self.reactor
        running = deferToThreadPool(reactor, reactor.getThreadPool(), self._run, handler, event,
                                    LambdaContext(name, self.region), request_id)
        if kind == "Event":
            request.setResponseCode(202)
            return b""
        gone: list[bool] = []
        request.notifyFinish().addErrback(lambda _: gone.append(True))
        running.addCallback(self._answer, request, gone)
        return NOT_DONE_YET

    @staticmethod
    def _run(handler: Handler, event: Any, context: LambdaContext, request_id: str) -> tuple[bool, bytes]:
        try:
            return True, json.dumps(handler(event, context)).encode("utf-8")
        except Exception as error:
            return False, json.dumps(runtime_error_payload(error, request_id)).encode("utf-8")

    @staticmethod
    def _answer(outcome: tuple[bool, bytes], request: Any, gone: list[bool]) -> None:
        if gone:
            return  # the client gave up waiting
        ok, payload = outcome
        request.setHeader(b"content-type", b"application/json")
        request.setHeader(b"x-amz-executed-version", b"$LATEST")
        if not ok:
            request.setHeader(b"x-amz-function-error", b"Unhandled")
        request.write(payload)
        request.finish()

    def _check_signature(self, request: Any, body: bytes) -> Optional[tuple[str, str]]:
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        header = (request.getHeader(b"authorization") or b"").decode("latin-1")
        found = _AUTH.search(header)
        if found is None:
            return "MissingAuthenticationTokenException", "Missing Authentication Token"
        access_id, _, region, service, signed_names, signature = found.groups()
        secret = self.credentials.get(access_id)
        if secret is None:
            return "UnrecognizedClientException", "The security token included in the request is invalid."
        if region != self.region or service != "lambda":
            return "InvalidSignatureException", f"Credential should be scoped to {self.region}/lambda"
        headers = {}
        for name in signed_names.split(";"):
            value = request.getHeader(name.encode())
            if value is None:
                return "InvalidSignatureException", f"Signed header {name} is missing"
            headers[name] = value.decode("latin-1")
        aws_request = AWSRequest(method="POST", url=request.uri.decode("latin-1"), data=body, headers=headers)
        aws_request.context["timestamp"] = headers.get("x-amz-date", "")
        auth = SigV4Auth(Credentials(access_id, secret, headers.get("x-amz-security-token")), "lambda", region)
        expected = auth.signature(auth.string_to_sign(aws_request, auth.canonical_request(aws_request)), aws_request)
        if expected != signature:
            return "InvalidSignatureException", ("The request signature we calculated does not match the "
                                                 "signature you provided.")
        return None

    @staticmethod
    def _error(request: Any, status: int, error_type: str, message: str) -> bytes:
        request.setResponseCode(status)
        request.setHeader(b"content-type", b"application/json")
        request.setHeader(b"x-amzn-ErrorType", f"{error_type}:http://internal.amazon.com/coral/".encode())
        return json.dumps({"Type": "User", "message": message}).encode("utf-8")
