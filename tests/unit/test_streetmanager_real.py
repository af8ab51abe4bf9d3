"""Street Manager files as DfT really publishes them (issue 19): London by SWA code, values the
producer really writes ("Not provided", new code-list texts), 2020-era field names, saved SNS
notifications, and files in an archive that are not events. Each test is fed the published
layout: the DfT samples in ../shared/data when present, and generated events always."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from sm_fixtures import permit_event, section58_event, write_archive, write_folder

from dig_once.plugin.sources import streetmanager as sm
from dig_once.plugin.store import Feature, Reject, Store

SAMPLES = "streetworks/street_manager_sample"
HF = "LONDON BOROUGH OF HAMMERSMITH & FULHAM"


def read(path: Path, **kwargs) -> tuple[list[Feature], list[Reject], sm.ReadStats]:
    reader = sm.StreetManagerReader(path, **kwargs)
    items = list(reader)
    return (
        [i for i in items if isinstance(i, Feature)],
        [i for i in items if isinstance(i, Reject)],
        reader.stats,
    )


def accounted_for(stats: sm.ReadStats) -> int:
    """Every event read is a feature, a reject, or left out by a rule the log names."""
    return stats.works + stats.restrictions + stats.rejected + stats.outside_london + stats.other_objects


# --- London by street-works authority code -------------------------------------------------------


def test_hammersmith_and_fulham_as_street_manager_spells_it_is_london(tmp_path: Path):
    archive = write_archive(
        tmp_path / "m.zip",
        [
            permit_event(1, "HF-01", highway_authority=HF, highway_authority_swa_code="5390"),
            section58_event(2, "S58-5390-1", highway_authority=HF, highway_authority_swa_code="5390"),
            permit_event(3, "K-01", highway_authority="KENT COUNTY COUNCIL"),
        ],
    )
    features, rejects, stats = read(archive, london_only=True)
    assert sorted(f.values.get("permit_ref") or f.values["restriction_ref"] for f in features) == [
        "HF-01",
        "S58-5390-1",
    ]
    assert (stats.outside_london, stats.rejected, rejects) == (1, 0, [])
    assert stats.outside_authorities == {"KENT COUNTY COUNCIL (SWA 2275)": 1}


@pytest.mark.parametrize(
    ("name", "swa", "london"),
    [
        (HF, "5390", True),
        ("LONDON BOROUGH OF CAMDEN", "2275", False),  # the code decides, not the name
        ("KENT COUNTY COUNCIL", "5990", True),
        ("TRANSPORT FOR LONDON (TFL)", "20", True),
        ("TRANSPORT FOR LONDON (TFL)", "0020", True),
        ("ANYTHING", 5030, True),  # a number, not text
        ("SURREY COUNTY COUNCIL", "3600", False),
        # no code: the name decides, '&' and 'AND', case and spacing alike
        ("London Borough of Hammersmith and Fulham", None, True),
        (HF, "", True),
        ("Transport for London", None, True),
        ("royal borough of kensington & chelsea", None, True),
        ("SURREY COUNTY COUNCIL", None, False),
        (None, None, False),
        ("CITY OF WESTMINSTER", "STPR", True),  # not a number: not a SWA code, the name decides
    ],
)
def test_london_is_decided_by_swa_code_then_by_name(name, swa, london):
    inside, label = sm.london_authority({"highway_authority": name, "highway_authority_swa_code": swa})
    assert inside is london
    assert label


def test_every_london_swa_code_is_in_the_schema():
    from dig_once.plugin.core.schema import LONDON_SWA_CODES

    boroughs_and_city = {str(c) for c in range(5030, 5991, 30)}
    assert set(LONDON_SWA_CODES) == boroughs_and_city | {"20"}
    assert LONDON_SWA_CODES["5390"] == HF


def test_outside_london_is_counted_in_the_import_result(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    archive = write_archive(
        tmp_path / "m.zip",
        [
            permit_event(1, "HF-01", highway_authority=HF),
            permit_event(2, "K-01", highway_authority="KENT COUNTY COUNCIL"),
            permit_event(3, "K-02", highway_authority="KENT COUNTY COUNCIL"),
            section58_event(4, "S58-S", highway_authority="SURREY COUNTY COUNCIL"),
        ],
    )
    result, stats = sm.import_street_manager(store, archive, london_only=True)
    assert [r["permit_ref"] for r in store.rows("works")] == ["HF-01"]
    assert stats.outside_london == 3 and accounted_for(stats) == stats.events_read == 4
    assert "3 events left out as outside London" in result.message
    assert "KENT COUNTY COUNCIL (SWA 2275): 2" in result.message


# --- values the DfT producer really writes --------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "column"),
    [
        ("is_traffic_sensitive", "traffic_sensitive"),
        ("is_ttro_required", "ttro_required"),
        ("is_deemed", "deemed"),
        ("collaborative_working", "collaborative"),
    ],
)
def test_not_provided_yes_no_keeps_the_permit_as_null_with_a_warning(tmp_path: Path, field, column):
    archive = write_archive(tmp_path / "m.zip", [permit_event(1, "P-01", **{field: "Not provided"})])
    features, rejects, stats = read(archive)
    assert rejects == []
    (feature,) = features
    assert feature.values[column] is None
    assert stats.warnings == 1
    assert list(stats.warning_values.items()) == [
        ((field, "Not provided", "not Yes/No, stored as NULL"), [1, "1"])
    ]


def test_optional_permit_activity_text_is_a_known_code():
    out = sm.parse_event(
        permit_event(1, "P-01", activity_type="Optional permit (no fee) e.g. for traffic management etc"),
        "f.json",
    )
    assert isinstance(out, Feature) and out.values["activity_type"] == "optional_permit_no_fee"


@pytest.mark.parametrize(
    ("change", "column", "expected"),
    [
        # display texts of street-manager-event-notifier src/filters.ts
        ({"work_category_ref": None, "work_category": "Major (PAA)"}, "category", "paa"),
        ({"work_category_ref": None, "work_category": "HS2 (Highway)"}, "category", "hs2_highway"),
        ({"work_category_ref": None, "work_category": "Immediate - urgent"}, "category", "immediate_urgent"),
        (
            {"traffic_management_type_ref": None, "traffic_management_type": "Stop/go boards"},
            "tm_type",
            "stop_go_boards",
        ),
        ({"work_status_ref": None, "work_status": "Works in progress"}, "work_status", "in_progress"),
        ({"work_status_ref": None, "work_status": "Section 81 works"}, "work_status", "section_81"),
        ({"activity_type": "Core Sampling"}, "activity_type", "core_sampling"),
        (
            {"works_location_type": "Bus stop or stand, Taxi rank"},
            "location_types",
            "bus_stop_or_stand,taxi_rank",
        ),
    ],
)
def test_producer_display_texts_map_to_their_codes_without_warning(change, column, expected):
    warnings: list = []
    values = sm.works_values(permit_event(1, "P-01", **change)["object_data"], warnings)
    assert values[column] == expected and warnings == []


@pytest.mark.parametrize(
    ("change", "column", "stored"),
    [
        ({"work_category_ref": "gigantic"}, "category", "gigantic"),
        ({"traffic_management_type_ref": "teleport"}, "tm_type", "teleport"),
        ({"permit_status": "pending"}, "permit_status", "pending"),
        ({"activity_type": "Street lighting works"}, "activity_type", "street_lighting_works"),
        ({"activity_type": "Not provided"}, "activity_type", None),
        ({"is_traffic_sensitive": "Perhaps"}, "traffic_sensitive", None),
        ({"works_location_type": "Footway, Roof"}, "location_types", "footway,roof"),
        ({"works_location_type": "Footway, Not provided"}, "location_types", "footway"),
    ],
)
def test_new_code_values_never_lose_a_permit(tmp_path: Path, change, column, stored):
    field = next(iter(change))
    store = Store(tmp_path / "s.gpkg")
    archive = write_archive(tmp_path / "m.zip", [permit_event(7, "P-01", **change), permit_event(8, "Q-01")])
    result, stats = sm.import_street_manager(store, archive)
    rows = {r["permit_ref"]: r for r in store.rows("works")}
    assert sorted(rows) == ["P-01", "Q-01"] and result.rejected == 0
    assert rows["P-01"][column] == stored
    assert stats.warnings == 1
    ((warned_field, written, _what),) = stats.warning_values
    assert (warned_field, written) == (field, str(change[field]).split(", ")[-1])
    assert f"1 values kept with a warning: {field} " in result.message


def test_section_58_not_provided_is_null_with_a_warning():
    warnings: list = []
    values = sm.restriction_values(
        section58_event(1, "S-1", section_58_extent="Not provided")["object_data"], warnings
    )
    assert values["extent"] is None
    assert warnings == [("section_58_extent", "Not provided", "stored as NULL")]


@pytest.mark.parametrize(
    ("fields", "start", "end"),
    [
        ({"actual_start_date": "2020-06-11T10:11:00.000Z"}, "2020-06-11T10:11:00.000000Z", None),
        (
            {"actual_start_date": "2020-06-11T10:11:00.000Z", "actual_end_date": "2020-06-12T15:00:00.000Z"},
            "2020-06-11T10:11:00.000000Z",
            "2020-06-12T15:00:00.000000Z",
        ),
        (
            {
                "actual_start_date_time": "2024-01-02T08:00:00.000Z",
                "actual_start_date": "2020-01-01T00:00:00Z",
            },
            "2024-01-02T08:00:00.000000Z",
            None,
        ),
    ],
)
def test_2020_era_actual_start_date_is_read(fields, start, end):
    event = permit_event(1, "P-01", actual_start_date_time=None, actual_end_date_time=None)
    event["object_data"].update(fields)
    out = sm.parse_event(event, "f.json")
    assert isinstance(out, Feature)
    assert (out.values["actual_start"], out.values["actual_end"]) == (start, end)


def test_bad_2020_era_actual_start_date_names_its_field():
    out = sm.parse_event(permit_event(1, "P-01", actual_start_date="yesterday"), "f.json")
    assert isinstance(out, Reject) and out.field == "actual_start_date"


# --- saved notifications -------------------------------------------------------------------------


def sns_notification(event: dict) -> dict:
    """An SNS "Notification" as a subscriber saves it: the event as JSON text in Message."""
    return {
        "Type": "Notification",
        "MessageId": "GUID",
        "TopicArn": "TOPIC ARN",
        "Message": json.dumps(event),
        "Timestamp": "2020-06-24T14:22:01.847Z",
    }


def test_saved_sns_notification_is_unwrapped(tmp_path: Path):
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "n1.json").write_text(json.dumps(sns_notification(permit_event(678, "N-01"))))
    # an SQS message of a notification: one layer more
    sqs = {"MessageId": "m", "Body": json.dumps(sns_notification(section58_event(679, "S-1")))}
    (folder / "n2.json").write_text(json.dumps(sqs))
    features, rejects, stats = read(folder, london_only=True)
    assert rejects == []
    assert sorted((f.layer, f.values["source_event"]) for f in features) == [
        ("restrictions", "679"),
        ("works", "678"),
    ]


def test_notification_whose_message_is_not_json_is_rejected_naming_message():
    out = sm.parse_event({"Type": "Notification", "Message": "{truncated"}, "n.json")
    assert isinstance(out, Reject) and out.field == "Message" and "not a JSON event" in out.reason


def only_feature_of_sample(shared_data: Path, name: str):
    """The one feature DfT's sample file ``name`` gives (read as London only), which has no reject."""
    features, rejects, _stats = read(shared_data / SAMPLES / name, london_only=True)
    assert rejects == []
    (feature,) = features
    return feature


