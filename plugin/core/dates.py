"""Calendar dates as integer days (days since 1970-01-01), and London-time conversion.

Street Manager writes times as ISO-8601 UTC (``...Z``); a London calendar date is taken
after converting to Europe/London, so ``2026-04-01T23:00:00.000Z`` is 2 April (BST).

A date-time written without an offset (EToN/Elgin ``2018-06-12 23:59:59``, National
Highways ``22-APR-2025 22:00``, a planner's spreadsheet) is London wall-clock time: its
calendar date is the date as written, never shifted. Only a value that carries an offset
or ``Z`` is converted.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
EPOCH = dt.date(1970, 1, 1)
EPOCH_ORDINAL = EPOCH.toordinal()


def day_number(value: dt.date) -> int:
    """Days since 1970-01-01 of a calendar date.

    >>> day_number(dt.date(1970, 1, 2))
    1
    """
    return value.toordinal() - EPOCH_ORDINAL


def from_day_number(day: int) -> dt.date:
    """Inverse of :func:`day_number`."""
    return dt.date.fromordinal(int(day) + EPOCH_ORDINAL)


def parse_iso_datetime(text: str) -> dt.datetime:
    """Parse an ISO-8601 timestamp; a trailing ``Z`` or no offset means UTC.

    >>> parse_iso_datetime("2026-04-01T23:00:00.000Z").isoformat()
    '2026-04-01T23:00:00+00:00'
    """
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


_MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
# Oracle's default date display (National Highways' HE_PLANNED_WORKS): 22-APR-2025 22:00
_DD_MON_YYYY = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def parse_datetime(text: str) -> dt.datetime:
    """A date-time as written: ISO-8601 (``T`` or a space) or ``DD-MON-YYYY HH:MM``.

    Aware (with its offset) when the text carries one or ``Z``; naive otherwise, which the
    readers take as London wall-clock time. ``ValueError`` when it is neither form.

    >>> parse_datetime("22-APR-2025 22:00")
    datetime.datetime(2025, 4, 22, 22, 0)
    >>> parse_datetime("2018-06-12 23:59:59")
    datetime.datetime(2018, 6, 12, 23, 59, 59)
    """
    text = text.strip()
    match = _DD_MON_YYYY.fullmatch(text)
    if match:
        day, mon, year, hour, minute, second = match.groups()
        month = _MONTHS.get(mon.upper())
        if month is None:
            raise ValueError(f"unknown month {mon!r} in {text!r}")
        return dt.datetime(int(year), month, int(day), int(hour or 0), int(minute or 0), int(second or 0))
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return dt.datetime.fromisoformat(text)


def london_date(text: str) -> dt.date:
    """The Europe/London calendar date of a timestamp (or a bare ``YYYY-MM-DD``).

    A value with an offset or ``Z`` is converted to London time first; one without is
    London time already, so its date is the date written.

    >>> london_date("2026-04-01T23:00:00.000Z")
    datetime.date(2026, 4, 2)
    >>> london_date("2026-01-15T00:00:00.000Z")
    datetime.date(2026, 1, 15)
    >>> london_date("2026-03-05")
    datetime.date(2026, 3, 5)
    >>> london_date("2018-06-12 23:59:59")
    datetime.date(2018, 6, 12)
    """
    text = text.strip()
    if len(text) == 10 and text[4] == "-":
        return dt.date.fromisoformat(text)
    value = parse_datetime(text)
    if value.tzinfo is None:
        return value.date()
    return value.astimezone(LONDON).date()


def parse_day(value: object) -> int | None:
    """Integer day of a date-like value (``date``, ``datetime``, ISO text); None when empty.

    Raises ``ValueError`` for text that is not a date.

    >>> parse_day("1970-01-11")
    10
    >>> parse_day("") is None
    True
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(LONDON)
        return day_number(value.date())
    if isinstance(value, dt.date):
        return day_number(value)
    text = str(value).strip()
    if not text or text.upper() in {"NULL", "NA", "N/A", "NONE"}:
        return None
    return day_number(london_date(text))
