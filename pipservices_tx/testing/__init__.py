"""Test kits for users and backends: conformance suites, fakes and builders."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._child_process import ChildProcess
    from ._container_harness import ContainerHarness
    from ._counter_assertions import (
        assert_counter,
        counter_names,
        counter_value,
        find_counters,
        get_counter,
        reading_of,
    )
    from ._log_assertions import CapturedLogs, assert_logged, capture_logs, entry_matches
    from ._memory_reactor import FakeListeningPort, HarnessReactor
    from ._persistence_conformance import HOSTILE_VALUES, PersistenceConformanceMixin, make_item
    from ._pipsvc_process import PipsvcProcess
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
    "ChildProcess",
    "ContainerHarness",
    "FakeListeningPort",
    "HarnessReactor",
    "JsonResponse",
    "PipsvcProcess",
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


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "ChildProcess":
        from . import _child_process

        module = _child_process
    elif name == "ContainerHarness":
        from . import _container_harness

        module = _container_harness
    elif name in ("assert_counter", "counter_names", "counter_value", "find_counters", "get_counter", "reading_of"):
        from . import _counter_assertions

        module = _counter_assertions
    elif name in ("CapturedLogs", "assert_logged", "capture_logs", "entry_matches"):
        from . import _log_assertions

        module = _log_assertions
    elif name in ("FakeListeningPort", "HarnessReactor"):
        from . import _memory_reactor

        module = _memory_reactor
    elif name in ("HOSTILE_VALUES", "PersistenceConformanceMixin", "make_item"):
        from . import _persistence_conformance

        module = _persistence_conformance
    elif name == "PipsvcProcess":
        from . import _pipsvc_process

        module = _pipsvc_process
    elif name == "free_port":
        from . import _ports

        module = _ports
    elif name in ("HOSTILE_PAYLOADS", "MessageQueueConformanceMixin"):
        from . import _queue_conformance

        module = _queue_conformance
    elif name in ("JsonResponse", "call_command", "get_json", "post_json", "request_json", "url_of"):
        from . import _stub_client

        module = _stub_client
    elif name == "with_reactor":
        from . import _with_reactor

        module = _with_reactor
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
