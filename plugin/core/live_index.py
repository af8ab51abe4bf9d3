"""Live clash check of a plan being edited against the works register. No QGIS.

The register (often a million works) is indexed **once** into an ``rtree`` index, bulk
loaded from a generator stream. The plan's features live in a second ``rtree`` index that is
updated in place as the planner adds, moves or deletes features: each edit recomputes the
pairs of that one feature only (a bounding-box query expanded by the distance, then the
exact GEOS distance and the date windows), so an edit costs milliseconds whatever the size
of the register.

The definitions are those of the overlap engine (:mod:`.overlaps`, DOMAIN.md section 3):
*near* is ``shapely.distance <= distance`` (inclusive); windows are closed day intervals and
are classified by :func:`.pairs.classify_windows` (clash: windows overlap; opportunity:
gap ``<= max_gap_days``); pairs with the same owner are left out unless
``include_same_owner``; register works with an excluded status or no usable window/geometry
are screened out by :func:`.works.screen`, and so is each plan feature as it is edited (the
same reasons, the same repair of invalid polygons). Two features of the plan are paired with
each other too (a joint plan may hold several owners).

Example
-------
>>> import shapely
>>> register = RegisterIndex.build(Works.from_columns(
...     shapely.points([[0, 0], [30, 0], [500, 0]]), ["W1", "W2", "W3"], ["UKPN", "TW", "BT"],
...     [0, 0, 0], [10, 10, 10]))
>>> live = LiveCheck(register, distance=25, max_gap_days=90)
>>> [(p.other_id, p.kind_name) for p in live.update(1, shapely.Point(10, 0), 5, 20, "Cadent")]
[('W1', 'clash'), ('W2', 'clash')]
>>> live.update(1, shapely.Point(480, 0), 5, 20, "Cadent")[0].other_id
'W3'
>>> live.remove(1); live.pairs_of(1)
[]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from rtree import index as rtree_index

from .pairs import KIND_NAMES, classify_windows
from .schema import EXCLUDED_PERMIT_STATUSES
from .works import Works, normal_key, screen

REGISTER = "register"
PLAN = "plan"


def _rtree_properties() -> rtree_index.Property:
    props = rtree_index.Property()
    props.dimension = 2
    # libspatialindex's default node capacity (100) measured best for a 1M-item bulk load
    # and for queries (64 and 32 were slower at both).
    props.fill_factor = 0.9
    return props


@dataclass
class RegisterIndex:
    """The works register, screened and indexed once (positions are into the given arrays)."""

    geometries: np.ndarray  # shapely (repaired) geometries, object
    ids: np.ndarray  # object
    owners: np.ndarray  # object, as given
    owner_keys: np.ndarray  # object: normalised owner (None when empty)
    start: np.ndarray  # int64 days
    end: np.ndarray  # int64 days
    usable: np.ndarray  # bool
    tree: rtree_index.Index

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def n_indexed(self) -> int:
        return int(self.usable.sum())

    @classmethod
    def build(
        cls, works: Works, excluded_statuses: Sequence[str] = EXCLUDED_PERMIT_STATUSES
    ) -> RegisterIndex:
        """Screen the works like the overlap engine does and bulk-load the usable ones."""
        screening = screen(works, excluded_statuses)
        usable = screening.usable
        positions = np.flatnonzero(usable)
        bounds = shapely.bounds(screening.geometries[positions])
        tree = rtree_index.Index(_stream(positions, bounds), properties=_rtree_properties())
        owner_keys = np.empty(len(works), dtype=object)
        owner_keys[:] = [normal_key(o) for o in works.owners]
        return cls(
            geometries=screening.geometries,
            ids=works.ids,
            owners=works.owners,
            owner_keys=owner_keys,
            start=works.start,
            end=works.end,
            usable=usable,
            tree=tree,
        )


def _stream(positions: np.ndarray, bounds: np.ndarray) -> Iterator[tuple[int, tuple, None]]:
    """rtree's bulk-load stream: ``(id, (minx, miny, maxx, maxy), None)`` per item."""
    for pos, box in zip(positions.tolist(), bounds.tolist(), strict=True):
        yield pos, tuple(box), None


@dataclass(frozen=True)
class LivePair:
    """A clash or opportunity between a plan feature and a register work or another plan feature."""

    plan_fid: int
    other: str  # REGISTER or PLAN
    other_key: int  # register position or plan feature id
    other_id: Any  # register work id, or the plan feature id
    other_owner: Any
    kind: int  # overlaps.CLASH / OPPORTUNITY
    distance_m: float
    gap_days: int
    overlap_days: int

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


@dataclass
class _PlanFeature:
    geometry: Any
    bounds: tuple[float, float, float, float]
    start: int
    end: int
    owner: Any
    owner_key: str | None


def screen_plan_feature(geometry: Any, start: int | None, end: int | None) -> tuple[Any, str | None]:
    """A plan feature screened as the overlap engine screens works (:func:`.works.screen`): its
    geometry (an invalid polygon repaired) and why it cannot be checked, or None."""
    screening = screen(Works.from_columns([geometry], [None], [None], [start], [end]), ())
    return screening.geometries[0], screening.reasons[0]


