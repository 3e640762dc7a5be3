# -*- test-case-name: tests.testing.test_child_process -*-
"""ChildProcess: a program a trial test starts, waits on, signals and kills."""

from __future__ import annotations

import os
import tempfile
from typing import IO, Any, Awaitable, Callable, Mapping, Optional, Sequence, TypeVar, cast

from twisted.internet.defer import Deferred, ensureDeferred, succeed
from twisted.internet.error import ProcessDone, ProcessExitedAlready, ProcessTerminated
from twisted.internet.interfaces import IReactorProcess
from twisted.internet.protocol import ProcessProtocol
from twisted.internet.task import LoopingCall, deferLater
from twisted.python.failure import Failure
from twisted.trial.unittest import SynchronousTestCase
from twisted.web.client import Agent, readBody

from ..lifecycle import ReactorAware

#: Seconds between two looks at the output (or two HTTP probes) while waiting.
POLL_INTERVAL = 0.05

Self = TypeVar("Self", bound="ChildProcess")


class _Ended(ProcessProtocol):
    """Fires C{ended} with the exit code (None when a signal ended the process)."""

    def __init__(self) -> None:
        self.ended: Deferred[Optional[int]] = Deferred()

    def processEnded(self, reason: Failure) -> None:  # noqa: N802
        value = reason.value
        self.ended.callback(value.exitCode if isinstance(value, (ProcessDone, ProcessTerminated)) else None)


