"""Forward plans (CSV template and UK Future Works Profile GeoPackage) into the store."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
import shapely
from helpers.plans import write_links

from dig_once.plugin.core.errors import InputError, SchemaError
from dig_once.plugin.layerio import gpkg
from dig_once.plugin.sources.forward_plans import (
    TEMPLATE_COLUMNS,
    import_forward_plan,
    plan_scope,
    read_forward_plan,
)
from dig_once.plugin.store import Feature, Reject, ReplaceRefused, Store

REPO = Path(__file__).resolve().parents[2]


def write_csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, TEMPLATE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(**kw) -> dict:
    base = dict(
        plan_ref="TW-1",
        programme="Mains renewal 2027",
        owner="Thames Water",
        utility_type="water",
        method="open_cut",
        start_date="2027-04-05",
        end_date="2027-06-30",
        confidence="high",
        usrn="8400713",
        street_name="EUSTON ROAD",
        wkt="LINESTRING(529500 182500,529560 182540)",
    )
    base.update(kw)
    return base


def test_shipped_template_header_matches_the_reader():
    header = (REPO / "resources/templates/forward_plan_template.csv").read_text().strip().split(",")
    assert header == TEMPLATE_COLUMNS
    doc = (REPO / "resources/help/forward_plan_template.md").read_text()
    assert all(f"`{c}`" in doc for c in TEMPLATE_COLUMNS)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"wkt": ""}, "wkt"),
        ({"wkt": "LINESTRING(-0.12 51.5,-0.11 51.5)"}, "wkt"),  # lon/lat, not BNG
        ({"start_date": "someday"}, "start_date"),
        ({"end_date": "2027-01-01"}, "end_date"),  # before start
        ({"usrn": "EUSTON"}, "usrn"),
        ({"plan_ref": ""}, "plan_ref"),
    ],
)
def test_bad_plan_rows_are_rejected_with_field(tmp_path: Path, change, field):
    (item,) = list(read_forward_plan(write_csv(tmp_path / "p.csv", [row(**change)])))
    assert isinstance(item, Reject) and item.field == field and item.source_file == "p.csv"


def test_csv_plan_into_store_as_source_plan(tmp_path: Path):
    plan = write_csv(
        tmp_path / "plan.csv",
        [row(), row(plan_ref="TW-2", wkt="POINT(529000 182000)"), row(plan_ref="X", wkt="")],
    )
    store = Store(tmp_path / "s.gpkg")
    result = import_forward_plan(store, plan)
    assert (result.imported, result.rejected) == (2, 1)
    rows = {r["permit_ref"]: r for r in store.rows("works")}
    assert set(rows) == {"plan:TW-1", "plan:TW-2"}
    one = rows["plan:TW-1"]
    assert (one["source"], one["promoter"], one["work_status"], one["start_date"], one["end_date"]) == (
        "plan",
        "Thames Water",
        "planned",
        "2027-04-05",
        "2027-06-30",
    )
    assert (one["utility_type"], one["method"], one["confidence"], one["programme"]) == (
        "water",
        "open_cut",
        "high",
        "Mains renewal 2027",
    )
    assert import_forward_plan(store, plan).unchanged


def test_missing_columns_is_a_schema_error(tmp_path: Path):
    path = tmp_path / "p.csv"
    path.write_text("ref,geometry\nA,POINT(1 2)\n")
    with pytest.raises(SchemaError, match="plan_ref"):
        list(read_forward_plan(path))


def empty_gpkg(path: Path) -> sqlite3.Connection:
    """A new GeoPackage, open in autocommit."""
    conn = sqlite3.connect(path, isolation_level=None)
    gpkg.register_functions(conn)
    gpkg.initialise(conn)
    return conn


def make_future_works_gpkg(path: Path) -> Path:
    conn = empty_gpkg(path)
    gpkg.create_feature_table(
        conn,
        "plannedprogramme",
        [
            ("programmename", "str"),
            ("programmetype", "str"),
            ("plannedstartdate", "date"),
            ("plannedenddate", "date"),
        ],
        None,
    )
    gpkg.create_feature_table(
        conn,
        "networklink",
        [
            ("plannedprogrammeid", "int"),
            ("utilitytype", "str"),
            ("plannedinstallationmethod", "str"),
            ("plannedstartdate", "date"),
            ("plannedenddate", "date"),
            ("confidencelevel", "str"),
            ("usrn", "str"),
            ("schemestatus", "str"),
        ],
        "LINESTRING",
    )
    conn.execute(
        "INSERT INTO plannedprogramme VALUES (1, 'Fibre 2027', 'telecoms', '2027-01-10', '2027-12-20')"
    )
    line, far = gpkg.encode_geometries(
        [
            shapely.LineString([(529000, 182000), (529100, 182000)]),
            shapely.LineString([(530000, 181000), (530050, 181000)]),
        ]
    )
    conn.execute(
        "INSERT INTO networklink VALUES (1, ?, 1, 'telecoms', 'trenchless', NULL, NULL, 'medium', '8400713', 'proposed')",
        (line,),
    )
    conn.execute(
        "INSERT INTO networklink VALUES (2, ?, 1, 'telecoms', 'open_cut', '2027-03-01', '2027-02-01', 'low', NULL, 'proposed')",
        (far,),
    )
    conn.close()
    return path


def test_future_works_profile_geopackage(tmp_path: Path):
    items = list(read_forward_plan(make_future_works_gpkg(tmp_path / "fwp.gpkg")))
    features = [i for i in items if isinstance(i, Feature)]
    rejects = [i for i in items if isinstance(i, Reject)]
    (f,) = features
    assert f.values["permit_ref"] == "plan:fwp:1" and f.values["programme"] == "Fibre 2027"
    assert (f.values["start_date"], f.values["end_date"]) == (
        "2027-01-10",
        "2027-12-20",
    )  # from the programme
    assert (f.values["method"], f.values["confidence"], f.values["source"]) == (
        "trenchless",
        "medium",
        "plan",
    )
    assert f.geometry.geom_type == "LineString"
    (bad,) = rejects
    assert (bad.record, bad.field) == ("fwp:2", "end_date")


def test_links_find_their_programme_by_a_text_programme_id(tmp_path: Path):
    """A profile that keys programmes by a text ``programmeid`` column (not the table's fid)
    gives each link its programme's name and dates."""
    path = tmp_path / "fwp_text_ids.gpkg"
    conn = empty_gpkg(path)
    gpkg.create_feature_table(
        conn,
        "plannedprogramme",
        [
            ("programmeid", "str"),
            ("programmename", "str"),
            ("plannedstartdate", "date"),
            ("plannedenddate", "date"),
        ],
        None,
    )
    gpkg.create_feature_table(
        conn, "networklink", [("programmeid", "str"), ("utilitytype", "str")], "LINESTRING"
    )
    conn.execute(
        "INSERT INTO plannedprogramme VALUES (1, 'PRG-B', 'Gas mains 2027', '2027-05-01', '2027-06-30')"
    )
    conn.execute("INSERT INTO plannedprogramme VALUES (2, 'PRG-A', 'Fibre 2027', '2027-01-10', '2027-12-20')")
    (line,) = gpkg.encode_geometries([shapely.LineString([(529000, 182000), (529100, 182000)])])
    conn.execute("INSERT INTO networklink VALUES (1, ?, 'PRG-A', 'telecoms')", (line,))
    conn.close()
    (f,) = list(read_forward_plan(path))
    assert (f.values["programme"], f.values["start_date"], f.values["end_date"]) == (
        "Fibre 2027",
        "2027-01-10",
        "2027-12-20",
    )


# --- issue 20: encodings, damaged files, duplicates, absurd coordinates ----------------------


def write_plan_text(path: Path, rows: list[dict], encoding: str) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, TEMPLATE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("latin-1", "cp1252"),  # Latin-1's letters are the same bytes in Windows-1252
        ("cp1252", "cp1252"),
        ("utf-16", "utf-16"),  # with a byte-order mark (Excel's "Unicode text")
        ("utf-16-le", "utf-16-le"),  # without one
        ("utf-8-sig", "utf-8-sig"),
        ("utf-8", "utf-8"),
    ],
)
def test_plan_csv_in_other_encodings_is_read_and_says_which(tmp_path: Path, encoding, reported):
    owner = "Société des Eaux – Thames" if encoding not in ("latin-1",) else "Société des Eaux"
    plan = write_plan_text(
        tmp_path / "plan.csv", [row(owner=owner), row(plan_ref="TW-2", street_name="CAFÉ ROW")], encoding
    )
    store = Store(tmp_path / "s.gpkg")
    result = import_forward_plan(store, plan)
    assert (result.imported, result.rejected) == (2, 0)
    rows = {r["permit_ref"]: r for r in store.rows("works")}
    assert rows["plan:TW-1"]["promoter"] == owner
    assert rows["plan:TW-2"]["street_name"] == "CAFÉ ROW"
    assert f"text read as {reported} (detected)" in result.message


