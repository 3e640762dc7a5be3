"""
Interoperability with pip-services3 (PyPI C{pip-services3-rpc}): its client
against our beacons service, and our client against its service. The
pip-services3 side is synchronous and runs in subprocesses (the scripts of
C{tests/beacons/interop/}), with the interpreter of C{$PIPS3_PYTHON} or else
this one; without pip-services3 there the tests skip (and fail under CI).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any, Optional

from twisted.internet import reactor
from twisted.internet.defer import Deferred
from twisted.internet.error import ProcessDone, ProcessExitedAlready
from twisted.internet.protocol import ProcessProtocol
from twisted.python.failure import Failure
from twisted.trial.unittest import SkipTest, TestCase

from examples.beacons.clients import BeaconsCommandableHttpClientV1
from examples.beacons.data import FIXTURES
from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.errors import BadRequestException, NotFoundException
from pipservices_tx.services import ENDPOINT_DESCRIPTOR
from pipservices_tx.validation import ValidationException

from .test_clients import CONFIG, HTTP_CONFIG, PERSISTENCE, BeaconsClientBehaviour, load_fixtures

SCRIPTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "interop")
#: Seconds a script may run (or a service take to start) before it is killed.
SCRIPT_TIMEOUT = 30.0

_checked: dict[str, Optional[str]] = {}


def pips_python() -> str:
    """The interpreter that has pip-services3-rpc; skips (fails under CI) when there is none."""
    python = os.environ.get("PIPS3_PYTHON") or sys.executable
    if python not in _checked:
        try:
            subprocess.run([python, "-c", "import pip_services3_rpc.clients, pip_services3_rpc.services"],
                           check=True, capture_output=True, timeout=SCRIPT_TIMEOUT)
            _checked[python] = None
        except (OSError, subprocess.SubprocessError) as error:
            _checked[python] = f"pip-services3-rpc is not importable by {python}: {error}"
    reason = _checked[python]
    if reason is not None:
        if os.environ.get("CI"):
            raise AssertionError(f"{reason}, and CI requires it (pip install pip-services3-rpc)")
        raise SkipTest(reason)
    return python


class _Script(ProcessProtocol):
    """
    A script's output; for a service (C{serves}), C{ready} fires with the
    port of its C{READY <port>} line, or fails when it exits before.
    """

    def __init__(self, serves: bool) -> None:
        self.serves = serves
        self.out = bytearray()
        self.err = bytearray()
        self.ready: Deferred[int] = Deferred()
        self.ended: Deferred[int] = Deferred()
        self.exit_code: Optional[int] = None

    def outReceived(self, data: bytes) -> None:
        self.out += data
        if self.serves and not self.ready.called and b"\n" in self.out:
            first = bytes(self.out).split(b"\n", 1)[0].split()
            if len(first) == 2 and first[0] == b"READY":
                self.ready.callback(int(first[1]))

    def errReceived(self, data: bytes) -> None:
        self.err += data

    def processEnded(self, reason: Failure) -> None:
        self.exit_code = 0 if reason.check(ProcessDone) else getattr(reason.value, "exitCode", -1)
        if self.serves and not self.ready.called:
            self.ready.errback(RuntimeError(f"exited before it was ready: {self.err.decode(errors='replace')}"))
        self.ended.callback(self.exit_code)

    def kill(self) -> None:
        try:
            self.transport.signalProcess("KILL")  # type: ignore[union-attr]
        except ProcessExitedAlready:
            pass


def spawn(script: str, *args: str, serves: bool = False) -> _Script:
    """Runs C{interop/<script>} with pip-services3's interpreter; killed after L{SCRIPT_TIMEOUT}."""
    protocol = _Script(serves)
    python = pips_python()
    reactor.spawnProcess(protocol, python, [python, os.path.join(SCRIPTS, script), *args], env=dict(os.environ))
    killer = reactor.callLater(SCRIPT_TIMEOUT, protocol.kill)
    protocol.ended.addBoth(lambda result: (killer.active() and killer.cancel(), result)[1])
    return protocol


async def run_pips_client(url: str) -> dict[str, Any]:
    """What the pip-services3 client saw at each step of its scenario against C{url}."""
    script = spawn("pips_client.py", url)
    code = await script.ended
    if code != 0:
        raise AssertionError(f"pips_client.py exited with {code}: {script.err.decode(errors='replace')}")
    result: dict[str, Any] = json.loads(bytes(script.out))
    return result


async def start_pips_service(case: TestCase) -> str:
    """A pip-services3 beacons service holding the fixtures; its base URL. Stopped at cleanup."""
    script = spawn("pips_service.py", json.dumps(FIXTURES), serves=True)

    async def stop() -> None:
        script.kill()
        await script.ended

    case.addCleanup(stop)
    port = await script.ready
    return f"http://127.0.0.1:{port}"


