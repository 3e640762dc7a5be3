"""Boot: where a container's configuration comes from (files, HTTP, etcd, the settings service)."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._default_factory import DefaultBootFactory
    from ._etcd_reader import EtcdConfigReader
    from ._format import format_of
    from ._http_reader import HttpConfigReader
    from ._location import reader_for_location
    from ._settings_reader import SettingsConfigReader

__all__ = [
    "DefaultBootFactory",
    "EtcdConfigReader",
    "HttpConfigReader",
    "SettingsConfigReader",
    "format_of",
    "reader_for_location",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "DefaultBootFactory":
        from . import _default_factory

        module = _default_factory
    elif name == "EtcdConfigReader":
        from . import _etcd_reader

        module = _etcd_reader
    elif name == "format_of":
        from . import _format

        module = _format
    elif name == "HttpConfigReader":
        from . import _http_reader

        module = _http_reader
    elif name == "reader_for_location":
        from . import _location

        module = _location
    elif name == "SettingsConfigReader":
        from . import _settings_reader

        module = _settings_reader
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
