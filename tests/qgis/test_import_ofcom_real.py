"""digonce:importofcomcoverage on Ofcom's real layouts in a headless QGIS: the 2025 download
(a ZIP holding a nested ZIP of all-premises and residential postcode files), the 2023
local-authority file (40 columns, two the import has no use for) generated and real, and
damaged inputs that must stop the import with the store unchanged."""

from __future__ import annotations

import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import ofcom_fixtures as fx

ALG = "digonce:importofcomcoverage"


def run(params: dict) -> dict:
    from qgis import processing

    return processing.run(ALG, params)


def catalogue(store: Path) -> list[tuple]:
    if not store.exists():
        return []
    with sqlite3.connect(store) as db:
        return db.execute(
            "SELECT id, kind, options, records_read, imported, rejected FROM digonce_catalogue"
        ).fetchall()


def table_rows(store: Path, table: str, columns: str) -> list[tuple]:
    with sqlite3.connect(store) as db:
        return sorted(db.execute(f"SELECT {columns} FROM {table}").fetchall())


def test_the_2025_download_imports_the_all_premises_files_by_default(plugin_provider, tmp_path):
    download = fx.nested_2025_zip(tmp_path / "202507_fixed_broadband_coverage_r01.zip")
    store = tmp_path / "store.gpkg"
    out = run({"INPUT": str(download), "LEVEL": 2, "MIN_SHARE": 25.0, "STORE": str(store)})
    assert out["POSTCODES"] == fx.N_POSTCODES_ALL
    assert out["IMPORTED"] == fx.N_POSTCODES_ALL + len(fx.LA_2025) and out["REJECTED"] == 0
    assert (out["FILES_ALL_PREMISES"], out["FILES_RESIDENTIAL"]) == (fx.N_CSV_EACH_KIND, 0)
    assert out["FILES_LEFT_OUT"] == fx.N_CSV_EACH_KIND + 2  # residential files, constituencies, PDF
    message = out["MESSAGE"]
    assert f"Files read: {fx.N_CSV_EACH_KIND} all-premises, 0 residential" in message
    assert "'% of premises with NGA'" in message and "ignored" in message
    expected = {pc: g for pcs in fx.POSTCODES_2025.values() for pc, g in pcs}
    rows = table_rows(store, "notspots_postcodes", "postcode, gigabit_pct, is_notspot, source_file")
    assert {pc: g for pc, g, _, _ in rows} == expected
    assert all(bool(flag) == (expected[pc] <= 75) for pc, _, flag, _ in rows)
    assert all("postcode_files/" in src for *_, src in rows)
    assert len(table_rows(store, "ofcom_laua", "laua")) == len(fx.LA_2025)
    ((_, kind, options, read, imported, rejected),) = catalogue(store)
    assert kind == "ofcom_coverage" and '"premises": "all"' in options
    assert (read, imported, rejected) == (out["IMPORTED"], out["IMPORTED"], 0)


def test_the_2025_download_imports_the_residential_files_when_asked(plugin_provider, tmp_path):
    download = fx.nested_2025_zip(tmp_path / "202507_fixed_broadband_coverage_r01.zip")
    store = tmp_path / "store.gpkg"
    out = run({"INPUT": str(download), "PREMISES": 1, "LEVEL": 0, "STORE": str(store)})
    assert out["POSTCODES"] == fx.N_POSTCODES_RES
    assert (out["FILES_ALL_PREMISES"], out["FILES_RESIDENTIAL"]) == (0, fx.N_CSV_EACH_KIND)
    rows = table_rows(store, "notspots_postcodes", "source_file")
    assert len(rows) == fx.N_POSTCODES_RES and all("postcode_res_files/" in src for (src,) in rows)
    # the USO level is computed from 'unable to receive 10Mbit/s' in the 2025 files, and said
    assert "computed from '% of premises unable to receive 10Mbit/s'" in out["MESSAGE"]


