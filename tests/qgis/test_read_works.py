"""``_works_fields.read_works``: a works layer read once into ``Works``, a date that is not a
date giving its work the reason."""

from __future__ import annotations

import pytest
from osgeo import ogr, osr


def _works_gpkg(path, starts: list[str]) -> None:
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("works", srs, ogr.wkbPoint)
    for name in ("permit_ref", "promoter", "start_date", "end_date"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for k, start in enumerate(starts):
        feat = ogr.Feature(lyr.GetLayerDefn())
        for name, value in (("permit_ref", f"W{k}"), ("promoter", "Openreach"), ("start_date", start)):
            feat.SetField(name, value)
        feat.SetField("end_date", "2026-04-30")
        feat.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({530000 + k} 180000)"))
        lyr.CreateFeature(feat)
    ds = None


def _read(path):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from dig_once.processing_algorithms._works_fields import open_source, read_works
    from dig_once.processing_algorithms.find_works_overlaps import FindWorksOverlaps

    alg = FindWorksOverlaps()
    alg.initAlgorithm()
    params = {"INPUT": f"{path}|layername=works"}
    context = QgsProcessingContext()
    source, label = open_source(alg, params, context, "INPUT", unchecked=True)
    wanted = {"id": "permit_ref", "owner": "promoter", "start": "start_date", "end": "end_date"}
    works, _ = read_works(alg, params, context, QgsProcessingFeedback(), "INPUT", source, wanted, label)
    return works


@pytest.mark.parametrize(
    ("starts", "reasons"),
    [
        (["2026-04-01", "2026-04-02", "2026-04-03"], None),
        (["2026-04-01", "soon", "2026-04-03"], [None, "start date 'soon' is not a date", None]),
    ],
)
def test_a_works_reason_column_is_there_only_when_a_date_is_not_a_date(qgis_app, tmp_path, starts, reasons):
    """Every date readable (the usual case): no column of one None a work (3M Nones to build
    and to screen at England scale, ~0.5 s); a date that is not one: the work's reason."""
    path = tmp_path / "works.gpkg"
    _works_gpkg(path, starts)
    works = _read(path)
    assert works.ids.tolist() == ["W0", "W1", "W2"]
    assert (None if works.reasons is None else works.reasons.tolist()) == reasons
