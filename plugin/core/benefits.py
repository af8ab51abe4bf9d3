"""What sharing the trench saves, per coordination group and in total. No QGIS here.

A coordination group is a set of works linked by clashes or dig-once opportunities (the groups
of ``digonce:findworksoverlaps``). For a group whose works last d_1 .. d_n days (end - start + 1,
both days counted):

``street_days_planned`` = d_1 + .. + d_n
    the days a street is open when every works digs on its own.
``street_days_shared`` = max(d_i)
    the days of one shared opening as long as the longest works (an upper-bound assumption: the
    works fit in one opening).
``days_avoided`` = street_days_planned - street_days_shared
    days of disruption avoided (the groups layer's ``days_saved``).

Optional inputs, each with its own figure (``None`` when the input was not given, so "not
computed" is never confused with zero):

premises (points, e.g. OS Open UPRN) or postcode household counts (points with a count)
    ``premises``: points within ``reach_m`` of any of the group's works; ``households``: the sum of
    their counts (1 per point without a count field). ``wellbeing_gbp`` = days_avoided x
    households x ``value_per_household_day``. The default £1.61 per household per day is the
    figure of the GLA Infrastructure Coordination Service's public benefits prototype (the
    wellbeing valuation of works disruption); it is a parameter, change it to your own.
lane-rental streets (lines or polygons, e.g. TfL's lane-rental streets)
    a works is on a charged street when it lies within ``lane_rental_distance_m`` of one;
    ``charged_days_avoided`` = the same sum-minus-longest over the group's charged works only;
    ``lane_rental_gbp`` = charged_days_avoided x ``lane_rental_charge_per_day``.
bus stops (points, e.g. NaPTAN's Stops.csv)
    ``bus_stops``: stops within ``reach_m`` of any of the group's works.

Totals add the groups' figures (a premises near two groups counts in each).

>>> import shapely
>>> g = GroupWorks(1, [shapely.Point(0, 0), shapely.Point(10, 0)], [0, 5], [9, 24])
>>> b = compute_benefits([g])[0]
>>> (b.street_days_planned, b.street_days_shared, b.days_avoided, b.households)
(30, 20, 10, None)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from .errors import InputError

#: The wellbeing value of one household-day of street works disruption avoided, in pounds: the
#: figure of the GLA Infrastructure Coordination Service's public benefits prototype.
DEFAULT_VALUE_PER_HOUSEHOLD_DAY = 1.61
#: TfL's lower lane-rental charge, pounds per day (the higher one, for the most traffic-sensitive
#: times, is £2,500): a parameter, as charges change.
DEFAULT_LANE_RENTAL_CHARGE = 800.0
DEFAULT_REACH_M = 50.0
DEFAULT_LANE_RENTAL_DISTANCE_M = 10.0

#: NaPTAN stop types that are bus or coach stops: on street (BCT), in a bus station (BCS),
#: variable bay (BCQ).
NAPTAN_BUS_STOP_TYPES = frozenset({"BCT", "BCS", "BCQ"})
#: NaPTAN statuses of stops no longer in use.
NAPTAN_INACTIVE = frozenset({"del", "deleted", "inactive", "pen", "pending"})


@dataclass(frozen=True)
class BenefitParameters:
    """Every factor of the benefit figures; stamped in the outputs."""

    reach_m: float = DEFAULT_REACH_M
    value_per_household_day: float = DEFAULT_VALUE_PER_HOUSEHOLD_DAY
    lane_rental_distance_m: float = DEFAULT_LANE_RENTAL_DISTANCE_M
    lane_rental_charge_per_day: float = DEFAULT_LANE_RENTAL_CHARGE

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass
class Points:
    """Points in EPSG:27700 with an optional count each (households of a postcode)."""

    x: np.ndarray
    y: np.ndarray
    counts: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.x = np.asarray(self.x, dtype=float)
        self.y = np.asarray(self.y, dtype=float)
        if self.counts is not None:
            self.counts = np.nan_to_num(np.asarray(self.counts, dtype=float), nan=0.0)
        keep = np.isfinite(self.x) & np.isfinite(self.y)
        if not keep.all():
            self.x, self.y = self.x[keep], self.y[keep]
            if self.counts is not None:
                self.counts = self.counts[keep]

    def __len__(self) -> int:
        return len(self.x)


@dataclass
class GroupWorks:
    """One group's works: geometries (EPSG:27700) and integer start/end days."""

    group_id: int
    geometries: Sequence[Any]
    starts: Sequence[int]
    ends: Sequence[int]


