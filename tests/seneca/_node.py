"""Running the real seneca (npm, under C{tests/seneca/node}) with Node for the interop tests."""

from __future__ import annotations

import json
import os
import shutil
from typing import Any

from twisted.trial.unittest import SkipTest, TestCase

from pipservices_tx.testing import ChildProcess

NODE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "node")
#: Seconds a script may take to run (or a service to start).
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


def spawn(case: TestCase, script: str, *args: str) -> ChildProcess:
    """Runs C{node/<script>} with Node; killed when the test ends."""
    program = node()
    return ChildProcess([program, script, *args], name=script, directory=NODE_DIR, timeout=SCRIPT_TIMEOUT).start(case)


async def run_script(case: TestCase, script: str, *args: str) -> Any:
    """The JSON a script prints."""
    process = spawn(case, script, *args)
    code = await process.exited()
    if code != 0:
        raise AssertionError(f"{script} exited with {code}: {process.err.decode(errors='replace')}")
    return json.loads(process.out)


async def start_service(case: TestCase, script: str, *args: str) -> int:
    """A seneca service script's port (its C{READY <port>} line); killed at cleanup."""
    ready = await spawn(case, script, *args).wait_for("READY ")
    return int(ready.split()[1])
