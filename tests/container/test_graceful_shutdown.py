"""
SIGTERM under twistd: readiness off, listener closed, requests in flight
answered, every connection the server accepted answered, then close. The
test waits on what twistd logs, never on a clock.
"""

from __future__ import annotations

import json
from typing import Any

import treq
from twisted.internet import reactor
from twisted.internet.defer import Deferred, DeferredList, ensureDeferred
from twisted.internet.endpoints import TCP4ClientEndpoint, connectProtocol
from twisted.internet.error import ConnectError
from twisted.internet.protocol import Protocol

from pipservices_tx.testing import free_port

from .test_twistd_process import _TwistdTestCase

SLOW_SERVICE = '''
import os

from twisted.internet import reactor, task

from pipservices_tx.services import RestService


class SlowService(RestService):
    """GET /slow/work answers once the file "release" exists."""

    base_route = "slow"

    def register(self):
        self.register_route("GET", "/work", self._work)

    async def _work(self, request):
        self._logger.info(None, "work started")
        while not os.path.exists("release"):
            await task.deferLater(reactor, 0.01, lambda: None)
        return {"finished": True}
'''

CONFIG = """
- descriptor: "pip-services:context-info:default:default:1.0"
  name: slow
- descriptor: "pip-services:endpoint:http:default:1.0"
  connection: {{host: 127.0.0.1, port: {port}}}
  options: {{shutdown_timeout: 5, pre_stop_delay: {pre_stop_delay}}}
- type: "SlowService,slow_service"
- descriptor: "pip-services:health-service:http:default:1.0"
- descriptor: "pip-services:heartbeat-service:http:default:1.0"
"""

#: Clients that each open a new connection for every request.
CLIENTS = 16
#: Requests answered before the SIGTERM, and at most in all (bounded load).
BEFORE_SIGNAL = 200
MAX_REQUESTS = 20_000




class _OneRequest(Protocol):
    """Sends one request with C{Connection: close}; C{done} fires with what came back."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.data = b""
        self.done: Deferred[bytes] = Deferred()

    def connectionMade(self) -> None:
        self.transport.write(  # type: ignore[union-attr]
            f"GET {self.path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())

    def dataReceived(self, data: bytes) -> None:
        self.data += data

    def connectionLost(self, reason: Any = None) -> None:
        self.done.callback(self.data)


def _complete(data: bytes) -> int:
    """The status of a whole answer in C{data}, else 0 (nothing, or part of one)."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return 0
    lines = head.decode("latin-1").split("\r\n")
    length = [int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")]
    return int(lines[0].split(" ")[1]) if length and len(body) == length[0] else 0


class GracefulShutdownTests(_TwistdTestCase):
    timeout = 60

    def start(self, pre_stop_delay: float = 0) -> Any:
        self.port = free_port()
        self.write("slow_service.py", SLOW_SERVICE)
        self.write("slow.yml", CONFIG.format(port=self.port, pre_stop_delay=pre_stop_delay))
        return self.spawn("-c", "slow.yml")

    def test_request_in_flight_completes_after_sigterm(self) -> Any:
        async def run() -> None:
            twistd = self.start()
            await twistd.wait_for("Container slow started")
            pending = treq.get(f"http://127.0.0.1:{self.port}/slow/work", persistent=False)
            await twistd.wait_for("work started")
            twistd.transport.signalProcess("TERM")  # type: ignore[union-attr]
            await twistd.wait_for("Waiting for 1 requests in flight")
            twistd.transport.signalProcess("TERM")  # type: ignore[union-attr]
            await twistd.wait_for("Received SIGTERM again: already stopping")
            self.write("release", "")
            try:
                response = await pending
            except Exception as e:
                await self.ended(twistd)
                raise AssertionError(twistd.text) from e
            self.assertEqual(response.code, 200)
            self.assertEqual(json.loads(await response.content()), {"finished": True})
            code = await self.ended(twistd)
            self.assertEqual(code, 0, twistd.text)
            text = twistd.out.decode()
            order = [text.index(marker) for marker in (
                "Received SIGTERM: stopping gracefully", "Waiting for 1 requests in flight",
                "HTTP endpoint drained", "Container slow stopped")]
            self.assertEqual(order, sorted(order), text)
            self.assertNotIn("ReactorNotRunning", text)
            self.assertEqual(twistd.error_lines, [])
        return ensureDeferred(run())

    def test_no_request_on_a_new_connection_is_cut_by_sigterm(self) -> Any:
        async def run() -> None:
            twistd = self.start(pre_stop_delay=0.3)
            await twistd.wait_for("Container slow started")
            outcomes: dict[str, int] = {}
            statuses: dict[int, int] = {}
            signalled = False

            async def client(n: int) -> None:
                nonlocal signalled
                paths = ["/heartbeat", "/health/ready"]
                while sum(outcomes.values()) < MAX_REQUESTS:
                    if twistd.ended.called:
                        return
                    protocol = _OneRequest(paths[n % 2])
                    n += 1
                    try:
                        await connectProtocol(TCP4ClientEndpoint(reactor, "127.0.0.1", self.port), protocol)
                    except ConnectError:
                        outcomes["refused"] = outcomes.get("refused", 0) + 1
                        continue
                    status = _complete(await protocol.done)
                    outcome = "complete" if status else ("cut" if protocol.data else "closed")
                    outcomes[outcome] = outcomes.get(outcome, 0) + 1
                    if status:
                        key = status if protocol.path == "/heartbeat" else -status  # readiness as negative
                        statuses[key] = statuses.get(key, 0) + 1
                    if not signalled and outcomes.get("complete", 0) >= BEFORE_SIGNAL:
                        signalled = True
                        twistd.transport.signalProcess("TERM")  # type: ignore[union-attr]

            clients = DeferredList([ensureDeferred(client(n)) for n in range(CLIENTS)], fireOnOneErrback=True)
            code = await self.ended(twistd)
            await clients
            self.assertTrue(signalled)
            self.assertEqual(code, 0, twistd.text)
            self.assertEqual((outcomes.get("cut", 0), outcomes.get("closed", 0)), (0, 0), (outcomes, statuses))
            self.assertGreater(statuses.get(-503, 0), 0, statuses)  # readiness off while still serving
            self.assertIn("Serving 0.3 s more before closing the listener", twistd.out.decode())
            self.assertEqual(twistd.error_lines, [])
        return ensureDeferred(run())


