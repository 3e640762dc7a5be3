# -*- test-case-name: tests.container.test_workers -*-
"""How a worker process learns which listening sockets its parent bound for it."""

from __future__ import annotations

import json
import os
from typing import Optional

LISTEN_FDS_VARIABLE = "PIPSVC_LISTEN_FDS"
"""Environment variable: a JSON map from endpoint string to inherited file descriptor."""


def inherited_fd(endpoint: str) -> Optional[int]:
    """In a worker: the descriptor of the socket the parent bound for C{endpoint}, if any."""
    mapping = os.environ.get(LISTEN_FDS_VARIABLE)
    if not mapping:
        return None
    try:
        value = json.loads(mapping).get(endpoint)
    except ValueError:
        return None
    return value if isinstance(value, int) else None
