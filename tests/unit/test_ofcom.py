"""Ofcom Connected Nations readers, on files written in the exact published layouts."""

from __future__ import annotations

import csv
import sys
import zipfile
from pathlib import Path

import pytest

from dig_once.plugin.core.errors import SchemaError
from dig_once.plugin.sources import ofcom

sys.path.insert(0, str(Path(__file__).parent))
from ofcom_fixtures import POSTCODE_HEADERS


def postcode_row(
    pc: str, gigabit: str = "80", unable10: str = "0", unable30: str = "5", decent: str = "0"
) -> list[str]:
    compact = pc.replace(" ", "")
    return [compact, pc, pc.split(" ")[0][:2].rstrip("0123456789"), "95", "90", "85", gigabit,
            "0", "0", unable10, unable30, decent, "0", "0", "0", "0", "5", "15", "80"]  # fmt: skip


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def test_postcode_file_values_and_names(tmp_path):
    rows = [
        postcode_row("E1W 1AA", gigabit="40", unable10="12.5", decent="10"),
        postcode_row("E1W 1AB", gigabit="N/A", unable10="", unable30="<4"),
        postcode_row("E1W 1AD", unable10="lots"),
    ]
    path = write_csv(tmp_path / "202301_fixed_postcode_coverage_r01_E.csv", POSTCODE_HEADERS, rows)
    result = ofcom.read_ofcom(path)
    assert [r["postcode"] for r in result.records] == ["E1W 1AA", "E1W 1AB"]
    first, second = result.records
    assert (
        first["gigabit_pct"] == 40.0 and first["unable_10_pct"] == 12.5 and first["unable_decent_pct"] == 10.0
    )
    assert first["speed_300_plus_pct"] == 80.0 and first["postcode_area"] == "E"
    assert second["gigabit_pct"] is None and second["unable_10_pct"] is None
    assert second["unable_30_pct"] is None and second["suppressed"] == "unable_30_pct"
    assert len(result.rejects) == 1
    reject = result.rejects[0]
    assert reject.field == "% of premises unable to receive 10Mbit/s" and "'lots'" in reject.reason
    assert reject.record == "line 4"


def test_a_level_the_file_cannot_give_is_refused_naming_the_column(tmp_path):
    headers = [h for h in POSTCODE_HEADERS if h != "Gigabit availability (% premises)"]
    path = write_csv(tmp_path / "p.csv", headers, [])
    with pytest.raises(SchemaError) as err:
        ofcom.read_ofcom(path, level="gigabit")
    text = str(err.value)
    assert "gigabit not-spot level cannot be computed" in text
    assert "'Gigabit availability (% premises)'" in text and "Found headers" in text and "p.csv" in text
    # the other levels can be computed from the same file
    assert ofcom.read_ofcom(path, level="uso").rejects == []


def test_an_unknown_column_is_ignored_and_listed(tmp_path):
    path = write_csv(
        tmp_path / "p.csv", [*POSTCODE_HEADERS, "Gigabit availibility"], [[*postcode_row("E1 6AN"), "99"]]
    )
    result = ofcom.read_ofcom(path, level="gigabit")
    assert [r["postcode"] for r in result.records] == ["E1 6AN"]
    assert "gigabit_availibility" not in result.records[0]
    assert any("ignored" in n and "'Gigabit availibility'" in n for n in result.notes)


def test_a_file_with_no_key_column_is_refused_naming_the_keys(tmp_path):
    headers = [h for h in POSTCODE_HEADERS if h not in ("postcode", "postcode_space")]
    path = write_csv(tmp_path / "p.csv", headers, [])
    with pytest.raises(SchemaError, match="no 'postcode' or 'postcode_space' column"):
        ofcom.read_ofcom(path)


