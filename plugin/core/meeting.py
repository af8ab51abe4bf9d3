"""The coordination groups of a meeting, as the report and the meeting pack show them. No QGIS here.

The QGIS side (``processing_algorithms/_meeting.py``) reads the results of
``digonce:findworksoverlaps`` into plain rows; this module makes the groups of them (the works of
a group are the works its pairs name, each works in at most one group, matched by
``permit_ref``), places each group (its streets and borough), computes its benefits, ranks the
groups, and names the meeting pack (place and period).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from . import benefits as core_benefits
from .boroughs import borough_by_code, boroughs_at, london_boroughs
from .dates import from_day_number, parse_day

#: works fields shown in the meeting (canonical names of the store's works layer)
WORK_FIELDS = ("permit_ref", "promoter", "category", "tm_type", "start_date", "end_date", "work_status",
               "permit_status", "street_name", "usrn", "highway_authority_swa")  # fmt: skip
PAIR_FIELDS = ("id_a", "id_b", "owner_a", "owner_b", "kind", "distance_m", "gap_days", "overlap_days",
               "group_id")  # fmt: skip
GROUP_FIELDS = ("group_id", "n_works", "n_owners", "owners", "first_start", "last_end", "n_clashes",
                "n_opportunities", "days_saved")  # fmt: skip
IMMEDIATE = ("immediate_emergency", "immediate_urgent", "emergency", "urgent")
#: a work's place decides its group's borough when it is at most this far outside every outline
#: (the outlines are generalised to 10 m and clipped to the Thames)
BOROUGH_TOLERANCE_M = 100.0

Row = dict[str, Any]


def is_immediate(category: Any) -> bool:
    """Immediate (emergency or urgent) works, which start without advance notice."""
    return str(category or "").strip().lower() in IMMEDIATE


def day(value: Any) -> int | None:
    """A plain attribute value (date, date-time, ISO text) as an integer day; None when empty
    or not a date (a group or works without a readable date is still shown)."""
    try:
        return parse_day(value)
    except (TypeError, ValueError):
        return None


@dataclass
class MeetingGroup:
    group_id: int
    row: Row
    works: list[Row] = field(default_factory=list)  # attributes + "geometry" (shapely)
    pairs: list[Row] = field(default_factory=list)  # attributes + "geometry"
    borough: str = ""
    borough_code: str = ""
    streets: list[tuple[str, str, int]] = field(default_factory=list)  # name, usrn, works
    benefit: core_benefits.GroupBenefit | None = None

    @property
    def n_immediate(self) -> int:
        return sum(1 for w in self.works if w["immediate"])

    def where(self) -> str:
        """Street names and USRNs, most works first."""
        parts = []
        for name, usrn, _n in self.streets:
            parts.append(f"{name or '?'} (USRN {usrn})" if usrn else (name or "?"))
        return "; ".join(parts)

    def geometries(self) -> list[Any]:
        """The works' geometries, else (no works layer) the pairs' links."""
        geoms = [w["geometry"] for w in self.works if w.get("geometry") is not None]
        return geoms or [p["geometry"] for p in self.pairs if p.get("geometry") is not None]


@dataclass
class BenefitInputs:
    """The optional inputs of the benefit figures, and what the run was given of each."""

    premises: core_benefits.Points | None = None
    lane_rental: list[Any] | None = None
    bus_stops: core_benefits.Points | None = None
    given: list[tuple[str, str]] = field(default_factory=list)  # (input, what was given or "not given")


def assemble_groups(
    group_rows: Iterable[Row],
    pair_rows: Iterable[Row],
    read_works: Callable[[], Iterable[Row]] | None = None,
) -> list[MeetingGroup]:
    """Every group with its pairs and works, placed. ``read_works`` is called (the works layer
    read) only when a pair names a works."""
    groups: dict[int, MeetingGroup] = {}
    for row in group_rows:
        if row["group_id"] is None:
            continue
        gid = int(row["group_id"])
        groups[gid] = MeetingGroup(gid, row)
    members: dict[str, int] = {}
    for row in pair_rows:
        gid = row["group_id"]
        if gid is None or int(gid) not in groups:
            continue
        groups[int(gid)].pairs.append(row)
        for key in ("id_a", "id_b"):
            if row[key] is not None:
                members[str(row[key])] = int(gid)
    if read_works is not None and members:
        for row in read_works():
            gid = members.get(str(row["permit_ref"]))
            if gid is None:
                continue
            row["start"], row["end"] = day(row["start_date"]), day(row["end_date"])
            row["immediate"] = is_immediate(row["category"])
            groups[gid].works.append(row)
    for group in groups.values():
        group.works.sort(
            key=lambda w: (w["start"] if w["start"] is not None else 10**9, str(w["permit_ref"]))
        )
        _place(group)
    return list(groups.values())


def _place(group: MeetingGroup) -> None:
    """The group's streets (most works first) and borough (the one holding most of its works)."""
    streets = Counter(
        (str(w["street_name"] or "").strip(), str(w["usrn"] or "").strip()) for w in group.works
    )
    streets.pop(("", ""), None)
    group.streets = [
        (name, usrn, n) for (name, usrn), n in sorted(streets.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    geoms = group.geometries()
    names: Counter = Counter()
    if geoms:
        centres = shapely.centroid(np.array(geoms, dtype=object))
        found = boroughs_at(shapely.get_x(centres), shapely.get_y(centres), within=BOROUGH_TOLERANCE_M)
        boroughs = london_boroughs()
        names.update(boroughs[i].gss_code for i in found if i >= 0)
    if not names:  # no place in an outline: the highway authority's street-works code
        for w in group.works:
            b = borough_by_code(str(w.get("highway_authority_swa") or ""))
            if b is not None:
                names[b.gss_code] += 1
    if names:
        ranked_codes = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))
        first = borough_by_code(ranked_codes[0][0])
        group.borough = "; ".join(borough_by_code(code).name for code, _ in ranked_codes)
        group.borough_code = first.gss_code if first else ""


