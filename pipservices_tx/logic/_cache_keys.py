# -*- test-case-name: tests.logic.test_cache_keys -*-
"""CacheKeys: the cache key of a method call, from a template over its arguments."""

from __future__ import annotations

import inspect
import json
import string
from typing import Any, Callable, Optional

from ..errors import ConfigException

DEFAULT_TEMPLATE = "{prefix}:{method}:{args}"


def _json_default(value: Any) -> Any:
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def args_json(arguments: dict[str, Any]) -> str:
    """Compact JSON of the arguments, keys sorted: equal calls give equal text."""
    return json.dumps(arguments, sort_keys=True, separators=(",", ":"), default=_json_default)


class CacheKeys:
    """
    Binds a call of C{method} to its parameter names and fills C{template}.
    Fields: C{{prefix}}, C{{method}}, C{{args}} (JSON of every argument
    except C{correlation_id}) and any parameter by name, e.g.
    C{"beacon:{id}"}. The default template is C{{prefix}:{method}:{args}}.
    """

    def __init__(self, prefix: str, name: str, method: Callable[..., Any], template: Optional[str] = None) -> None:
        self.prefix = prefix
        self.name = name
        self.template = template or DEFAULT_TEMPLATE
        try:
            self._signature: Optional[inspect.Signature] = inspect.signature(method)
        except (TypeError, ValueError):
            self._signature = None
        parameters = set(self._signature.parameters) if self._signature is not None else set()
        allowed = parameters | {"prefix", "method", "args"}
        for _, field, _, _ in string.Formatter().parse(self.template):
            if field is not None and field.split(".")[0].split("[")[0] not in allowed:
                raise ConfigException(
                    None, "BAD_KEY_TEMPLATE", f"Cache key template '{self.template}' of {name} names "
                    f"'{field}', which is not a parameter of the method"
                ).with_details("method", name)

    def arguments(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """The call's arguments by name, without C{correlation_id}."""
        if self._signature is not None:
            try:
                bound = self._signature.bind(*args, **kwargs)
                bound.apply_defaults()
                named = dict(bound.arguments)
            except TypeError:
                named = {str(index): value for index, value in enumerate(args)} | kwargs
        else:
            named = {str(index): value for index, value in enumerate(args)} | kwargs
        named.pop("correlation_id", None)
        return named

    def key(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
        arguments = self.arguments(args, kwargs)
        fields = dict(arguments)
        fields["prefix"] = self.prefix
        fields["method"] = self.name
        if "{args" in self.template:
            fields["args"] = args_json(arguments)
        return self.template.format_map(fields)
