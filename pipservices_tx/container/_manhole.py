# -*- test-case-name: tests.container.test_manhole -*-
"""pipsvc --manhole unix:PATH: a Python prompt inside the running service, for live debugging."""

from __future__ import annotations

from typing import Any, Optional

from twisted.application.service import IService
from twisted.internet.interfaces import IReactorTime

from ..errors import ConfigException
from ..lifecycle import global_reactor


def manhole_service(endpoint: str, namespace: dict[str, Any], reactor: Optional[IReactorTime] = None) -> IService:
    """
    A telnet manhole (C{twisted.conch}) on C{endpoint}, which must be a
    C{unix:} socket: the socket's file mode (default 0600) is the access
    control, so nobody but the service's user can connect. Off unless asked.
    """
    if not endpoint.startswith("unix:"):
        raise ConfigException(None, "MANHOLE_NEEDS_UNIX", "--manhole takes a unix: endpoint, e.g. unix:/run/pipsvc.sock")
    if ":mode=" not in endpoint:
        endpoint += ":mode=600"
    from twisted.application.internet import StreamServerEndpointService  # here: imports OpenSSL
    from twisted.conch.insults import insults
    from twisted.conch.manhole import ColoredManhole
    from twisted.conch.telnet import TelnetBootstrapProtocol, TelnetTransport
    from twisted.internet.endpoints import serverFromString
    from twisted.internet.protocol import ServerFactory

    factory = ServerFactory()
    factory.protocol = lambda: TelnetTransport(  # type: ignore[assignment,misc]
        TelnetBootstrapProtocol, insults.ServerProtocol, ColoredManhole, namespace
    )
    return StreamServerEndpointService(serverFromString(reactor or global_reactor(), endpoint), factory)
