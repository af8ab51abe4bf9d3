"""Forward plan files in the UK Future Works Profile layout (written with OGR, not with the
plugin's own writer)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from osgeo import ogr

from helpers.gpkg import write_gpkg_layer


def write_links(path: Path, n: int) -> Path:
    """A Future Works Profile GeoPackage whose ``networklink`` holds ``n`` dated links (fids
    1..n), short lines near King's Cross in EPSG:27700."""
    dates = {"plannedstartdate": dt.date(2027, 1, 1), "plannedenddate": dt.date(2027, 2, 1)}
    rows = [(f"LINESTRING({529000 + 10 * i} 182000, {529000 + 10 * i} 182050)", dates) for i in range(n)]
    fields = [("plannedstartdate", "date"), ("plannedenddate", "date")]
    write_gpkg_layer(path, "networklink", ogr.wkbLineString, fields, rows)
    return path
