"""Reading Street Manager events: envelopes, rejects, London filter, archives and their faults."""

from __future__ import annotations

import json
import struct
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from sm_fixtures import permit_event, section58_event, write_archive, write_folder

from dig_once.plugin.core.errors import ArchiveError, Cancelled
from dig_once.plugin.sources import streetmanager as sm
from dig_once.plugin.sources.safezip import SafeZip, ZipLimits
from dig_once.plugin.store import Feature, Reject


def test_published_sample_event(shared_data):
    path = shared_data / "streetworks/street_manager_sample/permit_notification_message.json"
    reader = sm.StreetManagerReader(path)
    (feature,) = list(reader)
    v = feature.values
    assert feature.layer == "works" and feature.geometry.geom_type == "LineString"
    assert (v["permit_ref"], v["work_ref"], v["source_event"]) == (
        "TSR1591199404915-01",
        "TSR1591199404915",
        "529770",
    )
    assert (v["category"], v["work_status"], v["tm_type"]) == ("standard", "in_progress", "road_closure")
    assert (v["start_date"], v["end_date"], v["start_time"]) == ("2020-06-10", "2020-06-12", "14:50")
    assert v["actual_start"] == "2020-06-11T10:11:00.000000Z"
    assert (v["traffic_sensitive"], v["ttro_required"], v["collaborative"]) == (True, False, True)
    assert v["location_types"] == "cycleway,footpath" and v["permit_conditions"] == "NCT01a,NCT01b,NCT11a"
    assert (v["activity_type"], v["collaboration_type"], v["usrn"]) == ("remedial_works", "other", "8401426")
    assert v["highway_authority"] == "CITY OF WESTMINSTER" and v["source"] == "streetmanager"
    assert reader.stats.events_read == 1 and reader.stats.works == 1


def test_section_58_records_become_restrictions():
    out = sm.parse_event(section58_event(5, "S58-1"), "m/5.json")
    assert isinstance(out, Feature) and out.layer == "restrictions"
    v = out.values
    assert (v["restriction_ref"], v["status"], v["duration"], v["extent"]) == (
        "S58-1",
        "in_force",
        "five_years",
        "whole_road",
    )
    assert (v["start_date"], v["end_date"]) == ("2026-04-02", "2031-04-02")  # midnight BST
    assert out.geometry.geom_type == "Polygon"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"works_location_coordinates": None}, "works_location_coordinates"),
        ({"works_location_coordinates": "LINESTRING(1 2,"}, "works_location_coordinates"),
        ({"works_location_coordinates": "POINT(nan nan)"}, "works_location_coordinates"),
        ({"proposed_start_date": "soon"}, "proposed_start_date"),
        ({"proposed_end_date": "2026-03-01T00:00:00.000Z"}, "proposed_end_date"),  # end before start
        ({"proposed_start_time": "29:99"}, "proposed_start_time"),
        ({"usrn": "N/A"}, "usrn"),
        ({"permit_reference_number": None}, "permit_reference_number"),
    ],
)
def test_bad_records_are_rejected_with_field(change, field):
    # a new code-list value is not a bad record: see test_streetmanager_real.py
    event = permit_event(77, "AB123-01", **change)
    if change.get("permit_reference_number", 1) is None:
        event["object_reference"] = None
    out = sm.parse_event(event, "2026-03.zip/77.json")
    assert isinstance(out, Reject)
    assert (out.source_file, out.record, out.field) == ("2026-03.zip/77.json", "77", field)
    assert out.reason


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ({"event_type": "WORK_START"}, "event_reference"),
        ({"event_reference": 1, "object_type": "PERMIT"}, "object_data"),
        (
            {"event_reference": 1, "object_type": "PERMIT", "object_data": {"a": 1}, "event_time": "x"},
            "event_time",
        ),
    ],
)
def test_bad_envelopes_are_rejected(event, field):
    out = sm.parse_event(event, "f.json")
    assert isinstance(out, Reject) and out.field == field


@pytest.mark.parametrize("event_type", ["WORK_START", "work-start", "Work_Stop"])
@pytest.mark.parametrize("ref", [529770, "529770"])
def test_event_type_casing_and_int_or_text_references(event_type, ref):
    out = sm.parse_event(permit_event(ref, "P-01", event_type=event_type), "f.json")
    assert isinstance(out, Feature) and out.values["source_event"] == "529770"


def test_other_object_types_are_skipped_not_rejected():
    event = permit_event(1, "P-01")
    event["object_type"] = "FIXED_PENALTY_NOTICE"
    assert sm.parse_event(event, "f.json") == "other_objects"


def test_london_filter(tmp_path: Path):
    events = [
        permit_event(1, "L-01", highway_authority="london borough of  camden"),
        permit_event(2, "K-01", highway_authority="KENT COUNTY COUNCIL", usrn="nonsense"),
        permit_event(3, "T-01", highway_authority="Transport for London (TfL)"),
    ]
    archive = write_archive(tmp_path / "m.zip", events)
    reader = sm.StreetManagerReader(archive, london_only=True)
    refs = sorted(f.values["permit_ref"] for f in reader)
    assert refs == ["L-01", "T-01"]  # the Kent record is filtered out before it is checked
    assert (reader.stats.outside_london, reader.stats.rejected, reader.stats.events_read) == (1, 0, 3)
    assert len(list(sm.StreetManagerReader(archive))) == 3


