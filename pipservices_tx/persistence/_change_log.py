# -*- test-case-name: tests.persistence_file.test_change_log -*-
"""The change log beside a JSON file: one JSON record a line, appended and fsynced per batch."""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Optional

from ._json_file import file_error, fsync_directory

Item = dict[str, Any]
ID_FIELD = "id"

#: The log of C{path} is C{path + LOG_SUFFIX}.
LOG_SUFFIX = ".log"


def log_path(path: str) -> str:
    return path + LOG_SUFFIX


def encode_records(cleared: bool, changes: Iterable[tuple[Any, Any]], removed: Any) -> bytes:
    """
    The lines of a batch: C{{"clear": true}} first when the store was emptied,
    then C{{"put": item}} for each item set and C{{"delete": id}} for each id
    removed (C{removed} is the marker of a removal in C{changes}).
    """
    lines = ['{"clear":true}'] if cleared else []
    for key, item in changes:
        record = {"delete": key} if item is removed else {"put": item}
        lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def append_records(path: str, data: bytes) -> int:
    """
    Appends C{data} (whole lines) to the log of C{path} and fsyncs it
    (blocking); a new log also gets its directory fsynced. Returns the log's
    size afterwards.
    """
    target = log_path(path)
    created = not os.path.exists(target)
    fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        size = os.fstat(fd).st_size
    finally:
        os.close(fd)
    if created:
        fsync_directory(os.path.dirname(target) or ".")
    return size


def read_records(path: str, correlation_id: Optional[str] = None) -> tuple[list[Item], int]:
    """
    The records of the log of C{path} and the log's size (blocking; none and 0
    without a log). A last line with no newline is a write that a crash cut
    short (never acknowledged): it is ignored and cut off the file, so later
    appends start on a line of their own. Any other line that is not a record
    is a L{FileException} (C{INVALID_FILE}).
    """
    target = log_path(path)
    try:
        with open(target, "rb") as stream:
            data = stream.read()
    except FileNotFoundError:
        return [], 0
    except OSError as error:
        raise file_error(correlation_id, "CANNOT_READ_FILE", "Cannot read", target, error) from error
    end = data.rfind(b"\n") + 1
    if end < len(data):
        with open(target, "r+b") as stream:
            stream.truncate(end)
            stream.flush()
            os.fsync(stream.fileno())
    records = []
    for number, line in enumerate(data[:end].splitlines(), 1):
        try:
            record = json.loads(line.decode("utf-8"))
        except ValueError as error:
            raise file_error(correlation_id, "INVALID_FILE", f"Line {number} is not JSON in", target, error) from error
        if not _is_record(record):
            cause = ValueError(f"line {number} is not a put, delete or clear record")
            raise file_error(correlation_id, "INVALID_FILE", "Not a change record in", target, cause)
        records.append(record)
    return records, end


def replay(items: list[Item], records: list[Item]) -> list[Item]:
    """C{items} (keyed by C{id}) with C{records} applied in order; replaying twice gives the same."""
    if not records:
        return items
    by_id: dict[Any, Item] = {}
    for item in items:
        by_id[item.get(ID_FIELD)] = item
    for record in records:
        if "put" in record:
            by_id[record["put"].get(ID_FIELD)] = record["put"]
        elif "delete" in record:
            by_id.pop(record["delete"], None)
        else:
            by_id.clear()
    return list(by_id.values())


def remove_log(path: str) -> None:
    """Empties the log of C{path} durably (after a save that holds its changes)."""
    try:
        os.unlink(log_path(path))
    except FileNotFoundError:
        return
    fsync_directory(os.path.dirname(path) or ".")


def _is_record(record: Any) -> bool:
    if not isinstance(record, dict) or len(record) != 1:
        return False
    if "put" in record:
        return isinstance(record["put"], dict)
    return "delete" in record or record.get("clear") is True
