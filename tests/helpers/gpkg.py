"""GeoPackage layers written with OGR (not with the plugin's own writer, which is under test)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from osgeo import ogr, osr

ogr.UseExceptions()

OGR_TYPES = {"str": ogr.OFTString, "int": ogr.OFTInteger64, "float": ogr.OFTReal, "date": ogr.OFTDate}


def write_gpkg_layer(
    path: Path,
    layer: str,
    geom_type: int,
    fields: list[tuple[str, str]],
    rows: list[tuple[str | None, dict]],
    epsg: int = 27700,
) -> str:
    """Adds ``layer`` to the GeoPackage at ``path`` (made when absent), in ``epsg``; ``fields`` are
    (name, kind in OGR_TYPES), ``rows`` (WKT in EPSG:27700 or None, {field: value}): a geometry is
    transformed to ``epsg``, a None value left unset. Returns the layer's QGIS address."""
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.Open(str(path), 1) if Path(path).exists() else driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer(layer, srs, geom_type)
    for name, kind in fields:
        lyr.CreateField(ogr.FieldDefn(name, OGR_TYPES[kind]))
    to_target = None
    if epsg != 27700:
        bng = osr.SpatialReference()
        bng.ImportFromEPSG(27700)
        bng.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        to_target = osr.CoordinateTransformation(bng, srs)
    for wkt, values in rows:
        feat = ogr.Feature(lyr.GetLayerDefn())
        for name, value in values.items():
            if value is None:
                continue
            if isinstance(value, dt.date):
                feat.SetField(name, value.year, value.month, value.day, 0, 0, 0, 0)
            else:
                feat.SetField(name, value)
        if wkt:
            geom = ogr.CreateGeometryFromWkt(wkt)
            if to_target is not None:
                geom.Transform(to_target)
            feat.SetGeometry(geom)
        lyr.CreateFeature(feat)
    ds = None
    return f"{path}|layername={layer}"