class LiveCheck:
    """Pairs of each plan feature, kept up to date one edit at a time.

    ``update(fid, ...)`` after a feature is added or changed, ``remove(fid)`` after it is
    deleted; both touch the plan index incrementally and recompute that feature's pairs.
    """

    def __init__(
        self,
        register: RegisterIndex,
        *,
        distance: float = 25.0,
        max_gap_days: int = 90,
        include_same_owner: bool = False,
    ):
        if not np.isfinite(distance) or distance < 0:
            raise ValueError(f"distance must be a finite number >= 0, not {distance!r}")
        self.register = register
        self.distance = float(distance)
        self.max_gap_days = int(max_gap_days)
        self.include_same_owner = include_same_owner
        self.plan_tree = rtree_index.Index(properties=_rtree_properties())
        self._plan: dict[int, _PlanFeature] = {}
        self._pairs: dict[int, dict[tuple[str, int], LivePair]] = {}
        self.unusable: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._plan)

    # -- edits -------------------------------------------------------------------------

    def update(
        self, fid: int, geometry: Any, start: int | None, end: int | None, owner: Any = None
    ) -> list[LivePair]:
        """A plan feature was added or changed: re-index it and return its pairs."""
        fid = int(fid)
        self.remove(fid)
        geometry, reason = screen_plan_feature(geometry, start, end)
        if reason is not None:
            self.unusable[fid] = reason
            return []
        box = tuple(shapely.bounds(geometry).tolist())
        feature = _PlanFeature(geometry, box, int(start), int(end), owner, normal_key(owner))
        pairs = self._register_pairs(fid, feature) + self._plan_pairs(fid, feature)
        self._plan[fid] = feature
        self.plan_tree.insert(fid, box)
        mine = self._pairs.setdefault(fid, {})
        for pair in pairs:
            mine[(pair.other, pair.other_key)] = pair
            if pair.other == PLAN:
                self._pairs.setdefault(pair.other_key, {})[(PLAN, fid)] = _mirror(pair, feature)
        return self.pairs_of(fid)

    def remove(self, fid: int) -> None:
        """A plan feature was deleted (or is about to be re-indexed)."""
        fid = int(fid)
        self.unusable.pop(fid, None)
        feature = self._plan.pop(fid, None)
        if feature is None:
            return
        self.plan_tree.delete(fid, feature.bounds)
        for other, key in self._pairs.pop(fid, {}):
            if other == PLAN:
                self._pairs.get(key, {}).pop((PLAN, fid), None)

    # -- reading -----------------------------------------------------------------------

    def pairs_of(self, fid: int) -> list[LivePair]:
        """The pairs of one plan feature, clashes first, then by distance."""
        pairs = self._pairs.get(int(fid), {}).values()
        return sorted(pairs, key=lambda p: (p.kind, p.distance_m, str(p.other_id)))

    def all_pairs(self) -> list[LivePair]:
        """Every pair (a plan-plan pair appears once per side)."""
        return [p for fid in sorted(self._pairs) for p in self.pairs_of(fid)]

    def clashing_fids(self) -> set[int]:
        return {fid for fid, pairs in self._pairs.items() if pairs}

    def register_positions(self) -> set[int]:
        """Register works that take part in at least one pair."""
        return {key for pairs in self._pairs.values() for (other, key) in pairs if other == REGISTER}

    # -- the one-feature computation ---------------------------------------------------

    def _query_box(self, feature: _PlanFeature) -> tuple[float, float, float, float]:
        d = self.distance + 1e-6 + self.distance * 1e-9  # GEOS decides the exact distance
        minx, miny, maxx, maxy = feature.bounds
        return (minx - d, miny - d, maxx + d, maxy + d)

    def _register_pairs(self, fid: int, feature: _PlanFeature) -> list[LivePair]:
        reg = self.register
        cand = np.fromiter(reg.tree.intersection(self._query_box(feature)), dtype=np.int64)
        if not len(cand):
            return []
        if not self.include_same_owner and feature.owner_key is not None:
            cand = cand[reg.owner_keys[cand] != feature.owner_key]
        dist = shapely.distance(feature.geometry, reg.geometries[cand])
        near = dist <= self.distance
        cand, dist = cand[near], dist[near]
        n = len(cand)
        kind, gap, overlap = classify_windows(
            np.full(n, feature.start),
            np.full(n, feature.end),
            reg.start[cand],
            reg.end[cand],
            self.max_gap_days,
        )
        return [
            LivePair(fid, REGISTER, int(c), reg.ids[c], reg.owners[c], int(k), float(d), int(g), int(o))
            for c, k, d, g, o in zip(cand, kind, dist, gap, overlap, strict=True)
            if k
        ]

    def _plan_pairs(self, fid: int, feature: _PlanFeature) -> list[LivePair]:
        found = []
        for other_fid in self.plan_tree.intersection(self._query_box(feature)):
            other = self._plan[other_fid]
            if (
                not self.include_same_owner
                and feature.owner_key is not None
                and other.owner_key == feature.owner_key
            ):
                continue
            dist = float(shapely.distance(feature.geometry, other.geometry))
            if dist > self.distance:
                continue
            kind, gap, overlap = classify_windows(
                np.array([feature.start]),
                np.array([feature.end]),
                np.array([other.start]),
                np.array([other.end]),
                self.max_gap_days,
            )
            if kind[0]:
                found.append(
                    LivePair(
                        fid,
                        PLAN,
                        int(other_fid),
                        int(other_fid),
                        other.owner,
                        int(kind[0]),
                        dist,
                        int(gap[0]),
                        int(overlap[0]),
                    )
                )
        return found


def _mirror(pair: LivePair, feature: _PlanFeature) -> LivePair:
    """The same plan-plan pair seen from the other feature."""
    return LivePair(
        pair.other_key,
        PLAN,
        pair.plan_fid,
        pair.plan_fid,
        feature.owner,
        pair.kind,
        pair.distance_m,
        pair.gap_days,
        pair.overlap_days,
    )
