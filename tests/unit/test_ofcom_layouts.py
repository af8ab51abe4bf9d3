"""Ofcom files in the layouts Ofcom really publishes: the 2019-2023 local-authority files with
columns the reader has no use for, the July 2025 postcode files, and the 2025 download (a ZIP
holding a nested ZIP of all-premises and residential postcode files)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import ofcom_fixtures as fx

from dig_once.plugin.core.errors import InputError, SchemaError
from dig_once.plugin.sources import ofcom


@pytest.mark.parametrize(
    ("headers", "ignored"),
    [
        (fx.LA_2023_HEADERS, fx.LA_2023_IGNORED),
        (fx.LA_2019_HEADERS, [*fx.LA_2023_IGNORED, "% of premises able to receive SFBB from FWA"]),
    ],
    ids=["2023", "2019"],
)
def test_local_authority_files_2019_to_2023_import_with_the_unused_columns_listed(tmp_path, headers, ignored):
    rows = [fx.la_row("E09000001", "City of London", 12000, 85.0, headers=headers),
            fx.la_row("E09000033", "Westminster", 150000, 60.0, headers=headers)]  # fmt: skip
    path = fx.write_csv(tmp_path / "202305_fixed_laua_coverage_r02.csv", headers, rows)
    for level in ("uso", "superfast", "gigabit"):
        result = ofcom.read_ofcom(path, level=level)
        assert [r["laua"] for r in result.records] == ["E09000001", "E09000033"] and not result.rejects
    westminster = result.records[1]
    assert westminster["premises"] == 150000 and westminster["gigabit_pct"] == 60.0
    assert westminster["n_premises_with_gigabit_availability"] == 90000.0
    assert not any(name.startswith("pct_of_premises_with_nga") for name in westminster)
    (note,) = [n for n in result.notes if "ignored" in n]
    assert all(repr(col) in note for col in ignored)
    assert result.counts["files_all_premises"] == 1 and result.counts["files_left_out"] == 0


def test_the_real_2023_local_authority_rows_import_whole(shared_data):
    path = shared_data / "ofcom" / "202305_fixed_laua_coverage_r02_head4.csv"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    result = ofcom.read_ofcom(path, level="gigabit")
    assert [r["laua"] for r in result.records] == ["S12000033", "S12000034", "E07000223", "E07000026"]
    assert result.rejects == []
    aberdeen = result.records[0]
    assert (
        aberdeen["premises"] == 129315
        and aberdeen["gigabit_pct"] == 83.0
        and aberdeen["unable_10_pct"] == 0.3
    )
    assert any("'% of premises with NGA'" in n and "ignored" in n for n in result.notes)


def test_the_2025_postcode_header_gives_every_level(shared_data):
    path = shared_data / "ofcom" / "2025_postcode_header_as_read_by_importer.csv"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    headers = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    for level in ("uso", "superfast", "gigabit"):
        cols = ofcom.check_headers(headers, path.name, level)
        assert cols.kind == "postcode"
    assert (
        ofcom.check_headers(headers, path.name, "uso").level_fallback
        == "% of premises unable to receive 10Mbit/s"
    )
    assert "% of premises with NGA" in cols.ignored


def test_a_level_the_2025_postcode_files_lack_is_refused_naming_the_column(tmp_path):
    headers = [h for h in fx.POSTCODE_2025_HEADERS if "unable to receive 10Mbit/s" not in h]
    rows = [
        [v for h, v in zip(fx.POSTCODE_2025_HEADERS, fx.postcode_row("E1 6AN"), strict=True) if h in headers]
    ]
    path = fx.write_csv(tmp_path / "202507_fixed_pc_coverage_r01_E.csv", headers, rows)
    with pytest.raises(SchemaError) as err:
        ofcom.read_ofcom(path, level="uso")
    message = str(err.value)
    assert "USO / decent (10 Mbit/s) not-spot level cannot be computed" in message
    assert "'% of premises unable to receive 10Mbit/s'" in message
    assert "'% of premises unable to receive decent broadband from fixed or FWA'" in message
    assert len(ofcom.read_ofcom(path, level="gigabit").records) == 1


def test_the_uso_fallback_column_is_said(tmp_path):
    path = fx.write_csv(
        tmp_path / "pc_E.csv", fx.POSTCODE_2025_HEADERS, [fx.postcode_row("E1 6AN", unable10=30)]
    )
    result = ofcom.read_ofcom(path, level="uso")
    assert result.records[0]["unable_10_pct"] == 30.0
    assert any("computed from '% of premises unable to receive 10Mbit/s'" in n for n in result.notes)


def test_the_2025_download_reads_the_nested_all_premises_files_only(tmp_path):
    path = fx.nested_2025_zip(tmp_path / "202507_fixed_broadband_coverage_r01.zip")
    result = ofcom.read_ofcom(path, level="gigabit")
    postcodes = sorted(r["postcode"] for r in result.records if r["kind"] == "postcode")
    assert postcodes == sorted(pc for pcs in fx.POSTCODES_2025.values() for pc, _ in pcs)
    assert len(postcodes) == fx.N_POSTCODES_ALL
    assert sorted(r["laua"] for r in result.records if r["kind"] == "laua") == ["E09000001", "E09000033"]
    sources = {r["source_file"] for r in result.records}
    assert all("postcode_res_files" not in s and "_res_" not in s for s in sources)
    assert any("202507_fixed_pc_coverage_r01.zip!postcode_files/" in s for s in sources)
    assert result.counts["files_all_premises"] == fx.N_CSV_EACH_KIND
    assert result.counts["files_residential"] == 0
    # the residential files, the constituency file and the PDF
    assert result.counts["files_left_out"] == fx.N_CSV_EACH_KIND + 2
    assert any(f"{fx.N_CSV_EACH_KIND} residential file(s) left out" in n for n in result.notes)
    assert any("pcon_coverage" in n and "other geographies" in n for n in result.notes)
    assert result.rejects == []


def test_the_2025_download_reads_the_residential_files_when_asked(tmp_path):
    path = fx.nested_2025_zip(tmp_path / "download.zip")
    result = ofcom.read_ofcom(path, premises="residential", level="gigabit")
    postcodes = [r for r in result.records if r["kind"] == "postcode"]
    assert len(postcodes) == fx.N_POSTCODES_RES
    assert all("postcode_res_files/" in r["source_file"] for r in postcodes)
    (laua_source,) = {r["source_file"] for r in result.records if r["kind"] == "laua"}
    assert laua_source.endswith("202507_fixed_laua_res_coverage_r01.csv")
    assert (
        result.counts["files_residential"] == fx.N_CSV_EACH_KIND and result.counts["files_all_premises"] == 0
    )


def test_the_inner_postcode_zip_alone_never_mixes_the_two_kinds(tmp_path):
    outer = fx.nested_2025_zip(tmp_path / "download.zip")
    with zipfile.ZipFile(outer) as zf:
        inner = zf.read("202507_fixed_coverage_r01/202507_fixed_pc_coverage_r01.zip")
    path = tmp_path / "202507_fixed_pc_coverage_r01.zip"
    path.write_bytes(inner)
    result = ofcom.read_ofcom(path)
    assert len(result.records) == fx.N_POSTCODES_ALL and not result.rejects  # no postcode twice
    assert result.counts["files_all_premises"] == len(fx.POSTCODES_2025)
    assert result.counts["files_left_out"] == len(fx.POSTCODES_2025)


def test_a_zip_of_residential_files_only_asks_for_the_residential_choice(tmp_path):
    path = tmp_path / "res.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "postcode_res_files/202507_fixed_pc_coverage_res_r01_E.csv",
            fx.csv_bytes(fx.POSTCODE_2025_HEADERS, [fx.postcode_row("E1 6AN")]),
        )
    with pytest.raises(
        InputError, match="1 residential CSV file.* no all-premises one: choose 'Residential premises'"
    ):
        ofcom.read_ofcom(path)
    assert len(ofcom.read_ofcom(path, premises="residential").records) == 1


def test_a_single_residential_csv_is_not_imported_as_all_premises(tmp_path):
    path = fx.write_csv(
        tmp_path / "202507_fixed_pc_coverage_res_r01_E.csv",
        fx.POSTCODE_2025_HEADERS,
        [fx.postcode_row("E1 6AN")],
    )
    with pytest.raises(InputError, match="marks a residential file"):
        ofcom.read_ofcom(path)
    result = ofcom.read_ofcom(path, premises="residential")
    assert len(result.records) == 1 and result.counts["files_residential"] == 1


def test_a_zip_with_no_csv_names_its_members(tmp_path):
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="holds no CSV file.*readme.txt"):
        ofcom.read_ofcom(path)
