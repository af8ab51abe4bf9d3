"""The reader's fast path for the common permit event gives the very records the full rules
give: the same feature (values, geometry, sort key), the same store row, the same reject, the
same counts and warnings; and anything unusual goes to the full rules."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from sm_fixtures import permit_event, section58_event, write_archive

from dig_once.plugin.sources import streetmanager as sm
from dig_once.plugin.sources.safezip import SafeZip
from dig_once.plugin.store.store import MERGED_WORKS_LAYERS, WORKS_TABLE, Feature, Reject, RowBuilder


def full_rules(event, source_file="m.json", london_only=False):
    """What the full rules make of one event, and the warnings they note."""
    out = sm._prepare_event(event, source_file, london_only)
    if out.__class__ is not sm._Pending:
        return out, []
    try:
        geometry = sm.parse_geometry(out.geometry_text, out.geometry_field)
    except sm.BadValue as bad:
        geometry = bad
    return sm._finish_event(out, geometry), out.warnings


def fast(event, source_file="m.json", london_only=False):
    row = sm._fast_permit(event, source_file, london_only)
    if row is None:
        return None
    (row.geometry,) = sm.parse_geometries([row.geometry_text], [row.geometry_field])
    return row


def store_rows(add) -> list:
    builder = RowBuilder(MERGED_WORKS_LAYERS)
    add(builder)
    return builder.take(WORKS_TABLE)


def test_a_permit_event_as_street_manager_writes_it_takes_the_fast_path_to_the_same_feature():
    event = permit_event(26115206796, "TW-01", actual_start_date_time="2026-03-09T09:31:00.000Z")
    row = fast(event)
    assert row is not None
    expected, warnings = full_rules(event)
    assert warnings == []
    got = row.feature()
    assert got.values == expected.values and list(got.values) == list(expected.values)
    assert got.sort_key == expected.sort_key
    assert shapely.equals_exact(got.geometry, expected.geometry, 0)


def test_the_fast_row_is_the_store_row_the_full_rules_make():
    event = permit_event("77", "TW-02", permit_conditions=None, usrn=8400713, road_category=4)
    row = fast(event)
    expected, _ = full_rules(event)
    by_fast = store_rows(lambda b: b.add_values(WORKS_TABLE, row.values, row.sort_key, row.geometry))
    by_rules = store_rows(lambda b: b.add(expected))
    assert by_fast == by_rules


@pytest.mark.parametrize(
    "change",
    [
        {"work_category_ref": "Not provided", "work_category": "Not provided"},  # a warning
        {"activity_type": "Moon landing"},  # a code not in the list: kept with a warning
        {"works_location_type": "Carriageway, Moon"},
        {"is_deemed": "Maybe"},
        {"usrn": "84A"},  # refused
        {"proposed_end_date": "2026-03-01T00:00:00.000Z"},  # ends before it starts
        {"proposed_start_time": "25:99"},
        {"promoter_organisation": 7001},  # a number where text belongs
        {"work_category_ref": None, "work_category": "Standard"},  # only the display text
    ],
)
def test_an_event_the_full_rules_would_warn_about_or_refuse_leaves_the_fast_path(change):
    assert fast(permit_event(1, "TW-03", **change)) is None


@pytest.mark.parametrize(
    "event",
    [
        section58_event(2, "S58-1"),
        {**permit_event(3, "TW-04"), "object_type": "permit"},
        {**permit_event(4, "TW-05"), "event_reference": " "},
        {**permit_event(5, "TW-06"), "event_time": "yesterday"},
        {"Type": "Notification", "Message": json.dumps(permit_event(6, "TW-07"))},
    ],
)
def test_other_objects_spellings_and_envelopes_leave_the_fast_path(event):
    assert fast(event) is None


def test_outside_london_leaves_the_fast_path_when_london_only():
    event = permit_event(8, "KE-01", highway_authority="KENT COUNTY COUNCIL")
    assert fast(event, london_only=True) is None
    assert fast(event, london_only=False) is not None
    assert fast(permit_event(9, "TW-09"), london_only=True) is not None


# values a field may hold: as Street Manager writes them, and the odd ones the rules handle
CODES = st.sampled_from(
    ["standard", "major", "Standard", "Not provided", "not_provided", "Brand new", "", None, 5, " planned "]
)
DATES = st.sampled_from(
    ["2026-03-09T00:00:00.000Z", "2026-03-01", "2026-03-20T00:00:00.000Z", "soon", "", None, 20260301]
)
STAMPS = st.sampled_from(
    ["2026-03-09T09:31:00.000Z", "2026-03-09T09:31:00Z", "2026-03-09T09:31:00+01:00", "bad", "", None, 7]
)
YES_NO = st.sampled_from(["Yes", "No", "yes", "Not provided", "", None, True])
TEXT = st.sampled_from(["EUSTON ROAD", "", None, 5, "  CAMDEN  TOWN "])
FIELDS = {
    "work_category_ref": CODES,
    "work_category": CODES,
    "work_status_ref": st.sampled_from(["planned", "in_progress", "Planned", "Moon", None, ""]),
    "permit_status": st.sampled_from(["granted", "Granted", "closed", "Not provided", None, 3]),
    "traffic_management_type_ref": st.sampled_from(["two_way_signals", "Road closure", "Not provided", None]),
    "activity_type": st.sampled_from(
        ["Utility repair and maintenance works", "Section 58", "Moon", None, ""]
    ),
    "collaboration_type_ref": st.sampled_from(["other", "Other", "Moon", None]),
    "collaboration_type": st.sampled_from(["Other", None, "Moon"]),
    "works_location_type": st.sampled_from(
        ["Carriageway, Footway", "Carriageway, Moon", "Not provided", "", None, ["Carriageway"]]
    ),
    "permit_conditions": st.sampled_from(["NCT01a, NCT11a", "", None, ["NCT01a"], " , "]),
    "proposed_start_date": DATES,
    "proposed_end_date": DATES,
    "proposed_start_time": st.sampled_from(["09:30", "9:30", "2026-03-01T13:50:00.000Z", "25:00", None, ""]),
    "proposed_end_time": st.sampled_from(["17:00", None, "noon"]),
    "actual_start_date_time": STAMPS,
    "actual_start_date": STAMPS,
    "actual_end_date_time": STAMPS,
    "is_traffic_sensitive": YES_NO,
    "is_ttro_required": YES_NO,
    "is_deemed": YES_NO,
    "collaborative_working": YES_NO,
    "usrn": st.sampled_from(["8400713", " 8400713 ", "84a", 8400713, 8400713.0, -5, "", None]),
    "road_category": st.sampled_from(["2", 2, "", None, 2.5]),
    "promoter_swa_code": st.sampled_from(["7001", 7001, "", None]),
    "highway_authority": st.sampled_from(
        ["LONDON BOROUGH OF CAMDEN", " CITY OF  WESTMINSTER ", "KENT COUNTY COUNCIL", "", None, 5]
    ),
    "highway_authority_swa_code": st.sampled_from(["5210", "0020", 5990, "", None, "x"]),
    "street_name": TEXT,
    "area_name": TEXT,
    "town": TEXT,
    "work_reference_number": TEXT,
    "promoter_organisation": TEXT,
    "permit_reference_number": st.sampled_from(["TW-01", "", None, 17]),
    "works_location_coordinates": st.sampled_from(
        [
            "LINESTRING(529500.5 182500.25,529560 182540)",
            "SRID=27700;POINT(529500 182500)",
            "POINT(-0.1 51.5)",
            "POINT(1 2 3",
            "Point: 529500, 182500",
            "",
            None,
            5,
        ]
    ),
}
ENVELOPE = {
    "event_reference": st.sampled_from([1, "1", " 7 ", " ", "", None, True, 1.5, "ABC-9"]),
    "object_type": st.sampled_from(["PERMIT", "PERMIT", "permit", "SECTION_58", "ACTIVITY"]),
    "event_time": STAMPS,
    "object_reference": st.sampled_from(["TW-01", None, ""]),
}


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.fixed_dictionaries({}, optional=FIELDS),
    envelope=st.fixed_dictionaries({}, optional=ENVELOPE),
    london_only=st.booleans(),
)
def test_whatever_the_values_the_fast_path_gives_what_the_full_rules_give_or_leaves_the_event_to_them(
    changes, envelope, london_only
):
    event = permit_event(1, "TW-01")
    event["object_data"].update(changes)
    event.update(envelope)
    row = fast(event, london_only=london_only)
    expected, warnings = full_rules(event, london_only=london_only)
    typed_agrees_with_the_dict_path(event, london_only, row, expected)
    if row is None:
        return
    if row.geometry.__class__ is sm.BadValue:  # the reject _emit makes of it
        assert expected == Reject("m.json", row.record, row.geometry.field, row.geometry.reason)
        return
    assert expected.__class__ is Feature and warnings == []
    got = row.feature()
    assert got.values == expected.values and got.sort_key == expected.sort_key
    assert shapely.equals_exact(got.geometry, expected.geometry, 0)
    by_fast = store_rows(lambda b: b.add_values(WORKS_TABLE, row.values, row.sort_key, row.geometry))
    assert by_fast == store_rows(lambda b: b.add(expected))


def typed_agrees_with_the_dict_path(event, london_only, row, expected):
    """The member's decode by type gives the dict fast path's row, or the full rules' skip, or
    leaves the member to them (None); it never gives something else."""
    typed = sm._typed_event(json.dumps(event).encode(), "m.json", london_only)
    if typed is None:
        return
    if typed.__class__ is sm._Skip:
        assert typed == expected
        return
    assert row is not None
    assert (typed.values, typed.sort_key, typed.record, typed.geometry_text) == (
        row.values,
        row.sort_key,
        row.record,
        row.geometry_text,
    )


def _mixed_events() -> list[dict]:
    events = []
    for k in range(300):
        changes = {}
        if k % 7 == 0:
            changes["activity_type"] = "Moon landing"  # kept with a warning
        if k % 11 == 0:
            changes["usrn"] = "84A"  # refused
        if k % 13 == 0:
            changes["works_location_coordinates"] = "POINT(-0.1 51.5)"  # refused for its geometry
        events.append(
            permit_event(1000 + k, f"TW-{k % 40:02d}", time=f"2026-03-01T09:{k % 60:02d}:00.000Z", **changes)
        )
        if k % 50 == 0:
            events.append(section58_event(5000 + k, f"S58-{k}"))
    return events


def test_a_read_gives_the_same_records_and_counts_with_or_without_the_fast_path(monkeypatch):
    contents = [(f"{e['event_reference']}.json", json.dumps(e).encode()) for e in _mixed_events()]

    def read():
        stats = sm.ReadStats()
        items = list(sm._read_events(contents, stats, False))
        return [
            (
                i.__class__,
                getattr(i, "values", None),
                getattr(i, "sort_key", None),
                repr(i) if i.__class__ is Reject else None,
            )
            for i in items
        ], stats

    fast_items, fast_stats = read()
    monkeypatch.setattr(sm, "_EVENT_DECODER", None)
    dict_items, dict_stats = read()
    assert (dict_items, dict_stats) == (fast_items, fast_stats)
    monkeypatch.setattr(sm, "_fast_permit", lambda *args: None)
    full_items, full_stats = read()
    assert fast_items == full_items
    assert fast_stats == full_stats
    assert fast_stats.warnings > 0 and fast_stats.rejected > 0 and fast_stats.restrictions > 0


def test_a_workers_part_stages_the_same_rows_with_or_without_the_fast_path(tmp_path, monkeypatch):
    archive = write_archive(tmp_path / "month.zip", _mixed_events())
    zipped = SafeZip(archive)

    def part():
        files, staged, stats, error = sm._parse_members(
            str(archive), zipped.label, zipped.limits, zipped.parts[0], zipped.count, "month.zip", False, True
        )
        assert error is None
        return files, staged.rows, staged.rejects, staged.records, stats

    with_fast = part()
    monkeypatch.setattr(sm, "_EVENT_DECODER", None)
    assert with_fast == part()
    monkeypatch.setattr(sm, "_fast_permit", lambda *args: None)
    assert with_fast == part()


@pytest.mark.parametrize("fails", [False, True], ids=["read", "read_failing"])
def test_a_workers_part_is_read_with_the_cyclic_collector_paused_and_resumed_after(
    tmp_path, monkeypatch, fails
):
    """A worker's rows and their values are new objects by the hundred thousand, none in a
    cycle: the collector's runs took 2-3 us of ~25 us an event. It is paused while a part is
    read and back on after, also when the read fails."""
    import gc

    archive = write_archive(tmp_path / "month.zip", _mixed_events())
    zipped = SafeZip(archive)
    seen = []
    read = sm._read_events

    def reading(*args, **kwargs):
        seen.append(gc.isenabled())
        if fails:
            raise RuntimeError("a worker's read failing")
        yield from read(*args, **kwargs)

    monkeypatch.setattr(sm, "_read_events", reading)
    assert gc.isenabled()
    with pytest.raises(RuntimeError) if fails else contextlib.nullcontext():
        files, staged, stats, error = sm._parse_members(
            str(archive), zipped.label, zipped.limits, zipped.parts[0], zipped.count, "month.zip", False, True
        )
        assert error is None and staged.records > 0
    assert seen == [False]
    assert gc.isenabled()


needs_msgspec = pytest.mark.skipif(sm._event_decoder() is None, reason="msgspec (optional) is not installed")


@needs_msgspec
def test_a_permit_member_is_decoded_by_type_to_the_dict_paths_row():
    event = permit_event(26115206796, "TW-01", actual_start_date_time="2026-03-09T09:31:00.000Z")
    typed = sm._typed_event(json.dumps(event).encode(), "m.json", False)
    row = sm._fast_permit(event, "m.json", False)
    assert typed.__class__ is sm._FastRow
    assert (typed.values, typed.sort_key, typed.geometry_text) == (
        row.values,
        row.sort_key,
        row.geometry_text,
    )


@pytest.mark.parametrize(
    "london_only, event, skip",
    [
        (True, permit_event(8, "KE-01", highway_authority="KENT COUNTY COUNCIL"), "outside_london"),
        (False, {**permit_event(9, "AC-01"), "object_type": "ACTIVITY"}, "other_objects"),
        (False, {**permit_event(10, "AC-02"), "object_type": None}, "other_objects"),
    ],
)
@needs_msgspec
def test_a_member_decoded_by_type_is_skipped_as_the_full_rules_skip_it(london_only, event, skip):
    typed = sm._typed_event(json.dumps(event).encode(), "m.json", london_only)
    expected, _ = full_rules(event, london_only=london_only)
    assert typed.__class__ is sm._Skip and typed.reason == skip
    assert typed == expected


@pytest.mark.parametrize(
    "content",
    [
        json.dumps([permit_event(1, "TW-01")]).encode(),  # a list of events
        json.dumps({"Type": "Notification", "Message": json.dumps(permit_event(6, "TW-07"))}).encode(),
        json.dumps(section58_event(2, "S58-1")).encode(),
        json.dumps({**permit_event(3, "TW-04"), "event_reference": True}).encode(),
        json.dumps(permit_event(4, "TW-05", usrn=8400713.0)).encode(),
        json.dumps(permit_event(5, "TW-06", street_name="CAMDEN \ud800 ROAD")).encode(),  # a lone surrogate
        b"\xef\xbb\xbf" + json.dumps(permit_event(7, "TW-08")).encode(),  # a BOM
        json.dumps(permit_event(11, "TW-11")).encode().replace(b"}", b", NaN: 1}", 1),
        b'{"event_reference": 12, "object_type": "PERMIT", "object_data": "x"}',
        # a blank reference is refused before the object type or the authority is looked at
        json.dumps(
            {**permit_event(13, "KE-02", highway_authority="KENT COUNTY COUNCIL"), "event_reference": " "}
        ).encode(),
        json.dumps({**permit_event(14, "AC-03"), "object_type": "ACTIVITY", "event_reference": ""}).encode(),
    ],
)
def test_members_the_typed_decode_does_not_take_as_they_are_are_parsed_as_before(content):
    assert sm._typed_event(content, "m.json", False) is None
    assert sm._typed_event(content, "m.json", True) is None


@needs_msgspec
def test_a_member_decoded_by_type_reads_as_json_does_duplicate_keys_and_long_numbers():
    event = permit_event(123456789012345678901234, "TW-01")
    text = json.dumps(event)
    content = text.replace(
        '"street_name": "EUSTON ROAD"', '"street_name": "OLD", "street_name": "EUSTON ROAD"'
    )
    assert content != text
    typed = sm._typed_event(content.encode(), "m.json", False)
    row = sm._fast_permit(json.loads(content), "m.json", False)
    assert typed is not None and typed.values == row.values and typed.sort_key == row.sort_key
    assert typed.record == "123456789012345678901234"
