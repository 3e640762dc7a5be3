"""Tests for L{pipservices_tx.logic.Decorator}: the generic proxy and how it finds its target."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import ConfigException, ReferenceException
from pipservices_tx.lifecycle import IClosable, IOpenable
from pipservices_tx.logic import Decorator, forwarded_interfaces
from pipservices_tx.refer import Descriptor, IReferenceable, IUnreferenceable, References

from ._support import TARGET, Greeter, IGreeter


def decorator_for(config: dict, *tuples: object) -> Decorator:
    decorator = Decorator()
    decorator.configure(ConfigParams.from_value(config))
    decorator.set_references(References.from_tuples(*tuples))
    return decorator


class DecoratorTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.target = Greeter()
        self.decorator = decorator_for({"dependencies": {"target": str(TARGET)}}, TARGET, self.target)

    def test_own_interfaces(self) -> None:
        verifyObject(IConfigurable, self.decorator)
        verifyObject(IReferenceable, self.decorator)
        verifyObject(IUnreferenceable, self.decorator)

    def test_declares_the_interfaces_of_its_target(self) -> None:
        self.assertTrue(IGreeter.providedBy(self.decorator))
        verifyObject(IGreeter, self.decorator)

    def test_does_not_declare_lifecycle_interfaces(self) -> None:
        """Else the container would open and close the target twice."""
        self.assertFalse(IOpenable.providedBy(self.decorator))
        self.assertFalse(IClosable.providedBy(self.decorator))
        self.assertEqual(forwarded_interfaces(self.target), [IGreeter])

    def test_forwards_methods_and_attributes(self) -> None:
        self.assertEqual(self.successResultOf(self.decorator.greet("c", "Ann")), "Hello, Ann")
        self.assertEqual(self.decorator.shout("x"), "X")
        self.assertEqual(self.decorator.title, "Hello")
        self.target.title = "Hi"
        self.assertEqual(self.decorator.title, "Hi")
        self.assertEqual(self.target.calls, [("greet", ("c", "Ann")), ("shout", ("x",))])

    def test_missing_attribute(self) -> None:
        self.assertRaises(AttributeError, getattr, self.decorator, "nothing")
        self.assertFalse(hasattr(Decorator(), "greet"))

    def test_unset_references_forgets_the_target(self) -> None:
        self.decorator.greet("c", "Ann")
        self.decorator.unset_references()
        self.assertIsNone(self.decorator.target)
        self.assertFalse(IGreeter.providedBy(self.decorator))
        self.assertRaises(AttributeError, getattr, self.decorator, "greet")

    def test_default_name_comes_from_the_target_descriptor(self) -> None:
        self.assertEqual(self.decorator.decorator_name, "test.greeter")
        named = decorator_for({"name": "g", "dependencies": {"target": str(TARGET)}}, TARGET, Greeter())
        self.assertEqual(named.decorator_name, "g")


class TargetLookupTests(SynchronousTestCase):
    def test_without_a_target_it_fails(self) -> None:
        decorator = Decorator()
        decorator.configure(ConfigParams())
        self.assertRaises(ConfigException, decorator.set_references, References())

    def test_target_not_found(self) -> None:
        self.assertRaises(ReferenceException, decorator_for, {"dependencies": {"target": str(TARGET)}})

    def test_default_target_is_the_previous_entry_of_the_same_type(self) -> None:
        """The container puts the decorator under its entry descriptor: it must skip itself."""
        first, second = Greeter(), Greeter()
        own = Descriptor("test", "greeter", "logging-decorator", "default", "1.0")
        decorator = Decorator()
        decorator.configure(ConfigParams.from_tuples("descriptor", str(own)))
        references = References.from_tuples(
            Descriptor("test", "greeter", "a", "a", "1.0"), first,
            Descriptor("test", "greeter", "b", "b", "1.0"), second,
            own, decorator,
        )
        decorator.set_references(references)
        self.assertIs(decorator.target, second)
        self.assertIs(references.get_one_optional(Descriptor("test", "greeter", None, None, "1.0")), decorator)

    def test_chained_decorators_wrap_in_file_order(self) -> None:
        greeter = Greeter()
        one, two = Decorator(), Decorator()
        d1 = Descriptor("test", "greeter", "one-decorator", "default", "1.0")
        d2 = Descriptor("test", "greeter", "two-decorator", "default", "1.0")
        one.configure(ConfigParams.from_tuples("descriptor", str(d1)))
        two.configure(ConfigParams.from_tuples("descriptor", str(d2)))
        references = References.from_tuples(TARGET, greeter, d1, one, d2, two)
        two.set_references(references)
        one.set_references(references)
        self.assertIs(one.target, greeter)
        self.assertIs(two.target, one)
        self.assertEqual(self.successResultOf(two.greet(None, "Ann")), "Hello, Ann")
        verifyObject(IGreeter, two)

    def test_a_wildcard_target_never_finds_the_decorator_itself(self) -> None:
        greeter = Greeter()
        own = Descriptor("test", "greeter", "x-decorator", "default", "1.0")
        decorator = Decorator()
        decorator.configure(ConfigParams.from_value({"dependencies": {"target": "test:greeter:*:*:1.0"}}))
        decorator.set_references(References.from_tuples(own, decorator, TARGET, greeter))
        self.assertIs(decorator.target, greeter)

    def test_listed_methods_must_exist(self) -> None:
        self.assertRaises(
            ConfigException, decorator_for, {"dependencies": {"target": str(TARGET)}, "methods": ["nope"]},
            TARGET, Greeter(),
        )

    def test_set_target_rejects_itself(self) -> None:
        decorator = Decorator()
        self.assertRaises(ValueError, decorator.set_target, decorator)
