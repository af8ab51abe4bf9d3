"""The connectivity imports in QGIS: a much smaller file of the same data is refused (store
unchanged) unless REPLACE=true, and a newer file of the same data replaces the older one
whatever its name (issue 20, items 2 and 9). Generated files in the publishers' layouts."""

from __future__ import annotations

import contextlib
import csv
import json
import sqlite3
import sys
from pathlib import Path

import pytest
from helpers.planning_pld import pld_source
from pyproj import Transformer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from ofcom_fixtures import POSTCODE_HEADERS as OFCOM_HEADERS

CIM_HEADERS = [
    "name", "address1", "address2", "address3", "borough_code", "borough_name", "os_addressbase_uprn",
    "ward_2018_code", "ward_2018_name", "website", "longitude", "latitude", "easting", "northing", "runtime",
]  # fmt: skip
TO_WGS84 = Transformer.from_crs(27700, 4326, always_xy=True)


def write_pubs(path: Path, ids: range) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(CIM_HEADERS)
        for i in ids:
            e, n = 530_000 + 10 * i, 181_000 + 7 * i
            lon, lat = TO_WGS84.transform(e, n)
            w.writerow(
                [f"Pub {i}", f"{i} High Street", "London", "", "E09000019", "Islington", "", "E05000370",
                 "Clerkenwell", "", lon, lat, e, n, "01/19/2020"]
            )  # fmt: skip
    return path


def write_ofcom(path: Path, ids: range) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(OFCOM_HEADERS)
        for i in ids:
            pc = f"E{1 + i // 100} {i % 10}{chr(65 + i % 26)}{chr(65 + (i // 26) % 26)}"
            w.writerow([pc.replace(" ", ""), pc, "E", 95, 90, 85, 50, 0, 0, 0, 5, 0, 0, 0, 0, 0, 5, 15, 80])
    return path


def write_spine(path: Path, n: int) -> Path:
    features = [
        {
            "type": "Feature",
            "properties": {"name": f"line {i}"},
            "geometry": {
                "type": "LineString",
                "coordinates": [[530_000 + i, 180_000], [530_000 + i, 180_500]],
            },
        }
        for i in range(n)
    ]
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}
    path.write_text(json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}))
    return path


def write_pld(path: Path, ids: range) -> Path:
    hits = [
        {
            "_index": "applications",
            "_id": f"Camden-{i}",
            "_source": pld_source(i, centroid_easting=528_900 + i),
        }
        for i in ids
    ]
    path.write_text(json.dumps({"hits": {"total": len(hits), "hits": hits}}))
    return path


def run(alg: str, params: dict):
    from qgis import processing

    return processing.run(alg, params)


def import_file(algorithm: str, path: Path, store: Path, **extra):
    """digonce:``algorithm`` of the file at ``path`` into ``store``."""
    return run(f"digonce:{algorithm}", {"INPUT": str(path), "STORE": str(store), **extra})


def count(store: Path, table: str) -> int:
    with sqlite3.connect(store) as db:
        return db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def rows_after_import(algorithm: str, path: Path, store: Path, table: str) -> int:
    """import_file(), then the rows ``table`` of ``store`` holds."""
    import_file(algorithm, path, store)
    return count(store, table)


def refused(algorithm: str, path: Path, store: Path) -> str:
    """import_file() is refused and leaves ``store`` as it was; returns what it said."""
    from qgis.core import QgsProcessingException

    before = store.read_bytes()
    with pytest.raises(QgsProcessingException) as caught:
        import_file(algorithm, path, store)
    assert store.read_bytes() == before, "a refused import changed the store"
    return str(caught.value)


def test_replace_parameter_is_on_every_connectivity_import_advanced_and_off(plugin_provider):
    from qgis.core import QgsApplication, QgsProcessingParameterDefinition

    for name in ("importculturalvenues", "importofcomcoverage", "importfibrespine"):
        alg = QgsApplication.processingRegistry().algorithmById(f"digonce:{name}")
        param = alg.parameterDefinition("REPLACE")
        assert param is not None, name
        assert param.defaultValue() is False and param.help()
        assert param.flags() & QgsProcessingParameterDefinition.FlagAdvanced
    # planning sites are merged: nothing to guard, so no parameter that would do nothing
    planning = QgsApplication.processingRegistry().algorithmById("digonce:importplanningsites")
    assert planning.parameterDefinition("REPLACE") is None


