"""
The process the crash test kills: creates records in bursts of concurrent
creates and prints each id once its Deferred fires (that is, once acknowledged).

    python -m tests.persistence_file._crash_child PATH FIRST_NUMBER BURST [COMPACT_AFTER_BYTES]

A small C{COMPACT_AFTER_BYTES} makes it fold its log into the file often.
"""

from __future__ import annotations

import sys
from typing import Any

from twisted.internet import defer, task

from pipservices_tx.config import ConfigParams
from pipservices_tx.persistence import IdentifiableFilePersistence
from pipservices_tx.testing import with_reactor


def acknowledge(item: dict[str, Any]) -> None:
    sys.stdout.write(item["id"] + "\n")
    sys.stdout.flush()


async def main(reactor: Any, path: str, first: str, burst: str, compact_after_bytes: str = "1048576") -> None:
    persistence = with_reactor(IdentifiableFilePersistence(path=path), reactor)
    persistence.configure(ConfigParams.from_tuples("options.compact_after_bytes", compact_after_bytes))
    await persistence.open(None)
    sys.stdout.write("open\n")
    sys.stdout.flush()
    number, size = int(first), int(burst)
    while True:
        writes = []
        for _ in range(size):
            item = {"id": f"r{number}", "number": number, "payload": "x" * 400}
            writes.append(persistence.create(None, item).addCallback(acknowledge))
            number += 1
        await defer.gatherResults(writes, consumeErrors=True)


if __name__ == "__main__":
    task.react(lambda reactor, *args: defer.ensureDeferred(main(reactor, *args)), sys.argv[1:])
