"""Tests for mask_credentials."""

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams, is_secret_key, mask_credentials


class MaskTests(SynchronousTestCase):
    def test_config(self) -> None:
        config = ConfigParams({
            "credential.username": "app", "credential.password": "pw", "options.api_token": "t",
            "client_secret": "s", "connection.uri": "mongodb://u:pw@h/db", "bypass": "on", "empty.password": "",
        })
        masked = mask_credentials(config)
        self.assertIsInstance(masked, ConfigParams)
        self.assertEqual(dict(masked), {
            "credential.username": "app", "credential.password": "***", "options.api_token": "***",
            "client_secret": "***", "connection.uri": "mongodb://u:***@h/db", "bypass": "on", "empty.password": "",
        })
        self.assertEqual(config["credential.password"], "pw")

    def test_nested(self) -> None:
        self.assertEqual(
            mask_credentials({"a": {"password": "x", "list": ["redis://:pw@h:6379/0", 3]}}),
            {"a": {"password": "***", "list": ["redis://:***@h:6379/0", 3]}},
        )

    def test_text(self) -> None:
        cases = {
            "host=a;password=xyz;port=1": "host=a;password=***;port=1",
            "credential:\n  password: hunter2\n  username: u": "credential:\n  password: ***\n  username: u",
            '{"password": "a\\"b", "token": "t", "x": 1}': '{"password": "***", "token": "***", "x": 1}',
            "GET /x?access_token=abc&y=1": "GET /x?access_token=***&y=1",
            "connect postgres://app:s3cr%2Ft@db:5432/test failed": "connect postgres://app:***@db:5432/test failed",
            "uri: http://h/a:b@c bypass=1": "uri: http://h/a:b@c bypass=1",
        }
        for text, expected in cases.items():
            self.assertEqual(mask_credentials(text), expected)

    def test_other_values(self) -> None:
        self.assertEqual(mask_credentials(5), 5)
        self.assertIsNone(mask_credentials(None))

    def test_is_secret_key(self) -> None:
        for key in ["password", "credential.password", "db_pass", "pass", "x.client_secret", "refresh_token"]:
            self.assertTrue(is_secret_key(key), key)
        for key in ["username", "compass", "discovery_key", "tokens.count"]:
            self.assertFalse(is_secret_key(key), key)
