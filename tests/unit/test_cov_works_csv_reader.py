"""read_works_csv on the CSV mistakes a planner's own works file holds: each refused with a
sentence naming the column or line, or kept as a row whose geometry says why it is missing."""

from __future__ import annotations

import pytest
import shapely

from dig_once.plugin.core.errors import InputError, SchemaError
from dig_once.plugin.sources.streetmanager import BadValue
from dig_once.plugin.sources.works_files import read_works_csv


def csv_file(tmp_path, text: str, name: str = "works.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_refused(tmp_path, text: str, error: type[Exception], match: str, **options) -> None:
    """read_works_csv(``options``) refuses a file holding ``text`` with ``error`` matching ``match``."""
    path = csv_file(tmp_path, text)
    with pytest.raises(error, match=match):
        read_works_csv(path, **options)


def test_x_and_y_columns_give_points_and_say_which_value_is_not_a_number(tmp_path):
    path = csv_file(
        tmp_path,
        "ref,e,n\nA,530000,180000\nB,530010,north\nC,,180000\n",
    )
    table = read_works_csv(path, mapping={"id": "ref"}, x_field="e", y_field="n")
    (_, a), (_, b), (_, c) = table.records
    assert a.equals(shapely.Point(530000, 180000))
    assert isinstance(b, BadValue) and b.field == "n" and "not a number: 'north'" in b.reason
    assert isinstance(c, BadValue) and c.field == "e" and c.reason == "missing coordinate"
    assert table.geometry_from == "X/Y columns e, n" and table.record_ids == ["line 2", "line 3", "line 4"]


def test_only_one_of_x_and_y_is_refused(tmp_path):
    assert_refused(
        tmp_path, "ref,e,n\nA,530000,180000\n", SchemaError, "give both the X and the Y column", x_field="e"
    )


def test_a_column_named_twice_is_refused_naming_both_positions(tmp_path):
    text = "ref,wkt,ref\nA,POINT (530000 180000),B\n"
    assert_refused(tmp_path, text, SchemaError, r"column 'ref' appears twice \(columns 1 and 3\)")


def test_an_empty_file_and_a_file_without_geometry_columns_are_refused(tmp_path):
    with pytest.raises(SchemaError, match="the file is empty"):
        read_works_csv(csv_file(tmp_path, "", "empty.csv"))
    with pytest.raises(SchemaError, match="no geometry column.*ref, owner"):
        read_works_csv(csv_file(tmp_path, "ref,owner\nA,Gas\n", "nogeom.csv"))


def test_a_mapped_column_the_file_lacks_is_refused_naming_the_file_columns(tmp_path):
    path = csv_file(tmp_path, "ref,wkt\nA,POINT (530000 180000)\n")
    with pytest.raises(SchemaError, match="'permit' is not in the file; its columns are: ref, wkt"):
        read_works_csv(path, mapping={"id": "permit"})
    table = read_works_csv(path, mapping={"id": "ref"})
    with pytest.raises(SchemaError, match=r"mapped column 'owner_name' \(owner\) is not in the file"):
        table.with_mapping({"id": "ref", "owner": "owner_name"})
    assert table.with_mapping({"id": "ref", "wkt": "wkt"}).mapping == {"id": "ref"}


def test_an_unknown_crs_is_refused_naming_it(tmp_path):
    text = "ref,wkt\nA,POINT (530000 180000)\n"
    assert_refused(
        tmp_path, text, InputError, "unknown coordinate reference system 'EPSG:999999'", crs="EPSG:999999"
    )


def test_a_row_cut_short_is_rejected_by_its_reference_and_line(tmp_path):
    path = csv_file(tmp_path, "ref,owner,wkt\nA,Gas,POINT (530000 180000)\nB,Water\n")
    table = read_works_csv(path, mapping={"id": "ref"})
    assert len(table.records) == 1
    ((rej),) = table.rejects
    assert (rej.record, rej.field) == ("B", "row")
    assert "line 3 has 2 fields, the header has 3" in rej.reason


def test_an_ewkt_srid_no_grid_knows_is_the_rows_reason(tmp_path):
    path = csv_file(
        tmp_path,
        'ref,wkt\nA,"SRID=4326;POINT (-0.1276 51.5072)"\nB,"SRID=999999;POINT (1 2)"\n'
        'C,"SRID=4326;POINT (1e30 1e30)"\n',
    )
    table = read_works_csv(path, mapping={"id": "ref"})
    (_, a), (_, b), (_, c) = table.records
    assert a.x == pytest.approx(530_000, abs=500) and a.y == pytest.approx(180_500, abs=500)
    assert isinstance(b, BadValue) and "unknown SRID 999999" in b.reason
    assert isinstance(c, BadValue) and "far outside any grid" in c.reason
