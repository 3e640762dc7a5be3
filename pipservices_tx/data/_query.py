# -*- test-case-name: tests.data.test_filter_params -*-
"""URL query strings and JSON text, the two ways data parameters reach a service."""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional
from urllib.parse import parse_qsl, urlencode


def parse_query(query: Optional[str | bytes]) -> dict[str, str]:
    """
    C{"?a=1&b=x%20y"} (the C{?} is optional) as a map; a later repeat of a key
    wins, a key without C{=} has an empty value.
    """
    if isinstance(query, bytes):
        query = query.decode("utf-8", "replace")
    text = (query or "").strip()
    if text.startswith("?"):
        text = text[1:]
    return dict(parse_qsl(text, keep_blank_values=True))


def build_query(pairs: Iterable[tuple[str, str]]) -> str:
    """The inverse of L{parse_query}, without the leading C{?}."""
    return urlencode(list(pairs))


def decode_json(value: Any) -> Any:
    """JSON text (C{str} or C{bytes}) decoded; any other value is already decoded."""
    if isinstance(value, (str, bytes, bytearray)):
        return json.loads(value)
    return value
