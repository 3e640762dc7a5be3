# -*- test-case-name: tests.logic.test_method_settings -*-
"""Reads the C{methods} a decorator applies to, with optional settings per method."""

from __future__ import annotations

import inspect
from typing import Any, Callable, Optional

from ..config import ConfigParams


def _is_index(name: str) -> bool:
    return name.isdigit()


def method_settings(config: ConfigParams, key: str) -> Optional[dict[str, ConfigParams]]:
    """
    The methods named under C{key}, each with its settings, in config order;
    None when C{key} is absent. Accepted forms::

        methods: "get_one_by_id, get_one_by_udi"
        methods: [get_one_by_id, get_one_by_udi]
        methods:
          get_one_by_id: {ttl: 30000}
          get_one_by_udi: on          # a scalar: no settings of its own
    """
    text = config.get_as_nullable_string(key)
    if text:
        return {name.strip(): ConfigParams() for name in text.split(",") if name.strip()}
    section = config.get_section(key)
    if not section:
        return None
    names = section.get_section_names()
    if all(_is_index(name) for name in names):
        result: dict[str, ConfigParams] = {}
        for index in sorted(names, key=int):
            item = section.get_section(index)
            name = item.get_as_nullable_string("name") if item else section.get_as_nullable_string(index)
            if name:
                result[name.strip()] = item or ConfigParams()
        return result
    return {name: section.get_section(name) for name in names}


def parameter_index(function: Callable[..., Any], name: str) -> Optional[int]:
    """The position of parameter C{name} of C{function} (bound: without C{self}), or None."""
    try:
        parameters = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return None
    return parameters.index(name) if name in parameters else None


def argument(args: tuple[Any, ...], kwargs: dict[str, Any], name: str, index: Optional[int]) -> Any:
    """The value of parameter C{name} (at C{index}) in a call, or None."""
    if name in kwargs:
        return kwargs[name]
    if index is not None and index < len(args):
        return args[index]
    return None
