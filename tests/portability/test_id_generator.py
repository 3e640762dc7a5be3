"""Tests for IdGenerator."""

from __future__ import annotations

import re

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import IdGenerator


class IdGeneratorTests(SynchronousTestCase):
    def test_short_ids_are_nine_digits(self) -> None:
        ids = {IdGenerator.next_short() for _ in range(200)}
        self.assertTrue(all(re.fullmatch(r"[1-9]\d{8}", value) for value in ids), ids)
        self.assertGreater(len(ids), 190)

    def test_long_ids_are_uuid4_hex(self) -> None:
        ids = {IdGenerator.next_long() for _ in range(200)}
        self.assertEqual(len(ids), 200)
        for value in ids:
            self.assertRegex(value, r"^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$")
