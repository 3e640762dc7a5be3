# -*- test-case-name: tests.persistence.test_paging -*-
"""PageWindow: the slice of the matches one page asks for, the same for every persistence."""

from __future__ import annotations

import itertools
from typing import Any, Iterable, Optional, TypeVar

import attrs

from ..data import PagingParams

T = TypeVar("T")


@attrs.frozen
class PageWindow:
    """
    C{skip} matches, then at most C{take} (never more than the persistence's
    largest page), and whether the caller wants the C{total} of the matches.
    Built from whatever a caller passes as paging (L{PagingParams.from_value}).
    """

    skip: int
    take: int
    total: bool

    @classmethod
    def of(cls, paging: Any, max_page_size: int) -> PageWindow:
        """The window of C{paging} (a PagingParams, a map, a query string or None)."""
        params = PagingParams.from_value(paging)
        return cls(params.get_skip(0), params.get_take(max_page_size), params.total)

    @property
    def end(self) -> int:
        """The position just past the page."""
        return self.skip + self.take

    def cut(self, matches: Iterable[T], count_all: bool = False) -> tuple[list[T], Optional[int]]:
        """
        The page out of C{matches} (in page order), and with C{count_all} how
        many matches there are in all (read to the end); None without it.
        """
        if not count_all:
            return list(itertools.islice(matches, self.skip, self.end)), None
        page: list[T] = []
        count = 0
        for item in matches:
            if self.skip <= count < self.end:
                page.append(item)
            count += 1
        return page, count

    def total_from_page(self, returned: int) -> Optional[int]:
        """
        The total when the page itself tells it, with no count: fewer than
        C{take} came back, and the page is not past the end (it has items, or
        starts at 0). None when only a count can tell.
        """
        if returned < self.take and (returned > 0 or self.skip == 0):
            return self.skip + returned
        return None
