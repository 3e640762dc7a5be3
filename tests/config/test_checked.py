"""Checked getters and the value rules: a wrong value names its key instead of becoming a default."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams, check_config_values
from pipservices_tx.errors import ConfigException


def config(**values: object) -> ConfigParams:
    return ConfigParams.from_value(values)


class CheckedGetterTests(SynchronousTestCase):
    def assert_bad(self, call: object, key: str, text: str) -> None:
        error = self.assertRaises(ConfigException, call)  # type: ignore[arg-type]
        self.assertEqual((error.code, error.details["key"]), ("BAD_VALUE", key))
        self.assertIn(text, error.message)
        self.assertTrue(error.message.startswith(key + ": "), error.message)

    def test_missing_and_empty_give_the_default(self) -> None:
        c = config(empty="", blank="  ")
        self.assertEqual(c.get_as_checked_integer("missing", 7), 7)
        self.assertEqual(c.get_as_checked_integer("empty", 7), 7)
        self.assertEqual(c.get_as_checked_float("blank", 1.5), 1.5)
        self.assertIs(c.get_as_checked_boolean("missing", True), True)
        self.assertEqual(c.get_as_checked_choice("empty", "text", ["text", "json"]), "text")

    def test_good_values_convert(self) -> None:
        c = config(port="8080", ratio="0.25", whole="3.0", on="yes", off="False", fmt="JSON")
        self.assertEqual(c.get_as_checked_integer("port", 0, 0, 65535), 8080)
        self.assertEqual(c.get_as_checked_integer("whole", 0), 3)
        self.assertEqual(c.get_as_checked_float("ratio", 0.0), 0.25)
        self.assertIs(c.get_as_checked_boolean("on", False), True)
        self.assertIs(c.get_as_checked_boolean("off", True), False)
        self.assertEqual(c.get_as_checked_choice("fmt", "text", ["text", "json"]), "json")

    def test_bad_values_name_their_key(self) -> None:
        c = config(connection={"port": "80a"}, big="70000", neg="-1", frac="1.5", inf="1e400", nan="NaN",
                   flag="maybe", fmt="xml")
        self.assert_bad(lambda: c.get_as_checked_integer("connection.port", 80), "connection.port",
                        "'80a' is not an integer")
        self.assert_bad(lambda: c.get_as_checked_integer("big", 80, 0, 65535), "big", "<= 65535")
        self.assert_bad(lambda: c.get_as_checked_timeout("neg", 10), "neg", ">= 0")
        self.assert_bad(lambda: c.get_as_checked_integer("frac", 1), "frac", "not an integer")
        self.assert_bad(lambda: c.get_as_checked_float("inf", 1.0), "inf", "finite")
        self.assert_bad(lambda: c.get_as_checked_float("nan", 1.0), "nan", "finite")
        self.assert_bad(lambda: c.get_as_checked_boolean("flag", False), "flag", "boolean")
        self.assert_bad(lambda: c.get_as_checked_choice("fmt", "text", ["text", "json"]), "fmt", "text, json")

    def test_the_lenient_getters_stay_lenient(self) -> None:
        self.assertEqual(config(port="80a").get_as_integer_with_default("port", 80), 80)


class ValueRuleTests(SynchronousTestCase):
    def test_ports_and_timeouts(self) -> None:
        check_config_values(config(connection={"port": "0"}, options={"timeout": "0", "connect_timeout": "2.5"}))
        check_config_values(config(connection={"port": ""}, level="loud", name="x"))  # not theirs to judge
        for bad, key in (
            (config(connection={"port": "80a"}), "connection.port"),
            (config(connections={"primary": {"port": "99999"}}), "connections.primary.port"),
            (config(port="-5"), "port"),
            (config(options={"timeout": "-1"}), "options.timeout"),
            (config(options={"shutdown_timeout": "soon"}), "options.shutdown_timeout"),
        ):
            error = self.assertRaises(ConfigException, check_config_values, bad)
            self.assertEqual(error.details["key"], key)

    def test_a_port_elsewhere_is_left_alone(self) -> None:
        check_config_values(config(options={"port": "any"}, items=[{"port": "x"}]))
