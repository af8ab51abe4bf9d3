"""The columns the coverage analyses (digonce:findcoveragegaps, digonce:findspineopportunities)
add to their input's features, built from :mod:`.coverage`'s results and the columns read from
the not-spot layer. No QGIS: the algorithms read and write, this says what goes in each row.

>>> truthy("Yes"), truthy(0), truthy(None)
(True, False, False)
>>> scalar(np.float64("nan")), scalar(np.int64(3))
(None, 3)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .coverage import GapResult, OpportunityResult, place_affected

#: findcoveragegaps' fields, after the sites' own
GAP_FIELDS: list[tuple[str, str]] = [
    ("spine_distance_m", "float"),
    ("notspot_place", "str"),
    ("place_distance_m", "float"),
    ("notspot_level", "str"),
    ("notspot_share_pct", "float"),
    ("in_notspot", "bool"),
    ("gap_class", "str"),
    ("units", "int"),
]
#: fields of a not-spot layer that name its places, the first one present is used
PLACE_KEYS = ("area_code", "postcode", "laua", "name")
#: findspineopportunities' fields, after the works' own
OPPORTUNITY_FIELDS: list[tuple[str, str]] = [
    ("rank", "int"),
    ("score", "float"),
    ("spine_distance_m", "float"),
    ("notspot_places", "int"),
    ("affected_premises", "float"),
    ("length_m", "float"),
    ("days_to_start", "int"),
]


def scalar(value: Any) -> Any:
    """A numpy scalar as a Python value; NaN as None (NULL)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def truthy(value: Any) -> bool:
    """A not-spot flag read from any layer: bool, 0/1 or text."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "t", "yes", "y")
    return bool(value)


def whole_number(value: Any) -> int | None:
    """A count (e.g. residential units) as an int; None when it is not a number."""
    value = scalar(value)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def gap_columns(
    result: GapResult, places: Mapping[str, Sequence[Any]], units: Sequence[Any] | None
) -> tuple[dict[str, Any], int]:
    """The columns of :data:`GAP_FIELDS` for each site, and the residential units in
    not-spots. ``places``: the not-spot layer's columns by role (``key``, ``notspot_level``,
    ``notspot_share_pct`` where it has them); ``units``: each site's units, or None."""
    n = len(result.gap_class)
    place = result.place_index
    located = place >= 0

    def from_places(name: str) -> np.ndarray:
        out = np.full(n, None, dtype=object)
        if name in places:
            values = np.asarray(places[name], dtype=object)
            out[located] = values[place[located]]
        return out

    units = [whole_number(u) for u in (units if units is not None else [None] * n)]
    in_notspots = sum(u for u, inside in zip(units, result.in_notspot.tolist(), strict=True) if inside and u)
    columns = {
        "spine_distance_m": np.asarray(result.spine_distance_m, dtype=float),  # exact, not rounded
        "notspot_place": from_places("key"),
        "place_distance_m": np.asarray(result.place_distance_m, dtype=float),
        "notspot_level": from_places("notspot_level"),
        "notspot_share_pct": np.array([scalar(v) for v in from_places("notspot_share_pct")], dtype=object),
        "in_notspot": np.asarray(result.in_notspot, dtype=bool),
        "gap_class": np.asarray(result.gap_class).astype(str).astype(object),
        "units": units,
    }
    return columns, in_notspots


def places_affected(places: Mapping[str, Sequence[Any]], n: int) -> np.ndarray:
    """Premises unable to get the level per not-spot place (:func:`.coverage.place_affected`)
    from the layer's ``premises`` and ``notspot_share_pct`` columns, where it has them."""
    records = [
        {"premises": scalar(p), "notspot_share_pct": scalar(s)}
        for p, s in zip(
            places.get("premises", [None] * n), places.get("notspot_share_pct", [None] * n), strict=True
        )
    ]
    return place_affected(records)


def opportunity_columns(result: OpportunityResult) -> dict[str, Any]:
    """The columns of :data:`OPPORTUNITY_FIELDS`, best first (the order of
    ``result.works_index``)."""
    days = np.asarray(result.days_to_start, dtype=float)
    return {
        "rank": np.arange(1, len(result.works_index) + 1, dtype=np.int64),
        "score": np.asarray(result.score, dtype=float),
        "spine_distance_m": np.asarray(result.spine_distance_m, dtype=float),  # exact, not rounded
        "notspot_places": np.asarray(result.notspot_places, dtype=np.int64),
        "affected_premises": np.round(np.asarray(result.affected, dtype=float), 2),
        "length_m": np.round(np.asarray(result.length_m, dtype=float), 2),
        "days_to_start": [None if np.isnan(d) else int(d) for d in days.tolist()],
    }
