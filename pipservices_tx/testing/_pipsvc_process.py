# -*- test-case-name: tests.testing.test_child_process -*-
"""PipsvcProcess: C{twistd -n pipsvc} in a child process, driven from a trial test."""

from __future__ import annotations

import sys
from typing import Mapping, Optional, Sequence

from ._child_process import ChildProcess

#: How the child starts twistd: this interpreter, whatever the PATH holds; no pid file.
TWISTD = ("-c", "from twisted.scripts.twistd import run; run()", "-n", "--pidfile=")


class PipsvcProcess(ChildProcess):
    """
    A container under a real C{twistd -n pipsvc}, for what only a process
    shows: signals, exit codes, the console log, the command line. The
    waits, signals and output are L{ChildProcess}'s::

        class ShutdownTests(TestCase):
            async def test_sigterm(self):
                port = free_port()
                service = PipsvcProcess(config=CONFIG, parameters={"HTTP_PORT": port}).start(self)
                await service.wait_for_http(port, "/heartbeat")
                self.assertEqual(await service.stop("TERM"), 0, service.text)
                self.assertIn(b"Container beacons stopped", service.out)

    @param arguments: pipsvc's own arguments (C{--check}, C{--workers 2}...),
        after C{-c config} and the C{-p} parameters.
    @param config: the config file (or URL) passed as C{-c}.
    @param parameters: template parameters passed as C{-p NAME=value}.
    @param twistd_arguments: twistd's options, before C{pipsvc} (C{-l file}).
    @param directory: the child's working directory (default: this one).
    @param env: the child's environment (default: this process's).
    @param python_path: directories put first on the child's C{PYTHONPATH}
        (the project, when it is not installed).
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
        super().__init__(command + list(arguments), name="pipsvc", directory=directory, env=env,
                         python_path=python_path, timeout=timeout)
