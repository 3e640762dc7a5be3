# -*- test-case-name: tests.testing.test_pipsvc_process -*-
"""PipsvcProcess: C{twistd -n pipsvc} in a child process, driven from a trial test."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import IO, Any, Awaitable, Callable, Mapping, Optional, Sequence, cast

from twisted.internet.defer import Deferred, ensureDeferred, succeed
from twisted.internet.error import ProcessDone, ProcessExitedAlready, ProcessTerminated
from twisted.internet.interfaces import IReactorProcess
from twisted.internet.protocol import ProcessProtocol
from twisted.internet.task import deferLater
from twisted.python.failure import Failure
from twisted.trial.unittest import SynchronousTestCase
from twisted.web.client import Agent, readBody

from ..lifecycle import ReactorAware

#: How the child starts twistd: this interpreter, whatever the PATH holds.
TWISTD = ("-c", "from twisted.scripts.twistd import run; run()", "-n", "--pidfile=")
#: Seconds between two looks at the output (or two HTTP probes) while waiting.
POLL_INTERVAL = 0.05


class _Ended(ProcessProtocol):
    """Fires C{ended} with the exit code (None when a signal ended the process)."""

    def __init__(self) -> None:
        self.ended: Deferred[Optional[int]] = Deferred()

    def processEnded(self, reason: Failure) -> None:  # noqa: N802
        value = reason.value
        self.ended.callback(value.exitCode if isinstance(value, (ProcessDone, ProcessTerminated)) else None)


class PipsvcProcess(ReactorAware):
    """
    A pipsvc container under a real C{twistd -n pipsvc}, for tests of what
    only a process shows: signals, exit codes, the console log, the command
    line. Every wait is bounded (C{timeout} seconds unless a call says
    otherwise) and fails the test with the output so far::

        class ShutdownTests(TestCase):
            async def test_sigterm(self):
                service = PipsvcProcess(config=CONFIG, parameters={"HTTP_PORT": port}).start(self)
                await service.wait_for_http(port, "/heartbeat")
                self.assertEqual(await service.stop("TERM"), 0, service.text)
                self.assertIn("Container beacons stopped", service.out.decode())

    C{start(case)} kills the process when the test ends if it is still
    running. The child writes its standard output and error to files, not
    pipes: a test that blocks the reactor (a synchronous client, say)
    cannot stall a chatty service.

    @param arguments: pipsvc's own arguments (C{--check}, C{--workers 2}...),
        after C{-c config} and the C{-p} parameters.
    @param config: the config file (or URL) passed as C{-c}.
    @param parameters: template parameters passed as C{-p NAME=value}.
    @param twistd_arguments: twistd's options, before C{pipsvc} (C{-l file}).
    @param directory: the child's working directory (default: this one).
    @param env: the child's environment (default: this process's).
    @param python_path: directories put first on the child's C{PYTHONPATH}
        (a project that is not installed, for instance).
    @param timeout: the default bound, in seconds, of every wait.
    """

    def __init__(
        self,
        *arguments: str,
        config: Optional[str] = None,
        parameters: Optional[Mapping[str, object]] = None,
        twistd_arguments: Sequence[str] = (),
        directory: Optional[str] = None,
        env: Optional[Mapping[str, str]] = None,
        python_path: Sequence[str] = (),
        timeout: float = 10.0,
    ) -> None:
        command = [sys.executable, *TWISTD, *twistd_arguments, "pipsvc"]
        if config is not None:
            command += ["-c", config]
        for name, value in (parameters or {}).items():
            command += ["-p", f"{name}={value}"]
        self.command: list[str] = command + list(arguments)
        self.directory = directory
        environment = dict(os.environ if env is None else env)
        if python_path:
            environment["PYTHONPATH"] = os.pathsep.join(
                [*python_path, *([environment["PYTHONPATH"]] if environment.get("PYTHONPATH") else [])])
        self.env = environment
        self.timeout = timeout
        self.exit_code: Optional[int] = None
        self._protocol = _Ended()
        self._transport: Any = None
        self._files: Optional[tuple[IO[bytes], IO[bytes]]] = None
        self._final = (b"", b"")

    # -- the process ------------------------------------------------------------

    def start(self, case: Optional[SynchronousTestCase] = None) -> PipsvcProcess:
        """Starts the child; with C{case}, kills it when that test ends if it is still running."""
        if self._transport is not None:
            raise RuntimeError("this pipsvc process was already started")
        out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        self._files = (out, err)
        with open(os.devnull, "rb") as stdin:
            self._transport = cast(IReactorProcess, self.reactor).spawnProcess(
                self._protocol, self.command[0], self.command, env=self.env, path=self.directory,
                childFDs={0: stdin.fileno(), 1: out.fileno(), 2: err.fileno()},
            )
        self._protocol.ended.addCallback(self._ended)
        if case is not None:
            case.addCleanup(self.kill)
        return self

    def _ended(self, code: Optional[int]) -> Optional[int]:
        self.exit_code = code
        self._final = (self.out, self.err)
        for f in self._files or ():
            f.close()
        self._files = None
        return code

    @property
    def pid(self) -> int:
        if self._transport is None or self._transport.pid is None:
            raise RuntimeError("this pipsvc process is not running")
        return int(self._transport.pid)

    @property
    def running(self) -> bool:
        """True from L{start} until the process has ended."""
        return self._transport is not None and not self._protocol.ended.called

    def signal(self, name: str = "TERM") -> None:
        """Sends signal C{name} (C{"TERM"}, C{"INT"}, C{"KILL"}...); ProcessExitedAlready when it has ended."""
        if self._transport is None:
            raise RuntimeError("this pipsvc process was not started")
        self._transport.signalProcess(name)

    def exited(self, timeout: Optional[float] = None) -> Deferred[Optional[int]]:
        """The exit code once the process ends (None for a signal); an AssertionError after C{timeout} s."""
        seconds = self.timeout if timeout is None else timeout

        def timed_out(result: object, after: float) -> Optional[int]:
            raise AssertionError(f"pipsvc did not exit within {after:g} s:\n{self.text}")

        return self._when_ended().addTimeout(seconds, self.reactor, onTimeoutCancel=timed_out)

    def stop(self, name: str = "TERM", timeout: Optional[float] = None) -> Deferred[Optional[int]]:
        """Sends signal C{name} unless the process has ended already, then L{exited}."""
        if self.running:
            self.signal(name)
        return self.exited(timeout)

    def kill(self) -> Deferred[None]:
        """SIGKILL when still running; fires once the process has ended."""
        if self._transport is None:
            return succeed(None)
        if self.running:
            try:
                self.signal("KILL")
            except ProcessExitedAlready:
                pass
        return self._when_ended().addCallback(lambda _: None)

    def _when_ended(self) -> Deferred[Optional[int]]:
        """A new Deferred of the exit code (one a caller may time out without touching the others)."""
        if self._transport is None:
            raise RuntimeError("this pipsvc process was not started")
        ended: Deferred[Optional[int]] = Deferred()

        def fire(code: Optional[int]) -> Optional[int]:
            if not ended.called:
                ended.callback(code)
            return code

        self._protocol.ended.addCallback(fire)
        return ended

    # -- waiting ----------------------------------------------------------------

    def wait_for(self, text: str, file: Optional[str] = None, timeout: Optional[float] = None) -> Deferred[None]:
        """
        Fires once C{text} has appeared on the child's standard output, or in
        C{file} (a log file it writes with twistd's C{-l}); an AssertionError
        when the process ends first or after C{timeout} s.
        """
        wanted = text.encode()

        async def seen() -> bool:
            return wanted in (self.out if file is None else _read_file(file))

        return ensureDeferred(self._until(seen, repr(text), timeout))

    def wait_for_http(
        self, port: int, path: str = "/heartbeat", host: str = "127.0.0.1", timeout: Optional[float] = None
    ) -> Deferred[None]:
        """
        Fires once C{GET http://host:port/path} answers 200 (connections
        refused and other statuses are tried again); an AssertionError when the
        process ends first or after C{timeout} s.
        """
        url = f"http://{host}:{port}/{path.lstrip('/')}".encode()
        agent = Agent(self.reactor, connectTimeout=1)  # type: ignore[arg-type]

        async def answers() -> bool:
            try:
                response = await agent.request(b"GET", url).addTimeout(1, self.reactor)  # type: ignore[arg-type]
                await readBody(response)
            except Exception:
                return False
            return bool(response.code == 200)

        return ensureDeferred(self._until(answers, f"200 from {url.decode()}", timeout))

    async def _until(self, ready: Callable[[], Awaitable[bool]], what: str, timeout: Optional[float]) -> None:
        """Polls C{ready} until it is true; fails when the process ends first or after C{timeout} s."""
        if self._transport is None:
            raise RuntimeError("this pipsvc process was not started")
        seconds = self.timeout if timeout is None else timeout
        deadline = self.reactor.seconds() + seconds
        while True:
            if await ready():
                return
            if not self.running:
                raise AssertionError(f"pipsvc ended ({self.exit_code}) before {what}:\n{self.text}")
            if self.reactor.seconds() >= deadline:
                raise AssertionError(f"pipsvc gave no {what} within {seconds:g} s:\n{self.text}")
            await deferLater(self.reactor, POLL_INTERVAL, lambda: None)

    # -- what it wrote ----------------------------------------------------------

    @property
    def out(self) -> bytes:
        """Its standard output so far."""
        return self._final[0] if self._files is None else _read(self._files[0])

    @property
    def err(self) -> bytes:
        """Its standard error so far."""
        return self._final[1] if self._files is None else _read(self._files[1])

    @property
    def text(self) -> str:
        """Both, decoded, for an assertion message."""
        return self.out.decode(errors="replace") + "\n--- stderr ---\n" + self.err.decode(errors="replace")

    @property
    def error_lines(self) -> list[str]:
        """The non-blank lines of its standard error."""
        return [line for line in self.err.decode(errors="replace").splitlines() if line.strip()]


def _read(f: IO[bytes]) -> bytes:
    """Everything in C{f}, read without moving the offset the child writes at."""
    return os.pread(f.fileno(), os.fstat(f.fileno()).st_size, 0)


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""
