"""Package attributes imported on first use: light packages, no import cycles."""

from __future__ import annotations

import importlib
from typing import Any, Callable


def lazy_attributes(package: str, modules: dict[str, str]) -> Callable[[str], Any]:
    """
    A module C{__getattr__} (PEP 562) that imports C{name} from the module
    C{modules[name]} (relative to C{package}) the first time it is asked for.
    """

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        setattr(importlib.import_module(package), name, value)
        return value

    return __getattr__
