"""digonce:importworks inside QGIS: a works file with its own field names into the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.scripts import load_script

from dig_once.plugin.store import Store

BNG_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}
#: the works files here have the sample's own field names (job_no, owner, start, finish, ...)
MAPPING = load_script("make_sample_data").MY_WORKS_FIELDS


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


# --- issue 19/20: files QGIS cannot open or reads wrongly ----------------------------------

NH_XML = (
    '<?xml version="1.0" encoding="utf-8"?><Report Name="WebTeam" xmlns="WebTeam"><HE_PLANNED_ROADWORKS>'
    "<HE_PLANNED_WORKS_Collection>{works}</HE_PLANNED_WORKS_Collection></HE_PLANNED_ROADWORKS></Report>"
)
NH_WORKS = (
    '<HE_PLANNED_WORKS NEW_EVENT_NUMBER="{ref}" SDATE="22-APR-2025 22:00" EDATE="25-APR-2025 05:00" '
    'EXPDEL="Slight (less than 10 mins)" DESCRIPTION="Lane closure" CLOSURE_TYPE="Programmed Routine Works" '
    'STATUS="Published" PUBLISHED_DATE="2025-04-11T08:48:02"><EASTNORTH><Report><EASTINGNORTHING>'
    '<EASTNORTH_Collection><EASTNORTH CENTRE_EASTING="{e}" CENTRE_NORTHING="{n}" /></EASTNORTH_Collection>'
    '</EASTINGNORTHING></Report></EASTNORTH><ROADS><Report><ROADS><ROAD_Collection><ROAD ROAD_NUMBER="A2" />'
    "</ROAD_Collection></ROADS></Report></ROADS></HE_PLANNED_WORKS>"
)


def write_nh(path: Path) -> Path:
    path.write_text(
        NH_XML.format(
            works=NH_WORKS.format(ref="00400001-001", e=543500, n=174700)
            + NH_WORKS.format(ref="00431132-002", e=355885, n=400871)
        )
    )
    return path


def test_national_highways_xml_imports_london_by_default(plugin_provider, tmp_path: Path):
    from qgis import processing

    path = write_nh(tmp_path / "nh_roadworks.xml")
    result = processing.run("digonce:importworks", {"INPUT": str(path), "STORE": str(tmp_path / "s.gpkg")})
    assert (result["IMPORTED"], result["REJECTED"], result["LEFT_OUT"]) == (1, 0, 1)
    assert "1 left out by the London filter" in result["MESSAGE"]
    (row,) = Store(tmp_path / "s.gpkg").rows("works")
    assert (row["permit_ref"], row["source"], row["start_date"]) == (
        "nh:00400001-001",
        "national_highways",
        "2025-04-22",
    )


def test_national_highways_xml_through_qgis_process(run_qgis_process, tmp_path: Path):
    path = write_nh(tmp_path / "nh_roadworks.xml")
    store = tmp_path / "store.gpkg"
    out = run_qgis_process(
        ["run", "digonce:importworks", "--", f"INPUT={path}", "LONDON=2", f"STORE={store}"], json_output=True
    )
    assert (out["results"]["IMPORTED"], out["results"]["LEFT_OUT"]) == (2, 0)


ETON_HEADER = (
    '"","works_ref","responsible_org_name","e__works_category","e__works_state","e__permit_status",'
    '"e__start_date","e__end_date","e__road_name","e__usrn","e__location_bng","i__location_bng"\n'
)


def eton_line(n: int, ref: str, wkt: str, line_wkt: str = "") -> str:
    return (
        f'"{n}","{ref}","BT","Standard","Work completed","Granted","2018-05-16 00:00:00",'
        f'"2018-06-01 23:59:59","Euston Road",8400713,"{wkt}","{line_wkt}"\n'
    )


def test_eton_csv_path_imports_without_a_field_mapping(plugin_provider, tmp_path: Path):
    from qgis import processing

    path = tmp_path / "eton.csv"
    path.write_text(
        ETON_HEADER
        + eton_line(1, "BC006-1", "SRID=27700;POINT(529305 182538)")
        + eton_line(
            2,
            "BC006-2",
            "SRID=27700;POINT(529305 182538)",
            "SRID=27700;LINESTRING(529300 182530,529340 182560)",
        )
        + eton_line(3, "KENT-3", "SRID=27700;POINT(554305 158538)")
    )
    store = tmp_path / "s.gpkg"
    result = processing.run("digonce:importworks", {"INPUT": str(path), "STORE": str(store)})
    assert (result["IMPORTED"], result["REJECTED"], result["LEFT_OUT"]) == (3, 0, 0)
    assert "EToN/Elgin" in result["MESSAGE"]
    rows = {r["permit_ref"]: r for r in Store(store).rows("works", geometry=True)}
    assert rows["works:BC006-2"]["geometry"].geom_type == "LineString"
    assert (rows["works:BC006-1"]["end_date"], rows["works:BC006-1"]["work_status"]) == (
        "2018-06-01",
        "completed",
    )
    london = processing.run(
        "digonce:importworks", {"INPUT": str(path), "LONDON": 1, "STORE": str(tmp_path / "t.gpkg")}
    )
    assert (london["IMPORTED"], london["LEFT_OUT"]) == (2, 1)


def test_plain_csv_path_with_ewkt_column(plugin_provider, tmp_path: Path):
    from qgis import processing

    path = tmp_path / "works.csv"
    path.write_text(
        "job_no,owner,start,finish,street,usrn,status,geom_ewkt\n"
        'C-1,Cadent,2026-05-01,2026-05-09,HIGH STREET,123,Approved,"SRID=27700;POINT(529000 182000)"\n'
        'C-2,Cadent,2026-05-01,2026-05-09,HIGH STREET,123,Approved,"SRID=27700;LINESTRING(529000 182000,529050 182000)"\n'
    )
    result = processing.run(
        "digonce:importworks",
        {"INPUT": str(path), **MAPPING, "WKT_FIELD": "geom_ewkt", "STORE": str(tmp_path / "s.gpkg")},
    )
    assert (result["IMPORTED"], result["REJECTED"]) == (2, 0)


def _mixed_csv(path: Path, n: int = 60, crs_numbers: str = "bng") -> Path:
    lines = ["job_no,owner,start,finish,street,usrn,status,wkt"]
    for i in range(n):
        x, y = (529000 + 10 * i, 182000) if crs_numbers == "bng" else (-0.13 + i / 1000, 51.52)
        wkt = f"POINT ({x} {y})" if i % 2 == 0 else f"LINESTRING ({x} {y}, {x + 20} {y + 20})"
        lines.append(f'M-{i},Cadent,2026-05-01,2026-05-09,HIGH STREET,123,Approved,"{wkt}"')
    path.write_text("\n".join(lines) + "\n")
    return path


def test_delimited_text_layer_with_mixed_points_and_lines_imports_every_row(plugin_provider, tmp_path: Path):
    from qgis import processing
    from qgis.core import QgsVectorLayer

    path = _mixed_csv(tmp_path / "mixed.csv")
    layer = QgsVectorLayer(
        f"file://{path}?type=csv&wktField=wkt&crs=EPSG:27700&detectTypes=no", "w", "delimitedtext"
    )
    assert layer.isValid()
    result = processing.run(
        "digonce:importworks", {"INPUT": layer, **MAPPING, "STORE": str(tmp_path / "s.gpkg")}
    )
    assert (result["IMPORTED"], result["REJECTED"]) == (60, 0)
    kinds = {r["geometry"].geom_type for r in Store(tmp_path / "s.gpkg").rows("works", geometry=True)}
    assert kinds == {"Point", "LineString"}


def test_delimited_text_layer_in_the_wrong_crs_is_one_message(plugin_provider, tmp_path: Path):
    from qgis import processing
    from qgis.core import QgsProcessingException, QgsVectorLayer

    path = _mixed_csv(tmp_path / "wrongcrs.csv", n=20)
    layer = QgsVectorLayer(
        f"file://{path}?type=csv&wktField=wkt&crs=EPSG:4326&detectTypes=no", "w", "delimitedtext"
    )
    with pytest.raises(QgsProcessingException, match=r"wrongcrs\.csv.*not degrees") as info:
        processing.run("digonce:importworks", {"INPUT": layer, **MAPPING, "STORE": str(tmp_path / "s.gpkg")})
    assert "missing geometry" not in str(info.value)
    assert Store(tmp_path / "s.gpkg").count("works") == 0


def test_geojson_declared_wgs84_holding_bng_numbers_is_one_message(plugin_provider, tmp_path: Path):
    from qgis.core import QgsProcessingException

    path = write_geojson(
        tmp_path / "bng_as_wgs84.geojson",
        [feature(f"W-{i}", {"type": "Point", "coordinates": [529000 + i, 182000]}) for i in range(5)],
        crs=None,
    )
    with pytest.raises(QgsProcessingException, match=r"bng_as_wgs84\.geojson.*not degrees"):
        run(path, tmp_path / "s.gpkg")


def test_lon_lat_point_in_a_bng_file_is_rejected(plugin_provider, tmp_path: Path):
    path = write_geojson(
        tmp_path / "stray.geojson",
        [
            feature("W-1", {"type": "Point", "coordinates": [529000, 182000]}),
            feature("W-2", {"type": "Point", "coordinates": [529100, 182000]}),
            feature("W-3", {"type": "Point", "coordinates": [-0.1337, 51.5246]}),
        ],
    )
    result = run(path, tmp_path / "s.gpkg")
    assert (result["IMPORTED"], result["REJECTED"]) == (2, 1)
    (rej,) = Store(tmp_path / "s.gpkg").rejects()
    assert rej["record"] == "W-3" and "longitude/latitude" in rej["reason"]


def test_real_national_highways_and_kent_files(plugin_provider, shared_data, tmp_path: Path):
    from qgis import processing

    nh = shared_data / "streetworks" / "national_highways" / "nh_roadworks_2025_14_4.xml"
    result = processing.run("digonce:importworks", {"INPUT": str(nh), "STORE": str(tmp_path / "s.gpkg")})
    assert result["IMPORTED"] + result["REJECTED"] + result["LEFT_OUT"] == 1429
    kent = shared_data / "streetworks" / "elgin_kent" / "kent10.csv"
    result = processing.run("digonce:importworks", {"INPUT": str(kent), "STORE": str(tmp_path / "s.gpkg")})
    assert (result["IMPORTED"], result["REJECTED"], result["LEFT_OUT"]) == (10, 0, 0)


def cadent_csv(path: Path, ref: str, n: int, location_column: str, location: str) -> Path:
    """``n`` Cadent works on HIGH STREET (``<ref>-0``...), in the sample's field names, each
    located by ``location`` (a format string of ``x``, 529000 + i) in ``location_column``."""
    header = f"job_no,owner,start,finish,street,usrn,status,{location_column}\n"
    row = '{ref}-{i},Cadent,2026-05-01,2026-05-09,HIGH STREET,123,Approved,"{location}"\n'
    rows = (row.format(ref=ref, i=i, location=location.format(x=529000 + i)) for i in range(n))
    path.write_text(header + "".join(rows))
    return path


def test_csv_opened_through_ogr_as_a_table_imports_its_ewkt(plugin_provider, tmp_path: Path):
    from qgis import processing
    from qgis.core import QgsVectorLayer

    path = cadent_csv(tmp_path / "table.csv", "T", 6, "location_bng", "SRID=27700;POINT({x} 182000)")
    layer = QgsVectorLayer(str(path), "table", "ogr")  # what dragging a CSV into QGIS gives
    assert layer.isValid() and not layer.isSpatial()
    result = processing.run(
        "digonce:importworks",
        {"INPUT": layer, **MAPPING, "WKT_FIELD": "location_bng", "STORE": str(tmp_path / "s.gpkg")},
    )
    assert (result["IMPORTED"], result["REJECTED"]) == (6, 0)


def test_layer_datetimes_with_z_are_london_dates_and_without_keep_their_date(plugin_provider, tmp_path: Path):
    path = tmp_path / "times.gpkg"
    from osgeo import ogr, osr

    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    layer = ds.CreateLayer("works", srs, ogr.wkbPoint)
    for name, kind in (("job_no", ogr.OFTString), ("start", ogr.OFTDateTime), ("finish", ogr.OFTDateTime)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    rows = [
        ("UTC", "2026-06-12T23:30:00Z", "2026-06-20T23:30:00Z"),  # BST: 00:30 on the 13th and 21st in London
        ("LOCAL", "2026-06-12T23:30:00", "2026-06-20T23:30:00"),  # no offset: London time as written
    ]
    for job, start, finish in rows:
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetField("job_no", job)
        feat.SetField("start", start)
        feat.SetField("finish", finish)
        feat.SetGeometry(ogr.CreateGeometryFromWkt("POINT (529000 182000)"))
        layer.CreateFeature(feat)
    ds = None
    from qgis import processing

    result = processing.run(
        "digonce:importworks",
        {
            "INPUT": str(path),
            "ID_FIELD": "job_no",
            "START_FIELD": "start",
            "END_FIELD": "finish",
            "STORE": str(tmp_path / "s.gpkg"),
        },
    )
    assert result["IMPORTED"] == 2
    rows = {
        r["permit_ref"]: (r["start_date"], r["end_date"]) for r in Store(tmp_path / "s.gpkg").rows("works")
    }
    assert rows == {"works:UTC": ("2026-06-13", "2026-06-21"), "works:LOCAL": ("2026-06-12", "2026-06-20")}


def test_selected_features_only_of_a_delimited_text_layer_is_respected(plugin_provider, tmp_path: Path):
    from qgis import processing
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer

    path = cadent_csv(tmp_path / "points.csv", "P", 4, "wkt", "POINT ({x} 182000)")
    layer = QgsVectorLayer(
        f"file://{path}?type=csv&wktField=wkt&crs=EPSG:27700&detectTypes=no", "p", "delimitedtext"
    )
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.selectByIds([f.id() for f in layer.getFeatures()][:2])
        source = QgsProcessingFeatureSourceDefinition(layer.id(), True)
        result = processing.run(
            "digonce:importworks", {"INPUT": source, **MAPPING, "STORE": str(tmp_path / "s.gpkg")}
        )
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    assert (result["IMPORTED"], result["REJECTED"]) == (2, 0)
