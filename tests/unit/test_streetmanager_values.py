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


def _values_by_the_parsers(data: dict, warnings: list) -> dict:
    """The works values as the field parsers give them, one by one (what works_values did
    before its fast paths): the reference its fast paths are held to."""
    start = sm.parse_london_date(data, "proposed_start_date")
    end = sm.parse_london_date(data, "proposed_end_date")
    if start and end and end < start:
        raise sm.BadValue("proposed_end_date", f"end {end} before start {start}")
    return {
        "work_ref": data.get("work_reference_number"),
        "promoter": data.get("promoter_organisation"),
        "promoter_swa": sm._str(data.get("promoter_swa_code")),
        "highway_authority": sm.normalise_authority(data.get("highway_authority")),
        "highway_authority_swa": sm._str(data.get("highway_authority_swa_code")),
        "street_name": data.get("street_name"),
        "area_name": data.get("area_name"),
        "town": data.get("town"),
        "usrn": sm.parse_usrn(data),
        "road_category": sm._str(data.get("road_category")),
        "category": sm.checked_code(data, "work_category_ref", sm.WORK_CATEGORIES, "work_category", warnings),
        "work_status": sm.checked_code(data, "work_status_ref", sm.WORK_STATUSES, "work_status", warnings),
        "permit_status": sm.checked_code(data, "permit_status", sm.PERMIT_STATUSES, None, warnings),
        "tm_type": sm.checked_code(
            data,
            "traffic_management_type_ref",
            sm.TRAFFIC_MANAGEMENT_TYPES,
            "traffic_management_type",
            warnings,
        ),
        "activity_type": sm.checked_code(data, "activity_type", sm.ACTIVITY_TYPES, None, warnings),
        "location_types": sm.parse_list(data, "works_location_type", sm.LOCATION_TYPES, warnings),
        "start_date": start,
        "end_date": end,
        "start_time": sm.parse_time_of_day(data, "proposed_start_time"),
        "end_time": sm.parse_time_of_day(data, "proposed_end_time"),
        "actual_start": sm.parse_utc(data, "actual_start_date_time")
        or sm.parse_utc(data, "actual_start_date"),
        "actual_end": sm.parse_utc(data, "actual_end_date_time") or sm.parse_utc(data, "actual_end_date"),
        "traffic_sensitive": sm.parse_yes_no(data, "is_traffic_sensitive", warnings),
        "ttro_required": sm.parse_yes_no(data, "is_ttro_required", warnings),
        "deemed": sm.parse_yes_no(data, "is_deemed", warnings),
        "collaborative": sm.parse_yes_no(data, "collaborative_working", warnings),
        "collaboration_type": sm.checked_code(
            data, "collaboration_type_ref", sm.COLLABORATION_TYPES, "collaboration_type", warnings
        ),
        "permit_conditions": sm.parse_list(data, "permit_conditions"),
    }


#: Values of every form a field takes: the common ones works_values answers itself, and the
#: others it hands to the field's parser (each twice: the second meets what the first cached).
ODD_VALUES = [
    {},
    {"works_location_type": ["Footway", "Verge"], "permit_conditions": ["NCT01a", " NCT02 "]},
    {"works_location_type": "Footway, Moon", "permit_conditions": ""},
    {"works_location_type": "Not provided, Footway", "is_deemed": True, "is_ttro_required": "yes"},
    {"is_traffic_sensitive": "Not provided", "collaborative_working": "", "is_deemed": None},
    {"usrn": 8400713, "road_category": 2, "promoter_swa_code": 7001, "highway_authority_swa_code": 5210},
    {"usrn": " 8400713 ", "highway_authority": "  LONDON  BOROUGH OF CAMDEN "},
    {"usrn": "٨٤٠٠", "highway_authority": "", "street_name": "", "town": None},
    {"usrn": "84-00"},
    {"proposed_start_time": "2026-03-09T09:30:00.000Z", "proposed_end_time": "7:05"},
    {"proposed_start_time": "", "proposed_end_time": "25:00"},
    {"proposed_start_date": "2026-03-09", "proposed_end_date": "2026-03-31T23:30:00.000Z"},
    {"proposed_start_date": "9 March", "proposed_end_date": ""},
    {"proposed_start_date": "2026-03-20T00:00:00.000Z", "proposed_end_date": "2026-03-09T00:00:00.000Z"},
    {"actual_start_date_time": "2026-03-09T09:30:00+01:00", "actual_end_date_time": ""},
    {"actual_start_date_time": None, "actual_start_date": "2020-06-01T08:00:00.000Z", "actual_end_date": "x"},
    {"actual_end_date_time": "not a time"},
    {"work_category_ref": None, "work_category": "Major (PAA)", "work_status_ref": "", "work_status": None},
    {"work_category_ref": "Standard", "permit_status": "Not provided", "activity_type": "Section 58"},
    {"traffic_management_type_ref": None, "traffic_management_type": "Stop/Go boards"},
    {"collaboration_type_ref": None, "collaboration_type": "Other"},
    {"collaboration_type_ref": "brand_new_type", "activity_type": "Hovercraft works"},
]


@pytest.mark.parametrize("change", ODD_VALUES)
def test_works_values_fast_paths_give_what_the_field_parsers_give(change):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from sm_fixtures import permit_event

    data = permit_event(1, "P-01", **change)["object_data"]
    for _ in range(2):
        expected, expected_warnings, got, got_warnings = None, [], None, []
        try:
            expected = _values_by_the_parsers(data, expected_warnings)
        except sm.BadValue as bad:
            expected = (bad.field, bad.reason)
        try:
            got = sm.works_values(data, got_warnings)
        except sm.BadValue as bad:
            got = (bad.field, bad.reason)
        typed = lambda v: {k: (type(x), x) for k, x in v.items()} if isinstance(v, dict) else v  # noqa: E731
        assert typed(got) == typed(expected)  # True is not 1: types compared too
        assert got_warnings == expected_warnings
