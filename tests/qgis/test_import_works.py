"""digonce:importworks inside QGIS: a works file with its own field names into the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dig_once.plugin.store import Store

BNG_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}
MAPPING = {
    "ID_FIELD": "job_no",
    "OWNER_FIELD": "owner",
    "START_FIELD": "start",
    "END_FIELD": "finish",
    "STREET_FIELD": "street",
    "USRN_FIELD": "usrn",
    "STATUS_FIELD": "status",
}


def feature(job_no, geometry, start="2026-03-16", finish="2026-04-01", **kw) -> dict:
    props = dict(
        job_no=job_no,
        owner="Thames Water Utilities Ltd",
        start=start,
        finish=finish,
        street="EUSTON ROAD",
        usrn=8400713,
        status="Planned",
    )
    props.update(kw)
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write_geojson(path: Path, features: list[dict], crs: dict | None = BNG_CRS) -> Path:
    fc: dict = {"type": "FeatureCollection", "name": path.stem, "features": features}
    if crs is not None:
        fc["crs"] = crs
    path.write_text(json.dumps(fc))
    return path


def run(path: Path, store: Path, **extra):
    from qgis import processing

    return processing.run(
        "digonce:importworks", {"INPUT": str(path), **MAPPING, "STORE": str(store), **extra}
    )


def test_import_works_geojson_in_bng(plugin_provider, tmp_path: Path):
    from qgis.core import QgsVectorLayer

    path = write_geojson(
        tmp_path / "my_works.geojson",
        [
            feature("TWJ-1", {"type": "LineString", "coordinates": [[529500, 182500], [529560, 182540]]}),
            feature("TWJ-2", {"type": "Point", "coordinates": [529000, 182000]}, usrn=None),
            feature("TWJ-3", {"type": "Point", "coordinates": [529000, 182000]}, finish="2026-01-01"),
            feature("TWJ-4", {"type": "Point", "coordinates": [529000, 182000]}, start="someday"),
            feature("TWJ-5", None),
        ],
    )
    store_path = tmp_path / "s.gpkg"
    result = run(path, store_path)
    assert (result["IMPORTED"], result["REJECTED"], result["UNCHANGED"]) == (2, 3, 0)
    works = QgsVectorLayer(result["WORKS"], "works", "ogr")
    rows = {f["permit_ref"]: f for f in works.getFeatures()}
    assert set(rows) == {"works:TWJ-1", "works:TWJ-2"}
    one = rows["works:TWJ-1"]
    assert (one["source"], one["promoter"], one["street_name"], one["usrn"], one["work_status"]) == (
        "works",
        "Thames Water Utilities Ltd",
        "EUSTON ROAD",
        "8400713",
        "planned",
    )
    assert one.geometry().asWkt(0) == "LineString (529500 182500, 529560 182540)"
    store = Store(store_path)
    rejects = {r["record"]: (r["field"], r["source_file"]) for r in store.rejects()}
    assert rejects == {
        "TWJ-3": ("finish", "my_works.geojson"),
        "TWJ-4": ("start", "my_works.geojson"),
        "TWJ-5": ("geometry", "my_works.geojson"),
    }
    again = run(path, store_path)
    assert again["UNCHANGED"] == 1 and store.count("works") == 2


def test_import_works_reprojects_wgs84(plugin_provider, tmp_path: Path):
    path = write_geojson(
        tmp_path / "wgs84.geojson",
        [feature("W-1", {"type": "Point", "coordinates": [-0.1337, 51.5246]})],
        crs=None,  # GeoJSON default: WGS84
    )
    store_path = tmp_path / "s.gpkg"
    result = run(path, store_path)
    assert (result["IMPORTED"], result["REJECTED"]) == (1, 0)
    ((_, geom),) = [(r["permit_ref"], r["geometry"]) for r in Store(store_path).rows("works", geometry=True)]
    assert 529_000 < geom.x < 530_000 and 182_000 < geom.y < 183_000


def test_lon_lat_declared_as_bng_is_refused(plugin_provider, tmp_path: Path):
    from qgis.core import QgsProcessingException

    path = write_geojson(
        tmp_path / "mislabelled.geojson",
        [feature("W-1", {"type": "Point", "coordinates": [-0.1337, 51.5246]})],
    )
    store_path = tmp_path / "s.gpkg"
    with pytest.raises(QgsProcessingException, match="mislabelled.geojson.*longitude/latitude"):
        run(path, store_path)
    assert Store(store_path).count("works") == 0


def test_missing_mapped_field_names_the_field(plugin_provider, tmp_path: Path):
    from qgis.core import QgsProcessingException

    path = write_geojson(
        tmp_path / "w.geojson", [feature("W-1", {"type": "Point", "coordinates": [529000, 182000]})]
    )
    with pytest.raises(QgsProcessingException, match="end_date_typo"):
        run(path, tmp_path / "s.gpkg", END_FIELD="end_date_typo")


def test_csv_with_wkt_as_delimited_text(plugin_provider, tmp_path: Path):
    from qgis.core import QgsVectorLayer

    csv = tmp_path / "works.csv"
    csv.write_text(
        "job_no,owner,start,finish,street,usrn,status,wkt\n"
        'C-1,Cadent,2026-05-01,2026-05-09,HIGH STREET,123,Approved,"POINT (529000 182000)"\n'
    )
    uri = f"file://{csv}?type=csv&wktField=wkt&crs=EPSG:27700&detectTypes=no"
    layer = QgsVectorLayer(uri, "works", "delimitedtext")
    assert layer.isValid()
    from qgis import processing

    result = processing.run(
        "digonce:importworks", {"INPUT": layer, **MAPPING, "STORE": str(tmp_path / "s.gpkg")}
    )
    assert (result["IMPORTED"], result["REJECTED"]) == (1, 0)
    (row,) = Store(tmp_path / "s.gpkg").rows("works")
    assert (row["permit_ref"], row["usrn"], row["work_status"]) == ("works:C-1", "123", "approved")
    assert row["source_file"] == "works.csv"


def test_import_works_through_qgis_process(run_qgis_process, tmp_path: Path):
    path = write_geojson(
        tmp_path / "my_works.geojson",
        [
            feature("TWJ-1", {"type": "Point", "coordinates": [529000, 182000]}, works_type="Leak repair"),
            feature("TWJ-2", {"type": "Point", "coordinates": [529000, 182000]}, finish="2020-01-01"),
        ],
    )
    store = tmp_path / "store.gpkg"
    args = [f"{k}={v}" for k, v in MAPPING.items()]
    out = run_qgis_process(
        [
            "run",
            "digonce:importworks",
            "--",
            f"INPUT={path}",
            *args,
            "ACTIVITY_FIELD=works_type",
            f"STORE={store}",
        ],
        json_output=True,
    )
    results = out["results"]
    assert (results["IMPORTED"], results["REJECTED"], results["UNCHANGED"]) == (1, 1, 0)
    assert results["WORKS"].endswith("|layername=works")
    (row,) = Store(store).rows("works")
    assert row["activity_type"] == "leak_repair"
