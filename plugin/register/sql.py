"""The register's SQL: the migrations shipped in ``resources/sql/register`` and safe literals.

No QGIS, no database driver: statements are text, run by whatever ``execute`` callable the
caller has (QGIS's ``QgsAbstractDatabaseProviderConnection.executeSql``, psycopg2, psql).
QGIS's ``executeSql`` takes no query parameters, so values are written as SQL literals by
:func:`literal`, which quotes every text value the same safe way whatever the server's
``standard_conforming_strings``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.errors import InputError

SQL_DIR = Path(__file__).resolve().parents[2] / "resources" / "sql" / "register"
SCHEMA = "digonce"
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    text: str
    sha256: str


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """The shipped migrations, by version (001, 002, ... with no gap)."""
    found = []
    for path in sorted(SQL_DIR.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise ValueError(f"{path}: a register migration is named NNN_name.sql")
        text = path.read_text(encoding="utf-8")
        found.append(
            Migration(int(match.group(1)), match.group(2), text, hashlib.sha256(text.encode()).hexdigest())
        )
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise ValueError(f"register migrations must be numbered 001, 002, ... ({migration.name})")
    return tuple(found)


def supported_version() -> int:
    """The register version this plugin reads and writes (its newest migration)."""
    return migrations()[-1].version


def literal(value: Any) -> str:
    """``value`` as an SQL literal: NULL, TRUE/FALSE, a number, a typed date/timestamp, or an
    escaped string (``E'...'`` with quotes and backslashes doubled: safe whether or not the
    server has ``standard_conforming_strings``). Text with a NUL character is refused
    (PostgreSQL text cannot hold it).

    >>> literal("O'Brien \\\\ Co")
    "E'O''Brien \\\\\\\\ Co'"
    >>> literal(None), literal(True), literal(3), literal(dt.date(2026, 1, 2))
    ('NULL', 'TRUE', '3', "'2026-01-02'::date")
    """
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"{value!r} is not a finite number")
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"'{value.isoformat()}'::timestamptz"
    if isinstance(value, dt.date):
        return f"'{value.isoformat()}'::date"
    text = str(value)
    if "\0" in text:
        raise InputError(f"text {text[:40]!r} holds a NUL character, which PostgreSQL cannot store")
    return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def text_array(values: Any) -> str:
    """A ``text[]`` literal of ``values`` (each quoted by :func:`literal`)."""
    items = [literal(str(v)) for v in values]
    return f"ARRAY[{', '.join(items)}]::text[]" if items else "ARRAY[]::text[]"
