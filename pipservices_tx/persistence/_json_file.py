# -*- test-case-name: tests.persistence_file.test_json_file_persister -*-
"""The JSON file of a file persistence: a list of objects, read strictly, replaced atomically and durably."""

from __future__ import annotations

import json
import os
import secrets
from typing import Any, Optional

from ..errors import FileException

Item = dict[str, Any]

TEMP_SUFFIX = ".tmp"
ENCODE_CHUNK = 1000


def _temp_prefix(path: str) -> str:
    """Temp files of C{path} are C{.<name>.<random hex>.tmp} beside it."""
    return "." + os.path.basename(path) + "."


def file_error(correlation_id: Optional[str], code: str, message: str, path: str, cause: BaseException) -> FileException:
    error = FileException(correlation_id, code, f"{message} {path}: {cause}")
    error.with_details("path", path).with_cause(cause)
    return error


def read_items(path: str, correlation_id: Optional[str] = None) -> list[Item]:
    """
    The items of the JSON file at C{path} (blocking). A missing file is an
    empty list, and a missing directory is created for it (C{./data} on the
    first start); anything else that is not a readable JSON list of objects is
    a L{FileException} naming the path and the cause.
    """
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except FileNotFoundError:
        make_directory(path, correlation_id)
        return []
    except OSError as error:
        raise file_error(correlation_id, "CANNOT_READ_FILE", "Cannot read", path, error) from error
    try:
        items = json.loads(data.decode("utf-8"))
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise file_error(correlation_id, "INVALID_FILE", "Not valid JSON in", path, error) from error
    if not isinstance(items, list):
        cause = ValueError(f"the top level is a JSON {type(items).__name__}, not a list")
        raise file_error(correlation_id, "INVALID_FILE", "Not a list of items in", path, cause)
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            cause = ValueError(f"item {index} is a JSON {type(item).__name__}, not an object")
            raise file_error(correlation_id, "INVALID_FILE", "Not a list of items in", path, cause)
    return items


def write_items(path: str, items: list[Item], correlation_id: Optional[str] = None) -> None:
    """
    Replaces the file at C{path} with C{items} as JSON (blocking): writes a
    temp file in the same directory, fsyncs it, renames it over C{path} and
    fsyncs the directory. A crash at any point leaves the old file or the new
    one, complete; once this returns the new one survives a power loss. The
    new file keeps the old one's permission bits.
    """
    try:
        data = encode_items(items)
    except (TypeError, ValueError) as error:
        raise file_error(correlation_id, "CANNOT_ENCODE_ITEMS", "Cannot encode the items for", path, error) from error
    directory = os.path.dirname(path) or "."
    make_directory(path, correlation_id)
    temp = os.path.join(directory, _temp_prefix(path) + secrets.token_hex(8) + TEMP_SUFFIX)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
                try:
                    os.chmod(temp, os.stat(path).st_mode & 0o7777)
                except FileNotFoundError:
                    pass
            os.replace(temp, path)
        except BaseException:
            _remove_quietly(temp)
            raise
        fsync_directory(directory)
    except OSError as error:
        raise file_error(correlation_id, "CANNOT_WRITE_FILE", "Cannot write", path, error) from error


def encode_items(items: list[Item]) -> bytes:
    """
    C{items} as one compact JSON list, encoded a thousand items at a time: the
    encoder holds the interpreter lock while it runs, and a worker thread
    encoding a large store in one call would stall the reactor thread as long.
    """
    chunks = []
    for first in range(0, len(items), ENCODE_CHUNK):
        text = json.dumps(items[first:first + ENCODE_CHUNK], ensure_ascii=False, separators=(",", ":"))
        chunks.append(text[1:-1].encode("utf-8"))
    return b"[" + b",".join(chunks) + b"]"


def make_directory(path: str, correlation_id: Optional[str] = None) -> None:
    """Creates the directory of C{path} and its parents when missing (a FileException when it cannot)."""
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    except OSError as error:
        raise file_error(correlation_id, "CANNOT_CREATE_DIRECTORY", "Cannot create the directory for", path,
                         error) from error


def remove_stale_temps(path: str) -> list[str]:
    """Removes the temp files a killed process left beside C{path}; their names."""
    directory = os.path.dirname(path) or "."
    prefix = _temp_prefix(path)
    removed: list[str] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        if name.startswith(prefix) and name.endswith(TEMP_SUFFIX):
            if _remove_quietly(os.path.join(directory, name)):
                removed.append(name)
    return removed


def _remove_quietly(path: str) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False


def fsync_directory(directory: str) -> None:
    """Makes a rename, creation or removal in C{directory} durable (where directories can be opened)."""
    flag = getattr(os, "O_DIRECTORY", None)
    if flag is None:
        return
    fd = os.open(directory, os.O_RDONLY | flag)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
