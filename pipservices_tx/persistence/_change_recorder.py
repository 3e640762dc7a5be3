# -*- test-case-name: tests.persistence_file.test_change_log -*-
"""ChangeRecorder: a dict of items that remembers which keys changed since it was last asked."""

from __future__ import annotations

from typing import Any, Iterable

#: Returned by L{ChangeRecorder.take_changes} for a key that was removed.
REMOVED = object()


class ChangeRecorder(dict):  # type: ignore[type-arg]
    """
    A plain dict for every read; every way of writing it (setting, deleting,
    popping, clearing, updating) also notes the key, so a file persistence
    can append only what changed to its log instead of rewriting the file.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._changed: dict[Any, None] = {}
        self._cleared = False

    def take_changes(self) -> tuple[bool, list[tuple[Any, Any]]]:
        """
        C{(cleared, [(key, item or REMOVED), ...])} since the last call, in the
        order the keys first changed; C{cleared} says the store was emptied
        before those changes. Forgets them.
        """
        cleared, keys = self._cleared, self._changed
        self._cleared, self._changed = False, {}
        return cleared, [(key, self.get(key, REMOVED)) for key in keys]

    def forget_changes(self) -> None:
        """Drops what was noted (after the whole store was saved)."""
        self._cleared, self._changed = False, {}

    def _note(self, keys: Iterable[Any]) -> None:
        for key in keys:
            self._changed[key] = None

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self._changed[key] = None

    def __delitem__(self, key: Any) -> None:
        super().__delitem__(key)
        self._changed[key] = None

    def pop(self, key: Any, *default: Any) -> Any:
        if key in self:
            self._changed[key] = None
        return super().pop(key, *default)

    def popitem(self) -> tuple[Any, Any]:
        key, value = super().popitem()
        self._changed[key] = None
        return key, value

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self._changed[key] = None
        return super().setdefault(key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        other = dict(*args, **kwargs)
        super().update(other)
        self._note(other)

    def clear(self) -> None:
        super().clear()
        self._cleared, self._changed = True, {}

    def __ior__(self, other: Any) -> ChangeRecorder:  # type: ignore[override,misc]
        self.update(other)
        return self