def test_laua_and_mobile_files(tmp_path):
    laua_headers = ["laua", "laua_name", "All Premises", "Full Fibre availability (% premises)",
                    "Gigabit availability (% premises)", "% of premises unable to receive 10Mbit/s",
                    "Number of premises with 0<2Mbit/s download speed"]  # fmt: skip
    laua = write_csv(
        tmp_path / "202301_fixed_laua_coverage_r01.csv",
        laua_headers,
        [["E09000001", "City of London", "12000", "70", "85", "0.5", "<4"]],
    )
    result = ofcom.read_ofcom(laua)
    (rec,) = result.records
    assert rec["kind"] == "laua" and rec["laua"] == "E09000001" and rec["premises"] == 12000
    assert rec["full_fibre_pct"] == 70.0 and rec["n_premises_with_0_2mbit_s_download_speed"] is None
    mob_headers = [
        "postcode",
        *[f"4G_prem_out_{i}" for i in range(5)],
        *[f"4G_geo_out_{i}" for i in range(5)],
    ]
    mob = write_csv(
        tmp_path / "mobile_postcode.csv", mob_headers, [["SW1A2AA", "0", "0", "0", "10", "90"] + ["0"] * 5]
    )
    (mrec,) = ofcom.read_ofcom(mob).records
    assert mrec["kind"] == "mobile" and mrec["postcode"] == "SW1A 2AA" and mrec["m4g_prem_out_4"] == 90.0


def test_zip_of_postcode_files(tmp_path):
    a = write_csv(tmp_path / "x_E.csv", POSTCODE_HEADERS, [postcode_row("E1 6AN")])
    b = write_csv(tmp_path / "x_N.csv", POSTCODE_HEADERS, [postcode_row("N1 9GU"), postcode_row("N1 9GX")])
    archive = tmp_path / "postcode_files.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(a, "folder/x_E.csv")
        zf.write(b, "folder/x_N.csv")
    result = ofcom.read_ofcom(archive)
    assert sorted(r["postcode"] for r in result.records) == ["E1 6AN", "N1 9GU", "N1 9GX"]
    assert {r["source_file"] for r in result.records} == {
        "postcode_files.zip!folder/x_E.csv",
        "postcode_files.zip!folder/x_N.csv",
    }


def test_centroids_en_and_latlong_and_unlocated(tmp_path):
    onspd = write_csv(
        tmp_path / "ONSPD_extract.csv",
        ["pcd", "pcds", "oseast1m", "osnrth1m", "lat", "long", "lsoa11"],
        [
            ["E1W1AA", "E1W 1AA", "534500", "180500", "51.50", "-0.06", "E01000001"],
            ["E1W1AB", "E1W 1AB", "", "", "51.5080", "-0.0760", "E01000002"],
            ["E1W1AD", "E1W 1AD", "", "", "99.999999", "0.000000", ""],
        ],
    )
    centroids, areas = ofcom.read_postcode_centroids(onspd)
    assert centroids["E1W 1AA"] == (534500.0, 180500.0)
    x, y = centroids["E1W 1AB"]
    assert 533000 < x < 534000 and 180000 < y < 181000  # from lat/long
    assert "E1W 1AD" not in centroids
    assert areas["E1W 1AB"]["lsoa11"] == "E01000002"
    pcfile = write_csv(
        tmp_path / "p.csv", POSTCODE_HEADERS, [postcode_row(p) for p in ("E1W 1AA", "E1W 1AB", "E1W 1AD")]
    )
    result = ofcom.read_ofcom(pcfile)
    unlocated = ofcom.locate_postcodes(result, centroids)
    assert unlocated == ["E1W 1AD"] and result.counts["unlocated"] == 1 and result.counts["located"] == 2
    assert any("E1W 1AD" in note for note in result.notes)


def test_centroid_file_without_coordinates_is_a_schema_error(tmp_path):
    path = write_csv(tmp_path / "c.csv", ["pcds", "lsoa11"], [["E1 6AN", "E01"]])
    with pytest.raises(SchemaError, match="oseast1m"):
        ofcom.read_postcode_centroids(path)
