# -*- test-case-name: tests.counters.test_prometheus_text -*-
"""Counters in the Prometheus text exposition format (version 0.0.4)."""

from __future__ import annotations

import math
import re
import sys
from typing import Iterable, Optional

from ._counter import Counter
from ._counter_type import CounterType

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

_INVALID_NAME_CHARS = re.compile(r"[^a-zA-Z0-9_:]")
_LARGEST = sys.float_info.max


def sanitize_metric_name(name: str) -> str:
    """Replaces what C{[a-zA-Z_:][a-zA-Z0-9_:]*} does not allow with C{_}."""
    name = _INVALID_NAME_CHARS.sub("_", name)
    if name[:1].isdigit():
        name = "_" + name
    return name


def _escape_label(value: str) -> str:
    if not value.isascii():
        # A lone surrogate cannot be written as UTF-8: it becomes "?".
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _format_value(value: float) -> Optional[str]:
    """The sample's value as the format writes it; None for what is not a number."""
    if isinstance(value, int):
        if -_LARGEST <= value <= _LARGEST:
            return str(int(value))
        return "+Inf" if value > 0 else "-Inf"  # a scraper reads a larger number as out of range
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return repr(value)


def split_counter_name(name: str) -> tuple[str, list[tuple[str, str]]]:
    """
    C{a.b.exec_count} -> (C{exec_count}, service C{a}, command C{b}); longer
    names join their leading parts into the service, two-part names have a
    service only, one-part names no label.
    """
    parts = name.split(".")
    metric = sanitize_metric_name(parts[-1])
    if not metric:
        return sanitize_metric_name(name), []
    labels: list[tuple[str, str]] = []
    if len(parts) >= 3:
        labels = [("service", ".".join(parts[:-2])), ("command", parts[-2])]
    elif len(parts) == 2:
        labels = [("service", parts[0])]
    return metric, [(key, value) for key, value in labels if value]


def _samples(counter: Counter, metric: str) -> list[tuple[str, str, Optional[float]]]:
    counter_type = counter.type
    if counter_type is CounterType.INTERVAL or counter_type is CounterType.STATISTICS:
        return [
            (metric + "_max", "gauge", counter.max),
            (metric + "_min", "gauge", counter.min),
            (metric + "_average", "gauge", counter.average),
            (metric + "_count", "gauge", counter.count),
        ]
    if counter_type is CounterType.INCREMENT:
        return [(metric, "counter", counter.count)]
    if counter_type is CounterType.LAST_VALUE:
        return [(metric, "gauge", counter.last)]
    if counter_type is CounterType.TIMESTAMP:
        return [(metric, "gauge", counter.time.timestamp() if counter.time is not None else None)]
    return []


def counters_to_prometheus_text(
    counters: Iterable[Counter], source: Optional[str] = None, instance: Optional[str] = None
) -> str:
    """
    One C{# TYPE} line per metric family, then its samples, labelled with
    service, command, source and instance. Interval and Statistics counters
    give C{_max}, C{_min}, C{_average} and C{_count} gauges, Increment a
    counter, LastValue a gauge, Timestamp a gauge of seconds since the epoch.
    A family whose counters disagree on the type is C{untyped}; a repeated
    sample (same family and labels) is left out. Any name gives valid text:
    label values are escaped (a lone surrogate becomes C{?}); a value beyond
    a double is C{+Inf}/C{-Inf}, one that is not a number is left out.
    """
    context = [(key, value) for key, value in (("source", source), ("instance", instance)) if value]
    families: dict[str, tuple[list[str], list[str]]] = {}
    seen: set[tuple[str, str]] = set()
    for counter in counters:
        if not counter.name:
            continue
        metric, labels = split_counter_name(counter.name)
        if not metric:
            continue
        label_text = ",".join(f'{key}="{_escape_label(value)}"' for key, value in labels + context)
        label_text = "{" + label_text + "}" if label_text else ""
        for family, kind, value in _samples(counter, metric):
            if value is None or (family, label_text) in seen:
                continue
            text = _format_value(value)
            if text is None:
                continue
            seen.add((family, label_text))
            kinds, lines = families.setdefault(family, ([kind], []))
            if kinds[0] != kind:
                kinds[0] = "untyped"
            lines.append(f"{family}{label_text} {text}")
    output: list[str] = []
    for family, (kinds, lines) in families.items():
        output.append(f"# TYPE {family} {kinds[0]}")
        output.extend(lines)
    return "\n".join(output) + "\n" if output else ""
