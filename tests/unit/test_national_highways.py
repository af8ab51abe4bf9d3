"""National Highways planned roadworks (HE_PLANNED_WORKS XML) into the store's works."""

from __future__ import annotations

from pathlib import Path

import pytest

from dig_once.plugin.core.errors import InputError
from dig_once.plugin.sources.national_highways import (
    NHRead,
    import_national_highways,
    is_national_highways_xml,
    read_national_highways,
)
from dig_once.plugin.sources.works_files import left_out_of
from dig_once.plugin.store import Feature, Reject, Store

HEAD = (
    '\ufeff<?xml version="1.0" encoding="utf-8"?><Report xsi:schemaLocation="WebTeam x" Name="WebTeam" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="WebTeam"><HE_PLANNED_ROADWORKS>'
    "<HE_PLANNED_WORKS_Collection>"
)
TAIL = "</HE_PLANNED_WORKS_Collection></HE_PLANNED_ROADWORKS></Report>"


def works(number, sdate, edate, east, north, roads=("A2",), published="2025-04-11T08:48:02", **extra) -> str:
    """One element in the publisher's layout (nh_roadworks_2025_14_4.xml)."""
    attrs = {
        "NEW_EVENT_NUMBER": number,
        "SDATE": sdate,
        "EDATE": edate,
        "EXPDEL": "Slight (less than 10 mins)",
        "DESCRIPTION": "A2 eastbound&#xD;&#xA;Lane closure for barrier repairs",
        "CLOSURE_TYPE": "Programmed Routine Works",
        "STATUS": "Published",
        "PUBLISHED_DATE": published,
        **extra,
    }
    attr_text = " ".join(f'{k}="{v}"' for k, v in attrs.items() if v is not None)
    centre = (
        ""
        if east is None
        else '<EASTNORTH><Report Name="/x/WebTeam_EASTNORTH"><EASTINGNORTHING><EASTNORTH_Collection>'
        f'<EASTNORTH CENTRE_EASTING="{east}" CENTRE_NORTHING="{north}" /></EASTNORTH_Collection>'
        "</EASTINGNORTHING></Report></EASTNORTH>"
    )
    road_text = "".join(f'<ROAD ROAD_NUMBER="{r}" />' for r in roads)
    return (
        f'<HE_PLANNED_WORKS {attr_text}>{centre}<ROADS><Report Name="/x/WebteamRoads"><ROADS><ROAD_Collection>'
        f"{road_text}</ROAD_Collection></ROADS></Report></ROADS></HE_PLANNED_WORKS>"
    )


def write_xml(path: Path, elements: list[str]) -> Path:
    path.write_text(HEAD + "".join(elements) + TAIL, encoding="utf-8")
    return path


@pytest.fixture
def nh_file(tmp_path: Path) -> Path:
    return write_xml(
        tmp_path / "nh_roadworks.xml",
        [
            # A2 at Eltham (Greenwich), late evening: the date written is the London date
            works(
                "00400001-001", "22-APR-2025 22:00", "25-APR-2025 05:00", 543500, 174700, roads=("A2", "A282")
            ),
            # M6 near Preston: outside London
            works("00431132-002", "12-APR-2025 21:00", "14-APR-2025 05:00", 355885, 400871, roads=("M6",)),
            # the same M6 event published again later: the later one is kept
            works(
                "00431132-002",
                "12-APR-2025 21:00",
                "14-APR-2025 05:00",
                355885,
                400871,
                roads=("M6",),
                published="2025-04-13T17:25:16",
            ),
            works("00400002-001", "31-APR-2025 22:00", "01-MAY-2025 05:00", 543500, 174700),  # no 31 April
            works("00400003-001", "22-APR-2025 22:00", "20-APR-2025 05:00", 543500, 174700),  # ends first
            works("00400004-001", "22-APR-2025 22:00", "25-APR-2025 05:00", None, None),  # no centre
            works("00400005-001", "22-APR-2025 22:00", "25-APR-2025 05:00", 1e150, 1e150),
        ],
    )


