"""Test kits for users and backends: conformance suites, fakes and builders."""

from ._container_harness import ContainerHarness
from ._counter_assertions import assert_counter, counter_names, counter_value, find_counters, get_counter, reading_of
from ._log_assertions import CapturedLogs, assert_logged, capture_logs, entry_matches
from ._memory_reactor import FakeListeningPort, HarnessReactor
from ._persistence_conformance import HOSTILE_VALUES, PersistenceConformanceMixin, make_item
from ._ports import free_port
from ._queue_conformance import HOSTILE_PAYLOADS, MessageQueueConformanceMixin
from ._stub_client import JsonResponse, call_command, get_json, post_json, request_json, url_of
from ._with_reactor import with_reactor

__all__ = [
    "HOSTILE_PAYLOADS",
    "HOSTILE_VALUES",
    "MessageQueueConformanceMixin",
    "PersistenceConformanceMixin",
    "make_item",
    # the container harness and its helpers
    "CapturedLogs",
    "ContainerHarness",
    "FakeListeningPort",
    "HarnessReactor",
    "JsonResponse",
    "assert_counter",
    "assert_logged",
    "call_command",
    "capture_logs",
    "counter_names",
    "counter_value",
    "entry_matches",
    "find_counters",
    "free_port",
    "get_counter",
    "get_json",
    "post_json",
    "reading_of",
    "request_json",
    "url_of",
    "with_reactor",
]