def compute_group_benefits(
    groups: list[MeetingGroup], params: core_benefits.BenefitParameters, inputs: BenefitInputs
) -> None:
    """Fills ``group.benefit``. Without the works layer, the groups layer's own days_saved
    stands for days avoided (the other figures need the works)."""
    with_works = [g for g in groups if g.works]
    result = core_benefits.compute_benefits(
        [core_benefits.GroupWorks(g.group_id, [w["geometry"] for w in g.works],
                                  [w["start"] if w["start"] is not None else 0 for w in g.works],
                                  [w["end"] if w["end"] is not None else -1 for w in g.works]) for g in with_works],
        params, premises=inputs.premises, lane_rental=inputs.lane_rental, bus_stops=inputs.bus_stops,
    )  # fmt: skip
    for group, benefit in zip(with_works, result, strict=True):
        group.benefit = benefit
    for group in groups:
        if group.benefit is None:
            saved = int(group.row.get("days_saved") or 0)
            group.benefit = core_benefits.GroupBenefit(
                group.group_id, int(group.row.get("n_works") or 0), 0, 0, saved
            )


def ranked(groups: list[MeetingGroup]) -> list[MeetingGroup]:
    """Most days of disruption avoided first, then most street-days, then the group number."""
    return sorted(
        groups,
        key=lambda g: (-g.benefit.days_avoided, -g.benefit.street_days_planned, g.group_id),
    )


# -- naming the meeting pack ----------------------------------------------------------------


