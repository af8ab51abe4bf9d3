"""The one date parser for columns and the one list splitter every algorithm uses
(``toolbelt.layers.column_days`` and ``split_list``)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from dig_once.plugin.core.overlaps import MISSING_DAY
from dig_once.plugin.toolbelt.layers import column_days, day_or_none, split_list


def test_column_days_reads_dates_text_and_arrow_datetimes_as_the_same_days():
    day = day_or_none(dt.date(2026, 3, 16))
    from_dates = column_days([dt.date(2026, 3, 16), None], "start date", [None, None])
    from_text = column_days(["2026-03-16", None], "start date", [None, None])
    arrow = np.array(["2026-03-16", "NaT"], dtype="datetime64[ms]")
    from_arrow = column_days(arrow, "start date", [None, None])
    for days in (from_dates, from_text, from_arrow):
        assert days.tolist() == [day, MISSING_DAY]


def test_column_days_takes_the_arrow_routes_day_column_as_it_is_without_a_copy():
    """The Arrow route's dates are already days: read in place (two 24 MB copies at 3M works
    before)."""
    arrow = np.array(["2026-03-16", "NaT"], dtype="datetime64[D]")
    days = column_days(arrow, "start date", [None, None])
    assert days.tolist() == [day_or_none(dt.date(2026, 3, 16)), MISSING_DAY]
    assert np.shares_memory(days, arrow)


def test_column_days_gives_unreadable_text_a_reason_and_keeps_a_rows_first_reason():
    reasons: list[str | None] = [None, None, "already refused"]
    days = column_days(["soon", "2026-03-17", "later"], "end date", reasons)
    assert days.tolist() == [MISSING_DAY, day_or_none("2026-03-17"), MISSING_DAY]
    assert reasons == ["end date 'soon' is not a date", None, "already refused"]


def test_split_list_strips_items_and_leaves_out_empty_ones():
    assert split_list(" closed, cancelled ,,  ") == ["closed", "cancelled"]
    assert split_list(None) == [] and split_list("") == []
