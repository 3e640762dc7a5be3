# -*- test-case-name: tests.portability.test_id_generator -*-
"""Random ids: short ones for people, long ones for objects."""

from __future__ import annotations

import secrets
import uuid


class IdGenerator:
    """Short ids are nine digits (easy to read out); long ids are uuid4 hex (32 characters)."""

    @staticmethod
    def next_short() -> str:
        return str(100_000_000 + secrets.randbelow(900_000_000))

    @staticmethod
    def next_long() -> str:
        return uuid.uuid4().hex
