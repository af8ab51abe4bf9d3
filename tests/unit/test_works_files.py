"""Works files (records + field mapping) into the store's canonical works."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely

from dig_once.plugin.core.errors import InputError, SchemaError
from dig_once.plugin.sources.works_files import (
    check_extent,
    check_mapping,
    import_works,
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
    assert item.record == (
        values["job_no"].strip() if values["job_no"] and values["job_no"].strip() else "record 1"
    )


def test_unparseable_wkt_is_rejected_on_the_wkt_field():
    item = one(attrs(wkt="LINESTRING(oops"), geometry=None, mapping={**MAPPING, "wkt": "wkt"})
    assert isinstance(item, Reject) and item.field == "wkt" and "unparseable" in item.reason


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