def test_plan_csv_encoding_can_be_chosen_and_a_wrong_choice_names_the_line(tmp_path: Path):
    plan = write_plan_text(tmp_path / "plan.csv", [row(), row(plan_ref="TW-2", owner="Café")], "cp1252")
    store = Store(tmp_path / "s.gpkg")
    with pytest.raises(InputError, match=r"plan\.csv.*line 3 is not utf-8 text"):
        import_forward_plan(store, plan, encoding="utf-8")
    assert store.count("works") == 0
    with pytest.raises(InputError, match="unknown text encoding 'klingon'"):
        import_forward_plan(store, plan, encoding="klingon")
    result = import_forward_plan(store, plan, encoding="latin-1")
    assert result.imported == 2 and "text read as latin-1 (as chosen)" in result.message


def test_field_over_csv_limit_is_a_message_naming_file_and_line(tmp_path: Path):
    huge = "LINESTRING(" + ",".join(f"{529000 + i % 500} 182000" for i in range(12_000)) + ")"
    assert len(huge) > 131_072
    plan = write_csv(tmp_path / "plan.csv", [row(), row(plan_ref="TW-2", wkt=huge)])
    with pytest.raises(InputError, match=r"plan\.csv.*line 3.*131,072 characters"):
        list(read_forward_plan(plan))


