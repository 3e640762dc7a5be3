# -*- test-case-name: tests.security.test_tls -*-
"""Mutual TLS for HttpEndpoint: TLS options that require a client certificate signed by a configured CA."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import ConfigParams
from ..discovery import load_pem_certificates, read_pem
from ..errors import ConfigException

if TYPE_CHECKING:
    from twisted.internet import ssl


def client_certificate_options(config: ConfigParams) -> ssl.CertificateOptions:
    """
    TLS options of a server that asks every client for a certificate signed
    by a CA of C{credential.ssl_ca_file} and refuses the handshake without
    one: the server's key and certificate from C{credential.ssl_key_file}
    and C{credential.ssl_crt_file}. (Twisted's C{ssl:} endpoint string
    cannot require client certificates, hence these options.)
    """
    from twisted.internet import ssl  # here: OpenSSL is imported only by services that use TLS

    key_file = config.get_as_nullable_string("credential.ssl_key_file")
    crt_file = config.get_as_nullable_string("credential.ssl_crt_file")
    ca_file = config.get_as_nullable_string("credential.ssl_ca_file")
    if not key_file or not crt_file or not ca_file:
        raise ConfigException(
            None, "NO_SSL_CA", "options.require_client_cert needs credential.ssl_key_file, "
            "credential.ssl_crt_file and credential.ssl_ca_file (the CA of the client certificates)"
        )
    pem = read_pem(crt_file, "certificate file") + b"\n" + read_pem(key_file, "key file")
    try:
        server = ssl.PrivateCertificate.loadPEM(pem)
    except Exception as e:
        raise ConfigException(
            None, "BAD_PEM", f"{crt_file} and {key_file} are not a PEM certificate and its key: {e}"
        ).with_cause(e) from e
    authorities = load_pem_certificates(ca_file)
    return ssl.CertificateOptions(
        privateKey=server.privateKey.original,
        certificate=server.original,
        extraCertChain=[certificate.original for certificate in authorities],
        trustRoot=ssl.trustRootFromCertificates(authorities),
    )
