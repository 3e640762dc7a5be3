# -*- test-case-name: tests.clients.test_rest_client_network -*-
"""The HTTP plumbing under RestClient: endpoints with a connect timeout and a cancellable body read."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet import defer
from twisted.internet.abstract import isIPAddress, isIPv6Address
from twisted.internet.interfaces import IProtocolFactory, IReactorTime, IStreamClientEndpoint
from twisted.internet.protocol import Protocol, connectionDone
from twisted.python.failure import Failure
from twisted.web.iweb import IAgentEndpointFactory, IPolicyForHTTPS, IResponse
from zope.interface import implementer

from ..discovery import load_pem_certificates, read_pem
from ..errors import ConfigException
from ._wire_errors import ConnectTimeout


@implementer(IStreamClientEndpoint)
class TimeoutEndpoint:
    """
    Gives up on a connection attempt after C{timeout} seconds of C{clock}: the
    attempt is cancelled (the connector stops) and fails with L{ConnectTimeout}.
    """

    def __init__(self, endpoint: IStreamClientEndpoint, timeout: float, clock: IReactorTime) -> None:
        self._endpoint = endpoint
        self._timeout = timeout
        self._clock = clock

    def connect(self, protocol_factory: IProtocolFactory) -> defer.Deferred[Any]:
        d = self._endpoint.connect(protocol_factory)
        if self._timeout > 0:
            d.addTimeout(self._timeout, self._clock, onTimeoutCancel=self._timed_out)
        return d

    def _timed_out(self, result: Any, timeout: float) -> Any:
        # Cancelling fails with whatever the endpoint makes of it (ConnectingCancelledError...).
        if isinstance(result, Failure):
            raise ConnectTimeout(string=f"connection not established within {timeout} s")
        return result


@implementer(IAgentEndpointFactory)
class EndpointFactory:
    """
    Endpoints for the agent: a fixed one from a Twisted client endpoint string
    (C{unix:path=...}, C{tcp:host=...:port=...}, C{tls:...}), else TCP (or TLS
    for https) to the URI's host, or to C{address} when the host was resolved
    apart (TLS still checks the URI's host name); each with the connect timeout.
    """

    def __init__(
        self, reactor: Any, connect_timeout: float, endpoint: Optional[str] = None, tls_policy: Any = None,
        address: Optional[str] = None,
    ) -> None:
        self._reactor = reactor
        self._connect_timeout = connect_timeout
        self._endpoint = endpoint
        self._tls_policy: Any = tls_policy  # an IPolicyForHTTPS; the browser-like one by default
        self._address = address

    def endpointForURI(self, uri: Any) -> IStreamClientEndpoint:  # noqa: N802 (Twisted's name)
        # Imported on the first call: a service that never calls out never loads them.
        from twisted.internet import endpoints
        from twisted.web import client as web_client

        endpoint: IStreamClientEndpoint
        if self._endpoint:
            endpoint = endpoints.clientFromString(self._reactor, self._endpoint)
        else:
            host = self._address or (uri.host.decode("ascii") if isinstance(uri.host, bytes) else uri.host)
            if isIPAddress(host):
                endpoint = endpoints.TCP4ClientEndpoint(self._reactor, host, uri.port)
            elif isIPv6Address(host):
                endpoint = endpoints.TCP6ClientEndpoint(self._reactor, host, uri.port)
            else:
                endpoint = endpoints.HostnameEndpoint(self._reactor, uri.host, uri.port)
            if uri.scheme == b"https":
                if self._tls_policy is None:
                    self._tls_policy = web_client.BrowserLikePolicyForHTTPS()
                creator = self._tls_policy.creatorForNetloc(uri.host, uri.port)
                endpoint = endpoints.wrapClientTLS(creator, endpoint)
        return TimeoutEndpoint(endpoint, self._connect_timeout, self._reactor)


@implementer(IPolicyForHTTPS)
class TlsPolicy:
    """
    Verifies https servers against the CAs of C{ca_file} (the platform's
    when None) and, for mutual TLS, presents the client certificate of
    C{cert_file} and C{key_file}; hostnames (and IP addresses) are checked.
    """

    def __init__(self, ca_file: Optional[str] = None, cert_file: Optional[str] = None,
                 key_file: Optional[str] = None) -> None:
        from twisted.internet import ssl

        self._trust_root: Any = None
        self._client_certificate: Any = None
        if ca_file:
            self._trust_root = ssl.trustRootFromCertificates(load_pem_certificates(ca_file))
        if cert_file or key_file:
            if not cert_file or not key_file:
                raise ConfigException(None, "NO_SSL_CERT", "A client certificate needs both "
                                      "credential.ssl_cert_file and credential.ssl_key_file")
            pem = read_pem(cert_file, "certificate file") + b"\n" + read_pem(key_file, "key file")
            try:
                self._client_certificate = ssl.PrivateCertificate.loadPEM(pem)
            except Exception as e:
                raise ConfigException(
                    None, "BAD_PEM", f"{cert_file} and {key_file} are not a PEM certificate and its key: {e}"
                ).with_cause(e) from e

    def creatorForNetloc(self, hostname: bytes, port: int) -> Any:  # noqa: N802 (Twisted's name)
        from twisted.internet import ssl

        return ssl.optionsForClientTLS(
            hostname.decode("idna"), trustRoot=self._trust_root, clientCertificate=self._client_certificate
        )


class _BodyCollector(Protocol):
    def __init__(self, finished: defer.Deferred[bytes]) -> None:
        self._finished = finished
        self._chunks: list[bytes] = []

    def dataReceived(self, data: bytes) -> None:  # noqa: N802
        self._chunks.append(data)

    def connectionLost(self, reason: Failure = connectionDone) -> None:  # noqa: N802
        from twisted.web import client as web_client  # loaded already: a response arrived

        if self._finished.called:
            return
        if reason.check(web_client.ResponseDone, web_client.PotentialDataLoss):
            self._finished.callback(b"".join(self._chunks))
        else:
            self._finished.errback(reason)


def read_body(response: IResponse) -> defer.Deferred[bytes]:
    """
    The whole body of C{response}. Cancelling stops the transfer and drops
    the connection (it cannot go back to the pool half read).
    """
    collector: Optional[_BodyCollector] = None

    def cancel(d: defer.Deferred[bytes]) -> None:
        transport = getattr(collector, "transport", None)
        if transport is not None:
            transport.stopProducing()

    finished: defer.Deferred[bytes] = defer.Deferred(cancel)
    collector = _BodyCollector(finished)
    response.deliverBody(collector)
    return finished
