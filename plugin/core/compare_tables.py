"""The result tables of digonce:compareruns: their fields, in output order, and the columns of
each (pair changes, group changes with their hulls), built from the comparison
(:mod:`.compare`). Kept apart from the algorithm so that what a user finds in each row is
written (and tested) once, without QGIS."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

from .columns import as_floats, as_ints, as_multi, take
from .compare import UNCHANGED, Comparison, PairsRun
from .groups import group_hulls

#: The pair changes layer's fields (name, kind), in order.
PAIR_FIELDS = (
    ("change", "str"),
    ("id_a", "str"),
    ("id_b", "str"),
    ("prev_id_a", "str"),
    ("prev_id_b", "str"),
    ("work_key_a", "str"),
    ("work_key_b", "str"),
    ("kind", "str"),
    ("prev_kind", "str"),
    ("gap_days", "int"),
    ("prev_gap_days", "int"),
    ("overlap_days", "int"),
    ("prev_overlap_days", "int"),
    ("distance_m", "float"),
    ("prev_distance_m", "float"),
    ("group_id", "int"),
    ("prev_group_id", "int"),
    ("what_changed", "str"),
    ("ids_changed", "bool"),
)
#: The group changes layer's fields (name, kind), in order.
GROUP_FIELDS = (
    ("change", "str"),
    ("group_id", "int"),
    ("prev_group_id", "int"),
    ("n_works", "int"),
    ("prev_n_works", "int"),
    ("joined", "str"),
    ("left", "str"),
    ("prev_group_ids", "str"),
)


def pair_columns(
    current: PairsRun, previous: PairsRun, result: Comparison, *, include_unchanged: bool = False
) -> tuple[dict[str, Any], np.ndarray]:
    """The pair changes layer's columns (:data:`PAIR_FIELDS`) and geometries (the current
    pair's line, the previous one's for a resolved pair; one-part multi lines)."""
    rows = [row for row in result.pairs if include_unchanged or row.change != UNCHANGED]
    n = len(rows)
    c = np.fromiter((-1 if r.current is None else r.current for r in rows), np.int64, n)
    p = np.fromiter((-1 if r.previous is None else r.previous for r in rows), np.int64, n)
    columns = {
        "change": [r.change for r in rows],
        "id_a": take(current.id_a, c),
        "id_b": take(current.id_b, c),
        "prev_id_a": take(previous.id_a, p),
        "prev_id_b": take(previous.id_b, p),
        "work_key_a": [r.key[0] for r in rows],
        "work_key_b": [r.key[1] for r in rows],
        "kind": take(current.kind, c),
        "prev_kind": take(previous.kind, p),
        "gap_days": as_ints(take(current.gap_days, c)),
        "prev_gap_days": as_ints(take(previous.gap_days, p)),
        "overlap_days": as_ints(take(current.overlap_days, c)),
        "prev_overlap_days": as_ints(take(previous.overlap_days, p)),
        "distance_m": as_floats(take(current.distance, c)),
        "prev_distance_m": as_floats(take(previous.distance, p)),
        "group_id": as_ints(take(current.group_id, c)),
        "prev_group_id": as_ints(take(previous.group_id, p)),
        "what_changed": [",".join(r.what_changed) or None for r in rows],
        "ids_changed": [bool(r.ids_changed) for r in rows],
    }
    geoms = take(current.geometries, c)
    from_previous = (c < 0) & (p >= 0)
    geoms[from_previous] = take(previous.geometries, p[from_previous])
    return columns, as_multi(geoms)


def geometries_by_group(group_ids: Sequence[Any], geometries: Sequence[Any]) -> dict[int, Any]:
    """Group id -> geometry of a groups layer (rows without a group id or a geometry left out)."""
    gid = as_ints(np.asarray(group_ids, dtype=object))
    geoms = np.asarray(geometries, dtype=object)
    keep = (gid != None) & ~shapely.is_missing(geoms)  # noqa: E711 (elementwise)
    return dict(zip(gid[keep].tolist(), geoms[keep].tolist(), strict=True))


def hulls_from_pairs(run: PairsRun) -> dict[int, Any]:
    """Group id -> the convex hull of its pairs' lines (a rectangle 1 m wider than a point or
    a segment), all groups at once."""
    if run.geometries is None or len(run) == 0:
        return {}
    gid = as_ints(run.group_id)
    geoms = np.asarray(run.geometries, dtype=object)
    ok = (gid != None) & ~shapely.is_missing(geoms)  # noqa: E711 (elementwise)
    ok[ok] = ~shapely.is_empty(geoms[ok])
    if not ok.any():
        return {}
    ids = gid[ok].astype(np.int64)
    order = np.argsort(ids, kind="stable")
    unique, dense = np.unique(ids[order], return_inverse=True)
    hulls = group_hulls(geoms[ok][order], dense)
    return dict(zip(unique.tolist(), hulls.tolist(), strict=True))


def group_columns(
    current: PairsRun,
    previous: PairsRun,
    result: Comparison,
    cur_hulls: dict[int, Any],
    prev_hulls: dict[int, Any],
) -> tuple[dict[str, Any], np.ndarray]:
    """The group changes layer's columns (:data:`GROUP_FIELDS`) and polygons: a current group's
    hull from its groups layer (``cur_hulls``), a gone group's from the previous one
    (``prev_hulls``); a group missing there gets the hull of its pairs; none that is not a
    polygon."""
    cur_hulls = {**hulls_from_pairs(current), **cur_hulls}
    prev_hulls = {**hulls_from_pairs(previous), **prev_hulls}
    rows = result.groups
    hulls = np.empty(len(rows), dtype=object)
    hulls[:] = [
        cur_hulls.get(r.group_id) if r.group_id is not None else prev_hulls.get(r.prev_group_id) for r in rows
    ]
    present = ~shapely.is_missing(hulls)
    flat = np.zeros(len(hulls), dtype=bool)
    flat[present] = shapely.get_dimensions(hulls[present]) != 2
    hulls[flat] = None
    columns = {
        "change": [r.change for r in rows],
        "group_id": [r.group_id for r in rows],
        "prev_group_id": [r.prev_group_id for r in rows],
        "n_works": [r.n_works for r in rows],
        "prev_n_works": [r.prev_n_works for r in rows],
        "joined": [", ".join(r.joined) or None for r in rows],
        "left": [", ".join(r.left) or None for r in rows],
        "prev_group_ids": [", ".join(str(g) for g in r.prev_group_ids) or None for r in rows],
    }
    return columns, as_multi(hulls)
