"""``read_columns`` on each vector format a planner may hand an algorithm in EPSG:27700: its
GDAL Arrow route reads the same geometries as its QGIS route, or declines so the QGIS route
reads the layer. It never returns works without geometry."""

from __future__ import annotations

import pytest
import shapely
from osgeo import gdal, ogr, osr

WORKS = [
    ("W1", "POINT (530000 180000)"),
    ("W2", "LINESTRING (530100 180000, 530200 180050)"),
    ("W3", "POINT (530300.5 180300.25)"),
]


def _write(path, driver: str) -> str:
    """The works as a layer of ``driver`` in EPSG:27700 (via a GeoPackage and ogr2ogr)."""
    gpkg = path.with_suffix(".src.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("works", srs, ogr.wkbLineString if driver == "ESRI Shapefile" else ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("ref", ogr.OFTString))
    for ref, wkt in WORKS:
        if driver == "ESRI Shapefile" and wkt.startswith("POINT"):  # one geometry type per file
            x, y = shapely.from_wkt(wkt).coords[0]
            wkt = f"LINESTRING ({x} {y}, {x + 1} {y})"
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("ref", ref)
        feat.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(feat)
    ds = None
    if driver == "GPKG":
        return str(gpkg)
    gdal.VectorTranslate(str(path), str(gpkg), format=driver)
    return str(path)


@pytest.mark.parametrize(
    ("driver", "name"),
    [
        ("GPKG", "works.gpkg"),
        ("GeoJSON", "works.geojson"),
        ("ESRI Shapefile", "works.shp"),
    ],
)
def test_arrow_route_gives_the_geometries_qgis_reads_or_declines(qgis_app, tmp_path, driver, name):
    from qgis.core import QgsProcessingContext, QgsVectorLayer

    from dig_once.plugin.toolbelt.layer_io import read_columns

    path = _write(tmp_path / name, driver)
    layer = QgsVectorLayer(path, "works", "ogr")
    crs = layer.crs().authid() if layer.isValid() else None
    slow = read_columns(layer, {"ref": "ref"}, QgsProcessingContext(), None, "works")
    fast = read_columns(
        layer, {"ref": "ref"}, QgsProcessingContext(), None, "works", layer=layer, definition=path
    )
    # no QGIS object may outlive the test in a kept traceback (QGIS exits first: a crash)
    del layer
    assert crs == "EPSG:27700"
    assert all(g is not None for g in slow.geometries)
    assert not slow.arrow
    if not fast.arrow:  # declined: read through QGIS
        return
    assert list(fast.columns["ref"]) == list(slow.columns["ref"])
    assert all(g is not None for g in fast.geometries)
    # the same places (QGIS reads a Shapefile's lines as one-part multi-lines: same geometry)
    assert all(f.equals(q) for f, q in zip(fast.geometries, slow.geometries, strict=True))


@pytest.mark.parametrize(
    ("driver", "name"),
    [("GPKG", "works.gpkg"), ("GeoJSON", "works.geojson"), ("ESRI Shapefile", "works.shp")],
)
def test_a_deferred_text_column_reads_the_rows_asked_for_by_feature_id_in_each_format(
    qgis_app, tmp_path, driver, name
):
    """A text role read later, only for some rows (checkrestrictions' references of related
    works): by feature id, which each format names its own way (a GeoPackage's fid column,
    OGR's FID elsewhere); the values of a full read."""
    import numpy as np
    from qgis.core import QgsProcessingContext, QgsVectorLayer

    from dig_once.plugin.core.works import DeferredColumn
    from dig_once.plugin.toolbelt.layer_io import read_columns

    path = _write(tmp_path / name, driver)
    layer = QgsVectorLayer(path, "works", "ogr")
    fast = read_columns(
        layer,
        {"ref": "ref"},
        QgsProcessingContext(),
        None,
        "works",
        layer=layer,
        definition=path,
        deferred=("ref",),
    )
    del layer
    if not fast.arrow:  # declined: the QGIS route reads every field
        return
    column = fast.columns["ref"]
    assert isinstance(column, DeferredColumn)
    assert column[np.array([2, 0])].tolist() == ["W3", "W1"] and column[1] == "W2"


@pytest.mark.parametrize(
    "driver",
    [
        "GPKG",
        "GeoJSON",
        "ESRI Shapefile",
    ],
)
def test_find_works_overlaps_finds_the_same_clash_in_every_file_format(plugin_provider, tmp_path, driver):
    """Two works 5 m apart over the same days: one clash, whatever the file they come in."""
    from qgis import processing

    gpkg = tmp_path / "works.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("works", srs, ogr.wkbLineString)
    for name in ("permit_ref", "promoter", "start_date", "end_date"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for ref, owner, x in (("A", "Thames Water", 0), ("B", "Cadent", 5)):
        feat = ogr.Feature(lyr.GetLayerDefn())
        for name, value in (("permit_ref", ref), ("promoter", owner), ("start_date", "2026-03-01"),
                            ("end_date", "2026-03-10")):  # fmt: skip
            feat.SetField(name, value)
        feat.SetGeometry(ogr.CreateGeometryFromWkt(f"LINESTRING ({530000 + x} 180000, {530100 + x} 180000)"))
        lyr.CreateFeature(feat)
    ds = None
    path = str(gpkg)
    if driver != "GPKG":
        path = str(tmp_path / ("works.geojson" if driver == "GeoJSON" else "works.shp"))
        gdal.VectorTranslate(path, str(gpkg), format=driver)
    result = processing.run(
        "digonce:findworksoverlaps",
        {"INPUT": path, "DISTANCE": 10, "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_GROUPS": "TEMPORARY_OUTPUT",
         "OUTPUT_UNUSABLE": "TEMPORARY_OUTPUT"},
    )  # fmt: skip
    counts = (result["CLASHES"], result["UNUSABLE"])
    del result  # the output layers must not outlive QGIS in a kept traceback
    assert counts == (1, 0)
