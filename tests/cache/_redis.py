"""Helpers of the Redis integration tests."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from typing import Any

from twisted.trial.unittest import SkipTest

from pipservices_tx.config import ConfigParams

from ..support import require_server

HOST, PORT = "127.0.0.1", 6379


def redis_cli(*args: Any, port: int = PORT) -> str:
    """A command through the redis-cli binary: what a client in any other language sees."""
    if shutil.which("redis-cli") is None:
        raise SkipTest("redis-cli is not installed")
    out = subprocess.run(
        ["redis-cli", "-h", HOST, "-p", str(port), *map(str, args)], capture_output=True, text=True, check=True
    )
    return out.stdout.rstrip("\n")


def shared_redis_config(**options: Any) -> ConfigParams:
    require_server(HOST, PORT, "Redis")
    config = ConfigParams({"connection.host": HOST, "connection.port": PORT})
    config.update(ConfigParams({f"options.{k}": v for k, v in options.items()}))
    return config


def unique_key(name: str) -> str:
    return f"pipservices_tx:test:{name}:{uuid.uuid4().hex}"
