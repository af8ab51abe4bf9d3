"""Street Manager field quirks, one table row per quirk (DOMAIN.md section 2)."""

from __future__ import annotations

import pytest

from dig_once.plugin.sources import streetmanager as sm


@pytest.mark.parametrize(
    ("text", "wkt"),
    [
        ("POINT(527155.33 182227.95)", "POINT (527155.33 182227.95)"),
        (
            "LINESTRING(501251.53 222574.64,501305.92 222506.65)",
            "LINESTRING (501251.53 222574.64, 501305.92 222506.65)",
        ),
        ("POLYGON((0 0,10 0,10 10,0 0))", "POLYGON ((0 0, 10 0, 10 10, 0 0))"),
        ("Point: 527155.33,182227.95", "POINT (527155.33 182227.95)"),
        ("point:527155 182227", "POINT (527155 182227)"),
        ("SRID=27700;POINT(527155 182227)", "POINT (527155 182227)"),
    ],
)
def test_geometry_forms(text, wkt):
    assert sm.parse_geometry(text, "g").wkt == wkt


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (None, "missing"),
        ("", "missing"),
        ("POINT(1 2", "unparseable"),
        ("POINT EMPTY", "empty"),
        ("POINT(nan 182227)", "NaN"),
        ("POINT(-0.12 51.5)", "longitude/latitude"),  # lon/lat, not BNG
        ("POINT(527155 9182227)", "outside British National Grid"),
        (12, "not WKT"),
    ],
)
def test_bad_geometries(text, reason):
    with pytest.raises(sm.BadValue, match=reason) as info:
        sm.parse_geometry(text, "works_location_coordinates")
    assert info.value.field == "works_location_coordinates"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-04-01T23:00:00.000Z", "2026-04-02"),  # midnight BST is 23:00Z the day before
        ("2026-01-15T00:00:00.000Z", "2026-01-15"),  # GMT: same day
        ("2026-10-24T23:00:00Z", "2026-10-25"),  # last BST night
        ("2026-10-25T23:00:00Z", "2026-10-25"),  # first GMT night: 23:00 London
        ("2026-03-05", "2026-03-05"),
        (None, None),
        ("", None),
    ],
)
def test_london_dates(value, expected):
    assert sm.parse_london_date({"d": value}, "d") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13:50", "13:50"),
        ("9:05", "09:05"),
        ("2020-06-10T13:50:00.000Z", "14:50"),  # BST
        ("2020-01-10T13:50:00.000Z", "13:50"),  # GMT
        (None, None),
    ],
)
def test_start_time_forms(value, expected):
    assert sm.parse_time_of_day({"t": value}, "t") == expected


@pytest.mark.parametrize(
    ("parser", "value", "field"),
    [
        (sm.parse_time_of_day, "25:00", "t"),
        (sm.parse_london_date, "next tuesday", "t"),
        (sm.parse_utc, "2026-13-01T00:00:00Z", "t"),
        (sm.parse_usrn, "84OO713", "t"),
    ],
)
def test_unparseable_values_name_their_field(parser, value, field):
    with pytest.raises(sm.BadValue) as info:
        parser({field: value}, field)
    assert info.value.field == field


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Yes", True), ("No", False), ("YES", True), ("no ", False), (True, True), (None, None)],
)
def test_yes_no(value, expected):
    assert sm.parse_yes_no({"b": value}, "b") is expected


@pytest.mark.parametrize(
    ("value", "allowed", "expected"),
    [
        ("Cycleway, Footpath", sm.LOCATION_TYPES, "cycleway,footpath"),
        ("bus stop or stand", sm.LOCATION_TYPES, "bus_stop_or_stand"),
        ("NCT01a, NCT01b, NCT11a", None, "NCT01a,NCT01b,NCT11a"),
        (["footway", "verge"], sm.LOCATION_TYPES, "footway,verge"),
        ("", None, None),
    ],
)
def test_comma_lists(value, allowed, expected):
    assert sm.parse_list({"l": value}, "l", allowed) == expected


def test_unknown_list_value_is_kept_with_a_warning():
    warnings: list = []
    assert sm.parse_list({"l": "Footway, Moon"}, "l", sm.LOCATION_TYPES, warnings) == "footway,moon"
    assert warnings == [("l", "Moon", "not in the code list, kept as 'moon'")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"work_category_ref": "standard"}, "standard"),
        ({"work_category_ref": "Immediate_Emergency"}, "immediate_emergency"),
        ({"work_category": "Major"}, "major"),  # display text only
        ({}, None),
    ],
)
def test_codes(data, expected):
    assert sm.checked_code(data, "work_category_ref", sm.WORK_CATEGORIES, "work_category") == expected


def test_unknown_code_is_kept_with_a_warning_naming_its_field():
    warnings: list = []
    value = sm.checked_code(
        {"work_category_ref": "gigantic"}, "work_category_ref", sm.WORK_CATEGORIES, None, warnings
    )
    assert value == "gigantic"
    assert warnings == [("work_category_ref", "gigantic", "not in the code list, kept as 'gigantic'")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("8401426", "8401426"), (8401426, "8401426"), (8401426.0, "8401426"), (None, None)],
)
def test_usrn_is_a_string(value, expected):
    assert sm.parse_usrn({"usrn": value}) == expected


@pytest.mark.parametrize(
    ("name", "london"),
    [
        ("LONDON BOROUGH OF CAMDEN", True),
        ("london borough of  camden ", True),
        ("Transport for London (TfL)", True),
        ("City of London Corporation", True),
        ("KENT COUNTY COUNCIL", False),
        (None, False),
    ],
)
def test_london_filter_normalises_case_and_spaces(name, london):
    assert sm.is_london(sm.normalise_authority(name)) is london


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("2026-01-01T00:00:00.000000Z", 9), ("2026-01-01T00:00:00.000000Z", 10)),  # numeric, not text, order
        (("2026-01-01T00:00:00.000000Z", "999"), ("2026-01-01T00:00:01.000000Z", "1")),  # time first
        (("2026-01-01T00:00:00.000000Z", "abc"), ("2026-01-01T00:00:00.000000Z", "abd")),
    ],
)
def test_event_order(a, b):
    assert sm.event_sort_key(*a) < sm.event_sort_key(*b)


def test_event_time_normalised_to_fixed_width_utc():
    assert sm.parse_utc({"t": "2026-06-01T10:00:00+01:00"}, "t") == "2026-06-01T09:00:00.000000Z"
    assert sm.parse_utc({"t": "2026-06-01T09:00:00.5Z"}, "t") == "2026-06-01T09:00:00.500000Z"


@pytest.mark.parametrize("value", ["WORK_START", "work-start", "Work_Start"])
def test_object_kind_spellings(value):
    assert sm.object_kind(value) == "WORK_START"
