"""Tests for References: putting, removing and finding components."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase
from zope.interface import Interface, implementer
from zope.interface.verify import verifyObject

from pipservices_tx.errors import ReferenceException
from pipservices_tx.refer import Descriptor, IReferences, References, locator_matches


class IGreeter(Interface):
    def greet() -> str:
        """Says hello."""


@implementer(IGreeter)
class Greeter:
    def __init__(self, name: str) -> None:
        self.name = name

    def greet(self) -> str:
        return self.name


class LoudGreeter(Greeter):
    pass


DB1 = Descriptor("app", "persistence", "memory", "one", "1.0")
DB2 = Descriptor("app", "persistence", "mongodb", "two", "1.0")
CTRL = Descriptor("app", "controller", "default", "default", "1.0")
ANY_DB = Descriptor("app", "persistence", None, None, "1.0")


class ReferencesTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.db1, self.db2, self.ctrl = object(), object(), Greeter("ctrl")
        self.references = References.from_tuples(DB1, self.db1, CTRL, self.ctrl, DB2, self.db2)

    def test_interface(self) -> None:
        self.assertTrue(verifyObject(IReferences, self.references))

    def test_registration_order(self) -> None:
        self.assertEqual(self.references.get_all(), [self.db1, self.ctrl, self.db2])
        self.assertEqual(self.references.get_all_locators(), [DB1, CTRL, DB2])
        self.assertEqual(len(self.references), 3)

    def test_find_with_wildcards(self) -> None:
        self.assertEqual(self.references.get_optional(ANY_DB), [self.db1, self.db2])
        self.assertEqual(self.references.find(ANY_DB, True), [self.db1, self.db2])
        self.assertEqual(self.references.get_required(Descriptor.parse("*:*:memory:*:*")), [self.db1])
        self.assertEqual(self.references.get_optional(Descriptor.parse("x:*:*:*:*")), [])

    def test_newest_wins(self) -> None:
        self.assertIs(self.references.get_one_optional(ANY_DB), self.db2)
        self.assertIs(self.references.get_one_required(ANY_DB), self.db2)
        newer = object()
        self.references.put(DB1, newer)
        self.assertIs(self.references.get_one_required(DB1), newer)

    def test_missing(self) -> None:
        missing = Descriptor("app", "cache", None, None, None)
        self.assertIsNone(self.references.get_one_optional(missing))
        self.assertEqual(self.references.find(missing, False), [])
        for call in (self.references.get_one_required, self.references.get_required):
            error = self.assertRaises(ReferenceException, call, missing)
            self.assertIn("app:cache:*:*:*", error.message)
            self.assertEqual(error.details, {"locator": "app:cache:*:*:*"})
        self.assertRaises(ReferenceException, self.references.find, missing, True)

    def test_by_interface_and_class(self) -> None:
        loud = LoudGreeter("loud")
        self.references.put("loud", loud)
        self.assertEqual(self.references.get_optional(IGreeter), [self.ctrl, loud])
        self.assertIs(self.references.get_one_required(IGreeter), loud)
        self.assertEqual(self.references.get_optional(LoudGreeter), [loud])
        self.assertEqual(self.references.get_optional(Greeter), [self.ctrl, loud])
        error = self.assertRaises(ReferenceException, References().get_one_required, IGreeter)
        self.assertIn("IGreeter", error.message)

    def test_by_plain_locator(self) -> None:
        component = object()
        self.references.put("my-key", component)
        self.assertIs(self.references.get_one_required("my-key"), component)
        self.assertEqual(self.references.get_optional("other"), [])

    def test_remove_newest(self) -> None:
        self.assertIs(self.references.remove(ANY_DB), self.db2)
        self.assertEqual(self.references.get_all(), [self.db1, self.ctrl])
        self.assertIsNone(self.references.remove(Descriptor.parse("x:*:*:*:*")))

    def test_remove_all(self) -> None:
        self.assertEqual(self.references.remove_all(ANY_DB), [self.db1, self.db2])
        self.assertEqual(self.references.get_all(), [self.ctrl])
        self.assertEqual(self.references.remove_all(ANY_DB), [])

    def test_none_is_rejected(self) -> None:
        self.assertRaises(ValueError, self.references.put, DB1, None)
        self.assertRaises(ValueError, self.references.find, None, False)

    def test_constructor_tuples(self) -> None:
        component = object()
        self.assertEqual(References([DB1, component]).get_all(), [component])
        self.assertEqual(len(References()), 0)


class LocatorMatchesTests(SynchronousTestCase):
    def test_rules(self) -> None:
        greeter = Greeter("g")
        self.assertTrue(locator_matches(ANY_DB, DB1, object()))
        self.assertFalse(locator_matches(ANY_DB, "app:persistence:memory:one:1.0", object()))
        self.assertTrue(locator_matches(IGreeter, "whatever", greeter))
        self.assertTrue(locator_matches(Greeter, "whatever", greeter))
        self.assertFalse(locator_matches(LoudGreeter, "whatever", greeter))
        self.assertTrue(locator_matches("k", "k", object()))
        self.assertTrue(locator_matches(greeter, "k", greeter))
