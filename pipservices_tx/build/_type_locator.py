# -*- test-case-name: tests.build.test_type_locator -*-
"""Imports the class a C{type: "ClassName,module.path"} config entry names."""

from __future__ import annotations

import importlib

from ..errors import ConfigException


def import_type(spec: str) -> type:
    """
    Accepts C{ClassName,module.path} (the Pip.Services form) and
    C{module.path.ClassName}; a ConfigException says which part is wrong.
    """
    text = (spec or "").strip()
    if "," in text:
        name, _, module_name = (part.strip() for part in text.partition(","))
    else:
        module_name, _, name = text.rpartition(".")
    if not name or not module_name:
        raise ConfigException(
            None, "BAD_TYPE", f"Type '{spec}' is not in the format 'ClassName,module.path'"
        ).with_details("type", spec)
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise ConfigException(
            None, "TYPE_NOT_FOUND", f"Type '{spec}': cannot import module '{module_name}': {e}"
        ).with_details("type", spec).with_cause(e) from e
    except Exception as e:
        raise ConfigException(
            None, "TYPE_NOT_FOUND", f"Type '{spec}': importing module '{module_name}' failed: {e!r}"
        ).with_details("type", spec).with_cause(e) from e
    result = getattr(module, name, None)
    if not isinstance(result, type):
        raise ConfigException(
            None, "TYPE_NOT_FOUND", f"Type '{spec}': module '{module_name}' has no class '{name}'"
        ).with_details("type", spec)
    return result
