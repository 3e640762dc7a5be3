# -*- test-case-name: tests.persistence_file.test_json_file_persister -*-
"""JsonFilePersister: loads items from a JSON file and saves them atomically and durably."""

from __future__ import annotations

import json
import os
import secrets
from typing import Any, Callable, Optional, TypeVar, cast

from twisted.internet.defer import Deferred, fail, succeed
from twisted.internet.interfaces import IReactorCore, IReactorFromThreads
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ApplicationException, ConfigException, FileException
from ..lifecycle import IClosable, ReactorAware
from ._interfaces import ILoader, ISaver

T = TypeVar("T")
Item = dict[str, Any]

TEMP_SUFFIX = ".tmp"


def _temp_prefix(path: str) -> str:
    """Temp files of C{path} are C{.<name>.<random hex>.tmp} beside it."""
    return "." + os.path.basename(path) + "."


def _file_error(correlation_id: Optional[str], code: str, message: str, path: str, cause: BaseException) -> FileException:
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
        _make_directory(path, correlation_id)
        return []
    except OSError as error:
        raise _file_error(correlation_id, "CANNOT_READ_FILE", "Cannot read", path, error) from error
    try:
        items = json.loads(data.decode("utf-8"))
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise _file_error(correlation_id, "INVALID_FILE", "Not valid JSON in", path, error) from error
    if not isinstance(items, list):
        cause = ValueError(f"the top level is a JSON {type(items).__name__}, not a list")
        raise _file_error(correlation_id, "INVALID_FILE", "Not a list of items in", path, cause)
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            cause = ValueError(f"item {index} is a JSON {type(item).__name__}, not an object")
            raise _file_error(correlation_id, "INVALID_FILE", "Not a list of items in", path, cause)
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
        text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as error:
        raise _file_error(correlation_id, "CANNOT_ENCODE_ITEMS", "Cannot encode the items for", path, error) from error
    directory = os.path.dirname(path) or "."
    _make_directory(path, correlation_id)
    temp = os.path.join(directory, _temp_prefix(path) + secrets.token_hex(8) + TEMP_SUFFIX)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(text.encode("utf-8"))
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
        _fsync_directory(directory)
    except OSError as error:
        raise _file_error(correlation_id, "CANNOT_WRITE_FILE", "Cannot write", path, error) from error


def _make_directory(path: str, correlation_id: Optional[str]) -> None:
    """Creates the directory of C{path} and its parents when missing (a FileException when it cannot)."""
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    except OSError as error:
        raise _file_error(correlation_id, "CANNOT_CREATE_DIRECTORY", "Cannot create the directory for", path,
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


def _fsync_directory(directory: str) -> None:
    """Makes a rename in C{directory} durable (where the platform can open directories)."""
    flag = getattr(os, "O_DIRECTORY", None)
    if flag is None:
        return
    fd = os.open(directory, os.O_RDONLY | flag)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@implementer(ILoader, ISaver, IConfigurable, IClosable)
class JsonFilePersister(ReactorAware):
    """
    Keeps a persistence's items as a JSON list of objects in one file
    (config C{path}).

    The blocking file work runs in a dedicated thread pool of one thread, not
    in the reactor's shared pool (C{deferToThread}): with one worker, loads and
    saves run in the order they were asked for, so a later save can never be
    overtaken by an older snapshot, and a slow fsync never holds up the shared
    pool's other users (name resolution, adbapi). The pool starts on first use
    and stops on L{close} (or when the reactor shuts down). Pass C{threadpool}
    (anything with C{callInThreadWithCallback}) and C{set_reactor} to run it
    elsewhere, e.g. inline in tests; an injected pool is not started or stopped
    here.
    """

    def __init__(
        self,
        path: Optional[str] = None,
        *,
        threadpool: Optional[Any] = None,
    ) -> None:
        self._path = os.path.abspath(path) if path else None
        self._threadpool = threadpool
        self._owned_pool: Optional[ThreadPool] = None
        self._shutdown_trigger: Optional[Any] = None

    @property
    def path(self) -> Optional[str]:
        """The absolute path of the file, or None until configured."""
        return self._path

    def configure(self, config: ConfigParams) -> None:
        path = config.get_as_nullable_string("path")
        if path:
            self._path = os.path.abspath(path)

    def load(self, correlation_id: Optional[str]) -> Deferred[list[Item]]:
        """Fires with the file's items (none when there is no file); a bad file is a L{FileException}."""
        def run(path: str) -> list[Item]:
            remove_stale_temps(path)
            return read_items(path, correlation_id)

        return self._in_thread(correlation_id, run)

    def save(self, correlation_id: Optional[str], items: list[Item]) -> Deferred[None]:
        """
        Fires once C{items} are durably in the file (see L{write_items}). The
        list is encoded in the worker thread: do not change it meanwhile
        (L{MemoryPersistence} passes a snapshot).
        """
        return self._in_thread(correlation_id, lambda path: write_items(path, items, correlation_id))

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Stops the owned worker thread (after the work already queued)."""
        pool, self._owned_pool = self._owned_pool, None
        if pool is not None:
            trigger, self._shutdown_trigger = self._shutdown_trigger, None
            if trigger is not None:
                cast(IReactorCore, self.reactor).removeSystemEventTrigger(trigger)
            pool.stop()
        return succeed(None)

    def _in_thread(self, correlation_id: Optional[str], fn: Callable[[str], T]) -> Deferred[T]:
        path = self._path
        if not path:
            return fail(ConfigException(correlation_id, "NO_PATH", "JsonFilePersister needs a path (config 'path')"))

        def portable(failure: Any) -> Any:
            if isinstance(failure.value, ApplicationException):
                return failure
            return fail(_file_error(correlation_id, "FILE_ERROR", "Failed on", path, failure.value))

        return deferToThreadPool(cast(IReactorFromThreads, self.reactor), self._get_pool(), fn, path).addErrback(portable)

    def _get_pool(self) -> Any:
        if self._threadpool is not None:
            return self._threadpool
        if self._owned_pool is None:
            name = f"JsonFilePersister({os.path.basename(self._path or '')})"
            pool = ThreadPool(minthreads=0, maxthreads=1, name=name)
            pool.start()
            self._owned_pool = pool
            self._shutdown_trigger = cast(IReactorCore, self.reactor).addSystemEventTrigger("during", "shutdown", self._stop_at_shutdown)
        return self._owned_pool

    def _stop_at_shutdown(self) -> None:
        pool, self._owned_pool = self._owned_pool, None
        self._shutdown_trigger = None
        if pool is not None:
            pool.stop()
