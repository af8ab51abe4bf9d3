"""digonce:findworksoverlaps on a register whose references are numbers (spreadsheet exports):
pairs name the works by the reference as text; and SAME_STREET without a USRN field is refused
naming the layer and the field, before any work is read."""

from __future__ import annotations

import pytest
from osgeo import ogr, osr


def _works(path, id_type=ogr.OFTInteger64, with_usrn: bool = False) -> str:
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("works", srs, ogr.wkbLineString)
    lyr.CreateField(ogr.FieldDefn("permit_ref", id_type))
    for name in ("promoter", "start_date", "end_date", *(("usrn",) if with_usrn else ())):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for ref, owner, x in ((101, "Thames Water", 0), (102, "Cadent", 5), (103, "UKPN", 5000)):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("permit_ref", ref)
        feat.SetField("promoter", owner)
        feat.SetField("start_date", "2026-03-01")
        feat.SetField("end_date", "2026-03-10")
        feat.SetGeometry(ogr.CreateGeometryFromWkt(f"LINESTRING ({530000 + x} 180000, {530100 + x} 180000)"))
        lyr.CreateFeature(feat)
    ds = None
    return f"{path}|layername=works"


def test_numeric_references_name_the_works_of_a_pair_as_text(plugin_provider, tmp_path):
    from qgis import processing

    out = tmp_path / "pairs.gpkg"
    result = processing.run(
        "digonce:findworksoverlaps",
        {
            "INPUT": _works(tmp_path / "works.gpkg"),
            "DISTANCE": 10,
            "OUTPUT": str(out),
            "OUTPUT_GROUPS": "TEMPORARY_OUTPUT",
            "OUTPUT_UNUSABLE": "TEMPORARY_OUTPUT",
        },
    )
    counts = (result["CLASHES"], result["UNUSABLE"])
    del result  # no output layer may outlive QGIS in a kept traceback
    assert counts == (1, 0)
    ds = ogr.Open(str(out))
    ((id_a, id_b),) = [(f["id_a"], f["id_b"]) for f in ds.GetLayer(0)]
    ds = None
    assert {id_a, id_b} == {"101", "102"}


def test_same_street_without_a_usrn_field_is_refused_naming_layer_and_field(plugin_provider, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(
        QgsProcessingException, match="SAME_STREET is on but layer .* has no USRN field 'usrn'"
    ):
        processing.run(
            "digonce:findworksoverlaps",
            {
                "INPUT": _works(tmp_path / "works.gpkg"),
                "SAME_STREET": True,
                "OUTPUT": "TEMPORARY_OUTPUT",
                "OUTPUT_GROUPS": "TEMPORARY_OUTPUT",
                "OUTPUT_UNUSABLE": "TEMPORARY_OUTPUT",
            },
        )