def test_duplicate_plan_ref_is_rejected_naming_the_first_line(tmp_path: Path):
    rows = [row(plan_ref=f"TW-{i}") for i in range(44)] + [row(plan_ref="TW-7")]
    store = Store(tmp_path / "s.gpkg")
    result = import_forward_plan(store, write_csv(tmp_path / "plan.csv", rows))
    assert (result.records_read, result.imported, result.rejected) == (45, 44, 1)
    (rej,) = store.rejects(result.import_id)
    assert (rej["record"], rej["field"]) == ("TW-7", "plan_ref")
    assert "line 46" in rej["reason"] and "line 9" in rej["reason"]


def test_duplicated_column_is_refused_naming_it(tmp_path: Path):
    path = tmp_path / "plan.csv"
    header = ["plan_ref", "plan_ref", *TEMPLATE_COLUMNS[2:]]
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for i in range(44):
            writer.writerow([f"TW-{i}", "Mains 2027", *list(row().values())[2:]])
    store = Store(tmp_path / "s.gpkg")
    with pytest.raises(SchemaError, match=r"plan\.csv.*'plan_ref' appears twice \(columns 1 and 2\)"):
        import_forward_plan(store, path)
    assert store.count("works") == 0


def test_rows_with_too_few_or_too_many_fields_are_rejected_not_padded(tmp_path: Path):
    path = write_csv(tmp_path / "plan.csv", [row(), row(plan_ref="TW-2")])
    text = path.read_text()
    path.write_text(text + "TW-3,Cut short\nTW-4" + ",x" * 11 + "\n")
    items = list(read_forward_plan(path))
    assert [type(i).__name__ for i in items] == ["Feature", "Feature", "Reject", "Reject"]
    assert items[2].record == "TW-3" and "has 2 fields, the header has 11" in items[2].reason
    assert items[3].record == "TW-4" and "has 12 fields" in items[3].reason


