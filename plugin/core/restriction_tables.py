"""The result tables of digonce:checkrestrictions: their fields, in output order, and the
columns of each (findings, the works and restrictions that could not be checked), built from
the check's findings (:mod:`.restrictions`). Kept apart from the algorithm so that what a user
finds in each row is written (and tested) once, without QGIS."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from .columns import as_multi, day_dates, pick, plain_column, plain_text
from .restrictions import FINDING_NAMES, RestrictionFindings
from .works import Works

#: The findings layer's fields (name, kind), in order.
FINDING_FIELDS = (
    ("works_ref", "str"),
    ("restriction_ref", "str"),
    ("finding", "str"),
    ("promoter", "str"),
    ("category", "str"),
    ("activity_type", "str"),
    ("works_start", "date"),
    ("works_end", "date"),
    ("restriction_status", "str"),
    ("restriction_start", "date"),
    ("restriction_end", "date"),
    ("period_start", "date"),
    ("period_end", "date"),
    ("overlap_days", "int"),
    ("distance_m", "float"),
    ("usrn_match", "bool"),
)
#: The unusable layer's fields: which input, the reference, why.
UNUSABLE_FIELDS = (("layer", "str"), ("reference", "str"), ("reason", "str"))
#: Points and lines in a mixed findings layer are widened by this much (m) so it has one type.
WIDEN_M = 1.0
_MULTI_TYPE = {0: "MULTIPOINT", 1: "MULTILINESTRING", 2: "MULTIPOLYGON"}


def findings_columns(works: Works, restrictions: Works, result: RestrictionFindings) -> dict[str, Any]:
    """The findings layer's columns (:data:`FINDING_FIELDS`), a row per finding."""
    n = len(result)
    w, r = np.asarray(result.works, dtype=np.int64), np.asarray(result.restriction, dtype=np.int64)
    names = np.array([FINDING_NAMES.get(k) for k in range(max(FINDING_NAMES) + 1)], dtype=object)

    def text(values: np.ndarray | None, rows: np.ndarray) -> list[str | None]:
        return [None] * len(rows) if values is None else plain_column(values, rows)

    return {
        "works_ref": [str(v) for v in pick(works.ids, w).tolist()],
        "restriction_ref": [str(v) for v in pick(restrictions.ids, r).tolist()],
        "finding": names[np.asarray(result.finding, dtype=np.int64)],
        "promoter": text(works.owners, w),
        "category": text(works.categories, w),
        "activity_type": text(works.activity_types, w),
        "works_start": day_dates(works.start, w),
        "works_end": day_dates(works.end, w),
        "restriction_status": text(restrictions.statuses, r),
        "restriction_start": day_dates(restrictions.start, r),
        "restriction_end": day_dates(restrictions.end, r),
        "period_start": day_dates(result.period_start, np.arange(n)),
        "period_end": day_dates(result.period_end, np.arange(n)),
        "overlap_days": np.asarray(result.overlap_days, dtype=np.int64),
        "distance_m": np.asarray(result.distance, dtype=float),
        "usrn_match": np.asarray(result.usrn_match, dtype=bool),
    }


def findings_geometries(geometries: np.ndarray) -> tuple[np.ndarray, str | None, int]:
    """The findings' geometries for a layer of one type: one-part multi geometries, the
    layer's type (None when there are no findings: the caller picks the works' type), and how
    many points and lines were widened by :data:`WIDEN_M` into polygons because the findings
    mix dimensions."""
    geoms = np.asarray(geometries, dtype=object)
    dims = shapely.get_dimensions(geoms) if len(geoms) else np.zeros(0, dtype=np.int64)
    kinds = set(dims.tolist())
    if len(kinds) <= 1:
        return as_multi(geoms), _MULTI_TYPE[kinds.pop()] if kinds else None, 0
    thin = dims < 2
    geoms = geoms.copy()
    geoms[thin] = shapely.buffer(geoms[thin], WIDEN_M, quad_segs=4)
    return as_multi(geoms), _MULTI_TYPE[2], int(thin.sum())


def unusable_rows(
    works: Works, restrictions: Works, result: RestrictionFindings
) -> list[tuple[str, Any, str]]:
    """(layer, reference, reason) of every works and restriction that could not be checked."""
    works_refs = pick(works.ids, np.asarray(result.works_unusable, dtype=np.int64))
    restriction_refs = pick(restrictions.ids, np.asarray(result.restrictions_unusable, dtype=np.int64))
    rows = [
        ("works", ref, reason)
        for ref, reason in zip(works_refs.tolist(), result.works_unusable_reasons, strict=True)
    ]
    return rows + [
        ("restrictions", ref, reason)
        for ref, reason in zip(restriction_refs.tolist(), result.restrictions_unusable_reasons, strict=True)
    ]


def unusable_columns(rows: list[tuple[str, Any, str]]) -> dict[str, list[Any]]:
    """The unusable layer's columns (:data:`UNUSABLE_FIELDS`) of :func:`unusable_rows`."""
    return {
        "layer": [layer for layer, _, _ in rows],
        "reference": [plain_text(ref) for _, ref, _ in rows],
        "reason": [str(reason) for _, _, reason in rows],
    }
