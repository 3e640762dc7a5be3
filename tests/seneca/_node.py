"""Running the real seneca (npm, under C{tests/seneca/node}) with Node for the interop tests."""

from __future__ import annotations

import json
import os
import shutil
from typing import Any

from twisted.internet import reactor
from twisted.trial.unittest import SkipTest, TestCase

from ..beacons.test_interop import _Script

NODE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "node")
#: Seconds a script may run before it is killed.
SCRIPT_TIMEOUT = 20.0


def node() -> str:
    """
    Node, with seneca installed by C{npm ci} in L{NODE_DIR} (C{.ci/services.sh}
    does it); skips without them, except under CI, where they are required.
    """
    program = shutil.which("node") or shutil.which("nodejs")
    if program and os.path.isfile(os.path.join(NODE_DIR, "node_modules", "seneca", "package.json")):
        return program
    reason = ("Node is not installed" if not program else
              f"seneca is not installed in {NODE_DIR} (npm ci there)")
    if os.environ.get("CI"):
        raise AssertionError(f"{reason}, and CI requires it (run .ci/services.sh)")
    raise SkipTest(reason)


def spawn(script: str, *args: str, serves: bool = False) -> _Script:
    """Runs C{node/<script>} with Node; killed after L{SCRIPT_TIMEOUT}."""
    protocol = _Script(serves)
    program = node()
    reactor.spawnProcess(protocol, program, [program, script, *args], env=dict(os.environ), path=NODE_DIR)
    killer = reactor.callLater(SCRIPT_TIMEOUT, protocol.kill)
    protocol.ended.addBoth(lambda result: (killer.active() and killer.cancel(), result)[1])
    return protocol


async def run_script(script: str, *args: str) -> Any:
    """The JSON a script prints."""
    process = spawn(script, *args)
    code = await process.ended
    if code != 0:
        raise AssertionError(f"{script} exited with {code}: {process.err.decode(errors='replace')}")
    return json.loads(bytes(process.out))


async def start_service(case: TestCase, script: str, *args: str) -> int:
    """A seneca service script's port (its C{READY <port>} line); killed at cleanup."""
    process = spawn(script, *args, serves=True)

    async def stop() -> None:
        process.kill()
        await process.ended

    case.addCleanup(stop)
    return await process.ready
