"""PageWindow: the slice every persistence reads for a page, and when the page itself tells the total."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.data import PagingParams
from pipservices_tx.persistence import IdentifiableMemoryPersistence, PageWindow


class PageWindowTests(SynchronousTestCase):
    def test_from_any_paging(self) -> None:
        self.assertEqual(PageWindow.of(None, 100), PageWindow(0, 100, False))
        self.assertEqual(PageWindow.of({"skip": 5, "take": 500, "total": True}, 100), PageWindow(5, 100, True))
        self.assertEqual(PageWindow.of("skip=2&take=3", 100), PageWindow(2, 3, False))
        self.assertEqual(PageWindow.of(PagingParams(0, 0), 100), PageWindow(0, 100, False), "take 0 is not set")
        self.assertEqual(PageWindow.of(PagingParams(-3, -1), 100), PageWindow(0, 0, False))

    def test_cut(self) -> None:
        window = PageWindow(2, 3, True)
        self.assertEqual(window.cut(iter(range(10))), ([2, 3, 4], None))
        self.assertEqual(window.cut(iter(range(10)), count_all=True), ([2, 3, 4], 10))
        self.assertEqual(window.cut(range(3), count_all=True), ([2], 3))
        self.assertEqual(PageWindow(20, 3, True).cut(range(10), count_all=True), ([], 10))

    def test_total_from_page(self) -> None:
        self.assertEqual(PageWindow(0, 10, True).total_from_page(4), 4)
        self.assertEqual(PageWindow(0, 10, True).total_from_page(0), 0)
        self.assertEqual(PageWindow(20, 10, True).total_from_page(4), 24)
        self.assertIsNone(PageWindow(20, 10, True).total_from_page(0), "past the end: only a count tells")
        self.assertIsNone(PageWindow(0, 10, True).total_from_page(10), "a full page: there may be more")


class MemoryPagingTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.persistence = IdentifiableMemoryPersistence()
        for n in range(7):
            self.persistence.create(None, {"id": str(n), "group": "even" if n % 2 == 0 else "odd"})

    def page(self, filter: object, paging: object, sort: object = None) -> tuple[list[str], object]:
        page = self.successResultOf(self.persistence.get_page_by_filter(None, filter, paging, sort))
        return [item["id"] for item in page.data], page.total

    def test_take_zero_is_a_page_of_the_default_size(self) -> None:
        self.assertEqual(self.page(None, {"take": 0}), (["0", "1", "2", "3", "4", "5", "6"], None))

    def test_totals_with_and_without_filter_and_sort(self) -> None:
        self.assertEqual(self.page(None, {"skip": 1, "take": 2, "total": True}), (["1", "2"], 7))
        self.assertEqual(self.page({"group": "even"}, {"skip": 1, "take": 2, "total": True}), (["2", "4"], 4))
        self.assertEqual(self.page(None, {"take": 2, "total": True}, "-id"), (["6", "5"], 7))
        self.assertEqual(self.page({"group": "odd"}, {"take": 2}, "-id"), (["5", "3"], None))
