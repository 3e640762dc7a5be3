"""The figures of the fleet drill: failed calls, p99 and the time until traffic moved, phase by phase."""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from typing import Any, Optional

_LINE = re.compile(r"^\[[^\]]*?:(?P<level>[A-Z]+):(?P<time>\d{4}-\d\d-\d\dT[\d:.]+Z)\] (?P<message>.*)$")
_EJECTED = re.compile(r"^\S+?\.(?P<url>https?://\S+) ejected after")
_INSTANCES = re.compile(r"^\S*?instances: (?P<count>\d+) \(\+(?P<added>.*), -(?P<removed>.*)\)$")


@dataclass
class Victim:
    """One instance a fault hit: its name (the beacon it serves), its URL, when (monotonic and wall clock)."""

    name: str
    url: str
    at: float
    at_wall: float


@dataclass
class Phase:
    name: str
    began: float
    ended: float = 0.0
    victims: list[Victim] = field(default_factory=list)


@dataclass
class PhaseFigures:
    name: str
    reads: int
    writes: int
    failed_reads: int
    failed_writes: int
    p50_ms: float
    p99_ms: float
    max_read_ms: float
    moved_s: list[Optional[float]]
    last_served_s: list[Optional[float]]

    @property
    def failed(self) -> int:
        return self.failed_reads + self.failed_writes


def log_events(text: str) -> list[tuple[float, str, str]]:
    """C{(wall time, url, "ejected" or "removed")} from the facade's log."""
    events = []
    for line in text.splitlines():
        match = _LINE.match(line.strip())
        if not match:
            continue
        when = datetime.datetime.strptime(match.group("time"), "%Y-%m-%dT%H:%M:%S.%fZ")
        at = when.replace(tzinfo=datetime.timezone.utc).timestamp()
        message = match.group("message")
        ejected = _EJECTED.match(message)
        if ejected:
            events.append((at, ejected.group("url"), "ejected"))
        counted = _INSTANCES.match(message)
        if counted and counted.group("removed") != "none":
            events.extend((at, url.strip(), "removed") for url in counted.group("removed").split(","))
    return events


def instances_known(text: str) -> Optional[int]:
    """The number of instances the facade balanced over at the end of its log."""
    found = None
    for line in text.splitlines():
        match = _LINE.match(line.strip())
        counted = _INSTANCES.match(match.group("message")) if match else None
        if counted:
            found = int(counted.group("count"))
    return found


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def ok(record: list[Any]) -> bool:
    """Answered with a result (a write of a beacon that does not exist answers 204)."""
    return bool(record[3] == "complete" and record[4] in (200, 204))


def figures(phase: Phase, records: list[list[Any]], events: list[tuple[float, str, str]]) -> PhaseFigures:
    """The calls started during C{phase}, and when traffic left each of its victims."""
    calls = [r for r in records if phase.began <= r[0] < phase.ended]
    reads = [r for r in calls if r[2] == "read"]
    writes = [r for r in calls if r[2] == "write"]
    read_ms = [(r[1] - r[0]) * 1000 for r in reads]
    moved: list[Optional[float]] = []
    last: list[Optional[float]] = []
    for victim in phase.victims:
        after = [at - victim.at_wall for at, url, _ in events if url == victim.url and at >= victim.at_wall - 0.002]
        moved.append(max(0.0, min(after)) if after else None)
        served = [r[0] - victim.at for r in records if r[5] == victim.name and victim.at <= r[0] < phase.ended]
        last.append(max(served) if served else None)
    return PhaseFigures(
        phase.name, len(reads), len(writes),
        sum(1 for r in reads if not ok(r)), sum(1 for r in writes if not ok(r)),
        percentile([(r[1] - r[0]) * 1000 for r in calls], 0.5), percentile([(r[1] - r[0]) * 1000 for r in calls], 0.99),
        max(read_ms) if read_ms else math.nan, moved, last,
    )


def _seconds(values: list[Optional[float]]) -> str:
    return ", ".join("-" if v is None else f"{v:.2f}" for v in values) or "-"


def table(rows: list[PhaseFigures]) -> str:
    """The figures as a reStructuredText table."""
    head = ("phase", "calls (r/w)", "failed (r/w)", "p50 / p99 ms", "max read ms", "moved after s", "last served s")
    lines = [
        (f.name, f"{f.reads}/{f.writes}", f"{f.failed_reads}/{f.failed_writes}", f"{f.p50_ms:.1f} / {f.p99_ms:.1f}",
         f"{f.max_read_ms:.0f}", _seconds(f.moved_s), _seconds(f.last_served_s))
        for f in rows
    ]
    widths = [max(len(str(row[i])) for row in [head, *lines]) for i in range(len(head))]
    rule = "  ".join("=" * w for w in widths)
    out = [rule, "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)), rule]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in lines]
    out.append(rule)
    return "\n".join(out)
