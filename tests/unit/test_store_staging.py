"""The import's staging database: what it binds per row, and that the rows it keeps stay the same."""

from __future__ import annotations

from pathlib import Path

import shapely

from dig_once.plugin.store import Feature
from dig_once.plugin.store.store import MERGED_WORKS_LAYERS, RowBuilder, _Staging


def permit(ref: str, sort_key: str, **values) -> Feature:
    return Feature("works", {"permit_ref": ref, **values}, shapely.Point(530_000, 180_000), sort_key)


def staged_rows(staging: _Staging) -> list[tuple]:
    return staging.conn.execute("SELECT * FROM s_works ORDER BY rowid").fetchall()


def batch(*features: Feature) -> list[list]:
    builder = RowBuilder(MERGED_WORKS_LAYERS)
    for feature in features:
        builder.add(feature)
    return builder.take("works")


def test_staging_binds_only_the_columns_that_have_a_value_somewhere_in_the_batch(tmp_path: Path):
    """Python's sqlite3 binds every parameter apart: a column NULL in every row of a batch (the
    forward-plan fields of Street Manager permits) is left out of the INSERT, not bound as None."""
    staging = _Staging(tmp_path, MERGED_WORKS_LAYERS)
    statements: list[str] = []
    staging.conn.set_trace_callback(statements.append)
    try:
        staging._insert(
            "works", batch(permit("P1", "1", street_name="High St"), permit("P2", "1", town="Leeds"))
        )
        inserts = [s for s in statements if s.startswith("INSERT")]
        assert len(inserts) == 2
        for sql in inserts:
            columns = sql.split("(", 1)[1].split(")", 1)[0]
            assert '"street_name"' in columns and '"town"' in columns and '"permit_ref"' in columns
            assert '"programme"' not in columns and '"usrn"' not in columns
        assert [(r[2], r[8], r[10]) for r in staged_rows(staging)] == [
            ("P1", "High St", None),
            ("P2", None, "Leeds"),
        ]
    finally:
        staging.close()


def test_a_newer_version_whose_batch_has_a_column_null_everywhere_clears_the_older_value(tmp_path: Path):
    """The upsert of a batch that leaves a column out still sets it (to NULL) when the newer
    version of a permit wins, and leaves the row alone when the older one comes."""
    staging = _Staging(tmp_path, MERGED_WORKS_LAYERS)
    try:
        staging._insert("works", batch(permit("P1", "2026-03-01", street_name="High St", programme="X")))
        staging._insert("works", batch(permit("P1", "2026-03-02", town="Leeds")))
        staging._insert("works", batch(permit("P1", "2026-02-01", street_name="older: loses")))
        names = [r[1] for r in staging.conn.execute("PRAGMA table_info(s_works)")]
        (row,) = staged_rows(staging)
        values = dict(zip(names, row, strict=True))
        assert (values["sort_key"], values["street_name"], values["programme"], values["town"]) == (
            "2026-03-02",
            None,
            None,
            "Leeds",
        )
    finally:
        staging.close()


def test_staging_keeps_every_value_of_a_batch_whatever_columns_are_left_out(tmp_path: Path):
    """Rows with NULLs in different columns, a geometry missing, a key missing: the staged rows
    are the batch's rows as they are."""
    rows = batch(
        permit("P1", "1", usrn="1234", traffic_sensitive=True),
        Feature("works", {"permit_ref": None, "street_name": "no key"}, None, "1"),
        permit("P3", "1", street_name="x", event_time="2026-03-01T10:00:00.000Z"),
    )
    staging = _Staging(tmp_path, MERGED_WORKS_LAYERS)
    try:
        staging._insert("works", [list(r) for r in rows])
        # a missing geometry's box (NaN) is stored as NULL, as SQLite stores every NaN
        assert staged_rows(staging) == [tuple(None if v != v else v for v in r) for r in rows]
    finally:
        staging.close()
    assert sum(v is not None for r in rows for v in r) > 10  # real values compared, not all NULL
