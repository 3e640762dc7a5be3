"""The configuration contracts components and config sources implement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from zope.interface import Interface

if TYPE_CHECKING:
    from twisted.internet.defer import Deferred

    from ._config_params import ConfigParams


class IConfigurable(Interface):
    """A component that takes its settings from its entry in the container config."""

    def configure(config: ConfigParams) -> None:
        """Reads settings; called once, before references are set."""


class IReconfigurable(IConfigurable):
    """A component that accepts C{configure} again while it runs."""


class IConfigReader(Interface):
    """A source of container configuration: a file, a URL, a key in etcd..."""

    def read_config(
        correlation_id: Optional[str], parameters: Optional[ConfigParams]
    ) -> Deferred[ConfigParams]:
        """Reads, renders with C{parameters} and parses the configuration."""
