"""
schemathesis against the beacons service's own OpenAPI document
(C{GET /v1/beacons/swagger?format=json}) over a real socket. The property:
no server error (C{not_a_server_error}); a second run with every check
reports how the answers conform to the document, for information.

schemathesis is not a dependency of the project: install it (best in a
virtualenv of its own, it pins its own hypothesis) and point C{SCHEMATHESIS}
at it, or have it on the PATH::

    python -m venv /tmp/st && /tmp/st/bin/pip install schemathesis
    SCHEMATHESIS=/tmp/st/bin/schemathesis python -m benchmarks.drills.schemathesis_drill [--max-examples 200]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from ._common import Twistd, Verdict


def find_schemathesis() -> str | None:
    return os.environ.get("SCHEMATHESIS") or shutil.which("schemathesis") or shutil.which("st")


def run(executable: str, port: int, checks: str, max_examples: int, seed: int) -> tuple[int, str]:
    command = [
        executable, "run", f"http://127.0.0.1:{port}/v1/beacons/swagger?format=json",
        "--url", f"http://127.0.0.1:{port}", "--checks", checks, "--max-examples", str(max_examples),
        "--seed", str(seed), "--continue-on-failure", "--request-timeout", "10", "--workers", "2",
        "--suppress-health-check", "all",
    ]
    with tempfile.TemporaryDirectory() as directory:  # schemathesis keeps a .schemathesis/ where it runs
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=directory,
                                env=dict(os.environ, NO_COLOR="1", COLUMNS="160"))
    return result.returncode, result.stdout + result.stderr


def summary(output: str) -> str:
    lines = [line.strip() for line in output.splitlines()
             if re.search(r"(test cases|passed|failed|Operations|generated|errors?\b|Checks|\d+ / \d+)", line,
                          re.IGNORECASE)]
    return "\n    ".join(lines[-12:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-examples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    verdict = Verdict("schemathesis_drill")
    executable = find_schemathesis()
    if executable is None:
        print("schemathesis is not installed: see the docstring (python -m benchmarks.drills.schemathesis_drill -h)")
        sys.exit(2)
    version = subprocess.run([executable, "--version"], capture_output=True, text=True).stdout.strip()
    verdict.figure("schemathesis", version)
    server = Twistd().start()
    try:
        code, output = run(executable, server.port, "not_a_server_error", args.max_examples, args.seed)
        print(output[-6000:])
        verdict.figure("not_a_server_error run", summary(output))
        verdict.require(code == 0, "schemathesis finds no server error")
        code_all, output_all = run(executable, server.port, "all", args.max_examples, args.seed)
        print(output_all[-12000:])
        verdict.figure("all checks run (informative) exit code", code_all)
        verdict.figure("all checks run", summary(output_all))
        verdict.require(server.alive(), "the service is still up")
        log = server.output
    finally:
        exit_code = server.terminate()
    verdict.require(exit_code == 0, f"twistd exited 0 (got {exit_code})")
    verdict.require("Traceback" not in log, "no traceback in the service log")
    verdict.finish()


if __name__ == "__main__":
    main()
