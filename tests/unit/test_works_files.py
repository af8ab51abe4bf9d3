"""Works files (records + field mapping) into the store's canonical works."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely

from dig_once.plugin.core.errors import InputError, SchemaError
from dig_once.plugin.sources.streetmanager import BadValue
from dig_once.plugin.sources.works_files import (
    ETON_LAYOUT,
    check_extent,
    check_mapping,
    import_works,
    left_out_of,
    read_works_csv,
    read_works_records,
)
from dig_once.plugin.store import Feature, Reject, Store

MAPPING = {
    "id": "job_no",
    "promoter": "owner",
    "start_date": "start",
    "end_date": "finish",
    "street_name": "street",
    "usrn": "usrn",
    "activity_type": "works_type",
    "work_status": "status",
}


def attrs(**kw) -> dict:
    base = dict(
        job_no="TWJ-1",
        owner="Thames Water",
        works_type="Mains renewal",
        start="2026-03-16",
        finish="2026-04-01",
        street="EUSTON  ROAD",
        usrn=8400713,
        status="Planned",
    )
    base.update(kw)
    return base


LINE = shapely.LineString([(529500, 182500), (529560, 182540)])


def one(values: dict, geometry=LINE, mapping=MAPPING):
    (item,) = list(read_works_records([(values, geometry)], mapping, source_file="w.geojson"))
    return item


def test_a_record_maps_onto_canonical_fields():
    item = one(attrs())
    assert isinstance(item, Feature) and item.layer == "works"
    v = item.values
    assert v["permit_ref"] == "works:TWJ-1" and v["work_ref"] == "TWJ-1"
    assert (v["promoter"], v["street_name"], v["usrn"]) == ("Thames Water", "EUSTON ROAD", "8400713")
    assert (v["activity_type"], v["work_status"], v["category"]) == ("mains_renewal", "planned", None)
    assert (v["start_date"], v["end_date"], v["source"], v["source_file"]) == (
        "2026-03-16",
        "2026-04-01",
        "works",
        "w.geojson",
    )
    assert item.geometry.equals(LINE)


def test_work_ref_mapped_separately_and_usrn_as_text_or_float():
    item = one(attrs(usrn=8400713.0, scheme="S-9"), mapping={**MAPPING, "work_ref": "scheme"})
    assert item.values["work_ref"] == "S-9" and item.values["permit_ref"] == "works:TWJ-1"
    assert item.values["usrn"] == "8400713"
    assert one(attrs(usrn=" 8400713 ")).values["usrn"] == "8400713"


def test_wkt_column_and_z_dropped():
    item = one(attrs(wkt="POINT Z (529000 182000 5)"), geometry=None, mapping={**MAPPING, "wkt": "wkt"})
    assert isinstance(item, Feature) and item.geometry.equals(shapely.Point(529000, 182000))
    assert not item.geometry.has_z


@pytest.mark.parametrize(
    ("values", "geometry", "field", "reason"),
    [
        (attrs(job_no=None), LINE, "job_no", "missing id"),
        (attrs(job_no="  "), LINE, "job_no", "missing id"),
        (attrs(), None, "geometry", "missing geometry"),
        (attrs(), shapely.LineString(), "geometry", "empty"),
        (attrs(), shapely.Point(float("nan"), 182000), "geometry", "NaN"),
        (attrs(), shapely.Point(-900000, 182000), "geometry", "outside"),
        (attrs(start="someday"), LINE, "start", "unparseable date"),
        (attrs(start=None), LINE, "start", "missing start"),
        (attrs(finish=""), LINE, "finish", "missing end"),
        (attrs(finish="2026-03-01"), LINE, "finish", "before start"),
        (attrs(usrn="EUSTON"), LINE, "usrn", "USRN"),
    ],
)
def test_bad_records_are_rejected_with_file_record_field_reason(values, geometry, field, reason):
    item = one(values, geometry)
    assert isinstance(item, Reject)
    assert (item.source_file, item.field) == ("w.geojson", field)
    assert reason in item.reason
    assert item.record == (values["job_no"] if values["job_no"] and values["job_no"].strip() else "record 1")


def test_unparseable_wkt_is_rejected_on_the_wkt_field():
    item = one(attrs(wkt="LINESTRING(oops"), geometry=None, mapping={**MAPPING, "wkt": "wkt"})
    assert isinstance(item, Reject) and item.field == "wkt" and "unparseable" in item.reason


def test_ids_that_differ_only_in_white_space_are_different_works():
    items = list(
        read_works_records(
            [(attrs(job_no=ref), LINE) for ref in ("A B", " A B ", "A\tB", "A  B")],
            MAPPING,
            source_file="w.gpkg",
        )
    )
    assert all(isinstance(item, Feature) for item in items), items
    assert [item.values["permit_ref"].split(":", 1)[-1] for item in items] == ["A B", " A B ", "A\tB", "A  B"]


def test_duplicate_ids_and_record_ids():
    items = list(
        read_works_records(
            [(attrs(), LINE), (attrs(), LINE), (attrs(job_no=None), LINE)],
            MAPPING,
            source_file="w.gpkg",
            record_ids=[10, 11, 12],
        )
    )
    assert isinstance(items[0], Feature)
    assert isinstance(items[1], Reject) and "duplicate" in items[1].reason and items[1].record == "TWJ-1"
    assert isinstance(items[2], Reject) and items[2].record == "feature 12"


def test_mapping_checks():
    with pytest.raises(SchemaError, match="end_date"):
        check_mapping({"id": "a", "start_date": "s"})
    with pytest.raises(SchemaError, match="colour"):
        check_mapping({**MAPPING, "colour": "c"})
    with pytest.raises(SchemaError, match="'finish'"):
        check_mapping(
            MAPPING, ["job_no", "owner", "start", "street", "usrn", "works_type", "status"], path="w"
        )
    assert check_mapping({**MAPPING, "category": ""}) == MAPPING


def test_extent_check_refuses_lon_lat_and_foreign_grids():
    with pytest.raises(InputError, match="my.geojson.*longitude/latitude"):
        check_extent([shapely.Point(-0.12, 51.5), shapely.Point(-0.11, 51.51)], "my.geojson")
    with pytest.raises(InputError, match="utm.shp.*outside EPSG:27700"):
        check_extent([shapely.Point(4_000_000, 5_700_000), shapely.Point(4_001_000, 5_701_000)], "utm.shp")
    # one stray point in a BNG file is a reject, not a wrong CRS
    check_extent([LINE, LINE, shapely.Point(-900000, 0), None], "ok.gpkg")
    check_extent([], "empty.gpkg")


def test_import_into_store_rejects_unchanged_and_wrong_crs(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    records = [
        (attrs(), LINE),
        (attrs(job_no="TWJ-2"), shapely.Point(529000, 182000)),
        (attrs(job_no="TWJ-3", finish="2020-01-01"), LINE),
    ]
    result = import_works(store, records, MAPPING, source=tmp_path / "my_works.geojson")
    assert (result.imported, result.rejected, result.unchanged) == (2, 1, False)
    rows = {r["permit_ref"]: r for r in store.rows("works")}
    assert set(rows) == {"works:TWJ-1", "works:TWJ-2"}
    assert rows["works:TWJ-1"]["source"] == "works"
    (rej,) = store.rejects(result.import_id)
    assert (rej["source_file"], rej["record"], rej["field"]) == ("my_works.geojson", "TWJ-3", "finish")
    again = import_works(store, records, MAPPING, source=tmp_path / "my_works.geojson")
    assert again.unchanged and store.count("works") == 2
    # a different mapping is a different import
    changed = import_works(store, records, {**MAPPING, "category": "works_type"}, source="my_works.geojson")
    assert not changed.unchanged
    before = store.count("works")
    with pytest.raises(InputError, match="wgs.geojson"):
        import_works(store, [(attrs(job_no="W"), shapely.Point(-0.1, 51.5))], MAPPING, source="wgs.geojson")
    assert store.count("works") == before


# --- issue 19/20: CSV files read without QGIS (WKT/EWKT, X/Y, EToN/Elgin), the London filter --

ETON_COLUMNS = [
    "",
    "id",
    "works_ref",
    "project_ref",
    "publisher_name",
    "responsible_org_name",
    "e__works_category",
    "e__works_state",
    "e__permit_status",
    "e__start_date",
    "e__end_date",
    "e__road_name",
    "e__usrn",
    "e__location_point_easting",
    "e__location_point_northing",
    "e__location_bng",
    "i__location_bng",
]


def eton_row(n: int, ref: str, **kw) -> list:
    """A row in the EToN/Elgin export layout (ITSLeeds/roadworksUK kent10.csv), in London."""
    base = {
        "": str(n),
        "id": 38049749 + n,
        "works_ref": ref,
        "project_ref": "",
        "publisher_name": "London Borough of Camden",
        "responsible_org_name": "South East Water",
        "e__works_category": "Immediate - Urgent",
        "e__works_state": "Work completed",
        "e__permit_status": "Granted",
        "e__start_date": "2018-06-09 15:54:00",
        "e__end_date": "2018-06-12 23:59:59",
        "e__road_name": "Euston Road",
        "e__usrn": 8400713,
        "e__location_point_easting": 529305,
        "e__location_point_northing": 182538,
        "e__location_bng": "SRID=27700;POINT(529305 182538)",
        "i__location_bng": "",
    }
    base.update(kw)
    return [base[c] for c in ETON_COLUMNS]


def write_rows(path: Path, header: list[str], rows: list[list], encoding: str = "utf-8") -> Path:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def test_eton_layout_is_recognised_and_mapped_without_a_field_mapping(tmp_path: Path):
    path = write_rows(
        tmp_path / "eton.csv",
        ETON_COLUMNS,
        [
            eton_row(1, "EB006-1"),
            eton_row(
                2,
                "BC006-2",
                e__works_state="Work in progress",
                e__usrn="NA",
                i__location_bng="SRID=27700;LINESTRING(529300 182530,529340 182560)",
            ),
            eton_row(
                3,
                "GE4000-3",
                e__works_state="Work cancelled",
                e__permit_status="Cancelled",
                e__location_bng="",
            ),
        ],
    )
    table = read_works_csv(path)
    assert table.layout == ETON_LAYOUT and table.mapping["id"] == "works_ref"
    assert "i__location_bng else e__location_bng" in table.geometry_from
    items = list(
        read_works_records(
            table.records,
            table.mapping,
            source_file="eton.csv",
            record_ids=table.record_ids,
            value_maps=table.value_maps,
        )
    )
    one, two, three = items
    assert one.values["permit_ref"] == "works:EB006-1"
    assert (one.values["promoter"], one.values["category"], one.values["work_status"]) == (
        "South East Water",
        "immediate_urgent",
        "completed",
    )
    # 23:59:59 without an offset is London time: the works end on the 12th, not the 13th
    assert (one.values["start_date"], one.values["end_date"]) == ("2018-06-09", "2018-06-12")
    assert one.geometry.equals(shapely.Point(529305, 182538))
    # the item's line wins over the works' point; R's NA is no value
    assert two.geometry.geom_type == "LineString" and two.values["usrn"] is None
    assert two.values["work_status"] == "in_progress"
    # no WKT at all: the easting/northing columns
    assert three.geometry.equals(shapely.Point(529305, 182538))
    assert (three.values["work_status"], three.values["permit_status"]) == ("cancelled", "cancelled")


def mixed_rows(n: int) -> list[list]:
    shapes = [
        "POINT ({x} 182000)",
        "LINESTRING ({x} 182000, {x2} 182050)",
        "POLYGON (({x} 182000, {x2} 182000, {x2} 182040, {x} 182000))",
        "SRID=27700;MULTILINESTRING (({x} 182000, {x2} 182050))",
    ]
    rows = []
    for i in range(n):
        x = 529000 + 10 * i
        rows.append([f"M-{i}", "Cadent", "2026-05-01", "2026-05-09", shapes[i % 4].format(x=x, x2=x + 30)])
    return rows


def test_csv_with_mixed_geometry_types_imports_every_row(tmp_path: Path):
    path = write_rows(tmp_path / "mixed.csv", ["job_no", "owner", "start", "finish", "wkt"], mixed_rows(60))
    table = read_works_csv(path)
    assert table.geometry_from == "WKT column wkt" and len(table.records) == 60
    store = Store(tmp_path / "s.gpkg")
    mapping = {"id": "job_no", "promoter": "owner", "start_date": "start", "end_date": "finish"}
    result = import_works(
        store, table.records, mapping, source=path, record_ids=table.record_ids, extra_rejects=table.rejects
    )
    assert (result.records_read, result.imported, result.rejected) == (60, 60, 0)
    kinds = {r["geometry"].geom_type for r in store.rows("works", geometry=True)}
    assert kinds == {"Point", "LineString", "Polygon", "MultiLineString"}


def test_csv_x_y_columns_and_ewkt_in_another_srid(tmp_path: Path):
    path = write_rows(
        tmp_path / "xy.csv",
        ["ref", "start_date", "end_date", "easting", "northing"],
        [["A", "2026-01-01", "2026-01-02", 529000, 182000], ["B", "2026-01-01", "2026-01-02", "", 182000]],
    )
    table = read_works_csv(path)
    assert table.geometry_from == "X/Y columns easting, northing"
    (a, _), (b, _) = [(g, v) for v, g in table.records]
    assert a.equals(shapely.Point(529000, 182000))
    assert isinstance(b, BadValue) and b.field == "easting" and "missing" in b.reason
    ewkt = write_rows(
        tmp_path / "ewkt.csv",
        ["ref", "start_date", "end_date", "geom"],
        [["A", "2026-01-01", "2026-01-02", "SRID=4326;POINT(-0.1337 51.5246)"]],
    )
    ((_, geom),) = read_works_csv(ewkt).records
    assert 529_000 < geom.x < 530_000 and 182_000 < geom.y < 183_000


def test_csv_declared_in_degrees_with_bng_numbers_is_one_crs_message(tmp_path: Path):
    path = write_rows(
        tmp_path / "wrongcrs.csv", ["job_no", "owner", "start", "finish", "wkt"], mixed_rows(20)
    )
    with pytest.raises(InputError, match=r"wrongcrs\.csv.*declared in WGS 84 \(degrees\).*are not degrees"):
        read_works_csv(path, crs="EPSG:4326")
    lonlat = write_rows(
        tmp_path / "lonlat.csv",
        ["ref", "start_date", "end_date", "wkt"],
        [
            ["A", "2026-01-01", "2026-01-02", "POINT(-0.13 51.52)"],
            ["B", "2026-01-01", "2026-01-02", "POINT(-0.12 51.5)"],
        ],
    )
    with pytest.raises(InputError, match=r"lonlat\.csv.*longitude/latitude"):
        read_works_csv(lonlat)


def test_a_lon_lat_point_in_a_bng_file_is_rejected_not_put_at_the_grid_origin():
    item = one(attrs(), shapely.Point(-0.1337, 51.5246))
    assert isinstance(item, Reject) and "longitude/latitude" in item.reason
    item = one(attrs(wkt="POINT(-0.1337 51.5246)"), geometry=None, mapping={**MAPPING, "wkt": "wkt"})
    assert isinstance(item, Reject) and "longitude/latitude" in item.reason


def test_csv_rows_with_the_wrong_number_of_fields_are_rejects(tmp_path: Path):
    path = tmp_path / "short.csv"
    path.write_text(
        "ref,start_date,end_date,wkt\n"
        'A,2026-01-01,2026-01-02,"POINT(529000 182000)"\n'
        "B,2026-01-01\n"
        'C,2026-01-01,2026-01-02,"POINT(529000 182000)",extra\n'
    )
    table = read_works_csv(path)
    assert len(table.records) == 1
    assert [(r.record, r.field) for r in table.rejects] == [("line 3", "row"), ("line 4", "row")]
    assert "has 2 fields, the header has 4" in table.rejects[0].reason


def test_csv_without_a_geometry_column_names_the_columns(tmp_path: Path):
    path = write_rows(
        tmp_path / "nogeom.csv", ["ref", "start_date", "end_date"], [["A", "2026-01-01", "2026-01-02"]]
    )
    with pytest.raises(SchemaError, match=r"nogeom\.csv.*no geometry column.*ref, start_date, end_date"):
        read_works_csv(path)


def test_london_filter_counts_what_it_leaves_out(tmp_path: Path):
    kent = shapely.Point(554305, 158538)  # Kemsing, Kent: inside London's bounding box, not London
    records = [(attrs(), LINE), (attrs(job_no="K-1"), kent), (attrs(job_no="K-2", finish="2020-01-01"), kent)]
    store = Store(tmp_path / "s.gpkg")
    result = import_works(store, records, MAPPING, source="mixed.geojson", london_only=True)
    assert (result.records_read, result.imported, result.rejected, left_out_of(result)) == (3, 1, 1, 1)
    assert "1 left out by the London filter" in result.message
    everything = import_works(Store(tmp_path / "t.gpkg"), records, MAPPING, source="mixed.geojson")
    assert (everything.imported, left_out_of(everything)) == (2, 0)


def test_real_kent_eton_file_accounts_for_every_row(shared_data, tmp_path: Path):
    path = shared_data / "streetworks" / "elgin_kent" / "kent10.csv"
    table = read_works_csv(path)
    assert table.layout == ETON_LAYOUT and len(table.records) == 10 and not table.rejects
    kwargs = dict(source=path, record_ids=table.record_ids, value_maps=table.value_maps)
    result = import_works(Store(tmp_path / "a.gpkg"), table.records, table.mapping, **kwargs)
    assert (result.records_read, result.imported, result.rejected) == (10, 10, 0)
    rows = {r["permit_ref"]: r for r in Store(tmp_path / "a.gpkg").rows("works", geometry=True)}
    first = rows["works:EB006-17022483"]
    assert (first["start_date"], first["end_date"], first["promoter"]) == (
        "2018-06-09",
        "2018-06-12",
        "South East Water",
    )
    assert sum(r["geometry"].geom_type == "LineString" for r in rows.values()) == 2
    london = import_works(
        Store(tmp_path / "b.gpkg"), table.records, table.mapping, london_only=True, **kwargs
    )
    assert (london.imported, london.rejected, left_out_of(london)) == (0, 0, 10)