def test_a_header_only_pubs_csv_is_refused_and_replace_true_takes_it(plugin_provider, tmp_path: Path):
    store = tmp_path / "store.gpkg"
    pubs = write_pubs(tmp_path / "Pubs.csv", range(140))
    assert rows_after_import("importculturalvenues", pubs, store, "cultural_venues") == 140
    write_pubs(pubs, range(0))
    message = refused("importculturalvenues", pubs, store)
    assert "REPLACE=true" in message and "140" in message and str(pubs) in message
    import_file("importculturalvenues", pubs, store, REPLACE=True)
    assert count(store, "cultural_venues") == 0


def test_a_renamed_newer_pubs_csv_replaces_the_old_venues(plugin_provider, tmp_path: Path):
    store = tmp_path / "store.gpkg"
    import_file("importculturalvenues", write_pubs(tmp_path / "Pubs.csv", range(140)), store)
    newer = write_pubs(tmp_path / "Pubs_2025.csv", range(3, 145))  # 3 closed, 5 opened
    result = import_file("importculturalvenues", newer, store)
    assert result["IMPORTED"] == 142
    assert count(store, "cultural_venues") == 142


def test_ofcom_new_release_under_a_new_name_replaces_and_a_cut_file_is_refused(
    plugin_provider, tmp_path: Path
):
    store = tmp_path / "store.gpkg"
    import_file("importofcomcoverage", write_ofcom(tmp_path / "2023_postcode_E.csv", range(222)), store)
    assert count(store, "notspots_postcodes") == 222
    newer = write_ofcom(tmp_path / "2024_postcode_E.csv", range(5, 230))
    result = import_file("importofcomcoverage", newer, store)
    assert "2023_postcode_E.csv" in result["MESSAGE"]  # says which earlier import it replaces
    assert count(store, "notspots_postcodes") == 225
    write_ofcom(newer, range(5, 18))  # the same file cut at about 6 %
    refused("importofcomcoverage", newer, store)
    assert count(store, "notspots_postcodes") == 225


@pytest.fixture
def spine_imported(plugin_provider, tmp_path: Path) -> tuple[Path, Path]:
    """A store holding the 10 lines of a spine file, and that file."""
    store = tmp_path / "store.gpkg"
    spine = write_spine(tmp_path / "spine.geojson", 10)
    import_file("importfibrespine", spine, store)
    return store, spine


def test_a_newer_spine_file_of_the_same_name_replaces_its_lines(spine_imported):
    store, spine = spine_imported
    write_spine(spine, 12)
    import_file("importfibrespine", spine, store)
    assert count(store, "fibre_spine") == 12


def test_a_spine_file_with_no_features_is_refused(spine_imported):
    store, spine = spine_imported
    write_spine(spine, 0)
    from qgis.core import QgsProcessingException

    before = store.read_bytes()
    with pytest.raises(QgsProcessingException):  # refused by the store, or by the reader as empty
        import_file("importfibrespine", spine, store)
    assert store.read_bytes() == before
    assert count(store, "fibre_spine") == 10


def test_a_pld_response_with_no_hits_leaves_the_sites(plugin_provider, tmp_path: Path):
    from qgis.core import QgsProcessingException

    store = tmp_path / "store.gpkg"
    pld = write_pld(tmp_path / "pld.json", range(50))
    assert rows_after_import("importplanningsites", pld, store, "planning_sites") == 50
    write_pld(pld, range(0))
    # planning sites are merged (nothing to refuse) or the empty response is refused
    with contextlib.suppress(QgsProcessingException):
        import_file("importplanningsites", pld, store)
    assert count(store, "planning_sites") == 50


def test_a_bad_store_path_is_a_clear_processing_error(plugin_provider, tmp_path: Path):
    from qgis.core import QgsProcessingException

    pubs = write_pubs(tmp_path / "Pubs.csv", range(3))
    plain = tmp_path / "plain.gpkg"  # a plain SQLite database under a GeoPackage name
    with sqlite3.connect(plain) as db:
        db.execute("CREATE TABLE mine (x)")
    db.close()
    before = plain.read_bytes()
    # Processing itself refuses a folder for a file-destination STORE: a message, no traceback
    for store, words in (
        (tmp_path, "is a folder|Incorrect parameter value for STORE"),
        (plain, "not a GeoPackage"),
    ):
        for alg, params in (
            ("digonce:importculturalvenues", {"INPUT": str(pubs)}),
            ("digonce:importforwardplans", {"INPUT": str(pubs)}),
        ):
            with pytest.raises(QgsProcessingException, match=words):
                run(alg, {**params, "STORE": str(store)})
    assert plain.read_bytes() == before
