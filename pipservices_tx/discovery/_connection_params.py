# -*- test-case-name: tests.discovery.test_connection_params -*-
"""ConnectionParams: where a server is (protocol, host, port, uri) or its discovery key."""

from __future__ import annotations

from typing import Any, Optional

from ..config import ConfigParams


class ConnectionParams(ConfigParams):
    """
    One connection: C{protocol}, C{host} (or C{ip}), C{port}, C{uri}, or a
    C{discovery_key} that a discovery service resolves into those.
    """

    # -- well-known keys ------------------------------------------------------

    @property
    def protocol(self) -> Optional[str]:
        return self.get_as_nullable_string("protocol") or None

    @protocol.setter
    def protocol(self, value: Optional[str]) -> None:
        self["protocol"] = value

    def get_protocol_with_default(self, default: str) -> str:
        return self.protocol or default

    @property
    def host(self) -> Optional[str]:
        return self.get_as_nullable_string("host") or self.get_as_nullable_string("ip") or None

    @host.setter
    def host(self, value: Optional[str]) -> None:
        self["host"] = value

    @property
    def port(self) -> Optional[int]:
        return self.get_as_nullable_integer("port")

    @port.setter
    def port(self, value: Optional[int]) -> None:
        self["port"] = None if value is None else str(value)

    def get_port_with_default(self, default: int) -> int:
        port = self.port
        return default if port is None or port <= 0 else port

    @property
    def uri(self) -> Optional[str]:
        return self.get_as_nullable_string("uri") or None

    @uri.setter
    def uri(self, value: Optional[str]) -> None:
        self["uri"] = value

    @property
    def discovery_key(self) -> Optional[str]:
        return self.get_as_nullable_string("discovery_key") or None

    @discovery_key.setter
    def discovery_key(self, value: Optional[str]) -> None:
        self["discovery_key"] = value

    def use_discovery(self) -> bool:
        """True when the real address must come from a discovery service."""
        return self.discovery_key is not None

    def get_as_uri(self, default_protocol: Optional[str] = None, default_port: Optional[int] = None) -> Optional[str]:
        """
        The configured C{uri}, else C{protocol://host:port} composed from the
        parts (with any credentials and options); None without a host.
        """
        if self.uri:
            return self.uri
        if not self.host:
            return None
        from ._uri import compose_uri

        return compose_uri(self, default_protocol, default_port)

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_string(cls, line: Optional[str]) -> ConnectionParams:
        """C{"host=localhost;port=8080"}."""
        return cls(ConfigParams.from_string(line))

    @classmethod
    def from_tuples(cls, *tuples: Any) -> ConnectionParams:
        return cls(ConfigParams.from_tuples(*tuples))

    @classmethod
    def many_from_config(cls, config: ConfigParams, config_as_default: bool = False) -> list[ConnectionParams]:
        """
        Every connection in a component's config: C{connections.<N or name>.*}
        sections first, then the C{connection.*} section (or a C{connection}
        string such as C{"host=a;port=1"}). With C{config_as_default} and none
        found, the config itself is the connection.
        """
        return _many_from_config(cls, config, "connection", "connections", config_as_default)

    @classmethod
    def from_config(cls, config: ConfigParams, config_as_default: bool = False) -> Optional[ConnectionParams]:
        """The first connection of L{many_from_config}, or None."""
        found = cls.many_from_config(config, config_as_default)
        return found[0] if found else None


def _many_from_config(
    cls: Any, config: ConfigParams, single: str, plural: str, config_as_default: bool
) -> list[Any]:
    result: list[Any] = []
    many = config.get_section(plural)
    for name in many.get_section_names():
        section = many.get_section(name)
        if section:
            result.append(cls(section))
        elif many.get(name):
            result.append(cls.from_string(many.get(name)))
    section = config.get_section(single)
    if section:
        result.append(cls(section))
    elif config.get(single) and "=" in (config.get(single) or ""):
        result.append(cls.from_string(config.get(single)))
    if not result and config_as_default and config:
        result.append(cls(config))
    return result
