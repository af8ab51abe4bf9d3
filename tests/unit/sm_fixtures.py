"""Hand-built Street Manager events and archives in the published envelope layout."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: SWA codes of the authorities the tests name (rm-hull/street-manager-relay organisations.csv):
#: a test that changes ``highway_authority`` gets the matching code, as real events carry both.
SWA_CODES = {
    "LONDON BOROUGH OF CAMDEN": "5210",
    "LONDON BOROUGH OF HAMMERSMITH & FULHAM": "5390",
    "CITY OF WESTMINSTER": "5990",
    "TRANSPORT FOR LONDON (TFL)": "20",
    "KENT COUNTY COUNCIL": "2275",
    "SURREY COUNTY COUNCIL": "3600",
}


def _with_swa_code(object_data: dict[str, Any], data: dict[str, Any]) -> None:
    """The code of a ``highway_authority`` a test set without a code (None when not listed)."""
    if "highway_authority" in data and "highway_authority_swa_code" not in data:
        name = " ".join(str(data["highway_authority"] or "").split()).upper()
        object_data["highway_authority_swa_code"] = SWA_CODES.get(name)


def permit_event(
    ref: int | str,
    permit: str,
    *,
    time: str = "2026-03-01T09:00:00.000Z",
    event_type: str = "WORK_START",
    **data: Any,
) -> dict[str, Any]:
    """A PERMIT event like the published sample, with ``data`` overriding object_data fields
    (a new ``highway_authority`` brings its SWA code, see :data:`SWA_CODES`)."""
    object_data = {
        "work_reference_number": permit.rsplit("-", 1)[0],
        "permit_reference_number": permit,
        "promoter_swa_code": "7001",
        "promoter_organisation": "THAMES WATER UTILITIES LTD",
        "highway_authority": "LONDON BOROUGH OF CAMDEN",
        "highway_authority_swa_code": "5210",
        "works_location_coordinates": "LINESTRING(529500.5 182500.25,529560 182540)",
        "works_location_type": "Carriageway, Footway",
        "street_name": "EUSTON ROAD",
        "area_name": "CAMDEN",
        "town": "LONDON",
        "usrn": "8400713",
        "road_category": "2",
        "work_category": "Standard",
        "work_category_ref": "standard",
        "work_status": "Planned",
        "work_status_ref": "planned",
        "permit_status": "granted",
        "traffic_management_type": "Two-way signals",
        "traffic_management_type_ref": "two_way_signals",
        "proposed_start_date": "2026-03-09T00:00:00.000Z",
        "proposed_start_time": "09:30",
        "proposed_end_date": "2026-03-13T00:00:00.000Z",
        "proposed_end_time": None,
        "actual_start_date_time": None,
        "actual_end_date_time": None,
        "activity_type": "Utility repair and maintenance works",
        "is_ttro_required": "No",
        "is_traffic_sensitive": "Yes",
        "is_deemed": "No",
        "permit_conditions": "NCT01a, NCT11a",
        "collaborative_working": "No",
    }
    object_data.update(data)
    _with_swa_code(object_data, data)
    return {
        "event_reference": ref,
        "event_type": event_type,
        "event_time": time,
        "object_type": "PERMIT",
        "object_reference": permit,
        "version": 1,
        "object_data": object_data,
    }


def section58_event(
    ref: int | str, s58: str, *, time: str = "2026-03-01T09:00:00.000Z", **data: Any
) -> dict[str, Any]:
    object_data = {
        "section_58_reference_number": s58,
        "section_58_coordinates": "POLYGON((529400 182400,529700 182400,529700 182600,529400 182600,529400 182400))",
        "section_58_status": "in_force",
        "start_date": "2026-04-01T23:00:00.000Z",
        "end_date": "2031-04-01T23:00:00.000Z",
        "section_58_duration": "five_years",
        "section_58_extent": "whole_road",
        "usrn": "8400713",
        "street_name": "EUSTON ROAD",
        "highway_authority": "LONDON BOROUGH OF CAMDEN",
        "highway_authority_swa_code": "5210",
    }
    object_data.update(data)
    _with_swa_code(object_data, data)
    return {
        "event_reference": ref,
        "event_type": "SECTION_58_CREATED",
        "event_time": time,
        "object_type": "SECTION_58",
        "object_reference": s58,
        "version": 1,
        "object_data": object_data,
    }


def write_archive(path: Path, events: Iterable[dict[str, Any]], *, folder: str = "") -> Path:
    """A month archive: one JSON file per event, named after its reference."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for event in events:
            z.writestr(f"{folder}{event['event_reference']}.json", json.dumps(event))
    return path


def write_folder(path: Path, events: Iterable[dict[str, Any]]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for event in events:
        (path / f"{event['event_reference']}.json").write_text(json.dumps(event))
    return path
