"""The shared register on PostgreSQL + PostGIS (no QGIS here).

``resources/sql/register/NNN_*.sql`` are the register's versioned migrations (schema ``digonce``,
roles, row-level security, the blind-matching function); :mod:`.sql` loads them and writes
SQL literals; :class:`.client.Register` runs them and publishes and matches through any
``execute(sql) -> rows`` callable, naming the connection in every message.
"""

from .client import (
    BLIND_COLUMNS,
    MATCH_COLUMNS,
    PUBLISHED_COLUMNS,
    VISIBILITIES,
    Publication,
    Register,
    RegisterError,
)
from .sql import literal, migrations, supported_version

__all__ = [
    "BLIND_COLUMNS",
    "MATCH_COLUMNS",
    "PUBLISHED_COLUMNS",
    "VISIBILITIES",
    "Publication",
    "Register",
    "RegisterError",
    "literal",
    "migrations",
    "supported_version",
]
