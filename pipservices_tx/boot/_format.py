# -*- test-case-name: tests.boot.test_http_reader -*-
"""Which format a remote config document is in: from its content type, else its name."""

from __future__ import annotations

from typing import Optional


def format_of(name: str, content_type: Optional[str] = None, default: str = "yaml") -> str:
    """C{json} or C{yaml}: the content type wins, then the C{.json}/C{.yml} extension."""
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if kind.endswith("json") or kind.endswith("+json"):
        return "json"
    if "yaml" in kind or kind.endswith("yml"):
        return "yaml"
    base = name.split("?", 1)[0].split("#", 1)[0].lower()
    if base.endswith(".json"):
        return "json"
    if base.endswith((".yml", ".yaml")):
        return "yaml"
    return default
