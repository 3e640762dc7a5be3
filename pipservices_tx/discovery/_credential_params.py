# -*- test-case-name: tests.discovery.test_connection_params -*-
"""CredentialParams: a user name and password or access key, or a credential store key."""

from __future__ import annotations

from typing import Any, Optional

from ..config import ConfigParams
from ._connection_params import _many_from_config


class CredentialParams(ConfigParams):
    """
    C{username} (or C{user}), C{password} (or C{pass}), C{access_id},
    C{access_key}, or a C{store_key} to look up in a credential store.
    """

    def _first(self, *keys: str) -> Optional[str]:
        for key in keys:
            value = self.get_as_nullable_string(key)
            if value:
                return value
        return None

    @property
    def username(self) -> Optional[str]:
        return self._first("username", "user")

    @username.setter
    def username(self, value: Optional[str]) -> None:
        self["username"] = value

    @property
    def password(self) -> Optional[str]:
        return self._first("password", "pass")

    @password.setter
    def password(self, value: Optional[str]) -> None:
        self["password"] = value

    @property
    def access_id(self) -> Optional[str]:
        return self._first("access_id", "client_id")

    @access_id.setter
    def access_id(self, value: Optional[str]) -> None:
        self["access_id"] = value

    @property
    def access_key(self) -> Optional[str]:
        return self._first("access_key", "client_key", "secret_key")

    @access_key.setter
    def access_key(self, value: Optional[str]) -> None:
        self["access_key"] = value

    @property
    def store_key(self) -> Optional[str]:
        return self._first("store_key")

    @store_key.setter
    def store_key(self, value: Optional[str]) -> None:
        self["store_key"] = value

    def use_credential_store(self) -> bool:
        """True when the real credential must come from a credential store."""
        return self.store_key is not None

    @classmethod
    def from_string(cls, line: Optional[str]) -> CredentialParams:
        return cls(ConfigParams.from_string(line))

    @classmethod
    def from_tuples(cls, *tuples: Any) -> CredentialParams:
        return cls(ConfigParams.from_tuples(*tuples))

    @classmethod
    def many_from_config(cls, config: ConfigParams, config_as_default: bool = False) -> list[CredentialParams]:
        """C{credentials.<N or name>.*} sections, then the C{credential.*} section."""
        return _many_from_config(cls, config, "credential", "credentials", config_as_default)

    @classmethod
    def from_config(cls, config: ConfigParams, config_as_default: bool = False) -> Optional[CredentialParams]:
        found = cls.many_from_config(config, config_as_default)
        return found[0] if found else None
