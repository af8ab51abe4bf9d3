"""The Cultural Infrastructure Map as the GLA also publishes it: a GeoPackage with one layer per
category, generated here with sqlite3 (no GDAL, no QGIS), and files that are not CSV at all."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import pytest
import shapely
from pyproj import Transformer

from dig_once.plugin.core.errors import SchemaError
from dig_once.plugin.sources.cultural_venues import read_venues

BNG_TO_OSGB36 = Transformer.from_crs(27700, 4277, always_xy=True)
BNG_TO_WGS84 = Transformer.from_crs(27700, 4326, always_xy=True)

ATTRS = ["name", "borough_name", "website", "os_addressbase_uprn", "borough_code", "ward_2018_name",
         "ward_2018_code", "address1", "address2", "address3", "easting", "northing", "longitude",
         "latitude", "runtime"]  # fmt: skip
SRS = {
    27700: (
        "OSGB 1936 / British National Grid",
        "EPSG",
        27700,
        'PROJCS["OSGB 1936 / British National Grid"]',
    ),
    4326: ("WGS 84", "EPSG", 4326, 'GEOGCS["WGS 84"]'),
}


def gpkg_point(x: float, y: float, srs_id: int) -> bytes:
    """A GeoPackage geometry blob: 'GP', version 0, flags (little-endian, xy envelope), srs id,
    envelope, WKB (as GDAL writes points)."""
    header = b"GP\x00" + bytes([0b0000_0011]) + srs_id.to_bytes(4, "little")
    envelope = struct.pack("<4d", x, x, y, y)  # minx, maxx, miny, maxy
    return header + envelope + shapely.to_wkb(shapely.Point(x, y), byte_order=1)


def make_cim_gpkg(
    path: Path, layers: dict[str, tuple[int, list[str], list[tuple[dict, tuple[float, float]]]]]
) -> Path:
    """``layers``: table -> (srs_id, attribute columns, [(attributes, (x, y))])."""
    con = sqlite3.connect(path)
    con.executescript(
        """
        PRAGMA application_id = 1196444487;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
          organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
          definition TEXT NOT NULL, description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL,
          identifier TEXT, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE,
          min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
          m TINYINT NOT NULL);
        """
    )
    for srs_id, (name, org, code, wkt) in SRS.items():
        con.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, '')", (name, srs_id, org, code, wkt)
        )
    for table, (srs_id, cols, feats) in layers.items():
        typed = ", ".join(
            f'"{c}" {"REAL" if c in ("easting", "northing", "longitude", "latitude", "os_addressbase_uprn") else "TEXT"}'
            for c in cols
        )
        con.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, {typed})')
        con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, ?)",
                    (table, table, srs_id))  # fmt: skip
        con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)", (table, srs_id))
        for attrs, (x, y) in feats:
            names = ", ".join(f'"{c}"' for c in cols)
            marks = ", ".join("?" for _ in cols)
            con.execute(f'INSERT INTO "{table}" (geom, {names}) VALUES (?, {marks})',
                        [gpkg_point(x, y, srs_id), *[attrs.get(c) for c in cols]])  # fmt: skip
    con.commit()
    con.close()
    return path


PLACES = [("Moth Club", 535119.6, 184711.5, "E09000012"), ("The Windmill", 530950.0, 175400.0, "E09000022")]


@pytest.fixture
def cim_gpkg(tmp_path) -> Path:
    music = []
    for name, e, n, code in PLACES:
        lon, lat = BNG_TO_OSGB36.transform(e, n)  # the published fault: OSGB36 labelled WGS84
        music.append(({"name": name, "borough_code": code, "easting": e, "northing": n, "longitude": lon,
                       "latitude": lat, "os_addressbase_uprn": 100023022302.0, "runtime": "11/27/2022"}, (e, n)))  # fmt: skip
    theatres = [({"name": "Hackney Empire", "borough_code": "E09000012"}, (534800.0, 184700.0))]
    lon, lat = BNG_TO_WGS84.transform(531500.0, 182000.0)
    pubs = [({"name": "The Jerusalem Tavern", "borough_code": "E09000019"}, (lon, lat))]
    return make_cim_gpkg(
        tmp_path / "Cultural_Infrastructure_Map.gpkg",
        {
            "Music_venues_grassroots": (27700, ATTRS, music),
            "Theatres": (27700, ["name", "borough_code"], theatres),
            "Pubs": (4326, ["name", "borough_code"], pubs),
        },
    )


def test_geopackage_reads_every_layer_as_a_category(cim_gpkg):
    result = read_venues(cim_gpkg)
    assert not result.rejects
    by_name = {r["name"]: r for r in result.records}
    assert set(by_name) == {"Moth Club", "The Windmill", "Hackney Empire", "The Jerusalem Tavern"}
    moth = by_name["Moth Club"]
    assert moth["category"] == "Music venues grassroots"
    assert moth["source_file"] == "Cultural_Infrastructure_Map.gpkg!Music_venues_grassroots"
    # the same per-row evidence as the CSVs: OSGB36 lat/lon, E/N kept, within 2 m
    assert (
        moth["coord_evidence"] == "latlon_is_osgb36"
        and moth["geometry"].distance(shapely.Point(535119.6, 184711.5)) < 2
    )
    assert moth["uprn_reported"] == "100023022302"  # a REAL uprn is not written '...302.0'
    # a layer with no coordinate columns: the geometry gives the pair (E/N in 27700, lat/lon in 4326)
    assert by_name["Hackney Empire"]["coord_evidence"] == "only_easting_northing"
    assert by_name["Hackney Empire"]["category"] == "Theatres"
    tavern = by_name["The Jerusalem Tavern"]
    assert tavern["coord_evidence"] == "only_latitude_longitude"
    assert tavern["geometry"].distance(shapely.Point(531500, 182000)) < 0.01
    assert any("taken from the layer's geometry" in note for note in result.notes)


def test_geopackage_layers_can_be_chosen_and_unknown_ones_are_named(cim_gpkg):
    result = read_venues(cim_gpkg, layers=["Theatres"])
    assert [r["name"] for r in result.records] == ["Hackney Empire"]
    assert any("not asked for and not read: Music_venues_grassroots, Pubs" in n for n in result.notes)
    with pytest.raises(
        SchemaError, match="has no layer 'Cinemas'; layers: Music_venues_grassroots, Pubs, Theatres"
    ):
        read_venues(cim_gpkg, layers=["Cinemas"])


def test_geopackage_with_a_csv_extension_is_still_read(cim_gpkg, tmp_path):
    renamed = tmp_path / "Music_venues_grassroots.csv"
    renamed.write_bytes(cim_gpkg.read_bytes())
    assert len(read_venues(renamed).records) == 4


def test_binary_that_is_not_a_geopackage_is_refused_by_name(tmp_path):
    path = tmp_path / "Pubs.csv"
    path.write_bytes(b"name,easting,northing\nA\x00B,1,2\n")
    with pytest.raises(SchemaError, match="Pubs.csv.*NUL bytes"):
        read_venues(path)


def test_csv_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "Theatres.csv"
    huge = "x" * 200_000  # longer than the csv module's field limit
    path.write_text(f'name,easting,northing\nA,530000,180000\n"{huge}",530000,180000\n', encoding="utf-8")
    with pytest.raises(SchemaError, match=r"Theatres.csv.*line \d+: not readable as CSV"):
        read_venues(path)


def test_context_layers_that_are_not_venues_are_left_out_and_named(cim_gpkg):
    con = sqlite3.connect(cim_gpkg)
    con.execute(
        'CREATE TABLE "Creative_Enterprise_Zones" (fid INTEGER PRIMARY KEY, geom MULTIPOLYGON, name TEXT)'
    )
    con.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, srs_id) VALUES ('Creative_Enterprise_Zones', 'features', 27700)"
    )
    con.execute(
        "INSERT INTO gpkg_geometry_columns VALUES ('Creative_Enterprise_Zones', 'geom', 'MULTIPOLYGON', 27700, 0, 0)"
    )
    con.execute("INSERT INTO \"Creative_Enterprise_Zones\" (name) VALUES ('Hackney Wick')")
    con.commit()
    con.close()
    result = read_venues(cim_gpkg)
    assert len(result.records) == 4 and result.counts["layers_left_out"] == 1
    assert any("layer 'Creative_Enterprise_Zones' left out, not a venue layer" in n for n in result.notes)
    with pytest.raises(SchemaError, match="multipolygons, not venue points"):
        read_venues(cim_gpkg, layers=["Creative_Enterprise_Zones"])