@dataclass
class GroupBenefit:
    group_id: int
    n_works: int
    street_days_planned: int
    street_days_shared: int
    days_avoided: int
    premises: int | None = None
    households: float | None = None
    wellbeing_gbp: float | None = None
    charged_works: int | None = None
    charged_days_avoided: int | None = None
    lane_rental_gbp: float | None = None
    bus_stops: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


#: Figures of :class:`GroupBenefit`, in order (for tables and exports).
BENEFIT_FIELDS = tuple(f.name for f in fields(GroupBenefit))


@dataclass
class Inputs:
    """Which optional inputs were given (for the report's and the exports' notes)."""

    premises: bool = False
    household_counts: bool = False
    lane_rental: bool = False
    bus_stops: bool = False
    names: dict[str, str] = field(default_factory=dict)


def _durations(starts: Sequence[int], ends: Sequence[int]) -> np.ndarray:
    s = np.asarray(starts, dtype=np.int64)
    e = np.asarray(ends, dtype=np.int64)
    d = e - s + 1
    return d[d > 0]


def _sum_minus_longest(durations: np.ndarray) -> int:
    return int(durations.sum() - durations.max()) if len(durations) else 0


def _within(tree: shapely.STRtree | None, geometries: Sequence[Any], distance: float) -> np.ndarray:
    """Indices of the tree's points at most ``distance`` metres from any of the geometries
    (the exact distance, inclusive)."""
    geoms = np.array([g for g in geometries if g is not None and not shapely.is_empty(g)], dtype=object)
    if tree is None or len(geoms) == 0:
        return np.zeros(0, dtype=np.int64)
    pairs = tree.query(geoms, predicate="dwithin", distance=distance)
    return np.unique(pairs[1])


def compute_benefits(
    groups: Iterable[GroupWorks],
    parameters: BenefitParameters | None = None,
    *,
    premises: Points | None = None,
    lane_rental: Sequence[Any] | None = None,
    bus_stops: Points | None = None,
) -> list[GroupBenefit]:
    """The benefit figures of each group, in the order given (see the module's rules)."""
    p = parameters or BenefitParameters()
    premises_tree = shapely.STRtree(shapely.points(premises.x, premises.y)) if premises is not None else None
    stops_tree = shapely.STRtree(shapely.points(bus_stops.x, bus_stops.y)) if bus_stops is not None else None
    lane_geoms = None
    lane_tree = None
    if lane_rental is not None:
        lane_geoms = np.array(
            [g for g in lane_rental if g is not None and not shapely.is_empty(g)], dtype=object
        )
        lane_tree = shapely.STRtree(lane_geoms)
    out = []
    for group in groups:
        durations = _durations(group.starts, group.ends)
        planned = int(durations.sum()) if len(durations) else 0
        shared = int(durations.max()) if len(durations) else 0
        benefit = GroupBenefit(
            group_id=group.group_id,
            n_works=len(group.geometries),
            street_days_planned=planned,
            street_days_shared=shared,
            days_avoided=planned - shared,
        )
        if premises is not None:
            inside = _within(premises_tree, group.geometries, p.reach_m)
            benefit.premises = int(len(inside))
            counts = premises.counts
            benefit.households = float(counts[inside].sum()) if counts is not None else float(len(inside))
            benefit.wellbeing_gbp = round(
                benefit.days_avoided * benefit.households * p.value_per_household_day, 2
            )
        if bus_stops is not None:
            benefit.bus_stops = int(len(_within(stops_tree, group.geometries, p.reach_m)))
        if lane_tree is not None:
            charged = []
            for geom, start, end in zip(group.geometries, group.starts, group.ends, strict=True):
                if geom is None or len(lane_geoms) == 0:
                    continue
                near = lane_tree.query(geom, predicate="dwithin", distance=p.lane_rental_distance_m)
                if len(near):
                    charged.append((start, end))
            days = _durations([s for s, _ in charged], [e for _, e in charged])
            benefit.charged_works = len(charged)
            benefit.charged_days_avoided = _sum_minus_longest(days)
            benefit.lane_rental_gbp = round(benefit.charged_days_avoided * p.lane_rental_charge_per_day, 2)
        out.append(benefit)
    return out


