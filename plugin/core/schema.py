"""Canonical layers shared by the readers, the store and the algorithms.

Every layer is in EPSG:27700. Field types: ``str``, ``int``, ``float``, ``bool``, ``date``
(ISO ``YYYY-MM-DD``, a London calendar date) and ``datetime`` (ISO 8601 UTC).
"""

from __future__ import annotations

BNG_EPSG = 27700
#: Coordinates beyond this box (metres, EPSG:27700: Great Britain with a wide margin) are
#: refused before any GEOS call: 1e308 is finite, and GEOS has crashed on values near 1e150.
BNG_SANE_EXTENT = (-1_000_000.0, -1_000_000.0, 2_000_000.0, 2_000_000.0)

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

#: Street-works authority (SWA) codes of London's highway authorities, as Street Manager writes
#: ``highway_authority_swa_code``: the 32 boroughs and the City (5030..5990, in steps of 30) and
#: TfL (20). Checked against rm-hull/street-manager-relay:internal/promoter/organisations.csv
#: @0e5e05f68127873e7693f8adf9dfb978a2f8e075, which lists all 34 with these codes. London is decided
#: by this code first: names vary ("HAMMERSMITH & FULHAM" / "AND FULHAM").
LONDON_SWA_CODES: dict[str, str] = {
    "20": "TRANSPORT FOR LONDON (TFL)",
    "5030": "CITY OF LONDON CORPORATION",
    "5060": "LONDON BOROUGH OF BARKING AND DAGENHAM",
    "5090": "LONDON BOROUGH OF BARNET",
    "5120": "LONDON BOROUGH OF BEXLEY",
    "5150": "LONDON BOROUGH OF BRENT",
    "5180": "LONDON BOROUGH OF BROMLEY",
    "5210": "LONDON BOROUGH OF CAMDEN",
    "5240": "LONDON BOROUGH OF CROYDON",
    "5270": "LONDON BOROUGH OF EALING",
    "5300": "LONDON BOROUGH OF ENFIELD",
    "5330": "ROYAL BOROUGH OF GREENWICH",
    "5360": "LONDON BOROUGH OF HACKNEY",
    "5390": "LONDON BOROUGH OF HAMMERSMITH & FULHAM",
    "5420": "LONDON BOROUGH OF HARINGEY",
    "5450": "LONDON BOROUGH OF HARROW",
    "5480": "LONDON BOROUGH OF HAVERING",
    "5510": "LONDON BOROUGH OF HILLINGDON",
    "5540": "LONDON BOROUGH OF HOUNSLOW",
    "5570": "LONDON BOROUGH OF ISLINGTON",
    "5600": "ROYAL BOROUGH OF KENSINGTON AND CHELSEA",
    "5630": "ROYAL BOROUGH OF KINGSTON UPON THAMES",
    "5660": "LONDON BOROUGH OF LAMBETH",
    "5690": "LONDON BOROUGH OF LEWISHAM",
    "5720": "LONDON BOROUGH OF MERTON",
    "5750": "LONDON BOROUGH OF NEWHAM",
    "5780": "LONDON BOROUGH OF REDBRIDGE",
    "5810": "LONDON BOROUGH OF RICHMOND UPON THAMES",
    "5840": "LONDON BOROUGH OF SOUTHWARK",
    "5870": "LONDON BOROUGH OF SUTTON",
    "5900": "LONDON BOROUGH OF TOWER HAMLETS",
    "5930": "LONDON BOROUGH OF WALTHAM FOREST",
    "5960": "LONDON BOROUGH OF WANDSWORTH",
    "5990": "CITY OF WESTMINSTER",
}


def authority_name_key(name: str) -> str:
    """A highway authority name reduced for comparison: upper case, ``&`` as ``AND``, no
    punctuation, single spaces (``"London Borough of Hammersmith & Fulham"`` and
    ``"LONDON BOROUGH OF HAMMERSMITH AND FULHAM"`` give the same key)."""
    text = name.upper().replace("&", " AND ")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


#: London highway authorities by name (as :func:`authority_name_key`): only for records without
#: a SWA code. Street Manager's own spellings, plus the common variants of the same bodies.
LONDON_HIGHWAY_AUTHORITIES = frozenset(
    authority_name_key(name)
    for name in [
        *LONDON_SWA_CODES.values(),
        "TRANSPORT FOR LONDON",
        "TFL",
        "CITY OF LONDON",
        "WESTMINSTER CITY COUNCIL",
        "ROYAL BOROUGH OF KENSINGTON & CHELSEA",
        "LONDON BOROUGH OF RICHMOND",
        "LONDON BOROUGH OF KINGSTON UPON THAMES",
        "LONDON BOROUGH OF GREENWICH",
    ]
)

#: Rough extent of London in EPSG:27700 (DOMAIN.md): used for wrong-CRS checks.
LONDON_BBOX = (503_000.0, 155_000.0, 562_000.0, 201_000.0)
#: EPSG:27700's area of use, in its own metres (generous): anything outside is not BNG.
BNG_BBOX = (-104_000.0, -16_000.0, 688_000.0, 1_300_000.0)
