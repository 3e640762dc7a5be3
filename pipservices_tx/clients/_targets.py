# -*- test-case-name: tests.clients.test_balancing_discovery -*-
"""The instances behind a client's base URLs, one a URL or, resolved, one an address of its host."""

from __future__ import annotations

from typing import Any, Iterable
from urllib.parse import urlsplit

from twisted.internet import defer
from twisted.internet.abstract import isIPAddress, isIPv6Address
from twisted.internet.interfaces import IHostResolution, IReactorPluggableNameResolver, IResolutionReceiver
from zope.interface import implementer

from ..errors import ConnectionException
from ._instance_set import Target


@implementer(IResolutionReceiver)
class _Addresses:
    def __init__(self) -> None:
        self.found: list[str] = []
        self.done: defer.Deferred[list[str]] = defer.Deferred()

    def resolutionBegan(self, resolution: IHostResolution) -> None:  # noqa: N802 (Twisted's name)
        pass

    def addressResolved(self, address: Any) -> None:  # noqa: N802
        host = getattr(address, "host", None)
        if host and host not in self.found:
            self.found.append(host)

    def resolutionComplete(self) -> None:  # noqa: N802
        self.done.callback(self.found)


def addresses_of(reactor: Any, host: str, port: int) -> defer.Deferred[list[str]]:
    """Every address C{host} resolves to (a headless Service's pods, say), through the reactor's resolver."""
    receiver = _Addresses()
    IReactorPluggableNameResolver(reactor).nameResolver.resolveHostName(receiver, host, port)
    return receiver.done


async def _targets(reactor: Any, urls: Iterable[str], resolve_addresses: bool) -> list[Target]:
    targets: list[Target] = []
    for url in urls:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if not resolve_addresses or not host or isIPAddress(host) or isIPv6Address(host):
            targets.append(Target(url))
            continue
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = await addresses_of(reactor, host, port)
        if not found:
            raise ConnectionException(None, "DNS_ERROR", f"The host of {url} resolves to no address").with_details(
                "url", url
            )
        targets.extend(Target(url, address) for address in sorted(found))
    return list(dict.fromkeys(targets))


def targets_of(reactor: Any, urls: Iterable[str], resolve_addresses: bool) -> defer.Deferred[list[Target]]:
    """
    One target a URL; with C{resolve_addresses}, one an address of each URL's
    host name instead (the URL stays the same: its host is still sent and,
    for https, verified).
    """
    return defer.ensureDeferred(_targets(reactor, list(urls), resolve_addresses))
