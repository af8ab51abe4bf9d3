"""Calendar dates as integer days (days since 1970-01-01), and London-time conversion.

Street Manager writes times as ISO-8601 UTC (``...Z``); a London calendar date is taken
after converting to Europe/London, so ``2026-04-01T23:00:00.000Z`` is 2 April (BST).
"""

from __future__ import annotations

import datetime as dt
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


def london_date(text: str) -> dt.date:
    """The Europe/London calendar date of an ISO timestamp (or a bare ``YYYY-MM-DD``).

    >>> london_date("2026-04-01T23:00:00.000Z")
    datetime.date(2026, 4, 2)
    >>> london_date("2026-01-15T00:00:00.000Z")
    datetime.date(2026, 1, 15)
    >>> london_date("2026-03-05")
    datetime.date(2026, 3, 5)
    """
    text = text.strip()
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return parse_iso_datetime(text).astimezone(LONDON).date()


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
