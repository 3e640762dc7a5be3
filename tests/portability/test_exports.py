"""Pins the public names of pipservices_tx.portability."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

import pipservices_tx.portability as portability


class ExportsTests(SynchronousTestCase):
    def test_all(self) -> None:
        self.assertEqual(
            sorted(portability.__all__),
            sorted([
                "AnyValue", "AnyValueArray", "AnyValueMap", "ArrayConverter", "BooleanConverter",
                "DateTimeConverter", "DoubleConverter", "FloatConverter", "IdGenerator", "IntegerConverter",
                "JsonConverter", "LongConverter", "MapConverter", "RecursiveMapConverter", "StringConverter",
                "StringValueMap", "TypeCode", "TypeConverter", "TypedGetters",
                "MAX_JSON_DEPTH", "check_json_value", "parse_json",
            ]),
        )
        for name in portability.__all__:
            self.assertTrue(hasattr(portability, name), name)
