"""The shared register on PostgreSQL + PostGIS, seen from one connection.

:class:`Register` wraps an ``execute(sql) -> rows`` callable (the rows of the last statement,
as sequences) and the connection's *name*, which every message carries. It never sees a
password: the caller's connection (a QGIS connection with an authentication configuration,
or a test's DSN) does the logging in.

Every call is one ``execute``; a call holding several statements runs in one transaction on
the server (libpq's simple-query protocol), so a migration or the final step of a publication
is all-or-nothing even when each ``execute`` gets a different pooled connection.

Publishing stages the rows in batches under a fresh token (``digonce.works_staging``), then
one call to ``digonce.commit_publication`` replaces all of the organisation's works with them
in one transaction. A publication that dies half-way leaves the works as they were.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from ..core.dates import parse_day
from ..core.errors import Cancelled, DigOnceError
from ..core.schema import EXCLUDED_PERMIT_STATUSES, WORKS_FIELDS
from ..core.works import R_NONFINITE, Works, screen
from .sql import Migration, literal, migrations, supported_version, text_array

#: ``execute(sql) -> rows of the last statement`` (sequences); raises on any database error.
Execute = Callable[[str], Sequence[Sequence[Any]]]

VISIBILITIES = ("private", "shared", "public")
#: The store's forward-plan fields published beside the canonical ones.
PLAN_COLUMNS = (("programme", "str"), ("utility_type", "str"), ("method", "str"), ("confidence", "str"))
#: Every data column of ``digonce.works`` a publication writes, with its canonical type.
PUBLISHED_COLUMNS: tuple[tuple[str, str], ...] = (*WORKS_FIELDS, *PLAN_COLUMNS)
BATCH_ROWS = 1000

#: Columns of ``digonce.find_matches``, in order.
MATCH_COLUMNS = (
    "my_id", "my_ref", "my_promoter", "my_start", "my_end", "my_geom_wkb",
    "partner_org", "partner_org_name", "partner_contact", "partner_visible",
    "partner_usrn", "partner_street", "partner_borough", "partner_start_month", "partner_end_month",
    "kind", "distance_class",
    "partner_id", "partner_ref", "partner_promoter", "partner_visibility",
    "partner_start", "partner_end", "distance_m", "gap_days", "overlap_days", "line_wkb",
)  # fmt: skip
#: The only partner columns filled for a partner work the caller may not read.
BLIND_COLUMNS = (
    "partner_org", "partner_org_name", "partner_contact", "partner_visible", "partner_usrn",
    "partner_street", "partner_borough", "partner_start_month", "partner_end_month", "kind",
    "distance_class",
)  # fmt: skip

_PASSWORD = re.compile(r"(?i)(password\s*=\s*)('[^']*'|\S+)")
_LOST = (
    "server closed the connection",
    "terminating connection",
    "could not connect",
    "connection refused",
    "no connection to the server",
    "connection to server",
    "connection not open",
    "connection already closed",
    "ssl syscall",
    "broken pipe",
    "could not receive data",
    "could not send data",
    "unable to connect",
    "connection failed",
)


class RegisterError(DigOnceError):
    """The register cannot be used as asked; the message names the connection and what to do."""


def _clean(text: str) -> str:
    """A driver's message, short: the server's ERROR line only (QGIS quotes the whole SQL, which
    for a publication is a batch of rows), any ``password=...`` masked, lines joined."""
    text = str(text)
    if text.startswith("SQL error:") and " returned " in text:  # QGIS: "SQL error: <sql> returned 0 [msg]"
        text = text[text.rfind(" returned ") :].partition("[")[2] or text
    at = text.find("ERROR:")
    if at >= 0:
        text = text[at:].split("\n", 1)[0].rstrip(" ]")
    text = " ".join(_PASSWORD.sub(r"\1***", text).split())
    return text if len(text) <= 400 else text[:400] + "..."


@dataclass
class Publication:
    id: int
    org: str
    rows: int
    unusable: int
    token: str


class Register:
    """The register behind one connection (see the module doc)."""

    def __init__(self, execute: Execute, connection_name: str):
        self._execute = execute
        self.name = connection_name

    # --- running SQL ---------------------------------------------------------------------

    def run(self, sql: str, doing: str) -> list[list[Any]]:
        """Rows of ``sql``; any failure becomes a :class:`RegisterError` saying what to do."""
        try:
            rows = self._execute(sql)
        except Exception as exc:  # (any driver's error: psycopg2, QGIS, ...)
            raise self.error(exc, doing) from exc
        return [list(row) for row in (rows or [])]

    def error(self, exc: BaseException, doing: str) -> RegisterError:
        text = _clean(str(exc))
        low = text.lower()
        where = f"register on connection {self.name!r}"
        if any(key in low for key in _LOST):
            return RegisterError(
                f"{where}: {doing}: the connection was lost or could not be made ({text}). Nothing was "
                "changed in the register (every change is all-or-nothing): check that the server is "
                "reachable and the connection's settings, then try again."
            )
        if 'schema "digonce" does not exist' in low or (
            'relation "digonce.' in low and "does not exist" in low
        ):
            return RegisterError(
                f"{where}: {doing}: this database has no Dig Once register (schema digonce is missing). "
                "Check that the connection points at the register's database, or ask its administrator "
                "to run 'Create or upgrade the shared register'."
            )
        if "function digonce." in low and "does not exist" in low:
            return RegisterError(
                f"{where}: {doing}: the register lacks a function this plugin needs ({text}): ask its "
                "administrator to run 'Create or upgrade the shared register'."
            )
        if "permission denied" in low or "not a member" in low or "insufficient" in low:
            return RegisterError(
                f"{where}: {doing}: your database role may not do this ({text}). Ask the register's "
                "administrator to make your login a member of your organisation's role "
                "(SELECT digonce.add_member('<organisation>', '<your login>'))."
            )
        return RegisterError(f"{where}: {doing}: {text}")

    # --- versions ------------------------------------------------------------------------

    def version(self) -> int | None:
        """The register's version, or None when the database has no register."""
        rows = self.run(
            "SELECT to_regclass('digonce.schema_version') IS NOT NULL", "looking for the register"
        )
        if not rows or not rows[0][0]:
            return None
        rows = self.run("SELECT max(version) FROM digonce.schema_version", "reading the register's version")
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def check_version(self) -> int:
        """The version, when this plugin understands it; else a :class:`RegisterError`."""
        have = self.version()
        want = supported_version()
        where = f"register on connection {self.name!r}"
        if have is None:
            raise RegisterError(
                f"{where}: this database has no Dig Once register (schema digonce is missing). Check that "
                "the connection points at the register's database, or ask its administrator to run "
                "'Create or upgrade the shared register'."
            )
        if have < want:
            raise RegisterError(
                f"{where}: the register is older (version {have}) than this plugin understands (version "
                f"{want}): ask its administrator to run 'Create or upgrade the shared register' with this "
                "plugin."
            )
        if have > want:
            raise RegisterError(
                f"{where}: the register is newer (version {have}) than this plugin understands (version "
                f"{want}): update the Dig Once plugin (Plugins > Manage and Install Plugins)."
            )
        return have

    def migrate(self) -> list[int]:
        """Bring the register up to this plugin's version (an administrator's job); returns the
        versions applied. Each migration runs with its version row in one transaction, under an
        advisory lock, so two administrators at once apply it once. A register whose applied
        migrations differ from the shipped ones, or which is newer, is refused untouched."""
        have = self.version() or 0
        shipped = migrations()
        if have > len(shipped):
            raise RegisterError(
                f"register on connection {self.name!r} is newer (version {have}) than this plugin "
                f"understands (version {len(shipped)}): update the Dig Once plugin; nothing was changed."
            )
        if have:
            self._check_applied(shipped[:have])
        applied = []
        for migration in shipped[have:]:
            self.run(self._migration_sql(migration), f"applying register migration {migration.version:03d}")
            applied.append(migration.version)
        return applied

    def _check_applied(self, shipped: Sequence[Migration]) -> None:
        rows = self.run(
            "SELECT version, sha256 FROM digonce.schema_version", "reading the register's version"
        )
        recorded = {int(v): s for v, s in rows}
        for migration in shipped:
            if recorded.get(migration.version) not in (None, migration.sha256):
                raise RegisterError(
                    f"register on connection {self.name!r}: migration {migration.version:03d} was applied "
                    "from a different file than the one this plugin ships (a stale or edited migration): "
                    "nothing was changed; ask the register's administrator to compare the two."
                )

    @staticmethod
    def _migration_sql(migration: Migration) -> str:
        return (
            "SELECT pg_advisory_xact_lock(hashtext('digonce.migrate'));\n"  # nosec B608  # values written by literal(); identifiers fixed
            f"{migration.text}\n;\n"
            "INSERT INTO digonce.schema_version (version, name, sha256) "
            f"VALUES ({migration.version}, {literal(migration.name)}, {literal(migration.sha256)}) "
            "ON CONFLICT (version) DO NOTHING;"
        )

    # --- organisations -------------------------------------------------------------------

    def my_organisation(self, org: str | None = None) -> str:
        """The organisation this login acts for (``org`` when it may act for several)."""
        rows = self.run(f"SELECT digonce.session_org({literal(org or None)})", "finding your organisation")
        return str(rows[0][0])

    def add_organisation(self, org: str, name: str, contact: str | None = None) -> str:
        """An administrator adds an organisation (and its group role); returns the role name."""
        rows = self.run(
            f"SELECT digonce.add_organisation({literal(org)}, {literal(name)}, {literal(contact)})",
            f"adding organisation {org!r}",
        )
        return str(rows[0][0])

    def add_member(self, org: str, login: str) -> None:
        self.run(
            f"SELECT digonce.add_member({literal(org)}, {literal(login)})", f"adding {login!r} to {org!r}"
        )

    def last_publication(self, org: str | None = None) -> dict[str, Any] | None:
        """The newest publication of my organisation, or None."""
        me = self.my_organisation(org)
        rows = self.run(
            "SELECT id, org, published_by::text, published_at::text, n_rows, n_private, n_shared, n_public, "  # nosec B608  # values written by literal(); identifiers fixed
            f"n_unusable FROM digonce.publications WHERE org = {literal(me)} ORDER BY id DESC LIMIT 1",
            "reading the last publication",
        )
        if not rows:
            return None
        keys = (
            "id",
            "org",
            "published_by",
            "published_at",
            "rows",
            "private",
            "shared",
            "public",
            "unusable",
        )
        return dict(zip(keys, rows[0], strict=True))

    # --- publishing ----------------------------------------------------------------------

    def publish(
        self,
        rows: Sequence[dict[str, Any]],
        visibility: str,
        *,
        org: str | None = None,
        plugin_version: str | None = None,
        batch_rows: int = BATCH_ROWS,
        progress: Callable[[float], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> Publication:
        """Replace all of my organisation's works in the register by ``rows`` (store rows:
        canonical fields and a shapely ``geometry`` in EPSG:27700), with ``visibility``.

        Works that the matcher cannot use (no geometry, no dates, end before start, NaN
        coordinates...) are published with their ``unusable_reason``, never dropped; invalid
        polygons are repaired exactly as the in-process engine does. On any failure or cancel,
        the register keeps the works it had."""
        if visibility not in VISIBILITIES:
            raise RegisterError(f"visibility must be one of {', '.join(VISIBILITIES)}, not {visibility!r}")
        self.check_version()
        me = self.my_organisation(org)
        refs = [str(r.get("permit_ref") or "") for r in rows]
        seen: set[str] = set()
        for n, ref in enumerate(refs):
            if not ref:
                raise RegisterError(f"record {n + 1} has no permit_ref: every published work needs one")
            if ref in seen:
                raise RegisterError(f"permit_ref {ref!r} is given twice: each work is published once")
            seen.add(ref)
        geoms, reasons = prepare_geometries(rows)
        token = str(uuid.uuid4())
        columns = [name for name, _kind in PUBLISHED_COLUMNS]
        head = (
            "INSERT INTO digonce.works_staging (token, org, visibility, "  # nosec B608  # values written by literal(); identifiers fixed
            + ", ".join(columns)
            + ", unusable_reason, geom) VALUES\n"
        )
        total = len(rows)
        # Every row written as SQL first: a value that cannot be sent names its work and field
        # before anything reaches the server.
        prefix = f"({literal(token)}, {literal(me)}, {literal(visibility)}, "
        values = []
        for k, row in enumerate(rows):
            if k % 5000 == 0 and cancel is not None and cancel():
                raise Cancelled("publication cancelled: the register keeps the works it had")
            cells = [_cell(row.get(name), kind, name, refs[k]) for name, kind in PUBLISHED_COLUMNS]
            cells.append(literal(reasons[k]))
            cells.append(_geometry_cell(geoms[k]))
            values.append(prefix + ", ".join(cells) + ")")
            if progress is not None and k % 5000 == 0:
                progress(0.2 * k / max(total, 1))
        for begin in range(0, total, batch_rows):
            if cancel is not None and cancel():
                raise Cancelled("publication cancelled: the register keeps the works it had")
            self.run(head + ",\n".join(values[begin : begin + batch_rows]), "sending works to the register")
            if progress is not None:
                progress(0.2 + 0.75 * min(total, begin + batch_rows) / max(total, 1))
        if cancel is not None and cancel():
            raise Cancelled("publication cancelled: the register keeps the works it had")
        out = self.run(
            f"SELECT digonce.commit_publication({literal(token)}::uuid, {literal(me)}, {total}, "
            f"{literal(plugin_version)})",
            "replacing your works in the register",
        )
        if progress is not None:
            progress(1.0)
        return Publication(int(out[0][0]), me, total, sum(r is not None for r in reasons), token)

    # --- matching ------------------------------------------------------------------------

    def find_matches(
        self,
        *,
        distance: float = 25.0,
        max_gap_days: int = 90,
        same_street: bool = False,
        include_same_owner: bool = False,
        excluded_statuses: Sequence[str] = EXCLUDED_PERMIT_STATUSES,
        org: str | None = None,
    ) -> list[dict[str, Any]]:
        """My organisation's matches (dicts keyed by :data:`MATCH_COLUMNS`)."""
        self.check_version()
        sql = (
            f"SELECT {', '.join(_match_select(c) for c in MATCH_COLUMNS)} FROM digonce.find_matches("  # nosec B608  # values written by literal(); identifiers fixed
            f"{literal(float(distance))}::double precision, {int(max_gap_days)}, {literal(bool(same_street))}, "
            f"{literal(bool(include_same_owner))}, {text_array(excluded_statuses)}, {literal(org or None)})"
        )
        rows = self.run(sql, "finding matches")
        return [_match_row(row) for row in rows]


def _match_select(column: str) -> str:
    # Dates and numbers come back as text: QGIS's executeSql and psycopg2 convert types their
    # own ways, text reads the same through both.
    return f"{column}::text"


def _match_row(row: Sequence[Any]) -> dict[str, Any]:
    out = dict(zip(MATCH_COLUMNS, row, strict=True))
    for key in ("my_id", "partner_id", "gap_days", "overlap_days"):
        out[key] = None if out[key] in (None, "") else int(out[key])
    out["distance_m"] = None if out["distance_m"] in (None, "") else float(out["distance_m"])
    for key in ("my_start", "my_end", "partner_start", "partner_end"):
        out[key] = None if out[key] in (None, "") else dt.date.fromisoformat(str(out[key]))
    out["partner_visible"] = str(out["partner_visible"]).lower() in ("true", "t", "1")
    return out


def prepare_geometries(rows: Sequence[dict[str, Any]]) -> tuple[np.ndarray, list[str | None]]:
    """Geometries as the matcher will use them (2D; invalid polygons repaired by the engine's
    own :func:`screen`) and each work's unusable reason (None when usable)."""
    n = len(rows)
    geoms = np.empty(n, dtype=object)
    geoms[:] = [r.get("geometry") for r in rows]
    present = ~shapely.is_missing(geoms)
    geoms[present] = shapely.force_2d(geoms[present])
    date_reasons: list[str | None] = [None] * n

    def day(value: Any, label: str, k: int) -> int | None:
        try:
            return parse_day(value)
        except ValueError:
            date_reasons[k] = date_reasons[k] or f"{label} {value!r} is not a date"
            return None

    start = [day(r.get("start_date"), "start date", k) for k, r in enumerate(rows)]
    end = [day(r.get("end_date"), "end date", k) for k, r in enumerate(rows)]
    works = Works.from_columns(
        geoms, [r.get("permit_ref") for r in rows], [r.get("promoter") for r in rows], start, end,
        reasons=date_reasons,
    )  # fmt: skip
    screened = screen(works, excluded_statuses=())
    out = screened.geometries
    out[screened.reasons == R_NONFINITE] = None  # never sent: PostGIS would keep the NaN
    return out, [None if r is None else str(r) for r in screened.reasons]


def _cell(value: Any, kind: str, name: str, ref: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip() and kind != "str"):
        return "NULL"
    try:
        if kind == "date":
            day = parse_day(value)
            return "NULL" if day is None else literal(dt.date(1970, 1, 1) + dt.timedelta(days=day))
        if kind == "datetime":
            text = value.isoformat() if isinstance(value, dt.datetime) else str(value).strip()
            # Checked here so that a bad value names its work and field, not a whole batch.
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return f"{literal(text)}::timestamptz"
        if kind == "bool":
            if isinstance(value, str):
                return literal(value.strip().lower() in ("1", "true", "t", "yes", "y"))
            return literal(bool(value))
        return literal(value if isinstance(value, str) else str(value))
    except (ValueError, DigOnceError) as exc:
        raise RegisterError(f"work {ref!r}, field {name!r}: {exc}") from exc


def _geometry_cell(geom: Any) -> str:
    if geom is None or shapely.is_missing(geom):
        return "NULL"
    hexed = shapely.to_wkb(geom, hex=True, flavor="iso")
    return f"ST_GeomFromWKB(decode('{hexed}', 'hex'), 27700)"
