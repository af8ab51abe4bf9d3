"""The result tables of the clash analyses (digonce:findworksoverlaps, digonce:findregistermatches):
their fields, in output order, and the columns of each, built from the engine's results. Kept
apart from the algorithms so that what a user finds in each row is written (and tested) once,
without QGIS.

>>> text_column(["A", 7, None, float("nan")]).tolist()
['A', '7', None, None]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import shapely

from .overlaps import OverlapResult
from .pairs import KIND_NAMES
from .works import Works, id_text

#: findworksoverlaps' pairs output
PAIR_FIELDS = (
    ("id_a", "str"),
    ("id_b", "str"),
    ("owner_a", "str"),
    ("owner_b", "str"),
    ("kind", "str"),
    ("distance_m", "float"),
    ("gap_days", "int"),
    ("overlap_days", "int"),
    ("group_id", "int"),
)
#: findworksoverlaps' coordination groups output
GROUP_FIELDS = (
    ("group_id", "int"),
    ("n_works", "int"),
    ("n_owners", "int"),
    ("owners", "str"),
    ("first_start", "date"),
    ("last_end", "date"),
    ("n_clashes", "int"),
    ("n_opportunities", "int"),
    ("days_saved", "int"),
)
#: findworksoverlaps' unusable works output
UNUSABLE_FIELDS = (
    ("layer", "str"),
    ("source_fid", "int"),
    ("id", "str"),
    ("owner", "str"),
    ("reason", "str"),
)
#: findregistermatches' matches in full (a work the user may read)
DETAIL_FIELDS = (
    ("my_ref", "str"),
    ("my_promoter", "str"),
    ("my_start", "date"),
    ("my_end", "date"),
    ("kind", "str"),
    ("distance_m", "float"),
    ("distance_class", "str"),
    ("gap_days", "int"),
    ("overlap_days", "int"),
    ("partner_org", "str"),
    ("partner_org_name", "str"),
    ("partner_contact", "str"),
    ("partner_ref", "str"),
    ("partner_promoter", "str"),
    ("partner_visibility", "str"),
    ("partner_start", "date"),
    ("partner_end", "date"),
    ("partner_usrn", "str"),
    ("partner_street", "str"),
    ("partner_borough", "str"),
)
#: findregistermatches' matches with a private plan (coarse facts only)
BLIND_FIELDS = (
    ("my_ref", "str"),
    ("my_promoter", "str"),
    ("my_start", "date"),
    ("my_end", "date"),
    ("kind", "str"),
    ("distance_class", "str"),
    ("partner_org", "str"),
    ("partner_org_name", "str"),
    ("partner_contact", "str"),
    ("partner_usrn", "str"),
    ("partner_street", "str"),
    ("partner_borough", "str"),
    ("partner_start_month", "str"),
    ("partner_end_month", "str"),
)


def text(value: Any) -> str | None:
    """A value as text; None, NaN and infinities as None (NULL)."""
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    return str(value)


def text_column(values: Any) -> np.ndarray:
    """Values as text (None stays None), as an object array; no copy when already text."""
    arr = (
        values
        if isinstance(values, np.ndarray) and values.dtype == object
        else np.array(values, dtype=object)
    )
    if arr.ndim == 1 and set(map(type, arr)) <= {str, type(None)}:
        return arr
    out = np.empty(len(values), dtype=object)
    out[:] = [text(v) for v in values]
    return out


def pair_columns(works: Works, other: Works | None, result: OverlapResult) -> dict[str, Any]:
    """The pairs table (:data:`PAIR_FIELDS`); its geometries are ``result.ends``."""
    second = works if other is None else other
    kinds = np.array([None, *(KIND_NAMES[k] for k in sorted(KIND_NAMES))], dtype=object)
    return {
        "id_a": works.ids[result.a],
        "id_b": second.ids[result.b],
        "owner_a": works.owners[result.a],
        "owner_b": second.owners[result.b],
        "kind": kinds[result.kind],
        "distance_m": result.distance,
        "gap_days": result.gap_days,
        "overlap_days": result.overlap_days,
        "group_id": result.group,
    }


def group_columns(result: OverlapResult) -> dict[str, Any]:
    """The coordination groups table (:data:`GROUP_FIELDS`); its geometries are
    ``result.groups.hulls``. A missing day (``MISSING_DAY``) becomes NaT, a NULL date."""
    g = result.groups
    return {
        "group_id": g.group_id,
        "n_works": g.n_works,
        "n_owners": g.n_owners,
        "owners": [owners or None for owners in g.owners],
        "first_start": np.asarray(g.first_start, dtype=np.int64).astype("datetime64[D]"),
        "last_end": np.asarray(g.last_end, dtype=np.int64).astype("datetime64[D]"),
        "n_clashes": g.n_clashes,
        "n_opportunities": g.n_opportunities,
        "days_saved": g.days_saved,
    }


def unusable_columns(
    result: OverlapResult, layers: Sequence[tuple[Works | None, np.ndarray | None, str]]
) -> dict[str, list[Any]]:
    """The unusable works table (:data:`UNUSABLE_FIELDS`, no geometry): those of the first
    layer, then of the other. ``layers``: (works, feature ids, layer name) of the first layer
    and of the other (works None when there is no other layer)."""
    columns: dict[str, list[Any]] = {name: [] for name, _kind in UNUSABLE_FIELDS}
    kept = (
        (result.unusable, result.unusable_reasons),
        (result.other_unusable, result.other_unusable_reasons),
    )
    for (works, fids, label), (indices, reasons) in zip(layers, kept, strict=True):
        if works is None:
            continue
        columns["layer"] += [label] * len(indices)
        columns["source_fid"] += np.asarray(fids)[indices].tolist()
        columns["id"] += [text(v) for v in id_text(works.ids[indices])]
        columns["owner"] += [text(v) for v in works.owners[indices]]
        columns["reason"] += [str(r) for r in reasons]
    return columns


def wkb_geometries(hexes: Iterable[str | None]) -> np.ndarray:
    """Hex WKB (as the register returns it) as shapely geometries, None kept."""
    hexes = list(hexes)
    out = np.empty(len(hexes), dtype=object)
    out[:] = [None if h is None else shapely.from_wkb(bytes.fromhex(h)) for h in hexes]
    return out


def match_tables(matches: Sequence[dict[str, Any]]) -> tuple[dict, np.ndarray, dict, np.ndarray]:
    """The register's matches as the two tables of findregistermatches: the columns and
    geometries (shortest lines) of the matches the user may read in full (:data:`DETAIL_FIELDS`),
    then the columns and geometries (a point on the user's own work) of the others
    (:data:`BLIND_FIELDS`), each in the register's order."""
    full = [m for m in matches if m["partner_visible"]]
    blind = [m for m in matches if not m["partner_visible"]]
    own = wkb_geometries(m["my_geom_wkb"] for m in blind)
    return (
        {name: [m[name] for m in full] for name, _kind in DETAIL_FIELDS},
        wkb_geometries(m["line_wkb"] for m in full),
        {name: [m[name] for m in blind] for name, _kind in BLIND_FIELDS},
        shapely.point_on_surface(own) if len(own) else own,
    )
