"""``read_columns`` takes GDAL's Arrow route for a plain GeoPackage layer and gives the same
columns as its QGIS route (feature by feature),
including on columns of a few repeated values, which it decodes once per distinct value."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import ogr, osr

N = 6000
OWNERS = ["Thames Water", "Électricité du Nord", "", None, "UK Power Networks", "Cadent Gas"]
STATUSES = ["granted", "in_progress", "closed"]


@pytest.fixture
def works_gpkg(tmp_path):
    """A GeoPackage of N point works in EPSG:27700: distinct refs, repeated owners (with
    accents, empty text and nulls), repeated statuses."""
    path = tmp_path / "works.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("works", srs, ogr.wkbPoint)
    for name in ("permit_ref", "promoter", "permit_status"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    lyr.StartTransaction()
    for k in range(N):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("permit_ref", f"REF-{(k * 7919) % N:05d}")
        owner = OWNERS[(k * 31) % len(OWNERS)]
        if owner is not None:
            feat.SetField("promoter", owner)
        feat.SetField("permit_status", STATUSES[k % len(STATUSES)])
        feat.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({530000 + k} {180000 + k % 97})"))
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()
    ds = None
    return path


WANTED = {"id": "permit_ref", "owner": "promoter", "status": "permit_status"}


def _both(path):
    from qgis.core import QgsProcessingContext, QgsVectorLayer

    from dig_once.plugin.toolbelt.layer_io import read_columns

    layer = QgsVectorLayer(f"{path}|layername=works", "works", "ogr")
    assert layer.isValid()
    fast = read_columns(
        layer, WANTED, QgsProcessingContext(), None, "works", layer=layer, definition=str(path)
    )
    slow = read_columns(layer, WANTED, QgsProcessingContext(), None, "works")  # no layer: the QGIS route
    assert fast.arrow, "the Arrow route should take a plain GeoPackage layer"
    assert not slow.arrow
    return fast, slow


def test_repeated_and_distinct_text_columns_read_as_qgis_reads_them(qgis_app, works_gpkg):
    fast, slow = _both(works_gpkg)
    assert list(fast.fids) == list(slow.fids)
    for role in WANTED:
        assert list(fast.columns[role]) == list(slow.columns[role]), role
    owners = list(fast.columns["owner"])
    # empty text and NULL both read as None; every value is a plain str
    assert {type(v) for v in owners} == {str, type(None)}
    assert owners.count(None) == sum(OWNERS[(k * 31) % len(OWNERS)] in ("", None) for k in range(N))
    assert "Électricité du Nord" in owners


def test_a_hash_collision_falls_back_to_decoding_every_row(qgis_app, works_gpkg, monkeypatch):
    from dig_once.plugin.toolbelt import layer_io

    data = np.array([b"alpha", b"beta", b"alpha", b""] * 2000, dtype="S5")
    distinct, which = layer_io._repeated_text(data)
    assert list(distinct[which][:4]) == ["alpha", "beta", "alpha", ""]
    # every row hashed alike: the check against each group's first value must refuse it
    monkeypatch.setattr(layer_io, "_row_hashes", lambda d: np.zeros(len(d), np.uint64))
    assert layer_io._repeated_text(data) is None
    fast, slow = _both(works_gpkg)
    for role in WANTED:
        assert list(fast.columns[role]) == list(slow.columns[role]), role


def test_mostly_distinct_columns_skip_the_distinct_value_path(qgis_app):
    from dig_once.plugin.toolbelt import layer_io

    refs = np.array([f"R{k:06d}".encode() for k in range(10_000)])
    assert layer_io._repeated_text(refs) is None
    assert layer_io._repeated_text(refs[:100]) is None  # too short to be worth it


@pytest.mark.parametrize(
    "subset",
    ["\"permit_status\" = 'granted'", "\"promoter\" LIKE 'Thames%' AND \"permit_status\" <> 'closed'"],
)
def test_a_layer_with_a_subset_filter_is_read_on_the_arrow_route_with_the_same_rows(
    qgis_app, works_gpkg, subset
):
    """A planner's filter on the layer ("works starting this quarter") keeps GDAL's Arrow route:
    the subset is the OGR layer's attribute filter, as QGIS's OGR provider applies it."""
    from qgis.core import QgsProcessingContext, QgsVectorLayer

    from dig_once.plugin.toolbelt.layer_io import read_columns

    layer = QgsVectorLayer(f"{works_gpkg}|layername=works", "works", "ogr")
    assert layer.setSubsetString(subset)
    fast = read_columns(
        layer, WANTED, QgsProcessingContext(), None, "works", layer=layer, definition=str(works_gpkg)
    )
    slow = read_columns(layer, WANTED, QgsProcessingContext(), None, "works")
    assert fast.arrow, "a subset on a GeoPackage layer should keep the Arrow route"
    assert 0 < len(slow.fids) < N
    assert sorted(fast.fids) == sorted(slow.fids)
    order_fast, order_slow = np.argsort(fast.fids), np.argsort(slow.fids)
    for role in WANTED:
        assert list(np.asarray(fast.columns[role], object)[order_fast]) == list(
            np.asarray(slow.columns[role], object)[order_slow]
        ), role
