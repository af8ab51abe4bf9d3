"""Which coordinate pair of a Cultural Infrastructure Map row is right, decided per row from
evidence in the data: generated files in the publisher's layouts (lat/lon that are OSGB36
values labelled WGS84, E/N converted with the datum shift reversed, pairs that disagree with
only the borough to tell), and the six real exports, checked against the 2018 wards (used in
tests only, never shipped)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Transformer

from dig_once.plugin.core.boroughs import borough_at, borough_by_code
from dig_once.plugin.core.geo import lonlat_to_bng
from dig_once.plugin.sources.cultural_venues import read_venues

# Libraries.csv column order
HEADERS = ["name", "address1", "address2", "address3", "borough_name", "website", "os_addressbase_uprn",
           "borough_code", "ward_2018_name", "ward_2018_code", "easting", "northing", "longitude",
           "latitude", "runtime"]  # fmt: skip

# true places (EPSG:27700) well inside their boroughs
PLACES = [
    ("Marylebone Library", 528000.0, 181900.0),
    ("Kentish Town Library", 528900.0, 185100.0),
    ("Canada Water Library", 535300.0, 179500.0),
    ("Brixton Library", 531100.0, 175300.0),
    ("Hackney Central Library", 534900.0, 184900.0),
    ("Barbican Library", 532300.0, 181800.0),
]

BNG_TO_OSGB36 = Transformer.from_crs(27700, 4277, always_xy=True)
BNG_TO_WGS84 = Transformer.from_crs(27700, 4326, always_xy=True)
OSGB36_TO_WGS84 = Transformer.from_crs(4277, 4326, always_xy=True)
WGS84_TO_OSGB36 = Transformer.from_crs(4326, 4277, always_xy=True)
OSGB36_TO_BNG = Transformer.from_crs(4277, 27700, always_xy=True)


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADERS)
        writer.writeheader()
        for row in rows:
            writer.writerow({h: row.get(h, "") for h in HEADERS})
    return path


def venue_row(
    name: str, e: float, n: float, lon: float, lat: float, code: str | None = None
) -> dict[str, str]:
    if code is None:
        code = borough_at(e, n).gss_code
    return {"name": name, "address1": "1 High Street", "borough_code": code,
            "borough_name": borough_by_code(code).name, "easting": repr(e), "northing": repr(n),
            "longitude": repr(lon), "latitude": repr(lat), "runtime": "11/20/2022"}  # fmt: skip


def latlon_osgb36_mislabelled(e: float, n: float) -> tuple[float, float]:
    """What the GLA's Libraries/Museums/music-venue exports hold: E/N projected back to OSGB36
    latitude/longitude and published as if WGS84."""
    return BNG_TO_OSGB36.transform(e, n)


def en_datum_reversed(lon: float, lat: float) -> tuple[float, float]:
    """What the GLA's Theatres export holds: WGS84 lat/lon pushed through the OSGB36 -> WGS84
    shift (the wrong way) and projected as OSGB36."""
    slon, slat = OSGB36_TO_WGS84.transform(lon, lat)
    return OSGB36_TO_BNG.transform(slon, slat)


def test_osgb36_latlon_labelled_wgs84_keep_the_easting_northing(tmp_path):
    rows = []
    for name, e, n in PLACES:
        lon, lat = latlon_osgb36_mislabelled(e, n)
        rows.append(venue_row(name, e, n, lon, lat))
    result = read_venues(write(tmp_path / "Libraries.csv", rows))
    assert len(result.records) == len(PLACES) and not result.rejects
    for rec, (_, e, n) in zip(result.records, PLACES, strict=True):
        assert rec["geometry"].distance(shapely.Point(e, n)) < 2.0  # within 2 m of the right pair
        assert rec["coord_source"] == "easting_northing" and rec["coord_evidence"] == "latlon_is_osgb36"
        assert rec["coord_conflict"] and 100 < rec["coord_disagreement_m"] < 150
    assert result.counts["kept_easting_northing"] == len(PLACES)
    assert any("reproduce easting/northing within 1 m" in note for note in result.notes)


def test_easting_northing_with_the_datum_shift_reversed_keep_the_latlon(tmp_path):
    rows = []
    for name, e, n in PLACES:
        lon, lat = BNG_TO_WGS84.transform(e, n)
        bad_e, bad_n = en_datum_reversed(lon, lat)
        rows.append(venue_row(name, bad_e, bad_n, lon, lat, code=borough_at(e, n).gss_code))
    result = read_venues(write(tmp_path / "Theatres.csv", rows))
    assert len(result.records) == len(PLACES)
    for rec, (_, e, n) in zip(result.records, PLACES, strict=True):
        assert rec["geometry"].distance(shapely.Point(e, n)) < 2.0
        assert rec["coord_source"] == "latitude_longitude" and rec["coord_evidence"] == "en_datum_reversed"
        assert 200 < rec["coord_disagreement_m"] < 300
    assert result.counts["kept_latitude_longitude"] == len(PLACES)


def test_pairs_that_agree_keep_the_easting_northing_unflagged(tmp_path):
    rows = []
    for name, e, n in PLACES:
        lon, lat = BNG_TO_WGS84.transform(e + 1.8, n + 0.2)  # the Helmert fit's ~2 m in London
        rows.append(venue_row(name, e, n, lon, lat))
    result = read_venues(write(tmp_path / "Pubs.csv", rows))
    for rec, (_, e, n) in zip(result.records, PLACES, strict=True):
        assert rec["geometry"].equals(shapely.Point(e, n))
        assert rec["coord_evidence"] == "agree" and not rec["coord_conflict"]


def _across_border() -> tuple[tuple[float, float], tuple[float, float]]:
    """A point in Westminster and one 300 m off in Camden, both over 20 m from the border."""
    westminster = borough_by_code("E09000033").geometry
    camden = borough_by_code("E09000007").geometry
    for x in np.arange(527000, 531000, 50.0):
        for y in np.arange(181000, 183500, 50.0):
            p, q = shapely.Point(x, y), shapely.Point(x, y + 300)
            if (
                westminster.contains(p)
                and camden.contains(q)
                and westminster.boundary.distance(p) > 50
                and camden.boundary.distance(q) > 50
            ):
                return (x, y), (x, y + 300)
    raise AssertionError("no such pair of points")


def test_own_borough_breaks_the_tie_and_the_file_majority_decides_the_rest(tmp_path):
    (px, py), (qx, qy) = _across_border()
    # the venue is at P (Westminster); its lat/lon say P, its E/N say Q (Camden), no signature
    lon, lat = BNG_TO_WGS84.transform(px, py)
    tie = venue_row("Border Theatre", qx, qy, lon, lat, code="E09000033")
    # a venue whose pairs disagree by 300 m inside one borough: nothing on the row decides
    e, n = 525500.0, 178500.0  # Kensington and Chelsea
    lon2, lat2 = BNG_TO_WGS84.transform(e, n)
    inner = venue_row("Inner Theatre", e + 300, n, lon2, lat2, code=borough_at(e, n).gss_code)
    result = read_venues(write(tmp_path / "Theatres.csv", [tie, inner]))
    by_name = {r["name"]: r for r in result.records}
    border = by_name["Border Theatre"]
    assert border["geometry"].distance(shapely.Point(px, py)) < 2.0
    assert border["coord_evidence"] == "own_borough" and border["coord_source"] == "latitude_longitude"
    inner_rec = by_name["Inner Theatre"]
    assert (
        inner_rec["coord_evidence"] == "file_majority" and inner_rec["coord_source"] == "latitude_longitude"
    )
    assert inner_rec["geometry"].distance(shapely.Point(e, n)) < 2.0
    assert any("own borough" in note for note in result.notes)


def test_own_borough_picks_easting_northing_when_the_latlon_stray(tmp_path):
    (px, py), (qx, qy) = _across_border()
    lon, lat = BNG_TO_WGS84.transform(qx, qy)  # lat/lon stray into Camden
    row = venue_row("Border Library", px, py, lon, lat, code="E09000033")
    (rec,) = read_venues(write(tmp_path / "Libraries.csv", [row])).records
    assert rec["geometry"].equals(shapely.Point(px, py))
    assert rec["coord_evidence"] == "own_borough" and rec["coord_source"] == "easting_northing"


def test_no_evidence_keeps_latlon_and_flags_the_row(tmp_path):
    e, n = 525500.0, 178500.0
    lon, lat = BNG_TO_WGS84.transform(e, n)
    row = venue_row("Lonely Hall", e + 300, n, lon, lat, code=borough_at(e, n).gss_code)
    result = read_venues(write(tmp_path / "Halls.csv", [row]))
    (rec,) = result.records
    assert rec["coord_evidence"] == "no_evidence" and rec["coord_conflict"]
    assert rec["coord_source"] == "latitude_longitude"
    assert result.counts["evidence_no_evidence"] == 1


def test_only_one_usable_pair_is_used_and_said(tmp_path):
    e, n = 528000.0, 181900.0
    lon, lat = BNG_TO_WGS84.transform(e, n)
    rows = [
        venue_row("Only EN", e, n, lon, lat) | {"longitude": "NA", "latitude": "NA"},
        venue_row("Only LL", e, n, lon, lat) | {"easting": "", "northing": ""},
    ]
    by_name = {r["name"]: r for r in read_venues(write(tmp_path / "x.csv", rows)).records}
    assert by_name["Only EN"]["coord_evidence"] == "only_easting_northing"
    assert by_name["Only LL"]["coord_evidence"] == "only_latitude_longitude"
    assert by_name["Only LL"]["geometry"].distance(shapely.Point(e, n)) < 0.01


def test_header_only_file_reads_zero_rows_and_says_so(tmp_path):
    path = write(tmp_path / "Pubs.csv", [])
    result = read_venues(path)
    assert result.records == [] and result.rejects == []
    assert result.counts["rows"] == 0
    assert any("Pubs.csv: a header and no data rows: 0 venues read" in note for note in result.notes)


# --- the real exports -------------------------------------------------------------------------

#: file -> (pair the publisher got right, evidence expected on every row)
REAL = {
    "Libraries": ("easting_northing", "latlon_is_osgb36"),
    "Museums_and_public_galleries": ("easting_northing", "latlon_is_osgb36"),
    "Music_venues_all": ("easting_northing", "latlon_is_osgb36"),
    "Music_venues_grassroots": ("easting_northing", "latlon_is_osgb36"),
    "Theatres": ("latitude_longitude", "en_datum_reversed"),
    "Pubs": ("easting_northing", "agree"),
}


@pytest.fixture(scope="module")
def wards_2018(shared_data):
    """The GLA 2018 wards (test-only evidence; the plugin does not ship them)."""
    fiona = pytest.importorskip("fiona")
    path = shared_data / "london_wards_2018" / "London_Ward.shp"
    if not path.exists():
        pytest.skip("london_wards_2018 is not present")
    with fiona.open(path) as src:
        return [(f["properties"]["GSS_CODE"], shapely.geometry.shape(f.geometry)) for f in src]


def _ward_codes(wards, points) -> list[str | None]:
    xs = np.array([p.x for p in points])
    ys = np.array([p.y for p in points])
    out: list[str | None] = [None] * len(points)
    for code, shape in wards:
        for k in np.flatnonzero(shapely.contains_xy(shape, xs, ys)):
            out[k] = code
    return out


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_cim_file_venues_lie_where_the_right_pair_puts_them(shared_data, wards_2018, name):
    path = shared_data / "cultural_infrastructure" / f"{name}.csv"
    with path.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    result = read_venues(path)
    assert len(result.records) == len(rows) and not result.rejects  # no refusal, no drop
    right, evidence = REAL[name]
    lon = [float(r["longitude"]) for r in rows]
    lat = [float(r["latitude"]) for r in rows]
    xs, ys = lonlat_to_bng(lon, lat)
    for rec, row, x, y in zip(result.records, rows, xs, ys, strict=True):
        target = (
            shapely.Point(float(row["easting"]), float(row["northing"]))
            if right == "easting_northing"
            else shapely.Point(x, y)
        )
        assert rec["geometry"].distance(target) <= 2.0, rec["name"]
    assert {r["coord_source"] for r in result.records} == {right}
    assert {r["coord_evidence"] for r in result.records} == {evidence}
    # independent check: the kept positions fall in the rows' own 2018 wards (measured: every
    # row with a ward code; the rejected pair would miss 15% of Libraries, 32% of Theatres)
    kept = _ward_codes(wards_2018, [r["geometry"] for r in result.records])
    coded = [(k, r["ward_2018_code"]) for k, r in zip(kept, rows, strict=True) if r["ward_2018_code"]]
    matches = sum(1 for k, c in coded if k == c)
    assert matches >= 0.99 * len(coded)
