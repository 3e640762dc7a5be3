"""KeyedResolver: the mechanism under ConnectionResolver and CredentialResolver, and a resolver of one's own."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import Interface, implementer
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.discovery import ConnectionResolver, CredentialResolver, KeyedResolver
from pipservices_tx.errors import ConfigException
from pipservices_tx.refer import Descriptor, IReferenceable, References

_VAULT = Descriptor("my", "certificate-vault", "*", "*", "1.0")


class ICertificateVault(Interface):
    def certificate(correlation_id: Optional[str], name: str) -> Deferred[Optional[ConfigParams]]:
        """The certificate files known as C{name}, or None."""


class CertificateParams(ConfigParams):
    @classmethod
    def many_from_config(cls, config: ConfigParams) -> list[CertificateParams]:
        return [cls(config.get_section(name)) for name in ("certificate", "ca") if config.get_section(name)]


class CertificateResolver(KeyedResolver[CertificateParams]):
    params_class = CertificateParams
    key_name = "vault_name"
    locator = _VAULT
    interface = ICertificateVault
    no_provider = "'{key}' needs a vault"
    unknown_key = "no vault has '{key}'"

    def _find(self, provider: Any, correlation_id: Optional[str], key: str) -> Deferred[Optional[ConfigParams]]:
        return provider.certificate(correlation_id, key)  # type: ignore[no-any-return]


@implementer(ICertificateVault)
class _Vault:
    def __init__(self, **known: str) -> None:
        self.known = known
        self.asked: list[str] = []

    def certificate(self, correlation_id: Optional[str], name: str) -> Deferred[Optional[ConfigParams]]:
        self.asked.append(name)
        return succeed(ConfigParams({"crt_file": self.known[name]}) if name in self.known else None)


def _config(**sections: object) -> ConfigParams:
    return ConfigParams.from_value(sections)


class KeyedResolverTests(SynchronousTestCase):
    def test_the_resolvers_are_configurable_and_referenceable(self) -> None:
        for resolver in (ConnectionResolver(), CredentialResolver(), CertificateResolver()):
            verifyObject(IConfigurable, resolver)
            verifyObject(IReferenceable, resolver)

    def test_a_resolver_of_ones_own(self) -> None:
        empty, vault = _Vault(), _Vault(web="web.crt", other="other.crt")
        references = References.from_tuples(
            Descriptor("my", "certificate-vault", "a", "a", "1.0"), empty,
            Descriptor("my", "certificate-vault", "b", "b", "1.0"), vault,
            Descriptor("my", "certificate-vault", "c", "c", "1.0"), object(),  # not a vault: not asked
        )
        resolver = CertificateResolver(
            _config(certificate={"vault_name": "web", "key_file": "web.key"}, ca={"crt_file": "ca.crt"}), references)
        first = self.successResultOf(resolver.resolve("c1"))
        self.assertIsInstance(first, CertificateParams)
        self.assertEqual(first, {"vault_name": "web", "key_file": "web.key", "crt_file": "web.crt"})
        self.assertEqual(self.successResultOf(resolver.resolve_all(None))[1], {"crt_file": "ca.crt"})
        self.assertEqual((empty.asked, vault.asked), (["web", "web"], ["web", "web"]))
        self.assertEqual(len(resolver.get_all()), 2)

    def test_configure_and_add_append(self) -> None:
        resolver = CertificateResolver(_config(ca={"crt_file": "1"}))
        resolver.configure(_config(ca={"crt_file": "2"}))
        resolver.add(CertificateParams({"crt_file": "3"}))
        found = self.successResultOf(resolver.resolve_all(None))
        self.assertEqual([item["crt_file"] for item in found], ["1", "2", "3"])
        self.assertEqual(self.successResultOf(CertificateResolver().resolve(None)), None)

    def test_the_two_errors_name_the_key(self) -> None:
        resolver = CertificateResolver(_config(certificate={"vault_name": "web"}), References())
        error = self.failureResultOf(resolver.resolve("c2"), ConfigException).value
        self.assertEqual((error.code, error.message, error.details, error.correlation_id),
                         ("CANNOT_RESOLVE", "'web' needs a vault", {"vault_name": "web"}, "c2"))
        resolver.set_references(References.from_tuples(_VAULT, _Vault()))
        error = self.failureResultOf(resolver.resolve_all("c3"), ConfigException).value
        self.assertEqual((error.message, error.details), ("no vault has 'web'", {"vault_name": "web"}))

    def test_credential_errors_are_unchanged(self) -> None:
        resolver = CredentialResolver(_config(credential={"store_key": "db"}), References())
        error = self.failureResultOf(resolver.resolve("c"), ConfigException).value
        self.assertEqual(
            (error.message, error.details),
            ("Credential with store key 'db' needs a credential store, and none is configured", {"store_key": "db"}))
