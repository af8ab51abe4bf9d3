"""Cultural Infrastructure Map reader: generated files in the published layout, and the real exports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dig_once.plugin.core.errors import SchemaError
from dig_once.plugin.sources.cultural_venues import read_venues, repair_mojibake

# Music_venues_grassroots.csv column order (differs from Libraries.csv on purpose)
HEADERS = ["name", "borough_name", "website", "os_addressbase_uprn", "borough_code", "ward_2018_name",
           "ward_2018_code", "address1", "address2", "address3", "easting", "northing", "longitude",
           "latitude", "runtime"]  # fmt: skip


def write(path: Path, headers: list[str], rows: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.DictWriter(fh, fieldnames=headers)
        writer.writeheader()
        for row in rows:
            writer.writerow({h: row.get(h, "") for h in headers})
    return path


def row(**kw: str) -> dict[str, str]:
    base = {"name": "Moth Club", "borough_name": "HACKNEY", "os_addressbase_uprn": "100023022302",
            "borough_code": "E09000012", "address1": "Valette Street", "easting": "535119.6",
            "northing": "184711.5", "longitude": "-0.05283064783338017", "latitude": "51.545130588780204",
            "runtime": "11/20/2022"}  # fmt: skip
    base.update(kw)
    return base


def test_faults_are_handled(tmp_path):
    rows = [
        row(),
        row(
            name="Brodieâ€™s",
            borough_name="",
            borough_code="",
            address2="NA",
            os_addressbase_uprn="100023000000",
        ),
        # easting/northing ~1 km off: latitude/longitude wins, the row is flagged
        row(name="Far", easting="536119.6"),
        row(name="City", borough_name="CITY OF WESTMINSTER", borough_code="NA"),
        row(name="Nowhere", easting="NA", northing="NA", longitude="NA", latitude="NA"),
        row(name="Broken", longitude="abc", latitude="51.5", easting="", northing=""),
    ]
    path = write(tmp_path / "Music_venues_grassroots.csv", HEADERS, rows)
    result = read_venues(path, tolerance_m=50)
    by_name = {r["name"]: r for r in result.records}
    assert set(by_name) == {"Moth Club", "Brodie’s", "Far", "City"}
    assert len(result.records) + len(result.rejects) == len(rows)
    moth = by_name["Moth Club"]
    assert moth["category"] == "Music venues grassroots" and moth["borough_name"] == "Hackney"
    assert not moth["coord_conflict"] and moth["coord_disagreement_m"] < 50
    assert moth["geometry"].distance(by_name["Far"]["geometry"]) < 1  # lat/lon preferred
    assert by_name["Far"]["coord_conflict"] and by_name["Far"]["coord_disagreement_m"] > 900
    brodie = by_name["Brodie’s"]
    assert brodie["borough_name"] is None and brodie["address2"] is None and brodie["uprn_suspect"]
    assert not moth["uprn_suspect"]
    assert by_name["City"]["borough_name"] == "Westminster" and by_name["City"]["borough_code"] is None
    reasons = {r.record: (r.field, r.reason) for r in result.rejects}
    assert reasons["line 6"][0] == "latitude" and "no usable coordinates" in reasons["line 6"][1]
    assert reasons["line 7"][0] == "longitude" and "'abc'" in reasons["line 7"][1]
    # rounded UPRNs are never keys: ids differ although the reported UPRNs could collide
    assert len({r["venue_id"] for r in result.records}) == len(result.records)


def test_category_column_and_swapped_latlon(tmp_path):
    headers = ["category", *reversed(HEADERS)]
    path = write(tmp_path / "export.csv", headers,
                 [row(category="Pubs", latitude="-0.05283", longitude="51.54513", easting="", northing="")])  # fmt: skip
    (rec,) = read_venues(path).records
    assert (
        rec["category"] == "Pubs"
        and rec["coord_source"] == "latitude_longitude_swapped"
        and rec["coord_conflict"]
    )
    assert 535000 < rec["geometry"].x < 535200


def test_mojibake_round_trip():
    assert repair_mojibake("42â€“44 Brooksbyâ€™s Walk") == "42–44 Brooksby’s Walk"
    assert repair_mojibake("St Paul\u00e2\u0080\u0099s") == "St Paul’s"
    assert repair_mojibake("Ângel") == "Ângel"  # not mojibake: left alone


def test_not_a_venue_file(tmp_path):
    path = write(tmp_path / "x.csv", ["title", "x", "y"], [])
    with pytest.raises(SchemaError, match="found headers"):
        read_venues(path)


@pytest.mark.parametrize(
    "name",
    [
        "Libraries",
        "Museums_and_public_galleries",
        "Music_venues_all",
        "Music_venues_grassroots",
        "Pubs",
        "Theatres",
    ],
)
def test_real_cim_exports(shared_data, name):
    path = shared_data / "cultural_infrastructure" / f"{name}.csv"
    with path.open(newline="", encoding="utf-8-sig") as fh:
        data_rows = sum(1 for _ in csv.reader(fh)) - 1
    result = read_venues(path)
    assert len(result.records) + len(result.rejects) == data_rows
    assert all(r.reason for r in result.rejects)
    assert all("â€" not in (r["name"] or "") + (r["address1"] or "") for r in result.records)
    for r in result.records:
        assert 500_000 < r["geometry"].x < 565_000 and 150_000 < r["geometry"].y < 205_000
    boroughs = {r["borough_name"] for r in result.records if r["borough_name"]}
    assert all(b == b.strip() and not b.isupper() for b in boroughs)
    assert len({r["venue_id"] for r in result.records}) == len(result.records)
