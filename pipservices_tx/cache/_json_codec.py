# -*- test-case-name: tests.cache.test_json_codec -*-
"""How cache values become the JSON text other Pip.Services languages read."""

from __future__ import annotations

import json
from typing import Any, Optional

from ..errors import BadRequestException

# built once: json.dumps with options builds an encoder per call
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)
_DECODER = json.JSONDecoder()


def encode_value(correlation_id: Optional[str], key: str, value: Any) -> str:
    """
    Compact JSON; a value JSON cannot carry is the caller's mistake, so it is a
    BadRequestException (C{CACHE_VALUE_NOT_JSON}) rather than a server error.
    """
    try:
        return _ENCODER.encode(value)
    except (TypeError, ValueError) as e:
        raise BadRequestException(
            correlation_id, "CACHE_VALUE_NOT_JSON", f"Value for cache key '{key}' cannot be stored as JSON: {e}"
        ).with_details("key", key).with_cause(e) from e


def decode_value(text: Optional[str | bytes]) -> Any:
    """
    The stored value; text that is not JSON (set by a foreign writer, e.g.
    C{redis-cli SET k hello}) comes back as the plain string.
    """
    if text is None:
        return None
    try:
        # what every writer stores: UTF-8 JSON (decoded here, not by json.loads' encoding detection)
        return _DECODER.decode(text.decode("utf-8") if isinstance(text, bytes) else text)
    except ValueError:
        pass
    try:
        return json.loads(text)  # UTF-16/32 or a byte order mark
    except ValueError:  # UnicodeDecodeError included
        return text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
