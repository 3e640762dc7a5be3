# -*- test-case-name: tests.services.test_json -*-
"""
JSON encoding of results: compact, once, with dates and value objects handled.

orjson writes most results; the standard encoder stays the reference and
writes whatever orjson would write differently: a text with C{null} in it
(orjson writes NaN and infinities as null where a result must refuse them),
integers beyond 64 bits, subclasses of the JSON types (the standard encoder
reads them its own way), and whatever orjson refuses.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import uuid
from typing import Any, Callable, Optional

import orjson

from ..data import DataPage
from ..logs import format_time


def _default(value: Any) -> Any:
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    if isinstance(value, datetime.datetime):
        return format_time(value) if value.tzinfo else format_time(value.replace(tzinfo=datetime.timezone.utc))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    attrs_fields = getattr(type(value), "__attrs_attrs__", None)
    if attrs_fields is not None:
        return {field.name: getattr(value, field.name) for field in attrs_fields}
    if hasattr(value, "__dict__"):
        return {k: v for k, v in vars(value).items() if not k.startswith("_")}
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


_encoder = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, default=_default, allow_nan=False)

#: Dates, subclasses and dataclasses go through L{_fast_default}, as they go through L{_default}.
_FAST_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS

#: The fast encoder; None writes everything with the standard one (to measure it).
fast_dumps: Optional[Callable[..., bytes]] = orjson.dumps


def _fast_default(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value.items())  # a dict subclass: read through items(), as the standard encoder does
    if isinstance(value, (str, int, float, list, tuple)):
        raise TypeError("a subclass of a JSON type: the standard encoder writes it")
    return _default(value)


def _standard(value: Any) -> bytes:
    return _encoder.encode(value).encode("utf-8")


def _encode(value: Any) -> bytes:
    dumps = fast_dumps
    if dumps is None:
        return _standard(value)
    try:
        text = dumps(value, default=_fast_default, option=_FAST_OPTIONS)
    except (TypeError, OverflowError):  # big ints, surrogates, cycles, subclasses: the standard encoder decides
        return _standard(value)
    if b"null" in text:
        return _standard(value)  # maybe a NaN orjson wrote as null: the standard encoder refuses it
    return text


def encode_json(value: Any) -> bytes:
    """Encodes C{value} as compact UTF-8 JSON; NaN and infinities are not JSON, so they fail."""
    if isinstance(value, DataPage) and type(value).to_json is DataPage.to_json:
        # A page's usual null total would send the whole page to the standard encoder: written apart.
        total = value.total
        return b'{"data":' + _encode(value.json_items()) + b',"total":' + (
            b"null" if total is None else _encode(total)) + b"}"
    return _encode(value)