def test_a_2023_layout_local_authority_file_imports_whole(plugin_provider, tmp_path):
    rows = [fx.la_row(f"E0900{i:04d}", f"Borough {i}", 10000 + i, 20.0 + 5 * i) for i in range(12)]
    path = fx.write_csv(tmp_path / "202305_fixed_laua_coverage_r02.csv", fx.LA_2023_HEADERS, rows)
    assert len(fx.LA_2023_HEADERS) == 40
    store = tmp_path / "store.gpkg"
    out = run({"INPUT": str(path), "LEVEL": 2, "MIN_SHARE": 50.0, "STORE": str(store)})
    assert out["IMPORTED"] == 12 and out["REJECTED"] == 0
    assert out["NOTSPOTS"] == sum(1 for i in range(12) if 100 - (20.0 + 5 * i) >= 50)
    assert "'% of premises able to receive decent broadband from FWA'" in out["MESSAGE"]
    assert table_rows(store, "ofcom_laua", "laua, premises")[0] == ("E09000000", 10000)


def test_the_real_2023_local_authority_rows_import(plugin_provider, shared_data, tmp_path):
    path = shared_data / "ofcom" / "202305_fixed_laua_coverage_r02_head4.csv"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    store = tmp_path / "store.gpkg"
    out = run({"INPUT": str(path), "LEVEL": 1, "STORE": str(store)})
    assert out["IMPORTED"] == 4 and out["REJECTED"] == 0
    assert table_rows(store, "ofcom_laua", "laua, laua_name, premises, unable_30_pct") == [
        ("E07000026", "ALLERDALE", 52482, 6.6),
        ("E07000223", "ADUR", 29985, 0.8),
        ("S12000033", "ABERDEEN CITY", 129315, 2.8),
        ("S12000034", "ABERDEENSHIRE", 128408, 13.8),
    ]
    assert "'% of premises with NGA'" in out["MESSAGE"]


def test_damaged_inputs_stop_the_import_and_leave_the_store_unchanged(plugin_provider, tmp_path):
    from qgis.core import QgsProcessingException

    store = tmp_path / "store.gpkg"
    good = fx.write_csv(
        tmp_path / "pc_E.csv", fx.POSTCODE_2025_HEADERS, [fx.postcode_row(f"E1 {i}AA") for i in range(5)]
    )
    run({"INPUT": str(good), "LEVEL": 2, "STORE": str(store)})
    before = (catalogue(store), table_rows(store, "notspots_postcodes", "postcode"))

    cut = tmp_path / "pc_cut_E.csv"
    cut.write_bytes(good.read_bytes()[:-40])
    with pytest.raises(QgsProcessingException, match="line 6.*cut short"):
        run({"INPUT": str(cut), "LEVEL": 2, "STORE": str(store)})

    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("postcode_files/pc_E.csv", good.read_bytes() + b"0" * (3 * 1024**2))
    with pytest.raises(QgsProcessingException, match="zip bomb"):
        run({"INPUT": str(bomb), "LEVEL": 2, "STORE": str(store)})

    no_gigabit = fx.write_csv(
        tmp_path / "pc_N.csv",
        [h for h in fx.POSTCODE_2025_HEADERS if not h.startswith("Gigabit")],
        [
            [
                v
                for h, v in zip(fx.POSTCODE_2025_HEADERS, fx.postcode_row("N1 9GU"), strict=True)
                if not h.startswith("Gigabit")
            ]
        ],
    )
    with pytest.raises(
        QgsProcessingException, match="gigabit not-spot level cannot be computed.*'Gigabit availability"
    ):
        run({"INPUT": str(no_gigabit), "LEVEL": 2, "STORE": str(store)})

    assert (catalogue(store), table_rows(store, "notspots_postcodes", "postcode")) == before


def test_the_help_is_plain_text_for_a_planner(plugin_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    text = alg.shortHelpString()
    assert "<" not in text.replace("'<4'", "")
    assert "postcode_res_files" in text and "zip bomb" in text
    assert alg.parameterDefinition("PREMISES").help()