def slug(text: str) -> str:
    """A file-name part: ascii, lower case, words joined by hyphens (``Kensington and Chelsea``
    -> ``kensington-and-chelsea``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "london"


def main_borough(groups: list[MeetingGroup]) -> str:
    """The borough holding more than half of the groups (a group's first borough), else london."""
    counts = Counter(g.borough.split("; ")[0] for g in groups if g.borough)
    if counts:
        name, n = counts.most_common(1)[0]
        if n * 2 > len(groups):
            return name
    return "london"


def period(groups: list[MeetingGroup], today: dt.date | None = None) -> str:
    """The month most groups start in (the later month on a tie), else this month."""
    months: Counter = Counter()
    for g in groups:
        first = day(g.row.get("first_start"))
        if first is not None:
            date = from_day_number(first)
            months[f"{date.year:04d}-{date.month:02d}"] += 1
    if not months:
        return (today or dt.date.today()).strftime("%Y-%m")
    return max(months.items(), key=lambda kv: (kv[1], kv[0]))[0]


# -- the meeting pack's tables ------------------------------------------------------------------

#: (column, kind) of each table; kind is "int", "double", "text" or "date"
GROUP_COLUMNS = (
    ("rank", "int"), ("group_id", "int"), ("borough", "text"), ("streets", "text"), ("n_works", "int"),
    ("n_owners", "int"), ("owners", "text"), ("first_start", "date"), ("last_end", "date"),
    ("n_clashes", "int"), ("n_opportunities", "int"), ("n_immediate", "int"), ("days_avoided", "int"),
    ("street_days_planned", "int"), ("street_days_shared", "int"), ("premises", "int"), ("households", "double"),
    ("wellbeing_gbp", "double"), ("charged_works", "int"), ("charged_days_avoided", "int"),
    ("lane_rental_gbp", "double"), ("bus_stops", "int"), ("easting", "double"), ("northing", "double"),
)  # fmt: skip
WORK_COLUMNS = (
    ("rank", "int"), ("group_id", "int"), ("n", "int"), ("permit_ref", "text"), ("promoter", "text"),
    ("category", "text"), ("immediate_or_planned", "text"), ("tm_type", "text"), ("start_date", "date"),
    ("end_date", "date"), ("work_status", "text"), ("permit_status", "text"), ("street_name", "text"),
    ("usrn", "text"), ("easting", "double"), ("northing", "double"),
)  # fmt: skip
PAIR_COLUMNS = (
    ("rank", "int"), ("group_id", "int"), ("id_a", "text"), ("id_b", "text"), ("owner_a", "text"),
    ("owner_b", "text"), ("kind", "text"), ("distance_m", "double"), ("gap_days", "int"), ("overlap_days", "int"),
)  # fmt: skip
PARAMETER_COLUMNS = (("section", "text"), ("name", "text"), ("value", "text"))


def as_date(value: Any) -> dt.date | None:
    """A date cell: a day number, a date, a date-time (its date) or ISO text (its first ten
    characters); None when empty or not a date."""
    if value is None:
        return None
    if isinstance(value, int):
        value = from_day_number(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def centre(geoms: Iterable[Any]) -> tuple[float | None, float | None]:
    """The centre of the geometries' bounds, to 0.1 m; (None, None) without one."""
    geoms = [g for g in geoms if g is not None]
    if not geoms:
        return None, None
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    return round((minx + maxx) / 2, 1), round((miny + maxy) / 2, 1)


def group_rows(groups: list[MeetingGroup]) -> list[list[Any]]:
    """The groups sheet: one row per group, in rank order, with its benefit figures (the
    figures that need the works are empty without them)."""
    rows = []
    for rank, g in enumerate(groups, start=1):
        b = g.benefit.as_dict()
        x, y = centre([w["geometry"] for w in g.works] or [p["geometry"] for p in g.pairs])
        rows.append([
            rank, g.group_id, g.borough, g.where(), g.row.get("n_works"), g.row.get("n_owners"),
            g.row.get("owners"), as_date(g.row.get("first_start")), as_date(g.row.get("last_end")),
            g.row.get("n_clashes"), g.row.get("n_opportunities"), g.n_immediate if g.works else None,
            b["days_avoided"], b["street_days_planned"] if g.works else None,
            b["street_days_shared"] if g.works else None, b["premises"], b["households"], b["wellbeing_gbp"],
            b["charged_works"], b["charged_days_avoided"], b["lane_rental_gbp"], b["bus_stops"], x, y,
        ])  # fmt: skip
    return rows


def work_rows(groups: list[MeetingGroup]) -> list[list[Any]]:
    """The works sheet: the works of each group, numbered as on the group's map."""
    rows = []
    for rank, g in enumerate(groups, start=1):
        for n, w in enumerate(g.works, start=1):
            x, y = centre([w["geometry"]])
            rows.append([
                rank, g.group_id, n, w["permit_ref"], w["promoter"], w["category"],
                "immediate" if w["immediate"] else "planned", w["tm_type"], as_date(w["start_date"]),
                as_date(w["end_date"]), w["work_status"], w["permit_status"], w["street_name"],
                None if w["usrn"] is None else str(w["usrn"]), x, y,
            ])  # fmt: skip
    return rows


def pair_rows(groups: list[MeetingGroup]) -> list[list[Any]]:
    """The pairs sheet: the pairs of each group, by their two ids."""
    rows = []
    for rank, g in enumerate(groups, start=1):
        for p in sorted(g.pairs, key=lambda p: (str(p["id_a"]), str(p["id_b"]))):
            rows.append([rank, g.group_id, p["id_a"], p["id_b"], p["owner_a"], p["owner_b"], p["kind"],
                         p["distance_m"], p["gap_days"], p["overlap_days"]])  # fmt: skip
    return rows


def stamped_rows(section: str, run: Mapping[str, Any]) -> list[list[Any]]:
    """The parameters sheet's rows of one stamped run (``digonce_runs``)."""
    return [
        [section, key, run[key]]
        for key in ("algorithm", "created", "parameters", "qgis_version", "plugin_version")
    ]
