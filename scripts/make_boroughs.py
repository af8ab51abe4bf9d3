#!/usr/bin/env python3
"""Build ``resources/boundaries/london_boroughs.gpkg``: generalised London borough outlines.

Run once (the output is committed); the plugin only reads the result::

    .venv/bin/python scripts/make_boroughs.py \\
        --source ../shared/data/statistical-gis-boundaries-london/London_Borough_Excluding_MHW.shp

Source: GLA "Statistical GIS Boundary Files for London" (London Datastore),
``London_Borough_Excluding_MHW.shp``: the 32 boroughs and the City of London, EPSG:27700,
clipped to mean high water (so the Thames is a gap between boroughs). Open Government
Licence v3.0. Contains National Statistics data © Crown copyright and database right;
Contains Ordnance Survey data © Crown copyright and database right.

Output: one layer ``london_boroughs`` (MultiPolygon, EPSG:27700) with ``name``, ``gss_code``
and ``swa_code`` (the Street Manager street-works authority code, DOMAIN.md section 2). The
attribution and licence are written into the GeoPackage itself: the layer's description in
``gpkg_contents`` and a ``gpkg_metadata`` record (QGIS layer metadata, shown in the layer's
properties).

Generalisation keeps the boroughs a clean coverage (no gaps or overlaps appear between
neighbours): the outlines are cut into arcs between the points where three or more boundaries
meet, each arc is simplified once (Douglas-Peucker, topology preserved), and the faces the
simplified arcs enclose are given back to the borough they overlap most. Simplifying each
polygon on its own would move a shared border differently on either side.

Needs fiona (reads the shapefile, writes the GeoPackage) and shapely 2.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

import fiona
import numpy as np
import shapely
from fiona.crs import CRS

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = (
    REPO.parent / "shared" / "data" / "statistical-gis-boundaries-london" / "London_Borough_Excluding_MHW.shp"
)
DEFAULT_OUT = REPO / "resources" / "boundaries" / "london_boroughs.gpkg"
LAYER = "london_boroughs"
MAX_BYTES = 300 * 1024

#: Street Manager street-works authority (SWA) codes by GSS code (DOMAIN.md section 2: 5030 for
#: the City, then the boroughs in alphabetical order in steps of 30, which is also the order of
#: their GSS codes: E09000001 City of London 5030, E09000002 Barking and Dagenham 5060, ...,
#: E09000007 Camden 5210, ..., E09000033 Westminster 5990; as plugin/core/schema.py LONDON_SWA_CODES).
SWA_CODES: dict[str, str] = {f"E09{k:06d}": str(5000 + 30 * k) for k in range(1, 34)}


ATTRIBUTION = (
    "Contains National Statistics data © Crown copyright and database right; "
    "Contains Ordnance Survey data © Crown copyright and database right."
)
LICENCE = "Open Government Licence v3.0 (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)"
SOURCE_TEXT = (
    "GLA Statistical GIS Boundary Files for London (London Datastore), "
    "London_Borough_Excluding_MHW.shp (boroughs clipped to mean high water)"
)


def simplify_coverage(geoms: list[shapely.Geometry], tolerance: float) -> list[shapely.Geometry]:
    """Simplify polygons that tile an area so that shared borders stay shared.

    Each arc between junctions is simplified once, then the faces the arcs enclose are given
    to the input polygon that covers most of each face; faces outside every input (the Thames
    here) are left out.
    """
    noded = shapely.union_all([g.boundary for g in geoms])
    arcs = shapely.get_parts(shapely.line_merge(noded))
    simplified = shapely.simplify(arcs, tolerance, preserve_topology=True)
    # simplified arcs of neighbouring borders can cross: node them again before polygonizing
    lines = shapely.get_parts(shapely.union_all(simplified))
    faces = shapely.get_parts(shapely.polygonize(lines))
    tree = shapely.STRtree(geoms)
    owned: list[list[shapely.Geometry]] = [[] for _ in geoms]
    for face in faces:
        candidates = tree.query(face)
        if len(candidates) == 0:
            continue
        shares = shapely.area(shapely.intersection(np.asarray(geoms, dtype=object)[candidates], face))
        best = int(np.argmax(shares))
        if shares[best] >= 0.5 * face.area:
            owned[candidates[best]].append(face)
    out = []
    for parts in owned:
        merged = shapely.union_all(parts)
        if merged.geom_type == "Polygon":
            merged = shapely.MultiPolygon([merged])
        out.append(merged)
    return out


def build(source: Path, out: Path, tolerance: float) -> dict[str, float]:
    with fiona.open(source) as src:
        rows = [
            (f["properties"]["NAME"], f["properties"]["GSS_CODE"], shapely.geometry.shape(f.geometry))
            for f in src
        ]
    rows.sort(key=lambda r: r[1])
    if len(rows) != 33 or {r[1] for r in rows} != set(SWA_CODES):
        raise SystemExit(f"{source}: expected the 33 London GSS codes, got {sorted(r[1] for r in rows)}")
    originals = [shapely.make_valid(r[2]) for r in rows]
    generalised = simplify_coverage(originals, tolerance)
    worst = 0.0
    for (name, _code, _), before, after in zip(rows, originals, generalised, strict=True):
        if after.is_empty or not after.is_valid:
            raise SystemExit(f"{name}: generalised outline is empty or invalid")
        worst = max(worst, abs(after.area - before.area) / before.area)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    schema = {
        "geometry": "MultiPolygon",
        "properties": {"name": "str:40", "gss_code": "str:9", "swa_code": "str:4"},
    }
    with fiona.open(out, "w", driver="GPKG", layer=LAYER, schema=schema, crs=CRS.from_epsg(27700)) as dst:
        for (name, code, _), geom in zip(rows, generalised, strict=True):
            dst.write(
                {
                    "geometry": shapely.geometry.mapping(geom),
                    "properties": {"name": name, "gss_code": code, "swa_code": SWA_CODES[code]},
                }
            )
    _write_metadata(out, tolerance)
    return {
        "bytes": out.stat().st_size,
        "vertices_before": int(sum(shapely.get_num_coordinates(originals))),
        "vertices_after": int(sum(shapely.get_num_coordinates(generalised))),
        "worst_area_change": worst,
    }


def _qgis_metadata_xml(tolerance: float) -> str:
    from xml.sax.saxutils import escape

    abstract = escape(
        f"The 32 London boroughs and the City of London, generalised ({tolerance:g} m, shared "
        f"borders kept shared) from {SOURCE_TEXT}. Fields: name, gss_code (ONS GSS code), "
        "swa_code (Street Manager street-works authority code)."
    )
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.40\">\n"
        f"  <identifier>{LAYER}</identifier>\n  <parentidentifier></parentidentifier>\n"
        "  <language>ENG</language>\n  <type>dataset</type>\n"
        "  <title>London boroughs (generalised)</title>\n"
        f"  <abstract>{abstract}</abstract>\n"
        '  <keywords vocabulary="gmd:topicCategory"><keyword>boundaries</keyword></keywords>\n'
        f"  <rights>{escape(ATTRIBUTION)}</rights>\n"
        f"  <license>{escape(LICENCE)}</license>\n"
        "  <crs><spatialrefsys><authid>EPSG:27700</authid></spatialrefsys></crs>\n"
        "</qgis>\n"
    )


def _write_metadata(path: Path, tolerance: float) -> None:
    """Attribution and licence inside the file: layer description plus a gpkg_metadata record
    (GeoPackage metadata extension) in QGIS's layer-metadata XML."""
    con = sqlite3.connect(path)
    try:
        description = f"{SOURCE_TEXT}, generalised {tolerance:g} m. {LICENCE}. {ATTRIBUTION}"
        con.execute(
            "UPDATE gpkg_contents SET identifier = ?, description = ? WHERE table_name = ?",
            ("London boroughs (generalised)", description, LAYER),
        )
        con.executescript(
            """
            CREATE TABLE IF NOT EXISTS gpkg_metadata (
              id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL,
              md_scope TEXT NOT NULL DEFAULT 'dataset',
              md_standard_uri TEXT NOT NULL,
              mime_type TEXT NOT NULL DEFAULT 'text/xml',
              metadata TEXT NOT NULL DEFAULT '');
            CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (
              reference_scope TEXT NOT NULL,
              table_name TEXT,
              column_name TEXT,
              row_id_value INTEGER,
              timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              md_file_id INTEGER NOT NULL,
              md_parent_id INTEGER,
              CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id),
              CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id));
            CREATE TABLE IF NOT EXISTS gpkg_extensions (
              table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
              definition TEXT NOT NULL, scope TEXT NOT NULL,
              CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
            """
        )
        for table in ("gpkg_metadata", "gpkg_metadata_reference"):
            con.execute(
                "INSERT OR IGNORE INTO gpkg_extensions VALUES (?, NULL, 'gpkg_metadata', "
                "'http://www.geopackage.org/spec121/#extension_metadata', 'read-write')",
                (table,),
            )
        cur = con.execute(
            "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
            "VALUES ('dataset', 'http://mrcc.com/qgis.dtd', 'text/xml', ?)",
            (_qgis_metadata_xml(tolerance),),
        )
        con.execute(
            "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id) "
            "VALUES ('table', ?, ?)",
            (LAYER, cur.lastrowid),
        )
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tolerance", type=float, default=10.0, help="simplification tolerance (m)")
    args = parser.parse_args(argv)
    stats = build(args.source, args.out, args.tolerance)
    print(
        f"{args.out}: {stats['bytes'] / 1024:.0f} KB, vertices {stats['vertices_before']} -> "
        f"{stats['vertices_after']}, largest area change {stats['worst_area_change']:.2%}"
    )
    if stats["bytes"] > MAX_BYTES:
        print(f"larger than {MAX_BYTES // 1024} KB: raise --tolerance", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
