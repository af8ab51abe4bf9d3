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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # EToN/Elgin end of day, written without an offset: London time, never the next day
        ("2018-06-12 23:59:59", dt.date(2018, 6, 12)),
        ("2018-06-12T23:59:59", dt.date(2018, 6, 12)),
        # spring forward (last Sunday of March 2026 is the 29th): either side of the change
        ("2026-03-28 23:30:00", dt.date(2026, 3, 28)),
        ("2026-03-29 00:30:00", dt.date(2026, 3, 29)),
        ("2026-03-29 01:30:00", dt.date(2026, 3, 29)),  # a wall time that does not exist
        ("2026-03-29 23:59:59", dt.date(2026, 3, 29)),
        # fall back (last Sunday of October 2026 is the 25th)
        ("2026-10-24 23:59:59", dt.date(2026, 10, 24)),
        ("2026-10-25 01:30:00", dt.date(2026, 10, 25)),  # a wall time that happens twice
        ("2026-10-25 23:59:59", dt.date(2026, 10, 25)),
        # National Highways: Oracle's DD-MON-YYYY HH:MM, London time
        ("22-APR-2025 22:00", dt.date(2025, 4, 22)),
        ("31-DEC-2023 23:59", dt.date(2023, 12, 31)),
        ("30-Mar-2025 23:30", dt.date(2025, 3, 30)),
        ("26-OCT-2025 23:59", dt.date(2025, 10, 26)),
    ],
)
def test_text_without_offset_is_london_time_and_keeps_its_date(text, expected):
    assert dates.london_date(text) == expected
    assert dates.parse_day(text) == dates.day_number(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # spring forward: 00:30Z is still GMT (00:30 London), 23:30Z is BST (00:30 next day)
        ("2026-03-28T23:30:00Z", dt.date(2026, 3, 28)),
        ("2026-03-29T00:30:00Z", dt.date(2026, 3, 29)),
        ("2026-03-29T23:30:00Z", dt.date(2026, 3, 30)),
        # fall back: 23:30Z on the Saturday is BST (Sunday), on the Sunday it is GMT (Sunday)
        ("2026-10-24T23:30:00Z", dt.date(2026, 10, 25)),
        ("2026-10-25T00:30:00Z", dt.date(2026, 10, 25)),
        ("2026-10-25T23:30:00Z", dt.date(2026, 10, 25)),
        # an explicit offset is honoured
        ("2026-03-29T23:30:00+01:00", dt.date(2026, 3, 29)),
        ("2018-06-12T23:59:59+00:00", dt.date(2018, 6, 13)),
    ],
)
def test_text_with_offset_or_z_is_converted_to_london(text, expected):
    assert dates.london_date(text) == expected


@pytest.mark.parametrize("bad", ["31-FOO-2025 22:00", "32-APR-2025", "22-APR-2025 25:00"])
def test_bad_dd_mon_yyyy_values_are_not_dates(bad):
    with pytest.raises(ValueError):
        dates.parse_day(bad)
