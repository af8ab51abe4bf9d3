"""QGIS shows the store's layers with their true feature count, not a guess from their fids."""

from __future__ import annotations

import shapely
from osgeo import gdal
from qgis.core import QgsVectorLayer

from dig_once.plugin.store import Feature, Store


def _work(ref: str, sort_key: str, k: int) -> Feature:
    return Feature("works", {"permit_ref": ref}, shapely.Point(530_000.0 + k, 180_000.0), sort_key)


def test_a_store_whose_merges_left_holes_in_the_fids_shows_its_true_count_in_qgis(qgis_app, tmp_path):
    """A merge deletes the rows it supersedes, so a store's fids have holes. Without a stored
    count QGIS guesses a big GeoPackage table's count as max fid - min fid + 1 (a year of
    England: 4,300,410 works shown for 3,126,413), and the algorithms' memory check refused on
    the guess. The threshold above which QGIS guesses (100,000 rows) is lowered here."""
    store = Store(tmp_path / "store.gpkg")
    store.merge_works([_work(f"P{k}", "2026-03", k) for k in range(50)], kind="t", source="03.zip")
    # every other permit again, newer: 25 rows deleted from the middle, 25 added at the end
    store.merge_works([_work(f"P{k}", "2026-04", k) for k in range(0, 50, 2)], kind="t", source="04.zip")
    old = gdal.GetConfigOption("QGIS_GPKG_FC_THRESHOLD")
    gdal.SetConfigOption("QGIS_GPKG_FC_THRESHOLD", "10")
    try:
        layer = QgsVectorLayer(f"{store.path}|layername=works", "works", "ogr")
        assert layer.isValid()
        assert layer.featureCount() == 50
    finally:
        gdal.SetConfigOption("QGIS_GPKG_FC_THRESHOLD", old)
