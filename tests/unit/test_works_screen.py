"""``works.screen`` gives every work the reason DOMAIN.md section 3 gives it (its first one, in
the stable order), on odd works of every kind, as a plain per-work reading of the rules does.

The screen works on whole columns (masks, bounds, one GEOS pass a step) for speed at 3M works;
these tests hold it to the rules read one work at a time."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from dig_once.plugin.core.schema import BNG_SANE_EXTENT, EXCLUDED_PERMIT_STATUSES
from dig_once.plugin.core.works import (
    MISSING_DAY,
    R_EMPTY_GEOMETRY,
    R_END_BEFORE_START,
    R_NO_END,
    R_NO_GEOMETRY,
    R_NO_START,
    R_NONFINITE,
    R_OUT_OF_EXTENT,
    R_UNREPAIRABLE,
    Works,
    normal_key,
    screen,
)

NAN, INF = math.nan, math.inf
X, Y = 530_000.0, 180_000.0


def _odd_geometries() -> list:
    """Every geometry kind, with a NaN, an infinity or a far coordinate in each place."""
    wkt = [
        "POINT EMPTY",
        "LINESTRING EMPTY",
        "POLYGON EMPTY",
        "GEOMETRYCOLLECTION EMPTY",
        f"MULTIPOINT ({X} {Y}, {X + 5} {Y})",
        f"GEOMETRYCOLLECTION (POINT ({X} {Y}), LINESTRING ({X} {Y}, {X + 9} {Y + 9}))",
        f"MULTILINESTRING (({X} {Y}, {X + 9} {Y}), ({X} {Y + 5}, {X + 9} {Y + 5}))",
        f"MULTIPOLYGON ((({X} {Y}, {X + 9} {Y}, {X + 9} {Y + 9}, {X} {Y})))",
        f"POLYGON (({X} {Y}, {X + 9} {Y + 9}, {X + 9} {Y}, {X} {Y + 9}, {X} {Y}))",  # bow tie
        f"POLYGON (({X} {Y}, {X + 9} {Y}, {X + 18} {Y}, {X} {Y}))",  # no area: repairs to a line
        f"POLYGON (({X} {Y}, {X} {Y}, {X} {Y}, {X} {Y}))",  # one point: repairs to a point
        f"POLYGON (({X} {Y}, {X + 20} {Y}, {X + 20} {Y + 20}, {X} {Y + 20}, {X} {Y}), "
        f"({X + 5} {Y + 5}, {X + 6} {Y + 5}, {X + 6} {Y + 6}, {X + 5} {Y + 5}))",
    ]
    geoms = [None, *shapely.from_wkt(wkt).tolist()]
    xmin, ymin, xmax, ymax = BNG_SANE_EXTENT
    for bad in (NAN, INF, -INF, xmax + 1, xmin - 1, 1e308):
        for k in range(5):  # the bad value at each coordinate of a closed ring, x then y
            ring = [(X, Y), (X + 9, Y), (X + 9, Y + 9), (X, Y + 9), (X, Y)]
            ring_y = [list(p) for p in ring]
            ring[k] = (bad, ring[k][1])
            ring_y[k][1] = bad
            geoms.append(shapely.Polygon(ring) if k not in (0, 4) else shapely.LineString(ring))
            geoms.append(shapely.LineString(ring_y[: k + 2]))
            geoms.append(shapely.MultiPoint([(X, Y), (bad, Y), (X, bad)][: k % 3 + 1]))
        square = [(X, Y), (X + 9, Y), (X + 9, Y + 9), (X, Y + 9), (X, Y)]
        hole = [(X + 2, Y + 2), (X + 3, Y + 2), (bad, Y + 3), (X + 2, Y + 2)]
        geoms += [
            shapely.MultiLineString([[(X, Y), (X + 9, Y)], [(X, Y + 5), (X + 9, bad)]]),
            shapely.MultiPolygon(
                [shapely.Polygon(square), shapely.Polygon([square[0], (bad, Y), *square[2:]])]
            ),
            shapely.Polygon(square, [hole]),
            shapely.LinearRing(square[:2] + [(bad, Y + 9)] + square[3:]),
            shapely.LineString([(X, Y, 0.0), (X + 9, Y, bad)]),  # z is not read: a usable line
            shapely.GeometryCollection([shapely.LineString([(X, Y), (X, bad)])]),
            shapely.Point(bad, Y),
            shapely.Point(X, bad),
            shapely.Point(bad, bad),
            shapely.GeometryCollection([shapely.Point(X, Y), shapely.Point(bad, Y)]),
            shapely.LineString([(bad, bad), (bad, bad)]),
        ]
    return geoms


def _expected(works: Works, excluded: set) -> list:
    """The rules read one work at a time: excluded, else the caller's reason, else the first of
    missing, empty, NaN/infinite, far, no start, no end, end before start, unrepairable."""
    out = []
    for k in range(len(works)):
        geom = works.geometries[k]
        if normal_key(works.statuses[k]) in excluded:
            out.append("excluded")
            continue
        reason = works.reasons[k] or None
        if reason is None and geom is None:
            reason = R_NO_GEOMETRY
        elif reason is None and geom.is_empty:
            reason = R_EMPTY_GEOMETRY
        if reason is None:
            xy = shapely.get_coordinates(geom)
            finite = np.isfinite(xy).all(axis=1)
            xmin, ymin, xmax, ymax = BNG_SANE_EXTENT
            far = finite & ((xy[:, 0] < xmin) | (xy[:, 0] > xmax) | (xy[:, 1] < ymin) | (xy[:, 1] > ymax))
            reason = R_NONFINITE if not finite.all() else R_OUT_OF_EXTENT if far.any() else None
        start, end = works.start[k], works.end[k]
        if reason is None:
            if start == MISSING_DAY:
                reason = R_NO_START
            elif end == MISSING_DAY:
                reason = R_NO_END
            elif end < start:
                reason = R_END_BEFORE_START
        if reason is None and shapely.get_type_id(geom) in (3, 6, 7) and not geom.is_valid:
            repaired = shapely.make_valid(geom)
            reason = R_UNREPAIRABLE if repaired is None or repaired.is_empty else None
        out.append(reason)
    return out


@pytest.mark.parametrize("piece", [10**9, 7])  # polygons checked at once, or in pieces on every core
def test_every_odd_work_gets_the_reason_the_rules_give_it_and_only_usable_works_take_part(monkeypatch, piece):
    from dig_once.plugin.core import works as works_module

    monkeypatch.setattr(works_module, "_VALIDITY_CHUNK", piece)
    geoms = _odd_geometries()
    good = shapely.Point(X, Y)
    n_odd = len(geoms)
    # the odd geometries with good dates, then good points with every other odd value
    geoms += [good] * 12
    n = len(geoms)
    start = [10] * n
    end = [20] * n
    start[n_odd : n_odd + 3] = [None, 10, 30]
    end[n_odd : n_odd + 3] = [20, None, 20]
    statuses = ["granted"] * n
    statuses[n_odd + 3 : n_odd + 8] = ["Refused", " cancelled ", None, NAN, 7]
    statuses[3] = "revoked"  # excluded beats a geometry reason
    reasons = [None] * n
    reasons[n_odd + 8] = "start date 'soon' is not a date"
    reasons[n_odd + 9] = ""  # empty: no reason
    reasons[1] = "end date 'never' is not a date"  # the caller's reason comes before the geometry's
    works = Works.from_columns(
        geoms, [f"w{k}" for k in range(n)], ["A"] * n, start, end, statuses=statuses, reasons=reasons
    )
    excluded = {normal_key(s) for s in EXCLUDED_PERMIT_STATUSES}
    expected = _expected(works, excluded)

    result = screen(works)

    got = ["excluded" if x else r for x, r in zip(result.excluded, result.reasons, strict=True)]
    assert got == expected
    assert result.usable.tolist() == [r is None for r in expected]
    assert {R_NONFINITE, R_OUT_OF_EXTENT, R_NO_GEOMETRY, R_EMPTY_GEOMETRY, R_NO_START} <= set(expected)
    assert result.n_repaired == 3  # the bow tie, the flat ring and the one-point ring
    changed = [k for k in range(n) if result.geometries[k] is not works.geometries[k]]
    assert len(changed) == 3 and shapely.is_valid(result.geometries[changed]).all()


def test_statuses_are_excluded_by_their_normalised_key_whatever_their_type_and_however_many_spellings():
    spellings = ["Cancelled", "CANCELLED", " cancelled", "cancelled ", "Cancelled\t", "REFUSED"]
    values = [*spellings, "granted", None, NAN, 7, "7", "in  progress", ""]
    statuses = [values[k % len(values)] for k in range(200)]
    geoms = [shapely.Point(X, Y)] * 200
    works = Works.from_columns(geoms, list(range(200)), ["A"] * 200, [1] * 200, [2] * 200, statuses=statuses)
    for excluded in (["cancelled", "refused"], ["cancelled"], ["7", "In Progress"], []):
        keys = {normal_key(s) for s in excluded}
        assert screen(works, excluded).excluded.tolist() == [
            bool(excluded) and normal_key(s) in keys for s in statuses
        ], excluded


def _squares_and_bow_ties(n: int) -> Works:
    corner = np.c_[np.arange(n) * 20.0 + X, np.full(n, Y)][:, None, :]
    square = corner + np.array([(0, 0), (9, 0), (9, 9), (0, 9), (0, 0)])
    bow_tie = corner + np.array([(0, 0), (9, 9), (9, 0), (0, 9), (0, 0)])
    rings = np.where((np.arange(n) % 7 == 0)[:, None, None], bow_tie, square)
    return Works.from_columns(shapely.polygons(rings), list(range(n)), ["A"] * n, [1] * n, [2] * n)


def test_many_polygons_are_checked_for_validity_in_pieces_with_progress_in_between(monkeypatch):
    """GEOS's validity check is the longest step of the screen (0.9 s at England scale, where
    progress and cancel went unanswered): it is done in pieces, on every core, with progress
    between them; the same polygons are repaired."""
    from dig_once.plugin.core import works as works_module

    works = _squares_and_bow_ties(5000)
    monkeypatch.setattr(works_module, "_VALIDITY_CHUNK", 10**9)
    whole = screen(works)
    # 50 pieces: on two cores pieces finishing together share one progress call, and with 10
    # pieces five calls inside the step were not certain (a clean CI run saw three)
    monkeypatch.setattr(works_module, "_VALIDITY_CHUNK", 100)
    seen: list[float] = []
    pieces = screen(works, progress=seen.append)
    assert len([f for f in seen if 0.6 < f < 0.9]) >= 5
    assert pieces.n_repaired == whole.n_repaired == len(range(0, 5000, 7))
    assert pieces.usable.tolist() == whole.usable.tolist()
    assert shapely.to_wkb(pieces.geometries).tolist() == shapely.to_wkb(whole.geometries).tolist()


def test_a_cancel_during_the_validity_check_stops_the_screen(monkeypatch):
    from dig_once.plugin.core import works as works_module
    from dig_once.plugin.core.errors import Cancelled

    monkeypatch.setattr(works_module, "_VALIDITY_CHUNK", 500)

    def progress(fraction: float) -> None:
        if fraction > 0.6:
            raise Cancelled("cancelled while screening")

    with pytest.raises(Cancelled):
        screen(_squares_and_bow_ties(5000), progress=progress)