def test_truncated_geopackage_is_a_message_not_a_database_error(tmp_path: Path):
    path = make_future_works_gpkg(tmp_path / "fwp.gpkg")
    data = path.read_bytes()
    for name, cut in (
        ("half.gpkg", data[: len(data) // 2]),
        ("head.gpkg", data[:2000]),
        ("junk.gpkg", b"x" * 5000),
    ):
        bad = tmp_path / name
        bad.write_bytes(cut)
        store = Store(tmp_path / f"s-{name}")
        with pytest.raises(InputError, match=name.replace(".", r"\.")):
            import_forward_plan(store, bad)
        assert store.count("works") == 0


def _set_srs(
    path: Path, srs_id: int, org: str | None = None, code: int | None = None, definition: str = ""
) -> None:
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT OR REPLACE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id,"
        " definition) VALUES ('test', ?, ?, ?, ?)",
        (srs_id, org, code, definition),
    )
    conn.execute("UPDATE gpkg_geometry_columns SET srs_id = ? WHERE table_name = 'networklink'", (srs_id,))
    conn.commit()
    conn.close()


def test_unknown_srs_id_is_a_message_naming_it(tmp_path: Path):
    path = make_future_works_gpkg(tmp_path / "fwp.gpkg")
    _set_srs(path, 990001, "NONE", 990001, "not a CRS at all")
    with pytest.raises(InputError, match=r"fwp\.gpkg.*srs_id 990001.*not one the projection database knows"):
        list(read_forward_plan(path))
    other = make_future_works_gpkg(tmp_path / "other.gpkg")
    conn = sqlite3.connect(other)
    conn.execute("UPDATE gpkg_geometry_columns SET srs_id = 123456789 WHERE table_name = 'networklink'")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match=r"other\.gpkg.*srs_id 123456789"):
        list(read_forward_plan(other))


