"""The function, events and contexts shared by the AWS tests."""

from __future__ import annotations

import json
import os
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "config.yml")


def event(name: str) -> Any:
    """A recorded event: what the Lambda runtime hands the handler for a direct invocation."""
    with open(os.path.join(HERE, "events", name + ".json")) as f:
        return json.load(f)


def description(error: BaseException) -> dict[str, Any]:
    """The error description a function error carries in its message."""
    return json.loads(str(error))
