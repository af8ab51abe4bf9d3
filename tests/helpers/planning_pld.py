"""Planning applications as the GLA's Planning London Datahub search returns them (the
``_source`` of a hit; DOMAIN.md), made up for the tests: Camden, approved, one point."""

from __future__ import annotations

from typing import Any

#: a value in ``changes`` that leaves the key out of the record
OMITTED: Any = object()


def pld_source(n: int, **changes: Any) -> dict:
    """Application ``Camden-<n>`` (reference ``2021/<n>/P``), with ``changes`` made to it."""
    record = {
        "id": f"Camden-{n}",
        "lpa_app_no": f"2021/{n}/P",
        "lpa_name": "Camden",
        "borough": "Camden",
        "status": "Approved",
        "decision_date": "25/10/2021",
        "valid_date": "14/09/2021",
        "centroid": {"lat": 51.5390, "lon": -0.1426},
        "centroid_easting": 528900,
        "centroid_northing": 183900,
        "polygon": None,
    }
    record.update(changes)
    return {key: value for key, value in record.items() if value is not OMITTED}
