"""London calendar dates from Street Manager's UTC timestamps, and integer days."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

from dig_once.plugin.core import dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-01T23:00:00.000Z", dt.date(2026, 4, 2)),  # midnight BST is 23:00Z the day before
        ("2026-03-28T23:00:00.000Z", dt.date(2026, 3, 28)),  # still GMT: 23:00 is the same day
        ("2026-03-29T00:30:00Z", dt.date(2026, 3, 29)),  # the night the clocks go forward
        ("2026-10-24T23:00:00.000Z", dt.date(2026, 10, 25)),  # last BST midnight of the year
        ("2026-10-25T23:00:00.000Z", dt.date(2026, 10, 25)),  # GMT again
        ("2026-01-15T00:00:00.000Z", dt.date(2026, 1, 15)),
        ("2026-07-01T00:00:00+01:00", dt.date(2026, 7, 1)),
        ("2026-05-05", dt.date(2026, 5, 5)),
    ],
)
def test_london_date(text, expected):
    assert dates.london_date(text) == expected


def test_day_numbers_round_trip():
    for day in (-1, 0, 1, 20_000, 25_000):
        assert dates.day_number(dates.from_day_number(day)) == day


@pytest.mark.parametrize("empty", [None, "", "  ", "NULL", "NA", "n/a"])
def test_parse_day_empty(empty):
    assert dates.parse_day(empty) is None


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "01/02/2026"])
def test_parse_day_rejects_non_dates(bad):
    with pytest.raises(ValueError):
        dates.parse_day(bad)


def test_parse_day_of_aware_datetime_uses_london():
    value = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)
    assert dates.parse_day(value) == dates.day_number(dt.date(2026, 7, 1))


def test_doctests():
    failures, tried = doctest.testmod(dates)
    assert tried > 0 and failures == 0
