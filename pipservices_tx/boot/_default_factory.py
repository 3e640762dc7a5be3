# -*- test-case-name: tests.boot.test_location -*-
"""DefaultBootFactory: the config-reader descriptors of a container config."""

from __future__ import annotations

from ..build import Factory
from ..config import JsonConfigReader, MemoryConfigReader, YamlConfigReader
from ..refer import Descriptor


def _http_config_reader() -> type:
    from ._http_reader import HttpConfigReader

    return HttpConfigReader


def _etcd_config_reader() -> type:
    from ._etcd_reader import EtcdConfigReader

    return EtcdConfigReader


def _settings_config_reader() -> type:
    from ._settings_reader import SettingsConfigReader

    return SettingsConfigReader


class DefaultBootFactory(Factory):
    """Builds C{pip-services:config-reader:{memory,yaml,json,http,etcd,settings}:*:1.0}."""

    descriptor = Descriptor("pip-services", "factory", "boot", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("pip-services", "config-reader", "memory", "*", "1.0"), MemoryConfigReader)
        self.register_as_type(Descriptor("pip-services", "config-reader", "yaml", "*", "1.0"), YamlConfigReader)
        self.register_as_type(Descriptor("pip-services", "config-reader", "json", "*", "1.0"), JsonConfigReader)
        self.register_lazy(Descriptor("pip-services", "config-reader", "http", "*", "1.0"), _http_config_reader)
        self.register_lazy(Descriptor("pip-services", "config-reader", "etcd", "*", "1.0"), _etcd_config_reader)
        self.register_lazy(Descriptor("pip-services", "config-reader", "settings", "*", "1.0"), _settings_config_reader)