class ChildProcess(ReactorAware):
    """
    A program run for a test (a peer, a server, a command line) on the
    reactor. Every wait is bounded (C{timeout} seconds unless a call says
    otherwise) and fails the test with an AssertionError that shows the
    output so far. C{start(case)} kills the process when the test ends if
    it is still running.

    The child writes its standard output and error to files, not pipes, and
    reads its standard input from C{/dev/null}: a test that blocks the
    reactor (a synchronous client, say) cannot stall a chatty child.

    @param command: the program and its arguments.
    @param name: what messages call it (default: the program's file name).
    @param directory: the child's working directory (default: this one).
    @param env: the child's environment (default: this process's).
    @param python_path: directories put first on the child's C{PYTHONPATH}
        (a project that is not installed, for instance).
    @param timeout: the default bound, in seconds, of every wait.
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        name: Optional[str] = None,
        directory: Optional[str] = None,
        env: Optional[Mapping[str, str]] = None,
        python_path: Sequence[str] = (),
        timeout: float = 10.0,
    ) -> None:
        self.command = list(command)
        self.name = name or os.path.basename(self.command[0])
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
        self._watch: Optional[LoopingCall] = None
        self._files: Optional[tuple[IO[bytes], IO[bytes]]] = None
        self._final = (b"", b"")

    # -- the process ------------------------------------------------------------

    def start(self: Self, case: Optional[SynchronousTestCase] = None) -> Self:
        """Starts the child; with C{case}, kills it when that test ends if it is still running."""
        if self._transport is not None:
            raise RuntimeError(f"{self.name} was already started")
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

    def _started(self) -> Any:
        if self._transport is None:
            raise RuntimeError(f"{self.name} was not started")
        return self._transport

    @property
    def pid(self) -> int:
        pid = self._started().pid
        if pid is None:
            raise ProcessExitedAlready()
        return int(pid)

    @property
    def running(self) -> bool:
        """True from L{start} until the process has ended."""
        return self._transport is not None and not self._protocol.ended.called

    def signal(self, name: str = "TERM") -> None:
        """Sends signal C{name} (C{"TERM"}, C{"INT"}, C{"KILL"}...); ProcessExitedAlready when it has ended."""
        self._started().signalProcess(name)

    def exited(self, timeout: Optional[float] = None) -> Deferred[Optional[int]]:
        """The exit code once the process ends (None for a signal); an AssertionError after C{timeout} s."""
        seconds = self.timeout if timeout is None else timeout

        def timed_out(result: object, after: float) -> Optional[int]:
            raise AssertionError(f"{self.name} did not exit within {after:g} s:\n{self.text}")

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
        self._started()
        ended: Deferred[Optional[int]] = Deferred()

        def fire(code: Optional[int]) -> Optional[int]:
            if not ended.called:
                ended.callback(code)
            return code

        self._protocol.ended.addCallback(fire)
        self._watch_for_exit()
        return ended

    def _watch_for_exit(self) -> None:
        """
        Looks for the child's exit twice a second while someone waits for it: the
        reactor learns of an exit from SIGCHLD, and a test process whose signal
        handling another test disturbed would otherwise wait for ever.
        """
        if self._watch is not None or self._protocol.ended.called:
            return
        watch = self._watch = LoopingCall(self._look_for_exit)
        watch.clock = self.reactor
        watch.start(0.5, now=False)
        self._protocol.ended.addBoth(self._stop_watching)

    def _stop_watching(self, result: Any) -> Any:
        watch, self._watch = self._watch, None
        if watch is not None and watch.running:
            watch.stop()
        return result

    def _look_for_exit(self) -> None:
        transport, ended = self._transport, self._protocol.ended
        pid = getattr(transport, "pid", None)
        if ended.called or pid is None:
            return
        reap = getattr(transport, "reapProcess", None)
        if reap is not None:
            reap()  # reports the exit (processEnded) when the child has ended
        if ended.called or transport.pid is None:
            return
        try:
            os.kill(pid, 0)
        except ProcessLookupError:  # gone and reaped by someone else: its exit code is lost
            ended.callback(None)
        except OSError:
            pass

    # -- waiting ----------------------------------------------------------------

    def wait_for(self, text: str, file: Optional[str] = None, timeout: Optional[float] = None) -> Deferred[str]:
        """
        The first whole line that contains C{text}, once the child has written
        it to its standard output, or to C{file} (a log file of its own); an
        AssertionError when the process ends first or after C{timeout} s.
        """
        wanted = text.encode()

        async def seen() -> Optional[str]:
            return _line_with(self.out if file is None else _read_file(file), wanted)

        return ensureDeferred(self._until(seen, repr(text), timeout))

    def wait_for_http(
        self, port: int, path: str = "/heartbeat", host: str = "127.0.0.1", timeout: Optional[float] = None
    ) -> Deferred[None]:
        """
        Fires once C{GET http://host:port/path} answers 200 (connections
        refused and other statuses are tried again); an AssertionError when the
        process ends first or after C{timeout} s.
        """
        url = f"http://{host}:{port}/{path.lstrip('/')}"
        agent = Agent(self.reactor, connectTimeout=1)  # type: ignore[arg-type]

        async def answers() -> Optional[bool]:
            try:
                response = await agent.request(b"GET", url.encode()).addTimeout(1, self.reactor)
                await readBody(response)
            except Exception:
                return None
            return True if response.code == 200 else None

        return ensureDeferred(self._until(answers, f"200 from {url}", timeout)).addCallback(lambda _: None)

    async def _until(self, ready: Callable[[], Awaitable[Optional[Any]]], what: str, timeout: Optional[float]) -> Any:
        """What C{ready} gives once it is not None; fails when the process ends first or after C{timeout} s."""
        self._started()
        seconds = self.timeout if timeout is None else timeout
        deadline = self.reactor.seconds() + seconds
        while True:
            found = await ready()
            if found is not None:
                return found
            if not self.running:
                raise AssertionError(f"{self.name} ended ({self.exit_code}) before {what}:\n{self.text}")
            if self.reactor.seconds() >= deadline:
                raise AssertionError(f"{self.name} gave no {what} within {seconds:g} s:\n{self.text}")
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


def _line_with(data: bytes, wanted: bytes) -> Optional[str]:
    """The first line of C{data} that holds C{wanted} and is complete (ends with a newline)."""
    at = data.find(wanted)
    if at < 0:
        return None
    end = data.find(b"\n", at + len(wanted))
    if end < 0:
        return None
    return data[data.rfind(b"\n", 0, at) + 1:end].rstrip(b"\r").decode(errors="replace")


def _read(f: IO[bytes]) -> bytes:
    """Everything in C{f}, read without moving the offset the child writes at."""
    return os.pread(f.fileno(), os.fstat(f.fileno()).st_size, 0)


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""