def test_folder_of_json_files_and_month_zips_and_event_lists(tmp_path: Path):
    folder = write_folder(tmp_path / "in", [permit_event(1, "A-01"), permit_event(2, "B-01")])
    write_archive(folder / "2026-04.zip", [permit_event(3, "C-01")], folder="permit/")
    (folder / "list.json").write_text(json.dumps([permit_event(4, "D-01"), permit_event(5, "E-01")]))
    (folder / "broken.json").write_text("{not json")
    reader = sm.StreetManagerReader(folder)
    items = list(reader)
    assert sorted(f.values["permit_ref"] for f in items if isinstance(f, Feature)) == [
        "A-01",
        "B-01",
        "C-01",
        "D-01",
        "E-01",
    ]
    (bad,) = [r for r in items if isinstance(r, Reject)]
    assert bad.source_file == "broken.json" and "not JSON" in bad.reason
    assert any(
        f.values["source_file"] == "2026-04.zip/permit/3.json" for f in items if isinstance(f, Feature)
    )
    assert reader.stats.events_read == 6


def test_latest_event_wins_in_memory_reduction():
    events = [
        permit_event(10, "P-01", time="2026-03-02T00:00:00.000Z", street_name="second"),
        permit_event(11, "P-01", time="2026-03-01T00:00:00.000Z", street_name="first"),
        permit_event(9, "P-01", time="2026-03-02T00:00:00.000Z", street_name="tie, lower ref"),
    ]
    items = [sm.parse_event(e, "f") for e in events]
    best = sm.latest_per_key(items)
    assert best[("works", "P-01")].values["street_name"] == "second"


# --- archive faults -------------------------------------------------------------------------


def _raw_zip(path: Path, name: str, data: bytes = b"{}") -> Path:
    """A zip with one member whose name is written as given."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo(name), data)
    return path


@pytest.mark.parametrize(
    "name", ["../evil.json", "permit/../../evil.json", "/etc/passwd.json", "C:/x.json", "a\\..\\b.json"]
)
def test_unsafe_member_names_refuse_the_archive(tmp_path: Path, name):
    path = _raw_zip(tmp_path / "m.zip", name)
    with pytest.raises(ArchiveError, match="absolute path or '..'") as info:
        SafeZip(path)
    assert str(path) in str(info.value)


def test_zip_bomb_by_ratio_and_by_total(tmp_path: Path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.json", b" " * (20 * 1024**2))
    with pytest.raises(ArchiveError, match="zip bomb"):
        SafeZip(bomb)
    many = write_archive(tmp_path / "many.zip", [permit_event(i, f"P{i}-01") for i in range(20)])
    with pytest.raises(ArchiveError, match="zip bomb"):
        SafeZip(many, ZipLimits(max_total_bytes=10_000))


def test_member_larger_than_declared_is_refused(tmp_path: Path):
    path = write_archive(tmp_path / "m.zip", [permit_event(1, "P-01")])
    data = bytearray(path.read_bytes())
    # lower the declared uncompressed size in the central directory entry
    cd = data.rfind(b"PK\x01\x02")
    (usize,) = struct.unpack_from("<L", data, cd + 24)
    struct.pack_into("<L", data, cd + 24, usize - 10)
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="declares"):
        list(SafeZip(path).members())


def test_truncated_archive(tmp_path: Path):
    path = write_archive(tmp_path / "m.zip", [permit_event(i, f"P{i}-01") for i in range(50)])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ArchiveError, match="truncated") as info:
        list(sm.StreetManagerReader(path))
    assert info.value.path == str(path)


def test_bad_central_directory(tmp_path: Path):
    path = write_archive(tmp_path / "m.zip", [permit_event(i, f"P{i}-01") for i in range(5)])
    data = bytearray(path.read_bytes())
    cd = data.find(b"PK\x01\x02")
    data[cd : cd + 4] = b"XXXX"
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="central directory"):
        SafeZip(path)


def test_crc_error(tmp_path: Path):
    path = tmp_path / "m.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("1.json", json.dumps(permit_event(1, "P-01")))
    data = bytearray(path.read_bytes())
    at = data.find(b"EUSTON")
    data[at : at + 6] = b"EASTON"
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="CRC") as info:
        list(sm.StreetManagerReader(path))
    assert info.value.record == "1.json"


def test_streamed_zip_without_central_directory(tmp_path: Path):
    """A zip written to a pipe: local headers + data descriptors, cut before the directory."""
    path = write_archive(tmp_path / "m.zip", [permit_event(i, f"P{i}-01") for i in range(3)])
    data = path.read_bytes()
    path.write_bytes(data[: data.find(b"PK\x01\x02")])
    with pytest.raises(ArchiveError, match="streamed without a directory"):
        SafeZip(path)


def test_zip64_archive_with_many_members(tmp_path: Path):
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for i in range(70_000):  # more than 65535 members: ZIP64 end of central directory
            z.writestr(f"{i}.json", "{}")
    archive = SafeZip(path)
    assert len(archive) == 70_000
    assert sum(1 for _ in archive.members()) == 70_000


def test_cancel_while_reading(tmp_path: Path):
    path = write_archive(tmp_path / "m.zip", [permit_event(i, f"P{i}-01") for i in range(2500)])
    reader = sm.StreetManagerReader(path, cancel=lambda: True)
    with pytest.raises(Cancelled):
        list(reader)


def test_progress_reaches_100(tmp_path: Path):
    seen: list[float] = []
    path = write_archive(tmp_path / "m.zip", [permit_event(i, f"P{i}-01") for i in range(2100)])
    list(sm.StreetManagerReader(path, progress=seen.append))
    assert seen == sorted(seen) and seen[-1] == 100.0 and len(seen) >= 3
