"""Cache values as JSON text."""

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.cache import decode_value, encode_value
from pipservices_tx.errors import BadRequestException

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=12,
)


class JsonCodecTests(SynchronousTestCase):
    @settings(max_examples=200)
    @given(json_values)
    def test_round_trip(self, value: object) -> None:
        self.assertEqual(decode_value(encode_value(None, "k", value)), value)

    def test_compact_text_other_languages_parse(self) -> None:
        self.assertEqual(encode_value(None, "k", {"a": [1, "é"]}), '{"a":[1,"é"]}')

    def test_bytes_are_decoded_as_utf8(self) -> None:
        self.assertEqual(decode_value('{"a":"é"}'.encode()), {"a": "é"})

    def test_foreign_text_comes_back_as_string(self) -> None:
        self.assertEqual(decode_value("hello world"), "hello world")
        self.assertIsNone(decode_value(None))

    def test_value_that_is_not_json_is_bad_request(self) -> None:
        for value in (object(), {1, 2}, float("nan")):
            error = self.assertRaises(BadRequestException, encode_value, "c1", "k", value)
            self.assertEqual(error.code, "CACHE_VALUE_NOT_JSON")
            self.assertEqual(error.correlation_id, "c1")