def totals(benefits: Sequence[GroupBenefit]) -> dict[str, Any]:
    """The figures added over the groups; ``None`` stays ``None`` (input not given)."""
    out: dict[str, Any] = {"groups": len(benefits)}
    for name in BENEFIT_FIELDS:
        if name == "group_id":
            continue
        values = [getattr(b, name) for b in benefits]
        given = [v for v in values if v is not None]
        if not benefits:
            out[name] = 0
        elif len(given) < len(values):
            out[name] = None
        else:
            total = sum(given)
            out[name] = round(total, 2) if isinstance(total, float) else total
    return out


def read_naptan_stops(path: str | Path) -> tuple[Points, list[str]]:
    """Bus and coach stops of a NaPTAN ``Stops.csv`` (Easting, Northing in EPSG:27700).

    Kept: ``StopType`` BCT, BCS or BCQ, whose ``Status`` is not deleted, inactive or pending.
    Returns the stops and one reason per row left out for a bad coordinate (naming the row).
    Stops of other types or statuses are not reasons: they are not bus stops in use.

    >>> import tempfile, os
    >>> text = "ATCOCode,Easting,Northing,StopType,Status\\n1,530000,180000,BCT,act\\n2,1,2,RSE,act\\n3,x,1,BCT,act\\n"
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as fh:
    ...     _ = fh.write(text)
    >>> stops, rejects = read_naptan_stops(fh.name); os.unlink(fh.name)
    >>> len(stops), rejects
    (1, ["row 4 (ATCOCode 3): Easting/Northing 'x', '1' is not a coordinate"])
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"the bus stops file cannot be read: {exc.strerror or exc}", path=str(path)) from exc
    text = raw.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    missing = [c for c in ("easting", "northing") if c not in header]
    if missing:
        raise InputError(
            "a NaPTAN stops file needs the columns Easting and Northing; its columns are: "
            + ", ".join(reader.fieldnames or []),
            path=str(path),
            field=", ".join(missing),
        )
    e_col, n_col = header["easting"], header["northing"]
    type_col, status_col, id_col = header.get("stoptype"), header.get("status"), header.get("atcocode")
    xs: list[float] = []
    ys: list[float] = []
    rejects: list[str] = []
    for n, row in enumerate(reader, start=2):
        if type_col and (row.get(type_col) or "").strip().upper() not in NAPTAN_BUS_STOP_TYPES:
            continue
        if status_col and (row.get(status_col) or "").strip().lower() in NAPTAN_INACTIVE:
            continue
        try:
            x, y = float(row.get(e_col) or ""), float(row.get(n_col) or "")
            if not (np.isfinite(x) and np.isfinite(y)):
                raise ValueError
        except ValueError:
            ident = f" (ATCOCode {row.get(id_col)})" if id_col else ""
            rejects.append(
                f"row {n}{ident}: Easting/Northing {row.get(e_col)!r}, {row.get(n_col)!r} is not a coordinate"
            )
            continue
        xs.append(x)
        ys.append(y)
    return Points(np.array(xs), np.array(ys)), rejects
