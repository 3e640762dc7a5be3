"""SIGTERM under twistd: readiness off, listener closed, requests in flight answered, then close."""

from __future__ import annotations

import json
from typing import Any

import treq
from twisted.internet import reactor, task
from twisted.internet.defer import ensureDeferred

from pipservices_tx.testing import free_port

from .test_twistd_process import _TwistdTestCase

SLOW_SERVICE = '''
from twisted.internet import reactor, task

from pipservices_tx.services import RestService


class SlowService(RestService):
    base_route = "slow"

    def register(self):
        self.register_route("GET", "/work", self._work)

    def _work(self, request):
        return task.deferLater(reactor, 1.0, lambda: {"finished": True})
'''




class GracefulShutdownTests(_TwistdTestCase):
    def test_request_in_flight_completes_after_sigterm(self) -> Any:
        async def run() -> None:
            port = free_port()
            self.write("slow_service.py", SLOW_SERVICE)
            self.write("slow.yml", f"""
- descriptor: "pip-services:context-info:default:default:1.0"
  name: slow
- descriptor: "pip-services:endpoint:http:default:1.0"
  connection: {{host: 127.0.0.1, port: {port}}}
  options: {{shutdown_timeout: 5}}
- type: "SlowService,slow_service"
- descriptor: "pip-services:health-service:http:default:1.0"
""")
            twistd = self.spawn("-c", "slow.yml")
            await twistd.wait_for("Container slow started")
            base = f"http://127.0.0.1:{port}"
            pending = treq.get(base + "/slow/work", persistent=False)
            await task.deferLater(reactor, 0.3, lambda: None)
            twistd.transport.signalProcess("TERM")  # type: ignore[union-attr]
            await task.deferLater(reactor, 0.2, lambda: None)
            twistd.transport.signalProcess("TERM")  # type: ignore[union-attr]
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
            self.assertIn("Received SIGTERM again: already stopping", text)
            self.assertNotIn("ReactorNotRunning", text)
            self.assertEqual(twistd.error_lines, [])
        return ensureDeferred(run())
