"""ChildProcess and PipsvcProcess: real children started, waited on, signalled and killed from a trial test."""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Callable

from twisted.internet.defer import ensureDeferred
from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.lifecycle import IReactorAware
from pipservices_tx.testing import ChildProcess, PipsvcProcess, free_port

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

CONFIG = """\
- descriptor: "pip-services:context-info:default:default:1.0"
  name: probe
- descriptor: "pip-services:endpoint:http:default:1.0"
  connection:
    host: 127.0.0.1
    port: {{HTTP_PORT}}
- descriptor: "pip-services:heartbeat-service:http:default:1.0"
"""

# Writes 300 KB straight to its standard output while it is built, then leaves a mark.
LOUD = '''
import os


class Loud:
    def __init__(self):
        data = b"x" * 300_000
        while data:
            data = data[os.write(1, data):]
        open("written", "w").close()
'''


class _Cleanups:
    """Stands for a test case: keeps what L{PipsvcProcess.start} registers."""

    def __init__(self) -> None:
        self.cleanups: list[Callable[[], Any]] = []

    def addCleanup(self, f: Callable[[], Any]) -> None:  # noqa: N802
        self.cleanups.append(f)


class PipsvcCommandLineTests(SynchronousTestCase):
    def test_arguments_come_in_twistd_order(self) -> None:
        process = PipsvcProcess("--check", config="c.yml", parameters={"A": 1, "B": "x y"},
                                twistd_arguments=("-l", "p.log"))
        self.assertEqual(process.command, [
            sys.executable, "-c", "from twisted.scripts.twistd import run; run()", "-n", "--pidfile=", "-l", "p.log",
            "pipsvc", "-c", "c.yml", "-p", "A=1", "-p", "B=x y", "--check"])

    def test_python_path_comes_first(self) -> None:
        process = PipsvcProcess(env={"PYTHONPATH": "/later", "X": "1"}, python_path=["/first", "/second"])
        self.assertEqual(process.env, {"PYTHONPATH": os.pathsep.join(["/first", "/second", "/later"]), "X": "1"})
        self.assertEqual(PipsvcProcess(env={}, python_path=["/only"]).env, {"PYTHONPATH": "/only"})
        self.assertEqual(PipsvcProcess(env={"A": "b"}).env, {"A": "b"})

    def test_nothing_to_wait_for_before_start(self) -> None:
        process = PipsvcProcess()
        self.assertFalse(process.running)
        self.assertIsNone(self.successResultOf(process.kill()))
        with self.assertRaises(RuntimeError):
            process.signal("TERM")
        with self.assertRaises(RuntimeError):
            process.exited()
        self.failureResultOf(process.wait_for("x"), RuntimeError)


class ChildProcessTests(TestCase):
    def python(self, script: str, **options: Any) -> ChildProcess:
        return ChildProcess([sys.executable, "-c", script], **options)

    async def test_a_whole_line_with_the_text(self) -> None:
        child = self.python(
            "import sys, time\n"
            "sys.stdout.write('starting\\nREADY 12'); sys.stdout.flush(); time.sleep(0.3)\n"
            "print('34 now'); sys.stderr.write('warned\\n'); sys.stdin.read(); print('eof')\n",
            name="peer").start(self)
        self.assertEqual(await child.wait_for("READY"), "READY 1234 now")  # not before the line is complete
        self.assertEqual(await child.wait_for("eof"), "eof")  # stdin is /dev/null
        self.assertEqual(await child.exited(), 0)
        self.assertEqual((child.out, child.error_lines), (b"starting\nREADY 1234 now\neof\n", ["warned"]))

    async def test_exit_codes_and_names(self) -> None:
        child = self.python("import sys; sys.exit(3)").start(self)
        self.assertEqual(child.name, os.path.basename(sys.executable))
        self.assertEqual(await child.exited(), 3)
        with self.assertRaises(AssertionError) as raised:
            await self.python("pass", name="quiet").start(self).wait_for("anything")
        self.assertIn("quiet ended (0) before 'anything'", str(raised.exception))

    async def test_environment_and_directory(self) -> None:
        directory = os.path.abspath(self.mktemp())
        os.makedirs(directory)
        child = self.python("import os; print(os.getcwd(), os.environ['ONLY'], sorted(os.environ))",
                            env={"ONLY": "this"}, directory=directory).start(self)
        line = await child.wait_for(directory)
        self.assertTrue(line.startswith(f"{directory} this ["), line)
        self.assertNotIn("HOME", line)


