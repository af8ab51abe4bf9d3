"""The London borough outlines shipped in resources/boundaries, read without QGIS."""

from __future__ import annotations

import itertools
import sqlite3

import pytest
import shapely

from dig_once.plugin.core.boroughs import (
    BOROUGHS_GPKG,
    borough_at,
    borough_by_code,
    boroughs_at,
    gpkg_blob_to_geometry,
    london_boroughs,
)


def test_resource_holds_33_boroughs_with_gss_and_swa_codes():
    boroughs = london_boroughs()
    assert len(boroughs) == 33
    assert [b.gss_code for b in boroughs] == [f"E090000{n:02d}" for n in range(1, 34)]
    # SWA codes: 5030 for the City, then alphabetical in steps of 30 (DOMAIN.md section 2)
    assert [b.swa_code for b in boroughs] == [str(5030 + 30 * n) for n in range(33)]
    assert boroughs[0].name == "City of London" and boroughs[-1].name == "Westminster"
    assert all(b.geometry.is_valid and b.geometry.area > 2e6 for b in boroughs)


def test_resource_is_small():
    assert BOROUGHS_GPKG.stat().st_size <= 300 * 1024


def test_resource_carries_attribution_and_licence():
    con = sqlite3.connect(BOROUGHS_GPKG)
    try:
        (description,) = con.execute(
            "SELECT description FROM gpkg_contents WHERE table_name = 'london_boroughs'"
        ).fetchone()
        (metadata,) = con.execute(
            "SELECT m.metadata FROM gpkg_metadata m JOIN gpkg_metadata_reference r "
            "ON r.md_file_id = m.id WHERE r.table_name = 'london_boroughs'"
        ).fetchone()
        (srs,) = con.execute(
            "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'london_boroughs'"
        ).fetchone()
    finally:
        con.close()
    assert srs == 27700
    for text in (description, metadata):
        assert "Open Government Licence v3.0" in text
        assert "Contains Ordnance Survey data © Crown copyright and database right" in text
        assert "Contains National Statistics data © Crown copyright and database right" in text


def test_neighbours_share_borders_without_overlaps():
    boroughs = london_boroughs()
    overlap = sum(a.geometry.intersection(b.geometry).area for a, b in itertools.combinations(boroughs, 2))
    assert overlap < 1.0  # m², summed over every pair
    camden = borough_by_code("E09000007").geometry
    westminster = borough_by_code("E09000033").geometry
    assert camden.intersection(westminster).length > 1000  # a shared border, not a gap


@pytest.mark.parametrize(
    ("x", "y", "name"),
    [
        (530000, 180500, "Westminster"),  # Trafalgar Square
        (532500, 181300, "City of London"),  # St Paul's Cathedral
        (529900, 183100, "Camden"),  # British Museum
        (532600, 180300, "Southwark"),  # Borough Market
        (519100, 185800, "Brent"),  # Wembley Stadium
        (537500, 164000, "Croydon"),  # Addington
    ],
)
def test_borough_at_known_places(x, y, name):
    assert borough_at(x, y).name == name


def test_a_point_on_the_thames_is_in_no_borough_unless_near_enough():
    # mid-river by Westminster Bridge, 110 m from the bank: boroughs are clipped to mean high water
    assert borough_at(530450, 179650) is None
    assert borough_at(530450, 179650, within=200).name in {"Westminster", "Lambeth"}
    assert borough_at(400000, 300000, within=200) is None  # the Midlands


def test_boroughs_at_in_bulk_matches_one_by_one():
    xs = [530000, 532500, float("nan"), 530450]
    ys = [180500, 181300, 180000, 179650]
    idx = boroughs_at(xs, ys)
    names = [london_boroughs()[i].name if i >= 0 else None for i in idx]
    assert names == ["Westminster", "City of London", None, None]


def test_borough_by_code_takes_gss_or_swa():
    assert borough_by_code("e09000013").name == "Hammersmith and Fulham"
    assert borough_by_code("5390").name == "Hammersmith and Fulham"
    assert borough_by_code("E10000001") is None and borough_by_code(None) is None


def test_gpkg_blob_with_envelope_is_read():
    wkb = shapely.to_wkb(shapely.Point(3, 4))
    header = b"GP\x00" + bytes([0b0000_0011]) + (27700).to_bytes(4, "little")  # xy envelope, LE
    envelope = bytes(32)
    assert gpkg_blob_to_geometry(header + envelope + wkb).equals(shapely.Point(3, 4))
    empty = b"GP\x00" + bytes([0b0001_0001]) + (27700).to_bytes(4, "little") + wkb
    assert gpkg_blob_to_geometry(empty) is None