def test_dft_sample_sns_notification_imports_as_a_permit(shared_data: Path):
    feature = only_feature_of_sample(shared_data, "dft_sample_sns_notification_envelope.json")
    v = feature.values
    assert (feature.layer, v["permit_ref"], v["source_event"]) == ("works", "0000218889274-01", "678")
    assert (v["category"], v["activity_type"], v["highway_authority_swa"]) == ("minor", "section_58", "5990")
    assert feature.geometry.geom_type == "Point"


def test_dft_sample_section_58_created_imports_as_a_restriction(shared_data: Path):
    feature = only_feature_of_sample(shared_data, "dft_sample_section58_created.json")
    v = feature.values
    assert (feature.layer, v["restriction_ref"], v["status"]) == (
        "restrictions",
        "S58-5990-46589070",
        "proposed",
    )
    assert (v["start_date"], v["end_date"], v["duration"], v["extent"]) == (
        "2020-06-10",
        "2020-06-11",
        "six_months",
        "whole_road",
    )
    assert feature.geometry.geom_type == "LineString"


def test_every_dft_sample_imports_with_nothing_rejected_or_left_out(shared_data: Path, tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    result, stats = sm.import_street_manager(store, shared_data / SAMPLES, london_only=True)
    assert (stats.events_read, result.rejected, stats.outside_london, stats.not_event_files) == (3, 0, 0, 0)
    assert (len(store.rows("works")), len(store.rows("restrictions"))) == (2, 1)


# --- files that are not events -------------------------------------------------------------------


def test_archive_members_that_are_not_events_are_counted_and_listed(tmp_path: Path):
    archive = tmp_path / "2026-03.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("permit/1.json", json.dumps(permit_event(1, "P-01")))
        z.writestr("permit/", "")  # a folder entry is not a file
        z.writestr("permit/README.txt", "read me")
        z.writestr("permit/2.json.gz", b"\x1f\x8b")
    store = Store(tmp_path / "s.gpkg")
    result, stats = sm.import_street_manager(store, archive)
    assert (stats.events_read, stats.not_event_files) == (1, 2)
    assert stats.not_event_names == ["2026-03.zip/permit/README.txt", "2026-03.zip/permit/2.json.gz"]
    assert "2 files not read as they are not event files" in result.message
    assert "2026-03.zip/permit/README.txt" in result.message


def test_folder_files_that_are_not_events_are_counted_and_listed(tmp_path: Path):
    folder = write_folder(tmp_path / "in", [permit_event(1, "A-01")])
    (folder / "notes.txt").write_text("x")
    (folder / "sub").mkdir()
    (folder / "sub" / "old.csv").write_text("x")
    _features, _rejects, stats = read(folder)
    assert (stats.events_read, stats.not_event_files) == (1, 2)
    assert sorted(stats.not_event_names) == ["notes.txt", "sub/old.csv"]


def test_listing_is_capped_but_the_count_is_not(tmp_path: Path):
    folder = write_folder(tmp_path / "in", [permit_event(1, "A-01")])
    for i in range(sm.MAX_LISTED + 5):
        (folder / f"x{i:03d}.txt").write_text("x")
    _features, _rejects, stats = read(folder)
    assert stats.not_event_files == sm.MAX_LISTED + 5 and len(stats.not_event_names) == sm.MAX_LISTED
    assert "and 5 more" in " ".join(stats.summary(london_only=False))


def test_a_month_read_under_older_rules_is_read_again(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    archive = write_archive(tmp_path / "m.zip", [permit_event(1, "HF-01", highway_authority=HF)])
    result, _ = sm.import_street_manager(store, archive, london_only=True)
    (row,) = store.catalogue()
    assert json.loads(row["options"]) == {"london_only": True, "rules": sm.READER_RULES}
    assert not result.unchanged