def test_events_map_onto_works_with_london_dates(nh_file: Path):
    info = NHRead()
    items = list(read_national_highways(nh_file, london_only=False, info=info))
    features = {i.values["permit_ref"]: i for i in items if isinstance(i, Feature)}
    a2 = features["nh:00400001-001"]
    v = a2.values
    assert (v["source"], v["promoter"], v["street_name"], v["work_status"]) == (
        "national_highways",
        "National Highways",
        "A2, A282",
        "planned",
    )
    assert (v["start_date"], v["end_date"], v["start_time"], v["end_time"]) == (
        "2025-04-22",
        "2025-04-25",
        "22:00",
        "05:00",
    )
    assert v["activity_type"] == "programmed_routine_works"
    assert (a2.geometry.x, a2.geometry.y) == (543500, 174700)
    assert features["nh:00431132-002"].sort_key.startswith("2025-04-13T17:25:16")
    rejects = {(r.record, r.field): r.reason for r in items if isinstance(r, Reject)}
    assert set(rejects) == {
        ("00431132-002", "PUBLISHED_DATE"),
        ("00400002-001", "SDATE"),
        ("00400003-001", "EDATE"),
        ("00400004-001", "CENTRE_EASTING"),
        ("00400005-001", "CENTRE_EASTING"),
    }
    assert "superseded" in rejects[("00431132-002", "PUBLISHED_DATE")]
    assert info.events == 7 and len(features) + len(rejects) == 7 and info.distinct == 2


def test_london_filter_counts_events_left_out(nh_file: Path, tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    result = import_national_highways(store, nh_file)
    assert (result.records_read, result.imported, result.rejected, left_out_of(result)) == (7, 1, 5, 1)
    assert "1 left out by the London filter" in result.message
    assert "1 of 2 usable events in or within 50 m of London" in result.message
    (row,) = store.rows("works")
    assert row["permit_ref"] == "nh:00400001-001" and row["source"] == "national_highways"
    again = import_national_highways(store, nh_file)
    assert again.unchanged and store.count("works") == 1
    everything = import_national_highways(Store(tmp_path / "t.gpkg"), nh_file, london_only=False)
    assert (everything.imported, left_out_of(everything)) == (2, 0)


def test_not_nh_or_damaged_xml_is_a_message(tmp_path: Path, nh_file: Path):
    other = tmp_path / "other.xml"
    other.write_text("<root><thing/></root>")
    assert is_national_highways_xml(nh_file) and not is_national_highways_xml(other)
    with pytest.raises(InputError, match=r"other\.xml.*no HE_PLANNED_WORKS"):
        list(read_national_highways(other))
    cut = tmp_path / "cut.xml"
    cut.write_bytes(nh_file.read_bytes()[:900])
    with pytest.raises(InputError, match=r"cut\.xml.*not readable XML"):
        list(read_national_highways(cut))


def test_real_national_highways_file(shared_data, tmp_path: Path):
    path = shared_data / "streetworks" / "national_highways" / "nh_roadworks_2025_14_4.xml"
    store = Store(tmp_path / "s.gpkg")
    result = import_national_highways(store, path)
    left = left_out_of(result)
    # 1,429 events: one (00431132-002) published twice, the rest in London or left out
    assert result.records_read == 1429 and result.rejected == 1
    assert result.imported + result.rejected + left == 1429
    assert 15 <= result.imported <= 140
    for row in store.rows("works", geometry=True):
        assert 503_000 < row["geometry"].x < 562_000 and 155_000 < row["geometry"].y < 201_000
        assert row["start_date"] <= row["end_date"]


def test_entity_expansion_bomb_is_a_message_not_a_memory_blow_up(tmp_path: Path):
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE Report [{entities}]>'
        '<Report xmlns="WebTeam"><HE_PLANNED_WORKS NEW_EVENT_NUMBER="&a9;" SDATE="22-APR-2025 22:00" '
        'EDATE="25-APR-2025 05:00"/></Report>'
    )
    with pytest.raises(InputError, match=r"bomb\.xml.*not readable XML"):
        list(read_national_highways(bomb))