async def start_our_service(case: TestCase) -> str:
    """The beacons service of config.yml on a free loopback port, with the fixtures; its base URL."""
    container = Container()
    container.read_config_from_file(
        CONFIG, ConfigParams.from_tuples("HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "LOG_LEVEL", "error"))
    await container.open(None)
    case.addCleanup(container.close, None)
    await load_fixtures(container.references.get_one_required(PERSISTENCE))
    return f"http://127.0.0.1:{container.references.get_one_required(ENDPOINT_DESCRIPTOR).port}"


def comparable(steps: dict[str, Any]) -> dict[str, Any]:
    """
    The steps as both services must agree on them: errors by class, category,
    code, status and correlation id. Left out: messages, error details (the
    form of validation results differs, docs/protocol.rst, section 5) and the
    unknown command (pip-services3 answers an HTML 404; we answer JSON).
    """
    result = {}
    for name, step in steps.items():
        if name == "unknown_command":
            continue
        error = step.get("error")
        if error is not None:
            step = {"error": {key: error[key] for key in ("class", "category", "code", "status", "correlation_id")}}
        result[name] = step
    return result


class OurServicePipsClient(TestCase):
    """A pip-services3 CommandableHttpClient against our beacons service."""

    timeout = 60

    def setUp(self) -> None:
        pips_python()

    async def test_same_results_as_against_a_pip_services3_service(self) -> None:
        ours = await run_pips_client(await start_our_service(self))
        theirs = await run_pips_client(await start_pips_service(self))
        self.assertEqual(comparable(ours), comparable(theirs))

        self.assertEqual(ours["create"], {"result": dict(
            id="100", site_id="1", type="altbeacon", udi="00100", label="New",
            center={"type": "Point", "coordinates": [4, 4]}, radius=10.5)})
        self.assertEqual(ours["create_generated"],
                         {"result": {"has_id": True, "rest": {"site_id": "3", "udi": "00300", "type": "unknown"}}})
        self.assertEqual(ours["get_by_id"], ours["create"])
        self.assertEqual(ours["get_by_udi"], {"result": FIXTURES[1]})
        self.assertEqual(ours["page"]["result"]["total"], 3)
        self.assertEqual([b["id"] for b in ours["page"]["result"]["data"]], ["1", "100", "2"])
        self.assertEqual(ours["page_slice"], {"result": {"size": 2, "total": 5}})
        self.assertEqual(ours["position"], {"result": {"type": "Point", "coordinates": [1, 1]}})
        self.assertEqual(ours["position_none"], {"result": None})
        self.assertEqual(ours["update"]["result"]["label"], "Moved")
        self.assertEqual(ours["delete"], ours["update"])
        for step in ("update_missing", "deleted_is_gone", "not_found"):
            self.assertEqual(ours[step], {"result": None}, step)

        validation = ours["validation"]["error"]
        self.assertEqual(
            {key: validation[key] for key in ("class", "category", "code", "status", "correlation_id")},
            {"class": "BadRequestException", "category": "BadRequest", "code": "INVALID_DATA", "status": 400,
             "correlation_id": "interop-cid"})
        self.assertEqual([r["path"] for r in validation["details"]["results"]], ["beacon.udi"])
        self.assertIn("beacon.udi", validation["message"])

    async def test_unknown_command_is_a_json_not_found(self) -> None:
        """Where we do better: pip-services3 answers HTML, which its own client sees as UNKNOWN."""
        ours = await run_pips_client(await start_our_service(self))
        theirs = await run_pips_client(await start_pips_service(self))
        error = ours["unknown_command"]["error"]
        self.assertEqual((error["class"], error["code"], error["status"]), ("NotFoundException", "ROUTE_NOT_FOUND", 404))
        self.assertEqual((theirs["unknown_command"]["error"]["class"], theirs["unknown_command"]["error"]["code"]),
                         ("UnknownException", "UNKNOWN"))

    async def test_unknown_command_keeps_the_correlation_id(self) -> None:
        ours = await run_pips_client(await start_our_service(self))
        self.assertEqual(ours["unknown_command"]["error"]["correlation_id"], "c14")


class PipsServiceOurClient(BeaconsClientBehaviour, TestCase):
    """Our BeaconsCommandableHttpClientV1 against a pip-services3 beacons service (interop/pips_service.py)."""

    timeout = 60

    async def setUp(self) -> None:
        url = await start_pips_service(self)
        self.client = BeaconsCommandableHttpClientV1()
        self.client.configure(HTTP_CONFIG.override(ConfigParams.from_tuples("connection.uri", url)))
        await self.client.open(None)
        self.addCleanup(self.client.close, None)

    def validation_paths(self, error: ValidationException) -> list[str]:
        """
        pip-services3 sends C{details.results} as one string (its findings as
        JSON objects joined by commas); C{error.results} still reads them.
        """
        self.assertIsInstance(error.details["results"], str)
        return [result.path for result in error.results]

    async def test_bad_request_keeps_class_code_status_details_and_correlation_id(self) -> None:
        beacon = dict(FIXTURES[0], id="200")
        with self.assertRaises(BadRequestException) as caught:
            await self.client.create_beacon("cid-dup", beacon)
        error = caught.exception
        self.assertNotIsInstance(error, ValidationException)
        self.assertEqual((error.code, error.status, error.correlation_id), ("DUPLICATE_UDI", 400, "cid-dup"))
        self.assertEqual(error.details, {"udi": "00001"})

    async def test_not_found_keeps_class_code_status_details_and_correlation_id(self) -> None:
        with self.assertRaises(NotFoundException) as caught:
            await self.client.calculate_position("cid-nf", "99", ["00001"])
        error = caught.exception
        self.assertEqual((error.code, error.status, error.correlation_id), ("SITE_NOT_FOUND", 404, "cid-nf"))
        self.assertEqual(error.details, {"site_id": "99"})

    async def test_unknown_command_is_not_found(self) -> None:
        with self.assertRaises(NotFoundException) as caught:
            await self.client.call_command("no_such_command", "cid-u", {})
        self.assertEqual((caught.exception.status, caught.exception.correlation_id), (404, "cid-u"))