def _add_link(path: Path, fid: int, geometry: shapely.Geometry) -> None:
    (blob,) = gpkg.encode_geometries([geometry])
    conn = sqlite3.connect(path)
    gpkg.register_functions(conn)
    conn.execute(
        "INSERT INTO networklink VALUES (?, ?, 1, 'telecoms', 'open_cut', NULL, NULL, 'low', NULL, 'proposed')",
        (fid, blob),
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("big", [1e150, 1e308, -1e200, 3e6])
def test_absurd_coordinates_in_a_plan_geopackage_are_rejects(tmp_path: Path, monkeypatch, big):
    path = make_future_works_gpkg(tmp_path / "fwp.gpkg")

    # QGIS' system GEOS overflows its stack formatting such coordinates as WKT: the reader
    # must screen them without ever writing a geometry as WKT
    def no_wkt(*args, **kwargs):
        raise AssertionError("a geometry was formatted as WKT")

    monkeypatch.setattr(shapely.geometry.base.BaseGeometry, "wkt", property(no_wkt))
    monkeypatch.setattr(shapely, "to_wkt", no_wkt)
    _add_link(path, 3, shapely.LineString([(529000, 182000), (big, 182000)]))
    _add_link(path, 4, shapely.Point(big, big))
    items = list(read_forward_plan(path))
    rejects = {i.record: i for i in items if isinstance(i, Reject)}
    assert {"fwp:3", "fwp:4"} <= set(rejects)
    assert all("coordinates" in rejects[r].reason for r in ("fwp:3", "fwp:4"))
    assert sum(isinstance(i, Feature) for i in items) == 1


def test_absurd_coordinates_in_another_crs_are_rejects(tmp_path: Path):
    path = make_future_works_gpkg(tmp_path / "fwp.gpkg")
    _set_srs(path, 4326, "EPSG", 4326)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM networklink")
    conn.commit()
    conn.close()
    _add_link(path, 1, shapely.LineString([(-0.13, 51.52), (-0.12, 51.52)]))
    _add_link(path, 2, shapely.LineString([(-0.13, 51.52), (1e150, 51.52)]))
    _add_link(path, 3, shapely.Point(-0.13, 951.0))
    items = {
        i.record if isinstance(i, Reject) else i.values["permit_ref"]: i for i in read_forward_plan(path)
    }
    assert isinstance(items["plan:fwp:1"], Feature)
    x, y = items["plan:fwp:1"].geometry.coords[0]
    assert 529_000 < x < 530_500 and 181_000 < y < 183_000
    assert isinstance(items["fwp:2"], Reject) and isinstance(items["fwp:3"], Reject)


def test_absurd_coordinates_in_a_plan_csv_are_rejects(tmp_path: Path):
    plan = write_csv(
        tmp_path / "plan.csv",
        [row(), row(plan_ref="BIG", wkt="POINT(1e150 182000)"), row(plan_ref="INF", wkt="POINT(inf 182000)")],
    )
    items = list(read_forward_plan(plan))
    assert [i.record for i in items if isinstance(i, Reject)] == ["BIG", "INF"]


def test_a_date_gdal_cannot_parse_in_a_plan_geopackage_is_a_reject_naming_it(tmp_path: Path):
    # GDAL alone reads '31/02/2027' in a DATE column as NULL: the link would be imported undated
    path = make_future_works_gpkg(tmp_path / "fwp.gpkg")
    conn = sqlite3.connect(path)
    gpkg.register_functions(conn)  # the rtree triggers call ST_IsEmpty
    conn.execute("UPDATE networklink SET plannedstartdate = '31/02/2027' WHERE fid = 1")
    conn.commit()
    conn.close()
    rejects = {i.record: i for i in read_forward_plan(path) if isinstance(i, Reject)}
    assert rejects["fwp:1"].field == "start_date" and "31/02/2027" in rejects["fwp:1"].reason


# --- a newer plan file replaces the plan it supersedes ----------------------------------------


def plan_refs(store: Store) -> set[str]:
    return {r["permit_ref"] for r in store.rows("works") if r["source"] == "plan"}


def street_manager_permits(store: Store) -> list[dict]:
    """Two Street Manager permits merged into ``store`` as their import writes them; returns
    their rows as the store holds them."""
    permits = [
        Feature(
            "works",
            {"permit_ref": ref, "promoter": "BT", "source": "streetmanager", "work_status": "in_progress"},
            shapely.Point(529005 + i, 182010),
            "2026-03-01T00:00:00Z",
        )
        for i, ref in enumerate(("BT-001-A", "plan-BT-002"))
    ]
    store.merge_works(permits, kind="streetmanager", source="permit_2026_03.zip")
    return store.rows("works", geometry=True)


def test_a_plan_imported_again_without_a_link_leaves_that_link_out_of_the_store(tmp_path: Path):
    plan = write_csv(tmp_path / "plan.csv", [row(plan_ref=f"TW-{i}") for i in range(1, 5)])
    store = Store(tmp_path / "s.gpkg")
    import_forward_plan(store, plan)
    write_csv(plan, [row(plan_ref=f"TW-{i}") for i in range(1, 4)])  # TW-4 dropped from the plan
    result = import_forward_plan(store, plan)
    assert result.imported == 3
    assert plan_refs(store) == {"plan:TW-1", "plan:TW-2", "plan:TW-3"}


def test_a_renamed_newer_plan_geopackage_replaces_the_older_one(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    import_forward_plan(store, write_links(tmp_path / "forward_plan_2026-04.gpkg", 6))
    result = import_forward_plan(store, write_links(tmp_path / "forward_plan_2026-05.gpkg", 5))
    assert result.imported == 5
    assert plan_refs(store) == {f"plan:forward_plan_2026-05:{fid}" for fid in range(1, 6)}


def test_a_plan_that_replaces_another_file_names_it_in_its_message(tmp_path: Path):
    """Two files whose names differ only in numbers are one plan: the planner is told which
    file the import replaced, so a phase wrongly taken for a newer version is seen at once."""
    store = Store(tmp_path / "s.gpkg")
    import_forward_plan(store, write_links(tmp_path / "fibre_plan_2026-04.gpkg", 3))
    first = import_forward_plan(store, write_links(tmp_path / "fibre_plan_2026-05.gpkg", 3))
    assert "replaces the plan imported from fibre_plan_2026-04.gpkg" in first.message
    (tmp_path / "fibre_plan_2026-05.gpkg").unlink()
    again = import_forward_plan(store, write_links(tmp_path / "fibre_plan_2026-05.gpkg", 4))
    assert "replaces the plan imported from" not in again.message  # the same file, newer
    other = import_forward_plan(store, write_links(tmp_path / "duct_plan.gpkg", 2))
    assert "replaces the plan" not in other.message


def test_a_plan_cut_to_a_third_is_refused_naming_file_and_figures_unless_replace_anyway(tmp_path: Path):
    plan = write_csv(tmp_path / "plan.csv", [row(plan_ref=f"TW-{i}") for i in range(6)])
    store = Store(tmp_path / "s.gpkg")
    import_forward_plan(store, plan)
    write_csv(plan, [row(plan_ref=f"TW-{i}") for i in range(2)])
    before = store.path.read_bytes()
    with pytest.raises(ReplaceRefused) as refused:
        import_forward_plan(store, plan)
    message = str(refused.value)
    assert str(plan) in message and "has 2 rows" in message and "holds 6" in message
    assert "remove 4" in message and "REPLACE=true" in message
    assert store.path.read_bytes() == before, "a refused plan changed the store"
    result = import_forward_plan(store, plan, force_replace=True)
    assert result.imported == 2 and plan_refs(store) == {"plan:TW-0", "plan:TW-1"}


def test_plan_imports_never_touch_street_manager_permits(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    permits = street_manager_permits(store)
    plan = write_csv(tmp_path / "plan_2026-04.csv", [row(plan_ref=f"TW-{i}") for i in range(4)])
    import_forward_plan(store, plan)
    import_forward_plan(store, write_links(tmp_path / "plan_2026-05.gpkg", 4))  # a newer plan
    empty = write_csv(tmp_path / "plan_2026-06.csv", [])
    import_forward_plan(store, empty, force_replace=True)  # even an empty plan forced through
    assert plan_refs(store) == set()
    assert store.rows("works", geometry=True) == permits


def test_two_plans_whose_names_differ_in_more_than_numbers_are_both_kept(tmp_path: Path):
    # passes before plans replaced anything too: it guards the data set rule against removing
    # a utility's other plan
    store = Store(tmp_path / "s.gpkg")
    import_forward_plan(store, write_links(tmp_path / "fibre_plan_2026.gpkg", 3))
    import_forward_plan(store, write_csv(tmp_path / "duct_plan_2026.csv", [row(plan_ref="D-1")]))
    assert plan_refs(store) == {"plan:D-1", *(f"plan:fibre_plan_2026:{fid}" for fid in range(1, 4))}


def test_a_plan_renamed_beyond_its_numbers_still_replaces_the_plan_whose_refs_it_lists(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    import_forward_plan(store, write_csv(tmp_path / "april.csv", [row(plan_ref=f"TW-{i}") for i in range(4)]))
    newer = write_csv(tmp_path / "may.csv", [row(plan_ref=f"TW-{i}") for i in range(1, 4)])
    result = import_forward_plan(store, newer)
    assert plan_refs(store) == {"plan:TW-1", "plan:TW-2", "plan:TW-3"}
    assert "plan:april" in result.message  # says which earlier plan it replaced


def test_plan_scope_is_the_file_name_without_numbers():
    assert plan_scope("/x/Forward_Plan_2026-05.gpkg") == plan_scope("forward plan.csv") == "plan:forward plan"
    assert plan_scope("fibre_plan.gpkg") != plan_scope("duct_plan.gpkg")


def test_an_older_plan_imported_again_after_a_newer_one_is_the_plan_again(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    april = write_links(tmp_path / "forward_plan_2026-04.gpkg", 4)
    import_forward_plan(store, april)
    import_forward_plan(store, write_links(tmp_path / "forward_plan_2026-05.gpkg", 3))
    result = import_forward_plan(store, april)  # the file imported last wins
    assert not result.unchanged
    assert plan_refs(store) == {f"plan:forward_plan_2026-04:{fid}" for fid in range(1, 5)}
