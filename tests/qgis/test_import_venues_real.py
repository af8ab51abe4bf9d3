"""digonce:importculturalvenues in a real headless QGIS: the six real Cultural Infrastructure Map
exports (skipped when ../shared/data is absent) import whole, each venue where the publisher's
right pair puts it, and the log and the result say which pair was kept; the GeoPackage layout
(generated) and a header-only file."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest
import shapely

HERE = Path(__file__).resolve().parent

#: file -> (rows, venues placed by E/N, by lat/lon), measured on the real exports
REAL = {
    "Libraries": (342, 342, 0),
    "Museums_and_public_galleries": (163, 163, 0),
    "Music_venues_all": (797, 797, 0),
    "Music_venues_grassroots": (100, 100, 0),
    "Pubs": (4098, 4098, 0),
    "Theatres": (264, 0, 264),
}


def _gpkg_helpers():
    spec = importlib.util.spec_from_file_location(
        "venues_gpkg_helpers", HERE.parent / "unit" / "test_venues_gpkg.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(path: Path, store: Path, **extra):
    from helpers.feedback import Said
    from qgis import processing

    log = Said()
    results = processing.run(
        "digonce:importculturalvenues", {"INPUT": str(path), "STORE": str(store), **extra}, feedback=log
    )
    return results, "\n".join(log.lines)


def stored(uri: str) -> list[dict]:
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(uri, "venues", "ogr")
    assert layer.isValid()
    out = []
    for f in layer.getFeatures():
        row = {name: f[name] for name in f.fields().names()}
        row["_geom"] = shapely.from_wkb(bytes(f.geometry().asWkb()))
        out.append(row)
    return out


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_cim_file_imports_whole_with_the_right_pair(plugin_provider, shared_data, tmp_path, name):
    path = shared_data / "cultural_infrastructure" / f"{name}.csv"
    rows, by_en, by_ll = REAL[name]
    results, log = run(path, tmp_path / "store.gpkg")
    assert results["IMPORTED"] == rows and results["REJECTED"] == 0
    assert results["KEPT_EASTING_NORTHING"] == by_en and results["KEPT_LATITUDE_LONGITUDE"] == by_ll
    assert results["EVIDENCE_NO_EVIDENCE"] == 0
    summary = f"{rows} rows read; {by_en} venues placed by easting/northing, {by_ll} by latitude/longitude"
    assert summary in log and summary in results["MESSAGE"]
    assert f"{path.name}: easting/northing kept for {by_en} of {rows} venues" in log
    with path.open(newline="", encoding="utf-8-sig") as fh:
        published = list(csv.DictReader(fh))
    venues = stored(results["OUTPUT"])
    assert len(venues) == rows
    if by_en:  # the stored points are the publisher's E/N, exactly (no datum conversion)
        right = {(round(float(r["easting"]), 2), round(float(r["northing"]), 2)) for r in published}
        assert {(round(v["_geom"].x, 2), round(v["_geom"].y, 2)) for v in venues} <= right
    assert {v["coord_source"] for v in venues} == {"easting_northing" if by_en else "latitude_longitude"}


def test_cim_geopackage_imports_every_layer(plugin_provider, tmp_path):
    gpkg = _make_gpkg(_gpkg_helpers(), tmp_path)
    results, log = run(gpkg, tmp_path / "store.gpkg")
    assert results["IMPORTED"] == 4 and results["REJECTED"] == 0
    categories = {v["category"] for v in stored(results["OUTPUT"])}
    assert categories == {"Music venues grassroots", "Theatres", "Pubs"}
    assert "taken from the layer's geometry" in log
    chosen, _ = run(gpkg, tmp_path / "store2.gpkg", LAYERS="Theatres")
    assert chosen["IMPORTED"] == 1


def _make_gpkg(helpers, tmp_path: Path) -> Path:
    """Three layers in the GLA layout, written with the unit tests' sqlite3 helper."""
    e, n = 535119.6, 184711.5
    lon, lat = helpers.BNG_TO_OSGB36.transform(e, n)
    music = [({"name": "Moth Club", "borough_code": "E09000012", "easting": e, "northing": n,
               "longitude": lon, "latitude": lat}, (e, n)),
             ({"name": "The Windmill", "borough_code": "E09000022", "easting": 530950.0,
               "northing": 175400.0, "longitude": None, "latitude": None}, (530950.0, 175400.0))]  # fmt: skip
    plon, plat = helpers.BNG_TO_WGS84.transform(531500.0, 182000.0)
    return helpers.make_cim_gpkg(
        tmp_path / "Cultural_Infrastructure_Map.gpkg",
        {
            "Music_venues_grassroots": (27700, helpers.ATTRS, music),
            "Theatres": (
                27700,
                ["name", "borough_code"],
                [({"name": "Hackney Empire"}, (534800.0, 184700.0))],
            ),
            "Pubs": (4326, ["name", "borough_code"], [({"name": "The Jerusalem Tavern"}, (plon, plat))]),
        },
    )


def test_header_only_file_is_reported_as_zero_rows(plugin_provider, tmp_path):
    path = tmp_path / "Pubs.csv"
    path.write_text("name,address1,borough_code,easting,northing,longitude,latitude\n", encoding="utf-8")
    results, log = run(path, tmp_path / "store.gpkg")
    assert results["IMPORTED"] == 0 and results["REJECTED"] == 0
    assert "Pubs.csv: a header and no data rows: 0 venues read" in log
    assert "0 rows read" in results["MESSAGE"]


def test_help_is_plain_text_for_a_planner_first(plugin_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("digonce:importculturalvenues")
    text = alg.shortHelpString()
    assert "<b>" not in text and "<br" not in text
    assert text.startswith("Puts the venues of the GLA's Cultural Infrastructure Map")
    for rule in (
        "agree",
        "latlon_is_osgb36",
        "en_datum_reversed",
        "own_borough",
        "file_majority",
        "no_evidence",
    ):
        assert rule in text
    assert all(alg.parameterDefinition(p).help() for p in ("INPUT", "CATEGORY", "LAYERS", "TOLERANCE"))
