"""Tests for DateTimeConverter."""

from __future__ import annotations

import datetime
import decimal

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import DateTimeConverter

UTC = datetime.timezone.utc
PLUS2 = datetime.timezone(datetime.timedelta(hours=2))


class DateTimeConverterTests(SynchronousTestCase):
    def test_iso_with_zones(self) -> None:
        self.assertEqual(
            DateTimeConverter.to_nullable_datetime("2024-01-02T03:04:05Z"),
            datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        )
        result = DateTimeConverter.to_nullable_datetime("2024-01-02T03:04:05.123+02:00")
        self.assertEqual(result, datetime.datetime(2024, 1, 2, 3, 4, 5, 123000, tzinfo=PLUS2))
        self.assertEqual(result.utcoffset(), datetime.timedelta(hours=2))

    def test_naive_is_utc(self) -> None:
        self.assertEqual(
            DateTimeConverter.to_nullable_datetime("2024-01-02 03:04:05"),
            datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        )
        naive = datetime.datetime(2020, 5, 6, 7, 8)
        self.assertEqual(DateTimeConverter.to_datetime(naive).tzinfo, UTC)
        self.assertEqual(DateTimeConverter.to_datetime(datetime.date(2020, 5, 6)),
                         datetime.datetime(2020, 5, 6, tzinfo=UTC))

    def test_epoch_millis(self) -> None:
        self.assertEqual(DateTimeConverter.to_datetime(1000), datetime.datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC))
        self.assertEqual(DateTimeConverter.to_datetime(1500.0),
                         datetime.datetime(1970, 1, 1, 0, 0, 1, 500000, tzinfo=UTC))
        self.assertEqual(DateTimeConverter.to_datetime("1700000000000"),
                         datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC))
        self.assertEqual(DateTimeConverter.to_datetime(decimal.Decimal(2000)),
                         datetime.datetime(1970, 1, 1, 0, 0, 2, tzinfo=UTC))

    def test_no_meaning_is_none(self) -> None:
        for value in (None, True, "", "not a date", "2024-02-30", float("nan"), float("inf"), 10**30,
                      object(), [2024], {"year": 2024}, datetime.timedelta(1)):
            self.assertIsNone(DateTimeConverter.to_nullable_datetime(value), repr(value))

    def test_defaults(self) -> None:
        self.assertEqual(DateTimeConverter.to_datetime("junk"), datetime.datetime(1970, 1, 1, tzinfo=UTC))
        default = datetime.datetime(2000, 1, 1, tzinfo=UTC)
        self.assertIs(DateTimeConverter.to_datetime_with_default(None, default), default)
