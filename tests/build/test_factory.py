"""Tests for Factory and CompositeFactory, and the logger and info factories built on them."""

from __future__ import annotations

from typing import Any

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.build import CompositeFactory, Factory, IFactory
from pipservices_tx.errors import CreateException
from pipservices_tx.info import ContextInfo, DefaultInfoFactory
from pipservices_tx.logs import CompositeLogger, ConsoleLogger, DefaultLoggerFactory, NullLogger
from pipservices_tx.refer import Descriptor


class Widget:
    def __init__(self, locator: Any = None) -> None:
        self.locator = locator


class OtherWidget(Widget):
    pass


ANY_WIDGET = Descriptor("test", "widget", "default", "*", "1.0")
WIDGET_ONE = Descriptor("test", "widget", "default", "one", "1.0")


class FactoryTests(SynchronousTestCase):
    def test_interfaces(self) -> None:
        for factory in (Factory(), CompositeFactory(), DefaultLoggerFactory(), DefaultInfoFactory()):
            self.assertTrue(verifyObject(IFactory, factory))

    def test_register_passes_the_requested_locator(self) -> None:
        factory = Factory()
        factory.register(ANY_WIDGET, Widget)
        self.assertIs(factory.can_create(WIDGET_ONE), WIDGET_ONE)
        widget = factory.create(WIDGET_ONE)
        self.assertIsInstance(widget, Widget)
        self.assertIs(widget.locator, WIDGET_ONE)

    def test_register_as_type_creates_new_instances(self) -> None:
        factory = Factory()
        factory.register_as_type(ANY_WIDGET, OtherWidget)
        first, second = factory.create(WIDGET_ONE), factory.create(WIDGET_ONE)
        self.assertIsInstance(first, OtherWidget)
        self.assertIsNot(first, second)
        self.assertIsNone(first.locator)

    def test_unknown_locator(self) -> None:
        factory = Factory()
        factory.register_as_type(WIDGET_ONE, Widget)
        other = Descriptor("test", "widget", "default", "two", "1.0")
        self.assertIsNone(factory.can_create(other))
        error = self.assertRaises(CreateException, factory.create, other)
        self.assertIn(str(other), error.message)

    def test_plain_locators(self) -> None:
        factory = Factory()
        factory.register_as_type("widget", Widget)
        self.assertEqual(factory.can_create("widget"), "widget")
        self.assertIsNone(factory.can_create("gadget"))
        self.assertIsInstance(factory.create("widget"), Widget)

    def test_failing_constructor_is_a_create_exception(self) -> None:
        def broken(locator: Any) -> Any:
            raise ValueError("no widgets today")

        factory = Factory()
        factory.register(ANY_WIDGET, broken)
        error = self.assertRaises(CreateException, factory.create, WIDGET_ONE)
        self.assertIn("no widgets today", error.message)
        self.assertIn(str(WIDGET_ONE), error.message)
        self.assertIsInstance(error.__cause__, ValueError)

    def test_create_exception_passes_through(self) -> None:
        original = CreateException(None, "x", "specific")

        def broken(locator: Any) -> Any:
            raise original

        factory = Factory()
        factory.register(ANY_WIDGET, broken)
        self.assertIs(self.assertRaises(CreateException, factory.create, WIDGET_ONE), original)

    def test_none_is_rejected(self) -> None:
        self.assertRaises(ValueError, Factory().register, None, Widget)
        self.assertRaises(ValueError, Factory().register, ANY_WIDGET, None)


class CompositeFactoryTests(SynchronousTestCase):
    def test_newest_factory_wins(self) -> None:
        first, second = Factory(), Factory()
        first.register_as_type(ANY_WIDGET, Widget)
        second.register_as_type(ANY_WIDGET, OtherWidget)
        composite = CompositeFactory([first])
        self.assertIs(type(composite.create(WIDGET_ONE)), Widget)
        composite.add(second)
        self.assertIs(type(composite.create(WIDGET_ONE)), OtherWidget)
        self.assertEqual(composite.can_create(WIDGET_ONE), WIDGET_ONE)
        composite.remove(second)
        self.assertIs(type(composite.create(WIDGET_ONE)), Widget)

    def test_falls_back_to_older_factories(self) -> None:
        first, second = Factory(), Factory()
        first.register_as_type(ANY_WIDGET, Widget)
        second.register_as_type("gadget", OtherWidget)
        composite = CompositeFactory([first, second])
        self.assertIs(type(composite.create(WIDGET_ONE)), Widget)
        self.assertIs(type(composite.create("gadget")), OtherWidget)

    def test_nothing_creates(self) -> None:
        composite = CompositeFactory()
        self.assertIsNone(composite.can_create(WIDGET_ONE))
        error = self.assertRaises(CreateException, composite.create, WIDGET_ONE)
        self.assertIn(str(WIDGET_ONE), error.message)


class LoggerAndInfoFactoryTests(SynchronousTestCase):
    def test_standard_components(self) -> None:
        factory = CompositeFactory([DefaultInfoFactory(), DefaultLoggerFactory()])
        for text, cls in (
            ("pip-services:context-info:default:default:1.0", ContextInfo),
            ("pip-services:context-info:default:my-service:1.0", ContextInfo),
            ("pip-services:logger:null:default:1.0", NullLogger),
            ("pip-services:logger:console:default:1.0", ConsoleLogger),
            ("pip-services:logger:composite:default:1.0", CompositeLogger),
        ):
            locator = Descriptor.parse(text)
            self.assertIsNotNone(factory.can_create(locator), text)
            self.assertIs(type(factory.create(locator)), cls, text)

    def test_unknown_descriptors(self) -> None:
        factory = CompositeFactory([DefaultInfoFactory(), DefaultLoggerFactory()])
        for text in ("pip-services:logger:fluentd:default:1.0", "pip-services:logger:console:default:2.0",
                     "other:logger:console:default:1.0"):
            self.assertIsNone(factory.can_create(Descriptor.parse(text)), text)

    def test_own_descriptor(self) -> None:
        self.assertEqual(str(DefaultLoggerFactory.descriptor), "pip-services:factory:logs:default:1.0")
        self.assertEqual(str(DefaultInfoFactory.descriptor), "pip-services:factory:info:default:1.0")

    def test_types_load_lazily_and_compose(self) -> None:
        loaded: list[str] = []

        def load() -> type:
            loaded.append("widget")
            return Widget

        factory = Factory()
        factory.register_lazy(WIDGET_ONE, load)
        self.assertEqual(loaded, [])
        composite = CompositeFactory([DefaultInfoFactory(), factory])
        self.assertEqual([locator for locator, _ in composite.types][-1], WIDGET_ONE)
        self.assertIs(type(composite.create(WIDGET_ONE)), Widget)
        self.assertEqual(loaded, ["widget"])