class PipsvcProcessTests(TestCase):
    timeout = 60

    def setUp(self) -> None:
        self.directory = os.path.abspath(self.mktemp())
        os.makedirs(self.directory)
        with open(os.path.join(self.directory, "probe.yml"), "w") as f:
            f.write(CONFIG)

    def pipsvc(self, *arguments: str, **options: Any) -> PipsvcProcess:
        return PipsvcProcess(*arguments, directory=self.directory, python_path=[ROOT], **options)

    def test_serves_and_stops_on_a_signal(self) -> Any:
        async def run() -> None:
            port = free_port()
            process = self.pipsvc(config="probe.yml", parameters={"HTTP_PORT": port}).start(self)
            verifyObject(IReactorAware, process)
            self.assertTrue(process.running)
            self.assertGreater(process.pid, 0)
            await process.wait_for_http(port, "/heartbeat")
            await process.wait_for("Container probe started")
            self.assertEqual(await process.stop("TERM"), 0, process.text)
            self.assertFalse(process.running)
            self.assertEqual(process.exit_code, 0)
            self.assertIn(b"Container probe stopped", process.out)
            self.assertEqual(process.error_lines, [])
            self.assertEqual(await process.exited(), 0)  # asking again: the same answer
            self.assertIsNone(await process.kill())
        return ensureDeferred(run())

    def test_a_wait_fails_when_the_process_ends_first(self) -> Any:
        async def run() -> None:
            process = self.pipsvc(config="missing.yml").start(self)
            with self.assertRaises(AssertionError) as raised:
                await process.wait_for("Container probe started")
            self.assertIn("pipsvc ended (1) before 'Container probe started'", str(raised.exception))
            self.assertIn("missing.yml: cannot read the config file", str(raised.exception))
            with self.assertRaises(AssertionError):
                await process.wait_for_http(free_port())
            self.assertEqual(await process.exited(), 1)
            self.assertEqual(len(process.error_lines), 1, process.text)
        return ensureDeferred(run())

    def test_waits_are_bounded_and_leftovers_are_killed(self) -> Any:
        async def run() -> None:
            case = _Cleanups()
            process = self.pipsvc(config="probe.yml", parameters={"HTTP_PORT": free_port()}).start(case)  # type: ignore[arg-type]
            await process.wait_for("Container probe started")
            with self.assertRaises(AssertionError) as raised:
                await process.wait_for("never printed", timeout=0.2)
            self.assertIn("pipsvc gave no 'never printed' within 0.2 s", str(raised.exception))
            with self.assertRaises(AssertionError) as raised:
                await process.exited(timeout=0.2)
            self.assertIn("pipsvc did not exit within 0.2 s", str(raised.exception))
            self.assertTrue(process.running)
            [cleanup] = case.cleanups
            await cleanup()
            self.assertFalse(process.running)
            self.assertIsNone(process.exit_code)  # ended by SIGKILL
        return ensureDeferred(run())

    def test_a_log_file_can_be_waited_on(self) -> Any:
        async def run() -> None:
            log = os.path.join(self.directory, "pipsvc.log")
            process = self.pipsvc(config="probe.yml", parameters={"HTTP_PORT": free_port()},
                                  twistd_arguments=("-l", log)).start(self)
            await process.wait_for("Container probe started", file=log)
            self.assertNotIn(b"Container probe started", process.out)
            self.assertEqual(await process.stop("INT"), 0, process.text)
        return ensureDeferred(run())

    def test_a_blocked_reactor_does_not_stall_the_output(self) -> Any:
        with open(os.path.join(self.directory, "loud.py"), "w") as f:
            f.write(LOUD)
        with open(os.path.join(self.directory, "loud.yml"), "w") as f:
            f.write('- type: "Loud,loud"\n')
        process = self.pipsvc("--check", config="loud.yml").start(self)
        # This test now blocks the reactor: output going to a pipe would stop the child at 64 KB.
        deadline = time.monotonic() + 20
        while not os.path.exists(os.path.join(self.directory, "written")) and time.monotonic() < deadline:
            time.sleep(0.02)
        self.assertTrue(os.path.exists(os.path.join(self.directory, "written")), process.text[-2000:])

        async def run() -> None:
            self.assertEqual(await process.exited(), 0, process.err.decode())
            self.assertEqual(process.out.count(b"x"), 300_000)
        return ensureDeferred(run())
