# -*- test-case-name: tests.boot.test_location -*-
"""reader_for_location: the config reader for a C{-c} argument (a file, a URL, an etcd key)."""

from __future__ import annotations

from typing import Any

from ..config import IConfigReader, JsonConfigReader, YamlConfigReader
from ._etcd_reader import EtcdConfigReader
from ._http_reader import HttpConfigReader
from ._settings_reader import SettingsConfigReader


def reader_for_location(location: str, **kwargs: Any) -> IConfigReader:
    """
    C{http(s)://...} is an L{HttpConfigReader}, C{etcd(s)://host:port/key}
    an L{EtcdConfigReader}, C{settings(s)://host:port/section} a
    L{SettingsConfigReader} (the settings service), anything else (also C{file://...}) a local file
    read by extension: C{.json} as JSON, the rest as YAML. C{kwargs}
    (C{reactor}, C{http_client}, C{clock}) go to the remote readers.
    """
    text = location.strip()
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("http", "https"):
        return HttpConfigReader(text, **kwargs)
    if scheme in ("etcd", "etcds"):
        return EtcdConfigReader.from_location(text, **kwargs)
    if scheme in ("settings", "settingss"):
        return SettingsConfigReader.from_location(text, **kwargs)
    if scheme == "file":
        text = text[len("file://"):]
    if text.lower().endswith(".json"):
        return JsonConfigReader(text)
    return YamlConfigReader(text)
