"""Tests for DependencyResolver: code defaults, config overrides, lookups."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import ConfigException, ReferenceException
from pipservices_tx.refer import DependencyResolver, Descriptor, IReferenceable, References

MEMORY = Descriptor("beacons", "persistence", "memory", "default", "1.0")
MONGO = Descriptor("beacons", "persistence", "mongodb", "default", "1.0")
ANY_PERSISTENCE = Descriptor("beacons", "persistence", None, None, "1.0")


class DependencyResolverTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.memory, self.mongo = object(), object()
        self.references = References.from_tuples(MEMORY, self.memory, MONGO, self.mongo)

    def test_interfaces(self) -> None:
        resolver = DependencyResolver()
        self.assertTrue(verifyObject(IConfigurable, resolver))
        self.assertTrue(verifyObject(IReferenceable, resolver))

    def test_code_default(self) -> None:
        resolver = DependencyResolver.from_tuples("persistence", ANY_PERSISTENCE)
        resolver.set_references(self.references)
        self.assertIs(resolver.get_one_required("persistence"), self.mongo)
        self.assertIs(resolver.get_one_optional("persistence"), self.mongo)
        self.assertEqual(resolver.get_optional("persistence"), [self.memory, self.mongo])
        self.assertEqual(resolver.get_required("persistence"), [self.memory, self.mongo])

    def test_config_overrides_code_default(self) -> None:
        resolver = DependencyResolver.from_tuples("persistence", ANY_PERSISTENCE)
        resolver.configure(ConfigParams.from_tuples(
            "dependencies.persistence", "beacons:persistence:memory:*:1.0", "other", "ignored",
        ))
        resolver.set_references(self.references)
        self.assertIs(resolver.get_one_required("persistence"), self.memory)

    def test_empty_config_value_keeps_default(self) -> None:
        resolver = DependencyResolver.from_tuples("persistence", MONGO)
        resolver.configure(ConfigParams.from_tuples("dependencies.persistence", ""))
        resolver.set_references(self.references)
        self.assertIs(resolver.get_one_required("persistence"), self.mongo)

    def test_constructor(self) -> None:
        resolver = DependencyResolver(
            ConfigParams.from_tuples("dependencies.db", "beacons:persistence:memory:default:1.0"), self.references
        )
        self.assertIs(resolver.get_one_required("db"), self.memory)

    def test_missing_required_names_the_locator(self) -> None:
        resolver = DependencyResolver.from_tuples("cache", Descriptor("beacons", "cache", None, None, "1.0"))
        resolver.set_references(self.references)
        self.assertIsNone(resolver.get_one_optional("cache"))
        self.assertEqual(resolver.get_optional("cache"), [])
        error = self.assertRaises(ReferenceException, resolver.get_one_required, "cache")
        self.assertIn("beacons:cache:*:*:1.0", error.message)
        self.assertRaises(ReferenceException, resolver.get_required, "cache")

    def test_without_references(self) -> None:
        resolver = DependencyResolver.from_tuples("persistence", MEMORY)
        self.assertIsNone(resolver.get_one_optional("persistence"))
        error = self.assertRaises(ReferenceException, resolver.get_one_required, "persistence")
        self.assertIn(str(MEMORY), error.message)

    def test_undeclared_name_is_its_own_locator(self) -> None:
        component = object()
        resolver = DependencyResolver(references=References.from_tuples("plain", component))
        self.assertIs(resolver.get_one_required("plain"), component)
        self.assertRaises(ValueError, resolver.get_one_optional, "")

    def test_put(self) -> None:
        resolver = DependencyResolver()
        resolver.put("persistence", MEMORY)
        resolver.set_references(self.references)
        self.assertIs(resolver.get_one_required("persistence"), self.memory)


class PlainNameLocatorTests(SynchronousTestCase):
    """Locators without colons, as pip-services3 accepts them in code and in config."""

    def setUp(self) -> None:
        self.first, self.second, self.db = object(), object(), object()
        self.references = References.from_tuples(
            "Reference1", self.first,
            Descriptor("pip-services-commons", "reference", "object", "ref2", "1.0"), self.second,
            Descriptor("beacons", "persistence", "postgres", "my-db", "1.0"), self.db,
        )

    def test_in_code(self) -> None:
        resolver = DependencyResolver.from_tuples(
            "ref1", "Reference1", "ref2", Descriptor("pip-services-commons", "reference", "*", "*", "*"))
        resolver.set_references(self.references)
        self.assertIs(resolver.get_one_required("ref1"), self.first)
        self.assertIs(resolver.get_one_required("ref2"), self.second)
        self.assertIsNone(resolver.get_one_optional("ref3"))

    def test_in_config(self) -> None:
        resolver = DependencyResolver(ConfigParams.from_tuples(
            "dependencies.ref1", "Reference1",
            "dependencies.ref2", "pip-services-commons:reference:*:*:*",
            "dependencies.ref3", None,
            "dependencies.db", " my-db ",
        ), self.references)
        self.assertIs(resolver.get_one_required("ref1"), self.first)
        self.assertIs(resolver.get_one_required("ref2"), self.second)
        self.assertIsNone(resolver.get_one_optional("ref3"))
        self.assertIs(resolver.get_one_required("db"), self.db, "a plain name finds a component by its name")
        self.assertEqual(resolver.get_required("db"), [self.db])

    def test_a_wildcard_name_is_no_match(self) -> None:
        references = References.from_tuples(Descriptor("pip-services", "endpoint", "http", "*", "1.0"), object())
        resolver = DependencyResolver(ConfigParams.from_tuples("dependencies.db", "my-db"), references)
        self.assertIsNone(resolver.get_one_optional("db"))
        self.assertIsNone(resolver.get_one_optional("authorizer"), "an undeclared name finds by its locator only")

    def test_a_plain_name_that_matches_nothing(self) -> None:
        resolver = DependencyResolver(ConfigParams.from_tuples("dependencies.db", "other-db"), self.references)
        self.assertIsNone(resolver.get_one_optional("db"))
        error = self.assertRaises(ReferenceException, resolver.get_one_required, "db")
        self.assertIn("other-db", error.message)

    def test_a_malformed_descriptor_is_still_an_error(self) -> None:
        with self.assertRaises(ConfigException):
            DependencyResolver(ConfigParams.from_tuples("dependencies.db", "beacons:persistence"))
