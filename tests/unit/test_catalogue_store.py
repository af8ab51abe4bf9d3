"""The store's catalogue keeps where a catalogue import came from (entry, address, licence,
attribution, checksum)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import shapely

from dig_once.plugin.store import Feature, Store
from dig_once.plugin.store.store import CATALOGUE_TABLE

ORIGIN = {
    "catalogue_source": "street_manager_permits",
    "address": "https://opendata.manage-roadworks.service.gov.uk/permit/2026/03.zip",
    "licence": "Open Government Licence v3.0",
    "attribution": "Contains Street Manager data © Department for Transport",
    "sha256": "ab" * 32,
}


def _import(store: Store) -> int:
    result = store.merge_works(
        [Feature("works", {"permit_ref": "P1"}, shapely.Point(530_000, 180_000), "a")],
        kind="streetmanager",
        source="/cache/03.zip",
        sha256="ab" * 32,
    )
    return result.import_id


def test_origin_is_kept_with_the_import_row(tmp_path: Path):
    store = Store(tmp_path / "store.gpkg")
    import_id = _import(store)
    store.record_origin(import_id, ORIGIN)
    (row,) = store.catalogue()
    assert json.loads(row["origin"]) == ORIGIN


def test_imports_not_from_the_catalogue_have_no_origin(tmp_path: Path):
    store = Store(tmp_path / "store.gpkg")
    _import(store)
    assert store.catalogue()[0]["origin"] is None


def test_a_store_made_before_origins_gains_the_column_when_opened(tmp_path: Path):
    path = tmp_path / "store.gpkg"
    store = Store(path)
    import_id = _import(store)
    with sqlite3.connect(path) as db:
        db.execute(f"ALTER TABLE {CATALOGUE_TABLE} DROP COLUMN origin")
    reopened = Store(path)
    reopened.record_origin(import_id, ORIGIN)
    assert json.loads(reopened.catalogue()[0]["origin"])["catalogue_source"] == "street_manager_permits"


def test_an_origin_address_with_a_password_is_kept_without_it(tmp_path: Path):
    store = Store(tmp_path / "store.gpkg")
    import_id = _import(store)
    store.record_origin(import_id, {**ORIGIN, "address": "https://me:s3cret@example.org/a.zip?token=abc"})
    text = store.catalogue()[0]["origin"]
    assert "s3cret" not in text and "abc" not in text
