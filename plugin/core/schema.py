"""Canonical layers shared by the readers, the store and the algorithms.

Every layer is in EPSG:27700. Field types: ``str``, ``int``, ``float``, ``bool``, ``date``
(ISO ``YYYY-MM-DD``, a London calendar date) and ``datetime`` (ISO 8601 UTC).
"""

from __future__ import annotations

BNG_EPSG = 27700

#: The canonical street works layer (one row per permit or planned work).
WORKS_FIELDS: list[tuple[str, str]] = [
    ("permit_ref", "str"),  # unique key
    ("work_ref", "str"),
    ("promoter", "str"),
    ("promoter_swa", "str"),
    ("highway_authority", "str"),
    ("highway_authority_swa", "str"),
    ("street_name", "str"),
    ("area_name", "str"),
    ("town", "str"),
    ("usrn", "str"),
    ("road_category", "str"),
    ("category", "str"),  # work_category_ref code
    ("work_status", "str"),  # work_status_ref code
    ("permit_status", "str"),
    ("tm_type", "str"),  # traffic_management_type_ref code
    ("activity_type", "str"),
    ("location_types", "str"),  # comma-separated works_location_type values
    ("start_date", "date"),
    ("end_date", "date"),
    ("start_time", "str"),  # HH:MM, London time, when known
    ("end_time", "str"),
    ("actual_start", "datetime"),
    ("actual_end", "datetime"),
    ("traffic_sensitive", "bool"),
    ("ttro_required", "bool"),
    ("deemed", "bool"),
    ("collaborative", "bool"),
    ("collaboration_type", "str"),
    ("permit_conditions", "str"),
    ("source", "str"),  # 'streetmanager' | 'works' | 'plan'
    ("source_event", "str"),  # event_reference of the event kept (Street Manager)
    ("event_time", "datetime"),
    ("source_file", "str"),
]

#: Section 58 restrictions.
RESTRICTIONS_FIELDS: list[tuple[str, str]] = [
    ("restriction_ref", "str"),
    ("status", "str"),
    ("start_date", "date"),
    ("end_date", "date"),
    ("duration", "str"),
    ("extent", "str"),
    ("usrn", "str"),
    ("street_name", "str"),
    ("highway_authority", "str"),
    ("source_event", "str"),
    ("event_time", "datetime"),
    ("source_file", "str"),
]

#: Rejected records: nothing is dropped silently.
REJECTS_FIELDS: list[tuple[str, str]] = [
    ("source_file", "str"),
    ("record", "str"),
    ("field", "str"),
    ("reason", "str"),
    ("import_id", "int"),
]

#: Permit statuses that never take part in clash detection (DOMAIN.md section 3).
EXCLUDED_PERMIT_STATUSES = ("cancelled", "refused", "revoked")

#: The 32 London boroughs, the City and TfL, as Street Manager writes highway_authority.
LONDON_HIGHWAY_AUTHORITIES = frozenset(
    name.upper()
    for name in [
        "LONDON BOROUGH OF BARKING AND DAGENHAM",
        "LONDON BOROUGH OF BARNET",
        "LONDON BOROUGH OF BEXLEY",
        "LONDON BOROUGH OF BRENT",
        "LONDON BOROUGH OF BROMLEY",
        "LONDON BOROUGH OF CAMDEN",
        "LONDON BOROUGH OF CROYDON",
        "LONDON BOROUGH OF EALING",
        "LONDON BOROUGH OF ENFIELD",
        "ROYAL BOROUGH OF GREENWICH",
        "LONDON BOROUGH OF HACKNEY",
        "LONDON BOROUGH OF HAMMERSMITH AND FULHAM",
        "LONDON BOROUGH OF HARINGEY",
        "LONDON BOROUGH OF HARROW",
        "LONDON BOROUGH OF HAVERING",
        "LONDON BOROUGH OF HILLINGDON",
        "LONDON BOROUGH OF HOUNSLOW",
        "LONDON BOROUGH OF ISLINGTON",
        "ROYAL BOROUGH OF KENSINGTON AND CHELSEA",
        "ROYAL BOROUGH OF KINGSTON UPON THAMES",
        "LONDON BOROUGH OF LAMBETH",
        "LONDON BOROUGH OF LEWISHAM",
        "LONDON BOROUGH OF MERTON",
        "LONDON BOROUGH OF NEWHAM",
        "LONDON BOROUGH OF REDBRIDGE",
        "LONDON BOROUGH OF RICHMOND UPON THAMES",
        "LONDON BOROUGH OF SOUTHWARK",
        "LONDON BOROUGH OF SUTTON",
        "LONDON BOROUGH OF TOWER HAMLETS",
        "LONDON BOROUGH OF WALTHAM FOREST",
        "LONDON BOROUGH OF WANDSWORTH",
        "CITY OF WESTMINSTER",
        "CITY OF LONDON CORPORATION",
        "TRANSPORT FOR LONDON (TFL)",
    ]
)

#: Rough extent of London in EPSG:27700 (DOMAIN.md): used for wrong-CRS checks.
LONDON_BBOX = (503_000.0, 155_000.0, 562_000.0, 201_000.0)
#: EPSG:27700's area of use, in its own metres (generous): anything outside is not BNG.
BNG_BBOX = (-104_000.0, -16_000.0, 688_000.0, 1_300_000.0)
