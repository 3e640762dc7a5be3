"""The cache and lock contracts every backend implements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from zope.interface import Interface

if TYPE_CHECKING:
    from twisted.internet.defer import Deferred


class ICache(Interface):
    """
    A key-value cache for transient data. Values travel as JSON, so any value
    must be JSON-serialisable and a service in another language reads it.
    """

    def retrieve(correlation_id: Optional[str], key: str) -> Deferred[Any]:
        """Fires with the value under C{key}, or None when missing or expired."""

    def store(correlation_id: Optional[str], key: str, value: Any, timeout: Optional[int]) -> Deferred[Any]:
        """
        Keeps C{value} under C{key} for C{timeout} milliseconds (None or 0: the
        component's C{options.timeout}); fires with C{value}.
        """

    def remove(correlation_id: Optional[str], key: str) -> Deferred[None]:
        """Removes C{key}; fires when done, whether or not it was there."""


class ILock(Interface):
    """
    A named lock that expires by itself, so a crashed owner cannot hold it
    forever. Only the acquisition that took a lock can release it.
    """

    def try_acquire_lock(correlation_id: Optional[str], key: str, ttl_ms: int) -> Deferred[bool]:
        """Takes the lock for C{ttl_ms} if it is free; fires with whether it did."""

    def acquire_lock(correlation_id: Optional[str], key: str, ttl_ms: int, timeout_ms: int) -> Deferred[None]:
        """
        Retries every C{options.retry_timeout} ms until the lock is taken, or
        fails with a ConflictException (code C{LOCK_TIMEOUT}) after C{timeout_ms}.
        """

    def release_lock(correlation_id: Optional[str], key: str) -> Deferred[None]:
        """Releases the lock if this component's latest acquisition still holds it."""


class IStateStore(Interface):
    """
    Keeps the state of long-running work under keys (a workflow's progress, a
    session...), as pip-services3's state stores do. Values travel as JSON.
    """

    def load(correlation_id: Optional[str], key: str) -> Deferred[Any]:
        """Fires with the value under C{key}, or None."""

    def load_bulk(correlation_id: Optional[str], keys: list[str]) -> Deferred[list[Any]]:
        """Fires with a L{StateValue} for each key that has a value, in the order of C{keys}."""

    def save(correlation_id: Optional[str], key: str, value: Any) -> Deferred[Any]:
        """Keeps C{value} under C{key} (None removes it); fires with C{value}."""

    def delete(correlation_id: Optional[str], key: str) -> Deferred[Any]:
        """Removes C{key}; fires with the value it held, or None."""
