# -*- test-case-name: tests.messaging.test_capabilities -*-
"""MessagingCapabilities: which operations a queue supports, and the error for the others."""

from __future__ import annotations

from typing import Optional

import attrs

from ..errors import UnsupportedException

#: The operations a queue may or may not support, by capability name.
OPERATIONS = {
    "message_count": "read_message_count",
    "send": "send",
    "receive": "receive",
    "peek": "peek",
    "peek_batch": "peek_batch",
    "renew_lock": "renew_lock",
    "abandon": "abandon",
    "dead_letter": "move_to_dead_letter",
    "clear": "clear",
}


@attrs.frozen
class MessagingCapabilities:
    """
    What a queue can do. C{send}, C{receive}, C{listen} and C{complete} work on
    every queue; the other operations only where the flag is true, else they
    fail with an UnsupportedException C{UNSUPPORTED_OPERATION} naming the
    operation and the queue.
    """

    can_message_count: bool = False
    can_send: bool = True
    can_receive: bool = True
    can_peek: bool = False
    can_peek_batch: bool = False
    can_renew_lock: bool = False
    can_abandon: bool = False
    can_dead_letter: bool = False
    can_clear: bool = False

    def supports(self, capability: str) -> bool:
        """C{supports("peek")}: the flag C{can_<capability>}; unknown names are False."""
        return bool(getattr(self, f"can_{capability}", False))



def unsupported(capability: str, queue_name: str, correlation_id: Optional[str] = None) -> UnsupportedException:
    """The error of calling an operation that a queue does not support."""
    operation = OPERATIONS.get(capability, capability)
    error = UnsupportedException(
        correlation_id,
        "UNSUPPORTED_OPERATION",
        f"Queue {queue_name} does not support {operation} (see its get_capabilities())",
    )
    error.with_details("operation", operation).with_details("queue", queue_name)
    return error
